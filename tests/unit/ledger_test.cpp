// The ledger: rows, queries, unit matching, status, report and exports, on
// hand-built plans (so the tests do not move when the parser improves), and
// the monthly report on the reference document end to end.
#include "ledger/ledger_internal.hpp"
#include "test_util.hpp"

#include "taizhang_data/collectives.inc"

#include <taizhang/ledger.hpp>
#include <taizhang/parser.hpp>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <sstream>

namespace taizhang {
namespace {

namespace gd = boost::gregorian;

gd::date D(int y, int m, int d) {
  return gd::date(static_cast<unsigned short>(y), static_cast<unsigned short>(m),
                  static_cast<unsigned short>(d));
}

Unit U(std::string name, std::string raw = {}, bool collective = false) {
  Unit u;
  u.raw = raw.empty() ? name : raw;
  u.name = std::move(name);
  u.collective = collective;
  return u;
}

Milestone MS(std::string id, std::string text, std::optional<gd::date> due,
             std::string deadline = "6月底前", DeadlineKind kind = DeadlineKind::month) {
  Milestone m;
  m.id = std::move(id);
  m.text = std::move(text);
  m.deadline.text = std::move(deadline);
  m.deadline.kind = kind;
  m.deadline.due = due;
  if (due) m.deadline.start = due->end_of_month() == *due ? gd::date(due->year(), due->month(), 1) : *due;
  return m;
}

Measure M(std::string id, std::optional<int> number, std::string title) {
  Measure m;
  m.id = std::move(id);
  m.number = number;
  m.marker = number ? std::to_string(*number) + "." : "";
  m.title = std::move(title);
  m.text = m.title;
  return m;
}

// A small plan with every shape the ledger must handle: several milestones
// per measure, collective units, a measure without milestones (implied), a
// milestone without a due date, text that needs escaping everywhere.
Plan sample_plan() {
  Plan p;
  p.title = "测试计划2022";
  p.plan_year = 2022;

  Chapter c1;
  c1.title = "一、交通枢纽";
  Section s1;
  s1.title = "（一）铁路";
  Measure m1 = M("1.1.1", 1, "加速构建高铁架构。");
  m1.lead_units = {U("市发改委", "发改委")};
  m1.co_units = {U("轨道集团")};
  m1.leaders = {"张三"};
  m1.milestones = {MS("1.1.1#1", "6月底前，完成可研批复。", D(2022, 6, 30)),
                   MS("1.1.1#2", "年底前开工。", D(2022, 12, 31), "年底前", DeadlineKind::year)};
  Target t;
  t.text = "新增线路29条";
  t.value = 29;
  t.unit = "条";
  m1.targets = {t};
  m1.milestones[1].target_indices = {0};
  Measure m2 = M("1.1.2", 2, "推进站城融合。");
  m2.lead_units = {U("各县区政府", "", true)};
  m2.milestones = {MS("1.1.2#1", "6月15日前，上报方案。", D(2022, 6, 15), "6月15日前", DeadlineKind::day)};
  Measure m6 = M("1.1.6", 6, "区级配套。");
  m6.lead_units = {U("区发改委")};
  m6.co_units = {U("涧西区等相关县区政府", "", true), U("市市场监管局")};
  m6.milestones = {MS("1.1.6#1", "7月底前，完成配套。", D(2022, 7, 31), "7月底前")};
  s1.measures = {m1, m2, m6};

  Section s2;
  s2.title = "（二）航空";
  Measure m3 = M("1.2.3", 3, "增开航线。");
  m3.lead_units = {U("市商务局"), U("涧西区政府")};
  m3.co_units = {U("伊川县政府")};
  m3.milestones = {MS("1.2.3#1", "5月底前，完成\"航线\"申报，含货运,客运\n第二行; 分号\\反斜杠|竖线",
                      D(2022, 5, 31), "5月底前")};
  s2.measures = {m3};
  c1.sections = {s1, s2};

  Chapter c2;
  c2.title = "二、保障措施";
  Measure m4 = M("2.4", 4, "强化组织保障。");
  m4.lead_units = {U("各相关责任单位", "", true)};
  c2.measures = {m4};  // no milestones: the ledger gives it the plan-year end

  Measure m5 = M("5", std::nullopt, "长期坚持安全生产。");
  m5.milestones = {MS("5#1", "长期坚持。", std::nullopt, "长期坚持", DeadlineKind::open_ended)};

  p.chapters = {c1, c2};
  p.loose_measures = {m5};
  return p;
}

LedgerOptions test_options() {
  // A frozen lexicon: the tests must not move when the built-in table grows.
  Lexicon lex;
  lex.add("发改委", "发展和改革委员会");
  lex.add("市场监管局", "市场监督管理局");
  LedgerOptions o;
  o.lexicon = lex;
  return o;
}

std::vector<std::string> ids(const std::vector<const LedgerRow*>& rows) {
  std::vector<std::string> out;
  for (const auto* r : rows) out.push_back(r->milestone_id);
  return out;
}

using Ids = std::vector<std::string>;

// --- rows ---------------------------------------------------------------------------

TEST(Ledger, OneRowPerMilestoneInDocumentOrder) {
  const Ledger l(sample_plan(), test_options());
  EXPECT_EQ(ids(l.due_between(D(1900, 1, 1), D(2100, 1, 1))).size(), 6u);
  std::vector<const LedgerRow*> all;
  for (const auto& r : l.rows()) all.push_back(&r);
  EXPECT_EQ(ids(all), (Ids{"1.1.1#1", "1.1.1#2", "1.1.2#1", "1.1.6#1", "1.2.3#1", "2.4#1", "5#1"}));
  const LedgerRow* r = l.find("1.1.1#2");
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->measure_id, "1.1.1");
  EXPECT_EQ(r->measure_number, 1);
  EXPECT_EQ(r->measure_title, "加速构建高铁架构。");
  EXPECT_EQ(r->chapter_title, "一、交通枢纽");
  EXPECT_EQ(r->section_title, "（一）铁路");
  EXPECT_EQ(r->lead_units, Ids{"市发改委"});
  EXPECT_EQ(r->co_units, Ids{"轨道集团"});
  EXPECT_EQ(r->leaders, Ids{"张三"});
  EXPECT_EQ(r->deadline_text, "年底前");
  EXPECT_EQ(r->deadline_kind, DeadlineKind::year);
  EXPECT_EQ(r->due, D(2022, 12, 31));
  ASSERT_EQ(r->targets.size(), 1u);
  EXPECT_EQ(r->targets[0].text, "新增线路29条");
  EXPECT_EQ(l.find("nope#1"), nullptr);
}

TEST(Ledger, MeasureWithoutMilestonesGetsImpliedPlanYearEnd) {
  const Ledger l(sample_plan(), test_options());
  const LedgerRow* r = l.find("2.4#1");
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->deadline_kind, DeadlineKind::implied);
  EXPECT_EQ(r->due, D(2022, 12, 31));
  EXPECT_EQ(r->chapter_title, "二、保障措施");
  EXPECT_EQ(r->section_title, "");
}

