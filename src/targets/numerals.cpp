// The numeral parser: a small grammar over ICU character properties.
//
// ICU's RBNF spellout parser is slow (~20k parses/s), reads 一万二 as 10002
// and stops before 万 in 5.7万 (docs: shared/design/icu-and-dates.md), so we
// read numerals ourselves: u_getNumericValue gives the value of every Chinese
// numeral character (〇 零 一…九 十 百 千 万 亿 and the financial forms), except
// 两, which ICU does not count as numeric.
#include <taizhang/numerals.hpp>

#include "targets/numeral_chars.hpp"
#include "targets/tables.hpp"

#include <unicode/uchar.h>
#include <unicode/uniset.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <algorithm>
#include <array>
#include <limits>

namespace taizhang {
namespace {

constexpr std::size_t kMaxDigits = 18;  // longer runs are codes, not quantities

// Decodes the code point at s[i]; returns its byte length, 0 at the end of
// `s` or on an invalid sequence (which ends the numeral).
// Inlined, ASCII first: the parser decodes every character it reads, and
// digits are ASCII.
[[gnu::always_inline]] inline std::size_t decode(std::string_view s, std::size_t i, char32_t& cp) noexcept {
  if (i >= s.size()) return 0;
  const auto* p = reinterpret_cast<const std::uint8_t*>(s.data()) + i;
  if (*p < 0x80) {  // as U8_NEXT reads a single byte
    cp = *p;
    return 1;
  }
  const std::int32_t n = static_cast<std::int32_t>(std::min<std::size_t>(s.size() - i, 4));
  std::int32_t k = 0;
  UChar32 c;
  U8_NEXT(p, k, n, c);
  if (c < 0) return 0;
  cp = static_cast<char32_t>(c);
  return static_cast<std::size_t>(k);
}

// An Arabic digit: ASCII or any Unicode decimal digit (full-width ０-９).
int arabic_digit_icu(char32_t cp) noexcept {
  if (cp >= '0' && cp <= '9') return static_cast<int>(cp - '0');
  if (cp < 0x80 || !u_isdigit(static_cast<UChar32>(cp))) return -1;
  return u_charDigitValue(static_cast<UChar32>(cp));
}

// The value of a Chinese numeral character: 0-9, 10, 100, 1000, 1e4, 1e8;
// -1 for anything else. 两/兩 are added by hand (ICU gives them no value);
// 兆 is left out on purpose (10^6 or 10^12 by region, and 兆瓦 is a unit).
double chinese_value_icu(char32_t cp) noexcept {
  if (cp == U'两' || cp == U'兩') return 2;
  if (cp < 0x3000 || cp == U'兆') return -1;
  if (!u_hasBinaryProperty(static_cast<UChar32>(cp), UCHAR_IDEOGRAPHIC)) return -1;
  const double v = u_getNumericValue(static_cast<UChar32>(cp));
  if (v == U_NO_NUMERIC_VALUE) return -1;
  if (v >= 0 && v <= 9 && v == std::floor(v)) return v;
  if (v == 10 || v == 100 || v == 1000 || v == 1e4 || v == 1e8) return v;
  return -1;  // 廿 卅 and the like: too rare in plans to be worth the ambiguity
}

// The BMP characters that are a digit or a Chinese numeral, found once:
// asking ICU per character costs three property lookups, and the targets
// scanner asks for every character of the text. The set is built from ICU's
// own properties (Nd, and Ideographic with a numeric value), each member
// checked with the functions above, so it answers exactly as they do.
class NumeralChars {
 public:
  NumeralChars() {
    UErrorCode st = U_ZERO_ERROR;
    const icu::UnicodeSet candidates(
        icu::UnicodeString(u"[[:Nd:][[:Ideographic:]-[:Numeric_Type=None:]][两兩]]"), st);
    auto check = [this](UChar32 c) {
      const auto cp = static_cast<char32_t>(c);
      if (arabic_digit_icu(cp) >= 0 || chinese_value_icu(cp) >= 0) bits_[cp >> 6] |= std::uint64_t{1} << (cp & 63);
    };
    if (U_FAILURE(st)) {  // no property data: ask for every character once
      for (UChar32 c = 0; c <= 0xFFFF; ++c) check(c);
      return;
    }
    for (std::int32_t r = 0; r < candidates.getRangeCount(); ++r)
      for (UChar32 c = candidates.getRangeStart(r); c <= candidates.getRangeEnd(r) && c <= 0xFFFF; ++c)
        check(c);
    remember_values();
  }
  // False only for a BMP character that is surely no numeral character.
  bool maybe(char32_t cp) const noexcept { return cp > 0xFFFF || (bits_[cp >> 6] >> (cp & 63) & 1); }
  const std::array<std::uint64_t, 1024>& bits() const noexcept { return bits_; }

