// Character classes shared by the numeral parser and the targets scanner.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

namespace taizhang::detail::targets {

// True for a character that can be part of a numeral: Arabic digits (ASCII
// or full-width) and Chinese numeral characters (〇 零 一…九 两 十 百 千 万 亿
// and the financial forms).
bool is_numeral_char(char32_t cp) noexcept;

// The BMP part of is_numeral_char as a bit set (bit cp of word cp / 64),
// for scanners that classify every character.
const std::array<std::uint64_t, 1024>& numeral_chars_bmp() noexcept;

// The digit value (0-9, else -1) and the Chinese numeral value (0-9, 10,
// 100, 1000, 1e4, 1e8, else -1) of a character as the numeral parser reads
// them: from a table of the set's BMP members built once. char_values_icu
// is their definition (ICU's properties, asked every time), which the table
// must agree with for every character.
struct CharValues {
  int digit = -1;
  double chinese = -1;
};
CharValues char_values(char32_t cp) noexcept;
CharValues char_values_icu(char32_t cp) noexcept;

// True for a character that can start a numeral (the above, plus 过 of 过半).
bool starts_numeral(char32_t cp) noexcept;

// The value of `n` ASCII digits with at most one '.' between them (buf[n]
// is '\0'), exactly as std::strtod reads them in the C locale.
double decimal_value(const char* buf, std::size_t n) noexcept;

}  // namespace taizhang::detail::targets
