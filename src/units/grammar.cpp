// The grammar of responsibility: see grammar.hpp. Word lists are the tables
// beside this file; this file holds only the shapes they combine into.
#include "units/grammar.hpp"

#include "text/scan.hpp"
#include "text/text.hpp"
#include "text/tsv.hpp"
#include "text/words.hpp"
#include "units/words.hpp"
#include "deadlines/deadlines.hpp"

#include "taizhang_data/collective_words.inc"
#include "taizhang_data/labels.inc"
#include "taizhang_data/levels.inc"
#include "taizhang_data/org_suffixes.inc"
#include "taizhang_data/role_verbs.inc"
#include "taizhang_data/standing.inc"
#include "taizhang_data/subject_cues.inc"

#include <algorithm>
#include <functional>
#include <type_traits>
#include <utility>

namespace taizhang::detail::units {

namespace {

using Words = std::vector<std::string_view>;

// A table word with its role (labels.tsv, role_verbs.tsv), longest first:
// `words` is the index, `roles[k]` the role of words.words()[k].
struct RoleWords {
  WordList words;
  std::vector<Role> roles;
  Role role_of(const std::string_view* w) const { return roles[static_cast<std::size_t>(w - words.words().data())]; }
};

struct Tables {
  RoleWords labels, verbs;                                 // longest first
  WordList first, scope, intro, remark;
  WordList org, bare, whole, weak, endings;                // name endings (weak ⊂ org; endings = org ∪ bare ∪ whole)
  WordList prefixes, not_prefixes, own_place, inherits;    // prefixes longest first
  WordList central;           // `central`: 国家, 国务院, 中央 … open a central body's name
  std::u32string levels;      // the one-character prefixes: 省 市 区 县 州 旗 盟 镇 乡
  std::u32string governed;    // `government`: 省 市 区 县 旗 镇 乡
  WordList collective_anywhere, collective_start;  // collective_words.tsv
  WordList openers;  // subject_cues.tsv: a clause opening so has no subject (鼓励X参与)
  WordList standing_cues;  // first ∪ scope ∪ 以下: a sentence without one states no standing rule
};

Role role_named(std::string_view w) {
  if (w == "lead") return Role::lead;
  if (w == "co") return Role::co;
  if (w == "leader") return Role::leader;
  if (w == "split") return Role::split;
  if (w == "due") return Role::due;
  if (w == "joint") return Role::joint;
  if (w == "other") return Role::other;
  return Role::responsible;
}

// Rows as (word, role) pairs, longest word first (stable: table order among equals).
RoleWords role_words(std::string_view table) {
  std::vector<std::pair<std::string_view, Role>> rows;
  for (const auto& r : tsv_rows(table))
    if (r.size() >= 2 && !r[0].empty()) rows.emplace_back(r[0], role_named(r[1]));
  std::stable_sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
  RoleWords out;
  Words words;
  for (const auto& [w, role] : rows) {
    words.push_back(w);
    out.roles.push_back(role);
  }
  out.words = WordList(std::move(words));
  return out;
}

// The tables' words by list, before they are indexed.
struct Rows {
  Words first, scope, intro, remark, org, bare, whole, weak, prefixes, not_prefixes, own_place, inherits, central;
  Words collective_anywhere, collective_start, openers;
};

// One row of levels.tsv. A one-character word is also a level character.
void read_level_row(Tables& t, Rows& rows, std::string_view word, std::string_view kind) {
  std::size_t i = 0;
  const char32_t c = next_cp(word, i);
  const bool one_character = i == word.size();
  if (kind == "government") {
    if (one_character) t.governed.push_back(c);
    return;
  }
  if (kind == "prefix" && one_character) t.levels.push_back(c);
  (kind == "prefix"      ? rows.prefixes
   : kind == "own_place" ? rows.own_place
   : kind == "inherits"  ? rows.inherits
   : kind == "central"   ? rows.central
                         : rows.not_prefixes)
      .push_back(word);
}

// An empty word would match everywhere: the tables have none, and a blank
// first field is skipped rather than read as one.
Tables read_tables() {
  Tables t;
  t.labels = role_words(data::labels);
  t.verbs = role_words(data::role_verbs);
  Rows rows;
  for (const auto& r : tsv_rows(data::standing)) {
    if (r.size() < 2 || r[0].empty()) continue;
    Words* to = r[1] == "first" ? &rows.first : r[1] == "scope" ? &rows.scope : r[1] == "intro" ? &rows.intro : &rows.remark;
    to->push_back(r[0]);
  }
  for (const auto& r : tsv_rows(data::org_suffixes)) {
    if (r.size() < 2 || r[0].empty()) continue;
    (r[1] == "bare" ? rows.bare : r[1] == "whole" ? rows.whole : rows.org).push_back(r[0]);
    if (r[1] == "org_whole") rows.whole.push_back(r[0]);  // an ending and a name (妇联)
    if (r[1] == "org_weak") rows.weak.push_back(r[0]);
  }
  for (const auto& r : tsv_rows(data::levels))
    if (r.size() >= 2 && !r[0].empty()) read_level_row(t, rows, r[0], r[1]);
  for (const auto& r : tsv_rows(data::collective_words))
    if (r.size() >= 2 && !r[0].empty()) (r[1] == "starts" ? rows.collective_start : rows.collective_anywhere).push_back(r[0]);
  for (const auto& r : tsv_rows(data::subject_cues))
    if (r.size() >= 2 && !r[0].empty() && r[1] == "opener" && r[0] != "由") rows.openers.push_back(r[0]);
  std::stable_sort(rows.prefixes.begin(), rows.prefixes.end(), [](auto a, auto b) { return a.size() > b.size(); });
  Words endings = rows.org;
  endings.insert(endings.end(), rows.bare.begin(), rows.bare.end());
  endings.insert(endings.end(), rows.whole.begin(), rows.whole.end());
  Words cues = rows.first;
  cues.insert(cues.end(), rows.scope.begin(), rows.scope.end());
  cues.push_back("以下");
  t.standing_cues = WordList(std::move(cues), WordList::Scan::dense);  // read_standing: every measure's text
  t.endings = WordList(std::move(endings));
  t.first = WordList(std::move(rows.first));
  t.scope = WordList(std::move(rows.scope));
  t.intro = WordList(std::move(rows.intro));
  t.remark = WordList(std::move(rows.remark));
  t.org = WordList(std::move(rows.org));
  t.bare = WordList(std::move(rows.bare));
  t.whole = WordList(std::move(rows.whole));
  t.weak = WordList(std::move(rows.weak));
  t.prefixes = WordList(std::move(rows.prefixes));
  t.not_prefixes = WordList(std::move(rows.not_prefixes));
  t.own_place = WordList(std::move(rows.own_place));
  t.central = WordList(std::move(rows.central));
  t.inherits = WordList(std::move(rows.inherits));
  t.collective_anywhere = WordList(std::move(rows.collective_anywhere));
  t.collective_start = WordList(std::move(rows.collective_start));
  t.openers = WordList(std::move(rows.openers));
  return t;
}

// Kept apart from read_tables so that it stays small enough to inline: the
// grammar asks for the tables in nearly every function (180 000 times in a
// parse of the reference plan at 4 MB). GCC kept it out of line (16
// instructions a call, 3 M a parse); inlined, a call is the guard's test.
[[gnu::always_inline]] inline const Tables& tables() {
  static const Tables t = read_tables();
  return t;
}

std::string_view view(std::string_view s, Range r) { return s.substr(r.begin, r.end - r.begin); }
bool contains(std::string_view s, std::string_view w) { return s.find(w) != std::string_view::npos; }
bool contains_any(std::string_view s, const WordList& ws) { return ws.found_in(s); }

// Trims a range of the folded text (ASCII and ideographic spaces).
Range trimmed(std::string_view s, Range r) {
  std::string_view v = trim_spaces(view(s, r));
  const std::size_t b = static_cast<std::size_t>(v.data() - s.data());
  return v.empty() ? Range{r.begin, r.begin} : Range{b, b + v.size()};
}

// --- brackets --------------------------------------------------------------

constexpr std::pair<char32_t, char32_t> kPairs[] = {
    {U'(', U')'}, {U'〔', U'〕'}, {U'[', U']'}, {U'【', U'】'}, {U'〈', U'〉'}, {U'<', U'>'}, {U'《', U'》'}, {U'“', U'”'}};

// The first UTF-8 bytes of the brackets above: most characters are told
// apart from every bracket by their first byte alone.
constexpr std::array<bool, 256> kBracketLeads = [] {
  std::array<bool, 256> lead{};
  for (const auto& [open, close] : kPairs) {
    lead[Marks::lead_byte(open)] = true;
    lead[Marks::lead_byte(close)] = true;
  }
  return lead;
}();

// Bracket depth change of code point c (+1 open, -1 close, 0).
constexpr int bracket_delta(char32_t c) noexcept {
  for (const auto& [open, close] : kPairs) {
    if (c == open) return +1;
    if (c == close) return -1;
  }
  return 0;
}

// Bracket depth change of the code point at s[i]; 0 where a character is
// cut off by the end of `s`.
int bracket_at(std::string_view s, std::size_t i) {
  if (i >= s.size()) return 0;
  const auto lead = static_cast<unsigned char>(s[i]);
  if (!kBracketLeads[lead] || s.size() - i < Marks::length(lead)) return 0;
  return bracket_delta(next_cp(s, i));
}

// The separators of a split, with the bytes where its scan must look
// closer: the first bytes of separators and brackets. A continuation byte is
// never one, so the scan can go byte by byte without decoding.
struct Seps {
  Marks marks;
  std::array<bool, 256> stop{};
  constexpr explicit Seps(std::u32string_view cps) : marks(cps) {
    for (std::size_t b = 0; b < 256; ++b) stop[b] = marks.may_start(static_cast<unsigned char>(b)) || kBracketLeads[b];
  }
};

// Where a note, a list or a sentence splits (all folded: ，；become , ;).
constexpr Seps kSentenceSeps(U"。;\n");     // a note's sentences
constexpr Seps kClauseSeps(U",");           // a sentence's clauses
constexpr Seps kPartSeps(U"。;,\n");        // is_note: every clause on its own
constexpr Seps kListSeps(U"、,;\n。");      // a unit list's items
constexpr Seps kLeaderSeps(U"、,;");        // names of leaders

// Splits [r) at depth-0 code points of `seps`; calls `part(range,
// separator)` for each piece, separator 0 at the end; a `part` that returns
// a bool stops the split by returning false. A character that is neither a
// separator nor a bracket is passed over byte by byte, undecoded.
template <class Part>
void split_top(std::string_view s, Range r, const Seps& seps, Part&& part) {
  int depth = 0;
  std::size_t b = r.begin;
  for (std::size_t i = r.begin; i < r.end;) {
    if (!seps.stop[static_cast<unsigned char>(s[i])]) {
      ++i;
      continue;
    }
    std::size_t k = i;
    const char32_t c = next_cp(s, k);
    const int d = bracket_delta(c);
    if (d > 0) ++depth;
    else if (d < 0 && depth > 0) --depth;
    else if (depth == 0 && seps.marks.has(c)) {
      if constexpr (std::is_same_v<decltype(part(Range{}, c)), bool>) {
        if (!part(Range{b, i}, c)) return;
      } else {
        part(Range{b, i}, c);
      }
      b = k;
    }
    i = k;
  }
  part(Range{b, r.end}, char32_t{0});
}

// The name without bracketed scope remarks (含…, 下同) and, for the suffix
// test, without a trailing bracket (示范区发展改革和统计局(商务局)).
// Text between brackets is copied a run at a time, not character by character.
std::string without_remarks(std::string_view v) {
  const Tables& t = tables();
  std::string out;
  std::size_t run = 0;  // where the text not yet copied starts
  for (std::size_t i = 0; i < v.size();) {
    if (!kBracketLeads[static_cast<unsigned char>(v[i])] || bracket_at(v, i) <= 0) {
      ++i;  // a continuation byte starts no bracket
      continue;
    }
    out.append(v.substr(run, i - run));
    {
      int depth = 0;
      std::size_t j = i;
      while (j < v.size()) {
        const int d = bracket_at(v, j);
        next_cp(v, j);
        if (d > 0) ++depth;
        else if (d < 0 && --depth == 0) break;
      }
      std::string_view inner = v.substr(i, j - i);
      std::size_t open_len = i;
      next_cp(v, open_len);
      std::string_view content = v.substr(open_len, j - open_len);
      const bool remark = contains_any(content, t.scope) || t.remark.opens(content);
      if (!remark) out += inner;
      i = run = j;
    }
  }
  if (run < v.size()) out.append(v.substr(run));
  return out;
}

std::string_view without_trailing_bracket(std::string_view n) {
  if (n.empty()) return n;
  std::size_t e = n.size();
  std::size_t k = e;
  prev_cp(n, k);
  if (bracket_at(n, k) >= 0) return n;
  int depth = 0;
  for (std::size_t i = 0; i < e;) {
    const int d = bracket_at(n, i);
    std::size_t j = i;
    next_cp(n, j);
    if (d > 0 && depth++ == 0 && j < e) {
      // the outermost bracket that closes at the end
      int dd = 1;
      std::size_t x = j;
      while (x < e && dd > 0) {
        const int b = bracket_at(n, x);
        next_cp(n, x);
        dd += b;
      }
      if (x == e && i > 0) return n.substr(0, i);
    }
    if (d < 0) --depth;
    i = j;
  }
  return n;
}

// --- what a unit is -------------------------------------------------------

bool ends_with_any(std::string_view n, const WordList& ws) { return ws.closes(n); }

// 各 + an administrative level (各市, 各县区, 各乡镇): every body of that level.
bool is_level_collective(std::string_view n) {
  if (!opens_with(n, "各") || n.size() > han_bytes(5)) return false;  // 各 + a level of up to four characters
  std::size_t e = n.size();
  const char32_t c = prev_cp(n, e);
  return e >= 3 && (is_level_character(c) || closes_with(n, "街道"));
}

// Ends like an organisation's name (a bare 部门/单位 alone does not).
bool is_unit_name(std::string_view name) {
  const Tables& t = tables();
  std::string_view n = without_trailing_bracket(name);
  if (n.empty()) return false;
  if (is_level_collective(n)) return true;
  if (t.whole.has(n)) return true;
  // Longer than its ending: 企业, 中心, 单位 alone refer back to a body named before.
  return t.endings.ending_at(n, n.size(), [&](std::string_view e) { return n.size() > e.size(); }) != nullptr;
}

bool is_bare_noun(std::string_view n) {
  const Tables& t = tables();
  if (t.bare.has(n)) return true;
  // A label (主办单位, 责任单位) names a role, not a body.
  return t.labels.words.has(n);
}

bool opens_with_object_verb(std::string_view v) {
  const Tables& t = tables();
  return t.openers.opens(v);
}

// Does `n` end only in a weak ending (社, 所, 组 …), not in a longer one?
bool only_weak_ending(std::string_view n) {
  const Tables& t = tables();
  if (!ends_with_any(n, t.weak)) return false;
  return !t.org.ending_at(n, n.size(), [&](std::string_view e) { return n.size() > e.size() && !t.weak.has(e); });
}

// Shrinks a list to end at its last organisation ending: 市司法局研究落实 →
// 市司法局, 各国有林场具体 → 各国有林场. A list with no such ending is kept.
Range cut_to_units(std::string_view s, Range r) {
  std::string_view v = s.substr(r.begin, r.end - r.begin);
  std::size_t cut = 0;
  for (std::size_t i = 0; i < v.size();) {
    std::size_t k = i;
    next_cp(v, k);
    const std::string_view head = v.substr(0, k);
    if (is_unit_name(head) && !only_weak_ending(head)) cut = k;
    i = k;
  }
  return cut ? Range{r.begin, r.begin + cut} : r;
}

std::string_view level_prefix(std::string_view name) {
  const Tables& t = tables();
  if (t.not_prefixes.opens(name)) return {};
  // The longest prefix that two characters or more follow.
  const auto* p = t.prefixes.starting_at(name, 0, [&](std::string_view w) { return name.size() > w.size() + han_bytes(1); });
  return p ? *p : std::string_view{};
}

// A department written without level or place (发改委, 交通运输局); a
// branch that carries its own place (广元银保监分局) is none.
bool is_bare_department(std::string_view name) {
  if (!is_unit_name(name) || is_collective(name) || !level_prefix(name).empty()) return false;
  const Tables& t = tables();
  if (contains_any(name, t.own_place) || !ends_with_any(name, t.inherits)) return false;
  if (t.central.opens(name)) return false;  // a central body has no local level to inherit
  // A place inside the first characters (洛宁县…, 涧西区…) is no bare name;
  // a level character inside a word (市场监管局, 住房城乡建设厅) is no place.
  std::size_t i = 0;
  char32_t before = 0;
  for (int k = 0; k < 4 && i < name.size(); ++k) {
    const std::size_t at = i;
    const char32_t c = next_cp(name, i);
    const bool level = is_level_character(c);
    bool in_word = before == U'城' || before == U'都';
    in_word = in_word || t.not_prefixes.starting_at(name, at);
    if (level && k > 0 && i < name.size() && !in_word) return false;
    before = c;
  }
  return true;
}

// --- reading one list item ---------------------------------------------------

// The role verb that ends `v` and is shorter than it (longest wins), if any
// but 会同, which joins two lists rather than closing one.
const std::string_view* closing_verb(std::string_view v) {
  const RoleWords& verbs = tables().verbs;
  return verbs.words.ending_at(v, v.size(), [&](const std::string_view& w) {
    return v.size() > w.size() && verbs.role_of(&w) != Role::joint;
  });
}

// Strips role verbs, a bare 等 and a final 。 from the end of `r`; a leading
// 由/请 from its start.
Range strip_item(std::string_view s, Range r) {
  for (bool changed = true; changed && !r.empty();) {
    changed = false;
    r = trimmed(s, r);
    std::string_view v = view(s, r);
    if (const auto* w = closing_verb(v)) {
      r.end -= w->size();
      changed = true;
    }
    if (changed) continue;
    static const WordList kTrailing({"等", "。", "要", "分别", "共同"});
    if (const auto* w = kTrailing.ending_at(v, v.size(), [&](std::string_view t) { return v.size() > t.size(); })) {
      r.end -= w->size();
      changed = true;
    }
  }
  // Each in turn (由请… loses both).
  auto strip_leading = [&](const auto& lit) {
    constexpr std::size_t n = sizeof(lit) - 1;
    if (r.end - r.begin > n + han_bytes(1) && opens_with(view(s, r), lit)) r.begin += n;
  };
  strip_leading("由");
  strip_leading("请");
  strip_leading("和");
  strip_leading("及");
  return trimmed(s, r);
}

// Does `v` open with a word strip_item takes off the front?
bool opens_with_leading_word(std::string_view v) {
  return opens_with(v, "由") || opens_with(v, "请") || opens_with(v, "和") || opens_with(v, "及");
}

// The coordinating conjunctions that join two names (a closed class of the
// language, not a convention of some issuers), and the words after which
// 等 names the other bodies of a kind.
constexpr std::string_view kConjunctions[] = {"和", "及", "与", "以及"};
constexpr std::string_view kOthersAfter[] = {"等有关", "等相关部门", "等相关单位"};

// Splits "A和B" / "A及B" / "A与B" where both sides are organisations
// (财政部和相关科技项目管理部门), never inside a name (工业和信息化部,
// 各有关部门和单位); "A等有关部门" into A and 有关部门; and names run
// together (市行政审批局市司法局).
void split_item(std::string_view s, Range r, std::vector<Range>& out) {
  std::string_view v = view(s, r);
  // Most items hold neither 等有关 nor a conjunction: one pass tells
  // (以及 holds 及), instead of a search for each word.
  static const WordList kSplitWords = [] {
    std::vector<std::string_view> w(std::begin(kOthersAfter), std::end(kOthersAfter));
    w.insert(w.end(), std::begin(kConjunctions), std::end(kConjunctions));
    return WordList(std::move(w));
  }();
  const bool joined = kSplitWords.found_in(v);
  // 等有关部门 names the other departments, and so does 等相关部门 (国务院办公厅
  // 94: 公安部等相关部门按职责分工负责; 黄浦区 80: 区国资委等相关部门); but
  // 涧西区等相关县区政府 is one collective that includes the item before it
  // (RULES.md), so 相关 splits only before 部门/单位.
  for (std::string_view w : kOthersAfter) {
    if (!joined) break;
    if (auto p = v.find(w); p != std::string_view::npos && p > 0) {
      out.push_back({r.begin, r.begin + p});
      out.push_back({r.begin + p + std::string_view("等").size(), r.end});
      return;
    }
  }
  for (std::string_view w : kConjunctions) {
    for (std::size_t p = joined ? v.find(w) : std::string_view::npos; p != std::string_view::npos;
         p = v.find(w, p + w.size())) {
      std::string_view left = v.substr(0, p), right = v.substr(p + w.size());
      if (right.starts_with("其他")) right.remove_prefix(std::string_view("其他").size());
      if (is_unit_name(without_remarks(left)) && is_unit_name(without_remarks(right)) && !is_bare_noun(right)) {
        out.push_back({r.begin, r.begin + p});
        split_item(s, {r.begin + p + w.size(), r.end}, out);
        return;
      }
    }
  }
  // Run together: a level prefix right after an organisation ending. The
  // ending is tested first: it is the cheapest test and the rarest.
  static const WordList kRunEnds({"局", "委", "办", "厅", "政府", "公司", "中心"});
  // The second name starts with a level prefix, after six bytes at least:
  // without a prefix there, one pass says so and the loop is not run.
  const bool prefixed = v.size() > 6 && tables().prefixes.found_in(v.substr(6));
  for (std::size_t i = 0; prefixed && i < v.size();) {
    std::size_t k = i;
    next_cp(v, k);
    if (i >= 6 && kRunEnds.closes(v.substr(0, i)) && !level_prefix(v.substr(i)).empty() &&
        is_unit_name(v.substr(0, i)) && is_unit_name(v.substr(i)) && bracket_at(v, i) == 0) {
      out.push_back({r.begin, r.begin + i});
      split_item(s, {r.begin + i, r.end}, out);
      return;
    }
    i = k;
  }
  out.push_back(r);
}

// --- a group of items (between ，or ；): 各, prefixes, shared suffixes ---

// One leading 各 governs a list of parallel names (各区、县级市; 各市、县政府;
// 各高校、科研院所): the list is one collective unit, unless another item is
// a department of its own (市财政局), another 各 or 有关 group, or a central body.
bool governed_by_ge(const std::vector<Item>& g) {
  if (g.size() < 2 || !g.front().name.starts_with("各")) return false;
  for (std::size_t k = 1; k < g.size(); ++k) {
    std::string_view n = without_trailing_bracket(g[k].name);
    if (n.starts_with("各") || contains(n, "有关") || contains(n, "相关") || tables().central.opens(n) ||
        n.ends_with("局") || n.ends_with("委") ||
        n.ends_with("办") || n.ends_with("厅") || n.ends_with("署") || n.ends_with("部") || n.ends_with("行"))
      return false;
  }
  return true;
}

void inherit_prefixes(std::vector<Item>& g) {
  std::string prefix;
  for (auto& it : g) {
    std::string_view p = level_prefix(it.name);
    if (!p.empty() && !is_collective(it.name)) prefix = std::string(p);
    // A name never repeats its own level (县城管局 is 县 + 城管局, not bare).
    else if (!prefix.empty() && is_bare_department(it.name) && !it.name.starts_with(prefix)) it.name = prefix + it.name;
  }
}

// 市州, 县市区, 市县: a name made of level characters alone names every place
// of those levels (a collective written without 各).
bool only_levels(std::string_view n, std::size_t min_characters = 2) {
  if (n.size() < han_bytes(min_characters)) return false;
  for (std::size_t i = 0; i < n.size();)
    if (!is_level_character(next_cp(n, i))) return false;
  return true;
}

// 涧西区、伊川县政府 → 涧西区政府, 伊川县政府; 广州、深圳市政府 → 广州市政府;
// 财政、发展改革、中医药等部门 → 财政部门 …
void distribute_suffix(std::vector<Item>& g) {
  if (g.size() < 2) return;
  const std::string& last = g.back().name;
  std::string shared;
  for (std::string_view w : {std::string_view("人民政府"), std::string_view("政府")}) {
    if (last.ends_with(w)) { shared = std::string(w); break; }
  }
  // A collective may share its 政府 too (各市〔州〕、各县〔市、区〕人民政府: each
  // level has a government); other collectives (有关单位) share nothing.
  if (is_collective(last) && !last.ends_with("部门") && shared.empty()) return;
  if (!shared.empty()) {
    std::string_view stem = std::string_view(last).substr(0, last.size() - shared.size());
    std::size_t k = stem.size();
    const char32_t region = k ? prev_cp(stem, k) : 0;
    for (std::size_t j = 0; j + 1 < g.size(); ++j) {
      std::string& n = g[j].name;
      // 各市〔州〕、各县人民政府: a level collective takes the shared 人民政府 too;
      // after a collective, only one of levels alone (各开发区 has a 管委会).
      const std::string_view bare = without_trailing_bracket(n);
      const bool level = is_level_collective(bare) &&
                         (!is_collective(last) || only_levels(bare.substr(std::string_view("各").size()), 1));
      if ((is_unit_name(n) || is_collective(n)) && !level) continue;
      if (level) {
        n += shared;
        continue;
      }
      std::size_t e = n.size();
      const char32_t c = e ? prev_cp(n, e) : 0;
      // 涧西区 takes 政府; a city written without 市 (广州) takes 市政府; a
      // run of levels (市州、县市区人民政府) names their governments as written.
      if (names_governed_place(c) || only_levels(n)) n += shared;
      else if (names_governed_place(region)) {
        append_utf8(n, region);
        n += shared;
      }
    }
    return;
  }
  if (last.ends_with("部门") && contains(last, "等")) {
    for (std::size_t j = 0; j + 1 < g.size(); ++j)
      if (!is_unit_name(g[j].name)) g[j].name += "部门";
  }
}

}  // namespace

const std::vector<std::string_view>& level_prefixes() { return tables().prefixes.words(); }
const WordList& level_prefix_words() { return tables().prefixes; }

bool is_level_character(char32_t c) { return c && tables().levels.find(c) != std::u32string::npos; }

bool names_governed_place(char32_t c) { return c && tables().governed.find(c) != std::u32string::npos; }

bool is_collective(std::string_view n) {
  // Asked of every name several times: one pass over the name, not one per word.
  const Tables& t = tables();
  return t.collective_anywhere.found_in(n) || t.collective_start.opens(n);
}

bool names_a_label_field(std::string_view line) {
  for (std::size_t p = line.find(':'); p != std::string_view::npos; p = line.find(':', p + 1)) {
    std::string_view before = line.substr(0, p);
    while (!before.empty() && before.back() == ' ') before.remove_suffix(1);
    const RoleWords& labels = tables().labels;
    if (labels.words.ending_at(before, before.size(), [&](const std::string_view& w) {
          const Role role = labels.role_of(&w);
          return role == Role::lead || role == Role::responsible || role == Role::co;
        }))
      return true;
  }
  return false;
}

std::optional<Role> label_role(std::string_view word) {
  const RoleWords& labels = tables().labels;
  const auto* w = labels.words.starting_at(word, 0, [&](const std::string_view& l) { return l.size() == word.size(); });
  if (w) return labels.role_of(w);
  return std::nullopt;
}

bool opens_with_label(std::string_view line, std::size_t& len) {
  // The longest label that a colon follows (after spaces).
  return tables().labels.words.starting_at(line, 0, [&](std::string_view w) {
    std::size_t i = w.size();
    while (i < line.size() && line[i] == ' ') ++i;
    if (i < line.size() && line[i] == ':') {
      len = i + 1;
      return true;
    }
    return false;
  }) != nullptr;
}

void read_units(std::string_view s, Range list, std::vector<Item>& out, std::vector<Rejected>& rejected) {
  // The group and the piece's items are scratch space kept from call to
  // call (read_units is called some 25 000 times a parse, each call used
  // to allocate both anew); read_units never calls itself, so one pair per
  // thread is enough.
  thread_local std::vector<Item> group;
  thread_local std::vector<Range> items;
  // For each group item, the length of its name when it was read, if
  // is_unit_name held for it then (npos if not): the group's prefixes and
  // suffixes only ever lengthen a name, so a name of that length is the
  // same name, and the group's last test need not be asked again.
  thread_local std::vector<std::size_t> unit_name_size;
  group.clear();
  unit_name_size.clear();
  auto flush_group = [&] {
    if (group.empty()) return;
    if (governed_by_ge(group)) {
      Item one{{group.front().raw.begin, group.back().raw.end}, ""};
      one.name = without_remarks(view(s, one.raw));
      group.assign(1, std::move(one));
      unit_name_size.assign(1, std::string::npos);
    }
    inherit_prefixes(group);
    distribute_suffix(group);
    for (std::size_t k = 0; k < group.size(); ++k) {
      Item& it = group[k];
      const bool unit = unit_name_size[k] == it.name.size() || is_unit_name(it.name);
      if (unit && !is_bare_noun(it.name)) out.push_back(std::move(it));
      else rejected.push_back({it.raw, "not the name of an organisation"});
    }
    group.clear();
    unit_name_size.clear();
  };
  split_top(s, list, kListSeps,
            [&](Range piece, char32_t sep) {
              // 等和 joins two lists: A等和B.
              items.clear();
              std::string_view v = view(s, piece);
              bool stripped = false;  // items[0] is the piece as strip_item left it
              if (auto p = v.find("等和"); p != std::string_view::npos) {
                split_item(s, strip_item(s, {piece.begin, piece.begin + p}), items);
                flush_group();
                split_item(s, strip_item(s, {piece.begin + p + std::string_view("等和").size(), piece.end}), items);
              } else {
                Range r = strip_item(s, piece);
                if (!r.empty()) split_item(s, r, items);
                // Kept whole (the common case: one name between two 、),
                // the item is stripped already, and a second strip_item
                // could change it only where it opens with another 由, 请,
                // 和 or 及 (the leading words go one pass each; the loop
                // over the end ran until nothing changed).
                stripped = items.size() == 1 && items[0].begin == r.begin && items[0].end == r.end &&
                           !opens_with_leading_word(view(s, r));
              }
              for (Range r : items) {
                if (!stripped) r = strip_item(s, r);
                std::string name = without_remarks(view(s, r));
                const bool unit = is_unit_name(name);
                if (!unit) {
                  const Range cut = cut_to_units(s, r);
                  if (cut.end != r.end) name = without_remarks(view(s, cut));
                  r = cut;
                }
                if (!r.empty()) {
                  group.push_back({r, std::move(name)});
                  unit_name_size.push_back(unit ? group.back().name.size() : std::string::npos);
                }
              }
              if (sep != U'、') flush_group();
            });
  flush_group();
}

namespace {

bool states_order_rule(std::string_view sentence) {
  return contains(sentence, "牵头") && contains_any(sentence, tables().first);
}

// 以下均需X落实，不再列出 / 以下均由X负责落实: the units after the intro word,
// up to the last organisation ending before the verb.
// `scoped`: the sentence holds a scope word (contains_any(sentence, scope)).
bool read_standing_default(std::string_view s, Range sentence, bool scoped, Note& out) {
  const Tables& t = tables();
  std::string_view v = view(s, sentence);
  if (!scoped && !v.starts_with("以下")) return false;
  for (auto w : t.intro.words()) {
    const std::size_t p = v.find(w);
    if (p == std::string_view::npos) continue;
    const std::size_t from = sentence.begin + p + w.size();
    // The list ends at the first clause break after the intro.
    std::size_t to = from;
    int depth = 0;
    while (to < sentence.end) {
      const int d = bracket_at(s, to);
      if (d > 0) ++depth;
      else if (d < 0 && depth > 0) --depth;
      else if (depth == 0 && s[to] == ',' ) {
        // A comma inside the list (A,B落实) continues it only if a unit follows.
        std::size_t k = to + 1;
        std::size_t e = k;
        while (e < sentence.end && s[e] != ',' && s[e] != ';') ++e;
        if (!is_unit_name(without_trailing_bracket(without_remarks(view(s, strip_item(s, {k, e}))))) ) break;
      }
      next_cp(s, to);
    }
    // Cut the last item after its last organisation ending (X结合实际抓好落实).
    std::string_view list = view(s, {from, to});
    std::size_t cut = 0;
    for (std::size_t i = 0; i < list.size();) {
      std::size_t k = i;
      next_cp(list, k);
      if (is_unit_name(list.substr(0, k))) cut = k;
      i = k;
    }
    if (cut == 0) return false;
    std::vector<Rejected> ignored;
    read_units(s, {from, from + cut}, out.standing, ignored);
    return !out.standing.empty();
  }
  return false;
}

// The text of `v` without what brackets enclose (the sentence's own words).
// Copied a run at a time: from the end of a bracket at depth 0 to the next.
std::string outside_brackets(std::string_view v) {
  std::string out;
  int depth = 0;
  std::size_t run = 0;  // where the depth-0 text not yet copied starts
  for (std::size_t i = 0; i < v.size();) {
    if (!kBracketLeads[static_cast<unsigned char>(v[i])]) {
      ++i;  // a continuation byte starts no bracket
      continue;
    }
    const int d = bracket_at(v, i);
    std::size_t k = i;
    next_cp(v, k);
    if (d > 0 && depth++ == 0) out.append(v.substr(run, i - run));
    else if (d < 0 && depth > 0 && --depth == 0) run = k;
    i = k;
  }
  if (depth == 0 && run < v.size()) out.append(v.substr(run));
  return out;
}

// Does `v` hold a bracket? Without one, outside_brackets(v) is v.
bool has_bracket(std::string_view v) {
  for (std::size_t i = 0; i < v.size(); ++i)
    if (kBracketLeads[static_cast<unsigned char>(v[i])] && bracket_at(v, i) != 0) return true;
  return false;
}

// `p` up to a bracket that states the order rule (责任单位：A、B（排在第一位
// 的为牵头单位，下同）→ 责任单位：A、B).
Range before_rule_bracket(std::string_view s, Range p) {
  for (std::size_t i = p.begin; i < p.end;) {
    if (bracket_at(s, i) > 0) {
      std::size_t j = i;
      int depth = 0;
      while (j < p.end) {
        const int d = bracket_at(s, j);
        next_cp(s, j);
        if (d > 0) ++depth;
        else if (d < 0 && --depth == 0) break;
      }
      if (states_order_rule(view(s, {i, j}))) return {p.begin, i};
      i = j;
      continue;
    }
    std::size_t k = i;
    next_cp(s, k);
    i = k;
  }
  return p;
}

struct Reader {
  std::string_view s;
  Note& out;
  Role field = Role::joint;              // the open label field (joint: none)
  std::vector<Item> pending;             // units before their verb (A，B负责)

