// The C API (include/taizhang/taizhang.h) over the public C++ API. Handles
// own C++ objects; every entry point runs its body inside guard(), which turns
// every exception — the library's Error, bad_alloc, anything — into a status
// code and an error object, so nothing is thrown across the C boundary.
#include "capi/utf8.hpp"

#include <taizhang/json.hpp>
#include <taizhang/ledger.hpp>
#include <taizhang/parser.hpp>
#include <taizhang/taizhang.h>

#include <boost/date_time/gregorian/gregorian_types.hpp>

#include <cstdlib>
#include <cstring>
#include <exception>
#include <new>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace gd = boost::gregorian;

struct taizhang_error {
  taizhang_status code;
  std::string message;
  size_t offset;
};

struct taizhang_options {
  taizhang::ParseOptions parse;
  std::vector<std::pair<std::string, std::string>> lexicon_entries;  // added to the built-in table
  taizhang::JsonOptions json;
};

// Immutable after taizhang_parser_new: every call takes it const.
struct taizhang_parser {
  taizhang::Parser parser;
  taizhang::ParseOptions parse;
  taizhang::JsonOptions json;
};

struct taizhang_export_options {
  std::optional<taizhang::StatusTable> status;
  std::optional<gd::date> as_of;
  std::optional<gd::date> stamp;
  std::optional<std::pair<int, int>> month;  // year, month
};

