// The date scanner's parts, shared by its three files (internal to the
// deadlines stage):
//
//   grammar.cpp  what a date expression is: numbers, points (2022年6月底前,
//                一季度, 年底), ranges, 每年…, 印发之日起30日内, 长期坚持
//   roles.cpp    what the date does in its sentence: deadline, start or
//                reference (docs/deadlines.md, "Roles")
//   scan.cpp     the left-to-right pass that ties them together
//
// Offsets are byte offsets into the scanned string. Words are matched and
// skipped by name (skip(j, "底前")), never by their UTF-8 length.
#pragma once

#include "deadlines/cues.hpp"
#include "deadlines/deadlines.hpp"

#include "text/punctuation.hpp"
#include "text/scan.hpp"
#include "text/text.hpp"

#include <boost/date_time/gregorian/gregorian_types.hpp>

#include <bitset>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace taizhang::detail::deadlines {

// ---------------------------------------------------------------- characters

// s[i..) begins with w. Equality only, so that with a literal w the compiler
// compares a few bytes inline instead of calling memcmp.
inline bool lit(std::string_view s, std::size_t i, std::string_view w) noexcept {
  return i <= s.size() && s.size() - i >= w.size() &&
         std::memcmp(s.data() + i, w.data(), w.size()) == 0;
}

// Byte length of the first of the literal words that s[i..) begins with, or
// 0. The words are tried in order (put longer words first).
template <std::size_t... N>
std::size_t lit_any(std::string_view s, std::size_t i, const char (&... words)[N]) noexcept {
  std::size_t len = 0;
  (void)((lit(s, i, std::string_view(words, N - 1)) ? (len = N - 1, true) : false) || ...);
  return len;
}

inline char32_t cp_at(std::string_view s, std::size_t i) noexcept {
  if (i >= s.size()) return 0;
  return next_cp(s, i);
}

inline std::size_t after_cp(std::string_view s, std::size_t i) noexcept {
  if (i >= s.size()) return s.size();
  next_cp(s, i);
  return i < s.size() ? i : s.size();
}

// A one-byte or three-byte character before i (nearly all of a plan) is
// decoded here; prev_cp walks back over the others. The same code point as
// prev_cp for any bytes: it would step back to the same lead byte.
inline char32_t cp_before(std::string_view s, std::size_t i) noexcept {
  if (i == 0 || i > s.size()) return 0;
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  if (p[i - 1] < 0x80) return p[i - 1];
  if (i >= 3 && (p[i - 3] & 0xF0) == 0xE0 && (p[i - 2] & 0xC0) == 0x80 && (p[i - 1] & 0xC0) == 0x80)
    return ((p[i - 3] & 0x0Fu) << 12) | ((p[i - 2] & 0x3Fu) << 6) | (p[i - 1] & 0x3Fu);
  return prev_cp(s, i);
}

bool is_clause_mark(char32_t c) noexcept;   // ，；：、| and their ASCII forms
// A clause boundary, a bracket or the edge of the text: what may stand
// around a bare date that leads or closes a clause.
bool is_boundary(char32_t c) noexcept;
bool is_cn_numeral(char32_t c) noexcept;  // 〇一…九 两 十

// A set of characters: exact over the BMP (one bit each); beyond it all or
// nothing (a cue word beginning beyond the BMP makes the scan stop at every
// such character: slower, never wrong).
struct CharSet {
  std::bitset<0x10000> bmp;
  bool beyond_bmp = false;

  void add(char32_t c) noexcept {
    if (c < 0x10000) bmp.set(c);
    else beyond_bmp = true;
  }
  void add(std::u32string_view chars) noexcept {
    for (char32_t c : chars) add(c);
  }
  CharSet& operator|=(const CharSet& o) noexcept {
    bmp |= o.bmp;
    beyond_bmp = beyond_bmp || o.beyond_bmp;
    return *this;
  }
  bool has(char32_t c) const noexcept { return c < 0x10000 ? bmp.test(c) : beyond_bmp; }
};

// A CharSet's three-byte characters (U+0800–U+FFFF: the Han characters and
// the full-width marks, most of a plan) laid out for a skip loop over
// UTF-8: one 64-bit word per lead and second byte, one bit per third byte.
// The word's index is the first two bytes as a little-endian number masked
// to 0x3F0F, and the bit is the third byte modulo 64 (what a shift takes
// anyway): no shifts and ors to build the code point first. 126 KB, of
// which the 1 024 words a lead byte E0–EF can reach are used.
struct ThreeByteSet {
  std::vector<std::uint64_t> words;

