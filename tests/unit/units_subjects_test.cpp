// Units stage, subject rule: units written as clause subjects or addressees of
// 请-requests (src/units/subjects.cpp), in documents that annotate no unit.
// Table-driven on small texts, with the negatives the golden readers set out
// (国家, 可以/不得/不再, anaphoric 医院, modifiers, recipients, objects).
#include "units/subjects.hpp"

#include <taizhang/taizhang.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <ostream>
#include <string>
#include <vector>

namespace {

using namespace taizhang;
using Names = std::vector<std::string>;

struct Row {
  const char* text;
  Names lead;
  Names co;
};

// Each row is one measure body (folded like a document, so ， is ',').
const Row kRows[] = {
    // Subjects before a cue word.
    {"2019年3月底前，国家卫生健康委在全国推广统一的病历书写规范。", {"国家卫生健康委"}, {}},
    {"各地要加强病案首页质量控制。", {"各地"}, {}},
    {"各省(区、市)人民政府要建设本辖区统一的信息平台。", {"各省(区、市)人民政府"}, {}},  // a place list in a name
    {"各部门(含直属机构)要建立台账。", {}, {}},  // a remark in brackets is no place list
    {"国家中医药局印发全国统一的中医病证分类与代码。", {"国家中医药局"}, {}},
    {"2019年6月底前各省份要出台具体实施方案。", {"各省份"}, {}},
    {"各省份于2019年11月底前完成考核，并报送国家卫生健康委。", {"各省份"}, {}},  // recipient: no unit
    {"卫生健康行政部门监督指导三级公立医院落实要求。", {"卫生健康行政部门"}, {}},  // object: no unit
    {"各项目管理部门对科研项目要加强考核。", {"各项目管理部门"}, {}},
    {"国务院办公厅要适时开展督促检查。", {"国务院办公厅"}, {}},
    {"三级公立医院要加强信息化建设。各地要加强质量管理。", {"三级公立医院", "各地"}, {}},
    {"国家卫生健康委搭建平台。2021年起，国家卫生健康委每年4月底前完成年度评估。", {"国家卫生健康委"}, {}},
    // Requests.
    {"请农业农村部、科技部、工业和信息化部、卫生健康委等部门于2020年3月底前报送方案。",
     {"农业农村部", "科技部", "工业和信息化部", "卫生健康委等部门"}, {}},
    {"请财政部落实有关规定。", {"财政部"}, {}},
    // 会同: lead and co.
    {"请人力资源社会保障部会同有关部门按照有关精神制定办法。", {"人力资源社会保障部"}, {"有关部门"}},
    {"国家卫生健康委要会同相关部门，加强指导和监督。", {"国家卫生健康委"}, {"相关部门"}},
    // A long partner list, closed by 共同; a clause opening with 会同 names
    // the partners of the subject read before it.
    {"县住建局会同县发改委、县教育局、县公安局、县民政局、县财政局、县水务局、县交通局、县文旅局、县卫健委、县应急局等部门共同推进体检工作。",
     {"县住建局"},
     {"县发改委", "县教育局", "县公安局", "县民政局", "县财政局", "县水务局", "县交通局", "县文旅局", "县卫健委",
      "县应急局等部门"}},
    {"县应急局要统筹协调，会同各有关部门共同推进整治。", {"县应急局"}, {"各有关部门"}},
    {"会同各有关部门共同推进整治。", {}, {}},  // no subject before it: no partners either
    // 配合 after the subject: it co-operates, as in a note.
    {"公安、民政等部门要密切配合。", {}, {"公安部门", "民政部门"}},
    {"县卫健委配合做好排查。", {}, {"县卫健委"}},
    {"县水务局要积极协助乡镇开展巡查。", {}, {"县水务局"}},
    {"要密切配合，形成工作合力。", {}, {}},  // no subject
    {"建立各方密切配合的工作机制。", {}, {}},  // a verb opens the clause
    {"及时发现解决执法机关存在的问题。", {}, {}},  // an adverb opens the clause: no subject
    {"县司法局要及时发现解决执法中的问题。", {"县司法局"}, {}},
    {"鼓励企业单独或联合相关单位共同举办托育机构。", {}, {}},  // 共同 closes no subject
    {"单独或联合相关单位共同举办托育机构。", {}, {}},
    {"县商务局要会同县市场监管局等有关部门尽快开展专项检查。", {"县商务局"}, {"县市场监管局等有关部门"}},  // split later, as any unit list
    {"县商务局要会同有关部门立即部署整治。", {"县商务局"}, {"有关部门"}},
    {"尽快开展专项检查。", {}, {}},  // a time adverb closes no subject
    // Splitting and distribution.
    {"财政、发展改革、中医药等部门要建立协调推进机制。", {"财政部门", "发展改革部门", "中医药部门"}, {}},
    // 等 closes the enumeration; the words after it only describe the class.
    {"财政、审计、统计等经济监督领域有关部门要加强协同。", {"财政部门", "审计部门", "统计部门"}, {}},
    {"财政、高等教育等部门要加强协同。", {"财政部门", "高等教育部门"}, {}},  // the closing 等, not 高等
    {"财政、高等教育等领域有关部门要加强协同。", {"财政部门", "高等教育部门"}, {}},
    {"财政和医保部门结合绩效考核结果，调整完善政策。", {"财政部门", "医保部门"}, {}},
    {"科技部、财政部和相关科技项目管理部门要分别修订办法。", {"科技部", "财政部", "相关科技项目管理部门"}, {}},
    {"各地区、各部门和各单位都要制定具体的实施办法。", {"各地区", "各部门", "各单位"}, {}},
    {"各高校、科研院所要制定管理办法。", {"各高校、科研院所"}, {}},  // one leading 各: one collective
    {"各地区、各有关部门和单位要进一步明确办法。", {"各地区", "各有关部门和单位"}, {}},
    {"各地、各有关部门要把考核作为抓手。", {"各地", "各有关部门"}, {}},
    {"各地各有关部门要积极开展政策宣传。", {"各地", "各有关部门"}, {}},  // run together
    {"科技部、农业农村部等要加强宣传。", {"科技部", "农业农村部"}, {}},  // bare 等 dropped
    {"科技部、财政部等有关部门要加强宣传解读。", {"科技部", "财政部等有关部门"}, {}},
    {"工业和信息化部负责组织实施。", {"工业和信息化部"}, {}},  // never split inside a name
    {"财政、教育、组织部门研究建立应用机制。", {"财政部门", "教育部门", "组织部门"}, {}},
    // Negatives: abstract actor, permission, prohibition, cessation.
    {"国家建立公立医院满意度管理制度。", {}, {}},
    {"各地可以指定部门或机构代表公立医院举办方。", {}, {}},
    {"有关单位不得随意要求项目承担单位填报信息。", {}, {}},
    {"项目管理专业机构不再承担已明确下放的有关事项。", {}, {}},
    // Negatives: anaphoric 医院, scope statements, modifiers, possessors.
    {"医院调整完善内部绩效考核方案。", {}, {}},
    {"2020年6月底前，全国二级公立医院全部接入国家卫生健康委病案质量监测平台。", {}, {}},
    {"各地工作开展情况要按季度报告国务院食品安全委员会办公室。", {}, {}},
    {"国家卫生健康委及其他国务院部门、行业所属或者管理的二级公立医院，高校附属二级公立医院，均参加属地质量评价。",
     {}, {}},
    // Negatives: clauses that open with a verb or preposition, arrangements.
    {"推动各单位落实到位。", {}, {}},
    {"负责指导所属科研单位制定管理制度。", {}, {}},
    {"实施过程中的管理主要由项目承担单位负责。", {}, {}},
    {"将有关事项交由项目承担单位自主决定，由单位主管部门报项目管理部门备案。", {}, {}},
    {"鼓励科研单位和科研人员对政策落实情况进行监督。", {}, {}},
    {"动员旅游规划设计单位开展扶贫公益行动。", {}, {}},
    {"帮扶省市要组织引导本地区农产品批发市场、商贸流通企业开展帮扶。", {}, {}},
    {"不足部分经所在地人力资源社会保障部门审核评估合格后予以支持。", {}, {}},
    // Negatives: quoted rules and the content of a request.
    {"各单位要落实“科研人员经所在单位同意，可以到企业兼职”的规定。", {"各单位"}, {}},
    {"请财政部在相关规定中明确，中央高校、科研院所要简化相关手续。", {"财政部"}, {}},
    // No subject at all.
    {"要加强审计监督。", {}, {}},
    {"提高病案首页质量。", {}, {}},
};

void PrintTo(const Row& row, std::ostream* os) { *os << row.text; }

Names names(const std::vector<detail::SubjectUnit>& us) {
  Names out;
  for (const auto& u : us)
    if (std::find(out.begin(), out.end(), u.name) == out.end()) out.push_back(u.name);  // the stage dedups
  return out;
}

class SubjectRows : public ::testing::TestWithParam<Row> {};

TEST_P(SubjectRows, FindsExactlyTheseUnits) {
  const Row& row = GetParam();
  const detail::Text text(row.text);
  const auto found = detail::subject_units(text.folded(), {0, text.folded().size()});
  EXPECT_EQ(names(found.lead), row.lead) << row.text;
  EXPECT_EQ(names(found.co), row.co) << row.text;
}

INSTANTIATE_TEST_SUITE_P(Table, SubjectRows, ::testing::ValuesIn(kRows));

Names names(const std::vector<Unit>& us) {
  Names out;
  for (const auto& u : us) out.push_back(u.name);
  return out;
}

// ---- the stage: when the rule fires ----------------------------------------

TEST(SubjectRule, FiresOnlyInDocumentsWithoutAnnotations) {
  // No annotation anywhere: subjects are the units.
  const Plan bare = parse("一、任务\n（一）做甲。市财政局要加强管理。\n（二）做乙。要加强监督。\n");
  ASSERT_EQ(bare.chapters.at(0).measures.size(), 2u);
  EXPECT_EQ(names(bare.chapters[0].measures[0].lead_units), Names{"市财政局"});
  EXPECT_TRUE(bare.chapters[0].measures[1].lead_units.empty());
  EXPECT_TRUE(std::any_of(bare.diagnostics.begin(), bare.diagnostics.end(),
                          [](const Diagnostic& d) { return d.code == "units.unassigned"; }));

  // One annotation makes the document annotated: subjects are ignored in
  // every measure, also in those without an annotation of their own.
  const Plan annotated =
      parse("一、任务\n（一）做甲。市财政局要加强管理。（牵头单位：市发改委）\n（二）做乙。市商务局要推进工作。\n");
  ASSERT_EQ(annotated.chapters.at(0).measures.size(), 2u);
  EXPECT_EQ(names(annotated.chapters[0].measures[0].lead_units), Names{"市发改委"});
  EXPECT_TRUE(annotated.chapters[0].measures[1].lead_units.empty());
}

TEST(SubjectRule, UnitsKeepOriginalCharactersAndSpans) {
  // Full-width punctuation and a distributed suffix: raw is what is written,
  // the name carries the shared 部门, the span points at the raw text.
  const std::string doc = "一、任务\n（一）做甲。财政、医保等部门要建立机制；国家卫生健康委要会同相关部门，加强指导。\n";
  const Plan plan = parse(doc);
  const Measure& m = plan.chapters.at(0).measures.at(0);
  EXPECT_EQ(names(m.lead_units), (Names{"财政部门", "医保部门", "国家卫生健康委"}));
  EXPECT_EQ(names(m.co_units), Names{"相关部门"});
  EXPECT_EQ(m.lead_units[0].raw, "财政");
  EXPECT_TRUE(m.co_units[0].collective);
  for (const auto* us : {&m.lead_units, &m.co_units})
    for (const auto& u : *us)
      EXPECT_EQ(doc.substr(u.span.byte_start, u.span.byte_end - u.span.byte_start), u.raw) << u.name;
}

TEST(SubjectRule, LinearOnHostileInput) {
  // Endless subject lists, requests and unclosed quotes on one line.
  std::string body;
  for (int i = 0; i < 40000; ++i) body += i % 3 ? "国家卫生健康委、" : "请各地“要";
  const std::string doc = "一、任务\n（一）做甲。" + body + "\n（二）" + body + "，" + body + "\n";
  const Plan plan = parse(doc);  // growth is the doubling benchmark's job
  EXPECT_EQ(plan.chapters.at(0).measures.size(), 2u);
}

TEST(SubjectRule, LinearOnAnEndlessPartnerList) {
  // The window opens again after each 、: a partner list of any length is
  // read in one pass, and so is a list of separators alone.
  std::string partners;
  for (int i = 0; i < 40000; ++i) partners += "县发改委、";
  std::string separators(120000, ' ');
  for (std::size_t i = 0; i < separators.size(); i += 3) separators.replace(i, 3, "、");
  const std::string doc = "一、任务\n（一）做甲。县住建局会同" + partners + "县财政局共同推进。\n（二）做乙。县住建局会同" +
                          separators + "共同推进。\n";
  const Plan plan = parse(doc);  // growth is the doubling benchmark's job
  ASSERT_EQ(plan.chapters.at(0).measures.size(), 2u);
  EXPECT_EQ(plan.chapters.at(0).measures[0].lead_units.size(), 1u);
}

}  // namespace
