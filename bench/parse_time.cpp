// CPU time of Parser::parse on one file, for bench/python_vs_cpp.py (which
// times taizhang.parse on the same bytes), and instructions per stage under
// callgrind.
//
//   build/bench/taizhang_parse_time FILE [RUNS]
//
// Prints one line: the median CPU seconds of RUNS (default 7) parses, each
// counted with the destruction of its Plan (as Python frees the Plan it
// returned), after one warm-up parse. CPU time, not wall time: the machine
// may be shared.
//
// Instructions, free of the noise of a shared machine (docs/performance.md):
//
//   valgrind --tool=callgrind --collect-atstart=no --toggle-collect='*timed_parse*' build/bench/taizhang_parse_time FILE 1
//   callgrind_annotate --inclusive=yes callgrind.out.* | grep -E 'Text::Text|build_outline|assign_units|resolve_deadlines|extract_targets|find_goals'
//
// counts one warm parse (the warm-up, which builds the tables, is outside
// timed_parse).
#include <taizhang/parser.hpp>

#include <time.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

namespace {

double cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

// One parse and the freeing of its Plan; not inlined, so that callgrind can
// count exactly this (--toggle-collect).
[[gnu::noinline]] void timed_parse(const taizhang::Parser& parser, const std::string& text) {
  const taizhang::Plan plan = parser.parse(text);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: taizhang_parse_time FILE [RUNS]\n");
    return 2;
  }
  std::ifstream in(argv[1], std::ios::binary);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const int runs = argc > 2 ? std::max(1, std::atoi(argv[2])) : 7;
  const taizhang::Parser parser;
  try {
    (void)parser.parse(text);  // warm-up: tables, ICU, first-touch pages
    std::vector<double> t;
    for (int k = 0; k < runs; ++k) {
      const double t0 = cpu_seconds();
      timed_parse(parser, text);
      t.push_back(cpu_seconds() - t0);
    }
    std::nth_element(t.begin(), t.begin() + runs / 2, t.end());
    std::printf("%.6f\n", t[static_cast<std::size_t>(runs / 2)]);
  } catch (const taizhang::Error& e) {
    std::fprintf(stderr, "parse failed: %s\n", e.what());
    return 1;
  }
  return 0;
}
