// Outline stage, internal: the working state that the stage's steps share.
//
// build_outline (outline.cpp) runs the steps in order:
//   envelope.cpp  chrome, 成文日期, header zone, 主送机关, signature, plan title, year
//   tree.cpp      the heading tree, the measure level, enumerations folded in
//   measures.cpp  the semantic view: chapters, sections, measures, passages
#pragma once

#include "outline/lines.hpp"
#include "pipeline.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace taizhang::detail {

// Where the envelope ends and the plan begins, as line indices.
struct Zones {
  std::optional<std::size_t> date_line;        // 成文日期
  std::size_t first_heading = 0;               // first heading line (n when none)
  bool cover_notice = false;                   // a notice whose plan follows it (after its date or as 附件)
  std::size_t header_end = 0;                  // end of the 版头 zone
  std::optional<std::size_t> recipients_line;  // 主送机关
  std::size_t plan_start = 0;                  // first line of the plan proper
  std::size_t body_end = 0;                    // lines from here on are appendices
  std::optional<std::size_t> toc_begin, toc_end;  // 目录 block, [begin, end)
  std::vector<std::size_t> appendices;         // 附件 marker lines that open an appendix
  std::optional<std::size_t> title_line;       // first line of the plan title read after a cover notice
  std::vector<std::size_t> parts;              // title lines that open a part (a plan of a package)
  bool issuer_from_mark = false;               // the issuer was read from a 发文机关标志 line
  std::optional<int> imprint_year;             // year of the 版记's 印发日期
};

struct Draft {
  Document& doc;
  const Text& text;
  std::string_view s;  // folded text
  std::vector<VLine> lines;
  Zones z;

  std::size_t size() const noexcept { return lines.size(); }
  std::string_view line(std::size_t i) const { return s.substr(lines[i].r.begin, lines[i].r.end - lines[i].r.begin); }
  std::string_view view(Range r) const { return s.substr(r.begin, r.end - r.begin); }
  std::string original(Range r) const { return std::string(text.original_slice(r.begin, r.end)); }
};

// A node of the heading tree (index 0 is the root).
struct Node {
  std::size_t line = 0;  // heading line index
  MarkerStyle style = MarkerStyle::none;
  std::optional<int> number;
  int rank = 99;
  std::vector<std::size_t> body;  // own lines (not children's)
  std::vector<int> children;      // indices into Tree::nodes
  int parent = -1;
  bool appendix = false;
  bool folded = false;  // an enumeration item read as part of its parent
  bool part = false;    // a plan of a package (opened by its title line)
  // For the root and parts: the top-level items are themselves the tasks
  // (a plan numbered only 一、二、…), not chapters.
  bool items_are_measures = false;
  // A top-level leaf beside chapters that carries its own task (its text in
  // the heading line, or a unit note or date): a measure, not a chapter.
  bool task_item = false;
  // A heading below the top level whose paragraphs are its tasks: a bare
  // title over paragraphs with a unit note or date each, beside siblings
  // that hold several such paragraphs.
  bool paragraph_tasks = false;
  // A safeguards chapter (保障措施) whose items are statements, not tasks.
  bool safeguards = false;
};

struct Tree {
  std::vector<Node> nodes;
  std::vector<std::size_t> preamble;  // lines before the first heading (and the notice)
};

// The root and the parts hold top-level items; everything else is a heading.
inline bool is_container(const Tree& t, int id) { return id == 0 || t.nodes[id].part; }

// ---- envelope.cpp ----
void mark_chrome(Draft& d);
void find_signing_date(Draft& d);
void read_header_zone(Draft& d);
void read_recipients(Draft& d);
void read_signature(Draft& d);
void skip_table_of_contents(Draft& d);
void read_plan_title(Draft& d);
void find_attachments(Draft& d);
// Does a title end with a document kind (src/outline/envelope_words.tsv
// title_end: 通知, 意见, 方案, 措施 …; a bracketed period may follow)?
bool ends_title(std::string_view joined);
// Does a title name a division of duties (envelope_words.tsv division: …分工)?
bool names_a_division(std::string_view title);
// "附件", "附件2：…", "附表", "附：": a line that opens an attachment.
bool is_attachment_marker(std::string_view l);
// A 。 or a comma: the line is a sentence, not a title.
bool has_sentence_punctuation(std::string_view l);
// The 版记's 印发 line (青川市人民政府办公室 2019年3月15日印发) at the end.
void read_imprint(Draft& d);
void set_plan_year(Draft& d);

// ---- plan_year.cpp ----
// The first year of a named plan period in a title (“十四五” → 2021;
// src/outline/plan_periods.tsv), or none.
std::optional<int> period_year(std::string_view title);

// ---- parts.cpp ----
// Several plans under one notice: a title line in the body after which the
// top-level numbering starts again opens a part (read as a chapter).
void find_parts(Draft& d);

// ---- tree.cpp ----
Tree build_tree(Draft& d);
void fold_enumerations(const Draft& d, Tree& t);
void choose_measure_level(Draft& d, Tree& t);
// Every line of a node and its descendants, in document order.
std::vector<std::size_t> subtree_lines(const Tree& t, int id);
// The node's first and last folded byte.
Range node_range(const Draft& d, const Tree& t, int id);
// A measure candidate: no children but folded enumerations and ①② points.
bool is_leaf(const Tree& t, int id);
// Does the text of these lines assign work (a unit note or a due date:
// src/outline/task_signs.tsv)?
bool assigns_work(const Draft& d, const std::vector<std::size_t>& lines);
// "（责任单位：…）" on a line of its own.
bool is_note_line(const Draft& d, std::size_t line);

// ---- measures.cpp ----
// A heading of principles, goals, scope … (non_measure_headings.tsv, on the
// title before its first 。 or ：, joined): kept as `other`, never a measure.
// Most headings are told apart by their first and last characters alone.
bool is_non_measure_title(std::string_view title);
// The same question of a joined heading head, word by word: the plain
// definition that is_non_measure_title's shortcut agrees with.
bool is_non_measure_head(std::string_view joined_head);
void build_semantic_view(Draft& d, Tree& t);  // frees the tree and the lines once read

}  // namespace taizhang::detail
