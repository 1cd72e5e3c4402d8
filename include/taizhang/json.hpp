// taizhang — the JSON format "taizhang.plan/3" (docs/json-format.md).
#pragma once

#include <taizhang/export.h>
#include <taizhang/model.hpp>

#include <ostream>
#include <string>
#include <string_view>

namespace taizhang {

struct JsonOptions {
  bool pretty = true;  // two-space indentation, one field per line
};

// Serialises a plan. Dates are "YYYY-MM-DD", spans {"start","end"} in code
// points plus "byte_start"/"byte_end".
TAIZHANG_API std::string to_json(const Plan& plan, const JsonOptions& options = {});

// The same JSON written to a stream as it is made, 64 KiB at a time: for a
// large plan, memory stays that chunk instead of the whole document (the
// CLI's `parse --format json` writes this way). Check the stream's state
// afterwards for write errors.
TAIZHANG_API void write_json(const Plan& plan, std::ostream& out, const JsonOptions& options = {});

// Reads what to_json wrote (unknown fields are ignored, so newer files read
// in older code), "taizhang.plan/2" documents (a milestone's target copies
// become indices into its owner's targets) and "taizhang.plan/1" documents
// (they have no goals). Throws Error{invalid_json}.
TAIZHANG_API Plan from_json(std::string_view json);

}  // namespace taizhang