  // The values ICU gives a BMP member of the set (arabic_digit_icu,
  // chinese_value_icu), asked once per character here instead of once per
  // occurrence: three property lookups each time a numeral is read.
  // nullptr for a character outside the set or the table.
  struct Values {
    char32_t cp = 0;
    int digit = -1;
    double chinese = -1;
  };
  const Values* values_of(char32_t cp) const noexcept {
    for (std::size_t h = slot_of(cp);; h = (h + 1) & (kSlots - 1)) {
      if (values_[h].cp == cp) return &values_[h];
      if (values_[h].cp == 0) return nullptr;
    }
  }

 private:
  static constexpr std::size_t kSlots = 1024;  // the set has a few hundred BMP members
  static std::size_t slot_of(char32_t cp) noexcept { return (cp * 0x9E3779B1u) >> 22 & (kSlots - 1); }
  void remember_values() {
    std::size_t used = 0;
    for (char32_t cp = 1; cp <= 0xFFFF; ++cp) {
      if (!(bits_[cp >> 6] >> (cp & 63) & 1)) continue;
      if (++used > kSlots / 2) return;  // too many to probe cheaply: the rest ask ICU
      std::size_t h = slot_of(cp);
      while (values_[h].cp != 0) h = (h + 1) & (kSlots - 1);
      values_[h] = {cp, arabic_digit_icu(cp), chinese_value_icu(cp)};
    }
  }
  std::array<std::uint64_t, 1024> bits_{};
  std::array<Values, kSlots> values_{};
};

const NumeralChars& numeral_chars() {
  static const NumeralChars n;
  return n;
}

int arabic_digit(char32_t cp) noexcept {
  if (cp >= '0' && cp <= '9') return static_cast<int>(cp - '0');
  const NumeralChars& n = numeral_chars();
  if (!n.maybe(cp)) return -1;
  if (const NumeralChars::Values* v = n.values_of(cp)) return v->digit;
  return arabic_digit_icu(cp);
}

double chinese_value(char32_t cp) noexcept {
  const NumeralChars& n = numeral_chars();
  if (!n.maybe(cp)) return -1;
  if (const NumeralChars::Values* v = n.values_of(cp)) return v->chinese;
  return chinese_value_icu(cp);
}

bool is_small_scale(double v) noexcept { return v == 10 || v == 100 || v == 1000; }

// Reads an Arabic number at s[i]: digits, thousands groups, one decimal
// part. Sets `bad` for runs that are not a well-formed number (5..7, 1.2.3,
// an over-long code).
struct Arabic {
  double value = 0;
  std::size_t end = 0;
  bool decimal = false;
  std::size_t digits = 0;  // integer digits
  bool bad = false;
};

Arabic read_arabic(std::string_view s, std::size_t i) noexcept {
  Arabic a;
  // The digits go into an ASCII buffer for strtod, which rounds correctly
  // (71.2 must compare equal to the literal 71.2).
  char buf[2 * kMaxDigits + 8];
  std::size_t nbuf = 0;
  char32_t cp = 0;
  std::size_t len;
  std::size_t group_len = 0;  // digits since the last thousands separator
  bool grouped = false;
  while ((len = decode(s, i, cp)) != 0) {
    const int d = arabic_digit(cp);
    if (d >= 0) {
      if (++a.digits <= kMaxDigits) buf[nbuf++] = static_cast<char>('0' + d);
      ++group_len;
      i += len;
      continue;
    }
    // A thousands separator only when exactly three digits follow and the
    // first group had one to three digits: 1,000 but not the list 3,5,7.
    if ((cp == ',' || cp == U'，') && (grouped ? group_len == 3 : group_len <= 3)) {
      std::size_t j = i + len;
      int n = 0;
      char32_t c2 = 0;
      std::size_t l2;
      while (n < 4 && (l2 = decode(s, j, c2)) != 0 && arabic_digit(c2) >= 0) {
        ++n;
        j += l2;
      }
      if (n == 3) {
        grouped = true;
        group_len = 0;
        i += len;
        continue;
      }
    }
    break;
  }
  if (a.digits > kMaxDigits) a.bad = true;
  // Decimal part: '.' or '．' followed by a digit.
  if ((len = decode(s, i, cp)) != 0 && (cp == '.' || cp == U'．')) {
    char32_t c2 = 0;
    std::size_t j = i + len;
    std::size_t l2 = decode(s, j, c2);
    if (l2 != 0 && arabic_digit(c2) >= 0) {
      buf[nbuf < sizeof buf - 1 ? nbuf++ : nbuf - 1] = '.';
      std::size_t frac = 0;
      while ((l2 = decode(s, j, c2)) != 0 && arabic_digit(c2) >= 0) {
        if (++frac <= kMaxDigits && nbuf < sizeof buf - 1)
          buf[nbuf++] = static_cast<char>('0' + arabic_digit(c2));
        j += l2;
      }
      if (frac > kMaxDigits) a.bad = true;
      i = j;
      a.decimal = true;
      // A second decimal point (1.2.3) makes a section or version number.
      char32_t c3 = 0;
      const std::size_t l3 = decode(s, i, c3);
      if (l3 != 0 && (c3 == '.' || c3 == U'．')) {
        char32_t c4 = 0;
        if (decode(s, i + l3, c4) != 0 && arabic_digit(c4) >= 0) a.bad = true;
      }
    } else if (l2 != 0 && (c2 == '.' || c2 == U'．')) {
      a.bad = true;  // 5..7
    }
  }
  buf[nbuf] = '\0';
  a.value = a.bad ? 0 : detail::targets::decimal_value(buf, nbuf);
  a.end = i;
  return a;
}

// Scaling a decimal (1.55 × 10^4) leaves binary noise (15500.000000000002);
// a quantity in a plan never has more than a few decimals.
double tidy(double v) noexcept {
  const double scale = v < 1e6 ? 1e9 : v < 1e12 ? 1e3 : 1;
  return std::round(v * scale) / scale;
}

// The grammar state of one numeral: groups of 亿 and 万, each made of terms
// digit×(千|百|十), read left to right.
struct Reader {
  double total = 0;        // completed 亿/万 groups
  double section = 0;      // the group being read (below 万)
  double pending = -1;     // a digit or Arabic number not yet multiplied
  bool pending_single = false;  // `pending` is one Chinese digit or one Arabic digit
  double last_small = 1e4;      // scales must fall inside a group: 三千五百
  double last_term = 0;         // scale of the last term, for 一万二 = 12000
  bool seen_yi = false, seen_wan = false;
  bool zero_gap = false;        // 零 read since the last term: 一千零五
  bool any_digit = false;       // a digit was read (not only scale words)
  bool any_scale = false;
  bool bad = false;
};

// Reads the numeral proper (no %, no 分之) at s[0..]; returns the byte
// length, or 0 with r.bad set.
// One token of a numeral, read by read_number below: each step says
// whether the numeral goes on, ends before the token, or is malformed.
enum class Step { more, end, bad };

struct Cursor {
  std::string_view s;
  Reader& r;
  Numeral& out;
  std::size_t i = 0;
  bool prev_big = false;     // the previous token was 万/亿 (for 万亿)
  bool prev_arabic = false;  // the previous token was Arabic digits
};

// 5, 1.5, 1万5000 (after a scale word a plain Arabic number must be smaller
// than that scale unless a scale follows it (3万5千); else it is a new
// number: 5万30000 is not 5.3万).
Step arabic_step(Cursor& c) {
  Reader& r = c.r;
  if (r.pending >= 0 || c.prev_arabic) return Step::end;  // 一5: not one numeral
  const Arabic a = read_arabic(c.s, c.i);
  if (a.bad) return Step::bad;
  r.pending = a.value;
  r.pending_single = a.digits == 1 && !a.decimal;
  if (a.decimal) c.out.integer = false;
  r.any_digit = true;
  c.prev_arabic = true;
  c.prev_big = false;
  const std::size_t save = c.i;
  c.i = a.end;
  if (r.last_term > 0) {
    char32_t nx = 0;
    const std::size_t nl = decode(c.s, c.i, nx);
    const bool scale_follows = nl && chinese_value(nx) >= 10;
    if (!scale_follows && !r.pending_single && a.value >= r.last_term) {
      r.pending = -1;
      c.i = save;
      return Step::end;
    }
  }
  return Step::more;
}

// 点 as a decimal point after Chinese digits: 三点五, 九十五点五. Ends the
// numeral either way.
Step decimal_point_step(Cursor& c, char32_t cp, std::size_t len) {
  Reader& r = c.r;
  if (cp != U'点' || c.prev_arabic || !(r.pending >= 0 || r.last_term == 10) || r.seen_wan || r.seen_yi)
    return Step::end;
  std::size_t j = c.i + len;
  char32_t c2 = 0;
  std::size_t l2;
  double scale = 0.1, frac = 0;
  bool any = false;
  while ((l2 = decode(c.s, j, c2)) != 0) {
    const double d = chinese_value(c2);
    if (d < 0 || d > 9) break;
    frac += d * scale;
    scale /= 10;
    j += l2;
    any = true;
  }
  if (any) {
    c.out.integer = false;
    r.pending = (r.pending >= 0 ? r.pending : 0) + frac;
    r.pending_single = false;
    c.i = j;
  }
  return Step::end;
}

// 零/〇: a gap (一千零五), or a digit in a digit-by-digit run (二〇二二).
Step zero_step(Cursor& c, std::size_t len) {
  Reader& r = c.r;
  if (r.pending >= 0 && r.section == 0 && r.total == 0 && !r.any_scale) {
    r.pending = r.pending * 10;  // positional run
    r.pending_single = false;
  } else if (r.pending < 0 && !r.any_digit) {
    r.pending = 0;
    r.pending_single = true;
    r.any_digit = true;
  } else if (r.pending >= 0) {
    return Step::bad;  // 五零 after a scale: malformed
  } else {
    r.zero_gap = true;
  }
  c.i += len;
  c.prev_big = false;
  c.prev_arabic = false;
  return Step::more;
}

// 一 … 九. Two digits in a row are a number only as a positional run like
// 二〇二二 or 一九九八 (three digits or more, no scale words); 三五 is not.
Step digit_step(Cursor& c, double v, std::size_t len) {
  Reader& r = c.r;
  if (c.prev_arabic) return Step::end;
  if (r.pending < 0) {
    r.pending = v;
    r.pending_single = true;
    r.any_digit = true;
    c.i += len;
    c.prev_big = false;
    return Step::more;
  }
  if (r.any_scale) return Step::bad;
  r.pending = r.pending * 10 + v;
  r.pending_single = false;
  r.any_digit = true;
  c.i += len;
  // Check the run's length once it ends.
  std::size_t run = 0;
  for (double p = r.pending; p >= 1; p /= 10) ++run;
  char32_t nx = 0;
  const std::size_t nl = decode(c.s, c.i, nx);
  const double nv = nl ? chinese_value(nx) : -1;
  if (nl == 0 || nv < 0 || nv > 9) {
    if (run < 3 && !(r.pending == 0)) return Step::bad;
  } else if (nv >= 10) {
    return Step::bad;
  }
  return Step::more;
}

// 十 百 千.
Step small_scale_step(Cursor& c, double v, std::size_t len) {
  Reader& r = c.r;
  if (r.pending < 0) {
    // 十二 = 12; a bare 千/百 (千名) only at the very start.
    if (v == 10 && r.section == 0 && !r.zero_gap) {
      r.pending = 1;
      r.any_digit = true;
    } else if (!r.any_digit && !r.any_scale) {
      r.pending = 1;
      c.out.bare_scale = true;
    } else if (r.zero_gap && v == 10) {
      r.pending = 1;  // 一百零十? rare but harmless: 110
    } else {
      return Step::bad;  // 一千百
    }
  }
  if (v >= r.last_small) return Step::bad;  // 五百三千
  if (c.prev_arabic) c.out.scaled = true;
  r.section += r.pending * v;
  r.pending = -1;
  r.last_small = v;
  r.last_term = v;
  r.zero_gap = false;
  r.any_scale = true;
  c.i += len;
  c.prev_big = false;
  c.prev_arabic = false;
  return Step::more;
}

// 万 or 亿 (and 万亿 = 10^12).
Step big_scale_step(Cursor& c, double v, std::size_t len) {
  Reader& r = c.r;
  c.out.scaled = true;
  double group = r.section + (r.pending >= 0 ? r.pending : 0);
  if (r.section == 0 && r.pending < 0) {
    if (c.prev_big && v == 1e8 && r.seen_wan && !r.seen_yi) {
      r.total *= 1e8;
      r.seen_yi = true;
      c.i += len;
      c.prev_big = true;
      return Step::more;
    }
    if (r.any_digit || r.any_scale || r.total != 0) return Step::bad;  // 一万万
    group = 1;
    c.out.bare_scale = true;
  }
  if (v == 1e8) {
    if (r.seen_yi) return Step::bad;
    r.total = (r.total + group) * 1e8;
    r.seen_yi = true;
    r.seen_wan = false;
  } else {
    if (r.seen_wan) return Step::bad;
    r.total += group * 1e4;
    r.seen_wan = true;
  }
  r.section = 0;
  r.pending = -1;
  r.last_small = 1e4;
  r.last_term = v;
  r.zero_gap = false;
  r.any_scale = true;
  c.i += len;
  c.prev_big = true;
  c.prev_arabic = false;
  return Step::more;
}

// The step for the token at the cursor.
Step next_step(Cursor& c, char32_t cp, std::size_t len) {
  if (arabic_digit(cp) >= 0) return arabic_step(c);
  const double v = chinese_value(cp);
  if (v < 0) return decimal_point_step(c, cp, len);
  // A scale character that begins a unit of its own (千米, 千瓦, 千克) ends
  // the numeral: 12.5千米 is 12.5 km, not 12500 m. Units that are a scale
  // of another (万元, 万平方米) read the same either way.
  if (v >= 1000 && c.i > 0) {
    const detail::targets::UnitWord* u = detail::targets::unit_at(c.s.substr(c.i));
    if (u && u->word.size() > len && u->factor == 1) return Step::end;
  }
  c.out.chinese = true;
  if (v == 0) return zero_step(c, len);
  if (v <= 9) return digit_step(c, v, len);
  if (is_small_scale(v)) return small_scale_step(c, v, len);
  return big_scale_step(c, v, len);
}

std::size_t read_number(std::string_view s, Reader& r, Numeral& out) noexcept {
  Cursor c{s, r, out};
  char32_t cp = 0;
  std::size_t len;
  while ((len = decode(s, c.i, cp)) != 0) {
    const Step st = next_step(c, cp, len);
    if (st == Step::bad) {
      r.bad = true;
      return 0;
    }
    if (st == Step::end) break;
  }
  if (r.pending >= 0) {
    // 一万二 = 12000, 三千五 = 3500, 3万5千 (done above); after 零 the digit
    // stands for itself (一千零五 = 1005).
    double tail = r.pending;
    if (!r.zero_gap && r.last_term > 10 && r.pending_single) tail *= r.last_term / 10;
    r.section += tail;
  }
  if (c.i == 0) return 0;
  out.value = tidy(r.total + r.section);
  return c.i;
}

// A bare scale word (万, 千) is a number only before a measure word that does
// not itself start with the scale word (千米, 千瓦 are units, not 1000 米).
bool measure_word_follows(std::string_view whole, std::size_t start, std::size_t end) noexcept {
  using namespace detail::targets;
  if (const UnitWord* u = unit_at(whole.substr(start)); u && u->word.size() > end - start)
    return false;  // the scale character begins a unit word
  const UnitWord* u = unit_at(whole.substr(end));
  return u && u->kind != UnitKind::not_target && u->kind != UnitKind::percent;
}

}  // namespace

std::optional<Numeral> parse_numeral(std::string_view s) noexcept {
  Numeral out;
  char32_t cp = 0;
  std::size_t len = decode(s, 0, cp);
  if (len == 0) return std::nullopt;

  // 过半: more than half.
  if (s.starts_with("过半")) {
    out.value = 0.5;
    out.fraction = out.majority = out.chinese = true;
    out.integer = false;
    out.length = std::string_view("过半").size();
    return out;
  }
  if (arabic_digit(cp) < 0 && chinese_value(cp) < 0) return std::nullopt;

  Reader r;
  std::size_t n = read_number(s, r, out);
  if (r.bad || n == 0) return std::nullopt;

  // X分之Y: a fraction; 百分之Y a percentage, 千分之Y per mille.
  constexpr std::string_view kOf = "分之";
  if (s.substr(n).starts_with(kOf)) {
    const double denom = out.value;
    Numeral num;
    Reader r2;
    const std::size_t m = read_number(s.substr(n + kOf.size()), r2, num);
    if (r2.bad || m == 0 || denom == 0 || num.bare_scale) return std::nullopt;
    // More parts than the whole (三分之五) is no share of anything: malformed,
    // as the header promises a fraction in [0, 1] (found by fuzzing).
    if (denom != 100 && num.value > denom) return std::nullopt;
    out.length = n + kOf.size() + m;
    out.chinese = out.chinese || num.chinese;
    out.bare_scale = false;
    out.integer = num.integer;
    if (denom == 100) {
      out.percent = true;
      out.value = num.value;
    } else {
      out.fraction = true;
      out.integer = false;
      out.value = num.value / denom;
    }
    return out;
  }

  if (out.bare_scale && !r.any_digit) {
    if (!measure_word_follows(s, 0, n)) return std::nullopt;
  }
  out.length = n;
  if (!std::isfinite(out.value)) return std::nullopt;

  // A percent sign (ASCII or full-width) belongs to the numeral.
  if ((len = decode(s, n, cp)) != 0 && (cp == '%' || cp == U'％')) {
    out.percent = true;
    out.length = n + len;
  }
  return out;
}

}  // namespace taizhang