  explicit ThreeByteSet(const CharSet& set);
  // Is the character at p (a lead byte E0–EF and two more bytes) in the
  // set? `words` is words.data(), for loops that keep it in a register.
  static bool has(const std::uint64_t* words, const unsigned char* p) noexcept {
    const unsigned v = p[0] | (static_cast<unsigned>(p[1]) << 8);
    return (words[v & 0x3F0Fu] >> (p[2] & 63u)) & 1u;
  }
  bool has(const unsigned char* p) const noexcept { return has(words.data(), p); }
};

// ---------------------------------------------------------------- numbers

struct Num {
  long value = 0;
  std::size_t end = 0;
  int digits = 0;
};

std::optional<Num> arabic(std::string_view s, std::size_t i) noexcept;       // the whole digit run
std::optional<Num> small(std::string_view s, std::size_t i) noexcept;        // 1–2 digits or 一…九十九
std::optional<Num> year_number(std::string_view s, std::size_t i) noexcept;  // 2022 or 二〇二二

// ---------------------------------------------------------------- points in time

constexpr int kMinYear = 1400;  // boost::gregorian's range
constexpr int kMaxYear = 9999;

// What a point expression names, before its year is known.
enum class Unit {
  year,        // 2025年, 年底, 全年
  month,       // 6月, 6月底前
  day,         // 6月30日
  month_part,  // 6月上旬
  quarter,     // 一季度
  half_year,   // 上半年
  mid_year,    // 年中: by the middle of the year
  early_year   // 年初: early in the year, read as its first quarter
};

// Where a point's year comes from.
enum class YearFrom {
  none,            // 6月底前: the sentence's year, else the plan year
  stated,          // 2022年…
  this_year,       // 今年 本年: the reference year
  next_year,       // 明年 来年
  following_year,  // 次年: the year after the sentence's year
  current          // 当年: the sentence's year
};

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

// Can a point, or the first year of a span (2021—2025年), begin at s[i]?
// A look at the next character only: false means that the grammar reads
// neither there, true that it may. Most numbers of a plan count something
// else (3000户, 80%, 一是): this spares them the grammar, which tries every
// piece (stated_year, month_part_of, quarter_or_half, year_word) in turn.
// KEEP IN STEP WITH THE GRAMMAR (checked against it on random text by
// DeadlineScan.LookAheadAgreesWithGrammar).
bool may_begin_point(std::string_view s, std::size_t i) noexcept;

struct Period {
  std::optional<boost::gregorian::date> start, due;
};

std::optional<boost::gregorian::date> make_date(long y, long m, long d) noexcept;
Period period_of(const Point& p, long year) noexcept;  // empty when no such date
DeadlineKind kind_of(Unit u) noexcept;

// ---------------------------------------------------------------- the scanner

class Scanner {
 public:
  Scanner(std::string_view s, const Context& ctx, std::vector<Invalid>* invalid,
          std::vector<Vague>* vague = nullptr)
      : s_(s), ctx_(ctx), invalid_(invalid), vague_(vague) {}

  std::vector<Mention> run();  // scan.cpp
  // Does the grammar read a point or the first year of a span at i? (For
  // the test of may_begin_point; the scan asks dated().)
  bool reads_point(std::size_t i) const noexcept { return year_span_start(i) || point(i); }

 private:
  // --- named words (no UTF-8 byte counts in the grammar)
  bool at(std::size_t j, std::string_view word) const noexcept { return lit(s_, j, word); }
  // Steps j over `word` if the text has it there.
  bool skip(std::size_t& j, std::string_view word) const noexcept {
    if (!lit(s_, j, word)) return false;
    j += word.size();
    return true;
  }
  // Steps j over the first of `words` found there (longest first).
  template <std::size_t... N>
  bool skip_any(std::size_t& j, const char (&... words)[N]) const noexcept {
    const std::size_t n = lit_any(s_, j, words...);
    j += n;
    return n > 0;
  }
  bool ends_with(std::size_t j, std::string_view word) const noexcept {
    return j >= word.size() && lit(s_, j - word.size(), word);
  }
  // Does s[..i) end with one of the words (ignoring spaces the PDF put in)?
  const std::string* cue_before(std::size_t i, const CueList& words) const noexcept;

