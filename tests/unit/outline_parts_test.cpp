// Outline: several plans under one notice (a package of plans, a task list
// attachment with its own title), and the top level of each plan. Texts are
// written for the tests (invented places: 青川市, 临江区, 云溪县); each
// convention has its negative.
#include <taizhang/taizhang.hpp>

#include <gtest/gtest.h>

#include "test_util.hpp"

#include <boost/date_time/gregorian/gregorian.hpp>

#include <string>
#include <vector>

namespace {

using namespace taizhang;
using test::names;
using test::titles;
using test::has_code;

// A cover notice, its list of the plans it issues, then each plan under its
// own title with numbering that starts again at 一、.
const char* kPackage =
    "青川市人民政府关于印发稳住消费的一揽子措施及配套政策的通知\n"
    "各区县人民政府，市政府各部门：\n"
    "现将一揽子措施及配套政策印发给你们，请认真贯彻执行。\n"
    "青川市人民政府\n2023年4月10日\n"
    "一、1个总文件\n1.关于稳住消费的一揽子措施\n二、2个配套文件\n1.关于促进餐饮消费的五条措施\n2.关于支持汽车消费的三条措施\n"
    "关于稳住消费的一揽子措施\n为稳住全市消费，制定以下措施。\n"
    "一、扩大商品消费\n1.发放消费券。面向市民发放消费券。（市商务局负责）\n2.开展促销活动。组织商场让利。（市商务局负责）\n"
    "二、提振服务消费\n3.繁荣夜间经济。打造夜间街区。（市文旅局负责）\n"
    "关于促进餐饮消费的五条措施\n"
    "一、发放餐饮补贴。对新开门店给予一次性补贴。（市商务局、市财政局负责。以下均需各区县政府落实，不再列出）\n"
    "二、延长营业时间。允许门店延时经营。（市城管局负责）\n"
    "关于支持汽车消费的三条措施\n"
    "一、开展汽车展销。每季度举办一次车展。（市商务局负责）\n"
    "二、完善充电设施。新建充电桩一百个。（市住建局负责）\n";

TEST(Parts, EachPlanOfAPackageIsAChapter) {
  const Plan plan = parse(kPackage);
  ASSERT_EQ(plan.chapters.size(), 3u);
  EXPECT_EQ(plan.chapters[0].title, "关于稳住消费的一揽子措施");
  EXPECT_TRUE(plan.chapters[0].marker.empty());
  EXPECT_FALSE(plan.chapters[0].number.has_value());
  // The first plan's 一、 headings are sections over its numbered items.
  ASSERT_EQ(plan.chapters[0].sections.size(), 2u);
  EXPECT_EQ(plan.chapters[0].sections[1].measures.front().number, 3);
  // In the other plans the 一、 items are the tasks themselves.
  EXPECT_EQ(plan.chapters[1].measures.size(), 2u);
  EXPECT_EQ(plan.chapters[2].measures.size(), 2u);
  EXPECT_EQ(plan.chapters[2].measures[1].title, "完善充电设施。");
  EXPECT_EQ(all_measures(plan).size(), 7u);
  EXPECT_TRUE(has_code(plan, "outline.parts"));
}

TEST(Parts, ThePackageIsNamedByItsFirstPlanAndItsListIsNoPlan) {
  const Plan plan = parse(kPackage);
  EXPECT_EQ(plan.title, "关于稳住消费的一揽子措施");
  // The notice's list of the plans opens no chapter and makes no measure.
  bool listed = false;
  for (const auto& a : plan.attachments) listed = listed || a.find("关于促进餐饮消费的五条措施") != std::string::npos;
  EXPECT_TRUE(listed);
  for (const auto& t : titles(plan)) EXPECT_EQ(t.find("个配套文件"), std::string::npos);
}

TEST(Parts, AStandingDefaultEndsWithItsPlan) {
  const Plan plan = parse(kPackage);
  // 以下均需各区县政府落实 reaches the later measures of the same plan (as a
  // lead beside a plain 负责) …
  EXPECT_EQ(names(plan.chapters[1].measures[1].lead_units), (std::vector<std::string>{"市城管局", "各区县政府"}));
  EXPECT_TRUE(plan.chapters[1].measures[1].co_units.empty());
  // … but not the next plan of the package.
  EXPECT_TRUE(plan.chapters[2].measures[0].co_units.empty());
  EXPECT_EQ(names(plan.chapters[2].measures[0].lead_units), std::vector<std::string>{"市商务局"});
}

TEST(Parts, TwoPlansUnderOneCoverNotice) {
  const Plan plan = parse(
      "临江区人民政府办公室关于印发临江区支持数字经济若干政策和临江区数字经济行动计划的通知\n"
      "各街道办事处，区政府各部门：\n现将两个文件印发给你们，请认真执行。\n"
      "临江区人民政府办公室\n2022年8月1日\n"
      "临江区支持数字经济若干政策\n"
      "一、支持平台建设\n对新建平台给予奖励。（责任单位：区工信局）\n对上云企业给予补贴。（责任单位：区工信局、区财政局）\n"
      "二、支持人才引进\n对引进人才给予安家补贴。（责任单位：区人社局）\n"
      "临江区数字经济行动计划（2022-2024年）\n为加快数字经济发展，制定本计划。\n"
      "一、总体要求\n到2024年，数字经济规模明显扩大。\n"
      "二、重点任务\n（一）建设数据中心。（责任单位：区大数据局）\n（二）培育软件企业。（责任单位：区工信局）\n");
  ASSERT_EQ(plan.chapters.size(), 2u);
  EXPECT_EQ(plan.title, "临江区支持数字经济若干政策");
  EXPECT_EQ(plan.chapters[1].title, "临江区数字经济行动计划（2022-2024年）");
  // The first plan's paragraphs each carry a note: each is a task.
  ASSERT_EQ(plan.chapters[0].sections.size(), 2u);
  EXPECT_EQ(plan.chapters[0].sections[0].measures.size(), 2u);
  EXPECT_EQ(plan.chapters[0].sections[1].measures.size(), 1u);
  // The second plan's 总体要求 holds no task.
  ASSERT_EQ(plan.chapters[1].sections.size(), 2u);
  EXPECT_TRUE(plan.chapters[1].sections[0].measures.empty());
  EXPECT_EQ(plan.chapters[1].sections[1].measures.size(), 2u);
  EXPECT_EQ(all_measures(plan).size(), 5u);
}

TEST(Parts, ATitleLikeLineWhoseNumberingGoesOnOpensNoPart) {
  // Negative: a line ending in 方案 inside a plan, but the numbering after
  // it goes on (三、), is no new plan.
  const Plan plan = parse(
      "云溪县乡村振兴工作要点\n"
      "一、发展特色产业。建设茶叶基地。（牵头单位：县农业农村局）\n"
      "二、改善人居环境。治理生活垃圾。（牵头单位：县城管局）\n"
      "县级统筹推进方案\n"
      "三、加强人才支撑。引进农技人员。（牵头单位：县人社局）\n");
  EXPECT_FALSE(has_code(plan, "outline.parts"));
  EXPECT_TRUE(plan.chapters.empty());
  EXPECT_EQ(plan.loose_measures.size(), 3u);
}

TEST(Parts, ATitleLineOverALowerNumberingOpensNoPart) {
  // Negative: the items after the line restart at 1., a level below the
  // plan's 一、: a sub-list, not a new plan.
  const Plan plan = parse(
      "青川市工作方案\n"
      "一、重点任务\n（一）建设社区食堂。（牵头单位：市民政局）\n"
      "二、保障措施\n（一）加强组织领导。（牵头单位：市政府办公室）\n"
      "社区食堂运营办法\n1.明确运营主体。\n2.规范收费标准。\n");
  EXPECT_FALSE(has_code(plan, "outline.parts"));
  EXPECT_EQ(plan.chapters.size(), 2u);
}

TEST(Parts, AnAttachmentListedInTheBodyThenItsTaskListIsAPlan) {
  // The 附件说明 (附件： and the name) lists the attachment; the attachment
  // then follows under its own mark and title, a task list whose numbering
  // starts again.
  const Plan plan = parse(
      "青川市人民政府办公室关于印发青川市数字政府考评办法的通知\n各区县人民政府：\n现将考评办法印发给你们。\n"
      "2022年4月1日\n"
      "青川市数字政府考评办法\n"
      "一、考评对象\n各区县人民政府和市直各部门。\n"
      "二、考评方式\n每半年考评一次。\n"
      "附件：\n青川市数字政府考评指标\n"
      "附件\n青川市数字政府考评指标\n"
      "一、政务服务（30分）\n（一）平台建设（10分）\n"
      "1.全部事项开通网上办理。（6月底完成，牵头考核单位：市政务服务局）\n"
      "2.完善热线平台。（9月底完成，牵头考核单位：市政府办公室）\n"
      "3.推行电子证照。（10月底完成，牵头考核单位：市政务服务局）\n"
      "二、数据共享（20分）\n（一）数据目录（10分）\n"
      "4.编制数据目录。（持续推进，牵头考核单位：市大数据局）\n"
      "5.开放公共数据。（11月底完成，牵头考核单位：市大数据局）\n");
  EXPECT_TRUE(has_code(plan, "outline.parts"));
  ASSERT_EQ(plan.chapters.size(), 2u);
  EXPECT_EQ(plan.chapters[1].title, "青川市数字政府考评指标");
  ASSERT_EQ(plan.chapters[1].sections.size(), 2u);
  ASSERT_EQ(plan.chapters[1].sections[0].measures.size(), 3u);
  EXPECT_EQ(plan.chapters[1].sections[1].measures.front().number, 4);
  EXPECT_EQ(names(plan.chapters[1].sections[0].measures[1].lead_units), std::vector<std::string>{"市政府办公室"});
  EXPECT_EQ(plan.title, "青川市数字政府考评办法");
}

TEST(Parts, AnAttachmentNameWithoutItsAttachmentStaysAnAppendix) {
  // Negative: 附件： with a name that no later attachment repeats opens an
  // appendix, as before.
  const Plan plan = parse(
      "临江区若干措施\n一、稳定消费。发放消费券。（责任单位：区商务局）\n二、扩大投资。推进重点项目。（责任单位：区发改局）\n"
      "附件：\n主要指标表\n一、消费指标\n1.社会消费品零售总额增长6%。\n");
  EXPECT_EQ(plan.loose_measures.size(), 2u);
  EXPECT_EQ(plan.outline.children.back().kind, NodeKind::appendix);
}

TEST(Parts, ADivisionOfDutiesAttachedAfterTheSignatureIsWork) {
  // 附件 …职责分工: one unit per paragraph (X负责…), after the signature.
  const char* text =
      "云溪县人民政府办公室关于促进托育服务发展的实施意见\n"
      "一、总体要求\n到2025年，托育服务体系基本建立。\n"
      "二、主要任务\n（一）发展社区托育。在社区建设托育点。\n（二）规范机构管理。实行机构备案。\n"
      "附件：促进托育服务发展部门职责分工\n"
      "2020年3月2日\n（此件公开发布）\n"
      "附件\n促进托育服务发展\n部门职责分工\n"
      "县发展改革局负责将托育服务纳入发展规划。\n"
      "县教育局负责托育人才培养。\n"
      "县卫生健康局负责托育机构的业务指导。\n";
  const Plan plan = parse(text);
  EXPECT_TRUE(has_code(plan, "outline.parts"));
  ASSERT_FALSE(plan.chapters.empty());
  const Chapter& duties = plan.chapters.back();
  EXPECT_EQ(duties.title, "促进托育服务发展部门职责分工");
  ASSERT_EQ(duties.measures.size(), 3u);
  EXPECT_FALSE(duties.measures[0].number.has_value());
  EXPECT_EQ(duties.measures[1].title, "县教育局负责托育人才培养。");
  EXPECT_EQ(names(duties.measures[2].lead_units), std::vector<std::string>{"县卫生健康局"});
  EXPECT_EQ(all_measures(plan).size(), 5u);
}

TEST(Parts, ADivisionOfDutiesLeavesTheForwardedPlanAsItIs) {
  // The plan forwarded by a cover notice keeps its chapters; the division
  // of duties attached to it is one more chapter.
  const Plan plan = parse(
      "云溪县人民政府办公室关于印发云溪县托育服务方案的通知\n各乡镇人民政府：\n现将方案印发给你们。\n"
      "云溪县人民政府办公室\n2020年3月2日\n"
      "云溪县托育服务方案\n"
      "一、重点任务\n（一）发展社区托育。在社区建设托育点。\n（二）规范机构管理。实行机构备案。\n"
      "二、保障措施\n（一）加强组织领导。建立联席会议制度。\n"
      "附件\n部门职责分工\n县教育局负责托育人才培养。\n县卫生健康局负责托育机构的业务指导。\n");
  ASSERT_EQ(plan.chapters.size(), 3u);
  EXPECT_EQ(plan.chapters[0].marker, "一、");
  EXPECT_EQ(plan.chapters[0].measures.size(), 2u);
  EXPECT_EQ(plan.chapters[2].title, "部门职责分工");
  EXPECT_EQ(plan.chapters[2].measures.size(), 2u);
}

TEST(Parts, AnotherAttachmentAfterTheSignatureStaysAnAppendix) {
  // Negative: a list of members is no division of duties.
  const Plan plan = parse(
      "云溪县人民政府办公室关于促进托育服务发展的实施意见\n"
      "二、主要任务\n（一）发展社区托育。在社区建设托育点。\n（二）规范机构管理。实行机构备案。\n"
      "2020年3月2日\n"
      "附件\n托育服务工作领导小组成员名单\n"
      "组长由县政府分管副县长担任。\n成员由县直有关部门负责人组成。\n");
  EXPECT_FALSE(has_code(plan, "outline.parts"));
  EXPECT_EQ(all_measures(plan).size(), 2u);
  EXPECT_EQ(plan.outline.children.back().kind, NodeKind::appendix);
}

// ---- the top level of a plan ------------------------------------------------

TEST(TopLevel, SmallFullStopAfterANumberIsAMarker) {
  const Plan plan = parse(
      "云溪县行动计划\n一、重点任务\n（一）网络建设行动\n"
      "1﹒推进光纤入户。（责任单位：县工信局）\n2﹒建设基站。（责任单位：县工信局）\n");
  ASSERT_EQ(all_measures(plan).size(), 2u);
  EXPECT_EQ(all_measures(plan)[1]->number, 2);
  EXPECT_EQ(all_measures(plan)[1]->title, "建设基站。");
}

TEST(TopLevel, ParagraphsWithANoteEachAreTasksAndTheClosingIsNot) {
  const Plan plan = parse(
      "青川市支持实体经济若干政策\n"
      "一、支持企业技改\n对技改项目给予补助。（责任单位：市工信局）\n对智能工厂给予奖励。（责任单位：市工信局）\n"
      "二、支持企业上市\n对上市企业给予奖励。（责任单位：市金融局）\n"
      "三、支持人才培养\n对培训机构给予补贴。（责任单位：市人社局）\n举办技能大赛。（责任单位：市总工会）\n"
      "市工信局会同市财政局制定实施细则。\n本政策自2022年1月1日起施行。\n");
  EXPECT_EQ(plan.chapters.size(), 3u);
  EXPECT_EQ(all_measures(plan).size(), 5u);
  EXPECT_EQ(plan.chapters[2].measures.back().title, "举办技能大赛。");
}

TEST(TopLevel, ANoteOnItsOwnLineClosesTheParagraphAbove) {
  const Plan plan = parse(
      "临江区光伏建设方案\n"
      "一、主要任务\n（一）推进屋顶光伏。\n在公共建筑屋顶安装光伏。\n（责任单位：区发改委、区建管委）\n"
      "（二）推进建筑光伏。\n新建建筑同步安装光伏。\n（责任单位：区建管委）\n"
      "二、保障措施\n区发改委统筹推进全区光伏建设。\n（责任单位：区发改委、各街道）\n"
      "各部门加强政策宣传。（责任单位：区委宣传部）\n");
  ASSERT_EQ(plan.chapters.size(), 2u);
  ASSERT_EQ(plan.chapters[1].measures.size(), 2u);
  EXPECT_EQ(plan.chapters[1].measures[0].title, "区发改委统筹推进全区光伏建设。");
  EXPECT_EQ(names(plan.chapters[1].measures[0].lead_units), (std::vector<std::string>{"区发改委", "各街道"}));
  // Negative: a bracketed line that names no unit is a paragraph of its own.
  const Plan other = parse(
      "临江区光伏建设方案\n一、重点工作\n推进屋顶光伏。（责任单位：区发改委）\n（一项示范工程）\n"
      "推进建筑光伏。（责任单位：区建管委）\n");
  EXPECT_EQ(all_measures(other).size(), 3u);
}

TEST(TopLevel, OneNoteUnderAHeadingKeepsTheHeadingTheTask) {
  // Negative: paragraphs sharing one note at the end are one task, the
  // heading's.
  const Plan plan = parse(
      "临江区环保服务措施\n"
      "一、实施分级管理\n对绩效好的企业减少检查。\n对绩效差的企业加强帮扶。（牵头部门：区生态环境局）\n"
      "二、开展上门服务\n组织专家深入企业。（牵头部门：区生态环境局）\n");
  EXPECT_TRUE(plan.chapters.empty());
  ASSERT_EQ(plan.loose_measures.size(), 2u);
  EXPECT_EQ(plan.loose_measures[0].title, "实施分级管理");
}

TEST(TopLevel, AnItemWithItsTextInTheHeadingBesideChaptersIsATask) {
  const Plan plan = parse(
      "云溪县文旅恢复措施\n"
      "一、给予贷款贴息。对重点项目贷款给予贴息。（县文旅局负责）\n"
      "二、加大金融支持\n（一）引导银行设立专营机构。（县金融办负责）\n（二）推行优惠利率。（县金融办负责）\n"
      "三、减轻企业负担。暂退旅行社质量保证金。（县文旅局负责）\n");
  EXPECT_EQ(all_measures(plan).size(), 4u);
  ASSERT_EQ(plan.loose_measures.size(), 2u);
  EXPECT_EQ(plan.loose_measures[1].title, "减轻企业负担。");
  ASSERT_EQ(plan.chapters.size(), 1u);
  EXPECT_EQ(plan.chapters[0].measures.size(), 2u);
}

TEST(TopLevel, ABareTitleOverAParagraphBesideChaptersStaysAChapter) {
  // Negative: beside chapters, a title without a sentence of its own is a
  // chapter of its paragraph.
  const Plan plan = parse(
      "云溪县文旅恢复措施\n"
      "一、重点任务\n（一）引导银行设立专营机构。（县金融办负责）\n（二）推行优惠利率。（县金融办负责）\n"
      "二、保障措施\n各部门要加强协作。（县政府办负责）\n");
  ASSERT_EQ(plan.chapters.size(), 2u);
  ASSERT_EQ(plan.chapters[1].measures.size(), 1u);
  EXPECT_FALSE(plan.chapters[1].measures[0].number.has_value());
}

TEST(TopLevel, AGoalHeadingGluedToItsParagraphIsNoTask) {
  // Running text joins the heading word to its paragraph (总体要求坚持…).
  const Plan plan = parse(
      "青川市民生工程方案\n"
      "一、总体要求坚持以人民为中心，办好民生实事。\n"
      "二、主要任务\n（一）棚户区改造。改造棚户区一千套。（牵头单位：市住建局）\n（二）老旧小区改造。改造小区五十个。（牵头单位：市住建局）\n");
  EXPECT_EQ(all_measures(plan).size(), 2u);
}

// ---- below the top level ------------------------------------------------------

TEST(ParagraphTasks, ParagraphsWithANoteEachUnderASectionAreItsTasks) {
  // （二） holds three paragraphs each closed by its own bracket; a box
  // (专栏) after a bracket stays with the task before it.
  const Plan plan = parse(
      "青川市电子信息产业行动计划\n"
      "一、重点任务\n"
      "（一）产业集聚行动\n推进园区建设。建设三个产业园。（责任单位：市发改委）专栏1：重点园区1.东区产业园。2.西区产业园。\n"
      "（二）产业集群行动\n发展通信产业。引进整机企业。（责任单位：市工信局）\n发展显示产业。建设面板项目。（责任单位：市工信局）\n"
      "发展软件产业。培育软件企业。（责任单位：市科技局）\n"
      "（三）重大项目攻坚行动。每年推进重点项目二十个。（责任单位：市发改委）\n");
  ASSERT_EQ(plan.chapters.size(), 1u);
  const Chapter& ch = plan.chapters[0];
  ASSERT_EQ(ch.sections.size(), 2u);
  ASSERT_EQ(ch.sections[0].measures.size(), 1u);
  EXPECT_EQ(ch.sections[0].measures[0].title, "推进园区建设。");
  EXPECT_FALSE(ch.sections[0].measures[0].number.has_value());
  ASSERT_EQ(ch.sections[1].measures.size(), 3u);
  EXPECT_EQ(names(ch.sections[1].measures[2].lead_units), std::vector<std::string>{"市科技局"});
  // （三） runs on into its task: it is the task.
  ASSERT_EQ(ch.measures.size(), 1u);
  EXPECT_EQ(ch.measures[0].number, 3);
  EXPECT_EQ(all_measures(plan).size(), 5u);
}

TEST(ParagraphTasks, ParagraphsSharingOneNoteKeepTheirHeadingTheTask) {
  // Negative: no heading holds several noted paragraphs, so each （N） is
  // one task over its paragraphs.
  const Plan plan = parse(
      "临江区营商环境措施\n"
      "一、重点任务\n"
      "（一）优化审批服务\n推行并联审批。\n压缩办理时限。（责任单位：区政务服务局）\n"
      "（二）加强法治保障\n开展普法宣传。（责任单位：区司法局）\n");
  ASSERT_EQ(plan.chapters.size(), 1u);
  EXPECT_TRUE(plan.chapters[0].sections.empty());
  ASSERT_EQ(plan.chapters[0].measures.size(), 2u);
  EXPECT_EQ(plan.chapters[0].measures[0].number, 1);
  EXPECT_EQ(plan.chapters[0].measures[0].title, "优化审批服务");
}

// ---- a safeguards chapter ---------------------------------------------------------

std::string with_safeguards(const std::string& safeguards, bool noted = true) {
  const std::string note1 = noted ? "（牵头单位：市住建局）" : "";
  const std::string note2 = noted ? "（牵头单位：市民政局）" : "";
  const std::string note3 = noted ? "（牵头单位：市卫健委）" : "";
  return "青川市民生实事方案\n"
         "一、重点任务\n（一）改造老旧小区。完成改造五十个。" + note1 + "\n（二）建设社区食堂。新建食堂二十个。" + note2 +
         "\n（三）建设托育机构。新增托位一千个。" + note3 + "\n"
         "二、保障措施\n" + safeguards;
}

TEST(Safeguards, UnnotedSafeguardsOfANotedPlanAreNoTasks) {
  const Plan plan = parse(with_safeguards(
      "（一）加强组织领导。各地要把民生实事摆上重要位置。\n（二）强化资金保障。各级财政要足额安排资金。\n"
      "（三）营造良好氛围。加强宣传引导。\n"));
  EXPECT_EQ(all_measures(plan).size(), 3u);
  EXPECT_TRUE(has_code(plan, "outline.safeguards"));
}

TEST(Safeguards, SafeguardsThatGoOnWithTheTasksNumbersAreTasks) {
  // Negative: 4. after the tasks' 1.–3.: the same list of tasks.
  const Plan plan = parse(
      "云溪县促消费措施\n"
      "一、扩大消费\n1.发放消费券。（牵头单位：县商务局）\n2.举办展销会。（牵头单位：县商务局）\n"
      "3.繁荣夜间经济。（牵头单位：县文旅局）\n"
      "二、保障措施\n4.加强统筹协调。建立联席会议制度。\n5.加强督促检查。定期通报进展。\n");
  EXPECT_EQ(all_measures(plan).size(), 5u);
  EXPECT_FALSE(has_code(plan, "outline.safeguards"));
}

TEST(Safeguards, SafeguardsThatDivideDutiesAreTasks) {
  // Negative: the items charge named units (X牵头…；Y负责…).
  const Plan plan = parse(with_safeguards(
      "（一）落实工作责任。市住建局牵头老旧小区改造工作；市民政局负责社区食堂运营指导。\n"
      "（二）加强督查考核。将实事办理纳入年度考核。\n"));
  EXPECT_EQ(all_measures(plan).size(), 5u);
}

TEST(Safeguards, ThePlanWithoutNotesKeepsItsSafeguards) {
  // Negative: where no task carries a note, the safeguards are read like them.
  const Plan plan = parse(with_safeguards(
      "（一）加强组织领导。各地要把民生实事摆上重要位置。\n（二）强化资金保障。各级财政要足额安排资金。\n", false));
  EXPECT_EQ(all_measures(plan).size(), 5u);
}

// ---- dates inside a responsibility note -----------------------------------------

std::vector<std::string> dues(const Measure& m) {
  std::vector<std::string> out;
  for (const auto& ms : m.milestones)
    if (ms.deadline.kind != DeadlineKind::implied && ms.deadline.due)
      out.push_back(boost::gregorian::to_iso_extended_string(*ms.deadline.due));
  return out;
}

TEST(NoteDates, ADateInsideANoteIsTheTasksDeadline) {
  const Plan plan = parse(
      "云溪县2023年数字政府考评指标\n"
      "1.全部事项开通网上办理。（6月底完成，牵头考核单位：县政务服务局）\n"
      "2.完善热线平台。（牵头单位：县政府办公室；完成时限：2023年9月底前）\n"
      "3.开放公共数据。（持续推进，牵头考核单位：县大数据局）\n");
  const auto all = all_measures(plan);
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(dues(*all[0]), std::vector<std::string>{"2023-06-30"});
  EXPECT_EQ(names(all[0]->lead_units), std::vector<std::string>{"县政务服务局"});
  EXPECT_EQ(dues(*all[1]), std::vector<std::string>{"2023-09-30"});
  EXPECT_EQ(names(all[1]->lead_units), std::vector<std::string>{"县政府办公室"});
  // Negative: a note without a date gives none.
  EXPECT_TRUE(dues(*all[2]).empty());
  EXPECT_EQ(names(all[2]->lead_units), std::vector<std::string>{"县大数据局"});
}

// ---- sub-items that share their parent's note ------------------------------------

TEST(SharedNotes, SubItemsClosedByOneNoteLineBelongToTheirProject) {
  // 1.…工程 over (1)(2) and one 责任单位 line after them, beside 2.…工程
  // with its own note: the projects are the tasks.
  const Plan plan = parse(
      "青川市数字经济行动方案\n"
      "一、行动目标\n到2025年，数字经济规模突破一千亿元。\n"
      "二、重点任务\n（一）数字基础设施建设行动。\n"
      "1.信息网络建设工程。\n（1）加快5G网络覆盖。到2025年建成基站五千个。\n（2）加快光纤网络建设。推进千兆入户。\n"
      "（责任单位：市通信办、市工信局）\n"
      "2.算力设施建设工程。建设城市算力中心。（责任单位：市发改委）\n");
  const auto all = all_measures(plan);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0]->title, "信息网络建设工程。");
  EXPECT_EQ(names(all[0]->lead_units), (std::vector<std::string>{"市通信办", "市工信局"}));
  EXPECT_NE(all[0]->text.find("加快光纤网络建设"), std::string::npos);
  EXPECT_FALSE(plan.goals.empty()) << "行动目标 states the plan's goals";
}

