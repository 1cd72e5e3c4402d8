#include "text/tsv.hpp"

namespace taizhang::detail {

std::vector<std::vector<std::string_view>> tsv_rows(std::string_view table) {
  std::vector<std::vector<std::string_view>> out;
  std::size_t pos = 0;
  while (pos < table.size()) {
    std::size_t nl = table.find('\n', pos);
    if (nl == std::string_view::npos) nl = table.size();
    std::string_view line = table.substr(pos, nl - pos);
    pos = nl + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line.front() == '#') continue;
    std::vector<std::string_view> fields;
    std::size_t f = 0;
    while (true) {
      const std::size_t tab = line.find('\t', f);
      fields.push_back(line.substr(f, tab == std::string_view::npos ? line.npos : tab - f));
      if (tab == std::string_view::npos) break;
      f = tab + 1;
    }
    out.push_back(std::move(fields));
  }
  return out;
}

}  // namespace taizhang::detail
