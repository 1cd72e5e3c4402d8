// The targets listing (`taizhang targets`): every quantitative target with
// the measure, lead units and due date of the milestone that holds it.
#include "export/json_writer.hpp"
#include "ledger/ledger_internal.hpp"

#include <taizhang/ledger.hpp>

namespace taizhang {

namespace {

std::string number(const std::optional<double>& v) { return v ? detail::format_number(*v) : std::string(); }

// The measure's number, else its id; a goal's id (goal2) for a goal's target.
std::string measure_label(const LedgerRow& r) {
  if (r.goal) return r.goal_id;
  return r.measure_number ? std::to_string(*r.measure_number) : r.measure_id;
}

std::string flags(const Target& t) {
  std::vector<std::string> f;
  if (t.aspirational) f.emplace_back("力争");
  if (t.cumulative) f.emplace_back("累计");
  if (t.increment) f.emplace_back("新增");
  if (t.growth) f.emplace_back("增长");
  return detail::join(f, "、");
}

}  // namespace

std::vector<TargetEntry> target_entries(const Ledger& ledger) {
  std::vector<TargetEntry> out;
  for (const LedgerRow& r : ledger.rows())
    for (const Target& t : r.targets) out.push_back({&r, &t});
  return out;
}

std::string targets_to_csv(const Ledger& ledger) {
  std::string out = "\xEF\xBB\xBF";
  auto line = [&](const std::vector<std::string>& fields) { detail::append_csv_record(out, fields); };
  line({"measure", "measure_id", "milestone_id", "lead_units", "due", "due_implied", "text", "subject", "value",
        "low", "high", "unit", "cmp", "baseline", "aspirational", "cumulative", "increment", "growth", "start",
        "end"});
  for (const TargetEntry& e : target_entries(ledger)) {
    const LedgerRow& r = *e.row;
    const Target& t = *e.target;
    auto b = [](bool v) { return std::string(v ? "true" : "false"); };
    line({measure_label(r), r.measure_id, r.milestone_id, detail::join(r.lead_units, "、"), detail::iso_date(r.due),
          b(r.deadline_kind == DeadlineKind::implied), t.text.str(), t.subject, number(t.value), number(t.low), number(t.high), t.unit,
          to_string(t.cmp), number(t.baseline), b(t.aspirational), b(t.cumulative), b(t.increment), b(t.growth),
          std::to_string(t.span.start), std::to_string(t.span.end)});
  }
  return out;
}

std::string targets_to_json(const Ledger& ledger) {
  detail::JsonWriter w(true);
  w.begin_array();
  for (const TargetEntry& e : target_entries(ledger)) {
    const LedgerRow& r = *e.row;
    w.begin_object();
    w.field("measure", r.measure_number);
    w.field("measure_id", r.measure_id);
    w.key("goal");
    if (r.goal) w.value(r.goal_id); else w.null();
    w.field("milestone_id", r.milestone_id);
    w.key("lead_units");
    w.begin_array();
    for (const auto& u : r.lead_units) w.value(u);
    w.end_array();
    w.key("due");
    w.value(r.due);
    w.field("due_implied", r.deadline_kind == DeadlineKind::implied);
    w.key("target");
    detail::write_target(w, *e.target);
    w.end_object();
  }
  w.end_array();
  std::string out = w.take();
  out += '\n';
  return out;
}

std::string targets_to_markdown(const Ledger& ledger) {
  std::string out =
      "| 措施 | 牵头单位 | 完成时限 | 指标 | 对象 | 数值 | 单位 | 比较 | 基数 | 标记 |\n"
      "|---|---|---|---|---|---|---|---|---|---|\n";
  for (const TargetEntry& e : target_entries(ledger)) {
    const LedgerRow& r = *e.row;
    const Target& t = *e.target;
    const std::string value = t.value ? number(t.value) : number(t.low) + "–" + number(t.high);
    detail::append_markdown_row(
        out, {measure_label(r), detail::join(r.lead_units, "、"), detail::iso_date(r.due) + (r.deadline_kind == DeadlineKind::implied ? "（默认）" : ""),
              t.text.str(), t.subject, value, t.unit, to_string(t.cmp), number(t.baseline), flags(t)});
  }
  return out;
}

}  // namespace taizhang
