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
};

struct Tree {
  std::vector<Node> nodes;
  std::vector<std::size_t> preamble;  // lines before the first heading (and the notice)
  // How the top level reads: true when the top-level items are themselves
  // the tasks (a plan numbered only 一、二、…).
  bool top_items_are_measures = false;
};

// ---- envelope.cpp ----
void mark_chrome(Draft& d);
void find_signing_date(Draft& d);
void read_header_zone(Draft& d);
void read_recipients(Draft& d);
void read_signature(Draft& d);
void skip_table_of_contents(Draft& d);
void read_plan_title(Draft& d);
void find_attachments(Draft& d);
void set_plan_year(Draft& d);

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

// ---- measures.cpp ----
void build_semantic_view(Draft& d, const Tree& t);

}  // namespace taizhang::detail
