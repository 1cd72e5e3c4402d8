// Fuzz target: any byte sequence through the whole public API.
//
// Built two ways (tests/fuzz/CMakeLists.txt):
//  - with clang -fsanitize=fuzzer (TAIZHANG_BUILD_FUZZERS=ON) as a libFuzzer
//    binary, taizhang_parse_fuzzer;
//  - with any compiler, linked to replay_main.cpp, as taizhang_fuzz_replay,
//    which CI runs over tests/fuzz/corpus/ so every saved reproducer stays fixed.
//
// The only exception the library may throw is taizhang::Error, and only for
// input it must reject (not UTF-8; not a taizhang.plan JSON document). Every
// other outcome — a crash, a hang, another exception, an Error thrown while
// handling the library's own output, a JSON round trip that changes the
// plan — is a finding: the target aborts.
#include <taizhang/taizhang.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

namespace {

[[noreturn]] void finding(const char* what) {
  std::fprintf(stderr, "taizhang fuzz finding: %s\n", what);
  std::abort();
}

void ledger_and_exports(const taizhang::Plan& plan, std::string_view input) {
  const taizhang::Ledger ledger(plan);
  // The input doubles as a status CSV: bad lines are problems, never fatal;
  // only non-UTF-8 text throws.
  taizhang::StatusTable status;
  try {
    status = taizhang::StatusTable::parse_csv(input);
  } catch (const taizhang::Error&) {
  }
  taizhang::ExportOptions options;
  options.status = &status;
  options.as_of = boost::gregorian::date(2022, 6, 30);
  const std::string csv = taizhang::to_csv(ledger, options);
  const std::string ics = taizhang::to_icalendar(ledger, options);
  const std::string md = taizhang::to_markdown(ledger, options);
  const std::string json = taizhang::to_json(ledger, options);
  if (!ledger.rows().empty() && (csv.empty() || ics.empty() || md.empty() || json.empty()))
    finding("an export of a non-empty ledger is empty");

  (void)ledger.progress(status, *options.as_of);
  (void)ledger.overdue(status, *options.as_of);
  (void)ledger.unknown_ids(status);
  (void)ledger.workload();
  const auto months = ledger.per_month();
  for (std::size_t k = 0; k < months.size() && k < 3; ++k) {
    (void)ledger.due_in_month(months[k].year, months[k].month);
    taizhang::ReportOptions report;
    report.status = &status;
    (void)taizhang::monthly_report(ledger, months[k].year, months[k].month, report);
  }
  if (!ledger.rows().empty()) {
    const taizhang::LedgerRow& row = ledger.rows().front();
    if (ledger.find(row.milestone_id) == nullptr) finding("Ledger::find misses a row's own id");
    for (const auto& unit : row.lead_units) (void)ledger.for_unit(unit);
    (void)ledger.for_unit(row.measure_title.substr(0, 9));  // arbitrary text as a query
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);

  // The JSON reader on arbitrary bytes: it accepts or throws Error.
  try {
    (void)taizhang::from_json(input);
  } catch (const taizhang::Error&) {
  }

  taizhang::Plan plan;
  try {
    plan = taizhang::parse(input);
  } catch (const taizhang::Error& e) {
    if (e.code() != taizhang::ErrorCode::invalid_utf8 &&
        e.code() != taizhang::ErrorCode::invalid_argument)
      finding("parse threw an Error that is not about the input's encoding or size");
    return 0;
  }

  // From here on the input was accepted: everything works on the library's
  // own output, so an Error is a finding too (no catch).
  const std::string json = taizhang::to_json(plan);
  const taizhang::Plan back = taizhang::from_json(json);
  if (taizhang::to_json(back) != json) finding("to_json(from_json(to_json(plan))) differs");
  (void)taizhang::to_json(plan, taizhang::JsonOptions{false});

  ledger_and_exports(plan, input);
  return 0;
}
