// Outline stage, the semantic view: chapters → sections → measures read off
// the heading tree, the passages between them, the public OutlineNode tree,
// and the MeasureSlots that later stages work on.
#include "outline/draft.hpp"
#include "text/scan.hpp"
#include "text/tsv.hpp"
#include "text/words.hpp"

#include "taizhang_data/non_measure_headings.inc"

#include <algorithm>
#include <cstdint>
#include <map>
#include <set>
#include <tuple>
#include <string>

namespace taizhang::detail {

namespace {

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

const std::vector<std::string>& non_measure_titles() {
  static const std::vector<std::string> titles = [] {
    std::vector<std::string> t;
    for (const auto& row : tsv_rows(data::non_measure_headings)) t.emplace_back(trim(row[0]));
    return t;
  }();
  return titles;
}

// The part of a heading title before its first 。 or ： (the heading proper).
std::string_view heading_head(std::string_view title) {
  std::size_t cut = title.size();
  for (std::string_view stop : {"。", ":", "；", ";"}) cut = std::min(cut, title.find(stop));
  return title.substr(0, cut);
}

// A heading can be a non-measure only where its joined head ends as a word
// of the table ends, or opens as one of its long words opens: their last
// and first characters (three bytes each, packed). A joined title starts
// and ends with the first and last characters of the text that are not
// spaces, so most headings are told apart without joining them.
struct NonMeasureEnds {
  std::vector<std::uint32_t> lasts, firsts;
  bool any_title = false;  // an empty row: every title ends with it
};

std::uint32_t packed3(const char* c) noexcept {
  return static_cast<unsigned char>(c[0]) | (static_cast<unsigned char>(c[1]) << 8) |
         (static_cast<std::uint32_t>(static_cast<unsigned char>(c[2])) << 16);
}

const NonMeasureEnds& non_measure_ends() {
  static const NonMeasureEnds ends = [] {
    NonMeasureEnds e;
    for (const auto& t : non_measure_titles()) {
      if (t.size() < 3) {  // not a Han word: no shortcut
        e.any_title = true;
        continue;
      }
      e.lasts.push_back(packed3(t.data() + t.size() - 3));
      if (t.size() >= 12) e.firsts.push_back(packed3(t.data()));
    }
    return e;
  }();
  return ends;
}

bool is_title_space(unsigned char b) noexcept { return b == ' ' || b == '\t' || b == '\n' || b == '\r'; }

// Could is_non_measure_title say yes? False only where it surely says no.
bool may_be_non_measure(std::string_view head) {
  const NonMeasureEnds& e = non_measure_ends();
  if (e.any_title) return true;
  std::size_t b = 0, end = head.size();
  while (b < end && is_title_space(static_cast<unsigned char>(head[b]))) ++b;
  while (end > b && is_title_space(static_cast<unsigned char>(head[end - 1]))) --end;
  if (end - b < 3) return true;
  const std::uint32_t last = packed3(head.data() + end - 3), first = packed3(head.data() + b);
  // Wide spaces (U+3000, U+00A0), which join_title drops too, are folded to
  // ' ' before the outline reads the text; should one be left at either
  // end, the whole test decides.
  constexpr std::uint32_t kIdeographicSpace = 0x8080E3u;
  if (last == kIdeographicSpace || first == kIdeographicSpace || (last >> 8) == 0xA0C2u || (first & 0xFFFFu) == 0xA0C2u)
    return true;
  return std::find(e.lasts.begin(), e.lasts.end(), last) != e.lasts.end() ||
         std::find(e.firsts.begin(), e.firsts.end(), first) != e.firsts.end();
}

}  // namespace

bool is_non_measure_head(std::string_view head) {
  for (const auto& t : non_measure_titles()) {
    if (t.empty()) return true;  // (no such row: every title would end with it)
    // The last (third) byte is compared before the rest: it tells most
    // words apart, and a call of memcmp per word cost more than the test.
    if (t.size() <= head.size() && t.back() == head.back() && ends_with(head, t)) return true;
    // Running text glues the title to its paragraph (总体要求坚持以…): a
    // heading word of four characters or more still opens it.
    if (t.size() >= 12 && t.size() <= head.size() && t[2] == head[2] && head.starts_with(t)) return true;
  }
  return false;
}

bool is_non_measure_title(std::string_view title) {
  const std::string_view head = heading_head(title);
  return may_be_non_measure(head) && is_non_measure_head(join_title(head));
}

namespace {

// Where a measure goes: plan.loose_measures, a chapter's or a section's list.
struct Place {
  std::size_t chapter = SIZE_MAX, section = SIZE_MAX;
  bool grouped = false;  // under a group heading below the chapter or section
};

// A measure with its folded ranges, until every vector has its final size.
struct PendingMeasure {
  Place place;
  std::uint32_t index = 0;  // in its list, once the lists are filled (place_measures)
  std::uint32_t part = 0;
  Measure* built = nullptr;  // in SemanticView::built_, until place_measures
  Range range, body;
  std::vector<TableCell> cells;
  bool grouped = false;
};

class SemanticView {
 public:
  SemanticView(Draft& d, Tree& t)
      : d_(d), t_(t), plan_(d.doc.plan), kinds_(t.nodes.size(), NodeKind::other), ends_(subtree_ends()) {}

