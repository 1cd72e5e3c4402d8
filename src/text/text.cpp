#include "text/text.hpp"

#include <taizhang/parser.hpp>

#include <unicode/translit.h>
#include <unicode/unistr.h>
#include <unicode/utypes.h>

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
// only to keep them aligned; they count for neither side.
bool in_both(char32_t c) noexcept {
  return kTraditionalOnly.find(c) != std::u32string_view::npos &&
         kSimplifiedOnly.find(c) != std::u32string_view::npos;
}
bool is_traditional_marker(char32_t c) noexcept {
  return kTraditionalOnly.find(c) != std::u32string_view::npos && !in_both(c);
}
bool is_simplified_marker(char32_t c) noexcept {
  return kSimplifiedOnly.find(c) != std::u32string_view::npos && !in_both(c);
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

  folded_.reserve(original.size());
  to_original_.reserve(original.size() + 1);
  std::size_t trad = 0, simp = 0;
  while (i < original.size()) {
    const std::size_t at = i;
    char32_t c = next_cp(original, i);
    if (c == '\r') {
      if (i < original.size() && original[i] == '\n') ++i;
      c = '\n';
    } else if (c >= 0xFF01 && c <= 0xFF5E) {
      c -= 0xFEE0;
    } else if (c == 0x3000 || c == 0x00A0) {
      c = ' ';
    } else if (c >= 0x4E00 && detect_traditional) {
      trad += is_traditional_marker(c);
      simp += is_simplified_marker(c);
    }
    const std::size_t before = folded_.size();
    append_utf8(folded_, c);
    to_original_.insert(to_original_.end(), folded_.size() - before,
                        static_cast<std::uint32_t>(at));
  }
  to_original_.push_back(static_cast<std::uint32_t>(original.size()));

  traditional_ = detect_traditional && trad >= 3 && trad > 2 * simp;
  if (traditional_) {
    // Transliterate line by line; keep the per-code-point map where the
    // line keeps its length in code points (Trad→Simp is almost always one
    // character for one), else leave that line as written.
    auto tr = traditional_to_simplified();
    if (tr) {
      std::string out;
      std::vector<std::uint32_t> map;
      out.reserve(folded_.size());
      map.reserve(folded_.size() + 1);
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
        if (u.countChar32() == cps) {
          std::size_t a = 0, b = 0;
          while (a < line.size()) {
            const std::uint32_t orig = to_original_[line_start + a];
            next_cp(line, a);
            const std::size_t b0 = b;
            next_cp(conv, b);
            out.append(conv, b0, b - b0);
            map.insert(map.end(), b - b0, orig);
          }
        } else {
          out.append(line);
          map.insert(map.end(), to_original_.begin() + static_cast<std::ptrdiff_t>(line_start),
                     to_original_.begin() + static_cast<std::ptrdiff_t>(line_end));
        }
        if (line_end < folded_.size()) {
          out.push_back('\n');
          map.push_back(to_original_[line_end]);
        }
        line_start = line_end + 1;
      }
      map.push_back(static_cast<std::uint32_t>(original.size()));
      folded_ = std::move(out);
      to_original_ = std::move(map);
    }
  }

  // Code point checkpoints over the original, for Span::start/end.
  cp_checkpoints_.reserve(original.size() / kStride + 2);
  std::uint32_t count = 0;
  for (std::size_t b = 0; b < original.size(); ++b) {
    if (b % kStride == 0) cp_checkpoints_.push_back(count);
    count += (static_cast<unsigned char>(original[b]) & 0xC0) != 0x80;
  }
  cp_checkpoints_.push_back(count);
}

std::size_t Text::code_point(std::size_t original_byte) const noexcept {
  const std::size_t k = original_byte / kStride;
  std::size_t count = cp_checkpoints_[k];
  for (std::size_t b = k * kStride; b < original_byte; ++b)
    count += (static_cast<unsigned char>(original_[b]) & 0xC0) != 0x80;
  return count;
}

Span Text::span(std::size_t fb, std::size_t fe) const noexcept {
  Span s;
  s.byte_start = to_original_[fb];
  s.byte_end = fe > fb ? to_original_[fe] : s.byte_start;
  s.start = code_point(s.byte_start);
  s.end = code_point(s.byte_end);
  return s;
}

std::string_view Text::original_slice(std::size_t fb, std::size_t fe) const noexcept {
  const std::size_t a = to_original_[fb];
  const std::size_t b = fe > fb ? to_original_[fe] : a;
  return original_.substr(a, b - a);
}

std::string_view trim(std::string_view s) noexcept {
  auto is_space_at_front = [](std::string_view v) -> std::size_t {
    if (v.empty()) return 0;
    unsigned char c = static_cast<unsigned char>(v[0]);
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') return 1;
    if (v.size() >= 3 && v.substr(0, 3) == "\xE3\x80\x80") return 3;  // U+3000
    if (v.size() >= 2 && v.substr(0, 2) == "\xC2\xA0") return 2;      // U+00A0
    return 0;
  };
  while (std::size_t k = is_space_at_front(s)) s.remove_prefix(k);
  while (!s.empty()) {
    unsigned char c = static_cast<unsigned char>(s.back());
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
      s.remove_suffix(1);
    } else if (s.size() >= 3 && s.substr(s.size() - 3) == "\xE3\x80\x80") {
      s.remove_suffix(3);
    } else if (s.size() >= 2 && s.substr(s.size() - 2) == "\xC2\xA0") {
      s.remove_suffix(2);
    } else {
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
