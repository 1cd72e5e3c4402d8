// Throughput of the parser, its stages and the ledger exports.
//
//   build/bench/taizhang_parse_bench --benchmark_counters_tabular=true
//
// Every benchmark reports bytes/s of the plan text it reads (exports report
// the bytes of the plan they came from, so the figures compare). Inputs are
// the bundled documents; the large ones are built in memory by repetition.
// tools/bench.sh runs this and the CLI on 10 MB / 100 MB inputs.
#include "pipeline.hpp"
#include "text/text.hpp"

#include <taizhang/json.hpp>
#include <taizhang/ledger.hpp>
#include <taizhang/parser.hpp>

#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::cerr << "cannot read " << path << '\n';
    std::exit(2);
  }
  std::ostringstream buf;
  buf << in.rdbuf();
  return buf.str();
}

const fs::path kSource = TAIZHANG_SOURCE_DIR;

// The shared corpus ($TAIZHANG_CORPUS or ../shared/corpus/dev beside the
// checkout); the documents are not part of the project.
fs::path corpus_dir() {
  if (const char* env = std::getenv("TAIZHANG_CORPUS"); env && fs::is_directory(env)) return env;
  const fs::path beside = kSource.parent_path() / "shared" / "corpus" / "dev";
  return fs::is_directory(beside) ? beside : fs::path();
}

// The reference plan (洛政〔2022〕17号) from the corpus, else the project's
// own example plan.
const std::string& reference_plan() {
  static const std::string s = [] {
    const fs::path ref = corpus_dir() / "00-luoyang-2022-platform-city.txt";
    return read_file(!corpus_dir().empty() && fs::exists(ref) ? ref
                                                              : kSource / "examples/data/qingchuan-2025-city-renewal.txt");
  }();
  return s;
}

// The development set only: documents 00–69. Documents 70–96 are held out
// for first-sight evaluation and are never parsed outside it, not even for
// timing (docs/testing.md).
bool development_document(const fs::path& p) {
  const std::string stem = p.stem().string();
  return p.extension() == ".txt" && !stem.empty() && stem[0] >= '0' && stem[0] <= '6';
}

std::vector<fs::path> corpus_paths() {
  std::vector<fs::path> out;
  if (corpus_dir().empty()) return {kSource / "examples/data/qingchuan-2025-city-renewal.txt"};
  for (const auto& e : fs::directory_iterator(corpus_dir()))
    if (development_document(e.path())) out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

const std::vector<std::string>& corpus_documents() {
  static const std::vector<std::string> docs = [] {
    std::vector<std::string> d;
    for (const auto& p : corpus_paths()) d.push_back(read_file(p));
    return d;
  }();
  return docs;
}

// Every corpus document, one after the other, as one input.
const std::string& corpus_concatenated() {
  static const std::string s = [] {
    std::string all;
    for (const auto& d : corpus_documents()) {
      all += d;
      all += "\n\n";
    }
    return all;
  }();
  return s;
}

// `unit` repeated until the result holds at least `bytes` bytes.
std::string repeat_to(const std::string& unit, std::size_t bytes) {
  std::string out;
  out.reserve(bytes + unit.size() + 2);
  while (out.size() < bytes) {
    out += unit;
    out += "\n\n";
  }
  return out;
}

constexpr std::size_t kLarge = 10u << 20;  // 10 MiB

const std::string& large_plan() {
  static const std::string s = repeat_to(reference_plan(), kLarge);
  return s;
}

// A flattened table (序号 | 重点工作 | 牵头单位 | …), the shape that takes the
// table path through the outline stage.
const std::string& large_table() {
  // Written for the benchmark: a task table flattened one cell per line.
  static const std::string table =
      "临江区2024年重点任务分工表\n序号\n重点任务\n牵头单位\n配合单位\n完成时限\n"
      "1\n完成老旧小区改造30个，新增停车位500个以上。\n区住建局\n区财政局、各街道\n12月底前\n"
      "2\n建成社区养老服务站8个。\n区民政局\n区卫健局\n6月底前\n"
      "3\n新增城镇就业岗位不少于3000个。\n区人社局\n区发改局、区工信局\n全年\n"
      "4\n完成河道综合治理12公里。\n区水务局\n区生态环境分局\n10月投入运营\n";
  static const std::string s = repeat_to(table, kLarge);
  return s;
}

void set_bytes(benchmark::State& state, std::size_t bytes_per_iteration) {
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) *
                          static_cast<int64_t>(bytes_per_iteration));
}

// ---- the whole parse (public API) -----------------------------------------

void parse_input(benchmark::State& state, const std::string& input) {
  for (auto _ : state) {
    taizhang::Plan plan = taizhang::parse(input);
    benchmark::DoNotOptimize(plan);
  }
  set_bytes(state, input.size());
}

void BM_Parse_Reference(benchmark::State& state) { parse_input(state, reference_plan()); }
void BM_Parse_CorpusConcatenated(benchmark::State& state) { parse_input(state, corpus_concatenated()); }
void BM_Parse_LargePlan10MB(benchmark::State& state) { parse_input(state, large_plan()); }
void BM_Parse_LargeTable10MB(benchmark::State& state) { parse_input(state, large_table()); }

