// Outline: every document shape, on small texts written for the tests
// (invented places: 青川市, 临江区, 云溪县). Each convention has its negative.
#include "test_util.hpp"

#include <taizhang/taizhang.hpp>

#include <gtest/gtest.h>

#include <boost/date_time/gregorian/gregorian.hpp>

#include <set>
#include <string>
#include <vector>

namespace {

using namespace taizhang;
using test::names;
using test::titles;
using test::has_code;

std::vector<std::optional<int>> numbers(const Plan& plan) {
  std::vector<std::optional<int>> out;
  for (const auto* m : all_measures(plan)) out.push_back(m->number);
  return out;
}

int count_kind(const OutlineNode& n, NodeKind kind) {
  int k = n.kind == kind ? 1 : 0;
  for (const auto& c : n.children) k += count_kind(c, kind);
  return k;
}

// ---- the measure level ------------------------------------------------------

TEST(MeasureLevel, PlanNumberedOnlyWithTopItemsHasOneMeasurePerItem) {
  const Plan plan = parse(
      "云溪县关于稳定住房消费的若干措施\n"
      "为促进全县住房消费，结合实际，制定本措施。\n"
      "一、发放购房补贴。在县城购买新建住房的，按房款的1%给予补贴。（责任单位：县财政局、县住建局）\n"
      "二、放宽公积金贷款。提高贷款额度。（责任单位：县公积金中心）\n"
      "三、保障子女入学。购房家庭子女按学区就近入学。（责任单位：县教育局）\n");
  EXPECT_TRUE(plan.chapters.empty());
  ASSERT_EQ(plan.loose_measures.size(), 3u);
  EXPECT_EQ(numbers(plan), (std::vector<std::optional<int>>{1, 2, 3}));
  EXPECT_EQ(plan.loose_measures[0].title, "发放购房补贴。");
  EXPECT_EQ(names(plan.loose_measures[0].lead_units), (std::vector<std::string>{"县财政局", "县住建局"}));
  EXPECT_EQ(names(plan.loose_measures[1].lead_units), std::vector<std::string>{"县公积金中心"});
  EXPECT_EQ(plan.title, "云溪县关于稳定住房消费的若干措施");
}

TEST(MeasureLevel, TextBelowEachTopItemStillMakesItTheMeasure) {
  const Plan plan = parse(
      "临江区促进消费若干措施\n"
      "一、发放消费券\n区内商户参与发放消费券。（牵头单位：区商务局）\n"
      "二、举办促销活动\n组织商圈开展促销。（牵头单位：区文旅局）\n");
  ASSERT_EQ(plan.loose_measures.size(), 2u);
  EXPECT_EQ(numbers(plan), (std::vector<std::optional<int>>{1, 2}));
  EXPECT_EQ(names(plan.loose_measures[1].lead_units), std::vector<std::string>{"区文旅局"});
}

TEST(MeasureLevel, BareTitlesOverSeveralParagraphsStayChapters) {
  // Negative: chapters whose paragraphs are the tasks.
  const Plan plan = parse(
      "青川市工作要点\n"
      "一、重点任务\n推进老旧小区改造。\n完善城市排水管网。\n开展背街小巷整治。\n"
      "二、保障措施\n加强组织领导。\n强化资金保障。\n");
  ASSERT_EQ(plan.chapters.size(), 2u);
  EXPECT_EQ(plan.chapters[0].measures.size(), 3u);
  EXPECT_EQ(plan.chapters[1].measures.size(), 2u);
  for (const auto* m : all_measures(plan)) EXPECT_FALSE(m->number.has_value());
}

TEST(MeasureLevel, SectionsNumberedStraightThroughUnderChapters) {
  std::string text = "青川市行动方案\n";
  const char* cn[] = {"一", "二", "三", "四", "五", "六", "七", "八"};
  int item = 0;
  for (int ch = 0; ch < 2; ++ch) {
    text += std::string(cn[ch]) + "、任务类别\n";
    for (int k = 0; k < 4; ++k) text += "（" + std::string(cn[item++]) + "）完成一项工作。（责任单位：市发改委）\n";
  }
  const Plan plan = parse(text);
  ASSERT_EQ(plan.chapters.size(), 2u);
  ASSERT_EQ(all_measures(plan).size(), 8u);
  EXPECT_EQ(plan.chapters[1].measures.front().number, 5);
  EXPECT_EQ(plan.chapters[1].measures.back().number, 8);
}

TEST(MeasureLevel, MixedDepthsAcrossChapters) {
  const Plan plan = parse(
      "临江区实施方案\n"
      "一、扩大有效投资\n（一）加快项目建设。（牵头单位：区发改局）\n（二）用好专项债券。（牵头单位：区财政局）\n"
      "二、提振消费\n（一）促进汽车消费\n1.开展汽车展销。（牵头单位：区商务局）\n2.完善充电设施。（牵头单位：区住建局）\n"
      "（二）繁荣夜间经济。（牵头单位：区文旅局）\n");
  ASSERT_EQ(all_measures(plan).size(), 5u);
  EXPECT_EQ(plan.chapters[0].measures.size(), 2u);
  ASSERT_EQ(plan.chapters[1].sections.size(), 1u);
  EXPECT_EQ(plan.chapters[1].sections[0].measures.size(), 2u);
  EXPECT_EQ(plan.chapters[1].measures.size(), 1u);
}

TEST(MeasureLevel, ListOfCriteriaStaysInsideItsTask) {
  const Plan plan = parse(
      "云溪县清理规范方案\n"
      "一、主要内容\n"
      "（一）符合下列条件的协会予以保留。\n1.有规范的名称。\n2.有固定的场所。\n3.有稳定的经费来源。\n"
      "（二）对长期不开展活动的协会予以撤销。\n"
      "（三）检查的重点。\n登记机关要对协会开展全面检查。重点是：\n1.财务收支情况。\n2.年检情况。\n");
  ASSERT_EQ(all_measures(plan).size(), 3u);
  EXPECT_EQ(numbers(plan), (std::vector<std::optional<int>>{1, 2, 3}));
  EXPECT_NE(all_measures(plan)[0]->text.find("有固定的场所"), std::string::npos);
}

TEST(MeasureLevel, ItemsWithTheirOwnUnitsAreTasksEvenAfterAColon) {
  // Negative: a heading ending in ： over items that carry units and dates.
  const Plan plan = parse(
      "临江区工作方案\n"
      "一、重点任务\n"
      "（一）完善基础设施。具体包括：\n1.新建停车场2处。（牵头单位：区住建局）\n2.改造道路3条，6月底前完成。（牵头单位：区交通局）\n"
      "（二）优化营商环境。（牵头单位：区政务服务局）\n");
  ASSERT_EQ(all_measures(plan).size(), 3u);
  EXPECT_EQ(names(all_measures(plan)[0]->lead_units), std::vector<std::string>{"区住建局"});
}

TEST(MeasureLevel, LongItemsAfterAColonAreTasks) {
  // Negative: items of a paragraph each are tasks, even with no unit note.
  std::string para;
  while (para.size() < 300) para += "要统筹谋划，细化分解，压实责任，";
  const Plan plan = parse("云溪县实施意见\n一、主要任务\n（一）健全工作机制。主要包括：\n1.建立联席会议制度。" + para +
                          "\n2.完善考核评价办法。" + para + "\n（二）加强队伍建设。" + para + "\n");
  EXPECT_EQ(all_measures(plan).size(), 3u);
}

// ---- stable ids -------------------------------------------------------------

TEST(StableIds, NumberingRestartingUnderGroupsHasNoAmbiguousNumber) {
  const Plan plan = parse(
      "青川市改革方案\n"
      "一、工作任务\n"
      "（一）优化窗口。（责任单位：市政务服务局）\n"
      "（二）再造流程。理顺各环节的关系。\n"
      "1.预售阶段。\n（1）严把预售关。（责任单位：市住建局）\n（2）推行网签。（责任单位：市住建局）\n"
      "2.验收阶段。\n（1）联合验收。（责任单位：市住建局）\n（2）核实面积。（责任单位：市自然资源局）\n");
  const auto all = all_measures(plan);
  ASSERT_EQ(all.size(), 5u);
  EXPECT_EQ(all[0]->number, 1);
  std::set<std::string> ids;
  for (const auto* m : all) ids.insert(m->id);
  EXPECT_EQ(ids.size(), all.size()) << "ids are unique";
  for (std::size_t k = 1; k < all.size(); ++k) {
    EXPECT_FALSE(all[k]->number.has_value()) << all[k]->title;
    EXPECT_FALSE(all[k]->marker.empty());
  }
  // The same text parses to the same ids.
  const Plan again = parse(
      "青川市改革方案\n一、工作任务\n（一）优化窗口。（责任单位：市政务服务局）\n（二）再造流程。理顺各环节的关系。\n"
      "1.预售阶段。\n（1）严把预售关。（责任单位：市住建局）\n（2）推行网签。（责任单位：市住建局）\n"
      "2.验收阶段。\n（1）联合验收。（责任单位：市住建局）\n（2）核实面积。（责任单位：市自然资源局）\n");
  for (std::size_t k = 0; k < all.size(); ++k) EXPECT_EQ(all_measures(again)[k]->id, all[k]->id);
}

TEST(StableIds, UnnumberedParagraphsHaveIdsByPosition) {
  const Plan plan = parse("云溪县要点\n一、任务\n推进甲。\n推进乙。\n二、保障\n加强丙。\n");
  std::set<std::string> ids;
  for (const auto* m : all_measures(plan)) ids.insert(m->id);
  EXPECT_EQ(ids.size(), 3u);
}

// ---- running text -----------------------------------------------------------

std::string running_plan(const std::string& filler) {
  // A title line, then the whole plan on one line, as crawled pages have it.
  std::string line = "为推进城市更新，制定本方案。";
  line += "一、总体要求。" + filler + "（一）指导思想。" + filler;
  line += "二、重点任务。" + filler;
  line += "（一）改造老旧小区。" + filler + "（牵头单位：市住建局）";
  line += "（二）整治背街小巷。" + filler + "（牵头单位：市城管局）";
  line += "（三）完善排水设施。1.新建管网20公里。" + filler + "（牵头单位：市水务局）2.改造泵站3座。" + filler +
          "（牵头单位：市水务局）";
  return "青川市城市更新实施方案\n" + line + "\n";
}

TEST(RunningText, MarkersAfterSentenceEndsDefineTheOutline) {
  std::string filler;
  while (filler.size() < 600) filler += "统筹推进相关工作，确保取得实效。";
  const Plan plan = parse(running_plan(filler));
  EXPECT_EQ(plan.title, "青川市城市更新实施方案");
  ASSERT_EQ(plan.chapters.size(), 2u);
  const auto all = all_measures(plan);
  ASSERT_EQ(all.size(), 4u) << "（一）（二） and 1. 2. under （三）";
  EXPECT_EQ(all[0]->title, "改造老旧小区。");
  EXPECT_EQ(names(all[1]->lead_units), std::vector<std::string>{"市城管局"});
  EXPECT_EQ(all[3]->number, 2);
}

TEST(RunningText, AHeadingsShortTitleRunsIntoItsFirstItem) {
  // 二、重点任务（一）改造老旧小区。: the lost line break sits after a title
  // with no full stop; items numbered through the chapters continue there.
  std::string filler;
  while (filler.size() < 600) filler += "统筹推进相关工作，确保取得实效。";
  std::string line = "为推进城市更新，制定本方案。";
  line += "一、改善居住条件（一）改造老旧小区。" + filler + "（责任单位：市住建局）";
  line += "（二）整治背街小巷。" + filler + "（责任单位：市城管局）";
  line += "二、完善基础设施（三）新建排水管网。" + filler + "（责任单位：市水务局）";
  const Plan plan = parse("青川市城市更新实施方案\n" + line + "\n");
  ASSERT_EQ(plan.chapters.size(), 2u);
  EXPECT_EQ(plan.chapters[1].title, "完善基础设施");
  const auto all = all_measures(plan);
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[2]->number, 3);
  EXPECT_EQ(names(all[2]->lead_units), std::vector<std::string>{"市水务局"});
}

