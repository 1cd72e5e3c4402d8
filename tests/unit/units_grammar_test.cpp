// The grammar of responsibility, row by row: tests/data/units/statements.tsv
// holds responsibility notes written for the project and the lead, co and
// leader lists each must give. Every row becomes a small plan (the file's
// header says how) parsed by taizhang::parse; names are compared exactly and
// in order, and a failing row prints its text and what came out.
#include "test_util.hpp"

#include <taizhang/taizhang.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace {

using namespace taizhang;

struct Row {
  int line = 0;
  std::string text;  // \n already turned into line breaks
  std::string lead, co, leaders;
  std::string next_lead, next_co;  // empty: the plain reading of measure 2

  bool table() const { return text.starts_with("序号"); }
  bool negative() const { return lead == "-" && co == "-" && leaders == "-"; }
};

std::vector<std::string> split_tabs(const std::string& line) {
  std::vector<std::string> out;
  std::size_t b = 0;
  for (std::size_t e; (e = line.find('\t', b)) != std::string::npos; b = e + 1) out.push_back(line.substr(b, e - b));
  out.push_back(line.substr(b));
  return out;
}

std::string unescape(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\\' && i + 1 < s.size() && s[i + 1] == 'n') {
      out += '\n';
      ++i;
    } else {
      out += s[i];
    }
  }
  return out;
}

std::vector<Row> load_rows() {
  std::vector<Row> rows;
  std::ifstream in(test::data_path("units/statements.tsv"), std::ios::binary);
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    const auto f = split_tabs(line);
    Row r;
    r.line = n;
    if (f.size() < 4 || f.size() > 6) {
      r.text = "statements.tsv:" + std::to_string(n) + ": expected 4 to 6 columns, got " + std::to_string(f.size());
      r.lead = "<bad row>";
      rows.push_back(r);
      continue;
    }
    r.text = unescape(f[0]);
    r.lead = f[1];
    r.co = f[2];
    r.leaders = f[3];
    if (f.size() > 4) r.next_lead = f[4];
    if (f.size() > 5) r.next_co = f[5];
    rows.push_back(std::move(r));
  }
  return rows;
}

const std::vector<Row>& rows() {
  static const std::vector<Row> all = load_rows();
  return all;
}

// A Traditional note is framed in Traditional, as a Traditional document is.
bool traditional(std::string_view text) {
  static constexpr std::string_view kMarks[] = {"單", "責", "關", "發", "區", "縣", "會", "門", "務", "為", "與",
                                                "牽", "頭", "領", "導", "簡", "稱", "財", "稅", "衛", "臨", "雲", "項"};
  return std::any_of(std::begin(kMarks), std::end(kMarks), [&](std::string_view m) { return text.find(m) != text.npos; });
}

struct Framed {
  std::string plan;
  std::size_t note_begin = 0, note_end = 0;  // byte range of the row's text in `plan`
  std::string plain_lead;                    // measure 2's own note, read plainly
};

Framed frame(const Row& r) {
  Framed f;
  const bool trad = traditional(r.text);
  f.plan = trad ? "一、任務\n" : "一、任务\n";
  if (!r.table()) f.plan += trad ? "1.開展某項工作。" : "1.开展某项工作。";
  f.note_begin = f.plan.size();
  f.plan += r.text;
  f.note_end = f.plan.size();
  if (!r.table()) {
    f.plan += trad ? "\n2.推進另一項工作。（市財政局、市稅務局負責）" : "\n2.推进另一项工作。（市财政局、市税务局负责）";
    f.plain_lead = trad ? "市財政局、市稅務局" : "市财政局、市税务局";
  }
  f.plan += "\n";
  return f;
}

std::string joined(const std::vector<Unit>& units) {
  std::string out;
  for (const auto& u : units) out += (out.empty() ? "" : "、") + u.name;
  return out.empty() ? "-" : out;
}

std::string joined(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : "、") + n;
  return out.empty() ? "-" : out;
}

const Measure* numbered(const Plan& plan, int number) {
  for (const Measure* m : all_measures(plan))
    if (m->number == number) return m;
  return nullptr;
}

