/* taizhang — the C API: a stable ABI over the C++ library, for C programs
 * and for other languages' foreign-function interfaces (Java through JNA,
 * Python ctypes, Go cgo, Rust bindgen …). Plain C: compiles as C11 and C++.
 *
 * The pattern of every call that produces output:
 *
 *   char* out = NULL; size_t out_len = 0; taizhang_error* err = NULL;
 *   if (taizhang_parse_json(parser, text, text_len, &out, &out_len, &err) != TAIZHANG_OK) {
 *     fprintf(stderr, "%s at byte %zu\n", taizhang_error_message(err), taizhang_error_offset(err));
 *     taizhang_error_free(err);
 *   } else {
 *     fwrite(out, 1, out_len, stdout);
 *     taizhang_free(out);
 *   }
 *
 * - Input is UTF-8 with an explicit length (it need not be NUL-terminated;
 *   NULL with length 0 is the empty text). A BOM and CRLF/CR line ends are
 *   accepted; anything that is not UTF-8 fails with
 *   TAIZHANG_ERROR_INVALID_UTF8 and the byte offset of the first bad byte.
 * - Output is UTF-8, allocated by the library, NUL-terminated (out_len does
 *   not count the NUL), and released with taizhang_free(). On failure *out is
 *   NULL and *out_len 0.
 * - `err` may be NULL (the status code alone). Otherwise *err is set to NULL
 *   on success and to an error object on failure, released with
 *   taizhang_error_free().
 * - No exception crosses this boundary: every failure, including running out
 *   of memory, is a status code.
 * - No global initialisation or teardown: create what you need, free it.
 *
 * Thread safety: a taizhang_parser is immutable once created; any number of
 * threads may call the parse and export functions on one parser at once. An
 * options or export-options object may be shared read-only by concurrent
 * calls, but must not be changed while a call uses it. Errors and outputs
 * belong to the calling thread.
 *
 * ABI: the functions and constants here keep their meaning and signatures for
 * the life of the library's SOVERSION (libtaizhang.so.N, docs/embedding.md);
 * the structs are opaque, so they may grow without a break. New functions
 * and new status codes may be added: treat an unknown code as an error. */
#ifndef TAIZHANG_H
#define TAIZHANG_H

#include <stddef.h>

#include <taizhang/export.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Status codes. 0 is success; everything else is an error. */
typedef enum taizhang_status {
  TAIZHANG_OK = 0,
  TAIZHANG_ERROR_INVALID_ARGUMENT = 1, /* a NULL handle or output pointer, a bad date or month */
  TAIZHANG_ERROR_INVALID_UTF8 = 2,     /* the offset names the first bad byte */
  TAIZHANG_ERROR_IO = 3,               /* a file could not be read (not used by this API yet) */
  TAIZHANG_ERROR_INVALID_JSON = 4,     /* not used by this API yet */
  TAIZHANG_ERROR_OUT_OF_MEMORY = 5,
  TAIZHANG_ERROR_INTERNAL = 6,         /* a bug: please report it with the input */
  TAIZHANG_ERROR_LIMIT_EXCEEDED = 7    /* the input is over a parser limit (the message names it) */
} taizhang_status;

/* taizhang_error_offset() when the error has no place in an input. */
#define TAIZHANG_NO_OFFSET ((size_t)-1)

typedef struct taizhang_error taizhang_error;
typedef struct taizhang_options taizhang_options;
typedef struct taizhang_parser taizhang_parser;
typedef struct taizhang_export_options taizhang_export_options;

/* The library version, "MAJOR.MINOR.PATCH" (static storage). */
TAIZHANG_API const char* taizhang_version(void);

/* --- errors ------------------------------------------------------------- */

TAIZHANG_API taizhang_status taizhang_error_code(const taizhang_error* err);
/* UTF-8, valid until taizhang_error_free(). Never NULL ("" for a NULL err). */
TAIZHANG_API const char* taizhang_error_message(const taizhang_error* err);
/* Byte offset into the input the error is about, or TAIZHANG_NO_OFFSET. */
TAIZHANG_API size_t taizhang_error_offset(const taizhang_error* err);
/* Accepts NULL. */
TAIZHANG_API void taizhang_error_free(taizhang_error* err);

/* Releases output of this library. Accepts NULL. */
TAIZHANG_API void taizhang_free(char* out);

/* --- parser options ------------------------------------------------------ */

/* Everything unset is the library's default (docs/embedding.md). */
TAIZHANG_API taizhang_status taizhang_options_new(taizhang_options** out, taizhang_error** err);
/* Accepts NULL. */
TAIZHANG_API void taizhang_options_free(taizhang_options* options);

/* The year that year-less dates belong to (1400–9999). Default: from the
 * plan title, else the document number, else the signing date. */
TAIZHANG_API taizhang_status taizhang_options_set_plan_year(taizhang_options* options, int year,
                                                            taizhang_error** err);
/* The date 明年/今年 and 印发之日起 are relative to. Default: the signing date,
 * else 1 January of the plan year. */
TAIZHANG_API taizhang_status taizhang_options_set_reference_date(taizhang_options* options,
                                                                 int year, int month, int day,
                                                                 taizhang_error** err);
