// `taizhang targets FILE [--format csv|json|md]`: every quantitative target
// with its measure, lead units and due date (the due date of the milestone
// that holds the target; the plan-year end, marked implied, when none does).
#include "cli/commands.hpp"

#include <taizhang/ledger.hpp>
#include <taizhang/model.hpp>

#include <boost/date_time/gregorian/gregorian.hpp>

#include <charconv>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

namespace taizhang::cli {
namespace {

struct Row {
  const Measure* measure;
  const Target* target;
  std::string due;  // ISO date or empty
  bool due_implied = false;
};

std::string number(const std::optional<double>& v) {
  if (!v) return {};
  char buf[64];
  // Whole numbers print in full (10000000, not 1e+07); others in the
  // shortest form that reads back the same.
  if (*v == static_cast<double>(static_cast<long long>(*v)) && std::abs(*v) < 1e15)
    return std::to_string(static_cast<long long>(*v));
  auto r = std::to_chars(buf, buf + sizeof buf, *v);
  return std::string(buf, r.ptr);
}

std::string leads(const Measure& m) {
  std::string out;
  for (const auto& u : m.lead_units) {
    if (!out.empty()) out += "、";
    out += u.name;
  }
  return out;
}

std::vector<Row> collect(const Plan& plan) {
  std::vector<Row> rows;
  for (const Measure* m : all_measures(plan)) {
    for (const Target& t : m->targets) {
      Row r{m, &t, {}, false};
      for (const Milestone& ms : m->milestones) {
        bool holds = false;
        for (const Target& mt : ms.targets) holds = holds || mt.span == t.span;
        if (!holds) continue;
        if (ms.deadline.due) r.due = boost::gregorian::to_iso_extended_string(*ms.deadline.due);
        r.due_implied = ms.deadline.implied;
        break;
      }
      if (r.due.empty() && plan.plan_year) {
        r.due = std::to_string(*plan.plan_year) + "-12-31";
        r.due_implied = true;
      }
      rows.push_back(std::move(r));
    }
  }
  return rows;
}

std::string json_string(std::string_view s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  return out + "\"";
}

std::string json_number(const std::optional<double>& v) { return v ? number(v) : "null"; }

// Markdown table cells: pipes and line breaks would break the row.
std::string md_cell(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '|') out += "\\|";
    else if (c == '\n' || c == '\r') out += ' ';
    else out += c;
  }
  return out;
}

std::string measure_label(const Measure& m) {
  return m.number ? std::to_string(*m.number) : m.id;
}

void print_csv(const std::vector<Row>& rows, std::ostream& out) {
  out << "measure,measure_id,lead_units,due,due_implied,text,subject,value,low,high,unit,cmp,"
         "baseline,aspirational,cumulative,increment,growth,start,end\r\n";
  for (const Row& r : rows) {
    const Target& t = *r.target;
    const std::vector<std::string> f = {
        measure_label(*r.measure), r.measure->id, leads(*r.measure), r.due,
        r.due_implied ? "true" : "false", t.text, t.subject, number(t.value), number(t.low),
        number(t.high), t.unit, to_string(t.cmp), number(t.baseline),
        t.aspirational ? "true" : "false", t.cumulative ? "true" : "false",
        t.increment ? "true" : "false", t.growth ? "true" : "false",
        std::to_string(t.span.start), std::to_string(t.span.end)};
    for (std::size_t i = 0; i < f.size(); ++i) out << (i ? "," : "") << csv_field(f[i]);
    out << "\r\n";
  }
}

