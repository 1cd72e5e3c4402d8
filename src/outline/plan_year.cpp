// The plan year from a title's named period (“十四五”), and when the
// envelope gives none at all: a plan without title year, document number,
// signing or 印发 date (a page copied without its header) is about the year
// it takes effect, if it says so, else the first year its text names
// (2023年，… / 2023年新增…): later years are horizons, earlier ones are
// cited; a horizon (到2035年) and a year inside a cited title never count.
// Year-less deadlines (6月底前) take this year, so leaving it empty would
// leave them unresolved.
#include "outline/draft.hpp"
#include "pipeline.hpp"
#include "text/scan.hpp"
#include "text/tsv.hpp"
#include "text/words.hpp"

#include "taizhang_data/plan_periods.inc"

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace taizhang::detail {

namespace {

bool is_numeral_cp(char32_t c) {
  return std::u32string_view(U"一二三四五六七八九十").find(c) != std::u32string_view::npos;
}

}  // namespace

std::optional<int> period_year(std::string_view title) {
  static const std::vector<std::pair<std::string_view, int>> periods = [] {
    std::vector<std::pair<std::string_view, int>> out;
    for (const auto& row : tsv_rows(data::plan_periods))
      if (row.size() >= 2) out.emplace_back(row[0], std::stoi(std::string(row[1])));
    return out;
  }();
  for (const auto& [name, year] : periods) {
    for (std::size_t at = title.find(name); at != std::string_view::npos; at = title.find(name, at + 1)) {
      // Not inside a longer numeral (十五五 holds 十五, 二十五 …).
      std::size_t before = at;
      if (before > 0 && is_numeral_cp(prev_cp(title, before))) continue;
      const std::size_t end = at + name.size();
      bool named = false;
      for (std::string_view next : {"”", "\"", "规划", "计划", "时期", "期间"}) named = named || starts_with_at(title, end, next);
      if (named) return year;
    }
  }
  return std::nullopt;
}

namespace {

// "本政策措施自2022年7月1日起施行": does the 自 at `zi` open the document's
// own 施行日期 clause? A subject 本… starts the clause (a sentence start
// before it); a measure's window (自2022年8月1日起，对…) has none.
bool own_clause_before(std::string_view s, std::size_t zi) {
  std::size_t p = zi;
  for (int n = 0; n < 10 && p > 0; ++n) {
    std::size_t q = p;
    const char32_t c = prev_cp(s, q);
    if (c == U'本') {
      std::size_t r = q;
      return r == 0 || !is_han(prev_cp(s, r));
    }
    if (!is_han(c)) return false;
    p = q;
  }
  return false;
}

// After the 年 at `k`: the rest of a date (7月1日) and 起施行/起实行/起执行.
bool takes_effect_after(std::string_view s, std::size_t k) {
  for (int n = 0; n < 8 && k < s.size(); ++n) {
    if (is_ascii_digit(static_cast<unsigned char>(s[k]))) ++k;
    else if (!skip_word(s, k, "月") && !skip_word(s, k, "日")) break;
  }
  if (!skip_word(s, k, "起")) return false;
  return starts_with_at(s, k, "施行") || starts_with_at(s, k, "实行") || starts_with_at(s, k, "执行");
}

}  // namespace

// The year the document takes effect (本…自2022年7月1日起施行), else the
// first year the text names that is neither a horizon (到2035年 looks ahead)
// nor inside a cited title (《…规划（2018—2022年）》 names another document).
void infer_plan_year(Document& doc) {
  if (doc.plan.plan_year) return;
  const std::string_view s = doc.text.folded();
  std::optional<std::pair<int, Range>> first, effective;
  int cited = 0;  // depth of 《》; a title never runs past its line
  // One pass over four ASCII digits followed by 年 (2023年, 2023年底前).
  for (std::size_t i = 0; i + 4 < s.size() && !effective; ++i) {
    if (s[i] == '\n') cited = 0;
    if (starts_with_at(s, i, "《")) cited = std::min(cited + 1, 8);
    if (starts_with_at(s, i, "》")) cited = std::max(cited - 1, 0);
    if (!is_ascii_digit(static_cast<unsigned char>(s[i])) || (i > 0 && is_ascii_digit(static_cast<unsigned char>(s[i - 1]))))
      continue;
    int y = 0;
    std::size_t k = i;
    while (k < s.size() && k < i + 4 && is_ascii_digit(static_cast<unsigned char>(s[k]))) y = y * 10 + (s[k++] - '0');
    if (k != i + 4 || !starts_with_at(s, k, "年") || y < 1949 || y > 2100) continue;
    const Range at{i, k + std::string_view("年").size()};
    if (ends_with_at(s, i, "自") && own_clause_before(s, i - std::string_view("自").size()) && takes_effect_after(s, at.end))
      effective = {y, at};
    const bool ahead = ends_with_at(s, i, "到") || ends_with_at(s, i, "至");
    if (!ahead && cited == 0 && !first) first = {y, at};
  }
  const auto& chosen = effective ? effective : first;
  // Only horizons (到2025年) or citations: the text does not say which year
  // it is about; the plan year stays unknown (deadline.no_plan_year says so
  // where it matters) rather than guessed.
  if (!chosen) return;
  doc.plan.plan_year = chosen->first;
  doc.diagnose("outline.plan_year_from_body", Severity::info,
               "no title year, document number or signing date: plan year " + std::to_string(chosen->first) +
                   (effective ? " is the year the document takes effect (本…自…起施行)"
                              : " is the first year the text names"),
               chosen->second);
}

}  // namespace taizhang::detail
