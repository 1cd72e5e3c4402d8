// taizhang — reading a number as Chinese plan documents write it.
//
//   parse_numeral("5.7万户")     → value 57000, length 6 (the bytes of "5.7万")
//   parse_numeral("一万二千个")  → value 12000
//   parse_numeral("95.5%")       → value 95.5, percent
//   parse_numeral("百分之九十五") → value 95, percent
//   parse_numeral("三分之一")    → value 0.333…, fraction
//   parse_numeral("万名以上")    → value 10000 (a bare 万/千 only before a measure word)
//   parse_numeral("一万万")      → nullopt (malformed: no number at all, not a prefix)
//
// Forms: Arabic digits (ASCII or full-width) with decimals and thousands
// separators (1,000.5); Chinese numerals with 〇/零 and 两 (二十九, 一万二 =
// 12000, 三千五百, 一千零五, 二〇二二); mixed (1000万, 1.2亿, 3万5千);
// percentages (95.5%, 95.5％, 百分之九十五); fractions (三分之一); 过半 (½).
// The parser is pure and thread-safe, runs in time linear in the numeral's
// length, never reads past the numeral's end plus one measure word, and
// accepts any bytes (invalid UTF-8 ends the numeral).
#pragma once

#include <taizhang/export.h>

#include <cstddef>
#include <optional>
#include <string_view>

namespace taizhang {

struct Numeral {
  double value = 0;          // after scaling; a percentage in points (95.5% → 95.5);
                             // a fraction as a ratio (三分之一 → 0.333…)
  std::size_t length = 0;    // UTF-8 bytes consumed, including a trailing % sign
  bool percent = false;      // 95.5%, 百分之九十五
  bool fraction = false;     // 三分之一, 过半 (value is a ratio in [0, 1])
  bool majority = false;     // 过半: "more than half", value 0.5
  bool chinese = false;      // written at least partly in Chinese numerals
  bool scaled = false;       // a scale word (万, 亿, or 千/百 after Arabic digits) was applied
  bool bare_scale = false;   // a scale word with no digit before it: 万名, 千人
  bool integer = true;       // no decimal part was written
};

// Reads the numeral at the start of `utf8`. Returns nullopt when the text
// does not start with a numeral, or when the numeral run is malformed
// (一万万, 5..7万, 五百三千): a malformed run yields no number at all rather
// than a misleading prefix. Integer parts longer than 18 digits are codes,
// not quantities, and are refused too.
TAIZHANG_API std::optional<Numeral> parse_numeral(std::string_view utf8) noexcept;

}  // namespace taizhang
