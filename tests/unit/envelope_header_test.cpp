// The header (GB/T 9704 envelope) on small texts written for the tests
// (invented places: 青川市, 临江区, 云溪县): issuer, 发文字号, 成文日期, the
// plan's title and its year. Each convention has its negative.
#include <taizhang/taizhang.hpp>

#include <gtest/gtest.h>

#include "test_util.hpp"

#include <boost/date_time/gregorian/gregorian.hpp>

#include <optional>
#include <string>

namespace {

using namespace taizhang;
using test::has_code;

std::optional<std::string> signed_on(const Plan& plan) {
  if (!plan.signed_on) return std::nullopt;
  return boost::gregorian::to_iso_extended_string(*plan.signed_on);
}

// A plan body to put under an envelope: two chapters, two measures.
const std::string kBody =
    "一、重点任务\n"
    "（一）改造老旧小区。完成改造30个。（牵头单位：市住建局）\n"
    "（二）建设口袋公园。新建公园10个。（牵头单位：市园林局）\n";

// ---- envelope parts run together (a copy that lost line breaks) ------------

TEST(GluedEnvelope, SigningDateRunIntoThePlanTitleIsSplitOff) {
  const Plan plan = parse(
      "青川市人民政府办公室关于印发青川市城市更新行动方案（2024—2026年）的通知\n"
      "各区人民政府，市政府各部门：\n"
      "《青川市城市更新行动方案（2024—2026年）》已经市政府同意，现印发给你们，请认真组织实施。\n"
      "青川市人民政府办公室\n"
      "2023年12月20日青川市城市更新行动方案（2024—2026年）\n"
      "为推进城市更新，制定本方案。\n" +
      kBody);
  EXPECT_EQ(signed_on(plan), "2023-12-20");
  EXPECT_EQ(plan.issuer, "青川市人民政府办公室");
  EXPECT_EQ(plan.title, "青川市城市更新行动方案(2024—2026年)");
  EXPECT_EQ(plan.plan_year, 2024);  // the title's first year, though signed in December
}

TEST(GluedEnvelope, ADateThatGoesOnAsASentenceOrFollowsNoSignatureIsNoSigningDate) {
  // After a 署名, "…日前完成…方案" is a deadline sentence, not 成文日期 + title.
  const Plan deadline = parse(
      "青川市城市更新工作要点\n一、重点任务\n（一）编制专项规划。\n青川市住房和城乡建设局\n"
      "2024年6月30日前完成片区更新实施方案\n");
  EXPECT_FALSE(deadline.signed_on);
  // A date and a title on one line with no 署名 above: a line of a list of
  // documents, not an envelope.
  const Plan listed = parse(
      "青川市城市更新工作要点\n一、工作回顾\n（一）出台配套政策。今年先后印发以下文件：\n"
      "2023年5月8日青川市老旧小区改造实施方案\n");
  EXPECT_FALSE(listed.signed_on);
}

TEST(GluedEnvelope, NoticeTitleRunIntoItsRecipientsIsSplit) {
  const Plan plan = parse(
      "临江区人民政府关于印发临江区2024年民生实事实施方案的通知各街道办事处，区政府各部门：\n"
      "现将《临江区2024年民生实事实施方案》印发给你们，请认真贯彻执行。\n"
      "临江区人民政府\n2024年2月6日\n临江区2024年民生实事实施方案\n" +
      kBody);
  EXPECT_EQ(plan.notice_title, "临江区人民政府关于印发临江区2024年民生实事实施方案的通知");
  EXPECT_EQ(plan.recipients, (std::vector<std::string>{"各街道办事处", "区政府各部门"}));
  EXPECT_EQ(plan.issuer, "临江区人民政府");
  EXPECT_EQ(plan.title, "临江区2024年民生实事实施方案");
}

TEST(GluedEnvelope, ATitleFollowedByNoRecipientsStaysWhole) {
  // "…意见如下：" ends in a colon but names no recipients.
  const Plan plan = parse("关于加快临江区夜间经济发展的意见如下：\n" + kBody);
  EXPECT_TRUE(plan.recipients.empty());
}

TEST(GluedEnvelope, DocumentNumberOfTheZiFormRunIntoItsRecipientsIsSplit) {
  const Plan plan = parse(
      "青川市人民政府办公室\n关于加强临江流域保护的\n实施意见\n"
      "青政办字〔2017〕73号各区人民政府，市政府各部门：\n"
      "为加强流域保护，提出如下意见。\n" +
      kBody + "青川市人民政府办公室\n2017年6月22日\n");
  ASSERT_TRUE(plan.doc_number);
  EXPECT_EQ(plan.doc_number->text, "青政办字〔2017〕73号");
  EXPECT_EQ(plan.doc_number->agency, "青政办字");
  EXPECT_EQ(plan.recipients, (std::vector<std::string>{"各区人民政府", "市政府各部门"}));
  EXPECT_EQ(plan.plan_year, 2017);
}

TEST(GluedEnvelope, ANumberCitedInTheBodyIsNoDocumentNumber) {
  // Far from the head, a sentence that opens with a cited number is body text.
  const Plan plan = parse(
      "青川市城市更新工作要点\n一、重点任务\n（一）编制规划。\n（二）完善政策。\n（三）落实资金。\n"
      "（四）加强督查。\n（五）强化宣传。\n青政办字〔2017〕73号文件要求各区：\n");
  EXPECT_FALSE(plan.doc_number);
}

// ---- the 署名 -----------------------------------------------------------------

TEST(Signature, JointIssueLeadsWithItsFirstBody) {
  // Bodies of a joint issue printed two to a line without separators; the
  // first one leads (主办机关).
  const Plan plan = parse(
      "关于印发《青川市口袋公园建设方案》的通知\n各区人民政府，市政府各部门：\n"
      "现将《青川市口袋公园建设方案》印发给你们，请认真执行。\n"
      "青川市园林绿化局青川市财政局\n青川市自然资源和规划局中共青川市委宣传部\n"
      "青川市人民政府国有资产监督管理委员会\n2024年3月1日\n青川市口袋公园建设方案\n" +
      kBody);
  EXPECT_EQ(plan.issuer, "青川市园林绿化局");
  EXPECT_EQ(plan.signatory, "青川市园林绿化局");
  EXPECT_EQ(signed_on(plan), "2024-03-01");
  EXPECT_EQ(plan.title, "青川市口袋公园建设方案");
}

TEST(Signature, JointIssueOnAPageWithoutLineBreaks) {
  std::string running =
      "关于印发《云溪县农村公路养护方案》的通知\n"
      "云交发〔2024〕5号各乡镇人民政府，县直各部门：现将《云溪县农村公路养护方案》印发给你们，请认真执行。"
      "云溪县交通运输局云溪县财政局云溪县农业农村局2024年4月2日（此件公开发布）"
      "云溪县农村公路养护方案为做好农村公路养护，制定本方案。";
  for (int i = 1; i <= 12; ++i)
    running += "一、重点任务（" + std::string(i == 1 ? "一" : "二") + "）完善养护机制。建立县乡村三级路长制度。（牵头单位：县交通运输局）";
  const Plan plan = parse(running);
  EXPECT_EQ(plan.issuer, "云溪县交通运输局");
  EXPECT_EQ(signed_on(plan), "2024-04-02");
}

TEST(Signature, ALineAboveTheSignatureThatIsNoBodyStaysOutOfIt) {
  // A unit note and a body without a place name above a one-body 署名.
  const Plan plan = parse(
      "青川市城市更新工作要点\n一、重点任务\n（一）编制专项规划。\n责任单位：市住建局\n市发展改革委\n"
      "青川市人民政府\n2024年1月5日\n");
  EXPECT_EQ(plan.issuer, "青川市人民政府");
  EXPECT_EQ(plan.signatory, "青川市人民政府");
}

TEST(Signature, ABodyWhoseNameHoldsAnotherEndingIsOneBody) {
  const Plan plan = parse(
      "关于印发《青川市国企改革方案》的通知\n各区人民政府：\n现将方案印发给你们，请认真执行。\n"
      "青川市人民政府国有资产监督管理委员会\n2024年5月6日\n青川市国企改革方案\n" +
      kBody);
  EXPECT_EQ(plan.issuer, "青川市人民政府国有资产监督管理委员会");
}

TEST(Signature, TheSignatureGivesTheNameThatTheNoticeTitleShortens) {
  const Plan plan = parse(
      "市政府关于印发青川市稳增长若干政策措施的通知\n各区人民政府，市府各委办局：\n"
      "现将《青川市稳增长若干政策措施》印发给你们，请认真贯彻落实。\n青川市人民政府\n2023年2月2日\n"
      "青川市稳增长若干政策措施\n" +
      kBody);
  EXPECT_EQ(plan.issuer, "青川市人民政府");
  EXPECT_EQ(plan.notice_title, "市政府关于印发青川市稳增长若干政策措施的通知");
}

TEST(Signature, AnIssuerMarkStillNamesTheIssuer) {
  // The 发文机关标志 (…文件) names the issuer even where the 署名 is shorter.
  const Plan plan = parse(
      "青川市临江区人民政府文件\n临政发〔2024〕3号\n关于印发临江区2024年重点工作方案的通知\n各街道办事处：\n"
      "现将方案印发给你们，请认真贯彻执行。\n临江区人民政府\n2024年2月6日\n临江区2024年重点工作方案\n" +
      kBody);
  EXPECT_EQ(plan.issuer, "青川市临江区人民政府");
  EXPECT_EQ(plan.signatory, "临江区人民政府");
}

// ---- the title ---------------------------------------------------------------

TEST(Title, CoverNoticeWhosePlanHasNoTitleLineIsTitledByTheNotice) {
  const Plan plan = parse(
      "青川市人民政府办公室关于印发青川市技术创新若干措施的通知\n各区人民政府，市政府各部门：\n"
      "《青川市技术创新若干措施》已经市政府同意，现印发给你们。\n青川市人民政府办公室\n2023年6月29日\n"
      "为加快企业技术创新，现提出如下措施。\n" +
      kBody);
  EXPECT_EQ(plan.title, plan.notice_title);
  EXPECT_EQ(plan.plan_year, 2023);
}

TEST(Title, APlanTitleLineOrANoticeOverThePlanItselfGivesThePlanTitle) {
  const Plan with_line = parse(
      "青川市人民政府办公室关于印发青川市技术创新若干措施的通知\n各区人民政府，市政府各部门：\n"
      "《青川市技术创新若干措施》已经市政府同意，现印发给你们。\n青川市人民政府办公室\n2023年6月29日\n"
      "青川市技术创新若干措施\n为加快企业技术创新，现提出如下措施。\n" +
      kBody);
  EXPECT_EQ(with_line.title, "青川市技术创新若干措施");
  // No cover notice of its own: the notice title heads the plan's text, and
  // names the plan it forwards.
  const Plan headed = parse("云溪县人民政府办公室关于印发<云溪县住房消费若干措施>的通知\n为促进住房消费，制定本措施。\n" +
                            kBody);
  EXPECT_EQ(headed.title, "云溪县住房消费若干措施");
}

TEST(Title, ANoticeForwardingOneDocumentKeepsItsTitleLine) {
  // 及 inside one document's own title is no second document.
  const Plan plan = parse(
      "青川市人民政府关于印发青川市稳经济一揽子措施及配套政策的通知\n各区人民政府：\n"
      "现将有关措施印发给你们，请认真贯彻落实。\n青川市人民政府\n2022年6月1日\n"
      "关于稳经济的一揽子政策措施\n为稳定经济运行，制定以下措施。\n" +
      kBody);
  EXPECT_EQ(plan.title, "关于稳经济的一揽子政策措施");
}

// ---- the plan year -------------------------------------------------------------

TEST(PlanYear, BracketedPeriodWithoutTheWordYearGivesItsFirstYear) {
  const Plan plan = parse("云溪县服务业数字化转型行动方案（2021—2023）\n为推进转型，制定本方案。\n" + kBody);
  EXPECT_EQ(plan.plan_year, 2021);
}

TEST(PlanYear, NumbersInBracketsThatAreNoPeriodGiveNoYear) {
  // A reversed pair and a year-month are no period; the body names no year.
  EXPECT_FALSE(parse("云溪县服务业行动方案（2023—2021）\n为推进转型，制定本方案。\n" + kBody).plan_year);
  EXPECT_FALSE(parse("云溪县服务业行动方案（2023-10）\n为推进转型，制定本方案。\n" + kBody).plan_year);
}

TEST(PlanYear, NamedFiveYearPeriodGivesItsFirstYear) {
  EXPECT_EQ(parse("青川市“十四五”教育事业发展规划\n为发展教育，制定本规划。\n" + kBody).plan_year, 2021);
  EXPECT_EQ(parse("青川市十五五规划纲要重点任务分工\n为落实纲要，制定本分工。\n" + kBody).plan_year, 2026);
}

TEST(PlanYear, ACountThatSpellsAPeriodNameIsNoPeriod) {
  // 十五条 counts measures; 二十五 is a numeral.
  EXPECT_FALSE(parse("云溪县促进住房消费十五条措施\n为促进消费，制定本措施。\n" + kBody).plan_year);
  EXPECT_FALSE(parse("云溪县二十五项民生实事清单\n为办好实事，制定本清单。\n" + kBody).plan_year);
}

TEST(PlanYear, ImprintDateGivesTheYearOfAPageWithoutHeadOrSignature) {
  const Plan plan = parse("为推进数字政府建设，制定本方案。\n" + kBody +
                          "抄送：市委各部门，市人大常委会办公厅。\n青川市人民政府办公室 2019年3月15日印发\n");
  EXPECT_EQ(plan.plan_year, 2019);
  EXPECT_EQ(plan.issuer, "");  // the printing office signs nothing
  EXPECT_FALSE(plan.signed_on);
  EXPECT_FALSE(has_code(plan, "outline.plan_year_from_body"));
}

TEST(PlanYear, SigningDateComesBeforeTheImprintDate) {
  const Plan plan = parse("青川市城市更新工作要点\n" + kBody +
                          "青川市人民政府\n2018年12月28日\n抄送：市委各部门。\n青川市人民政府办公室 2019年1月3日印发\n");
  EXPECT_EQ(signed_on(plan), "2018-12-28");
  EXPECT_EQ(plan.plan_year, 2018);
}

TEST(PlanYear, ADateLineThatIsNoImprintGivesNoYear) {
  // Printed by no body: "…印发" after a sentence is text; its year is only
  // the first the text names (and says so).
  const Plan plan = parse("为推进数字政府建设，制定本方案。\n" + kBody + "各单位于2019年3月15日印发\n");
  EXPECT_EQ(plan.plan_year, 2019);
  EXPECT_TRUE(has_code(plan, "outline.plan_year_from_body"));
}

TEST(PlanYear, BodyYearSkipsCitedTitles) {
  // 《…（2023—2025年）》 names another document; the first year of this
  // plan's own text is 2024.
  const Plan plan = parse(
      "云溪县关于扩大消费的若干措施\n为落实《云溪县商贸发展规划（2023—2025年）》，制定本措施。\n"
      "一、促进消费\n（一）办好展会。办好2024年农产品展销会。（牵头单位：县商务局）\n");
  EXPECT_EQ(plan.plan_year, 2024);
  EXPECT_TRUE(has_code(plan, "outline.plan_year_from_body"));
}

TEST(PlanYear, BodyYearIsTheYearTheDocumentTakesEffect) {
  // The document's own 施行 clause wins over a cut-off date named earlier.
  const Plan plan = parse(
      "云溪县促进住房消费若干措施\n一、发放补贴。2016年1月1日后生育二孩的家庭购房给予补贴。（牵头单位：县财政局）\n"
      "二、放宽贷款。提高公积金贷款额度。（牵头单位：县公积金中心）\n本措施自2022年7月1日起施行，有效期至2023年12月31日。\n");
  EXPECT_EQ(plan.plan_year, 2022);
}

TEST(PlanYear, AMeasuresOwnStartDateIsNoEffectiveDate) {
  // "自2023年4月1日起执行" of one measure (no 本…) leaves the first year.
  const Plan plan = parse(
      "云溪县促进消费若干措施\n一、减免通行费。2022年起对货车减半收费。（牵头单位：县交通局）\n"
      "二、延长优惠。优惠政策自2023年4月1日起执行。（牵头单位：县交通局）\n");
  EXPECT_EQ(plan.plan_year, 2022);
}

}  // namespace
