// Word lists of the units stage's tables, indexed for matching at a position.
//
// The grammar asks the same few questions thousands of times per document:
// which table word starts at s[i], which ends at s[e], does a phrase contain
// any word of a list. Comparing every word of a list at every position made
// the units stage five times slower than it needs to be (docs/performance.md,
// the units round). A WordList keeps the table order — the grammar's loops
// rely on it (longest first, the first word that fits wins) — and adds two
// bucket indexes, one by a word's first code point and one by its last, so
// that a question costs one bucket probe plus the comparisons of the few
// words that share that code point. Every answer is the one the plain loop
// over the list gives.
#pragma once

#include "text/text.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace taizhang::detail::units {

class WordList {
 public:
  WordList() = default;
  explicit WordList(std::vector<std::string_view> words) : words_(std::move(words)) { index(); }

  const std::vector<std::string_view>& words() const noexcept { return words_; }
  bool empty() const noexcept { return words_.empty(); }

  // The first word (table order) that `s` holds at byte i, or nullptr.
  const std::string_view* starting_at(std::string_view s, std::size_t i) const noexcept {
    return starting_at(s, i, [](std::string_view) { return true; });
  }
  // The first word (table order) starting at s[i] for which ok(word) holds;
  // `ok` is handed a reference to the stored word (see RoleWords::role_of).
  template <class Ok>
  const std::string_view* starting_at(std::string_view s, std::size_t i, Ok&& ok) const {
    if (i >= s.size()) return nullptr;
    const std::size_t b = bucket(key_at(s, i));
    for (std::uint32_t k = first_start_[b]; k < first_start_[b + 1]; ++k) {
      const std::string_view& w = words_[first_order_[k]];
      if (s.size() - i >= w.size() && s.compare(i, w.size(), w) == 0 && ok(w)) return &w;
    }
    return nullptr;
  }

  // The first word (table order) that ends s[0, e), or nullptr.
  const std::string_view* ending_at(std::string_view s, std::size_t e) const noexcept {
    return ending_at(s, e, [](std::string_view) { return true; });
  }
  template <class Ok>
  const std::string_view* ending_at(std::string_view s, std::size_t e, Ok&& ok) const {
    if (e == 0 || e > s.size()) return nullptr;
    const std::size_t b = bucket(key_before(s, e));
    for (std::uint32_t k = last_start_[b]; k < last_start_[b + 1]; ++k) {
      const std::string_view& w = words_[last_order_[k]];
      if (e >= w.size() && s.compare(e - w.size(), w.size(), w) == 0 && ok(w)) return &w;
    }
    return nullptr;
  }

  // Is `v` one of the words?
  bool has(std::string_view v) const noexcept {
    return starting_at(v, 0, [&](std::string_view w) { return w.size() == v.size(); }) != nullptr;
  }
  // Does `v` start (end) with one of the words?
  bool opens(std::string_view v) const noexcept { return starting_at(v, 0) != nullptr; }
  bool closes(std::string_view v) const noexcept { return ending_at(v, v.size()) != nullptr; }

  // Does `v` contain one of the words anywhere? One pass over `v`, probing
  // at each character start (a word of valid UTF-8 can start nowhere else).
  // A Han first character is looked up in a bit set of the words' first
  // characters before any bucket is probed; a continuation byte starts no word.
  bool found_in(std::string_view v) const noexcept {
    if (words_.empty()) return false;
    const std::size_t n = v.size();
    std::size_t i = 0;
    // Without branches on the bytes themselves: a hit is rare, a mixed run of
    // ASCII and Han characters would make every other branch a guess.
    for (; i + 3 <= n; ++i) {
      const auto lead = static_cast<unsigned char>(v[i]);
      const std::size_t cp = bmp_index(lead, v[i + 1], v[i + 2]);
      const bool han = (lead & 0xF0) == 0xE0;
      if (((han & (first_bmp_[cp >> 6] >> (cp & 63))) | other_leads_[lead]) && starting_at(v, i)) return true;
    }
    for (; i < n; ++i)  // the last two bytes: too short for a three-byte first character
      if (other_leads_[static_cast<unsigned char>(v[i])] && starting_at(v, i)) return true;
    return false;
  }

 private:
  static constexpr std::size_t kBuckets = 512;  // a power of two, well above any table's size

