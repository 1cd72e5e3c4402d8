// Fuzz target: taizhang::parse_numeral (include/taizhang/numerals.hpp) on any
// bytes, at the start of the input and at its first few offsets. The header
// promises: any bytes are accepted, the numeral never claims more bytes than
// it was given, and a number is a finite, non-negative value (a fraction a
// ratio in [0, 1]). libFuzzer hands the input in a buffer of exactly its
// size, so AddressSanitizer catches a read past the end.
//
// Built like parse_fuzzer.cpp (tests/fuzz/CMakeLists.txt): a libFuzzer binary
// with clang, and a replay program that ctest runs over corpus/.
#include <taizhang/numerals.hpp>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace {

[[noreturn]] void finding(const char* what, std::size_t offset) {
  std::fprintf(stderr, "taizhang numerals fuzz finding at offset %zu: %s\n", offset, what);
  std::abort();
}

void check(std::string_view input, std::size_t offset) {
  const std::string_view text = input.substr(offset);
  const auto n = taizhang::parse_numeral(text);
  if (!n) return;
  if (n->length == 0) finding("a numeral of no bytes", offset);
  if (n->length > text.size()) finding("a numeral longer than its text", offset);
  if (!std::isfinite(n->value) || n->value < 0) finding("a value that is not a finite quantity", offset);
  if (n->fraction && n->value > 1) finding("a fraction above 1", offset);
  if (n->majority && !n->fraction) finding("过半 that is not a fraction", offset);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  // Numerals are short; a few offsets reach every branch without making a
  // long input quadratic.
  for (std::size_t offset = 0; offset < size && offset < 16; ++offset) check(input, offset);
  if (size == 0) check(input, 0);
  return 0;
}
