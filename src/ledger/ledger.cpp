// The ledger: rows from a Plan, unit matching through the lexicon and the
// collective rules (collectives.tsv), date queries over a due-date index.
#include "ledger/ledger_internal.hpp"
#include "units/grammar.hpp"
#include "text/tsv.hpp"

#include "taizhang_data/collectives.inc"

#include <taizhang/ledger.hpp>

#include <boost/date_time/gregorian/gregorian_types.hpp>

#include <algorithm>
#include <array>
#include <functional>
#include <map>
#include <tuple>
#include <unordered_map>
#include <unordered_set>
#include <utility>

namespace taizhang {

namespace gd = boost::gregorian;

namespace {

// --- collective rules -----------------------------------------------------------

enum class MemberRule { all, suffix, prefix };

struct CollectiveRule {
  bool match_suffix = false;  // false: exact name
  std::string collective;
  MemberRule member = MemberRule::all;
  std::string text;
};

std::vector<CollectiveRule> parse_collective_rules(std::string_view data) {
  std::vector<CollectiveRule> rules;
  for (const auto& f : detail::tsv_rows(data)) {
    // Malformed lines are caught by a unit test that reads the table itself.
    if (f.size() < 3) continue;
    CollectiveRule r;
    if (f[0] == "suffix") r.match_suffix = true;
    else if (f[0] != "exact") continue;
    r.collective = detail::normalize_unit_name(f[1]);
    if (f[2] == "all") r.member = MemberRule::all;
    else if (f[2] == "suffix") r.member = MemberRule::suffix;
    else if (f[2] == "prefix") r.member = MemberRule::prefix;
    else continue;
    if (r.member != MemberRule::all) {
      if (f.size() < 4 || f[3].empty()) continue;
      r.text = detail::normalize_unit_name(f[3]);
    }
    rules.push_back(std::move(r));
  }
  return rules;
}

const std::vector<CollectiveRule>& collective_rules() {
  static const std::vector<CollectiveRule> rules = parse_collective_rules(data::collectives);
  return rules;
}

bool rule_names(const CollectiveRule& r, std::string_view normalized) {
  return r.match_suffix ? normalized.size() > r.collective.size() && normalized.ends_with(r.collective)
                        : normalized == r.collective;
}

// Whether a name is a collective is the units grammar's one definition; the
// rules of collectives.tsv say only whom a collective includes.
bool is_collective_normalized(std::string_view n) { return detail::units::is_collective(n); }

bool includes_normalized(std::string_view c, std::string_view m) {
  if (c == m) return true;
  const bool member_collective = is_collective_normalized(m);
  for (const auto& r : collective_rules()) {
    if (!rule_names(r, c)) continue;
    switch (r.member) {
      case MemberRule::all:
        return true;
      case MemberRule::suffix:
        if (!member_collective && m.size() > r.text.size() && m.ends_with(r.text)) return true;
        break;
      case MemberRule::prefix:
        if (!member_collective && m.size() > r.text.size() && m.starts_with(r.text)) return true;
        break;
    }
  }
  return false;
}

// Level prefixes a query may leave out: 发改委 finds 市发改委.
bool key_matches(std::string_view unit_key, std::string_view query_key) {
  if (unit_key == query_key) return true;
  for (auto p : detail::units::level_prefixes())
    if (unit_key.size() == p.size() + query_key.size() && unit_key.starts_with(p) &&
        unit_key.substr(p.size()) == query_key)
      return true;
  return false;
}

void add_key(std::vector<std::string>& keys, std::string key) {
  if (key.empty()) return;
  if (std::find(keys.begin(), keys.end(), key) == keys.end()) keys.push_back(std::move(key));
}

}  // namespace

bool is_collective_unit(std::string_view name) {
  return is_collective_normalized(detail::normalize_unit_name(name));
}

bool collective_includes(std::string_view collective, std::string_view member) {
  return includes_normalized(detail::normalize_unit_name(collective),
                             detail::normalize_unit_name(member));
}

// --- the ledger --------------------------------------------------------------------

namespace {

struct UnitKeys {
  std::string normalized;          // of the name
  std::vector<std::string> keys;   // name, raw, full names, normalised
  bool collective = false;
};

struct QueryKeys {
  std::string normalized;
  std::vector<std::string> keys;
};

}  // namespace

struct Ledger::Impl {
  std::vector<LedgerRow> rows;
  std::vector<std::vector<UnitKeys>> lead;  // per row
  std::vector<std::vector<UnitKeys>> co;    // per row
  std::vector<std::size_t> by_due;          // rows with a due date, by (due, index)
  std::unordered_map<std::string, std::size_t> by_id;
  std::string title;
  std::optional<int> plan_year;
  Lexicon lexicon;
  int due_soon_days = 30;

