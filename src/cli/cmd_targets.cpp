// `taizhang targets FILE [--format csv|json|md]`: every quantitative target
// with its measure, lead units and due date (the due date of the milestone
// that holds the target; the plan-year end, marked implied, when none does).
// The listing itself is the library's (targets_to_csv/json/markdown).
#include "cli/commands.hpp"

#include <taizhang/ledger.hpp>

#include <cstdlib>
#include <iostream>
#include <string>

namespace taizhang::cli {

namespace {
constexpr const char* kTargetsUsage = "Usage: taizhang targets FILE|- [--format csv|json|md] [--plan-year YEAR]\n";
}

int cmd_targets(int argc, char** argv) {
  std::string file, format = "csv";
  ParseOptions options;
  for (int i = 0; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--format" && i + 1 < argc) {
      format = argv[++i];
    } else if (a == "--plan-year" && i + 1 < argc) {
      options.plan_year = std::atoi(argv[++i]);
    } else if (a == "--help" || a == "-h") {
      std::cout << kTargetsUsage;
      return 0;
    } else if (file.empty() && (a == "-" || a.rfind("--", 0) != 0)) {
      file = a;
    } else {
      std::cerr << "taizhang: unknown argument " << a << "\n";
      return 2;
    }
  }
  if (file.empty()) {
    std::cerr << "taizhang: no input file\n" << kTargetsUsage;
    return 2;
  }
  if (format != "csv" && format != "json" && format != "md") {
    std::cerr << "taizhang: --format must be csv, json or md\n";
    return 2;
  }
  Plan plan;
  if (int rc = load_plan(file, options, plan)) return rc;
  const Ledger ledger(plan);
  if (format == "csv") std::cout << targets_to_csv(ledger);
  else if (format == "json") std::cout << targets_to_json(ledger);
  else std::cout << targets_to_markdown(ledger);
  return 0;
}

}  // namespace taizhang::cli