/* Adds a unit abbreviation to the built-in lexicon, or overrides one
 * (发改委 → 发展和改革委员会). Both are UTF-8 of the given byte lengths. */
TAIZHANG_API taizhang_status taizhang_options_add_lexicon_entry(taizhang_options* options,
                                                                const char* abbreviation,
                                                                size_t abbreviation_len,
                                                                const char* full_name,
                                                                size_t full_name_len,
                                                                taizhang_error** err);
/* Nonzero (the default): match Traditional Chinese through Simplified. */
TAIZHANG_API taizhang_status taizhang_options_set_detect_traditional(taizhang_options* options,
                                                                     int detect,
                                                                     taizhang_error** err);
/* Nonzero (the default): indented JSON; zero: one line. */
TAIZHANG_API taizhang_status taizhang_options_set_pretty_json(taizhang_options* options,
                                                              int pretty, taizhang_error** err);

/* --- the parser ---------------------------------------------------------- */

/* A parser with these options (NULL: all defaults). The options are copied:
 * free them whenever you like. */
TAIZHANG_API taizhang_status taizhang_parser_new(const taizhang_options* options,
                                                 taizhang_parser** out, taizhang_error** err);
/* Accepts NULL. No call on the parser may be running. */
TAIZHANG_API void taizhang_parser_free(taizhang_parser* parser);

/* The plan as JSON, in the format the C++ to_json writes
 * (docs/json-format.md; its "schema" field names the version). */
TAIZHANG_API taizhang_status taizhang_parse_json(const taizhang_parser* parser, const char* utf8,
                                                 size_t len, char** out, size_t* out_len,
                                                 taizhang_error** err);

/* --- ledger exports -------------------------------------------------------- */

/* Optional settings of the exports (NULL: none). */
TAIZHANG_API taizhang_status taizhang_export_options_new(taizhang_export_options** out,
                                                         taizhang_error** err);
/* Accepts NULL. */
TAIZHANG_API void taizhang_export_options_free(taizhang_export_options* options);
/* The supervision office's status CSV (docs/ledger.md): each row carries its
 * status. Lines it cannot use are skipped, as the C++ StatusTable does; only
 * text that is not UTF-8 fails (with its offset). */
TAIZHANG_API taizhang_status taizhang_export_options_set_status_csv(
    taizhang_export_options* options, const char* utf8, size_t len, taizhang_error** err);
/* The date status and progress are judged as of (CSV 进度 column; the monthly
 * report's overdue list). Default: the latest status; for the report, the
 * month's last day. */
TAIZHANG_API taizhang_status taizhang_export_options_set_as_of(taizhang_export_options* options,
                                                               int year, int month, int day,
                                                               taizhang_error** err);
/* iCalendar DTSTAMP. Default: 1 January of the plan year, so the same plan
 * always exports the same bytes. */
TAIZHANG_API taizhang_status taizhang_export_options_set_stamp(taizhang_export_options* options,
                                                               int year, int month, int day,
                                                               taizhang_error** err);
/* Only milestones due in this month, by due date then document order (as
 * `taizhang ledger --month`). Applies to the CSV, iCalendar, Markdown and
 * JSON exports, not to the monthly report, which takes its own month. */
TAIZHANG_API taizhang_status taizhang_export_options_set_month(taizhang_export_options* options,
                                                               int year, int month,
                                                               taizhang_error** err);

/* The ledger (one row per milestone) of the plan in `utf8`, parsed with
 * `parser`. `options` may be NULL. Formats: docs/ledger.md. */
/* RFC 4180 CSV, UTF-8 with BOM, CRLF, a header row. */
TAIZHANG_API taizhang_status taizhang_ledger_csv(const taizhang_parser* parser, const char* utf8,
                                                 size_t len,
                                                 const taizhang_export_options* options,
                                                 char** out, size_t* out_len,
                                                 taizhang_error** err);
/* RFC 5545 iCalendar, one VTODO per milestone. */
TAIZHANG_API taizhang_status taizhang_ledger_icalendar(const taizhang_parser* parser,
                                                       const char* utf8, size_t len,
                                                       const taizhang_export_options* options,
                                                       char** out, size_t* out_len,
                                                       taizhang_error** err);
/* A Markdown table. */
TAIZHANG_API taizhang_status taizhang_ledger_markdown(const taizhang_parser* parser,
                                                      const char* utf8, size_t len,
                                                      const taizhang_export_options* options,
                                                      char** out, size_t* out_len,
                                                      taizhang_error** err);
/* JSON "taizhang.ledger/1". */
TAIZHANG_API taizhang_status taizhang_ledger_json(const taizhang_parser* parser, const char* utf8,
                                                  size_t len,
                                                  const taizhang_export_options* options,
                                                  char** out, size_t* out_len,
                                                  taizhang_error** err);
/* The monthly supervision report (按月督导) in Markdown: per lead unit, what
 * falls due in the month, what is overdue, what was completed in it. */
TAIZHANG_API taizhang_status taizhang_monthly_report(const taizhang_parser* parser,
                                                     const char* utf8, size_t len, int year,
                                                     int month,
                                                     const taizhang_export_options* options,
                                                     char** out, size_t* out_len,
                                                     taizhang_error** err);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* TAIZHANG_H */
