// The date scanner: every time expression of a plan (section 4 of the design
// notes, docs/deadlines.md) read in one left-to-right pass, without regex.
//
// At each position whose character can begin a date (Starts) the scanner
// tries a small recursive-descent grammar with bounded look-ahead; other
// characters are stepped over with one bit test. A failed attempt on a digit
// run skips the whole run, so the pass stays linear however long the run
// (99999999999年).
#include "deadlines/deadlines.hpp"
#include "text/tsv.hpp"

#include "text/scan.hpp"
#include "text/text.hpp"

#include "taizhang_data/date_cues.inc"

#include <algorithm>
#include <array>
#include <bitset>
#include <cstdint>
#include <cstring>
#include <exception>
#include <string>
#include <utility>

namespace taizhang::detail::deadlines {
namespace {

namespace bg = boost::gregorian;
using bg::date;

// ---------------------------------------------------------------- cue words

// Up to 3 bytes packed into an integer: forward from s[i], or backward from
// s[i-1] (the byte nearest i lowest). A cue is tested against a position by
// comparing these keys first, so a list of cues costs one integer compare
// per cue instead of one memcmp (most positions match no cue).
std::uint32_t pack_forward(std::string_view s, std::size_t i, std::size_t n) noexcept {
  std::uint32_t k = 0;
  for (std::size_t b = 0; b < n; ++b)
    k |= static_cast<std::uint32_t>(static_cast<unsigned char>(s[i + b])) << (8 * b);
  return k;
}

std::uint32_t pack_backward(std::string_view s, std::size_t i, std::size_t n) noexcept {
  std::uint32_t k = 0;
  for (std::size_t b = 0; b < n; ++b)
    k |= static_cast<std::uint32_t>(static_cast<unsigned char>(s[i - 1 - b])) << (8 * b);
  return k;
}

// The cue words of one class, longest first (so 常态化推进 wins over 常态化
// and 截止到 over 截止), each with its first and last bytes packed.
class CueList {
 public:
  void add(std::string word) {
    const std::size_t n = std::min<std::size_t>(3, word.size());
    Cue c;
    c.head = pack_forward(word, 0, n);
    c.tail = pack_backward(word, word.size(), n);
    c.mask = n == 3 ? 0xFFFFFFu : (1u << (8 * n)) - 1;
    c.word = std::move(word);
    cues_.push_back(std::move(c));
  }
  void sort_longest_first() {
    std::stable_sort(cues_.begin(), cues_.end(),
                     [](const Cue& a, const Cue& b) { return a.word.size() > b.word.size(); });
  }

  // The first (longest) cue that starts at s[i], or null.
  const std::string* starting_at(std::string_view s, std::size_t i) const noexcept {
    if (i > s.size()) return nullptr;
    const std::size_t room = s.size() - i;
    const std::uint32_t key = pack_forward(s, i, std::min<std::size_t>(3, room));
    for (const Cue& c : cues_)
      if (c.word.size() <= room && (key & c.mask) == c.head &&
          std::memcmp(s.data() + i, c.word.data(), c.word.size()) == 0)
        return &c.word;
    return nullptr;
  }

  // The first (longest) cue that s[..i) ends with, or null.
  const std::string* ending_at(std::string_view s, std::size_t i) const noexcept {
    const std::uint32_t key = pack_backward(s, i, std::min<std::size_t>(3, i));
    for (const Cue& c : cues_)
      if (c.word.size() <= i && (key & c.mask) == c.tail &&
          std::memcmp(s.data() + i - c.word.size(), c.word.data(), c.word.size()) == 0)
        return &c.word;
    return nullptr;
  }

  // First code point of every cue (for the scanner's table of characters a
  // date expression can start with).
  template <class F>
  void for_each_first(F&& f) const {
    for (const Cue& c : cues_) {
      std::size_t k = 0;
      f(next_cp(c.word, k));
    }
  }

