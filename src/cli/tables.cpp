// Rows of the corpus tables (src/cli/tables.hpp). Each row repeats where its
// measure sits (measure id, number, chapter, section) so that every table
// can be read on its own; `document` and `measure` join them.
#include "cli/tables.hpp"

#include <taizhang/ledger.hpp>

#include <boost/date_time/gregorian/gregorian.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <initializer_list>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

namespace taizhang::cli {

const std::array<const char*, table_count> kTableNames = {"measures", "milestones", "targets", "units"};

namespace {

constexpr const char* kPlaceColumns = "document,measure,number,chapter,chapter_title,section,section_title";

constexpr std::array<const char*, table_count> kOwnColumns = {
    "marker,title,lead_units,co_units,leaders,milestones,first_due,last_due,targets,start,end,text",
    "goal,measure_title,lead_units,co_units,milestone,due,period_start,deadline,kind,targets,start,end,text",
    "goal,milestone,due,lead_units,subject,value,low,high,unit,cmp,baseline,aspirational,cumulative,"
    "increment,growth,start,end,text",
    "role,position,name,raw,full_name,collective,milestones,start,end",
};

// How unit lists are joined into one cell: the separator the documents use.
constexpr std::string_view kUnitSeparator = "、";

struct Place {
  const Chapter* chapter = nullptr;
  const Section* section = nullptr;
  const Measure* measure = nullptr;
};

// Every measure with its chapter and section, in document order.
std::vector<Place> places(const Plan& plan) {
  std::vector<Place> out;
  for (const auto& c : plan.chapters) {
    for (const auto& s : c.sections)
      for (const auto& m : s.measures) out.push_back({&c, &s, &m});
    for (const auto& m : c.measures) out.push_back({&c, nullptr, &m});
  }
  for (const auto& m : plan.loose_measures) out.push_back({nullptr, nullptr, &m});
  std::stable_sort(out.begin(), out.end(), [](const Place& a, const Place& b) {
    return a.measure->span.start < b.measure->span.start;
  });
  return out;
}

std::string integer(std::optional<int> v) { return v ? std::to_string(*v) : std::string(); }
std::string count(std::size_t n) { return std::to_string(n); }
std::string boolean(bool b) { return b ? "true" : "false"; }
std::string date(const std::optional<boost::gregorian::date>& d) {
  return d ? boost::gregorian::to_iso_extended_string(*d) : std::string();
}

// Integers without a fraction, the rest in the shortest form that reads back.
std::string number(const std::optional<double>& v) {
  if (!v || !std::isfinite(*v)) return {};
  if (*v == std::floor(*v) && std::fabs(*v) < 1e15) return std::to_string(static_cast<long long>(*v));
  char buf[32];
  auto res = std::to_chars(buf, buf + sizeof buf, *v);
  return std::string(buf, res.ptr);
}

std::string names(const std::vector<Unit>& units) {
  std::string out;
  for (const auto& u : units) {
    if (!out.empty()) out += kUnitSeparator;
    out += u.name;
  }
  return out;
}

class Record {
 public:
  explicit Record(std::string& out) : out_(out) {}
  Record& operator<<(std::string_view field) {
    if (!first_) out_ += ',';
    first_ = false;
    out_ += csv_field(field);
    return *this;
  }
  ~Record() { out_ += "\r\n"; }

