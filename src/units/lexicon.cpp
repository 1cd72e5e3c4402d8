#include "text/text.hpp"

#include <taizhang/parser.hpp>

#include "taizhang_data/abbreviations.inc"

#include <algorithm>

namespace taizhang {

namespace {
// Level prefixes a unit name may carry in front of its department name.
constexpr std::string_view kLevelPrefixes[] = {"省", "市", "区", "县", "州", "镇", "乡"};

bool less_key(const std::pair<std::string, std::string>& a, std::string_view b) { return a.first < b; }
}  // namespace

Lexicon Lexicon::builtin() {
  static const Lexicon table = [] {
    Lexicon lex;
    std::string_view d = data::abbreviations;
    std::size_t b = 0;
    while (b < d.size()) {
      std::size_t e = d.find('\n', b);
      if (e == std::string_view::npos) e = d.size();
      std::string_view line = d.substr(b, e - b);
      b = e + 1;
      if (line.empty() || line[0] == '#') continue;
      const auto tab = line.find('\t');
      if (tab == std::string_view::npos) continue;
      lex.add(std::string(detail::trim(line.substr(0, tab))), std::string(detail::trim(line.substr(tab + 1))));
    }
    return lex;
  }();
  return table;
}

void Lexicon::add(std::string abbreviation, std::string full_name) {
  auto it = std::lower_bound(entries_.begin(), entries_.end(), std::string_view(abbreviation), less_key);
  if (it != entries_.end() && it->first == abbreviation) {
    it->second = std::move(full_name);  // the caller's entry wins
  } else {
    entries_.emplace(it, std::move(abbreviation), std::move(full_name));
  }
}

std::optional<std::string> Lexicon::full_name(std::string_view name) const {
  auto find = [&](std::string_view key) -> const std::string* {
    auto it = std::lower_bound(entries_.begin(), entries_.end(), key, less_key);
    if (it != entries_.end() && it->first == key) return &it->second;
    return nullptr;
  };
  if (const auto* f = find(name)) return *f;
  for (auto prefix : kLevelPrefixes) {
    if (name.size() > prefix.size() && name.substr(0, prefix.size()) == prefix) {
      if (const auto* f = find(name.substr(prefix.size()))) return std::string(prefix) + *f;
    }
  }
  return std::nullopt;
}

}  // namespace taizhang
