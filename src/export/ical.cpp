// iCalendar export (RFC 5545): one VTODO per milestone, so a unit can
// subscribe to its own deadlines in any calendar.
#include "ledger/ledger_internal.hpp"

#include <taizhang/ledger.hpp>

#include <boost/date_time/gregorian/gregorian_types.hpp>

#include <cstdio>

namespace taizhang {

namespace gd = boost::gregorian;

std::string ical_text(std::string_view value) {
  // RFC 5545 §3.3.11: backslash, semicolon, comma and line breaks.
  std::string out;
  out.reserve(value.size());
  for (std::size_t i = 0; i < value.size(); ++i) {
    char c = value[i];
    switch (c) {
      case '\\': out += "\\\\"; break;
      case ';': out += "\\;"; break;
      case ',': out += "\\,"; break;
      case '\r':
        if (i + 1 < value.size() && value[i + 1] == '\n') ++i;
        out += "\\n";
        break;
      case '\n': out += "\\n"; break;
      default:
        // Other controls are not allowed in TEXT; a tab is.
        if (static_cast<unsigned char>(c) < 0x20 && c != '\t') break;
        out += c;
    }
  }
  return out;
}

std::string ical_fold(std::string_view line) {
  // RFC 5545 §3.1: at most 75 octets per line, continuation lines start with
  // one space (which counts), and a UTF-8 sequence is never split.
  constexpr std::size_t kMax = 75;
  std::string out;
  out.reserve(line.size() + line.size() / 70 * 3 + 2);
  std::size_t width = 0;
  std::size_t i = 0;
  while (i < line.size()) {
    std::size_t n = 1;
    unsigned char c = static_cast<unsigned char>(line[i]);
    if (c >= 0xF0) n = 4;
    else if (c >= 0xE0) n = 3;
    else if (c >= 0xC0) n = 2;
    n = std::min(n, line.size() - i);
    if (width + n > kMax) {
      out += "\r\n ";
      width = 1;
    }
    out.append(line.substr(i, n));
    width += n;
    i += n;
  }
  out += "\r\n";
  return out;
}

namespace {

std::string compact(gd::date d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d%02d%02d", static_cast<int>(d.year()),
                static_cast<int>(d.month()), static_cast<int>(d.day()));
  return buf;
}

// The SUMMARY: measure and the first words of the milestone, short enough
// for a calendar cell.
std::string summary(const LedgerRow& r) {
  std::string s;
  if (r.goal) s += "【" + std::string(detail::kGoalsHeading) + "】";
  if (!r.lead_units.empty()) s += "【" + detail::join(r.lead_units, "、") + "】";
  if (!r.goal || !r.goal_heading.empty()) s += detail::row_subject(r);
  if (!r.deadline_text.empty()) s += "（" + r.deadline_text + "）";
  return s;
}

std::string description(const LedgerRow& r, const StatusEntry* st) {
  std::string d = r.text.str();
  auto add = [&](std::string_view label, const std::string& value) {
    if (value.empty()) return;
    d += "\n";
    d += label;
    d += value;
  };
  d += "\n";
  add("牵头单位：", detail::join(r.lead_units, "、"));
  add("配合单位：", detail::join(r.co_units, "、"));
  add("责任领导：", detail::join(r.leaders, "、"));
  add("时间节点：", r.deadline_text.empty() && r.deadline_kind == DeadlineKind::implied ? std::string("未明确，按年底") : r.deadline_text.str());
  add("量化指标：", detail::targets_text(r.targets));
  std::string where = r.chapter_title;
  if (!r.section_title.empty()) {
    if (!where.empty()) where += " / ";
    where += r.section_title;
  }
  add("章节：", where);
  add("措施编号：", r.measure_id);
  add("目标编号：", r.goal_id);
  if (st) add("状态：", detail::status_summary(*st));
  return d;
}

const char* ical_status(Status s) {
  switch (s) {
    case Status::not_started: return "NEEDS-ACTION";
    case Status::in_progress:
    case Status::lagging: return "IN-PROCESS";
    case Status::done: return "COMPLETED";
  }
  return "NEEDS-ACTION";
}

}  // namespace

std::string to_icalendar(const Ledger& ledger, const std::vector<const LedgerRow*>& rows,
                         const ExportOptions& options) {
  // A fixed DTSTAMP keeps the export byte-identical for the same plan.
  gd::date stamp(1970, 1, 1);
  if (options.stamp && !options.stamp->is_special())
    stamp = *options.stamp;
  else if (auto y = ledger.plan_year(); y && *y >= 1400 && *y <= 9999)
    stamp = gd::date(static_cast<unsigned short>(*y), 1, 1);
  const std::string dtstamp = compact(stamp) + "T000000Z";

  std::string out;
  auto prop = [&](std::string_view name, std::string_view value) {
    std::string line(name);
    line += ':';
    line += value;
    out += ical_fold(line);
  };
  prop("BEGIN", "VCALENDAR");
  prop("VERSION", "2.0");
  prop("PRODID", "-//taizhang//taizhang ledger//ZH");
  prop("CALSCALE", "GREGORIAN");
  if (!ledger.title().empty()) prop("X-WR-CALNAME", ical_text(ledger.title()));
  for (const LedgerRow* r : rows) {
    const StatusEntry* st = detail::status_for_export(options.status, *r, options.as_of);
    prop("BEGIN", "VTODO");
    prop("UID", ical_text(r->milestone_id + "@taizhang"));
    prop("DTSTAMP", dtstamp);
    if (r->due) prop("DUE;VALUE=DATE", compact(*r->due));
    prop("SUMMARY", ical_text(summary(*r)));
    prop("DESCRIPTION", ical_text(description(*r, st)));
    if (!r->lead_units.empty() || !r->co_units.empty()) {
      // CATEGORIES is a list: commas between units, escaped inside them.
      std::string cats;
      for (const auto* list : {&r->lead_units, &r->co_units})
        for (const auto& u : *list) {
          if (!cats.empty()) cats += ',';
          cats += ical_text(u);
        }
      prop("CATEGORIES", cats);
    }
    if (st) {
      prop("STATUS", ical_status(st->status));
      if (st->status == Status::done && st->date)
        prop("COMPLETED", compact(*st->date) + "T000000Z");
    }
    prop("END", "VTODO");
  }
  prop("END", "VCALENDAR");
  return out;
}

std::string to_icalendar(const Ledger& ledger, const ExportOptions& options) {
  return to_icalendar(ledger, detail::all_rows(ledger), options);
}

}  // namespace taizhang
