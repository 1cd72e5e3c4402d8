// What a date does in its sentence (docs/deadlines.md, "Roles"): a deadline
// (a commitment), a start, or a reference (it cites, compares or describes).
// Each rule looks at the words right around the date, within the clause.
#include "deadlines/scanner.hpp"

namespace taizhang::detail::deadlines {

const std::string* Scanner::cue_before(std::size_t i, const CueList& words) const noexcept {
  while (i > 0 && s_[i - 1] == ' ') --i;
  return words.ending_at(s_, i);
}

// Inside 《》, or after 按照/截至/比 …: the date is cited or measured against.
bool Scanner::is_cited(const Mention& m) const noexcept {
  return title_depth_ > 0 || cue_before(m.begin, cues().ref_before) != nullptr;
}

// 从2019年起, 2020年起, 自2022年7月1日起, 2022年7月1日以后: the date starts
// something. Widens the mention over the cue words and makes it a start.
bool Scanner::mark_start(const Point& first, bool range, Mention& m) const {
  const Cues& cue = cues();
  const bool bare = !first.end_marker && !range;
  std::size_t start_end = m.end;
  bool start_after = false;
  if (bare || first.unit == Unit::day) {
    if (const auto* w = cue.start_after.starting_at(s_, m.end)) {
      // 起草, 起步: a verb that happens to start with 起.
      static constexpr std::u32string_view verbs = U"草步点诉码伏飞航";
      const bool verb =
          *w == "起" && verbs.find(cp_at(s_, m.end + w->size())) != std::u32string_view::npos;
      if (!verb) {
        start_after = true;
        start_end = m.end + w->size();
      }
    }
  }
  const std::string* pre_start = cue_before(m.begin, cue.start_before);
  if (!start_after && !(pre_start && !range)) return false;
  m.deadline.role = DateRole::start;
  m.deadline.kind = DeadlineKind::start;
  m.deadline.due.reset();
  if (pre_start) {
    std::size_t b = m.begin;
    while (b > 0 && s_[b - 1] == ' ') --b;
    m.begin = b - pre_start->size();
  }
  m.end = start_end;
  m.form = MonthForm::none;
  return true;
}

// The date describes a thing or a state instead of committing to a time:
// 2022年度, 当年新招用, 2023年经济社会发展目标, 2000年底以前建成的小区.
bool Scanner::describes(const Point& first, bool range, const Mention& m) const noexcept {
  const Cues& cue = cues();
  const bool bare = !first.end_marker && !range;
  if (bare && cue.ref_after.starting_at(s_, m.end)) return true;
  // 当年 alone qualifies a noun (计入当年本单位绩效工资总量, 当年新招用).
  if (bare && first.unit == Unit::year && first.year_from == YearFrom::current) return true;
  // A bare stated year is a deadline at a clause edge (到2022年，) or after
  // 到/在/于/确保; before a noun it is a modifier (2023年经济社会发展目标).
  if (bare && first.unit == Unit::year && first.year_from == YearFrom::stated &&
      !is_boundary(cp_at(s_, m.end)) && !cue_before(m.begin, cue.deadline_before))
    return true;
  // A stated year before the document's own describes the past
  // (2000年底以前建成的小区).
  if (first.year_from == YearFrom::stated && m.deadline.due &&
      m.deadline.due->year() < reference_year())
    return true;
  // …以前 + verb + 的 inside one clause: an attribute (…以前建成的小区).
  if (ends_with(m.end, "以前")) {
    std::size_t k = m.end;
    for (int n = 0; n < 12 && k < s_.size(); ++n) {
      const char32_t c = cp_at(s_, k);
      if (is_boundary(c)) break;
      if (c == U'的') return true;
      k = after_cp(s_, k);
    }
  }
  return false;
}

// 到2025年: "by" belongs to the expression's text.
void Scanner::include_by_word(const Point& first, bool range, Mention& m) const noexcept {
  if (first.unit != Unit::year || range) return;
  if (const auto* w = cues().included_before.ending_at(s_, m.begin)) m.begin -= w->size();
}

void Scanner::assign_role(const Point& first, bool range, Mention& m) const {
  m.deadline.role = DateRole::deadline;
  if (is_cited(m)) {
    m.deadline.role = DateRole::reference;
  } else if (mark_start(first, range, m)) {
    // m is now a start
  } else if (describes(first, range, m)) {
    m.deadline.role = DateRole::reference;
  } else {
    include_by_word(first, range, m);
  }
}

// Carries the sentence's year and 每年 forward (2020年起，每年2月底前…，3月底前…).
void Scanner::carry_chain(const Point& first, long last_year, bool year_known, Mention& m) {
  if (m.deadline.role == DateRole::reference) return;
  if (first.year_from != YearFrom::none && year_known) chain_year_ = last_year;
  if (chain_recurring_ && first.year_from == YearFrom::none &&
      m.deadline.role == DateRole::deadline) {
    m.deadline.recurring = true;
    m.deadline.kind = DeadlineKind::recurring;
    m.deadline.every = Recurrence::yearly;  // only 每年 chains
  }
}

}  // namespace taizhang::detail::deadlines
