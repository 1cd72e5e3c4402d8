// The subject rule of the units stage: in a document that annotates no unit
// at all (no label line, bracket, table column or standing default), the
// responsible units are written into the prose as clause subjects
// (国家卫生健康委推行…, 各地要…) or as addressees of requests (请财政部落实…).
#pragma once

#include "pipeline.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace taizhang::detail {

struct SubjectUnit {
  Range raw;         // folded range as written (科技部, 中医药等部门)
  std::string name;  // folded name, shared suffix distributed (中医药部门)
};

struct SubjectUnits {
  std::vector<SubjectUnit> lead;  // subjects and addressees, in text order
  std::vector<SubjectUnit> co;    // the list after 会同
};

// Units named as subjects or addressees in the folded range `body` of one
// measure. Linear in the body's length: every clause is searched for its
// subject within a bounded window from the clause start.
SubjectUnits subject_units(std::string_view folded, Range body);

}  // namespace taizhang::detail
