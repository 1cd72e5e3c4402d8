// taizhang — umbrella header: everything the library offers.
#pragma once

#include <taizhang/json.hpp>
#include <taizhang/ledger.hpp>
#include <taizhang/model.hpp>
#include <taizhang/numerals.hpp>
#include <taizhang/parser.hpp>
