// The deadlines stage: the data-driven tables (tests/data/deadlines/*.tsv),
// milestones, diagnostics, hostile input, and the reference document.
#include "deadlines/cues.hpp"
#include "deadlines/deadlines.hpp"
#include "deadlines/prose.hpp"
#include "deadlines/scanner.hpp"
#include "pipeline.hpp"
#include "text/text.hpp"
#include "test_util.hpp"

#include <taizhang/model.hpp>
#include <taizhang/parser.hpp>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace bg = boost::gregorian;
using taizhang::DateRole;
using taizhang::DeadlineKind;
using taizhang::detail::Document;
using taizhang::detail::Column;
using taizhang::detail::MeasureSlot;
using taizhang::detail::Text;

constexpr int kPlanYear = 2022;
const bg::date kSigned(2022, 4, 13);

// A one-measure document built by hand: the whole string is the measure's
// body, so the stage runs without the outline and units stages.
struct OneMeasure {
  std::string source;  // Text keeps a view of it
  std::unique_ptr<Text> text;
  taizhang::ParseOptions options;
  taizhang::Lexicon lexicon;
  std::unique_ptr<Document> doc;

  explicit OneMeasure(const std::string& s, std::optional<int> plan_year = kPlanYear,
                      std::optional<bg::date> signed_on = kSigned) {
    source = s;
    text = std::make_unique<Text>(source);
    doc = std::make_unique<Document>(Document{*text, options, lexicon, {}, {}, {}, {}});
    doc->plan.plan_year = plan_year;
    doc->plan.signed_on = signed_on;
    taizhang::Measure m;
    m.id = "1.1.1";
    m.number = 1;
    doc->plan.loose_measures.push_back(m);
    MeasureSlot slot;
    slot.measure = &doc->plan.loose_measures.front();
    slot.range = slot.body = {0, text->folded().size()};
    doc->measures.push_back(slot);
    taizhang::detail::resolve_deadlines(*doc);
  }
  virtual ~OneMeasure() = default;
  const taizhang::Measure& measure() const { return doc->plan.loose_measures.front(); }
};

std::string iso(const std::optional<bg::date>& d) {
  return d ? bg::to_iso_extended_string(*d) : std::string("-");
}

// The names are spelled out here on purpose rather than taken from
// taizhang::to_string: they are the JSON contract, and this frozen copy makes
// a renamed kind fail the corpus instead of silently following it.
const char* kind_name(DeadlineKind k) {
  switch (k) {
    case DeadlineKind::day: return "day";
    case DeadlineKind::month: return "month";
    case DeadlineKind::month_part: return "month_part";
    case DeadlineKind::quarter: return "quarter";
    case DeadlineKind::half_year: return "half_year";
    case DeadlineKind::year: return "year";
    case DeadlineKind::relative: return "relative";
    case DeadlineKind::range: return "range";
    case DeadlineKind::start: return "start";
    case DeadlineKind::recurring: return "recurring";
    case DeadlineKind::open_ended: return "open_ended";
    case DeadlineKind::implied: return "implied";
  }
  return "?";
}

const char* role_name(DateRole r) {
  switch (r) {
    case DateRole::deadline: return "deadline";
    case DateRole::start: return "start";
    case DateRole::reference: return "reference";
  }
  return "?";
}

// A table row: the task text, then cells. Marks every cell after the task as
// an annotation and the named ones as cells of their column, as the outline
// and units stages do, and re-runs the stage.
struct TableRow : OneMeasure {
  TableRow(const std::string& task, const std::vector<std::pair<Column, std::string>>& cells)
      : OneMeasure(task + " |" + joined(cells)) {
    auto& slot = doc->measures.front();
    const std::string_view folded = text->folded();
    std::size_t at = task.size();
    for (const auto& [column, cell] : cells) {
      const std::size_t b = folded.find(cell, at);
      slot.annotations.push_back({b, b + cell.size()});
      slot.cells.push_back({column, {b, b + cell.size()}});
      at = b + cell.size();
    }
    taizhang::detail::resolve_deadlines(*doc);
  }
  static std::string joined(const std::vector<std::pair<Column, std::string>>& cells) {
    std::string s;
    for (const auto& c : cells) s += "\n" + c.second + " |";
    return s;
  }
};

// ------------------------------------------------------------------ corpus

struct CorpusRow {
  std::string file;  // stem of the table: corpus, conventions, …
  int line = 0;
  std::string context, expression, kind, role, start, due, flags;
};

std::vector<std::string> split_tabs(const std::string& line) {
  std::vector<std::string> out;
  std::size_t at = 0;
  while (true) {
    std::size_t tab = line.find('\t', at);
    out.push_back(line.substr(at, tab == std::string::npos ? std::string::npos : tab - at));
    if (tab == std::string::npos) break;
    at = tab + 1;
  }
  return out;
}

// One table (same columns as corpus.tsv).
void load_table(const std::filesystem::path& path, std::vector<CorpusRow>& rows) {
  std::ifstream in(path);
  const std::string file = path.stem().string();
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    auto f = split_tabs(line);
    if (f.size() < 7) {
      ADD_FAILURE() << file << ".tsv:" << n << ": expected 7 columns, got " << f.size();
      continue;
    }
    rows.push_back({file, n, f[0], f[1], f[2], f[3], f[4], f[5], f[6]});
  }
}

// Every table in tests/data/deadlines/, in name order: corpus.tsv (the forms)
// and conventions.tsv (the conventions of government writing, in context).
std::vector<CorpusRow> load_corpus() {
  std::vector<std::filesystem::path> tables;
  for (const auto& entry : std::filesystem::directory_iterator(TAIZHANG_TEST_DATA "/deadlines"))
    if (entry.path().extension() == ".tsv") tables.push_back(entry.path());
  std::sort(tables.begin(), tables.end());
  std::vector<CorpusRow> rows;
  for (const auto& path : tables) load_table(path, rows);
  return rows;
}

class DeadlineCorpus : public ::testing::TestWithParam<CorpusRow> {};

// ⏎ in a table's context stands for a line break.
std::string with_line_breaks(std::string s) {
  for (std::size_t at = s.find("⏎"); at != std::string::npos; at = s.find("⏎", at))
    s.replace(at, std::string("⏎").size(), "\n");
  return s;
}

