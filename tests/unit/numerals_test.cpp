// The numeral parser: every form plan documents use, and malformed runs.
#include <taizhang/numerals.hpp>

#include "targets/numeral_chars.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <random>
#include <string>

namespace {

using taizhang::parse_numeral;

struct Case {
  const char* text;
  double value;
  std::size_t length;  // bytes consumed
  bool percent = false;
  bool fraction = false;
};

class NumeralForms : public ::testing::TestWithParam<Case> {};

TEST_P(NumeralForms, Reads) {
  const Case& c = GetParam();
  const auto n = parse_numeral(c.text);
  ASSERT_TRUE(n.has_value()) << c.text;
  EXPECT_DOUBLE_EQ(n->value, c.value) << c.text;
  EXPECT_EQ(n->length, c.length) << c.text;
  EXPECT_EQ(n->percent, c.percent) << c.text;
  EXPECT_EQ(n->fraction, c.fraction) << c.text;
}

// Lengths in bytes: an ASCII digit is 1, a Chinese or full-width character 3.
INSTANTIATE_TEST_SUITE_P(
    All, NumeralForms,
    ::testing::Values(
        // Arabic
        Case{"9000个", 9000, 4}, Case{"95.5", 95.5, 4}, Case{"71.2%提升", 71.2, 5, true},
        Case{"1,000,000元", 1000000, 9}, Case{"12,500.5吨", 12500.5, 8}, Case{"0.5", 0.5, 3},
        Case{"3,5,7", 3, 1},          // a list, not thousands
        Case{"1.加快", 1, 1},          // a heading marker: the dot is not a decimal point
        Case{"９０００个", 9000, 12},   // full-width digits
        Case{"９５．５％", 95.5, 15, true},
        // Chinese
        Case{"二十九条", 29, 9}, Case{"一万二千", 12000, 12}, Case{"一万二", 12000, 9},
        Case{"三千五百", 3500, 12}, Case{"三千五", 3500, 9}, Case{"两千", 2000, 6},
        Case{"一千零五", 1005, 12}, Case{"〇", 0, 3}, Case{"零", 0, 3}, Case{"十", 10, 3},
        Case{"十二", 12, 6}, Case{"一百二十", 120, 12}, Case{"一亿二千万", 120000000, 15},
        Case{"二〇二二年", 2022, 12}, Case{"叁仟伍佰", 3500, 12}, Case{"三点五", 3.5, 9},
        Case{"两个", 2, 3},
        // mixed
        Case{"5.7万户", 57000, 6}, Case{"1.55万个", 15500, 7}, Case{"1000万条", 10000000, 7},
        Case{"3万5千", 35000, 8}, Case{"1.2亿元", 120000000, 6}, Case{"1万5000", 15000, 8},
        Case{"5千", 5000, 4}, Case{"3万亿", 3e12, 7},
        // bare scale words before a measure word
        Case{"万名以上", 10000, 3}, Case{"千人", 1000, 3}, Case{"千万条", 1e7, 6},
        // percentages and fractions
        Case{"95.5%", 95.5, 5, true}, Case{"百分之九十五", 95, 18, true},
        Case{"百分之九十五点五", 95.5, 24, true}, Case{"三分之一", 1.0 / 3, 12, false, true},
        Case{"三分之二以上", 2.0 / 3, 12, false, true}, Case{"过半", 0.5, 6, false, true},
        Case{"5%以内", 5, 2, true}));

class Malformed : public ::testing::TestWithParam<const char*> {};

TEST_P(Malformed, NoNumber) { EXPECT_FALSE(parse_numeral(GetParam()).has_value()) << GetParam(); }

INSTANTIATE_TEST_SUITE_P(
    All, Malformed,
    ::testing::Values("一万万", "5..7万", "1.2.3", "五百三千", "一千百", "万万万", "万安通用机场",
                      "千米", "千瓦", "三五", "亿万", "", "abc", "过", "兆瓦", "万", "百分之",
                      "0分之1", "1234567890123456789012", "\xff\xfe"));

TEST(Numeral, InvalidUtf8EndsTheNumeral) {
  const auto n = parse_numeral("12\xff");
  ASSERT_TRUE(n);
  EXPECT_EQ(n->value, 12);
  EXPECT_EQ(n->length, 2u);
}

TEST(Numeral, FlagsChineseAndScale) {
  auto n = parse_numeral("5.7万");
  ASSERT_TRUE(n);
  EXPECT_TRUE(n->scaled);
  EXPECT_FALSE(n->integer);
  n = parse_numeral("万名");
  ASSERT_TRUE(n);
  EXPECT_TRUE(n->bare_scale);
  n = parse_numeral("二十九");
  ASSERT_TRUE(n);
  EXPECT_TRUE(n->chinese);
  EXPECT_FALSE(n->scaled);
}

TEST(Numeral, HostileInputEndsQuickly) {
  const std::string digits(10000, '7');
  EXPECT_FALSE(parse_numeral(digits));  // too long to be a quantity
  std::string wan;
  for (int i = 0; i < 5000; ++i) wan += "万";
  EXPECT_FALSE(parse_numeral(wan));
  std::string mixed;
  for (int i = 0; i < 3000; ++i) mixed += "一万";
  EXPECT_FALSE(parse_numeral(mixed));
  std::string dots;
  for (int i = 0; i < 3000; ++i) dots += "1.";
  const auto n = parse_numeral(dots);  // 1.1.1…: a section number
  EXPECT_FALSE(n);
}

TEST(Numeral, ImproperFractionIsNoNumber) {
  // A share is at most the whole (the header: a fraction in [0, 1]); found by
  // fuzzing (tests/fuzz/corpus/numerals-improper-fraction.txt).
  EXPECT_FALSE(parse_numeral("三分之五"));
  EXPECT_FALSE(parse_numeral("888分之8888"));
  const auto whole = parse_numeral("三分之三");
  ASSERT_TRUE(whole);
  EXPECT_DOUBLE_EQ(whole->value, 1.0);
  const auto over = parse_numeral("百分之一百二十");  // a percentage may exceed 100
  ASSERT_TRUE(over);
  EXPECT_TRUE(over->percent);
  EXPECT_DOUBLE_EQ(over->value, 120.0);
}

}  // namespace

