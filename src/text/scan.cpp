#include "text/scan.hpp"

namespace taizhang::detail {

int cn_digit(char32_t c) noexcept {
  switch (c) {
    case U'〇': case U'零': case U'○': return 0;
    case U'一': return 1;
    case U'二': case U'两': return 2;
    case U'三': return 3;
    case U'四': return 4;
    case U'五': return 5;
    case U'六': return 6;
    case U'七': return 7;
    case U'八': return 8;
    case U'九': return 9;
    default: return -1;
  }
}

std::optional<long> read_small_number(std::string_view s, std::size_t& i) noexcept {
  if (i >= s.size()) return std::nullopt;
  std::size_t j = i;
  if (is_ascii_digit(static_cast<unsigned char>(s[j]))) {
    long v = 0;
    int n = 0;
    while (j < s.size() && is_ascii_digit(static_cast<unsigned char>(s[j]))) {
      if (++n > 9) return std::nullopt;
      v = v * 10 + (s[j] - '0');
      ++j;
    }
    i = j;
    return v;
  }
  // Chinese: either positional digits (二〇二二) or 十/百/千 multipliers.
  long total = 0, digit = -1;
  bool any = false, positional = true;
  int count = 0;
  long positional_value = 0;
  while (j < s.size()) {
    std::size_t k = j;
    char32_t c = next_cp(s, k);
    const int d = cn_digit(c);
    long mult = 0;
    if (c == U'十') mult = 10;
    else if (c == U'百') mult = 100;
    else if (c == U'千') mult = 1000;
    if (d < 0 && mult == 0) break;
    if (++count > 8) return std::nullopt;
    if (d >= 0) {
      positional_value = positional_value * 10 + d;  // 二〇二二 read digit by digit
      digit = d;
    } else {
      positional = false;  // 二十九: multipliers make it a counting numeral
      total += (digit < 0 ? 1 : digit) * mult;
      digit = -1;
    }
    any = true;
    j = k;
  }
  if (!any) return std::nullopt;
  long value;
  if (positional) {
    value = positional_value;
  } else {
    value = total + (digit > 0 ? digit : 0);
  }
  i = j;
  return value;
}

std::optional<YMD> whole_line_date(std::string_view line) noexcept {
  std::string_view s = trim(line);
  std::size_t i = 0;
  auto y = read_small_number(s, i);
  if (!y || *y < 1900 || *y > 2200 || !starts_with_at(s, i, "年")) return std::nullopt;
  i += 3;
  auto m = read_small_number(s, i);
  if (!m || *m < 1 || *m > 12 || !starts_with_at(s, i, "月")) return std::nullopt;
  i += 3;
  auto d = read_small_number(s, i);
  if (!d || *d < 1 || *d > 31 || !starts_with_at(s, i, "日")) return std::nullopt;
  i += 3;
  std::string_view rest = trim(s.substr(i));
  if (!rest.empty() && rest != "印发" && rest != "发布" && rest != "印") return std::nullopt;
  return YMD{static_cast<int>(*y), static_cast<int>(*m), static_cast<int>(*d)};
}

}  // namespace taizhang::detail
