#include "text/text.hpp"
#include "text/words.hpp"

#include <taizhang/parser.hpp>

#include <unicode/translit.h>
#include <unicode/unistr.h>
#include <unicode/utypes.h>

#include <algorithm>
#include <bitset>
#include <memory>
#include <mutex>
#include <string>

namespace taizhang::detail {

std::size_t find_invalid_utf8(std::string_view s) noexcept {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t n = s.size();
  std::size_t i = 0;
  while (i < n) {
    unsigned char c = p[i];
    if (c < 0x80) { ++i; continue; }
    std::size_t len;
    char32_t min;
    if (c >= 0xC2 && c <= 0xDF) { len = 2; min = 0x80; }
    else if (c >= 0xE0 && c <= 0xEF) { len = 3; min = 0x800; }
    else if (c >= 0xF0 && c <= 0xF4) { len = 4; min = 0x10000; }
    else return i;
    if (i + len > n) return i;
    char32_t cp = c & (len == 2 ? 0x1F : len == 3 ? 0x0F : 0x07);
    for (std::size_t k = 1; k < len; ++k) {
      if ((p[i + k] & 0xC0) != 0x80) return i;
      cp = (cp << 6) | (p[i + k] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return i;
    i += len;
  }
  return std::string_view::npos;
}

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

namespace {

// Characters that only Traditional text uses (their Simplified forms differ),
// chosen from the words plan documents are made of: 單位 責任 關於 發展 …
constexpr std::u32string_view kTraditionalOnly =
    U"單責關於發區縣會門務為與條個實際開點項擴進動時長經濟設計劃環導規劃"
    U"報國產業體系農機醫療衛財稅銀處級這過還應當將對從後幾們來員書記聯";
// Their Simplified counterparts, to weigh mixed text.
constexpr std::u32string_view kSimplifiedOnly =
    U"单责关于发区县会门务为与条个实际开点项扩进动时长经济设计划环导规划"
    U"报国产业体系农机医疗卫财税银处级这过还应当将对从后几们来员书记联";

// Characters written the same in both scripts (际, 系, 业…) sit in both lists
// only to keep them aligned; they count for neither side. The fold looks
// every Han character up, so the lists become two bit sets over the CJK
// Unified Ideographs block (where every listed character is) once per process.
constexpr char32_t kHanFirst = 0x4E00, kHanEnd = 0xA000;
struct ScriptMarkers {
  std::bitset<kHanEnd - kHanFirst> traditional, simplified;
};
const ScriptMarkers& script_markers() {
  static const ScriptMarkers markers = [] {
    ScriptMarkers m;
    auto both = [](char32_t c) {
      return kTraditionalOnly.find(c) != std::u32string_view::npos &&
             kSimplifiedOnly.find(c) != std::u32string_view::npos;
    };
    for (char32_t c : kTraditionalOnly)
      if (c >= kHanFirst && c < kHanEnd && !both(c)) m.traditional.set(c - kHanFirst);
    for (char32_t c : kSimplifiedOnly)
      if (c >= kHanFirst && c < kHanEnd && !both(c)) m.simplified.set(c - kHanFirst);
    return m;
  }();
  return markers;
}

// ICU's Traditional-Simplified transliterator costs ~190 ms to build: build it
// once per process and hand each caller a clone (transliterate() is not
// documented as thread-safe on a shared instance).
std::unique_ptr<icu::Transliterator> traditional_to_simplified() {
  static std::once_flag once;
  static std::unique_ptr<icu::Transliterator> prototype;
  std::call_once(once, [] {
    UErrorCode status = U_ZERO_ERROR;
    prototype.reset(icu::Transliterator::createInstance("Traditional-Simplified",
                                                        UTRANS_FORWARD, status));
    if (U_FAILURE(status)) prototype.reset();
  });
  if (!prototype) return nullptr;
  return std::unique_ptr<icu::Transliterator>(prototype->clone());
}

}  // namespace

Text::Text(std::string_view original, bool detect_traditional) : original_(original) {
  if (original.size() >= 0xFFFFFFFFu)
    throw Error(ErrorCode::invalid_argument, "input larger than 4 GiB", 0);
  if (auto bad = find_invalid_utf8(original); bad != std::string_view::npos) {
    throw Error(ErrorCode::invalid_utf8,
                "invalid UTF-8 at byte offset " + std::to_string(bad) +
                    " (taizhang reads UTF-8; convert GBK/GB18030 input first)",
                bad);
  }
  std::size_t i = 0;
  if (original.size() >= 3 && original.substr(0, 3) == "\xEF\xBB\xBF") i = 3;

  // One pass, writing into a buffer sized for the worst case: folding never
  // lengthens a character (CRLF 2→1, full-width 3→1, U+3000 3→1, U+00A0
  // 2→1, everything else is copied byte for byte), so the folded text is at
  // most as long as the original. The offset map is built afterwards
  // (build_offset_map).
  const auto* p = reinterpret_cast<const unsigned char*>(original.data());
  const std::size_t n = original.size();
  const std::size_t text_begin = i;
  folded_.resize(n - i);
  char* out = folded_.data();
  std::size_t o = 0;
  std::size_t trad = 0, simp = 0;
  const ScriptMarkers* markers = detect_traditional ? &script_markers() : nullptr;
  while (i < n) {
    const unsigned char c = p[i];
    if (c < 0x80) {
      if (c == '\r') {
        out[o++] = '\n';
        i += (i + 1 < n && p[i + 1] == '\n') ? 2 : 1;
        continue;
      }
      out[o++] = static_cast<char>(c);
      ++i;
      continue;
    }
    if (c < 0xE0) {  // two bytes (validated above)
      if (c == 0xC2 && p[i + 1] == 0xA0) {  // U+00A0
        out[o++] = ' ';
      } else {
        out[o] = static_cast<char>(c);
        out[o + 1] = static_cast<char>(p[i + 1]);
        o += 2;
      }
      i += 2;
      continue;
    }
    if (c < 0xF0) {  // three bytes: the Han characters and the full-width forms
      const char32_t cp = ((c & 0x0Fu) << 12) | ((p[i + 1] & 0x3Fu) << 6) | (p[i + 2] & 0x3Fu);
      if (cp >= 0xFF01 && cp <= 0xFF5E) {
        out[o++] = static_cast<char>(cp - 0xFEE0);
      } else if (cp == 0x3000) {
        out[o++] = ' ';
      } else {
        if (markers && cp >= kHanFirst && cp < kHanEnd) {
          trad += markers->traditional[cp - kHanFirst];
          simp += markers->simplified[cp - kHanFirst];
        }
        out[o] = static_cast<char>(c);
        out[o + 1] = static_cast<char>(p[i + 1]);
        out[o + 2] = static_cast<char>(p[i + 2]);
        o += 3;
      }
      i += 3;
      continue;
    }
    for (int k = 0; k < 4; ++k) out[o + k] = static_cast<char>(p[i + k]);  // four bytes, copied
    o += 4;
    i += 4;
  }
  folded_.resize(o);

  traditional_ = detect_traditional && trad >= 3 && trad > 2 * simp;
  if (traditional_) {
    // Transliterate line by line; a line whose length in code points changes
    // (Trad→Simp is almost always one character for one) stays as written,
    // so that folded and original characters still pair one to one.
    auto tr = traditional_to_simplified();
    if (tr) {
      std::string out;
      out.reserve(folded_.size());
      std::size_t line_start = 0;
      while (line_start < folded_.size()) {
        std::size_t line_end = folded_.find('\n', line_start);
        if (line_end == std::string::npos) line_end = folded_.size();
        std::string_view line(folded_.data() + line_start, line_end - line_start);
        icu::UnicodeString u = icu::UnicodeString::fromUTF8(
            icu::StringPiece(line.data(), static_cast<int32_t>(line.size())));
        const int32_t cps = u.countChar32();
        tr->transliterate(u);
        std::string conv;
        u.toUTF8String(conv);
        out.append(u.countChar32() == cps ? std::string_view(conv) : line);
        if (line_end < folded_.size()) out.push_back('\n');
        line_start = line_end + 1;
      }
      folded_ = std::move(out);
    }
  }
  build_offset_map(text_begin);

  // Code point checkpoints over the original, for Span::start/end: the
  // count of character starts before byte k*kStride (the inner loop is a
  // plain byte count the compiler vectorises).
  // Lead bytes F0–F4 start the characters outside the BMP, which UTF-16
  // (Java, JavaScript) counts twice; they are counted in the same pass.
  cp_checkpoints_.reserve(n / kStride + 2);
  astral_checkpoints_.reserve(n / kStride + 2);
  std::uint32_t count = 0, astral = 0;
  for (std::size_t b = 0; b < n; b += kStride) {
    cp_checkpoints_.push_back(count);
    astral_checkpoints_.push_back(astral);
    const std::size_t e = std::min(n, b + kStride);
    std::uint32_t starts = 0, fours = 0;
    for (std::size_t k = b; k < e; ++k) {
      starts += (p[k] & 0xC0u) != 0x80u;
      fours += p[k] >= 0xF0u;
    }
    count += starts;
    astral += fours;
  }
  cp_checkpoints_.push_back(count);
  astral_checkpoints_.push_back(astral);
}

namespace {

// Byte length of the UTF-8 sequence a lead byte starts.
inline std::size_t sequence_length(unsigned char lead) noexcept {
  return lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
}

}  // namespace

// Folded and original characters pair one to one, in order, after the BOM:
// each fold (full-width, U+3000, U+00A0, CR, Traditional→Simplified on a line
// that keeps its length) turns one character into one, and CRLF, the only
// two-into-one, is one folded '\n' for two original bytes. So an offset is
// found by walking both texts from a checkpoint, and a checkpoint per
// kMapStride folded bytes is the whole map (8 bytes per 64, not 4 per byte).
std::size_t Text::original_length_at(std::size_t o) const noexcept {
  const auto c = static_cast<unsigned char>(original_[o]);
  if (c == '\r' && o + 1 < original_.size() && original_[o + 1] == '\n') return 2;
  return sequence_length(c);
}

void Text::build_offset_map(std::size_t original_begin) {
  const std::size_t n = folded_.size();
  map_checkpoints_.clear();
  map_checkpoints_.reserve(n / kMapStride + 1);
  std::size_t f = 0, o = original_begin;
  for (std::size_t next = 0; next < n; next += kMapStride) {
    // Advance to the last character start at or before `next`.
    while (true) {
      const std::size_t len = sequence_length(static_cast<unsigned char>(folded_[f]));
      if (f + len > next) break;
      f += len;
      o += original_length_at(o);
    }
    map_checkpoints_.push_back({static_cast<std::uint32_t>(f), static_cast<std::uint32_t>(o)});
  }
}

std::size_t Text::to_original(std::size_t f) const noexcept {
  if (f >= folded_.size()) return original_.size();
  const MapCheckpoint& c = map_checkpoints_[f / kMapStride];
  std::size_t fb = c.folded, o = c.original;
  while (true) {
    const std::size_t len = sequence_length(static_cast<unsigned char>(folded_[fb]));
    if (fb + len > f) return o;  // f is inside (or at the start of) this character
    fb += len;
    o += original_length_at(o);
  }
}

std::size_t Text::code_point(std::size_t original_byte) const noexcept {
  const std::size_t k = original_byte / kStride;
  std::size_t count = cp_checkpoints_[k];
  for (std::size_t b = k * kStride; b < original_byte; ++b)
    count += (static_cast<unsigned char>(original_[b]) & 0xC0) != 0x80;
  return count;
}

std::pair<std::size_t, std::size_t> Text::code_point_and_utf16(std::size_t original_byte) const noexcept {
  const std::size_t k = original_byte / kStride;
  std::size_t count = cp_checkpoints_[k], astral = astral_checkpoints_[k];
  for (std::size_t b = k * kStride; b < original_byte; ++b) {
    const auto c = static_cast<unsigned char>(original_[b]);
    count += (c & 0xC0) != 0x80;
    astral += c >= 0xF0;
  }
  return {count, count + astral};
}

Span Text::span(std::size_t fb, std::size_t fe) const noexcept {
  Span s;
  s.byte_start = to_original(fb);
  s.byte_end = fe > fb ? to_original(fe) : s.byte_start;
  std::tie(s.start, s.utf16_start) = code_point_and_utf16(s.byte_start);
  std::tie(s.end, s.utf16_end) = code_point_and_utf16(s.byte_end);
  return s;
}

std::string_view Text::original_slice(std::size_t fb, std::size_t fe) const noexcept {
  const std::size_t a = to_original(fb);
  const std::size_t b = fe > fb ? to_original(fe) : a;
  return original_.substr(a, b - a);
}

// The wide spaces trim() removes besides ASCII white space.
constexpr std::string_view kIdeographicSpace = "\u3000";
constexpr std::string_view kNoBreakSpace = "\u00A0";

std::string_view trim(std::string_view s) noexcept {
  auto is_space_at_front = [](std::string_view v) -> std::size_t {
    if (v.empty()) return 0;
    unsigned char c = static_cast<unsigned char>(v[0]);
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') return 1;
    for (std::string_view space : {kIdeographicSpace, kNoBreakSpace})
      if (v.starts_with(space)) return space.size();
    return 0;
  };
  while (std::size_t k = is_space_at_front(s)) s.remove_prefix(k);
  while (!s.empty()) {
    unsigned char c = static_cast<unsigned char>(s.back());
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
      s.remove_suffix(1);
    } else if (!cut_suffix_word(s, kIdeographicSpace) && !cut_suffix_word(s, kNoBreakSpace)) {
      break;
    }
  }
  return s;
}

std::string join_title(std::string_view s) {
  // Drop whitespace (and ideographic spaces) unless it separates two ASCII
  // alphanumerics: "通 知" → "通知", "5G 基站" → "5G基站", "Smart City" stays.
  std::string out;
  out.reserve(s.size());
  std::size_t i = 0;
  char32_t prev = 0;
  bool pending_space = false;
  while (i < s.size()) {
    char32_t c = next_cp(s, i);
    const bool space = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x3000 ||
                       c == 0xA0;
    if (space) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) {
      auto alnum = [](char32_t x) {
        return (x >= '0' && x <= '9') || (x >= 'a' && x <= 'z') || (x >= 'A' && x <= 'Z');
      };
      if (alnum(prev) && alnum(c)) out.push_back(' ');
      pending_space = false;
    }
    append_utf8(out, c);
    prev = c;
  }
  return out;
}

}  // namespace taizhang::detail
