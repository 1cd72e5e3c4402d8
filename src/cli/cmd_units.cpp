// `taizhang units DIR|FILE... [--status FILE...] [--as-of DATE]`: every
// responsible unit across a corpus with its workload. Units are merged by
// the full name when the lexicon knows it (市发改委 and 市发展改革委 are one
// unit), else by the name as the document gives it. A unit's milestones are
// the ledger rows of the measures it leads (a recurring milestone counts once
// per occurrence, as the office tracks it); overdue means not done and due
// before --as-of, judged with the status file named after the document.
// python/taizhang/batch.py (unit_workload) computes the same table.
#include "cli/commands.hpp"
#include "cli/corpus.hpp"

#include <taizhang/ledger.hpp>
#include <taizhang/parser.hpp>

#include <boost/date_time/gregorian/gregorian.hpp>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace taizhang::cli {

namespace {

namespace fs = std::filesystem;
namespace gd = boost::gregorian;

constexpr const char* kUnitsUsage =
    R"(Usage: taizhang units DIR|FILE... [--status FILE...] [--as-of DATE] [options]

Every responsible unit across a corpus: the documents and measures it leads
or co-operates on, its milestones per month (as lead unit) and how many of
them are overdue. Units are merged by full name when the lexicon knows it.

  --status FILE...     status CSVs (milestone id, 未开始/推进中/已完成/滞后,
                       note, date), every argument up to the next option;
                       each applies to the documents with its file name:
                       plan-a.csv or plan-a.status.csv → plan-a.txt
  --as-of YYYY-MM-DD   judge overdue as of this date (default: today)
  --format csv|md|json output format (default csv)
  --jobs N             parsing threads (default: one per core)
  -o, --output FILE    write there instead of standard output
  -h, --help           this text

Exit codes: 0 success, 1 some documents failed to parse (reported, the
rest counted), 2 usage error, 3 a status file or the output cannot be used.
)";

struct Args {
  std::vector<std::string> inputs, status_files;
  std::optional<gd::date> as_of;
  std::string format = "csv";
  std::optional<std::string> output;
  unsigned jobs = 0;
};

