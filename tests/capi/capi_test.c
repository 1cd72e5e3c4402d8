/* The C API from C11: every function of taizhang.h, on the project's own
 * example plan and on its error paths (invalid UTF-8 with its offset, NULL
 * arguments, impossible dates). Run under AddressSanitizer+UBSan in CI
 * (.ci/embedding), which also catches a leak of any output or error object.
 *
 *   capi_test PLAN.txt EXPECTED_VERSION
 *
 * Checks hold for any correct reading of the plan: the parser's own results
 * are compared across formats (every export has one row per milestone), not
 * against fixed counts that a better parser would change. */
#include <taizhang/taizhang.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int passed = 0;
static int failed = 0;

#define CHECK(cond)                                                  \
  do {                                                               \
    if (cond) {                                                      \
      ++passed;                                                      \
    } else {                                                         \
      ++failed;                                                      \
      fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
    }                                                                \
  } while (0)

static char* read_file(const char* path, size_t* len) {
  FILE* f = fopen(path, "rb");
  if (!f) return NULL;
  size_t cap = 1 << 16, n = 0;
  char* buf = malloc(cap);
  size_t got;
  while (buf && (got = fread(buf + n, 1, cap - n, f)) > 0) {
    n += got;
    if (n == cap) {
      char* bigger = realloc(buf, cap *= 2);
      if (!bigger) free(buf);
      buf = bigger;
    }
  }
  fclose(f);
  *len = n;
  return buf;
}

static int contains(const char* haystack, const char* needle) {
  return haystack && strstr(haystack, needle) != NULL;
}

static size_t count(const char* haystack, const char* needle) {
  size_t n = 0;
  for (const char* p = haystack; p && (p = strstr(p, needle)) != NULL; p += strlen(needle)) ++n;
  return n;
}

/* RFC 4180: the number of records, and whether field `column` of every
 * record after the header starts with `prefix` (NULL: no check). */
static size_t csv_records(const char* csv, size_t len, int column, const char* prefix, int* all_match) {
  size_t records = 0;
  int field = 0, quoted = 0, at_field_start = 1;
  *all_match = 1;
  for (size_t i = 0; i < len; ++i) {
    const char c = csv[i];
    if (at_field_start && prefix && records > 0 && field == column)
      if (strncmp(csv + i, prefix, strlen(prefix)) != 0) *all_match = 0;
    at_field_start = 0;
    if (quoted) {
      if (c == '"') quoted = (i + 1 < len && csv[i + 1] == '"') ? (++i, 1) : 0;
    } else if (c == '"') {
      quoted = 1;
    } else if (c == ',') {
      ++field;
      at_field_start = 1;
    } else if (c == '\n') {
      ++records;
      field = 0;
      at_field_start = 1;
    }
  }
  return records;
}

/* Rows of the Markdown tables (one table per section, each with a header). */
static size_t markdown_rows(const char* md) {
  return count(md, "\n| ") - count(md, "\n| 编号 |");
}

static void test_version(const char* expected) {
  CHECK(strcmp(taizhang_version(), expected) == 0);
}

static void test_errors_accessors(void) {
  CHECK(taizhang_error_code(NULL) == TAIZHANG_OK);
  CHECK(strcmp(taizhang_error_message(NULL), "") == 0);
  CHECK(taizhang_error_offset(NULL) == TAIZHANG_NO_OFFSET);
  taizhang_error_free(NULL);
  taizhang_free(NULL);
  taizhang_options_free(NULL);
  taizhang_parser_free(NULL);
  taizhang_export_options_free(NULL);
}

static void test_parse(const taizhang_parser* parser, const char* plan, size_t plan_len) {
  char* out = NULL;
  size_t out_len = 0;
  taizhang_error* err = (taizhang_error*)&out; /* must be overwritten with NULL */
  CHECK(taizhang_parse_json(parser, plan, plan_len, &out, &out_len, &err) == TAIZHANG_OK);
  CHECK(err == NULL);
  CHECK(out != NULL && out_len == strlen(out));
  CHECK(contains(out, "\"schema\": \"taizhang.plan/"));
  CHECK(contains(out, "青政〔2025〕9号"));
  CHECK(contains(out, "\"title\": \"青川市城市更新和宜居品质提升2025年细化措施\""));
  CHECK(contains(out, "\"signed_on\": \"2025-03-18\""));
  CHECK(contains(out, "青川市公共交通集团有限公司")); /* the lexicon entry the options added */
  taizhang_free(out);

  /* The empty text is a plan with nothing in it; NULL with length 0 is it. */
  CHECK(taizhang_parse_json(parser, NULL, 0, &out, NULL, &err) == TAIZHANG_OK);
  CHECK(contains(out, "\"schema\""));
  taizhang_free(out);
}

