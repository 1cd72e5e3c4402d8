// Outline stage: envelope (GB/T 9704), site chrome, heading tree, and the
// semantic view (chapters → sections → measures). The steps live in
// envelope.cpp, parts.cpp, tree.cpp and measures.cpp; this file runs them in
// order.
#include "outline/draft.hpp"

namespace taizhang::detail {

void build_outline(Document& doc) {
  Draft d{doc, doc.text, doc.text.folded(), split_lines(doc.text), {}};
  // The lines live to the end of the stage, under the tree and the
  // semantic view: the room doubling left unused goes back while only the
  // text is live.
  d.lines.shrink_to_fit();

  // The envelope: what surrounds the plan, read top-down.
  mark_chrome(d);
  skip_table_of_contents(d);
  find_signing_date(d);
  read_header_zone(d);
  read_recipients(d);
  read_signature(d);
  read_plan_title(d);
  find_attachments(d);
  find_parts(d);
  read_imprint(d);
  set_plan_year(d);

  // The plan: headings nest into a tree; the tree says where the tasks are.
  Tree tree = build_tree(d);
  fold_enumerations(d, tree);
  choose_measure_level(d, tree);
  build_semantic_view(d, tree);
}

}  // namespace taizhang::detail
