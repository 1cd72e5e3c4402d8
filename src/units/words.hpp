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

#include <algorithm>
#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace taizhang::detail::units {

class WordList {
 public:
  WordList() = default;
  // `dense`: for the one list that is looked for in whole measures, found_in
  // reads a 64 KiB byte table at every other position (see scan_dense)
  // instead of an 8 KiB bit set at every position.
  enum class Scan { sparse, dense };
  explicit WordList(std::vector<std::string_view> words, Scan scan = Scan::sparse) : words_(std::move(words)) {
    index(scan);
  }

  const std::vector<std::string_view>& words() const noexcept { return words_; }
  bool empty() const noexcept { return words_.empty(); }

  // The first word (table order) that `s` holds at byte i, or nullptr.
  const std::string_view* starting_at(std::string_view s, std::size_t i) const noexcept {
    return starting_at(s, i, [](std::string_view) { return true; });
  }
  // The first word (table order) starting at s[i] for which ok(word) holds;
  // `ok` is handed a reference to the stored word (see RoleWords::role_of).
  template <class Ok>
  [[gnu::always_inline]] const std::string_view* starting_at(std::string_view s, std::size_t i, Ok&& ok) const {
    if (i >= s.size()) return nullptr;
    const std::uint32_t key = key_at(s, i);
    const std::size_t b = bucket(key);
    for (std::uint32_t k = first_start_[b]; k < first_start_[b + 1]; ++k) {
      // Equal keys are equal first characters: only the rest is compared.
      const Entry& e = entries_[first_order_[k]];
      const std::string_view& w = words_[first_order_[k]];
      if (e.first_key == key && s.size() - i >= w.size() &&
          same(s.data() + i + e.first_len, w.data() + e.first_len, w.size() - e.first_len) && ok(w))
        return &w;
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
    const std::uint32_t key = key_before(s, e);
    const std::size_t b = bucket(key);
    for (std::uint32_t k = last_start_[b]; k < last_start_[b + 1]; ++k) {
      // Equal keys are equal last characters: only the rest is compared.
      const Entry& x = entries_[last_order_[k]];
      const std::string_view& w = words_[last_order_[k]];
      if (x.last_key == key && e >= w.size() &&
          same(s.data() + (e - w.size()), w.data(), w.size() - x.last_len) && ok(w))
        return &w;
    }
    return nullptr;
  }

  // Is `v` one of the words? (Inlined: out of line, the lookup costs a
  // call as dear as itself, and GCC's choice moves with any edit nearby.)
  [[gnu::always_inline]] bool has(std::string_view v) const noexcept {
    return starting_at(v, 0, [&](std::string_view w) { return w.size() == v.size(); }) != nullptr;
  }
  // Does `v` start (end) with one of the words?
  bool opens(std::string_view v) const noexcept { return starting_at(v, 0) != nullptr; }
  bool closes(std::string_view v) const noexcept { return ending_at(v, v.size()) != nullptr; }

  // Does `v` contain one of the words anywhere? One pass over `v`: each
  // byte position is first tested against the set of the words' second and
  // third bytes (the rest of a Han first character), read as one 16-bit
  // number: a load and a test per byte, no branch that depends on the text,
  // and few positions reach a bucket. Words of one or two bytes are tested
  // on their first byte.
  bool found_in(std::string_view v) const noexcept {
    if (words_.empty()) return false;
    if (!dense_.empty()) return scan_dense(v);
    return scan(v, [this](std::size_t k) { return ((pairs_[k >> 6] >> (k & 63)) & 1) != 0; });
  }

 private:
  static constexpr std::size_t kBuckets = 512;  // a power of two, well above any table's size

  // The key of a position: its first (last) code point's bytes, packed; only
  // bytes are compared, so a view that cuts a character is no problem.
  // Inlined (GCC kept it out of line: some 400 000 calls a parse of the
  // reference plan at 4 MB, ten instructions of call each); the rare
  // shapes go to key_of_rest.
  [[gnu::always_inline]] static std::uint32_t key_at(std::string_view s, std::size_t i) noexcept {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) return c;
    if ((c & 0xF0) == 0xE0 && s.size() - i >= 3)  // the common case: a Han character
      return std::uint32_t{c} << 16 | std::uint32_t{static_cast<unsigned char>(s[i + 1])} << 8 |
             static_cast<unsigned char>(s[i + 2]);
    return key_of_rest(s, i);
  }
  [[gnu::noinline]] static std::uint32_t key_of_rest(std::string_view s, std::size_t i) noexcept {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t n = 1;
    if (c >= 0xF0) n = 4;
    else if (c >= 0xE0) n = 3;
    else if (c >= 0xC0) n = 2;
    std::uint32_t k = 0;
    for (std::size_t j = 0; j < n && i + j < s.size(); ++j) k = k << 8 | static_cast<unsigned char>(s[i + j]);
    return k;
  }
  [[gnu::always_inline]] static std::uint32_t key_before(std::string_view s, std::size_t e) noexcept {
    // The common case first: a Han character of three bytes ends the text.
    if (e >= 3 && (static_cast<unsigned char>(s[e - 3]) & 0xF0) == 0xE0 &&
        (static_cast<unsigned char>(s[e - 2]) & 0xC0) == 0x80 && (static_cast<unsigned char>(s[e - 1]) & 0xC0) == 0x80)
      return key_at(s, e - 3);
    return key_at(s.substr(0, e), last_start(s, e));
  }
  // Where the character that ends s[0, e) starts (e > 0).
  static std::size_t last_start(std::string_view s, std::size_t e) noexcept {
    std::size_t b = e - 1;
    while (b > 0 && e - b < 4 && (static_cast<unsigned char>(s[b]) & 0xC0) == 0x80) --b;
    return b;
  }
  // n bytes equal; a word of one character has nothing left to compare.
  static bool same(const char* a, const char* b, std::size_t n) noexcept { return n == 0 || std::memcmp(a, b, n) == 0; }

