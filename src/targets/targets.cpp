// Targets stage: every quantitative target (量化指标) of every measure.
//
// One left-to-right pass over a measure's prose finds numerals, reads the
// unit, range and comparators around each, drops numbers that are not
// targets (dates, ages, codes, ordinals, names in quotes, fixed phrases), and
// links a baseline to the level it changes to (由71.2%提升至85%). A second,
// short pass over the found targets handles lists (分别达到50%、85%以上) and
// finds subjects with ICU word segmentation in a window of a few dozen
// characters around each number — never over the whole text, since
// segmentation runs at only ~8 MB/s.
#include "targets/targets.hpp"

#include "targets/numeral_chars.hpp"
#include "targets/tables.hpp"
#include "text/punctuation.hpp"
#include "text/words.hpp"

#include <taizhang/numerals.hpp>

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/ustring.h>

#include <algorithm>
#include <array>
#include <bitset>
#include <cstdint>
#include <memory>
#include <span>
#include <optional>
#include <string>

namespace taizhang::detail {
namespace targets {
namespace {

constexpr std::size_t kCmpWindow = 60;      // bytes before a number searched for 不低于…
constexpr std::size_t kSubjectBefore = 72;  // bytes of text before a number for its subject
constexpr std::size_t kSubjectAfter = 48;   // bytes after the unit
constexpr std::size_t kMaxSubjectBytes = han_bytes(16);  // sixteen Chinese characters
constexpr std::size_t kMaxListParts = 16;   // subjects a shared value (均达到) is given to
constexpr std::size_t kNoteBytes = 48;      // a bracketed note skipped after a duration
constexpr std::size_t kConditionBytes = han_bytes(32);  // a second condition (且…的) at most
constexpr std::size_t kSizedBytes = han_bytes(8);       // 10亿元以上|工业企业达到|40家
constexpr std::size_t kDescribedBytes = han_bytes(32);  // 70项|创新性强、成熟度高、…的|
constexpr std::size_t kVerbBytes = han_bytes(2);   // a verb of two characters (至少|打造|1个)

// Decodes at s[i] (valid UTF-8: the folded text is validated). Returns the
// length, 0 at the end. Inlined: the scans call it at every character they
// stop at, and the call cost as much as the decode.
[[gnu::always_inline]] inline std::size_t cp_at(std::string_view s, std::size_t i, char32_t& cp) noexcept {
  if (i >= s.size()) return 0;
  // The scans stop here at every clause break and candidate character:
  // ASCII and the three-byte characters of Chinese text are decoded inline,
  // the rest by next_cp.
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  if (p[i] < 0x80) {
    cp = p[i];
    return 1;
  }
  if ((p[i] & 0xF0) == 0xE0 && i + 2 < s.size()) {  // as next_cp decodes it
    cp = ((p[i] & 0x0Fu) << 12) | ((p[i + 1] & 0x3Fu) << 6) | (p[i + 2] & 0x3Fu);
    return 3;
  }
  std::size_t j = i;
  cp = next_cp(s, j);
  return j - i;
}

char32_t cp_before(std::string_view s, std::size_t i, std::size_t floor) noexcept {
  if (i <= floor) return 0;
  return prev_cp(s, i);
}

bool is_ascii_alpha(char32_t c) noexcept { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }
bool is_space(char32_t c) noexcept { return c == ' ' || c == '\t' || c == U'\u3000' || c == U'\u00A0'; }

// Flags (力争, 累计) and comparators do not reach across a clause end
// (is_clause_end); a policy scope (可申请…, 给予…) not across a statement end
// (is_statement_end: a sentence, or a part of a ；-list).

// Ends an item inside a clause: a subject does not reach across it.
bool is_item_break(char32_t c) noexcept {
  switch (c) {
    case U'、': case '(': case ')': case U'（': case U'）': case U'【': case U'】':
    case '[': case ']':
      return true;
    default:
      return is_clause_end(c);
  }
}


constexpr std::string_view kOpenQuote = "“";
constexpr std::string_view kCloseQuote = "”";

bool opens_quote(char32_t c) noexcept {
  return c == U'“' || c == U'《' || c == U'「' || c == U'『' || c == U'〈';
}
bool closes_quote(char32_t c) noexcept {
  return c == U'”' || c == U'》' || c == U'」' || c == U'』' || c == U'〉';
}

bool is_range_sep(char32_t c) noexcept {
  return c == U'—' || c == U'–' || c == '-' || c == '~' || c == U'～' || c == U'－' ||
         c == U'―' || c == U'至' || c == U'到';
}

[[gnu::always_inline]] inline std::size_t skip_spaces(std::string_view s, std::size_t i, std::size_t end) noexcept {
  // Asked after nearly every number and clause break, and nearly always at
  // no space: a space begins with ' ', '\t', 0xC2 (U+00A0) or 0xE3
  // (U+3000), so any other first byte answers without a decode.
  if (i < end) {
    const auto b = static_cast<unsigned char>(s[i]);
    if (b != ' ' && b != '\t' && b != 0xC2 && b != 0xE3) return i;
  }
  char32_t c = 0;
  std::size_t len;
  while (i < end && (len = cp_at(s, i, c)) != 0 && is_space(c)) i += len;
  return i;
}

std::string_view trim_spaces_back(std::string_view s) noexcept {
  while (!s.empty()) {
    std::size_t i = s.size();
    const char32_t c = prev_cp(s, i);
    if (!is_space(c)) break;
    s = s.substr(0, i);
  }
  return s;
}

// A set of BMP characters that a scan stops at; it steps over every other
// character (most of the text) without further tests.
class StopChars {
 public:
  explicit StopChars(const std::array<std::uint64_t, 1024>& bits = {}) : bits_(bits) {}
  void add(char32_t c) noexcept { bits_[c >> 6] |= std::uint64_t{1} << (c & 63); }
  bool has(char32_t cp) const noexcept { return bits_[cp >> 6] >> (cp & 63) & 1; }  // cp <= 0xFFFF

  // The first position from `pos` of `s` holding a character of the set,
  // or, if none starts before `stop`, the end of the last character stepped
  // over (at or past `stop`). Characters of one or three bytes are decoded
  // here; one of any other length also ends the run, for the caller.
  std::size_t skip(std::string_view s, std::size_t pos, std::size_t stop) const noexcept {
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    // Chinese text is mostly three-byte characters: tested first, in a loop
    // whose bound keeps pos + 2 inside `s` without a test per character.
    // The lead and second bytes pick the 64-bit word of the set, the third
    // byte the bit: the decode and `has` below in fewer steps.
    const std::size_t fast = std::min(stop, s.size() > 2 ? s.size() - 2 : 0);
    while (pos < fast) {
      const unsigned char b = p[pos];
      if ((b & 0xF0) == 0xE0) {
        const std::uint64_t word = bits_[((b & 0x0Fu) << 6) | (p[pos + 1] & 0x3Fu)];
        if (word >> (p[pos + 2] & 0x3Fu) & 1) return pos;
        pos += 3;
      } else if (b < 0x80) {
        if (has(b)) return pos;
        ++pos;
      } else {
        return pos;
      }
    }
    while (pos < stop) {
      const unsigned char b = p[pos];
      if (b < 0x80) {
        if (has(b)) return pos;
        ++pos;
      } else if ((b & 0xF0) == 0xE0 && pos + 2 < s.size()) {
        const char32_t c = ((b & 0x0Fu) << 12) | ((p[pos + 1] & 0x3Fu) << 6) | (p[pos + 2] & 0x3Fu);
        if (has(c)) return pos;
        pos += 3;
      } else {
        return pos;
      }
    }
    return pos;
  }

 private:
  std::array<std::uint64_t, 1024> bits_;
};

// What Scanner::run acts on: clause and item breaks, quotes, numeral
// characters and 过 (过半).
const StopChars& scan_chars() {
  static const StopChars c = [] {
    StopChars s(numeral_chars_bmp());
    for (char32_t x : kSentenceEnds) s.add(x);
    for (char32_t x : kClausePauses) s.add(x);
    for (char32_t x : {U'、', U'(', U')', U'（', U'）', U'【', U'】', U'[', U']', U'“', U'《', U'「',
                       U'『', U'〈', U'”', U'》', U'」', U'』', U'〉', U'"', U'过'})
      s.add(x);
    return s;
  }();
  return c;
}

// What Scanner::find_frames acts on: clause breaks and the first characters
// of the frame words (target_negatives.tsv, target_cues.tsv). Most
// characters that begin a frame word begin none where they stand (不, 可,
// 按 …: one stop in six characters of plan prose), so a character that only
// begins words of two characters or more also needs its next character to
// form the first two of one of them (a 64 Ki-bit set of hashed pairs: a
// false hit only costs the lookup it used to cost). Clause breaks, first
// characters of one-character words and characters outside the common
// shapes always stop.
class FrameStops {
 public:
  FrameStops() {
    for (char32_t x : kSentenceEnds) always_.add(x), first_.add(x);
    for (char32_t x : kClausePauses) always_.add(x), first_.add(x);
    for (const auto& w : tables().frames) {
      std::size_t i = 0;
      const char32_t f = first_cp(w.word);
      if (f > 0xFFFF) continue;  // skip() stops at four-byte characters anyway
      first_.add(f);
      next_cp(w.word, i);
      if (i >= w.word.size()) always_.add(f);
      else pairs_[pair_slot(f, first_cp(w.word.substr(i)))] = true;
    }
    either_ = scan_chars();
    for (char32_t c = 0; c <= 0xFFFF; ++c)
      if (first_.has(c)) either_.add(c);
  }

  // The first position from `pos` where find_frames has something to do,
  // as StopChars::skip. On the way it appends to `scan_stops` every
  // position where scan_chars().skip would stop (the scan then reads them
  // instead of stepping over the prose a second time): the pass steps over
  // the characters of both sets at once, so each character is looked at
  // once for both passes.
  //
  // The stops go into a Record (offsets from the prose's start, into room
  // for a bounded number of them: see Scanner::find_frames).
  struct Record {
    std::uint32_t* next;  // where the next stop goes
    std::uint32_t* end;   // end of the room
    std::size_t base;     // the prose's start
    std::size_t unrecorded = std::string_view::npos;  // the first stop left out, once the room is full

    void add(std::size_t pos) noexcept {
      if (next != end) *next++ = static_cast<std::uint32_t>(pos - base);
      else if (unrecorded == std::string_view::npos) unrecorded = pos;
    }
  };
  std::size_t skip(std::string_view s, std::size_t pos, std::size_t stop, Record& record) const {
    const StopChars& scan = scan_chars();
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    for (;;) {
      pos = either_.skip(s, pos, stop);
      if (pos >= stop) return pos;
      char32_t c = 0;
      const std::size_t len = cp_at(s, pos, c);
      // StopChars::skip tests the set only for the characters cp_at decodes
      // inline (ASCII, three bytes with room); it stops at any other.
      const bool tested = p[pos] < 0x80 || ((p[pos] & 0xF0) == 0xE0 && pos + 2 < s.size());
      if (!tested || scan.has(c)) record.add(pos);
      if (!tested || first_.has(c)) {
        if (len == 0 || len == 2 || len == 4 || always_.has(c) || pos + len >= s.size()) return pos;
        char32_t next = 0;
        if (const std::size_t n = cp_at(s, pos + len, next); n == 0 || pairs_[pair_slot(c, next)]) return pos;
      }
      pos += len;
    }
  }

