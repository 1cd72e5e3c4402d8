// `taizhang batch DIR|FILE...`: a folder of plans on all cores. One shared
// Parser (immutable, thread-safe); results are written in path order
// whatever the number of threads, so the output is byte-identical for any
// --jobs. Output files are written to a temporary name beside the target and
// renamed when the batch is complete: an interrupted batch leaves no
// half-written table. Formats: docs/batch.md.
#include "cli/commands.hpp"
#include "cli/corpus.hpp"
#include "cli/tables.hpp"

#include <taizhang/json.hpp>
#include <taizhang/ledger.hpp>
#include <taizhang/parser.hpp>

#include <unistd.h>

#include <array>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace taizhang::cli {

namespace {

namespace fs = std::filesystem;

constexpr const char* kBatchUsage =
    R"(Usage: taizhang batch DIR|FILE... [--out DIR] [--format jsonl|csv] [--jobs N] [--quiet]

Parses every .txt, .md, .html and .htm file under the directories (and every
file named) on all cores, in path order.

  --out DIR            write plans.jsonl, measures.csv, milestones.csv,
                       targets.csv, units.csv, failures.csv and summary.json
                       there (default: JSON lines to standard output)
  --format jsonl|csv   only the JSON lines, or only the CSV tables
                       (default with --out: both; csv needs --out)
  --jobs N             parsing threads (default: one per core)
  --quiet              no progress bar and no summary
  -h, --help           this text

A document that cannot be read or is not UTF-8 is reported with its path and
does not stop the batch. Exit codes: 0 every document parsed, 1 some failed,
2 usage error, 3 the output cannot be written, 130 interrupted.
)";

struct Args {
  std::vector<std::string> inputs;
  std::optional<std::string> out;
  bool jsonl = true, csv = true;
  unsigned jobs = 0;
  bool quiet = false;
};

int parse_args(int argc, char** argv, Args& a) {
  std::optional<std::string> format;
  for (int i = 0; i < argc; ++i) {
    const std::string arg = argv[i];
    auto value = [&]() -> const char* { return i + 1 < argc ? argv[++i] : nullptr; };
    if (arg == "-h" || arg == "--help") {
      std::cout << kBatchUsage;
      return -1;
    } else if (arg == "--out" || arg == "-o") {
      const char* v = value();
      if (!v) { std::cerr << "taizhang: --out needs a directory\n"; return 2; }
      a.out = v;
    } else if (arg == "--format") {
      const char* v = value();
      if (!v || (std::string_view(v) != "jsonl" && std::string_view(v) != "csv")) {
        std::cerr << "taizhang: --format must be jsonl or csv\n";
        return 2;
      }
      format = v;
    } else if (arg == "--jobs" || arg == "-j") {
      const char* v = value();
      const int n = v ? std::atoi(v) : 0;
      if (n < 1) { std::cerr << "taizhang: --jobs must be a positive number\n"; return 2; }
      a.jobs = static_cast<unsigned>(n);
    } else if (arg == "--quiet" || arg == "-q") {
      a.quiet = true;
    } else if (!arg.starts_with("-")) {
      a.inputs.push_back(arg);
    } else {
      std::cerr << "taizhang: unknown argument " << arg << "\n" << kBatchUsage;
      return 2;
    }
  }
  if (a.inputs.empty()) { std::cerr << "taizhang: no input directory or file\n" << kBatchUsage; return 2; }
  if (format) {
    a.jsonl = *format == "jsonl";
    a.csv = *format == "csv";
  }
  if (a.csv && !a.out) {
    if (format) { std::cerr << "taizhang: --format csv needs --out DIR\n"; return 2; }
    a.csv = false;  // standard output holds one format: the JSON lines
  }
  if (a.jobs == 0) a.jobs = default_jobs();
  return 0;
}

// What one document gives: its output text, or why it failed.
struct DocResult {
  bool ok = false;
  std::string error_code, message;
  std::size_t byte_offset = 0;
  std::string jsonl;
  std::array<std::string, table_count> rows;
  std::array<std::size_t, table_count> counts{};
};

// The plan's compact JSON with the source path as its first field; readers
// of taizhang.plan ignore fields they do not know, so from_json reads it.
std::string json_line(const std::string& path, const Plan& plan) {
  JsonOptions jo;
  jo.pretty = false;
  const std::string json = to_json(plan, jo);
  std::string line = "{\"source\":";
  line += json_string(path);
  line += ',';
  line.append(json, 1);
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
  line += '\n';
  return line;
}

