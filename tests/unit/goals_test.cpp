// Goals: goal paragraphs (工作目标 / 主要目标 / 发展目标 …, their —— bullets,
// a 总体要求 or preamble paragraph that states a horizon) become Plan::goals
// with their horizons and targets. Texts are written for the tests.
#include <taizhang/taizhang.hpp>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace {

using namespace taizhang;

std::string iso(const std::optional<boost::gregorian::date>& d) {
  return d ? boost::gregorian::to_iso_extended_string(*d) : "null";
}

std::vector<std::string> dues(const Goal& g) {
  std::vector<std::string> out;
  for (const auto& ms : g.milestones) out.push_back(iso(ms.deadline.due));
  return out;
}

std::vector<std::string> target_texts(const std::vector<Target>& ts) {
  std::vector<std::string> out;
  for (const auto& t : ts) out.push_back(t.text.str());
  return out;
}

// The source text a span points at.
std::string at(const std::string& text, const Span& s) {
  return text.substr(s.byte_start, s.byte_end - s.byte_start);
}

const std::string kPlan =
    "青川市数字乡村建设实施方案\n"
    "一、总体要求\n"
    "（一）指导思想。坚持以人民为中心，到2035年基本实现乡村数字化，为长远发展打下基础。\n"
    "（二）基本原则。坚持统筹推进，到2030年形成长效机制。\n"
    "（三）工作目标。\n"
    "到2025年，全市行政村光纤通达率达到98%，农村电商交易额突破120亿元。\n"
    "二、重点任务\n"
    "（一）完善基础设施\n"
    "1.推进宽带进村。到2025年，新建基站300个。\n"
    "牵头单位：市工信局\n"
    "2.发展农村电商。6月底前建成县级服务中心3个。\n"
    "牵头单位：市商务局\n";

TEST(Goals, GoalHeadingParagraphBecomesAGoalWithItsHorizonAndTargets) {
  const Plan plan = parse(kPlan);
  ASSERT_EQ(plan.goals.size(), 1u);
  const Goal& g = plan.goals[0];
  EXPECT_EQ(g.id, "goal1");
  EXPECT_EQ(g.heading, "工作目标");
  EXPECT_EQ(at(kPlan, g.span), g.text);
  EXPECT_TRUE(g.text.starts_with("到2025年"));
  ASSERT_EQ(g.milestones.size(), 1u);
  EXPECT_EQ(g.milestones[0].id, "goal1#1");
  EXPECT_EQ(iso(g.milestones[0].deadline.due), "2025-12-31");
  EXPECT_FALSE(g.milestones[0].deadline.kind == DeadlineKind::implied);
  EXPECT_EQ(g.milestones[0].deadline.text, "到2025年");
  EXPECT_EQ(at(kPlan, g.milestones[0].deadline.span), "到2025年");
  ASSERT_EQ(g.targets.size(), 2u);
  EXPECT_EQ(g.targets[0].value, 98);
  EXPECT_EQ(g.targets[0].unit, "%");
  EXPECT_EQ(g.targets[1].value, 12000000000.0);
  EXPECT_EQ(g.targets[1].unit, "元");
  EXPECT_EQ(g.targets[1].cmp, Comparator::ge);  // 突破: exceeds
  EXPECT_EQ(g.milestones[0].target_indices, (std::vector<std::uint32_t>{0, 1}));
  EXPECT_EQ(at(kPlan, g.targets[0].span), g.targets[0].text);
}

TEST(Goals, PrinciplesAndGuidingIdeologyAreNotGoalsEvenWithDates) {
  const Plan plan = parse(kPlan);
  for (const Goal& g : plan.goals) {
    EXPECT_EQ(g.text.find("2035"), std::string::npos) << g.text;
    EXPECT_EQ(g.text.find("2030"), std::string::npos) << g.text;
  }
}

TEST(Goals, AMeasuresOwnHorizonStaysInTheMeasure) {
  const Plan plan = parse(kPlan);
  const auto measures = all_measures(plan);
  ASSERT_EQ(measures.size(), 2u);  // goals are not measures
  const Measure& m = *measures[0];
  ASSERT_FALSE(m.milestones.empty());
  EXPECT_EQ(iso(m.milestones[0].deadline.due), "2025-12-31");
  ASSERT_EQ(m.targets.size(), 1u);
  EXPECT_EQ(m.targets[0].value, 300);
  for (const Goal& g : plan.goals) EXPECT_EQ(g.text.find("基站"), std::string::npos);
}

