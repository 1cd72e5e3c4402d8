// The targets stage, callable on a bare folded string so tests and tools can
// run it without a whole Document.
#pragma once

#include "pipeline.hpp"

#include <taizhang/model.hpp>

#include <cstddef>
#include <string_view>
#include <vector>

namespace taizhang::detail::targets {

struct Found {
  Target target;           // text and span left empty: the caller maps ranges
  std::size_t begin = 0;   // folded byte range of the target as written
  std::size_t end = 0;
};

// What a call read, for tests that check the stage stays linear on hostile
// input by its structure rather than by timing it.
struct Work {
  std::size_t passes = 0;   // bytes stepped over by the whole-prose passes
  std::size_t windows = 0;  // bytes read in windows around numbers
  std::size_t lookups = 0;  // binary searches in what the frame pass recorded
  // Testing only: the scan steps over the prose itself instead of reading
  // the stops the frame pass recorded for it (the two must agree).
  bool plain_scan = false;
};

// Every quantitative target in folded text [prose.begin, prose.end), in
// order, leaving out the `skip` ranges (unit labels and brackets). `skip`
// must be sorted by begin. Linear in the prose length: one pass over it
// (the scan reads the stops it recorded),
// then per number a binary search per question and windows of bounded
// size; word segmentation runs only in short windows around found numbers.
std::vector<Found> find_targets(std::string_view folded, Range prose,
                                const std::vector<Range>& skip = {}, Work* work = nullptr);

}  // namespace taizhang::detail::targets
