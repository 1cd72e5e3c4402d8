// Where the heap goes during one parse (docs/performance.md, "Memory").
//
//   build/bench/taizhang_memory                   the reference plan repeated to 4 MB
//   build/bench/taizhang_memory --mb 10           … to 10 MB
//   build/bench/taizhang_memory --file PATH       another document, repeated the same way
//
// Runs the stages as Parser::parse runs them (src/parser.cpp) under a
// counting allocator and prints, per stage, the live heap after it and the
// peak during it, then what the finished Plan holds, part by part, and the
// peak of a whole taizhang::parse. Figures are exact byte counts
// (malloc_usable_size of every block), as multiples of the input; the input
// itself is not counted in the heap (it is added in "peak / input", as the
// doubling check does). A benchmark, like a unit test, may look inside: it
// uses the private stage headers of src/.
#include "counting_heap.hpp"
#include "pipeline.hpp"
#include "text/text.hpp"

#include <taizhang/parser.hpp>

#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;
using taizhang::detail::Document;

const fs::path kSource = TAIZHANG_SOURCE_DIR;

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// The reference plan (洛政〔2022〕17号) from the shared corpus, else the
// project's example plan, as the doubling check picks it.
fs::path reference_path() {
  std::vector<fs::path> dirs;
  if (const char* env = std::getenv("TAIZHANG_CORPUS")) dirs.emplace_back(env);
  dirs.push_back(kSource.parent_path() / "shared" / "corpus" / "dev");
  for (const auto& d : dirs)
    if (fs::exists(d / "00-luoyang-2022-platform-city.txt")) return d / "00-luoyang-2022-platform-city.txt";
  return kSource / "examples/data/qingchuan-2025-city-renewal.txt";
}

// ---- heap held by a value --------------------------------------------------

std::size_t block(const void* p) { return p ? malloc_usable_size(const_cast<void*>(p)) : 0; }
// A short string lives inside the object (SSO): no heap.
std::size_t held(const std::string& s) { return s.data() == nullptr || s.capacity() <= 15 ? 0 : block(s.data()); }
// The parse's one copy of the input, which excerpts share (counted with the
// text layer, not with them).
const std::string* g_source = nullptr;
// An excerpt of that copy holds no text of its own; one with a copy of its
// own (prose joined from table cells) holds that copy and its block.
std::size_t held(const taizhang::Excerpt& e) {
  if (!e.source() || e.source().get() == g_source) return 0;
  // make_shared's one block: a control block (16 bytes) and the string (32).
  return held(*e.source()) + 48;
}
// Bytes of vector blocks beyond their elements (capacity the vectors grew
// into and do not use, malloc's rounding), summed by vec() as it goes.
std::size_t g_slack = 0;
template <class T>
std::size_t vec(const std::vector<T>& v) {
  if (!v.capacity()) return 0;
  const std::size_t b = block(v.data());
  g_slack += b - v.size() * sizeof(T);
  return b;
}

// The Plan's heap, by part.
struct Parts {
  std::size_t measure_text = 0;       // Measure::text
  std::size_t measure_other = 0;      // Measure vectors, id, marker, title
  std::size_t units = 0;              // lead/co units, leaders
  std::size_t dates = 0;              // Measure::dates and Goal::dates
  std::size_t milestone_text = 0;     // Milestone::text
  std::size_t milestone_other = 0;    // Milestone vectors, ids, deadline texts
  std::size_t milestone_targets = 0;  // the milestones' indexes of their targets
  std::size_t targets = 0;            // Measure::targets and Goal::targets
  std::size_t goals_text = 0;         // Goal text and heading
  std::size_t outline = 0;            // the outline tree
  std::size_t diagnostics = 0;
  std::size_t other = 0;              // chapters, sections, envelope, chrome
};

std::size_t deadline_heap(const taizhang::Deadline& d) { return held(d.text); }
std::size_t target_heap(const taizhang::Target& t) { return held(t.text) + held(t.subject) + held(t.unit); }

void add_targets(const std::vector<taizhang::Target>& ts, std::size_t& into) {
  into += vec(ts);
  for (const auto& t : ts) into += target_heap(t);
}

void add_dated(const std::vector<taizhang::Deadline>& dates, const std::vector<taizhang::Milestone>& ms,
               const std::vector<taizhang::Target>& ts, Parts& p) {
  p.dates += vec(dates);
  for (const auto& d : dates) p.dates += deadline_heap(d);
  p.milestone_other += vec(ms);
  for (const auto& m : ms) {
    p.milestone_text += held(m.text);
    p.milestone_other += held(m.id) + deadline_heap(m.deadline);
    p.milestone_targets += vec(m.target_indices);
  }
  add_targets(ts, p.targets);
}

