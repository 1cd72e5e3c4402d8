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

// Every quantitative target in folded text [prose.begin, prose.end), in
// order, leaving out the `skip` ranges (unit labels and brackets). `skip`
// must be sorted by begin. Linear in the prose length; word segmentation
// runs only in short windows around found numbers.
std::vector<Found> find_targets(std::string_view folded, Range prose,
                                const std::vector<Range>& skip = {});

}  // namespace taizhang::detail::targets