// Each corpus document parsed on its own: the per-document overhead shows
// against BM_Parse_CorpusConcatenated.
void BM_Parse_CorpusEach(benchmark::State& state) {
  std::size_t bytes = 0;
  for (const auto& d : corpus_documents()) bytes += d.size();
  for (auto _ : state) {
    for (const auto& d : corpus_documents()) {
      taizhang::Plan plan = taizhang::parse(d);
      benchmark::DoNotOptimize(plan);
    }
  }
  set_bytes(state, bytes);
}

// One sentence as a one-measure plan (written for the benchmark): what a
// caller pays per call when it hands the parser single task sentences, as
// bench/peers does and an OA system may. Against BM_Parse_Reference it
// shows the fixed cost of a parse (envelope and outline passes, tables).
void BM_Parse_OneSentence(benchmark::State& state) {
  static const std::string sentence =
      "一、重点任务\n（一）到2025年6月底前，建成区新增公园绿地面积达到120公顷以上，市园林局牵头负责。\n";
  parse_input(state, sentence);
}

BENCHMARK(BM_Parse_Reference);
BENCHMARK(BM_Parse_OneSentence);
BENCHMARK(BM_Parse_CorpusEach);
BENCHMARK(BM_Parse_CorpusConcatenated);
BENCHMARK(BM_Parse_LargePlan10MB)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Parse_LargeTable10MB)->Unit(benchmark::kMillisecond);

// ---- per stage -------------------------------------------------------------
// The stages run as Parser::parse runs them (src/parser.cpp), each timed on
// its own; counters give the CPU seconds per parse spent in each stage and
// each stage's throughput alone; bytes/s is for the whole pipeline. "free"
// is the destruction of the Plan, the Text and the stages' working state,
// which a caller of parse pays too.

// This thread's CPU time: on a shared machine wall time would charge a stage
// for other processes' work.
struct ThreadCpuClock {
  using duration = std::chrono::nanoseconds;
  using time_point = std::chrono::time_point<ThreadCpuClock>;
  static time_point now() noexcept {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return time_point(duration(std::int64_t{ts.tv_sec} * 1000000000 + ts.tv_nsec));
  }
};

void stages(benchmark::State& state, const std::string& input) {
  using clock = ThreadCpuClock;
  const taizhang::Lexicon lexicon = taizhang::Lexicon::builtin();
  const taizhang::ParseOptions options;
  // Seconds per stage, summed over the iterations, in pipeline order: the
  // text layer, the pipeline's stages (detail::kStages), freeing the plan.
  using taizhang::detail::kStages;
  constexpr int kSteps = static_cast<int>(kStages.size()) + 2;
  std::string names[kSteps] = {"text"};
  for (std::size_t k = 0; k < kStages.size(); ++k) names[k + 1] = kStages[k].name;
  names[kSteps - 1] = "free";
  double t[kSteps] = {};
  auto seconds = [](clock::time_point a, clock::time_point b) {
    return std::chrono::duration<double>(b - a).count();
  };
  for (auto _ : state) {
    clock::time_point at[kSteps + 1];
    at[0] = clock::now();
    {
      const taizhang::detail::Text text(input, options.detect_traditional);
      at[1] = clock::now();
      taizhang::detail::Document doc{text, options, lexicon, taizhang::Plan{}, {}, {}, {}};
      for (std::size_t k = 0; k < kStages.size(); ++k) {  // as Parser::parse
        kStages[k].run(doc);
        at[k + 2] = clock::now();
      }
      benchmark::DoNotOptimize(doc.plan);
    }  // the Plan, the Text and the stages' working state are freed here
    at[kSteps] = clock::now();
    for (int k = 0; k < kSteps; ++k) t[k] += seconds(at[k], at[k + 1]);
  }
  double total = 0;
  for (double x : t) total += x;
  const auto avg = benchmark::Counter::kAvgIterations;
  // Throughput of each stage alone, MB/s (1e6 bytes), for docs/performance.md.
  auto mbps = [&](double x) { return x > 0 ? input.size() * state.iterations() / x / 1e6 : 0.0; };
  for (int k = 0; k < kSteps; ++k) {
    state.counters[names[k] + "_s"] = benchmark::Counter(t[k], avg);
    state.counters[names[k] + "_MBps"] = mbps(t[k]);
  }
  state.counters["all_MBps"] = mbps(total);
  set_bytes(state, input.size());
}

void BM_Stages_Reference(benchmark::State& state) { stages(state, reference_plan()); }
void BM_Stages_CorpusConcatenated(benchmark::State& state) { stages(state, corpus_concatenated()); }
void BM_Stages_LargePlan10MB(benchmark::State& state) { stages(state, large_plan()); }
void BM_Stages_LargeTable10MB(benchmark::State& state) { stages(state, large_table()); }