TEST(Ledger, OpenEndedRowHasNoDueDateAndIsInNoDateQuery) {
  const Ledger l(sample_plan(), test_options());
  const LedgerRow* r = l.find("5#1");
  ASSERT_NE(r, nullptr);
  EXPECT_FALSE(r->due.has_value());
  EXPECT_EQ(r->deadline_kind, DeadlineKind::open_ended);
  EXPECT_EQ(r->chapter_title, "");
  EXPECT_TRUE(l.overdue(StatusTable{}, D(2030, 1, 1)).size() == 6u);
}

TEST(Ledger, OrdersBySpanWhenMeasuresHaveSpans) {
  Plan p = sample_plan();
  // The loose measure comes first in the source.
  std::uint32_t pos = 100;
  auto place = [&](Measure& m) {
    m.span = Span{pos, pos + 10, pos, pos + 10};
    pos += 20;
  };
  for (auto& c : p.chapters) {
    for (auto& s : c.sections)
      for (auto& m : s.measures) place(m);
    for (auto& m : c.measures) place(m);
  }
  p.loose_measures[0].span = {0, 10, 0, 10};
  const Ledger l(p, test_options());
  EXPECT_EQ(l.rows().front().milestone_id, "5#1");
}

// --- date queries --------------------------------------------------------------------

TEST(Ledger, DueBetweenIsInclusiveAndByDate) {
  const Ledger l(sample_plan(), test_options());
  EXPECT_EQ(ids(l.due_between(D(2022, 5, 31), D(2022, 6, 30))),
            (Ids{"1.2.3#1", "1.1.2#1", "1.1.1#1"}));
  EXPECT_EQ(ids(l.due_between(D(2022, 6, 1), D(2022, 6, 29))), Ids{"1.1.2#1"});
  EXPECT_TRUE(l.due_between(D(2022, 7, 1), D(2022, 6, 1)).empty());
  EXPECT_TRUE(l.due_between(gd::date(gd::not_a_date_time), D(2022, 6, 1)).empty());
}

TEST(Ledger, DueInMonth) {
  const Ledger l(sample_plan(), test_options());
  EXPECT_EQ(ids(l.due_in_month(2022, 6)), (Ids{"1.1.2#1", "1.1.1#1"}));
  EXPECT_EQ(ids(l.due_in_month(2022, 12)), (Ids{"1.1.1#2", "2.4#1"}));
  EXPECT_TRUE(l.due_in_month(2022, 1).empty());
  EXPECT_TRUE(l.due_in_month(2022, 13).empty());
  EXPECT_TRUE(l.due_in_month(0, 6).empty());
}

TEST(Ledger, PerMonthAndWorkload) {
  const Ledger l(sample_plan(), test_options());
  auto pm = l.per_month();
  ASSERT_EQ(pm.size(), 4u);
  EXPECT_EQ(pm[0].year, 2022);
  EXPECT_EQ(pm[0].month, 5);
  EXPECT_EQ(pm[0].count, 1u);
  EXPECT_EQ(pm[1].month, 6);
  EXPECT_EQ(pm[1].count, 2u);
  EXPECT_EQ(pm[2].month, 7);
  EXPECT_EQ(pm[3].month, 12);
  EXPECT_EQ(pm[3].count, 2u);

  auto w = l.workload();
  ASSERT_EQ(w.size(), 6u);
  EXPECT_EQ(w[0], (std::pair<std::string, std::size_t>{"市发改委", 2}));
  // Ties keep first appearance: 各县区政府 (1.1.2) before 区发改委 (1.1.6) …
  EXPECT_EQ(w[1].first, "各县区政府");
  EXPECT_EQ(w[2].first, "区发改委");
  EXPECT_EQ(w[3].first, "市商务局");
  EXPECT_EQ(w[4].first, "涧西区政府");
  EXPECT_EQ(w[5].first, "各相关责任单位");
}