TEST(RunningText, AHeadingTitleDoesNotCutAtALaterNumber) {
  // Negative: a marker that neither opens nor continues a numbering stays.
  std::string filler;
  while (filler.size() < 600) filler += "统筹推进相关工作，确保取得实效。";
  const Plan plan = parse("云溪县实施方案\n为做好工作，制定本方案。一、重点任务（五）" + filler +
                          "（一）落实补贴政策。" + filler + "（责任单位：县财政局）\n");
  ASSERT_EQ(all_measures(plan).size(), 1u);
  EXPECT_EQ(all_measures(plan)[0]->number, 1);
}

TEST(RunningText, ATwoDigitItemIsNotCutInsideItsNumber) {
  // 10.…（…负责）11.…: the item cut at "11." has "1." inside its own marker,
  // which opens no item there.
  std::string filler;
  while (filler.size() < 600) filler += "统筹推进相关工作，确保取得实效。";
  std::string line = "为扩大消费，提出以下意见。一、促进服务消费（一）发展体育消费。" + filler;
  for (int k = 1; k <= 9; ++k) line += std::to_string(k) + ".开展一项活动。（体育局牵头负责）";
  line += "10.2016年内完成试点。（体育局牵头负责）";
  line += "11.提高场馆使用效率。（体育局牵头负责）";
  line += "12.举办群众赛事。（体育局牵头负责）";
  const Plan plan = parse("青川市关于扩大消费的意见\n" + line + "\n");
  const auto all = all_measures(plan);
  ASSERT_EQ(all.size(), 12u);
  EXPECT_EQ(all[10]->number, 11);
  EXPECT_EQ(all[10]->title, "提高场馆使用效率。");
  EXPECT_EQ(all[11]->number, 12);
}

