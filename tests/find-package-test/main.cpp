// A consumer of the installed library: parses a plan given on the command
// line through the public API only, and checks what every consumer relies on
// (the version, parse, the JSON round trip, the ledger and an export).
// Shared by find-package-test and add-subdirectory-test.
#include <taizhang/taizhang.hpp>

#include <cstring>
#include <iostream>

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: consumer PLAN.txt\n";
    return 2;
  }
  if (std::strcmp(taizhang::version(), TAIZHANG_EXPECTED_VERSION) != 0) {
    std::cerr << "library version " << taizhang::version() << ", headers/config expect "
              << TAIZHANG_EXPECTED_VERSION << '\n';
    return 1;
  }
  try {
    const taizhang::Plan plan = taizhang::parse_file(argv[1]);
    const auto measures = taizhang::all_measures(plan);
    const std::string json = taizhang::to_json(plan);
    if (taizhang::to_json(taizhang::from_json(json)) != json) {
      std::cerr << "JSON round trip changed the plan\n";
      return 1;
    }
    const taizhang::Ledger ledger(plan);
    const std::string csv = taizhang::to_csv(ledger);
    std::cout << "taizhang " << taizhang::version() << ": " << plan.title << " ("
              << (plan.doc_number ? plan.doc_number->text : "-") << "), " << measures.size()
              << " measures, " << ledger.size() << " ledger rows, " << csv.size()
              << " bytes of CSV\n";
    return measures.empty() || ledger.size() == 0 ? 1 : 0;
  } catch (const taizhang::Error& e) {
    std::cerr << "error: " << e.what() << '\n';
    return 1;
  }
}
