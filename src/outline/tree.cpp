// Outline stage, the heading tree: headings nest by GB/T 9704 rank with a
// stack, so skipped levels and restarting or straight-through numbering need
// no special case. Then the tree is read: which level holds the tasks, and
// which numbered lists are only enumerations inside a task.
#include "outline/draft.hpp"
#include "text/scan.hpp"

#include <algorithm>

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
    const bool in_notice = i < d_.z.plan_start;
    if (l.kind == LineKind::text && !in_notice && l.column == Column::none) expect_next_item(l);
    if (l.kind == LineKind::heading && !in_notice) {
      open(i, i >= d_.z.body_end);
      return;
    }
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

void fold_enumerations(const Draft&, Tree&) {}

void choose_measure_level(Draft&, Tree&) {}

}  // namespace taizhang::detail