 private:
  static std::size_t pair_slot(char32_t a, char32_t b) noexcept {
    return ((a * 0x9E3779B1u) ^ (b * 0x85EBCA6Bu)) >> 16 & 0xFFFF;
  }
  StopChars first_, always_;
  StopChars either_;  // first_ and scan_chars() together
  std::bitset<65536> pairs_;
};

const FrameStops& frame_chars() {
  static const FrameStops c;
  return c;
}

// Calls f(p, ids) at every character start p of `text` whose character
// begins a word of `index` (ids: the candidates, in list order). `text` may
// begin inside a character: those bytes start nothing.
template <class F>
void for_each_word_start(std::string_view text, const WordIndex& index, F&& f) {
  for (std::size_t p = 0; p < text.size(); ++p) {
    const auto b = static_cast<unsigned char>(text[p]);
    if ((b & 0xC0) == 0x80) continue;
    const char32_t c = first_cp(text.substr(p));
    if (!index.maybe(c)) continue;
    const auto ids = index.at(c);
    if (!ids.empty()) f(p, ids);
  }
}

// ---------------------------------------------------------------- words ---

// ICU's dictionary-based word break iterator for Chinese: built once (the
// dictionary load costs milliseconds), cloned per call (cheap).
const icu::BreakIterator* word_master() {
  static const std::unique_ptr<icu::BreakIterator> master = [] {
    UErrorCode st = U_ZERO_ERROR;
    std::unique_ptr<icu::BreakIterator> b(
        icu::BreakIterator::createWordInstance(icu::Locale("zh"), st));
    if (U_FAILURE(st)) b.reset();
    return b;
  }();
  return master.get();
}

// Words of a short window: ICU's segmentation, with two corrections. ICU
// splits many verbs of plan prose (投用 → 投/用, 组建 → 组/建), so a word of our
// tables that starts and ends on ICU boundaries is kept whole; and a quoted
// name (“以克论净”) is one word.
//
// One per thread, reused for every window: the break iterator is cloned once
// and the buffers keep their capacity.
class Words {
 public:
  // Counts the bytes of every later split into `w` (nullptr: stop counting).
  void set_work(Work* w) noexcept { work_ = w; }

  // The words of `utf8`, as views into it; valid until the next call.
  const std::vector<std::string_view>& split(std::string_view utf8) {
    if (work_) work_->windows += utf8.size();
    std::vector<std::string_view>& out = words_;
    out.clear();
    if (utf8.empty()) return out;
    boundaries(utf8);
    const std::vector<std::size_t>& cuts = cuts_;
    auto is_cut = [&](std::size_t p) { return std::binary_search(cuts.begin(), cuts.end(), p); };
    const Tables& t = tables();
    const auto& lexicon = t.lexicon_words;
    std::size_t p = 0;
    while (p < utf8.size()) {
      const std::string_view rest = utf8.substr(p);
      if (rest.starts_with(kOpenQuote)) {
        const std::size_t close = rest.find(kCloseQuote);
        if (close != std::string_view::npos) {
          const std::size_t len = close + kCloseQuote.size();
          out.push_back(rest.substr(0, len));
          p += len;
          continue;
        }
      }
      std::size_t len = 0;
      for (const std::uint16_t i : t.lexicon_first.at(first_cp(rest))) {
        const std::string& w = lexicon[i];
        if (rest.starts_with(w) && is_cut(p + w.size())) { len = w.size(); break; }
      }
      if (len == 0) {
        const auto next = std::upper_bound(cuts.begin(), cuts.end(), p);
        len = (next == cuts.end() ? utf8.size() : *next) - p;
      }
      out.push_back(rest.substr(0, len));
      p += len;
    }
    return out;
  }

 private:
  // Byte offsets of ICU word boundaries in `utf8` (always including 0 and
  // the end).
  void boundaries(std::string_view utf8) {
    std::vector<std::size_t>& cuts = cuts_;
    cuts.assign(1, 0);
    if (!it_ && word_master()) it_.reset(word_master()->clone());
    icu::UnicodeString& u = text_;
    std::vector<std::size_t>& byte_at = byte_at_;  // UTF-16 index → UTF-8 byte offset
    if (!to_utf16(utf8)) to_utf16_lenient(utf8);
    if (!it_) {  // no ICU data: one word per character
      for (std::int32_t k = 1; k <= u.length(); ++k) cuts.push_back(byte_at[static_cast<std::size_t>(k)]);
    } else {
      it_->setText(u);
      it_->first();
      for (std::int32_t b = it_->next(); b != icu::BreakIterator::DONE; b = it_->next())
        cuts.push_back(byte_at[static_cast<std::size_t>(b)]);
    }
    cuts.push_back(utf8.size());
    std::sort(cuts.begin(), cuts.end());
    cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
  }

  // The window in text_ as UTF-16 and, in byte_at_, the UTF-8 offset of
  // every UTF-16 index that starts a character (the end of the window for
  // the others and for the end), in one walk: the windows are valid UTF-8
  // (views into the folded text and words cut from it), and this pass
  // replaces a conversion by ICU followed by a second walk over both
  // strings. Returns false, having done nothing that counts, on a sequence
  // that is not well-formed: to_utf16_lenient then substitutes as ICU does.
  bool to_utf16(std::string_view utf8) {
    const auto size = static_cast<std::int32_t>(utf8.size());
    // Grown, never shrunk nor filled: every index read is written below.
    if (byte_at_.size() < utf8.size() + 1) byte_at_.resize(utf8.size() + 1);
    UChar* buf = text_.getBuffer(size + 1);
    if (!buf) return false;
    const auto* p = reinterpret_cast<const unsigned char*>(utf8.data());
    const std::size_t n = utf8.size();
    std::int32_t k = 0;
    for (std::size_t b = 0; b < n;) {
      byte_at_[static_cast<std::size_t>(k)] = b;
      // A Han character (leads E1–EC, EE, EF need no check of the second
      // byte beyond its being a continuation byte): decoded here.
      if (const unsigned char lead = p[b]; lead >= 0xE1 && lead != 0xED && lead <= 0xEF && b + 2 < n &&
                                            (p[b + 1] & 0xC0) == 0x80 && (p[b + 2] & 0xC0) == 0x80) {
        buf[k++] = static_cast<UChar>(((lead & 0x0Fu) << 12) | ((p[b + 1] & 0x3Fu) << 6) | (p[b + 2] & 0x3Fu));
        b += 3;
        continue;
      }
      const std::size_t len = well_formed_length(p, b, n);
      if (len == 0) {
        text_.releaseBuffer(0);
        return false;
      }
      char32_t c = len == 1 ? p[b] : p[b] & (0x7Fu >> len);
      for (std::size_t j = 1; j < len; ++j) c = (c << 6) | (p[b + j] & 0x3Fu);
      if (c < 0x10000) {
        buf[k++] = static_cast<UChar>(c);
      } else {
        byte_at_[static_cast<std::size_t>(k) + 1] = n;  // inside the pair: no character starts there
        buf[k++] = U16_LEAD(c);
        buf[k++] = U16_TRAIL(c);
      }
      b += len;
    }
    text_.releaseBuffer(k);
    byte_at_[static_cast<std::size_t>(k)] = n;
    return true;
  }

  // The length of the well-formed UTF-8 sequence at p[b] (Unicode table
  // 3-7), or 0.
  static std::size_t well_formed_length(const unsigned char* p, std::size_t b, std::size_t n) noexcept {
    const unsigned char c = p[b];
    if (c < 0x80) return 1;
    const std::size_t len = c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
    if (len == 0 || b + len > n) return 0;
    for (std::size_t j = 1; j < len; ++j)
      if ((p[b + j] & 0xC0) != 0x80) return 0;
    const unsigned char d = p[b + 1];
    if ((c == 0xE0 && d < 0xA0) || (c == 0xED && d > 0x9F) || (c == 0xF0 && d < 0x90) || (c == 0xF4 && d > 0x8F))
      return 0;
    return len;
  }

  // As UnicodeString::fromUTF8 with U+FFFD for what is not well-formed, then
  // the offsets by walking both strings together.
  void to_utf16_lenient(std::string_view utf8) {
    icu::UnicodeString& u = text_;
    const auto size = static_cast<std::int32_t>(utf8.size());
    UChar* buf = u.getBuffer(size + 1);
    std::int32_t n = 0;
    UErrorCode st = U_ZERO_ERROR;
    if (buf) u_strFromUTF8WithSub(buf, size + 1, &n, utf8.data(), size, 0xFFFD, nullptr, &st);
    u.releaseBuffer(buf && U_SUCCESS(st) ? n : 0);
    std::vector<std::size_t>& byte_at = byte_at_;
    byte_at.assign(static_cast<std::size_t>(u.length()) + 1, utf8.size());
    std::size_t b = 0;
    std::int32_t k = 0;
    while (k < u.length() && b < utf8.size()) {
      byte_at[static_cast<std::size_t>(k)] = b;
      const UChar32 c = u.char32At(k);
      k += U16_LENGTH(c);
      b += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
    }
  }