 private:
  std::string& out_;
  bool first_ = true;
};

void place_fields(Record& r, const std::string& document, const Place& p) {
  r << document << p.measure->id << integer(p.measure->number)
    << (p.chapter ? integer(p.chapter->number) : "") << (p.chapter ? p.chapter->title : "")
    << (p.section ? integer(p.section->number) : "") << (p.section ? p.section->title : "");
}

// A goal's rows have no measure: the place columns are empty and `goal`
// names it (the same rows as the Python frames).
void goal_place_fields(Record& r, const std::string& document, const Goal& g) {
  r << document << "" << "" << "" << "" << "" << "" << g.id;
}

// A measure's (or goal's) targets, each once (they are stored once, in
// their owner), with the milestone that governs it, in text order.
template <class Owner>
std::vector<std::pair<const Target*, const Milestone*>> owned_targets(const Owner& m) {
  std::vector<const Milestone*> governing(m.targets.size(), nullptr);
  for (const auto& ms : m.milestones)
    for (std::uint32_t k : ms.target_indices)
      if (k < governing.size() && !governing[k]) governing[k] = &ms;
  std::vector<std::pair<const Target*, const Milestone*>> out;
  for (std::size_t k = 0; k < m.targets.size(); ++k) out.push_back({&m.targets[k], governing[k]});
  std::stable_sort(out.begin(), out.end(),
                   [](const auto& a, const auto& b) { return a.first->span.start < b.first->span.start; });
  return out;
}

std::vector<std::pair<const Target*, const Milestone*>> measure_targets(const Measure& m) { return owned_targets(m); }

std::size_t measure_row(std::string& out, const std::string& document, const Place& p) {
  const Measure& m = *p.measure;
  std::optional<boost::gregorian::date> first, last;
  for (const auto& ms : m.milestones) {
    if (!ms.deadline.due) continue;
    if (!first || *ms.deadline.due < *first) first = ms.deadline.due;
    if (!last || *ms.deadline.due > *last) last = ms.deadline.due;
  }
  std::string leaders;
  for (const auto& l : m.leaders) leaders += (leaders.empty() ? "" : std::string(kUnitSeparator)) + l;
  Record r(out);
  place_fields(r, document, p);
  r << m.marker << m.title << names(m.lead_units) << names(m.co_units) << leaders
    << count(m.milestones.size()) << date(first) << date(last) << count(measure_targets(m).size())
    << count(m.span.start) << count(m.span.end) << m.text;
  return 1;
}

std::size_t milestone_rows(std::string& out, const std::string& document, const Place& p) {
  const Measure& m = *p.measure;
  const std::string lead = names(m.lead_units), co = names(m.co_units);
  for (const auto& ms : m.milestones) {
    const Deadline& d = ms.deadline;
    Record r(out);
    place_fields(r, document, p);
    r << "" << m.title << lead << co << ms.id << date(d.due) << date(d.start) << d.text << to_string(d.kind)
      << count(milestone_targets(m.targets, ms).size()) << count(ms.span.start) << count(ms.span.end) << ms.text;
  }
  return m.milestones.size();
}

std::size_t target_rows(std::string& out, const std::string& document, const Place& p) {
  const std::string lead = names(p.measure->lead_units);
  const auto targets = measure_targets(*p.measure);
  for (const auto& [t, ms] : targets) {
    Record r(out);
    place_fields(r, document, p);
    r << "" << (ms ? ms->id : "") << (ms ? date(ms->deadline.due) : "") << lead << t->subject << number(t->value)
      << number(t->low) << number(t->high) << t->unit << to_string(t->cmp) << number(t->baseline)
      << boolean(t->aspirational) << boolean(t->cumulative) << boolean(t->increment) << boolean(t->growth)
      << count(t->span.start) << count(t->span.end) << t->text;
  }
  return targets.size();
}

void deadline_fields(Record& r, const Goal& g, const Milestone& ms) {
  const Deadline& d = ms.deadline;
  r << ms.id << date(d.due) << date(d.start) << d.text << to_string(d.kind)
    << count(milestone_targets(g.targets, ms).size()) << count(ms.span.start) << count(ms.span.end) << ms.text;
}

std::size_t goal_milestone_rows(std::string& out, const std::string& document, const Goal& g) {
  for (const auto& ms : g.milestones) {
    Record r(out);
    goal_place_fields(r, document, g);
    r << "" << "" << "";  // measure_title, lead_units, co_units
    deadline_fields(r, g, ms);
  }
  return g.milestones.size();
}

// A goal's targets, each once, with the horizon that dates it, if any.
std::size_t goal_target_rows(std::string& out, const std::string& document, const Goal& g) {
  const auto targets = owned_targets(g);
  for (const auto& [t, dated] : targets) {
    Record r(out);
    goal_place_fields(r, document, g);
    r << (dated ? dated->id : "") << (dated ? date(dated->deadline.due) : "") << "" << t->subject << number(t->value)
      << number(t->low) << number(t->high) << t->unit << to_string(t->cmp) << number(t->baseline)
      << boolean(t->aspirational) << boolean(t->cumulative) << boolean(t->increment) << boolean(t->growth)
      << count(t->span.start) << count(t->span.end) << t->text;
  }
  return targets.size();
}

std::size_t unit_rows(std::string& out, const std::string& document, const Place& p) {
  const Measure& m = *p.measure;
  std::size_t rows = 0;
  for (auto [role, units] : {std::pair{"lead", &m.lead_units}, std::pair{"co", &m.co_units}}) {
    for (std::size_t position = 0; position < units->size(); ++position, ++rows) {
      const Unit& u = (*units)[position];
      Record r(out);
      place_fields(r, document, p);
      r << role << count(position) << u.name << u.raw << u.full_name.value_or("") << boolean(u.collective)
        << count(m.milestones.size()) << count(u.span.start) << count(u.span.end);
    }
  }
  return rows;
}

}  // namespace

std::string table_header(Table table) {
  return std::string(kPlaceColumns) + "," + kOwnColumns[table] + "\r\n";
}

std::array<std::size_t, table_count> count_rows(const Plan& plan) {
  std::array<std::size_t, table_count> rows{};
  for (const Measure* m : all_measures(plan)) {
    ++rows[measures_table];
    rows[milestones_table] += m->milestones.size();
    rows[targets_table] += measure_targets(*m).size();
    rows[units_table] += m->lead_units.size() + m->co_units.size();
  }
  for (const Goal& g : plan.goals) {
    rows[milestones_table] += g.milestones.size();
    rows[targets_table] += owned_targets(g).size();
  }
  return rows;
}

std::array<std::size_t, table_count> append_rows(const std::string& document, const Plan& plan,
                                                 std::array<std::string, table_count>& out) {
  std::array<std::size_t, table_count> rows{};
  // Measures and goals in document order, as the Python frames have them.
  const std::vector<Place> ps = places(plan);
  std::size_t g = 0;
  auto goals_before = [&](std::size_t at) {
    for (; g < plan.goals.size() && plan.goals[g].span.start < at; ++g) {
      rows[milestones_table] += goal_milestone_rows(out[milestones_table], document, plan.goals[g]);
      rows[targets_table] += goal_target_rows(out[targets_table], document, plan.goals[g]);
    }
  };
  for (const Place& p : ps) {
    goals_before(p.measure->span.start);
    rows[measures_table] += measure_row(out[measures_table], document, p);
    rows[milestones_table] += milestone_rows(out[milestones_table], document, p);
    rows[targets_table] += target_rows(out[targets_table], document, p);
    rows[units_table] += unit_rows(out[units_table], document, p);
  }
  goals_before(static_cast<std::size_t>(-1));
  return rows;
}

}  // namespace taizhang::cli
