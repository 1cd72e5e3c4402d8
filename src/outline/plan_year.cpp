// The plan year when the envelope gives none: a plan without title year,
// document number or signing date (a page copied without its header) is
// about the first year its text names (2023年，… / 2023年新增…): later years
// are horizons, earlier ones are cited; a horizon (到2035年) never counts. Year-less deadlines (6月底前) take
// this year, so leaving it empty would leave them unresolved.
#include "pipeline.hpp"
#include "text/scan.hpp"
#include "text/words.hpp"

#include <optional>

namespace taizhang::detail {

// The first year the text names that is not a horizon (到2035年 looks ahead).
void infer_plan_year(Document& doc) {
  if (doc.plan.plan_year) return;
  const std::string_view s = doc.text.folded();
  // One pass over four ASCII digits followed by 年 (2023年, 2023年底前).
  for (std::size_t i = 0; i + 4 < s.size(); ++i) {
    if (!is_ascii_digit(static_cast<unsigned char>(s[i])) || (i > 0 && is_ascii_digit(static_cast<unsigned char>(s[i - 1]))))
      continue;
    int y = 0;
    std::size_t k = i;
    while (k < s.size() && k < i + 4 && is_ascii_digit(static_cast<unsigned char>(s[k]))) y = y * 10 + (s[k++] - '0');
    if (k != i + 4 || !starts_with_at(s, k, "年") || y < 1949 || y > 2100) continue;
    const Range at{i, k + std::string_view("年").size()};
    const bool ahead = ends_with_at(s, i, "到") || ends_with_at(s, i, "至");
    if (ahead) continue;
    doc.plan.plan_year = y;
    doc.diagnose("outline.plan_year_from_body", Severity::info,
                 "no title year, document number or signing date: plan year " + std::to_string(y) +
                     " is the first year the text names",
                 at);
    return;
  }
  // Only horizons (到2025年): the text does not say which year it is about;
  // the plan year stays unknown (deadline.no_plan_year says so where it
  // matters) rather than guessed.
}

}  // namespace taizhang::detail
