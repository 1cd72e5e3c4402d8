// Markdown export: the ledger as tables under chapter and section headings,
// for pasting into a report or a wiki.
#include "ledger/ledger_internal.hpp"

#include <taizhang/ledger.hpp>

namespace taizhang {

std::string to_markdown(const Ledger& ledger, const std::vector<const LedgerRow*>& rows,
                        const ExportOptions& options) {
  const bool with_status = options.status != nullptr;
  const bool with_progress = with_status && options.as_of;
  std::string out = "# ";
  out += ledger.title().empty() ? std::string("台账") : ledger.title() + " · 台账";
  out += "\n\n";
  out += "共 " + std::to_string(rows.size()) + " 项";
  if (with_progress) out += "，截至 " + detail::iso_date(*options.as_of);
  out += "。\n";

  // Goal rows sit under a plan-level heading of their own.
  const std::string goals_heading(detail::kGoalsHeading);
  const std::string* chapter = nullptr;
  const std::string* section = nullptr;
  bool open_table = false;
  auto header = [&] {
    out += "\n| 编号 | 措施 | 牵头单位 | 配合单位 | 时间节点 | 截止日期 | 工作内容 | 量化指标 |";
    if (with_status) out += " 状态 |";
    if (with_progress) out += " 进度 |";
    out += "\n|---|---|---|---|---|---|---|---|";
    if (with_status) out += "---|";
    if (with_progress) out += "---|";
    out += "\n";
    open_table = true;
  };
  for (const LedgerRow* r : rows) {
    // Headings only when the chapter or section changes, so a selection
    // sorted by date still reads, just with more headings.
    const std::string& chapter_title = r->goal ? goals_heading : r->chapter_title;
    if (!chapter || *chapter != chapter_title) {
      chapter = &chapter_title;
      section = nullptr;
      if (!chapter_title.empty()) {
        out += "\n## " + detail::markdown_cell(chapter_title) + "\n";
        open_table = false;
      }
    }
    if (!section || *section != r->section_title) {
      section = &r->section_title;
      if (!r->section_title.empty()) {
        out += "\n### " + detail::markdown_cell(r->section_title) + "\n";
        open_table = false;
      }
    }
    if (!open_table) header();
    const std::string measure = detail::row_subject(*r);
    std::string deadline = r->deadline_text.str();
    if (deadline.empty() && r->deadline_kind == DeadlineKind::implied) deadline = "（未明确，按年底）";
    std::vector<std::string> cells = {r->milestone_id,
                                       measure,
                                       detail::join(r->lead_units, "、"),
                                       detail::join(r->co_units, "、"),
                                       deadline,
                                       detail::iso_date(r->due),
                                       r->text.str(),
                                       detail::targets_text(r->targets)};
    if (with_status) {
      const StatusEntry* st = detail::status_for_export(options.status, *r, options.as_of);
      cells.push_back(st ? detail::status_summary(*st) : std::string());
    }
    if (with_progress)
      cells.push_back(label_zh(ledger.progress(*r, *options.status, *options.as_of).progress));
    detail::append_markdown_row(out, cells);
  }
  return out;
}

std::string to_markdown(const Ledger& ledger, const ExportOptions& options) {
  return to_markdown(ledger, detail::all_rows(ledger), options);
}

}  // namespace taizhang