void add_measure(const taizhang::Measure& m, Parts& p) {
  p.measure_text += held(m.text);
  p.measure_other += held(m.id) + held(m.marker) + held(m.title);
  p.units += vec(m.lead_units) + vec(m.co_units) + vec(m.leaders);
  for (const auto* us : {&m.lead_units, &m.co_units})
    for (const auto& u : *us) p.units += held(u.name) + held(u.raw) + (u.full_name ? held(*u.full_name) : 0);
  for (const auto& l : m.leaders) p.units += held(l);
  add_dated(m.dates, m.milestones, m.targets, p);
}

std::size_t outline_heap(const taizhang::OutlineNode& n) {
  std::size_t s = held(n.marker) + held(n.title) + vec(n.children);
  for (const auto& c : n.children) s += outline_heap(c);
  return s;
}

Parts parts_of(const taizhang::Plan& plan) {
  Parts p;
  for (const auto& m : plan.loose_measures) add_measure(m, p);
  p.other += vec(plan.loose_measures) + vec(plan.chapters);
  for (const auto& c : plan.chapters) {
    p.other += held(c.marker) + held(c.title) + vec(c.sections) + vec(c.measures);
    for (const auto& m : c.measures) add_measure(m, p);
    for (const auto& s : c.sections) {
      p.other += held(s.marker) + held(s.title) + vec(s.measures);
      for (const auto& m : s.measures) add_measure(m, p);
    }
  }
  p.other += vec(plan.goals);
  for (const auto& g : plan.goals) {
    p.goals_text += held(g.id) + held(g.heading) + held(g.text);
    add_dated(g.dates, g.milestones, g.targets, p);
  }
  p.outline = outline_heap(plan.outline);
  p.diagnostics = vec(plan.diagnostics);
  for (const auto& d : plan.diagnostics) p.diagnostics += held(d.code) + held(d.message);
  p.other += held(plan.issuer) + held(plan.signatory) + held(plan.notice_title) + held(plan.notice_text) +
             held(plan.title) + held(plan.preamble) + vec(plan.recipients) + vec(plan.attachments) +
             vec(plan.remarks) + vec(plan.chrome);
  for (const auto* list : {&plan.recipients, &plan.attachments, &plan.remarks})
    for (const auto& s : *list) p.other += held(s);
  if (plan.doc_number) p.other += held(plan.doc_number->text) + held(plan.doc_number->agency);
  return p;
}

// The stages' own working state in the Document (MeasureSlot vectors, passages).
std::size_t slots_heap(const Document& doc) {
  std::size_t s = vec(doc.measures) + vec(doc.passages);
  for (const auto& m : doc.measures) s += vec(m.annotations) + vec(m.cells);
  return s;
}

// ---- report -------------------------------------------------------------------

struct Report {
  std::size_t input = 0;
  double x(std::int64_t bytes) const { return static_cast<double>(bytes) / static_cast<double>(input); }
  void row(const char* what, std::int64_t live_after, std::int64_t peak) const {
    std::printf("| %-34s | %9.2f | %6.2f | %9.2f | %6.2f |\n", what, live_after / 1e6, x(live_after),
                peak / 1e6, x(peak));
  }
  void part(const char* what, std::size_t bytes, std::size_t items = 0) const {
    std::printf("| %-34s | %9.2f | %6.2f |", what, bytes / 1e6, x(static_cast<std::int64_t>(bytes)));
    if (items) std::printf(" %9zu | %7.0f |\n", items, static_cast<double>(bytes) / static_cast<double>(items));
    else std::printf("           |         |\n");
  }
};

std::size_t count_measures(const taizhang::Plan& plan) { return taizhang::all_measures(plan).size(); }

