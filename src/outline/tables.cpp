// Outline stage, flattened tables: a task table (序号 | 重点任务 | 牵头单位 |
// 责任单位 | 完成时限 …) as web copies and PDF conversions flatten it.
//
// Layouts, all told apart by the header row:
//   one row per line, cells separated by '|' (a closing '|' or not);
//   one row per line, cells separated by tabs or spaces (cells run together);
//   one cell per line, with or without blank lines between rows, a cell
//   possibly ending in '|' and running over several lines until it does.
// Header words may have spaces inside (责 任 单 位). Rows may be short (a
// merged cell leaves its column out of later rows: cells align from the
// right, where the unit and date columns are), may hold several units each
// on its own line in one cell, and may be sub-rows with no 序号 of their own
// (a merged serial cell): a sub-row is a task of its own, unnumbered.
#include "outline/lines.hpp"
#include "outline/tables.hpp"
#include "text/scan.hpp"
#include "text/tsv.hpp"
#include "units/grammar.hpp"

#include "taizhang_data/column_headers.inc"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

namespace taizhang::detail {

namespace {

bool has(const std::string& n, std::string_view w) { return n.find(w) != std::string::npos; }

// column_headers.tsv in its order: a header word and the column it names.
const std::vector<std::pair<std::string_view, Column>>& header_words() {
  static const auto words = [] {
    const std::pair<std::string_view, Column> names[] = {
        {"serial", Column::serial}, {"leader", Column::leader}, {"lead", Column::lead},
        {"co", Column::co},         {"responsible", Column::responsible}, {"due", Column::due},
        {"note", Column::note},     {"task", Column::task}};
    std::vector<std::pair<std::string_view, Column>> out;
    for (const auto& r : tsv_rows(data::column_headers))
      for (const auto& [name, column] : names)
        if (r.size() >= 2 && r[1] == name) out.emplace_back(r[0], column);
    return out;
  }();
  return words;
}

// The column a header names by its words (not the task words), or task.
Column column_by_word(const std::string& n, bool serial) {
  for (const auto& [w, column] : header_words())
    if (column != Column::task && (column == Column::serial) == serial && has(n, w)) return column;
  return Column::task;
}

}  // namespace

Range trim_range(std::string_view s, Range r) {
  std::string_view v = s.substr(r.begin, r.end - r.begin);
  std::string_view t = trim(v);
  if (t.empty()) return {r.begin, r.begin};
  const std::size_t b = r.begin + static_cast<std::size_t>(t.data() - v.data());
  return {b, b + t.size()};
}

Column column_from_header(std::string_view name) {
  const std::string n = join_title(name);
  if (column_by_word(n, true) == Column::serial) return Column::serial;
  // A responsibility label (labels.tsv: 牵头单位, 实施主体, 完成时限 …) names
  // its column's role; other headers are read by their words below.
  if (const auto role = units::label_role(n)) {
    switch (*role) {
      case units::Role::lead: return Column::lead;
      case units::Role::responsible: return Column::responsible;
      case units::Role::co: return Column::co;
      case units::Role::leader: return Column::leader;
      case units::Role::due: return Column::due;
      case units::Role::other: return Column::note;
      default: break;
    }
  }
  return column_by_word(n, false);
}

bool is_header_word(std::string_view cell) {
  const std::string n = join_title(cell);
  if (n.empty() || n.size() > 45) return false;
  if (column_from_header(cell) != Column::task) return true;
  for (const auto& [w, column] : header_words())
    if (column == Column::task && has(n, w)) return true;
  return false;
}

std::optional<int> serial_cell(std::string_view cell) {
  std::string_view t = trim(cell);
  if (!t.empty() && t.back() == '|') t = trim(t.substr(0, t.size() - 1));
  if (!t.empty() && t.front() == '|') t = trim(t.substr(1));
  if (t.empty() || t.size() > 4) return std::nullopt;
  for (char c : t)
    if (c < '0' || c > '9') return std::nullopt;
  return std::stoi(std::string(t));
}

std::vector<Range> split_cells(std::string_view s, Range r, Separator sep) {
  std::vector<Range> cells;
  if (sep == Separator::pipe) {
    std::size_t b = r.begin;
    for (std::size_t i = r.begin; i <= r.end; ++i)
      if (i == r.end || s[i] == '|') {
        cells.push_back(trim_range(s, {b, i}));
        b = i + 1;
      }
    // "| a | b |": the empty cells outside the outer bars are not cells.
    if (cells.size() > 1 && cells.front().empty() && s[r.begin] == '|') cells.erase(cells.begin());
    if (cells.size() > 1 && cells.back().empty() && s[r.end - 1] == '|') cells.pop_back();
    return cells;
  }
  // Spaces: a run of blanks separates cells; single Han characters split by
  // single spaces are one spaced-out word (责 任 单 位).
  std::vector<Range> tokens;
  for (std::size_t i = r.begin; i < r.end;) {
    while (i < r.end && (s[i] == ' ' || s[i] == '\t')) ++i;
    const std::size_t b = i;
    while (i < r.end && s[i] != ' ' && s[i] != '\t') ++i;
    if (i > b) tokens.push_back({b, i});
  }
  auto single_han = [&](Range c) {
    std::size_t k = c.begin;
    return is_han(next_cp(s, k)) && k == c.end;
  };
  std::vector<Range> merged;
  bool prev_single = false;
  for (std::size_t k = 0; k < tokens.size(); ++k) {
    const bool single = single_han(tokens[k]);
    if (single && prev_single && tokens[k].begin == tokens[k - 1].end + 1) merged.back().end = tokens[k].end;
    else merged.push_back(tokens[k]);
    prev_single = single;
  }
  return merged;
}

std::vector<Column> assign_columns(const std::vector<Column>& columns, std::size_t cells, bool has_serial) {
  // Columns after 序号.
  std::vector<Column> cols;
  for (std::size_t k = 0; k < columns.size(); ++k)
    if (columns[k] != Column::serial) cols.push_back(columns[k]);
  std::vector<Column> out;
  if (has_serial) out.push_back(Column::serial);
  const std::size_t n = cells - (has_serial ? 1 : 0);
  if (n <= cols.size()) {
    // Short row: merged cells on the left (a category spanning rows) are
    // left out, so align from the right; the first cell is still the task.
    for (std::size_t k = cols.size() - n; k < cols.size(); ++k) out.push_back(cols[k]);
    if (n > 0 && n < cols.size()) out[has_serial ? 1 : 0] = Column::task;
    return out;
  }
  // More cells than columns: several units each on its own line in one
  // cell. Task columns take one cell each from the left, date and note
  // columns one each from the right, the unit columns the rest (the first
  // unit column one cell, the last one every extra cell).
  std::size_t left = 0, right = 0;
  while (left < cols.size() && cols[left] == Column::task) ++left;
  while (right < cols.size() - left && (cols[cols.size() - 1 - right] == Column::due ||
                                        cols[cols.size() - 1 - right] == Column::note))
    ++right;
  std::vector<Column> middle(cols.begin() + static_cast<std::ptrdiff_t>(left),
                             cols.end() - static_cast<std::ptrdiff_t>(right));
  if (middle.empty()) middle.push_back(Column::note);
  for (std::size_t k = 0; k < left; ++k) out.push_back(cols[k]);
  const std::size_t extra = n - left - right;
  for (std::size_t k = 0; k < extra; ++k) out.push_back(middle[std::min(k, middle.size() - 1)]);
  for (std::size_t k = cols.size() - right; k < cols.size(); ++k) out.push_back(cols[k]);
  return out;
}

}  // namespace taizhang::detail
