// The flat tables of a corpus (`taizhang batch`): measures, milestones,
// targets and units, one CSV record per row with the document in front. The
// columns are those of the Python frames (python/taizhang/dataframes.py) and
// of the Spark job's Parquet tables (docs/spark.md), so the three agree row
// for row on the same documents.
#pragma once

#include <taizhang/model.hpp>

#include <array>
#include <cstddef>
#include <string>

namespace taizhang::cli {

enum Table : std::size_t { measures_table, milestones_table, targets_table, units_table, table_count };

// File stems: measures.csv …
extern const std::array<const char*, table_count> kTableNames;

// The header record of each table (CRLF-terminated, no BOM).
std::string table_header(Table table);

// A document's rows of every table, appended to `out[table]`; returns the
// number of rows added to each.
std::array<std::size_t, table_count> append_rows(const std::string& document, const Plan& plan,
                                                 std::array<std::string, table_count>& out);

// The number of rows append_rows would add, without writing them.
std::array<std::size_t, table_count> count_rows(const Plan& plan);

}  // namespace taizhang::cli