  // --- grammar.cpp: each returns what it read, or nothing
  bool by_end(std::size_t& j) const noexcept;       // 底前 底 末 末前 …
  bool before_word(std::size_t& j) const noexcept;  // 前 以前 之前
  bool numeral_start_allowed(std::size_t i) const noexcept;
  bool bare_word_allowed(std::size_t i) const noexcept;
  std::optional<Point> month_part_of(std::size_t i, bool bare, bool span = true) const noexcept;
  std::optional<Point> quarter_or_half(std::size_t i, bool bare) const noexcept;
  std::optional<Point> stated_year(std::size_t i) const noexcept;    // 2022年 今年 明年 …
  std::optional<Point> within_year(Point p, std::size_t j) const noexcept;
  std::optional<Point> year_word(std::size_t i) const noexcept;      // 年底 年内 全年 年中
  std::optional<Point> point(std::size_t i) const noexcept;
  std::optional<Point> year_span_start(std::size_t i) const noexcept;  // 2021— of 2021—2025年
  std::optional<Point> range_end(const Point& first) const noexcept;   // —2025年, 至12月31日

  std::optional<Mention> match(std::size_t i, char32_t c);  // c: the character at i
  std::optional<Mention> dated(std::size_t i);
  std::optional<Mention> relative(std::size_t i) const;
  std::optional<Mention> recurring(std::size_t i);
  std::optional<Point> yearly_point(std::size_t j, std::optional<Point>& season) const noexcept;
  std::optional<Point> period_point(std::size_t j, Recurrence& every, bool& due_point) const noexcept;
  std::optional<Mention> open_ended(std::size_t i) const;
  std::optional<Mention> citation(std::size_t i) const;

  // --- roles.cpp: what the date does in its sentence. `second` is the
  // second end of a range, null for a single point.
  void assign_role(const Point& first, const Point* second, Mention& m);
  bool is_cited(const Mention& m) const noexcept;
  bool in_eligibility_frame(const Mention& m) const noexcept;
  std::size_t after_aside(std::size_t j) const noexcept;
  bool mark_start(const Point& first, const Point* second, Mention& m) const;
  bool described_by_next_word(const Point& last, const Mention& m) const noexcept;
  bool coordinated(Mention& m) const noexcept;
  bool opens_clause(std::size_t pos) const noexcept;
  bool opens_with_horizon(const Point& first, const Point* second, const Mention& m) const noexcept;
  bool describes(const Point& first, const Point* second, const Mention& m) const noexcept;
  bool qualifies_noun(const Mention& m) const noexcept;
  bool heads_a_line(const Point& first, const Point* second, const Mention& m) const noexcept;
  void include_by_word(const Point& first, const Point* second, Mention& m) const noexcept;
  void carry_chain(const Point& first, std::optional<long> last_year, Mention& m);
  // Does found(k) hold at some position k of the clause ahead of j (up to
  // its clause mark or sentence end, at most `window` code points)?
  template <class Found>
  bool clause_ahead_has(std::size_t j, int window, Found found) const noexcept;

  // --- scan.cpp: state the pass keeps as it goes
  std::optional<std::size_t> follow_structure(char32_t c, std::size_t i, std::size_t n,
                                              std::vector<Mention>& out);
  void enter_clause(std::size_t at) noexcept;
  void note_vague(std::size_t i);
  void record(std::vector<Mention>& out, Mention&& m);

  // --- years
  std::optional<long> year_for(const Point& p) const noexcept;  // none when unknown
  long reference_year() const noexcept;
  std::optional<long> plan_year() const noexcept;
  boost::gregorian::date reference() const noexcept;
  void report_invalid(std::size_t b, std::size_t e, std::string what) {
    if (invalid_) invalid_->push_back(Invalid{b, e, std::move(what)});
  }

  std::string_view s_;
  const Context& ctx_;
  std::vector<Invalid>* invalid_;
  std::vector<Vague>* vague_;
  std::size_t vague_covered_ = 0;  // a word read by note_vague ends here
  // Carried along one sentence: a stated year (2020年起，…3月底前) and 每年.
  std::optional<long> chain_year_;
  bool chain_recurring_ = false;
  int title_depth_ = 0;  // inside 《》 or 〈〉
  // The clause being read: where it begins, its number, and whether it
  // opened with 对 (who qualifies, up to its 的).
  std::size_t clause_begin_ = 0;
  std::size_t clause_number_ = 0;
  bool eligibility_ = false;
  // The previous mention, for coordination (2023年和2024年): what
  // coordinated() reads of it (not its whole Deadline, text and span).
  struct Previous {
    std::size_t end = 0;
    DateRole role = DateRole::reference;
    DeadlineKind kind = DeadlineKind::implied;
    Recurrence every = Recurrence::none;
  };
  std::optional<Previous> previous_;
  // A horizon that opened the current clause (2023年新增…): a later
  // deadline in the same clause makes it the year of that deadline only.
  bool horizon_ = false;  // set by assign_role for the mention being read
  std::optional<std::size_t> open_horizon_;  // its index in the output
  std::size_t horizon_clause_ = 0;
};

}  // namespace taizhang::detail::deadlines
