// One taizhang::Parser, one C parser handle, and one Ledger with its
// StatusTable, each shared by 8 threads working at once, give exactly what
// sequential use gives. Built under ThreadSanitizer in CI (.ci/embedding),
// which also reports any data race on the way.
//
//   concurrency_test SOURCE_DIR [ROUNDS]
//
// Documents: the development set of the shared corpus ($TAIZHANG_CORPUS or
// SOURCE_DIR/../shared/corpus/dev; only 00–69: the held-out documents 70–96
// are never parsed by a test), else the project's example plan.
#include <taizhang/taizhang.h>
#include <taizhang/taizhang.hpp>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <latch>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace fs = std::filesystem;

namespace {

constexpr int kThreads = 8;

struct Document {
  std::string name;
  std::string text;
};

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

bool in_development_set(const std::string& name) {
  return name.size() > 3 && std::isdigit(static_cast<unsigned char>(name[0])) &&
         std::isdigit(static_cast<unsigned char>(name[1])) && name[2] == '-' &&
         std::stoi(name.substr(0, 2)) < 70 && name.ends_with(".txt");
}

std::vector<Document> load_documents(const fs::path& source_dir) {
  fs::path corpus = source_dir.parent_path() / "shared" / "corpus" / "dev";
  if (const char* env = std::getenv("TAIZHANG_CORPUS")) corpus = env;
  std::vector<Document> docs;
  if (fs::is_directory(corpus)) {
    for (const auto& entry : fs::directory_iterator(corpus)) {
      const std::string name = entry.path().filename().string();
      if (in_development_set(name)) docs.push_back({name, read_file(entry.path())});
    }
  }
  if (docs.empty()) {
    std::cout << "no corpus at " << corpus << ": using the example plan\n";
    const fs::path example = source_dir / "examples" / "data" / "qingchuan-2025-city-renewal.txt";
    docs.push_back({example.filename().string(), read_file(example)});
  }
  std::sort(docs.begin(), docs.end(), [](const Document& a, const Document& b) { return a.name < b.name; });
  return docs;
}

// What one document gives through each interface. Errors are results too
// (a document that is not UTF-8 must fail the same way every time).
struct Result {
  std::string cpp_json;
  std::string c_json;
  std::string c_csv;
  friend bool operator==(const Result&, const Result&) = default;
};

std::string cpp_json(const taizhang::Parser& parser, const std::string& text) {
  try {
    return taizhang::to_json(parser.parse(text));
  } catch (const taizhang::Error& e) {
    return std::string("error: ") + e.what();
  }
}

using CExport = taizhang_status (*)(const taizhang_parser*, const char*, size_t, char**, size_t*,
                                    taizhang_error**);

std::string c_call(CExport call, const taizhang_parser* parser, const std::string& text) {
  char* out = nullptr;
  size_t len = 0;
  taizhang_error* err = nullptr;
  if (call(parser, text.data(), text.size(), &out, &len, &err) != TAIZHANG_OK) {
    std::string message = std::string("error: ") + taizhang_error_message(err) + " at " +
                          std::to_string(taizhang_error_offset(err));
    taizhang_error_free(err);
    return message;
  }
  std::string result(out, len);
  taizhang_free(out);
  return result;
}

taizhang_status c_csv(const taizhang_parser* parser, const char* utf8, size_t len, char** out,
                      size_t* out_len, taizhang_error** err) {
  return taizhang_ledger_csv(parser, utf8, len, nullptr, out, out_len, err);
}

Result run(const taizhang::Parser& parser, const taizhang_parser* handle, const Document& doc) {
  return {cpp_json(parser, doc.text), c_call(taizhang_parse_json, handle, doc.text),
          c_call(c_csv, handle, doc.text)};
}

// Runs `work(thread, k)` for k over `count` items in each of kThreads threads,
// all released at once; each thread starts at a different item.
template <class Work>
void in_threads(std::size_t count, int rounds, Work work) {
  std::latch start(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      start.arrive_and_wait();
      for (int round = 0; round < rounds; ++round)
        for (std::size_t i = 0; i < count; ++i) work(t, (i + static_cast<std::size_t>(t)) % count);
    });
  }
  for (auto& th : threads) th.join();
}

int check_parsers(const std::vector<Document>& docs, int rounds) {
  const taizhang::Parser parser;
  taizhang_parser* handle = nullptr;
  if (taizhang_parser_new(nullptr, &handle, nullptr) != TAIZHANG_OK) return 1;
  std::vector<Result> expected;
  for (const auto& doc : docs) expected.push_back(run(parser, handle, doc));

  std::atomic<int> mismatches{0};
  in_threads(docs.size(), rounds, [&](int t, std::size_t k) {
    if (run(parser, handle, docs[k]) != expected[k]) {
      ++mismatches;
      std::cerr << "thread " << t << ": " << docs[k].name << " differs from the sequential result\n";
    }
  });
  taizhang_parser_free(handle);
  std::cout << "parsers: " << docs.size() << " documents x " << rounds << " rounds x " << kThreads
            << " threads, " << mismatches << " mismatches\n";
  return mismatches == 0 ? 0 : 1;
}

// Const queries and exports of one Ledger and one StatusTable.
int check_ledger(const Document& doc) {
  const taizhang::Ledger ledger(taizhang::parse(doc.text));
  if (ledger.size() == 0) return 0;
  const std::string status_csv = ledger.rows().front().milestone_id + ",已完成,,2025-01-01\n";
  const taizhang::StatusTable status = taizhang::StatusTable::parse_csv(status_csv);
  const auto as_of = boost::gregorian::date(2025, 6, 30);
  auto exports = [&] {
    return taizhang::to_csv(ledger, {&status, as_of, {}}) +
           taizhang::monthly_report(ledger, 2025, 6, {&status, as_of}) +
           std::to_string(ledger.overdue(status, as_of).size());
  };
  const std::string expected = exports();
  std::atomic<int> mismatches{0};
  in_threads(1, 4, [&](int, std::size_t) {
    if (exports() != expected) ++mismatches;
  });
  std::cout << "ledger: " << doc.name << " x " << kThreads << " threads, " << mismatches
            << " mismatches\n";
  return mismatches == 0 ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: concurrency_test SOURCE_DIR [ROUNDS]\n";
    return 2;
  }
  const int rounds = argc > 2 ? std::max(1, std::atoi(argv[2])) : 1;
  const auto docs = load_documents(argv[1]);
  const int failures = check_parsers(docs, rounds) + check_ledger(docs.front());
  std::cout << (failures == 0 ? "all threads agree with sequential use\n" : "FAILED\n");
  return failures == 0 ? 0 : 1;
}