  // Bytes in the key at s[i] (key_at packs them).
  static std::size_t key_length(std::string_view s, std::size_t i) noexcept {
    const auto c = static_cast<unsigned char>(s[i]);
    const std::size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    return std::min(n, s.size() - i);
  }
  // Every other position: a word of four bytes or more at i has its bytes
  // 1–2 at an even position (i odd) or its bytes 2–3 at one (i even), and
  // dense_ marks both kinds of pair (kSecond, kThird). (Bytes 0–1 would do
  // too, but a Han character's first two bytes are shared by 64 characters,
  // some of the commonest, and would send many positions to a probe.) Four
  // even positions per branch.
  bool scan_dense(std::string_view v) const noexcept {
    const std::size_t n = v.size();
    auto at = [&](std::size_t j) -> bool {  // j even, j + 1 < n
      const std::uint8_t t = dense_[pair_at(v, j)];
      return ((t & kSecond) && j >= 1 && starting_at(v, j - 1)) || ((t & kThird) && j >= 2 && starting_at(v, j - 2));
    };
    std::size_t j = 0;
    for (; j + 8 < n; j += 8)
      if (dense_[pair_at(v, j)] | dense_[pair_at(v, j + 2)] | dense_[pair_at(v, j + 4)] | dense_[pair_at(v, j + 6)])
        if (at(j) || at(j + 2) || at(j + 4) || at(j + 6)) return true;
    for (; j + 1 < n; j += 2)
      if (at(j)) return true;
    return false;
  }

  template <class Known>
  bool scan(std::string_view v, Known&& known) const noexcept {
    const std::size_t n = v.size();
    std::size_t i = 0;
    if (!has_short_) {
      // Four positions per test: a hit is rare, and one branch for four
      // positions is a quarter of the work.
      for (; i + 6 <= n; i += 4) {
        if (known(pair_at(v, i + 1)) | known(pair_at(v, i + 2)) | known(pair_at(v, i + 3)) | known(pair_at(v, i + 4)))
          for (std::size_t j = i; j < i + 4; ++j)
            if (known(pair_at(v, j + 1)) && starting_at(v, j)) return true;
      }
      for (; i + 3 <= n; ++i)
        if (known(pair_at(v, i + 1)) && starting_at(v, i)) return true;
      return false;
    }
    for (; i + 3 <= n; ++i)
      if ((known(pair_at(v, i + 1)) | short_leads_[static_cast<unsigned char>(v[i])]) && starting_at(v, i)) return true;
    for (; i < n; ++i)  // the last two bytes: room for a short word only
      if (short_leads_[static_cast<unsigned char>(v[i])] && starting_at(v, i)) return true;
    return false;
  }

  // Bytes i and i+1 as one number (in the machine's byte order: words and
  // text are read the same way).
  static std::size_t pair_at(std::string_view s, std::size_t i) noexcept {
    std::uint16_t k;
    std::memcpy(&k, s.data() + i, 2);
    return k;
  }
  static std::size_t bucket(std::uint32_t key) noexcept {
    return (key * 0x9E3779B1u) >> (32 - 9);  // 2^9 = kBuckets
  }

