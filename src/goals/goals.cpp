// The goals stage: goal paragraphs become Plan::goals (docs/goals.md).
//
// A plan states what it is to reach as a whole in paragraphs that are not
// measures: the 工作目标 / 主要目标 / 发展目标 of a 总体要求 chapter, the ——
// bullets under them, and often a preamble that names the horizon (力争到
// 2025年…). Which headings hold goals is data (goal_headings.tsv). The stage
// reads the outline's public tree and the passages it set aside, resolves
// dates with the deadlines scanner and finds targets with the targets
// stage's finder; it changes nothing the other stages built.
#include "deadlines/deadlines.hpp"
#include "pipeline.hpp"
#include "targets/targets.hpp"
#include "text/punctuation.hpp"
#include "text/scan.hpp"
#include "text/tsv.hpp"

#include "taizhang_data/goal_headings.inc"

#include <boost/date_time/gregorian/gregorian.hpp>

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

namespace taizhang::detail {
namespace {

namespace bg = boost::gregorian;

// How a heading reads (goal_headings.tsv).
enum class Reading { none, goals, frame, not_goals };

struct HeadingRule {
  std::string ending;
  Reading reading = Reading::none;
};

const std::vector<HeadingRule>& heading_rules() {
  static const std::vector<HeadingRule> rules = [] {
    std::vector<HeadingRule> out;
    for (const auto& row : tsv_rows(data::goal_headings)) {
      if (row.size() < 2) continue;
      const std::string_view r = trim(row[1]);
      const Reading reading = r == "goals"       ? Reading::goals
                              : r == "frame"     ? Reading::frame
                              : r == "not_goals" ? Reading::not_goals
                                                 : Reading::none;
      if (reading != Reading::none) out.push_back({std::string(trim(row[0])), reading});
    }
    return out;
  }();
  return rules;
}

// Where the heading proper ends in a title or heading line: its first 。 ：
// or ； (folded: ： and ； are ASCII), or the end.
std::size_t head_end(std::string_view title) {
  std::size_t cut = title.size();
  for (std::string_view stop : {"。", ":", ";", "；", "："}) cut = std::min(cut, title.find(stop));
  return cut;
}

Reading reading_of(std::string_view title) {
  const std::string head = join_title(title.substr(0, head_end(title)));
  Reading best = Reading::none;
  std::size_t longest = 0;
  for (const auto& rule : heading_rules())
    if (rule.ending.size() > longest && std::string_view(head).ends_with(rule.ending)) {
      best = rule.reading;
      longest = rule.ending.size();
    }
  return best;
}

// The heading as a goal names it: the title without its closing 。 or ：.
std::string heading_name(std::string_view title) {
  std::string_view t = trim(title);
  for (std::string_view stop : {"。", "：", ":"})
    if (t.ends_with(stop)) t.remove_suffix(stop.size());
  return std::string(trim(t));
}

// The outline as this stage reads it: every node with the reading that
// governs it (its own heading's, else its parent's).
struct Item {
  const OutlineNode* node = nullptr;
  Reading reading = Reading::none;
  bool own_heading = false;  // the reading comes from this node's own heading
  std::string heading;       // the heading that gave the reading
  std::vector<std::size_t> children;
};

bool holds_measure(const OutlineNode& node) {
  if (node.kind == NodeKind::measure) return true;
  return std::any_of(node.children.begin(), node.children.end(), holds_measure);
}

void mirror(const OutlineNode& node, std::size_t parent, std::vector<Item>& items) {
  Item item;
  item.node = &node;
  const Item& up = items[parent];
  // A heading over measures (三、确保完成全年目标) is a chapter of work, not a
  // statement of goals.
  Reading own = reading_of(node.title);
  if (own != Reading::none && own != Reading::not_goals && holds_measure(node)) own = Reading::none;
  if (node.kind == NodeKind::measure || node.kind == NodeKind::appendix ||
      up.reading == Reading::not_goals) {
    item.reading = Reading::not_goals;
  } else if (own != Reading::none) {
    item.reading = own;
    item.own_heading = true;
    item.heading = heading_name(node.title);
  } else {
    item.reading = up.reading;
    item.heading = up.heading;
  }
  const std::size_t at = items.size();
  items.push_back(std::move(item));
  items[parent].children.push_back(at);
  for (const OutlineNode& c : node.children) mirror(c, at, items);
}

// The number of nodes of a subtree (items are reserved to it: one per node).
std::size_t count_nodes(const OutlineNode& node) {
  std::size_t n = 1;
  for (const OutlineNode& c : node.children) n += count_nodes(c);
  return n;
}

// The innermost item whose span holds original bytes [b, e).
std::size_t innermost(const std::vector<Item>& items, std::size_t b, std::size_t e) {
  std::size_t at = 0;
  while (true) {
    const auto& kids = items[at].children;
    auto it = std::upper_bound(kids.begin(), kids.end(), b, [&](std::size_t x, std::size_t k) {
      return x < items[k].node->span.byte_start;
    });
    if (it == kids.begin()) return at;
    const Span& s = items[*(it - 1)].node->span;
    if (e > s.byte_end) return at;
    at = *(it - 1);
  }
}

// The folded offset where original byte `b` starts: the first folded byte
// whose original position is at or after it. Text::to_original is monotonic,
// so a binary search finds it; `from` (the answer for an earlier heading)
// narrows the search, headings being visited in document order.
std::size_t folded_at(const Text& text, std::size_t b, std::size_t from) {
  std::size_t lo = from, hi = text.folded().size();
  while (lo < hi) {
    const std::size_t mid = lo + (hi - lo) / 2;
    if (text.to_original(mid) < b) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

bool is_blank(char32_t c) noexcept { return c == ' ' || c == '\t' || c == '\r' || c == '|'; }

// [b, e) without blanks (and table bars) at either end.
Range trimmed(std::string_view s, Range r) {
  while (r.begin < r.end) {
    std::size_t k = r.begin;
    if (!is_blank(next_cp(s, k))) break;
    r.begin = k;
  }
  while (r.end > r.begin) {
    std::size_t k = r.end;
    if (!is_blank(prev_cp(s, k))) break;
    r.end = k;
  }
  return r;
}

// The prose of a heading line that may be a goal: what follows the marker
// and, when the heading itself names the goals (（一）工作目标。到2025年…),
// what follows the heading proper.
Range heading_prose(const Text& text, const Item& item, std::size_t line_begin) {
  const std::string_view s = text.folded();
  // A page without line breaks holds the whole text on one line: the
  // heading's own node ends sooner.
  const std::size_t line_end =
      line_end_within(s, line_begin, folded_at(text, item.node->span.byte_end, line_begin));
  // Folding pairs characters one to one, so the marker as written has as
  // many code points here as in the original.
  std::size_t at = line_begin;
  const std::string_view marker = item.node->marker;
  for (std::size_t i = 0; i < marker.size() && at < line_end;) {
    next_cp(marker, i);
    next_cp(s, at);
  }
  Range r = trimmed(s, {std::min(at, line_end), line_end});
  if (item.own_heading) {
    const std::string_view rest = s.substr(r.begin, r.end - r.begin);
    const std::size_t cut = head_end(rest);
    if (cut == rest.size()) return {r.end, r.end};
    std::size_t k = r.begin + cut;
    next_cp(s, k);  // the stop itself
    r = trimmed(s, {k, r.end});
  }
  return r;
}

struct Paragraph {
  Range range;  // folded
  Reading reading = Reading::none;
  std::string heading;
};

// Every paragraph that may be a goal, in document order: the prose of goal
// headings, the passages under them, and the preamble.
std::vector<Paragraph> candidate_paragraphs(const Document& doc, const std::vector<Item>& items) {
  const Text& text = doc.text;
  std::vector<Paragraph> out;
  std::size_t from = 0;
  for (std::size_t i = 1; i < items.size(); ++i) {
    const Item& item = items[i];
    if (item.reading != Reading::goals && item.reading != Reading::frame) continue;
    const std::size_t line = folded_at(text, item.node->span.byte_start, from);
    from = line;
    const Range r = heading_prose(text, item, line);
    if (!r.empty()) out.push_back({r, item.reading, item.heading});
  }
  // The preamble: passages before the first heading, after the signature of
  // a cover notice (whose own text is no goal of the plan).
  const std::size_t first_heading =
      items[0].children.empty() ? SIZE_MAX : items[items[0].children.front()].node->span.byte_start;
  const std::size_t signature_end =
      doc.signature.empty() ? 0 : text.span(doc.signature.begin, doc.signature.end).byte_end;
  for (const Passage& p : doc.passages) {
    const Range r = trimmed(text.folded(), p.range);
    if (r.empty()) continue;
    const Span sp = text.span(r.begin, r.end);
    const std::size_t at = innermost(items, sp.byte_start, sp.byte_end);
    if (at == 0) {
      const bool preamble = sp.byte_end <= first_heading &&
                            (signature_end > first_heading || sp.byte_start >= signature_end);
      if (preamble) out.push_back({r, Reading::frame, std::string()});
      continue;
    }
    const Item& item = items[at];
    if (item.reading == Reading::goals || item.reading == Reading::frame)
      out.push_back({r, item.reading, item.heading});
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const Paragraph& a, const Paragraph& b) { return a.range.begin < b.range.begin; });
  // A heading line that a passage also holds (a leaf's sub-points) counts once.
  std::vector<Paragraph> unique;
  for (auto& p : out)
    if (unique.empty() || p.range.begin >= unique.back().range.end) unique.push_back(std::move(p));
  return unique;
}

// A horizon: a stated deadline that names a period. Recurring (每年),
// relative (三年内), open-ended and start dates are kept among the goal's
// dates but date no target.
bool is_horizon(const Deadline& d) {
  if (d.role != DateRole::deadline || !d.due || d.kind == DeadlineKind::recurring ||
      d.kind == DeadlineKind::open_ended || d.kind == DeadlineKind::implied) return false;
  switch (d.kind) {
    case DeadlineKind::day:
    case DeadlineKind::month:
    case DeadlineKind::month_part:
    case DeadlineKind::quarter:
    case DeadlineKind::half_year:
    case DeadlineKind::year: return true;
    default: return false;
  }
}

// Does a date expression name its year (到2025年, 二〇二三年底)? A preamble
// or 总体要求 paragraph states the plan's horizon with its year; a bare 全年
// or 年底前 there speaks of the current year's work, not of a goal.
bool names_year(std::string_view expr) {
  for (std::size_t at = expr.find("年"); at != std::string_view::npos; at = expr.find("年", at + 1)) {
    if (at == 0) continue;
    std::size_t k = at;
    const char32_t c = prev_cp(expr, k);
    if (is_ascii_digit(c) || cn_digit(c) >= 0) return true;
  }
  return false;
}

// A paragraph wholly in brackets is a remark (（此件公开发布）, a forwarded
// document's （市文化局 2024年3月1日）), not a statement of goals.
bool bracketed(std::string_view s) {
  const std::string_view t = trim(s);
  return (t.starts_with("(") && t.ends_with(")")) || (t.starts_with("（") && t.ends_with("）")) ||
         (t.starts_with("〔") && t.ends_with("〕")) || (t.starts_with("[") && t.ends_with("]"));
}

// Starts of the sentences and clauses of a paragraph (offsets into it).
struct Boundaries {
  std::vector<std::size_t> sentences{0}, clauses{0};
  explicit Boundaries(std::string_view s) {
    for (std::size_t i = 0; i < s.size();) {
      const char32_t c = next_cp(s, i);
      if (is_sentence_end(c)) {
        sentences.push_back(i);
        clauses.push_back(i);
      } else if (is_clause_pause(c)) {
        clauses.push_back(i);
      }
    }
  }
  static std::size_t start_of(const std::vector<std::size_t>& v, std::size_t at) {
    return *(std::upper_bound(v.begin(), v.end(), at) - 1);
  }
};

// Where each horizon's milestone starts: the first at the paragraph start
// (the lead-in goes with it, so no target is left without a horizon), the
// others at their sentence, or at their clause when an earlier horizon
// shares the sentence (到2020年…；到2025年…).
std::vector<std::size_t> milestone_starts(std::string_view s, const std::vector<const deadlines::Mention*>& h) {
  const Boundaries b(s);
  std::vector<std::size_t> starts(h.size(), 0);
  for (std::size_t k = 1; k < h.size(); ++k) {
    const std::size_t sentence = Boundaries::start_of(b.sentences, h[k]->begin);
    if (Boundaries::start_of(b.sentences, h[k - 1]->begin) != sentence) {
      starts[k] = sentence;
      continue;
    }
    const std::size_t clause = Boundaries::start_of(b.clauses, h[k]->begin);
    starts[k] = Boundaries::start_of(b.clauses, h[k - 1]->begin) == clause ? h[k]->begin : clause;
  }
  return starts;
}

void locate(const Text& text, Range r, Span& span, Excerpt& out) {
  span = text.span(r.begin, r.end);
  out = text.excerpt(span);
}

// A goal with no horizon has no milestone (no date is guessed for it); a
// vague time word in it (逐步, 尽快) is reported, as for a measure
// (docs/deadlines.md, "Vague time words").
void report_vague(Document& doc, const Paragraph& p, const Goal& goal,
                  const std::vector<deadlines::Vague>& vague) {
  for (const deadlines::Vague& v : vague) {
    const Range r{p.range.begin + v.begin, p.range.begin + v.end};
    doc.diagnose("deadline.vague", Severity::info,
                 goal.id + " asks for 「" + std::string(doc.text.original_slice(r.begin, r.end)) + "」 (" +
                     std::string(deadlines::vague_meaning(v.klass)) +
                     ") and states no horizon: it has no milestone, no date is guessed",
                 r);
  }
}

// Reads one paragraph: its dates, its horizons as milestones and its
// targets. Returns false for a paragraph that is a goal only if it states a
// horizon (a 总体要求 paragraph, the preamble) and states none.
bool read_goal(Document& doc, const Paragraph& p, const deadlines::Context& ctx, Goal& goal) {
  const Text& text = doc.text;
  const std::string_view s = text.folded().substr(p.range.begin, p.range.end - p.range.begin);
  if (bracketed(s)) return false;
  std::vector<deadlines::Invalid> invalid;
  std::vector<deadlines::Vague> vague;
  std::vector<deadlines::Mention> mentions = deadlines::scan(s, ctx, &invalid, &vague);
  std::vector<const deadlines::Mention*> horizons;
  for (auto& m : mentions) {
    locate(text, {p.range.begin + m.begin, p.range.begin + m.end}, m.deadline.span, m.deadline.text);
    if (is_horizon(m.deadline)) horizons.push_back(&m);
  }
  if (p.reading == Reading::frame &&
      std::none_of(horizons.begin(), horizons.end(), [](const deadlines::Mention* m) { return names_year(m->deadline.text); }))
    return false;
  for (const auto& bad : invalid)
    doc.diagnose("deadline.invalid_date", Severity::warning,
                 "「" + std::string(text.original_slice(p.range.begin + bad.begin, p.range.begin + bad.end)) +
                     "」 names no calendar date; it is ignored",
                 {p.range.begin + bad.begin, p.range.begin + bad.end});
  if (horizons.empty()) report_vague(doc, p, goal, vague);

  goal.heading = p.heading;
  locate(text, p.range, goal.span, goal.text);
  for (const auto& m : mentions) goal.dates.push_back(m.deadline);
  const std::vector<std::size_t> starts = milestone_starts(s, horizons);
  std::vector<std::size_t> folded_starts;
  for (std::size_t k = 0; k < horizons.size(); ++k) {
    const std::size_t end = k + 1 < horizons.size() ? starts[k + 1] : s.size();
    const Range r = trimmed(text.folded(), {p.range.begin + starts[k], p.range.begin + std::max(end, starts[k])});
    Milestone ms;
    ms.id = goal.id + "#" + std::to_string(k + 1);
    ms.deadline = horizons[k]->deadline;
    locate(text, r, ms.span, ms.text);
    goal.milestones.push_back(std::move(ms));
    folded_starts.push_back(p.range.begin + starts[k]);
  }
  for (auto& f : targets::find_targets(text.folded(), p.range)) {
    Target t = std::move(f.target);
    locate(text, {f.begin, f.end}, t.span, t.text);
    // The horizon of the milestone the target lies in.
    auto it = std::upper_bound(folded_starts.begin(), folded_starts.end(), f.begin);
    if (it != folded_starts.begin())
      goal.milestones[static_cast<std::size_t>(it - folded_starts.begin()) - 1].target_indices.push_back(
          static_cast<std::uint32_t>(goal.targets.size()));
    goal.targets.push_back(std::move(t));
  }
  return true;
}

}  // namespace

void find_goals(Document& doc) {
  std::vector<Item> items;
  items.reserve(count_nodes(doc.plan.outline));  // not doubled: 72 bytes a node
  items.emplace_back().node = &doc.plan.outline;
  for (const OutlineNode& c : doc.plan.outline.children) mirror(c, 0, items);
  const deadlines::Context ctx = deadlines::context_of(doc);
  for (const Paragraph& p : candidate_paragraphs(doc, items)) {
    Goal goal;
    goal.id = "goal" + std::to_string(doc.plan.goals.size() + 1);
    if (read_goal(doc, p, ctx, goal)) doc.plan.goals.push_back(std::move(goal));
  }
}

}  // namespace taizhang::detail
