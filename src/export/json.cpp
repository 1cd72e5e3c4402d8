// "taizhang.plan/3": writer and reader (docs/json-format.md). The reader
// also takes "taizhang.plan/2" (a milestone's targets as copies, not
// indices) and "taizhang.plan/1" (before goals): it has no goals to read.
#include "export/json_writer.hpp"
#include "text/text.hpp"

#include <taizhang/json.hpp>
#include <taizhang/parser.hpp>

#include <boost/date_time/gregorian/gregorian.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <map>
#include <memory>
#include <tuple>
#include <variant>

namespace taizhang {

namespace {
// The format this library writes; docs/json-format.md says what changed.
constexpr std::string_view kPlanSchema = "taizhang.plan/3";
}  // namespace

namespace detail {

void write_span(JsonWriter& w, const Span& s) {
  w.key("span");
  w.begin_object();
  w.field("start", s.start);
  w.field("end", s.end);
  w.field("byte_start", s.byte_start);
  w.field("byte_end", s.byte_end);
  w.field("utf16_start", s.utf16_start);
  w.field("utf16_end", s.utf16_end);
  w.end_object();
}

void write_target(JsonWriter& w, const Target& t) {
  w.begin_object();
  w.field("text", t.text);
  w.field("subject", t.subject);
  w.field("value", t.value);
  w.field("low", t.low);
  w.field("high", t.high);
  w.field("unit", t.unit);
  w.field("cmp", to_string(t.cmp));
  w.field("baseline", t.baseline);
  w.field("aspirational", t.aspirational);
  w.field("cumulative", t.cumulative);
  w.field("increment", t.increment);
  w.field("growth", t.growth);
  write_span(w, t.span);
  w.end_object();
}

}  // namespace detail

namespace {

using Writer = detail::JsonWriter;
using detail::write_span;
using detail::write_target;

void write_date(Writer& w, std::string_view k, const std::optional<boost::gregorian::date>& d) {
  w.key(k);
  if (d) w.value(*d); else w.null();
}

void write_unit(Writer& w, const Unit& u) {
  w.begin_object();
  w.field("name", u.name);
  w.field("raw", u.raw);
  w.field("full_name", u.full_name);
  w.field("collective", u.collective);
  write_span(w, u.span);
  w.end_object();
}

void write_deadline(Writer& w, const Deadline& d) {
  w.begin_object();
  w.field("text", d.text);
  w.field("kind", to_string(d.kind));
  w.field("role", to_string(d.role));
  write_date(w, "start", d.start);
  write_date(w, "due", d.due);
  w.key("every");
  if (d.every == Recurrence::none) w.null(); else w.value(to_string(d.every));
  write_span(w, d.span);
  w.end_object();
}

// The dates, milestones and targets a measure and a goal both have.
void write_dated(Writer& w, const std::vector<Deadline>& dates, const std::vector<Milestone>& milestones,
                 const std::vector<Target>& targets) {
  w.key("dates");
  w.begin_array();
  for (const auto& d : dates) write_deadline(w, d);
  w.end_array();
  w.key("milestones");
  w.begin_array();
  for (const auto& ms : milestones) {
    w.begin_object();
    w.field("id", ms.id);
    w.key("deadline");
    write_deadline(w, ms.deadline);
    w.field("text", ms.text);
    write_span(w, ms.span);
    w.key("target_indices");
    w.begin_array();
    for (std::uint32_t k : ms.target_indices) w.value(static_cast<std::size_t>(k));
    w.end_array();
    w.end_object();
  }
  w.end_array();
  w.key("targets");
  w.begin_array();
  for (const auto& t : targets) write_target(w, t);
  w.end_array();
}

void write_measure(Writer& w, const Measure& m) {
  w.begin_object();
  w.field("id", m.id);
  w.field("number", m.number);
  w.field("marker", m.marker);
  w.field("title", m.title);
  w.field("text", m.text);
  write_span(w, m.span);
  w.key("lead_units");
  w.begin_array();
  for (const auto& u : m.lead_units) write_unit(w, u);
  w.end_array();
  w.key("co_units");
  w.begin_array();
  for (const auto& u : m.co_units) write_unit(w, u);
  w.end_array();
  w.key("leaders");
  w.begin_array();
  for (const auto& l : m.leaders) w.value(l);
  w.end_array();
  write_dated(w, m.dates, m.milestones, m.targets);
  w.end_object();
}

void write_goal(Writer& w, const Goal& g) {
  w.begin_object();
  w.field("id", g.id);
  w.field("heading", g.heading);
  w.field("text", g.text);
  write_span(w, g.span);
  write_dated(w, g.dates, g.milestones, g.targets);
  w.end_object();
}

void write_node(Writer& w, const OutlineNode& n) {
  w.begin_object();
  w.field("kind", to_string(n.kind));
  w.field("style", to_string(n.style));
  w.field("marker", n.marker);
  w.field("number", n.number);
  w.field("title", n.title);
  write_span(w, n.span);
  w.key("children");
  w.begin_array();
  for (const auto& c : n.children) write_node(w, c);
  w.end_array();
  w.end_object();
}

}  // namespace

namespace {

// Bytes of the model's strings and the number of spans (every object of
// the model has one), for json_size_hint.
struct Bulk {
  std::size_t text = 0, spans = 0;
  void add(std::string_view s) { text += s.size(); }
  void add(const Deadline& d) { add(d.text); ++spans; }
  void add(const Target& t) { add(t.text); add(t.subject); add(t.unit); ++spans; }
  void add(const std::vector<Deadline>& dates, const std::vector<Milestone>& milestones,
           const std::vector<Target>& targets) {
    for (const auto& d : dates) add(d);
    for (const auto& ms : milestones) {
      add(ms.id);
      add(ms.text);
      add(ms.deadline);
      ++spans;
      // A milestone names its targets by index: a short line each.
      text += 24 * ms.target_indices.size();
    }
    for (const auto& t : targets) add(t);
  }
  void add(const Measure& m) {
    for (std::string_view s : {std::string_view(m.id), std::string_view(m.marker), std::string_view(m.title), m.text.view()})
      add(s);
    for (const auto* units : {&m.lead_units, &m.co_units})
      for (const auto& u : *units) {
        add(u.name);
        add(u.raw);
        if (u.full_name) add(*u.full_name);
        ++spans;
      }
    for (const auto& l : m.leaders) add(l);
    add(m.dates, m.milestones, m.targets);
    ++spans;
  }
  void add(const OutlineNode& n) {
    add(n.marker);
    add(n.title);
    ++spans;
    for (const auto& c : n.children) add(c);
  }
};

// Room for the JSON of a plan: its strings plus a fixed cost per span
// (keys, numbers, punctuation and, pretty, indentation). On the corpus,
// the examples, the fuzz seeds and mixes of them the JSON holds 350–545
// bytes per span pretty and 170–210 compact beyond the strings, so this is
// a little more than the JSON needs: the pages reserved and never written
// cost address space, not memory. A plan that needs more (long escapes,
// a very deep outline) grows the string as before.
std::size_t json_size_hint(const Plan& p, bool pretty) {
  Bulk b;
  for (const auto& c : p.chapters) {
    b.add(c.marker);
    b.add(c.title);
    ++b.spans;
    for (const auto& s : c.sections) {
      b.add(s.marker);
      b.add(s.title);
      ++b.spans;
      for (const auto& m : s.measures) b.add(m);
    }
    for (const auto& m : c.measures) b.add(m);
  }
  for (const auto& m : p.loose_measures) b.add(m);
  for (const auto& g : p.goals) {
    b.add(g.heading);
    b.add(g.text);
    b.add(g.dates, g.milestones, g.targets);
    ++b.spans;
  }
  b.add(p.outline);
  for (const auto& d : p.diagnostics) {
    b.add(d.code);
    b.add(d.message);
    ++b.spans;
  }
  b.spans += p.chrome.size();
  for (const std::string* s : {&p.issuer, &p.signatory, &p.notice_title, &p.notice_text, &p.title, &p.preamble})
    b.add(*s);
  for (const auto* list : {&p.recipients, &p.attachments, &p.remarks})
    for (const auto& s : *list) b.text += s.size() + 16;
  return b.text + b.spans * (pretty ? 560 : 220) + 4096;
}

}  // namespace

namespace {
// The envelope (GB/T 9704): issuer, document number, notice, title, year.
void write_envelope(Writer& w, const Plan& p) {
  w.field("issuer", p.issuer);
  w.field("signatory", p.signatory);
  w.key("doc_number");
  if (p.doc_number) {
    w.begin_object();
    w.field("text", p.doc_number->text);
    w.field("agency", p.doc_number->agency);
    w.field("year", p.doc_number->year);
    w.field("serial", p.doc_number->serial);
    write_span(w, p.doc_number->span);
    w.end_object();
  } else {
    w.null();
  }
  w.field("notice_title", p.notice_title);
  w.key("recipients");
  w.begin_array();
  for (const auto& r : p.recipients) w.value(r);
  w.end_array();
  w.field("notice_text", p.notice_text);
  w.key("attachments");
  w.begin_array();
  for (const auto& a : p.attachments) w.value(a);
  w.end_array();
  w.key("remarks");
  w.begin_array();
  for (const auto& r : p.remarks) w.value(r);
  w.end_array();
  write_date(w, "signed_on", p.signed_on);
  w.field("title", p.title);
  w.field("preamble", p.preamble);
  w.field("plan_year", p.plan_year);
  w.field("traditional", p.traditional);
}

// The heading fields a chapter and a section share.
template <class Heading>
void write_heading(Writer& w, const Heading& h) {
  w.field("number", h.number);
  w.field("marker", h.marker);
  w.field("title", h.title);
  write_span(w, h.span);
}

void write_chapter(Writer& w, const Chapter& c) {
  w.begin_object();
  write_heading(w, c);
  w.key("sections");
  w.begin_array();
  for (const auto& s : c.sections) {
    w.begin_object();
    write_heading(w, s);
    w.key("measures");
    w.begin_array();
    for (const auto& m : s.measures) write_measure(w, m);
    w.end_array();
    w.end_object();
  }
  w.end_array();
  w.key("measures");
  w.begin_array();
  for (const auto& m : c.measures) write_measure(w, m);
  w.end_array();
  w.end_object();
}

void write_plan(Writer& w, const Plan& p) {
  w.begin_object();
  w.field("schema", kPlanSchema);
  write_envelope(w, p);
  w.key("chapters");
  w.begin_array();
  for (const auto& c : p.chapters) write_chapter(w, c);
  w.end_array();
  w.key("loose_measures");
  w.begin_array();
  for (const auto& m : p.loose_measures) write_measure(w, m);
  w.end_array();
  w.key("goals");
  w.begin_array();
  for (const auto& g : p.goals) write_goal(w, g);
  w.end_array();
  w.key("outline");
  write_node(w, p.outline);
  w.key("chrome");
  w.begin_array();
  for (const auto& c : p.chrome) {
    w.begin_object();
    w.field("start", c.start);
    w.field("end", c.end);
    w.field("byte_start", c.byte_start);
    w.field("byte_end", c.byte_end);
    w.end_object();
  }
  w.end_array();
  w.key("diagnostics");
  w.begin_array();
  for (const auto& d : p.diagnostics) {
    w.begin_object();
    w.field("code", d.code);
    w.field("severity", to_string(d.severity));
    w.field("message", d.message);
    write_span(w, d.span);
    w.end_object();
  }
  w.end_array();
  w.end_object();
}
}  // namespace

std::string to_json(const Plan& p, const JsonOptions& options) {
  Writer w(options.pretty);
  w.reserve(json_size_hint(p, options.pretty));
  write_plan(w, p);
  std::string out = w.take();
  out += '\n';
  return out;
}

void write_json(const Plan& p, std::ostream& out, const JsonOptions& options) {
  Writer w(options.pretty);
  w.stream_to(out);
  write_plan(w, p);
  w.finish();
  out << '\n';
}

// ---- reader ------------------------------------------------------------------

namespace {

struct Json;
using JsonObject = std::map<std::string, Json, std::less<>>;
using JsonArray = std::vector<Json>;
struct Json {
  std::variant<std::nullptr_t, bool, double, std::string, std::shared_ptr<JsonArray>, std::shared_ptr<JsonObject>> v;
  bool is_null() const { return std::holds_alternative<std::nullptr_t>(v); }
};

class Reader {
 public:
  explicit Reader(std::string_view s) : s_(s) {}
  Json document() {
    Json j = value(0);
    ws();
    if (i_ != s_.size()) fail("trailing characters");
    return j;
  }