TEST(SharedNotes, AClosingParagraphAfterTheLastChapterLineKeepsItShared) {
  // The plan's closing paragraph, left in the last measure by the outline,
  // follows the last chapter's label line: the line still covers its chapter.
  const Plan plan = parse(
      "云溪县稳定外贸措施\n"
      "一、稳住进出口\n（一）支持自营进出口企业。对达到规模的企业给予奖励。\n"
      "（二）支持跨境电商企业。对新设海外仓给予补助。\n"
      "牵头单位：县商务局，责任单位：各乡镇人民政府\n"
      "各乡镇、各部门要加强组织领导，抓好各项措施落实。\n");
  const auto all = all_measures(plan);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(names(all[0]->lead_units), std::vector<std::string>{"县商务局"});
  EXPECT_EQ(names(all[0]->co_units), std::vector<std::string>{"各乡镇人民政府"});
}

TEST(SharedNotes, ALineFollowedByMoreTaskTextIsNoChapterLine) {
  // Negative: text after the label line that opens no closing paragraph is
  // the measure's own: the line is that measure's note only.
  const Plan plan = parse(
      "云溪县稳定外贸措施\n"
      "一、稳住进出口\n（一）支持自营进出口企业。对达到规模的企业给予奖励。\n"
      "（二）支持跨境电商企业。对新设海外仓给予补助。\n"
      "牵头单位：县商务局，责任单位：各乡镇人民政府\n"
      "同时做好企业培训工作。\n");
  const auto all = all_measures(plan);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_TRUE(all[0]->lead_units.empty());
}

