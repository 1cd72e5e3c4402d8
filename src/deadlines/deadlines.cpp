// The deadlines stage: every date mention of every measure with its role,
// and the measure split into milestones (docs/deadlines.md).
#include "deadlines/deadlines.hpp"

#include "deadlines/cues.hpp"
#include "deadlines/prose.hpp"
#include "pipeline.hpp"
#include "text/scan.hpp"
#include "text/text.hpp"

#include <boost/date_time/gregorian/gregorian.hpp>

#include <algorithm>
#include <iterator>
#include <string>
#include <utility>
#include <vector>

namespace taizhang::detail {
namespace {

namespace bg = boost::gregorian;
using deadlines::Boundaries;
using deadlines::Context;
using deadlines::Mention;
using deadlines::MonthForm;
using deadlines::Prose;
using deadlines::locate;
using deadlines::trim_range;

std::string iso(const std::optional<bg::date>& d) {
  return d ? bg::to_iso_extended_string(*d) : std::string("?");
}

// A date in a table row's 完成时限 cell (MeasureSlot::cells, Column::due):
// the cell is an annotation, not prose, so it is scanned on its own. Its
// offsets are folded offsets.
struct CellMention {
  std::size_t begin = 0, end = 0;  // folded
  Range cell;                      // the whole cell, folded
  Mention mention;
};

// What pass 1 learns about one measure.
struct MeasureScan {
  Prose prose;
  std::vector<Mention> mentions;
  std::vector<Mention> plan_dates;  // in a closing paragraph the outline left in the measure
  std::vector<deadlines::Invalid> invalid;
  std::vector<deadlines::Vague> vague;  // vague time words of the measure's own prose
  std::vector<CellMention> cells;
};

// Dates in the row's 完成时限 cells, in column order. A cell is its own
// sentence: nothing carries over from the task text (its year chain, 《》).
std::vector<CellMention> scan_due_cells(const Document& doc, const MeasureSlot& slot,
                                        const Context& ctx) {
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

// Is the line before s[b..) a by-line: a short name with no punctuation
// and no digits (国家教委, 临江区人民政府办公室)?
bool follows_by_line(std::string_view s, std::size_t b) {
  while (b > 0 && s[b - 1] != '\n') --b;
  if (b == 0) return false;
  std::size_t k = b - 1, n = 0;
  while (k > 0 && s[k - 1] != '\n') {
    const char32_t c = prev_cp(s, k);
    if (++n > 20 || !is_han(c)) return false;
  }
  return n > 0;
}

// The signing date signs: inside the signature block, or alone on its line
// and equal to the 成文日期 (an outline that let it into a measure), or a
// full date alone on its line under a by-line (the 成文日期 of a document
// the plan forwards). Table rows keep their dates: a cell may stand alone.
bool signs_the_document(const Document& doc, const MeasureSlot& slot, const Prose& prose,
                        const Mention& m) {
  const std::size_t fb = prose.folded_begin(m.begin), fe = prose.folded_end(m.end);
  if (!doc.signature.empty() && fb >= doc.signature.begin && fe <= doc.signature.end) return true;
  if (m.deadline.kind != DeadlineKind::day || !deadlines::alone_on_line(prose.text(), m.begin, m.end))
    return false;
  if (doc.plan.signed_on && m.deadline.due == doc.plan.signed_on) return true;
  return slot.cells.empty() && follows_by_line(prose.text(), m.begin);
}

// Where a closing paragraph starts in the last measure's prose, or npos: a
// line, after the measure's own body, that opens the way a closing
// paragraph does (本通知自印发之日起施行…, 以上政策措施…, 各地区、各部门要…).
// A short first line is only the measure's title: what follows it is body.
std::size_t closing_paragraph_start(std::string_view s) {
  std::size_t line_end = s.find('\n');
  if (line_end == std::string_view::npos) return line_end;
  std::size_t first_line = 0;  // code points, counted up to 25
  for (std::size_t k = 0; k < line_end && first_line <= 24; ++first_line) next_cp(s, k);
  bool body = first_line > 24;
  while (line_end != std::string_view::npos) {
    std::size_t start = line_end + 1;
    while (start < s.size() && (s[start] == ' ' || s[start] == '\t')) ++start;
    const std::size_t next = s.find('\n', start);
    if (start == s.size() || start == next) {  // a blank line
      line_end = next;
      continue;
    }
    if (body && deadlines::opens_closing_paragraph(s, start)) return line_end + 1;
    body = true;
    line_end = next;
  }
  return std::string_view::npos;
}

MeasureScan scan_measure(const Document& doc, const MeasureSlot& slot, const Context& ctx,
                         bool last_measure) {
  MeasureScan ms;
  ms.prose = deadlines::prose_of(doc, slot);
  ms.mentions = deadlines::scan(ms.prose.text(), ctx, &ms.invalid, &ms.vague);
  for (Mention& m : ms.mentions)
    if (signs_the_document(doc, slot, ms.prose, m)) m.deadline.role = DateRole::reference;
  // Closing paragraphs come after the last numbered item; an outline that
  // leaves one in the last measure leaves the plan's own dates there.
  if (last_measure) {
    const std::size_t closing = closing_paragraph_start(ms.prose.text());
    const auto first_plan = std::find_if(ms.mentions.begin(), ms.mentions.end(),
                                         [&](const Mention& m) { return m.begin >= closing; });
    ms.plan_dates.assign(std::make_move_iterator(first_plan), std::make_move_iterator(ms.mentions.end()));
    ms.mentions.erase(first_plan, ms.mentions.end());
    std::erase_if(ms.vague, [&](const deadlines::Vague& v) { return v.begin >= closing; });
  }
  ms.cells = scan_due_cells(doc, slot, ctx);
  return ms;
}

// The plan's own dates (有效期至2024年6月30日, 各地区、各部门要于…前报送)
// have no place in the model yet: each deadline and start is reported.
void report_plan_dates(Document& doc, MeasureScan& ms, const Measure& measure) {
  for (Mention& m : ms.plan_dates) {
    if (m.deadline.role == DateRole::reference) continue;
    locate(doc.text, ms.prose, m.begin, m.end, m.deadline.span, m.deadline.text);
    const bool start = m.deadline.role == DateRole::start;
    doc.diagnose("deadline.plan_level", Severity::info,
                 "「" + m.deadline.text + "」 in the closing paragraph dates the plan as a whole, "
                     "not measure " + measure.id + ": " + (start ? "starts " + iso(m.deadline.start)
                                                                 : "due " + iso(m.deadline.due)),
                 Range{ms.prose.folded_begin(m.begin), ms.prose.folded_end(m.end)});
  }
}

// The document-wide mix of 月底前 and 月前: a 月前 is a probable slip only
// where most month deadlines say 月底前.
struct MonthForms {
  std::size_t month_end = 0, month_before = 0;

  void count(const Mention& m) {
    if (m.deadline.role != DateRole::deadline) return;
    if (m.form == MonthForm::month_end) ++month_end;
    if (m.form == MonthForm::month_before) ++month_before;
  }
  bool before_is_suspicious() const { return month_before > 0 && month_end > month_before; }
};

void report_invalid_dates(Document& doc, const MeasureScan& ms) {
  for (const auto& bad : ms.invalid) {
    const Range r{ms.prose.folded_begin(bad.begin), ms.prose.folded_end(bad.end)};
    doc.diagnose("deadline.invalid_date", Severity::warning,
                 "「" + ms.prose.original(doc.text, bad.begin, bad.end) +
                     "」 names no calendar date; it is ignored",
                 r);
  }
}

void check_month_before(Document& doc, bool suspicious, const Deadline& d, MonthForm form,
                        Range where) {
  if (suspicious && form == MonthForm::month_before && d.role == DateRole::deadline)
    doc.diagnose("deadline.suspicious_month_before", Severity::warning,
                 "「" + d.text + "」 read literally as before that month (due " + iso(d.due) +
                     "); most deadlines in this document say 月底前, so 月底前 may have been meant",
                 where);
}

// The working state of pass 2, kept across measures so that its vectors
// keep their memory.
struct Pass2 {
  std::vector<std::pair<std::size_t, Deadline*>> in_order;
  std::vector<std::size_t> stated;           // indexes of deadline-role prose mentions
  std::vector<const CellMention*> cell_due;  // deadline-role cell mentions
  Boundaries bounds;
};

// Every mention, from the prose and from the 完成时限 cells, with its text
// and span, listed in document order in w.in_order (move_dates hands them
// to measure.dates once the milestones have copied theirs).
void list_dates(Document& doc, bool suspicious, MeasureScan& ms, Pass2& w) {
  w.in_order.clear();
  w.stated.clear();
  for (std::size_t k = 0; k < ms.mentions.size(); ++k) {
    Mention& m = ms.mentions[k];
    const std::size_t fb = ms.prose.folded_begin(m.begin), fe = ms.prose.folded_end(m.end);
    locate(doc.text, ms.prose, m.begin, m.end, m.deadline.span, m.deadline.text);
    if (m.deadline.role == DateRole::deadline) w.stated.push_back(k);
    check_month_before(doc, suspicious, m.deadline, m.form, Range{fb, fe});
    w.in_order.emplace_back(fb, &m.deadline);
  }
  w.cell_due.clear();
  for (CellMention& c : ms.cells) {
    locate(doc.text, c.begin, c.end, c.mention.deadline.span, c.mention.deadline.text);
    if (c.mention.deadline.role == DateRole::deadline) w.cell_due.push_back(&c);
    check_month_before(doc, suspicious, c.mention.deadline, c.mention.form, Range{c.begin, c.end});
    w.in_order.emplace_back(c.begin, &c.mention.deadline);
  }
  std::stable_sort(w.in_order.begin(), w.in_order.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
}

// measure.dates: the mentions of list_dates, moved (their milestones hold
// copies already).
void move_dates(Measure& measure, Pass2& w) {
  measure.dates.reserve(w.in_order.size());
  for (const auto& [at, d] : w.in_order) measure.dates.push_back(std::move(*d));
}

// A measure without a stated deadline: one milestone over the whole prose,
// due at the end of the plan year and marked implied.
Milestone implied_milestone(const Document& doc, const Context& ctx, const Prose& prose) {
  const std::string_view s = prose.text();
  const auto [b, e] = trim_range(s, 0, s.size());
  Milestone mi;
  mi.deadline.kind = DeadlineKind::implied;
  mi.deadline.role = DateRole::deadline;
  if (ctx.plan_year) {
    const auto y = static_cast<unsigned short>(*ctx.plan_year);
    mi.deadline.start = bg::date(y, 1, 1);
    mi.deadline.due = bg::date(y, 12, 31);
  }
  locate(doc.text, prose, b, e, mi.span, mi.text);
  return mi;
}

// Where each stated deadline's milestone starts in the prose: at its
// sentence — or its clause when an earlier deadline shares the sentence, or
// itself when one shares the clause. A closing 以上工作要在…前完成 starts
// after the previous deadline's sentence. The first takes the lead-in.
std::vector<std::size_t> milestone_starts(const MeasureScan& ms, const std::vector<std::size_t>& stated,
                                          Boundaries& bounds) {
  const std::string_view s = ms.prose.text();
  std::vector<std::size_t> starts(stated.size(), 0);
  if (stated.size() < 2) return starts;  // one milestone takes the whole prose: no boundaries needed
  // Every position asked about below is at most the last deadline's start
  // (a sentence that starts between two deadlines starts before the
  // second): the prose after it need not be read.
  bounds.reset(s, ms.mentions[stated.back()].begin + 1);
  for (std::size_t k = 1; k < stated.size(); ++k) {
    const Mention& m = ms.mentions[stated[k]];
    const Mention& prev = ms.mentions[stated[k - 1]];
    const std::size_t sentence = bounds.sentence_start(m.begin);
    if (bounds.sentence_start(prev.begin) == sentence) {
      const std::size_t clause = bounds.clause_start(m.begin);
      starts[k] = bounds.clause_start(prev.begin) == clause ? m.begin : clause;
    } else if (deadlines::opens_with_closing_word(s.substr(sentence, m.begin - sentence))) {
      starts[k] = bounds.sentence_end(prev.begin, s.size());
    } else {
      starts[k] = sentence;
    }
  }
  return starts;
}

// Milestones of the deadlines stated in the prose, partitioning it.
void stated_milestones(const Document& doc, const MeasureScan& ms, Measure& measure, Pass2& w) {
  const std::string_view s = ms.prose.text();
  const std::size_t all_b = trim_range(s, 0, s.size()).first;
  const std::vector<std::size_t> starts = milestone_starts(ms, w.stated, w.bounds);
  for (std::size_t k = 0; k < w.stated.size(); ++k) {
    const std::size_t end = k + 1 < w.stated.size() ? starts[k + 1] : s.size();
    const auto [b, e] = trim_range(s, std::max(starts[k], all_b), std::max(end, starts[k]));
    Milestone mi;
    mi.deadline = ms.mentions[w.stated[k]].deadline;
    locate(doc.text, ms.prose, b, e, mi.span, mi.text);
    measure.milestones.push_back(std::move(mi));
  }
}

// A 完成时限 cell dates the row's task as a whole. With no deadline in the
// task text, its first date governs the whole prose (in place of the
// implied plan-year end); otherwise each cell date is a milestone of its
// own whose text is the cell, kept even when it repeats a date of the text
// (a reader counts both).
void cell_milestones(const Document& doc, const MeasureScan& ms, Measure& measure, const Pass2& w) {
  const std::string_view s = ms.prose.text();
  const auto [all_b, all_e] = trim_range(s, 0, s.size());
  for (std::size_t c = 0; c < w.cell_due.size(); ++c) {
    Milestone mi;
    mi.deadline = w.cell_due[c]->mention.deadline;
    if (w.stated.empty() && c == 0)
      locate(doc.text, ms.prose, all_b, all_e, mi.span, mi.text);
    else
      locate(doc.text, w.cell_due[c]->cell.begin, w.cell_due[c]->cell.end, mi.span, mi.text);
    measure.milestones.push_back(std::move(mi));
  }
  // Text order (a 完成时限 column may come before the task column): the
  // targets stage looks milestones up by position.
  if (!w.cell_due.empty())
    std::stable_sort(measure.milestones.begin(), measure.milestones.end(),
                     [](const Milestone& a, const Milestone& b) {
                       return a.span.byte_start < b.span.byte_start;
                     });
}

void build_milestones(const Document& doc, const Context& ctx, const MeasureScan& ms,
                      Measure& measure, Pass2& w) {
  // One milestone per stated deadline and per 完成时限 cell date, or the
  // implied one: reserved exactly, as a growing vector would keep room for
  // up to twice as many (a Milestone is about 250 bytes).
  measure.milestones.reserve(std::max<std::size_t>(1, w.stated.size() + w.cell_due.size()));
  if (w.stated.empty() && w.cell_due.empty()) {
    measure.milestones.push_back(implied_milestone(doc, ctx, ms.prose));
  } else {
    stated_milestones(doc, ms, measure, w);
    cell_milestones(doc, ms, measure, w);
  }
  for (std::size_t k = 0; k < measure.milestones.size(); ++k)
    measure.milestones[k].id = measure.id + "#" + std::to_string(k + 1);
}

// Does span s lie inside the name of one of the measure's units (the 及时
// of 区及时救助服务中心 names no time)?
bool in_unit_name(const Measure& measure, const Span& s) {
  const auto holds = [&](const Unit& u) {
    return u.span.byte_start < u.span.byte_end && u.span.byte_start <= s.byte_start &&
           s.byte_end <= u.span.byte_end;
  };
  return std::any_of(measure.lead_units.begin(), measure.lead_units.end(), holds) ||
         std::any_of(measure.co_units.begin(), measure.co_units.end(), holds);
}

// A measure with no stated deadline (no milestone but the implied one) that
// asks for a time in words naming none (尽快, 适时, 汛前, 逐步): each word
// is reported, since the due date is only the plan-year default. A word
// inside a unit name the units stage read from the prose is not.
void report_vague(Document& doc, const Context& ctx, const MeasureScan& ms,
                  const Measure& measure, const Pass2& w) {
  if (!w.stated.empty() || !w.cell_due.empty()) return;
  const std::string due = ctx.plan_year ? "the plan-year end (" + std::to_string(*ctx.plan_year) + "-12-31)"
                                        : "none (no plan year)";
  for (const deadlines::Vague& v : ms.vague) {
    const Range r{ms.prose.folded_begin(v.begin), ms.prose.folded_end(v.end)};
    if (in_unit_name(measure, doc.text.span(r.begin, r.end))) continue;
    doc.diagnose("deadline.vague", Severity::info,
                 "measure " + measure.id + " asks for 「" + ms.prose.original(doc.text, v.begin, v.end) +
                     "」 (" + std::string(deadlines::vague_meaning(v.klass)) +
                     ") and states no date: its due date is only the implied default, " + due,
                 r);
  }
}

}  // namespace

namespace deadlines {

Context context_of(const Document& doc) {
  Context ctx;
  const Plan& plan = doc.plan;
  if (doc.options.plan_year) ctx.plan_year = doc.options.plan_year;
  else if (plan.plan_year) ctx.plan_year = plan.plan_year;
  else if (plan.signed_on) ctx.plan_year = static_cast<int>(plan.signed_on->year());
  else if (doc.options.reference_date) ctx.plan_year = static_cast<int>(doc.options.reference_date->year());
  if (ctx.plan_year && (*ctx.plan_year < 1400 || *ctx.plan_year > 9998)) ctx.plan_year.reset();
  if (doc.options.reference_date) ctx.reference = doc.options.reference_date;
  else if (plan.signed_on) ctx.reference = plan.signed_on;
  else if (ctx.plan_year) ctx.reference = bg::date(static_cast<unsigned short>(*ctx.plan_year), 1, 1);
  return ctx;
}

}  // namespace deadlines

std::vector<Deadline> dates_in(const Document& doc, Range r) {
  const std::string_view folded = doc.text.folded();
  r.end = std::min(r.end, folded.size());
  if (r.empty()) return {};
  std::vector<Deadline> out;
  for (Mention& m : deadlines::scan(folded.substr(r.begin, r.end - r.begin), deadlines::context_of(doc))) {
    locate(doc.text, r.begin + m.begin, r.begin + m.end, m.deadline.span, m.deadline.text);
    out.push_back(std::move(m.deadline));
  }
  return out;
}

void resolve_deadlines(Document& doc) {
  const Context ctx = deadlines::context_of(doc);
  if (!ctx.plan_year && !doc.measures.empty())
    doc.diagnose("deadline.no_plan_year", Severity::warning,
                 "no plan year (title, document number, signing date or ParseOptions::plan_year): "
                 "year-less deadlines stay without dates",
                 doc.measures.front().range);

  // Pass 1: scan every measure; the document-wide mix of 月底前 and 月前 is
  // needed before a 月前 can be called a probable slip.
  // In chunks of 256 measures, each reserved to its size: pass 2 gives a
  // chunk's room back once past it (below). (A deque, one scan per block,
  // left holes between the measures' strings that scattered what the later
  // stages allocate: the same instructions, a few % more time.)
  constexpr std::size_t kChunk = 256;
  const std::size_t count = doc.measures.size();
  std::vector<std::vector<MeasureScan>> scans((count + kChunk - 1) / kChunk);
  MonthForms forms;
  // The last measure of the plan, and of each plan of a package: every plan
  // of a 一揽子 package closes with its own paragraph (本政策措施有效期至…).
  std::vector<bool> closes_a_plan(doc.measures.size(), false);
  std::size_t last = doc.measures.size();
  for (std::size_t n = 0; n < doc.measures.size(); ++n) {
    if (!doc.measures[n].measure) continue;
    if (last < n && doc.measures[last].part != doc.measures[n].part) closes_a_plan[last] = true;
    last = n;
  }
  if (last < doc.measures.size()) closes_a_plan[last] = true;
  for (std::size_t n = 0; n < doc.measures.size(); ++n) {
    std::vector<MeasureScan>& chunk = scans[n / kChunk];
    if (chunk.empty()) chunk.reserve(std::min(kChunk, count - n));
    chunk.push_back(scan_measure(doc, doc.measures[n], ctx, closes_a_plan[n]));
    for (const Mention& m : chunk.back().mentions) forms.count(m);
    for (const CellMention& c : chunk.back().cells) forms.count(c.mention);
  }

  // Pass 2: fill the model. A measure's scan is freed once its dates and
  // milestones are in the plan, the scan objects with their chunk: kept to
  // the end of the pass, the scans of the whole document (about the input's
  // size again; 300 bytes per measure for the objects alone) would sit on
  // top of everything the pass adds, and that was the peak of the whole
  // parse.
  Pass2 work;
  const auto done = [&](std::size_t n) {
    if ((n + 1) % kChunk == 0 || n + 1 == count) std::vector<MeasureScan>().swap(scans[n / kChunk]);
  };
  for (std::size_t n = 0; n < count; done(n), ++n) {
    MeasureSlot& slot = doc.measures[n];
    if (!slot.measure) continue;
    MeasureScan& scan = scans[n / kChunk][n % kChunk];
    Measure& measure = *slot.measure;
    measure.dates.clear();
    measure.milestones.clear();
    report_invalid_dates(doc, scan);
    report_plan_dates(doc, scan, measure);
    list_dates(doc, forms.before_is_suspicious(), scan, work);
    build_milestones(doc, ctx, scan, measure, work);
    report_vague(doc, ctx, scan, measure, work);
    move_dates(measure, work);
  }
}

}  // namespace taizhang::detail
