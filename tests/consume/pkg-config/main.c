/* A C program against the installed C API (taizhang.pc): the plan as JSON
 * and its ledger as CSV. */
#include <taizhang/taizhang.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char** argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: consumer_c PLAN.txt\n");
    return 2;
  }
  FILE* f = fopen(argv[1], "rb");
  static char text[1 << 20];
  const size_t len = f ? fread(text, 1, sizeof text, f) : 0;
  if (f) fclose(f);

  taizhang_parser* parser = NULL;
  taizhang_error* err = NULL;
  char *json = NULL, *csv = NULL;
  size_t json_len = 0, csv_len = 0;
  if (taizhang_parser_new(NULL, &parser, &err) != TAIZHANG_OK ||
      taizhang_parse_json(parser, text, len, &json, &json_len, &err) != TAIZHANG_OK ||
      taizhang_ledger_csv(parser, text, len, NULL, &csv, &csv_len, &err) != TAIZHANG_OK) {
    fprintf(stderr, "error: %s\n", taizhang_error_message(err));
    taizhang_error_free(err);
    taizhang_parser_free(parser);
    return 1;
  }
  const char* number = strstr(json, "青政〔2025〕9号") ? "青政〔2025〕9号" : "no document number";
  printf("C: taizhang %s: %s, %zu bytes of JSON, %zu bytes of CSV\n", taizhang_version(), number,
         json_len, csv_len);
  taizhang_free(json);
  taizhang_free(csv);
  taizhang_parser_free(parser);
  return 0;
}
