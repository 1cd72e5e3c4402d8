// The pipeline: what each stage reads and adds.
//
//   text      (src/text)       Text: validated, folded view + offset maps
//   outline   (src/outline)    envelope, chrome, heading tree, measures
//   goals     (src/goals)      goal paragraphs: horizons and targets of the plan
//   units     (src/units)      lead_units / co_units / leaders
//   deadlines (src/deadlines)  dates, milestones
//   targets   (src/targets)    targets, tied to milestones
//
// Stages run in this order over one Document. Each reads what earlier
// stages built and adds its own fields; none reaches into another's
// internals. Stages work in FOLDED byte offsets and turn them into public
// Spans with Text::span().
#pragma once

#include "text/text.hpp"

#include <taizhang/model.hpp>
#include <taizhang/parser.hpp>

#include <array>
#include <cstddef>
#include <vector>

namespace taizhang::detail {

// A folded byte range [begin, end).
struct Range {
  std::size_t begin = 0;
  std::size_t end = 0;
  bool empty() const noexcept { return end <= begin; }
};

// The column a table cell came from, when the document is a table flattened
// to text (序号 | 重点工作 | 牵头单位 | 责任单位 | 完成时限).
enum class Column { none, serial, task, lead, co, responsible, leader, due, note };

struct TableCell {
  Column column = Column::none;
  Range range;  // folded, trimmed, without the '|' separator
};

// A measure as the stages see it: the public Measure plus where it is in the
// folded text.
struct MeasureSlot {
  Measure* measure = nullptr;
  Range range;              // heading marker through the end of its text
  Range body;               // after the marker
  std::vector<Range> annotations;  // unit labels/brackets/table cells (set by units):
                                   // not part of the measure's prose
  std::vector<TableCell> cells;    // for table rows: the unit/leader/due/note cells
                                   // (set by outline; they are also annotations);
                                   // units adds a note's date parts as due cells
  const Chapter* chapter = nullptr;
  const Section* section = nullptr;
  std::size_t part = 0;  // the plan of a package it belongs to (1, 2 …); 0 in a single plan
};

// Text outside any measure that later stages may read (preambles, chapter
// intros): the units stage looks here for standing rules such as
// "排在第一位的为牵头单位，下同" or "以下均需各县区政府落实，不再列出".
struct Passage {
  Range range;
  std::size_t before_measure = 0;  // index of the first measure after it
};

struct Document {
  const Text& text;
  const ParseOptions& options;
  const Lexicon& lexicon;
  Plan plan;
  std::vector<MeasureSlot> measures;  // document order; pointers into plan
  std::vector<Passage> passages;      // document order
  Range signature;                    // 署名 + 成文日期 block, if found

  void diagnose(std::string code, Severity severity, std::string message, Range where);
};

// Stage entry points, in order.
void build_outline(Document& doc);      // src/outline
void infer_plan_year(Document& doc);    // src/outline/plan_year.cpp: when the envelope names none
void find_goals(Document& doc);         // src/goals: Plan::goals from the outline
void assign_units(Document& doc);       // src/units
void resolve_deadlines(Document& doc);  // src/deadlines
void extract_targets(Document& doc);    // src/targets

// One stage as Parser::parse runs it: a name (benchmarks, profiles) and what
// it does to the Document.
struct Stage {
  const char* name;
  void (*run)(Document& doc);
};
// The pipeline after the text layer, in order (src/parser.cpp). Parser::parse
// and the benchmarks that time or weigh each stage (bench/memory.cpp,
// bench/parse_bench.cpp) all run this list, so a stage added here is run
// and measured everywhere. "outline" includes the outline size limit and
// the plan year.
extern const std::array<Stage, 5> kStages;

}  // namespace taizhang::detail