  void run() {
    collect_preamble();
    walk(0, Place{}, "", false);
    drop_ambiguous_numbers();
    plan_.outline = to_public(0);
    // No later step reads the tree, the per-node tables or the lines but
    // the check of an empty plan: they go before the slots are made.
    const bool empty = pending_.empty() && !trim(d_.s).empty() && has_text_line();
    release_tree();
    place_measures();
    make_slots();
    order_passages();
    if (empty)
      d_.doc.diagnose("outline.no_measures", Severity::warning,
                      "no numbered work items were found; the text stays in the preamble", {0, 0});
  }

 private:
  // ---- text of a node ----

  // Where each node's text ends: the end of the last line of its subtree
  // (what node_range gives), for every node in one pass from the leaves up.
  // node_range per node collects and sorts its whole subtree, so a chapter's
  // lines were read again for each heading above them.
  std::vector<std::uint32_t> subtree_ends() const {
    std::vector<int> preorder;  // parents before their children
    preorder.reserve(t_.nodes.size());
    std::vector<int> todo;
    for (std::size_t id = 0; id < t_.nodes.size(); ++id)
      if (t_.nodes[id].parent < 0) todo.push_back(static_cast<int>(id));
    while (!todo.empty()) {
      const int k = todo.back();
      todo.pop_back();
      preorder.push_back(k);
      for (int c : t_.nodes[k].children) todo.push_back(c);
    }
    std::vector<std::uint32_t> end(t_.nodes.size(), 0);
    for (auto it = preorder.rbegin(); it != preorder.rend(); ++it) {
      const Node& nd = t_.nodes[*it];
      // (The root has no heading line; an empty text has no line at all.)
      std::size_t e = nd.line < d_.lines.size() ? d_.lines[nd.line].r.end : 0;
      for (std::size_t i : nd.body) e = std::max(e, d_.lines[i].r.end);
      for (int c : nd.children) e = std::max<std::size_t>(e, end[c]);
      end[*it] = static_cast<std::uint32_t>(e);  // the text is below 4 GiB (Text::Text)
    }
    return end;
  }

  // The node's extent: from its heading line to the end of its subtree.
  Range extent(int id) const { return {d_.lines[t_.nodes[id].line].r.begin, ends_[id]}; }

  // Title: the heading line's text after the marker, or the first body line
  // when the marker stands alone ("（三）\n合理用药"); up to the first 。.
  Range title_range(const Node& nd) const {
    Range t = d_.lines[nd.line].title;
    if (t.empty() && !nd.body.empty()) t = d_.lines[nd.body.front()].r;
    return first_sentence(t);
  }

  Range first_sentence(Range t) const {
    auto stop = d_.view(t).find("。");
    if (stop != std::string_view::npos) t.end = t.begin + past_word(stop, "。");
    return t;
  }

  std::string marker_text(const Node& nd) const {
    const Range m = d_.lines[nd.line].marker;
    std::string out(trim(d_.text.original_slice(m.begin, m.end)));
    while (!out.empty() && (out.back() == '|' || out.back() == ' ')) out.pop_back();
    return out;
  }

  std::string title_text(const Node& nd) const { return join_title(d_.original(title_range(nd))); }

  bool is_non_measure(int id) const { return is_non_measure_title(d_.view(title_range(t_.nodes[id]))); }

  static std::string number_str(const Node& nd, std::size_t ordinal) {
    // Unnumbered nodes are named by their position: "u3".
    std::string out = nd.number ? "" : "u";
    out += std::to_string(nd.number ? static_cast<std::size_t>(*nd.number) : ordinal);
    return out;
  }