  // The key of a position: its first (last) code point's bytes, packed; only
  // bytes are compared, so a view that cuts a character is no problem.
  static std::uint32_t key_at(std::string_view s, std::size_t i) noexcept {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) return c;
    if ((c & 0xF0) == 0xE0 && s.size() - i >= 3)  // the common case: a Han character
      return std::uint32_t{c} << 16 | std::uint32_t{static_cast<unsigned char>(s[i + 1])} << 8 |
             static_cast<unsigned char>(s[i + 2]);
    std::size_t n = 1;
    if (c >= 0xF0) n = 4;
    else if (c >= 0xE0) n = 3;
    else if (c >= 0xC0) n = 2;
    std::uint32_t k = 0;
    for (std::size_t j = 0; j < n && i + j < s.size(); ++j) k = k << 8 | static_cast<unsigned char>(s[i + j]);
    return k;
  }
  static std::uint32_t key_before(std::string_view s, std::size_t e) noexcept {
    std::size_t b = e - 1;
    while (b > 0 && e - b < 4 && (static_cast<unsigned char>(s[b]) & 0xC0) == 0x80) --b;
    return key_at(s.substr(0, e), b);
  }
  // The 16 bits of a three-byte character's code point.
  static std::size_t bmp_index(unsigned char b0, char b1, char b2) noexcept {
    return (std::size_t{b0} & 0x0F) << 12 | (std::size_t{static_cast<unsigned char>(b1)} & 0x3F) << 6 |
           (std::size_t{static_cast<unsigned char>(b2)} & 0x3F);
  }
  static std::size_t bucket(std::uint32_t key) noexcept {
    return (key * 0x9E3779B1u) >> (32 - 9);  // 2^9 = kBuckets
  }

  // Buckets as a CSR array: bucket b's words are order_[start_[b] .. start_[b+1]),
  // in table order.
  void index() {
    auto build = [&](auto key_of, std::array<std::uint32_t, kBuckets + 1>& start, std::vector<std::uint32_t>& order) {
      std::array<std::uint32_t, kBuckets + 1> count{};
      for (auto w : words_)
        if (!w.empty()) ++count[bucket(key_of(w)) + 1];
      for (std::size_t b = 0; b < kBuckets; ++b) count[b + 1] += count[b];
      start = count;
      order.assign(count[kBuckets], 0);
      for (std::uint32_t k = 0; k < words_.size(); ++k)
        if (!words_[k].empty()) order[count[bucket(key_of(words_[k]))]++] = k;
    };
    build([](std::string_view w) { return key_at(w, 0); }, first_start_, first_order_);
    for (auto w : words_) {
      if (w.empty()) continue;
      const auto lead = static_cast<unsigned char>(w[0]);
      if ((lead & 0xF0) == 0xE0 && w.size() >= 3) {
        const std::size_t cp = bmp_index(lead, w[1], w[2]);
        first_bmp_[cp >> 6] |= std::uint64_t{1} << (cp & 63);
      }
      else other_leads_[lead] = true;
    }
    build([](std::string_view w) { return key_before(w, w.size()); }, last_start_, last_order_);
  }

  std::vector<std::string_view> words_;
  std::array<std::uint32_t, kBuckets + 1> first_start_{}, last_start_{};
  std::vector<std::uint32_t> first_order_, last_order_;
  std::array<std::uint64_t, 1024> first_bmp_{};  // first characters of three bytes (a bit per code point)
  std::array<bool, 256> other_leads_{};          // first bytes of any other first character
};

// A few punctuation code points (separators of a note, brackets) with the
// set of their UTF-8 lead bytes: a scan looks at one byte to skip a
// character that cannot be one of them, and decodes only the rest.
class Marks {
 public:
  constexpr explicit Marks(std::u32string_view cps) : cps_(cps) {
    for (const char32_t c : cps) lead_[lead_byte(c)] = true;
  }
  constexpr bool may_start(unsigned char byte) const noexcept { return lead_[byte]; }
  constexpr bool has(char32_t c) const noexcept { return cps_.find(c) != std::u32string_view::npos; }

  static constexpr unsigned char lead_byte(char32_t c) noexcept {
    if (c < 0x80) return static_cast<unsigned char>(c);
    if (c < 0x800) return static_cast<unsigned char>(0xC0 | (c >> 6));
    if (c < 0x10000) return static_cast<unsigned char>(0xE0 | (c >> 12));
    return static_cast<unsigned char>(0xF0 | (c >> 18));
  }
  // Bytes of the character whose lead byte is `byte`, as next_cp counts them.
  static constexpr std::size_t length(unsigned char byte) noexcept {
    return byte < 0x80 ? 1 : byte < 0xE0 ? 2 : byte < 0xF0 ? 3 : 4;
  }

 private:
  std::u32string_view cps_;
  std::array<bool, 256> lead_{};
};

}  // namespace taizhang::detail::units
