// `taizhang ledger` and `taizhang report`: the ledger of a plan, filtered and
// exported, and the monthly supervision report.
#include "cli/commands.hpp"

#include <taizhang/ledger.hpp>
#include <taizhang/parser.hpp>

#include <boost/date_time/gregorian/gregorian.hpp>

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace taizhang::cli {

namespace {

namespace gd = boost::gregorian;

constexpr const char* kLedgerUsage =
    R"(Usage: taizhang ledger FILE|- [options]

The ledger (台账) of a plan: one row per milestone.

Options:
  --format csv|ics|md|json  output format (default md)
                              csv   RFC 4180, UTF-8 with BOM, CRLF (Excel, WPS)
                              ics   iCalendar, one VTODO per milestone
                              md    Markdown tables by chapter and section
                              json  "taizhang.ledger/1"
  --unit NAME               only milestones of this unit (name, abbreviation or
                            full name; collective units such as 各县区政府 count)
  --month YYYY-MM           only milestones due in that month, by due date
  --status FILE             the supervision office's status CSV
                            (milestone id, 未开始/推进中/已完成/滞后, note, date)
  --as-of YYYY-MM-DD        judge progress as of this date (default: today)
  --due-soon DAYS           window for "due soon" (default 30)
  -o, --output FILE         write there instead of standard output
  -h, --help                this text

Exit codes: 0 success, 2 usage error, 3 an input cannot be read or is not UTF-8.
)";

constexpr const char* kReportUsage =
    R"(Usage: taizhang report FILE|- --month YYYY-MM [options]

The monthly supervision report (按月督导) in Markdown: per lead unit, what
falls due in the month, what is overdue from earlier months, what was
completed in the month.

Options:
  --month YYYY-MM           the month (required)
  --status FILE             the supervision office's status CSV
  --as-of YYYY-MM-DD        judge progress as of this date
                            (default: the month's last day, or today if earlier)
  --due-soon DAYS           window for "due soon" (default 30)
  -o, --output FILE         write there instead of standard output
  -h, --help                this text

Exit codes: 0 success, 2 usage error, 3 an input cannot be read or is not UTF-8.
)";

struct Args {
  std::string file;
  std::string format = "md";
  std::optional<std::string> unit;
  std::optional<std::pair<int, int>> month;
  std::optional<std::string> status_file;
  std::optional<gd::date> as_of;
  int due_soon = 30;
  std::optional<std::string> output;
  bool help = false;
};

std::optional<int> parse_int(std::string_view s) {
  int v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
  return v;
}

std::optional<std::pair<int, int>> parse_month(std::string_view s) {
  // YYYY-MM (also YYYY/MM and YYYY-M).
  auto sep = s.find_first_of("-/");
  if (sep != 4) return std::nullopt;
  auto y = parse_int(s.substr(0, 4));
  auto m = parse_int(s.substr(5));
  if (!y || !m || *y < 1400 || *y > 9999 || *m < 1 || *m > 12 || s.size() > 7) return std::nullopt;
  return std::pair{*y, *m};
}

std::optional<gd::date> parse_date(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  auto y = parse_int(s.substr(0, 4));
  auto m = parse_int(s.substr(5, 2));
  auto d = parse_int(s.substr(8, 2));
  if (!y || !m || !d || *y < 1400 || *y > 9999 || *m < 1 || *m > 12 || *d < 1) return std::nullopt;
  gd::date first(static_cast<unsigned short>(*y), static_cast<unsigned short>(*m), 1);
  if (*d > first.end_of_month().day()) return std::nullopt;
  return gd::date(static_cast<unsigned short>(*y), static_cast<unsigned short>(*m),
                  static_cast<unsigned short>(*d));
}

// Parses the options shared by both commands; returns 0 or the exit code.
int parse_args(int argc, char** argv, Args& a, const char* usage, bool allow_ledger_only) {
  for (int i = 0; i < argc; ++i) {
    std::string arg = argv[i];
    std::string value;
    bool has_value = false;
    // --name=value as well as --name value.
    if (arg.starts_with("--")) {
      if (auto eq = arg.find('='); eq != std::string::npos) {
        value = arg.substr(eq + 1);
        arg.resize(eq);
        has_value = true;
      }
    }
    auto take = [&](std::string& out) -> bool {
      if (has_value) {
        out = value;
        return true;
      }
      if (i + 1 >= argc) {
        std::cerr << "taizhang: " << arg << " needs a value\n";
        return false;
      }
      out = argv[++i];
      return true;
    };
    std::string v;
    if (arg == "-h" || arg == "--help") {
      a.help = true;
    } else if (arg == "--format" && allow_ledger_only) {
      if (!take(v)) return 2;
      if (v != "csv" && v != "ics" && v != "md" && v != "json") {
        std::cerr << "taizhang: --format must be csv, ics, md or json\n";
        return 2;
      }
      a.format = v;
    } else if (arg == "--unit" && allow_ledger_only) {
      if (!take(v)) return 2;
      a.unit = v;
    } else if (arg == "--month") {
      if (!take(v)) return 2;
      a.month = parse_month(v);
      if (!a.month) {
        std::cerr << "taizhang: --month must be YYYY-MM, got " << v << "\n";
        return 2;
      }
    } else if (arg == "--status") {
      if (!take(v)) return 2;
      a.status_file = v;
    } else if (arg == "--as-of") {
      if (!take(v)) return 2;
      a.as_of = parse_date(v);
      if (!a.as_of) {
        std::cerr << "taizhang: --as-of must be YYYY-MM-DD, got " << v << "\n";
        return 2;
      }
    } else if (arg == "--due-soon") {
      if (!take(v)) return 2;
      auto n = parse_int(v);
      if (!n || *n < 0) {
        std::cerr << "taizhang: --due-soon must be a number of days\n";
        return 2;
      }
      a.due_soon = *n;
    } else if (arg == "-o" || arg == "--output") {
      if (!take(v)) return 2;
      a.output = v;
    } else if (a.file.empty() && (arg == "-" || !arg.starts_with("-"))) {
      a.file = arg;
    } else {
      std::cerr << "taizhang: unknown argument " << argv[i] << "\n" << usage;
      return 2;
    }
  }
  if (a.help) return 0;
  if (a.file.empty()) {
    std::cerr << "taizhang: no input file\n" << usage;
    return 2;
  }
  return 0;
}

// Reads the status table and warns about what it could not use.
int load_status(const Args& a, const Ledger& ledger, std::optional<StatusTable>& status) {
  if (!a.status_file) return 0;
  try {
    status = StatusTable::read_csv(*a.status_file);
  } catch (const Error& e) {
    std::cerr << "taizhang: " << *a.status_file << ": " << e.what() << '\n';
    return 3;
  }
  // A status table from another plan would flood the terminal: show the
  // first few of each kind and count the rest.
  constexpr std::size_t kShown = 20;
  const auto& problems = status->problems();
  for (std::size_t i = 0; i < problems.size() && i < kShown; ++i)
    std::cerr << "taizhang: " << *a.status_file << ':' << problems[i].line << ": "
              << problems[i].message << '\n';
  if (problems.size() > kShown)
    std::cerr << "taizhang: " << *a.status_file << ": " << problems.size() - kShown
              << " more lines with problems\n";
  const auto unknown = ledger.unknown_ids(*status);
  for (std::size_t i = 0; i < unknown.size() && i < kShown; ++i)
    std::cerr << "taizhang: " << *a.status_file << ": no milestone " << unknown[i]
              << " in this plan (ignored)\n";
  if (unknown.size() > kShown)
    std::cerr << "taizhang: " << *a.status_file << ": " << unknown.size() - kShown
              << " more unknown milestone ids (ignored)\n";
  return 0;
}

int write_output(const Args& a, const std::string& text) {
  if (!a.output) {
    std::fwrite(text.data(), 1, text.size(), stdout);
    std::fflush(stdout);
    return 0;
  }
  std::ofstream out(*a.output, std::ios::binary);
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
  out.close();
  if (!out) {
    std::cerr << "taizhang: cannot write " << *a.output << '\n';
    return 3;
  }
  return 0;
}

gd::date today() { return gd::day_clock::local_day(); }

}  // namespace

