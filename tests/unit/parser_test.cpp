// Parser: the reference document (read from the shared corpus), outline and
// unit rules on small texts written for the tests, hostile input. The
// per-document expectations are the golden files (tests/golden/score.py).
#include "test_util.hpp"

#include <taizhang/taizhang.hpp>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <set>
#include <sstream>

namespace {

using namespace taizhang;
using test::names;

const Measure* find_measure(const Plan& plan, int number, int nth = 1) {
  for (const auto* m : all_measures(plan))
    if (m->number == number && --nth == 0) return m;
  return nullptr;
}

std::string iso(const std::optional<boost::gregorian::date>& d) {
  return d ? boost::gregorian::to_iso_extended_string(*d) : "null";
}

// ---- the reference document against ../shared/gold -------------------------

TEST(Reference, AgreesWithGoldOnStructureUnitsAndHeader) {
  TAIZHANG_CORPUS_TEXT(text, test::kReference);
  const std::string gold_text = test::reference_gold();
  if (gold_text.empty()) GTEST_SKIP() << "no ../shared/gold beside the corpus";
  const auto gold = nlohmann::json::parse(gold_text);
  const Plan plan = parse(text);
  EXPECT_EQ(plan.issuer, gold["issuer"]);
  ASSERT_TRUE(plan.doc_number);
  EXPECT_EQ(plan.doc_number->text, gold["doc_number"]);
  EXPECT_EQ(plan.doc_number->agency, "洛政");
  EXPECT_EQ(plan.doc_number->year, 2022);
  EXPECT_EQ(plan.doc_number->serial, 17);
  EXPECT_EQ(iso(plan.signed_on), gold["signed_on"]);
  EXPECT_EQ(plan.plan_year, gold["plan_year"].get<int>());
  EXPECT_EQ(plan.title, gold["title"]);
  EXPECT_EQ(plan.notice_title, "关于印发洛阳平台城市建设2022年细化措施的通知");
  EXPECT_EQ(plan.recipients, (std::vector<std::string>{"各县区人民政府", "市人民政府有关部门", "各有关单位"}));
  // Checked by their ends (the project holds no sentence of the document).
  EXPECT_TRUE(plan.notice_text.starts_with("现将《洛阳平台城市建设")) << plan.notice_text;
  EXPECT_TRUE(plan.notice_text.ends_with("印发给你们,请认真贯彻落实。")) << plan.notice_text;
  EXPECT_TRUE(plan.preamble.starts_with("为加快洛阳平台城市建设,")) << plan.preamble;
  EXPECT_TRUE(plan.preamble.ends_with("制定2022年细化措施如下:")) << plan.preamble;
  ASSERT_EQ(plan.chapters.size(), gold["chapters"].get<std::size_t>());
  std::size_t sections = 0;
  for (const auto& c : plan.chapters) sections += c.sections.size();
  EXPECT_EQ(sections, gold["sections"].get<std::size_t>());

  // Every measure: number, chapter, section, title, lead units.
  std::vector<std::tuple<int, int, std::optional<int>, const Measure*>> flat;
  for (std::size_t ci = 0; ci < plan.chapters.size(); ++ci) {
    for (const auto& m : plan.chapters[ci].measures) flat.emplace_back(*m.number, ci + 1, std::nullopt, &m);
    for (std::size_t si = 0; si < plan.chapters[ci].sections.size(); ++si)
      for (const auto& m : plan.chapters[ci].sections[si].measures) flat.emplace_back(*m.number, ci + 1, si + 1, &m);
  }
  ASSERT_EQ(flat.size(), gold["measures"].size());
  for (std::size_t k = 0; k < flat.size(); ++k) {
    const auto& g = gold["measures"][k];
    const auto& [number, chapter, section, m] = flat[k];
    SCOPED_TRACE("measure " + std::to_string(number));
    EXPECT_EQ(number, g["number"].get<int>());
    EXPECT_EQ(chapter, g["chapter"].get<int>());
    if (g["section"].is_null()) {
      EXPECT_FALSE(section);
    } else {
      EXPECT_EQ(section, g["section"].get<int>());
    }
    EXPECT_EQ(m->title, g["title"]);
    EXPECT_EQ(names(m->lead_units), g["lead_units"].get<std::vector<std::string>>());
  }
  EXPECT_TRUE(plan.loose_measures.empty());
  // The news lead above "全文如下" is chrome, not text of the plan.
  ASSERT_FALSE(plan.chrome.empty());
  EXPECT_EQ(plan.chrome.front().start, 0u);
}

TEST(Reference, SpansSliceTheOriginalAndUnitsKeepTheirRawForm) {
  TAIZHANG_CORPUS_TEXT(text, test::kReference);
  const Plan plan = parse(text);
  for (const auto* m : all_measures(plan)) {
    EXPECT_EQ(text.substr(m->span.byte_start, m->span.byte_end - m->span.byte_start), m->text);
    EXPECT_EQ(m->text.rfind(m->marker, 0), 0u) << m->id;
    for (const auto& u : m->lead_units)
      EXPECT_EQ(text.substr(u.span.byte_start, u.span.byte_end - u.span.byte_start), u.raw);
  }
  const Measure* m4 = find_measure(plan, 4);
  ASSERT_TRUE(m4);
  EXPECT_EQ(m4->lead_units[1].raw, "发改委");
  EXPECT_EQ(m4->lead_units[1].name, "市发改委");
  EXPECT_EQ(m4->lead_units[1].full_name, "市发展和改革委员会");
  const Measure* m62 = find_measure(plan, 62);
  ASSERT_TRUE(m62);
  EXPECT_TRUE(m62->lead_units.at(0).collective);
}

TEST(Reference, JsonRoundTrips) {
  const Plan plan = parse_file(test::example_path());
  const std::string json = to_json(plan);
  const Plan back = from_json(json);
  EXPECT_EQ(to_json(back), json);
  EXPECT_THROW(from_json("{\"schema\": \"other\"}"), Error);
  EXPECT_THROW(from_json("[1, 2"), Error);
}

// write_json streams what to_json returns, across many 64 KiB chunks (the
// example plan four times over gives about 1 MB of JSON), pretty and compact.
TEST(Reference, WriteJsonStreamsWhatToJsonReturns) {
  const Plan one = parse_file(test::example_path());
  std::string text;
  for (const Measure* m : all_measures(one)) text += std::string(m->text) + "\n";
  text = text + text + text + text;
  const Plan plan = parse(text);
  for (bool pretty : {true, false}) {
    JsonOptions o;
    o.pretty = pretty;
    std::ostringstream out;
    write_json(plan, out, o);
    EXPECT_TRUE(out.good());
    const std::string expected = to_json(plan, o);
    EXPECT_GT(expected.size(), std::size_t{4} << 16);
    EXPECT_EQ(out.str(), expected);
  }
}

// ---- outline and unit rules on small texts ----------------------------------

TEST(Outline, MarkerStylesFullAndHalfWidth) {
  const Plan plan = parse(
      "某某实施方案\n一、总体安排\n（一）第一节内容\n１．完成甲。\n牵头单位：市发改委\n2、完成乙。\n牵头单位:市财政局\n"
      "(二)第二节\n3．完成丙。\n二、保障措施\n4.加强领导。\n");
  ASSERT_EQ(plan.chapters.size(), 2u);
  ASSERT_EQ(plan.chapters[0].sections.size(), 2u);
  EXPECT_EQ(plan.chapters[0].sections[0].measures.size(), 2u);
  EXPECT_EQ(plan.chapters[0].sections[0].measures[0].marker, "１．");
  EXPECT_EQ(plan.chapters[0].sections[0].measures[0].number, 1);
  EXPECT_EQ(plan.chapters[1].measures.size(), 1u);
  EXPECT_EQ(names(plan.chapters[0].sections[0].measures[1].lead_units), std::vector<std::string>{"市财政局"});
}

TEST(Outline, ParenthesisedMeasuresAndNumberingDiagnostics) {
  const Plan plan = parse("一、任务\n（一）做甲。\n（三）做丙。\n（三）又做丙。\n");
  ASSERT_EQ(plan.chapters.size(), 1u);
  EXPECT_EQ(plan.chapters[0].measures.size(), 3u);
  std::set<std::string> codes;
  for (const auto& d : plan.diagnostics) codes.insert(d.code);
  EXPECT_TRUE(codes.count("outline.number_gap"));
  EXPECT_TRUE(codes.count("outline.duplicate_number"));
}

// Where one line of the input went: into how many measures, and whether an
// outline node, an envelope field or the chrome holds it.
struct LinePlace {
  int measures = 0;
  bool outline = false, envelope = false, chrome = false;
};

bool contains_span(const Span& s, std::size_t b, std::size_t e) { return s.byte_start <= b && e <= s.byte_end; }

bool in_outline(const OutlineNode& n, std::size_t b, std::size_t e) {
  for (const auto& c : n.children)
    if (contains_span(c.span, b, e) || in_outline(c, b, e)) return true;
  return false;
}

std::string squeezed(std::string_view s) {
  std::string out;
  for (char c : s)
    if (c != ' ' && c != '\t' && c != '\r') out += c;
  return out;
}

LinePlace place_of(const Plan& plan, std::string_view text, std::size_t b, std::size_t e) {
  LinePlace p;
  for (const auto* m : all_measures(plan)) p.measures += contains_span(m->span, b, e);
  p.outline = in_outline(plan.outline, b, e);
  for (const auto& c : plan.chrome) p.chrome = p.chrome || (c.byte_start < e && b < c.byte_end);
  const std::string line = squeezed(text.substr(b, e - b));
  auto holds = [&](const std::string& field) {
    const std::string f = squeezed(field);
    return !f.empty() && (f.find(line) != std::string::npos || (f.size() >= 6 && line.find(f) != std::string::npos));
  };
  std::vector<std::string> fields{plan.issuer, plan.signatory, plan.notice_title, plan.title, plan.preamble,
                                  plan.notice_text};
  if (plan.doc_number) fields.push_back(plan.doc_number->text);
  for (const auto& v : {plan.recipients, plan.attachments, plan.remarks}) fields.insert(fields.end(), v.begin(), v.end());
  for (const auto& f : fields) p.envelope = p.envelope || holds(f);
  // The 成文日期 line is read into signed_on.
  if (plan.signed_on && line.size() <= 45 && line.find("年") != std::string::npos && line.find("日") != std::string::npos)
    p.envelope = true;
  return p;
}

TEST(Outline, EveryLineBelongsSomewhere) {
  // Every non-blank line of every corpus document 00–69 is in exactly one
  // measure, or else in an outline node (headings, passages), an envelope
  // field or the chrome; no line is both a measure's and the chrome's.
  const std::string dir = taizhang::test::corpus_dir();
  if (dir.empty()) GTEST_SKIP() << taizhang::test::kNoCorpus;
  std::size_t documents = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    const std::string stem = entry.path().stem().string();
    if (entry.path().extension() != ".txt" || stem.size() < 3 || stem[2] != '-' || stem[0] > '6') continue;
    ++documents;
    const std::string text = taizhang::test::read_file(entry.path().string());
    const Plan plan = parse(text);
    for (std::size_t b = 0; b < text.size();) {
      std::size_t e = text.find('\n', b);
      if (e == std::string::npos) e = text.size();
      std::size_t lb = b, le = e;
      while (lb < le && (text[lb] == ' ' || text[lb] == '\t' || text[lb] == '\r')) ++lb;
      while (le > lb && (text[le - 1] == ' ' || text[le - 1] == '\t' || text[le - 1] == '\r')) --le;
      if (le > lb && !squeezed(std::string_view(text).substr(lb, le - lb)).empty()) {
        const LinePlace p = place_of(plan, text, lb, le);
        const std::string shown = text.substr(lb, std::min<std::size_t>(le - lb, 60));
        EXPECT_LE(p.measures, 1) << stem << ": in two measures: " << shown;
        EXPECT_TRUE(p.measures == 1 || p.outline || p.envelope || p.chrome) << stem << ": dropped: " << shown;
        EXPECT_FALSE(p.measures == 1 && p.chrome) << stem << ": a measure's line is chrome: " << shown;
      }
      b = e + 1;
    }
  }
  EXPECT_GT(documents, 0u);
}