TEST(RunningText, TheEnvelopeOfAPageWithoutLineBreaks) {
  // Title, 发文字号 (with stray spaces), 主送机关, body, 署名 and 成文日期 all
  // on one line; a heading's two-clause title runs into its first item.
  std::string filler;
  while (filler.size() < 600) filler += "统筹推进相关工作，确保取得实效。";
  const std::string line = "青川市人民政府关于促进茶产业发展的意见青政发 〔2021〕 7 号各区县人民政府，市政府各部门："
                           "茶产业是我市的特色产业。现提出以下意见：一、完善产业布局，提升发展质量（一）建设茶园基地。" +
                           filler + "市农业农村局要会同各区县推进。（二）培育龙头企业。" + filler +
                           "各区县要抓好落实。青川市人民政府二○二一年三月八日（此件公开发布）";
  const Plan plan = parse(line + "\n");
  EXPECT_EQ(plan.title, "青川市人民政府关于促进茶产业发展的意见");
  ASSERT_TRUE(plan.doc_number.has_value());
  EXPECT_EQ(plan.doc_number->text, "青政发〔2021〕7号");
  EXPECT_EQ(plan.issuer, "青川市人民政府");
  ASSERT_TRUE(plan.signed_on.has_value());
  EXPECT_EQ(plan.signed_on->year(), 2021);
  EXPECT_EQ(plan.recipients.size(), 2u);
  ASSERT_EQ(plan.chapters.size(), 1u);
  EXPECT_EQ(plan.chapters[0].title, "完善产业布局，提升发展质量");
  ASSERT_EQ(all_measures(plan).size(), 2u);
  EXPECT_EQ(all_measures(plan)[1]->text.find("二○二一年"), std::string::npos) << "the signature is no part of it";
}

