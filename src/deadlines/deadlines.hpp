// The deadlines stage's interface to the rest of the library: the date
// scanner, exposed so that tests can run it on a plain string and other
// stages can reuse it. The stage entry point is resolve_deadlines
// (pipeline.hpp); the scanner's parts are in scanner.hpp.
#pragma once

#include "pipeline.hpp"

#include <taizhang/model.hpp>

#include <boost/date_time/gregorian/gregorian_types.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace taizhang::detail {

// Every date mention in folded range `r` of the document's text, read as
// the stage reads a measure's prose (docs/deadlines.md): kind, role
// (deadline, start or reference) and period resolved against the document's
// plan year and signing date, and `text`/`span` in the original input.
// For stages that read text outside the measures, such as goal paragraphs
// (到2025年，全市…达到70%). The range is read on its own: no year or 《
// carries in from the text before it. Linear in the range's length.
std::vector<Deadline> dates_in(const Document& doc, Range r);

namespace deadlines {

// How a month deadline was written. The document-wide mix decides whether a
// literal 月前 ("before the month") reading looks like a slip for 月底前.
enum class MonthForm { none, month_end, month_before };

struct Context {
  std::optional<int> plan_year;                     // year-less dates
  std::optional<boost::gregorian::date> reference;  // 今年/明年/印发之日起
};

// The years a document's dates are read against (docs/deadlines.md, "Which
// year"): ParseOptions first, then the plan year and the signing date.
Context context_of(const Document& doc);

// One date mention in a prose string. Offsets are byte offsets into the
// string scanned; `deadline.text`/`span` are left to the caller, who knows
// where the string came from.
struct Mention {
  std::size_t begin = 0;
  std::size_t end = 0;
  Deadline deadline;
  MonthForm form = MonthForm::none;
};

// A date-shaped expression that names no real day (2月30日, 13月 is not even
// date-shaped); reported as a diagnostic, never thrown.
struct Invalid {
  std::size_t begin = 0;
  std::size_t end = 0;
  std::string what;
};

// A vague time word of vague_words.tsv (尽快, 适时, 汛前, 逐步 …) met by
// the same pass, outside 《》: it asks for a time but names no date.
struct Vague {
  std::size_t begin = 0;
  std::size_t end = 0;
  std::string_view word;   // into the table, which lives for the program
  std::string_view klass;  // urgent, prompt, when_due, seasonal, gradual, festival
};

// What a class of vague_words.tsv asks for, in a reviewer's words
// ("urgent: as soon as possible"), for the deadline.vague message.
std::string_view vague_meaning(std::string_view klass) noexcept;

// Scans `prose` once, left to right, and returns every date mention with
// its kind, role and resolved period; the vague time words go to `vague`
// when given. Linear in prose.size().
std::vector<Mention> scan(std::string_view prose, const Context& ctx,
                          std::vector<Invalid>* invalid = nullptr,
                          std::vector<Vague>* vague = nullptr);

// Does `sentence` (up to a deadline) open with 以上/上述/前述 (a
// closing deadline that governs the text before it)?
bool opens_with_closing_word(std::string_view sentence);

}  // namespace deadlines
}  // namespace taizhang::detail