  // Buckets as a CSR array: bucket b's words are order_[start_[b] .. start_[b+1]),
  // in table order.
  void index(Scan scan) {
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
      Entry e;
      if (!w.empty()) {
        const std::size_t last = last_start(w, w.size());
        e = {key_at(w, 0), key_before(w, w.size()), static_cast<std::uint8_t>(key_length(w, 0)),
             static_cast<std::uint8_t>(key_length(w, last))};
      }
      entries_.push_back(e);
    }
    bool all_long = true;  // scan_dense needs words of four bytes or more
    for (auto w : words_) {
      all_long = all_long && w.size() >= 4;
      if (w.size() >= 3) {
        const std::size_t k = pair_at(w, 1);
        pairs_[k >> 6] |= std::uint64_t{1} << (k & 63);
      } else if (!w.empty()) {
        short_leads_[static_cast<unsigned char>(w[0])] = true;
        has_short_ = true;
      }
    }
    if (scan == Scan::dense && all_long && !words_.empty()) {
      dense_.assign(std::size_t{1} << 16, 0);
      for (auto w : words_) {
        dense_[pair_at(w, 1)] |= kSecond;
        dense_[pair_at(w, 2)] |= kThird;
      }
    }
    build([](std::string_view w) { return key_before(w, w.size()); }, last_start_, last_order_);
  }

  std::vector<std::string_view> words_;
  // Each word's first and last character: its key and its length in bytes.
  struct Entry {
    std::uint32_t first_key = 0, last_key = 0;
    std::uint8_t first_len = 0, last_len = 0;
  };
  std::vector<Entry> entries_;
  std::array<std::uint32_t, kBuckets + 1> first_start_{}, last_start_{};
  std::vector<std::uint32_t> first_order_, last_order_;
  std::array<std::uint64_t, 1024> pairs_{};  // bytes 1 and 2 of the words of three bytes or more
  std::vector<std::uint8_t> dense_;          // with Scan::dense: bytes 1–2 (kSecond), 2–3 (kThird)
  static constexpr std::uint8_t kSecond = 1, kThird = 2;
  std::array<bool, 256> short_leads_{};      // first bytes of the shorter words
  bool has_short_ = false;
};

// trim() (src/text): without ASCII white space, U+3000 and U+00A0 at either
// end. The grammar trims every part, clause and item, twice for most (some
// 200 000 calls a parse of the reference plan at 4 MB), and nearly all have
// nothing to trim: that is told from the first and last byte, inline (a
// space at the front starts with one of the bytes below, one at the back
// ends with one of them: 0x80 ends U+3000, 0xA0 ends U+00A0).
inline std::string_view trim_spaces(std::string_view v) noexcept {
  if (!v.empty()) {
    const auto front = static_cast<unsigned char>(v.front()), back = static_cast<unsigned char>(v.back());
    const bool may_front = front <= ' ' || front == 0xE3 || front == 0xC2;
    const bool may_back = back <= ' ' || back == 0x80 || back == 0xA0;
    if (!may_front && !may_back) return v;
  }
  return trim(v);
}

// A literal at the start (end) of `v`, compared inline: std::string_view's
// starts_with calls memcmp for a length it does not know at compile time,
// and the grammar asks such questions of every name many times.
template <std::size_t N>
inline bool opens_with(std::string_view v, const char (&lit)[N]) noexcept {
  return v.size() >= N - 1 && std::memcmp(v.data(), lit, N - 1) == 0;
}
template <std::size_t N>
inline bool closes_with(std::string_view v, const char (&lit)[N]) noexcept {
  return v.size() >= N - 1 && std::memcmp(v.data() + (v.size() - (N - 1)), lit, N - 1) == 0;
}

// The first byte from a small set of N distinct values, looked for sixteen
// bytes at a time: a scan over a whole measure for a rare byte (a bracket's
// first byte) costs a fraction of a byte-by-byte loop. The sixteen bytes are
// a vector of the compiler's (SSE2 on any x86-64, NEON on ARM; as in
// src/text/text.cpp), compared with each value of the set at once; the lane
// of the first match is read off the mask, not found byte by byte (the
// units round's eight-byte integer test cost 2.3 instructions a byte, and a
// byte loop after each hit). N is a constant so that the test unrolls.
template <std::size_t N>
class ByteFinder {
 public:
  constexpr explicit ByteFinder(const std::array<unsigned char, N>& bytes) : bytes_(bytes) {
    for (std::size_t k = 0; k < N; ++k) member_[bytes[k]] = true;
  }

  // The first position in [i, end) whose byte is in the set, or end.
  std::size_t next(std::string_view s, std::size_t i, std::size_t end) const noexcept {
    for (; i + 16 <= end; i += 16) {
      Bytes16 v;
      std::memcpy(&v, s.data() + i, 16);
      Bytes16 hit = v == bytes_[0];
      for (std::size_t k = 1; k < N; ++k) hit |= v == bytes_[k];
      std::uint64_t half[2];
      std::memcpy(half, &hit, 16);
      // Lanes are 0x00 or 0xFF; the machine's byte order puts the lower
      // address in the lower bits (x86-64, little-endian ARM).
      if (half[0]) return i + static_cast<std::size_t>(std::countr_zero(half[0])) / 8;
      if (half[1]) return i + 8 + static_cast<std::size_t>(std::countr_zero(half[1])) / 8;
    }
    for (; i < end; ++i)
      if (member_[static_cast<unsigned char>(s[i])]) return i;
    return end;
  }

 private:
  using Bytes16 = unsigned char __attribute__((vector_size(16)));
  static_assert(std::endian::native == std::endian::little, "next() reads the first lane from the low bits");
  std::array<unsigned char, N> bytes_{};
  std::array<bool, 256> member_{};
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