// A row's measure: the context as prose, or, when it holds ‖, the task text
// of a table row whose 完成时限 cell follows the ‖.
std::unique_ptr<OneMeasure> measure_of(const std::string& context) {
  const std::string bar = "‖";
  const std::size_t at = context.find(bar);
  if (at == std::string::npos) return std::make_unique<OneMeasure>(with_line_breaks(context));
  return std::make_unique<TableRow>(
      with_line_breaks(context.substr(0, at)),
      std::vector<std::pair<Column, std::string>>{{Column::due, context.substr(at + bar.size())}});
}

// Role "plan": the date is the plan's own, reported and not listed.
void expect_plan_date(const OneMeasure& one, const CorpusRow& row) {
  for (const auto& d : one.measure().dates) EXPECT_NE(d.text, row.expression);
  const auto& diags = one.doc->plan.diagnostics;
  const auto it = std::find_if(diags.begin(), diags.end(), [&](const taizhang::Diagnostic& x) {
    return x.code == "deadline.plan_level" &&
           one.source.substr(x.span.byte_start, x.span.byte_end - x.span.byte_start) == row.expression;
  });
  ASSERT_NE(it, diags.end()) << "no deadline.plan_level for 「" << row.expression << "」";
  EXPECT_EQ(it->severity, taizhang::Severity::info);
  EXPECT_NE(it->message.find(row.due != "-" ? row.due : row.start), std::string::npos) << it->message;
}

TEST_P(DeadlineCorpus, Reads) {
  const CorpusRow& row = GetParam();
  const auto measure = measure_of(row.context);
  const OneMeasure& one = *measure;
  const auto& dates = one.measure().dates;
  std::ostringstream seen;
  for (const auto& d : dates)
    seen << " [" << d.text << " " << kind_name(d.kind) << " " << role_name(d.role) << " "
         << iso(d.start) << ".." << iso(d.due) << "]";
  SCOPED_TRACE(row.file + ".tsv:" + std::to_string(row.line) + " " + row.context + " →" + seen.str());

  if (row.role == "plan") return expect_plan_date(one, row);
  if (row.role == "none") {
    // Not a date at all: no mention covers the expression or lies inside it.
    for (const auto& d : dates) {
      EXPECT_EQ(d.text.find(row.expression), std::string::npos) << d.text;
      EXPECT_EQ(row.expression.find(d.text), std::string::npos) << d.text;
    }
    return;
  }
  auto it = std::find_if(dates.begin(), dates.end(),
                         [&](const taizhang::Deadline& d) { return d.text == row.expression; });
  ASSERT_NE(it, dates.end()) << "no mention 「" << row.expression << "」";
  EXPECT_STREQ(kind_name(it->kind), row.kind.c_str());
  EXPECT_STREQ(role_name(it->role), row.role.c_str());
  EXPECT_EQ(iso(it->start), row.start);
  EXPECT_EQ(iso(it->due), row.due);
  EXPECT_EQ(it->kind == DeadlineKind::recurring, row.flags.find("recurring") != std::string::npos);
  EXPECT_EQ(it->kind == DeadlineKind::open_ended, row.flags.find("open_ended") != std::string::npos);
  // The span points at the expression in the original text.
  EXPECT_EQ(it->span.byte_end - it->span.byte_start, row.expression.size());
  EXPECT_EQ(one.source.substr(it->span.byte_start, row.expression.size()), row.expression);
}

void PrintTo(const CorpusRow& row, std::ostream* os) {
  *os << row.file << ".tsv:" << row.line << " " << row.context;
}

std::string row_name(const ::testing::TestParamInfo<CorpusRow>& info) {
  return info.param.file + "_line" + std::to_string(info.param.line);
}

INSTANTIATE_TEST_SUITE_P(Corpus, DeadlineCorpus, ::testing::ValuesIn(load_corpus()), row_name);

TEST(DeadlineCorpusShape, HasEnoughRowsAndNegatives) {
  const auto rows = load_corpus();
  const auto negatives = std::count_if(rows.begin(), rows.end(), [](const CorpusRow& r) {
    return r.role != "deadline";
  });
  EXPECT_GE(rows.size(), 100u);
  EXPECT_GE(negatives, 25);
}

// ------------------------------------------------------------------ milestones

TEST(Milestones, EachDeadlineGovernsItsClausesUpToTheNext) {
  OneMeasure one(
      "加快万安通用机场运营。6月底前，完成一期验收；9月底前，取得运营许可证；"
      "12月底前，积极开展通航嘉年华活动。同时，开辟首条航线。");
  const auto& ms = one.measure().milestones;
  ASSERT_EQ(ms.size(), 3u);
  EXPECT_EQ(ms[0].id, "1.1.1#1");
  EXPECT_EQ(ms[0].text, "加快万安通用机场运营。6月底前，完成一期验收；");
  EXPECT_EQ(ms[1].text, "9月底前，取得运营许可证；");
  EXPECT_EQ(ms[2].text, "12月底前，积极开展通航嘉年华活动。同时，开辟首条航线。");
  EXPECT_EQ(iso(ms[2].deadline.due), "2022-12-31");
  EXPECT_EQ(ms[2].id, "1.1.1#3");
  for (const auto& m : ms) EXPECT_TRUE(m.target_indices.empty());
}

TEST(Milestones, LeadInBelongsToTheFirstMilestone) {
  OneMeasure one("增开航线。积极增开和优化航线航班，10月底前，实现通航29条航线。");
  const auto& ms = one.measure().milestones;
  ASSERT_EQ(ms.size(), 1u);
  EXPECT_EQ(ms[0].text, "增开航线。积极增开和优化航线航班，10月底前，实现通航29条航线。");
  const auto& t = one.text->original();
  EXPECT_EQ(t.substr(ms[0].span.byte_start, ms[0].span.byte_end - ms[0].span.byte_start),
            ms[0].text);
}

TEST(Milestones, ClosingDeadlineGovernsSincePreviousDeadline) {
  OneMeasure one("完善制度。2019年1月底前，修订管理办法。财政部出台实施细则。以上工作要在2019年2月底前完成。",
                 2019, bg::date(2018, 12, 26));
  const auto& ms = one.measure().milestones;
  ASSERT_EQ(ms.size(), 2u);
  EXPECT_EQ(ms[0].text, "完善制度。2019年1月底前，修订管理办法。");
  EXPECT_EQ(ms[1].text, "财政部出台实施细则。以上工作要在2019年2月底前完成。");
}