// --- units ------------------------------------------------------------------------------

TEST(Ledger, ForUnitByNameAbbreviationAndFullName) {
  const Ledger l(sample_plan(), test_options());
  // 各相关责任单位 (2.4) includes every unit, so it is in every answer.
  EXPECT_EQ(ids(l.for_unit("市发改委")), (Ids{"1.1.1#1", "1.1.1#2", "2.4#1"}));
  EXPECT_EQ(ids(l.for_unit("发改委")), (Ids{"1.1.1#1", "1.1.1#2", "1.1.6#1", "2.4#1"}))
      << "without a level prefix every level matches";
  EXPECT_EQ(ids(l.for_unit("市发展和改革委员会")), (Ids{"1.1.1#1", "1.1.1#2", "2.4#1"}));
  EXPECT_EQ(ids(l.for_unit("发展和改革委员会")), (Ids{"1.1.1#1", "1.1.1#2", "1.1.6#1", "2.4#1"}));
  EXPECT_EQ(ids(l.for_unit("区发改委")), (Ids{"1.1.6#1", "2.4#1"}));
  EXPECT_EQ(ids(l.for_unit("市场监管局")), (Ids{"1.1.6#1", "2.4#1"}));
  EXPECT_EQ(ids(l.for_unit("市市场监督管理局")), (Ids{"1.1.6#1", "2.4#1"}));
  EXPECT_EQ(ids(l.for_unit("轨道集团")), (Ids{"1.1.1#1", "1.1.1#2", "2.4#1"}));
  EXPECT_TRUE(l.for_unit("").empty());
}

TEST(Ledger, ForUnitThroughCollectives) {
  const Ledger l(sample_plan(), test_options());
  // 涧西区政府: its own lead (1.2.3), 各县区政府 (1.1.2), 涧西区等相关县区政府 (1.1.6), 各相关责任单位.
  EXPECT_EQ(ids(l.for_unit("涧西区政府")), (Ids{"1.1.2#1", "1.1.6#1", "1.2.3#1", "2.4#1"}));
  EXPECT_EQ(ids(l.for_unit("涧西区人民政府")), (Ids{"1.1.2#1", "1.1.6#1", "1.2.3#1", "2.4#1"}));
  EXPECT_EQ(ids(l.for_unit("伊川县")), (Ids{"1.1.2#1", "1.1.6#1", "1.2.3#1", "2.4#1"}))
      << "a bare county name stands for its government";
  EXPECT_EQ(ids(l.for_unit("洛宁县政府")), (Ids{"1.1.2#1", "1.1.6#1", "2.4#1"}));
  EXPECT_EQ(ids(l.for_unit("各县区政府")), (Ids{"1.1.2#1", "2.4#1"}));
  EXPECT_EQ(ids(l.for_unit("某某公司")), Ids{"2.4#1"});
}

TEST(Ledger, ConcernsLeadOnly) {
  const Ledger l(sample_plan(), test_options());
  const LedgerRow& r = *l.find("1.2.3#1");
  EXPECT_TRUE(l.concerns(r, "伊川县政府"));
  EXPECT_FALSE(l.concerns(r, "伊川县政府", /*lead_only=*/true));
  EXPECT_TRUE(l.concerns(r, "涧西区政府", true));
  LedgerRow stranger;
  EXPECT_FALSE(l.concerns(stranger, "涧西区政府"));
}

TEST(Collectives, InclusionRules) {
  EXPECT_TRUE(collective_includes("各县区政府", "涧西区政府"));
  EXPECT_TRUE(collective_includes("各县区政府", "伊川县政府"));
  EXPECT_TRUE(collective_includes("各县区人民政府", "洛宁县人民政府"));
  EXPECT_TRUE(collective_includes("各县（市、区）政府", "偃师市政府"));
  EXPECT_FALSE(collective_includes("各县区政府", "市发改委"));
  EXPECT_FALSE(collective_includes("各县区政府", "各相关责任单位"));
  EXPECT_TRUE(collective_includes("涧西区等相关县区政府", "伊川县政府"));
  EXPECT_TRUE(collective_includes("各相关责任单位", "市发改委"));
  EXPECT_TRUE(collective_includes("各有关部门", "涧西区政府"));
  EXPECT_TRUE(collective_includes("市发改委等有关部门", "市住建局"));
  EXPECT_TRUE(collective_includes("市直各部门", "市住建局"));
  EXPECT_FALSE(collective_includes("市直各部门", "涧西区政府"));
  EXPECT_TRUE(collective_includes("市发改委", "市发改委"));
  EXPECT_FALSE(collective_includes("市发改委", "市住建局"));
  EXPECT_TRUE(is_collective_unit("各县区政府"));
  EXPECT_TRUE(is_collective_unit("各区承接单位"));
  EXPECT_TRUE(is_collective_unit("涧西区等相关县区政府"));
  EXPECT_FALSE(is_collective_unit("涧西区政府"));
  EXPECT_FALSE(is_collective_unit("市发改委"));
}