TEST(Goals, HeadingWithItsOwnTextAndTwoHorizonsInOneParagraph) {
  const std::string text =
      "临江区养老服务提升行动方案\n"
      "一、总体要求\n"
      "（一）主要目标。到2024年，全区社区养老服务站覆盖率达到60%；到2026年底，覆盖率达到90%以上，"
      "新增养老床位不少于800张。\n"
      "二、主要任务\n"
      "1.建设服务站。年内建成服务站5个。\n"
      "牵头单位：区民政局\n";
  const Plan plan = parse(text);
  ASSERT_EQ(plan.goals.size(), 1u);
  const Goal& g = plan.goals[0];
  EXPECT_EQ(g.heading, "主要目标");
  EXPECT_TRUE(g.text.starts_with("到2024年")) << "the heading is not part of the paragraph";
  EXPECT_EQ(dues(g), (std::vector<std::string>{"2024-12-31", "2026-12-31"}));
  EXPECT_EQ(g.milestones[1].id, "goal1#2");
  ASSERT_EQ(g.targets.size(), 3u);
  EXPECT_EQ(g.milestones[0].target_indices, std::vector<std::uint32_t>{0});
  EXPECT_EQ(g.targets[0].text, "60%");
  EXPECT_EQ(g.milestones[1].target_indices, (std::vector<std::uint32_t>{1, 2}));
  const auto later = milestone_targets(g.targets, g.milestones[1]);
  ASSERT_EQ(later.size(), 2u);
  EXPECT_EQ(later[0]->cmp, Comparator::ge);
  EXPECT_EQ(later[1]->value, 800);
}

TEST(Goals, DashBulletsAreOneGoalEachAndAGoalWithoutHorizonKeepsItsTargets) {
  const std::string text =
      "云溪县文旅融合三年行动计划（2024—2026年）\n"
      "一、总体要求\n"
      "（一）指导思想。以推动高质量发展为主题，统筹文化和旅游资源。\n"
      "（二）发展目标。\n"
      "——产业规模稳步扩大。到2026年，全县旅游总收入达到50亿元。\n"
      "——服务品质持续提升。A级景区数量达到12家以上。\n"
      "二、重点任务\n"
      "1.打造精品线路。9月底前推出精品线路3条。\n"
      "牵头单位：县文旅局\n";
  const Plan plan = parse(text);
  ASSERT_EQ(plan.goals.size(), 2u);
  EXPECT_EQ(plan.goals[0].heading, "发展目标");
  EXPECT_EQ(plan.goals[1].heading, "发展目标");
  EXPECT_EQ(plan.goals[1].id, "goal2");
  EXPECT_EQ(dues(plan.goals[0]), std::vector<std::string>{"2026-12-31"});
  EXPECT_EQ(plan.goals[0].targets.size(), 1u);
  EXPECT_TRUE(plan.goals[1].milestones.empty()) << "no horizon stated: no milestone, no guessed date";
  ASSERT_EQ(plan.goals[1].targets.size(), 1u);
  EXPECT_EQ(plan.goals[1].targets[0].value, 12);
  EXPECT_EQ(plan.goals[1].targets[0].cmp, Comparator::ge);
}

TEST(Goals, AVagueTimeWordInAGoalWithoutHorizonIsReported) {
  const std::string text =
      "云溪县文旅融合三年行动计划（2024—2026年）\n"
      "一、总体要求\n"
      "（一）发展目标。\n"
      "——客源结构逐步优化。到2026年，过夜游客占比达到40%。\n"
      "——智慧服务逐步普及，景区全部实现线上预约。\n"
      "二、重点任务\n"
      "1.打造精品线路。9月底前推出精品线路3条。\n"
      "牵头单位：县文旅局\n";
  const Plan plan = parse(text);
  ASSERT_EQ(plan.goals.size(), 2u);
  std::vector<Diagnostic> vague;
  for (const auto& d : plan.diagnostics)
    if (d.code == "deadline.vague") vague.push_back(d);
  // The first bullet has a horizon: its 逐步 is dated. The second has none.
  ASSERT_EQ(vague.size(), 1u);
  EXPECT_EQ(at(text, vague[0].span), "逐步");
  EXPECT_EQ(vague[0].span.byte_start, text.find("智慧服务逐步") + std::string("智慧服务").size());
  EXPECT_NE(vague[0].message.find("goal2"), std::string::npos) << vague[0].message;
  EXPECT_TRUE(plan.goals[1].milestones.empty());
}