static void test_options(const char* plan, size_t plan_len) {
  taizhang_options* options = NULL;
  taizhang_parser* parser = NULL;
  taizhang_error* err = NULL;
  char* out = NULL;
  CHECK(taizhang_options_new(&options, &err) == TAIZHANG_OK);
  CHECK(taizhang_options_set_plan_year(options, 2031, &err) == TAIZHANG_OK);
  CHECK(taizhang_options_set_reference_date(options, 2031, 2, 28, &err) == TAIZHANG_OK);
  CHECK(taizhang_options_set_detect_traditional(options, 0, &err) == TAIZHANG_OK);
  CHECK(taizhang_options_set_pretty_json(options, 0, &err) == TAIZHANG_OK);
  CHECK(taizhang_parser_new(options, &parser, &err) == TAIZHANG_OK);
  taizhang_options_free(options); /* the parser copied them */
  CHECK(taizhang_parse_json(parser, plan, plan_len, &out, NULL, &err) == TAIZHANG_OK);
  CHECK(contains(out, "\"plan_year\":2031"));
  CHECK(!contains(out, "\n ")); /* not pretty: no indentation */
  taizhang_free(out);
  taizhang_parser_free(parser);

  /* A parser with every default. */
  CHECK(taizhang_parser_new(NULL, &parser, NULL) == TAIZHANG_OK);
  CHECK(taizhang_parse_json(parser, plan, plan_len, &out, NULL, NULL) == TAIZHANG_OK);
  CHECK(contains(out, "\"plan_year\": 2025"));
  CHECK(!contains(out, "青川市公共交通集团有限公司"));
  taizhang_free(out);
  taizhang_parser_free(parser);
}

static void test_exports(const taizhang_parser* parser, const char* plan, size_t plan_len) {
  char *csv = NULL, *ics = NULL, *md = NULL, *json = NULL, *report = NULL;
  size_t csv_len = 0, ics_len = 0, md_len = 0, json_len = 0, report_len = 0;
  taizhang_error* err = NULL;
  int all = 0;
  CHECK(taizhang_ledger_csv(parser, plan, plan_len, NULL, &csv, &csv_len, &err) == TAIZHANG_OK);
  CHECK(taizhang_ledger_icalendar(parser, plan, plan_len, NULL, &ics, &ics_len, &err) == TAIZHANG_OK);
  CHECK(taizhang_ledger_markdown(parser, plan, plan_len, NULL, &md, &md_len, &err) == TAIZHANG_OK);
  CHECK(taizhang_ledger_json(parser, plan, plan_len, NULL, &json, &json_len, &err) == TAIZHANG_OK);
  CHECK(strncmp(csv, "\xEF\xBB\xBF" "里程碑编号,", strlen("\xEF\xBB\xBF" "里程碑编号,")) == 0);
  CHECK(contains(csv, "\r\n1.1.1#1,1.1.1,1,"));
  CHECK(strncmp(ics, "BEGIN:VCALENDAR\r\n", 17) == 0 && contains(ics, "END:VCALENDAR\r\n"));
  CHECK(contains(json, "taizhang.ledger/"));
  /* One row per milestone in every format. */
  const size_t rows = csv_records(csv, csv_len, 0, NULL, &all) - 1;
  CHECK(rows > 0);
  CHECK(count(ics, "BEGIN:VTODO") == rows);
  CHECK(markdown_rows(md) == rows);
  CHECK(count(json, "\"measure\": {") == rows);
  CHECK(csv_len == strlen(csv) && ics_len == strlen(ics) && md_len == strlen(md) && json_len == strlen(json));
  taizhang_free(csv);
  taizhang_free(ics);
  taizhang_free(md);
  taizhang_free(json);

  CHECK(taizhang_monthly_report(parser, plan, plan_len, 2025, 6, NULL, &report, &report_len, &err) ==
        TAIZHANG_OK);
  CHECK(report_len == strlen(report));
  CHECK(contains(report, "2025年6月督导报告"));
  CHECK(contains(report, "\n## 市住建局\n"));
  taizhang_free(report);
}

