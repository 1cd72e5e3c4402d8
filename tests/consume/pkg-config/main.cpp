// A C++ program against the installed C++ API (taizhang.pc): the plan, its
// measures and its ledger.
#include <taizhang/taizhang.hpp>

#include <iostream>

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: consumer_cxx PLAN.txt\n";
    return 2;
  }
  try {
    const taizhang::Plan plan = taizhang::parse_file(argv[1]);
    const taizhang::Ledger ledger(plan);
    std::cout << "C++: taizhang " << taizhang::version() << ": "
              << (plan.doc_number ? plan.doc_number->text : "no document number") << ", "
              << taizhang::all_measures(plan).size() << " measures, " << ledger.size()
              << " ledger rows\n";
    return 0;
  } catch (const taizhang::Error& e) {
    std::cerr << "error: " << e.what() << '\n';
    return 1;
  }
}
