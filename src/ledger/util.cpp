// Small formatting helpers shared by the ledger, the report and the exports.
#include "export/json_writer.hpp"
#include "ledger/ledger_internal.hpp"

#include <boost/date_time/gregorian/gregorian_types.hpp>

#include <cstdio>

namespace taizhang::detail {

namespace gd = boost::gregorian;

namespace {

void replace_all(std::string& s, std::string_view from, std::string_view to) {
  std::size_t pos = 0;
  while ((pos = s.find(from, pos)) != std::string::npos) {
    s.replace(pos, from.size(), to);
    pos += to.size();
  }
}

}  // namespace

std::string normalize_unit_name(std::string_view name) {
  std::string s(name);
  // Each replacement shortens or keeps the string: linear overall.
  replace_all(s, "人民政府", "政府");
  replace_all(s, "（", "(");
  replace_all(s, "）", ")");
  replace_all(s, "，", "、");
  replace_all(s, ",", "、");
  replace_all(s, "\xE3\x80\x80", "");  // U+3000 ideographic space
  std::string out;
  out.reserve(s.size());
  for (char c : s)
    if (c != ' ' && c != '\t' && c != '\r' && c != '\n') out += c;
  return out;
}

std::string iso_date(const std::optional<gd::date>& d) { return d ? iso_date(*d) : std::string(); }

std::string iso_date(gd::date d) {
  if (d.is_special()) return {};
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", static_cast<int>(d.year()),
                static_cast<int>(d.month()), static_cast<int>(d.day()));
  return buf;
}

std::optional<gd::date> parse_iso_date(std::string_view s) noexcept {
  // YYYY-MM-DD, and the YYYY/M/D that Excel and WPS write back when they
  // have reformatted a date column.
  int parts[3] = {0, 0, 0};
  std::size_t i = 0;
  for (int k = 0; k < 3; ++k) {
    std::size_t b = i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9' && i - b < 4) parts[k] = parts[k] * 10 + (s[i++] - '0');
    std::size_t n = i - b;
    if (k == 0 ? n != 4 : (n < 1 || n > 2)) return std::nullopt;
    if (k < 2) {
      if (i >= s.size() || (s[i] != '-' && s[i] != '/' && s[i] != '.')) return std::nullopt;
      ++i;
    }
  }
  if (i != s.size()) return std::nullopt;
  if (parts[0] < 1400 || parts[1] < 1 || parts[1] > 12 || parts[2] < 1) return std::nullopt;
  gd::date first(static_cast<unsigned short>(parts[0]), static_cast<unsigned short>(parts[1]), 1);
  if (parts[2] > first.end_of_month().day()) return std::nullopt;
  return gd::date(static_cast<unsigned short>(parts[0]), static_cast<unsigned short>(parts[1]),
                  static_cast<unsigned short>(parts[2]));
}

std::string join(const std::vector<std::string>& parts, std::string_view separator) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i) out += separator;
    out += parts[i];
  }
  return out;
}

std::string row_subject(const LedgerRow& row) {
  if (row.goal) return row.goal_heading.empty() ? std::string(kGoalsHeading) : row.goal_heading;
  std::string s;
  if (row.measure_number) s = std::to_string(*row.measure_number) + ". ";
  s += row.measure_title;
  return s;
}

std::string targets_text(const std::vector<Target>& targets) {
  std::vector<std::string> t;
  for (const auto& x : targets) t.push_back(x.text.str());
  return join(t, "；");
}

std::string markdown_cell(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '|') out += "\\|";
    else if (c == '\r') {
      if (i + 1 < s.size() && s[i + 1] == '\n') ++i;
      out += "<br>";
    } else if (c == '\n') out += "<br>";
    else out += c;
  }
  return out;
}

void append_markdown_row(std::string& out, const std::vector<std::string>& cells) {
  out += '|';
  for (const auto& c : cells) {
    out += ' ';
    out += markdown_cell(c);
    out += " |";
  }
  out += '\n';
}

std::string status_summary(const StatusEntry& entry) {
  std::string s = to_string(entry.status);
  if (entry.date) {
    s += ' ';
    s += iso_date(*entry.date);
  }
  if (!entry.note.empty()) {
    s += ' ';
    s += entry.note;
  }
  return s;
}

std::string json_string(std::string_view s) {
  std::string out;
  append_json_string(out, s);
  return out;
}

gd::date month_end(int year, int month) {
  return gd::date(static_cast<unsigned short>(year), static_cast<unsigned short>(month), 1)
      .end_of_month();
}

const StatusEntry* status_for_export(const StatusTable* status, const LedgerRow& row,
                                     const std::optional<gd::date>& as_of) {
  if (!status) return nullptr;
  return as_of ? status->current(row.milestone_id, *as_of) : status->latest(row.milestone_id);
}

std::vector<const LedgerRow*> all_rows(const Ledger& ledger) {
  std::vector<const LedgerRow*> rows;
  rows.reserve(ledger.size());
  for (const auto& r : ledger.rows()) rows.push_back(&r);
  return rows;
}

void append_csv_record(std::string& out, const std::vector<std::string>& fields) {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i) out += ',';
    out += csv_field(fields[i]);
  }
  out += "\r\n";
}

}  // namespace taizhang::detail