// What the parser made of a row, for the failure message.
std::string reading(const Plan& plan) {
  std::ostringstream o;
  for (const Measure* m : all_measures(plan))
    o << "\n  measure " << m->id << " (" << (m->number ? std::to_string(*m->number) : "-") << "): lead "
      << joined(m->lead_units) << " | co " << joined(m->co_units) << " | leaders " << joined(m->leaders);
  for (const auto& d : plan.diagnostics)
    if (d.code.starts_with("units.")) o << "\n  " << d.code << ": " << d.message;
  return o.str();
}

std::string shown(const Row& r) {
  std::string t = r.text;
  for (std::size_t p; (p = t.find('\n')) != std::string::npos;) t.replace(p, 1, "\\n");
  return "statements.tsv:" + std::to_string(r.line) + " 「" + t + "」";
}

// gtest names a failing parameter by this, not by a dump of its bytes.
void PrintTo(const Row& r, std::ostream* os) { *os << shown(r); }

class UnitStatements : public ::testing::TestWithParam<Row> {};

TEST_P(UnitStatements, ReadsLeadCoAndLeaders) {
  const Row& row = GetParam();
  ASSERT_NE(row.lead, "<bad row>") << row.text;
  const Framed f = frame(row);
  const Plan plan = parse(f.plan);
  SCOPED_TRACE(shown(row) + reading(plan));

  ASSERT_EQ(all_measures(plan).size(), row.table() ? 1u : 2u) << "the frame's measures are not read as such";
  const Measure* first = numbered(plan, 1);
  ASSERT_NE(first, nullptr) << "no measure numbered 1";
  EXPECT_EQ(joined(first->lead_units), row.lead) << "lead units of measure 1";
  EXPECT_EQ(joined(first->co_units), row.co) << "co units of measure 1";
  EXPECT_EQ(joined(first->leaders), row.leaders) << "leaders of measure 1";

  // Every unit is written inside the note, and its span says where.
  for (const auto* list : {&first->lead_units, &first->co_units}) {
    for (const Unit& u : *list) {
      EXPECT_GE(u.span.byte_start, f.note_begin) << u.name << ": span before the note";
      EXPECT_LE(u.span.byte_end, f.note_end) << u.name << ": span after the note";
      if (u.span.byte_end <= f.plan.size() && u.span.byte_start <= u.span.byte_end) {
        EXPECT_EQ(f.plan.substr(u.span.byte_start, u.span.byte_end - u.span.byte_start), u.raw)
            << u.name << ": span does not cover the unit as written";
      }
    }
  }

  if (row.table()) return;
  const Measure* second = numbered(plan, 2);
  ASSERT_NE(second, nullptr) << "no measure numbered 2";
  EXPECT_EQ(joined(second->lead_units), row.next_lead.empty() ? f.plain_lead : row.next_lead)
      << "lead units of measure 2 (what the note carries forward)";
  EXPECT_EQ(joined(second->co_units), row.next_co.empty() ? std::string("-") : row.next_co)
      << "co units of measure 2 (what the note carries forward)";
  EXPECT_EQ(joined(second->leaders), "-") << "leaders of measure 2";
}

std::string row_name(const ::testing::TestParamInfo<Row>& info) { return "line" + std::to_string(info.param.line); }

INSTANTIATE_TEST_SUITE_P(Table, UnitStatements, ::testing::ValuesIn(rows()), row_name);

// The table is as large as the issue asks and keeps its negatives.
TEST(UnitStatementsTable, HoldsEnoughRowsAndNegatives) {
  const auto& all = rows();
  const auto negatives = std::count_if(all.begin(), all.end(), [](const Row& r) { return r.negative(); });
  EXPECT_GE(all.size(), 150u);
  EXPECT_GE(negatives, 40);
}