static void test_export_options(const taizhang_parser* parser, const char* plan, size_t plan_len) {
  taizhang_export_options* options = NULL;
  taizhang_error* err = NULL;
  char* out = NULL;
  size_t out_len = 0;
  int all_in_june = 0;
  const char status[] = "里程碑编号,状态,备注,日期\n1.1.1#1,已完成,按期开工,2025-05-20\n";
  CHECK(taizhang_export_options_new(&options, &err) == TAIZHANG_OK);
  CHECK(taizhang_export_options_set_status_csv(options, status, sizeof status - 1, &err) == TAIZHANG_OK);
  CHECK(taizhang_export_options_set_as_of(options, 2025, 6, 30, &err) == TAIZHANG_OK);
  CHECK(taizhang_export_options_set_stamp(options, 2025, 1, 2, &err) == TAIZHANG_OK);

  CHECK(taizhang_ledger_csv(parser, plan, plan_len, options, &out, &out_len, &err) == TAIZHANG_OK);
  CHECK(contains(out, ",状态日期,进度\r\n")); /* a status table and a date: progress */
  CHECK(contains(out, "已完成,按期开工,2025-05-20,已完成\r\n"));
  taizhang_free(out);
  CHECK(taizhang_ledger_icalendar(parser, plan, plan_len, options, &out, NULL, &err) == TAIZHANG_OK);
  CHECK(contains(out, "DTSTAMP:20250102T000000Z\r\n"));
  taizhang_free(out);

  /* Only June: every row's 截止日期 (column 11) is in it, and there are some. */
  CHECK(taizhang_export_options_set_month(options, 2025, 6, &err) == TAIZHANG_OK);
  CHECK(taizhang_ledger_csv(parser, plan, plan_len, options, &out, &out_len, &err) == TAIZHANG_OK);
  CHECK(csv_records(out, out_len, 11, "2025-06-", &all_in_june) > 1);
  CHECK(all_in_june);
  taizhang_free(out);

  CHECK(taizhang_monthly_report(parser, plan, plan_len, 2025, 5, options, &out, NULL, &err) == TAIZHANG_OK);
  CHECK(contains(out, "本月完成（1）"));
  taizhang_free(out);
  taizhang_export_options_free(options);
}

static void check_error(int line, taizhang_status got, taizhang_error* err, taizhang_status code,
                        size_t offset) {
  const int ok = got == code && taizhang_error_code(err) == code && taizhang_error_offset(err) == offset &&
                 strlen(taizhang_error_message(err)) > 0;
  CHECK(ok);
  if (!ok)
    fprintf(stderr, "  line %d: status %d, error %d \"%s\" at %zu; expected %d at %zu\n", line, (int)got,
            (int)taizhang_error_code(err), taizhang_error_message(err), taizhang_error_offset(err), (int)code,
            offset);
  taizhang_error_free(err);
}

/* The call fails with `code` and an error object at `offset` (the call sets
 * `err` before it is read). */
#define EXPECT_ERROR(call, code, offset)                  \
  do {                                                    \
    const taizhang_status status_ = (call);               \
    check_error(__LINE__, status_, err, (code), (offset)); \
  } while (0)