TEST(Collectives, TableIsWellFormed) {
  // The loader skips what it cannot read; this makes a typo fail loudly.
  std::istringstream in{std::string(data::collectives)};
  std::string line;
  int rules = 0, n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> f;
    std::size_t b = 0, e;
    while ((e = line.find('\t', b)) != std::string::npos) f.push_back(line.substr(b, e - b)), b = e + 1;
    f.push_back(line.substr(b));
    ASSERT_GE(f.size(), 3u) << "line " << n;
    EXPECT_TRUE(f[0] == "exact" || f[0] == "suffix") << "line " << n;
    EXPECT_FALSE(f[1].empty()) << "line " << n;
    EXPECT_TRUE(f[2] == "all" || f[2] == "suffix" || f[2] == "prefix") << "line " << n;
    if (f[2] != "all") EXPECT_TRUE(f.size() == 4 && !f[3].empty()) << "line " << n;
    else EXPECT_TRUE(f.size() == 3 || f[3].empty()) << "line " << n;
    EXPECT_EQ(f[1], detail::normalize_unit_name(f[1])) << "write names normalised, line " << n;
    ++rules;
  }
  EXPECT_GE(rules, 40);
}

// --- status ---------------------------------------------------------------------------

TEST(Status, ReadsTheOfficeCsv) {
  const auto t = StatusTable::read_csv(TAIZHANG_TEST_DATA "/ledger/status.csv");
  ASSERT_EQ(t.entries().size(), 5u);
  const auto& e0 = t.entries()[0];
  EXPECT_EQ(e0.milestone_id, "1.1.1#1");
  EXPECT_EQ(e0.status, Status::in_progress);
  EXPECT_EQ(e0.note, "可研已报省发改委,待批复");
  EXPECT_EQ(e0.date, D(2022, 5, 20));
  EXPECT_EQ(e0.line, 2u);
  EXPECT_EQ(t.entries()[1].note, "批复文号\"洛发改〔2022〕88号\"");
  EXPECT_EQ(t.entries()[1].date, D(2022, 6, 25)) << "Excel's 2022/6/25";
  EXPECT_EQ(t.entries()[2].note, "用地未落实\r\n需协调");
  EXPECT_EQ(t.entries()[2].status, Status::lagging);
  EXPECT_EQ(t.entries()[4].milestone_id, "2.4#1");
  EXPECT_FALSE(t.entries()[4].date);

  ASSERT_EQ(t.problems().size(), 3u);
  EXPECT_EQ(t.problems()[0].line, 7u);
  EXPECT_NE(t.problems()[0].message.find("完成了"), std::string::npos);
  EXPECT_EQ(t.problems()[1].line, 8u);
  EXPECT_NE(t.problems()[1].message.find("2022-02-30"), std::string::npos);
  EXPECT_EQ(t.problems()[2].line, 10u);

  const Ledger l(sample_plan(), test_options());
  EXPECT_EQ(l.unknown_ids(t), Ids{"9.9.9#1"});
}

TEST(Status, HistoryAsOfADate) {
  const auto t = StatusTable::read_csv(TAIZHANG_TEST_DATA "/ledger/status.csv");
  EXPECT_EQ(t.current("1.1.1#1", D(2022, 5, 19)), nullptr);
  EXPECT_EQ(t.current("1.1.1#1", D(2022, 5, 20))->status, Status::in_progress);
  EXPECT_EQ(t.current("1.1.1#1", D(2022, 6, 24))->status, Status::in_progress);
  EXPECT_EQ(t.current("1.1.1#1", D(2022, 6, 25))->status, Status::done);
  EXPECT_EQ(t.latest("1.1.1#1")->status, Status::done);
  EXPECT_EQ(t.current("2.4#1", D(2000, 1, 1))->status, Status::done) << "undated: always in force";
  EXPECT_EQ(t.latest("nope"), nullptr);
}

TEST(Status, HeaderlessBomlessLfAndHeaderByName) {
  auto t = StatusTable::parse_csv("a#1,已完成,ok,2022-01-02\nb#1,推进中\n");
  ASSERT_EQ(t.entries().size(), 2u);
  EXPECT_EQ(t.entries()[1].note, "");
  EXPECT_TRUE(t.problems().empty());
  // Columns found by name, in any order, extra columns ignored.
  t = StatusTable::parse_csv("\xEF\xBB\xBF" "日期,备注,无关,状态,里程碑编号\r\n2022-03-04,x,y,滞后,c#2\r\n");
  ASSERT_EQ(t.entries().size(), 1u);
  EXPECT_EQ(t.entries()[0].milestone_id, "c#2");
  EXPECT_EQ(t.entries()[0].status, Status::lagging);
  EXPECT_EQ(t.entries()[0].date, D(2022, 3, 4));
  EXPECT_THROW(StatusTable::parse_csv("a#1,\xB9\xFD,x\n"), Error);
  EXPECT_THROW(StatusTable::read_csv("/nonexistent/status.csv"), Error);
  EXPECT_TRUE(StatusTable::parse_csv("").entries().empty());
  EXPECT_TRUE(StatusTable::parse_csv("\"unterminated,已完成").entries().empty());
}

TEST(Status, AddKeepsHistoryOrder) {
  StatusTable t;
  t.add({"x#1", Status::done, "", D(2022, 6, 1), 0});
  t.add({"x#1", Status::in_progress, "", D(2022, 5, 1), 0});
  EXPECT_EQ(t.latest("x#1")->status, Status::done);
  EXPECT_EQ(t.current("x#1", D(2022, 5, 15))->status, Status::in_progress);
}

TEST(Status, Words) {
  for (Status s : {Status::not_started, Status::in_progress, Status::done, Status::lagging})
    EXPECT_EQ(parse_status(to_string(s)), s);
  EXPECT_EQ(parse_status("done"), Status::done);
  EXPECT_FALSE(parse_status("完成"));
}

// --- progress ---------------------------------------------------------------------------