  UnitKeys keys_of(const Unit& u) const {
    UnitKeys k;
    k.normalized = detail::normalize_unit_name(u.name);
    k.collective = u.collective || is_collective_normalized(k.normalized);
    add_key(k.keys, k.normalized);
    add_key(k.keys, detail::normalize_unit_name(u.raw));
    if (u.full_name) add_key(k.keys, detail::normalize_unit_name(*u.full_name));
    for (std::string_view s : {std::string_view(u.name), u.raw.view()})
      if (auto f = lexicon.full_name(s)) add_key(k.keys, detail::normalize_unit_name(*f));
    return k;
  }

  QueryKeys query_keys(std::string_view q) const {
    QueryKeys k;
    k.normalized = detail::normalize_unit_name(q);
    add_key(k.keys, k.normalized);
    if (auto f = lexicon.full_name(q)) add_key(k.keys, detail::normalize_unit_name(*f));
    // A bare place name stands for its government: 伊川县 → 伊川县政府.
    std::size_t tail = k.normalized.size();
    const char32_t last = tail ? detail::prev_cp(k.normalized, tail) : 0;
    if (tail > 0 && detail::units::names_governed_place(last)) add_key(k.keys, k.normalized + "政府");
    return k;
  }

  static bool unit_matches(const UnitKeys& u, const QueryKeys& q) {
    for (const auto& uk : u.keys)
      for (const auto& qk : q.keys)
        if (key_matches(uk, qk)) return true;
    if (u.collective)
      for (const auto& qk : q.keys)
        if (includes_normalized(u.normalized, qk)) return true;
    return false;
  }

