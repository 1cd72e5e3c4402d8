// CSV export: RFC 4180 with a UTF-8 BOM and CRLF, because Excel and WPS on
// Chinese Windows read a BOM-less file as GBK and garble every character.
#include "ledger/ledger_internal.hpp"

#include <taizhang/ledger.hpp>

namespace taizhang {

std::string csv_field(std::string_view value) {
  const bool quote = value.find_first_of(",\"\r\n") != std::string_view::npos ||
                     (!value.empty() && (value.front() == ' ' || value.back() == ' '));
  if (!quote) return std::string(value);
  std::string out = "\"";
  for (char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

std::string to_csv(const Ledger& ledger, const std::vector<const LedgerRow*>& rows,
                   const ExportOptions& options) {
  // 状态/备注/状态日期 are always there (empty without a status table), so
  // the office can fill in an exported ledger and read it back as its status
  // table; 进度 needs a date to be judged against.
  const bool with_progress = options.status && options.as_of;
  std::vector<std::string> header = {"里程碑编号", "措施编号", "序号",     "章",       "节",
                                     "措施",       "牵头单位", "配合单位", "责任领导", "时间节点",
                                     "时限类型",   "截止日期", "工作内容", "量化指标", "类型",
                                     "状态",       "备注",     "状态日期"};
  if (with_progress) header.push_back("进度");

  std::string out = "\xEF\xBB\xBF";
  auto line = [&](const std::vector<std::string>& fields) { detail::append_csv_record(out, fields); };
  line(header);
  for (const LedgerRow* r : rows) {
    const StatusEntry* st = detail::status_for_export(options.status, *r, options.as_of);
    std::vector<std::string> f = {
        r->milestone_id,
        r->measure_id,
        r->measure_number ? std::to_string(*r->measure_number) : std::string(),
        r->chapter_title,
        r->section_title,
        r->goal ? detail::row_subject(*r) : r->measure_title,
        detail::join(r->lead_units, "、"),
        detail::join(r->co_units, "、"),
        detail::join(r->leaders, "、"),
        r->deadline_text.str(),
        to_string(r->deadline_kind),
        detail::iso_date(r->due),
        r->text.str(),
        detail::targets_text(r->targets),
        r->goal ? "目标" : "措施",
        st ? to_string(st->status) : "",
        st ? st->note : std::string(),
        st && st->date ? detail::iso_date(*st->date) : std::string(),
    };
    if (with_progress)
      f.push_back(label_zh(ledger.progress(*r, *options.status, *options.as_of).progress));
    line(f);
  }
  return out;
}

std::string to_csv(const Ledger& ledger, const ExportOptions& options) {
  return to_csv(ledger, detail::all_rows(ledger), options);
}

}  // namespace taizhang