 private:
  [[noreturn]] void fail(const std::string& what) {
    throw Error(ErrorCode::invalid_json, "invalid JSON at byte " + std::to_string(i_) + ": " + what, i_);
  }
  void ws() {
    while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\n' || s_[i_] == '\r' || s_[i_] == '\t')) ++i_;
  }
  Json value(int depth) {
    if (depth > 256) fail("nested too deeply");
    ws();
    if (i_ >= s_.size()) fail("unexpected end");
    const char c = s_[i_];
    if (c == '{') {
      ++i_;
      auto obj = std::make_shared<JsonObject>();
      ws();
      if (i_ < s_.size() && s_[i_] == '}') { ++i_; return Json{obj}; }
      while (true) {
        ws();
        if (i_ >= s_.size() || s_[i_] != '"') fail("expected a key");
        std::string k = string();
        ws();
        if (i_ >= s_.size() || s_[i_] != ':') fail("expected ':'");
        ++i_;
        (*obj)[k] = value(depth + 1);
        ws();
        if (i_ < s_.size() && s_[i_] == ',') { ++i_; continue; }
        if (i_ < s_.size() && s_[i_] == '}') { ++i_; break; }
        fail("expected ',' or '}'");
      }
      return Json{obj};
    }
    if (c == '[') {
      ++i_;
      auto arr = std::make_shared<JsonArray>();
      ws();
      if (i_ < s_.size() && s_[i_] == ']') { ++i_; return Json{arr}; }
      while (true) {
        arr->push_back(value(depth + 1));
        ws();
        if (i_ < s_.size() && s_[i_] == ',') { ++i_; continue; }
        if (i_ < s_.size() && s_[i_] == ']') { ++i_; break; }
        fail("expected ',' or ']'");
      }
      return Json{arr};
    }
    if (c == '"') return Json{string()};
    if (s_.substr(i_, 4) == "null") { i_ += 4; return Json{nullptr}; }
    if (s_.substr(i_, 4) == "true") { i_ += 4; return Json{true}; }
    if (s_.substr(i_, 5) == "false") { i_ += 5; return Json{false}; }
    double d = 0;
    auto res = std::from_chars(s_.data() + i_, s_.data() + s_.size(), d);
    if (res.ec != std::errc()) fail("unexpected character");
    i_ = static_cast<std::size_t>(res.ptr - s_.data());
    return Json{d};
  }
  std::string string() {
    ++i_;  // opening quote
    std::string out;
    while (true) {
      if (i_ >= s_.size()) fail("unterminated string");
      const char c = s_[i_++];
      if (c == '"') break;
      if (c != '\\') { out += c; continue; }
      if (i_ >= s_.size()) fail("unterminated escape");
      const char e = s_[i_++];
      switch (e) {
        case '"': out += '"'; break;
        case '\\': out += '\\'; break;
        case '/': out += '/'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'u': {
          auto hex4 = [&]() -> char32_t {
            if (i_ + 4 > s_.size()) fail("short \\u escape");
            char32_t v = 0;
            for (int k = 0; k < 4; ++k) {
              const char h = s_[i_++];
              v <<= 4;
              if (h >= '0' && h <= '9') v |= static_cast<char32_t>(h - '0');
              else if (h >= 'a' && h <= 'f') v |= static_cast<char32_t>(h - 'a' + 10);
              else if (h >= 'A' && h <= 'F') v |= static_cast<char32_t>(h - 'A' + 10);
              else fail("bad \\u escape");
            }
            return v;
          };
          char32_t cp = hex4();
          if (cp >= 0xD800 && cp <= 0xDBFF && s_.substr(i_, 2) == "\\u") {
            i_ += 2;
            const char32_t lo = hex4();
            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
          }
          detail::append_utf8(out, cp);
          break;
        }
        default: fail("bad escape");
      }
    }
    return out;
  }