TEST(Milestones, PartitionTheProse) {
  const std::string s = "完善制度。积极推进，6月底前，完成手续；9月底前，开工。同时，做好宣传。";
  OneMeasure one(s);
  std::string joined;
  for (const auto& m : one.measure().milestones) joined += m.text;
  EXPECT_EQ(joined, s);
}

TEST(Milestones, ClosingDeadlineGovernsWhatPrecedesIt) {
  OneMeasure one("完善制度。科技部牵头修订管理办法。财政部出台实施细则。以上工作要在2019年2月底前完成。",
                 2019, bg::date(2018, 12, 26));
  const auto& ms = one.measure().milestones;
  ASSERT_EQ(ms.size(), 1u);
  EXPECT_EQ(ms[0].text, "完善制度。科技部牵头修订管理办法。财政部出台实施细则。以上工作要在2019年2月底前完成。");
  EXPECT_EQ(iso(ms[0].deadline.due), "2019-02-28");
}

TEST(Milestones, NoDeadlineGivesOneImpliedPlanYearEnd) {
  OneMeasure one("做好共享单车管理。统筹共享单车企业管理，定期开展巡查评比。");
  const auto& m = one.measure();
  EXPECT_TRUE(m.dates.empty());
  ASSERT_EQ(m.milestones.size(), 1u);
  EXPECT_EQ(m.milestones[0].deadline.kind, DeadlineKind::implied);
  EXPECT_EQ(iso(m.milestones[0].deadline.due), "2022-12-31");
  EXPECT_EQ(m.milestones[0].text, "做好共享单车管理。统筹共享单车企业管理，定期开展巡查评比。");
}

TEST(Milestones, ReferencesAndStartsMakeNoMilestones) {
  OneMeasure one("改造小区。开工改造2000年底以前建成的小区，从2023年起按照2025年底的标准执行。");
  const auto& m = one.measure();
  EXPECT_EQ(m.dates.size(), 3u);
  ASSERT_EQ(m.milestones.size(), 1u);
  EXPECT_TRUE(m.milestones[0].deadline.kind == DeadlineKind::implied);
}

TEST(Milestones, AnnotationsAreNotProse) {
  const std::string s = "推进建设。12月底前，完成建设任务。\n牵头单位:市发改委 6月底前";
  OneMeasure one(s);  // built, then re-run with the unit line as an annotation
  auto& slot = one.doc->measures.front();
  const std::string_view folded = one.text->folded();
  const std::size_t label = folded.find("\n牵头单位");
  slot.annotations.push_back({label, folded.size()});
  taizhang::detail::resolve_deadlines(*one.doc);
  const auto& m = one.measure();
  ASSERT_EQ(m.dates.size(), 1u);
  ASSERT_EQ(m.milestones.size(), 1u);
  EXPECT_EQ(m.milestones[0].text, "推进建设。12月底前，完成建设任务。");
}

TEST(DueCells, DateTheWholeTaskWhenTheTextHasNone) {
  TableRow row("持续提升园区承载能力,加快推进污水处理厂项目。",
               {{Column::responsible, "规划建设局"}, {Column::due, "全年"}});
  const auto& m = row.measure();
  ASSERT_EQ(m.dates.size(), 1u);
  EXPECT_EQ(m.dates[0].text, "全年");
  ASSERT_EQ(m.milestones.size(), 1u);
  EXPECT_FALSE(m.milestones[0].deadline.kind == DeadlineKind::implied);
  EXPECT_EQ(iso(m.milestones[0].deadline.due), "2022-12-31");
  EXPECT_EQ(m.milestones[0].text, "持续提升园区承载能力,加快推进污水处理厂项目。");
}

TEST(DueCells, KeepARepeatOfATextDeadlineAsAMilestoneOfItsOwn) {
  TableRow row("编制清单,8月底前编制完成市级清单,9月底前编制完成区级清单。",
               {{Column::lead, "市行政审批局"}, {Column::due, "2022年9月底"}});
  const auto& m = row.measure();
  ASSERT_EQ(m.dates.size(), 3u);
  EXPECT_EQ(m.dates[2].text, "2022年9月底");
  const auto& ms = m.milestones;
  ASSERT_EQ(ms.size(), 3u);
  EXPECT_EQ(iso(ms[0].deadline.due), "2022-08-31");
  EXPECT_EQ(iso(ms[1].deadline.due), "2022-09-30");
  EXPECT_EQ(iso(ms[2].deadline.due), "2022-09-30");
  EXPECT_EQ(ms[1].text, "9月底前编制完成区级清单。");
  EXPECT_EQ(ms[2].text, "2022年9月底");
  EXPECT_EQ(ms[2].id, "1.1.1#3");
}

TEST(DueCells, TextAndCellAreTwoDeadlinesEvenWhenEqual) {
  TableRow row("推动工业用地腾笼换鸟,力争 全年盘活僵尸企业10家。",
               {{Column::leader, "马振明"}, {Column::responsible, "改革办"}, {Column::due, "全年"}});
  const auto& ms = row.measure().milestones;
  ASSERT_EQ(ms.size(), 2u);
  EXPECT_EQ(iso(ms[0].deadline.due), "2022-12-31");
  EXPECT_EQ(iso(ms[1].deadline.due), "2022-12-31");
  EXPECT_EQ(ms[0].text, "推动工业用地腾笼换鸟,力争 全年盘活僵尸企业10家。");
}

TEST(DueCells, OtherCellsAndOpenEndedCellsGiveNoDueDate) {
  TableRow row("做好服务保障。", {{Column::note, "2022年6月底"}, {Column::due, "长期坚持"}});
  const auto& m = row.measure();
  ASSERT_EQ(m.dates.size(), 1u);  // the note cell is not read
  ASSERT_EQ(m.milestones.size(), 1u);
  EXPECT_TRUE(m.milestones[0].deadline.kind == DeadlineKind::open_ended);
  EXPECT_FALSE(m.milestones[0].deadline.due);
}

TEST(Milestones, AFrequencyAloneIsNoDeadline) {
  OneMeasure one("编制清单。市审改办要坚持每月调度并及时通报进展情况。");
  const auto& m = one.measure();
  ASSERT_EQ(m.dates.size(), 1u);
  EXPECT_EQ(m.dates[0].role, DateRole::reference);
  EXPECT_TRUE(m.dates[0].kind == DeadlineKind::recurring);
  ASSERT_EQ(m.milestones.size(), 1u);
  EXPECT_TRUE(m.milestones[0].deadline.kind == DeadlineKind::implied);
}

