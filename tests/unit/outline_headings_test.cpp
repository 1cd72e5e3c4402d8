// Outline internals: the test of headings that state principles, goals or
// scope (non_measure_headings.tsv) and its shortcut.
#include "outline/draft.hpp"
#include "text/text.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <iterator>
#include <random>
#include <string>
#include <string_view>

namespace {

using taizhang::detail::is_non_measure_head;
using taizhang::detail::is_non_measure_title;
using taizhang::detail::join_title;

// The heading proper: the title before its first 。 or colon or semicolon.
std::string_view head_of(std::string_view title) {
  std::size_t cut = title.size();
  for (std::string_view stop : {"。", ":", "；", ";"}) cut = std::min(cut, title.find(stop));
  return title.substr(0, cut);
}

TEST(NonMeasureTitle, PrinciplesAndGoalsButNotTasks) {
  EXPECT_TRUE(is_non_measure_title("指导思想"));
  EXPECT_TRUE(is_non_measure_title("总 体 要 求"));
  EXPECT_TRUE(is_non_measure_title("基本原则。坚持统筹推进"));
  EXPECT_TRUE(is_non_measure_title("总体要求坚持以项目为抓手"));  // glued to its paragraph
  EXPECT_FALSE(is_non_measure_title("加快城市更新"));
  EXPECT_FALSE(is_non_measure_title("推进老旧小区改造。到年底完成"));
  EXPECT_FALSE(is_non_measure_title(""));
}

// is_non_measure_title tells most headings apart by the first and last
// characters of their head before joining it: on random headings (table
// words, other words, spaces inside and around, stops, ASCII, two- and
// four-byte characters) it answers as the plain test of the joined head.
TEST(NonMeasureTitle, ShortcutAgreesWithThePlainTestOfTheJoinedHead) {
  const std::string pieces[] = {"总体要求", "指导思想", "基本原则", "原则",  "行动目标", "主要任务目标", "发展",
                                "推进",     "城市",     "要求",     "目标",  "则",       " ",            "\t",
                                "  ",       "。",       ":",        "；",    "5G",       "a",            "é",
                                "𠀋",       "\n",       "总",       "标 准", "工作",     "范围"};
  std::mt19937 rng(5);
  int positives = 0;
  for (int k = 0; k < 20000; ++k) {
    std::string title;
    for (std::size_t n = rng() % 7; n > 0; --n) title += pieces[rng() % std::size(pieces)];
    const bool plain = is_non_measure_head(join_title(head_of(title)));
    positives += plain;
    ASSERT_EQ(is_non_measure_title(title), plain) << k << ": [" << title << "]";
  }
  EXPECT_GT(positives, 1000);
}

}  // namespace