TEST(Goals, PreambleStatingAHorizonIsAGoal) {
  const std::string text =
      "青川市促进民营经济发展若干措施\n"
      "为进一步激发民营经济活力，力争到2026年，全市规模以上民营企业达到1500家以上，"
      "民间投资增长8%左右，制定以下措施。\n"
      "一、优化发展环境\n"
      "1.压减审批时限。6月底前完成清单梳理。\n"
      "牵头单位：市政务服务局\n";
  const Plan plan = parse(text);
  ASSERT_EQ(plan.goals.size(), 1u);
  const Goal& g = plan.goals[0];
  EXPECT_EQ(g.heading, "");
  EXPECT_EQ(dues(g), std::vector<std::string>{"2026-12-31"});
  ASSERT_EQ(g.targets.size(), 2u);
  EXPECT_EQ(g.targets[1].value, 8);
  EXPECT_TRUE(g.targets[1].growth);
}

TEST(Goals, PreambleWithoutAStatedYearIsNotAGoal) {
  const std::string text =
      "临江区稳就业工作方案\n"
      "为确保完成全年目标任务，年底前实现就业局势稳定，结合我区实际，制定本方案。\n"
      "一、主要措施\n"
      "1.开展招聘活动。3月底前举办专场招聘会10场。\n"
      "牵头单位：区人社局\n";
  EXPECT_TRUE(parse(text).goals.empty());
}

TEST(Goals, CoverNoticeTextIsNotAGoal) {
  const std::string text =
      "青川市人民政府办公室\n"
      "关于印发青川市社区治理行动方案的通知\n"
      "各县区人民政府，市政府各部门：\n"
      "现将《青川市社区治理行动方案》印发给你们，请于2025年6月底前报送落实情况。\n"
      "青川市人民政府办公室\n"
      "2025年2月10日\n"
      "青川市社区治理行动方案\n"
      "为提升社区治理水平，制定本方案。\n"
      "一、主要任务\n"
      "1.建设智慧社区。年内建成智慧社区20个。\n"
      "牵头单位：市民政局\n";
  const Plan plan = parse(text);
  EXPECT_TRUE(plan.goals.empty());
  EXPECT_EQ(all_measures(plan).size(), 1u);
}

TEST(Goals, ProseGeneralRequirementsChapterCountsOnlyWithAHorizon) {
  const std::string text =
      "云溪县农村人居环境整治方案\n"
      "一、总体要求\n"
      "坚持因地制宜、分类施策，注重建管并重。\n"
      "到2025年，全县农村卫生厕所普及率达到85%，生活垃圾得到有效处理。\n"
      "二、重点任务\n"
      "1.推进厕所革命。年内改造户厕2000户。\n"
      "牵头单位：县农业农村局\n";
  const Plan plan = parse(text);
  ASSERT_EQ(plan.goals.size(), 1u);
  EXPECT_EQ(plan.goals[0].heading, "总体要求");
  EXPECT_TRUE(plan.goals[0].text.starts_with("到2025年"));
  EXPECT_EQ(dues(plan.goals[0]), std::vector<std::string>{"2025-12-31"});
}

TEST(Goals, AChapterOfMeasuresNamedForAGoalHoldsNoGoals) {
  const std::string text =
      "临江区2025年重点工作安排\n"
      "一、确保完成年度目标\n"
      "1.稳定工业生产。到6月底，规上工业增加值增长6%。\n"
      "牵头单位：区工信局\n"
      "2.扩大有效投资。年内完成投资80亿元。\n"
      "牵头单位：区发改委\n";
  const Plan plan = parse(text);
  EXPECT_TRUE(plan.goals.empty());
  EXPECT_EQ(all_measures(plan).size(), 2u);
}

TEST(Goals, BracketedRemarkIsNotAGoal) {
  const std::string text =
      "青川市公共文化服务提升方案\n"
      "（市文化局 2024年3月1日）\n"
      "为丰富群众文化生活，制定本方案。\n"
      "一、主要任务\n"
      "1.建设书屋。年内新建书屋30个。\n"
      "牵头单位：市文化局\n";
  EXPECT_TRUE(parse(text).goals.empty());
}