TEST(Milestones, ChainedSentenceCarriesYearAndRecurrence) {
  OneMeasure one(
      "开展考核。2020年起，每年2月底前各省份完成考核，3月底前国家卫生健康委完成监测分析。",
      2019, bg::date(2019, 1, 16));
  const auto& d = one.measure().dates;
  ASSERT_EQ(d.size(), 3u);
  EXPECT_EQ(d[0].role, DateRole::start);
  EXPECT_EQ(iso(d[0].start), "2020-01-01");
  EXPECT_EQ(iso(d[1].due), "2020-02-29");
  EXPECT_TRUE(d[1].kind == DeadlineKind::recurring);
  EXPECT_EQ(iso(d[2].due), "2020-03-31");
  EXPECT_TRUE(d[2].kind == DeadlineKind::recurring);
  const auto& ms = one.measure().milestones;
  ASSERT_EQ(ms.size(), 2u);
  EXPECT_EQ(ms[0].text, "开展考核。2020年起，每年2月底前各省份完成考核，");
  EXPECT_EQ(ms[1].text, "3月底前国家卫生健康委完成监测分析。");
}

TEST(Milestones, TheSigningDateSigns) {
  OneMeasure one("加强组织领导。各地要抓好落实。\n国务院办公厅\n2022年4月13日\n");
  const auto& m = one.measure();
  ASSERT_EQ(m.dates.size(), 1u);
  EXPECT_EQ(m.dates[0].role, DateRole::reference);
  ASSERT_EQ(m.milestones.size(), 1u);
  EXPECT_TRUE(m.milestones[0].deadline.kind == DeadlineKind::implied);
}

// ------------------------------------------------------------------ dates_in

// The scanner over any range of a document, as another stage (goal
// paragraphs) uses it: roles, periods and spans in the original text.
TEST(DatesIn, ReadsAnyRangeOfTheDocument) {
  const std::string s = "（二）主要目标。到2025年，全市普及率达到95%；2023年底前，建成示范区3个。";
  Text text(s);
  taizhang::ParseOptions options;
  taizhang::Lexicon lexicon;
  Document doc{text, options, lexicon, {}, {}, {}, {}};
  doc.plan.plan_year = kPlanYear;
  doc.plan.signed_on = kSigned;
  const auto all = taizhang::detail::dates_in(doc, {0, text.folded().size()});
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].text, "到2025年");
  EXPECT_EQ(all[0].role, DateRole::deadline);
  EXPECT_EQ(iso(all[0].due), "2025-12-31");
  EXPECT_EQ(s.substr(all[0].span.byte_start, all[0].span.byte_end - all[0].span.byte_start), "到2025年");
  EXPECT_EQ(all[1].text, "2023年底前");
  EXPECT_EQ(iso(all[1].due), "2023-12-31");
  // Part of the text, with an end past it: only the dates inside.
  const std::size_t semicolon = text.folded().find(";");  // ； folds to ;
  const auto part = taizhang::detail::dates_in(doc, {semicolon, text.folded().size() + 100});
  ASSERT_EQ(part.size(), 1u);
  EXPECT_EQ(part[0].text, "2023年底前");
  EXPECT_TRUE(taizhang::detail::dates_in(doc, {semicolon, semicolon}).empty());
}

TEST(Milestones, PlanDatesMakeNoMilestone) {
  OneMeasure one(
      "完善考核办法，出台全市统一的实施细则并组织培训，推动考核结果运用。\n"
      "本方案自印发之日起施行，有效期至2024年6月30日。");
  const auto& m = one.measure();
  EXPECT_TRUE(m.dates.empty());
  ASSERT_EQ(m.milestones.size(), 1u);
  EXPECT_TRUE(m.milestones[0].deadline.kind == DeadlineKind::implied);
  const auto& diags = one.doc->plan.diagnostics;
  EXPECT_EQ(std::count_if(diags.begin(), diags.end(),
                          [](const auto& x) { return x.code == "deadline.plan_level"; }),
            2);  // the start (印发之日起) and the end of validity
}

// ------------------------------------------------------------------ year sources

TEST(PlanYear, OptionsWinOverThePlan) {
  Text text("6月底前，完成验收。");
  taizhang::ParseOptions options;
  options.plan_year = 2030;
  options.reference_date = bg::date(2029, 12, 20);
  taizhang::Lexicon lexicon;
  Document doc{text, options, lexicon, {}, {}, {}, {}};
  doc.plan.plan_year = 2022;
  doc.plan.signed_on = kSigned;
  doc.plan.loose_measures.push_back(taizhang::Measure{});
  MeasureSlot slot;
  slot.measure = &doc.plan.loose_measures.front();
  slot.body = slot.range = {0, text.folded().size()};
  doc.measures.push_back(slot);
  taizhang::detail::resolve_deadlines(doc);
  ASSERT_EQ(doc.plan.loose_measures[0].dates.size(), 1u);
  EXPECT_EQ(iso(doc.plan.loose_measures[0].dates[0].due), "2030-06-30");
}

TEST(PlanYear, SigningDateWhenThePlanHasNoYear) {
  OneMeasure one("6月底前，完成验收；明年7月份建成。", std::nullopt, bg::date(2022, 12, 27));
  const auto& d = one.measure().dates;
  ASSERT_EQ(d.size(), 2u);
  EXPECT_EQ(iso(d[0].due), "2022-06-30");
  EXPECT_EQ(iso(d[1].due), "2023-07-31");
}

TEST(PlanYear, NoYearAnywhereLeavesDatesEmptyAndSaysSo) {
  OneMeasure one("6月底前，完成验收。", std::nullopt, std::nullopt);
  const auto& d = one.measure().dates;
  ASSERT_EQ(d.size(), 1u);
  EXPECT_FALSE(d[0].due.has_value());
  EXPECT_TRUE(std::any_of(one.doc->plan.diagnostics.begin(), one.doc->plan.diagnostics.end(),
                          [](const taizhang::Diagnostic& x) { return x.code == "deadline.no_plan_year"; }));
}

// ------------------------------------------------------------------ diagnostics

