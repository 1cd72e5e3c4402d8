// taizhang — command-line tool.
#include "cli/commands.hpp"

#include <taizhang/json.hpp>
#include <taizhang/parser.hpp>

#include <boost/date_time/gregorian/gregorian.hpp>

#include <cstring>
#include <iostream>
#include <iterator>
#include <map>
#include <sstream>

namespace taizhang::cli {

namespace {

constexpr const char* kUsage =
    R"(taizhang — Chinese government plan documents into a structured ledger (台账)

Usage:
  taizhang parse FILE|- [--format json|text] [--plan-year YEAR] [--compact]
  taizhang check FILE|-          diagnostics only; exit 1 when there are errors
  taizhang ledger FILE [--format csv|ics|md|json] [--as-of DATE] [--unit NAME]
                       [--month YYYY-MM] [--status FILE] [--due-soon DAYS] [-o FILE]
  taizhang report FILE --month YYYY-MM [--status FILE] [--as-of DATE] [-o FILE]
  taizhang targets FILE [--format csv|json|md] [--plan-year YEAR]
  taizhang batch DIR|FILE... [--out DIR] [--format jsonl|csv] [--jobs N] [--quiet]
  taizhang units DIR|FILE... [--status FILE...] [--as-of DATE] [--format csv|md|json]
  taizhang COMMAND --help        the options of one command
  taizhang --help | --version

Exit codes: 0 success, 1 the document has errors (check), 2 usage error,
3 the input cannot be read or is not UTF-8.
)";

std::string date_or_dash(const std::optional<boost::gregorian::date>& d) {
  return d ? boost::gregorian::to_iso_extended_string(*d) : "-";
}

std::string unit_names(const std::vector<Unit>& units) {
  std::string out;
  for (const auto& u : units) {
    if (!out.empty()) out += "、";
    out += u.name;
  }
  return out.empty() ? "-" : out;
}

// The targets a milestone governs, after its deadline: "  目标: 60% 800家".
void print_targets(std::ostream& out, const std::vector<Target>& owned, const Milestone& ms) {
  const auto targets = milestone_targets(owned, ms);
  if (targets.empty()) return;
  out << "  目标:";
  for (const Target* t : targets) out << ' ' << t->text;
}

// The readable ledger summary: envelope, outline, the goals' horizons, one
// block per measure.
void print_text(const Plan& plan, std::ostream& out) {
  out << "Title:       " << (plan.title.empty() ? "-" : plan.title) << '\n';
  out << "Issuer:      " << (plan.issuer.empty() ? "-" : plan.issuer) << '\n';
  out << "Doc number:  " << (plan.doc_number ? plan.doc_number->text : "-") << '\n';
  out << "Signed on:   " << date_or_dash(plan.signed_on) << '\n';
  out << "Plan year:   " << (plan.plan_year ? std::to_string(*plan.plan_year) : "-") << '\n';
  const auto measures = all_measures(plan);
  std::size_t sections = 0, milestones = 0, targets = 0, implied = 0;
  for (const auto& c : plan.chapters) sections += c.sections.size();
  std::map<std::string, std::size_t> per_month;
  for (const auto* m : measures) {
    milestones += m->milestones.size();
    targets += m->targets.size();
    for (const auto& ms : m->milestones) {
      implied += ms.deadline.kind == DeadlineKind::implied;
      if (ms.deadline.due) per_month[date_or_dash(ms.deadline.due).substr(0, 7)]++;
    }
  }
  out << "Outline:     " << plan.chapters.size() << " chapters, " << sections << " sections, "
      << measures.size() << " measures\n";
  out << "Ledger:      " << milestones << " milestones (" << implied << " with implied dates), " << targets
      << " targets, " << plan.diagnostics.size() << " diagnostics\n";
  if (!plan.goals.empty()) {
    std::size_t horizons = 0, goal_targets = 0;
    for (const auto& g : plan.goals) {
      horizons += g.milestones.size();
      goal_targets += g.targets.size();
    }
    out << "Goals:       " << plan.goals.size() << " goal paragraphs, " << horizons << " horizons, "
        << goal_targets << " targets\n";
  }
  if (!per_month.empty()) {
    out << "Due by month:";
    for (const auto& [month, count] : per_month) out << ' ' << month << '=' << count;
    out << '\n';
  }
  out << '\n';

  for (const auto& g : plan.goals) {
    out << "目标 " << g.id << ' ' << (g.heading.empty() ? "(preamble)" : g.heading) << '\n';
    for (const auto& ms : g.milestones) {
      out << "      " << date_or_dash(ms.deadline.due) << "  " << ms.deadline.text;
      print_targets(out, g.targets, ms);
      out << '\n';
    }
  }
  if (!plan.goals.empty()) out << '\n';

  std::size_t chapter_no = 0;
  auto print_measure = [&](const Measure& m) {
    out << "  " << (m.marker.empty() ? "·" : m.marker) << ' ' << m.title << '\n';
    out << "      牵头: " << unit_names(m.lead_units);
    if (!m.co_units.empty()) out << "   配合: " << unit_names(m.co_units);
    out << '\n';
    for (const auto& ms : m.milestones) {
      out << "      " << date_or_dash(ms.deadline.due) << (ms.deadline.kind == DeadlineKind::implied ? " (implied)" : "")
          << "  " << (ms.deadline.text.empty() ? "-" : ms.deadline.text);
      print_targets(out, m.targets, ms);
      out << '\n';
    }
  };
  for (const auto& c : plan.chapters) {
    ++chapter_no;
    out << c.marker << c.title << '\n';
    for (const auto& m : c.measures) print_measure(m);
    for (const auto& s : c.sections) {
      out << ' ' << s.marker << s.title << '\n';
      for (const auto& m : s.measures) print_measure(m);
    }
  }
  if (!plan.loose_measures.empty()) {
    out << "(measures outside chapters)\n";
    for (const auto& m : plan.loose_measures) print_measure(m);
  }
  if (!plan.diagnostics.empty()) {
    out << "\nDiagnostics:\n";
    for (const auto& d : plan.diagnostics)
      out << "  " << to_string(d.severity) << ' ' << d.code << " at " << d.span.start << ": " << d.message << '\n';
  }
}

int cmd_parse(int argc, char** argv, bool check_only) {
  std::string file, format = "text";
  ParseOptions options;
  bool compact = false;
  for (int i = 0; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--format" && i + 1 < argc) format = argv[++i];
    else if (a == "--plan-year" && i + 1 < argc) options.plan_year = std::atoi(argv[++i]);
    else if (a == "--compact") compact = true;
    else if (a == "--help" || a == "-h") { std::cout << kUsage; return 0; }
    else if (file.empty() && (a == "-" || a.rfind("--", 0) != 0)) file = a;
    else { std::cerr << "taizhang: unknown argument " << a << "\n"; return 2; }
  }
  if (file.empty()) { std::cerr << "taizhang: no input file\n" << kUsage; return 2; }
  if (format != "json" && format != "text") { std::cerr << "taizhang: --format must be json or text\n"; return 2; }
  Plan plan;
  if (int rc = load_plan(file, options, plan)) return rc;
  if (check_only) {
    std::size_t errors = 0;
    for (const auto& d : plan.diagnostics) {
      errors += d.severity == Severity::error;
      std::cout << file << ':' << d.span.start << ": " << to_string(d.severity) << ": " << d.code << ": "
                << d.message << '\n';
    }
    return errors ? 1 : 0;
  }
  if (format == "json") {
    JsonOptions jo;
    jo.pretty = !compact;
    write_json(plan, std::cout, jo);  // streamed: the JSON is never held whole
  } else {
    print_text(plan, std::cout);
  }
  return 0;
}

}  // namespace

