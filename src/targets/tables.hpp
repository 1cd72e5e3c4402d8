// The targets stage's rules, parsed once from the compiled-in tables
// (units.tsv, comparators.tsv, target_cues.tsv, target_negatives.tsv,
// subject_words.tsv).
#pragma once

#include <taizhang/model.hpp>

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace taizhang::detail::targets {

// money: a sum (元, 万元, 美元); otherwise read like a quantity, but a sum or
// a percentage governed by a rate frame (按…, 费率, 额度) is a parameter.
// duration: a processing time (个工作日, 天), a target only when a limit word
// governs it (压缩至5个工作日).
enum class UnitKind { count, quantity, money, percent, duration, not_target };

struct UnitWord {
  std::string word;  // as written after the number: 万平方米
  std::string unit;  // as reported: 平方米
  double factor = 1;  // 10000 for 万平方米
  UnitKind kind = UnitKind::count;
};

enum class Where { before, after, infix };

struct ComparatorWord {
  std::string word;
  Comparator cmp = Comparator::eq;
  Where where = Where::before;
};

enum class Cue {
  aspirational, cumulative, increment, growth, baseline, distributive, shared, each,
  commitment, limit, limit_after
};
inline constexpr std::size_t kCueKinds = 11;

struct CueWord {
  std::string word;
  Cue cue = Cue::aspirational;
};

enum class SubjectRole { trail, stop, lead };

// What a word found before a number in its sentence does to it
// (target_negatives.tsv classes grant, rate, permissive, condition, topic,
// none, and the cue words of target_cues.tsv).
enum class Frame { cue, permissive, grant, rate, condition, topic, none };

struct FrameWord {
  std::string word;
  Frame frame = Frame::cue;
  Cue cue = Cue::aspirational;  // for Frame::cue
};

// Words of a list grouped by their first (or last) code point, so a lookup at
// a text position tries only the few words that can match there instead of
// every word of the list. A group keeps the list's order (longest first
// where the list is), so the first match of a group is the list's first
// match. Built once with the tables; a 4096-bit filter rejects most
// characters before the binary search.
class WordIndex {
 public:
  enum class End { first, last };
  WordIndex() = default;
  WordIndex(const std::vector<std::string_view>& words, End end);

  // Positions in the list of the words that begin (or end) with `cp`.
  std::span<const std::uint16_t> at(char32_t cp) const noexcept {
    if (!(filter_[(cp >> 6) & 63] >> (cp & 63) & 1)) return {};
    for (std::size_t h = slot_of(cp);; h = (h + 1) & mask_) {
      const Slot& s = slots_[h];
      if (s.cp == cp) return {ids_.data() + s.begin, ids_.data() + s.end};
      if (s.cp == kEmptySlot) return {};
    }
  }
  bool maybe(char32_t cp) const noexcept { return filter_[(cp >> 6) & 63] >> (cp & 63) & 1; }
  std::size_t longest() const noexcept { return longest_; }

 private:
  // The keys (first or last code points) in an open-addressing table of
  // at least twice their number: a lookup is one or two probes, where a
  // binary search over a few hundred keys mispredicted its way down.
  static constexpr char32_t kEmptySlot = 0xFFFFFFFF;
  struct Slot {
    char32_t cp = kEmptySlot;
    std::uint32_t begin = 0, end = 0;  // the key's run in ids_
  };
  std::size_t slot_of(char32_t cp) const noexcept { return (cp * 0x9E3779B1u) >> shift_ & mask_; }

  std::array<std::uint64_t, 64> filter_{};
  std::vector<Slot> slots_{Slot{}};
  std::size_t mask_ = 0;
  unsigned shift_ = 0;
  std::vector<std::uint16_t> ids_;
  std::size_t longest_ = 0;
};

// The first / last code point of `s`. Lenient: the text may be any bytes
// (parse_numeral is public), and a word can only match where these bytes
// equal its own, so a wrong code point for a malformed sequence only makes a
// lookup miss, as it should. kNoChar for an empty or cut-off character.
inline constexpr char32_t kNoChar = 0xFFFFFFFF;

inline char32_t first_cp(std::string_view s) noexcept {
  if (s.empty()) return kNoChar;
  const auto c = static_cast<unsigned char>(s[0]);
  if (c < 0x80) return c;
  const std::size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 0;
  if (len == 0 || s.size() < len) return kNoChar;
  char32_t r = c & (0x7F >> len);
  for (std::size_t i = 1; i < len; ++i) r = (r << 6) | (static_cast<unsigned char>(s[i]) & 0x3F);
  return r;
}

// The byte length of the UTF-8 character at the start of `s` (1 to 4; 1 for a
// stray continuation byte), 0 when `s` is empty.
inline std::size_t first_char_length(std::string_view s) noexcept {
  if (s.empty()) return 0;
  const auto c = static_cast<unsigned char>(s[0]);
  const std::size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
  return len <= s.size() ? len : s.size();
}

// True when `w` is exactly one character (约, 近, 由): such words must touch
// what they qualify.
inline bool one_character(std::string_view w) noexcept { return !w.empty() && first_char_length(w) == w.size(); }

inline char32_t last_cp(std::string_view s) noexcept {
  if (s.empty()) return kNoChar;
  std::size_t i = s.size() - 1;
  while (i > 0 && s.size() - i < 4 && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) --i;
  return first_cp(s.substr(i));
}

// Whole-word membership in a short list, through a WordIndex: a test
// compares at most the few words that share the first character.
class WordSet {
 public:
  WordSet() = default;
  explicit WordSet(std::vector<std::string_view> words)
      : words_(std::move(words)), index_(words_, WordIndex::End::first) {}
  bool contains(std::string_view w) const noexcept {
    for (const std::uint16_t i : index_.at(first_cp(w)))
      if (words_[i] == w) return true;
    return false;
  }

 private:
  std::vector<std::string_view> words_;
  WordIndex index_;
};

struct Tables {
  std::vector<UnitWord> units;              // longest word first
  std::vector<ComparatorWord> comparators;  // longest word first
  std::vector<CueWord> cues;                // longest word first
  std::vector<std::string> negative_phrases;
  std::vector<std::string> negative_before;
  std::vector<std::string> negative_cap;         // 最高(不超过)15万元: a ceiling or floor
  std::vector<std::string> negative_permissive;  // 可申请, 可返还: an entitlement's terms
  std::vector<std::string> negative_after;       // 为基数: a base level, not a level to reach
  std::vector<std::string> negative_listed;      // 4个方面, 十条措施: a count that describes
  std::vector<std::string> negative_conjoined;   // 且, 但: a threshold joined to a second condition
  std::vector<std::string> negative_sized;       // 企业, 项目: nouns a sum before them sizes (10亿元以上企业40家)
  std::vector<std::string> baseline_words;       // 由, 从: cue words of class baseline
  std::vector<std::string> each_words;           // 各: cue words of class each
  std::vector<std::string> limit_after_words;    // 办结: cue words of class limit_after
  std::vector<std::string> negative_rate;        // 费率, 征收率: rate words (also in frames)
  std::vector<std::string> measure_heads;        // 40%的比例: the noun a number is the value of
  std::vector<FrameWord> frames;                 // every word the frame pass looks for, longest first
  std::vector<std::string> subject_trail, subject_stop, subject_stop_after, subject_lead;
  std::vector<std::string> subject_bound;   // 率: makes the verb before it part of the noun (完成率)
  std::vector<std::string> subject_agent;   // 区, 县, 政府: ends of an agent before a verb (城市区|建设|驿站)
  std::vector<std::string> lexicon_words;   // every word above of two characters or more, longest first

  // Lookup indexes over the lists above, built once with them.
  WordIndex units_first, comparators_first, comparators_last, phrases_first, frames_first,
      lexicon_first, cues_last, trail_last;
  WordSet subject_stop_set, subject_stop_after_set, subject_lead_set,
      long_cue_set;  // long_cue_set: cue words of two characters or more
};

// Built on first use (thread-safe), never freed.
const Tables& tables();

// The longest unit word at the start of `s`, or nullptr.
const UnitWord* unit_at(std::string_view s) noexcept;

// The longest comparator word of the given position at the start of `s`.
const ComparatorWord* comparator_at(std::string_view s, Where where) noexcept;

// The longest comparator word of the given position ending at the end of
// `s`, or nullptr.
const ComparatorWord* comparator_ending(std::string_view s, Where where) noexcept;

bool contains(const std::vector<std::string>& words, std::string_view w) noexcept;

}  // namespace taizhang::detail::targets