static void test_invalid_utf8(const taizhang_parser* parser) {
  /* 青川 is 6 bytes; then a lone continuation byte. */
  const char bad[] = "青川\x80市";
  const char truncated[] = "青川\xE5\xB8"; /* 市 cut short at the end */
  char* out = (char*)"not cleared";
  size_t out_len = 99;
  taizhang_error* err = NULL;
  EXPECT_ERROR(taizhang_parse_json(parser, bad, sizeof bad - 1, &out, &out_len, &err),
               TAIZHANG_ERROR_INVALID_UTF8, 6);
  CHECK(out == NULL && out_len == 0);
  EXPECT_ERROR(taizhang_parse_json(parser, truncated, sizeof truncated - 1, &out, &out_len, &err),
               TAIZHANG_ERROR_INVALID_UTF8, 6);
  EXPECT_ERROR(taizhang_ledger_csv(parser, bad, sizeof bad - 1, NULL, &out, &out_len, &err),
               TAIZHANG_ERROR_INVALID_UTF8, 6);
  EXPECT_ERROR(taizhang_monthly_report(parser, bad, sizeof bad - 1, 2025, 6, NULL, &out, NULL, &err),
               TAIZHANG_ERROR_INVALID_UTF8, 6);

  taizhang_export_options* xo = NULL;
  taizhang_options* po = NULL;
  CHECK(taizhang_export_options_new(&xo, NULL) == TAIZHANG_OK);
  EXPECT_ERROR(taizhang_export_options_set_status_csv(xo, bad, sizeof bad - 1, &err),
               TAIZHANG_ERROR_INVALID_UTF8, 6);
  taizhang_export_options_free(xo);
  CHECK(taizhang_options_new(&po, NULL) == TAIZHANG_OK);
  EXPECT_ERROR(taizhang_options_add_lexicon_entry(po, "发改委", strlen("发改委"), "\xC0\xAF", 2, &err),
               TAIZHANG_ERROR_INVALID_UTF8, 0); /* an overlong '/' */
  EXPECT_ERROR(taizhang_options_add_lexicon_entry(po, "\xED\xA0\x80", 3, "x", 1, &err),
               TAIZHANG_ERROR_INVALID_UTF8, 0); /* a surrogate */
  taizhang_options_free(po);
  /* Without an error object the status code alone says it. */
  CHECK(taizhang_parse_json(parser, bad, sizeof bad - 1, &out, NULL, NULL) == TAIZHANG_ERROR_INVALID_UTF8);
}

