// The targets stage's rules, parsed once from the compiled-in tables
// (units.tsv, comparators.tsv, target_cues.tsv, target_negatives.tsv,
// subject_words.tsv).
#pragma once

#include <taizhang/model.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace taizhang::detail::targets {

enum class UnitKind { count, quantity, percent, not_target };

struct UnitWord {
  std::string word;  // as written after the number: 万平方米
  std::string unit;  // as reported: 平方米
  double factor = 1;  // 10000 for 万平方米
  UnitKind kind = UnitKind::count;
};

enum class Where { before, after, infix };

struct ComparatorWord {
  std::string word;
  Comparator cmp = Comparator::eq;
  Where where = Where::before;
};

enum class Cue { aspirational, cumulative, increment, growth, baseline, distributive, shared };

struct CueWord {
  std::string word;
  Cue cue = Cue::aspirational;
};

enum class SubjectRole { trail, stop, lead };

struct Tables {
  std::vector<UnitWord> units;              // longest word first
  std::vector<ComparatorWord> comparators;  // longest word first
  std::vector<CueWord> cues;                // longest word first
  std::vector<std::string> negative_phrases;
  std::vector<std::string> negative_before;
  std::vector<std::string> negative_cap;         // 最高(不超过)15万元: a ceiling or floor
  std::vector<std::string> negative_permissive;  // 可申请, 可返还: an entitlement's terms
  std::vector<std::string> subject_trail, subject_stop, subject_stop_after, subject_lead;
  std::vector<std::string> lexicon_words;   // every word above of two characters or more, longest first
};

// Built on first use (thread-safe), never freed.
const Tables& tables();

// The longest unit word at the start of `s`, or nullptr.
const UnitWord* unit_at(std::string_view s) noexcept;

// The longest comparator word of the given position at the start of `s`.
const ComparatorWord* comparator_at(std::string_view s, Where where) noexcept;

// The longest comparator word of the given position ending at the end of
// `s`, or nullptr.
const ComparatorWord* comparator_ending(std::string_view s, Where where) noexcept;

bool contains(const std::vector<std::string>& words, std::string_view w) noexcept;

}  // namespace taizhang::detail::targets