// decimal_value reads short numbers without strtod: on random digit strings
// with and without a decimal point, of 1 to 36 digits, it gives exactly
// the double strtod gives.
TEST(Numeral, DecimalValueIsStrtod) {
  std::mt19937_64 rng(5);
  for (int k = 0; k < 200000; ++k) {
    std::string s;
    const std::size_t whole = 1 + rng() % 18, fraction = rng() % 3 == 0 ? 0 : 1 + rng() % 18;
    for (std::size_t d = 0; d < whole; ++d) s += static_cast<char>('0' + (d == 0 && rng() % 4 ? 1 + rng() % 9 : rng() % 10));
    if (fraction) {
      s += '.';
      for (std::size_t d = 0; d < fraction; ++d) s += static_cast<char>('0' + rng() % 10);
    }
    ASSERT_EQ(taizhang::detail::targets::decimal_value(s.c_str(), s.size()), std::strtod(s.c_str(), nullptr)) << s;
  }
}

// The numeral parser reads digit and numeral values from a table built
// once; ICU's properties are their definition. Every code point (the
// surrogates are no characters) gets the same values both ways.
TEST(Numeral, CharValueTableAgreesWithIcu) {
  using taizhang::detail::targets::char_values;
  using taizhang::detail::targets::char_values_icu;
  for (char32_t cp = 0; cp <= 0x10FFFF; ++cp) {
    if (cp >= 0xD800 && cp <= 0xDFFF) continue;
    const auto fast = char_values(cp);
    const auto plain = char_values_icu(cp);
    ASSERT_EQ(fast.digit, plain.digit) << std::hex << static_cast<unsigned>(cp);
    ASSERT_EQ(fast.chinese, plain.chinese) << std::hex << static_cast<unsigned>(cp);
  }
}
