// The punctuation that bounds sentences and clauses (GB/T 15834 点号), one
// definition each. The stages differ in which boundary a rule stops at — a
// date's clause, a subject's statement, a policy scope's sentence — never in
// what a boundary is; each such boundary has its own name here.
#pragma once

namespace taizhang::detail {

// Ends a sentence (句末点号): 。！？, their ASCII forms, and the line end (a
// heading, a table cell and a list item end with their line).
inline constexpr char32_t kSentenceEnds[] = {U'。', U'！', U'？', U'!', U'?', U'\n'};

// Ends a clause inside a sentence (句内点号): ，；： and their ASCII forms.
// Not 、, which joins the items of one list.
inline constexpr char32_t kClausePauses[] = {U'，', U',', U'；', U';', U'：', U':'};

// The predicates over those lists (scanners that skip to the next boundary
// add the same lists to their stop sets).
constexpr bool is_sentence_end(char32_t c) noexcept {
  for (char32_t x : kSentenceEnds)
    if (c == x) return true;
  return false;
}

constexpr bool is_clause_pause(char32_t c) noexcept {
  for (char32_t x : kClausePauses)
    if (c == x) return true;
  return false;
}

// Ends a clause, inside a sentence or with it.
constexpr bool is_clause_end(char32_t c) noexcept { return is_sentence_end(c) || is_clause_pause(c); }

// Ends a statement: a sentence, or one of the parts a ；-list sentence
// states side by side (…完成验收；…取得许可。). A subject named for one part,
// or a policy scope (可申请…), does not reach into the next.
constexpr bool is_statement_end(char32_t c) noexcept { return is_sentence_end(c) || c == U'；' || c == U';'; }

}  // namespace taizhang::detail
