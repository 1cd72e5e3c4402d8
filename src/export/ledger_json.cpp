// JSON export "taizhang.ledger/1": the rows as flat records, for tools that
// want the ledger rather than the document tree of "taizhang.plan/1".
#include "ledger/ledger_internal.hpp"

#include <taizhang/ledger.hpp>

#include <charconv>
#include <cmath>

namespace taizhang {

namespace {

class Writer {
 public:
  std::string out;

  void open(char c) {
    out += c;
    ++depth_;
    first_ = true;
  }
  void close(char c) {
    --depth_;
    if (!first_) newline();
    out += c;
    first_ = false;
  }
  void key(std::string_view k) {
    item();
    out += detail::json_string(k);
    out += ": ";
  }
  void item() {
    if (!first_) out += ',';
    newline();
    first_ = false;
  }
  void str(std::string_view s) { out += detail::json_string(s); }
  void boolean(bool b) { out += b ? "true" : "false"; }
  void null() { out += "null"; }
  void integer(long long v) { out += std::to_string(v); }
  void number(double v) {
    if (!std::isfinite(v)) return null();
    char buf[32];
    auto res = std::to_chars(buf, buf + sizeof buf, v);
    out.append(buf, res.ptr);
  }
  void date(const std::optional<boost::gregorian::date>& d) {
    if (d && !d->is_special()) str(detail::iso_date(*d));
    else null();
  }
  void strings(const std::vector<std::string>& v) {
    if (v.empty()) {
      out += "[]";
      first_ = false;
      return;
    }
    open('[');
    for (const auto& s : v) {
      item();
      str(s);
    }
    close(']');
  }

 private:
  void newline() {
    out += '\n';
    out.append(static_cast<std::size_t>(depth_) * 2, ' ');
  }
  int depth_ = 0;
  bool first_ = true;
};

void write_target(Writer& w, const Target& t) {
  auto opt = [&](std::string_view k, const std::optional<double>& v) {
    w.key(k);
    if (v) w.number(*v);
    else w.null();
  };
  w.open('{');
  w.key("text"); w.str(t.text);
  w.key("subject"); w.str(t.subject);
  opt("value", t.value);
  opt("low", t.low);
  opt("high", t.high);
  w.key("unit"); w.str(t.unit);
  w.key("cmp"); w.str(to_string(t.cmp));
  opt("baseline", t.baseline);
  w.key("aspirational"); w.boolean(t.aspirational);
  w.key("cumulative"); w.boolean(t.cumulative);
  w.key("increment"); w.boolean(t.increment);
  w.key("growth"); w.boolean(t.growth);
  w.close('}');
}

}  // namespace

std::string to_json(const Ledger& ledger, const std::vector<const LedgerRow*>& rows,
                    const ExportOptions& options) {
  Writer w;
  w.open('{');
  w.key("schema"); w.str("taizhang.ledger/1");
  w.key("title"); w.str(ledger.title());
  w.key("plan_year");
  if (ledger.plan_year()) w.integer(*ledger.plan_year());
  else w.null();
  w.key("as_of"); w.date(options.as_of);
  w.key("rows");
  if (rows.empty()) {
    w.out += "[]";
  } else {
    w.open('[');
    for (const LedgerRow* r : rows) {
      w.item();
      w.open('{');
      w.key("id"); w.str(r->milestone_id);
      w.key("measure");
      w.open('{');
      w.key("id"); w.str(r->measure_id);
      w.key("number");
      if (r->measure_number) w.integer(*r->measure_number);
      else w.null();
      w.key("marker"); w.str(r->measure_marker);
      w.key("title"); w.str(r->measure_title);
      w.close('}');
      w.key("chapter"); w.str(r->chapter_title);
      w.key("section"); w.str(r->section_title);
      w.key("lead_units"); w.strings(r->lead_units);
      w.key("co_units"); w.strings(r->co_units);
      w.key("leaders"); w.strings(r->leaders);
      w.key("deadline");
      w.open('{');
      w.key("text"); w.str(r->deadline_text);
      w.key("kind"); w.str(to_string(r->deadline_kind));
      w.key("implied"); w.boolean(r->implied);
      w.key("recurring"); w.boolean(r->recurring);
      w.key("open_ended"); w.boolean(r->open_ended);
      w.key("start"); w.date(r->start);
      w.key("due"); w.date(r->has_due() ? std::optional(r->due) : std::nullopt);
      w.close('}');
      w.key("due"); w.date(r->has_due() ? std::optional(r->due) : std::nullopt);
      w.key("text"); w.str(r->text);
      w.key("targets");
      if (r->targets.empty()) {
        w.out += "[]";
      } else {
        w.open('[');
        for (const auto& t : r->targets) {
          w.item();
          write_target(w, t);
        }
        w.close(']');
      }
      if (options.status) {
        const StatusEntry* st = detail::status_for_export(options.status, *r, options.as_of);
        w.key("status");
        if (!st) {
          w.null();
        } else {
          w.open('{');
          w.key("status"); w.str(to_string(st->status));
          w.key("note"); w.str(st->note);
          w.key("date"); w.date(st->date);
          w.close('}');
        }
        if (options.as_of) {
          w.key("progress");
          w.str(to_string(ledger.progress(*r, *options.status, *options.as_of).progress));
        }
      }
      w.close('}');
    }
    w.close(']');
  }
  w.close('}');
  w.out += '\n';
  return std::move(w.out);
}

std::string to_json(const Ledger& ledger, const ExportOptions& options) {
  std::vector<const LedgerRow*> rows;
  for (const auto& r : ledger.rows()) rows.push_back(&r);
  return to_json(ledger, rows, options);
}

}  // namespace taizhang