// A note that assigns nothing never yields a unit or a leader: what it holds
// is either left alone or reported as units.not_a_unit, with a span inside
// the note.
TEST(UnitStatementsNegatives, NeverYieldAUnit) {
  for (const Row& row : rows()) {
    if (!row.negative()) continue;
    const Framed f = frame(row);
    const Plan plan = parse(f.plan);
    const Measure* first = numbered(plan, 1);
    if (first == nullptr) {
      ADD_FAILURE() << shown(row) << ": no measure numbered 1" << reading(plan);
      continue;
    }
    EXPECT_TRUE(first->lead_units.empty() && first->co_units.empty() && first->leaders.empty())
        << shown(row) << " gives a unit or leader:" << reading(plan);
    for (const auto& d : plan.diagnostics) {
      if (d.code != "units.not_a_unit") continue;
      EXPECT_TRUE(d.span.byte_start >= f.note_begin && d.span.byte_end <= f.note_end && !d.span.empty())
          << shown(row) << ": units.not_a_unit outside the note: " << d.message;
    }
  }
}

// A note closed by a role verb whose names mostly read as units is a note:
// its units are read, and each name that is none is reported with its span,
// never dropped with the whole note nor guessed into a unit.
TEST(UnitNotes, AnUnknownNameInANoteIsReportedNotGuessed) {
  const std::string text = "一、任务\n1.开展某项工作。（市商务局、市财政局、商贸运营方负责）\n";
  const Plan plan = parse(text);
  const Measure* first = numbered(plan, 1);
  ASSERT_NE(first, nullptr);
  EXPECT_EQ(test::names(first->lead_units), (std::vector<std::string>{"市商务局", "市财政局"}));
  const std::size_t at = text.find("商贸运营方");
  bool reported = false;
  for (const auto& d : plan.diagnostics)
    reported = reported || (d.code == "units.not_a_unit" && d.span.byte_start == at &&
                            d.span.byte_end == at + std::string("商贸运营方").size());
  EXPECT_TRUE(reported) << reading(plan);
}

TEST(UnitNotes, ABracketOfMostlyOtherNamesIsNoNote) {
  const Plan plan = parse("一、任务\n1.开展某项工作。（展会活动、市商务局、演出项目负责）\n");
  const Measure* first = numbered(plan, 1);
  ASSERT_NE(first, nullptr);
  EXPECT_TRUE(first->lead_units.empty()) << reading(plan);
}

}  // namespace

namespace {

// A standing implementer (以下均需X落实，不再列出) is read as if written into
// every later note, in the role that note gives it (docs/testing.md,
// "Rulings"): beside units that all lead it leads; where a note tells a lead
// from the others (牵头, 配合, a first-is-lead rule) it co-operates.
using taizhang::test::names;

taizhang::Plan with_standing(const std::string& later_note) {
  return taizhang::parse("一、任务\n1.做甲。（市商务局负责，以下均需各乡镇人民政府落实，不再列出）\n2.做乙。" + later_note + "\n");
}

const taizhang::Measure& second(const taizhang::Plan& p) { return p.chapters.at(0).measures.at(1); }

TEST(StandingImplementers, LeadBesideUnitsThatAllLead) {
  for (const std::string note : {"（市财政局负责）", "（责任单位：市财政局、市税务局）", "（市财政局、市税务局按职责分工负责）"}) {
    const auto plan = with_standing(note);
    EXPECT_EQ(names(second(plan).lead_units).back(), "各乡镇人民政府") << note;
    EXPECT_TRUE(second(plan).co_units.empty()) << note;
  }
}

TEST(StandingImplementers, CoOperatesWhereANoteNamesALead) {
  for (const std::string note : {"（市财政局牵头）", "（市财政局牵头，市税务局配合）",
                                 "（责任单位：市财政局、市税务局，排在第一位的为牵头单位）"}) {
    const auto plan = with_standing(note);
    EXPECT_EQ(names(second(plan).lead_units), std::vector<std::string>{"市财政局"}) << note;
    ASSERT_FALSE(second(plan).co_units.empty()) << note;
    EXPECT_EQ(names(second(plan).co_units).back(), "各乡镇人民政府") << note;
  }
}

TEST(StandingImplementers, AloneWhereANoteNamesNobody) {
  const auto plan = with_standing("");
  EXPECT_EQ(names(second(plan).lead_units), std::vector<std::string>{"各乡镇人民政府"});
}

}  // namespace