 private:
  struct Cue {
    std::string word;
    std::uint32_t head = 0, tail = 0, mask = 0;
  };
  std::vector<Cue> cues_;
};

struct Cues {
  CueList ref_before, ref_after, start_before, start_after, deadline_before, included_before,
      open_ended, closing, document;
};

const Cues& cues() {
  static const Cues table = [] {
    Cues c;
    for (const auto& row : tsv_rows(data::date_cues)) {
      if (row.size() < 2 || row[1].empty()) continue;
      const std::string_view cls = row[0];
      const std::string word(row[1]);
      if (cls == "ref_before") c.ref_before.add(word);
      else if (cls == "ref_after") c.ref_after.add(word);
      else if (cls == "start_before") c.start_before.add(word);
      else if (cls == "start_after") c.start_after.add(word);
      else if (cls == "deadline_before") c.deadline_before.add(word);
      else if (cls == "included_before") c.included_before.add(word);
      else if (cls == "open_ended") c.open_ended.add(word);
      else if (cls == "closing") c.closing.add(word);
      else if (cls == "document") c.document.add(word);
    }
    for (auto* v : {&c.ref_before, &c.ref_after, &c.start_before, &c.start_after,
                    &c.deadline_before, &c.included_before, &c.open_ended, &c.closing,
                    &c.document})
      v->sort_longest_first();
    return c;
  }();
  return table;
}

// ---------------------------------------------------------------- characters

// s[i..) begins with w. Equality only (no ordering), so that with a literal w
// the compiler compares a few bytes inline instead of calling memcmp.
inline bool lit(std::string_view s, std::size_t i, std::string_view w) noexcept {
  return i <= s.size() && s.size() - i >= w.size() &&
         std::memcmp(s.data() + i, w.data(), w.size()) == 0;
}

// Byte length of the first of the literal words that s[i..) begins with, or
// 0. The words are tried in order; their lengths are constants, so each test
// compiles to a few inline byte compares.
template <std::size_t... N>
std::size_t lit_any(std::string_view s, std::size_t i, const char (&... words)[N]) noexcept {
  std::size_t len = 0;
  (void)((lit(s, i, std::string_view(words, N - 1)) ? (len = N - 1, true) : false) || ...);
  return len;
}

char32_t cp_at(std::string_view s, std::size_t i) noexcept {
  if (i >= s.size()) return 0;
  return next_cp(s, i);
}

std::size_t after_cp(std::string_view s, std::size_t i) noexcept {
  if (i >= s.size()) return s.size();
  next_cp(s, i);
  return std::min(i, s.size());
}

char32_t cp_before(std::string_view s, std::size_t i) noexcept {
  if (i == 0 || i > s.size()) return 0;
  return prev_cp(s, i);
}

bool is_sentence_end(char32_t c) noexcept {
  return c == U'。' || c == U'！' || c == U'？' || c == '!' || c == '?' || c == '\n';
}

bool is_clause_mark(char32_t c) noexcept {
  return c == U'，' || c == ',' || c == U'；' || c == ';' || c == U'：' || c == ':' ||
         c == U'、' || c == '|';
}

// A clause boundary or the edge of the text: what may stand around a bare
// date that leads or closes a clause.
bool is_boundary(char32_t c) noexcept {
  return c == 0 || is_sentence_end(c) || is_clause_mark(c) || c == ' ' || c == '\t' ||
         c == '\r' || c == U'）' || c == ')' || c == U'（' || c == '(';
}

bool is_cn_numeral(char32_t c) noexcept { return cn_digit(c) >= 0 || c == U'十'; }

// Does s[..i) end with one of the words (ignoring spaces the PDF put in)?
const std::string* ends_with_any(std::string_view s, std::size_t i, const CueList& words) noexcept {
  while (i > 0 && s[i - 1] == ' ') --i;
  return words.ending_at(s, i);
}

const std::string* starts_with_any(std::string_view s, std::size_t i,
                                   const CueList& words) noexcept {
  return words.starting_at(s, i);
}

// ---------------------------------------------------------------- where to look

// A set of characters: exact over the BMP (one bit each); beyond it all or
// nothing. Every list below is in the BMP; a cue word added to the data with
// a first character beyond it makes the start tables stop at every such
// character, which is slower but never wrong.
struct CharSet {
  std::bitset<0x10000> bmp;
  bool beyond_bmp = false;

