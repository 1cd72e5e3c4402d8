// Helpers shared by the GoogleTest files.
#pragma once

#include <fstream>
#include <sstream>
#include <string>

namespace taizhang::test {

inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

inline std::string data_path(const std::string& rel) { return std::string(TAIZHANG_TEST_DATA) + "/" + rel; }

inline std::string corpus(const std::string& stem) { return read_file(data_path("corpus/" + stem + ".txt")); }

}  // namespace taizhang::test