void stages(const std::string& input) {
  const taizhang::ParseOptions options;
  const taizhang::Lexicon lexicon = taizhang::Lexicon::builtin();
  Report r{input.size()};
  std::printf("\nheap by stage (MB and × input; input %.2f MB not counted)\n\n", input.size() / 1e6);
  std::printf("| %-34s | %9s | %6s | %9s | %6s |\n", "after stage", "live MB", "×", "peak MB", "×");
  std::printf("|---|---:|---:|---:|---:|\n");
  const std::int64_t base = heap::live.load();
  auto start = [&] { heap::peak.store(heap::live.load()); };
  auto row = [&](const char* what) { r.row(what, heap::live.load() - base, heap::peak.load() - base); };
  start();
  // As Parser::parse does: the text layer copies the input at the first
  // excerpt the model keeps (counted in the stage that makes it).
  auto text = std::make_unique<taizhang::detail::Text>(input, options.detect_traditional);
  row("text (folded copy, offset maps)");
  Document doc{*text, options, lexicon, taizhang::Plan{}, {}, {}, {}};
  for (const taizhang::detail::Stage& stage : taizhang::detail::kStages) {  // as Parser::parse
    start();
    stage.run(doc);
    row(stage.name);
  }

  g_slack = 0;
  g_source = text->shared().get();
  const Parts p = parts_of(doc.plan);
  const std::size_t slack = g_slack;
  const std::size_t n = count_measures(doc.plan);
  std::size_t milestones = 0, targets = 0, dates = 0;
  for (const auto* m : taizhang::all_measures(doc.plan)) {
    milestones += m->milestones.size();
    targets += m->targets.size();
    dates += m->dates.size();
  }
  std::printf("\nwhat is live after the last stage, by part (%zu measures, %zu dates, %zu milestones, "
              "%zu targets, %zu diagnostics)\n\n",
              n, dates, milestones, targets, doc.plan.diagnostics.size());
  std::printf("| %-34s | %9s | %6s | %9s | %7s |\n", "part", "MB", "×", "items", "B/item");
  std::printf("|---|---:|---:|---:|---:|\n");
  const auto live = static_cast<std::size_t>(heap::live.load() - base);
  std::size_t plan_heap = 0;
  for (std::size_t v : {p.measure_text, p.measure_other, p.units, p.dates, p.milestone_text, p.milestone_other,
                        p.milestone_targets, p.targets, p.goals_text, p.outline, p.diagnostics, p.other})
    plan_heap += v;
  r.part("Measure::text", p.measure_text, n);
  r.part("Measure id, marker, title, vectors", p.measure_other, n);
  r.part("units and leaders", p.units, n);
  r.part("dates (Deadline texts)", p.dates, dates);
  r.part("Milestone::text", p.milestone_text, milestones);
  r.part("milestone ids, deadlines, vectors", p.milestone_other, milestones);
  r.part("milestones' target indexes", p.milestone_targets, targets);
  r.part("targets", p.targets, targets);
  r.part("goals (text, heading)", p.goals_text, doc.plan.goals.size());
  r.part("outline tree", p.outline);
  r.part("diagnostics", p.diagnostics, doc.plan.diagnostics.size());
  r.part("chapters, sections, envelope", p.other);
  r.part("the Plan in all", plan_heap);
  r.part("  of which vector capacity unused", slack);
  r.part("stages' slots (MeasureSlot, passages)", slots_heap(doc));
  r.part("text layer, input copy, the rest", live - plan_heap - slots_heap(doc));
  text.reset();  // what the caller keeps: the Plan alone (doc still refers to it, unused)
}

// Peak of one whole taizhang::parse, the returned Plan included, as the
// doubling check counts it.
void whole(const std::string& input) {
  (void)taizhang::parse("1.完成改造100个。");  // warm-up: built-in tables, ICU
  const std::int64_t before = heap::live.load();
  heap::peak.store(before);
  std::int64_t kept = 0;
  {
    const taizhang::Plan plan = taizhang::parse(input);
    kept = heap::live.load() - before;
  }
  const std::int64_t peak = heap::peak.load() - before;
  std::printf("\ntaizhang::parse: peak heap %.2f MB; peak / input (input + peak heap) %.2f; "
              "the returned Plan %.2f MB (%.2f × input)\n",
              peak / 1e6, static_cast<double>(input.size() + static_cast<std::size_t>(peak)) / input.size(),
              kept / 1e6, static_cast<double>(kept) / input.size());
}

}  // namespace

int main(int argc, char** argv) {
  double mb = 4;
  fs::path file = reference_path();
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--mb") && i + 1 < argc) mb = std::atof(argv[++i]);
    else if (!std::strcmp(argv[i], "--file") && i + 1 < argc) file = argv[++i];
    else {
      std::fprintf(stderr, "usage: taizhang_memory [--mb MB] [--file PATH]\n");
      return 2;
    }
  }
  const std::string unit = read_file(file);
  if (unit.empty()) {
    std::fprintf(stderr, "cannot read %s\n", file.c_str());
    return 2;
  }
  // Repeated without a separator, as the doubling check's reference_repeated.
  std::string input;
  const auto bytes = static_cast<std::size_t>(mb * 1e6);
  while (input.size() < bytes) input += unit;
  std::printf("%s repeated to %.2f MB\n", file.filename().c_str(), input.size() / 1e6);
  try {
    whole(input);
    stages(input);
  } catch (const taizhang::Error& e) {
    std::fprintf(stderr, "parse failed: %s\n", e.what());
    return 1;
  }
  return 0;
}