TEST(Progress, DoneOnTrackDueSoonOverdue) {
  const Ledger l(sample_plan(), test_options());
  const auto t = StatusTable::read_csv(TAIZHANG_TEST_DATA "/ledger/status.csv");
  auto at = [&](const char* id, gd::date d) { return l.progress(*l.find(id), t, d).progress; };
  // 1.2.3#1 due 2022-05-31, lagging, never done.
  EXPECT_EQ(at("1.2.3#1", D(2022, 5, 1)), Progress::due_soon);   // 30 days ahead
  EXPECT_EQ(at("1.2.3#1", D(2022, 4, 30)), Progress::on_track);  // 31 days ahead
  EXPECT_EQ(at("1.2.3#1", D(2022, 5, 31)), Progress::due_soon);  // due today
  EXPECT_EQ(at("1.2.3#1", D(2022, 6, 1)), Progress::overdue);
  // 1.1.1#1 due 2022-06-30, done on 2022-06-25.
  EXPECT_EQ(at("1.1.1#1", D(2022, 6, 24)), Progress::due_soon);
  EXPECT_EQ(at("1.1.1#1", D(2022, 6, 25)), Progress::done);
  EXPECT_EQ(at("1.1.1#1", D(2023, 1, 1)), Progress::done);
  // Open-ended: never overdue.
  EXPECT_EQ(at("5#1", D(2030, 1, 1)), Progress::on_track);

  EXPECT_EQ(ids(l.overdue(t, D(2022, 7, 1))), (Ids{"1.2.3#1", "1.1.2#1"}));
  EXPECT_EQ(ids(l.overdue(t, D(2022, 6, 30))), (Ids{"1.2.3#1", "1.1.2#1"}));
  EXPECT_EQ(ids(l.overdue(StatusTable{}, D(2022, 7, 1))), (Ids{"1.2.3#1", "1.1.2#1", "1.1.1#1"}));

  auto all = l.progress(t, D(2022, 6, 1));
  ASSERT_EQ(all.size(), l.size());
  EXPECT_EQ(all[0].progress, Progress::due_soon);
  EXPECT_EQ(all[0].status->status, Status::in_progress);
  EXPECT_EQ(all[5].progress, Progress::done) << "2.4#1 undated 已完成";
}

TEST(Progress, WindowIsConfigurable) {
  LedgerOptions o = test_options();
  o.due_soon_days = 7;
  const Ledger l(sample_plan(), o);
  EXPECT_EQ(l.due_soon_days(), 7);
  EXPECT_EQ(l.progress(*l.find("1.2.3#1"), StatusTable{}, D(2022, 5, 24)).progress, Progress::due_soon);
  EXPECT_EQ(l.progress(*l.find("1.2.3#1"), StatusTable{}, D(2022, 5, 23)).progress, Progress::on_track);
}

// --- monthly report ---------------------------------------------------------------------

// The text of the "## unit" section of a report.
std::string unit_section(const std::string& report, const std::string& unit) {
  auto b = report.find("\n## " + unit + "\n");
  if (b == std::string::npos) return {};
  auto e = report.find("\n## ", b + 1);
  return report.substr(b, e == std::string::npos ? std::string::npos : e - b);
}

// A subsection ("### 本月到期") of a unit section.
std::string subsection(const std::string& section, const std::string& title) {
  auto b = section.find("\n### " + title);
  if (b == std::string::npos) return {};
  auto e = section.find("\n### ", b + 1);
  return section.substr(b, e == std::string::npos ? std::string::npos : e - b);
}

TEST(Report, PerLeadUnitDueOverdueCompleted) {
  const Ledger l(sample_plan(), test_options());
  const auto t = StatusTable::read_csv(TAIZHANG_TEST_DATA "/ledger/status.csv");
  ReportOptions o;
  o.status = &t;
  const std::string r = monthly_report(l, 2022, 6, o);
  EXPECT_NE(r.find("# 测试计划2022 · 2022年6月督导报告"), std::string::npos);
  EXPECT_NE(r.find("截至 2022-06-30"), std::string::npos);

  const auto fgw = unit_section(r, "市发改委");
  EXPECT_NE(subsection(fgw, "本月到期（1）").find("1.1.1#1"), std::string::npos);
  EXPECT_NE(subsection(fgw, "本月完成（1）").find("1.1.1#1"), std::string::npos);
  EXPECT_EQ(fgw.find("1.1.1#2"), std::string::npos) << "due in December";

  const auto counties = unit_section(r, "各县区政府");
  EXPECT_NE(subsection(counties, "本月到期（1）").find("1.1.2#1"), std::string::npos);
  EXPECT_NE(subsection(counties, "本月到期").find("逾期"), std::string::npos);

  // 1.2.3#1 (due in May, lagging) is overdue under both of its lead units.
  for (const char* unit : {"市商务局", "涧西区政府"}) {
    const auto s = unit_section(r, unit);
    EXPECT_NE(subsection(s, "逾期未完成（1）").find("1.2.3#1"), std::string::npos) << unit;
    EXPECT_NE(s.find("滞后 2022-05-10 用地未落实<br>需协调"), std::string::npos) << unit;
  }
  // 区发改委's 1.1.6#1 falls due in July: not in the June report at all.
  EXPECT_EQ(unit_section(r, "区发改委"), "");
  // Units in order of first appearance in the plan.
  EXPECT_LT(r.find("## 市发改委"), r.find("## 各县区政府"));
  EXPECT_LT(r.find("## 各县区政府"), r.find("## 市商务局"));
}