int load_plan(const std::string& file, const ParseOptions& options, Plan& plan) {
  try {
    if (file == "-") {
      std::string input((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
      plan = parse(input, options);
    } else {
      plan = parse_file(file, options);
    }
  } catch (const Error& e) {
    std::cerr << "taizhang: " << (file == "-" ? "<stdin>" : file) << ": " << e.what() << '\n';
    return 3;
  }
  return 0;
}

}  // namespace taizhang::cli

int main(int argc, char** argv) {
  using namespace taizhang::cli;
  if (argc < 2) {
    std::cerr << kUsage;
    return 2;
  }
  const std::string cmd = argv[1];
  if (cmd == "--help" || cmd == "-h" || cmd == "help") {
    std::cout << kUsage;
    return 0;
  }
  if (cmd == "--version") {
    std::cout << "taizhang " << taizhang::version() << '\n';
    return 0;
  }
  try {
    if (cmd == "parse") return cmd_parse(argc - 2, argv + 2, false);
    if (cmd == "check") return cmd_parse(argc - 2, argv + 2, true);
    if (cmd == "ledger") return cmd_ledger(argc - 2, argv + 2);
    if (cmd == "report") return cmd_report(argc - 2, argv + 2);
    if (cmd == "targets") return cmd_targets(argc - 2, argv + 2);
    if (cmd == "batch") return cmd_batch(argc - 2, argv + 2);
    if (cmd == "units") return cmd_units(argc - 2, argv + 2);
  } catch (const std::exception& e) {
    std::cerr << "taizhang: " << e.what() << '\n';
    return 3;
  }
  std::cerr << "taizhang: unknown command " << cmd << "\n" << kUsage;
  return 2;
}
