/* capi_example: a plan's ledger through the C API (docs/embedding.md).
 *
 *   capi_example PLAN.txt YYYY-MM      the plan as JSON, then its monthly report
 *
 * Build: cc -std=c11 capi_example.c $(pkg-config --cflags --libs taizhang) */
#include <taizhang/taizhang.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Reads a whole file; NULL if it cannot. */
static char* read_file(const char* path, size_t* len) {
  FILE* f = fopen(path, "rb");
  char* text = NULL;
  long size = -1;
  if (f && fseek(f, 0, SEEK_END) == 0 && (size = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0 &&
      (text = malloc((size_t)size + 1)) != NULL)
    *len = fread(text, 1, (size_t)size, f);
  if (f) fclose(f);
  return text;
}

/* Prints a failed call's error and releases it. */
static int report(const char* what, taizhang_error* err) {
  fprintf(stderr, "%s: %s", what, taizhang_error_message(err));
  if (taizhang_error_offset(err) != TAIZHANG_NO_OFFSET)
    fprintf(stderr, " (byte %zu)", taizhang_error_offset(err));
  fprintf(stderr, "\n");
  taizhang_error_free(err);
  return 1;
}

int main(int argc, char** argv) {
  int year = 0, month = 0;
  if (argc != 3 || sscanf(argv[2], "%4d-%2d", &year, &month) != 2) {
    fprintf(stderr, "usage: capi_example PLAN.txt YYYY-MM\n");
    return 2;
  }
  size_t len = 0;
  char* text = read_file(argv[1], &len);
  if (!text) {
    fprintf(stderr, "cannot read %s\n", argv[1]);
    return 1;
  }

  /* A parser that knows one more abbreviation than the built-in table. */
  taizhang_options* options = NULL;
  taizhang_parser* parser = NULL;
  taizhang_error* err = NULL;
  const char abbreviation[] = "公交集团", full_name[] = "青川市公共交通集团有限公司";
  if (taizhang_options_new(&options, &err) != TAIZHANG_OK ||
      taizhang_options_add_lexicon_entry(options, abbreviation, strlen(abbreviation), full_name,
                                         strlen(full_name), &err) != TAIZHANG_OK ||
      taizhang_parser_new(options, &parser, &err) != TAIZHANG_OK) {
    taizhang_options_free(options);
    free(text);
    return report("parser", err);
  }
  taizhang_options_free(options); /* the parser keeps its own copy */

  /* The plan as JSON (docs/json-format.md), for a JSON library to read. */
  char* json = NULL;
  size_t json_len = 0;
  int status = 0;
  if (taizhang_parse_json(parser, text, len, &json, &json_len, &err) != TAIZHANG_OK) {
    status = report(argv[1], err);
  } else {
    printf("%s: %zu bytes of plan JSON\n\n", argv[1], json_len);
    taizhang_free(json);

    /* The monthly supervision report (Markdown). */
    char* markdown = NULL;
    if (taizhang_monthly_report(parser, text, len, year, month, NULL, &markdown, NULL, &err) !=
        TAIZHANG_OK) {
      status = report("report", err);
    } else {
      fputs(markdown, stdout);
      taizhang_free(markdown);
    }
  }
  taizhang_parser_free(parser);
  free(text);
  return status;
}