TEST(GoalsJson, GoalsRoundTripAndPlanOneStillReads) {
  const Plan plan = parse(kPlan);
  const std::string json = to_json(plan);
  EXPECT_NE(json.find("\"schema\": \"taizhang.plan/3\""), std::string::npos);
  const Plan back = from_json(json);
  ASSERT_EQ(back.goals.size(), 1u);
  EXPECT_EQ(back.goals[0].heading, "工作目标");
  EXPECT_EQ(back.goals[0].milestones.at(0).id, "goal1#1");
  EXPECT_EQ(back.goals[0].targets.size(), 2u);
  EXPECT_EQ(back.goals[0].span, plan.goals[0].span);
  EXPECT_EQ(to_json(back), json);

  // A taizhang.plan/1 document (written before goals) reads, with no goals.
  std::string old = json;
  old.replace(old.find("taizhang.plan/3"), 15, "taizhang.plan/1");
  const auto g0 = old.find("\"goals\": [");
  const auto g1 = old.find("\"outline\":", g0);
  old.erase(g0, g1 - g0);
  const Plan v1 = from_json(old);
  EXPECT_TRUE(v1.goals.empty());
  EXPECT_EQ(all_measures(v1).size(), all_measures(plan).size());
  EXPECT_THROW(from_json("{\"schema\": \"taizhang.plan/4\"}"), Error);
}