static void test_invalid_arguments(const taizhang_parser* parser) {
  const taizhang_status invalid = TAIZHANG_ERROR_INVALID_ARGUMENT;
  char* out = NULL;
  size_t out_len = 0;
  taizhang_error* err = NULL;
  taizhang_options* po = NULL;
  taizhang_export_options* xo = NULL;

  EXPECT_ERROR(taizhang_parse_json(NULL, "x", 1, &out, &out_len, &err),
               invalid, TAIZHANG_NO_OFFSET);
  EXPECT_ERROR(taizhang_parse_json(parser, "x", 1, NULL, &out_len, &err),
               invalid, TAIZHANG_NO_OFFSET);
  EXPECT_ERROR(taizhang_parse_json(parser, NULL, 5, &out, &out_len, &err),
               invalid, TAIZHANG_NO_OFFSET);
  EXPECT_ERROR(taizhang_ledger_csv(NULL, "x", 1, NULL, &out, NULL, &err),
               invalid, TAIZHANG_NO_OFFSET);
  EXPECT_ERROR(taizhang_ledger_icalendar(parser, "x", 1, NULL, NULL, NULL, &err),
               invalid, TAIZHANG_NO_OFFSET);
  EXPECT_ERROR(taizhang_ledger_markdown(parser, NULL, 1, NULL, &out, NULL, &err),
               invalid, TAIZHANG_NO_OFFSET);
  EXPECT_ERROR(taizhang_ledger_json(NULL, NULL, 0, NULL, &out, NULL, &err), invalid, TAIZHANG_NO_OFFSET);
  EXPECT_ERROR(taizhang_monthly_report(parser, "x", 1, 2025, 13, NULL, &out, NULL, &err), invalid,
               TAIZHANG_NO_OFFSET);
  EXPECT_ERROR(taizhang_monthly_report(NULL, "x", 1, 2025, 6, NULL, &out, NULL, &err), invalid,
               TAIZHANG_NO_OFFSET);
  EXPECT_ERROR(taizhang_options_new(NULL, &err), invalid, TAIZHANG_NO_OFFSET);
  EXPECT_ERROR(taizhang_parser_new(NULL, NULL, &err), invalid, TAIZHANG_NO_OFFSET);
  EXPECT_ERROR(taizhang_export_options_new(NULL, &err), invalid, TAIZHANG_NO_OFFSET);

  EXPECT_ERROR(taizhang_options_set_plan_year(NULL, 2025, &err), invalid, TAIZHANG_NO_OFFSET);
  EXPECT_ERROR(taizhang_options_set_reference_date(NULL, 2025, 1, 1, &err),
               invalid, TAIZHANG_NO_OFFSET);
  EXPECT_ERROR(taizhang_options_set_detect_traditional(NULL, 1, &err), invalid, TAIZHANG_NO_OFFSET);
  EXPECT_ERROR(taizhang_options_set_pretty_json(NULL, 1, &err), invalid, TAIZHANG_NO_OFFSET);
  EXPECT_ERROR(taizhang_options_add_lexicon_entry(NULL, "a", 1, "b", 1, &err),
               invalid, TAIZHANG_NO_OFFSET);
  EXPECT_ERROR(taizhang_export_options_set_status_csv(NULL, "", 0, &err),
               invalid, TAIZHANG_NO_OFFSET);
  EXPECT_ERROR(taizhang_export_options_set_as_of(NULL, 2025, 1, 1, &err),
               invalid, TAIZHANG_NO_OFFSET);
  EXPECT_ERROR(taizhang_export_options_set_stamp(NULL, 2025, 1, 1, &err),
               invalid, TAIZHANG_NO_OFFSET);
  EXPECT_ERROR(taizhang_export_options_set_month(NULL, 2025, 1, &err), invalid, TAIZHANG_NO_OFFSET);

  CHECK(taizhang_options_new(&po, &err) == TAIZHANG_OK);
  EXPECT_ERROR(taizhang_options_set_plan_year(po, 99999, &err), invalid, TAIZHANG_NO_OFFSET);
  EXPECT_ERROR(taizhang_options_set_reference_date(po, 2025, 2, 30, &err),
               invalid, TAIZHANG_NO_OFFSET);
  EXPECT_ERROR(taizhang_options_add_lexicon_entry(po, "", 0, "b", 1, &err),
               invalid, TAIZHANG_NO_OFFSET);
  EXPECT_ERROR(taizhang_options_add_lexicon_entry(po, "a", 1, NULL, 3, &err),
               invalid, TAIZHANG_NO_OFFSET);
  taizhang_options_free(po);
  CHECK(taizhang_export_options_new(&xo, &err) == TAIZHANG_OK);
  EXPECT_ERROR(taizhang_export_options_set_as_of(xo, 2025, 4, 31, &err),
               invalid, TAIZHANG_NO_OFFSET);
  EXPECT_ERROR(taizhang_export_options_set_stamp(xo, 0, 1, 1, &err), invalid, TAIZHANG_NO_OFFSET);
  EXPECT_ERROR(taizhang_export_options_set_month(xo, 2025, 0, &err), invalid, TAIZHANG_NO_OFFSET);
  taizhang_export_options_free(xo);
}

int main(int argc, char** argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: capi_test PLAN.txt EXPECTED_VERSION\n");
    return 2;
  }
  size_t plan_len = 0;
  char* plan = read_file(argv[1], &plan_len);
  if (!plan) {
    fprintf(stderr, "cannot read %s\n", argv[1]);
    return 2;
  }
  taizhang_options* options = NULL;
  taizhang_parser* parser = NULL;
  const char abbreviation[] = "公交集团", full_name[] = "青川市公共交通集团有限公司";
  CHECK(taizhang_options_new(&options, NULL) == TAIZHANG_OK);
  CHECK(taizhang_options_add_lexicon_entry(options, abbreviation, sizeof abbreviation - 1, full_name,
                                           sizeof full_name - 1, NULL) == TAIZHANG_OK);
  CHECK(taizhang_parser_new(options, &parser, NULL) == TAIZHANG_OK);
  taizhang_options_free(options);
  if (!parser) return 1;

  test_version(argv[2]);
  test_errors_accessors();
  test_parse(parser, plan, plan_len);
  test_options(plan, plan_len);
  test_exports(parser, plan, plan_len);
  test_export_options(parser, plan, plan_len);
  test_invalid_utf8(parser);
  test_invalid_arguments(parser);

  taizhang_parser_free(parser);
  free(plan);
  printf("capi: %d passed, %d failed\n", passed, failed);
  return failed == 0 ? 0 : 1;
}
