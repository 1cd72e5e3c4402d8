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

#include <taizhang/numerals.hpp>

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/ustring.h>

#include <algorithm>
#include <array>
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
constexpr std::size_t kMaxSubjectBytes = 16 * 3;  // sixteen Chinese characters

// Decodes at s[i] (valid UTF-8: the folded text is validated). Returns the
// length, 0 at the end.
std::size_t cp_at(std::string_view s, std::size_t i, char32_t& cp) noexcept {
  if (i >= s.size()) return 0;
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

// Ends a clause: flags (力争, 累计) and comparators do not reach across it.
bool is_clause_break(char32_t c) noexcept {
  switch (c) {
    case U'，': case ',': case U'；': case ';': case U'。': case U'！': case '!':
    case U'？': case '?': case U'：': case ':': case '\n':
      return true;
    default:
      return false;
  }
}

// Ends an item inside a clause: a subject does not reach across it.
bool is_item_break(char32_t c) noexcept {
  switch (c) {
    case U'、': case '(': case ')': case U'（': case U'）': case U'【': case U'】':
    case '[': case ']':
      return true;
    default:
      return is_clause_break(c);
  }
}

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

std::size_t skip_spaces(std::string_view s, std::size_t i, std::size_t end) noexcept {
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

constexpr char32_t kClauseBreaks[] = {U'，', U',', U'；', U';', U'。', U'！', U'!', U'？', U'?', U'：', U':', U'\n'};

// What Scanner::run acts on: clause and item breaks, quotes, numeral
// characters and 过 (过半).
const StopChars& scan_chars() {
  static const StopChars c = [] {
    StopChars s(numeral_chars_bmp());
    for (char32_t x : kClauseBreaks) s.add(x);
    for (char32_t x : {U'、', U'(', U')', U'（', U'）', U'【', U'】', U'[', U']', U'“', U'《', U'「',
                       U'『', U'〈', U'”', U'》', U'」', U'』', U'〉', U'过'})
      s.add(x);
    return s;
  }();
  return c;
}

// What Scanner::find_entitlements acts on: clause breaks and the first
// characters of the permissive words.
const StopChars& entitlement_chars() {
  static const StopChars c = [] {
    StopChars s;
    for (char32_t x : kClauseBreaks) s.add(x);
    for (const auto& w : tables().negative_permissive)
      if (const char32_t f = first_cp(w); f <= 0xFFFF) s.add(f);
    return s;
  }();
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
  // The words of `utf8`, as views into it; valid until the next call.
  const std::vector<std::string_view>& split(std::string_view utf8) {
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
      if (rest.starts_with("“")) {
        const std::size_t close = rest.find("”");
        if (close != std::string_view::npos) {
          out.push_back(rest.substr(0, close + 3));
          p += close + 3;
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
    {
      // As UnicodeString::fromUTF8, into the buffer of the last window (a
      // UTF-16 string never has more units than its UTF-8 has bytes).
      const auto size = static_cast<std::int32_t>(utf8.size());
      UChar* buf = u.getBuffer(size + 1);
      std::int32_t n = 0;
      UErrorCode st = U_ZERO_ERROR;
      if (buf) u_strFromUTF8WithSub(buf, size + 1, &n, utf8.data(), size, 0xFFFD, nullptr, &st);
      u.releaseBuffer(buf && U_SUCCESS(st) ? n : 0);
    }
    // UTF-16 index → UTF-8 byte offset, walking both strings together.
    std::vector<std::size_t>& byte_at = byte_at_;
    byte_at.assign(static_cast<std::size_t>(u.length()) + 1, utf8.size());
    {
      std::size_t b = 0;
      std::int32_t k = 0;
      while (k < u.length() && b < utf8.size()) {
        byte_at[static_cast<std::size_t>(k)] = b;
        const UChar32 c = u.char32At(k);
        k += U16_LENGTH(c);
        b += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
      }
    }
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
  return u_ispunct(static_cast<UChar32>(c)) || is_space(c) || c == U'“' || c == U'”';
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
  while (to > from && is_punct_word(w[to - 1]) && w[to - 1] != "”") --to;
  // An opening quote whose closing one was kept, or vice versa, is fine;
  // a lone trailing quote is not.
  std::string s = join(w, from, to);
  if (s.ends_with("”") && s.find("“") == std::string::npos) s.resize(s.size() - 3);
  return s;
}

// The subject written before a number: the last noun phrase of `window`.
std::string subject_before(Words& words, std::string_view window) {
  window = strip_trail(window);
  const std::vector<std::string_view>& w = words.split(window);
  const Tables& t = tables();
  std::size_t from = w.size();
  std::size_t bytes = 0;
  while (from > 0 && bytes + w[from - 1].size() <= kMaxSubjectBytes) {
    const std::string_view x = w[from - 1];
    if (t.subject_stop_set.contains(x) || all_numeral(x) || t.long_cue_set.contains(x)) break;
    if (is_punct_word(x) && !x.starts_with("“")) break;
    bytes += x.size();
    --from;
  }
  return clean_front(w, from, w.size());
}

// The subject written after a unit: 58个综合养老服务中心.
std::string subject_after(Words& words, std::string_view window) {
  const std::vector<std::string_view>& w = words.split(window);
  const Tables& t = tables();
  std::size_t from = 0;
  while (from < w.size() && t.subject_lead_set.contains(w[from])) ++from;
  std::size_t to = from;
  std::size_t bytes = 0;
  while (to < w.size() && bytes + w[to].size() <= kMaxSubjectBytes) {
    const std::string_view x = w[to];
    if (t.subject_stop_set.contains(x) || t.subject_stop_after_set.contains(x) || has_digit(x) ||
        all_numeral(x) || (is_punct_word(x) && !x.starts_with("“")))
      break;
    bytes += x.size();
    ++to;
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
  bool count_unit = false;      // a measure word: the subject usually follows
  bool cmp_explicit = false;
  bool suffix_cmp = false;
  bool prefix_cmp = false;
  std::optional<Cue> list_cue;  // distributive / shared
  std::size_t list_cue_at = 0;
};

class Scanner {
 public:
  Scanner(std::string_view s, Range prose, const std::vector<Range>& skip)
      : s_(s), begin_(std::min(prose.begin, s.size())), end_(std::min(prose.end, s.size())),
        skip_(skip) {
    find_entitlements();
  }

  std::vector<Raw> run() {
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
      pos = scan_chars().skip(s_, pos, stop);
      if (pos >= stop) continue;
      char32_t c = 0;
      const std::size_t len = cp_at(s_, pos, c);
      if (len == 0) break;
      if (is_clause_break(c)) {
        flush_baseline();
        clause_ = item_ = pos + len;
        if (c == U'。' || c == '\n') quote_ = 0;
      } else if (is_item_break(c)) {
        item_ = pos + len;
      } else if (opens_quote(c)) {
        ++quote_;
      } else if (closes_quote(c)) {
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

  // Sentences (up to 。；！？ or a line end) that grant something (可申请,
  // 可返还): the numbers there are the entitlement's terms — refund rates,
  // loan ceilings, eligibility thresholds — not commitments. The scope runs
  // from the permissive word's clause to the end of the sentence, and from
  // the start of the sentence when the clause before it is a 的-condition
  // (…劳动合同的，可申请…). One pass, so linear in the prose.
  void find_entitlements() {
    const auto& words = tables().negative_permissive;
    const WordIndex& first = tables().permissive_first;
    if (words.empty()) return;
    std::size_t sentence = begin_, clause = begin_;
    bool condition_before = false;  // the clause before `clause` ends in 的
    constexpr std::size_t none = std::string_view::npos;
    std::size_t scope = none;  // start of the current sentence's entitlement
    const StopChars& stops = entitlement_chars();
    for (std::size_t pos = begin_; pos < end_;) {
      pos = stops.skip(s_, pos, end_);
      if (pos >= end_) break;
      char32_t c = 0;
      const std::size_t len = cp_at(s_, pos, c);
      if (len == 0) break;
      const bool sentence_end = c == U'。' || c == U'；' || c == ';' || c == U'！' || c == '!' ||
                                c == U'？' || c == '?' || c == '\n';
      if (sentence_end || is_clause_break(c)) {
        if (sentence_end) {
          if (scope != none) policy_.push_back(Range{scope, pos});
          scope = none;
          sentence = pos + len;
          condition_before = false;
        } else {
          condition_before = last_non_space(pos) == U'的';
        }
        clause = pos + len;
      } else if (scope == none && first.maybe(c)) {
        const std::string_view rest = s_.substr(pos, end_ - pos);
        for (const std::uint16_t i : first.at(c))
          if (rest.starts_with(words[i])) {
            scope = condition_before ? sentence : clause;
            break;
          }
      }
      pos += len;
    }
    if (scope != none) policy_.push_back(Range{scope, end_});
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

  bool in_entitlement(std::size_t pos) const {
    auto it = std::upper_bound(policy_.begin(), policy_.end(), pos,
                               [](std::size_t p, const Range& r) { return p < r.begin; });
    return it != policy_.begin() && pos < (it - 1)->end;
  }

  // 最高不超过15万元, 最低500元: the ceiling or floor of an entitlement.
  bool capped(std::size_t nb) const {
    const std::size_t lo = std::max({item_, last_end_, begin_, nb >= kCmpWindow ? nb - kCmpWindow : begin_});
    std::string_view win = trim_spaces_back(s_.substr(lo, nb - lo));
    if (const ComparatorWord* c = comparator_ending(win, Where::before))
      win = trim_spaces_back(win.substr(0, win.size() - c->word.size()));
    for (const auto& w : tables().negative_cap)
      if (win.ends_with(w)) return true;
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

  bool ends_with_at(std::size_t pos, std::string_view w) const {
    return pos >= begin_ + w.size() && s_.substr(pos - w.size(), w.size()) == w;
  }

  std::size_t candidate(std::size_t pos) {
    const std::optional<Numeral> n = numeral_at(pos);
    if (!n) return skip_run(pos);
    const std::size_t nb = pos;
    std::size_t ne = pos + n->length;
    const char32_t before = cp_before(s_, nb, begin_);
    // Codes: S319, G208, 5G, 2.0版.
    char32_t first = 0;
    cp_at(s_, nb, first);
    if (first < 0x80 && is_ascii_alpha(before)) return skip_code(nb);

    std::size_t q = skip_spaces(s_, ne, end_);
    const UnitWord* unit = unit_at(s_.substr(q, end_ - q));
    std::size_t ue = unit ? q + unit->word.size() : ne;
    std::optional<Numeral> n2;
    bool range_to = false;  // the separator was 至/到

    // A range: 3—5家, 7-10个, 3至5家, 1～3, 3%-5%.
    {
      std::size_t r = unit ? ue : q;
      char32_t sep = 0;
      std::size_t sl = cp_at(s_, r, sep);
      if (sl != 0 && r < end_ && is_range_sep(sep)) {
        std::size_t r2 = r + sl;
        char32_t sep2 = 0;
        if (const std::size_t l2 = cp_at(s_, r2, sep2); l2 && sep2 == sep && sep != U'至' && sep != U'到')
          r2 += l2;  // ——
        r2 = skip_spaces(s_, r2, end_);
        char32_t d = 0;
        if (r2 < end_ && cp_at(s_, r2, d) && starts_numeral(d)) {
          n2 = numeral_at(r2);
          if (n2 && !n2->fraction) {
            std::size_t q2 = skip_spaces(s_, r2 + n2->length, end_);
            const UnitWord* u2 = unit_at(s_.substr(q2, end_ - q2));
            if (unit && u2 && u2->unit != unit->unit) {
              n2.reset();  // 3个、5户: not one range
            } else {
              range_to = sep == U'至' || sep == U'到';
              if (u2) unit = u2;
              ne = r2 + n2->length;
              q = q2;
              ue = u2 ? q2 + u2->word.size() : (unit ? ue : ne);
              if (!u2 && unit) ue = ne;  // unit only before the separator: 3个—5
            }
          } else {
            n2.reset();
          }
        }
      }
    }

    // An infix comparator: 1000余个, 3万多人.
    std::optional<Comparator> infix;
    double infix_scale = 1;
    if (!unit && !n2) {
      if (const ComparatorWord* cw = comparator_at(s_.substr(q, end_ - q), Where::infix)) {
        std::size_t q2 = q + cw->word.size();
        // A scale word may follow: 1000余万人次.
        double scale = 1;
        if (s_.substr(q2).starts_with("万")) scale = 1e4;
        else if (s_.substr(q2).starts_with("亿")) scale = 1e8;
        const UnitWord* u = unit_at(s_.substr(q2, end_ - q2));
        if (scale != 1 && (!u || u->word.size() == 3)) {  // 万 is not part of a unit word like 万元
          const UnitWord* u2 = unit_at(s_.substr(q2 + 3, end_ - std::min(end_, q2 + 3)));
          if (u2) { u = u2; q2 += 3; } else { scale = 1; }
        } else {
          scale = 1;
        }
        if (u) {
          infix = cw->cmp;
          unit = u;
          ue = q2 + u->word.size();
          infix_scale = scale;
        }
      }
    }

    std::size_t e = ue;
    // Compound units: 座/平方千米, 人/万人.
    std::string unit_name = unit ? unit->unit : std::string();
    if (unit && unit->kind != UnitKind::not_target && e < end_ && s_[e] == '/') {
      if (const UnitWord* u2 = unit_at(s_.substr(e + 1, end_ - e - 1));
          u2 && u2->kind == UnitKind::quantity) {
        unit_name += "/" + u2->unit;
        e += 1 + u2->word.size();
      }
    }

    // ----- not targets -----
    const bool percent = n->percent || (n2 && n2->percent) || (unit && unit->kind == UnitKind::percent);
    bool keep = true;
    if (unit && unit->kind == UnitKind::not_target) keep = false;      // 2022年, 80岁, 36号
    if (!unit && !percent) keep = false;                               // no unit: not a quantity
    if (quote_ > 0) keep = false;                                      // “13445”, 《…》
    if (n->fraction || (n2 && n2->fraction)) keep = false;             // 过半, 三分之一: progress
    {
      char32_t after = 0;
      if (!unit && cp_at(s_, ne, after) && after < 0x80 && is_ascii_alpha(after) && !n->percent)
        return skip_code(nb);  // 5G
    }
    for (const auto& w : tables().negative_before)
      if (ends_with_at(nb, w)) keep = false;  // 第八批, 每万人
    // A lone 一 before a measure word is an article more often than a count
    // (一个窗口, 一张图, 一批): not a target.
    if (n->chinese && n->value == 1 && n->length <= 3 && !n2) keep = false;
    if (keep && negative_phrase(nb, e)) keep = false;
    if (keep && (in_entitlement(nb) || capped(nb))) keep = false;  // policy parameters
    if (!keep) {
      flush_baseline();
      // A year or a count that is no target still ends the text a later
      // subject may use; a lone numeral character inside a word (一般, 零售)
      // does not.
      if (unit || percent) last_end_ = e;
      return std::max(e, nb + 1);
    }

    Raw raw;
    Target& t = raw.f.target;
    raw.num_begin = nb;
    raw.unit_end = e;
    raw.clause_begin = clause_;
    raw.item_begin = item_;
    raw.floor = last_end_;
    raw.count_unit = unit && unit->kind == UnitKind::count;
    const double factor = (unit ? unit->factor : 1) * infix_scale;
    t.unit = percent && unit_name.empty() ? "%" : unit_name;
    if (n2) {
      t.low = n->value * factor;
      t.high = n2->value * factor;
      t.cmp = Comparator::range;
      raw.cmp_explicit = true;
    } else {
      t.value = n->value * factor;
    }
    if (infix) {
      t.cmp = *infix;
      raw.cmp_explicit = true;
    }

    // Suffix comparator: 85%以上, 10场次以上, 5%以内.
    std::size_t b = nb;
    {
      const std::size_t a = skip_spaces(s_, e, end_);
      if (!n2) {
        if (const ComparatorWord* cw = comparator_at(s_.substr(a, end_ - a), Where::after)) {
          t.cmp = cw->cmp;
          raw.cmp_explicit = raw.suffix_cmp = true;
          e = a + cw->word.size();
        }
      }
    }
    // Prefix comparator in the same item, with no number in between:
    // 不少于4所, 约1.55万个, 不低于中等职业学校总量的30%. One-character words
    // (约, 近) must touch the number: 节约, 制约 are not comparators.
    raw.subject_end = nb;
    if (!n2) {
      const std::size_t lo = std::max({item_, last_end_, nb >= kCmpWindow ? nb - kCmpWindow : begin_, begin_});
      std::string_view win = trim_spaces_back(s_.substr(lo, nb - lo));
      const ComparatorWord* adj = comparator_ending(win, Where::before);
      if (adj) {
        if (!raw.suffix_cmp && !infix) t.cmp = adj->cmp;
        raw.cmp_explicit = raw.prefix_cmp = true;
        b = lo + win.size() - adj->word.size();
      } else {
        // The last occurrence of every comparator word in the window, in
        // one pass; then the one that ends last, as before.
        const Tables& tb = tables();
        last_at_.assign(tb.comparators.size(), std::string_view::npos);
        for_each_word_start(win, tb.comparators_first, [&](std::size_t p, std::span<const std::uint16_t> ids) {
          for (const std::uint16_t i : ids) {
            const std::string& w = tb.comparators[i].word;
            if (p + w.size() <= win.size() && win.compare(p, w.size(), w) == 0) last_at_[i] = p;
          }
        });
        std::size_t best = std::string_view::npos, best_end = 0;
        const ComparatorWord* bw = nullptr;
        for (std::size_t ci = 0; ci < tb.comparators.size(); ++ci) {
          const ComparatorWord& cw = tb.comparators[ci];
          if (cw.where != Where::before || cw.word.size() <= 3) continue;
          const std::size_t f = last_at_[ci];
          if (f != std::string_view::npos && f + cw.word.size() > best_end) {
            best = f;
            best_end = f + cw.word.size();
            bw = &cw;
          }
        }
        if (bw) {
          if (!raw.suffix_cmp && !infix) t.cmp = bw->cmp;
          raw.cmp_explicit = raw.prefix_cmp = true;
          raw.subject_end = lo + best;  // 达标学校数量原则上|不低于…的30%
        }
      }
    }

    // Cues in the clause before the number.
    {
      // The last occurrence of every cue word in the clause, in one pass.
      const std::string_view clause = s_.substr(clause_, nb - clause_);
      const Tables& tb = tables();
      last_at_.assign(tb.cues.size(), std::string_view::npos);
      for_each_word_start(clause, tb.cues_first, [&](std::size_t p, std::span<const std::uint16_t> ids) {
        for (const std::uint16_t i : ids) {
          const std::string& w = tb.cues[i].word;
          if (p + w.size() <= clause.size() && clause.compare(p, w.size(), w) == 0) last_at_[i] = p;
        }
      });
      for (std::size_t ci = 0; ci < tb.cues.size(); ++ci) {
        const CueWord& cw = tb.cues[ci];
        const bool in_clause = last_at_[ci] != std::string_view::npos;
        switch (cw.cue) {
          case Cue::aspirational:
            if (in_clause) t.aspirational = true;
            break;
          case Cue::cumulative:
            if (in_clause) t.cumulative = true;
            break;
          case Cue::increment:
            if (in_clause) t.increment = true;
            break;
          case Cue::growth: {
            // Only right before the number: 增长6.2%, 同比增长8%; 提高到85% is a level.
            std::string_view w = trim_spaces_back(s_.substr(clause_, b - clause_));
            if (w.ends_with(cw.word)) t.growth = true;
            break;
          }
          case Cue::distributive:
          case Cue::shared: {
            const std::string_view item = clause;
            const std::size_t f = last_at_[ci];
            if (f == std::string_view::npos) break;
            if (cw.cue == Cue::shared && f >= 3) {
              // 均 inside 人均, 平均 is not "each".
              const std::string_view prev = item.substr(f - 3, 3);
              if (prev == "人" || prev == "平") break;
            }
            if (!raw.list_cue || clause_ + f > raw.list_cue_at) {
              raw.list_cue = cw.cue;
              raw.list_cue_at = clause_ + f;
            }
            break;
          }
          case Cue::baseline:
            break;
        }
      }
    }

    // Baselines: 由71.2%提升至85%以上, 从2个增加到5个.
    const bool is_baseline_start = !n2 && (ends_with_at(nb, "由") || ends_with_at(nb, "从"));
    if (range_to && (ends_with_at(nb, "由") || ends_with_at(nb, "从"))) {
      // 由5家至10家 written as a range: the first number is the baseline.
      t.baseline = t.low;
      t.value = t.high;
      t.low.reset();
      t.high.reset();
      t.cmp = Comparator::eq;
      b = nb - 3;
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
    if (is_baseline_start) {
      flush_baseline();
      raw.f.begin = nb - 3;  // include 由/从
      raw.subject_end = nb - 3;
      baseline_ = std::move(raw);
    } else {
      out_.push_back(std::move(raw));
    }
    return e;
  }

  // A number after 由/从 with no level after it is a target on its own.
  void flush_baseline() {
    if (!baseline_) return;
    baseline_->f.begin += 3;
    out_.push_back(std::move(*baseline_));
    baseline_.reset();
  }

  std::string_view s_;
  std::size_t begin_, end_;
  const std::vector<Range>& skip_;
  std::size_t clause_ = 0, item_ = 0, last_end_ = 0;
  int quote_ = 0;
  std::optional<Raw> baseline_;
  std::vector<Raw> out_;
  std::vector<Range> policy_;  // entitlement sentences, in order (find_entitlements)
  std::vector<std::size_t> last_at_;  // scratch: last occurrence of each word of a table
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

}  // namespace

std::vector<Found> find_targets(std::string_view folded, Range prose, const std::vector<Range>& skip) {
  std::vector<Raw> raws = Scanner(folded, prose, skip).run();
  if (raws.empty()) return {};
  const std::size_t limit = std::min(prose.end, folded.size());
  thread_local Words words;

  // Subjects, one by one: after a measure word the subject after it, else
  // the one before; otherwise the one before, else the one after. Word
  // segmentation is the costly part, so a window is segmented only when
  // its subject can be the answer.
  for (Raw& r : raws) {
    auto before = [&] {
      return subject_before(words, window_before(folded, std::max(r.item_begin, r.floor), r.subject_end));
    };
    auto after = [&] {
      return subject_after(words, window_after(folded, r.suffix_cmp ? r.f.end : r.unit_end, limit));
    };
    std::string subject = r.count_unit ? after() : before();
    if (subject.empty()) subject = r.count_unit ? before() : after();
    r.f.target.subject = std::move(subject);
  }

  // Lists.
  std::vector<Found> out;
  for (std::size_t i = 0; i < raws.size();) {
    std::size_t j = i + 1;
    while (j < raws.size() && joined(folded, raws[j - 1], raws[j])) ++j;
    const std::size_t n = j - i;
    Raw& head = raws[i];
    if (n > 1) {
      // A comparator written once for the whole list: 分别达到50%、85%以上.
      const Raw& last = raws[j - 1];
      if (head.list_cue == Cue::distributive) {
        for (std::size_t k = i; k < j; ++k) {
          if (!raws[k].cmp_explicit && last.suffix_cmp) raws[k].f.target.cmp = last.f.target.cmp;
          if (!raws[k].cmp_explicit && head.prefix_cmp) raws[k].f.target.cmp = head.f.target.cmp;
        }
        // One subject per value, listed before 分别.
        const std::string_view listed =
            folded.substr(head.clause_begin, head.list_cue_at - head.clause_begin);
        const std::vector<std::string_view> parts = split_list(listed);
        if (parts.size() == n)
          for (std::size_t k = 0; k < n; ++k) {
            std::string sub = subject_before(words, parts[k]);
            if (!sub.empty()) raws[i + k].f.target.subject = std::move(sub);
          }
      }
      // Items without a subject of their own share the one before: 小区699个、69522户.
      for (std::size_t k = i + 1; k < j; ++k)
        if (raws[k].f.target.subject.empty())
          raws[k].f.target.subject = raws[k - 1].f.target.subject;
    }
    if (n == 1 && head.list_cue == Cue::shared) {
      // 城区、县城污水处理率均达到95%: one target per subject.
      const std::string_view listed =
          folded.substr(head.clause_begin, head.list_cue_at - head.clause_begin);
      const std::vector<std::string_view> parts = split_list(listed);
      if (parts.size() > 1) {
        for (const auto& p : parts) {
          Found f = head.f;
          f.target.subject = subject_before(words, p);
          out.push_back(std::move(f));
        }
        i = j;
        continue;
      }
    }
    for (std::size_t k = i; k < j; ++k) out.push_back(std::move(raws[k].f));
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
    if (x.deadline.implied) return &x;
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
    for (auto& f : targets::find_targets(folded, prose, skip)) {
      Target t = std::move(f.target);
      // The span holds the original byte range: one offset lookup per end,
      // not two (original_slice would repeat them).
      t.span = doc.text.span(f.begin, f.end);
      t.text = std::string(doc.text.original().substr(t.span.byte_start, t.span.byte_end - t.span.byte_start));
      if (Milestone* ms = milestone_for(*slot.measure, t.span)) ms->targets.push_back(t);
      slot.measure->targets.push_back(std::move(t));
    }
  }
}

}  // namespace taizhang::detail
