// Helpers shared by the GoogleTest files.
//
// The corpus documents are not part of the project: tests read them from
// $TAIZHANG_CORPUS or from ../shared/corpus/dev beside the checkout, and skip
// with one line saying why where neither exists (a user's fresh clone).
#pragma once

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <taizhang/taizhang.hpp>

namespace taizhang::test {

// Small readers of a parsed plan, for assertions.
inline std::vector<std::string> names(const std::vector<::taizhang::Unit>& units) {
  std::vector<std::string> out;
  for (const auto& u : units) out.push_back(u.name);
  return out;
}

inline std::vector<std::string> titles(const ::taizhang::Plan& plan) {
  std::vector<std::string> out;
  for (const auto* m : ::taizhang::all_measures(plan)) out.push_back(m->title);
  return out;
}

inline bool has_code(const ::taizhang::Plan& plan, const std::string& code) {
  for (const auto& d : plan.diagnostics)
    if (d.code == code) return true;
  return false;
}

inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

inline std::string data_path(const std::string& rel) { return std::string(TAIZHANG_TEST_DATA) + "/" + rel; }

// The project's own example plan (examples/data), written for the project.
inline std::string example_path() {
  return std::string(TAIZHANG_SOURCE_DIR) + "/examples/data/qingchuan-2025-city-renewal.txt";
}

inline constexpr const char* kNoCorpus =
    "corpus tests skipped: no corpus at $TAIZHANG_CORPUS or ../shared/corpus/dev (see docs/testing.md)";

// The corpus folder, or "" when there is none.
inline std::string corpus_dir() {
  namespace fs = std::filesystem;
  if (const char* env = std::getenv("TAIZHANG_CORPUS"); env && fs::is_directory(env)) return env;
  const fs::path beside = fs::path(TAIZHANG_SOURCE_DIR).parent_path() / "shared" / "corpus" / "dev";
  return fs::is_directory(beside) ? beside.string() : std::string();
}

// A corpus document's text, or "" when the corpus is absent.
inline std::string corpus(const std::string& stem) {
  const std::string dir = corpus_dir();
  return dir.empty() ? std::string() : read_file(dir + "/" + stem + ".txt");
}

inline constexpr const char* kReference = "00-luoyang-2022-platform-city";

// The shared reading of the reference document (../shared/gold), or "".
inline std::string reference_gold() {
  const std::string dir = corpus_dir();
  if (dir.empty()) return {};
  const auto path = std::filesystem::path(dir).parent_path().parent_path() / "gold" / (std::string(kReference) + ".json");
  return std::filesystem::exists(path) ? read_file(path.string()) : std::string();
}

}  // namespace taizhang::test

// Declares `var` with a corpus document's text, or skips the test.
#define TAIZHANG_CORPUS_TEXT(var, stem)                                      \
  const std::string var = ::taizhang::test::corpus(stem);                    \
  if (var.empty()) GTEST_SKIP() << ::taizhang::test::kNoCorpus