  std::vector<Item>* list_for(Role r) {
    switch (r) {
      case Role::lead: return &out.lead;
      case Role::responsible: return &out.responsible;
      case Role::co: return &out.co;
      case Role::leader: return &out.leaders;
      default: return nullptr;
    }
  }

  // The units are read straight into their list, after the pending ones.
  void units_into(Role r, Range range) {
    if (r == Role::leader) {  // people: kept as written
      read_units(s, range, out.leaders, out.rejected);
      return;
    }
    if (auto* to = list_for(r)) {
      for (auto& p : pending) to->push_back(std::move(p));
      pending.clear();
      read_units(s, range, *to, out.rejected);
      return;
    }
    std::vector<Item> ignored;  // a field that names no unit: only what is rejected counts
    read_units(s, range, ignored, out.rejected);
  }

  void leaders_into(Range range) {
    split_top(s, range, kLeaderSeps, [&](Range p, char32_t) {
      p = trimmed(s, p);
      if (!p.empty()) out.leaders.push_back({p, std::string(view(s, p))});
    });
  }

  // A clause with a role verb or 会同, or a bare list.
  void clause(Range r) {
    r = trimmed(s, r);
    std::string_view v = view(s, r);
    if (v.empty()) return;
    if (const std::size_t p = v.find("会同"); p != std::string_view::npos && p > 0) {
      units_into(Role::lead, {r.begin, r.begin + p});
      units_into(Role::co, {r.begin + p + std::string_view("会同").size(), r.end});
      field = Role::joint;
      return;
    }
    if (const auto* verb = closing_verb(v)) {
      units_into(tables().verbs.role_of(verb), {r.begin, r.end - verb->size()});
      field = Role::joint;
      return;
    }
    // A date written in the note without its label (（6月底完成，牵头单位：X）)
    // is the deadlines stage's: it names no unit.
    if (!deadlines::scan(v, deadlines::Context{2000, std::nullopt}).empty()) {
      out.due.push_back(r);
      return;
    }
    if (list_for(field)) {
      units_into(field, r);  // a comma group continuing a label field
      return;
    }
    if (field == Role::joint) read_units(s, r, pending, out.rejected);  // units before their verb
  }