  bool row_matches(std::size_t i, const QueryKeys& q, bool lead_only) const {
    for (const auto& u : lead[i])
      if (unit_matches(u, q)) return true;
    if (!lead_only)
      for (const auto& u : co[i])
        if (unit_matches(u, q)) return true;
    return false;
  }
};

namespace {

struct Placed {
  const Measure* measure;
  const Chapter* chapter;
  const Section* section;
};

// Every measure with its chapter and section, in document order. Measures
// carry spans into the source; hand-built plans without spans keep the
// order of the model (chapter measures, its sections, then loose measures).
std::vector<Placed> placed_measures(const Plan& plan) {
  std::vector<Placed> out;
  for (const auto& c : plan.chapters) {
    for (const auto& m : c.measures) out.push_back({&m, &c, nullptr});
    for (const auto& s : c.sections)
      for (const auto& m : s.measures) out.push_back({&m, &c, &s});
  }
  for (const auto& m : plan.loose_measures) out.push_back({&m, nullptr, nullptr});
  const bool spans = std::all_of(out.begin(), out.end(),
                                 [](const Placed& p) { return !p.measure->span.empty(); });
  if (spans)
    std::stable_sort(out.begin(), out.end(), [](const Placed& a, const Placed& b) {
      return a.measure->span.byte_start < b.measure->span.byte_start;
    });
  return out;
}

std::vector<std::string> names(const std::vector<Unit>& units) {
  std::vector<std::string> out;
  out.reserve(units.size());
  for (const auto& u : units) out.push_back(u.name);
  return out;
}

LedgerRow base_row(const Placed& p) {
  LedgerRow r;
  const Measure& m = *p.measure;
  r.measure_id = m.id;
  r.measure_number = m.number;
  r.measure_marker = m.marker;
  r.measure_title = m.title;
  if (p.chapter) r.chapter_title = p.chapter->title;
  if (p.section) r.section_title = p.section->title;
  r.lead_units = names(m.lead_units);
  r.co_units = names(m.co_units);
  r.leaders = m.leaders;
  return r;
}

// The milestone's own fields of a row, for a measure's and a goal's alike;
// `owned` is the targets of the measure or goal that holds it. A row is
// read on its own (a CSV line, an iCal entry), so it carries copies.
void fill_milestone(LedgerRow& r, const std::vector<Target>& owned, const Milestone& ms) {
  r.milestone_id = ms.id;
  r.deadline_text = ms.deadline.text;
  r.deadline_kind = ms.deadline.kind;
  r.every = ms.deadline.every;
  r.start = ms.deadline.start;
  r.due = ms.deadline.due;
  r.text = ms.text;
  for (const Target* t : milestone_targets(owned, ms)) r.targets.push_back(*t);
}

// A goal's horizon as a row: no measure, no units (docs/ledger.md).
LedgerRow goal_row(const Goal& g, const Milestone& ms) {
  LedgerRow r;
  fill_milestone(r, g.targets, ms);
  r.goal = true;
  r.goal_id = g.id;
  r.goal_heading = g.heading;
  return r;
}

}  // namespace

Ledger::Ledger(const Plan& plan, LedgerOptions options) : impl_(std::make_unique<Impl>()) {
  Impl& d = *impl_;
  d.title = plan.title;
  d.plan_year = plan.plan_year;
  d.lexicon = options.lexicon ? std::move(*options.lexicon) : Lexicon::builtin();
  d.due_soon_days = std::max(0, options.due_soon_days);

  // The horizon of recurring milestones: the plan year's end, or the end of
  // the latest year a measure's stated deadline reaches. A goal's horizon
  // (到2027年) does not stretch it: a monthly report of this year's work is
  // not to be repeated until then.
  std::optional<gd::date> horizon = options.horizon;
  if (!horizon && options.expand_recurring) {
    int last_year = d.plan_year.value_or(0);
    for (const Placed& p : placed_measures(plan))
      for (const auto& ms : p.measure->milestones)
        if (ms.deadline.due && ms.deadline.kind != DeadlineKind::implied)
          last_year = std::max(last_year, static_cast<int>(ms.deadline.due->year()));
    if (last_year >= 1400 && last_year <= 9999) horizon = gd::date(static_cast<unsigned short>(last_year), 12, 31);
  }

  // Goal rows go in document order among the measures' rows (a hand-built
  // plan without spans lists its goals first, as plans state them first).
  const std::vector<Placed> placed = placed_measures(plan);
  const bool spans = std::all_of(plan.goals.begin(), plan.goals.end(), [](const Goal& g) { return !g.span.empty(); }) &&
                     std::all_of(placed.begin(), placed.end(), [](const Placed& p) { return !p.measure->span.empty(); });
  std::size_t next_goal = 0;
  auto goals_before = [&](std::size_t byte) {
    for (; next_goal < plan.goals.size() && (!spans || plan.goals[next_goal].span.byte_start < byte); ++next_goal)
      for (const Milestone& ms : plan.goals[next_goal].milestones) {
        d.rows.push_back(goal_row(plan.goals[next_goal], ms));
        d.lead.emplace_back();
        d.co.emplace_back();
      }
  };

  for (const Placed& p : placed) {
    const Measure& m = *p.measure;
    goals_before(m.span.byte_start);
    std::vector<UnitKeys> lead, co;
    for (const auto& u : m.lead_units) lead.push_back(d.keys_of(u));
    for (const auto& u : m.co_units) co.push_back(d.keys_of(u));

    auto push = [&](LedgerRow r) {
      d.rows.push_back(std::move(r));
      d.lead.push_back(lead);
      d.co.push_back(co);
    };
    if (m.milestones.empty()) {
      // A plan from before the deadlines stage (or built by hand) still
      // gives every measure its row: the implied plan-year end, as the
      // deadlines stage would.
      LedgerRow r = base_row(p);
      r.milestone_id = m.id + "#1";
      r.deadline_kind = DeadlineKind::implied;
      if (d.plan_year && *d.plan_year >= 1400 && *d.plan_year <= 9999)
        r.due = gd::date(static_cast<unsigned short>(*d.plan_year), 12, 31);
      r.text = m.text;
      r.targets = m.targets;
      push(std::move(r));
      continue;
    }
    for (const auto& ms : m.milestones) {
      LedgerRow r = base_row(p);
      fill_milestone(r, m.targets, ms);
      const LedgerRow first = r;
      push(std::move(r));
      if (!options.expand_recurring || !horizon || !first.due || first.every == Recurrence::none) continue;
      // Later occurrences, counted from the first so that month ends stay
      // month ends (boost snaps 2月28日 + 1 month to 3月31日) and days do not drift.
      const int step = first.every == Recurrence::monthly     ? 1
                       : first.every == Recurrence::quarterly ? 3
                       : first.every == Recurrence::half_yearly ? 6
                                                              : 12;
      for (int k = 1; k <= 600; ++k) {
        gd::date due = *first.due + gd::months(step * k);
        if (due > *horizon) break;
        LedgerRow o = first;
        o.occurrence = static_cast<std::size_t>(k);
        o.due = due;
        if (first.start) o.start = *first.start + gd::months(step * k);
        o.milestone_id = first.milestone_id + "@" + detail::iso_date(due);
        push(std::move(o));
      }
    }
  }

  goals_before(SIZE_MAX);

  for (std::size_t i = 0; i < d.rows.size(); ++i) {
    // First occurrence wins if a hand-built plan repeats an id.
    d.by_id.emplace(d.rows[i].milestone_id, i);
    if (d.rows[i].due) d.by_due.push_back(i);
  }
  std::sort(d.by_due.begin(), d.by_due.end(), [&](std::size_t a, std::size_t b) {
    return std::tie(d.rows[a].due, a) < std::tie(d.rows[b].due, b);
  });
}

Ledger::~Ledger() = default;
Ledger::Ledger(Ledger&&) noexcept = default;
Ledger& Ledger::operator=(Ledger&&) noexcept = default;

const std::vector<LedgerRow>& Ledger::rows() const noexcept { return impl_->rows; }
std::size_t Ledger::size() const noexcept { return impl_->rows.size(); }
const std::string& Ledger::title() const noexcept { return impl_->title; }
std::optional<int> Ledger::plan_year() const noexcept { return impl_->plan_year; }
int Ledger::due_soon_days() const noexcept { return impl_->due_soon_days; }

const LedgerRow* Ledger::find(std::string_view milestone_id) const {
  auto it = impl_->by_id.find(std::string(milestone_id));
  return it == impl_->by_id.end() ? nullptr : &impl_->rows[it->second];
}

std::vector<const LedgerRow*> Ledger::due_between(gd::date first, gd::date last) const {
  std::vector<const LedgerRow*> out;
  if (first.is_special() || last.is_special() || last < first) return out;
  const auto& d = *impl_;
  auto lo = std::lower_bound(d.by_due.begin(), d.by_due.end(), first,
                             [&](std::size_t i, gd::date v) { return d.rows[i].due < v; });
  for (auto it = lo; it != d.by_due.end() && d.rows[*it].due <= last; ++it)
    out.push_back(&d.rows[*it]);
  return out;
}

std::vector<const LedgerRow*> Ledger::due_in_month(int year, int month) const {
  if (year < 1400 || year > 9999 || month < 1 || month > 12) return {};
  gd::date first(static_cast<unsigned short>(year), static_cast<unsigned short>(month), 1);
  return due_between(first, first.end_of_month());
}

std::vector<const LedgerRow*> Ledger::for_unit(std::string_view unit) const {
  std::vector<const LedgerRow*> out;
  const auto q = impl_->query_keys(unit);
  if (q.keys.empty()) return out;
  for (std::size_t i = 0; i < impl_->rows.size(); ++i)
    if (impl_->row_matches(i, q, false)) out.push_back(&impl_->rows[i]);
  return out;
}

bool Ledger::concerns(const LedgerRow& row, std::string_view unit, bool lead_only) const {
  const auto& rows = impl_->rows;
  // std::less: a total order even for a row that is not one of ours.
  const std::less<const LedgerRow*> before;
  if (rows.empty() || before(&row, rows.data()) || !before(&row, rows.data() + rows.size()))
    return false;
  const auto q = impl_->query_keys(unit);
  if (q.keys.empty()) return false;
  return impl_->row_matches(static_cast<std::size_t>(&row - rows.data()), q, lead_only);
}

RowProgress Ledger::progress(const LedgerRow& row, const StatusTable& status,
                             gd::date as_of) const {
  RowProgress p;
  p.row = &row;
  p.status = as_of.is_special() ? status.latest(row.milestone_id)
                                : status.current(row.milestone_id, as_of);
  if (p.status && p.status->status == Status::done) {
    p.progress = Progress::done;
  } else if (!row.due || as_of.is_special()) {
    p.progress = Progress::on_track;
  } else if (*row.due < as_of) {
    p.progress = Progress::overdue;
  } else if (*row.due <= as_of + gd::days(impl_->due_soon_days)) {
    p.progress = Progress::due_soon;
  } else {
    p.progress = Progress::on_track;
  }
  return p;
}

std::vector<RowProgress> Ledger::progress(const StatusTable& status, gd::date as_of) const {
  std::vector<RowProgress> out;
  out.reserve(impl_->rows.size());
  for (const auto& r : impl_->rows) out.push_back(progress(r, status, as_of));
  return out;
}

std::vector<const LedgerRow*> Ledger::overdue(const StatusTable& status, gd::date as_of) const {
  std::vector<const LedgerRow*> out;
  if (as_of.is_special()) return out;
  const auto& d = *impl_;
  for (std::size_t i : d.by_due) {
    if (!(d.rows[i].due < as_of)) break;
    if (progress(d.rows[i], status, as_of).progress == Progress::overdue) out.push_back(&d.rows[i]);
  }
  return out;
}

std::vector<std::string> Ledger::unknown_ids(const StatusTable& status) const {
  std::vector<std::string> out;
  std::unordered_set<std::string_view> seen;  // a big table with many strays stays linear
  for (const auto& e : status.entries())
    if (!find(e.milestone_id) && seen.insert(e.milestone_id).second) out.push_back(e.milestone_id);
  return out;
}

std::vector<std::pair<std::string, std::size_t>> Ledger::workload() const {
  std::vector<std::pair<std::string, std::size_t>> out;
  std::unordered_map<std::string, std::size_t> at;
  for (const auto& r : impl_->rows) {
    // A unit named twice in one row's lead list still has one milestone.
    std::vector<std::string_view> seen;
    for (const auto& u : r.lead_units) {
      if (std::find(seen.begin(), seen.end(), u) != seen.end()) continue;
      seen.push_back(u);
      auto [it, fresh] = at.emplace(u, out.size());
      if (fresh) out.emplace_back(u, 0);
      ++out[it->second].second;
    }
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  return out;
}

std::vector<Ledger::MonthCount> Ledger::per_month() const {
  std::map<std::pair<int, int>, std::size_t> counts;
  for (const auto& r : impl_->rows)
    if (r.due) ++counts[{static_cast<int>(r.due->year()), static_cast<int>(r.due->month())}];
  std::vector<MonthCount> out;
  for (const auto& [ym, n] : counts) out.push_back({ym.first, ym.second, n});
  return out;
}

}  // namespace taizhang
