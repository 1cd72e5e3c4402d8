#include "outline/lines.hpp"

#include "text/scan.hpp"

#include <algorithm>
#include <string>

namespace taizhang::detail {

namespace {

Range trim_range(std::string_view s, Range r) {
  std::string_view v = s.substr(r.begin, r.end - r.begin);
  std::string_view t = trim(v);
  if (t.empty()) return {r.begin, r.begin};
  const std::size_t b = r.begin + static_cast<std::size_t>(t.data() - v.data());
  return {b, b + t.size()};
}

std::string_view view(std::string_view s, Range r) { return s.substr(r.begin, r.end - r.begin); }

// A column's role from its header text (spaces removed: "责 任 单 位").
Column column_from_header(std::string_view name) {
  const std::string n = join_title(name);
  auto has = [&](std::string_view w) { return n.find(w) != std::string::npos; };
  if (has("序号")) return Column::serial;
  if (has("牵头")) return Column::lead;
  if (has("配合") || has("协办") || has("协同")) return Column::co;
  if (has("领导")) return Column::leader;
  if (has("单位") || has("部门")) return Column::responsible;
  if (has("时限") || has("时间") || has("完成")) return Column::due;
  if (has("备注")) return Column::note;
  return Column::task;
}

bool is_header_word(std::string_view cell) {
  const Column c = column_from_header(cell);
  if (c != Column::task) return true;
  const std::string n = join_title(cell);
  return n.size() <= 45 && (n.find("任务") != std::string::npos || n.find("工作") != std::string::npos ||
                            n.find("措施") != std::string::npos || n.find("内容") != std::string::npos ||
                            n.find("事项") != std::string::npos || n.find("项目") != std::string::npos ||
                            n.find("指标") != std::string::npos);
}

// "12" or "12 |": a table row's serial cell.
std::optional<int> serial_cell(std::string_view cell) {
  std::string_view t = trim(cell);
  if (!t.empty() && t.back() == '|') t = trim(t.substr(0, t.size() - 1));
  if (t.empty() || t.size() > 4) return std::nullopt;
  for (char c : t)
    if (c < '0' || c > '9') return std::nullopt;
  return std::stoi(std::string(t));
}

struct RawLine {
  Range r;  // trimmed
};

// Splits a '|'-separated line into trimmed cell ranges.
std::vector<Range> split_pipes(std::string_view s, Range r) {
  std::vector<Range> cells;
  std::size_t b = r.begin;
  for (std::size_t i = r.begin; i <= r.end; ++i) {
    if (i == r.end || s[i] == '|') {
      cells.push_back(trim_range(s, {b, i}));
      b = i + 1;
    }
  }
  return cells;
}

}  // namespace

void reclassify_numbered_item(std::string_view s, VLine& line, int expected) {
  std::size_t i = line.r.begin;
  auto n = read_small_number(s.substr(0, line.r.end), i);
  if (!n || *n != expected || i >= line.r.end || s[i] != '.') return;
  if (i + 1 >= line.r.end || !is_ascii_digit(static_cast<unsigned char>(s[i + 1]))) return;
  line.kind = LineKind::heading;
  line.style = MarkerStyle::arabic_dot;
  line.number = expected;
  line.marker = {line.r.begin, i + 1};
  line.title = {i + 1, line.r.end};
}

int style_rank(MarkerStyle style) noexcept {
  switch (style) {
    case MarkerStyle::chapter_zhang: return 0;
    case MarkerStyle::chapter_jie: return 1;
    case MarkerStyle::article_tiao: return 2;
    case MarkerStyle::cn_dun: return 3;
    case MarkerStyle::paren_cn: return 4;
    case MarkerStyle::arabic_dot: return 5;
    case MarkerStyle::paren_arabic: return 6;
    case MarkerStyle::circled: return 7;
    case MarkerStyle::table_row: return 8;
    case MarkerStyle::none: return 9;
  }
  return 9;
}

void classify_heading(std::string_view s, VLine& line) {
  const std::size_t b = line.r.begin, e = line.r.end;
  if (b >= e) return;
  std::string_view v = s.substr(0, e);  // never read past the line
  std::size_t i = b;
  auto set = [&](MarkerStyle st, long n, std::size_t marker_end) {
    line.kind = LineKind::heading;
    line.style = st;
    line.number = static_cast<int>(n);
    line.marker = {b, marker_end};
    Range t{marker_end, e};
    std::string_view tv = trim(v.substr(t.begin, t.end - t.begin));
    line.title = tv.empty() ? Range{e, e}
                            : Range{static_cast<std::size_t>(tv.data() - s.data()),
                                    static_cast<std::size_t>(tv.data() - s.data()) + tv.size()};
  };
  // 第X章 / 第X节 / 第X条
  if (starts_with_at(v, i, "第")) {
    std::size_t j = i + 3;
    auto n = read_small_number(v, j);
    if (n && *n > 0 && *n < 1000) {
      if (starts_with_at(v, j, "章")) return set(MarkerStyle::chapter_zhang, *n, j + 3);
      if (starts_with_at(v, j, "节")) return set(MarkerStyle::chapter_jie, *n, j + 3);
      if (starts_with_at(v, j, "条")) return set(MarkerStyle::article_tiao, *n, j + 3);
    }
    return;
  }
  // (一) / (1)
  if (v[i] == '(') {
    std::size_t j = i + 1;
    const bool arabic = j < e && is_ascii_digit(static_cast<unsigned char>(v[j]));
    auto n = read_small_number(v, j);
    if (n && *n > 0 && *n < 1000 && j < e && v[j] == ')')
      return set(arabic ? MarkerStyle::paren_arabic : MarkerStyle::paren_cn, *n, j + 1);
    return;
  }
  // ① … ⑳
  {
    std::size_t j = i;
    char32_t c = next_cp(v, j);
    if (c >= U'①' && c <= U'⑳') return set(MarkerStyle::circled, c - U'①' + 1, j);
  }
  // 一、 / 1. 1、 1．(folded to '.')
  std::size_t j = i;
  const bool arabic = is_ascii_digit(static_cast<unsigned char>(v[j]));
  auto n = read_small_number(v, j);
  if (!n || *n <= 0 || *n >= 1000) return;
  if (starts_with_at(v, j, "、")) {
    return set(arabic ? MarkerStyle::arabic_dot : MarkerStyle::cn_dun, *n, j + 3);
  }
  if (arabic && j < e && v[j] == '.') {
    // "1.5万" is a number, "2.2024年…" a list item of a file name: a digit
    // right after the dot is not a heading.
    if (j + 1 < e && is_ascii_digit(static_cast<unsigned char>(v[j + 1]))) return;
    return set(MarkerStyle::arabic_dot, *n, j + 1);
  }
}

std::vector<VLine> split_lines(const Text& text) {
  const std::string_view s = text.folded();
  std::vector<RawLine> raw;
  std::size_t b = 0;
  while (b <= s.size()) {
    std::size_t e = s.find('\n', b);
    if (e == std::string_view::npos) e = s.size();
    raw.push_back({trim_range(s, {b, e})});
    if (e == s.size()) break;
    b = e + 1;
  }

  std::vector<VLine> out;
  out.reserve(raw.size());
  auto push = [&](Range r, Column c) {
    VLine l;
    l.r = r;
    l.column = c;
    l.kind = r.empty() ? LineKind::blank : LineKind::text;
    out.push_back(l);
  };

  std::size_t i = 0;
  while (i < raw.size()) {
    std::string_view line = view(s, raw[i].r);
    const bool header = line.substr(0, 6) == "序号";
    if (!header) {
      push(raw[i].r, Column::none);
      ++i;
      continue;
    }
    std::vector<Column> columns;
    // (a) one line, '|'-separated: 序号 | 任务 | 牵头单位 | … |
    auto cells = split_pipes(s, raw[i].r);
    std::size_t nonempty = 0;
    for (auto& c : cells) nonempty += !c.empty();
    if (nonempty >= 3) {
      for (auto& c : cells) columns.push_back(c.empty() ? Column::note : column_from_header(view(s, c)));
      push(raw[i].r, Column::serial);
      out.back().kind = LineKind::envelope;  // the header row itself
      ++i;
      // Rows: every following line holding a '|'. Cells are aligned from the
      // right, where 牵头单位/责任单位/完成时限 sit; the text columns on the
      // left may be merged into fewer cells.
      while (i < raw.size()) {
        std::string_view row = view(s, raw[i].r);
        if (row.find('|') == std::string_view::npos) break;
        auto rc = split_pipes(s, raw[i].r);
        const std::size_t shift = columns.size() > rc.size() ? columns.size() - rc.size() : 0;
        for (std::size_t k = 0; k < rc.size(); ++k) {
          const std::size_t col = k + shift;
          Column c = col < columns.size() ? columns[col] : Column::note;
          if (c == Column::serial) c = Column::task;  // 序号 cells hold headings here
          if (rc[k].empty()) continue;
          push(rc[k], c);
        }
        ++i;
      }
      continue;
    }
    // (b) one cell per line (optionally ending in '|'), blank lines between.
    push(raw[i].r, Column::serial);
    out.back().kind = LineKind::envelope;
    columns.push_back(Column::serial);
    ++i;
    const bool piped = line.back() == '|';
    std::size_t k = i;
    while (k < raw.size()) {
      std::string_view c = view(s, raw[k].r);
      if (c.empty()) { ++k; continue; }
      if (serial_cell(c) || !is_header_word(c)) break;
      columns.push_back(column_from_header(c));
      push(raw[k].r, Column::serial);
      out.back().kind = LineKind::envelope;
      ++k;
    }
    i = k;
    if (columns.size() < 2) continue;
    // Rows: a serial cell, then one cell per remaining column. With '|'
    // separators a cell may run over several lines until one ends in '|'.
    while (i < raw.size()) {
      std::string_view c = view(s, raw[i].r);
      if (c.empty()) { push(raw[i].r, Column::none); ++i; continue; }
      auto serial = serial_cell(c);
      if (!serial) break;
      push(raw[i].r, Column::serial);
      ++i;
      for (std::size_t col = 1; col < columns.size() && i < raw.size(); ++col) {
        while (i < raw.size() && raw[i].r.empty()) { push(raw[i].r, Column::none); ++i; }
        if (i >= raw.size()) break;
        if (serial_cell(view(s, raw[i].r)) && col + 1 < columns.size()) break;  // short row
        Range cell = raw[i].r;
        ++i;
        if (piped) {
          while (view(s, cell).back() != '|' && i < raw.size() && !raw[i].r.empty()) {
            cell.end = raw[i].r.end;
            ++i;
          }
        }
        if (!view(s, cell).empty() && view(s, cell).back() == '|') cell = trim_range(s, {cell.begin, cell.end - 1});
        push(cell, columns[col] == Column::serial ? Column::task : columns[col]);
      }
    }
  }

  for (auto& l : out) {
    if (l.kind == LineKind::text && (l.column == Column::none || l.column == Column::task))
      classify_heading(s, l);
    if (l.kind == LineKind::text && l.column == Column::serial) {
      if (auto n = serial_cell(view(s, l.r))) {
        l.kind = LineKind::heading;
        l.style = MarkerStyle::table_row;
        l.number = *n;
        l.marker = l.r;
        l.title = {l.r.end, l.r.end};
      }
    }
  }
  return out;
}

}  // namespace taizhang::detail
