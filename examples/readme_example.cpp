// The README's C++ example, kept compiling and running by the tests.
#include <taizhang/taizhang.hpp>
#include <boost/date_time/gregorian/gregorian.hpp>
#include <iostream>

int main(int argc, char** argv) {
  taizhang::Plan plan = taizhang::parse_file(argc > 1 ? argv[1] : "examples/data/qingchuan-2025-city-renewal.txt");
  std::cout << plan.title << " (" << plan.doc_number->text << ")\n";
  for (const taizhang::Measure* m : taizhang::all_measures(plan)) {
    std::cout << m->marker << ' ' << m->title << "  牵头:";
    for (const auto& u : m->lead_units) std::cout << ' ' << u.name;
    std::cout << '\n';
    for (const auto& ms : m->milestones)  // an open-ended one (长期坚持) has no due date
      std::cout << "    " << (ms.deadline.due ? boost::gregorian::to_iso_extended_string(*ms.deadline.due) : "open")
                << (ms.deadline.kind == taizhang::DeadlineKind::implied ? " (implied)" : "") << "  " << ms.deadline.text << '\n';
    for (const auto& t : m->targets)
      std::cout << "    目标 " << t.subject << ' ' << taizhang::to_string(t.cmp) << ' '
                << t.value.value_or(0) << t.unit << '\n';
  }
}
