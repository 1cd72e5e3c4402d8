// Running out of memory inside any C API call is a status code, never an
// exception through the C boundary or a leak: operator new is replaced here
// so that its k-th call from now throws std::bad_alloc, and each call is
// repeated with k = 1, 2, … until it gets through. Under AddressSanitizer
// (.ci/embedding) every failed attempt is also checked for leaks.
#include <taizhang/taizhang.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <new>
#include <string>

namespace {

long allocations_left = -1;  // -1: never fail

void* allocate(std::size_t size) {
  if (allocations_left == 0) throw std::bad_alloc();
  if (allocations_left > 0) --allocations_left;
  if (void* p = std::malloc(size ? size : 1)) return p;
  throw std::bad_alloc();
}

int failures = 0;
int checks = 0;

// Calls `call` with the k-th allocation failing, k = 1, 2, … until it
// succeeds; every failure must be TAIZHANG_ERROR_OUT_OF_MEMORY with an
// error object saying so and no output.
void until_it_succeeds(const char* name, const std::function<taizhang_status(taizhang_error**)>& call) {
  for (long k = 0;; ++k) {
    taizhang_error* err = nullptr;
    allocations_left = k;
    const taizhang_status status = call(&err);
    allocations_left = -1;
    ++checks;
    if (status == TAIZHANG_OK) {
      std::printf("%s: succeeded once %ld allocations could be made\n", name, k);
      return;
    }
    if (status != TAIZHANG_ERROR_OUT_OF_MEMORY || taizhang_error_code(err) != TAIZHANG_ERROR_OUT_OF_MEMORY) {
      std::fprintf(stderr, "%s: allocation %ld failed: status %d, \"%s\"\n", name, k, static_cast<int>(status),
                   taizhang_error_message(err));
      ++failures;
    }
    taizhang_error_free(err);
    if (k > 1000000) {
      std::fprintf(stderr, "%s: never succeeded\n", name);
      ++failures;
      return;
    }
  }
}

}  // namespace

// Every form that shares the plain delete (the nothrow ones are used by
// std::stable_sort's buffer), so that what is allocated here is freed here.
void* operator new(std::size_t size) { return allocate(size); }
void* operator new[](std::size_t size) { return allocate(size); }
void* operator new(std::size_t size, const std::nothrow_t&) noexcept {
  try {
    return allocate(size);
  } catch (const std::bad_alloc&) {
    return nullptr;
  }
}
void* operator new[](std::size_t size, const std::nothrow_t& tag) noexcept {
  return operator new(size, tag);
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { std::free(p); }

int main() {
  // A small plan in the documented forms (invented city), so that every
  // allocation of a parse can be made to fail in turn.
  const std::string plan =
      "云溪县城市更新2025年工作要点\n一、补齐短板\n1.推进老旧小区改造。6月底前开工率达到60%。\n"
      "牵头单位：县住建局\n配合单位：县财政局\n2.新建口袋公园10个。每季度末报送进展。（县林业局牵头）\n";
  const char status_csv[] = "1.1#1,已完成,,2025-05-01\n";

  taizhang_options* options = nullptr;
  taizhang_parser* parser = nullptr;
  taizhang_export_options* export_options = nullptr;
  char* out = nullptr;
  until_it_succeeds("options_new", [&](taizhang_error** err) { return taizhang_options_new(&options, err); });
  until_it_succeeds("add_lexicon_entry", [&](taizhang_error** err) {
    return taizhang_options_add_lexicon_entry(options, "住建局", std::strlen("住建局"), "住房和城乡建设局",
                                              std::strlen("住房和城乡建设局"), err);
  });
  until_it_succeeds("parser_new", [&](taizhang_error** err) { return taizhang_parser_new(options, &parser, err); });
  until_it_succeeds("export_options_new",
                    [&](taizhang_error** err) { return taizhang_export_options_new(&export_options, err); });
  until_it_succeeds("set_status_csv", [&](taizhang_error** err) {
    return taizhang_export_options_set_status_csv(export_options, status_csv, sizeof status_csv - 1, err);
  });
  auto output = [&](const char* name, auto export_function) {
    until_it_succeeds(name, [&](taizhang_error** err) {
      return export_function(parser, plan.data(), plan.size(), export_options, &out, nullptr, err);
    });
    taizhang_free(out);
  };
  until_it_succeeds("parse_json", [&](taizhang_error** err) {
    return taizhang_parse_json(parser, plan.data(), plan.size(), &out, nullptr, err);
  });
  taizhang_free(out);
  output("ledger_csv", taizhang_ledger_csv);
  output("ledger_icalendar", taizhang_ledger_icalendar);
  output("ledger_markdown", taizhang_ledger_markdown);
  output("ledger_json", taizhang_ledger_json);
  until_it_succeeds("monthly_report", [&](taizhang_error** err) {
    return taizhang_monthly_report(parser, plan.data(), plan.size(), 2025, 6, export_options, &out, nullptr, err);
  });
  taizhang_free(out);

  taizhang_export_options_free(export_options);
  taizhang_parser_free(parser);
  taizhang_options_free(options);
  std::printf("oom: %d passed, %d failed\n", checks - failures, failures);
  return failures == 0 ? 0 : 1;
}
