// Outline stage, the heading tree: headings nest by GB/T 9704 rank with a
// stack, so skipped levels and restarting or straight-through numbering need
// no special case. Then the tree is read: which level holds the tasks, and
// which numbered lists are only enumerations inside a task.
#include "outline/draft.hpp"
#include "text/scan.hpp"
#include "units/grammar.hpp"
#include "units/subjects.hpp"
#include "text/tsv.hpp"
#include "text/words.hpp"

#include "taizhang_data/list_intros.inc"
#include "taizhang_data/safeguard_headings.inc"
#include "taizhang_data/task_signs.inc"

#include <algorithm>
#include <array>
#include <cstdint>
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
    // The nodes live through the rest of the stage, under everything the
    // semantic view builds: the room doubling left unused goes back now,
    // while little else is live.
    t_.nodes.shrink_to_fit();
    return std::move(t_);
  }

 private:
  void place(std::size_t i) {
    VLine& l = d_.lines[i];
    if (std::binary_search(d_.z.parts.begin(), d_.z.parts.end(), i)) {
      open_part(i);
      return;
    }
    if (l.kind == LineKind::chrome) {
      d_.doc.plan.chrome.push_back(d_.text.span(l.r.begin, l.r.end));
      return;
    }
    if (l.kind == LineKind::blank || l.kind == LineKind::envelope) return;
    // Text after the signature of a plan that is itself the document, or
    // from an appendix marker on, opens an appendix.
    // A plan attached after the signature (a part) holds its text until the
    // next 附件 mark.
    const bool after_signature = i >= d_.z.body_end && !in_appendix_ && l.kind == LineKind::text &&
                                 (!in_part_ || is_attachment_marker(d_.line(i)));
    if (after_signature) l.title = l.r;
    if (after_signature ||
        std::binary_search(d_.z.appendices.begin(), d_.z.appendices.end(), i)) {
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

  // A node right under the root (an appendix, a plan of a package) that
  // holds the headings and text after line `i`: the stack starts again there.
  void open_top_node(std::size_t i, Node nd) {
    stack_.resize(1);
    nd.line = i;
    nd.rank = -1;
    nd.parent = 0;
    t_.nodes.push_back(nd);
    t_.nodes[0].children.push_back(static_cast<int>(t_.nodes.size()) - 1);
    stack_.push_back(static_cast<int>(t_.nodes.size()) - 1);
  }

  // An attachment that is not the plan: one top-level appendix node that
  // holds its headings and text.
  void open_appendix(std::size_t i) {
    Node nd;
    nd.appendix = true;
    open_top_node(i, nd);
    in_appendix_ = true;
  }

  // A plan of a package: a top-level node above its headings.
  void open_part(std::size_t i) {
    Node nd;
    nd.part = true;
    open_top_node(i, nd);
    in_appendix_ = false;
    in_part_ = true;
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
  bool in_part_ = false;
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
  // The same words, each list found in one pass over a line; `work` is a
  // responsibility word or a due-date word.
  WordSet responsibility_words, work_words, list_intro_words;
};

const TaskSigns& task_signs() {
  static const TaskSigns signs = [] {
    TaskSigns t;
    for (const auto& row : tsv_rows(data::task_signs)) {
      if (row.size() < 2) continue;
      (row[1] == "deadline" ? t.deadline : t.responsibility).emplace_back(trim(row[0]));
    }
    for (const auto& row : tsv_rows(data::list_intros)) t.list_intro.emplace_back(trim(row[0]));
    std::vector<std::string> work = t.responsibility;
    work.insert(work.end(), t.deadline.begin(), t.deadline.end());
    t.responsibility_words = WordSet(t.responsibility);
    t.work_words = WordSet(work);
    t.list_intro_words = WordSet(t.list_intro);
    return t;
  }();
  return signs;
}

}  // namespace

bool assigns_work(const Draft& d, const std::vector<std::size_t>& lines) {
  for (std::size_t i : lines) {
    if (d.lines[i].column != Column::none && d.lines[i].column != Column::task) return true;
    const std::string_view l = d.line(i);
    if (task_signs().work_words.found_in(l)) return true;
  }
  return false;
}

namespace {

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
  return task_signs().list_intro_words.found_in(title.substr(0, title.find("。")));
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

bool names_responsibility(const Draft& d, std::size_t line) {
  return d.lines[line].column != Column::none || task_signs().responsibility_words.found_in(d.line(line));
}

}  // namespace

bool is_note_line(const Draft& d, std::size_t line) {
  const std::string_view l = d.line(line);
  return !l.empty() && l.front() == '(' && l.back() == ')' && names_responsibility(d, line);
}

namespace {

// Items whose one responsibility note stands on its own line after the last
// of them ((1)…(2)…（责任单位：…）): they share it, and name no unit of their own.
bool children_share_closing_note(const Draft& d, const Tree& t, int id) {
  const Node& nd = t.nodes[id];
  if (nd.children.size() < 2) return false;
  const Node& last = t.nodes[nd.children.back()];
  if (last.body.empty() || !is_note_line(d, last.body.back())) return false;
  for (int c : nd.children) {
    if (!is_leaf(t, c)) return false;
    std::vector<std::size_t> lines = subtree_lines(t, c);
    lines.push_back(t.nodes[c].line);
    for (std::size_t i : lines)
      if (i != last.body.back() && names_responsibility(d, i)) return false;
  }
  return true;
}

// Per node and marker style: how many of its children are leaves, counted
// once, so that a list of thousands of items is not counted once per item;
// and, asked only where an item has items of its own under it, whether any
// of those leaves carries a unit note of its own (read once per node and
// style: reading every leaf's text for it read most of the plan).
constexpr std::size_t kStyles = static_cast<std::size_t>(MarkerStyle::table_row) + 1;

class LeafCounts {
 public:
  LeafCounts(const Draft& d, const Tree& t) : d_(d), t_(t), leaves_(t.nodes.size()), noted_(t.nodes.size()) {
    for (std::size_t id = 1; id < t.nodes.size(); ++id) {
      const Node& nd = t.nodes[id];
      if (nd.parent >= 0 && nd.children.empty()) ++leaves_[nd.parent][static_cast<std::size_t>(nd.style)];
    }
  }

  std::uint32_t leaves(int parent, MarkerStyle style) const { return leaves_[parent][static_cast<std::size_t>(style)]; }

  bool any_noted(int parent, MarkerStyle style) {
    std::int8_t& known = noted_[parent][static_cast<std::size_t>(style)];
    if (known == 0) known = find_noted(parent, style) ? 1 : -1;
    return known > 0;
  }

 private:
  bool find_noted(int parent, MarkerStyle style) const {
    for (int c : t_.nodes[parent].children) {
      const Node& nd = t_.nodes[c];
      if (nd.style != style || !nd.children.empty()) continue;
      for (std::size_t i : own_lines(t_, c))
        if (names_responsibility(d_, i)) return true;
    }
    return false;
  }

  const Draft& d_;
  const Tree& t_;
  std::vector<std::array<std::uint32_t, kStyles>> leaves_;
  std::vector<std::array<std::int8_t, kStyles>> noted_;  // 0 unknown, 1 yes, -1 no
};

}  // namespace

void fold_enumerations(const Draft& d, Tree& t) {
  // A numbered item whose siblings are leaf tasks, whose own text introduces
  // a list, and whose items carry no units or dates of their own is one task:
  // the items (criteria, conditions, sub-groups) stay inside it. So is an
  // item beside tasks with their own notes whose sub-items share one note
  // line closing them (1.…工程 (1)…(2)…（责任单位：…）): the level of the
  // notes is the level of the tasks.
  LeafCounts counts(d, t);
  for (std::size_t id = 1; id < t.nodes.size(); ++id) {
    const Node& nd = t.nodes[id];
    if (nd.parent < 0 || is_container(t, nd.parent) || nd.children.empty() || nd.appendix) continue;
    // Siblings of its style that are leaves (it has children: it is none).
    if (counts.leaves(nd.parent, nd.style) == 0) continue;
    const int self = static_cast<int>(id);
    const bool enumeration = children_are_enumeration(d, t, self) && introduces_list(d, t, self);
    const bool shared_note = children_share_closing_note(d, t, self) && counts.any_noted(nd.parent, nd.style);
    if (!enumeration && !shared_note) continue;
    for (int c : t.nodes[id].children) t.nodes[c].folded = true;
  }
}

namespace {

// Paragraphs of an item that each carry their own unit note or date: the
// item is a heading over several tasks, not one task.
bool holds_noted_paragraphs(const Draft& d, const Node& nd) {
  std::size_t noted = 0;
  for (std::size_t i : nd.body) noted += assigns_work(d, {i});
  return noted >= 2;
}

// The top level of the root or of a part.
void choose_items_level(Draft& d, Tree& t, int container) {
  // A plan numbered only 一、二、… (no lower level under any item) whose items
  // carry their task in the heading line or in one paragraph: the items are
  // the measures. A top level of bare titles over several paragraphs each,
  // or over paragraphs with a note each, is a list of chapters whose
  // paragraphs are the measures.
  std::size_t items = 0, task_like = 0;
  bool mixed = false;  // some items have numbered items under them
  for (int c : t.nodes[container].children) {
    Node& nd = t.nodes[c];
    if (nd.appendix || nd.part) continue;
    if (!is_leaf(t, c)) {
      mixed = true;
      continue;
    }
    ++items;
    const std::string_view title = d.view(d.lines[nd.line].title);
    const std::size_t stop = title.find("。");
    const bool text_in_heading = stop != std::string_view::npos && past_word(stop, "。") < title.size();
    nd.task_item = text_in_heading;
    if (holds_noted_paragraphs(d, nd)) continue;
    if (text_in_heading || nd.body.size() <= 1 || assigns_work(d, own_lines(t, c))) ++task_like;
  }
  // Beside chapters, a leaf item whose heading line runs on into its task
  // (一、加大贴息。对…) is a measure; a bare title over paragraphs stays a
  // chapter of them. Where every item is a leaf, the majority decides.
  if (!mixed)
    for (int c : t.nodes[container].children) t.nodes[c].task_item = false;
  if (items == 0 || mixed) return;
  Node& top = t.nodes[container];
  top.items_are_measures = 2 * task_like > items;
  if (task_like != 0 && task_like != items) {
    int first = -1;
    for (int c : top.children)
      if (!t.nodes[c].appendix && !t.nodes[c].part && first < 0) first = c;
    d.doc.diagnose("outline.measure_level", Severity::info,
                   "the top-level items are read as " +
                       std::string(top.items_are_measures ? "measures" : "chapters of paragraphs") + " (" +
                       std::to_string(task_like) + " of " + std::to_string(items) + " carry a task)",
                   d.lines[t.nodes[first].line].r);
  }
}

// Below the top level: leaf headings whose paragraphs carry a note each
// (（二）重点产业集群化行动 over nine paragraphs, each closed by its 责任单位
// bracket) hold one task per paragraph. Where any sibling holds several
// such paragraphs, every sibling that is a bare title over noted
// paragraphs reads so; a sibling whose heading line runs on into its task
// stays the task.
void choose_paragraph_tasks(const Draft& d, Tree& t, int parent) {
  bool several = false;
  for (int c : t.nodes[parent].children)
    several = several || (is_leaf(t, c) && !t.nodes[c].folded && holds_noted_paragraphs(d, t.nodes[c]));
  if (!several) return;
  for (int c : t.nodes[parent].children) {
    Node& nd = t.nodes[c];
    if (!is_leaf(t, c) || nd.folded || nd.body.empty()) continue;
    const std::string_view title = d.view(d.lines[nd.line].title);
    if (title.find("。") != std::string_view::npos || assigns_work(d, {nd.line})) continue;
    std::size_t noted = 0;
    for (std::size_t i : nd.body) noted += assigns_work(d, {i});
    nd.paragraph_tasks = noted > 0;
  }
}

const std::vector<std::string>& safeguard_headings() {
  static const std::vector<std::string> rows = [] {
    std::vector<std::string> out;
    for (const auto& row : tsv_rows(data::safeguard_headings)) out.emplace_back(trim(row[0]));
    return out;
  }();
  return rows;
}

bool is_safeguard_title(std::string_view title) {
  const std::string head = join_title(title.substr(0, title.find("。")));
  for (const auto& w : safeguard_headings())
    if (head.size() >= w.size() && head.compare(head.size() - w.size(), w.size(), w) == 0) return true;
  return false;
}

// The numbered leaves under a node (folded items and ①② points excepted).
void leaves_of(const Tree& t, int id, std::vector<int>& out) {
  for (int c : t.nodes[id].children) {
    if (t.nodes[c].folded || t.nodes[c].style == MarkerStyle::circled) continue;
    if (is_leaf(t, c)) out.push_back(c);
    else leaves_of(t, c, out);
  }
}

// A responsibility note in the line: a label field (牵头单位：…) or a
// bracket naming a role ((省商务厅负责)); a word in a sentence (各责任单位要…)
// is none.
bool holds_note(const Draft& d, std::size_t line) {
  if (d.lines[line].column != Column::none) return true;
  const std::string_view l = d.line(line);
  if (units::names_a_label_field(l)) return true;
  // Each ')' is tested once, from the first '(' before it: a bracket opened
  // later and closed there holds only part of the same text. (Searching again
  // from every '(' read "((((…)" once per '('.)
  for (std::size_t open = l.find('('); open != std::string_view::npos;) {
    const std::size_t close = l.find(')', open);
    if (close == std::string_view::npos) break;
    if (task_signs().responsibility_words.found_in(l.substr(open, close + 1 - open))) return true;
    open = l.find('(', close + 1);
  }
  return false;
}

bool leaf_is_noted(const Draft& d, const Tree& t, int id) {
  std::vector<std::size_t> lines = subtree_lines(t, id);
  lines.push_back(t.nodes[id].line);
  for (std::size_t i : lines)
    if (holds_note(d, i)) return true;
  return false;
}

// Duties divided in the item's own sentences: a clause whose subject is an
// organisation that 牵头/负责 (省自然资源厅牵头…；省税务局负责…).
bool divides_duties(const Draft& d, const Tree& t, int id) {
  std::vector<std::size_t> lines = subtree_lines(t, id);
  lines.push_back(t.nodes[id].line);
  for (std::size_t i : lines)
    for (const SubjectUnit& u : subject_units(d.s, d.lines[i].r).lead)
      if (starts_with_at(d.s, u.raw.end, "牵头") || starts_with_at(d.s, u.raw.end, "负责")) return true;
  return false;
}

// A safeguards chapter of a plan whose tasks carry unit notes: its items
// carry none and are numbered anew (（一）… after the tasks' 1.–20.), so
// they are statements, not tasks. Items that go on with the tasks' numbers
// (23. after 22.) stay tasks.
void mark_safeguards(Draft& d, Tree& t, int container) {
  std::size_t noted = 0, total = 0;
  std::vector<int> candidates, others;
  auto count_noted = [&](int c, std::vector<int>& leaves) {
    leaves_of(t, c, leaves);
    std::size_t n = 0;
    for (int l : leaves) n += leaf_is_noted(d, t, l);
    return n;
  };
  // The chapters titled as safeguards first: the notes of the others (most
  // of the plan's text) are counted only when one of them may be marked.
  for (int c : t.nodes[container].children) {
    if (t.nodes[c].appendix || t.nodes[c].part || is_leaf(t, c)) continue;
    const Node& first = t.nodes[t.nodes[c].children.front()];
    if (first.number != 1 || !is_safeguard_title(d.view(d.lines[t.nodes[c].line].title))) {
      others.push_back(c);
      continue;
    }
    std::vector<int> leaves;
    const std::size_t n = count_noted(c, leaves);
    if (n == 0) {
      bool duties = false;
      for (int l : leaves) duties = duties || divides_duties(d, t, l);
      if (!duties) candidates.push_back(c);
      continue;
    }
    noted += n;
    total += leaves.size();
  }
  if (candidates.empty()) return;
  for (int c : others) {
    std::vector<int> leaves;
    noted += count_noted(c, leaves);
    total += leaves.size();
  }
  if (candidates.empty() || total < 3 || 5 * noted < 4 * total) return;
  for (int c : candidates) {
    t.nodes[c].safeguards = true;
    d.doc.diagnose("outline.safeguards", Severity::info,
                   "the items under this heading carry no unit note while the plan's tasks do: read as safeguard "
                   "statements, not tasks",
                   d.lines[t.nodes[c].line].r);
  }
}

}  // namespace

void choose_measure_level(Draft& d, Tree& t) {
  choose_items_level(d, t, 0);
  mark_safeguards(d, t, 0);
  for (std::size_t id = 1; id < t.nodes.size(); ++id) {
    if (t.nodes[id].part) {
      choose_items_level(d, t, static_cast<int>(id));
      mark_safeguards(d, t, static_cast<int>(id));
      continue;
    }
    if (!t.nodes[id].appendix && !t.nodes[id].children.empty()) choose_paragraph_tasks(d, t, static_cast<int>(id));
  }
}

}  // namespace taizhang::detail