TEST(RunningText, TheSignatureOfACoverNoticeMidLine) {
  // …请认真执行。[署名][成文日期]为加快…: the notice ends, its plan begins;
  // a date that goes on as a sentence (…6月30日前完成) signs nothing.
  std::string filler;
  while (filler.size() < 600) filler += "统筹推进相关工作，确保取得实效。";
  const Plan plan = parse("临江区人民政府办公室关于印发临江区民生实事方案的通知\n"
                          "各街道办事处：《临江区民生实事方案》已经区政府同意，现印发给你们，请认真执行。"
                          "临江区人民政府办公室 2023年12月13日 为办好民生实事，制定本方案。一、重点任务（一）改造老旧小区。"
                          "区住建局2024年6月30日前完成改造。" + filler + "\n");
  ASSERT_TRUE(plan.signed_on.has_value());
  EXPECT_EQ(boost::gregorian::to_iso_extended_string(*plan.signed_on), "2023-12-13");
  EXPECT_EQ(plan.issuer, "临江区人民政府办公室");
  ASSERT_EQ(all_measures(plan).size(), 1u);
  EXPECT_NE(all_measures(plan)[0]->text.find("6月30日前完成"), std::string::npos);
}

TEST(RunningText, ANumberCitedInThePreambleIsNoEnvelope) {
  // Negative: (国办发〔2018〕10号) inside the first sentence cites a document.
  std::string filler;
  while (filler.size() < 600) filler += "统筹推进相关工作，确保取得实效。";
  const Plan plan = parse("云溪县人民政府关于推进信息公开的实施意见\n为贯彻落实《国务院办公厅关于推进信息公开的意见》"
                          "（国办发〔2018〕10号）精神，提出如下实施意见。一、总体要求" + filler +
                          "二、工作任务（一）公开项目信息。" + filler + "\n");
  EXPECT_FALSE(plan.doc_number.has_value());
  EXPECT_EQ(all_measures(plan).size(), 1u);
}