// Before /3 a milestone listed copies of its owner's targets; from_json
// turns them into indices: equal targets take distinct indices in turn, and
// a copy its owner lacks (a hand-written document) joins the owner's list.
TEST(GoalsJson, PlanTwoMilestoneTargetsBecomeIndices) {
  const std::string t1 = R"({"text": "5个", "value": 5, "unit": "个"})";
  const std::string t2 = R"({"text": "60%", "value": 60, "unit": "%"})";
  const std::string t3 = R"({"text": "800张", "value": 800, "unit": "张"})";
  const Plan p = from_json(R"({"schema": "taizhang.plan/2", "loose_measures": [{"id": "1", "targets": [)" + t1 +
                           "," + t2 + "," + t2 + R"(], "milestones": [{"id": "1#1", "targets": [)" + t2 + "," + t2 +
                           R"(]}, {"id": "1#2", "targets": [)" + t3 + "," + t1 + "]}]}]}");
  ASSERT_EQ(p.loose_measures.size(), 1u);
  const Measure& m = p.loose_measures[0];
  ASSERT_EQ(target_texts(m.targets), (std::vector<std::string>{"5个", "60%", "60%", "800张"}));
  EXPECT_EQ(m.milestones.at(0).target_indices, (std::vector<std::uint32_t>{1, 2}));
  EXPECT_EQ(m.milestones.at(1).target_indices, (std::vector<std::uint32_t>{0, 3}));
}

// A /3 document's indices are read as the parser writes them: in range,
// ascending, each once, whatever a hand-edited file holds.
TEST(GoalsJson, TargetIndicesOutOfRangeOrRepeatedAreDropped) {
  const Plan p = from_json(
      R"({"schema": "taizhang.plan/3", "goals": [{"id": "goal1", "targets": [{"text": "a"}, {"text": "b"}],)"
      R"( "milestones": [{"id": "goal1#1", "target_indices": [1, 7, -1, 0.5, 1, "0", 0]}]}]})");
  ASSERT_EQ(p.goals.size(), 1u);
  EXPECT_EQ(p.goals[0].milestones.at(0).target_indices, (std::vector<std::uint32_t>{0, 1}));
}

// ---- goals in the ledger and its exports ----------------------------------

const std::string kCareHomes =
    "临江区2024年养老服务提升行动方案\n"
    "为提升养老服务水平，力争到2025年，全区护理型床位占比达到60%，制定本方案。\n"
    "一、总体要求\n"
    "（一）主要目标。到2024年，全区社区养老服务站覆盖率达到60%；到2026年底，覆盖率达到90%以上。\n"
    "二、主要任务\n"
    "1.建设服务站。12月底前建成服务站5个。\n"
    "牵头单位：区民政局\n";

TEST(GoalsLedger, GoalHorizonsAreRowsWithoutAMeasure) {
  const Plan plan = parse(kCareHomes);
  ASSERT_EQ(plan.goals.size(), 2u);
  const Ledger ledger(plan);
  std::vector<std::string> ids;
  for (const auto& r : ledger.rows()) ids.push_back(r.milestone_id);
  EXPECT_EQ(ids, (std::vector<std::string>{"goal1#1", "goal2#1", "goal2#2", "2.1#1"}));
  const LedgerRow* g = ledger.find("goal2#1");
  ASSERT_TRUE(g);
  EXPECT_TRUE(g->goal);
  EXPECT_EQ(g->goal_id, "goal2");
  EXPECT_EQ(g->goal_heading, "主要目标");
  EXPECT_TRUE(g->measure_id.empty());
  EXPECT_FALSE(g->measure_number);
  EXPECT_TRUE(g->lead_units.empty());
  EXPECT_EQ(iso(g->due), "2024-12-31");
  EXPECT_EQ(g->targets.size(), 1u);
  EXPECT_FALSE(ledger.find("2.1#1")->goal);
  EXPECT_TRUE(ledger.find("goal1#1")->goal_heading.empty());

  // Date queries see goal rows; unit queries never do.
  EXPECT_EQ(ledger.due_in_month(2024, 12).size(), 2u);
  for (const LedgerRow* r : ledger.for_unit("区民政局")) EXPECT_FALSE(r->goal);
  for (const auto& [unit, n] : ledger.workload()) EXPECT_EQ(unit, "区民政局");
  EXPECT_EQ(ledger.overdue(StatusTable{}, boost::gregorian::date(2025, 1, 10)).size(), 2u);
}

TEST(GoalsLedger, ExportsAndReportShowPlanLevelRows) {
  const Plan plan = parse(kCareHomes);
  const Ledger ledger(plan);
  const std::string csv = to_csv(ledger);
  EXPECT_NE(csv.find("量化指标,类型,状态"), std::string::npos);
  EXPECT_NE(csv.find("goal2#1,,,,,主要目标,,,,到2024年,year,2024-12-31,"), std::string::npos) << csv;
  EXPECT_NE(csv.find(",目标,"), std::string::npos);
  EXPECT_NE(csv.find(",措施,"), std::string::npos);

  const std::string md = to_markdown(ledger);
  EXPECT_LT(md.find("## 总体目标"), md.find("## 主要任务"));

  const std::string ics = to_icalendar(ledger);
  EXPECT_NE(ics.find("UID:goal2#2@taizhang"), std::string::npos);
  EXPECT_NE(ics.find("SUMMARY:【总体目标】主要目标"), std::string::npos);

  const std::string json = to_json(ledger);
  EXPECT_NE(json.find("\"kind\": \"goal\""), std::string::npos);
  EXPECT_NE(json.find("\"heading\": \"主要目标\""), std::string::npos);

  // December 2024: the goal's horizon under the plan-level heading, first.
  const std::string report = monthly_report(ledger, 2024, 12);
  const auto goals_at = report.find("## 总体目标");
  ASSERT_NE(goals_at, std::string::npos) << report;
  EXPECT_LT(goals_at, report.find("## 区民政局"));
  EXPECT_NE(report.find("goal2#1 | 主要目标"), std::string::npos);

  // Targets listing: a goal's targets with their goal.
  const auto entries = target_entries(ledger);
  ASSERT_EQ(entries.size(), 4u);
  EXPECT_TRUE(entries[0].row->goal);
  EXPECT_NE(targets_to_csv(ledger).find("goal2,,goal2#2,"), std::string::npos);
}

TEST(GoalsLedger, HandBuiltPlanWithoutSpansListsGoalsFirst) {
  Plan plan;
  plan.plan_year = 2024;
  Measure m;
  m.id = "1";
  m.title = "甲";
  plan.loose_measures.push_back(m);
  Goal g;
  g.id = "goal1";
  Milestone ms;
  ms.id = "goal1#1";
  ms.deadline.kind = DeadlineKind::year;
  ms.deadline.due = boost::gregorian::date(2025, 12, 31);
  g.milestones.push_back(ms);
  plan.goals.push_back(g);
  const Ledger ledger(plan);
  ASSERT_EQ(ledger.size(), 2u);
  EXPECT_EQ(ledger.rows()[0].milestone_id, "goal1#1");
  EXPECT_EQ(ledger.rows()[1].milestone_id, "1#1");
}

TEST(Goals, HostileInputStaysQuiet) {
  std::string many = "某方案\n";
  for (int i = 0; i < 3000; ++i) many += "（一）工作目标。到2025年达到" + std::to_string(i) + "个\n";
  const Plan plan = parse(many);
  EXPECT_EQ(plan.goals.size(), 3000u);
  EXPECT_NO_THROW(parse("一、总体要求\n（一）工作目标。\n"));
  EXPECT_NO_THROW(parse("（一）目标"));
  EXPECT_NO_THROW(parse("工作目标。到"));
}

}  // namespace