void print_json(const std::vector<Row>& rows, std::ostream& out) {
  out << "[";
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const Row& r = rows[i];
    const Target& t = *r.target;
    out << (i ? ",\n " : "\n ") << "{\"measure\": "
        << (r.measure->number ? std::to_string(*r.measure->number) : "null")
        << ", \"measure_id\": " << json_string(r.measure->id) << ", \"lead_units\": [";
    for (std::size_t k = 0; k < r.measure->lead_units.size(); ++k)
      out << (k ? ", " : "") << json_string(r.measure->lead_units[k].name);
    out << "], \"due\": " << (r.due.empty() ? "null" : json_string(r.due))
        << ", \"due_implied\": " << (r.due_implied ? "true" : "false")
        << ", \"text\": " << json_string(t.text) << ", \"span\": {\"start\": " << t.span.start
        << ", \"end\": " << t.span.end << "}, \"subject\": " << json_string(t.subject)
        << ", \"value\": " << json_number(t.value) << ", \"low\": " << json_number(t.low)
        << ", \"high\": " << json_number(t.high) << ", \"unit\": " << json_string(t.unit)
        << ", \"cmp\": " << json_string(to_string(t.cmp))
        << ", \"baseline\": " << json_number(t.baseline)
        << ", \"aspirational\": " << (t.aspirational ? "true" : "false")
        << ", \"cumulative\": " << (t.cumulative ? "true" : "false")
        << ", \"increment\": " << (t.increment ? "true" : "false")
        << ", \"growth\": " << (t.growth ? "true" : "false") << "}";
  }
  out << (rows.empty() ? "]\n" : "\n]\n");
}

void print_md(const std::vector<Row>& rows, std::ostream& out) {
  out << "| 措施 | 牵头单位 | 完成时限 | 指标 | 对象 | 数值 | 单位 | 比较 | 基数 | 标记 |\n"
         "|---|---|---|---|---|---|---|---|---|---|\n";
  for (const Row& r : rows) {
    const Target& t = *r.target;
    std::string value = t.value ? number(t.value) : number(t.low) + "–" + number(t.high);
    std::string flags;
    auto flag = [&](bool on, const char* name) {
      if (!on) return;
      if (!flags.empty()) flags += "、";
      flags += name;
    };
    flag(t.aspirational, "力争");
    flag(t.cumulative, "累计");
    flag(t.increment, "新增");
    flag(t.growth, "增长");
    out << "| " << md_cell(measure_label(*r.measure)) << " | " << md_cell(leads(*r.measure)) << " | "
        << md_cell(r.due) << (r.due_implied ? "（默认）" : "") << " | " << md_cell(t.text) << " | "
        << md_cell(t.subject) << " | " << value << " | " << md_cell(t.unit) << " | "
        << md_cell(to_string(t.cmp)) << " | " << number(t.baseline) << " | " << flags << " |\n";
  }
}

}  // namespace

int cmd_targets(int argc, char** argv) {
  std::string file, format = "csv";
  ParseOptions options;
  for (int i = 0; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--format" && i + 1 < argc) format = argv[++i];
    else if (a == "--plan-year" && i + 1 < argc) options.plan_year = std::atoi(argv[++i]);
    else if (a == "--help" || a == "-h") {
      std::cout << "Usage: taizhang targets FILE|- [--format csv|json|md] [--plan-year YEAR]\n";
      return 0;
    } else if (file.empty() && (a == "-" || a.rfind("--", 0) != 0)) file = a;
    else {
      std::cerr << "taizhang: unknown argument " << a << "\n";
      return 2;
    }
  }
  if (file.empty()) {
    std::cerr << "taizhang: no input file\nUsage: taizhang targets FILE|- [--format csv|json|md]\n";
    return 2;
  }
  if (format != "csv" && format != "json" && format != "md") {
    std::cerr << "taizhang: --format must be csv, json or md\n";
    return 2;
  }
  Plan plan;
  if (int rc = load_plan(file, options, plan)) return rc;
  const std::vector<Row> rows = collect(plan);
  if (format == "csv") print_csv(rows, std::cout);
  else if (format == "json") print_json(rows, std::cout);
  else print_md(rows, std::cout);
  return 0;
}

}  // namespace taizhang::cli