TEST(RunningText, AnItemOpeningWithAYearIsAnItem) {
  // 1.2024年底前…: the digits after the dot are a year, not a decimal.
  const Plan plan = parse("临江区若干措施\n一、扩大消费\n1.2024年底前新建社区便民店20家。（区商务局负责）"
                          "2.2025年6月底前完成夜市改造。（区商务局负责）\n");
  const auto all = all_measures(plan);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[1]->number, 2);
  // Negative: a decimal (1.2万户) is no marker.
  const Plan decimal = parse("临江区措施\n一、重点任务\n（一）推进改造。完成1.2万户改造。（区住建局负责）\n");
  EXPECT_EQ(all_measures(decimal).size(), 1u);
}

TEST(Attachments, ATaskListWithItsOwnNotesIsWorkNotAnIndicatorTable) {
  const Plan plan = parse(
      "青川市实施方案\n一、重点任务\n（一）推进改造。完成老旧小区改造。（牵头单位：市住建局）\n"
      "（二）加强保障。做好资金保障。（牵头单位：市财政局）\n附件：重点任务清单\n附件\n重点任务清单\n"
      "1.新建公园3个。（6月底完成，牵头单位：市林业局）\n2.新建绿道5公里。（9月底完成，牵头单位：市林业局）\n"
      "3.改造游园4个。（12月底完成，牵头单位：市城管局）\n");
  std::size_t noted = 0;
  for (const auto* m : all_measures(plan)) noted += !m->lead_units.empty();
  EXPECT_GE(noted, 4u) << "the attachment's three noted items are measures";
  for (const auto& d : plan.diagnostics) EXPECT_NE(d.code, "units.not_a_unit") << d.message;
}

TEST(Attachments, AnIndicatorTableStaysAnAppendix) {
  // Negative: numbered indicators without notes.
  const Plan plan = parse(
      "青川市实施方案\n一、重点任务\n（一）推进改造。完成老旧小区改造。（牵头单位：市住建局）\n"
      "（二）加强保障。做好资金保障。（牵头单位：市财政局）\n附件：考核指标\n附件\n考核指标\n"
      "1.改造完成率。\n2.群众满意度。\n3.资金到位率。\n");
  EXPECT_EQ(all_measures(plan).size(), 2u);
}

TEST(RunningText, NumbersAndCitedMarkersInsideSentencesDoNotCut) {
  std::string filler;
  while (filler.size() < 900) filler += "补贴标准为基准的第1.5倍，总额1.2亿元。依照本方案（一）项规定执行。";
  const Plan plan = parse("云溪县实施方案\n一、重点任务\n（一）落实补贴政策。" + filler + "（牵头单位：县财政局）\n");
  ASSERT_EQ(all_measures(plan).size(), 1u);
  EXPECT_EQ(names(all_measures(plan)[0]->lead_units), std::vector<std::string>{"县财政局"});
}

TEST(RunningText, TwoItemsRunTogetherOnOneLine) {
  const Plan plan = parse(
      "临江区若干措施\n一、稳定就业\n14.扩大公益岗位。（牵头单位：区人社局）15.支持返乡创业。（牵头单位：区农业农村局）\n");
  const auto all = all_measures(plan);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[1]->number, 15);
  EXPECT_EQ(names(all[1]->lead_units), std::vector<std::string>{"区农业农村局"});
}

TEST(RunningText, OneLongParagraphDoesNotMakeARunningPage) {
  // Negative: a document with paragraph breaks and one long paragraph.
  std::string para = "（一）推进社区养老。";
  while (para.size() < 1500) para += "各街道要落实责任：";
  para += "1.建设养老服务站；2.培训护理人员。";
  const Plan plan = parse("青川市实施方案\n一、重点任务\n" + para + "\n（二）发展托育服务。\n（三）完善医疗服务。\n"
                          "二、保障措施\n（一）加强组织领导。\n（二）强化资金保障。\n（三）做好宣传引导。\n");
  EXPECT_EQ(all_measures(plan).size(), 6u);
}