  Work* work_ = nullptr;  // counts the bytes split, when a caller asks (find_targets)
  std::unique_ptr<icu::BreakIterator> it_;
  icu::UnicodeString text_;
  std::vector<std::size_t> cuts_, byte_at_;
  std::vector<std::string_view> words_;
};

// ------------------------------------------------------------- subjects ---

bool is_punct_word(std::string_view w) {
  if (w.empty()) return true;
  std::size_t i = 0;
  const char32_t c = next_cp(w, i);
  return u_ispunct(static_cast<UChar32>(c)) || is_space(c) || opens_quote(c) || closes_quote(c);
}

bool has_punct(std::string_view w) {
  for (std::size_t i = 0; i < w.size();) {
    const char32_t c = next_cp(w, i);
    if (u_ispunct(static_cast<UChar32>(c))) return true;
  }
  return false;
}

bool has_digit(std::string_view w) {
  for (std::size_t i = 0; i < w.size();) {
    const char32_t c = next_cp(w, i);
    if (is_numeral_char(c) && c >= '0' && c <= '9') return true;
  }
  return false;
}

bool all_numeral(std::string_view w) {
  if (w.empty()) return false;
  for (std::size_t i = 0; i < w.size();) {
    const char32_t c = next_cp(w, i);
    if (!is_numeral_char(c) && c != '.' && c != '%') return false;
  }
  return true;
}

// Drops trailing words that only link the subject to the number: 达到, 约,
// 力争, 累计, comparators, spaces.
std::string_view strip_trail(std::string_view s) {
  const Tables& t = tables();
  for (bool again = true; again && !s.empty();) {
    again = false;
    s = trim_spaces_back(s);
    if (s.empty()) break;
    const char32_t last = last_cp(s);
    for (const std::uint16_t i : t.trail_last.at(last)) {
      const std::string& w = t.subject_trail[i];
      if (s.ends_with(w)) { s.remove_suffix(w.size()); again = true; break; }
    }
    if (again) continue;
    if (const ComparatorWord* c = comparator_ending(s, Where::before)) {
      s.remove_suffix(c->word.size());
      again = true;
      continue;
    }
    for (const std::uint16_t i : t.cues_last.at(last)) {
      const std::string& w = t.cues[i].word;
      if (s.ends_with(w)) { s.remove_suffix(w.size()); again = true; break; }
    }
  }
  return s;
}

std::string join(const std::vector<std::string_view>& words, std::size_t from, std::size_t to) {
  std::string s;
  for (std::size_t i = from; i < to; ++i) s += words[i];
  return s;
}

// Strips leading words that are verbs or scope words (完成, 全市, 新建) and
// quotes or punctuation left at either end.
std::string clean_front(const std::vector<std::string_view>& w, std::size_t from, std::size_t to) {
  const Tables& t = tables();
  while (from < to && (t.subject_lead_set.contains(w[from]) || is_punct_word(w[from]))) ++from;
  while (to > from && is_punct_word(w[to - 1]) && w[to - 1] != kCloseQuote) --to;
  // An opening quote whose closing one was kept, or vice versa, is fine;
  // a lone trailing quote is not.
  std::string s = join(w, from, to);
  if (s.ends_with(kCloseQuote) && s.find(kOpenQuote) == std::string::npos) s.resize(s.size() - kCloseQuote.size());
  return s;
}

// Whether `s` ends as the name of an area or a government does (临江区, 各县
// 政府): subject_words.tsv `agent`.
bool names_agent(std::string_view s) {
  for (const auto& end : tables().subject_agent)
    if (s.ends_with(end)) return true;
  return false;
}

// After an agent and its verb, the subject is the verb's object: in
// 城市区|建设|青年驿站 and 各区政府|办|标准化公办园 an area or a government
// (a name ending as subject_words.tsv `agent` says) acts, and what it
// builds is counted. Returns the first word of the object, or `from`.
std::size_t after_agent(const std::vector<std::string_view>& w, std::size_t from, std::size_t to) {
  const Tables& t = tables();
  std::string agent;
  for (std::size_t i = from; i + 1 < to; ++i) {
    if (i > from && t.subject_lead_set.contains(w[i]) && names_agent(agent)) return i + 1;
    agent += w[i];
  }
  return from;
}

constexpr std::string_view kDeWord = "的";

// The subject written before a number: the last noun phrase of `window`.
std::string subject_before(Words& words, std::string_view window) {
  window = strip_trail(window);
  const std::vector<std::string_view>& w = words.split(window);
  const Tables& t = tables();
  std::size_t from = w.size();
  std::size_t bytes = 0;
  while (from > 0 && bytes + w[from - 1].size() <= kMaxSubjectBytes) {
    const std::string_view x = w[from - 1];
    const bool verb_of_bound = from < w.size() && contains(t.subject_bound, w[from]) && x != kDeWord;
    if ((t.subject_stop_set.contains(x) || t.long_cue_set.contains(x)) && !verb_of_bound) break;
    if (all_numeral(x)) break;
    if (is_punct_word(x) && !x.starts_with(kOpenQuote)) break;
    bytes += x.size();
    --from;
  }
  while (from < w.size() && (t.subject_lead_set.contains(w[from]) || is_punct_word(w[from]))) ++from;
  return clean_front(w, after_agent(w, from, w.size()), w.size());
}

// 完成改造1100户, 新开工改造75万户: when no noun stands before or after the
// number, what is counted is the work itself: the last word before it, when
// that is a lead verb of two characters or more and not a place (全市).
std::string subject_activity(Words& words, std::string_view window) {
  const std::vector<std::string_view>& w = words.split(strip_trail(window));
  if (w.empty() || !tables().subject_lead_set.contains(w.back()) || w.back().size() <= 3 || names_agent(w.back()))
    return {};
  return std::string(w.back());
}

// The items listed before 各 (青川市、临江区各5处), without leading verbs.
std::string subject_list(Words& words, std::string_view window) {
  const std::vector<std::string_view>& w = words.split(trim_spaces_back(window));
  return clean_front(w, 0, w.size());
}

// 标准, 要求, 比例 (subject_words.tsv, measure): a noun a number is the value of.
bool names_measure(std::string_view word) {
  for (const auto& m : tables().measure_heads)
    if (word.starts_with(m)) return true;
  return false;
}

// The words of a subject read forwards from `from`: up to a stop word, a
// number or punctuation (an opening quote belongs to a name).
std::size_t subject_run(const std::vector<std::string_view>& w, std::size_t from) {
  const Tables& t = tables();
  std::size_t to = from;
  std::size_t bytes = 0;
  while (to < w.size() && bytes + w[to].size() <= kMaxSubjectBytes) {
    const std::string_view x = w[to];
    if (t.subject_stop_set.contains(x) || t.subject_stop_after_set.contains(x) || has_digit(x) ||
        all_numeral(x) || (is_punct_word(x) && !x.starts_with(kOpenQuote)))
      break;
    bytes += x.size();
    ++to;
  }
  return to;
}

// The subject written after a unit: 58个综合养老服务中心. A phrase of more
// than one word ending in 的 describes the noun after it (10家|具有自主知识
// 产权的|骨干企业, 5个|特色鲜明的|产业集群): the subject is that noun when
// one follows.
std::string subject_after(Words& words, std::string_view window) {
  const std::vector<std::string_view>& w = words.split(window);
  const Tables& t = tables();
  std::size_t from = 0;
  // 60%以上的市级医院, 2000名的招生规模: the number modifies the noun after
  // 的 — unless that noun is the measure it is the value of (5座的要求).
  if (w.size() > 1 && w[0] == kDeWord && !names_measure(w[1])) from = 1;
  while (from < w.size() && t.subject_lead_set.contains(w[from])) ++from;
  std::size_t to = subject_run(w, from);
  // One word before 的 is a possessor (50个部门的政务数据: 部门 is counted).
  if (to > from + 1 && to + 1 < w.size() && w[to] == kDeWord) {
    const std::size_t head_end = subject_run(w, to + 1);
    if (head_end > to + 1) return clean_front(w, to + 1, head_end);
  }
  return clean_front(w, from, to);
}

// Splits a list of subjects on 、 和 及 与.
std::vector<std::string_view> split_list(std::string_view s) {
  std::vector<std::string_view> parts;
  std::size_t a = 0;
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t at = i;
    const char32_t c = next_cp(s, i);
    if (c == U'、' || c == U'和' || c == U'及' || c == U'与' || c == ',' ||
        c == U'，') {
      parts.push_back(s.substr(a, at - a));
      a = i;
    }
  }
  parts.push_back(s.substr(a));
  return parts;
}

// ----------------------------------------------------------------- scan ---

struct Raw {
  Found f;
  std::size_t num_begin = 0;   // first numeral
  std::size_t unit_end = 0;    // after the unit (before a suffix comparator)
  std::size_t clause_begin = 0;
  std::size_t item_begin = 0;
  std::size_t floor = 0;        // end of the previous number: a subject starts after it
  std::size_t subject_end = 0;  // where the text before the target ends for its subject
  std::size_t baseline_word = 0;  // bytes of 由/从 included before a baseline
  std::size_t each_at = 0;      // where 各 stands before the number
  bool count_unit = false;      // a measure word: the subject usually follows
  bool cmp_explicit = false;
  bool suffix_cmp = false;
  bool prefix_cmp = false;
  bool modifier = false;        // N…的 + noun: a threshold when a noun stands before it
  bool each = false;            // 各5处: one value per listed item
  bool money = false;           // a sum (元): with a comparator before 的 it selects (500万元以下的企业)
  bool conjoined = false;       // N以上且…: a threshold joined to a second condition
  std::optional<Cue> list_cue;  // distributive / shared
  std::size_t list_cue_at = 0;
};

// A numeral with what follows it: the unit, the second number of a range,
// an infix comparator (1000余个) and a compound unit (座/平方千米).
struct Quantity {
  Numeral n;
  std::optional<Numeral> n2;  // the high end of a range
  const UnitWord* unit = nullptr;
  std::string unit_name;
  std::size_t begin = 0;        // first numeral
  std::size_t numeral_end = 0;  // end of the last numeral
  std::size_t end = 0;          // after the unit
  bool range_to = false;        // the range is written with 至/到
  std::optional<Comparator> infix;
  double infix_scale = 1;
  bool percent = false;

  bool money() const { return unit && unit->kind == UnitKind::money; }
  bool count() const { return unit && unit->kind == UnitKind::count; }
};

struct Occurrence {
  std::size_t begin = 0, end = 0;
};

// A policy scope: its numbers are a policy's terms, not commitments.
struct Scope {
  std::size_t begin = 0;
  std::size_t trigger = 0;  // start of the clause holding the grant or permissive word
  std::size_t end = 0;
};

constexpr std::string_view kInclusionNotes[] = {"(含本数)", "(不含本数)", "(含)", "(不含)"};
constexpr std::string_view kPerTime = "(次)";  // 200万人(次): the count may be of visits
constexpr std::string_view kDe = "的";
constexpr std::string_view kWithin = "内";  // 50个工作日内
constexpr std::string_view kAdjective = "化";  // 标准化: a noun made an adjective
constexpr std::string_view kEach = "每";    // 每人1000元: a sum per recipient
constexpr std::string_view kGeneric = "个";  // the general measure word

constexpr std::size_t kKeptStops = std::size_t{1} << 16;  // 256 KiB of recorded stops

std::vector<std::uint32_t>& stop_buffer() {
  thread_local std::vector<std::uint32_t> stops;
  return stops;
}

class Scanner {
 public:
  Scanner(std::string_view s, Range prose, const std::vector<Range>& skip, Work* work)
      : s_(s), begin_(std::min(prose.begin, s.size())), end_(std::min(prose.end, s.size())),
        skip_(skip), work_(work) {
    find_frames();
    count(&Work::passes, 2 * (end_ - begin_));  // find_frames and run
    // The recorded stops hold for a scan that steps from character starts,
    // as the frame pass does: a prose range that begins inside a character
    // (never, from the outline) is scanned the plain way.
    recorded_ = !(work && work->plain_scan) &&
                (begin_ >= s_.size() || (static_cast<unsigned char>(s_[begin_]) & 0xC0) != 0x80);
  }

  // A buffer grown by a very long measure is not kept for the next one.
  ~Scanner() {
    if (scan_stops_.capacity() > kKeptStops) std::vector<std::uint32_t>().swap(scan_stops_);
  }
  Scanner(const Scanner&) = delete;
  Scanner& operator=(const Scanner&) = delete;