BENCHMARK(BM_Stages_Reference);
BENCHMARK(BM_Stages_CorpusConcatenated);
BENCHMARK(BM_Stages_LargePlan10MB)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Stages_LargeTable10MB)->Unit(benchmark::kMillisecond);

// The text layer alone on a large input: UTF-8 validation + fold + maps.
void BM_Text_LargePlan10MB(benchmark::State& state) {
  for (auto _ : state) {
    taizhang::detail::Text text(large_plan());
    benchmark::DoNotOptimize(text);
  }
  set_bytes(state, large_plan().size());
}
BENCHMARK(BM_Text_LargePlan10MB)->Unit(benchmark::kMillisecond);

void BM_ValidateUtf8_LargePlan10MB(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(taizhang::detail::find_invalid_utf8(large_plan()));
  set_bytes(state, large_plan().size());
}
BENCHMARK(BM_ValidateUtf8_LargePlan10MB)->Unit(benchmark::kMillisecond);

// ---- JSON, ledger and exports (reference plan) ----------------------------

const taizhang::Plan& reference_parsed() {
  static const taizhang::Plan p = taizhang::parse(reference_plan());
  return p;
}

void BM_ToJson_Reference(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(taizhang::to_json(reference_parsed()));
  set_bytes(state, reference_plan().size());
}
void BM_ToJsonCompact_Reference(benchmark::State& state) {
  for (auto _ : state)
    benchmark::DoNotOptimize(taizhang::to_json(reference_parsed(), taizhang::JsonOptions{false}));
  set_bytes(state, reference_plan().size());
}
void BM_FromJson_Reference(benchmark::State& state) {
  const std::string json = taizhang::to_json(reference_parsed());
  for (auto _ : state) benchmark::DoNotOptimize(taizhang::from_json(json));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(json.size()));
  state.SetLabel("bytes of JSON");
}
// to_json on the reference plan repeated to 10 MiB, in bytes of JSON written
// per second (the goal: 150 MB/s of JSON); the counter json_MBps is
// in MB/s (1e6 bytes).
const taizhang::Plan& large_parsed() {
  static const taizhang::Plan p = taizhang::parse(large_plan());
  return p;
}

void to_json_large(benchmark::State& state, bool pretty) {
  std::size_t bytes = 0;
  for (auto _ : state) {
    const std::string json = taizhang::to_json(large_parsed(), taizhang::JsonOptions{pretty});
    bytes = json.size();
    benchmark::DoNotOptimize(json.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(bytes));
  state.counters["json_MBps"] = benchmark::Counter(static_cast<double>(bytes) / 1e6 * state.iterations(),
                                                   benchmark::Counter::kIsRate);
  state.counters["json_per_input"] = static_cast<double>(bytes) / static_cast<double>(large_plan().size());
  state.SetLabel("bytes of JSON");
}
void BM_ToJson_LargePlan10MB(benchmark::State& state) { to_json_large(state, true); }
void BM_ToJsonCompact_LargePlan10MB(benchmark::State& state) { to_json_large(state, false); }

void BM_Ledger_Reference(benchmark::State& state) {
  for (auto _ : state) {
    taizhang::Ledger ledger(reference_parsed());
    benchmark::DoNotOptimize(ledger);
  }
  set_bytes(state, reference_plan().size());
}

const taizhang::Ledger& reference_ledger() {
  static const taizhang::Ledger l(reference_parsed());
  return l;
}

void BM_LedgerCsv_Reference(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(taizhang::to_csv(reference_ledger()));
  set_bytes(state, reference_plan().size());
}
void BM_LedgerICalendar_Reference(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(taizhang::to_icalendar(reference_ledger()));
  set_bytes(state, reference_plan().size());
}
void BM_LedgerMarkdown_Reference(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(taizhang::to_markdown(reference_ledger()));
  set_bytes(state, reference_plan().size());
}
void BM_LedgerJson_Reference(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(taizhang::to_json(reference_ledger()));
  set_bytes(state, reference_plan().size());
}
void BM_LedgerQueries_Reference(benchmark::State& state) {
  const auto& l = reference_ledger();
  const int year = l.plan_year().value_or(2022);
  for (auto _ : state) {
    benchmark::DoNotOptimize(l.for_unit("发改委"));
    benchmark::DoNotOptimize(l.due_in_month(year, 6));
    benchmark::DoNotOptimize(l.workload());
  }
}

BENCHMARK(BM_ToJson_Reference);
BENCHMARK(BM_ToJsonCompact_Reference);
BENCHMARK(BM_ToJson_LargePlan10MB)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ToJsonCompact_LargePlan10MB)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_FromJson_Reference);
BENCHMARK(BM_Ledger_Reference);
BENCHMARK(BM_LedgerCsv_Reference);
BENCHMARK(BM_LedgerICalendar_Reference);
BENCHMARK(BM_LedgerMarkdown_Reference);
BENCHMARK(BM_LedgerJson_Reference);
BENCHMARK(BM_LedgerQueries_Reference);

}  // namespace

BENCHMARK_MAIN();