  void passage(std::size_t line) { d_.doc.passages.push_back({d_.lines[line].r, measure_count_}); }

  // ---- preamble ----

  void collect_preamble() {
    std::string pre, notice;
    for (std::size_t i : t_.preamble) {
      d_.doc.passages.push_back({d_.lines[i].r, 0});
      std::string& to = i < d_.z.plan_start && d_.z.cover_notice ? notice : pre;
      if (!to.empty()) to += '\n';
      to += d_.original(d_.lines[i].r);
    }
    plan_.preamble = std::move(pre);
    plan_.notice_text = std::move(notice);
  }

  // ---- the walk ----

  void walk(int id, Place at, const std::string& path, bool suppressed) {
    const Node& nd = t_.nodes[id];
    for (std::size_t ci = 0; ci < nd.children.size(); ++ci) {
      const int c = nd.children[ci];
      const Node& ch = t_.nodes[c];
      if (ch.folded) continue;
      const std::string cpath = (path.empty() ? "" : path + ".") + number_str(ch, ci + 1);
      const bool non_measure = suppressed || ch.appendix || ch.safeguards || is_non_measure(c);
      // The top level of the root or of a part (whose items are sections).
      const bool top = is_container(t_, id);
      if (ch.appendix) {
        kinds_[c] = NodeKind::appendix;
        walk(c, at, cpath, true);
      } else if (ch.part) {
        open_part(c, cpath);
      } else if (id == 0 && !is_leaf(t_, c)) {
        open_chapter(c, cpath, non_measure);
      } else if (top && (nd.items_are_measures || ch.task_item)) {
        add_leaf(c, at, cpath, non_measure);
      } else if ((top && is_leaf(t_, c) && is_paragraph_chapter(ch)) || ch.paragraph_tasks) {
        paragraph_chapter(c, at, cpath, non_measure);
      } else if (!is_leaf(t_, c)) {
        open_group(id, c, at, cpath, non_measure);
      } else {
        add_leaf(c, at, cpath, non_measure);
      }
    }
    check_numbering(nd);
  }

  // A leaf: a measure, unless it states principles.
  void add_leaf(int c, Place at, const std::string& path, bool non_measure) {
    if (non_measure) {
      kinds_[c] = NodeKind::other;
      for (std::size_t i : subtree_lines(t_, c)) passage(i);
      return;
    }
    kinds_[c] = NodeKind::measure;
    add_measure(at, &t_.nodes[c], subtree_lines(t_, c), path);
  }

  // A top-level leaf 一、/第一章 whose paragraphs are the tasks.
  bool is_paragraph_chapter(const Node& ch) const {
    return ch.style == MarkerStyle::cn_dun || ch.style == MarkerStyle::chapter_zhang ||
           ch.style == MarkerStyle::chapter_jie;
  }

  // A chapter or a section: the heading's number, marker, title and extent.
  template <class Level>
  Level heading_of(int c) const {
    const Node& nd = t_.nodes[c];
    Level out;
    out.number = nd.number;
    out.marker = marker_text(nd);
    out.title = title_text(nd);
    const Range r = extent(c);
    out.span = d_.text.span(r.begin, r.end);
    return out;
  }

  Chapter chapter_of(int c) const { return heading_of<Chapter>(c); }

  // A plan of a package: a chapter titled by the plan's title line, its
  // preamble a passage.
  void open_part(int c, const std::string& path) {
    kinds_[c] = NodeKind::chapter;
    plan_.chapters.push_back(chapter_of(c));
    ++part_;
    const Place at{plan_.chapters.size() - 1, SIZE_MAX};
    // A plan without headings (a division of duties, one unit per
    // paragraph: X负责…) has one task per paragraph; otherwise the text
    // before its first heading is its preamble.
    const Node& nd = t_.nodes[c];
    std::size_t k = 0;
    for (std::size_t i : nd.body) {
      if (nd.children.empty() && d_.line(i).find("。") != std::string_view::npos)
        add_measure(at, nullptr, {i}, path + ".p" + std::to_string(++k));
      else
        passage(i);
    }
    walk(c, at, path, false);
  }

  Section section_of(int c) const { return heading_of<Section>(c); }

  void open_chapter(int c, const std::string& path, bool non_measure) {
    kinds_[c] = NodeKind::chapter;
    plan_.chapters.push_back(chapter_of(c));
    // Lines between the chapter heading and its first child.
    for (std::size_t i : t_.nodes[c].body) passage(i);
    walk(c, Place{plan_.chapters.size() - 1, SIZE_MAX}, path, non_measure);
  }