struct UnitsCase {
  std::string line;
  std::vector<std::string> lead, co;
};

class UnitForms : public ::testing::TestWithParam<UnitsCase> {};

TEST_P(UnitForms, Split) {
  const auto& c = GetParam();
  const Plan plan = parse("一、任务\n1.开展工作。" + c.line + "\n");
  const auto ms = all_measures(plan);
  ASSERT_EQ(ms.size(), 1u);
  EXPECT_EQ(names(ms[0]->lead_units), c.lead);
  EXPECT_EQ(names(ms[0]->co_units), c.co);
}

INSTANTIATE_TEST_SUITE_P(
    Forms, UnitForms,
    ::testing::Values(
        UnitsCase{"\n牵头单位：市商务局、发改委，涧西区、伊川县政府", {"市商务局", "市发改委", "涧西区政府", "伊川县政府"}, {}},
        UnitsCase{"\n牵头单位：市发改委\n责任单位：市财政局、各县区政府", {"市发改委"}, {"市财政局", "各县区政府"}},
        UnitsCase{"（市发展改革委牵头，市财政局、市自然资源局配合）", {"市发展改革委"}, {"市财政局", "市自然资源局"}},
        UnitsCase{"（牵头单位：区政府办；责任单位：区司法局等有关部门）", {"区政府办"}, {"区司法局", "有关部门"}},
        UnitsCase{"〔责任单位：省发展改革委、省商务厅按职责分工负责〕", {"省发展改革委", "省商务厅"}, {}},
        UnitsCase{"[责任单位:老街办、区招商服务中心]", {"老街办", "区招商服务中心"}, {}},
        UnitsCase{"（工业和信息化部负责）", {"工业和信息化部"}, {}},
        UnitsCase{"（科技部指导，各省级人民政府参与）", {"科技部"}, {"各省级人民政府"}},
        UnitsCase{"（财政部会同有关部门负责）", {"财政部"}, {"有关部门"}},
        UnitsCase{"\n责任单位：区财政局区税务局", {"区财政局", "区税务局"}, {}},
        UnitsCase{"\n部门分工：省发展改革委牵头，各地、各部门配合。", {"省发展改革委"}, {"各地", "各部门"}},
        // 州 is a level (各州) but ends city names too: 广州 takes the list's 市政府.
        UnitsCase{"\n牵头单位：广州、深圳市政府", {"广州市政府", "深圳市政府"}, {}},
        // Every one-character level of levels.tsv makes 各 + it a collective.
        UnitsCase{"\n牵头单位：各旗、各盟", {"各旗", "各盟"}, {}}));

