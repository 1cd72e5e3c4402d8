// A measure's prose and its sentence and clause boundaries.
#include "deadlines/prose.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <cstring>

namespace taizhang::detail::deadlines {
namespace {

// The last piece starting at or before prose offset p (binary search:
// tables have many annotated cells).
auto piece_at(const std::vector<Prose::Piece>& pieces, std::size_t p) {
  return std::upper_bound(pieces.begin(), pieces.end(), p,
                          [](std::size_t x, const Prose::Piece& q) { return x < q.prose; });
}

bool is_space(char32_t c) noexcept { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; }

}  // namespace

std::size_t Prose::folded_begin(std::size_t p) const noexcept {
  if (pieces.empty()) return 0;
  auto it = piece_at(pieces, p);
  if (it == pieces.begin()) return pieces.front().folded;
  --it;
  if (p < it->prose + it->size) return it->folded + (p - it->prose);
  if (it + 1 != pieces.end()) return (it + 1)->folded;
  return it->folded + it->size;
}

std::size_t Prose::folded_end(std::size_t p) const noexcept {
  if (pieces.empty()) return 0;
  // The last piece starting before p.
  auto it = std::lower_bound(pieces.begin(), pieces.end(), p,
                             [](const Piece& q, std::size_t x) { return q.prose < x; });
  if (it == pieces.begin()) return pieces.front().folded;
  --it;
  return it->folded + std::min(p - it->prose, it->size);
}

bool Prose::in_one_piece(std::size_t b, std::size_t e) const noexcept {
  if (b >= e) return false;
  auto it = piece_at(pieces, b);
  if (it == pieces.begin()) return false;
  --it;
  return e <= it->prose + it->size;
}

std::string Prose::original(const Text& t, std::size_t b, std::size_t e) const {
  std::string out;
  // Pieces before the one holding b contribute nothing.
  auto first = piece_at(pieces, b);
  if (first != pieces.begin()) --first;
  for (auto it = first; it != pieces.end() && it->prose < e; ++it) {
    const std::size_t lo = std::max(b, it->prose);
    const std::size_t hi = std::min(e, it->prose + it->size);
    if (lo >= hi) continue;
    out += t.original_slice(it->folded + (lo - it->prose), it->folded + (hi - it->prose));
  }
  return out;
}

Prose prose_of(const Document& doc, const MeasureSlot& slot) {
  Prose p;
  const std::string_view folded = doc.text.folded();
  const std::size_t body_end = std::min(slot.body.end, folded.size());
  std::vector<Range> cut;
  for (const Range& a : slot.annotations)
    if (a.end > slot.body.begin && a.begin < body_end && !a.empty()) cut.push_back(a);
  std::sort(cut.begin(), cut.end(), [](const Range& x, const Range& y) { return x.begin < y.begin; });
  std::size_t at = std::min(slot.body.begin, body_end);
  std::size_t size = 0;
  auto add = [&](std::size_t b, std::size_t e) {
    if (b >= e) return;
    p.pieces.push_back({size, b, e - b});
    size += e - b;
  };
  for (const Range& a : cut) {
    add(at, std::min(a.begin, body_end));
    at = std::max(at, std::min(a.end, body_end));
  }
  add(at, body_end);
  if (p.pieces.size() == 1) {
    p.one_piece = folded.substr(p.pieces[0].folded, p.pieces[0].size);
  } else {
    p.joined.reserve(size);
    for (const Prose::Piece& piece : p.pieces) p.joined.append(folded.substr(piece.folded, piece.size));
  }
  return p;
}

// Read off the span's own byte offsets: the same as original_slice(fb, fe),
// without a second walk through the offset map.
void locate(const Text& t, std::size_t fb, std::size_t fe, Span& span, Excerpt& text) {
  span = t.span(fb, fe);
  text = t.excerpt(span);
}

// Prose in pieces (a measure's cells) joins them: that text is not one piece
// of the input, so its excerpt holds a copy of its own.
void locate(const Text& t, const Prose& p, std::size_t b, std::size_t e, Span& span,
            Excerpt& text) {
  if (p.in_one_piece(b, e)) return locate(t, p.folded_begin(b), p.folded_end(e), span, text);
  text = Excerpt(p.original(t, b, e));
  span = t.span(p.folded_begin(b), p.folded_end(e));
}

namespace {

// Every mark below is ASCII or begins with byte E3 (。) or EF (！？，；：).
// In UTF-8 such a byte always starts a character.
constexpr auto kMayMark = [] {
  std::array<bool, 256> t{};
  for (unsigned char c : std::string_view("\n!?,;:")) t[c] = true;
  t[0xE3] = t[0xEF] = true;
  return t;
}();

// The bytes of w (8 bytes of text, the first lowest) that may begin a
// mark, one bit (the top one) each: bytes below 0x40, E3 and EF. A byte
// above a flagged one may be flagged too (a borrow), never one below it,
// and none that is one is missed; kMayMark decides.
std::uint64_t mark_candidates(std::uint64_t w) noexcept {
  constexpr std::uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
  const auto zero_byte = [](std::uint64_t x) { return (x - ones) & ~x & highs; };
  const std::uint64_t below_40 = ~(w | (w << 1)) & highs;  // top two bits zero
  return below_40 | zero_byte(w ^ (0xE3 * ones)) | zero_byte(w ^ (0xEF * ones));
}

// The boundary after a mark at s[at], if one begins there.
void read_mark(std::string_view s, std::size_t at, Boundaries& b) {
  if (!kMayMark[static_cast<unsigned char>(s[at])]) return;
  std::size_t i = at;
  const char32_t c = next_cp(s, i);
  // 1,000 is a number, not two clauses.
  if (c == ',' && at > 0 && i < s.size() && s[at - 1] >= '0' && s[at - 1] <= '9' &&
      s[i] >= '0' && s[i] <= '9')
    return;
  if (is_sentence_end(c)) {
    b.sentences.push_back(i);
    b.clauses.push_back(i);
  } else if (is_clause_pause(c)) {
    b.clauses.push_back(i);
  }
}

}  // namespace

// Eight bytes at a time: only the bytes that may begin a mark are looked
// at (a plan has one in a few words). The bytes of a mark after its first
// (80–BF) never pass kMayMark, so each mark is read once, at its start.
void Boundaries::reset(std::string_view s, std::size_t limit) {
  sentences.assign(1, 0);
  clauses.assign(1, 0);
  const std::size_t end = std::min(limit, s.size());
  std::size_t at = 0;
  for (; end - at >= 8; at += 8) {
    std::uint64_t w;
    std::memcpy(&w, s.data() + at, 8);
    if constexpr (std::endian::native == std::endian::big) w = __builtin_bswap64(w);
    for (std::uint64_t m = mark_candidates(w); m != 0; m &= m - 1)
      read_mark(s, at + static_cast<std::size_t>(std::countr_zero(m)) / 8, *this);
  }
  for (; at < end; ++at) read_mark(s, at, *this);
}

namespace {

std::size_t last_at_or_before(const std::vector<std::size_t>& v, std::size_t pos) {
  auto it = std::upper_bound(v.begin(), v.end(), pos);
  return *(it - 1);  // v[0] == 0 ≤ pos
}

}  // namespace

std::size_t Boundaries::sentence_start(std::size_t pos) const { return last_at_or_before(sentences, pos); }

std::size_t Boundaries::clause_start(std::size_t pos) const { return last_at_or_before(clauses, pos); }

std::size_t Boundaries::sentence_end(std::size_t pos, std::size_t size) const {
  auto it = std::upper_bound(sentences.begin(), sentences.end(), pos);
  return it == sentences.end() ? size : *it;
}

std::pair<std::size_t, std::size_t> trim_range(std::string_view s, std::size_t b, std::size_t e) {
  while (b < e) {
    std::size_t k = b;
    const char32_t c = next_cp(s, k);
    if (!is_space(c) && !is_clause_pause(c) && c != U'、' && c != '|') break;
    b = k;
  }
  while (e > b) {  // a closing ；or ， stays: milestones partition the prose
    std::size_t k = e;
    const char32_t c = prev_cp(s, k);
    if (!is_space(c) && c != '|') break;
    e = k;
  }
  return {b, e};
}

bool alone_on_line(std::string_view s, std::size_t b, std::size_t e) {
  for (std::size_t i = b; i > 0 && s[i - 1] != '\n'; --i)
    if (s[i - 1] != ' ' && s[i - 1] != '\t') return false;
  for (std::size_t i = e; i < s.size() && s[i] != '\n'; ++i)
    if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r') return false;
  return true;
}

}  // namespace taizhang::detail::deadlines
