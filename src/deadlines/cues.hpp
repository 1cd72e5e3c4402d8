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
// first (or last) three bytes packed into an integer before any memcmp:
// most positions match no cue, so a list costs one compare per cue there.
class CueList {
 public:
  void add(std::string word);
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
  };
  std::vector<Cue> cues_;
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
