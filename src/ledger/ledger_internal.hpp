// Helpers shared by the ledger, the report and the exports (not installed).
#pragma once

#include <taizhang/ledger.hpp>

#include <boost/date_time/gregorian/greg_date.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace taizhang::detail {

// Unit names as the collective rules and the unit queries compare them:
// 人民政府 → 政府, full-width brackets and comma → ASCII, spaces removed.
std::string normalize_unit_name(std::string_view name);

// "2022-06-30"; empty for a special date.
std::string iso_date(boost::gregorian::date d);
// "" for no date.
std::string iso_date(const std::optional<boost::gregorian::date>& d);
// Parses exactly YYYY-MM-DD (also YYYY/MM/DD); nullopt for anything else,
// including impossible dates.
std::optional<boost::gregorian::date> parse_iso_date(std::string_view s) noexcept;

std::string join(const std::vector<std::string>& parts, std::string_view separator);

// The heading plan-level rows (goal horizons) are listed under in the
// monthly report and the Markdown export.
inline constexpr std::string_view kGoalsHeading = "总体目标";

// What a row is about, for a table cell: "25. 标题" for a measure's row; for a
// goal's row its heading (主要目标), or 总体目标 for a preamble goal.
std::string row_subject(const LedgerRow& row);

// Targets as one line: their texts joined by "；".
std::string targets_text(const std::vector<Target>& targets);

// A Markdown table cell: `|` escaped, line breaks as spaces.
std::string markdown_cell(std::string_view s);

// Appends a Markdown table row of escaped cells: "| a | b |\n".
void append_markdown_row(std::string& out, const std::vector<std::string>& cells);

// "已完成 2022-06-20 note": the status, its date and note, as one line.
std::string status_summary(const StatusEntry& entry);

// Every row of the ledger, in document order (the rows the whole-ledger
// exports write).
std::vector<const LedgerRow*> all_rows(const Ledger& ledger);

// Appends one RFC 4180 record (fields quoted where needed) ending in CRLF.
void append_csv_record(std::string& out, const std::vector<std::string>& fields);

// A JSON string literal with quotes.
std::string json_string(std::string_view s);

// The last day of a month.
boost::gregorian::date month_end(int year, int month);

// The status entry in force for an export (as of, else the latest).
const StatusEntry* status_for_export(const StatusTable* status, const LedgerRow& row,
                                     const std::optional<boost::gregorian::date>& as_of);

// RFC 4180 records: quoted fields with "" escapes and embedded line breaks,
// CRLF or LF record ends, a leading UTF-8 BOM dropped. Lenient where Excel
// and WPS are (a stray quote inside an unquoted field is kept as text).
// Blank records are dropped.
struct CsvRecord {
  std::vector<std::string> fields;
  std::size_t line = 0;  // 1-based physical line where the record starts
};
std::vector<CsvRecord> parse_csv_records(std::string_view csv);

}  // namespace taizhang::detail