TEST(Report, WithoutStatusAndEmptyMonths) {
  const Ledger l(sample_plan(), test_options());
  const std::string r = monthly_report(l, 2022, 7, {});
  EXPECT_NE(r.find("未提供状态表"), std::string::npos);
  EXPECT_NE(subsection(unit_section(r, "区发改委"), "本月到期（1）").find("1.1.6#1"), std::string::npos);
  // Without a status table everything due before July is overdue.
  EXPECT_NE(subsection(unit_section(r, "市发改委"), "逾期未完成（1）").find("1.1.1#1"), std::string::npos);
  const std::string empty = monthly_report(l, 2021, 1, {});
  EXPECT_NE(empty.find("本月无到期、逾期或完成事项"), std::string::npos);
  EXPECT_THROW(monthly_report(l, 2022, 13, {}), Error);
}

TEST(Report, RowsWithoutLeadUnitHaveTheirOwnHeading) {
  Plan p;
  p.plan_year = 2022;
  Measure m = M("1", 1, "无牵头。");
  m.milestones = {MS("1#1", "完成。", D(2022, 3, 31), "3月底前")};
  p.loose_measures = {m};
  const Ledger l(p, test_options());
  const std::string r = monthly_report(l, 2022, 3, {});
  EXPECT_NE(unit_section(r, "（未明确牵头单位）").find("1#1"), std::string::npos);
}

// --- exports: CSV -----------------------------------------------------------------------