  std::string_view s_;
  std::size_t i_ = 0;
};

const JsonObject* obj(const Json& j) {
  auto p = std::get_if<std::shared_ptr<JsonObject>>(&j.v);
  return p ? p->get() : nullptr;
}
const JsonArray* arr(const Json& j) {
  auto p = std::get_if<std::shared_ptr<JsonArray>>(&j.v);
  return p ? p->get() : nullptr;
}
const Json* get(const JsonObject* o, std::string_view k) {
  if (!o) return nullptr;
  auto it = o->find(k);
  return it == o->end() ? nullptr : &it->second;
}
std::string str(const JsonObject* o, std::string_view k) {
  const Json* j = get(o, k);
  if (!j) return {};
  auto p = std::get_if<std::string>(&j->v);
  return p ? *p : std::string();
}
std::optional<std::string> opt_str(const JsonObject* o, std::string_view k) {
  const Json* j = get(o, k);
  if (!j) return std::nullopt;
  auto p = std::get_if<std::string>(&j->v);
  return p ? std::optional<std::string>(*p) : std::nullopt;
}
std::optional<double> num(const JsonObject* o, std::string_view k) {
  const Json* j = get(o, k);
  if (!j) return std::nullopt;
  auto p = std::get_if<double>(&j->v);
  return p ? std::optional<double>(*p) : std::nullopt;
}
// Numbers that become integers are checked first: converting a double out of
// the target's range is undefined behaviour, and a file is untrusted input.
std::optional<int> integer(const JsonObject* o, std::string_view k) {
  auto d = num(o, k);
  if (!d) return std::nullopt;
  if (!(*d >= -2147483648.0 && *d <= 2147483647.0) || *d != std::floor(*d))
    throw Error(ErrorCode::invalid_json, std::string(k) + " is not an int");
  return static_cast<int>(*d);
}
// A span offset: a non-negative integer (below 2^53, where doubles are exact).
// A Span offset: 32 bits, as no parse takes more than 4 GiB.
std::uint32_t offset(const JsonObject* o, std::string_view k) {
  const double d = num(o, k).value_or(0);
  if (!(d >= 0 && d <= 4294967295.0) || d != std::floor(d))
    throw Error(ErrorCode::invalid_json, std::string(k) + " is not an offset");
  return static_cast<std::uint32_t>(d);
}
bool boolean(const JsonObject* o, std::string_view k) {
  const Json* j = get(o, k);
  if (!j) return false;
  auto p = std::get_if<bool>(&j->v);
  return p && *p;
}
std::optional<boost::gregorian::date> date(const JsonObject* o, std::string_view k) {
  auto s = opt_str(o, k);
  if (!s) return std::nullopt;
  try {
    return boost::gregorian::from_simple_string(*s);
  } catch (const std::exception&) {
    throw Error(ErrorCode::invalid_json, "not a date: " + *s);
  }
}
Span span(const JsonObject* o) {
  Span s;
  const JsonObject* so = o ? obj(get(o, "span") ? *get(o, "span") : Json{}) : nullptr;
  if (!so) so = o;  // chrome entries are spans themselves
  s.start = offset(so, "start");
  s.end = offset(so, "end");
  s.byte_start = offset(so, "byte_start");
  s.byte_end = offset(so, "byte_end");
  // /1 and early /2 documents have no UTF-16 offsets: take the code-point
  // ones, which agree unless the text has characters outside the BMP.
  s.utf16_start = get(so, "utf16_start") ? offset(so, "utf16_start") : s.start;
  s.utf16_end = get(so, "utf16_end") ? offset(so, "utf16_end") : s.end;
  return s;
}
template <class F>
void each(const JsonObject* o, std::string_view k, F&& f) {
  const Json* j = get(o, k);
  if (!j) return;
  if (const JsonArray* a = arr(*j))
    for (const auto& e : *a) f(e);
}

template <class E>
E enum_from(const std::string& s, std::initializer_list<E> all, E fallback) {
  for (E e : all)
    if (s == to_string(e)) return e;
  return fallback;
}

Unit read_unit(const JsonObject* o) {
  Unit u;
  u.name = str(o, "name");
  u.raw = str(o, "raw");
  u.full_name = opt_str(o, "full_name");
  u.collective = boolean(o, "collective");
  u.span = span(o);
  return u;
}

Deadline read_deadline(const JsonObject* o) {
  Deadline d;
  d.text = str(o, "text");
  using K = DeadlineKind;
  d.kind = enum_from(str(o, "kind"),
                     {K::day, K::month, K::month_part, K::quarter, K::half_year, K::year, K::relative, K::range,
                      K::start, K::recurring, K::open_ended, K::implied},
                     K::implied);
  d.role = enum_from(str(o, "role"), {DateRole::deadline, DateRole::start, DateRole::reference}, DateRole::deadline);
  d.start = date(o, "start");
  d.due = date(o, "due");
  d.every = enum_from(str(o, "every"),
                      {Recurrence::monthly, Recurrence::quarterly, Recurrence::half_yearly, Recurrence::yearly},
                      Recurrence::none);
  // /1 also wrote implied/recurring/open_ended flags: `kind` says the same.
  d.span = span(o);
  return d;
}

Target read_target(const JsonObject* o) {
  Target t;
  t.text = str(o, "text");
  t.subject = str(o, "subject");
  t.value = num(o, "value");
  t.low = num(o, "low");
  t.high = num(o, "high");
  t.unit = str(o, "unit");
  using C = Comparator;
  t.cmp = enum_from(str(o, "cmp"), {C::eq, C::ge, C::le, C::approx, C::range}, C::eq);
  t.baseline = num(o, "baseline");
  t.aspirational = boolean(o, "aspirational");
  t.cumulative = boolean(o, "cumulative");
  t.increment = boolean(o, "increment");
  t.growth = boolean(o, "growth");
  t.span = span(o);
  return t;
}

// A milestone's `target_indices` (/3): those in range, ascending, once, so
// that the model read holds what the parser guarantees.
std::vector<std::uint32_t> read_target_indices(const JsonObject* mo, std::size_t owned) {
  std::vector<std::uint32_t> out;
  each(mo, "target_indices", [&](const Json& j) {
    const double* k = std::get_if<double>(&j.v);
    if (k && *k >= 0 && *k < static_cast<double>(owned) && *k == std::floor(*k))
      out.push_back(static_cast<std::uint32_t>(*k));
  });
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

// Every field of a target, to group equal targets (a field added to
// Target is added here as in read_target).
auto target_key(const Target& t) {
  return std::tie(t.span.byte_start, t.span.byte_end, t.span.start, t.span.end, t.span.utf16_start,
                  t.span.utf16_end, t.text, t.subject, t.value, t.low, t.high, t.unit, t.cmp, t.baseline,
                  t.aspirational, t.cumulative, t.increment, t.growth);
}
struct TargetLess {
  bool operator()(const Target& a, const Target& b) const { return target_key(a) < target_key(b); }
};
// An owner's targets grouped by equality: the indices of each distinct target.
using EqualTargets = std::map<Target, std::vector<std::uint32_t>, TargetLess>;

// A /1 or /2 milestone's `targets` were copies of its owner's: the n-th copy
// of a target becomes the index of the n-th target equal to it (two targets
// may be equal: one number, one subject twice), or, when a hand-written
// document has no such target, is added to the owner's targets so that
// nothing it states is lost. Logarithmic per copy on any document.
void index_copied_targets(const JsonObject* mo, Milestone& ms, std::vector<Target>& targets, EqualTargets& equal) {
  std::map<const Target*, std::size_t> taken;  // copies seen per distinct target
  each(mo, "targets", [&](const Json& j) {
    Target t = read_target(obj(j));
    auto it = equal.find(t);
    if (it == equal.end()) it = equal.emplace(t, std::vector<std::uint32_t>{}).first;
    std::size_t& n = taken[&it->first];
    if (n == it->second.size()) {
      it->second.push_back(static_cast<std::uint32_t>(targets.size()));
      targets.push_back(std::move(t));
    }
    ms.target_indices.push_back(it->second[n++]);
  });
  std::sort(ms.target_indices.begin(), ms.target_indices.end());
}

void read_dated(const JsonObject* o, std::vector<Deadline>& dates, std::vector<Milestone>& milestones,
                std::vector<Target>& targets) {
  each(o, "dates", [&](const Json& j) { dates.push_back(read_deadline(obj(j))); });
  each(o, "targets", [&](const Json& j) { targets.push_back(read_target(obj(j))); });
  std::optional<EqualTargets> equal;  // built for a /1 or /2 document only
  each(o, "milestones", [&](const Json& j) {
    const JsonObject* mo = obj(j);
    Milestone ms;
    ms.id = str(mo, "id");
    if (const Json* d = get(mo, "deadline")) ms.deadline = read_deadline(obj(*d));
    ms.text = str(mo, "text");
    ms.span = span(mo);
    if (get(mo, "target_indices")) ms.target_indices = read_target_indices(mo, targets.size());
    else {
      if (!equal) {
        equal.emplace();
        for (std::uint32_t k = 0; k < targets.size(); ++k) (*equal)[targets[k]].push_back(k);
      }
      index_copied_targets(mo, ms, targets, *equal);
    }
    milestones.push_back(std::move(ms));
  });
}

Measure read_measure(const JsonObject* o) {
  Measure m;
  m.id = str(o, "id");
  m.number = integer(o, "number");
  m.marker = str(o, "marker");
  m.title = str(o, "title");
  m.text = str(o, "text");
  m.span = span(o);
  each(o, "lead_units", [&](const Json& j) { m.lead_units.push_back(read_unit(obj(j))); });
  each(o, "co_units", [&](const Json& j) { m.co_units.push_back(read_unit(obj(j))); });
  each(o, "leaders", [&](const Json& j) {
    if (auto p = std::get_if<std::string>(&j.v)) m.leaders.push_back(*p);
  });
  read_dated(o, m.dates, m.milestones, m.targets);
  return m;
}

Goal read_goal(const JsonObject* o) {
  Goal g;
  g.id = str(o, "id");
  g.heading = str(o, "heading");
  g.text = str(o, "text");
  g.span = span(o);
  read_dated(o, g.dates, g.milestones, g.targets);
  return g;
}

OutlineNode read_node(const JsonObject* o, int depth) {
  OutlineNode n;
  if (!o || depth > 64) return n;
  using N = NodeKind;
  n.kind = enum_from(str(o, "kind"), {N::chapter, N::section, N::measure, N::group, N::appendix, N::other},
                     N::other);
  using S = MarkerStyle;
  n.style = enum_from(str(o, "style"),
                      {S::none, S::chapter_zhang, S::chapter_jie, S::cn_dun, S::paren_cn, S::arabic_dot,
                       S::paren_arabic, S::circled, S::article_tiao, S::table_row},
                      S::none);
  n.marker = str(o, "marker");
  n.number = integer(o, "number");
  n.title = str(o, "title");
  n.span = span(o);
  each(o, "children", [&](const Json& j) { n.children.push_back(read_node(obj(j), depth + 1)); });
  return n;
}

}  // namespace

Plan from_json(std::string_view json) {
  if (detail::find_invalid_utf8(json) != std::string_view::npos)
    throw Error(ErrorCode::invalid_json, "JSON text is not valid UTF-8");
  Json root = Reader(json).document();
  const JsonObject* o = obj(root);
  if (!o) throw Error(ErrorCode::invalid_json, "top level is not an object");
  const std::string schema = str(o, "schema");
  if (schema != kPlanSchema && schema != "taizhang.plan/2" && schema != "taizhang.plan/1")
    throw Error(ErrorCode::invalid_json, "schema is not taizhang.plan/3 (or /2, /1)");
  Plan p;
  p.issuer = str(o, "issuer");
  p.signatory = str(o, "signatory");
  if (const Json* dn = get(o, "doc_number"); dn && obj(*dn)) {
    const JsonObject* d = obj(*dn);
    DocNumber n;
    n.text = str(d, "text");
    n.agency = str(d, "agency");
    n.year = integer(d, "year");
    n.serial = integer(d, "serial");
    n.span = span(d);
    p.doc_number = n;
  }
  p.notice_title = str(o, "notice_title");
  each(o, "recipients", [&](const Json& j) {
    if (auto s = std::get_if<std::string>(&j.v)) p.recipients.push_back(*s);
  });
  p.notice_text = str(o, "notice_text");
  each(o, "attachments", [&](const Json& j) {
    if (auto s = std::get_if<std::string>(&j.v)) p.attachments.push_back(*s);
  });
  each(o, "remarks", [&](const Json& j) {
    if (auto s = std::get_if<std::string>(&j.v)) p.remarks.push_back(*s);
  });
  p.signed_on = date(o, "signed_on");
  p.title = str(o, "title");
  p.preamble = str(o, "preamble");
  p.plan_year = integer(o, "plan_year");
  p.traditional = boolean(o, "traditional");
  each(o, "chapters", [&](const Json& j) {
    const JsonObject* co = obj(j);
    Chapter c;
    c.number = integer(co, "number");
    c.marker = str(co, "marker");
    c.title = str(co, "title");
    c.span = span(co);
    each(co, "sections", [&](const Json& sj) {
      const JsonObject* so = obj(sj);
      Section s;
      s.number = integer(so, "number");
      s.marker = str(so, "marker");
      s.title = str(so, "title");
      s.span = span(so);
      each(so, "measures", [&](const Json& mj) { s.measures.push_back(read_measure(obj(mj))); });
      c.sections.push_back(std::move(s));
    });
    each(co, "measures", [&](const Json& mj) { c.measures.push_back(read_measure(obj(mj))); });
    p.chapters.push_back(std::move(c));
  });
  // /1 and early /2 named the loose measures "measures".
  const std::string_view loose = get(o, "loose_measures") ? "loose_measures" : "measures";
  each(o, loose, [&](const Json& mj) { p.loose_measures.push_back(read_measure(obj(mj))); });
  each(o, "goals", [&](const Json& gj) { p.goals.push_back(read_goal(obj(gj))); });
  if (const Json* ol = get(o, "outline")) p.outline = read_node(obj(*ol), 0);
  each(o, "chrome", [&](const Json& j) { p.chrome.push_back(span(obj(j))); });
  each(o, "diagnostics", [&](const Json& j) {
    const JsonObject* d = obj(j);
    Diagnostic g;
    g.code = str(d, "code");
    g.severity = enum_from(str(d, "severity"), {Severity::info, Severity::warning, Severity::error}, Severity::warning);
    g.message = str(d, "message");
    g.span = span(d);
    p.diagnostics.push_back(std::move(g));
  });
  return p;
}

}  // namespace taizhang
