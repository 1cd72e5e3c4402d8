// Text layer: validated UTF-8, a folded view for matching, and the offset
// map that carries every folded position back to the original input.
#pragma once

#include <taizhang/model.hpp>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace taizhang::detail {

// The folded view is what every rule matches on:
//  - full-width ASCII (U+FF01–FF5E) → ASCII, ideographic space U+3000 → ' '
//  - CRLF and CR → '\n'; a leading BOM is dropped
//  - Traditional → Simplified when the text is detected as Traditional
// Spans reported to the user always point into `original`.
class Text {
 public:
  // Validates and folds. Throws taizhang::Error{invalid_utf8} with the byte
  // offset of the first bad sequence.
  explicit Text(std::string_view original, bool detect_traditional = true);
  // The same over a shared copy of the input: the excerpts of the Plan then
  // share it instead of copying their pieces.
  explicit Text(std::shared_ptr<const std::string> original, bool detect_traditional = true);
  // The shared copy the excerpts refer to (null until the first excerpt of
  // a Text built over a plain view).
  const std::shared_ptr<const std::string>& shared() const noexcept { return shared_; }

  std::string_view original() const noexcept { return original_; }
  std::string_view folded() const noexcept { return folded_; }
  bool traditional() const noexcept { return traditional_; }

  // Original byte offset of folded byte offset `f` (0 ≤ f ≤ folded().size()):
  // the first byte of the original character folded byte `f` came from;
  // original().size() for f = folded().size().
  std::size_t to_original(std::size_t f) const noexcept;

  // Code point index of an original byte offset (which must be a code point
  // boundary).
  std::size_t code_point(std::size_t original_byte) const noexcept;

  // Public span of folded range [fb, fe).
  Span span(std::size_t fb, std::size_t fe) const noexcept;
  // Original characters of folded range [fb, fe).
  std::string_view original_slice(std::size_t fb, std::size_t fe) const noexcept;
  // The original characters of a span of this text, for the model: a piece
  // of the shared input. A Text over a plain view copies the input once, at
  // its first excerpt, so input the model keeps nothing of costs no copy.
  Excerpt excerpt(const Span& s) const;

 private:
  // Made by the first excerpt() of a Text over a plain view: a Text belongs
  // to one parse on one thread, so the lazy copy needs no lock.
  mutable std::shared_ptr<const std::string> shared_;
  std::string_view original_;
  std::string folded_;
  // Where folded byte k*kMapStride is: the start of its character in the
  // folded text and in the original (see build_offset_map).
  struct MapCheckpoint {
    std::uint32_t folded;
    std::uint32_t original;
  };
  bool fold(std::size_t original_begin, bool detect_traditional);
  bool transliterate();
  void build_offset_map(std::size_t original_begin);
  void build_code_point_checkpoints();
  std::size_t original_length_at(std::size_t original_byte) const noexcept;
  std::size_t walk(std::size_t folded_start, std::size_t original_start, std::size_t f) const noexcept;
  std::vector<MapCheckpoint> map_checkpoints_;
  std::vector<std::uint32_t> cp_checkpoints_;  // code points before byte k*kStride
  // Characters outside the BMP before byte k*kStride: each is two UTF-16
  // units, so UTF-16 offset = code points + these.
  std::vector<std::uint32_t> astral_checkpoints_;
  // Code points and UTF-16 units before an original byte offset, in one walk.
  std::pair<std::size_t, std::size_t> code_point_and_utf16(std::size_t original_byte) const noexcept;
  struct Counts {
    std::size_t starts = 0, fours = 0;
  };
  Counts count_between(std::size_t from, std::size_t to) const noexcept;
  bool traditional_ = false;
  static constexpr std::size_t kStride = 256;
  // A map checkpoint per 128 folded bytes: 1/16 byte per byte of text. The
  // walk from one skips equal bytes 8 at a time, so a longer stride costs
  // little (64 → 128: +14 % per to_original, +3 % per span, half the map).
  static constexpr std::size_t kMapStride = 128;
};

// The characters that tell Traditional text from Simplified: the first list
// only Traditional text writes, the second their Simplified forms (aligned;
// a character in both counts for neither). The fold's detection counts them.
std::u32string_view traditional_only_characters() noexcept;
std::u32string_view simplified_only_characters() noexcept;

// Position of the first invalid UTF-8 byte, or npos when `s` is valid.
std::size_t find_invalid_utf8(std::string_view s) noexcept;

// Decodes one code point at s[i] (s valid UTF-8); advances i.
inline char32_t next_cp(std::string_view s, std::size_t& i) noexcept {
  unsigned char c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) { ++i; return c; }
  if (c < 0xE0) { char32_t r = ((c & 0x1F) << 6) | (s[i + 1] & 0x3F); i += 2; return r; }
  if (c < 0xF0) {
    char32_t r = ((c & 0x0F) << 12) | ((s[i + 1] & 0x3F) << 6) | (s[i + 2] & 0x3F);
    i += 3;
    return r;
  }
  char32_t r = ((c & 0x07) << 18) | ((s[i + 1] & 0x3F) << 12) | ((s[i + 2] & 0x3F) << 6) |
               (s[i + 3] & 0x3F);
  i += 4;
  return r;
}

// Decodes the code point that ends at s[i-1]; moves i back to its start.
inline char32_t prev_cp(std::string_view s, std::size_t& i) noexcept {
  std::size_t j = i - 1;
  while (j > 0 && (static_cast<unsigned char>(s[j]) & 0xC0) == 0x80) --j;
  std::size_t k = j;
  char32_t r = next_cp(s, k);
  i = j;
  return r;
}

void append_utf8(std::string& out, char32_t cp);

// Removes whitespace inside a heading or title (PDF wraps put spaces inside
// words: "通 知"), but keeps a space between two ASCII words.
std::string join_title(std::string_view s);

// The first `limit` bytes of join_title(s), reading `s` only as far as they
// need: what a test of a title's opening word asks for (序号, 发布时间).
std::string join_title_prefix(std::string_view s, std::size_t limit);

// Trims ASCII whitespace and ideographic spaces at both ends.
std::string_view trim(std::string_view s) noexcept;

}  // namespace taizhang::detail