  // A chapter (or a section, or a group below) with paragraphs and no
  // numbered items: each paragraph is an unnumbered measure (unless the
  // chapter states principles).
  void paragraph_chapter(int c, Place at, const std::string& path, bool non_measure) {
    if (at.chapter == SIZE_MAX) {
      kinds_[c] = NodeKind::chapter;
      plan_.chapters.push_back(chapter_of(c));
      at = Place{plan_.chapters.size() - 1, SIZE_MAX};
    } else if (at.section == SIZE_MAX) {
      kinds_[c] = NodeKind::section;
      auto& sections = plan_.chapters[at.chapter].sections;
      sections.push_back(section_of(c));
      at.section = sections.size() - 1;
    } else {
      kinds_[c] = NodeKind::group;
      at.grouped = true;
    }
    const std::vector<std::size_t> lines = subtree_lines(t_, c);
    const std::size_t tasks = lines.size() - closing_paragraphs(c, lines);
    std::size_t k = 0;
    for (std::size_t n = 0; n < lines.size(); ++n) {
      if (non_measure || n >= tasks) {
        passage(lines[n]);
        continue;
      }
      // A note on a line of its own ((责任单位：…)) closes the paragraph above.
      std::vector<std::size_t> task{lines[n]};
      while (n + 1 < tasks && is_note_line(d_, lines[n + 1])) task.push_back(lines[++n]);
      add_measure(at, nullptr, task, path + ".p" + std::to_string(++k));
    }
  }

  // The last chapter of a plan whose paragraphs carry their own notes may
  // end in the plan's closing paragraphs (本政策自…起执行，由…负责解释): the
  // paragraphs after its last noted one are no tasks.
  std::size_t closing_paragraphs(int c, const std::vector<std::size_t>& lines) const {
    const std::vector<int>& siblings = t_.nodes[t_.nodes[c].parent].children;
    const auto last = std::find_if(siblings.rbegin(), siblings.rend(), [&](int k) { return !t_.nodes[k].appendix; });
    if (last == siblings.rend() || *last != c) return 0;
    std::size_t noted = 0, after = 0;
    for (std::size_t i : lines) {
      const bool work = assigns_work(d_, {i});
      noted += work;
      after = work ? 0 : after + 1;
    }
    return noted >= 2 ? after : 0;
  }

  // A section (first level under a chapter) or a deeper group.
  void open_group(int parent, int c, Place at, const std::string& path, bool non_measure) {
    const Node& ch = t_.nodes[c];
    for (std::size_t i : ch.body) passage(i);
    if (at.chapter != SIZE_MAX && at.section == SIZE_MAX && t_.nodes[parent].parent == 0) {
      kinds_[c] = NodeKind::section;
      auto& sections = plan_.chapters[at.chapter].sections;
      sections.push_back(section_of(c));
      walk(c, Place{at.chapter, sections.size() - 1}, path, non_measure);
    } else {
      kinds_[c] = NodeKind::group;
      walk(c, Place{at.chapter, at.section, true}, path, non_measure);
    }
  }

  // ---- measures ----

  void add_measure(Place at, const Node* nd, const std::vector<std::size_t>& body_lines, std::string id) {
    PendingMeasure p;
    p.place = at;
    p.grouped = at.grouped;
    p.part = static_cast<std::uint32_t>(part_);
    Measure m;
    if (nd) {
      m.number = nd->number;
      m.marker = marker_text(*nd);
      p.range = d_.lines[nd->line].r;
      p.body.begin = d_.lines[nd->line].marker.end;
    } else {
      p.range = {d_.lines[body_lines.front()].r.begin, d_.lines[body_lines.front()].r.begin};
      p.body.begin = p.range.begin;
    }
    for (std::size_t i : body_lines) {
      p.range.end = std::max(p.range.end, d_.lines[i].r.end);
      const Column c = d_.lines[i].column;
      if (c != Column::none && c != Column::task && c != Column::serial) p.cells.push_back({c, d_.lines[i].r});
    }
    p.body.end = p.range.end;
    // Title: the heading's own text up to its first 。, else the first line.
    const Range t = nd ? title_range(*nd) : first_sentence(d_.lines[body_lines.front()].r);
    m.title = join_title(d_.original(t));
    // The span's bytes are those of original(p.range): one reading of the
    // offset map for both.
    m.span = d_.text.span(p.range.begin, p.range.end);
    m.text = d_.text.excerpt(m.span);
    m.id = std::move(id);
    ++measure_count_;
    // The measure waits in built_ until every list's size is known
    // (place_measures): a vector of Measures grown by doubling keeps up to
    // half its room unused and holds two copies while it grows. Chunks,
    // not a deque: a deque holds one 328-byte Measure per block, and the
    // holes those blocks leave between the measures' strings scatter what
    // the later stages allocate (13 % more time on the reference plan, the
    // same instructions).
    if (built_.empty() || built_.back().size() == built_.back().capacity()) {
      built_.emplace_back();
      built_.back().reserve(std::clamp<std::size_t>(pending_.size(), 16, 512));
    }
    built_.back().push_back(std::move(m));
    p.built = &built_.back().back();
    if (nd) measure_of_node_[static_cast<std::size_t>(nd - t_.nodes.data())] = static_cast<std::uint32_t>(pending_.size());
    pending_.push_back(std::move(p));
  }

