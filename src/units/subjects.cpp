// Subject rule: units written as the subject of a clause that commits work,
// or as the addressee of a 请-request. The word lists are data
// (subject_cues.tsv); this file holds only the clause grammar:
//
//   [time phrase] [请] SUBJECT CUE …            → SUBJECT leads
//   SUBJECT [modal] 会同 PARTNERS [cue|，] …     → PARTNERS co-operate
//
// SUBJECT is a list of names (、 and 和 between complete names) whose end is
// an organisation suffix and which is followed directly by a cue word
// (要, 负责, 推行, 在 …). A clause that opens with a verb or preposition
// (推动, 由, 对 …) has no subject; one whose subject is followed by 可以,
// 不得 or 不再 commits nobody.
#include "units/subjects.hpp"
#include "text/tsv.hpp"
#include "text/words.hpp"
#include "units/grammar.hpp"
#include "units/words.hpp"

#include "text/punctuation.hpp"
#include "text/scan.hpp"

#include "taizhang_data/subject_cues.inc"

#include <algorithm>

namespace taizhang::detail {

namespace {

constexpr std::string_view kEtc = "等";  // closes an enumeration (农业农村部等)

// The lists, longest word first (办公厅 wins over 厅, 应当 over 应), each
// indexed by first and last character (units/words.hpp): the finder asks
// them at every position of a clause, and on a document without notes it
// runs over every clause.
struct Cues {
  units::WordList suffix, whole, ends, cue, modal, stop, veto, joint, partners_end, co_cue, manner, request,
      not_unit, opener, breaker, content, distribute, time;
};

const Cues& cues() {
  static const Cues table = [] {
    struct Lists {
      std::vector<std::string_view> suffix, whole, ends, cue, modal, stop, veto, joint, partners_end, co_cue,
          manner, request, not_unit, opener, breaker, content, distribute, time;
    } c;
    for (const auto& row : tsv_rows(data::subject_cues)) {
      if (row.size() < 2) continue;
      const std::string_view word = trim(row[0]), role = trim(row[1]);
      if (word.empty()) continue;
      std::vector<std::string_view>* to = role == "suffix"       ? &c.suffix
                                          : role == "whole"      ? &c.whole
                                          : role == "cue"        ? &c.cue
                                          : role == "modal"      ? &c.modal
                                          : role == "stop"       ? &c.stop
                                          : role == "veto"       ? &c.veto
                                          : role == "joint"      ? &c.joint
                                          : role == "partners_end" ? &c.partners_end
                                          : role == "co_cue"     ? &c.co_cue
                                          : role == "manner"     ? &c.manner
                                          : role == "request"    ? &c.request
                                          : role == "not_unit"   ? &c.not_unit
                                          : role == "opener"     ? &c.opener
                                          : role == "breaker"    ? &c.breaker
                                          : role == "content"    ? &c.content
                                          : role == "distribute" ? &c.distribute
                                          : role == "time"       ? &c.time
                                                                 : nullptr;
      if (to) to->push_back(word);
    }
    // Where a name may end: after a suffix or a whole collective.
    c.ends = c.suffix;
    c.ends.insert(c.ends.end(), c.whole.begin(), c.whole.end());
    // Longest first, so that 办公厅 wins over 厅 and 应当 over 应.
    const auto list = [](std::vector<std::string_view>& v) {
      std::stable_sort(v.begin(), v.end(), [](auto a, auto b) { return a.size() > b.size(); });
      return units::WordList(std::move(v));
    };
    return Cues{list(c.suffix),   list(c.whole),        list(c.ends),   list(c.cue),     list(c.modal),
                list(c.stop),     list(c.veto),         list(c.joint),  list(c.partners_end), list(c.co_cue),
                list(c.manner),   list(c.request),      list(c.not_unit), list(c.opener), list(c.breaker),
                list(c.content),  list(c.distribute),   list(c.time)};
  }();
  return table;
}

using Words = units::WordList;

// Length of the longest word of `words` starting at s[i] and ending by `end`.
std::size_t word_at(std::string_view s, std::size_t i, std::size_t end, const Words& words) {
  if (i >= end) return 0;
  const std::string_view* w = words.starting_at(s.substr(0, end), i);
  return w ? w->size() : 0;
}

// Length of the longest word of `words` ending at s[e] and starting at or after b.
std::size_t word_before(std::string_view s, std::size_t b, std::size_t e, const Words& words) {
  if (e <= b) return 0;
  const std::string_view* w = words.ending_at(s, e, [&](std::string_view x) { return x.size() <= e - b; });
  return w ? w->size() : 0;
}

bool is_word(std::string_view v, const Words& words) { return words.has(v); }

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

std::string_view view(std::string_view s, Range r) { return s.substr(r.begin, r.end - r.begin); }

Range trimmed(std::string_view s, Range r) {
  std::string_view v = trim(view(s, r));
  if (v.empty()) return {r.begin, r.begin};
  const std::size_t b = static_cast<std::size_t>(v.data() - s.data());
  return {b, b + v.size()};
}

// A name must reach past a bare suffix (医院 alone is anaphoric) and be no
// abstract actor (国家).
bool is_unit_name(std::string_view name) {
  const Cues& c = cues();
  return !name.empty() && !is_word(name, c.suffix) && !is_word(name, c.not_unit) &&
         !is_word(name, c.distribute);
}

// Quotes, titles and brackets: what they enclose is quoted or parenthetical
// text, never the measure's own clause structure.
bool is_open_quote(char32_t c) {
  return c == U'“' || c == U'‘' || c == U'《' || c == U'〈' || c == '(' || c == U'（' || c == U'〔' || c == '[' ||
         c == U'【';
}
bool is_close_quote(char32_t c) {
  return c == U'”' || c == U'’' || c == U'》' || c == U'〉' || c == ')' || c == U'）' || c == U'〕' || c == ']' ||
         c == U'】';
}

// After `(` at k: the position past a closing `)` when what they enclose is
// a short list of administrative levels (区、市 / 地、州、盟), else 0.
std::size_t place_list_end(std::string_view s, std::size_t k, std::size_t e) {
  for (int n = 0; k < e && n < 12; ++n) {
    const char32_t ch = next_cp(s, k);
    if (ch == ')' || ch == U'）') return n > 0 ? k : 0;
    // Levels written as one character, and those of two: 地区, 街道, 兵团.
    const bool level = ch == U'、' || units::is_level_character(ch) || ch == U'地' || ch == U'街' || ch == U'道' ||
                       ch == U'团' || ch == U'兵';
    if (!level) return 0;
  }
  return 0;
}

// Bounds the look-ahead for one name of a list (keeps the rule linear): a
// name longer than this is a description, not a subject. The window opens
// again after each 、, since a long 、-list of short names is still a list
// (A会同B、C、…、Y等部门共同推进 names two dozen partners).
constexpr int kWindowCodePoints = 48;

// The end of a name list starting at `b`: the first position after an
// organisation suffix where a cue follows (or, with `at_clause_end`, where the
// clause ends). npos when a veto follows, a breaker intervenes or the window
// closes first.
std::size_t name_end(std::string_view s, std::size_t b, std::size_t e, bool at_clause_end) {
  const Cues& c = cues();
  std::size_t q = b;
  for (int n = 0; q < e && n <= kWindowCodePoints; ++n) {
    if (q > b && word_before(s, b, q, c.ends)) {
      if (word_at(s, q, e, c.veto)) return std::string_view::npos;
      if (word_at(s, q, e, c.cue) || word_at(s, q, e, c.modal) || word_at(s, q, e, c.joint) ||
          word_at(s, q, e, c.co_cue))
        return q;
      // 会同A、B共同推进: 共同 closes a partner list, never a subject (单独或
      // 联合相关单位共同举办 has none).
      if (at_clause_end && word_at(s, q, e, c.partners_end)) return q;
      // A bare 等 closes the list (科技部、农业农村部等要…); the split drops it.
      if (s.compare(q, kEtc.size(), kEtc) == 0) {
        const std::size_t r = q + kEtc.size();
        if (r < e && (word_at(s, r, e, c.cue) || word_at(s, r, e, c.modal) || word_at(s, r, e, c.joint))) return r;
      }
    }
    if (word_at(s, q, e, c.breaker) || word_at(s, q, e, c.stop)) return std::string_view::npos;
    std::size_t k = q;
    const char32_t ch = next_cp(s, k);
    // A place list in brackets is part of the name (各省（区、市）人民政府,
    // 市（地、州、盟）); any other quote, bracket or clause mark ends it.
    if (ch == '(' || ch == U'（') {
      if (const std::size_t after = place_list_end(s, k, e)) {
        q = after;
        continue;
      }
    }
    if (is_open_quote(ch) || is_close_quote(ch) || is_clause_end(ch)) return std::string_view::npos;
    if (ch == U'、') n = 0;
    q = k;
  }
  if (at_clause_end && q == e && q > b && word_before(s, b, q, c.ends)) return q;
  return std::string_view::npos;
}

void add(std::vector<SubjectUnit>& out, Range raw, std::string name) {
  if (is_unit_name(name)) out.push_back({raw, std::move(name)});
}

// Splits an item on 和 where both sides are complete names (财政部和相关科技
//项目管理部门, 各部门和各单位), or where a bare function name shares the
// distributed suffix of the right side (财政和医保部门 → 财政部门, 医保部门).
// Never inside a name (工业和信息化部) nor before a bare suffix (各有关部门和单位).
void split_on_and(std::string_view s, Range item, std::vector<SubjectUnit>& out) {
  const Cues& c = cues();
  constexpr std::string_view kAnd = "和";
  std::size_t start = item.begin;
  for (std::size_t h = item.begin; h < item.end;) {
    if (h > start && s.compare(h, kAnd.size(), kAnd) == 0 && h + kAnd.size() < item.end) {
      const Range left{start, h}, right{h + kAnd.size(), item.end};
      const std::string_view l = view(s, left), r = view(s, right);
      if (word_before(s, right.begin, right.end, c.ends) && is_unit_name(r)) {
        if (word_before(s, left.begin, left.end, c.ends) && is_unit_name(l)) {
          add(out, left, std::string(l));
          start = right.begin;
        } else if (const std::size_t d = word_before(s, right.begin, right.end, c.distribute);
                   d && !word_before(s, left.begin, left.end, c.ends)) {
          add(out, left, std::string(l) + std::string(r.substr(r.size() - d)));
          start = right.begin;
        }
      }
    }
    next_cp(s, h);
  }
  add(out, {start, item.end}, std::string(view(s, {start, item.end})));
}

// Splits a subject list into units (see docs/testing.md, Units/Splitting).
std::vector<SubjectUnit> split_subject(std::string_view s, Range r) {
  const Cues& c = cues();
  std::vector<Range> items;
  std::size_t b = r.begin;
  for (std::size_t i = r.begin; i < r.end;) {
    std::size_t k = i;
    const char32_t ch = next_cp(s, k);
    if (ch == U'、') {
      items.push_back(trimmed(s, {b, i}));
      b = k;
    } else if (ch == U'各' && i > b && word_before(s, b, i, c.ends)) {
      // Names run together: 各地各有关部门 → 各地, 各有关部门.
      items.push_back(trimmed(s, {b, i}));
      b = i;
    }
    i = k;
  }
  items.push_back(trimmed(s, {b, r.end}));
  items.erase(std::remove_if(items.begin(), items.end(), [](Range x) { return x.empty(); }), items.end());
  std::vector<SubjectUnit> out;
  if (items.empty()) return out;

  // A bare trailing 等 only ends the enumeration (农业农村部等).
  for (auto& it : items)
    if (it.end - it.begin > kEtc.size() && ends_with_at(s, it.end, kEtc)) it.end -= kEtc.size();

  // One leading 各 that is not repeated governs the whole list: one
  // collective unit as written (各高校、科研院所).
  const auto starts_each = [&](Range x) { return starts_with(view(s, x), "各"); };
  if (items.size() >= 2 && starts_each(items.front()) &&
      std::none_of(items.begin() + 1, items.end(), starts_each)) {
    const Range whole{items.front().begin, items.back().end};
    add(out, whole, std::string(view(s, whole)));
    return out;
  }

  // Bare function names before a last item ending in a distributed suffix
  // take it over (财政、发展改革、…、中医药等部门 → 财政部门 … 中医药部门).
  std::string_view shared;
  if (items.size() >= 2) {
    const std::string_view last = view(s, items.back());
    if (const std::size_t d = word_before(s, items.back().begin, items.back().end, c.distribute)) {
      const bool all_bare = std::none_of(items.begin(), items.end() - 1, [&](Range x) {
        return word_before(s, x.begin, x.end, c.ends) != 0;
      });
      if (all_bare) shared = last.substr(last.size() - d);
    }
  }
  for (std::size_t k = 0; k < items.size(); ++k) {
    const std::string_view v = view(s, items[k]);
    if (!shared.empty() && k + 1 < items.size()) {
      add(out, items[k], std::string(v) + std::string(shared));
    } else if (!shared.empty()) {
      // 中医药等部门: the closing 等 goes with the distribution.
      std::string_view head = v.substr(0, v.size() - shared.size());
      // 统计等市场监管领域有关部门: 等 closes the enumeration, what follows it
      // only describes the class (统计部门). The last 等 is the closing one
      // (高等教育等部门 keeps its 高等).
      if (head.size() <= kEtc.size() || !cut_suffix_word(head, kEtc))
        if (const std::size_t etc = head.rfind(kEtc); etc != std::string_view::npos && etc > 0) head = head.substr(0, etc);
      add(out, items[k], std::string(head) + std::string(shared));
    } else {
      split_on_and(s, items[k], out);
    }
  }
  return out;
}

bool is_digit_at(std::string_view s, std::size_t i, std::size_t e) { return i < e && s[i] >= '0' && s[i] <= '9'; }

// Skips a leading time phrase: 2019年6月底前, 在2019年9月底前, 每年3月底前.
std::size_t skip_time(std::string_view s, std::size_t p, std::size_t e) {
  const Cues& c = cues();
  std::size_t q = p;
  for (std::string_view prep : {"在", "于"})
    if (s.compare(q, prep.size(), prep) == 0 && is_digit_at(s, q + prep.size(), e)) q += prep.size();
  if (!is_digit_at(s, q, e) && !starts_with_at(s.substr(0, e), q, "每年")) return p;
  while (q < e) {
    if (is_digit_at(s, q, e)) { ++q; continue; }
    if (const std::size_t n = word_at(s, q, e, c.time)) { q += n; continue; }
    break;
  }
  return q;
}

// The partner list after 会同, from `from` to a cue or the clause end `e`.
void read_partners(std::string_view s, std::size_t from, std::size_t e, SubjectUnits& out) {
  const std::size_t to = name_end(s, from, e, true);
  if (to != std::string_view::npos)
    for (auto& u : split_subject(s, {from, to})) out.co.push_back(std::move(u));
}

// One clause [b, e): its subject leads, its 会同 partners co-operate.
void read_clause(std::string_view s, std::size_t b, std::size_t e, SubjectUnits& out) {
  const Cues& c = cues();
  const Range clause = trimmed(s, {b, e});
  if (clause.empty()) return;
  std::size_t p = skip_time(s, clause.begin, clause.end);
  bool request = false;
  if (const std::size_t n = word_at(s, p, clause.end, c.request)) {
    p += n;
    request = true;
  }
  if (!request) {
    // …，会同A、B共同推进: the partners of the sentence's subject, read in an
    // earlier clause of the measure.
    if (const std::size_t n = word_at(s, p, clause.end, c.joint); n && !out.lead.empty()) {
      read_partners(s, p + n, clause.end, out);
      return;
    }
    if (word_at(s, p, clause.end, c.opener)) return;
    // A clause that opens with its verb has no subject (负责指导所属科研单位…),
    // unless the verb begins a name (组织部门研究…).
    const std::size_t v = std::max(word_at(s, p, clause.end, c.cue), word_at(s, p, clause.end, c.modal));
    if (v && !word_at(s, p + v, clause.end, c.suffix)) return;
  }
  const std::size_t end = name_end(s, p, clause.end, false);
  if (end == std::string_view::npos) return;
  std::size_t q = end + word_at(s, end, clause.end, c.modal);
  // SUBJECT [要] [紧密] 配合: the subject co-operates, as 配合 says in a note.
  const std::size_t manner = word_at(s, q, clause.end, c.manner);
  const bool co_operates = word_at(s, q + manner, clause.end, c.co_cue) != 0;
  for (auto& u : split_subject(s, {p, end})) (co_operates ? out.co : out.lead).push_back(std::move(u));

  // SUBJECT [要] 会同 PARTNERS …
  if (const std::size_t n = word_at(s, q, clause.end, c.joint)) read_partners(s, q + n, clause.end, out);
}

}  // namespace

SubjectUnits subject_units(std::string_view s, Range body) {
  SubjectUnits out;
  const Cues& c = cues();
  int depth = 0;            // inside quotes or brackets (reset at each line)
  bool content = false;     // the rest of the sentence is content someone is to write
  std::size_t clause_b = body.begin;
  const std::size_t end = std::min(body.end, s.size());
  for (std::size_t i = body.begin; i < end;) {
    std::size_t k = i;
    const char32_t ch = next_cp(s, k);
    if (ch == '\n') depth = 0;
    else if (is_open_quote(ch)) ++depth;
    else if (is_close_quote(ch) && depth > 0) --depth;
    if (depth == 0 && is_clause_end(ch)) {
      if (!content) read_clause(s, clause_b, i, out);
      const Range cl = trimmed(s, {clause_b, i});
      if (!cl.empty() && word_before(s, cl.begin, cl.end, c.content)) content = true;
      if (is_statement_end(ch)) content = false;
      clause_b = k;
    }
    i = k;
  }
  if (!content && clause_b < end) read_clause(s, clause_b, end, out);
  return out;
}

}  // namespace taizhang::detail
