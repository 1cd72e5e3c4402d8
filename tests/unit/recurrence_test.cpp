// Recurring deadlines: the scanner names the period, the ledger repeats the
// milestone up to its horizon with stable ids.
#include <taizhang/taizhang.hpp>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <gtest/gtest.h>

namespace {

using namespace taizhang;
namespace gd = boost::gregorian;

const char* kPlan =
    "某市2022年工作要点\n一、任务\n"
    "1.每月23日前报送工作进展。\n牵头单位：市发改委\n"
    "2.每季度末前开展评估。\n牵头单位：市统计局\n"
    "3.2022年起，每年2月底前完成年度总结。\n牵头单位：市政府办\n"
    "4.每月调度一次。\n牵头单位：市政府办\n";

TEST(Recurrence, ScannerNamesThePeriod) {
  const Plan plan = parse(kPlan);
  const auto ms = all_measures(plan);
  ASSERT_EQ(ms.size(), 4u);
  ASSERT_FALSE(ms[0]->milestones.empty());
  EXPECT_EQ(ms[0]->milestones[0].deadline.every, Recurrence::monthly);
  EXPECT_EQ(ms[0]->milestones[0].deadline.due, gd::date(2022, 1, 23));
  EXPECT_EQ(ms[1]->milestones[0].deadline.every, Recurrence::quarterly);
  EXPECT_EQ(ms[1]->milestones[0].deadline.due, gd::date(2022, 3, 31));
  EXPECT_EQ(ms[2]->milestones[0].deadline.every, Recurrence::yearly);
  EXPECT_EQ(ms[2]->milestones[0].deadline.due, gd::date(2022, 2, 28));
  // A frequency with no due point is a reference, not a milestone of its own.
  for (const auto& d : ms[3]->dates) EXPECT_NE(d.role, DateRole::deadline) << d.text;
}

TEST(Recurrence, LedgerRepeatsUpToTheHorizonWithStableIds) {
  const Plan plan = parse(kPlan);
  const Ledger ledger(plan);
  std::size_t monthly = 0, quarterly = 0, yearly = 0;
  for (const auto& r : ledger.rows()) {
    if (r.measure_number == 1) ++monthly;
    if (r.measure_number == 2) ++quarterly;
    if (r.measure_number == 3) ++yearly;
  }
  EXPECT_EQ(monthly, 12u);   // January to December 2022
  EXPECT_EQ(quarterly, 4u);  // 03-31, 06-30, 09-30, 12-31
  EXPECT_EQ(yearly, 1u);     // the horizon is the plan year
  const LedgerRow* june = ledger.find("1.1#1@2022-06-23");
  ASSERT_TRUE(june);
  EXPECT_EQ(june->occurrence, 5u);
  const LedgerRow* q2 = ledger.find("1.2#1@2022-06-30");
  ASSERT_TRUE(q2);  // month ends stay month ends
  EXPECT_TRUE(ledger.find("1.2#1@2022-12-31"));
  EXPECT_EQ(ledger.due_in_month(2022, 6).size(), 2u);

  // Same ids on a re-parse; a longer horizon repeats the yearly one too.
  const Ledger again(parse(kPlan));
  ASSERT_EQ(again.size(), ledger.size());
  for (std::size_t i = 0; i < ledger.size(); ++i)
    EXPECT_EQ(again.rows()[i].milestone_id, ledger.rows()[i].milestone_id);
  LedgerOptions longer;
  longer.horizon = gd::date(2024, 12, 31);
  const Ledger three_years(plan, longer);
  EXPECT_TRUE(three_years.find("1.3#1@2024-02-29"));  // leap year month end
  LedgerOptions off;
  off.expand_recurring = false;
  EXPECT_EQ(Ledger(plan, off).size(), 4u);
}

}  // namespace
