// Outline stage, the heading tree: headings nest by GB/T 9704 rank with a
// stack, so skipped levels and restarting or straight-through numbering need
// no special case. Then the tree is read: which level holds the tasks, and
// which numbered lists are only enumerations inside a task.
#include "outline/draft.hpp"
#include "text/scan.hpp"
#include "text/tsv.hpp"
#include "text/words.hpp"

#include "taizhang_data/list_intros.inc"
#include "taizhang_data/task_signs.inc"

#include <algorithm>
#include <string>

namespace taizhang::detail {

namespace {

class TreeBuilder {
 public:
  explicit TreeBuilder(Draft& d) : d_(d) {
    Node root;
    root.rank = -1;
    t_.nodes.push_back(root);
  }

  Tree run() {
    for (std::size_t i = 0; i < d_.size(); ++i) place(i);
    return std::move(t_);
  }

 private:
  void place(std::size_t i) {
    VLine& l = d_.lines[i];
    if (l.kind == LineKind::chrome) {
      d_.doc.plan.chrome.push_back(d_.text.span(l.r.begin, l.r.end));
      return;
    }
    if (l.kind == LineKind::blank || l.kind == LineKind::envelope) return;
    // Text after the signature of a plan that is itself the document, or
    // from an appendix marker on, opens an appendix.
    const bool after_signature = i >= d_.z.body_end && !in_appendix_ && l.kind == LineKind::text;
    if (after_signature) l.title = l.r;
    if (after_signature ||
        std::find(d_.z.appendices.begin(), d_.z.appendices.end(), i) != d_.z.appendices.end()) {
      open_appendix(i);
      return;
    }
    const bool in_notice = i < d_.z.plan_start;
    if (l.kind == LineKind::text && !in_notice && l.column == Column::none) expect_next_item(l);
    if (l.kind == LineKind::heading && !in_notice) {
      open(i, i >= d_.z.body_end || in_appendix_);
      return;
    }
    // Prose after a table's last row is no part of that row.
    while (l.column == Column::none && stack_.size() > 1 && t_.nodes[stack_.back()].style == MarkerStyle::table_row)
      stack_.pop_back();
    if (stack_.size() == 1 || in_notice) {
      t_.preamble.push_back(i);
      return;
    }
    t_.nodes[stack_.back()].body.push_back(i);
  }

  // "3.2022年起，…" reads like a number (3.2022) until the outline says item
  // 3 is next: then it is a heading after all.
  void expect_next_item(VLine& l) {
    for (auto it = stack_.rbegin(); it != stack_.rend() && *it != 0; ++it) {
      const Node& open = t_.nodes[*it];
      if (open.style != MarkerStyle::arabic_dot) continue;
      if (open.number) reclassify_numbered_item(d_.s, l, *open.number + 1);
      break;
    }
  }

  // An attachment that is not the plan: one top-level appendix node that
  // holds its headings and text.
  void open_appendix(std::size_t i) {
    stack_.resize(1);
    Node nd;
    nd.line = i;
    nd.rank = -1;
    nd.parent = 0;
    nd.appendix = true;
    t_.nodes.push_back(nd);
    t_.nodes[0].children.push_back(static_cast<int>(t_.nodes.size()) - 1);
    stack_.push_back(static_cast<int>(t_.nodes.size()) - 1);
    in_appendix_ = true;
  }

  void open(std::size_t i, bool appendix) {
    const int rank = style_rank(d_.lines[i].style);
    while (stack_.size() > 1 && t_.nodes[stack_.back()].rank >= rank) stack_.pop_back();
    Node nd;
    nd.line = i;
    nd.style = d_.lines[i].style;
    nd.number = d_.lines[i].number;
    nd.rank = rank;
    nd.parent = stack_.back();
    nd.appendix = appendix;
    t_.nodes.push_back(nd);
    const int id = static_cast<int>(t_.nodes.size()) - 1;
    t_.nodes[nd.parent].children.push_back(id);
    stack_.push_back(id);
  }