  void add(char32_t c) noexcept {
    if (c < 0x10000) bmp.set(c);
    else beyond_bmp = true;
  }
  CharSet& operator|=(const CharSet& o) noexcept {
    bmp |= o.bmp;
    beyond_bmp = beyond_bmp || o.beyond_bmp;
    return *this;
  }
};

bool in(const CharSet& set, char32_t c) noexcept {
  return c < 0x10000 ? set.bmp.test(c) : set.beyond_bmp;
}

void add(CharSet& set, std::u32string_view chars) noexcept {
  for (char32_t c : chars) set.add(c);
}

CharSet chars(std::u32string_view list) noexcept {
  CharSet set;
  add(set, list);
  return set;
}

// The characters a date expression can begin with, by grammar piece, and
// the characters the scan must stop at. Most of a plan is prose in which no
// date begins: the scan steps over such characters without trying the
// grammar, which is what makes it fast; skipping only characters that start
// nothing keeps the result the same as trying every position.
// KEEP IN STEP WITH THE GRAMMAR: a piece that learns a new first character
// must add it here.
struct Starts {
  CharSet relative;    // relative(): a document cue, or 印发 itself
  CharSet open_ended;  // open_ended(): the open_ended cues
  CharSet point;       // match()'s year span and point(): numbers and year words
  CharSet stop;        // all of the above, 每 (recurring) and what run() tracks
};

const Starts& starts() {
  static const Starts table = [] {
    Starts t;
    const Cues& c = cues();
    c.document.for_each_first([&](char32_t f) { t.relative.add(f); });
    t.relative.add(U'印');
    c.open_ended.for_each_first([&](char32_t f) { t.open_ended.add(f); });
    add(t.point, U"0123456789");                  // arabic(): years, months, days
    add(t.point, U"〇零○一二两三四五六七八九十");  // year_number(), chinese_small()
    add(t.point, U"今本当明来次");                // point(): 今年 本年 当年 明年 来年 次年
    add(t.point, U"上下前第");                    // quarter_or_half(): 上半年 前三季度 第一季度
    add(t.point, U"年全");                        // point(): 年中 年底 年末 年内 全年
    t.stop = t.relative;
    t.stop |= t.open_ended;
    t.stop |= t.point;
    t.stop.add(U'每');                            // recurring()
    add(t.stop, U"《〈》〉〔[");                  // run(): titles, citations
    add(t.stop, U"。！？!?\n");                  // run(): sentence ends (is_sentence_end)
    return t;
  }();
  return table;
}

// ---------------------------------------------------------------- numbers

struct Num {
  long value = 0;
  std::size_t end = 0;
  int digits = 0;
};

// The whole Arabic digit run at i; the value saturates instead of overflowing.
std::optional<Num> arabic(std::string_view s, std::size_t i) noexcept {
  Num n;
  std::size_t j = i;
  while (j < s.size() && is_ascii_digit(static_cast<unsigned char>(s[j]))) {
    if (n.value < 1000000000L) n.value = n.value * 10 + (s[j] - '0');
    ++n.digits;
    ++j;
  }
  if (n.digits == 0) return std::nullopt;
  n.end = j;
  return n;
}

// A Chinese number below 100 (一, 十, 十二, 二十, 三十一, 两).
std::optional<Num> chinese_small(std::string_view s, std::size_t i) noexcept {
  std::size_t j = i;
  int tens = -1, units = -1;
  char32_t c = cp_at(s, j);
  int d = cn_digit(c);
  if (d >= 0 && c != U'〇' && c != U'○') {
    j = after_cp(s, j);
    if (cp_at(s, j) == U'十') {
      tens = d;
      j = after_cp(s, j);
    } else {
      units = d;
    }
  } else if (c == U'十') {
    tens = 1;
    j = after_cp(s, j);
  } else {
    return std::nullopt;
  }
  if (tens >= 0) {
    int u = cn_digit(cp_at(s, j));
    if (u > 0 && cp_at(s, j) != U'两') {
      units = u;
      j = after_cp(s, j);
    }
  }
  if (is_cn_numeral(cp_at(s, j))) return std::nullopt;  // 一百, 二十三十: not a date part
  Num n;
  n.value = (tens >= 0 ? tens * 10 : 0) + (units > 0 ? units : 0);
  n.end = j;
  n.digits = 1;
  return n;
}

// 1–2 Arabic digits or a small Chinese number.
std::optional<Num> small(std::string_view s, std::size_t i) noexcept {
  if (auto a = arabic(s, i)) {
    if (a->digits > 2) return std::nullopt;
    return a;
  }
  return chinese_small(s, i);
}

// A year written as four digits, Arabic (2022) or Chinese (二〇二二).
std::optional<Num> year_number(std::string_view s, std::size_t i) noexcept {
  if (auto a = arabic(s, i)) {
    if (a->digits != 4) return std::nullopt;
    return a;
  }
  Num n;
  std::size_t j = i;
  int count = 0;
  while (count < 5) {
    char32_t c = cp_at(s, j);
    int d = (c == U'两' || c == U'十') ? -1 : cn_digit(c);
    if (d < 0) break;
    n.value = n.value * 10 + d;
    j = after_cp(s, j);
    ++count;
  }
  if (count != 4) return std::nullopt;
  n.end = j;
  n.digits = 4;
  return n;
}

// ---------------------------------------------------------------- dates

constexpr int kMinYear = 1400;  // boost::gregorian's range
constexpr int kMaxYear = 9999;

std::optional<date> make_date(long y, long m, long d) noexcept {
  if (y < kMinYear || y > kMaxYear || m < 1 || m > 12 || d < 1) return std::nullopt;
  try {
    const long last = bg::gregorian_calendar::end_of_month_day(
        static_cast<unsigned short>(y), static_cast<unsigned short>(m));
    if (d > last) return std::nullopt;
    return date(static_cast<unsigned short>(y), static_cast<unsigned short>(m),
                static_cast<unsigned short>(d));
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

std::optional<date> month_end(long y, long m) noexcept {
  if (y < kMinYear || y > kMaxYear || m < 1 || m > 12) return std::nullopt;
  try {
    return date(static_cast<unsigned short>(y), static_cast<unsigned short>(m), 1).end_of_month();
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

// What a point expression names, before its year is known.
enum class Unit { year, month, day, month_part, quarter, half_year, mid_year };

enum class YearFrom { none, stated, this_year, next_year, following_year, current };

struct Point {
  std::size_t begin = 0;
  std::size_t end = 0;
  YearFrom year_from = YearFrom::none;
  long year = 0;  // when stated
  Unit unit = Unit::year;
  int first_month = 1, last_month = 12;  // quarter, half year, year
  int month = 0, day = 0, part = 0;      // part: 0 上旬 1 中旬 2 下旬
  bool before = false;      // 6月前, 2025年前: literally the period before it
  bool end_marker = false;  // 底/末/内/前 after the period: "by its end"
  MonthForm form = MonthForm::none;
};

struct Period {
  std::optional<date> start, due;
};

// The period a point names in year y.
Period period_of(const Point& p, long y) noexcept {
  Period r;
  switch (p.unit) {
    case Unit::year:
      if (p.before) --y;
      r.start = make_date(y, 1, 1);
      r.due = make_date(y, 12, 31);
      break;
    case Unit::quarter:
    case Unit::half_year:
    case Unit::mid_year:
      r.start = make_date(y, p.first_month, 1);
      r.due = month_end(y, p.last_month);
      break;
    case Unit::month: {
      long m = p.month;
      if (p.before) {
        if (--m == 0) {
          m = 12;
          --y;
        }
      }
      r.start = make_date(y, m, 1);
      r.due = month_end(y, m);
      break;
    }
    case Unit::day:
      r.start = r.due = make_date(y, p.month, p.day);
      break;
    case Unit::month_part:
      r.start = make_date(y, p.month, 1 + 10 * p.part);
      r.due = p.part == 2 ? month_end(y, p.month) : make_date(y, p.month, 10 + 10 * p.part);
      break;
  }
  if (!r.start || !r.due) return {};
  return r;
}

DeadlineKind kind_of(Unit u) noexcept {
  switch (u) {
    case Unit::year: return DeadlineKind::year;
    case Unit::month: return DeadlineKind::month;
    case Unit::day: return DeadlineKind::day;
    case Unit::month_part: return DeadlineKind::month_part;
    case Unit::quarter: return DeadlineKind::quarter;
    case Unit::half_year:
    case Unit::mid_year: return DeadlineKind::half_year;
  }
  return DeadlineKind::year;
}

// ---------------------------------------------------------------- scanner

class Scanner {
 public:
  Scanner(std::string_view s, const Context& ctx, std::vector<Invalid>* invalid)
      : s_(s), ctx_(ctx), invalid_(invalid) {}

  std::vector<Mention> run();

 private:
  // Grammar pieces: each returns the end of what it read, or nullopt.
  bool by_end(std::size_t& j) const noexcept;     // 底前 底 末 末前 …
  bool before_word(std::size_t& j) const noexcept;  // 前 以前 之前
  std::optional<Point> month_part_of(std::size_t i, bool bare) const noexcept;
  std::optional<Point> quarter_or_half(std::size_t i, bool bare) const noexcept;
  std::optional<Point> point(std::size_t i) const noexcept;
  bool bare_word_allowed(std::size_t i) const noexcept;
  bool numeral_start_allowed(std::size_t i) const noexcept;

  std::optional<Mention> match(std::size_t i);
  std::optional<Mention> relative(std::size_t i) const;
  std::optional<Mention> recurring(std::size_t i);
  std::optional<Mention> open_ended(std::size_t i) const;
  std::optional<Mention> citation(std::size_t i) const;

  long year_for(const Point& p) const noexcept;
  std::optional<long> plan_year() const noexcept;
  date reference() const noexcept;
  void report_invalid(std::size_t b, std::size_t e, std::string what) {
    if (invalid_) invalid_->push_back(Invalid{b, e, std::move(what)});
  }

  std::string_view s_;
  const Context& ctx_;
  std::vector<Invalid>* invalid_;
  // Carried along one sentence: a stated year (2020年起，…3月底前) and 每年.
  std::optional<long> chain_year_;
  bool chain_recurring_ = false;
  int title_depth_ = 0;  // inside 《》 or 〈〉
};

std::optional<long> Scanner::plan_year() const noexcept {
  if (ctx_.plan_year && *ctx_.plan_year >= kMinYear && *ctx_.plan_year <= kMaxYear)
    return *ctx_.plan_year;
  if (ctx_.reference) return ctx_.reference->year();
  return std::nullopt;
}

date Scanner::reference() const noexcept {
  if (ctx_.reference) return *ctx_.reference;
  if (auto y = plan_year()) return date(static_cast<unsigned short>(*y), 1, 1);
  return date(2000, 1, 1);  // unreachable in practice: callers check plan_year()
}

long Scanner::year_for(const Point& p) const noexcept {
  const long ref = ctx_.reference ? static_cast<long>(ctx_.reference->year())
                                  : plan_year().value_or(0);
  switch (p.year_from) {
    case YearFrom::stated: return p.year;
    case YearFrom::this_year: return ref;
    case YearFrom::next_year: return ref + 1;
    case YearFrom::following_year: return (chain_year_ ? *chain_year_ : ref) + 1;
    case YearFrom::current:
    case YearFrom::none: return chain_year_ ? *chain_year_ : plan_year().value_or(0);
  }
  return 0;
}

bool Scanner::by_end(std::size_t& j) const noexcept {
  const std::size_t n = lit_any(s_, j, "底之前", "底以前", "末之前", "末以前", "底前", "末前", "底", "末");
  j += n;
  return n > 0;
}

bool Scanner::before_word(std::size_t& j) const noexcept {
  const std::size_t n = lit_any(s_, j, "以前", "之前", "前");
  j += n;
  return n > 0;
}

// A Chinese numeral inside a word (统一月报, 唯一季度) is not a date: bare
// Chinese-numeral months need a non-Han character or a date word before them.
bool Scanner::numeral_start_allowed(std::size_t i) const noexcept {
  char32_t c = cp_before(s_, i);
  if (!is_han(c)) return true;
  static const CharSet ok = chars(U"年于在到至每从自前底和或及第即截止起");
  return in(ok, c);
}

// Bare 年底/年内/全年/年中 must not follow a number or a word that makes
// them something else (三年内, 每年, 近年来, 多年).
bool Scanner::bare_word_allowed(std::size_t i) const noexcept {
  char32_t c = cp_before(s_, i);
  if (is_ascii_digit(c) || is_cn_numeral(c)) return false;
  static const CharSet no = chars(U"多几近每明今本当次来半往去历逐同新早晚上下前全周整该");
  return !in(no, c);
}

// 6月…: month with its day, part or end word. `bare` when no year precedes.
std::optional<Point> Scanner::month_part_of(std::size_t i, bool bare) const noexcept {
  if (bare && !is_ascii_digit(cp_at(s_, i)) && !numeral_start_allowed(i)) return std::nullopt;
  auto n = small(s_, i);
  if (!n || !lit(s_, n->end, "月")) return std::nullopt;
  if (n->value < 1 || n->value > 12) return std::nullopt;
  Point p;
  p.begin = i;
  p.month = static_cast<int>(n->value);
  std::size_t j = n->end + std::string_view("月").size();
  if (lit(s_, j, "份")) j += std::string_view("份").size();
  if (auto d = small(s_, j); d && (lit(s_, d->end, "日") || lit(s_, d->end, "号"))) {
    p.unit = Unit::day;
    p.day = static_cast<int>(d->value);
    j = d->end + 3;
    before_word(j);  // 6月30日前: by 30 June
  } else if (lit(s_, j, "上旬") || lit(s_, j, "中旬") || lit(s_, j, "下旬")) {
    p.unit = Unit::month_part;
    p.part = lit(s_, j, "上") ? 0 : lit(s_, j, "中") ? 1 : 2;
    j += std::string_view("上旬").size();
    before_word(j);
  } else {
    p.unit = Unit::month;
    if (by_end(j)) {
      p.end_marker = true;
      p.form = MonthForm::month_end;
    } else if (before_word(j)) {
      p.before = true;
      p.end_marker = true;
      p.form = MonthForm::month_before;
    }
  }
  p.end = j;
  return p;
}

// 一季度, 第一季度末, 二季度末前, 前三季度, 上半年, 下半年.
std::optional<Point> Scanner::quarter_or_half(std::size_t i, bool bare) const noexcept {
  Point p;
  p.begin = i;
  std::size_t j = i;
  if (const bool first_half = lit(s_, j, "上半年"); first_half || lit(s_, j, "下半年")) {
    if (bare && !bare_word_allowed(i) && cp_before(s_, i) != U'年') return std::nullopt;
    p.unit = Unit::half_year;
    p.first_month = first_half ? 1 : 7;
    p.last_month = first_half ? 6 : 12;
    j += std::string_view("上半年").size();
    if (by_end(j) || before_word(j)) p.end_marker = true;
    p.end = j;
    return p;
  }
  bool cumulative = false;
  if (lit(s_, j, "前")) {
    cumulative = true;
    j += 3;
  } else if (lit(s_, j, "第")) {
    j += 3;
  } else if (bare && !is_ascii_digit(cp_at(s_, j)) && !numeral_start_allowed(j)) {
    return std::nullopt;
  }
  auto q = small(s_, j);
  if (!q || q->value < 1 || q->value > 4) return std::nullopt;
  j = q->end;
  if (lit(s_, j, "季度")) j += std::string_view("季度").size();
  else return std::nullopt;
  p.unit = Unit::quarter;
  p.first_month = cumulative ? 1 : static_cast<int>(3 * q->value - 2);
  p.last_month = static_cast<int>(3 * q->value);
  if (by_end(j) || before_word(j)) p.end_marker = true;
  p.end = j;
  return p;
}

// One point in time: [year] [month… | quarter | half | 底 | 内 | 前].
std::optional<Point> Scanner::point(std::size_t i) const noexcept {
  Point p;
  p.begin = i;
  std::size_t j = i;
  bool have_year = false;
  if (auto y = year_number(s_, i); y && lit(s_, y->end, "年")) {
    p.year_from = YearFrom::stated;
    p.year = y->value;
    j = y->end + 3;
    have_year = true;
  } else {
    static constexpr std::array<std::pair<std::string_view, YearFrom>, 6> words{{
        {"今年", YearFrom::this_year}, {"本年", YearFrom::this_year},
        {"当年", YearFrom::current}, {"明年", YearFrom::next_year},
        {"来年", YearFrom::next_year}, {"次年", YearFrom::following_year}}};
    // Every word ends in 年: test that once before trying them.
    if (lit(s_, i + 3, "年"))
      for (const auto& [w, from] : words)
        if (lit(s_, i, w) && bare_word_allowed(i)) {
          p.year_from = from;
          j = i + w.size();
          have_year = true;
          break;
        }
    // 明年年底: the relative word is followed by the year-end word.
    if (have_year && (lit(s_, j, "年底") || lit(s_, j, "年末"))) j += 3;
  }
  if (have_year) {
    if (auto m = month_part_of(j, false)) {
      m->begin = i;
      m->year_from = p.year_from;
      m->year = p.year;
      return m;
    }
    if (auto q = quarter_or_half(j, false)) {
      q->begin = i;
      q->year_from = p.year_from;
      q->year = p.year;
      return q;
    }
    p.unit = Unit::year;
    if (by_end(j)) {
      p.end_marker = true;
    } else if (lit(s_, j, "年中") || lit(s_, j, "中")) {
      std::size_t k = j + (lit(s_, j, "年中") ? 6 : 3);
      std::size_t after = k;
      if (before_word(after) || is_boundary(cp_at(s_, k))) {
        p.unit = Unit::mid_year;
        p.first_month = 1;
        p.last_month = 6;
        p.end_marker = true;
        j = after;
      }
    } else if (lit(s_, j, "以内") || lit(s_, j, "内")) {
      j += lit(s_, j, "以内") ? 6 : 3;
      p.end_marker = true;
    } else if (before_word(j)) {
      p.before = true;
      p.end_marker = true;
    }
    p.end = j;
    return p;
  }
  // No year: a month, a quarter or half, or a bare year word.
  if (auto m = month_part_of(i, true)) return m;
  if (auto q = quarter_or_half(i, true)) return q;
  if (!bare_word_allowed(i)) return std::nullopt;
  p.year_from = YearFrom::none;
  if (lit(s_, i, "年中")) {
    std::size_t k = i + 6;
    std::size_t after = k;
    if (!before_word(after) && !is_boundary(cp_at(s_, k))) return std::nullopt;
    p.unit = Unit::mid_year;
    p.first_month = 1;
    p.last_month = 6;
    p.end_marker = true;
    p.end = after;
    return p;
  }
  if (lit_any(s_, i, "年底", "年末")) {
    j = i + 3;
    by_end(j);  // consumes 底/末 and a following 前
    p.unit = Unit::year;
    p.end_marker = true;
    p.end = j;
    return p;
  }
  if (const bool within = lit(s_, i, "年内"); within || lit(s_, i, "全年")) {
    p.unit = Unit::year;
    p.end_marker = within;
    p.end = i + std::string_view("年内").size();
    return p;
  }
  return std::nullopt;
}

// 本意见印发后3个月内, 印发之日起30日内, 自印发之日起(施行).
std::optional<Mention> Scanner::relative(std::size_t i) const {
  std::size_t begin = i;
  std::size_t j = i;
  if (const auto* doc = starts_with_any(s_, i, cues().document)) j += doc->size();
  if (!lit(s_, j, "印发")) return std::nullopt;
  j += 6;
  bool from = false, from_day = false;
  for (std::string_view w : {"之日起", "之日后", "之日", "以后", "后", "起"})
    if (lit(s_, j, w)) {
      j += w.size();
      from = true;
      from_day = w == "之日起" || w == "起";
      break;
    }
  if (!from) return std::nullopt;
  Mention m;
  m.begin = begin;
  const date ref = reference();
  std::size_t k = j;
  if (auto n = small(s_, k)) {
    k = n->end;
    bool months = false, ok = true;
    long days = 0;
    if (lit(s_, k, "个工作日")) { k += 12; days = n->value * 7 / 5; }  // about: weekends
    else if (lit(s_, k, "个月")) { k += 6; months = true; }
    else if (lit(s_, k, "日") || lit(s_, k, "天")) { k += 3; days = n->value; }
    else if (lit(s_, k, "周")) { k += 3; days = 7 * n->value; }
    else ok = false;
    if (ok && (lit(s_, k, "以内") || lit(s_, k, "之内") || lit(s_, k, "内"))) {
      k += lit(s_, k, "内") ? 3 : 6;
      m.end = k;
      m.deadline.kind = DeadlineKind::relative;
      m.deadline.role = DateRole::deadline;
      if (ctx_.reference || plan_year()) {
        m.deadline.start = ref;
        try {
          m.deadline.due = months ? ref + bg::months(static_cast<int>(n->value))
                                  : ref + bg::days(days);
          if (m.deadline.due->is_special()) m.deadline.due.reset();
        } catch (const std::exception&) {
          m.deadline.due.reset();
        }
      }
      return m;
    }
  }
  // 自印发之日起施行: the document starts something on its own date.
  if (!from_day) return std::nullopt;  // 印发后，各地要…: no date named
  m.end = j;
  m.deadline.kind = DeadlineKind::start;
  m.deadline.role = DateRole::start;
  if (ctx_.reference || plan_year()) m.deadline.start = ref;
  return m;
}

// 每年2月底前, 每季度, 每月, 每月23日前, 每半年.
std::optional<Mention> Scanner::recurring(std::size_t i) {
  if (!lit(s_, i, "每")) return std::nullopt;
  // 每人每月: a rate, not a schedule.
  bool rate = false;
  if (i > 0) {
    std::size_t k = i;
    prev_cp(s_, k);
    rate = cp_before(s_, k) == U'每';
  }
  std::size_t j = i + 3;
  Mention m;
  m.begin = i;
  m.deadline.kind = DeadlineKind::recurring;
  m.deadline.recurring = true;
  m.deadline.role = rate ? DateRole::reference : DateRole::deadline;
  Point p;
  // A frequency alone (每月调度, 每季度通报, 每半年) names no point to be done
  // by: it is kept as a recurring reference, not a deadline. A due point
  // (每月23日前, 每月底前, 每季度末, 每年2月底前) makes it a deadline.
  bool due_point = true;
  if (lit(s_, j, "年")) {
    j += 3;
    std::optional<Point> q = month_part_of(j, false);
    if (!q) q = quarter_or_half(j, false);
    if (!q && (lit(s_, j, "年底") || lit(s_, j, "年末") || lit(s_, j, "底") || lit(s_, j, "末"))) {
      Point y;
      y.unit = Unit::year;
      y.end = j + (lit(s_, j, "年") ? 3 : 0);
      by_end(y.end);
      q = y;
    }
    if (!q) return std::nullopt;  // 每年只享受一次: no schedule named
    p = *q;
    chain_recurring_ = true;
    m.deadline.every = Recurrence::yearly;
  } else if (lit(s_, j, "季度")) {
    m.deadline.every = Recurrence::quarterly;
    p.unit = Unit::quarter;
    p.first_month = 1;
    p.last_month = 3;
    p.end = j + 6;
    due_point = by_end(p.end) || before_word(p.end);
  } else if (lit(s_, j, "半年")) {
    m.deadline.every = Recurrence::half_yearly;
    p.unit = Unit::half_year;
    p.first_month = 1;
    p.last_month = 6;
    p.end = j + 6;
    due_point = by_end(p.end) || before_word(p.end);
  } else if (lit(s_, j, "月")) {
    m.deadline.every = Recurrence::monthly;
    j += 3;
    p.unit = Unit::month;
    p.month = 1;
    if (auto d = small(s_, j); d && (lit(s_, d->end, "日") || lit(s_, d->end, "号"))) {
      p.unit = Unit::day;
      p.day = static_cast<int>(d->value);
      j = d->end + 3;
      before_word(j);
    } else {
      due_point = by_end(j);
    }
    p.end = j;
  } else {
    return std::nullopt;
  }
  m.end = p.end;
  if (!due_point) m.deadline.role = DateRole::reference;
  if (auto y = plan_year()) {
    const long year = chain_year_ ? *chain_year_ : *y;
    Period r = period_of(p, year);
    if (!r.due) {
      report_invalid(i, m.end, "no such date");
      return std::nullopt;
    }
    m.deadline.start = r.start;
    m.deadline.due = r.due;
  }
  return m;
}


// 长期坚持 / 持续推进 / 常态化 standing alone as a clause or a table cell.
std::optional<Mention> Scanner::open_ended(std::size_t i) const {
  const auto* w = starts_with_any(s_, i, cues().open_ended);
  if (!w) return std::nullopt;
  if (!is_boundary(cp_before(s_, i)) || !is_boundary(cp_at(s_, i + w->size())))
    return std::nullopt;
  Mention m;
  m.begin = i;
  m.end = i + w->size();
  m.deadline.kind = DeadlineKind::open_ended;
  m.deadline.open_ended = true;
  m.deadline.role = DateRole::deadline;
  return m;
}

// 〔2018〕 / [2018] in a document number: the year of a cited document.
std::optional<Mention> Scanner::citation(std::size_t i) const {
  const bool cn = lit(s_, i, "〔");
  std::size_t j = i + (cn ? std::string_view("〔").size() : 1);
  auto y = year_number(s_, j);
  if (!y || !lit(s_, y->end, cn ? "〕" : "]")) return std::nullopt;
  Mention m;
  m.begin = i;
  m.end = y->end + (cn ? std::string_view("〕").size() : 1);
  m.deadline.kind = DeadlineKind::year;
  m.deadline.role = DateRole::reference;
  m.deadline.start = make_date(y->value, 1, 1);
  m.deadline.due = make_date(y->value, 12, 31);
  return m;
}

std::optional<Mention> Scanner::match(std::size_t i) {
  // Only the pieces that can begin with this character are tried (Starts).
  const Starts& st = starts();
  const char32_t c = cp_at(s_, i);
  if (in(st.relative, c))
    if (auto m = relative(i)) return m;
  if (c == U'每')
    if (auto m = recurring(i)) return m;
  if (in(st.open_ended, c))
    if (auto m = open_ended(i)) return m;
  if (!in(st.point, c)) return std::nullopt;

  std::optional<Point> first;
  // 2021—2025年: a span of years whose first year has no 年 of its own.
  if (auto y = year_number(s_, i); y && !lit(s_, y->end, "年")) {
    const std::size_t j = y->end;
    if (const std::size_t w = lit_any(s_, j, "至", "到", "—", "–", "-", "~", "～")) {
      if (auto second = point(j + w); second && second->year_from == YearFrom::stated) {
        first = Point{};
        first->begin = i;
        first->end = y->end;
        first->year_from = YearFrom::stated;
        first->year = y->value;
        first->unit = Unit::year;
      }
    }
  }
  if (!first) first = point(i);
  if (!first) return std::nullopt;

  const long ref_year = ctx_.reference ? static_cast<long>(ctx_.reference->year())
                                       : plan_year().value_or(0);
  const bool year_known = first->year_from != YearFrom::none || chain_year_ || plan_year();
  Mention m;
  m.begin = first->begin;
  m.end = first->end;
  m.form = first->form;
  const long y1 = year_for(*first);
  Period r1 = period_of(*first, y1);

  // A range: 2019年1月1日至12月31日, 6月至9月.
  std::optional<Point> second;
  if (const std::size_t w = lit_any(s_, first->end, "至", "到", "—", "–", "-", "~", "～")) {
    second = point(first->end + w);
    if (second && second->unit == Unit::year && second->year_from != YearFrom::stated &&
        first->unit != Unit::year)
      second.reset();  // 6月至年底 is fine; 6月到全年 is not a range
  }
  long last_year = y1;
  if (second) {
    Point p2 = *second;
    if (p2.year_from == YearFrom::none) {
      p2.year_from = YearFrom::stated;
      p2.year = y1;
    }
    last_year = year_for(p2);
    Period r2 = period_of(p2, last_year);
    if (year_known && (!r1.start || !r2.due)) {
      report_invalid(m.begin, p2.end, "no such date");
      return std::nullopt;
    }
    m.end = p2.end;
    m.form = MonthForm::none;
    m.deadline.kind = DeadlineKind::range;
    m.deadline.start = r1.start;
    m.deadline.due = r2.due;
  } else {
    if (year_known && !r1.due) {
      report_invalid(m.begin, m.end, "no such date");
      return std::nullopt;
    }
    m.deadline.kind = kind_of(first->unit);
    m.deadline.start = r1.start;
    m.deadline.due = r1.due;
  }
  if (!year_known) {
    m.deadline.start.reset();
    m.deadline.due.reset();
  }

  // What the date does in its sentence.
  const Cues& cue = cues();
  const bool bare = !first->end_marker && !second;
  std::size_t start_end = m.end;
  bool start_after = false;
  if (bare || first->unit == Unit::day) {
    if (const auto* w = starts_with_any(s_, m.end, cue.start_after)) {
      // 起草, 起步: a verb that happens to start with 起.
      static constexpr std::u32string_view verbs = U"草步点诉码伏飞航";
      const bool verb = *w == "起" && verbs.find(cp_at(s_, m.end + w->size())) !=
                                          std::u32string_view::npos;
      if (!verb) {
        start_after = true;
        start_end = m.end + w->size();
      }
    }
  }
  const std::string* pre_start = ends_with_any(s_, m.begin, cue.start_before);
  DateRole role = DateRole::deadline;
  if (title_depth_ > 0 || ends_with_any(s_, m.begin, cue.ref_before)) {
    role = DateRole::reference;
  } else if (start_after || (pre_start && !second)) {
    role = DateRole::start;
    m.deadline.kind = DeadlineKind::start;
    m.deadline.due.reset();
    if (pre_start) {
      std::size_t b = m.begin;
      while (b > 0 && s_[b - 1] == ' ') --b;
      m.begin = b - pre_start->size();
    }
    m.end = start_end;
    m.form = MonthForm::none;
  } else {
    if (bare && starts_with_any(s_, m.end, cue.ref_after)) role = DateRole::reference;
    // 当年 alone qualifies a noun (计入当年本单位绩效工资总量, 当年新招用).
    if (bare && first->unit == Unit::year && first->year_from == YearFrom::current)
      role = DateRole::reference;
    // A bare stated year is a deadline at a clause edge (到2022年，) or after
    // 到/在/于/确保; before a noun it is a modifier (2023年经济社会发展目标).
    if (bare && first->unit == Unit::year && first->year_from == YearFrom::stated &&
        !is_boundary(cp_at(s_, m.end)) && !ends_with_any(s_, m.begin, cue.deadline_before))
      role = DateRole::reference;
    // A stated year before the document's own describes the past
    // (2000年底以前建成的小区).
    if (first->year_from == YearFrom::stated && m.deadline.due &&
        m.deadline.due->year() < ref_year)
      role = DateRole::reference;
    // …以前 + verb + 的 inside one clause: an attribute (…以前建成的小区).
    if (role == DateRole::deadline && m.end >= 6 && s_.compare(m.end - 6, 6, "以前") == 0) {
      std::size_t k = m.end;
      for (int n = 0; n < 12 && k < s_.size(); ++n) {
        char32_t c = cp_at(s_, k);
        if (is_boundary(c)) break;
        if (c == U'的') {
          role = DateRole::reference;
          break;
        }
        k = after_cp(s_, k);
      }
    }
    if (role == DateRole::deadline && first->unit == Unit::year && !second) {
      if (const auto* w = ends_with_any(s_, m.begin, cue.included_before);
          w && s_.compare(m.begin - w->size(), w->size(), *w) == 0)
        m.begin -= w->size();  // 到2025年: "by", part of the expression
    }
  }
  m.deadline.role = role;

  // Carry the sentence's year and 每年 forward (2020年起，每年2月底前…，3月底前…).
  if (role != DateRole::reference) {
    if (first->year_from != YearFrom::none && year_known) chain_year_ = last_year;
    if (chain_recurring_ && first->year_from == YearFrom::none && role == DateRole::deadline) {
      m.deadline.recurring = true;
      m.deadline.kind = DeadlineKind::recurring;
      m.deadline.every = Recurrence::yearly;  // only 每年 chains
    }
  }
  return m;
}

std::vector<Mention> Scanner::run() {
  std::vector<Mention> out;
  const CharSet& stop = starts().stop;
  std::size_t i = 0;
  while (i < s_.size()) {
    // Step over characters that begin no date and change no state.
    const auto b = static_cast<unsigned char>(s_[i]);
    if (b < 0x80) {
      if (!stop.bmp.test(b)) {
        ++i;
        continue;
      }
    } else {
      std::size_t k = i;
      if (!in(stop, next_cp(s_, k))) {
        i = std::min(k, s_.size());
        continue;
      }
    }
    const char32_t c = cp_at(s_, i);
    const std::size_t n = after_cp(s_, i);
    if (c == U'《' || c == U'〈') {
      ++title_depth_;
      i = n;
      continue;
    }
    if (c == U'》' || c == U'〉') {
      if (title_depth_ > 0) --title_depth_;
      i = n;
      continue;
    }
    if (is_sentence_end(c)) {
      chain_year_.reset();
      chain_recurring_ = false;
      if (c == '\n') title_depth_ = 0;  // an unclosed 《 never spills over a line
      i = n;
      continue;
    }
    if (c == U'〔' || c == '[') {
      if (auto m = citation(i)) {
        out.push_back(std::move(*m));
        i = out.back().end;
        continue;
      }
    }
    const char32_t prev = cp_before(s_, i);
    // Only the first character of a number may start a date (linear time).
    if ((is_ascii_digit(c) && is_ascii_digit(prev)) || (is_cn_numeral(c) && is_cn_numeral(prev))) {
      i = n;
      continue;
    }
    if (auto m = match(i)) {
      const std::size_t end = std::max(m->end, n);
      out.push_back(std::move(*m));
      i = end;
      continue;
    }
    if (is_ascii_digit(c)) {
      std::size_t j = i;
      while (j < s_.size() && is_ascii_digit(static_cast<unsigned char>(s_[j]))) ++j;
      i = std::max(j, n);  // n: never stall on a malformed byte that decodes as a digit
      continue;
    }
    i = n;
  }
  return out;
}

}  // namespace

std::vector<Mention> scan(std::string_view prose, const Context& ctx, std::vector<Invalid>* invalid) {
  Scanner scanner(prose, ctx, invalid);
  return scanner.run();
}

bool opens_with_closing_word(std::string_view sentence) {
  std::size_t i = 0;
  while (i < sentence.size() && (sentence[i] == ' ' || sentence[i] == '\n' || sentence[i] == '\t'))
    ++i;
  return starts_with_any(sentence, i, cues().closing) != nullptr;
}

}  // namespace taizhang::detail::deadlines