TEST(Units, DeclaredOrderRuleStaysInForce) {
  const Plan plan = parse(
      "一、任务\n（一）做甲。（人力资源社会保障部、财政部负责。列第一位者为牵头单位，下同）\n"
      "（二）做乙。（财政部、工业和信息化部、人民银行负责）\n");
  const auto ms = all_measures(plan);
  ASSERT_EQ(ms.size(), 2u);
  EXPECT_EQ(names(ms[1]->lead_units), std::vector<std::string>{"财政部"});
  EXPECT_EQ(names(ms[1]->co_units), (std::vector<std::string>{"工业和信息化部", "人民银行"}));
}

TEST(Units, StandingDefaultAndLeaders) {
  const Plan plan = parse(
      "一、任务\n以下均需各县区政府落实，不再列出。\n1.做甲。\n牵头单位：市发改委\n分管领导：张三\n2.做乙。\n");
  const auto ms = all_measures(plan);
  ASSERT_EQ(ms.size(), 2u);
  EXPECT_EQ(names(ms[0]->lead_units), std::vector<std::string>{"市发改委"});
  EXPECT_EQ(names(ms[0]->co_units), std::vector<std::string>{"各县区政府"});
  EXPECT_EQ(ms[0]->leaders, std::vector<std::string>{"张三"});
  EXPECT_EQ(names(ms[1]->lead_units), std::vector<std::string>{"各县区政府"});
}