std::optional<gd::date> iso_date(std::string_view s) {
  try {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
    return gd::from_simple_string(std::string(s));
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

int parse_args(int argc, char** argv, Args& a) {
  bool in_status = false;
  for (int i = 0; i < argc; ++i) {
    const std::string arg = argv[i];
    auto value = [&]() -> const char* { return i + 1 < argc ? argv[++i] : nullptr; };
    if (!arg.starts_with("-")) {
      (in_status ? a.status_files : a.inputs).push_back(arg);
      continue;
    }
    in_status = false;
    if (arg == "-h" || arg == "--help") {
      std::cout << kUnitsUsage;
      return -1;
    } else if (arg == "--status") {
      in_status = true;
    } else if (arg == "--as-of") {
      const char* v = value();
      a.as_of = v ? iso_date(v) : std::nullopt;
      if (!a.as_of) { std::cerr << "taizhang: --as-of must be YYYY-MM-DD\n"; return 2; }
    } else if (arg == "--format") {
      const char* v = value();
      if (!v || (std::string_view(v) != "csv" && std::string_view(v) != "md" && std::string_view(v) != "json")) {
        std::cerr << "taizhang: --format must be csv, md or json\n";
        return 2;
      }
      a.format = v;
    } else if (arg == "--jobs" || arg == "-j") {
      const char* v = value();
      const int n = v ? std::atoi(v) : 0;
      if (n < 1) { std::cerr << "taizhang: --jobs must be a positive number\n"; return 2; }
      a.jobs = static_cast<unsigned>(n);
    } else if (arg == "-o" || arg == "--output") {
      const char* v = value();
      if (!v) { std::cerr << "taizhang: --output needs a file\n"; return 2; }
      a.output = v;
    } else {
      std::cerr << "taizhang: unknown argument " << arg << "\n" << kUnitsUsage;
      return 2;
    }
  }
  if (a.inputs.empty()) { std::cerr << "taizhang: no input directory or file\n" << kUnitsUsage; return 2; }
  if (a.jobs == 0) a.jobs = default_jobs();
  return 0;
}

// The document a status file belongs to: its name without extension and
// without a trailing ".status".
std::string status_stem(const std::string& path) {
  std::string stem = fs::path(path).stem().string();
  if (stem.ends_with(".status")) stem.resize(stem.size() - 7);
  return stem;
}

// One unit's share of one document.
struct Share {
  std::string key;
  std::vector<std::string> names;  // as this document writes it
  std::size_t lead_measures = 0, co_measures = 0, milestones = 0, implied = 0, overdue = 0;
  std::map<std::string, std::size_t> months;  // "YYYY-MM" → milestones due
};

struct DocShares {
  bool ok = false;
  std::string message;
  std::vector<Share> shares;  // in order of first appearance in the document
};

// The merge key: the full name the lexicon gives, else the name.
std::string unit_key(const Unit& u) { return u.full_name.value_or(u.name); }

DocShares shares_of(const Plan& plan, const StatusTable& status, gd::date as_of) {
  DocShares out;
  out.ok = true;
  std::unordered_map<std::string, std::size_t> index;
  auto share = [&](const Unit& u) -> Share& {
    auto [it, fresh] = index.try_emplace(unit_key(u), out.shares.size());
    if (fresh) out.shares.emplace_back().key = unit_key(u);
    Share& s = out.shares[it->second];
    if (std::find(s.names.begin(), s.names.end(), u.name) == s.names.end()) s.names.push_back(u.name);
    return s;
  };
  std::unordered_map<std::string, const Measure*> measures;
  for (const Measure* m : all_measures(plan)) {
    measures.emplace(m->id, m);
    std::set<std::string> seen;  // a unit named twice in one list counts once
    for (const auto& u : m->lead_units)
      if (seen.insert(unit_key(u)).second) ++share(u).lead_measures;
    for (const auto& u : m->co_units)
      if (seen.insert(unit_key(u)).second) ++share(u).co_measures;
  }
  const Ledger ledger(plan);
  for (const LedgerRow& row : ledger.rows()) {
    const auto m = measures.find(row.measure_id);
    if (m == measures.end()) continue;
    const bool overdue = ledger.progress(row, status, as_of).progress == Progress::overdue;
    std::set<std::string> seen;
    for (const auto& u : m->second->lead_units) {
      if (!seen.insert(unit_key(u)).second) continue;
      Share& s = share(u);
      ++s.milestones;
      s.implied += row.deadline_kind == DeadlineKind::implied;
      s.overdue += overdue;
      if (row.due) ++s.months[gd::to_iso_extended_string(*row.due).substr(0, 7)];
    }
  }
  return out;
}

struct UnitTotal {
  std::string unit;
  std::vector<std::string> names;  // as the documents write it, first seen first
  std::size_t documents = 0, lead_measures = 0, co_measures = 0, milestones = 0, implied = 0, overdue = 0;
  std::map<std::string, std::size_t> months;
};

std::string months_cell(const std::map<std::string, std::size_t>& months) {
  std::string out;
  for (const auto& [month, n] : months) out += (out.empty() ? "" : ";") + month + ":" + std::to_string(n);
  return out;
}

std::string joined(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : "、") + s;
  return out;
}

std::string render(const std::vector<UnitTotal>& units, const std::string& format) {
  std::string out;
  const auto n = [](std::size_t v) { return std::to_string(v); };
  if (format == "json") {
    out = "[";
    for (const auto& u : units) {
      out += (out.size() > 1 ? ",\n " : "\n ") + std::string("{\"unit\":") + json_string(u.unit) + ",\"names\":[";
      for (std::size_t i = 0; i < u.names.size(); ++i) out += (i ? "," : "") + json_string(u.names[i]);
      out += "],\"documents\":" + n(u.documents) + ",\"lead_measures\":" + n(u.lead_measures) +
             ",\"co_measures\":" + n(u.co_measures) + ",\"milestones\":" + n(u.milestones) +
             ",\"implied\":" + n(u.implied) + ",\"overdue\":" + n(u.overdue) + ",\"months\":{";
      bool first = true;
      for (const auto& [month, c] : u.months) {
        out += (first ? "\"" : ",\"") + month + "\":" + n(c);
        first = false;
      }
      out += "}}";
    }
    return out + "\n]\n";
  }
  if (format == "md") {
    out = "| 单位 | 写法 | 文件 | 牵头措施 | 配合措施 | 里程碑 | 未写期限 | 逾期 | 按月 |\n"
          "|---|---|---:|---:|---:|---:|---:|---:|---|\n";
    auto cell = [](std::string s) {
      for (std::size_t p = 0; (p = s.find('|', p)) != std::string::npos; p += 2) s.replace(p, 1, "\\|");
      return s;
    };
    for (const auto& u : units)
      out += "| " + cell(u.unit) + " | " + cell(joined(u.names)) + " | " + n(u.documents) + " | " +
             n(u.lead_measures) + " | " + n(u.co_measures) + " | " + n(u.milestones) + " | " + n(u.implied) +
             " | " + n(u.overdue) + " | " + months_cell(u.months) + " |\n";
    return out;
  }
  out = "\xEF\xBB\xBF" "unit,names,documents,lead_measures,co_measures,milestones,implied,overdue,months\r\n";
  for (const auto& u : units)
    out += csv_field(u.unit) + ',' + csv_field(joined(u.names)) + ',' + n(u.documents) + ',' +
           n(u.lead_measures) + ',' + n(u.co_measures) + ',' + n(u.milestones) + ',' + n(u.implied) + ',' +
           n(u.overdue) + ',' + months_cell(u.months) + "\r\n";
  return out;
}

// Status tables by document stem; 3 when one cannot be read.
int load_status(const Args& a, std::map<std::string, StatusTable>& tables) {
  for (const auto& file : a.status_files) {
    try {
      StatusTable t = StatusTable::read_csv(file);
      for (const auto& p : t.problems()) std::cerr << "taizhang: " << file << ':' << p.line << ": " << p.message << '\n';
      StatusTable& into = tables[status_stem(file)];
      for (const auto& e : t.entries()) into.add(e);
    } catch (const Error& e) {
      std::cerr << "taizhang: " << file << ": " << e.what() << '\n';
      return 3;
    }
  }
  return 0;
}

}  // namespace