DocResult process(const Parser& parser, const SourceFile& src, const Args& a) {
  DocResult r;
  try {
    const Plan plan = parser.parse(std::make_shared<const std::string>(read_bytes(src.path)));  // shared, not copied
    if (a.jsonl) r.jsonl = json_line(src.path, plan);
    r.counts = a.csv ? append_rows(src.path, plan, r.rows) : count_rows(plan);
    r.ok = true;
  } catch (const Error& e) {
    r.error_code = error_code_name(e.code());
    r.message = e.what();
    r.byte_offset = e.byte_offset();
  } catch (const std::exception& e) {
    r.error_code = "error";
    r.message = e.what();
  }
  return r;
}

// A file written under a temporary name and renamed into place on commit().
class AtomicFile {
 public:
  explicit AtomicFile(fs::path target) : target_(std::move(target)) {
    std::string hidden = ".";
    hidden += target_.filename().string();
    hidden += ".tmp";
    hidden += std::to_string(::getpid());
    temp_ = target_.parent_path() / hidden;
    file_ = std::fopen(temp_.c_str(), "wb");
  }
  ~AtomicFile() { abort(); }
  bool ok() const { return file_ != nullptr && !failed_; }
  void write(std::string_view s) {
    if (file_ && std::fwrite(s.data(), 1, s.size(), file_) != s.size()) failed_ = true;
  }
  bool commit() {
    if (!file_) return false;
    const bool closed = std::fclose(file_) == 0;
    file_ = nullptr;
    std::error_code ec;
    if (closed && !failed_) fs::rename(temp_, target_, ec);
    if (!closed || failed_ || ec) {
      fs::remove(temp_, ec);
      return false;
    }
    return true;
  }
  void abort() {
    if (!file_) return;
    std::fclose(file_);
    file_ = nullptr;
    std::error_code ec;
    fs::remove(temp_, ec);
  }
  const fs::path& target() const { return target_; }

 private:
  fs::path target_, temp_;
  std::FILE* file_ = nullptr;
  bool failed_ = false;
};

// Documents done, MB/s and the time left, redrawn in place on a terminal.
class ProgressBar {
 public:
  ProgressBar(bool enabled, std::size_t total_docs, std::uintmax_t total_bytes)
      : enabled_(enabled), total_docs_(total_docs), total_bytes_(total_bytes) {}

  void advance(std::uintmax_t bytes) {
    ++docs_;
    bytes_ += bytes;
  }
  void draw(bool force = false) {
    if (!enabled_) return;
    const auto now = Clock::now();
    if (!force && now - last_draw_ < std::chrono::milliseconds(100)) return;
    last_draw_ = now;
    const double seconds = std::chrono::duration<double>(now - start_).count();
    const double done = total_bytes_ ? double(bytes_) / double(total_bytes_)
                                     : total_docs_ ? double(docs_) / double(total_docs_) : 1.0;
    const int width = 28, filled = static_cast<int>(done * width);
    char line[160];
    const double mbps = seconds > 0 ? double(bytes_) / 1e6 / seconds : 0;
    const long eta = done > 0 && done < 1 ? static_cast<long>(seconds * (1 - done) / done) : 0;
    std::snprintf(line, sizeof line, "\r[%-*s] %zu/%zu docs  %.1f MB/s  ETA %ld:%02ld \x1b[K", width,
                  std::string(static_cast<std::size_t>(filled), '#').c_str(), docs_, total_docs_, mbps,
                  eta / 60, eta % 60);
    std::fputs(line, stderr);
    std::fflush(stderr);
    shown_ = true;
  }
  // Clears the bar so that a message can take the line.
  void clear() {
    if (shown_) std::fputs("\r\x1b[K", stderr);
    shown_ = false;
  }
  double seconds() const { return std::chrono::duration<double>(Clock::now() - start_).count(); }

 private:
  using Clock = std::chrono::steady_clock;
  bool enabled_;
  std::size_t total_docs_, docs_ = 0;
  std::uintmax_t total_bytes_, bytes_ = 0;
  Clock::time_point start_ = Clock::now(), last_draw_{};
  bool shown_ = false;
};

struct Totals {
  std::size_t documents = 0, failed = 0;
  std::uintmax_t bytes = 0;
  std::array<std::size_t, table_count> rows{};
};

std::string summary_json(const Totals& t) {
  std::string s = "{\"documents\":" + std::to_string(t.documents) +
                  ",\"parsed\":" + std::to_string(t.documents - t.failed) +
                  ",\"failed\":" + std::to_string(t.failed) + ",\"bytes\":" + std::to_string(t.bytes);
  for (std::size_t k = 0; k < table_count; ++k)
    s += ",\"" + std::string(kTableNames[k]) + "\":" + std::to_string(t.rows[k]);
  return s + "}\n";
}

