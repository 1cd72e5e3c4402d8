// The targets listing (taizhang targets): every target once, with its due date.
#include "test_util.hpp"

#include <taizhang/taizhang.hpp>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace {

using namespace taizhang;

TEST(TargetsExport, EveryTargetOnceWithItsMilestonesDueDate) {
  const Plan plan = parse_file(test::example_path());
  std::size_t targets = 0;
  for (const auto* m : all_measures(plan)) targets += m->targets.size();
  const Ledger ledger(plan);
  const auto entries = target_entries(ledger);
  ASSERT_EQ(entries.size(), targets);
  for (const auto& e : entries) EXPECT_TRUE(e.row->due.has_value()) << e.target->text;

  const std::string csv = targets_to_csv(ledger);
  EXPECT_EQ(csv.rfind("\xEF\xBB\xBF" "measure,", 0), 0u);
  std::size_t lines = 0;
  for (std::size_t p = csv.find("\r\n"); p != std::string::npos; p = csv.find("\r\n", p + 2)) ++lines;
  EXPECT_EQ(lines, targets + 1);

  const auto json = nlohmann::json::parse(targets_to_json(ledger));
  ASSERT_EQ(json.size(), targets);
  // 由55%提高到80%以上 (measure 3 of the example plan): baseline and comparator survive.
  bool found = false;
  for (const auto& j : json) {
    if (j["measure"] != 3 || !j["target"].contains("baseline")) continue;
    found = true;
    EXPECT_EQ(j["target"]["baseline"], 55);
    EXPECT_EQ(j["target"]["cmp"], ">=");
    EXPECT_EQ(j["due"], "2025-09-30");
    EXPECT_EQ(j["lead_units"][0], "市住建局");
  }
  EXPECT_TRUE(found);

  const std::string md = targets_to_markdown(ledger);
  EXPECT_EQ(static_cast<std::size_t>(std::count(md.begin(), md.end(), '\n')), targets + 2);
}

}  // namespace
