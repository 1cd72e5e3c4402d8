// Small scanning helpers shared by the stages: matching literals in the
// folded text and reading the small numbers of headings and dates.
#pragma once

#include "text/text.hpp"

#include <cstddef>
#include <optional>
#include <string_view>

namespace taizhang::detail {

inline bool starts_with_at(std::string_view s, std::size_t i, std::string_view lit) noexcept {
  return i <= s.size() && s.size() - i >= lit.size() && s.compare(i, lit.size(), lit) == 0;
}

// The end of the line that holds s[from], but never past `limit`: where the
// next '\n' in [from, limit) is, else `limit`. Searching only to the end of
// the piece at hand keeps a per-measure or per-cell scan linear on a page
// with no line breaks (there the next '\n' may be megabytes away).
inline std::size_t line_end_within(std::string_view s, std::size_t from, std::size_t limit) noexcept {
  limit = limit < s.size() ? limit : s.size();
  if (from >= limit) return limit;
  const std::size_t e = s.substr(0, limit).find('\n', from);
  return e == std::string_view::npos ? limit : e;
}

inline bool is_ascii_digit(char32_t c) noexcept { return c >= '0' && c <= '9'; }

// Value of a Chinese digit 〇零一二两三四五六七八九, or -1.
int cn_digit(char32_t c) noexcept;

// A small number at s[i]: Arabic digits (up to 9 of them) or a Chinese
// numeral below 10000 (一, 十二, 二十九, 一百零五, 二〇二二 digit by digit).
// On success advances i past it.
std::optional<long> read_small_number(std::string_view s, std::size_t& i) noexcept;

// Is c a CJK ideograph (the Han blocks a plan document uses)?
inline bool is_han(char32_t c) noexcept {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
         (c >= 0x20000 && c <= 0x2FFFF) || (c >= 0xF900 && c <= 0xFAFF);
}

// 2022年4月13日 (Arabic or Chinese digits) exactly spanning `s` (after
// trimming; an optional trailing 印发 or 发布 is allowed). Returns y, m, d.
struct YMD { int y = 0, m = 0, d = 0; };
std::optional<YMD> whole_line_date(std::string_view s) noexcept;

}  // namespace taizhang::detail
