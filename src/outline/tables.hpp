// Outline stage, internal: reading flattened task tables (tables.cpp).
#pragma once

#include "pipeline.hpp"

#include <optional>
#include <string_view>
#include <vector>

namespace taizhang::detail {

enum class Separator { pipe, spaces };

Range trim_range(std::string_view s, Range r);

// A column's role from its header text (spaces removed: "责 任 单 位").
Column column_from_header(std::string_view name);

// A header cell of a table flattened one cell per line (序号 / 重点任务 / …).
bool is_header_word(std::string_view cell);

// "12", "12 |", "| 12": a row's 序号 cell.
std::optional<int> serial_cell(std::string_view cell);

// The trimmed cells of one row line; with spaces, "责 任 单 位" stays one cell.
std::vector<Range> split_cells(std::string_view s, Range r, Separator sep);

// The column of each of a row's `cells` cells (the first is 序号 when
// has_serial), for a table whose header has `columns`.
std::vector<Column> assign_columns(const std::vector<Column>& columns, std::size_t cells, bool has_serial);

}  // namespace taizhang::detail