  void part(Range r) {
    r = trimmed(s, r);
    std::string_view v = view(s, r);
    if (v.empty()) return;
    std::size_t len = 0;
    if (opens_with_label(v, len)) {
      // The longest label it opens with, whether or not the colon follows that one.
      const auto* label = tables().labels.words.starting_at(v, 0);
      const Role role = label ? tables().labels.role_of(label) : Role::other;
      const Range content{r.begin + len, r.end};
      field = role;
      if (role == Role::due) out.due.push_back(trimmed(s, content));
      if (role == Role::leader) leaders_into(content);
      else if (role == Role::split) { field = Role::joint; clause(content); }
      else if (list_for(role)) units_into(role, content);
      return;
    }
    if (field == Role::due || field == Role::leader || field == Role::other) {
      if (field == Role::leader) leaders_into(r);
      return;  // the rest of a deadline, scope or leader field
    }
    clause(r);
  }
};

}  // namespace

void read_note(std::string_view s, Range content, Note& out) {
  const Tables& t = tables();
  Reader reader{s, out, Role::joint, {}};
  // An order rule, a standing default and a scope word each need a word of
  // standing_cues in their sentence; most notes hold none, and their
  // sentences are not searched for them one by one.
  const bool cued = t.standing_cues.found_in(view(s, content));
  split_top(s, content, kSentenceSeps, [&](Range sentence, char32_t) {
    std::string_view v = view(s, sentence);
    const bool scoped = cued && contains_any(v, t.scope);
    if (cued && states_order_rule(v)) {
      out.order_rule = true;
      out.rule_scope = out.rule_scope || scoped;
      // The units listed before the rule in the same sentence (A、B负责，列第一位者为牵头单位;
      // 责任单位：A、B（排在第一位的为牵头单位，下同）).
      split_top(s, sentence, kClauseSeps, [&](Range p, char32_t) {
        p = before_rule_bracket(s, p);
        if (!states_order_rule(view(s, p)) && !contains_any(view(s, p), t.scope)) reader.part(p);
      });
      return;
    }
    if (cued && read_standing_default(s, sentence, scoped, out)) {
      out.rule_scope = true;
      // A role clause before the default in the same sentence still counts.
      split_top(s, sentence, kClauseSeps, [&](Range p, char32_t) {
        std::string_view pv = view(s, p);
        if (!contains_any(pv, t.scope) && !contains_any(pv, t.intro) && !pv.starts_with("以下")) reader.part(p);
      });
      return;
    }
    if (scoped && trim_spaces(v).size() <= 12) return;  // a lone 下同
    // A clause closed by 下同 (A负责落实，下同): its units hold for what follows too.
    // (Outside its brackets a sentence may join a word that a bracket splits.)
    const bool carries = has_bracket(v) ? contains_any(outside_brackets(v), t.scope) : scoped;
    const std::size_t lead0 = out.lead.size(), resp0 = out.responsible.size(), co0 = out.co.size();
    split_top(s, sentence, kClauseSeps, [&](Range p, char32_t) {
      if (!(carries && contains_any(view(s, p), t.scope) && trim_spaces(view(s, p)).size() <= 12)) reader.part(p);
    });
    if (carries) {
      out.standing.insert(out.standing.end(), out.lead.begin() + lead0, out.lead.end());
      out.standing.insert(out.standing.end(), out.responsible.begin() + resp0, out.responsible.end());
      out.standing.insert(out.standing.end(), out.co.begin() + co0, out.co.end());
    }
  });
  for (auto& p : reader.pending) out.responsible.push_back(std::move(p));
}

bool declares_document_order_rule(std::string_view s) {
  // Only a sentence with 牵头 can state the rule: a sentence is read only
  // when the next 牵头 of the text lies inside it, and the scan stops at the
  // rule or after the last 牵头.
  constexpr std::string_view kLead = "牵头";
  static const std::boyer_moore_horspool_searcher find_lead(kLead.begin(), kLead.end());
  auto next_lead = [&](std::size_t from) {
    const auto it = std::search(s.begin() + static_cast<std::ptrdiff_t>(from), s.end(), find_lead);
    return it == s.end() ? std::string_view::npos : static_cast<std::size_t>(it - s.begin());
  };
  std::size_t lead = next_lead(0);
  bool found = false;
  split_top(s, {0, s.size()}, kSentenceSeps, [&](Range sentence, char32_t) {
    if (lead < sentence.begin) lead = next_lead(sentence.begin);
    if (lead == std::string_view::npos) return false;
    if (lead + kLead.size() > sentence.end) return true;
    found = states_order_rule(outside_brackets(view(s, sentence)));
    return !found;
  });
  return found;
}

bool may_state_standing(std::string_view text) { return tables().standing_cues.found_in(text); }

void read_standing(std::string_view s, Range text, Note& out) {
  // A rule needs an ordinal (第一位) or a scope word (下同) or 以下 in its
  // sentence: most passages have none and are not split at all.
  if (!may_state_standing(view(s, text))) return;
  split_top(s, text, kSentenceSeps, [&](Range sentence, char32_t) {
    std::string_view v = view(s, sentence);
    if (states_order_rule(v)) {
      out.order_rule = true;
      out.rule_scope = true;  // a rule stated outside the measures holds for them all
      return;
    }
    if (read_standing_default(s, sentence, contains_any(v, tables().scope), out)) out.rule_scope = true;
  });
}

bool is_note(std::string_view content) {
  std::string_view v = trim_spaces(content);
  if (v.empty() || v.size() > 1200) return false;
  const Tables& t = tables();
  bool note = false;
  split_top(v, {0, v.size()}, kPartSeps,
            [&](Range p, char32_t) {
              if (note) return;
              std::string_view part = trim_spaces(v.substr(p.begin, p.end - p.begin));
              std::size_t len = 0;
              if (opens_with_label(part, len) || states_order_rule(part)) {
                note = true;
                return;
              }
              if (contains_any(part, t.scope) && contains_any(part, t.intro)) {
                note = true;
                return;
              }
              if (const auto* verb = closing_verb(part)) {
                // The words before the verb must read as units, and not as
                // the object of a verb (鼓励市属国有企业参与).
                std::string_view units = part.substr(0, part.size() - verb->size());
                if (!cut_prefix_word(units, "由")) cut_prefix_word(units, "请");
                if (opens_with_object_verb(units)) return;
                units = units.substr(0, units.find("会同"));
                std::vector<Item> items;
                std::vector<Rejected> rejected;
                read_units(units, {0, units.size()}, items, rejected);
                note = !items.empty() && items.size() > rejected.size();
              }
            });
  return note;
}

}  // namespace taizhang::detail::units
