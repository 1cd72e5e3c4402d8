// taizhang — the ledger (台账): one row per milestone of a parsed Plan, the
// queries a supervision office (督查督办) asks of it, status tracking from the
// office's own CSV, the monthly supervision report (按月督导) and exports.
//
// A Ledger is immutable after construction and safe to query from many
// threads at once. It copies what it needs from the Plan, so the Plan may be
// destroyed afterwards. Formats: docs/ledger.md.
#pragma once

#include <taizhang/export.h>
#include <taizhang/model.hpp>
#include <taizhang/parser.hpp>

#include <boost/date_time/gregorian/greg_date.hpp>

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace taizhang {

// One milestone with everything a reader of the ledger needs beside it.
//
// A row is a measure's milestone, or a plan-level one: a horizon of a goal
// paragraph (Plan::goals; `goal` true). A goal row has no measure (the
// measure fields, chapter, section and units are empty) and never matches
// a unit query; `goal_id` and `goal_heading` say where it comes from.
struct LedgerRow {
  std::string milestone_id;             // "<measure id>#<k>" ("goal<k>#<n>"), stable across re-parses
  bool goal = false;                    // a plan-level milestone of a goal paragraph
  std::string goal_id;                  // "goal2"; empty for a measure's row
  std::string goal_heading;             // 主要目标 as written; empty for a preamble goal
  std::string measure_id;               // "2.4.25"
  std::optional<int> measure_number;    // 25
  std::string measure_marker;           // "25." as written
  std::string measure_title;
  std::string chapter_title;            // empty for a measure outside any chapter
  std::string section_title;            // empty for a measure directly under a chapter
  std::vector<std::string> lead_units;  // Unit::name, document order
  std::vector<std::string> co_units;
  std::vector<std::string> leaders;
  Excerpt deadline_text;                // as written; empty when implied
  DeadlineKind deadline_kind = DeadlineKind::implied;
  Recurrence every = Recurrence::none;  // the period when deadline_kind is recurring
  std::size_t occurrence = 0;           // 0 for the milestone itself, k for its k-th repetition
  std::optional<boost::gregorian::date> start;
  // Last day of the period the deadline names. Empty when the deadline
  // names no date at all (an open-ended 长期坚持 without a period): such a
  // row is in no date query and never overdue.
  std::optional<boost::gregorian::date> due;
  Excerpt text;                         // the milestone's clauses (shares the plan's text)
  std::vector<Target> targets;

};

// The supervision office's four states.
enum class Status {
  not_started,  // 未开始
  in_progress,  // 推进中
  done,         // 已完成
  lagging       // 滞后
};

// "未开始" "推进中" "已完成" "滞后".
TAIZHANG_API const char* to_string(Status) noexcept;
// Accepts the Chinese words above and the enumerator names (not_started …).
TAIZHANG_API std::optional<Status> parse_status(std::string_view) noexcept;

// One line of the status CSV.
struct StatusEntry {
  std::string milestone_id;
  Status status = Status::not_started;
  std::string note;
  std::optional<boost::gregorian::date> date;  // when the status was recorded
  std::size_t line = 0;                        // 1-based line where the record starts
};

// A line of the status CSV that could not be used (bad status word, bad
// date, too few fields). Never fatal: the rest of the file still counts.
struct StatusProblem {
  std::size_t line = 0;
  std::string message;
};

// The status table a supervision office keeps: a CSV (RFC 4180, UTF-8 with
// or without BOM) with columns milestone id, status, note, date (YYYY-MM-DD,
// may be empty). A header row is recognised and skipped. An id may appear on
// several lines (a history of updates): as of a date, the entry with the
// latest date not after it wins, undated entries count as oldest, and among
// equal dates the later line wins.
//
// Thread safety: a value type like std::vector. Const members (current,
// latest, entries, problems, and every Ledger query or export that reads the
// table) may run on many threads at once; add() may not run while any other
// thread uses the same table. The entries that current() and latest() return
// point into the table and stay valid until the next add() or its destruction.
class TAIZHANG_API StatusTable {
 public:
  StatusTable() = default;

  // Parses CSV text. Bad lines go to problems(), never an exception; only
  // text that is not UTF-8 throws Error{invalid_utf8} (a GBK export).
  static StatusTable parse_csv(std::string_view csv);
  // Reads a file. Throws Error{io} if it cannot be read, Error{invalid_utf8}
  // if it is not UTF-8.
  static StatusTable read_csv(const std::string& path);

  void add(StatusEntry entry);

  const std::vector<StatusEntry>& entries() const noexcept { return entries_; }
  const std::vector<StatusProblem>& problems() const noexcept { return problems_; }

  // The entry in force for `milestone_id` as of `as_of` (see above), or null.
  const StatusEntry* current(std::string_view milestone_id,
                             boost::gregorian::date as_of) const;
  // The latest entry regardless of date, or null.
  const StatusEntry* latest(std::string_view milestone_id) const;

 private:
  std::vector<StatusEntry> entries_;
  std::vector<std::size_t> by_id_;  // indices into entries_, sorted by (id, date, line)
  std::vector<StatusProblem> problems_;
};

// Where a milestone stands as of a date.
enum class Progress {
  done,      // status 已完成 recorded on or before the date
  on_track,  // not done, due later than the due-soon window
  due_soon,  // not done, due within the window (as_of ≤ due ≤ as_of + window)
  overdue    // not done, due before as_of
};

// "done" "on_track" "due_soon" "overdue".
TAIZHANG_API const char* to_string(Progress) noexcept;
// "已完成" "正常推进" "即将到期" "逾期".
TAIZHANG_API const char* label_zh(Progress) noexcept;

struct RowProgress {
  const LedgerRow* row = nullptr;
  Progress progress = Progress::on_track;
  const StatusEntry* status = nullptr;  // the entry in force, or null
};

struct LedgerOptions {
  // Unit abbreviations for --unit queries. Default: Lexicon::builtin().
  std::optional<Lexicon> lexicon;
  // Days ahead of as_of that count as "due soon".
  int due_soon_days = 30;
  // A recurring milestone (每月23日前, 每季度末, 每年2月底前) gets one row per
  // occurrence up to the horizon; the first keeps the milestone's id, later
  // ones are "<milestone id>@YYYY-MM-DD". Default horizon: 31 December of the
  // plan year, or of the latest year a stated deadline of the plan names.
  bool expand_recurring = true;
  std::optional<boost::gregorian::date> horizon;
};

class TAIZHANG_API Ledger {
 public:
  explicit Ledger(const Plan& plan, LedgerOptions options = {});
  ~Ledger();
  Ledger(Ledger&&) noexcept;
  Ledger& operator=(Ledger&&) noexcept;
  Ledger(const Ledger&) = delete;
  Ledger& operator=(const Ledger&) = delete;

  // Every row, in document order.
  const std::vector<LedgerRow>& rows() const noexcept;
  std::size_t size() const noexcept;
  // The row with this milestone id, or null.
  const LedgerRow* find(std::string_view milestone_id) const;

  const std::string& title() const noexcept;     // the plan's title
  std::optional<int> plan_year() const noexcept;
  int due_soon_days() const noexcept;

  // Rows due in [first, last] (both inclusive), by due date then document order.
  std::vector<const LedgerRow*> due_between(boost::gregorian::date first,
                                            boost::gregorian::date last) const;
  // Rows due in that calendar month, by due date then document order.
  std::vector<const LedgerRow*> due_in_month(int year, int month) const;

  // Rows a unit answers for, in document order: the unit is a lead or co
  // unit by its name, its raw abbreviation or its full name (the query is
  // expanded through the lexicon too, and may omit the level prefix: 发改委
  // finds 市发改委), or a collective unit of the row includes it
  // (各县区政府 includes 涧西区政府; rules in src/ledger/collectives.tsv).
  std::vector<const LedgerRow*> for_unit(std::string_view unit) const;
  // Whether the row is the unit's (as for_unit). `lead_only` ignores co units.
  bool concerns(const LedgerRow& row, std::string_view unit, bool lead_only = false) const;

  // Progress of every row as of a date, in document order.
  std::vector<RowProgress> progress(const StatusTable& status,
                                    boost::gregorian::date as_of) const;
  RowProgress progress(const LedgerRow& row, const StatusTable& status,
                       boost::gregorian::date as_of) const;
  // Rows not done and due before as_of, by due date then document order.
  std::vector<const LedgerRow*> overdue(const StatusTable& status,
                                        boost::gregorian::date as_of) const;
  // Status ids that name no milestone of this ledger (file order, unique).
  std::vector<std::string> unknown_ids(const StatusTable& status) const;

  // Milestones per lead unit (a row with two lead units counts for both;
  // collective units count as themselves), most first, ties by first appearance.
  std::vector<std::pair<std::string, std::size_t>> workload() const;
  // Milestones per (year, month) of the due date, in calendar order.
  struct MonthCount {
    int year = 0;
    int month = 0;
    std::size_t count = 0;
  };
  std::vector<MonthCount> per_month() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Whether collective unit `collective` (各县区政府, 各相关责任单位 …) includes
// the unit named `member`, by the rules in src/ledger/collectives.tsv.
TAIZHANG_API bool collective_includes(std::string_view collective, std::string_view member);
// Whether the name is a collective unit by those rules.
TAIZHANG_API bool is_collective_unit(std::string_view name);

// --- monthly supervision report (按月督导) -----------------------------------

struct ReportOptions {
  const StatusTable* status = nullptr;  // none: nothing is known to be done
  // Default: the last day of the month.
  std::optional<boost::gregorian::date> as_of;
};

// Markdown. Per lead unit (first appearance in the document first): what
// falls due in the month, what is overdue as of as_of (due before the month
// and not done), what was completed in the month (status 已完成 dated in it).
TAIZHANG_API std::string monthly_report(const Ledger& ledger, int year, int month,
                                        const ReportOptions& options = {});

// --- exports -------------------------------------------------------------------

struct ExportOptions {
  // With a status table, exports carry each row's status in force as of
  // `as_of` (default: the latest entry) and, when `as_of` is given, its
  // progress. The library never reads the clock: the CLI passes today.
  const StatusTable* status = nullptr;
  std::optional<boost::gregorian::date> as_of;
  // iCalendar DTSTAMP (UTC, midnight). Default: 1 January of the plan year
  // (else 1970-01-01), so the same plan always exports the same bytes.
  std::optional<boost::gregorian::date> stamp;
};

// RFC 4180 CSV, UTF-8 with BOM, CRLF, a header row then one row per milestone.
TAIZHANG_API std::string to_csv(const Ledger& ledger, const std::vector<const LedgerRow*>& rows,
                                const ExportOptions& options = {});
TAIZHANG_API std::string to_csv(const Ledger& ledger, const ExportOptions& options = {});

// RFC 5545 iCalendar: one VTODO per milestone, DUE;VALUE=DATE, UID
// "<milestone id>@taizhang", lines folded at 75 octets, CRLF.
TAIZHANG_API std::string to_icalendar(const Ledger& ledger, const std::vector<const LedgerRow*>& rows,
                                      const ExportOptions& options = {});
TAIZHANG_API std::string to_icalendar(const Ledger& ledger, const ExportOptions& options = {});

// A Markdown table.
TAIZHANG_API std::string to_markdown(const Ledger& ledger, const std::vector<const LedgerRow*>& rows,
                                     const ExportOptions& options = {});
TAIZHANG_API std::string to_markdown(const Ledger& ledger, const ExportOptions& options = {});

// JSON "taizhang.ledger/1".
TAIZHANG_API std::string to_json(const Ledger& ledger, const std::vector<const LedgerRow*>& rows,
                                 const ExportOptions& options = {});
TAIZHANG_API std::string to_json(const Ledger& ledger, const ExportOptions& options = {});

// --- quantitative targets (量化指标) ------------------------------------------

// A target beside the ledger row of the milestone that holds it, which gives
// its measure, units and due date.
struct TargetEntry {
  const LedgerRow* row = nullptr;
  const Target* target = nullptr;
};

// Every target of the ledger, in document order.
TAIZHANG_API std::vector<TargetEntry> target_entries(const Ledger& ledger);

// The targets listing of `taizhang targets`: CSV (UTF-8 with BOM, CRLF, as
// to_csv), a JSON array, a Markdown table. Each target carries its measure,
// lead units and due date (implied when the plan states none).
TAIZHANG_API std::string targets_to_csv(const Ledger& ledger);
TAIZHANG_API std::string targets_to_json(const Ledger& ledger);
TAIZHANG_API std::string targets_to_markdown(const Ledger& ledger);

// The escaping and folding rules of the exports, for callers that write
// their own files in the same formats.
TAIZHANG_API std::string csv_field(std::string_view value);       // RFC 4180 quoting when needed
TAIZHANG_API std::string ical_text(std::string_view value);       // RFC 5545 TEXT escaping
TAIZHANG_API std::string ical_fold(std::string_view content_line);  // folds at 75 octets, ends in CRLF

}  // namespace taizhang