namespace {

// Handed out when even the error object cannot be allocated; never freed.
// "out of memory" fits the short-string buffer, so building it allocates nothing.
taizhang_error out_of_memory{TAIZHANG_ERROR_OUT_OF_MEMORY, "out of memory", TAIZHANG_NO_OFFSET};

// An argument the C layer refuses, thrown inside guard() like a taizhang::Error.
struct ArgumentError {
  const char* message;
};

taizhang_status status_of(taizhang::ErrorCode code) noexcept {
  switch (code) {
    case taizhang::ErrorCode::invalid_utf8: return TAIZHANG_ERROR_INVALID_UTF8;
    case taizhang::ErrorCode::io: return TAIZHANG_ERROR_IO;
    case taizhang::ErrorCode::invalid_json: return TAIZHANG_ERROR_INVALID_JSON;
    case taizhang::ErrorCode::invalid_argument: return TAIZHANG_ERROR_INVALID_ARGUMENT;
    case taizhang::ErrorCode::limit_exceeded: return TAIZHANG_ERROR_LIMIT_EXCEEDED;
  }
  return TAIZHANG_ERROR_INTERNAL;
}

// Reports a failure through `err` (when given). If the error object itself
// cannot be made, the caller learns that memory ran out instead.
taizhang_status fail(taizhang_error** err, taizhang_status code, std::string_view prefix,
                     std::string_view message, size_t offset) noexcept {
  if (!err) return code;
  try {
    std::string text;
    text.reserve(prefix.size() + message.size());
    text.append(prefix).append(message);
    *err = new taizhang_error{code, std::move(text), offset};
    return code;
  } catch (...) {
    *err = &out_of_memory;
    return TAIZHANG_ERROR_OUT_OF_MEMORY;
  }
}

template <class Body>
taizhang_status guard(taizhang_error** err, Body&& body) noexcept {
  if (err) *err = nullptr;
  try {
    body();
    return TAIZHANG_OK;
  } catch (const ArgumentError& e) {
    return fail(err, TAIZHANG_ERROR_INVALID_ARGUMENT, "", e.message, TAIZHANG_NO_OFFSET);
  } catch (const taizhang::Error& e) {
    const bool placed = e.code() == taizhang::ErrorCode::invalid_utf8;
    return fail(err, status_of(e.code()), "", e.what(), placed ? e.byte_offset() : TAIZHANG_NO_OFFSET);
  } catch (const std::bad_alloc&) {
    return fail(err, TAIZHANG_ERROR_OUT_OF_MEMORY, "", "out of memory", TAIZHANG_NO_OFFSET);
  } catch (const std::exception& e) {
    return fail(err, TAIZHANG_ERROR_INTERNAL, "internal error: ", e.what(), TAIZHANG_NO_OFFSET);
  } catch (...) {
    return fail(err, TAIZHANG_ERROR_INTERNAL, "internal error: ", "unknown exception",
                TAIZHANG_NO_OFFSET);
  }
}

void require(const void* pointer, const char* message) {
  if (!pointer) throw ArgumentError{message};
}

// The caller's text. NULL is the empty text only with length 0.
std::string_view input(const char* utf8, size_t len) {
  if (!utf8 && len != 0) throw ArgumentError{"utf8 is NULL but len is not 0"};
  return utf8 ? std::string_view(utf8, len) : std::string_view();
}

// Validates the output pointers and clears them, so that they are NULL/0
// whenever the call fails.
void begin_output(char** out, size_t* out_len) {
  require(out, "out is NULL");
  *out = nullptr;
  if (out_len) *out_len = 0;
}

void give(const std::string& bytes, char** out, size_t* out_len) {
  char* copy = static_cast<char*>(std::malloc(bytes.size() + 1));
  if (!copy) throw std::bad_alloc();
  std::memcpy(copy, bytes.data(), bytes.size());
  copy[bytes.size()] = '\0';
  *out = copy;
  if (out_len) *out_len = bytes.size();
}

gd::date make_date(int year, int month, int day) {
  // Boost.Date_Time's range; it throws for days a month does not have.
  if (year < 1400 || year > 9999 || month < 1 || month > 12 || day < 1 || day > 31)
    throw ArgumentError{"date out of range (years 1400-9999)"};
  try {
    return gd::date(static_cast<unsigned short>(year), static_cast<unsigned short>(month),
                    static_cast<unsigned short>(day));
  } catch (const std::out_of_range&) {
    throw ArgumentError{"no such date"};
  }
}

void check_month(int year, int month) {
  if (year < 1400 || year > 9999 || month < 1 || month > 12)
    throw ArgumentError{"month out of range (years 1400-9999, months 1-12)"};
}

std::string utf8_argument(const char* text, size_t len, const char* empty_message) {
  const std::string_view s = input(text, len);
  if (s.empty()) throw ArgumentError{empty_message};
  if (const size_t bad = taizhang::capi::first_invalid_utf8(s); bad != std::string_view::npos)
    throw taizhang::Error(taizhang::ErrorCode::invalid_utf8, "invalid UTF-8 in a lexicon entry", bad);
  return std::string(s);
}

taizhang::Plan parse(const taizhang_parser* parser, const char* utf8, size_t len) {
  return parser->parser.parse(input(utf8, len), parser->parse);
}

taizhang::ExportOptions export_options(const taizhang_export_options* options) {
  taizhang::ExportOptions x;
  if (!options) return x;
  if (options->status) x.status = &*options->status;
  x.as_of = options->as_of;
  x.stamp = options->stamp;
  return x;
}

// The ledger of the plan in `utf8`; unit queries go through the parser's
// lexicon. The Ledger copies what it needs, so the Plan may go.
taizhang::Ledger ledger_of(const taizhang_parser* parser, const char* utf8, size_t len) {
  taizhang::LedgerOptions options;
  options.lexicon = parser->parser.lexicon();
  return taizhang::Ledger(parse(parser, utf8, len), std::move(options));
}

using RowList = std::vector<const taizhang::LedgerRow*>;
using Exporter = std::string (*)(const taizhang::Ledger&, const RowList&,
                                 const taizhang::ExportOptions&);

// Parse, build the ledger, pick the rows, export them.
taizhang_status export_ledger(const taizhang_parser* parser, const char* utf8, size_t len,
                              const taizhang_export_options* options, char** out,
                              size_t* out_len, taizhang_error** err, Exporter exporter) noexcept {
  return guard(err, [&] {
    begin_output(out, out_len);
    require(parser, "parser is NULL");
    const taizhang::Ledger ledger = ledger_of(parser, utf8, len);
    RowList rows;
    if (options && options->month) {
      rows = ledger.due_in_month(options->month->first, options->month->second);
    } else {
      rows.reserve(ledger.size());
      for (const auto& row : ledger.rows()) rows.push_back(&row);
    }
    give(exporter(ledger, rows, export_options(options)), out, out_len);
  });
}

}  // namespace

