// Reading the compiled-in data tables (src/**/*.tsv, embedded by
// cmake/embed.cmake): one reader for every stage's rules.
#pragma once

#include <string_view>
#include <vector>

namespace taizhang::detail {

// The rows of a table: tab-separated fields, as views into the table (which
// lives for the whole program). Blank lines and lines starting with '#' are
// comments; a CR before the LF is dropped. Fields are not trimmed. A
// `# general: …` comment line, which explains why the rows after it are general
// (docs/design.md, tests/rule_evidence.py), is a comment like any other.
std::vector<std::vector<std::string_view>> tsv_rows(std::string_view table);

}  // namespace taizhang::detail