  // Not inlined: inside find_targets, together with the frame pass, it cost
  // about 2 M instructions more on the reference plan ×14 (registers).
  [[gnu::noinline]] std::vector<Raw> run() {
    std::size_t pos = begin_;
    std::size_t k = 0;  // next skip range
    clause_ = item_ = begin_;
    while (pos < end_) {
      while (k < skip_.size() && skip_[k].end <= pos) ++k;
      if (k < skip_.size() && skip_[k].begin <= pos) {
        flush_baseline();
        pos = std::max(pos + 1, skip_[k].end);
        while (pos < end_ && (static_cast<unsigned char>(s_[pos]) & 0xC0) == 0x80) ++pos;
        clause_ = item_ = pos;
        quote_ = 0;
        continue;
      }
      // Step over plain characters (most of the text) up to the next skip
      // range; then look at the character found there.
      const std::size_t stop = k < skip_.size() ? std::min(end_, skip_[k].begin) : end_;
      pos = recorded_ ? next_scan_stop(pos, stop) : scan_chars().skip(s_, pos, stop);
      if (pos >= stop) continue;
      char32_t c = 0;
      const std::size_t len = cp_at(s_, pos, c);
      if (len == 0) break;
      if (is_clause_end(c)) {
        flush_baseline();
        bracket_ = 0;
        clause_ = item_ = pos + len;
        if (c == U'。' || c == '\n') quote_ = 0;
      } else if (is_item_break(c)) {
        item_ = pos + len;
        // 县（市、区）: a 、 inside brackets lists the kinds of one place, no
        // enumeration a count could sum up.
        if (c == '(' || c == U'（' || c == U'【' || c == '[') ++bracket_;
        else if (c == U'、' && bracket_ == 0) listed_ = pos;
        else if (c != U'、' && bracket_ > 0) --bracket_;
      } else if (opens_quote(c)) {
        ++quote_;
      } else if (closes_quote(c) || c == '"') {
        // A straight quote has no direction: it only closes an open one
        // (“前台受理、统一出件" — text converted from web pages), so that the
        // numbers after it are not taken for a name up to the sentence end.
        if (quote_ > 0) --quote_;
      } else if (is_numeral_char(c) || (c == U'过' && s_.substr(pos + len).starts_with("半"))) {
        // The scan must always move forward, whatever a candidate decides
        // (a candidate that resumes at its own start would loop for ever).
        const std::size_t next = candidate(pos);
        pos = next > pos ? next : pos + len;
        continue;
      }
      pos += len;
    }
    flush_baseline();
    return std::move(out_);
  }

 private:
  // ------------------------------------------------------------ frames ---

  // One pass over the prose, before the scan, records where the words that
  // govern numbers stand: cue words (力争, 累计, 分别 …) by kind, rate frames
  // (按, 费率, 额度 …) and the policy scopes that permissive and grant words
  // open (可申请, 给予, 奖励 …). A scope runs from the clause of its word to
  // the end of the sentence (。；！？ or a line end); from the start of the
  // sentence when the clause before the word is a condition ending in 的
  // (…劳动合同的，可申请…); from an earlier clause of the sentence that opens
  // with a condition word (对…的企业，给予…). A `none` word (按时, 补助资金)
  // hides the frame words inside it. Linear: every later question about a
  // frame is a binary search in what this pass recorded.
  void find_frames() {
    constexpr std::size_t none = std::string_view::npos;
    std::size_t sentence = begin_, clause = begin_;
    std::size_t clause_first = skip_spaces(s_, begin_, end_);  // its first character
    std::size_t condition = none;    // the first clause of the sentence opening with 对
    bool condition_before = false;   // the clause before `clause` ends in 的
    std::size_t scope = none;        // start of the sentence's policy scope
    std::size_t trigger = none;      // start of the clause that opened it
    std::size_t covered = begin_;    // end of the last none word
    const FrameStops& stops = frame_chars();
    // Room for one stop per 16 bytes of prose: plan prose has about one in
    // 20 (a sixth of its characters); a hostile measure (a run of a million
    // digits) records that many, and the scan steps over the rest itself.
    // A share that does not grow with the measure keeps the work per byte
    // the same at every size. Offsets of 32 bits: a longer prose (over
    // 4 GiB) is scanned the plain way.
    const std::size_t prose = end_ - begin_;
    const std::size_t room = prose > UINT32_MAX ? 0 : std::max<std::size_t>(1024, prose / 16);
    if (scan_stops_.size() < room) scan_stops_.resize(room);
    FrameStops::Record record{scan_stops_.data(), scan_stops_.data() + room, begin_};
    for (std::size_t pos = begin_; pos < end_;) {
      pos = stops.skip(s_, pos, end_, record);
      if (pos >= end_) break;
      char32_t c = 0;
      const std::size_t len = cp_at(s_, pos, c);
      if (len == 0) break;
      if (is_clause_end(c)) {
        if (is_statement_end(c)) {
          if (scope != none) policy_.push_back(Scope{scope, trigger, pos});
          scope = condition = none;
          sentence = pos + len;
          condition_before = false;
        } else {
          condition_before = last_non_space(pos) == U'的';
        }
        clause = pos + len;
        clause_first = skip_spaces(s_, clause, end_);
      } else if (pos >= covered) {
        if (const FrameWord* w = frame_at(pos, c)) {
          switch (w->frame) {
            case Frame::none:
              covered = pos + w->word.size();
              break;
            case Frame::cue:
              record_cue(*w, pos);
              break;
            case Frame::rate:
              rate_.push_back({pos, pos + w->word.size()});
              break;
            case Frame::topic:
              topics_.push_back({pos, pos + w->word.size()});
              break;
            case Frame::condition:
              if (pos != clause_first) break;
              if (condition == none) condition = clause;
              conditions_.push_back({clause, pos});
              break;
            case Frame::permissive:
            case Frame::grant:
              grants_.push_back({pos, pos + w->word.size()});
              if (scope != none) break;
              // A grant opening its clause (…火车专列，给予地接社5万元) has its
              // condition in the clauses before it.
              scope = std::min({clause, condition,
                                condition_before || (w->frame == Frame::grant && pos == clause_first) ? sentence : none});
              trigger = clause;
              break;
          }
        }
      }
      pos += len;
    }
    if (scope != none) policy_.push_back(Scope{scope, trigger, end_});
    recorded_stops_ = static_cast<std::size_t>(record.next - scan_stops_.data());
    unrecorded_ = record.unrecorded;
  }

  // What scan_chars().skip(s_, pos, stop) answers, from the stops the frame
  // pass recorded: the first at or after `pos` (a character start), else
  // the first character start at or after `stop`, where a plain skip would
  // have stepped to. Past the last recorded stop of a measure with too many
  // (unrecorded_), the plain skip itself. The scan only moves forward, so
  // one index serves it.
  std::size_t next_scan_stop(std::size_t pos, std::size_t stop) noexcept {
    while (next_stop_ < recorded_stops_ && begin_ + scan_stops_[next_stop_] < pos) ++next_stop_;
    if (next_stop_ < recorded_stops_ && begin_ + scan_stops_[next_stop_] < stop) return begin_ + scan_stops_[next_stop_];
    if (unrecorded_ < stop) return scan_chars().skip(s_, std::max(pos, unrecorded_), stop);
    while (stop < s_.size() && (static_cast<unsigned char>(s_[stop]) & 0xC0) == 0x80) ++stop;
    return stop;
  }

  // The frame word at `pos`, whose character `c` the pass has decoded.
  const FrameWord* frame_at(std::size_t pos, char32_t c) const {
    const Tables& t = tables();
    const std::string_view rest(s_.data() + pos, end_ - pos);
    for (const std::uint16_t i : t.frames_first.at(c))  // longest first
      if (rest.starts_with(t.frames[i].word)) return &t.frames[i];
    return nullptr;
  }

  void record_cue(const FrameWord& w, std::size_t pos) {
    // 均 inside 人均, 平均 is not "each".
    if (w.cue == Cue::shared) {
      const char32_t prev = cp_before(s_, pos, begin_);
      if (prev == U'人' || prev == U'平') return;
    }
    cues_[static_cast<std::size_t>(w.cue)].push_back({pos, pos + w.word.size()});
  }

  // The start of the last occurrence of a cue of kind `k` that lies in
  // [from, to), or npos.
  std::size_t last_cue(Cue k, std::size_t from, std::size_t to) const {
    return last_in(cues_[static_cast<std::size_t>(k)], from, to);
  }

  // Occurrences are recorded in text order, so a binary search finds the
  // last one that starts before `to`; words never overlap a numeral, so
  // stepping back over the few that reach past `to` ends at once.
  std::size_t last_in(const std::vector<Occurrence>& v, std::size_t from, std::size_t to) const {
    count(&Work::lookups, 1);
    auto it = std::lower_bound(v.begin(), v.end(), to,
                               [](const Occurrence& o, std::size_t p) { return o.begin < p; });
    while (it != v.begin()) {
      --it;
      if (it->begin < from) return std::string_view::npos;
      if (it->end <= to) return it->begin;
    }
    return std::string_view::npos;
  }

  // A percentage or a sum after a rate frame of its clause: 按购车价格的5%,
  // 担保费率不超过1%, 贷款额度提升至30万元.
  // So does a rate noun right after it: 适用3%征收率, 0.5%的缴费比例. A rate
  // of change (按照年均增长8%的目标) is no rate a policy applies: only a
  // grant makes it a term.
  bool rate_governed(const Quantity& q) const {
    if (!q.percent && !q.money()) return false;
    const std::size_t a = skip_spaces(s_, q.end, end_);
    const bool de = starts_with_at(a, kDe);
    const std::vector<std::string>& rates = tables().negative_rate;
    if (word_after(a, rates) || (de && word_after(a + kDe.size(), rates))) return true;
    if (last_in(rate_, clause_, q.begin) == std::string_view::npos) return false;
    return !growth_before(q.begin);
  }

  // A growth word right before the number (增长8%, 下降3%).
  bool growth_before(std::size_t nb) const {
    return ends_with_growth(trim_spaces_back(s_.substr(clause_, nb - clause_)));
  }

  // Whether a growth cue word (增长, 下降 …) ends `before`: only the cue
  // words ending in its last character are compared.
  static bool ends_with_growth(std::string_view before) {
    const Tables& t = tables();
    for (const std::uint16_t i : t.cues_last.at(last_cp(before)))
      if (t.cues[i].cue == Cue::growth && before.ends_with(t.cues[i].word)) return true;
    return false;
  }

  // 每人1000元, 每亩补助150元, 每辆2000元: a sum per recipient or per unit
  // is a rate.
  bool per_recipient(const Quantity& q) const {
    if (!q.money()) return false;
    const std::string_view win = before_window(q.begin);
    for (std::size_t p = win.find(kEach); p != std::string_view::npos; p = win.find(kEach, p + kEach.size())) {
      // 每个 counts places and projects as often as recipients (每个县安排…).
      const UnitWord* u = unit_at(win.substr(p + kEach.size()));
      if (u && u->word != kGeneric && (u->kind == UnitKind::count || u->kind == UnitKind::quantity)) return true;
    }
    return false;
  }

  // A processing time is a target only when a limit word governs it:
  // 审批时限压缩至5个工作日, 控制在50个工作日内, 3个工作日(…)办结.
  bool limited(const Quantity& q) const {
    if (last_cue(Cue::limit, clause_, q.begin) != std::string_view::npos) return true;
    std::size_t a = skip_note(skip_spaces(s_, q.end, end_));
    for (const std::string_view w : {std::string_view("以内"), kWithin})
      if (starts_with_at(a, w)) {
        a += w.size();
        break;
      }
    return word_after(a, tables().limit_after_words);
  }

