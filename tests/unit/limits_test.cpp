// ParseOptions limits: an embedder bounds the work of one parse; going over
// a limit is Error{limit_exceeded} naming the option, and a document just
// within every limit parses as without them.
#include <taizhang/taizhang.hpp>

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace {

using namespace taizhang;

// Written for the tests: a chapter with three measures, one number skipped
// and one repeated (outline.number_gap, outline.duplicate_number).
const std::string kPlan = "一、任务\n（一）做甲。\n（三）做丙。\n（三）又做丙。\n";

std::vector<const OutlineNode*> headings(const Plan& plan) {
  std::vector<const OutlineNode*> out;
  std::vector<const OutlineNode*> pending{&plan.outline};
  while (!pending.empty()) {
    const OutlineNode* n = pending.back();
    pending.pop_back();
    if (n != &plan.outline) out.push_back(n);
    for (auto c = n->children.rbegin(); c != n->children.rend(); ++c) pending.push_back(&*c);
  }
  return out;
}

// The Error that parse throws, or none.
std::optional<Error> error_of(const std::string& text, const ParseOptions& options) {
  try {
    (void)parse(text, options);
  } catch (const Error& e) {
    return e;
  }
  return std::nullopt;
}

TEST(Limits, DefaultsAreGenerous) {
  const ParseOptions o;
  EXPECT_EQ(o.max_input_bytes, std::size_t{256} << 20);
  EXPECT_EQ(o.max_outline_nodes, 1'000'000u);
  EXPECT_EQ(o.max_diagnostics, 1'000'000u);
  EXPECT_FALSE(error_of(kPlan, o));
}

TEST(Limits, InputBytes) {
  ParseOptions o;
  o.max_input_bytes = kPlan.size();
  EXPECT_FALSE(error_of(kPlan, o)) << "exactly at the limit parses";
  o.max_input_bytes = kPlan.size() - 1;
  const auto e = error_of(kPlan, o);
  ASSERT_TRUE(e);
  EXPECT_EQ(e->code(), ErrorCode::limit_exceeded);
  EXPECT_NE(std::string(e->what()).find("max_input_bytes"), std::string::npos) << e->what();
  EXPECT_EQ(e->byte_offset(), kPlan.size() - 1);
  // Checked before the UTF-8 check: an oversized input is not even read.
  const auto bad = error_of(std::string(o.max_input_bytes + 1, '\xFF'), o);
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->code(), ErrorCode::limit_exceeded);
}

TEST(Limits, InputBytesOfAFileAreCheckedBeforeReading) {
  const auto path = std::filesystem::temp_directory_path() / "taizhang_limits_test.txt";
  std::ofstream(path, std::ios::binary) << kPlan;
  ParseOptions o;
  o.max_input_bytes = 10;
  try {
    (void)parse_file(path.string(), o);
    ADD_FAILURE() << "a file over max_input_bytes was parsed";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::limit_exceeded);
    EXPECT_NE(std::string(e.what()).find("max_input_bytes"), std::string::npos) << e.what();
  }
  o.max_input_bytes = kPlan.size();
  EXPECT_EQ(all_measures(parse_file(path.string(), o)).size(), 3u);
  std::filesystem::remove(path);
}

TEST(Limits, OutlineNodes) {
  const Plan plan = parse(kPlan);
  const auto nodes = headings(plan);
  ASSERT_GE(nodes.size(), 4u);  // the chapter and its three measures
  ParseOptions o;
  o.max_outline_nodes = nodes.size();
  EXPECT_FALSE(error_of(kPlan, o)) << "exactly at the limit parses";
  o.max_outline_nodes = nodes.size() - 1;
  const auto e = error_of(kPlan, o);
  ASSERT_TRUE(e);
  EXPECT_EQ(e->code(), ErrorCode::limit_exceeded);
  EXPECT_NE(std::string(e->what()).find("max_outline_nodes"), std::string::npos) << e->what();
  EXPECT_EQ(e->byte_offset(), nodes.back()->span.byte_start) << "where the first heading too many begins";
  o.max_outline_nodes = 0;
  EXPECT_FALSE(error_of("没有标题的一段话。\n", o)) << "a text without headings has no node";
}

TEST(Limits, Diagnostics) {
  const Plan plan = parse(kPlan);
  ASSERT_GE(plan.diagnostics.size(), 2u);
  ParseOptions o;
  o.max_diagnostics = plan.diagnostics.size();
  EXPECT_FALSE(error_of(kPlan, o)) << "exactly at the limit parses";
  o.max_diagnostics = plan.diagnostics.size() - 1;
  const auto e = error_of(kPlan, o);
  ASSERT_TRUE(e);
  EXPECT_EQ(e->code(), ErrorCode::limit_exceeded);
  EXPECT_NE(std::string(e->what()).find("max_diagnostics"), std::string::npos) << e->what();
}

TEST(Limits, ManyHeadingsStopAtTheLimit) {
  // 900 measure headings against a limit of 500: an error, not a plan.
  std::string text;
  for (int k = 0; k < 900; ++k) text += std::to_string(k + 1) + ".完成临江区改造。\n";
  ParseOptions o;
  o.max_outline_nodes = 500;
  const auto e = error_of(text, o);
  ASSERT_TRUE(e);
  EXPECT_EQ(e->code(), ErrorCode::limit_exceeded);
  o.max_outline_nodes = 900;
  EXPECT_FALSE(error_of(text, o));
}

}  // namespace