TEST(SharedNotes, ItemsUnderAChapterWithOneClosingNoteStayTasks) {
  // Negative: no sibling carries a note of its own, so the items are the
  // tasks and the note line is shared by them (one note per chapter).
  const Plan plan = parse(
      "云溪县稳定房地产市场措施\n"
      "一、支持刚性需求\n（一）发放购房补贴。按房款给予补贴。\n（二）放宽公积金贷款。提高贷款额度。\n"
      "（责任单位：县住建局、县财政局）\n"
      "二、优化市场供给\n（一）加快项目审批。压缩审批时限。\n（二）盘活存量土地。处置闲置土地。\n"
      "（责任单位：县自然资源局）\n");
  const auto all = all_measures(plan);
  ASSERT_EQ(all.size(), 4u);
  EXPECT_EQ(all[0]->number, 1);
  EXPECT_EQ(all[1]->number, 2);
  EXPECT_EQ(names(all[3]->lead_units), std::vector<std::string>{"县自然资源局"});
}

// Each plan of a package closes with its own paragraph; its dates date that
// plan, not its last measure (the same reading as the last measure of a
// single plan, docs/deadlines.md "Closing paragraphs").
const char* kPackageWithValidity =
    "青川市人民政府关于印发稳住消费的一揽子措施及配套政策的通知\n"
    "各区县人民政府，市政府各部门：\n"
    "现将一揽子措施及配套政策印发给你们，请认真贯彻执行。\n"
    "青川市人民政府\n2023年4月10日\n"
    "一、1个总文件\n1.关于稳住消费的一揽子措施\n二、1个配套文件\n1.关于促进餐饮消费的两条措施\n"
    "关于稳住消费的一揽子措施\n为稳住全市消费，制定以下措施。\n"
    "一、扩大商品消费\n1.发放消费券。6月底前面向市民发放消费券。（市商务局负责）\n"
    "2.开展促销活动。9月底前组织全市大型商场和连锁超市开展让利促销。（市商务局负责）\n"
    "本措施有效期至2023年12月31日。\n"
    "关于促进餐饮消费的两条措施\n"
    "一、发放餐饮补贴。对新开门店给予一次性补贴。（市商务局负责）\n"
    "二、延长营业时间。10月底前允许门店延时经营。（市城管局负责）\n";