extern "C" {

const char* taizhang_version(void) { return taizhang::version(); }

taizhang_status taizhang_error_code(const taizhang_error* err) {
  return err ? err->code : TAIZHANG_OK;
}

const char* taizhang_error_message(const taizhang_error* err) {
  return err ? err->message.c_str() : "";
}

size_t taizhang_error_offset(const taizhang_error* err) {
  return err ? err->offset : TAIZHANG_NO_OFFSET;
}

void taizhang_error_free(taizhang_error* err) {
  if (err != &out_of_memory) delete err;
}

void taizhang_free(char* out) { std::free(out); }

// --- parser options ------------------------------------------------------------

taizhang_status taizhang_options_new(taizhang_options** out, taizhang_error** err) {
  return guard(err, [&] {
    require(out, "out is NULL");
    *out = nullptr;
    *out = new taizhang_options();
  });
}

void taizhang_options_free(taizhang_options* options) { delete options; }

taizhang_status taizhang_options_set_plan_year(taizhang_options* options, int year,
                                               taizhang_error** err) {
  return guard(err, [&] {
    require(options, "options is NULL");
    if (year < 1400 || year > 9999) throw ArgumentError{"plan year out of range (1400-9999)"};
    options->parse.plan_year = year;
  });
}

taizhang_status taizhang_options_set_reference_date(taizhang_options* options, int year,
                                                    int month, int day, taizhang_error** err) {
  return guard(err, [&] {
    require(options, "options is NULL");
    options->parse.reference_date = make_date(year, month, day);
  });
}

taizhang_status taizhang_options_add_lexicon_entry(taizhang_options* options,
                                                   const char* abbreviation,
                                                   size_t abbreviation_len, const char* full_name,
                                                   size_t full_name_len, taizhang_error** err) {
  return guard(err, [&] {
    require(options, "options is NULL");
    std::string abbr = utf8_argument(abbreviation, abbreviation_len, "empty abbreviation");
    std::string full = utf8_argument(full_name, full_name_len, "empty full name");
    options->lexicon_entries.emplace_back(std::move(abbr), std::move(full));
  });
}

taizhang_status taizhang_options_set_detect_traditional(taizhang_options* options, int detect,
                                                        taizhang_error** err) {
  return guard(err, [&] {
    require(options, "options is NULL");
    options->parse.detect_traditional = detect != 0;
  });
}

taizhang_status taizhang_options_set_pretty_json(taizhang_options* options, int pretty,
                                                 taizhang_error** err) {
  return guard(err, [&] {
    require(options, "options is NULL");
    options->json.pretty = pretty != 0;
  });
}

// --- the parser ----------------------------------------------------------------

taizhang_status taizhang_parser_new(const taizhang_options* options, taizhang_parser** out,
                                    taizhang_error** err) {
  return guard(err, [&] {
    require(out, "out is NULL");
    *out = nullptr;
    taizhang::ParserOptions parser_options;
    taizhang::Lexicon lexicon = taizhang::Lexicon::builtin();
    if (options)
      for (const auto& [abbreviation, full_name] : options->lexicon_entries)
        lexicon.add(abbreviation, full_name);
    parser_options.lexicon = std::move(lexicon);
    *out = new taizhang_parser{taizhang::Parser(std::move(parser_options)),
                               options ? options->parse : taizhang::ParseOptions{},
                               options ? options->json : taizhang::JsonOptions{}};
  });
}

void taizhang_parser_free(taizhang_parser* parser) { delete parser; }

taizhang_status taizhang_parse_json(const taizhang_parser* parser, const char* utf8, size_t len,
                                    char** out, size_t* out_len, taizhang_error** err) {
  return guard(err, [&] {
    begin_output(out, out_len);
    require(parser, "parser is NULL");
    give(taizhang::to_json(parse(parser, utf8, len), parser->json), out, out_len);
  });
}

// --- ledger exports ----------------------------------------------------------------

taizhang_status taizhang_export_options_new(taizhang_export_options** out, taizhang_error** err) {
  return guard(err, [&] {
    require(out, "out is NULL");
    *out = nullptr;
    *out = new taizhang_export_options();
  });
}

void taizhang_export_options_free(taizhang_export_options* options) { delete options; }

taizhang_status taizhang_export_options_set_status_csv(taizhang_export_options* options,
                                                       const char* utf8, size_t len,
                                                       taizhang_error** err) {
  return guard(err, [&] {
    require(options, "options is NULL");
    options->status = taizhang::StatusTable::parse_csv(input(utf8, len));
  });
}

taizhang_status taizhang_export_options_set_as_of(taizhang_export_options* options, int year,
                                                  int month, int day, taizhang_error** err) {
  return guard(err, [&] {
    require(options, "options is NULL");
    options->as_of = make_date(year, month, day);
  });
}

taizhang_status taizhang_export_options_set_stamp(taizhang_export_options* options, int year,
                                                  int month, int day, taizhang_error** err) {
  return guard(err, [&] {
    require(options, "options is NULL");
    options->stamp = make_date(year, month, day);
  });
}

taizhang_status taizhang_export_options_set_month(taizhang_export_options* options, int year,
                                                  int month, taizhang_error** err) {
  return guard(err, [&] {
    require(options, "options is NULL");
    check_month(year, month);
    options->month = std::make_pair(year, month);
  });
}

taizhang_status taizhang_ledger_csv(const taizhang_parser* parser, const char* utf8, size_t len,
                                    const taizhang_export_options* options, char** out,
                                    size_t* out_len, taizhang_error** err) {
  return export_ledger(parser, utf8, len, options, out, out_len, err,
                       [](const taizhang::Ledger& l, const RowList& rows,
                          const taizhang::ExportOptions& x) { return taizhang::to_csv(l, rows, x); });
}

taizhang_status taizhang_ledger_icalendar(const taizhang_parser* parser, const char* utf8,
                                          size_t len, const taizhang_export_options* options,
                                          char** out, size_t* out_len, taizhang_error** err) {
  return export_ledger(parser, utf8, len, options, out, out_len, err,
                       [](const taizhang::Ledger& l, const RowList& rows,
                          const taizhang::ExportOptions& x) {
                         return taizhang::to_icalendar(l, rows, x);
                       });
}

taizhang_status taizhang_ledger_markdown(const taizhang_parser* parser, const char* utf8,
                                         size_t len, const taizhang_export_options* options,
                                         char** out, size_t* out_len, taizhang_error** err) {
  return export_ledger(parser, utf8, len, options, out, out_len, err,
                       [](const taizhang::Ledger& l, const RowList& rows,
                          const taizhang::ExportOptions& x) {
                         return taizhang::to_markdown(l, rows, x);
                       });
}

taizhang_status taizhang_ledger_json(const taizhang_parser* parser, const char* utf8, size_t len,
                                     const taizhang_export_options* options, char** out,
                                     size_t* out_len, taizhang_error** err) {
  return export_ledger(parser, utf8, len, options, out, out_len, err,
                       [](const taizhang::Ledger& l, const RowList& rows,
                          const taizhang::ExportOptions& x) { return taizhang::to_json(l, rows, x); });
}

taizhang_status taizhang_monthly_report(const taizhang_parser* parser, const char* utf8,
                                        size_t len, int year, int month,
                                        const taizhang_export_options* options, char** out,
                                        size_t* out_len, taizhang_error** err) {
  return guard(err, [&] {
    begin_output(out, out_len);
    require(parser, "parser is NULL");
    check_month(year, month);
    const taizhang::Ledger ledger = ledger_of(parser, utf8, len);
    taizhang::ReportOptions report;
    if (options) {
      if (options->status) report.status = &*options->status;
      report.as_of = options->as_of;
    }
    give(taizhang::monthly_report(ledger, year, month, report), out, out_len);
  });
}

}  // extern "C"