namespace taizhang::detail::targets {

bool is_numeral_char(char32_t cp) noexcept {
  if (cp <= 0xFFFF) return numeral_chars().maybe(cp);
  return arabic_digit(cp) >= 0 || chinese_value(cp) >= 0;
}

const std::array<std::uint64_t, 1024>& numeral_chars_bmp() noexcept { return numeral_chars().bits(); }

CharValues char_values(char32_t cp) noexcept { return {arabic_digit(cp), chinese_value(cp)}; }

CharValues char_values_icu(char32_t cp) noexcept { return {arabic_digit_icu(cp), chinese_value_icu(cp)}; }

// Up to 15 digits the digits make an integer below 2^53 and the fraction a
// power of ten up to 10^15, both exact doubles, and one IEEE division
// rounds their quotient correctly: the value strtod gives, without its
// cost (most numbers of a plan are short). Longer ones go to strtod.
double decimal_value(const char* buf, std::size_t n) noexcept {
  static constexpr double kPow10[] = {1e0, 1e1, 1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                      1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
  std::uint64_t digits = 0;
  std::size_t count = 0, fraction = 0;
  bool point = false;
  for (std::size_t k = 0; k < n; ++k) {
    if (buf[k] == '.') {
      point = true;
      continue;
    }
    if (++count > 15) return std::strtod(buf, nullptr);
    digits = digits * 10 + static_cast<std::uint64_t>(buf[k] - '0');
    fraction += point;
  }
  return static_cast<double>(digits) / kPow10[fraction];
}

bool starts_numeral(char32_t cp) noexcept { return cp == U'过' || is_numeral_char(cp); }

}  // namespace taizhang::detail::targets
