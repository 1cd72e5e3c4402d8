// taizhang — parsing a plan document.
//
// `Parser` is immutable after construction and thread-safe: one instance can
// parse many documents from many threads at once. `parse()` is a shortcut
// that uses a default parser.
#pragma once

#include <taizhang/export.h>
#include <taizhang/model.hpp>

#include <cstddef>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace taizhang {

enum class ErrorCode {
  invalid_utf8,   // the input is not UTF-8; byte_offset names the first bad byte
  io,             // a file could not be read
  invalid_json,   // from_json: not a taizhang.plan/3 (or /2, /1) document
  invalid_argument,
  limit_exceeded  // a ParseOptions limit was reached; the message names it
};

// The one exception type of the library. Everything that is merely doubtful
// in a document is a Diagnostic in the Plan instead.
class TAIZHANG_API Error : public std::runtime_error {
 public:
  Error(ErrorCode code, const std::string& message, std::size_t byte_offset = 0)
      : std::runtime_error(message), code_(code), byte_offset_(byte_offset) {}
  ErrorCode code() const noexcept { return code_; }
  std::size_t byte_offset() const noexcept { return byte_offset_; }

 private:
  ErrorCode code_;
  std::size_t byte_offset_;
};

// Abbreviation → full name of responsible units (发改委 → 发展和改革委员会).
// The built-in table is compiled in (src/units/abbreviations.tsv); callers
// add or override entries. A level prefix on the looked-up name (市, 区, 县,
// 省) is kept: 市发改委 → 市发展和改革委员会.
//
// Thread safety: a value type like std::vector. Const members (full_name,
// entries, size) may run on many threads at once; add() may not run while
// any other thread uses the same Lexicon. Fill it on one thread, then share
// it read-only: a Parser and a Ledger take their own copy.
class TAIZHANG_API Lexicon {
 public:
  // The built-in table.
  static Lexicon builtin();
  // An empty table.
  Lexicon() = default;

  void add(std::string abbreviation, std::string full_name);
  std::optional<std::string> full_name(std::string_view name) const;
  std::size_t size() const noexcept { return entries_.size(); }
  const std::vector<std::pair<std::string, std::string>>& entries() const noexcept {
    return entries_;
  }

 private:
  std::vector<std::pair<std::string, std::string>> entries_;  // sorted by abbreviation
};

struct ParseOptions {
  // The year that year-less dates belong to. Default: from the plan title,
  // else the document number, else the signing date.
  std::optional<int> plan_year;
  // The date `明年`/`今年` and 印发之日起 are relative to. Default: the signing
  // date (成文日期), else 1 January of the plan year.
  std::optional<boost::gregorian::date> reference_date;
  // Detect Traditional Chinese and match through Traditional→Simplified.
  bool detect_traditional = true;

  // Bounds on one parse, for an embedder that takes documents from outside
  // (docs/performance.md, "Limits"). Going over one throws
  // Error{limit_exceeded} whose message names the option; byte_offset is
  // where the input went over it. The defaults are far above any real plan
  // (the largest of the development corpus: 65 KB, 128 headings, 38
  // diagnostics). The parse is meant to be linear in the input, so
  // max_input_bytes bounds its time (docs/performance.md lists the shapes
  // where it is not yet).
  std::size_t max_input_bytes = std::size_t{256} << 20;  // 256 MiB
  // Headings in the outline, the root excluded; checked once the outline is
  // built, before the stages that work per measure.
  std::size_t max_outline_nodes = 1'000'000;
  std::size_t max_diagnostics = 1'000'000;
};

struct ParserOptions {
  // Unit abbreviations. Default: Lexicon::builtin().
  std::optional<Lexicon> lexicon;
};

class TAIZHANG_API Parser {
 public:
  Parser();
  explicit Parser(ParserOptions options);
  ~Parser();
  Parser(Parser&&) noexcept;
  Parser& operator=(Parser&&) noexcept;
  Parser(const Parser&) = delete;
  Parser& operator=(const Parser&) = delete;

  // Parses UTF-8 text (a BOM is accepted; CRLF and CR line ends too).
  // Throws Error{invalid_utf8} naming the byte offset of the first bad byte.
  // The Plan's excerpts (Measure::text …) share one copy of the input.
  Plan parse(std::string_view utf8, const ParseOptions& options = {}) const;
  // The same without that copy: the excerpts share `utf8` itself, which is
  // kept alive as long as any of them (for a caller that already holds the
  // text in a string it can give away: std::make_shared<const std::string>(
  // std::move(text))).
  Plan parse(std::shared_ptr<const std::string> utf8, const ParseOptions& options = {}) const;

  // Reads a file and parses it. Throws Error{io} if it cannot be read.
  Plan parse_file(const std::string& path, const ParseOptions& options = {}) const;

  const Lexicon& lexicon() const noexcept;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Parses with a default Parser (built once, shared, thread-safe).
TAIZHANG_API Plan parse(std::string_view utf8, const ParseOptions& options = {});

// Reads a file and parses it with the default Parser (Parser::parse_file).
TAIZHANG_API Plan parse_file(const std::string& path, const ParseOptions& options = {});

// The library version, "MAJOR.MINOR.PATCH".
TAIZHANG_API const char* version() noexcept;

}  // namespace taizhang