TEST(Diagnostics, MonthBeforeAmongMonthEndsIsFlagged) {
  OneMeasure one("6月底前，完成手续；9月底前，全面开工；12月前，竣工交付42个项目。");
  const auto& d = one.measure().dates;
  ASSERT_EQ(d.size(), 3u);
  EXPECT_EQ(iso(d[2].due), "2022-11-30");
  const auto& diags = one.doc->plan.diagnostics;
  ASSERT_EQ(std::count_if(diags.begin(), diags.end(),
                          [](const auto& x) { return x.code == "deadline.suspicious_month_before"; }),
            1);
  const auto& x = *std::find_if(diags.begin(), diags.end(), [](const auto& y) {
    return y.code == "deadline.suspicious_month_before";
  });
  EXPECT_EQ(x.severity, taizhang::Severity::warning);
  EXPECT_EQ(one.text->original().substr(x.span.byte_start, x.span.byte_end - x.span.byte_start),
            "12月前");
}

TEST(Diagnostics, MonthBeforeAloneIsNotFlagged) {
  OneMeasure one("6月前，完成手续。");
  EXPECT_EQ(iso(one.measure().dates.at(0).due), "2022-05-31");
  EXPECT_TRUE(one.doc->plan.diagnostics.empty());
}

TEST(Diagnostics, ImpossibleDatesAreReportedNotThrown) {
  OneMeasure one("2月30日前，完成手续；13月底前，完成；99999999999年底前，完成。");
  for (const auto& d : one.measure().dates) EXPECT_NE(d.text, "2月30日前");
  EXPECT_TRUE(std::any_of(one.doc->plan.diagnostics.begin(), one.doc->plan.diagnostics.end(),
                          [](const auto& x) { return x.code == "deadline.invalid_date"; }));
}

// ------------------------------------------------------------------ vague time words

// The deadline.vague diagnostics of a document, in order.
std::vector<taizhang::Diagnostic> vague_of(const OneMeasure& one) {
  std::vector<taizhang::Diagnostic> out;
  for (const auto& x : one.doc->plan.diagnostics)
    if (x.code == "deadline.vague") out.push_back(x);
  return out;
}

std::string spanned(const OneMeasure& one, const taizhang::Diagnostic& x) {
  return std::string(one.text->original().substr(x.span.byte_start, x.span.byte_end - x.span.byte_start));
}

// One row per class: the word is reported, with its class, and the measure
// keeps its implied plan-year milestone exactly as before.
TEST(Vague, EachClassIsReportedWhenTheMeasureStatesNoDate) {
  const std::vector<std::pair<std::string, std::string>> rows{
      {"规范共享单车停放，尽快出台停放管理办法。", "尽快"},
      {"网格员发现占道经营的，立即劝离并登记。", "立即"},
      {"各社区发现燃气隐患后及时上报街道。", "及时"},
      {"总结三个街道的试点做法，适时在全区推开。", "适时"},
      {"修订物业收费指引，条件成熟时提请审议。", "条件成熟时"},
      {"组织排查低洼地段排水设施，汛前完成疏通。", "汛前"},
      {"检修老旧小区供热管网，入冬前完成更换。", "入冬前"},
      {"逐步扩大公交专用道覆盖范围。", "逐步"},
      {"走访慰问困难老人，春节前发放慰问品。", "春节前"},
  };
  const std::map<std::string, std::string> klass{
      {"尽快", "urgent"}, {"立即", "urgent"}, {"及时", "prompt"}, {"适时", "when due"},
      {"条件成熟时", "when due"}, {"汛前", "seasonal"}, {"入冬前", "seasonal"},
      {"逐步", "gradual"}, {"春节前", "festival"}};
  for (const auto& [text, word] : rows) {
    OneMeasure one(text);
    const auto v = vague_of(one);
    ASSERT_EQ(v.size(), 1u) << text;
    EXPECT_EQ(v[0].severity, taizhang::Severity::info);
    EXPECT_EQ(spanned(one, v[0]), word) << text;
    EXPECT_NE(v[0].message.find("measure 1.1.1"), std::string::npos) << v[0].message;
    EXPECT_NE(v[0].message.find("「" + word + "」 (" + klass.at(word) + ":"), std::string::npos)
        << v[0].message;
    EXPECT_NE(v[0].message.find("2022-12-31"), std::string::npos) << v[0].message;
    const auto& m = one.measure();
    ASSERT_EQ(m.milestones.size(), 1u);
    EXPECT_EQ(m.milestones[0].deadline.kind, DeadlineKind::implied);
    EXPECT_EQ(iso(m.milestones[0].deadline.due), "2022-12-31");
  }
}

TEST(Vague, SpanIsTheWordInTheOriginalText) {
  // Full-width text before the words: the span is in the original bytes.
  const std::string s = "做好ＡＢ两类站点运维。逐步统一站点标识，损坏设施及时修复。";
  OneMeasure one(s);
  const auto v = vague_of(one);
  ASSERT_EQ(v.size(), 2u);
  EXPECT_EQ(v[0].span.byte_start, s.find("逐步"));
  EXPECT_EQ(v[0].span.byte_end, s.find("逐步") + std::string("逐步").size());
  EXPECT_EQ(spanned(one, v[1]), "及时");
  EXPECT_EQ(v[1].span.byte_start, s.find("及时"));
  EXPECT_LT(v[0].span.byte_start, v[1].span.byte_start);
}

TEST(Vague, AroundAFestivalIsOneWord) {
  const std::string s = "春节前后组织社区文艺演出。";
  OneMeasure one(s);
  const auto v = vague_of(one);
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(spanned(one, v[0]), "春节前后");
}

TEST(Vague, NoReportWhenTheMeasureHasADate) {
  for (const std::string text : {
           "6月底前尽快完成监测设备采购。",                          // same clause
           "9月底前完成摸底调查，及时报送汇总结果。",                // 及时 after a deadline
           "逐步完善养老服务网络，年底前新建两处日间照料中心。",    // a dated milestone
           "适时开展评估；2023年3月底前，形成评估报告。",           // another sentence
       }) {
    OneMeasure one(text);
    EXPECT_TRUE(vague_of(one).empty()) << text;
    EXPECT_NE(one.measure().milestones.at(0).deadline.kind, DeadlineKind::implied) << text;
  }
}

TEST(Vague, NoReportWhenACompletionCellDatesTheRow) {
  TableRow row("尽快完成校园周边护栏改造。", {{Column::due, "6月底"}});
  EXPECT_TRUE(vague_of(row).empty());
  EXPECT_EQ(iso(row.measure().milestones.at(0).deadline.due), "2022-06-30");
}

TEST(Vague, WordsThatAreNotTimeWordsAreNotReported) {
  for (const std::string text : {
           "对照《关于逐步推行垃圾分类的指导意见》开展自查。",  // a cited title
           "明确各项任务的责任分工以及时间安排。",              // 以及 + 时间
           "将投诉处理及时率纳入物业考核。",                    // a measure of timeliness
       }) {
    OneMeasure one(text);
    EXPECT_TRUE(vague_of(one).empty()) << text;
  }
}