int cmd_units(int argc, char** argv) {
  Args a;
  if (int rc = parse_args(argc, argv, a)) return rc < 0 ? 0 : rc;
  std::map<std::string, StatusTable> status;
  if (int rc = load_status(a, status)) return rc;
  std::vector<std::string> missing;
  const auto sources = collect_sources(a.inputs, missing);
  for (const auto& m : missing) std::cerr << "taizhang: " << m << ": no such file or directory\n";
  std::set<std::string> used;
  for (const auto& s : sources)
    if (status.count(fs::path(s.path).stem().string())) used.insert(fs::path(s.path).stem().string());
  for (const auto& [stem, table] : status)
    if (!used.count(stem)) std::cerr << "taizhang: no document named " << stem << " for its status file (ignored)\n";

  const gd::date as_of = a.as_of.value_or(gd::day_clock::local_day());
  const StatusTable none;
  const Parser parser;
  std::vector<UnitTotal> totals;
  std::unordered_map<std::string, std::size_t> index;
  std::size_t failed = missing.size();
  install_interrupt_handler();
  const bool complete = run_in_order<DocShares>(
      sources.size(), a.jobs,
      [&](std::size_t i) {
        try {
          const auto it = status.find(fs::path(sources[i].path).stem().string());
          // The bytes read become the plan's shared text: no second copy.
          auto text = std::make_shared<const std::string>(read_bytes(sources[i].path));
          return shares_of(parser.parse(std::move(text)), it == status.end() ? none : it->second, as_of);
        } catch (const std::exception& e) {
          return DocShares{false, e.what(), {}};
        }
      },
      [&](std::size_t i, DocShares& doc) {
        if (!doc.ok) {
          ++failed;
          std::cerr << "taizhang: " << sources[i].path << ": " << doc.message << '\n';
          return;
        }
        for (auto& s : doc.shares) {
          auto [it, fresh] = index.try_emplace(s.key, totals.size());
          if (fresh) totals.emplace_back().unit = s.key;
          UnitTotal& t = totals[it->second];
          for (const auto& name : s.names)
            if (std::find(t.names.begin(), t.names.end(), name) == t.names.end()) t.names.push_back(name);
          ++t.documents;
          t.lead_measures += s.lead_measures;
          t.co_measures += s.co_measures;
          t.milestones += s.milestones;
          t.implied += s.implied;
          t.overdue += s.overdue;
          for (const auto& [month, c] : s.months) t.months[month] += c;
        }
      });
  if (!complete) {
    std::cerr << "taizhang: interrupted\n";
    return 130;
  }
  std::stable_sort(totals.begin(), totals.end(), [](const UnitTotal& x, const UnitTotal& y) {
    if (x.milestones != y.milestones) return x.milestones > y.milestones;
    if (x.lead_measures != y.lead_measures) return x.lead_measures > y.lead_measures;
    return x.unit < y.unit;
  });
  const std::string text = render(totals, a.format);
  if (a.output) {
    std::FILE* f = std::fopen(a.output->c_str(), "wb");
    const bool ok = f && std::fwrite(text.data(), 1, text.size(), f) == text.size();
    if (f) std::fclose(f);
    if (!ok) { std::cerr << "taizhang: cannot write " << *a.output << '\n'; return 3; }
  } else {
    std::fwrite(text.data(), 1, text.size(), stdout);
  }
  return failed ? 1 : 0;
}

}  // namespace taizhang::cli