TEST(Parts, EachPlanOfAPackageClosesWithItsOwnDates) {
  const Plan plan = parse(kPackageWithValidity);
  ASSERT_EQ(plan.chapters.size(), 2u);
  const auto all = all_measures(plan);
  ASSERT_EQ(all.size(), 4u);
  // The validity line after the first plan's last item is that plan's.
  ASSERT_EQ(all[1]->dates.size(), 1u);
  EXPECT_EQ(all[1]->dates[0].text, "9月底前");
  EXPECT_TRUE(has_code(plan, "deadline.plan_level"));
  // The other plan's last measure keeps its own deadline.
  ASSERT_EQ(all[3]->dates.size(), 1u);
  EXPECT_EQ(all[3]->dates[0].text, "10月底前");
}

TEST(Parts, AChapterOfOnePlanIsNoPlan) {
  // In a single plan a chapter's last measure is no plan's end: a date in a
  // line after its body stays the measure's.
  const Plan plan = parse(
      "青川市促进餐饮消费工作方案\n"
      "一、补贴\n1.发放餐饮补贴。对新开门店给予一次性补贴。（市商务局负责）\n"
      "2.开展美食节。组织各区县在重点商圈开展形式多样的美食活动。（市商务局负责）\n"
      "本措施于2023年10月底前完成。\n"
      "二、服务\n3.延长营业时间。允许门店延时经营。（市城管局负责）\n");
  const auto all = all_measures(plan);
  ASSERT_EQ(all.size(), 3u);
  ASSERT_EQ(all[1]->dates.size(), 1u);
  EXPECT_EQ(all[1]->dates[0].text, "2023年10月底前");
}

}  // namespace