void print_summary(const Totals& t, double seconds) {
  const double mb = double(t.bytes) / 1e6;
  std::fprintf(stderr,
               "taizhang batch: %zu documents (%zu failed), %zu measures, %zu milestones, %zu targets, "
               "%zu unit rows; %.2f s, %.1f docs/s, %.2f MB/s\n",
               t.documents, t.failed, t.rows[measures_table], t.rows[milestones_table], t.rows[targets_table],
               t.rows[units_table], seconds, seconds > 0 ? double(t.documents) / seconds : 0.0,
               seconds > 0 ? mb / seconds : 0.0);
}

// The files a batch writes into --out, opened up front so that a directory
// that cannot be written fails before any parsing.
struct Outputs {
  std::unique_ptr<AtomicFile> jsonl, failures, summary;
  std::array<std::unique_ptr<AtomicFile>, table_count> tables;

  bool open(const Args& a) {
    std::error_code ec;
    fs::create_directories(*a.out, ec);
    const fs::path dir(*a.out);
    std::vector<AtomicFile*> all;
    if (a.jsonl) all.push_back((jsonl = std::make_unique<AtomicFile>(dir / "plans.jsonl")).get());
    if (a.csv) {
      for (std::size_t k = 0; k < table_count; ++k) {
        tables[k] = std::make_unique<AtomicFile>(dir / (std::string(kTableNames[k]) + ".csv"));
        tables[k]->write("\xEF\xBB\xBF" + table_header(static_cast<Table>(k)));
        all.push_back(tables[k].get());
      }
    }
    failures = std::make_unique<AtomicFile>(dir / "failures.csv");
    failures->write("\xEF\xBB\xBF" "document,code,byte_offset,message\r\n");
    summary = std::make_unique<AtomicFile>(dir / "summary.json");
    all.push_back(failures.get());
    all.push_back(summary.get());
    for (AtomicFile* f : all) {
      if (!f->ok()) {
        std::cerr << "taizhang: cannot write " << f->target().string() << '\n';
        return false;
      }
    }
    return true;
  }
  bool commit() {
    bool ok = true;
    for (auto* f : {jsonl.get(), tables[0].get(), tables[1].get(), tables[2].get(), tables[3].get(),
                    failures.get(), summary.get()}) {
      if (f && !f->commit()) {
        std::cerr << "taizhang: cannot write " << f->target().string() << '\n';
        ok = false;
      }
    }
    return ok;
  }
};

}  // namespace

int cmd_batch(int argc, char** argv) {
  Args a;
  if (int rc = parse_args(argc, argv, a)) return rc < 0 ? 0 : rc;
  std::vector<std::string> missing;
  const std::vector<SourceFile> sources = collect_sources(a.inputs, missing);
  for (const auto& m : missing) std::cerr << "taizhang: " << m << ": no such file or directory\n";

  Outputs outputs;
  if (a.out && !outputs.open(a)) return 3;
  install_interrupt_handler();

  const Parser parser;
  Totals totals;
  totals.failed = missing.size();
  totals.documents = missing.size();
  std::uintmax_t total_bytes = 0;
  for (const auto& s : sources) total_bytes += s.bytes;
  ProgressBar bar(!a.quiet && ::isatty(2), sources.size(), total_bytes);

  auto consume = [&](std::size_t i, DocResult& r) {
    const SourceFile& src = sources[i];
    ++totals.documents;
    totals.bytes += src.bytes;
    bar.advance(src.bytes);
    if (!r.ok) {
      ++totals.failed;
      bar.clear();
      std::cerr << "taizhang: " << src.path << ": " << r.message << '\n';
      if (outputs.failures)
        outputs.failures->write(csv_field(src.path) + ',' + r.error_code + ',' + std::to_string(r.byte_offset) +
                                ',' + csv_field(r.message) + "\r\n");
    } else {
      for (std::size_t k = 0; k < table_count; ++k) totals.rows[k] += r.counts[k];
      if (outputs.jsonl) outputs.jsonl->write(r.jsonl);
      else if (a.jsonl) std::fwrite(r.jsonl.data(), 1, r.jsonl.size(), stdout);
      for (std::size_t k = 0; k < table_count; ++k)
        if (outputs.tables[k]) outputs.tables[k]->write(r.rows[k]);
    }
    bar.draw();
  };
  const bool complete = run_in_order<DocResult>(
      sources.size(), a.jobs, [&](std::size_t i) { return process(parser, sources[i], a); }, consume,
      [&] { bar.draw(); });
  bar.draw(true);
  bar.clear();
  if (!complete) {
    std::cerr << "taizhang: interrupted after " << totals.documents << " documents; nothing written\n";
    return 130;  // the AtomicFiles remove their temporary files
  }
  std::fflush(stdout);
  if (outputs.summary) outputs.summary->write(summary_json(totals));
  if (a.out && !outputs.commit()) return 3;
  if (!a.quiet) print_summary(totals, bar.seconds());
  return totals.failed ? 1 : 0;
}

}  // namespace taizhang::cli