TEST(ExportCsv, FieldQuoting) {
  EXPECT_EQ(csv_field("abc"), "abc");
  EXPECT_EQ(csv_field("a,b"), "\"a,b\"");
  EXPECT_EQ(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(csv_field("a\nb"), "\"a\nb\"");
  EXPECT_EQ(csv_field("a\rb"), "\"a\rb\"");
  EXPECT_EQ(csv_field(" lead"), "\" lead\"");
  EXPECT_EQ(csv_field(""), "");
}

TEST(ExportCsv, BomCrlfHeaderAndRoundTrip) {
  const Ledger l(sample_plan(), test_options());
  const std::string csv = to_csv(l);
  ASSERT_TRUE(csv.starts_with("\xEF\xBB\xBF" "里程碑编号,措施编号,序号,章,节,措施,牵头单位,"));
  // Every record ends in CRLF; bare LF only inside quoted fields.
  EXPECT_TRUE(csv.ends_with("\r\n"));
  auto recs = detail::parse_csv_records(csv);
  ASSERT_EQ(recs.size(), l.size() + 1);
  const auto& header = recs[0].fields;
  for (const auto& rec : recs) EXPECT_EQ(rec.fields.size(), header.size());
  auto col = [&](const char* name) {
    return static_cast<std::size_t>(std::find(header.begin(), header.end(), name) - header.begin());
  };
  for (std::size_t i = 0; i < l.size(); ++i) {
    const auto& row = l.rows()[i];
    const auto& f = recs[i + 1].fields;
    EXPECT_EQ(f[col("里程碑编号")], row.milestone_id);
    EXPECT_EQ(f[col("工作内容")], row.text);
    EXPECT_EQ(f[col("截止日期")], detail::iso_date(row.due));
    EXPECT_EQ(f[col("牵头单位")], detail::join(row.lead_units, "、"));
  }
  EXPECT_EQ(recs[1].fields[col("量化指标")], "");
  EXPECT_EQ(recs[2].fields[col("量化指标")], "新增线路29条");
  EXPECT_EQ(recs[2].fields[col("序号")], "1");
  EXPECT_EQ(recs[2].fields[col("时限类型")], to_string(DeadlineKind::year));
  EXPECT_EQ(col("进度"), header.size()) << "no progress column without status and date";
  // The escaped text survives: quotes, comma, LF, backslash, pipe.
  EXPECT_NE(csv.find("\"5月底前，完成\"\"航线\"\"申报，含货运,客运\n第二行; 分号\\反斜杠|竖线\""),
            std::string::npos);
}

TEST(ExportCsv, FilledInLedgerReadsBackAsStatusTable) {
  const Ledger l(sample_plan(), test_options());
  const auto t = StatusTable::read_csv(TAIZHANG_TEST_DATA "/ledger/status.csv");
  ExportOptions o;
  o.status = &t;
  o.as_of = D(2022, 7, 1);
  const std::string csv = to_csv(l, o);
  const auto back = StatusTable::parse_csv(csv);
  EXPECT_TRUE(back.problems().empty());
  ASSERT_EQ(back.entries().size(), 3u);  // 1.1.1#1, 1.2.3#1, 2.4#1; the rest blank
  EXPECT_EQ(back.latest("1.1.1#1")->status, Status::done);
  EXPECT_EQ(back.latest("1.1.1#1")->date, D(2022, 6, 25));
  EXPECT_EQ(back.latest("1.2.3#1")->note, "用地未落实\r\n需协调");
  auto recs = detail::parse_csv_records(csv);
  EXPECT_EQ(recs[0].fields.back(), "进度");
  EXPECT_EQ(recs[5].fields.back(), "逾期");  // 1.2.3#1
}

TEST(ExportCsv, SelectionOnly) {
  const Ledger l(sample_plan(), test_options());
  const auto csv = to_csv(l, l.due_in_month(2022, 6));
  auto recs = detail::parse_csv_records(csv);
  ASSERT_EQ(recs.size(), 3u);
  EXPECT_EQ(recs[1].fields[0], "1.1.2#1");
}

// --- exports: iCalendar -----------------------------------------------------------------

TEST(ExportIcs, TextEscaping) {
  EXPECT_EQ(ical_text("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
  EXPECT_EQ(ical_text("x\r\ny"), "x\\ny");
  EXPECT_EQ(ical_text("中文，全角不转义"), "中文，全角不转义");
  EXPECT_EQ(ical_text(std::string("bell\x07")), "bell");
}

bool valid_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    std::size_t n = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 0;
    if (n == 0 || i + n > s.size()) return false;
    for (std::size_t k = 1; k < n; ++k)
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    i += n;
  }
  return true;
}

std::vector<std::string> physical_lines(const std::string& ics) {
  std::vector<std::string> out;
  std::size_t b = 0, e;
  while ((e = ics.find("\r\n", b)) != std::string::npos) out.push_back(ics.substr(b, e - b)), b = e + 2;
  EXPECT_EQ(b, ics.size()) << "ends with CRLF";
  return out;
}

std::string unfold(const std::string& ics) {
  std::string out;
  for (std::size_t i = 0; i < ics.size(); ++i) {
    if (ics.compare(i, 3, "\r\n ") == 0) {
      i += 2;
      continue;
    }
    out += ics[i];
  }
  return out;
}

TEST(ExportIcs, FoldsAt75OctetsWithoutSplittingCharacters) {
  // 3-byte characters after an odd ASCII prefix hit every boundary position.
  for (std::size_t prefix = 0; prefix < 6; ++prefix) {
    std::string line = "DESCRIPTION:" + std::string(prefix, 'x');
    for (int k = 0; k < 100; ++k) line += k % 7 ? "督" : "𠀀";  // 3- and 4-byte
    const std::string folded = ical_fold(line);
    for (const auto& l : physical_lines(folded)) {
      EXPECT_LE(l.size(), 75u);
      EXPECT_TRUE(valid_utf8(l));
    }
    EXPECT_EQ(unfold(folded), line + "\r\n");
  }
  EXPECT_EQ(ical_fold("SHORT:x"), "SHORT:x\r\n");
  const std::string exactly75(75, 'a');
  EXPECT_EQ(ical_fold(exactly75), exactly75 + "\r\n");
  EXPECT_EQ(ical_fold(exactly75 + "b"), exactly75 + "\r\n b\r\n");
}

TEST(ExportIcs, OneVtodoPerMilestone) {
  const Ledger l(sample_plan(), test_options());
  const std::string ics = to_icalendar(l);
  const auto lines = physical_lines(ics);
  EXPECT_EQ(lines.front(), "BEGIN:VCALENDAR");
  EXPECT_EQ(lines.back(), "END:VCALENDAR");
  for (const auto& line : lines) {
    EXPECT_LE(line.size(), 75u);
    EXPECT_TRUE(valid_utf8(line));
    EXPECT_EQ(line.find('\n'), std::string::npos);
  }
  const std::string flat = unfold(ics);
  std::size_t todos = 0;
  for (std::size_t p = 0; (p = flat.find("BEGIN:VTODO\r\n", p)) != std::string::npos; ++p) ++todos;
  EXPECT_EQ(todos, l.size());
  EXPECT_NE(flat.find("UID:1.1.1#1@taizhang\r\nDTSTAMP:20220101T000000Z\r\nDUE;VALUE=DATE:20220630\r\n"),
            std::string::npos);
  EXPECT_NE(flat.find("DUE;VALUE=DATE:20221231\r\nSUMMARY:【各相关责任单位】4. 强化组织保障。\r\n"),
            std::string::npos);
  // The open-ended milestone has no DUE.
  auto open = flat.find("UID:5#1@taizhang");
  ASSERT_NE(open, std::string::npos);
  EXPECT_EQ(flat.substr(open, flat.find("END:VTODO", open) - open).find("DUE"), std::string::npos);
  // Escaped description with units.
  EXPECT_NE(flat.find("DESCRIPTION:5月底前，完成\"航线\"申报，含货运\\,客运\\n第二行\\; 分号\\\\反斜杠|竖线\\n"
                      "\\n牵头单位：市商务局、涧西区政府\\n配合单位：伊川县政府"),
            std::string::npos);
  EXPECT_NE(flat.find("CATEGORIES:市商务局,涧西区政府,伊川县政府\r\n"), std::string::npos);
  EXPECT_EQ(to_icalendar(l), ics) << "same plan, same bytes";
}

TEST(ExportIcs, StatusAndStamp) {
  const Ledger l(sample_plan(), test_options());
  const auto t = StatusTable::read_csv(TAIZHANG_TEST_DATA "/ledger/status.csv");
  ExportOptions o;
  o.status = &t;
  o.stamp = D(2022, 4, 13);
  const std::string flat = unfold(to_icalendar(l, o));
  EXPECT_NE(flat.find("DTSTAMP:20220413T000000Z"), std::string::npos);
  EXPECT_NE(flat.find("STATUS:COMPLETED\r\nCOMPLETED:20220625T000000Z"), std::string::npos);
  EXPECT_NE(flat.find("STATUS:IN-PROCESS"), std::string::npos);
}

// --- exports: Markdown and JSON ----------------------------------------------------------

TEST(ExportMarkdown, TablesUnderHeadingsWithEscapedCells) {
  const Ledger l(sample_plan(), test_options());
  const std::string md = to_markdown(l);
  EXPECT_TRUE(md.starts_with("# 测试计划2022 · 台账\n"));
  EXPECT_NE(md.find("\n## 一、交通枢纽\n"), std::string::npos);
  EXPECT_NE(md.find("\n### （二）航空\n"), std::string::npos);
  EXPECT_NE(md.find("第二行; 分号\\反斜杠\\|竖线"), std::string::npos);
  EXPECT_NE(md.find("含货运,客运<br>第二行"), std::string::npos);
  EXPECT_NE(md.find("| 2.4#1 | 4. 强化组织保障。 | 各相关责任单位 |  | （未明确，按年底） | 2022-12-31 |"),
            std::string::npos);
  // Each table row has the header's number of cells.
  std::istringstream in(md);
  std::string line;
  std::size_t rows = 0;
  while (std::getline(in, line)) {
    if (!line.starts_with("| ") || line.starts_with("| 编号")) continue;
    std::size_t bars = 0;
    for (std::size_t i = 0; i < line.size(); ++i)
      if (line[i] == '|' && (i == 0 || line[i - 1] != '\\')) ++bars;
    EXPECT_EQ(bars, 9u) << line;
    ++rows;
  }
  EXPECT_EQ(rows, l.size());
}

TEST(ExportJson, RowsWithEscapingAndStatus) {
  const Ledger l(sample_plan(), test_options());
  const auto t = StatusTable::read_csv(TAIZHANG_TEST_DATA "/ledger/status.csv");
  ExportOptions o;
  o.status = &t;
  o.as_of = D(2022, 7, 1);
  const std::string j = to_json(l, o);
  EXPECT_NE(j.find("\"schema\": \"taizhang.ledger/1\""), std::string::npos);
  EXPECT_NE(j.find("\"as_of\": \"2022-07-01\""), std::string::npos);
  EXPECT_NE(j.find("\"id\": \"1.1.1#1\""), std::string::npos);
  EXPECT_NE(j.find("完成\\\"航线\\\"申报，含货运,客运\\n第二行; 分号\\\\反斜杠|竖线"), std::string::npos);
  EXPECT_NE(j.find("\"progress\": \"overdue\""), std::string::npos);
  EXPECT_NE(j.find("\"due\": null"), std::string::npos);  // 5#1
  EXPECT_NE(j.find("\"value\": 29"), std::string::npos);
  EXPECT_EQ(std::count(j.begin(), j.end(), '{'), std::count(j.begin(), j.end(), '}'));
  EXPECT_EQ(std::count(j.begin(), j.end(), '['), std::count(j.begin(), j.end(), ']'));
  EXPECT_EQ(detail::json_string(std::string("\x01")), "\"\\u0001\"");
}

TEST(Helpers, IsoDates) {
  EXPECT_EQ(detail::parse_iso_date("2022-06-30"), D(2022, 6, 30));
  EXPECT_EQ(detail::parse_iso_date("2022/6/3"), D(2022, 6, 3));
  EXPECT_EQ(detail::parse_iso_date("2024-02-29"), D(2024, 2, 29));
  for (const char* bad : {"2023-02-29", "2022-13-01", "2022-00-10", "22-06-30", "2022-06-30x", "",
                          "2022-6", "20220630", "2022-06-123"})
    EXPECT_FALSE(detail::parse_iso_date(bad)) << bad;
  EXPECT_EQ(detail::iso_date(gd::date(gd::not_a_date_time)), "");
}

// --- the reference document end to end ----------------------------------------------------

TEST(LedgerReference, JuneReportListsEveryJuneMilestoneUnderItsLeadUnit) {
  TAIZHANG_CORPUS_TEXT(text, test::kReference);
  const Plan plan = parse(text);
  const Ledger l(plan);
  const auto june = l.due_in_month(2022, 6);
  // The reference plan has June deadlines in many measures (gold: 20+).
  ASSERT_GE(june.size(), 10u) << "the deadlines stage does not resolve June deadlines yet";
  const std::string r = monthly_report(l, 2022, 6, {});
  for (const LedgerRow* row : june) {
    EXPECT_EQ(row->due->month(), 6);
    ASSERT_FALSE(row->lead_units.empty()) << row->milestone_id;
    for (const auto& unit : row->lead_units) {
      const auto due = subsection(unit_section(r, unit), "本月到期");
      EXPECT_NE(due.find("| " + row->milestone_id + " |"), std::string::npos)
          << row->milestone_id << " under " << unit;
    }
  }
  // And nothing else is listed as due in June.
  std::set<std::string> listed;
  for (std::size_t p = 0; (p = r.find("\n### 本月到期", p)) != std::string::npos; ++p) {
    auto end = r.find("\n### ", p + 1);
    std::istringstream in(r.substr(p, end - p));
    std::string line;
    while (std::getline(in, line))
      if (line.starts_with("| ") && !line.starts_with("| 编号"))
        listed.insert(line.substr(2, line.find(" |") - 2));
  }
  EXPECT_EQ(listed.size(), june.size());
}

TEST(LedgerReference, IdsAreStableAcrossReParses) {
  const Plan a = parse_file(test::example_path());
  const Plan b = parse_file(test::example_path());
  const Ledger la(a), lb(b);
  ASSERT_EQ(la.size(), lb.size());
  std::set<std::string> seen;
  for (std::size_t i = 0; i < la.size(); ++i) {
    EXPECT_EQ(la.rows()[i].milestone_id, lb.rows()[i].milestone_id);
    EXPECT_TRUE(seen.insert(la.rows()[i].milestone_id).second) << "duplicate " << la.rows()[i].milestone_id;
  }
}

}  // namespace
}  // namespace taizhang