TEST(Vague, AnnotationsAreNotRead) {
  // A unit name in the responsibility note is an annotation, not prose.
  OneMeasure one("完善社区救助网络。\n责任单位：区及时救助服务中心");
  auto& slot = one.doc->measures.front();
  const std::string_view folded = one.text->folded();
  slot.annotations.push_back({folded.find("\n责任单位"), folded.size()});
  one.doc->plan.diagnostics.clear();
  taizhang::detail::resolve_deadlines(*one.doc);
  EXPECT_TRUE(vague_of(one).empty());
}

TEST(Vague, AUnitNameInTheProseIsNotATimeWord) {
  const std::string s = "由区及时救助服务中心牵头，完善社区救助网络。";
  OneMeasure one(s);
  ASSERT_EQ(vague_of(one).size(), 1u);  // no unit read yet: the 及时 is reported
  taizhang::Unit unit;
  unit.name = unit.raw = "区及时救助服务中心";
  unit.span.byte_start = s.find(unit.raw);
  unit.span.byte_end = unit.span.byte_start + unit.raw.size();
  one.doc->plan.loose_measures.front().lead_units.push_back(unit);
  one.doc->plan.diagnostics.clear();
  taizhang::detail::resolve_deadlines(*one.doc);
  EXPECT_TRUE(vague_of(one).empty());
}

TEST(Vague, ClosingParagraphIsNotTheMeasures) {
  // A short title line, a body line, then the closing paragraph.
  const std::string s = "完善考核办法。\n出台考核细则并适时组织业务培训。\n各区、各部门要尽快制定落实方案。";
  OneMeasure one(s);
  const auto v = vague_of(one);
  ASSERT_EQ(v.size(), 1u);  // 适时 of the body, not 尽快 of the closing paragraph
  EXPECT_EQ(v[0].span.byte_start, s.find("适时"));
}

TEST(Vague, NoPlanYearSaysThereIsNoDueDate) {
  OneMeasure one("尽快修订停车收费标准。", std::nullopt, std::nullopt);
  const auto v = vague_of(one);
  ASSERT_EQ(v.size(), 1u);
  EXPECT_NE(v[0].message.find("no plan year"), std::string::npos) << v[0].message;
}

// ------------------------------------------------------------------ hostile input

TEST(Hostile, NoThrowAndLinearTime) {
  std::vector<std::string> inputs = {
      "", "月", "年", "每", "季度", "印发", "本意见印发后", "印发之日起99999999999999日内",
      "本意见印发后999999个月内", "9999年12月31日至99999年", "0000年", "1399年底前",
      "2月29日前", "二〇二三年二月二十九日前", "十三月", "十二月三十二日", "〔", "〔2018", "[9999]",
      "《《《2022年", "》》》2022年底前", "2022年—", "2021—", "每年", "每年年", "前", "前五季度",
      "第零季度", "上半", "年中央", "长期", "|长期坚持|"};
  std::string digits(200000, '9');
  inputs.push_back(digits + "年");
  inputs.push_back(std::string(100000, '1') + "月底前");
  std::string many;
  for (int i = 0; i < 20000; ++i) many += "每年2月底前，";
  inputs.push_back(many);
  std::string cn;
  for (int i = 0; i < 50000; ++i) cn += "二十";
  inputs.push_back(cn + "月");
  std::string spaces(100000, ' ');
  inputs.push_back(spaces + "按照" + spaces + "2025年底");
  // The conventions' look-ahead stays within fixed windows and nothing is
  // rescanned from a clause start: one clause of many deadlines, endless
  // numbers, brackets and 对…的 phrases that never close, coordinated dates,
  // closing-paragraph openers on every line.
  auto repeat = [](const std::string& s, int n) {
    std::string out;
    out.reserve(s.size() * n);
    for (int i = 0; i < n; ++i) out += s;
    return out;
  };
  inputs.push_back(repeat("12月底前,完成100个", 20000));
  inputs.push_back(repeat(std::string(10000, '9') + "年底前，", 20));
  inputs.push_back(repeat("（2023年6月底前", 12000));
  inputs.push_back(repeat("2023年(含当日", 12000));
  inputs.push_back("对" + repeat("2023年1—2月完成", 10000) + "的");
  inputs.push_back(repeat("对年底前", 12000) + "的");
  inputs.push_back(repeat("2023年和", 12000));
  inputs.push_back(repeat("2023年" + std::string(1000, ' '), 200));
  inputs.push_back("推进。\n" + repeat("各地、各部门要于6月底前\n", 10000));
  inputs.push_back(repeat("2022年4―", 12000) + "6月");
  // Time and memory growth on such inputs are the doubling benchmark's job
  // (bench/doubling.cpp); here they must only parse without failing.
  for (const auto& s : inputs) {
    SCOPED_TRACE(s.substr(0, 40));
    EXPECT_NO_THROW(OneMeasure one(s));
    EXPECT_NO_THROW(OneMeasure one(s, 9999, bg::date(9999, 12, 31)));
  }
}

TEST(Hostile, RandomBytesThroughTheScanner) {
  // Valid UTF-8 built from date characters in random order.
  const std::vector<std::string> alphabet = {"1", "2", "0", "9", "年", "月", "日", "底", "前", "末",
                                             "季度", "上", "半", "每", "至", "—", "起", "从", "按照",
                                             "印发", "之日起", "个月", "内", "，", "。", "《", "》",
                                             "十", "二", "〔", "〕", "以前", "的", "明年", "次年",
                                             "对", "已", "未", "和", "、", "(", ")", "（", "）", "―",
                                             "――", "初", "中", "各", "本通知", "以上政策", "\n", " ",
                                             "纳入", "高于", "当年", "每年", "-", "，"};
  unsigned seed = 12345;
  for (int round = 0; round < 1000; ++round) {
    std::string s;
    for (int k = 0; k < 200; ++k) {
      seed = seed * 1103515245u + 12345u;
      s += alphabet[(seed >> 16) % alphabet.size()];
    }
    std::vector<taizhang::detail::deadlines::Invalid> invalid;
    taizhang::detail::deadlines::Context ctx{2022, kSigned};
    std::vector<taizhang::detail::deadlines::Mention> ms;
    ASSERT_NO_THROW(ms = taizhang::detail::deadlines::scan(s, ctx, &invalid)) << s;
    std::size_t last = 0;
    for (const auto& m : ms) {
      EXPECT_LE(last, m.begin) << s;  // mentions never overlap and stay in order
      EXPECT_LT(m.begin, m.end);
      EXPECT_LE(m.end, s.size());
      last = m.end;
    }
    // The whole stage on it: spans point at their text.
    std::unique_ptr<OneMeasure> one;
    ASSERT_NO_THROW(one = std::make_unique<OneMeasure>(s)) << s;
    for (const auto& d : one->measure().dates)
      EXPECT_EQ(s.substr(d.span.byte_start, d.span.byte_end - d.span.byte_start), d.text) << s;
  }
}