TEST(RunningText, OrdinaryLinesKeepDeeperMarkersInside) {
  // Negative: in a text with paragraph breaks, "：1.…；2.…" is a list inside
  // the line's own item.
  const Plan plan = parse(
      "云溪县若干措施\n一、发放补贴。同时满足下列条件的：1.购买新建住房；2.已缴纳契税。（责任单位：县财政局）\n"
      "二、优化服务。（责任单位：县政务服务中心）\n");
  EXPECT_EQ(all_measures(plan).size(), 2u);
}

// ---- tables -----------------------------------------------------------------

TEST(Tables, PipeRowsWithDueAndLeaderColumns) {
  const Plan plan = parse(
      "青川市重点任务分工\n"
      "序号 | 重点任务 | 牵头单位 | 责任领导 | 完成时限 |\n"
      "1 | 新建停车泊位500个。 | 市住建局 | 王明 | 12月底前 |\n"
      "2 | 改造农贸市场3个。 | 市商务局 | 李强 | 6月底前 |\n");
  const auto all = all_measures(plan);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0]->number, 1);
  EXPECT_EQ(names(all[0]->lead_units), std::vector<std::string>{"市住建局"});
  EXPECT_EQ(all[1]->leaders, std::vector<std::string>{"李强"});
  ASSERT_FALSE(all[0]->milestones.empty());
  EXPECT_EQ(all[0]->milestones.front().deadline.text, "12月底前");
}

TEST(Tables, ClosedPipeRowRunsOverLinesWithOneUnitPerLine) {
  const Plan plan = parse(
      "临江区分工方案\n"
      "序号 | 重点任务 | 责任单位 | 完成时限 |\n"
      "1 | 建设社区养老服务站。 | 区民政局\n区卫健局\n区财政局 | 9月底前 |\n"
      "2 | 新增托育机构2家。 | 区卫健局 | 12月底前 |\n");
  const auto all = all_measures(plan);
  ASSERT_EQ(all.size(), 2u) << "the continuation lines are no sub-rows";
  EXPECT_EQ(names(all[0]->lead_units), (std::vector<std::string>{"区民政局", "区卫健局", "区财政局"}));
  EXPECT_EQ(names(all[1]->lead_units), std::vector<std::string>{"区卫健局"});
}

TEST(Tables, OneCellPerLineWithAndWithoutBlankLines) {
  for (const std::string sep : {"\n", "\n\n"}) {
    const std::string text = "云溪县任务清单\n序号\n工作任务\n牵头单位\n配合单位\n完成时限\n" + std::string("1") + sep +
                             "建成污水处理厂一座。" + sep + "县水利局" + sep + "县财政局" + sep + "10月底前" + sep + "2" +
                             sep + "完成河道清淤。" + sep + "县水利局" + sep + "各乡镇" + sep + "全年" + sep;
    const Plan plan = parse(text);
    const auto all = all_measures(plan);
    ASSERT_EQ(all.size(), 2u) << (sep.size() == 2 ? "blank lines between cells" : "no blank lines");
    EXPECT_EQ(names(all[0]->lead_units), std::vector<std::string>{"县水利局"});
    EXPECT_EQ(names(all[0]->co_units), std::vector<std::string>{"县财政局"});
    EXPECT_EQ(names(all[1]->co_units), std::vector<std::string>{"各乡镇"});
  }
}

TEST(Tables, SeveralUnitsEachOnItsOwnLineInOneCell) {
  const Plan plan = parse(
      "临江区任务清单\n序号\n重点工作\n责任单位\n完成时限\n"
      "1\n建设智慧停车平台。\n区住建局\n区公安分局\n区大数据局\n11月底前\n"
      "2\n开展消费季活动。\n区商务局\n12月底前\n");
  const auto all = all_measures(plan);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(names(all[0]->lead_units), (std::vector<std::string>{"区住建局", "区公安分局", "区大数据局"}));
  EXPECT_EQ(names(all[1]->lead_units), std::vector<std::string>{"区商务局"});
}

