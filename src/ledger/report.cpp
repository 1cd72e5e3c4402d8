// The monthly supervision report (按月督导): per lead unit, what falls due in
// the month, what is still overdue from earlier, what was completed; the
// plan's own goal horizons under a plan-level heading (总体目标) first.
#include "ledger/ledger_internal.hpp"

#include <taizhang/ledger.hpp>

#include <boost/date_time/gregorian/gregorian_types.hpp>

#include <algorithm>
#include <unordered_map>

namespace taizhang {

namespace gd = boost::gregorian;

namespace {

// The heading for rows whose measure names no lead unit.
constexpr std::string_view kNoLead = "（未明确牵头单位）";

std::string deadline_label(const LedgerRow& r) {
  if (!r.deadline_text.empty()) return r.deadline_text.str();
  return r.deadline_kind == DeadlineKind::implied ? "（未明确，按年底）" : "";
}

struct UnitSection {
  std::string unit;
  std::vector<const LedgerRow*> due, overdue, done;
};

}  // namespace

std::string monthly_report(const Ledger& ledger, int year, int month, const ReportOptions& options) {
  if (year < 1400 || year > 9999 || month < 1 || month > 12)
    throw Error(ErrorCode::invalid_argument, "monthly_report: no such month");
  const gd::date first(static_cast<unsigned short>(year), static_cast<unsigned short>(month), 1);
  const gd::date last = first.end_of_month();
  const gd::date as_of = options.as_of.value_or(last);
  const StatusTable empty;
  const StatusTable& status = options.status ? *options.status : empty;

  // Units in order of first appearance among the rows listed.
  std::vector<UnitSection> sections;
  std::unordered_map<std::string, std::size_t> at;
  auto section_of = [&](const std::string& unit) -> UnitSection& {
    auto [it, fresh] = at.emplace(unit, sections.size());
    if (fresh) sections.push_back(UnitSection{unit, {}, {}, {}});
    return sections[it->second];
  };
  auto file = [&](const LedgerRow& r, std::vector<const LedgerRow*> UnitSection::*list) {
    if (r.goal) {  // the plan's own horizons: no unit answers for them alone
      (section_of(std::string(detail::kGoalsHeading)).*list).push_back(&r);
      return;
    }
    if (r.lead_units.empty()) {
      (section_of(std::string(kNoLead)).*list).push_back(&r);
      return;
    }
    std::vector<std::string_view> seen;
    for (const auto& u : r.lead_units) {
      if (std::find(seen.begin(), seen.end(), u) != seen.end()) continue;
      seen.push_back(u);
      (section_of(u).*list).push_back(&r);
    }
  };

  // Walk in document order so units appear as the plan lists them.
  std::size_t n_due = 0, n_overdue = 0, n_done = 0, n_due_open = 0;
  const gd::date overdue_before = std::min(as_of, first);
  for (const auto& r : ledger.rows()) {
    const RowProgress p = ledger.progress(r, status, as_of);
    if (r.due && *r.due >= first && *r.due <= last) {
      file(r, &UnitSection::due);
      ++n_due;
      if (p.progress != Progress::done) ++n_due_open;
    } else if (r.due && *r.due < overdue_before && p.progress != Progress::done) {
      file(r, &UnitSection::overdue);
      ++n_overdue;
    }
    if (p.progress == Progress::done && p.status && p.status->date && *p.status->date >= first &&
        *p.status->date <= last) {
      file(r, &UnitSection::done);
      ++n_done;
    }
  }
  // The plan-level section comes first, then the units.
  std::stable_partition(sections.begin(), sections.end(),
                        [](const UnitSection& s) { return s.unit == detail::kGoalsHeading; });
  // Within a unit, earliest due first.
  for (auto& s : sections)
    for (auto* list : {&s.due, &s.overdue})
      std::stable_sort(list->begin(), list->end(),
                       [](const LedgerRow* a, const LedgerRow* b) { return a->due < b->due; });

  std::string out;
  out += "# ";
  out += ledger.title().empty() ? std::string("台账") : ledger.title();
  out += " · " + std::to_string(year) + "年" + std::to_string(month) + "月督导报告\n\n";
  out += "截至 " + detail::iso_date(as_of) + "。本月（" + detail::iso_date(first) + " 至 " +
         detail::iso_date(last) + "）到期 " + std::to_string(n_due) + " 项，其中未完成 " +
         std::to_string(n_due_open) + " 项；此前到期仍未完成 " + std::to_string(n_overdue) +
         " 项；本月完成 " + std::to_string(n_done) + " 项。";
  if (!options.status) out += "未提供状态表，完成情况未知。";
  out += "\n";
  if (sections.empty()) {
    out += "\n本月无到期、逾期或完成事项。\n";
    return out;
  }

  auto status_cell = [&](const LedgerRow& r) {
    const RowProgress p = ledger.progress(r, status, as_of);
    std::string s = label_zh(p.progress);
    if (p.status) {
      s += "（";
      s += detail::status_summary(*p.status);
      s += "）";
    }
    return s;
  };
  auto table = [&](const std::vector<const LedgerRow*>& rows, bool with_status) {
    out += "| 编号 | 措施 | 时间节点 | 截止日期 | 工作内容 | 配合单位 |";
    out += with_status ? " 状态 |\n" : "\n";
    out += "|---|---|---|---|---|---|";
    out += with_status ? "---|\n" : "\n";
    for (const LedgerRow* r : rows) {
      std::vector<std::string> cells = {r->milestone_id,          detail::row_subject(*r),
                                         deadline_label(*r),        detail::iso_date(r->due),
                                         r->text.str(),             detail::join(r->co_units, "、")};
      if (with_status) cells.push_back(status_cell(*r));
      detail::append_markdown_row(out, cells);
    }
  };

  for (const auto& s : sections) {
    out += "\n## " + detail::markdown_cell(s.unit) + "\n";
    out += "\n### 本月到期（" + std::to_string(s.due.size()) + "）\n\n";
    if (s.due.empty()) out += "无。\n";
    else table(s.due, true);
    out += "\n### 逾期未完成（" + std::to_string(s.overdue.size()) + "）\n\n";
    if (s.overdue.empty()) out += "无。\n";
    else table(s.overdue, true);
    out += "\n### 本月完成（" + std::to_string(s.done.size()) + "）\n\n";
    if (s.done.empty()) out += "无。\n";
    else table(s.done, true);
  }
  return out;
}

}  // namespace taizhang