// ------------------------------------------------------------------ fast paths

// may_begin_point (scanner.hpp) only looks at the character after a number
// or a year word; wherever it says no, the grammar itself must read nothing.
// Random text from pieces of dates, numbers that count other things and the
// words that begin a point; the test also checks that it says no often.
TEST(DeadlineScan, LookAheadAgreesWithGrammar) {
  namespace dl = taizhang::detail::deadlines;
  // What may begin a point, and what may follow it, drawn in turn.
  const std::string leads[] = {"1", "2", "12", "2024", "20241", "一", "二", "〇", "○", "零", "两",
                               "十", "九", "二〇二四", "上", "下", "前", "第", "今", "本", "当", "明",
                               "来", "次", "全", "年", "户", "是", "a", "😀"};
  const std::string follows[] = {"年", "月", "日", "号", "季度", "季", "半年", "初", "中", "底", "末",
                                 "内", "—", "――", "-", "~", "～", "至", "到", "–", "%", "，", "。",
                                 "\n", " ", "份", "上旬", "以前", "之", "é", "1", "三"};
  const dl::Context ctx{2024, bg::date(2024, 3, 1)};
  std::mt19937 rng(29);
  std::size_t said_no = 0, read = 0;
  for (int round = 0; round < 40000; ++round) {
    std::string s;
    for (std::size_t n = 1 + rng() % 4; n > 0; --n) {
      s += leads[rng() % std::size(leads)];
      s += follows[rng() % std::size(follows)];
    }
    const dl::Scanner scanner(s, ctx, nullptr);
    for (std::size_t i = 0; i < s.size(); ++i) {
      if ((static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) continue;  // inside a character
      const bool reads = scanner.reads_point(i);
      if (reads) ++read;
      if (dl::may_begin_point(s, i)) continue;
      ++said_no;
      ASSERT_FALSE(reads) << s << " at " << i;
    }
  }
  EXPECT_GT(read, 2000u);
  EXPECT_GT(said_no, 50000u);
}

// is_cn_numeral is a set of characters written out; cn_digit (text/scan.hpp)
// is what it stands for, with 十.
TEST(DeadlineScan, NumeralSetIsCnDigit) {
  for (char32_t c = 0; c < 0x110000; ++c)
    ASSERT_EQ(taizhang::detail::deadlines::is_cn_numeral(c),
              taizhang::detail::cn_digit(c) >= 0 || c == U'十')
        << static_cast<unsigned>(c);
}

// Boundaries are the marks a plain reading finds; read up to a limit, they
// answer as the whole string does for every position up to the limit, and
// sentence_end(pos) does when a sentence starts between pos and the limit
// (what milestone_starts asks).
TEST(DeadlineScan, BoundariesAgreeWithAPlainReading) {
  namespace dl = taizhang::detail::deadlines;
  const std::string pieces[] = {"，", "。", "；", "：", ",", ";", ":", "!", "?", "\n", "1", "9",
                                "年", "月", "甲", "乙", "、", "|", " ", "é", "！", "？", "abcdefgh"};
  std::mt19937 rng(37);
  dl::Boundaries whole, part;
  for (int round = 0; round < 3000; ++round) {
    std::string s;
    for (std::size_t n = rng() % 24; n > 0; --n) s += pieces[rng() % std::size(pieces)];
    const std::size_t limit = s.empty() ? 0 : rng() % (s.size() + 2);
    whole.reset(s);
    part.reset(s, limit);
    // The whole string against the plain definition: after each sentence
    // end and clause pause, one character at a time, except a comma
    // between two digits.
    std::vector<std::size_t> sentences{0}, clauses{0};
    for (std::size_t at = 0; at < s.size();) {
      std::size_t i = at;
      const char32_t c = taizhang::detail::next_cp(s, i);
      const bool thousands = c == ',' && at > 0 && i < s.size() && std::isdigit(static_cast<unsigned char>(s[at - 1])) &&
                             std::isdigit(static_cast<unsigned char>(s[i]));
      if (!thousands && taizhang::detail::is_sentence_end(c)) sentences.push_back(i);
      if (!thousands && taizhang::detail::is_clause_end(c)) clauses.push_back(i);
      at = i;
    }
    ASSERT_EQ(whole.sentences, sentences) << s;
    ASSERT_EQ(whole.clauses, clauses) << s;
    for (std::size_t pos = 0; pos <= std::min(limit, s.size()); ++pos) {
      ASSERT_EQ(part.sentence_start(pos), whole.sentence_start(pos)) << s << " " << limit;
      ASSERT_EQ(part.clause_start(pos), whole.clause_start(pos)) << s << " " << limit;
      const std::size_t end = whole.sentence_end(pos, s.size());
      if (end <= limit) {
        ASSERT_EQ(part.sentence_end(pos, s.size()), end) << s << " " << limit;
      }
    }
  }
}

// ThreeByteSet answers as its CharSet does for every three-byte character,
// read from its UTF-8 bytes.
TEST(DeadlineScan, ThreeByteSetAgreesWithItsCharSet) {
  namespace dl = taizhang::detail::deadlines;
  std::mt19937 rng(41);
  for (int round = 0; round < 4; ++round) {
    dl::CharSet set;
    for (int k = 0; k < 3000; ++k) set.add(static_cast<char32_t>(rng() % 0x10000));
    set.add(U"年月，。前");
    const dl::ThreeByteSet three(set);
    for (char32_t c = 0x800; c < 0x10000; ++c) {
      const unsigned char bytes[3] = {static_cast<unsigned char>(0xE0 | (c >> 12)),
                                      static_cast<unsigned char>(0x80 | ((c >> 6) & 0x3F)),
                                      static_cast<unsigned char>(0x80 | (c & 0x3F))};
      ASSERT_EQ(three.has(bytes), set.has(c)) << static_cast<unsigned>(c);
    }
  }
}

// A month's period ends on the day boost's end_of_month() names, over the
// whole range of years the grammar reads (leap years and centuries too).
TEST(DeadlineScan, MonthEndIsTheCalendarsEndOfMonth) {
  namespace dl = taizhang::detail::deadlines;
  dl::Point p;
  p.unit = dl::Unit::month;
  for (long y = dl::kMinYear; y <= dl::kMaxYear; y += (y < 2100 ? 1 : 37))
    for (int m = 1; m <= 12; ++m) {
      p.month = m;
      const dl::Period r = dl::period_of(p, y);
      ASSERT_TRUE(r.due) << y << "-" << m;
      ASSERT_EQ(*r.due, bg::date(static_cast<unsigned short>(y), static_cast<unsigned short>(m), 1).end_of_month())
          << y << "-" << m;
    }
}

// A cue list's longest word starting (or ending) at a position, against a
// plain search of every word; the list mixes words that share their first
// or last character, words shorter than one Chinese character, and words
// of four to seven bytes (the packed compare past the first three).
TEST(DeadlineScan, CueListAgreesWithAPlainSearch) {
  namespace dl = taizhang::detail::deadlines;
  const std::vector<std::string> words = {"截止", "截止到", "截至", "长期", "长期坚持", "期", "坚持",
                                          "持续", "a", "ab", "b|", "|", "é", "前", "以前", "之前",
                                          "a截", "截a", "ab截", "截止a", "长期坚持续"};
  const std::string pieces[] = {"截", "止", "至", "到", "长", "期", "坚", "持", "续", "a",
                                "b", "|", "é", "前", "以", "之", "，", "😀", " "};
  std::mt19937 rng(31);
  for (int round = 0; round < 3000; ++round) {
    std::vector<std::string> chosen;
    for (const auto& w : words)
      if (rng() % 2) chosen.push_back(w);
    dl::CueList list;
    for (const auto& w : chosen) list.add(w);
    list.sort_longest_first();
    std::string s;
    for (std::size_t n = rng() % 16; n > 0; --n) s += pieces[rng() % std::size(pieces)];
    for (std::size_t i = 0; i <= s.size() + 1; ++i) {
      std::string longest_from, longest_to;
      for (const auto& w : chosen) {
        if (i <= s.size() && s.compare(i, w.size(), w) == 0 && s.size() - i >= w.size() &&
            w.size() > longest_from.size())
          longest_from = w;
        if (i <= s.size() && i >= w.size() && s.compare(i - w.size(), w.size(), w) == 0 &&
            w.size() > longest_to.size())
          longest_to = w;
      }
      const std::string* from = list.starting_at(s, i);
      const std::string* to = list.ending_at(s, i);
      ASSERT_EQ(from ? *from : std::string(), longest_from) << s << " at " << i;
      ASSERT_EQ(to ? *to : std::string(), longest_to) << s << " at " << i;
    }
  }
}

// ------------------------------------------------------------------ reference document


// Every measure's stated deadlines equal the gold `deadlines` (98 dates), and
// the measures without one carry a single implied milestone at the plan-year end.
TEST(ReferenceDocument, DeadlinesEqualGold) {
  TAIZHANG_CORPUS_TEXT(text, taizhang::test::kReference);
  const std::string gold_text = taizhang::test::reference_gold();
  if (gold_text.empty()) GTEST_SKIP() << "no ../shared/gold beside the corpus";
  const auto gold = nlohmann::json::parse(gold_text);
  const taizhang::Plan plan = taizhang::parse(text);
  std::map<int, const taizhang::Measure*> by_number;
  for (const taizhang::Measure* m : taizhang::all_measures(plan))
    if (m->number) by_number[*m->number] = m;

  std::size_t gold_dates = 0, matched = 0;
  const std::set<int> implied_expected = {17, 33, 45, 53, 54, 56, 62, 63, 64, 65, 66};
  for (const auto& gm : gold["measures"]) {
    const int number = gm["number"].get<int>();
    SCOPED_TRACE("measure " + std::to_string(number));
    ASSERT_TRUE(by_number.count(number));
    const taizhang::Measure& m = *by_number[number];
    std::multiset<std::string> expected, got;
    for (const auto& d : gm["deadlines"]) expected.insert(d.get<std::string>());
    for (const auto& d : m.dates)
      if (d.role == DateRole::deadline && d.due) got.insert(iso(d.due));
    gold_dates += expected.size();
    for (const auto& d : expected)
      if (got.count(d) >= expected.count(d)) ++matched;
    EXPECT_EQ(got, expected);
    // Stated deadlines become milestones one to one.
    std::multiset<std::string> milestone_dues;
    for (const auto& mi : m.milestones)
      if (mi.deadline.kind != DeadlineKind::implied) milestone_dues.insert(iso(mi.deadline.due));
    EXPECT_EQ(milestone_dues, expected);
    if (implied_expected.count(number)) {
      ASSERT_EQ(m.milestones.size(), 1u);
      EXPECT_EQ(m.milestones[0].deadline.kind, DeadlineKind::implied);
      EXPECT_EQ(iso(m.milestones[0].deadline.due), "2022-12-31");
      EXPECT_FALSE(m.milestones[0].text.empty());
    } else {
      for (const auto& mi : m.milestones) EXPECT_FALSE(mi.deadline.kind == DeadlineKind::implied);
    }
    for (std::size_t k = 0; k < m.milestones.size(); ++k)
      EXPECT_EQ(m.milestones[k].id, m.id + "#" + std::to_string(k + 1));
  }
  EXPECT_EQ(gold_dates, 98u);
  EXPECT_EQ(matched, 98u);
  // The describing and citing dates are kept, as references.
  auto has_reference = [&](int number, const std::string& text) {
    for (const auto& d : by_number[number]->dates)
      if (d.text == text && d.role == DateRole::reference) return true;
    return false;
  };
  EXPECT_TRUE(has_reference(25, "2000年底以前"));
  EXPECT_TRUE(has_reference(35, "2025年底"));
  EXPECT_TRUE(has_reference(36, "2025年底"));
  // 12月前 is read literally and flagged.
  EXPECT_EQ(std::count_if(plan.diagnostics.begin(), plan.diagnostics.end(),
                          [](const auto& x) { return x.code == "deadline.suspicious_month_before"; }),
            1);
}

}  // namespace