TEST(Envelope, AttachmentsAndRemarksAreKept) {
  TAIZHANG_CORPUS_TEXT(text, "16-guobanfa-2019-sanjigongliyiyuan-jixiaokaohe");
  const Plan yiyuan = parse(text);
  EXPECT_EQ(yiyuan.attachments, std::vector<std::string>{"附件：三级公立医院绩效考核指标"});
  EXPECT_EQ(yiyuan.remarks, std::vector<std::string>{"（此件公开发布）"});
  EXPECT_EQ(yiyuan.signatory, "国务院办公厅");
}

TEST(Envelope, IssuerMarkSignatoryAndContactRemark) {
  // 发文机关标志 with 文件, a shorter 署名 above the date, and two 附注 lines.
  const Plan plan = parse(
      "青川市临江区人民政府文件\n临政发〔2024〕3号\n关于印发临江区2024年重点工作分工方案的通知\n各街道办事处：\n"
      "现将方案印发给你们，请认真贯彻执行。\n临江区人民政府\n2024年2月6日\n（此件公开发布）\n"
      "（联系人：王明，电话：1234567）\n临江区2024年重点工作分工方案\n一、任务\n1.做甲。\n牵头单位：区发改局\n");
  EXPECT_EQ(plan.issuer, "青川市临江区人民政府");
  EXPECT_EQ(plan.signatory, "临江区人民政府");
  ASSERT_EQ(plan.remarks.size(), 2u);
  EXPECT_NE(plan.remarks[1].find("联系人"), std::string::npos);
}