  // A count after a topic word of its clause names the field the action
  // works in (围绕37条产业链和40个产业集群，支持…; 聚焦12个主导产业): things
  // that exist, not a quantity to reach — unless a commitment word between
  // the topic word and the count governs it (围绕主导产业培育10个园区).
  bool in_topic(const Quantity& q) const {
    if (!q.count()) return false;
    const std::size_t f = last_in(topics_, clause_, q.begin);
    if (f == std::string_view::npos) return false;
    for (const Cue k : {Cue::commitment, Cue::aspirational, Cue::cumulative, Cue::increment})
      if (last_cue(k, f, q.begin) != std::string_view::npos) return false;
    return true;
  }

  // A plain count in a clause that opens with 对 names the set the measure
  // applies to (对9个市(州)…进行监测, 对…等5个特困行业实施…): things that
  // exist. A comparator (对约1200家企业开展帮扶) or a commitment cue before
  // the count makes it a quantity the plan commits to.
  bool applies_to(const Quantity& q) const {
    if (!q.count() || q.n2) return false;
    const std::size_t c = last_in(conditions_, clause_, q.begin);
    if (c == std::string_view::npos || touching_comparator(q)) return false;
    for (const Cue k : {Cue::commitment, Cue::aspirational, Cue::cumulative, Cue::increment})
      if (last_cue(k, c, q.begin) != std::string_view::npos) return false;
    return true;
  }

  // A number in a policy scope is one of its terms, unless it stands in a
  // clause after the one that opened the scope and a commitment word of its
  // own clause governs it (…给予奖补，确保全年新增企业40户) — a clause that
  // is itself a condition (对…的) or grants (每户奖励5万元) does not count.
  bool in_policy(std::size_t nb) const {
    auto it = std::upper_bound(policy_.begin(), policy_.end(), nb,
                               [](std::size_t p, const Scope& r) { return p < r.begin; });
    if (it == policy_.begin() || nb >= (it - 1)->end) return false;
    if (clause_ <= (it - 1)->trigger) return true;
    if (last_in(conditions_, clause_, nb) != std::string_view::npos) return true;
    if (last_in(grants_, clause_, nb) != std::string_view::npos) return true;
    for (const Cue k : {Cue::commitment, Cue::aspirational, Cue::cumulative, Cue::increment})
      if (last_cue(k, clause_, nb) != std::string_view::npos) return false;
    // …给予激励，进出口总额完成310亿元以上，增长3%以上: a rate of change in a
    // later clause is the plan's level, as a commitment there is — not the
    // change of a rate the policy sets (补贴标准提高10%).
    return !growth_before(nb) || last_in(rate_, clause_, nb) != std::string_view::npos;
  }

  // The last character before `pos` (from begin_) that is not a space, or 0.
  // Each call walks back over one run of spaces only, so the calls of one
  // scan stay linear together.
  char32_t last_non_space(std::size_t pos) const noexcept {
    while (pos > begin_) {
      const char32_t c = prev_cp(s_, pos);
      if (!is_space(c)) return c;
    }
    return 0;
  }

  // ------------------------------------------------------------ skips ---

  // Skips a run of numeral characters (and the dots and commas inside it)
  // after a numeral that failed to parse, so 一万万名 does not yield 万名.
  std::size_t skip_run(std::size_t pos) const {
    char32_t c = 0;
    std::size_t len;
    bool any = false;
    while (pos < end_ && (len = cp_at(s_, pos, c)) != 0 &&
           (is_numeral_char(c) || c == '.' || c == ',' || c == U'点' ||
            (any && is_ascii_alpha(c)))) {
      pos += len;
      any = true;
    }
    if (!any) pos += cp_at(s_, pos, c);
    return pos;
  }

  // Skips a code such as S319, G208, 5G, AI2.0.
  std::size_t skip_code(std::size_t pos) const {
    char32_t c = 0;
    std::size_t len;
    while (pos < end_ && (len = cp_at(s_, pos, c)) != 0 &&
           (c < 0x80 && (is_ascii_alpha(c) || (c >= '0' && c <= '9') || c == '.' || c == '-'))) {
      pos += len;
    }
    return pos;
  }

  // After a short bracketed note (均不包含补正时间), else `pos`: at most
  // kNoteBytes, on one line.
  std::size_t skip_note(std::size_t pos) const {
    if (!starts_with_at(pos, "(")) return pos;
    const std::size_t close = s_.substr(pos, std::min(kNoteBytes, end_ - pos)).find(')');
    if (close == std::string_view::npos) return pos;
    const std::string_view note = s_.substr(pos, close);
    return note.find('\n') == std::string_view::npos ? pos + close + 1 : pos;
  }

  // After an inclusion note written between a number and its comparator
  // (30次(含)以上, 10万元以下(含本数)); else `pos`.
  std::size_t skip_inclusion(std::size_t pos) const {
    for (const std::string_view w : kInclusionNotes)
      if (starts_with_at(pos, w)) return pos + w.size();
    return pos;
  }

  // --------------------------------------------------------- words ---

  bool starts_with_at(std::size_t pos, std::string_view w) const {
    return pos <= end_ && s_.substr(pos, end_ - pos).starts_with(w);
  }

  bool ends_with_at(std::size_t pos, std::string_view w) const {
    return pos >= begin_ + w.size() && s_.substr(pos - w.size(), w.size()) == w;
  }

  // The length of the word of `words` that ends right at `pos`, or 0.
  std::size_t word_before(std::size_t pos, const std::vector<std::string>& words) const {
    for (const auto& w : words)
      if (ends_with_at(pos, w)) return w.size();
    return 0;
  }

  // True when a word of `words` starts at `pos` (after spaces).
  bool word_after(std::size_t pos, const std::vector<std::string>& words) const {
    pos = skip_spaces(s_, pos, end_);
    for (const auto& w : words)
      if (starts_with_at(pos, w)) return true;
    return false;
  }

  std::optional<Numeral> numeral_at(std::size_t pos) const {
    return parse_numeral(s_.substr(pos, end_ - pos));
  }

  // A fixed phrase (一户一表, 千家万户) that overlaps [b, e) and ends by end_.
  // Tries only the phrases whose first character stands at each start.
  bool negative_phrase(std::size_t b, std::size_t e) const {
    const Tables& t = tables();
    const std::size_t longest = t.phrases_first.longest();
    const std::size_t from = b >= longest ? b - longest + 1 : 0;
    if (from >= e) return false;
    count(&Work::windows, e - from);
    bool found = false;
    for_each_word_start(s_.substr(from, e - from), t.phrases_first,
                        [&](std::size_t p, std::span<const std::uint16_t> ids) {
                          const std::size_t st = from + p;
                          for (const std::uint16_t i : ids) {
                            const std::string& w = t.negative_phrases[i];
                            if (st + w.size() > b && st + w.size() <= end_ &&
                                s_.compare(st, w.size(), w) == 0)
                              found = true;
                          }
                        });
    return found;
  }

  // The text a prefix comparator may stand in: the item before the number,
  // after the previous number, at most kCmpWindow bytes.
  std::string_view before_window(std::size_t nb) const {
    const std::size_t lo = std::max({item_, last_end_, begin_, nb >= kCmpWindow ? nb - kCmpWindow : begin_});
    count(&Work::windows, nb > lo ? nb - lo : 0);
    return trim_spaces_back(s_.substr(lo, nb > lo ? nb - lo : 0));
  }

  void count(std::size_t Work::*field, std::size_t n) const {
    if (work_) work_->*field += n;
  }

  // 最高不超过15万元, 最低500元: the ceiling or floor of an entitlement.
  bool capped(std::size_t nb) const {
    std::string_view win = before_window(nb);
    if (const ComparatorWord* c = comparator_ending(win, Where::before))
      win = trim_spaces_back(win.substr(0, win.size() - c->word.size()));
    for (const auto& w : tables().negative_cap)
      if (win.ends_with(w)) return true;
    return false;
  }

  // A comparator touching the number: 至少一所, 一所以上.
  bool touching_comparator(const Quantity& q) const {
    const std::size_t a = skip_inclusion(skip_spaces(s_, q.end, end_));
    return q.infix || comparator_at(s_.substr(a, end_ - a), Where::after) ||
           comparator_ending(before_window(q.begin), Where::before);
  }

  // 每个乡镇至少建成一所: a comparator of more than one character before a
  // verb of one or two characters governs the number (as in read_prefix).
  // Not after a share that this count defines (75%的县至少建成一所医院: the
  // share is the target).
  bool comparator_across_verb(const Quantity& q) const {
    if (last_end_ > clause_ && starts_with_at(skip_spaces(s_, last_end_, end_), kDe)) return false;
    std::string_view win = before_window(q.begin);
    for (int k = 0; k < 2 && !win.empty(); ++k) {
      const char32_t c = last_cp(win);
      if (u_ispunct(static_cast<UChar32>(c)) || c < 0x80) return false;
      win = win.substr(0, win.size() - U8_LENGTH(c));
      const ComparatorWord* cw = comparator_ending(win, Where::before);
      if (cw && !one_character(cw->word)) return true;
    }
    return false;
  }

  // A count in Chinese numerals that is the first number of its clause and
  // follows an enumeration sums the list up (港资、台资、日韩四个外资专班,
  // “甲”“乙”“丙”三项工程, 文化、医疗等四项服务): it describes. GB/T 15835
  // keeps Arabic numerals for counts that measure, so 郑州、开封4个示范区 stays.
  bool sums_up_list(const Quantity& q) const {
    if (!q.count() || !q.n.chinese || q.n2 || last_end_ > clause_) return false;
    const char32_t before = last_non_space(q.begin);
    const bool enumerated = listed_ != std::string_view::npos && listed_ >= clause_ && listed_ < q.begin;
    return enumerated || before == U'等' || closes_quote(before);
  }

  // A numeral written only with scale characters (十亿, 百亿, 千万, 百万):
  // an order of magnitude.
  bool round_magnitude(const Quantity& q) const {
    if (q.n2 || !q.n.chinese) return false;
    for (std::size_t i = q.begin; i < q.numeral_end;) {
      const char32_t c = next_cp(s_, i);
      if (c != U'十' && c != U'百' && c != U'千' && c != U'万' && c != U'亿') return false;
    }
    return true;
  }

  // ---------------------------------------------------------- reading ---

  // Reads the numeral at `pos` and what follows it into `q`. Returns where
  // to resume when there is no quantity here (a malformed run, a code).
  std::optional<std::size_t> read_quantity(std::size_t pos, Quantity& q) const {
    const std::optional<Numeral> n = numeral_at(pos);
    if (!n) return skip_run(pos);
    const std::size_t nb = pos;
    std::size_t ne = pos + n->length;
    // Codes: S319, G208, 5G, 2.0版.
    char32_t first = 0;
    cp_at(s_, nb, first);
    if (first < 0x80 && is_ascii_alpha(cp_before(s_, nb, begin_))) return skip_code(nb);

    std::size_t u = skip_spaces(s_, ne, end_);
    q.n = *n;
    q.begin = nb;
    q.unit = unit_at(s_.substr(u, end_ - u));
    q.end = q.unit ? u + q.unit->word.size() : ne;
    read_range(q, u, ne);
    if (!q.unit && !q.n2) read_infix(q, u);
    {
      char32_t after = 0;
      if (!q.unit && cp_at(s_, ne, after) && after < 0x80 && is_ascii_alpha(after) && !n->percent)
        return skip_code(nb);  // 5G
    }
    q.numeral_end = ne;
    read_compound(q);
    q.percent = n->percent || (q.n2 && q.n2->percent) || (q.unit && q.unit->kind == UnitKind::percent);
    return std::nullopt;
  }