  // Numbering that restarts under each group heading ("1.建设阶段 (1)…(3)
  // 2.验收阶段 (1)…") does not tell a measure from its chapter and section:
  // such a number is left empty (the marker and the id keep it).
  void drop_ambiguous_numbers() {
    std::set<std::tuple<std::size_t, std::size_t, int>> seen;
    std::set<std::pair<std::size_t, std::size_t>> restarting;
    for (std::size_t k = 0; k < pending_.size(); ++k)
      if (const auto& p = pending_[k]; p.grouped)
        if (auto n = p.built->number)
          if (!seen.insert({p.place.chapter, p.place.section, *n}).second)
            restarting.insert({p.place.chapter, p.place.section});
    if (restarting.empty()) return;
    for (std::size_t k = 0; k < pending_.size(); ++k)
      if (const auto& p = pending_[k]; p.grouped && restarting.count({p.place.chapter, p.place.section}))
        p.built->number.reset();
  }

  // Moves each measure into its list, every list reserved to its exact
  // size; built_ gives each measure's room back as it goes.
  void place_measures() {
    std::map<std::pair<std::size_t, std::size_t>, std::size_t> counts;
    for (const auto& p : pending_) ++counts[{p.place.chapter, p.place.section}];
    for (const auto& [place, n] : counts) list_of(Place{place.first, place.second}).reserve(n);
    std::size_t k = 0;
    for (auto& chunk : built_) {
      for (Measure& m : chunk) {
        PendingMeasure& p = pending_[k++];
        std::vector<Measure>& list = list_of(p.place);
        list.push_back(std::move(m));
        p.index = static_cast<std::uint32_t>(list.size() - 1);
      }
      std::vector<Measure>().swap(chunk);
    }
    built_.clear();
  }

  std::vector<Measure>& list_of(Place at) {
    return at.chapter == SIZE_MAX                ? plan_.loose_measures
           : at.section == SIZE_MAX ? plan_.chapters[at.chapter].measures
                                    : plan_.chapters[at.chapter].sections[at.section].measures;
  }
  const std::vector<Measure>& list_of(Place at) const { return const_cast<SemanticView*>(this)->list_of(at); }

  // Numbering checks among siblings: gaps and duplicates.
  void check_numbering(const Node& parent) {
    std::optional<int> prev;
    MarkerStyle style = MarkerStyle::none;
    for (int c : parent.children) {
      const Node& ch = t_.nodes[c];
      if (!ch.number) continue;
      if (prev && ch.style == style && *ch.number != *prev + 1) {
        const Range r = d_.lines[ch.line].r;
        if (*ch.number == *prev)
          d_.doc.diagnose("outline.duplicate_number", Severity::warning,
                          "heading number " + std::to_string(*ch.number) + " repeats", r);
        else if (*ch.number != 1)
          d_.doc.diagnose("outline.number_gap", Severity::info,
                          "heading number " + std::to_string(*ch.number) + " follows " + std::to_string(*prev), r);
      }
      prev = ch.number;
      style = ch.style;
    }
  }

  // ---- outputs ----