TEST(Diagnostics, TextAfterAUnitAnnotationIsFlaggedForReview) {
  // 国发〔2018〕39号 ends its last measure with a bracket, then a paragraph
  // about funding that belongs to the whole document.
  TAIZHANG_CORPUS_TEXT(text, "02-guowuyuan-2018-cujinjiuye");
  const Plan plan = parse(text);
  std::vector<const Diagnostic*> found;
  for (const auto& d : plan.diagnostics)
    if (d.code == "outline.trailing_text") found.push_back(&d);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_NE(found[0]->message.find("5.15"), std::string::npos);
  const Plan luoyang = parse(test::corpus(test::kReference));
  for (const auto& d : luoyang.diagnostics) EXPECT_NE(d.code, "outline.trailing_text");
}

TEST(Units, LexiconIsExtendable) {
  Lexicon lex = Lexicon::builtin();
  EXPECT_GE(lex.size(), 60u);
  EXPECT_EQ(lex.full_name("住建局"), "住房和城乡建设局");
  EXPECT_EQ(lex.full_name("区人社局"), "区人力资源和社会保障局");
  lex.add("轨道集团", "洛阳市轨道交通集团有限责任公司");
  ParserOptions po;
  po.lexicon = lex;
  const Parser parser(po);
  const Plan plan = parser.parse("一、任务\n1.做甲。\n牵头单位：轨道集团\n");
  ASSERT_EQ(all_measures(plan).size(), 1u);
  EXPECT_EQ(all_measures(plan)[0]->lead_units.at(0).full_name, "洛阳市轨道交通集团有限责任公司");
}

TEST(Traditional, ParsesLikeSimplifiedAndKeepsOriginalNames) {
  const Plan plan = parse("一、總體任務\n1.推進項目建設。\n牽頭單位：市發展改革委、財政局\n");
  EXPECT_TRUE(plan.traditional);
  const auto ms = all_measures(plan);
  ASSERT_EQ(ms.size(), 1u);
  EXPECT_EQ(names(ms[0]->lead_units), (std::vector<std::string>{"市發展改革委", "市財政局"}));
  EXPECT_EQ(ms[0]->lead_units[0].full_name, "市发展和改革委员会");
}

// ---- hostile and degenerate input -------------------------------------------

TEST(Robustness, InvalidUtf8IsAnErrorWithItsOffset) {
  try {
    parse("一、任务\n1.做\xFF甲。");
    FAIL() << "accepted invalid UTF-8";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::invalid_utf8);
    EXPECT_EQ(e.byte_offset(), 18u);  // 一、任务\n1.做 = 18 bytes
  }
  EXPECT_THROW(parse_file("/nonexistent/plan.txt"), Error);
}

TEST(Robustness, EmptyAndChromeOnly) {
  const Plan empty = parse("");
  EXPECT_TRUE(all_measures(empty).empty());
  EXPECT_TRUE(empty.chapters.empty());
  const Plan chrome = parse("• 设为首页\n• 加入收藏\n发布时间：2024-04-02\n分享到：\n");
  EXPECT_TRUE(all_measures(chrome).empty());
  EXPECT_EQ(chrome.chrome.size(), 4u);
}

TEST(Robustness, OneLineOfFiveMegabytes) {
  std::string big;
  big.reserve(5u << 20);
  while (big.size() < (5u << 20)) big += "（一）1.为12月底前完成3—5家（牵头单位：";  // unclosed brackets, markers
  const Plan plan = parse(big);  // must finish quickly and not crash
  EXPECT_LE(all_measures(plan).size(), 1u);
}

TEST(Robustness, ManyShortLinesAndDeepMarkers) {
  std::string text;
  for (int i = 0; i < 20000; ++i) {
    text += i % 3 == 0 ? "一、" : i % 3 == 1 ? "（一）" : "1.";
    text += "做事。\n";
  }
  const Plan plan = parse(text);
  EXPECT_GT(all_measures(plan).size(), 1000u);
}

}  // namespace