  // A range: 3—5家, 7-10个, 3至5家, 1～3, 3%-5%. `u` is where the unit
  // after the first number stands; `ne` the end of the last numeral.
  void read_range(Quantity& q, std::size_t& u, std::size_t& ne) const {
    const std::size_t r = q.unit ? q.end : u;
    char32_t sep = 0;
    const std::size_t sl = cp_at(s_, r, sep);
    if (sl == 0 || r >= end_ || !is_range_sep(sep)) return;
    std::size_t r2 = r + sl;
    char32_t sep2 = 0;
    if (const std::size_t l2 = cp_at(s_, r2, sep2); l2 && sep2 == sep && sep != U'至' && sep != U'到')
      r2 += l2;  // ——
    r2 = skip_spaces(s_, r2, end_);
    char32_t d = 0;
    if (r2 >= end_ || !cp_at(s_, r2, d) || !starts_numeral(d)) return;
    const std::optional<Numeral> n2 = numeral_at(r2);
    if (!n2 || n2->fraction) return;
    const std::size_t u2 = skip_spaces(s_, r2 + n2->length, end_);
    const UnitWord* unit2 = unit_at(s_.substr(u2, end_ - u2));
    if (q.unit && unit2 && unit2->unit != q.unit->unit) return;  // 3个、5户: not one range
    q.n2 = n2;
    q.range_to = sep == U'至' || sep == U'到';
    ne = r2 + n2->length;
    u = u2;
    if (unit2) {
      q.unit = unit2;
      q.end = u2 + unit2->word.size();
    } else {
      q.end = ne;  // a unit only before the separator (3个—5), or none
    }
  }

  // An infix comparator: 1000余个, 3万多人, 1000余万人次.
  void read_infix(Quantity& q, std::size_t u) const {
    const ComparatorWord* cw = comparator_at(s_.substr(u, end_ - u), Where::infix);
    if (!cw) return;
    std::size_t at = u + cw->word.size();
    const UnitWord* unit = unit_at(s_.substr(at, end_ - at));
    double scale = 1;
    if (!unit) {  // a scale word, then the unit
      for (const auto& [w, f] : {std::pair{std::string_view("万"), 1e4}, std::pair{std::string_view("亿"), 1e8}}) {
        if (!starts_with_at(at, w)) continue;
        if (const UnitWord* u2 = unit_at(s_.substr(at + w.size(), end_ - std::min(end_, at + w.size())))) {
          unit = u2;
          at += w.size();
          scale = f;
        }
      }
    }
    if (!unit) return;
    q.infix = cw->cmp;
    q.unit = unit;
    q.end = at + unit->word.size();
    q.infix_scale = scale;
  }

  // Compound units: 座/平方千米, 吨/年; a count of visits: 200万人(次).
  void read_compound(Quantity& q) const {
    q.unit_name = q.unit ? q.unit->unit : std::string();
    if (!q.unit || q.unit->kind == UnitKind::not_target) return;
    if (q.count() && starts_with_at(q.end, kPerTime)) {
      q.unit_name += kPerTime;
      q.end += kPerTime.size();
      return;
    }
    if (q.end >= end_ || s_[q.end] != '/') return;
    const UnitWord* u2 = unit_at(s_.substr(q.end + 1, end_ - q.end - 1));
    if (!u2 || u2->kind == UnitKind::count || u2->kind == UnitKind::percent) return;
    // A quantity per quantity (座/平方千米, 元/亩) or per period (吨/年).
    if (u2->kind == UnitKind::not_target && !is_period(u2->word)) return;
    q.unit_name += "/" + (u2->kind == UnitKind::not_target ? u2->word : u2->unit);
    q.end += 1 + u2->word.size();
  }

  static bool is_period(std::string_view w) { return w == "年" || w == "月" || w == "日" || w == "天"; }

  // ------------------------------------------------------- not targets ---

  // Whether the quantity is a target at all (docs/targets.md, "Not
  // targets" and "Commitments and parameters").
  bool is_target(const Quantity& q) const {
    const Tables& t = tables();
    if (q.unit && q.unit->kind == UnitKind::not_target) return false;  // 2022年, 80岁, 36号
    if (q.unit && q.unit->kind == UnitKind::duration && !limited(q)) return false;  // 20个工作日内公开
    if (!q.unit && !q.percent) return false;                           // no unit: not a quantity
    if (q.n.chinese && q.n.value == 0 && !q.n2) return false;          // 零部件, 零售
    if (quote_ > 0) return false;                                      // “13445”, 《…》
    if (q.n.fraction || (q.n2 && q.n2->fraction)) return false;        // 过半, 三分之一: progress
    if (word_before(q.begin, t.negative_before)) return false;         // 第八批, 每万人, 前5名
    // A lone 一 before a measure word is an article more often than a
    // count (一个窗口, 一张图, 一批), unless a comparator makes it one (至少一所).
    if (q.n.chinese && q.n.value == 1 && one_character(s_.substr(q.begin, q.n.length)) && !q.n2 &&
        !touching_comparator(q) && !comparator_across_verb(q))
      return false;
    // 十亿元, 千万平方米, 百万吨: a size class, not an amount.
    if (round_magnitude(q) && q.unit && !q.count()) return false;
    if (negative_phrase(q.begin, q.end)) return false;
    if (word_after(q.end, t.negative_after)) return false;            // 1445名为基数
    if (q.count() && word_after(q.end, t.negative_listed)) return false;  // 4个方面, 十条措施
    if (sums_up_list(q)) return false;                                 // 港资、台资、日韩四个专班
    if (in_topic(q)) return false;                                     // 围绕37条产业链
    if (applies_to(q)) return false;                                   // 对9个市(州)进行
    if (in_policy(q.begin) || capped(q.begin)) return false;           // entitlement terms
    if (rate_governed(q) || per_recipient(q)) return false;            // 按…5%, 费率1%, 每人1000元
    return true;
  }

  // ------------------------------------------------------------ target ---

  std::size_t candidate(std::size_t pos) {
    Quantity q;
    if (const std::optional<std::size_t> resume = read_quantity(pos, q)) return *resume;
    if (!is_target(q)) {
      // A date between a baseline and its level (由30%以上2022年阶段性提高至
      // 40%) leaves the baseline waiting; any other number ends the wait.
      if (!q.unit || q.unit->kind != UnitKind::not_target) flush_baseline();
      // A year or a count that is no target still ends the text a later
      // subject may use; a lone numeral character inside a word (一般, 零售)
      // does not.
      if (q.unit || q.percent) last_end_ = q.end;
      return std::max(q.end, q.begin + 1);
    }
    Raw raw;
    Target& t = raw.f.target;
    raw.num_begin = q.begin;
    raw.unit_end = q.end;
    raw.clause_begin = clause_;
    raw.item_begin = item_;
    raw.floor = last_end_;
    raw.count_unit = q.count();
    const double factor = (q.unit ? q.unit->factor : 1) * q.infix_scale;
    t.unit = q.percent && q.unit_name.empty() ? "%" : q.unit_name;
    if (q.n2) {
      t.low = q.n.value * factor;
      t.high = q.n2->value * factor;
      t.cmp = Comparator::range;
      raw.cmp_explicit = true;
    } else {
      t.value = q.n.value * factor;
    }
    if (q.infix) {
      t.cmp = *q.infix;
      raw.cmp_explicit = true;
    }
    const std::size_t e = read_suffix(q, raw);
    const std::size_t b = read_prefix(q, raw);
    read_cues(q, b, raw);
    return link_baseline(q, std::move(raw), b, e);
  }

  // Suffix comparator: 85%以上, 10场次以上, 5%以内, 30次(含)以上; and
  // whether 的 and a noun follow (a modifier). Returns the target's end.
  std::size_t read_suffix(const Quantity& q, Raw& raw) const {
    std::size_t e = q.end;
    raw.money = q.money();
    if (!q.n2) {
      const std::size_t a = skip_inclusion(skip_spaces(s_, e, end_));
      if (const ComparatorWord* cw = comparator_at(s_.substr(a, end_ - a), Where::after)) {
        raw.f.target.cmp = cw->cmp;
        raw.cmp_explicit = raw.suffix_cmp = true;
        e = a + cw->word.size();
      } else if (q.unit && q.unit->kind == UnitKind::duration && starts_with_at(a, kWithin)) {
        raw.f.target.cmp = Comparator::le;  // 50个工作日内
        raw.cmp_explicit = raw.suffix_cmp = true;
        e = a + kWithin.size();
      }
    }
    const std::size_t d = skip_inclusion(skip_spaces(s_, e, end_));
    if (starts_with_at(d, kDe)) raw.modifier = !measure_head_at(d + kDe.size());
    // 1000万美元以上且符合条件的, 超过100万元但不超过300万元的: one of two
    // conditions, closed by 的 (selects decides once the comparator before
    // is read); 增长10%以上且高于全省水平 is a commitment of two levels.
    else if (word_after(d, tables().negative_conjoined) && de_in_clause(d)) raw.modifier = raw.conjoined = true;
    return e;
  }

  // Whether 的 stands after `pos` in its clause, within kConditionBytes.
  bool de_in_clause(std::size_t pos) const {
    const std::size_t stop = std::min(end_, pos + kConditionBytes);
    count(&Work::windows, stop > pos ? stop - pos : 0);
    for (std::size_t i = pos; i < stop;) {
      char32_t c = 0;
      const std::size_t len = cp_at(s_, i, c);
      if (len == 0 || is_clause_end(c)) return false;
      if (c == U'的') return true;
      i += len;
    }
    return false;
  }