  OutlineNode to_public(int id) const {
    const Node& nd = t_.nodes[id];
    OutlineNode o;
    o.style = nd.style;
    o.number = nd.number;
    o.kind = kinds_[id];
    if (const std::uint32_t k = measure_of_node_[id]; k != kNoMeasure) {
      // A measure's node: its marker and title are the measure's, and so is
      // its span when the measure reaches exactly as far as the node (a
      // leaf); they were read from the text once, in add_measure.
      const PendingMeasure& p = pending_[k];
      const Measure& m = *p.built;
      o.marker = m.marker;
      o.title = m.title;
      const Range r = extent(id);
      o.span = r.begin == p.range.begin && r.end == p.range.end ? m.span : d_.text.span(r.begin, r.end);
    } else if (id != 0) {
      o.marker = marker_text(nd);
      o.title = title_text(nd);
      const Range r = extent(id);
      o.span = d_.text.span(r.begin, r.end);
    } else {
      o.span = d_.text.span(0, d_.s.size());
    }
    o.children.reserve(nd.children.size());
    for (int c : nd.children) o.children.push_back(to_public(c));
    return o;
  }

  void make_slots() {
    d_.doc.measures.reserve(pending_.size());
    for (PendingMeasure& p : pending_) {
      MeasureSlot slot;
      if (p.place.chapter == SIZE_MAX) {
        slot.measure = &plan_.loose_measures[p.index];
      } else {
        slot.chapter = &plan_.chapters[p.place.chapter];
        if (p.place.section == SIZE_MAX) {
          slot.measure = &plan_.chapters[p.place.chapter].measures[p.index];
        } else {
          slot.section = &plan_.chapters[p.place.chapter].sections[p.place.section];
          slot.measure = &plan_.chapters[p.place.chapter].sections[p.place.section].measures[p.index];
        }
      }
      slot.range = p.range;
      slot.body = p.body;
      slot.part = p.part;
      slot.cells = std::move(p.cells);
      slot.annotations.reserve(slot.cells.size());
      for (const auto& c : slot.cells) slot.annotations.push_back(c.range);
      d_.doc.measures.push_back(std::move(slot));
    }
    std::vector<PendingMeasure>().swap(pending_);
    // (Mostly in order already: stable_sort would take a buffer of half
    // the slots for nothing.)
    const auto by_begin = [](const MeasureSlot& a, const MeasureSlot& b) { return a.range.begin < b.range.begin; };
    if (!std::is_sorted(d_.doc.measures.begin(), d_.doc.measures.end(), by_begin))
      std::stable_sort(d_.doc.measures.begin(), d_.doc.measures.end(), by_begin);
  }

  void order_passages() {
    auto& passages = d_.doc.passages;
    const auto by_begin = [](const Passage& a, const Passage& b) { return a.range.begin < b.range.begin; };
    if (!std::is_sorted(passages.begin(), passages.end(), by_begin))
      std::stable_sort(passages.begin(), passages.end(), by_begin);
    // before_measure: index of the first measure that starts after the passage.
    std::size_t m = 0;
    for (auto& p : passages) {
      while (m < d_.doc.measures.size() && d_.doc.measures[m].range.begin < p.range.begin) ++m;
      p.before_measure = m;
    }
  }

  bool has_text_line() const {
    for (const auto& l : d_.lines)
      if (l.kind != LineKind::chrome && l.kind != LineKind::blank) return true;
    return false;
  }

  void release_tree() {
    std::vector<Node>().swap(t_.nodes);
    std::vector<std::size_t>().swap(t_.preamble);
    std::vector<VLine>().swap(d_.lines);
    std::vector<NodeKind>().swap(kinds_);
    std::vector<std::uint32_t>().swap(ends_);
    std::vector<std::uint32_t>().swap(measure_of_node_);
  }

  Draft& d_;
  Tree& t_;
  Plan& plan_;
  std::vector<NodeKind> kinds_;
  // Four bytes per node each: the parse's peak is reached while they live.
  std::vector<std::uint32_t> ends_;  // subtree_ends()
  // The pending_ entry of each node that became a measure, else kNoMeasure.
  static constexpr std::uint32_t kNoMeasure = UINT32_MAX;
  std::vector<std::uint32_t> measure_of_node_ = std::vector<std::uint32_t>(t_.nodes.size(), kNoMeasure);
  // Measures in the order they were read, with their folded ranges (freed
  // once the slots are made).
  std::vector<PendingMeasure> pending_;
  // The measures until place_measures, in pending_'s order: chunks of 16,
  // 16, 32 … up to 512 measures, none ever reallocated (PendingMeasure::built
  // points into them).
  std::vector<std::vector<Measure>> built_;

  std::size_t measure_count_ = 0;
  std::size_t part_ = 0;  // the part being walked (0 outside parts)
};

}  // namespace

void build_semantic_view(Draft& d, Tree& t) { SemanticView(d, t).run(); }

}  // namespace taizhang::detail
