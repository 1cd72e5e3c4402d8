// The deadlines stage: every date mention of every measure with its role,
// and the measure split into milestones (docs/deadlines.md).
#include "deadlines/deadlines.hpp"

#include "pipeline.hpp"
#include "text/text.hpp"

#include <boost/date_time/gregorian/gregorian.hpp>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

namespace taizhang::detail {
namespace {

namespace bg = boost::gregorian;
using deadlines::Mention;
using deadlines::MonthForm;

// A measure's prose: its body without the annotations (unit labels, table
// cells), as one string plus the map back to folded offsets.
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
  std::size_t folded_begin(std::size_t p) const noexcept {
    if (pieces.empty()) return 0;
    // The last piece starting at or before p (binary search: tables have
    // many annotated cells).
    auto it = std::upper_bound(pieces.begin(), pieces.end(), p,
                               [](std::size_t x, const Piece& q) { return x < q.prose; });
    if (it == pieces.begin()) return pieces.front().folded;
    --it;
    if (p < it->prose + it->size) return it->folded + (p - it->prose);
    if (it + 1 != pieces.end()) return (it + 1)->folded;
    return it->folded + it->size;
  }
  // Folded offset of prose offset p used as the end of a range.
  std::size_t folded_end(std::size_t p) const noexcept {
    if (pieces.empty()) return 0;
    // The last piece starting before p.
    auto it = std::lower_bound(pieces.begin(), pieces.end(), p,
                               [](const Piece& q, std::size_t x) { return q.prose < x; });
    if (it == pieces.begin()) return pieces.front().folded;
    --it;
    return it->folded + std::min(p - it->prose, it->size);
  }
  // Does non-empty prose range [b, e) lie inside one piece? Then its folded
  // range is [folded_begin(b), folded_end(e)) and its original text one slice.
  bool in_one_piece(std::size_t b, std::size_t e) const noexcept {
    if (b >= e) return false;
    auto it = std::upper_bound(pieces.begin(), pieces.end(), b,
                               [](std::size_t x, const Piece& q) { return x < q.prose; });
    if (it == pieces.begin()) return false;
    --it;
    return e <= it->prose + it->size;
  }
  // Original characters of prose range [b, e), annotations left out.
  std::string original(const Text& t, std::size_t b, std::size_t e) const {
    std::string out;
    // Pieces before the one holding b contribute nothing.
    auto first = std::upper_bound(pieces.begin(), pieces.end(), b,
                                  [](std::size_t x, const Piece& q) { return x < q.prose; });
    if (first != pieces.begin()) --first;
    for (auto it = first; it != pieces.end() && it->prose < e; ++it) {
      const Piece& piece = *it;
      const std::size_t lo = std::max(b, piece.prose);
      const std::size_t hi = std::min(e, piece.prose + piece.size);
      if (lo >= hi) continue;
      out += t.original_slice(piece.folded + (lo - piece.prose), piece.folded + (hi - piece.prose));
    }
    return out;
  }
};

// Span of folded range [fb, fe) and its original characters, read off the
// span's own byte offsets: the same as original_slice(fb, fe), without a
// second walk through the offset map.
void locate(const Text& t, std::size_t fb, std::size_t fe, Span& span, std::string& text) {
  span = t.span(fb, fe);
  text.assign(t.original().substr(span.byte_start, span.byte_end - span.byte_start));
}

// The same for prose range [b, e).
void locate(const Text& t, const Prose& p, std::size_t b, std::size_t e, Span& span,
            std::string& text) {
  if (p.in_one_piece(b, e)) return locate(t, p.folded_begin(b), p.folded_end(e), span, text);
  text = p.original(t, b, e);
  span = t.span(p.folded_begin(b), p.folded_end(e));
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

bool is_sentence_end(char32_t c) noexcept {
  return c == U'。' || c == U'！' || c == U'？' || c == '!' || c == '?' || c == '\n';
}

bool is_clause_end(char32_t c) noexcept {
  return c == U'，' || c == ',' || c == U'；' || c == ';' || c == U'：' || c == ':';
}

bool is_space(char32_t c) noexcept { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; }

// Starts of sentences and clauses in a prose string, in order.
// Does any of the 8 bytes of w lie below 0x40 or equal E3 or EF? (Bit
// tricks on 8 bytes at once: a zero byte of x shows in (x - 0x01…) & ~x & 0x80….)
bool may_hold_mark(std::uint64_t w) noexcept {
  constexpr std::uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
  const auto zero_byte = [](std::uint64_t x) { return (x - ones) & ~x & highs; };
  // Bytes below 0x40: their top two bits are zero.
  const std::uint64_t below_40 = ~(w | (w << 1)) & highs;
  return below_40 || zero_byte(w ^ (0xE3 * ones)) || zero_byte(w ^ (0xEF * ones));
}

struct Boundaries {
  std::vector<std::size_t> sentences;
  std::vector<std::size_t> clauses;

  // Kept across measures, so that its vectors keep their memory.
  void reset(std::string_view s) {
    sentences.assign(1, 0);
    clauses.assign(1, 0);
    // Every mark below is ASCII or begins with byte E3 (。) or EF (！？，；：).
    // In UTF-8 such a byte always starts a character, so only those bytes
    // are decoded, and 8 bytes without any are skipped at once.
    static constexpr auto may_mark = [] {
      std::array<bool, 256> t{};
      for (unsigned char c : std::string_view("\n!?,;:")) t[c] = true;
      t[0xE3] = t[0xEF] = true;
      return t;
    }();
    for (std::size_t at = 0; at < s.size(); ++at) {
      if (at % 8 == 0) {
        while (s.size() - at >= 8) {
          std::uint64_t w;
          std::memcpy(&w, s.data() + at, 8);
          if (may_hold_mark(w)) break;
          at += 8;
        }
        if (at >= s.size()) break;
      }
      if (!may_mark[static_cast<unsigned char>(s[at])]) continue;
      std::size_t i = at;
      const char32_t c = next_cp(s, i);
      // 1,000 is a number, not two clauses.
      if (c == ',' && at > 0 && i < s.size() && s[at - 1] >= '0' && s[at - 1] <= '9' &&
          s[i] >= '0' && s[i] <= '9')
        continue;
      if (is_sentence_end(c)) {
        sentences.push_back(i);
        clauses.push_back(i);
      } else if (is_clause_end(c)) {
        clauses.push_back(i);
      }
      at = i - 1;
    }
  }
  static std::size_t last_at_or_before(const std::vector<std::size_t>& v, std::size_t pos) {
    auto it = std::upper_bound(v.begin(), v.end(), pos);
    return *(it - 1);  // v[0] == 0 ≤ pos
  }
  static std::size_t first_after(const std::vector<std::size_t>& v, std::size_t pos,
                                 std::size_t fallback) {
    auto it = std::upper_bound(v.begin(), v.end(), pos);
    return it == v.end() ? fallback : *it;
  }
  std::size_t sentence_start(std::size_t pos) const { return last_at_or_before(sentences, pos); }
  std::size_t clause_start(std::size_t pos) const { return last_at_or_before(clauses, pos); }
  std::size_t sentence_end(std::size_t pos, std::size_t size) const {
    return first_after(sentences, pos, size);
  }
};

// Trims spaces and table cell separators ('|' of a flattened table row) at
// both ends of [b, e) of s, and clause marks at its start.
std::pair<std::size_t, std::size_t> trim_range(std::string_view s, std::size_t b, std::size_t e) {
  while (b < e) {
    std::size_t k = b;
    const char32_t c = next_cp(s, k);
    if (!is_space(c) && !is_clause_end(c) && c != U'、' && c != '|') break;
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

// Only spaces between [b, e) and the line ends around it.
bool alone_on_line(std::string_view s, std::size_t b, std::size_t e) {
  for (std::size_t i = b; i > 0 && s[i - 1] != '\n'; --i)
    if (s[i - 1] != ' ' && s[i - 1] != '\t') return false;
  for (std::size_t i = e; i < s.size() && s[i] != '\n'; ++i)
    if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r') return false;
  return true;
}

// A date in a table row's 完成时限 cell (MeasureSlot::cells, Column::due):
// the cell is an annotation, not prose, so it is scanned on its own. Its
// offsets are folded offsets.
struct CellMention {
  std::size_t begin = 0, end = 0;  // folded
  Range cell;                      // the whole cell, folded
  Mention mention;
};

struct MeasureScan {
  Prose prose;
  std::vector<Mention> mentions;
  std::vector<deadlines::Invalid> invalid;
  std::vector<CellMention> cells;
};

// Dates in the row's 完成时限 cells, in column order. A cell is its own
// sentence: nothing carries over from the task text (its year chain, 《》).
std::vector<CellMention> scan_due_cells(const Document& doc, const MeasureSlot& slot,
                                        const deadlines::Context& ctx) {
  std::vector<CellMention> out;
  const std::string_view folded = doc.text.folded();
  for (const TableCell& cell : slot.cells) {
    if (cell.column != Column::due || cell.range.empty() || cell.range.end > folded.size())
      continue;
    const std::string_view text = folded.substr(cell.range.begin, cell.range.end - cell.range.begin);
    for (Mention& m : deadlines::scan(text, ctx))
      out.push_back({cell.range.begin + m.begin, cell.range.begin + m.end, cell.range, std::move(m)});
  }
  return out;
}

std::string iso(const std::optional<bg::date>& d) {
  return d ? bg::to_iso_extended_string(*d) : std::string("?");
}

}  // namespace

void resolve_deadlines(Document& doc) {
  deadlines::Context ctx;
  const Plan& plan = doc.plan;
  if (doc.options.plan_year) ctx.plan_year = doc.options.plan_year;
  else if (plan.plan_year) ctx.plan_year = plan.plan_year;
  else if (plan.signed_on) ctx.plan_year = static_cast<int>(plan.signed_on->year());
  else if (doc.options.reference_date) ctx.plan_year = static_cast<int>(doc.options.reference_date->year());
  if (ctx.plan_year && (*ctx.plan_year < 1400 || *ctx.plan_year > 9998)) ctx.plan_year.reset();
  if (doc.options.reference_date) ctx.reference = doc.options.reference_date;
  else if (plan.signed_on) ctx.reference = plan.signed_on;
  else if (ctx.plan_year) ctx.reference = bg::date(static_cast<unsigned short>(*ctx.plan_year), 1, 1);

  if (!ctx.plan_year && !doc.measures.empty())
    doc.diagnose("deadline.no_plan_year", Severity::warning,
                 "no plan year (title, document number, signing date or ParseOptions::plan_year): "
                 "year-less deadlines stay without dates",
                 doc.measures.front().range);

  // Pass 1: scan every measure; the document-wide mix of 月底前 and 月前 is
  // needed before a 月前 can be called a probable slip.
  std::vector<MeasureScan> scans;
  scans.reserve(doc.measures.size());
  std::size_t month_end = 0, month_before = 0;
  for (const MeasureSlot& slot : doc.measures) {
    MeasureScan ms;
    ms.prose = prose_of(doc, slot);
    ms.mentions = deadlines::scan(ms.prose.text(), ctx, &ms.invalid);
    for (Mention& m : ms.mentions) {
      // The signing date signs: inside the signature block, or alone on its
      // line and equal to the 成文日期 (an outline that let it into a measure).
      const std::size_t fb = ms.prose.folded_begin(m.begin), fe = ms.prose.folded_end(m.end);
      const bool in_signature = !doc.signature.empty() && fb >= doc.signature.begin &&
                                fe <= doc.signature.end;
      if (in_signature || (m.deadline.kind == DeadlineKind::day && plan.signed_on &&
                           m.deadline.due == plan.signed_on &&
                           alone_on_line(ms.prose.text(), m.begin, m.end)))
        m.deadline.role = DateRole::reference;
      if (m.deadline.role != DateRole::deadline) continue;
      if (m.form == MonthForm::month_end) ++month_end;
      if (m.form == MonthForm::month_before) ++month_before;
    }
    ms.cells = scan_due_cells(doc, slot, ctx);
    for (const CellMention& c : ms.cells) {
      if (c.mention.deadline.role != DateRole::deadline) continue;
      if (c.mention.form == MonthForm::month_end) ++month_end;
      if (c.mention.form == MonthForm::month_before) ++month_before;
    }
    scans.push_back(std::move(ms));
  }
  const bool before_is_suspicious = month_before > 0 && month_end > month_before;

  // Pass 2: fill the model. The working vectors are kept across measures.
  std::vector<std::pair<std::size_t, const Deadline*>> in_order;
  std::vector<std::size_t> stated;              // indexes of deadline-role prose mentions
  std::vector<const CellMention*> cell_due;     // deadline-role cell mentions
  Boundaries bounds;
  for (std::size_t n = 0; n < doc.measures.size(); ++n) {
    MeasureSlot& slot = doc.measures[n];
    if (!slot.measure) continue;
    Measure& measure = *slot.measure;
    MeasureScan& ms = scans[n];
    const Prose& prose = ms.prose;
    measure.dates.clear();
    measure.milestones.clear();

    for (const auto& bad : ms.invalid) {
      const Range r{prose.folded_begin(bad.begin), prose.folded_end(bad.end)};
      doc.diagnose("deadline.invalid_date", Severity::warning,
                   "「" + prose.original(doc.text, bad.begin, bad.end) +
                       "」 names no calendar date; it is ignored",
                   r);
    }

    auto check_month_before = [&](const Deadline& d, MonthForm form, Range where) {
      if (before_is_suspicious && form == MonthForm::month_before && d.role == DateRole::deadline)
        doc.diagnose("deadline.suspicious_month_before", Severity::warning,
                     "「" + d.text + "」 read literally as before that month (due " + iso(d.due) +
                         "); most deadlines in this document say 月底前, so 月底前 may have "
                         "been meant",
                     where);
    };

    // Every mention, from the prose and from the 完成时限 cells, in document
    // order.
    in_order.clear();
    stated.clear();
    for (std::size_t k = 0; k < ms.mentions.size(); ++k) {
      Mention& m = ms.mentions[k];
      const std::size_t fb = prose.folded_begin(m.begin), fe = prose.folded_end(m.end);
      locate(doc.text, prose, m.begin, m.end, m.deadline.span, m.deadline.text);
      if (m.deadline.role == DateRole::deadline) stated.push_back(k);
      check_month_before(m.deadline, m.form, Range{fb, fe});
      in_order.emplace_back(fb, &m.deadline);
    }
    cell_due.clear();
    for (CellMention& c : ms.cells) {
      locate(doc.text, c.begin, c.end, c.mention.deadline.span, c.mention.deadline.text);
      if (c.mention.deadline.role == DateRole::deadline) cell_due.push_back(&c);
      check_month_before(c.mention.deadline, c.mention.form, Range{c.begin, c.end});
      in_order.emplace_back(c.begin, &c.mention.deadline);
    }
    std::stable_sort(in_order.begin(), in_order.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    for (const auto& [at, d] : in_order) measure.dates.push_back(*d);

    const std::string_view s = prose.text();
    const auto [all_b, all_e] = trim_range(s, 0, s.size());
    if (stated.empty() && cell_due.empty()) {
      Milestone mi;
      mi.id = measure.id + "#1";
      mi.deadline.kind = DeadlineKind::implied;
      mi.deadline.role = DateRole::deadline;
      mi.deadline.implied = true;
      if (ctx.plan_year) {
        const auto y = static_cast<unsigned short>(*ctx.plan_year);
        mi.deadline.start = bg::date(y, 1, 1);
        mi.deadline.due = bg::date(y, 12, 31);
      }
      locate(doc.text, prose, all_b, all_e, mi.span, mi.text);
      measure.milestones.push_back(std::move(mi));
      continue;
    }

    // Each deadline governs from the start of its sentence (or of its clause,
    // when an earlier deadline shares the sentence) up to the next deadline;
    // a closing 以上工作要在…前完成 governs everything since the previous
    // deadline's sentence.
    bounds.reset(s);
    std::vector<std::size_t> starts(stated.size());
    for (std::size_t k = 0; k < stated.size(); ++k) {
      const Mention& m = ms.mentions[stated[k]];
      const std::size_t sentence = bounds.sentence_start(m.begin);
      const bool closing = deadlines::opens_with_closing_word(s.substr(sentence, m.begin - sentence));
      if (k > 0) {
        const Mention& prev = ms.mentions[stated[k - 1]];
        if (bounds.sentence_start(prev.begin) == sentence) {
          const std::size_t clause = bounds.clause_start(m.begin);
          starts[k] = bounds.clause_start(prev.begin) == clause ? m.begin : clause;
          continue;
        }
        starts[k] = closing ? bounds.sentence_end(prev.begin, s.size()) : sentence;
      } else {
        // The lead-in (title and any sentence before the first deadline)
        // goes with the first milestone: milestones partition the prose, so
        // no clause and no target is lost from the ledger.
        starts[k] = 0;
        (void)closing;
      }
    }
    for (std::size_t k = 0; k < stated.size(); ++k) {
      const std::size_t end = k + 1 < stated.size() ? starts[k + 1] : s.size();
      const auto [b, e] = trim_range(s, std::max(starts[k], all_b), std::max(end, starts[k]));
      Milestone mi;
      mi.deadline = ms.mentions[stated[k]].deadline;
      locate(doc.text, prose, b, e, mi.span, mi.text);
      measure.milestones.push_back(std::move(mi));
    }

    // A 完成时限 cell dates the row's task as a whole. With no deadline in
    // the task text, its first date governs the whole prose (in place of the
    // implied plan-year end); otherwise each cell date is a milestone of its
    // own whose text is the cell, kept even when it repeats a date of the
    // text (a reader counts both).
    for (std::size_t c = 0; c < cell_due.size(); ++c) {
      Milestone mi;
      mi.deadline = cell_due[c]->mention.deadline;
      if (stated.empty() && c == 0) {
        locate(doc.text, prose, all_b, all_e, mi.span, mi.text);
      } else {
        locate(doc.text, cell_due[c]->cell.begin, cell_due[c]->cell.end, mi.span, mi.text);
      }
      measure.milestones.push_back(std::move(mi));
    }
    // Text order (a 完成时限 column may come before the task column): the
    // targets stage looks milestones up by position.
    if (!cell_due.empty())
      std::stable_sort(measure.milestones.begin(), measure.milestones.end(),
                       [](const Milestone& a, const Milestone& b) {
                         return a.span.byte_start < b.span.byte_start;
                       });
    for (std::size_t k = 0; k < measure.milestones.size(); ++k)
      measure.milestones[k].id = measure.id + "#" + std::to_string(k + 1);
  }
}

}  // namespace taizhang::detail