  // Prefix comparator in the same item, with no number in between:
  // 不少于4所, 约1.55万个. One-character words (约, 近) must touch the
  // number: 节约, 制约 are not comparators. A longer comparator also governs
  // the number across a verb (至少打造1个, 至少建有1所: the adverb before the
  // verb phrase) and a share across the base it is a share of (不低于职业院校
  // 总数的30%, 不超过合同价款的10%: a percentage right after 的). Returns
  // where the target's text begins.
  std::size_t read_prefix(const Quantity& q, Raw& raw) {
    Target& t = raw.f.target;
    const std::size_t nb = q.begin;
    raw.subject_end = nb;
    if (q.n2) return nb;
    const std::string_view win = before_window(nb);
    const std::size_t lo = win.empty() ? nb : static_cast<std::size_t>(win.data() - s_.data());
    if (const ComparatorWord* adj = comparator_ending(win, Where::before)) {
      if (!raw.suffix_cmp && !q.infix) t.cmp = adj->cmp;
      raw.cmp_explicit = raw.prefix_cmp = true;
      return lo + win.size() - adj->word.size();
    }
    const std::optional<std::size_t> at = last_long_comparator(win);
    if (!at) return nb;
    const ComparatorWord* cw = comparator_at(win.substr(*at), Where::before);
    const std::size_t gap = cw ? win.size() - *at - cw->word.size() : 0;
    const bool across_verb = gap <= kVerbBytes && !has_punct(win.substr(*at + (cw ? cw->word.size() : 0)));
    const bool across_base = q.percent && win.ends_with(kDe);
    if (cw && (across_verb || across_base)) {
      if (!raw.suffix_cmp && !q.infix) t.cmp = cw->cmp;
      raw.cmp_explicit = raw.prefix_cmp = true;
      raw.subject_end = lo + *at;  // 达标学校数量|不低于职业院校总数的30%
    }
    return nb;
  }

  // Where the comparator word of more than one character that ends last in
  // `win` (a bounded window) begins: the last occurrence of every such word,
  // found in one pass.
  // The word that ends last wins; of words ending at the same place, the
  // first in the table (a word's later occurrences end later, so its last
  // one is the one that can win). Decided as the occurrences are found.
  std::optional<std::size_t> last_long_comparator(std::string_view win) const {
    const Tables& tb = tables();
    std::optional<std::size_t> best;
    std::size_t best_end = 0, best_id = 0;
    for_each_word_start(win, tb.comparators_first, [&](std::size_t p, std::span<const std::uint16_t> ids) {
      for (const std::uint16_t i : ids) {
        const ComparatorWord& cw = tb.comparators[i];
        if (cw.where != Where::before || one_character(cw.word)) continue;
        const std::size_t end = p + cw.word.size();
        if (end > win.size() || win.compare(p, cw.word.size(), cw.word) != 0) continue;
        if (!best || end > best_end || (end == best_end && i < best_id)) {
          best = p;
          best_end = end;
          best_id = i;
        }
      }
    });
    return best;
  }

  // A noun the number before 的 is the value of (40%的比例, 5座的标准), not
  // an adjective made from it (标准化).
  bool measure_head_at(std::size_t pos) const {
    for (const auto& w : tables().measure_heads)
      if (starts_with_at(pos, w)) return !starts_with_at(pos + w.size(), kAdjective);
    return false;
  }

  // Cue words of the clause before the number (recorded by find_frames),
  // and the ones read right before it: growth (增长6.2%) and each (各5处).
  void read_cues(const Quantity& q, std::size_t b, Raw& raw) const {
    Target& t = raw.f.target;
    const std::size_t nb = q.begin;
    const auto in_clause = [&](Cue k) { return last_cue(k, clause_, nb) != std::string_view::npos; };
    t.aspirational = in_clause(Cue::aspirational);
    t.cumulative = in_clause(Cue::cumulative);
    t.increment = in_clause(Cue::increment);
    for (const Cue k : {Cue::distributive, Cue::shared}) {
      const std::size_t f = last_cue(k, clause_, nb);
      if (f != std::string_view::npos && (!raw.list_cue || f > raw.list_cue_at)) {
        raw.list_cue = k;
        raw.list_cue_at = f;
      }
    }
    // Only right before the number: 增长6.2%, 同比增长8%; 提高到85% is a level.
    const std::string_view before = trim_spaces_back(s_.substr(clause_, b - clause_));
    if (ends_with_growth(before)) t.growth = true;
    for (const auto& w : tables().each_words)
      if (before.ends_with(w)) {
        raw.each = true;
        raw.each_at = clause_ + before.size() - w.size();
      }
  }

  // Baselines: 由71.2%提升至85%以上, 从2个增加到5个, 由5家至10家; the
  // baseline's own comparator stands between 由 and it (由不低于80%提高至
  // 不低于90%: `b`, where the target's text begins, is before it).
  std::size_t link_baseline(const Quantity& q, Raw raw, std::size_t b, std::size_t e) {
    Target& t = raw.f.target;
    const std::size_t nb = std::min(q.begin, b);
    const std::size_t base_word = word_before(nb, tables().baseline_words);  // 由, 从
    if (q.range_to && base_word) {
      // 由5家至10家 written as a range: the first number is the baseline.
      t.baseline = t.low;
      t.value = t.high;
      t.low.reset();
      t.high.reset();
      t.cmp = Comparator::eq;
      b = nb - base_word;
    } else if (baseline_) {
      const std::string_view between = s_.substr(baseline_->f.end, nb - baseline_->f.end);
      if (baseline_->clause_begin == clause_ &&
          (between.find("至") != std::string_view::npos || between.find("到") != std::string_view::npos)) {
        t.baseline = baseline_->f.target.value;
        b = baseline_->f.begin;
        raw.subject_end = baseline_->subject_end;
        raw.item_begin = baseline_->item_begin;
        raw.floor = baseline_->floor;
        if (baseline_->f.target.aspirational) t.aspirational = true;
        baseline_.reset();
      } else {
        flush_baseline();
      }
    }
    raw.f.begin = b;
    raw.f.end = e;
    last_end_ = e;
    if (!q.n2 && base_word) {
      flush_baseline();
      raw.baseline_word = base_word;
      raw.f.begin = nb - base_word;  // the text includes 由/从
      raw.subject_end = nb - base_word;
      baseline_ = std::move(raw);
    } else {
      out_.push_back(std::move(raw));
    }
    return e;
  }

  // A number after 由/从 with no level after it is a target on its own.
  void flush_baseline() {
    if (!baseline_) return;
    baseline_->f.begin += baseline_->baseline_word;
    out_.push_back(std::move(*baseline_));
    baseline_.reset();
  }

  std::string_view s_;
  std::size_t begin_, end_;
  const std::vector<Range>& skip_;
  std::size_t clause_ = 0, item_ = 0, last_end_ = 0;
  std::size_t listed_ = std::string_view::npos;  // the last 、 (an enumeration when at or after clause_)
  int quote_ = 0;
  int bracket_ = 0;  // open brackets in the clause
  std::optional<Raw> baseline_;
  std::vector<Raw> out_;
  std::vector<Scope> policy_;                         // policy scopes, in order (find_frames)
  std::vector<Occurrence> rate_;                      // rate frames, in order
  std::vector<Occurrence> grants_;                    // grant and permissive words, in order
  std::vector<Occurrence> topics_;                    // topic words (围绕, 聚焦), in order
  std::vector<Occurrence> conditions_;                // clauses opening with 对: [clause, word)
  std::array<std::vector<Occurrence>, kCueKinds> cues_;  // cue words by kind, in order
  // Where run stops, in order (find_frames): the thread's buffer, reused by
  // every measure so that it is allocated once.
  std::vector<std::uint32_t>& scan_stops_ = stop_buffer();
  std::size_t recorded_stops_ = 0;       // how many of scan_stops_ find_frames wrote
  std::size_t next_stop_ = 0;            // the first of them run has not passed
  std::size_t unrecorded_ = std::string_view::npos;  // the first stop not recorded (too many), or npos
  bool recorded_ = true;                 // run reads scan_stops_ (else steps over the prose itself)
  Work* work_ = nullptr;
};

// Text between two found targets: a list joins them when only 、 和 及 与
// stand between (699个、69522户; 分别达到50%、85%以上).
bool joined(std::string_view s, const Raw& a, const Raw& b) {
  if (b.f.begin < a.f.end) return false;
  std::string_view between = s.substr(a.f.end, b.f.begin - a.f.end);
  while (!between.empty() && between.front() == ' ') between.remove_prefix(1);
  while (!between.empty() && between.back() == ' ') between.remove_suffix(1);
  return between == "、" || between == "和" || between == "及" || between == "与" ||
         between == "," || between == "，";
}

// The windows are views into the folded text, which outlives every use.
std::string_view window_before(std::string_view s, std::size_t from, std::size_t to) {
  if (to <= from) return {};
  std::size_t lo = to - from > kSubjectBefore ? to - kSubjectBefore : from;
  while (lo < to && (static_cast<unsigned char>(s[lo]) & 0xC0) == 0x80) ++lo;
  return s.substr(lo, to - lo);
}

std::string_view window_after(std::string_view s, std::size_t from, std::size_t limit) {
  std::size_t to = from;
  std::size_t n = 0;
  while (to < limit && n < kSubjectAfter) {
    std::size_t j = to;
    const char32_t c = next_cp(s, j);
    if (is_item_break(c)) break;
    n += j - to;
    to = j;
  }
  return s.substr(from, to - from);
}

// The last kSubjectBefore bytes of `s` (from a character start).
std::string_view tail(std::string_view s) { return window_before(s, 0, s.size()); }

// The parts of a list written before a cue (城区、县城污水处理率均达到…):
// split once per list, however many targets read it.
class ListParts {
 public:
  explicit ListParts(Work* work) : work_(work) {}
  const std::vector<std::string_view>& of(std::string_view s, std::size_t from, std::size_t to) {
    if (from != from_ || to != to_) {
      if (work_) work_->windows += to - from;
      parts_ = split_list(s.substr(from, to - from));
      from_ = from;
      to_ = to;
    }
    return parts_;
  }

