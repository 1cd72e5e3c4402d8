// Matching, skipping and cutting named words at byte offsets, so that code
// says which word it steps over (会同, 印发, 等) instead of how many UTF-8
// bytes that word happens to have (6, 6, 3).
#pragma once

#include "text/scan.hpp"  // starts_with_at: does s[at…] start with a word?

#include <cstddef>
#include <string_view>

namespace taizhang::detail {

// Does s[…end) end with `word`?
constexpr bool ends_with_at(std::string_view s, std::size_t end, std::string_view word) noexcept {
  return end <= s.size() && end >= word.size() && s.substr(end - word.size(), word.size()) == word;
}

// The offset just past `word` where it was found at `at`.
constexpr std::size_t past_word(std::size_t at, std::string_view word) noexcept { return at + word.size(); }

// When s[at…] starts with `word`: moves `at` past it and says so.
inline bool skip_word(std::string_view s, std::size_t& at, std::string_view word) noexcept {
  if (!starts_with_at(s, at, word)) return false;
  at += word.size();
  return true;
}

// When `s` starts (ends) with `word`: removes it and says so.
constexpr bool cut_prefix_word(std::string_view& s, std::string_view word) noexcept {
  if (!s.starts_with(word)) return false;
  s.remove_prefix(word.size());
  return true;
}
constexpr bool cut_suffix_word(std::string_view& s, std::string_view word) noexcept {
  if (!s.ends_with(word)) return false;
  s.remove_suffix(word.size());
  return true;
}

// The UTF-8 length of `n` Han characters (three bytes each, in the BMP):
// for limits a rule states in characters but checks on bytes.
constexpr std::size_t han_bytes(std::size_t n) noexcept { return 3 * n; }

}  // namespace taizhang::detail
