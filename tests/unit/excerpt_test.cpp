// Excerpt: the model's texts are pieces of one shared copy of the input.
#include <taizhang/ledger.hpp>
#include <taizhang/parser.hpp>

#include <gtest/gtest.h>

#include <memory>
#include <set>
#include <sstream>
#include <string>

namespace taizhang {
namespace {

// A small plan written for this test: two measures, one with a dated clause.
constexpr const char* kPlan =
    "关于推进社区服务的实施方案\n"
    "一、重点任务\n"
    "（一）完善服务设施。6月底前，建成服务站点10个。（牵头单位：市民政局）\n"
    "（二）提升服务水平。年底前，培训社工200人次。（牵头单位：市人社局）\n";

TEST(Excerpt, FromAStringHoldsACopyOfItsOwn) {
  std::string s = "建成服务站点";
  const Excerpt e(s);
  s.assign("x");
  EXPECT_EQ(e, "建成服务站点");
  EXPECT_EQ(e.size(), std::string_view("建成服务站点").size());
  EXPECT_FALSE(e.empty());
  EXPECT_TRUE(Excerpt().empty());
  EXPECT_EQ(Excerpt(""), Excerpt());
  EXPECT_EQ(Excerpt().source(), nullptr);  // the empty text allocates nothing
}

TEST(Excerpt, ComparesCharactersNotWhereTheyAreKept) {
  auto source = std::make_shared<const std::string>("甲乙丙甲乙");
  const Excerpt first(source, 0, 6), second(source, 9, 6), other(source, 3, 6);
  EXPECT_EQ(first, second);
  EXPECT_EQ(first, Excerpt("甲乙"));
  EXPECT_EQ(first, std::string("甲乙"));
  EXPECT_EQ(first, std::string_view("甲乙"));
  EXPECT_NE(first, other);
  EXPECT_GT(first, other);  // by UTF-8 bytes, as std::string_view: 甲 E7 94 B2, 乙 E4 B9 99
  std::ostringstream os;
  os << other;
  EXPECT_EQ(os.str(), "乙丙");
  EXPECT_EQ("【" + other + "】", "【乙丙】");
}

TEST(Excerpt, ReadsLikeAStringView) {
  const Excerpt e(std::make_shared<const std::string>("6月底前，建成站点"), 0, 25);
  EXPECT_TRUE(e.starts_with("6月"));
  EXPECT_TRUE(e.ends_with("站点"));
  EXPECT_EQ(e.find("建成"), std::string_view("6月底前，").size());
  EXPECT_EQ(e.rfind("月"), 1u);
  EXPECT_EQ(e.substr(0, 1), "6");
  EXPECT_EQ(std::string(e.begin(), e.end()), e.str());
}

TEST(Excerpt, IsClampedToItsSource) {
  auto source = std::make_shared<const std::string>("abc");
  EXPECT_EQ(Excerpt(source, 1, 99), "bc");
  EXPECT_EQ(Excerpt(source, 99, 2), "");
  EXPECT_EQ(Excerpt(nullptr, 3, 2), "");
}

// Every text of a parse is a piece of one copy of the input, at its span.
TEST(Excerpt, TheTextsOfAParseShareOneCopyAtTheirSpans) {
  const Plan plan = parse(kPlan);
  const auto measures = all_measures(plan);
  ASSERT_EQ(measures.size(), 2u);
  std::set<const std::string*> sources;
  for (const Measure* m : measures) {
    sources.insert(m->text.source().get());
    EXPECT_EQ(m->text.offset(), m->span.byte_start);
    EXPECT_EQ(m->text.size(), m->span.byte_end - m->span.byte_start);
    for (const Milestone& ms : m->milestones) {
      sources.insert(ms.text.source().get());
      EXPECT_EQ(ms.text.offset(), ms.span.byte_start);
      if (!ms.deadline.text.empty()) sources.insert(ms.deadline.text.source().get());
    }
    for (const Target& t : m->targets) sources.insert(t.text.source().get());
  }
  ASSERT_EQ(sources.size(), 1u);
  EXPECT_EQ(**sources.begin(), kPlan);
  EXPECT_EQ(measures[0]->milestones.at(0).deadline.text, "6月底前");
}

// A measure copied out of its Plan keeps its text alive.
TEST(Excerpt, OutlivesThePlan) {
  Measure kept;
  {
    std::string text = kPlan;
    const Plan plan = parse(text);
    kept = *all_measures(plan).at(1);
    text.assign(text.size(), 'x');  // the caller's buffer is not what the plan reads
  }
  EXPECT_TRUE(kept.text.starts_with("（二）提升服务水平"));
  EXPECT_EQ(kept.targets.at(0).text, "200人次");
}

// The shared_ptr overload keeps the caller's string instead of copying it.
TEST(Excerpt, ParseOfASharedStringCopiesNothing) {
  auto text = std::make_shared<const std::string>(kPlan);
  const Plan plan = Parser().parse(text);
  EXPECT_EQ(all_measures(plan).at(0)->text.source(), text);
  EXPECT_EQ(plan, parse(kPlan));
  EXPECT_THROW(Parser().parse(std::shared_ptr<const std::string>()), Error);
}

// A ledger row's text is the milestone's piece of the same copy.
TEST(Excerpt, LedgerRowsShareThePlansText) {
  const Plan plan = parse(kPlan);
  const Ledger ledger(plan);
  ASSERT_FALSE(ledger.rows().empty());
  const LedgerRow& row = ledger.rows().front();
  EXPECT_EQ(row.text.source(), all_measures(plan).at(0)->text.source());
  EXPECT_EQ(row.deadline_text, "6月底前");
}

}  // namespace
}  // namespace taizhang