 private:
  std::size_t from_ = std::string_view::npos, to_ = std::string_view::npos;
  std::vector<std::string_view> parts_;
  Work* work_;
};

// 公办幼儿园和普惠性幼儿园在园幼儿占比分别达到50%、85%: the parts of a list
// before 分别 are parallel, and what follows the first part's last word in
// the last part (在园幼儿占比) belongs to every part. Found only when that
// word recurs in the last part (批而未供土地、闲置土地处置率); parts with
// nothing in common (城区、县城污水处理率) are left as they are.
void share_tail(Words& words, std::vector<Raw>& raws, std::size_t i, std::size_t j) {
  const std::string& first = raws[i].f.target.subject;
  const std::string& last = raws[j - 1].f.target.subject;
  if (first.empty() || last.empty()) return;
  const std::vector<std::string_view>& w = words.split(first);
  if (w.empty()) return;
  const std::string head(w.back());
  const std::size_t at = last.find(head);
  if (at == std::string::npos || at == 0 || at + head.size() >= last.size()) return;
  const std::string shared = last.substr(at + head.size());
  for (std::size_t k = i; k + 1 < j; ++k) {
    std::string& sub = raws[k].f.target.subject;
    if (!sub.empty() && sub.ends_with(head)) sub += shared;
  }
}

// Whether the word right before a number, after linking words (达到, 不少于),
// is a verb or scope word of subject_words.tsv `lead`: the number then counts
// that verb's object (发放不少于1万张的消费券, 全省80%以上的学校).
bool governed_by_lead(Words& words, std::string_view window) {
  const std::vector<std::string_view>& w = words.split(strip_trail(window));
  return !w.empty() && tables().subject_lead_set.contains(w.back());
}

// Whether a number followed by 的 and a noun selects a class rather than
// stating a level to reach: a number with a comparator joined by 且 or 但 to
// a second condition (超过400万元且适宜…的), a sum with a comparator (500万元以下的企业), or a
// number with a noun before it that no verb governs (月销售额10万元以下的
// 纳税人, 年出栏3000头以上的基地). `r` gives the window before the number.
bool selects(Words& words, std::string_view folded, const Raw& r) {
  if (r.conjoined) return r.cmp_explicit;  // 160千瓦及以下且…的用户
  if (r.money && r.cmp_explicit) return true;
  const std::string_view window = window_before(folded, std::max(r.item_begin, r.floor), r.subject_end);
  if (governed_by_lead(words, window)) return false;
  const std::string noun = subject_before(words, window);
  return !noun.empty() && !names_agent(noun);  // 云溪县80%的乡镇: a share of the place's
}

// After a measure word, a list of descriptions or a threshold before 的
// describes the noun after 的 (70项|创新性强、成熟度高的|重大项目, 5个|收入过
// 200亿元的|软件产业集群): where that 的 stands, or npos when a clause ends
// first, no 、 or number comes before it, or it lies beyond kDescribedBytes.
std::size_t described_head(std::string_view s, std::size_t from, std::size_t limit) {
  const std::size_t stop = std::min(limit, from + kDescribedBytes);
  bool described = false, listed = false;
  for (std::size_t i = from; i < stop;) {
    const std::size_t at = i;
    const char32_t c = next_cp(s, i);
    if (c == U'的') return described ? at : std::string_view::npos;
    if (is_clause_end(c)) return std::string_view::npos;
    const bool digit = c >= '0' && c <= '9';
    // 50家研究院、50家中试基地和20家…的联合体: a number after 、 和 及 starts
    // the next item of a list of targets, each with its own noun.
    if (digit && listed) return std::string_view::npos;
    listed = listed || c == U'、' || c == U'和' || c == U'及';
    described = described || c == U'、' || digit;
  }
  return std::string_view::npos;
}

// Whether [a, b) is short (kSubjectBefore at most) and holds no end of a
// statement (。；).
bool same_statement(std::string_view s, std::size_t a, std::size_t b) {
  if (b < a || b - a > kSubjectBefore) return false;
  for (std::size_t i = a; i < b;)
    if (is_statement_end(next_cp(s, i))) return false;
  return true;
}

// Subjects, one by one: after a measure word the subject after it, else
// the one before; otherwise the one before, else the one after. Word
// segmentation is the costly part, so a window is segmented only when its
// subject can be the answer. A number that modifies a noun as a threshold
// (see selects) is marked in `threshold` and left out.
void find_subjects(std::string_view folded, std::size_t limit, std::vector<Raw>& raws, std::vector<bool>& threshold,
                   Words& words) {
  threshold.assign(raws.size(), false);
  for (std::size_t i = 0; i < raws.size(); ++i) {
    Raw& r = raws[i];
    if (r.modifier && selects(words, folded, r)) {
      threshold[i] = true;
      continue;
    }
    auto before = [&] {
      return subject_before(words, window_before(folded, std::max(r.item_begin, r.floor), r.subject_end));
    };
    auto after = [&] {
      const std::size_t from = r.suffix_cmp ? r.f.end : r.unit_end;
      if (const std::size_t de = described_head(folded, from, limit); de != std::string_view::npos)
        if (std::string head = subject_after(words, window_after(folded, de, limit)); !head.empty()) return head;
      return subject_after(words, window_after(folded, from, limit));
    };
    std::string subject = r.count_unit ? after() : before();
    if (subject.empty()) subject = r.count_unit ? before() : after();
    if (subject.empty())
      subject = subject_activity(words, window_before(folded, std::max(r.item_begin, r.floor), r.subject_end));
    if (r.each) {
      // 青川、临江各5处: the value holds for each listed item; the subject
      // is what is counted when it follows, else the list.
      subject = after();
      if (subject.empty())
        subject = subject_list(words, window_before(folded, std::max(r.clause_begin, r.floor), r.each_at));
    }
    // 社会消费品零售总额突破3万亿元、年均增长9%以上: a rate of change with no
    // subject of its own is the rate of the level stated before it in the
    // sentence.
    if (subject.empty() && r.f.target.growth && i > 0 && !threshold[i - 1] &&
        same_statement(folded, raws[i - 1].f.end, r.num_begin))
      subject = raws[i - 1].f.target.subject;
    r.f.target.subject = std::move(subject);
  }
}

// A sum right before a sized noun that the next number counts, in one
// clause and with no punctuation between, is the size class of what is
// counted: 主营业务收入10亿元以上企业达到40家, 新增50亿元工业企业1家. The
// count is the target; the sum selects (docs/targets.md). Bounded: the text
// between two neighbouring numbers, at most kSizedBytes.
bool sizes_next(std::string_view s, const Raw& sum, const Raw& next) {
  if (!sum.money || !next.count_unit || next.clause_begin != sum.clause_begin) return false;
  if (next.f.begin <= sum.f.end || next.f.begin - sum.f.end > kSizedBytes) return false;
  const std::string_view between = strip_trail(s.substr(sum.f.end, next.f.begin - sum.f.end));
  if (between.empty() || has_punct(between)) return false;
  const Tables& t = tables();
  // A lead verb between makes the sum an amount of its own (投资8亿元建设项目30个).
  for (const auto& w : t.subject_lead)
    if (w.size() > 3 && between.find(w) != std::string_view::npos) return false;
  for (const auto& w : t.negative_sized)
    if (between.ends_with(w)) return true;
  return false;
}

// Drops the sums that size the noun a neighbouring count counts.
void drop_size_classes(std::string_view s, std::vector<Raw>& raws, std::vector<bool>& threshold) {
  std::size_t out = 0;
  for (std::size_t i = 0; i < raws.size(); ++i) {
    if (i + 1 < raws.size() && sizes_next(s, raws[i], raws[i + 1])) continue;
    if (out != i) {
      raws[out] = std::move(raws[i]);
      threshold[out] = threshold[i];
    }
    ++out;
  }
  raws.resize(out);
  threshold.resize(out);
}

}  // namespace

std::vector<Found> find_targets(std::string_view folded, Range prose, const std::vector<Range>& skip, Work* work) {
  std::vector<Raw> raws = Scanner(folded, prose, skip, work).run();
  if (raws.empty()) return {};
  const std::size_t limit = std::min(prose.end, folded.size());
  thread_local Words words;
  struct Counting {  // the thread's Words counts for this call only
    Words& w;
    ~Counting() { w.set_work(nullptr); }
  } counting{words};
  words.set_work(work);
  std::vector<bool> threshold;
  find_subjects(folded, limit, raws, threshold, words);
  drop_size_classes(folded, raws, threshold);

  // Lists.
  std::vector<Found> out;
  ListParts list_parts(work);
  for (std::size_t i = 0; i < raws.size();) {
    std::size_t j = i + 1;
    while (j < raws.size() && joined(folded, raws[j - 1], raws[j])) ++j;
    const std::size_t n = j - i;
    Raw& head = raws[i];
    // 1亿元、2亿元、5亿元以上的企业, 不少于300人、600人的团队: the whole list
    // selects, as its last item or its first one (which holds the noun
    // before the list) says.
    if (threshold[j - 1] || (n > 1 && raws[j - 1].modifier && selects(words, folded, head))) {
      i = j;
      continue;
    }
    if (n > 1) {
      // A comparator written once for the whole list: 分别达到50%、85%以上.
      const Raw& last = raws[j - 1];
      if (head.list_cue == Cue::distributive) {
        for (std::size_t k = i; k < j; ++k) {
          if (!raws[k].cmp_explicit && last.suffix_cmp) raws[k].f.target.cmp = last.f.target.cmp;
          if (!raws[k].cmp_explicit && head.prefix_cmp) raws[k].f.target.cmp = head.f.target.cmp;
        }
        // One subject per value, listed before 分别.
        const auto& parts = list_parts.of(folded, head.clause_begin, head.list_cue_at);
        if (parts.size() == n) {
          for (std::size_t k = 0; k < n; ++k) {
            std::string sub = subject_before(words, tail(parts[k]));
            if (!sub.empty()) raws[i + k].f.target.subject = std::move(sub);
          }
          share_tail(words, raws, i, j);
        }
      }
      // Items without a subject of their own share the one before: 小区699个、69522户.
      for (std::size_t k = i + 1; k < j; ++k)
        if (raws[k].f.target.subject.empty())
          raws[k].f.target.subject = raws[k - 1].f.target.subject;
    }
    if (n == 1 && head.list_cue == Cue::shared) {
      // 城区、县城污水处理率均达到95%: one target per subject.
      const auto& parts = list_parts.of(folded, head.clause_begin, head.list_cue_at);
      if (parts.size() > 1 && parts.size() <= kMaxListParts) {
        for (const auto& p : parts) {
          Found f = head.f;
          f.target.subject = subject_before(words, tail(p));
          out.push_back(std::move(f));
        }
        i = j;
        continue;
      }
    }
    for (std::size_t k = i; k < j; ++k)
      if (!threshold[k]) out.push_back(std::move(raws[k].f));
    i = j;
  }
  return out;
}

}  // namespace targets

namespace {

// The milestone a target belongs to: the one whose span holds it, else the
// nearest one before it, else an implied (undated) milestone. Milestones are
// in text order and do not overlap, so a binary search finds it: a measure
// with thousands of deadlines and targets stays linear-logarithmic.
Milestone* milestone_for(Measure& m, const Span& t) {
  auto& ms = m.milestones;
  auto it = std::upper_bound(ms.begin(), ms.end(), t.byte_start, [](std::size_t pos, const Milestone& x) {
    return !x.span.empty() && pos < x.span.byte_start;
  });
  while (it != ms.begin()) {
    --it;
    if (!it->span.empty() && it->span.byte_start <= t.byte_start) return &*it;
  }
  for (Milestone& x : ms)
    if (x.deadline.kind == DeadlineKind::implied) return &x;
  return nullptr;
}

}  // namespace

void extract_targets(Document& doc) {
  const std::string_view folded = doc.text.folded();
  for (MeasureSlot& slot : doc.measures) {
    if (!slot.measure) continue;
    Range prose = slot.body.empty() ? slot.range : slot.body;
    std::vector<Range> skip;
    for (const Range& a : slot.annotations)
      if (!a.empty() && a.end > prose.begin && a.begin < prose.end) skip.push_back(a);
    std::sort(skip.begin(), skip.end(), [](const Range& a, const Range& b) { return a.begin < b.begin; });
    auto found = targets::find_targets(folded, prose, skip);
    slot.measure->targets.reserve(slot.measure->targets.size() + found.size());
    for (auto& f : found) {
      Target t = std::move(f.target);
      // The span holds the original byte range: one offset lookup per end,
      // not two (original_slice would repeat them).
      t.span = doc.text.span(f.begin, f.end);
      t.text = doc.text.excerpt(t.span);
      // Stored once, in the measure; its milestone refers to it by index
      // (ascending, as targets come in text order).
      if (Milestone* ms = milestone_for(*slot.measure, t.span))
        ms->target_indices.push_back(static_cast<std::uint32_t>(slot.measure->targets.size()));
      slot.measure->targets.push_back(std::move(t));
    }
  }
}

}  // namespace taizhang::detail