TEST(Tables, HeaderWordsWithSpacesAndCellsRunTogether) {
  const Plan plan = parse(
      "青川市任务表\n"
      "序 号  工 作 任 务  责 任 单 位  完 成 时 限\n"
      "1  改造燃气管道。  市城管局  9月底前\n"
      "2  新增公交线路。  市交通局  年底前\n");
  const auto all = all_measures(plan);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0]->title, "改造燃气管道。");
  EXPECT_EQ(names(all[1]->lead_units), std::vector<std::string>{"市交通局"});
}

TEST(Tables, MergedCellsAndSubRowsWithoutSerial) {
  // Row 2's category cell is merged into row 1's (left out); row 2 has two
  // sub-rows whose 序号 cell is merged: each sub-row is its own task.
  const Plan plan = parse(
      "云溪县分工表\n"
      "| 序号 | 类别 | 具体任务 | 牵头单位 | 完成时限 |\n"
      "| 1 | 基础设施 | 修建乡村道路。 | 县交通局 | 10月底前 |\n"
      "| 2 | 完善供水设施。 | 县水利局 | 8月底前 |\n"
      "| | 整治河道堤防。 | 县水利局 | 11月底前 |\n");
  const auto all = all_measures(plan);
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[1]->title, "完善供水设施。");
  EXPECT_EQ(names(all[1]->lead_units), std::vector<std::string>{"县水利局"});
  EXPECT_FALSE(all[2]->number.has_value());
  EXPECT_EQ(all[2]->title, "整治河道堤防。");
  EXPECT_NE(all[2]->id, all[1]->id);
}

TEST(Tables, ProseAfterATableIsNotACell) {
  const Plan plan = parse(
      "临江区任务表\n序号 | 任务 | 牵头单位\n1 | 建设公园。 | 区城管局\n"
      "各单位要按时报送进展情况，确保任务落实。\n");
  ASSERT_EQ(all_measures(plan).size(), 1u);
  EXPECT_EQ(all_measures(plan)[0]->text.find("按时报送"), std::string::npos);
}

// ---- front matter and attachments -------------------------------------------

TEST(FrontMatter, TableOfContentsIsNotTheTitleNorTheOutline) {
  const Plan plan = parse(
      "青川市数字经济发展规划\n目  录\n一、发展基础……1\n二、重点任务……3\n"
      "一、发展基础\n全市数字经济规模持续扩大。\n"
      "二、重点任务\n（一）建设数据中心。（牵头单位：市大数据局）\n（二）培育软件企业。（牵头单位：市工信局）\n");
  EXPECT_EQ(plan.title, "青川市数字经济发展规划");
  ASSERT_EQ(plan.chapters.size(), 2u) << "the entries open no chapters";
  EXPECT_EQ(plan.chapters[1].measures.size(), 2u);
  EXPECT_GE(plan.chrome.size(), 3u) << "目录 and its entries are set aside";
}

TEST(FrontMatter, AWordContainingMuluIsNoTableOfContents) {
  // Negative: 目录 only as a whole line opens a table of contents.
  const Plan plan = parse("云溪县方案\n一、编制权责清单目录\n（一）梳理事项。（牵头单位：县司法局）\n");
  EXPECT_EQ(all_measures(plan).size(), 1u);
}

TEST(Attachments, IndicatorTableAfterThePlanStaysAnAppendix) {
  const Plan plan = parse(
      "临江区若干措施\n一、稳定消费。发放消费券。（责任单位：区商务局）\n二、扩大投资。推进重点项目。（责任单位：区发改局）\n"
      "附件\n主要指标表\n一、消费指标\n1.社会消费品零售总额增长6%。\n2.网络零售额增长10%。\n");
  EXPECT_EQ(plan.loose_measures.size(), 2u);
  ASSERT_FALSE(plan.outline.children.empty());
  EXPECT_EQ(plan.outline.children.back().kind, NodeKind::appendix);
  EXPECT_EQ(count_kind(plan.outline, NodeKind::measure), 2);
}

TEST(Attachments, PlanAttachedToACoverNoticeIsThePlan) {
  const Plan plan = parse(
      "关于印发云溪县农村人居环境整治方案的通知\n各乡镇人民政府，县直各单位：\n"
      "现将《云溪县农村人居环境整治方案》印发给你们，请认真贯彻落实。\n"
      "附件\n云溪县农村人居环境整治方案\n"
      "一、总体要求\n全面改善农村人居环境。\n二、重点任务\n（一）治理生活垃圾。（牵头单位：县城管局）\n"
      "（二）改造农村厕所。（牵头单位：县农业农村局）\n");
  EXPECT_EQ(plan.title, "云溪县农村人居环境整治方案");
  EXPECT_EQ(all_measures(plan).size(), 2u);
  EXPECT_EQ(count_kind(plan.outline, NodeKind::appendix), 0);
  EXPECT_NE(plan.notice_text.find("印发给你们"), std::string::npos);
}

