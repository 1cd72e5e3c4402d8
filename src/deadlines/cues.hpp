// The context words of the date scanner (src/deadlines/date_cues.tsv): which
// words around a date make it a citation, a start, a description or a
// deadline. Internal to the deadlines stage.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace taizhang::detail::deadlines {

// The cue words of one class, longest first (so 常态化推进 wins over 常态化
// and 截止到 over 截止). A cue is tested against a position by comparing its
// first (or last) three bytes packed into an integer before any memcmp.
// The cues of three bytes or more are also grouped by those three bytes
// (one character of a Chinese word), found through a small hash table: a
// lookup compares only the cues that begin (or end) with the character at
// hand, not the whole list (the vague words are asked at 1 character in 40
// of a plan).
class CueList {
 public:
  void add(std::string word);
  // Sorts and builds the groups: call once, after the last add.
  void sort_longest_first();

  // The longest cue that starts at s[i], or null.
  const std::string* starting_at(std::string_view s, std::size_t i) const noexcept;
  // The longest cue that s[..i) ends with, or null.
  const std::string* ending_at(std::string_view s, std::size_t i) const noexcept;

  // First code point of every cue (for the scanner's table of characters a
  // date expression can start with).
  std::vector<char32_t> first_characters() const;

 private:
  struct Cue {
    std::string word;
    std::uint32_t head = 0, tail = 0, mask = 0;
    // Bytes 3–5 from the start and from the end (fewer in a shorter word).
    std::uint32_t head2 = 0, tail2 = 0, mask2 = 0;
  };
  // The cues sharing one packed key (head or tail), as a run of `order`.
  struct Group {
    std::uint32_t key = kNoKey;
    std::uint32_t begin = 0, end = 0;
  };
  static constexpr std::uint32_t kNoKey = 0xFFFFFFFFu;  // keys hold 24 bits
  // The group of the cues of three bytes or more with this key (a run of
  // by_head_ or by_tail_, longest first), or an empty one.
  static Group probe(const std::vector<Group>& table, std::uint32_t key) noexcept;
  void build_groups(bool by_head, std::vector<Group>& table, std::vector<std::uint32_t>& order) const;
  // The rest of a lookup once a group is found, and the cues under three
  // bytes: out of line, so that the common answer (no group) stays short.
  [[gnu::noinline]] const std::string* longest_from(Group g, std::string_view s, std::size_t i) const noexcept;
  [[gnu::noinline]] const std::string* longest_to(Group g, std::string_view s, std::size_t i) const noexcept;
  [[gnu::noinline]] const std::string* short_starting_at(std::string_view s, std::size_t i) const noexcept;
  [[gnu::noinline]] const std::string* short_ending_at(std::string_view s, std::size_t i) const noexcept;

  std::vector<Cue> cues_;
  std::vector<Group> heads_, tails_;  // open addressing, a power of two in size
  std::vector<std::uint32_t> by_head_, by_tail_;
  std::vector<std::uint32_t> short_;  // cues under three bytes, longest first
};

// One list per class of date_cues.tsv; the file says what each class means.
struct Cues {
  CueList ref_before, ref_after, state_after, eligibility, coordination, start_before,
      start_after, deadline_before, included_before, open_ended, closing, document, document_noun;
};

// The table, parsed once per process.
const Cues& cues();

// vague_words.tsv: time words that name no date (尽快, 适时, 汛前, 逐步 …),
// each with its class; class `not` rows are longer words that hide one
// (以及时, 及时率) and ask for no time.
struct VagueWords {
  CueList words;
  std::vector<std::pair<std::string, std::string>> classes;  // word, class

  // The class of a word of `words` ("" if none).
  std::string_view class_of(std::string_view word) const noexcept;
};

const VagueWords& vague_words();

// Does s[i..) open a closing paragraph: the document speaking of itself
// (本通知自印发之日起施行, 以上政策措施…) or addressing every implementer at
// once (各地区、各部门要…)?
bool opens_closing_paragraph(std::string_view s, std::size_t i) noexcept;

}  // namespace taizhang::detail::deadlines
