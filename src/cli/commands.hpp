// Subcommands of the taizhang tool. Each takes the arguments after its name.
#pragma once

#include <taizhang/model.hpp>
#include <taizhang/parser.hpp>

#include <string>

namespace taizhang::cli {

// Reads and parses FILE ("-" = standard input); on failure prints the error
// naming the file and byte offset and returns the exit code (3).
int load_plan(const std::string& file, const ParseOptions& options, Plan& plan);

int cmd_ledger(int argc, char** argv);   // src/cli/cmd_ledger.cpp
int cmd_report(int argc, char** argv);   // src/cli/cmd_ledger.cpp
int cmd_targets(int argc, char** argv);  // src/cli/cmd_targets.cpp
int cmd_batch(int argc, char** argv);    // src/cli/cmd_batch.cpp
int cmd_units(int argc, char** argv);    // src/cli/cmd_units.cpp

}  // namespace taizhang::cli
