#include "text/text.hpp"
#include "text/words.hpp"

#include <taizhang/parser.hpp>

#include <unicode/translit.h>
#include <unicode/unistr.h>
#include <unicode/utypes.h>

#include <algorithm>
#include <bit>
#include <bitset>
#include <cstring>
#include <memory>
#include <mutex>
#include <string>

namespace taizhang::detail {

namespace {

inline bool continuation(unsigned char b) noexcept { return (b & 0xC0) == 0x80; }

// The general check of one sequence at p[i]: its length, or 0 when it is
// invalid (a bad lead, a missing or wrong continuation, an overlong form,
// a surrogate, beyond U+10FFFF).
std::size_t sequence_at(const unsigned char* p, std::size_t i, std::size_t n) noexcept {
  const unsigned char c = p[i];
  std::size_t len;
  char32_t min;
  if (c >= 0xC2 && c <= 0xDF) { len = 2; min = 0x80; }
  else if (c >= 0xE0 && c <= 0xEF) { len = 3; min = 0x800; }
  else if (c >= 0xF0 && c <= 0xF4) { len = 4; min = 0x10000; }
  else return 0;
  if (i + len > n) return 0;
  char32_t cp = c & (len == 2 ? 0x1F : len == 3 ? 0x0F : 0x07);
  for (std::size_t k = 1; k < len; ++k) {
    if (!continuation(p[i + k])) return 0;
    cp = (cp << 6) | (p[i + k] & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return len;
}

}  // namespace

// Two fast paths before the general check: 8 ASCII bytes at once, and the
// three-byte sequences (all of the Han text) whose lead byte rules out
// overlong forms and surrogates (E1–EC, EE, EF), so that only their two
// continuation bytes need a look.
std::size_t find_invalid_utf8(std::string_view s) noexcept {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t n = s.size();
  std::size_t i = 0;
  while (i < n) {
    const unsigned char c = p[i];
    if (c < 0x80) {
      ++i;
      while (n - i >= 8) {
        std::uint64_t w;
        std::memcpy(&w, p + i, 8);
        if (w & 0x8080808080808080u) break;
        i += 8;
      }
      continue;
    }
    if (c >= 0xE1 && c != 0xED && c <= 0xEF && n - i >= 3 && continuation(p[i + 1]) && continuation(p[i + 2])) {
      i += 3;
      // The Han characters after it, one load each: a lead E1–EF but ED
      // and two continuation bytes (E0 and ED, whose second byte has a
      // narrower range, and everything else take the checks above).
      while (n - i >= 4) {
        std::uint32_t w;
        std::memcpy(&w, p + i, 4);
        if constexpr (std::endian::native == std::endian::big) w = __builtin_bswap32(w);
        // Bits 0 and 13 of 0x2001: the low nibbles of E0 and ED.
        if ((w & 0x00C0C0F0u) != 0x008080E0u || ((0x2001u >> (w & 0x0Fu)) & 1u) != 0) break;
        i += 3;
      }
      continue;
    }
    const std::size_t len = sequence_at(p, i, n);
    if (len == 0) return i;
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

// Characters that only Traditional text uses (their Simplified forms differ),
// chosen from the words plan documents are made of: 單位 責任 關於 發展 …
std::u32string_view traditional_only_characters() noexcept {
  return
    U"單責關於發區縣會門務為與條個實際開點項擴進動時長經濟設計劃環導規劃"
    U"報國產業體系農機醫療衛財稅銀處級這過還應當將對從後幾們來員書記聯";
}
// Their Simplified counterparts, to weigh mixed text.
std::u32string_view simplified_only_characters() noexcept {
  return
    U"单责关于发区县会门务为与条个实际开点项扩进动时长经济设计划环导规划"
    U"报国产业体系农机医疗卫财税银处级这过还应当将对从后几们来员书记联";
}

namespace {

// Characters written the same in both scripts (际, 系, 业…) sit in both lists
// only to keep them aligned; they count for neither side. The fold looks
// every Han character up, so the lists become two bit sets over the CJK
// Unified Ideographs block (where every listed character is) once per process.
constexpr char32_t kHanFirst = 0x4E00, kHanEnd = 0xA000;
// The characters with the lead bytes E4–E9 (U+4000–U+9FFF): most of a
// plan's text, and every listed character.
constexpr char32_t kLeadFirst = 0x4000;
struct ScriptMarkers {
  std::bitset<kHanEnd - kHanFirst> traditional, simplified;
  // The same per character U+4000–U+9FFF in one byte: kTraditionalMark,
  // kSimplifiedMark or 0 (never both).
  std::vector<unsigned char> script;
  // The second and third bytes of the Traditional characters (the bytes
  // that tell a Han character from its neighbours), as 16-bit keys
  // (byte 2 | byte 3 << 8): the fold tests each Han character's key, and
  // only the few that share one with a Traditional character are read whole.
  std::uint64_t traditional_keys[1024] = {};
};
constexpr unsigned char kTraditionalMark = 1, kSimplifiedMark = 2;
inline std::uint32_t second_and_third(const unsigned char* c) noexcept { return c[1] | (std::uint32_t{c[2]} << 8); }
const ScriptMarkers& script_markers() {
  static const ScriptMarkers markers = [] {
    ScriptMarkers m;
    auto both = [](char32_t c) {
      return traditional_only_characters().find(c) != std::u32string_view::npos &&
             simplified_only_characters().find(c) != std::u32string_view::npos;
    };
    for (char32_t c : traditional_only_characters())
      if (c >= kHanFirst && c < kHanEnd && !both(c)) m.traditional.set(c - kHanFirst);
    for (char32_t c : simplified_only_characters())
      if (c >= kHanFirst && c < kHanEnd && !both(c)) m.simplified.set(c - kHanFirst);
    m.script.assign(kHanEnd - kLeadFirst, 0);
    for (std::size_t k = 0; k < kHanEnd - kHanFirst; ++k) {
      m.script[k + (kHanFirst - kLeadFirst)] =
          m.traditional[k] ? kTraditionalMark : m.simplified[k] ? kSimplifiedMark : 0;
      if (!m.traditional[k]) continue;
      std::string utf8;
      append_utf8(utf8, static_cast<char32_t>(kHanFirst + k));
      const std::uint32_t key = second_and_third(reinterpret_cast<const unsigned char*>(utf8.data()));
      m.traditional_keys[key >> 6] |= std::uint64_t{1} << (key & 63);
    }
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

Text::Text(std::shared_ptr<const std::string> original, bool detect_traditional)
    : Text(std::string_view(*original), detect_traditional) {
  shared_ = std::move(original);
}

Excerpt Text::excerpt(const Span& s) const {
  const std::size_t n = s.byte_end > s.byte_start ? s.byte_end - s.byte_start : 0;
  if (!shared_) shared_ = std::make_shared<const std::string>(original_);
  return Excerpt(shared_, s.byte_start, n);
}

Text::Text(std::string_view original, bool detect_traditional) : original_(original) {
  if (original.size() >= 0xFFFFFFFFu)
    throw Error(ErrorCode::invalid_argument, "input larger than 4 GiB", 0);
  // The fold validates the UTF-8 as it reads it (it throws at the first
  // bad sequence, as find_invalid_utf8 would find it: a BOM is valid).
  const std::size_t text_begin =
      original.size() >= 3 && original.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
  traditional_ = fold(text_begin, detect_traditional);
  // Transliteration may change the byte length of characters: the offset
  // map that fold built is built again over the new folded text.
  if (traditional_ && transliterate()) build_offset_map(text_begin);
  build_code_point_checkpoints();
}

namespace {

[[noreturn]] void throw_invalid_utf8(std::size_t bad) {
  throw Error(ErrorCode::invalid_utf8,
              "invalid UTF-8 at byte offset " + std::to_string(bad) +
                  " (taizhang reads UTF-8; convert GBK/GB18030 input first)",
              bad);
}

// The script mark of a valid three-byte character with a lead E4–E9.
inline unsigned char script_mark(const ScriptMarkers& m, const unsigned char* c) noexcept {
  const char32_t cp = ((c[0] & 0x0Fu) << 12) | ((c[1] & 0x3Fu) << 6) | (c[2] & 0x3Fu);
  return m.script[cp - kLeadFirst];
}

// The Simplified characters of a folded text (the fold copies every Han
// character as it stands).
std::size_t count_simplified(const ScriptMarkers& m, std::string_view folded) noexcept {
  const auto* p = reinterpret_cast<const unsigned char*>(folded.data());
  std::size_t simplified = 0;
  for (std::size_t i = 0; i < folded.size(); i += kUtf8Lengths.of[p[i]])
    if (p[i] >= 0xE4 && p[i] <= 0xE9) simplified += script_mark(m, p + i) == kSimplifiedMark;
  return simplified;
}

// Validates and folds the one character at p[i] (the general path, for
// what copy_plain_run leaves): writes it at out[o], moves i and o past it,
// counts it when it is Traditional. Throws at an invalid sequence.
inline void fold_character(const unsigned char* p, std::size_t n, std::size_t& i, char* out, std::size_t& o,
                           const ScriptMarkers* markers, std::size_t& traditional) {
  const unsigned char c = p[i];
  if (c < 0x80) {
    if (c == '\r') {
      out[o++] = '\n';
      i += (i + 1 < n && p[i + 1] == '\n') ? 2 : 1;
    } else {
      out[o++] = static_cast<char>(c);
      ++i;
    }
    return;
  }
  // A lead E1–EF but ED with two continuation bytes is valid as it stands
  // (the full-width forms, U+3000, a Han character at the very end); the
  // rest has every check.
  const bool plain_three = c >= 0xE1 && c <= 0xEF && c != 0xED && n - i >= 3 && continuation(p[i + 1]) &&
                           continuation(p[i + 2]);
  const std::size_t len = plain_three ? 3 : sequence_at(p, i, n);
  if (len == 0) throw_invalid_utf8(i);
  if (len == 2 && c == 0xC2 && p[i + 1] == 0xA0) {  // U+00A0
    out[o++] = ' ';
  } else if (len == 3) {  // the full-width forms, U+3000, the Han characters
    const char32_t cp = ((c & 0x0Fu) << 12) | ((p[i + 1] & 0x3Fu) << 6) | (p[i + 2] & 0x3Fu);
    if (cp >= 0xFF01 && cp <= 0xFF5E) {
      out[o++] = static_cast<char>(cp - 0xFEE0);
    } else if (cp == 0x3000) {
      out[o++] = ' ';
    } else {
      if (markers && cp >= kLeadFirst && cp < kHanEnd) traditional += markers->script[cp - kLeadFirst] == kTraditionalMark;
      std::memcpy(out + o, p + i, 3);
      o += 3;
    }
  } else {
    std::memcpy(out + o, p + i, len);  // two or four bytes, copied
    o += len;
  }
  i += len;
}

// The low nibbles of the lead bytes whose three-byte characters are valid
// with any two continuation bytes and never folded (E1–EC and EE; E0 and
// ED need more checks, EF holds the full-width forms), and of E4–E9.
constexpr std::uint32_t kCopiedLeads = 0x5FFEu, kHanLeads = 0x03F0u;

// Two lead nibbles (the first in the low half) that are both E4–E9's.
struct HanPairs {
  bool both[256];
  constexpr HanPairs() : both{} {
    for (int k = 0; k < 256; ++k) both[k] = ((kHanLeads >> (k & 15)) & 1u) && ((kHanLeads >> (k >> 4)) & 1u);
  }
};
constexpr HanPairs kHanPairs;

inline bool has_key(const std::uint64_t* keys, std::uint32_t key) noexcept { return (keys[key >> 6] >> (key & 63)) & 1u; }

// Copies the characters from p[i] that no fold changes to out[i - shift],
// while they end before `stop` (and four bytes can be read): pairs of Han
// characters (one 8-byte load and store), then any three-byte character
// with a copied lead but U+3000, and ASCII but CR. Counts the Traditional
// characters (those whose key is in `keys`, read whole). Returns where it
// stopped: the character there is for fold_character.
inline std::size_t copy_plain_run(const unsigned char* p, std::size_t i, std::size_t stop, char* out, std::size_t shift,
                                  const ScriptMarkers* markers, const std::uint64_t* keys,
                                  std::size_t& traditional) noexcept {
  while (i + 4 <= stop) {
    // (Two characters end 6 bytes on: the 8-byte load and store stay
    // before `stop`, and o = i - shift stays 8 bytes behind the input's end.)
    while (i + 8 <= stop) {
      std::uint64_t w;
      std::memcpy(&w, p + i, 8);
      if constexpr (std::endian::native == std::endian::big) w = __builtin_bswap64(w);
      if ((w & 0x0000C0C0F0C0C0F0u) != 0x00008080E08080E0u || !kHanPairs.both[(w & 0x0Fu) | ((w >> 20) & 0xF0u)])
        break;
      std::memcpy(out + (i - shift), p + i, 8);
      if (has_key(keys, (w >> 8) & 0xFFFFu)) traditional += script_mark(*markers, p + i) == kTraditionalMark;
      if (has_key(keys, (w >> 32) & 0xFFFFu)) traditional += script_mark(*markers, p + i + 3) == kTraditionalMark;
      i += 6;
    }
    if (i + 4 > stop) break;
    std::uint32_t w;
    std::memcpy(&w, p + i, 4);
    if constexpr (std::endian::native == std::endian::big) w = __builtin_bswap32(w);
    if ((w & 0x00C0C0F0u) == 0x008080E0u) {  // a lead E0–EF and two continuation bytes
      // Copied as it stands: the leads of kCopiedLeads but U+3000.
      if (((kCopiedLeads >> (w & 0x0Fu)) & 1u) == 0 || (w & 0x00FFFFFFu) == 0x008080E3u) break;
      std::memcpy(out + (i - shift), p + i, 4);
      if (has_key(keys, (w >> 8) & 0xFFFFu) && ((kHanLeads >> (w & 0x0Fu)) & 1u))
        traditional += script_mark(*markers, p + i) == kTraditionalMark;
      i += 3;
    } else if ((w & 0x80u) == 0 && (w & 0xFFu) != '\r') {  // ASCII but CR
      out[i - shift] = static_cast<char>(w);
      ++i;
    } else {
      break;
    }
  }
  return i;
}

}  // namespace

// One pass that validates and folds, writing into a buffer sized for the
// worst case: folding never lengthens a character (CRLF 2→1, full-width
// 3→1, U+3000 3→1, U+00A0 2→1, everything else is copied byte for byte),
// so the folded text is at most as long as the original. The offset map
// (see build_offset_map) is built in the same pass: the checkpoint for
// folded byte k*kMapStride is the character that covers it. Returns whether
// the text reads as Traditional.
//
// Most of a plan is Han characters, punctuation (。、《》) and ASCII, which no
// fold changes: they are read in a loop of their own, one 4-byte load per
// character that checks it (for three bytes: a lead that rules out overlong
// forms and surrogates, two continuation bytes) and copies it (the bytes
// after it are written over by the next character), up to the character
// that covers the next checkpoint; the rest takes fold_character. The script needs at least three Traditional characters:
// they are counted in the loop (a bit test per character), the Simplified
// ones in a second pass only when there are three.
bool Text::fold(std::size_t i, bool detect_traditional) {
  const auto* p = reinterpret_cast<const unsigned char*>(original_.data());
  const std::size_t n = original_.size();
  folded_.resize(n - i);
  map_checkpoints_.clear();
  map_checkpoints_.reserve((n - i) / kMapStride + 1);
  char* out = folded_.data();
  std::size_t o = 0, next_checkpoint = 0, traditional = 0;
  const ScriptMarkers* markers = detect_traditional ? &script_markers() : nullptr;
  static constexpr std::uint64_t kNoKeys[1024] = {};
  const std::uint64_t* keys = markers ? markers->traditional_keys : kNoKeys;
  while (i < n) {
    // In the run o = i - shift; a character ending at or before folded byte
    // next_checkpoint + 1 covers no checkpoint (o <= next_checkpoint here,
    // so the bound never falls below i).
    const std::size_t shift = i - o, stop = std::min(n, next_checkpoint + shift + 1);
    i = copy_plain_run(p, i, stop, out, shift, markers, keys, traditional);
    o = i - shift;
    if (i >= n) break;
    const std::size_t o0 = o, i0 = i;
    fold_character(p, n, i, out, o, markers, traditional);
    if (o > next_checkpoint) {  // this character covers folded byte next_checkpoint
      map_checkpoints_.push_back({static_cast<std::uint32_t>(o0), static_cast<std::uint32_t>(i0)});
      next_checkpoint += kMapStride;
    }
  }
  folded_.resize(o);
  // Folds shorten the text (a full-width ， is one byte folded, three in the
  // original): give back the room, which the parse would otherwise keep
  // to its end, when its peak memory is reached.
  if (folded_.capacity() - o > folded_.capacity() / 64) folded_.shrink_to_fit();
  return markers && traditional >= 3 && traditional > 2 * count_simplified(*markers, folded_);
}

// Transliterates Traditional to Simplified line by line; a line whose
// length in code points changes (Trad→Simp is almost always one character
// for one) stays as written, so that folded and original characters still
// pair one to one. Returns false when ICU has no transliterator (the text
// then stays as folded).
bool Text::transliterate() {
  auto tr = traditional_to_simplified();
  if (!tr) return false;
  std::string out;
  out.reserve(folded_.size());
  std::size_t line_start = 0;
  while (line_start < folded_.size()) {
    std::size_t line_end = folded_.find('\n', line_start);
    if (line_end == std::string::npos) line_end = folded_.size();
    std::string_view line(folded_.data() + line_start, line_end - line_start);
    icu::UnicodeString u =
        icu::UnicodeString::fromUTF8(icu::StringPiece(line.data(), static_cast<int32_t>(line.size())));
    const int32_t cps = u.countChar32();
    tr->transliterate(u);
    std::string conv;
    u.toUTF8String(conv);
    out.append(u.countChar32() == cps ? std::string_view(conv) : line);
    if (line_end < folded_.size()) out.push_back('\n');
    line_start = line_end + 1;
  }
  folded_ = std::move(out);
  return true;
}

namespace {

// Character starts (bytes not 10xxxxxx) and lead bytes F0–FF in one block of
// 256 bytes, 16 bytes at a time (a vector of the compiler's: SSE2 on any
// x86-64), counted in byte lanes (at most 16 per lane), summed at the end.
// A byte loop widened every byte to a 32-bit count.
using Bytes16 = unsigned char __attribute__((vector_size(16)));
struct BlockCounts {
  std::uint32_t starts = 0, fours = 0;
};
std::uint32_t sum_of_lanes(Bytes16 v) noexcept {
  std::uint64_t half[2];
  std::memcpy(half, &v, 16);
  std::uint32_t sum = 0;
  for (std::uint64_t h : half) {
    h = (h & 0x00FF00FF00FF00FFu) + ((h >> 8) & 0x00FF00FF00FF00FFu);  // four 16-bit lanes
    sum += static_cast<std::uint32_t>((h * 0x0001000100010001u) >> 48);
  }
  return sum;
}
BlockCounts count_block(const unsigned char* p) noexcept {
  static_assert(256 % sizeof(Bytes16) == 0);
  Bytes16 starts{}, fours{};
  for (std::size_t k = 0; k < 256; k += sizeof(Bytes16)) {
    Bytes16 v;
    std::memcpy(&v, p + k, sizeof v);
    starts -= (Bytes16)((v & 0xC0) != 0x80);  // -1 in each lane that holds
    fours -= (Bytes16)(v >= 0xF0);
  }
  return {sum_of_lanes(starts), sum_of_lanes(fours)};
}

}  // namespace

// Code point checkpoints over the original, for Span::start/end: the count
// of character starts before byte k*kStride (count_block on each full
// block). Lead bytes F0–F4 start the characters
// outside the BMP, which UTF-16 (Java, JavaScript) counts twice; they are
// counted in the same pass.
void Text::build_code_point_checkpoints() {
  const auto* p = reinterpret_cast<const unsigned char*>(original_.data());
  const std::size_t n = original_.size();
  cp_checkpoints_.reserve(n / kStride + 2);
  astral_checkpoints_.reserve(n / kStride + 2);
  std::uint32_t count = 0, astral = 0;
  for (std::size_t b = 0; b < n; b += kStride) {
    cp_checkpoints_.push_back(count);
    astral_checkpoints_.push_back(astral);
    const std::size_t e = std::min(n, b + kStride);
    static_assert(kStride == 256, "count_block counts a block of 256 bytes");
    if (e - b == kStride) {
      const BlockCounts c = count_block(p + b);
      count += c.starts;
      astral += c.fours;
      continue;
    }
    for (std::size_t k = b; k < e; ++k) {  // the last, short block
      count += (p[k] & 0xC0u) != 0x80u;
      astral += p[k] >= 0xF0u;
    }
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
// kMapStride folded bytes is the whole map (8 bytes per 128, not 4 per byte).
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

namespace {

// Bytes at the start of a and b that are equal (at most n), 8 at a time.
std::size_t common_prefix(const char* a, const char* b, std::size_t n) noexcept {
  std::size_t k = 0;
  for (; n - k >= 8; k += 8) {
    std::uint64_t x, y;
    std::memcpy(&x, a + k, 8);
    std::memcpy(&y, b + k, 8);
    if (const std::uint64_t d = x ^ y) {
      const int bit = std::endian::native == std::endian::little ? std::countr_zero(d) : std::countl_zero(d);
      return k + static_cast<std::size_t>(bit) / 8;
    }
  }
  while (k < n && a[k] == b[k]) ++k;
  return k;
}

// 0x01 in each byte of w that starts a character (is not 10xxxxxx), and in
// each lead byte F0–FF (a character UTF-16 counts twice). Summed per byte
// lane, then across the lanes (sum_lanes): no popcount instruction needed,
// which a build for any x86-64 lacks.
constexpr std::uint64_t kLaneOnes = 0x0101010101010101u;
inline std::uint64_t starts_in(std::uint64_t w) noexcept { return ((~w | (w << 1)) >> 7) & kLaneOnes; }
inline std::uint64_t fours_in(std::uint64_t w) noexcept {
  return ((w & (w << 1) & (w << 2) & (w << 3)) >> 7) & kLaneOnes;
}
inline std::size_t sum_lanes(std::uint64_t x) noexcept {
  constexpr std::uint64_t even = 0x00FF00FF00FF00FFu;
  return static_cast<std::size_t>((((x & even) + ((x >> 8) & even)) * 0x0001000100010001u) >> 48);
}

}  // namespace

// From the paired character starts (fb, o), the original offset of the
// character holding folded byte f (fb <= f). Where the two texts hold the
// same bytes (most of a plan: only the folds differ) they are skipped 8
// bytes at a time; at a difference one character is stepped in each, as
// the pairing says. A difference can fall inside a character (a Traditional
// character folded to a Simplified one of the same length): its start is
// then a few bytes back, where the texts still agreed.
std::size_t Text::walk(std::size_t fb, std::size_t o, std::size_t f) const noexcept {
  std::size_t fs = f;  // the start of the folded character holding f
  while (fs > fb && (static_cast<unsigned char>(folded_[fs]) & 0xC0) == 0x80) --fs;
  while (fb < fs) {
    const std::size_t same =
        common_prefix(folded_.data() + fb, original_.data() + o, std::min(fs - fb, original_.size() - o));
    fb += same;
    o += same;
    if (fb >= fs) break;
    while ((static_cast<unsigned char>(folded_[fb]) & 0xC0) == 0x80) {
      --fb;
      --o;
    }
    fb += sequence_length(static_cast<unsigned char>(folded_[fb]));
    o += original_length_at(o);
  }
  return o;
}

std::size_t Text::to_original(std::size_t f) const noexcept {
  if (f >= folded_.size()) return original_.size();
  const MapCheckpoint& c = map_checkpoints_[f / kMapStride];
  return walk(c.folded, c.original, f);
}

std::size_t Text::code_point(std::size_t original_byte) const noexcept {
  return code_point_and_utf16(original_byte).first;
}

// Counted from the nearer checkpoint, below or above (checkpoint k + 1 is
// the count before byte min((k + 1) * kStride, size): the last one is the
// whole text's), 8 bytes at a time: at most kStride / 2 bytes.
std::pair<std::size_t, std::size_t> Text::code_point_and_utf16(std::size_t original_byte) const noexcept {
  const std::size_t k = original_byte / kStride;
  const std::size_t below = k * kStride;
  const std::size_t above = std::min(below + kStride, original_.size());
  if (k + 1 < cp_checkpoints_.size() && above - original_byte < original_byte - below) {
    const Counts c = count_between(original_byte, above);
    const std::size_t count = cp_checkpoints_[k + 1] - c.starts;
    return {count, count + astral_checkpoints_[k + 1] - c.fours};
  }
  const Counts c = count_between(below, original_byte);
  const std::size_t count = cp_checkpoints_[k] + c.starts;
  return {count, count + astral_checkpoints_[k] + c.fours};
}

// Character starts, and lead bytes of characters outside the BMP, in
// original bytes [from, to).
Text::Counts Text::count_between(std::size_t from, std::size_t to) const noexcept {
  const char* p = original_.data();
  Counts n;
  std::size_t b = from;
  while (to - b >= 8) {
    // At most 255 words per round, so that no byte lane overflows.
    const std::size_t words = std::min<std::size_t>((to - b) / 8, 255);
    std::uint64_t starts = 0, fours = 0;
    for (std::size_t k = 0; k < words; ++k, b += 8) {
      std::uint64_t w;
      std::memcpy(&w, p + b, 8);
      starts += starts_in(w);
      fours += fours_in(w);
    }
    n.starts += sum_lanes(starts);
    n.fours += sum_lanes(fours);
  }
  if (b < to && original_.size() - b >= 8 && std::endian::native == std::endian::little) {
    // The last few bytes: one word read, the bytes past `to` masked off.
    std::uint64_t w;
    std::memcpy(&w, p + b, 8);
    const std::uint64_t keep = kLaneOnes >> (8 * (8 - (to - b)));  // 0x01 in the lanes below `to`
    n.starts += sum_lanes(starts_in(w) & keep);
    n.fours += sum_lanes(fours_in(w) & keep);
    return n;
  }
  for (; b < to; ++b) {
    const auto c = static_cast<unsigned char>(p[b]);
    n.starts += (c & 0xC0) != 0x80;
    n.fours += c >= 0xF0;
  }
  return n;
}

// The end of a span is a few bytes after its start: it is found from the
// start when that is nearer than its own checkpoint (the walks are the
// costly part of a span).
Span Text::span(std::size_t fb, std::size_t fe) const noexcept {
  Span s;
  const std::size_t n = folded_.size();
  if (fb >= n) {
    s.byte_start = s.byte_end = original_.size();
  } else {
    const MapCheckpoint& c = map_checkpoints_[fb / kMapStride];
    s.byte_start = walk(c.folded, c.original, fb);
    if (fe <= fb) {
      s.byte_end = s.byte_start;
    } else if (fe >= n) {
      s.byte_end = original_.size();
    } else {
      const MapCheckpoint& d = map_checkpoints_[fe / kMapStride];
      // The character holding fb starts at or before fb; walking from it is
      // right as long as it starts after d (both are character starts).
      std::size_t cb = fb;
      while (cb > c.folded && (static_cast<unsigned char>(folded_[cb]) & 0xC0) == 0x80) --cb;
      s.byte_end = cb > d.folded ? walk(cb, s.byte_start, fe) : walk(d.folded, d.original, fe);
    }
  }
  std::tie(s.start, s.utf16_start) = code_point_and_utf16(s.byte_start);
  if (s.byte_end - s.byte_start > kStride / 2) {
    std::tie(s.end, s.utf16_end) = code_point_and_utf16(s.byte_end);
  } else {  // nearer than any checkpoint can be: count on from the start
    const Counts c = count_between(s.byte_start, s.byte_end);
    s.end = s.start + c.starts;
    s.utf16_end = s.utf16_start + c.starts + c.fours;
  }
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

namespace {

// Bytes of the whitespace character at s[i] that join_title drops (ASCII
// space, tab, line ends, U+3000, U+00A0), or 0.
inline std::size_t title_space_at(std::string_view s, std::size_t i) noexcept {
  const auto b = static_cast<unsigned char>(s[i]);
  if (b == ' ' || b == '\t' || b == '\n' || b == '\r') return 1;
  if (b == 0xE3 && s.size() - i >= 3 && s[i + 1] == '\x80' && s[i + 2] == '\x80') return 3;
  if (b == 0xC2 && s.size() - i >= 2 && s[i + 1] == '\xA0') return 2;
  return 0;
}

// Whether any byte of w is below n (n <= 0x80), or equals b (the classic
// bit tricks: a byte that borrows shows in its top bit).
constexpr std::uint64_t kOnes = 0x0101010101010101u, kHighs = 0x8080808080808080u;
inline bool has_byte_below(std::uint64_t w, unsigned n) noexcept { return ((w - kOnes * n) & ~w & kHighs) != 0; }
inline bool has_byte(std::uint64_t w, unsigned b) noexcept { return has_byte_below(w ^ (kOnes * b), 1); }

inline bool ascii_alnum(unsigned char x) noexcept {
  return (x >= '0' && x <= '9') || (x >= 'a' && x <= 'z') || (x >= 'A' && x <= 'Z');
}

}  // namespace

// Drop whitespace (and ideographic spaces) unless it separates two ASCII
// alphanumerics: "通 知" → "通知", "5G 基站" → "5G基站", "Smart City" stays.
// Runs of other bytes are copied whole: a character before a space is an
// ASCII alphanumeric exactly when the last byte copied is one (the last byte
// of a longer character is above 0x7F).
std::string join_title_prefix(std::string_view s, std::size_t limit) {
  std::string out;
  out.reserve(std::min(s.size(), limit));
  bool pending_space = false;
  std::size_t i = 0;
  while (i < s.size() && out.size() < limit) {
    if (const std::size_t space = title_space_at(s, i)) {
      pending_space = !out.empty();
      i += space;
      continue;
    }
    if (pending_space) {
      if (ascii_alnum(static_cast<unsigned char>(out.back())) && ascii_alnum(static_cast<unsigned char>(s[i])))
        out.push_back(' ');
      pending_space = false;
    }
    // A caller that asks for the opening only is not made to read the line.
    const std::size_t wanted = limit - std::min(limit, out.size());
    const std::size_t stop = wanted < s.size() - i ? i + wanted : s.size();
    std::size_t j = i + 1;
    while (j < stop && !title_space_at(s, j)) {
      ++j;
      // 8 bytes at once while none of them can begin a space: none is at
      // most ' ' (the ASCII spaces) or E3 (U+3000) or C2 (U+00A0).
      while (stop - j >= 8) {
        std::uint64_t w;
        std::memcpy(&w, s.data() + j, 8);
        if (has_byte_below(w, 0x21) || has_byte(w, 0xE3) || has_byte(w, 0xC2)) break;
        j += 8;
      }
    }
    out.append(s, i, j - i);
    i = j;
  }
  if (out.size() > limit) out.resize(limit);
  return out;
}

std::string join_title(std::string_view s) { return join_title_prefix(s, std::string::npos); }

}  // namespace taizhang::detail
