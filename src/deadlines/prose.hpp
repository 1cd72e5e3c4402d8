// A measure's prose (its body without the annotations the units stage
// marked: unit labels, brackets, table cells) and the sentence and clause
// boundaries in it. Internal to the deadlines stage.
#pragma once

#include "pipeline.hpp"
#include "text/punctuation.hpp"
#include "text/text.hpp"

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace taizhang::detail::deadlines {

// The prose as one string plus the map back to folded offsets.
struct Prose {
  struct Piece {
    std::size_t prose = 0, folded = 0, size = 0;
  };
  std::vector<Piece> pieces;
  // The prose is the folded text itself when it is one piece (most
  // measures: no copy), else the pieces joined.
  std::string_view one_piece;
  std::string joined;

  std::string_view text() const noexcept {
    return pieces.size() > 1 ? std::string_view(joined) : one_piece;
  }
  // Folded offset of prose offset p used as the start of a range.
  std::size_t folded_begin(std::size_t p) const noexcept;
  // Folded offset of prose offset p used as the end of a range.
  std::size_t folded_end(std::size_t p) const noexcept;
  // Does non-empty prose range [b, e) lie inside one piece? Then its folded
  // range is [folded_begin(b), folded_end(e)) and its original text one slice.
  bool in_one_piece(std::size_t b, std::size_t e) const noexcept;
  // Original characters of prose range [b, e), annotations left out.
  std::string original(const Text& t, std::size_t b, std::size_t e) const;
};

Prose prose_of(const Document& doc, const MeasureSlot& slot);

// Span and original characters of folded range [fb, fe).
void locate(const Text& t, std::size_t fb, std::size_t fe, Span& span, Excerpt& text);
// The same for prose range [b, e).
void locate(const Text& t, const Prose& p, std::size_t b, std::size_t e, Span& span,
            Excerpt& text);

// Starts of sentences and clauses in a prose string, in order.
struct Boundaries {
  std::vector<std::size_t> sentences;
  std::vector<std::size_t> clauses;

  // Kept across measures, so that its vectors keep their memory. Only the
  // marks that begin before `limit` are read: the answers below are those
  // of the whole string for positions up to `limit`, and sentence_end(pos)
  // is when a sentence starts between pos and `limit`.
  void reset(std::string_view s, std::size_t limit = std::string_view::npos);
  std::size_t sentence_start(std::size_t pos) const;
  std::size_t clause_start(std::size_t pos) const;
  std::size_t sentence_end(std::size_t pos, std::size_t size) const;
};

// Trims spaces and table cell separators ('|' of a flattened table row) at
// both ends of [b, e) of s, and clause marks at its start.
std::pair<std::size_t, std::size_t> trim_range(std::string_view s, std::size_t b, std::size_t e);

// Only spaces between [b, e) and the line ends around it.
bool alone_on_line(std::string_view s, std::size_t b, std::size_t e);

}  // namespace taizhang::detail::deadlines