int cmd_ledger(int argc, char** argv) {
  Args a;
  if (int rc = parse_args(argc, argv, a, kLedgerUsage, true)) return rc;
  if (a.help) {
    std::cout << kLedgerUsage;
    return 0;
  }
  Plan plan;
  if (int rc = load_plan(a.file, ParseOptions{}, plan)) return rc;
  LedgerOptions lo;
  lo.due_soon_days = a.due_soon;
  const Ledger ledger(plan, lo);
  std::optional<StatusTable> status;
  if (int rc = load_status(a, ledger, status)) return rc;

  std::vector<const LedgerRow*> rows;
  if (a.month) {
    rows = ledger.due_in_month(a.month->first, a.month->second);
  } else {
    for (const auto& r : ledger.rows()) rows.push_back(&r);
  }
  if (a.unit) {
    std::erase_if(rows, [&](const LedgerRow* r) { return !ledger.concerns(*r, *a.unit); });
    if (rows.empty()) std::cerr << "taizhang: no milestones for unit " << *a.unit << '\n';
  }

  ExportOptions eo;
  if (status) {
    eo.status = &*status;
    eo.as_of = a.as_of.value_or(today());
  } else {
    eo.as_of = a.as_of;
  }
  std::string text;
  if (a.format == "csv") text = to_csv(ledger, rows, eo);
  else if (a.format == "ics") text = to_icalendar(ledger, rows, eo);
  else if (a.format == "json") text = to_json(ledger, rows, eo);
  else text = to_markdown(ledger, rows, eo);
  return write_output(a, text);
}

int cmd_report(int argc, char** argv) {
  Args a;
  if (int rc = parse_args(argc, argv, a, kReportUsage, false)) return rc;
  if (a.help) {
    std::cout << kReportUsage;
    return 0;
  }
  if (!a.month) {
    std::cerr << "taizhang: report needs --month YYYY-MM\n" << kReportUsage;
    return 2;
  }
  Plan plan;
  if (int rc = load_plan(a.file, ParseOptions{}, plan)) return rc;
  LedgerOptions lo;
  lo.due_soon_days = a.due_soon;
  const Ledger ledger(plan, lo);
  std::optional<StatusTable> status;
  if (int rc = load_status(a, ledger, status)) return rc;

  ReportOptions ro;
  if (status) ro.status = &*status;
  const gd::date month_last =
      gd::date(static_cast<unsigned short>(a.month->first),
               static_cast<unsigned short>(a.month->second), 1)
          .end_of_month();
  // A report on the current month judges as of today, not its last day.
  ro.as_of = a.as_of.value_or(std::min(today(), month_last));
  return write_output(a, monthly_report(ledger, a.month->first, a.month->second, ro));
}

}  // namespace taizhang::cli
