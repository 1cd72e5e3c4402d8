// Matching, skipping and cutting named words at byte offsets, so that code
// says which word it steps over (会同, 印发, 等) instead of how many UTF-8
// bytes that word happens to have (6, 6, 3).
#pragma once

#include "text/scan.hpp"  // starts_with_at: does s[at…] start with a word?

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

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

// The UTF-8 length of the character that starts with each byte (1 for a
// byte that starts none), one load instead of three comparisons.
struct Utf8Lengths {
  unsigned char of[256];
  constexpr Utf8Lengths() : of{} {
    for (int b = 0; b < 256; ++b) of[b] = static_cast<unsigned char>(1 + (b >= 0xC0) + (b >= 0xE0) + (b >= 0xF0));
  }
};
inline constexpr Utf8Lengths kUtf8Lengths{};

// A fixed list of words, asked "does this text hold any of them?" in one
// pass over the text, where a loop of `find` per word reads the text once
// per word (the outline's task signs: 50 words, asked of every item). Each
// position's next two bytes are tested in a bit set of the words' second
// and third bytes (for a Han first character, the bytes that tell it from
// its neighbours in the block), at the first byte of each character (where
// every word starts); only a position that passes is compared
// with the words that share those bytes. Words of fewer than three bytes
// are looked for with `find`. The answer is the one of the plain loop.
class WordSet {
 public:
  WordSet() = default;
  explicit WordSet(const std::vector<std::string>& words) {
    for (const std::string& w : words) {
      if (w.size() < 3) {
        short_.push_back(w);
        continue;
      }
      const std::uint16_t k = key(w.data());
      seen_[k >> 6] |= std::uint64_t{1} << (k & 63);
      long_.emplace_back(k, w);
    }
    std::stable_sort(long_.begin(), long_.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  }

  bool found_in(std::string_view v) const noexcept {
    for (const std::string& w : short_)
      if (v.find(w) != std::string_view::npos) return true;
    // A word starts with a character's first byte, so only those are tried:
    // one position per Han character, not three.
    for (std::size_t p = 0; p + 3 <= v.size(); p += char_length(static_cast<unsigned char>(v[p]))) {
      const std::uint16_t k = key(v.data() + p);
      if (((seen_[k >> 6] >> (k & 63)) & 1) == 0) continue;
      auto it = std::lower_bound(long_.begin(), long_.end(), k, [](const auto& e, std::uint16_t x) { return e.first < x; });
      for (; it != long_.end() && it->first == k; ++it)
        if (v.size() - p >= it->second.size() && std::memcmp(v.data() + p, it->second.data(), it->second.size()) == 0)
          return true;
    }
    return false;
  }

 private:
  // The UTF-8 length of the character that starts with byte b (1 for a
  // byte that starts none: a view cut inside a character steps through it).
  static std::size_t char_length(unsigned char b) noexcept { return kUtf8Lengths.of[b]; }
  // The second and third bytes of a word starting at w[0], as one load (the
  // same byte order for the words and the text, whatever it is).
  static std::uint16_t key(const char* w) noexcept {
    std::uint16_t k;
    std::memcpy(&k, w + 1, 2);
    return k;
  }
  std::uint64_t seen_[1024] = {};  // 65 536 bits: the keys of the words
  std::vector<std::pair<std::uint16_t, std::string>> long_;  // by key
  std::vector<std::string> short_;
};

}  // namespace taizhang::detail
