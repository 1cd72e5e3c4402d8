#include "text/text.hpp"
#include "text/tsv.hpp"
#include "units/grammar.hpp"

#include <taizhang/parser.hpp>

#include "taizhang_data/abbreviations.inc"

#include <algorithm>

namespace taizhang {

namespace {
bool less_key(const std::pair<std::string, std::string>& a, std::string_view b) { return a.first < b; }
}  // namespace

Lexicon Lexicon::builtin() {
  static const Lexicon table = [] {
    Lexicon lex;
    for (const auto& row : detail::tsv_rows(data::abbreviations))
      if (row.size() >= 2) lex.add(std::string(detail::trim(row[0])), std::string(detail::trim(row[1])));
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
  // The level prefixes `name` starts with, in the order of level_prefixes()
  // (longest first): an index finds them without comparing every prefix.
  std::optional<std::string> prefixed;
  detail::units::level_prefix_words().starting_at(name, 0, [&](std::string_view prefix) {
    if (name.size() <= prefix.size()) return false;
    const auto* f = find(name.substr(prefix.size()));
    if (f) prefixed = std::string(prefix) + *f;
    return f != nullptr;
  });
  return prefixed;
}

}  // namespace taizhang