  Draft& d_;
  Tree t_;
  std::vector<int> stack_{0};
  bool in_appendix_ = false;
};

}  // namespace

Tree build_tree(Draft& d) { return TreeBuilder(d).run(); }

std::vector<std::size_t> subtree_lines(const Tree& t, int id) {
  std::vector<std::size_t> all;
  std::vector<int> todo{id};
  while (!todo.empty()) {
    const int k = todo.back();
    todo.pop_back();
    const Node& nd = t.nodes[k];
    all.insert(all.end(), nd.body.begin(), nd.body.end());
    for (int c : nd.children) {
      all.push_back(t.nodes[c].line);
      todo.push_back(c);
    }
  }
  std::sort(all.begin(), all.end());
  return all;
}

Range node_range(const Draft& d, const Tree& t, int id) {
  const Node& nd = t.nodes[id];
  Range r = d.lines[nd.line].r;
  for (std::size_t i : subtree_lines(t, id)) r.end = std::max(r.end, d.lines[i].r.end);
  return r;
}

bool is_leaf(const Tree& t, int id) {
  // Circled sub-points (①②) stay inside their parent.
  for (int c : t.nodes[id].children)
    if (t.nodes[c].style != MarkerStyle::circled && !t.nodes[c].folded) return false;
  return true;
}

namespace {

struct TaskSigns {
  std::vector<std::string> responsibility, deadline, list_intro;
};

const TaskSigns& task_signs() {
  static const TaskSigns signs = [] {
    TaskSigns t;
    for (const auto& row : tsv_rows(data::task_signs)) {
      if (row.size() < 2) continue;
      (row[1] == "deadline" ? t.deadline : t.responsibility).emplace_back(trim(row[0]));
    }
    for (const auto& row : tsv_rows(data::list_intros)) t.list_intro.emplace_back(trim(row[0]));
    return t;
  }();
  return signs;
}

bool contains_any(std::string_view text, const std::vector<std::string>& words) {
  for (const auto& w : words)
    if (text.find(w) != std::string_view::npos) return true;
  return false;
}

// Does the text of these lines assign work (a unit note or a due date)?
bool assigns_work(const Draft& d, const std::vector<std::size_t>& lines) {
  for (std::size_t i : lines) {
    if (d.lines[i].column != Column::none && d.lines[i].column != Column::task) return true;
    const std::string_view l = d.line(i);
    if (contains_any(l, task_signs().responsibility) || contains_any(l, task_signs().deadline)) return true;
  }
  return false;
}

// The node's own text before its first child: heading line and body lines.
std::vector<std::size_t> own_lines(const Tree& t, int id) {
  const Node& nd = t.nodes[id];
  std::vector<std::size_t> out{nd.line};
  const std::size_t first_child = nd.children.empty() ? SIZE_MAX : t.nodes[nd.children.front()].line;
  for (std::size_t i : nd.body)
    if (i < first_child) out.push_back(i);
  return out;
}

bool ends_with_colon(std::string_view l) {
  return l.ends_with(':') || l.ends_with("：");
}

// A heading that announces a list: its intro ends in a colon, or it names
// the list (符合下列条件的…, 主要包括以下内容).
bool introduces_list(const Draft& d, const Tree& t, int id) {
  const std::vector<std::size_t> own = own_lines(t, id);
  if (ends_with_colon(d.line(own.back()))) return true;
  const std::string_view title = d.view(d.lines[t.nodes[id].line].title);
  return contains_any(title.substr(0, title.find("。")), task_signs().list_intro);
}

// Children that are only short leaves with no work of their own: criteria
// and conditions are a phrase or a sentence each, tasks a paragraph.
bool children_are_enumeration(const Draft& d, const Tree& t, int id) {
  constexpr std::size_t kItem = 240, kItems = 120;  // bytes: 80 and 40 characters
  const Node& nd = t.nodes[id];
  if (nd.children.empty()) return false;
  std::size_t total = 0;
  for (int c : nd.children) {
    const std::size_t own = d.lines[t.nodes[c].line].r.end - d.lines[t.nodes[c].line].r.begin;
    if (own > kItem && t.nodes[c].children.empty()) return false;
    total += own;
  }
  if (total > kItems * nd.children.size()) return false;
  for (int c : nd.children) {
    // An item with numbered items of its own is a group, unless it is an
    // enumeration in turn ("10.还应具备：（1）…（2）…").
    if (!is_leaf(t, c) && !ends_with_colon(d.line(own_lines(t, c).back()))) return false;
    std::vector<std::size_t> lines = subtree_lines(t, c);
    lines.push_back(t.nodes[c].line);
    if (assigns_work(d, lines)) return false;
  }
  return true;
}

}  // namespace

void fold_enumerations(const Draft& d, Tree& t) {
  // A numbered item whose siblings are leaf tasks, whose own text introduces
  // a list, and whose items carry no units or dates of their own is one task:
  // the items (criteria, conditions, sub-groups) stay inside it.
  for (std::size_t id = 1; id < t.nodes.size(); ++id) {
    const Node& nd = t.nodes[id];
    if (nd.parent <= 0 || nd.children.empty() || nd.appendix) continue;
    bool leaf_sibling = false;
    for (int s : t.nodes[nd.parent].children)
      if (s != static_cast<int>(id) && t.nodes[s].style == nd.style && t.nodes[s].children.empty()) leaf_sibling = true;
    if (!leaf_sibling) continue;
    const int self = static_cast<int>(id);
    if (!children_are_enumeration(d, t, self) || !introduces_list(d, t, self)) continue;
    for (int c : t.nodes[id].children) t.nodes[c].folded = true;
  }
}

void choose_measure_level(Draft& d, Tree& t) {
  // A plan numbered only 一、二、… (no lower level under any item) whose items
  // carry their task in the heading line or in one paragraph: the items are
  // the measures. A top level of bare titles over several paragraphs each is
  // a list of chapters whose paragraphs are the measures.
  std::size_t items = 0, task_like = 0;
  for (int c : t.nodes[0].children) {
    const Node& nd = t.nodes[c];
    if (nd.appendix) continue;
    if (!is_leaf(t, c)) return;
    ++items;
    const std::string_view title = d.view(d.lines[nd.line].title);
    const std::size_t stop = title.find("。");
    const bool text_in_heading = stop != std::string_view::npos && past_word(stop, "。") < title.size();
    if (text_in_heading || nd.body.size() <= 1 || assigns_work(d, own_lines(t, c))) ++task_like;
  }
  if (items == 0) return;
  t.top_items_are_measures = 2 * task_like > items;
  if (task_like != 0 && task_like != items) {
    const Range r = d.lines[t.nodes[t.nodes[0].children.front()].line].r;
    d.doc.diagnose("outline.measure_level", Severity::info,
                   "the top-level items are read as " +
                       std::string(t.top_items_are_measures ? "measures" : "chapters of paragraphs") + " (" +
                       std::to_string(task_like) + " of " + std::to_string(items) + " carry a task)",
                   r);
  }
}

}  // namespace taizhang::detail