TEST(Attachments, NoticeWithNumberedRequestsThenTheNamedPlan) {
  // The notice numbers its own requests; the attachment is the plan it names.
  const Plan plan = parse(
      "关于印发临江区夜间经济提升方案的通知\n各街道办事处，区直各部门：\n"
      "现将《临江区夜间经济提升方案》印发给你们，并提出以下要求。\n一、提高认识。各单位要高度重视。\n二、加强协作。各单位要密切配合。\n"
      "附件\n临江区夜间经济提升方案\n一、打造夜间街区。（牵头单位：区商务局）\n二、延长公交时间。（牵头单位：区交通局）\n");
  EXPECT_EQ(plan.title, "临江区夜间经济提升方案");
  ASSERT_EQ(all_measures(plan).size(), 2u);
  EXPECT_EQ(names(all_measures(plan)[1]->lead_units), std::vector<std::string>{"区交通局"});
  EXPECT_NE(plan.notice_text.find("加强协作"), std::string::npos);
}

TEST(Attachments, TaskTableAttachmentIsPartOfThePlan) {
  const Plan plan = parse(
      "青川市工作方案\n一、目标任务。全面完成年度任务。\n二、工作要求。各单位要加强协作。\n"
      "附件\n重点任务分工表\n序号 | 重点任务 | 牵头单位 | 完成时限\n1 | 建设社区食堂。 | 市民政局 | 9月底前\n");
  bool table_measure = false;
  for (const auto* m : all_measures(plan)) table_measure = table_measure || m->title == "建设社区食堂。";
  EXPECT_TRUE(table_measure);
}

// ---- envelope ----------------------------------------------------------------

TEST(Envelope, APreambleIsNeverTheNoticeTitle) {
  const Plan plan = parse(
      "云溪县推进交房即交证改革实施方案\n为贯彻落实省政府关于优化营商环境的部署，制定本方案。\n"
      "一、工作任务\n（一）优化窗口。（责任单位：县自然资源局）\n");
  EXPECT_EQ(plan.title, "云溪县推进交房即交证改革实施方案");
  EXPECT_TRUE(plan.issuer.empty());
  EXPECT_TRUE(plan.notice_title.empty());
}

TEST(Envelope, ForwardingBodyIsTheIssuer) {
  const Plan plan = parse(
      "青川市人民政府办公室转发市民政局关于\n规范社区服务意见的通知\n各区县人民政府：\n市民政局意见已经市政府同意，现转发给你们。\n"
      "青川市人民政府办公室\n2023年3月1日\n（本文有删减）\n关于规范社区服务的意见\n一、工作任务\n（一）建设服务站。（牵头单位：市民政局）\n");
  EXPECT_EQ(plan.issuer, "青川市人民政府办公室");
  EXPECT_EQ(plan.title, "关于规范社区服务的意见");
}

TEST(Envelope, PlanPeriodOnTheLineUnderTheTitle) {
  const Plan plan = parse(
      "青川市人民政府办公室\n各区县人民政府：\n现将方案印发给你们。\n青川市人民政府办公室\n2023年5月6日\n"
      "青川市扩大内需行动方案\n(2024—2026年)\n一、重点任务\n（一）扩大消费。（牵头单位：市商务局）\n");
  EXPECT_EQ(plan.title, "青川市扩大内需行动方案(2024—2026年)");
  EXPECT_EQ(plan.plan_year, 2024);
}

// ---- the measure level diagnostic -------------------------------------------

TEST(MeasureLevel, SplitVoteIsReported) {
  const Plan plan = parse(
      "临江区要点\n一、推进甲。具体做好甲项工作。（牵头单位：区发改局）\n"
      "二、重点工作\n推进乙。\n推进丙。\n推进丁。\n"
      "三、推进戊。具体做好戊项工作。（牵头单位：区财政局）\n");
  EXPECT_TRUE(has_code(plan, "outline.measure_level"));
}

}  // namespace
