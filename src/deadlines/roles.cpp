// What a date does in its sentence (docs/deadlines.md, "Roles"): a deadline
// (a commitment), a start, or a reference (it cites, compares or describes).
// Each rule looks at the words right around the date, or ahead within its
// clause up to a fixed number of characters: never back to the clause start
// (the pass keeps where the clause began).
#include "deadlines/scanner.hpp"

namespace taizhang::detail::deadlines {

namespace {

bool ends_clause(char32_t c) noexcept { return c == 0 || is_clause_end(c); }

bool is_open_bracket(char32_t c) noexcept { return c == U'（' || c == '('; }
bool is_close_bracket(char32_t c) noexcept { return c == U'）' || c == ')'; }

}  // namespace

const std::string* Scanner::cue_before(std::size_t i, const CueList& words) const noexcept {
  while (i > 0 && s_[i - 1] == ' ') --i;
  return words.ending_at(s_, i);
}

template <class Found>
bool Scanner::clause_ahead_has(std::size_t j, int window, Found found) const noexcept {
  for (int n = 0; n < window && j < s_.size(); ++n) {
    if (ends_clause(cp_at(s_, j))) return false;
    if (found(j)) return true;
    j = after_cp(s_, j);
  }
  return false;
}

// Does only space lie between the start of the current clause and pos?
bool Scanner::opens_clause(std::size_t pos) const noexcept {
  while (pos > clause_begin_ && s_[pos - 1] == ' ') --pos;
  return pos == clause_begin_;
}

// Inside 《》, after 按照/截至/比/的/纳入 …, or inside 对…的: the date is
// cited, measured against, or part of a noun phrase.
bool Scanner::is_cited(const Mention& m) const noexcept {
  return title_depth_ > 0 || cue_before(m.begin, cues().ref_before) != nullptr ||
         in_eligibility_frame(m);
}

// 对2023年一季度营业收入增长15%以上的企业，给予奖励: a clause that opens with
// 对 names who qualifies, up to its 的; dates in it describe them. The
// qualifying phrase may run over a comma (对1—2月产值超过5000万元、增幅达到8%,
// 且…进入前十的企业), never over ；：or a sentence end.
bool Scanner::in_eligibility_frame(const Mention& m) const noexcept {
  if (!eligibility_ && !cue_before(m.begin, cues().eligibility)) return false;
  std::size_t k = m.end;
  for (int n = 0; n < 40 && k < s_.size(); ++n) {
    const char32_t c = cp_at(s_, k);
    if (c == U'的') return true;
    if (is_sentence_end(c) || c == U'；' || c == ';' || c == U'：' || c == ':') return false;
    k = after_cp(s_, k);
  }
  return false;
}

// After a short bracketed aside at j — 2022年7月1日(含当日)以后 — or the
// close of a bracket around the date — 之日(2022年5月10日)起: where the
// words the date governs continue. j itself when there is none.
std::size_t Scanner::after_aside(std::size_t j) const noexcept {
  if (is_close_bracket(cp_at(s_, j))) return after_cp(s_, j);
  if (!is_open_bracket(cp_at(s_, j))) return j;
  std::size_t k = after_cp(s_, j);
  for (int n = 0; n < 10 && k < s_.size(); ++n) {
    const char32_t c = cp_at(s_, k);
    if (is_close_bracket(c)) return after_cp(s_, k);
    if (is_open_bracket(c) || ends_clause(c)) break;
    k = after_cp(s_, k);
  }
  return j;
}

// 从2019年起, 2020年起, 自2022年7月1日起, 2022年7月1日以后, 印发之日(…)起:
// the date starts something. Widens the mention over the cue words (not
// over a bracket) and makes it a start.
bool Scanner::mark_start(const Point& first, const Point* second, Mention& m) const {
  const Cues& cue = cues();
  const bool bare = !first.end_marker && !second;
  std::size_t start_end = m.end;
  bool start_after = false;
  if (bare || first.unit == Unit::day) {
    const bool enclosed = is_open_bracket(cp_before(s_, m.begin)) && is_close_bracket(cp_at(s_, m.end));
    const std::size_t j = after_aside(m.end);
    if (const auto* w = cue.start_after.starting_at(s_, j)) {
      // 起草, 起步: a verb that happens to start with 起.
      static constexpr std::u32string_view verbs = U"草步点诉码伏飞航";
      const bool verb = *w == "起" && verbs.find(cp_at(s_, j + w->size())) != std::u32string_view::npos;
      if (!verb) {
        start_after = true;
        start_end = enclosed ? m.end : j + w->size();
      }
    }
  }
  const std::string* pre_start = cue_before(m.begin, cue.start_before);
  if (!start_after && !(pre_start && !second)) return false;
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

// The word right after the date makes it describe: 2022年度, 2020年以来,
// 1-2月水平 (when the date has no end word of its own), 2015年底前已建成,
// 年底未竣工. A title within the next few characters makes the date part of
// a document's name (2022年省《…》, 2023年市《…》).
bool Scanner::described_by_next_word(const Point& last, const Mention& m) const noexcept {
  const Cues& cue = cues();
  if (!last.end_marker) {
    if (cue.ref_after.starting_at(s_, m.end)) return true;
    std::size_t k = m.end;
    for (int n = 0; n < 3 && k < s_.size() && !is_boundary(cp_at(s_, k)); ++n) {
      if (at(k, "《")) return true;
      k = after_cp(s_, k);
    }
  }
  std::size_t j = m.end;
  while (j < s_.size() && s_[j] == ' ') ++j;
  return cue.state_after.starting_at(s_, j) != nullptr;
}

// 力争2023年和2024年每年改造…, 每年4-6月和9-11月: the second date of a pair
// joined by 和/及/、 shares the first's role (and its recurrence).
bool Scanner::coordinated(Mention& m) const noexcept {
  if (!previous_ || previous_->role == DateRole::start) return false;
  const auto* w = cues().coordination.ending_at(s_, m.begin);
  if (!w || m.begin - w->size() != previous_->end) return false;
  const Previous& p = *previous_;
  m.deadline.role = p.role;
  if (p.kind == DeadlineKind::recurring) {
    m.deadline.kind = DeadlineKind::recurring;
    m.deadline.every = p.every;
  }
  return true;
}

// 2025年全省80%以上的学校纳入…, 2023年新增经营主体3000户: a bare stated year
// that opens its clause, followed in the clause by a quantity, is the
// horizon of that quantity.
bool Scanner::opens_with_horizon(const Point& first, const Point* second,
                                 const Mention& m) const noexcept {
  if (second || first.end_marker || first.unit != Unit::year || first.year_from != YearFrom::stated)
    return false;
  if (!opens_clause(m.begin)) return false;
  // A number that is not itself part of a date (继续执行2021年、2022年的政策
  // names years, not a quantity), or a level compared with (高于2022年).
  return clause_ahead_has(m.end, 48, [&](std::size_t k) {
    if (!is_ascii_digit(cp_at(s_, k)) || is_ascii_digit(cp_before(s_, k))) return false;
    const auto run = arabic(s_, k);
    const bool date_part = at(run->end, "年") || at(run->end, "月") || at(run->end, "日");
    return !date_part || cue_before(k, cues().ref_before) != nullptr;
  });
}

// …前 + a short verb + 的: the date sits in a relative clause that names a
// thing (2022年9月30日前购买的新建住房). 以前 looks back from the present and
// may take a longer verb phrase (2000年底以前建成并交付使用的小区).
bool Scanner::qualifies_noun(const Mention& m) const noexcept {
  int window = 0;
  if (ends_with(m.end, "以前")) window = 12;
  else if (ends_with(m.end, "前")) window = 4;
  else return false;
  std::size_t k = m.end;
  for (int n = 0; n < window && k < s_.size(); ++n) {
    const char32_t c = cp_at(s_, k);
    if (is_boundary(c)) return false;
    if (c == U'的') return true;
    k = after_cp(s_, k);
  }
  return false;
}

// A bare stated year alone on its line is a heading or a table's column
// label (1996年 above a column of enrolment figures), not a commitment.
bool Scanner::heads_a_line(const Point& first, const Point* second, const Mention& m) const noexcept {
  if (second || first.end_marker || first.unit != Unit::year || first.year_from != YearFrom::stated)
    return false;
  std::size_t b = m.begin, e = m.end;
  while (b > 0 && (s_[b - 1] == ' ' || s_[b - 1] == '\t')) --b;
  while (e < s_.size() && (s_[e] == ' ' || s_[e] == '\t' || s_[e] == '\r')) ++e;
  return (b == 0 || s_[b - 1] == '\n') && (e == s_.size() || s_[e] == '\n');
}

// The date describes a thing or a state instead of committing to a time:
// 当年新招用, 2023年经济社会发展目标, 2000年底以前建成的小区.
bool Scanner::describes(const Point& first, const Point* second, const Mention& m) const noexcept {
  const Cues& cue = cues();
  const bool bare = !first.end_marker && !second;
  // 当年 alone qualifies a noun (计入当年本单位绩效工资总量, 当年新招用).
  if (bare && first.unit == Unit::year && first.year_from == YearFrom::current) return true;
  // A bare stated year is a deadline at a clause edge (到2022年，), after
  // 到/在/于/确保, or as a horizon; before a noun it is a modifier
  // (2023年经济社会发展目标).
  if (bare && first.unit == Unit::year && first.year_from == YearFrom::stated &&
      !is_boundary(cp_at(s_, m.end)) && !cue_before(m.begin, cue.deadline_before) && !horizon_)
    return true;
  // A stated year before the document's own describes the past
  // (2000年底以前建成的小区).
  if (first.year_from == YearFrom::stated && m.deadline.due &&
      m.deadline.due->year() < reference_year())
    return true;
  return qualifies_noun(m) || heads_a_line(first, second, m);
}

// 到2025年: "by" belongs to the expression's text.
void Scanner::include_by_word(const Point& first, const Point* second, Mention& m) const noexcept {
  if (first.unit != Unit::year || second) return;
  if (const auto* w = cues().included_before.ending_at(s_, m.begin)) m.begin -= w->size();
}

void Scanner::assign_role(const Point& first, const Point* second, Mention& m) {
  const Point& last = second ? *second : first;
  m.deadline.role = DateRole::reference;
  if (is_cited(m) || mark_start(first, second, m) || described_by_next_word(last, m)) return;
  m.deadline.role = DateRole::deadline;
  if (coordinated(m)) return;
  horizon_ = opens_with_horizon(first, second, m);
  if (describes(first, second, m)) {
    m.deadline.role = DateRole::reference;
    horizon_ = false;
    return;
  }
  include_by_word(first, second, m);
}

// Carries the sentence's year and 每年 forward (2020年起，每年2月底前…，3月底前…).
void Scanner::carry_chain(const Point& first, std::optional<long> last_year, Mention& m) {
  if (m.deadline.role == DateRole::reference) return;
  if (first.year_from != YearFrom::none && last_year) chain_year_ = last_year;
  if (chain_recurring_ && first.year_from == YearFrom::none &&
      m.deadline.role == DateRole::deadline) {
    m.deadline.kind = DeadlineKind::recurring;
    m.deadline.every = Recurrence::yearly;  // only 每年 chains
  }
}

}  // namespace taizhang::detail::deadlines
