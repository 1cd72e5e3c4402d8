#include "targets/tables.hpp"
#include "text/tsv.hpp"

#include "taizhang_data/comparators.inc"
#include "taizhang_data/subject_words.inc"
#include "taizhang_data/target_cues.inc"
#include "taizhang_data/target_negatives.inc"
#include "taizhang_data/units.inc"

#include <algorithm>
#include <cstdlib>
#include <stdexcept>
#include <type_traits>

namespace taizhang::detail::targets {
namespace {


// A malformed compiled-in table is a build defect: fail loudly on first use.
[[noreturn]] void bad_row(const char* table, std::string_view line) {
  throw std::logic_error(std::string("taizhang: malformed row in ") + table + ": " +
                         std::string(line));
}

Comparator to_cmp(std::string_view s, std::string_view row) {
  if (s == ">=") return Comparator::ge;
  if (s == "<=") return Comparator::le;
  if (s == "~") return Comparator::approx;
  if (s == "=") return Comparator::eq;
  bad_row("comparators.tsv", row);
}

template <class T>
void longest_first(std::vector<T>& v) {
  std::stable_sort(v.begin(), v.end(),
                   [](const T& a, const T& b) { return a.word.size() > b.word.size(); });
}

void longest_first_words(std::vector<std::string>& v) {
  std::stable_sort(v.begin(), v.end(), [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
}

void frame(Tables& t, std::string_view word, Frame f) { t.frames.push_back({std::string(word), f, Cue::aspirational}); }

template <class T>
std::vector<std::string_view> words_of(const std::vector<T>& v) {
  std::vector<std::string_view> out;
  for (const auto& x : v) {
    if constexpr (std::is_same_v<T, std::string>) out.emplace_back(x);
    else out.emplace_back(x.word);
  }
  return out;
}

// The indexes point into the lists of `t`: build them once the lists are final.
void index(Tables& t) {
  using End = WordIndex::End;
  t.units_first = WordIndex(words_of(t.units), End::first);
  t.comparators_first = WordIndex(words_of(t.comparators), End::first);
  t.comparators_last = WordIndex(words_of(t.comparators), End::last);
  t.phrases_first = WordIndex(words_of(t.negative_phrases), End::first);
  t.frames_first = WordIndex(words_of(t.frames), End::first);
  t.lexicon_first = WordIndex(words_of(t.lexicon_words), End::first);
  t.cues_last = WordIndex(words_of(t.cues), End::last);
  t.trail_last = WordIndex(words_of(t.subject_trail), End::last);
  t.subject_stop_set = WordSet(words_of(t.subject_stop));
  t.subject_stop_after_set = WordSet(words_of(t.subject_stop_after));
  t.subject_lead_set = WordSet(words_of(t.subject_lead));
  std::vector<std::string_view> long_cues;
  for (const auto& c : t.cues)
    if (!one_character(c.word)) long_cues.emplace_back(c.word);
  t.long_cue_set = WordSet(std::move(long_cues));
}

Tables build() {
  Tables t;
  for (const auto& r : tsv_rows(data::units)) {
    if (r.size() < 4) bad_row("units.tsv", r.empty() ? "" : r[0]);
    UnitWord u;
    u.word = r[0];
    u.unit = r[1] == "-" ? std::string() : std::string(r[1]);
    u.factor = std::strtod(std::string(r[2]).c_str(), nullptr);
    if (r[3] == "count") u.kind = UnitKind::count;
    else if (r[3] == "quantity") u.kind = UnitKind::quantity;
    else if (r[3] == "money") u.kind = UnitKind::money;
    else if (r[3] == "duration") u.kind = UnitKind::duration;
    else if (r[3] == "percent") u.kind = UnitKind::percent;
    else if (r[3] == "not_target") u.kind = UnitKind::not_target;
    else bad_row("units.tsv", r[0]);
    t.units.push_back(std::move(u));
  }
  longest_first(t.units);
  for (const auto& r : tsv_rows(data::comparators)) {
    if (r.size() < 3) bad_row("comparators.tsv", r.empty() ? "" : r[0]);
    ComparatorWord c;
    c.word = r[0];
    c.cmp = to_cmp(r[1], r[0]);
    if (r[2] == "before") c.where = Where::before;
    else if (r[2] == "after") c.where = Where::after;
    else if (r[2] == "infix") c.where = Where::infix;
    else bad_row("comparators.tsv", r[0]);
    t.comparators.push_back(std::move(c));
  }
  longest_first(t.comparators);
  for (const auto& r : tsv_rows(data::target_cues)) {
    if (r.size() < 2) bad_row("target_cues.tsv", r.empty() ? "" : r[0]);
    CueWord c;
    c.word = r[0];
    if (r[1] == "aspirational") c.cue = Cue::aspirational;
    else if (r[1] == "cumulative") c.cue = Cue::cumulative;
    else if (r[1] == "increment") c.cue = Cue::increment;
    else if (r[1] == "growth") c.cue = Cue::growth;
    else if (r[1] == "baseline") c.cue = Cue::baseline;
    else if (r[1] == "distributive") c.cue = Cue::distributive;
    else if (r[1] == "shared") c.cue = Cue::shared;
    else if (r[1] == "each") c.cue = Cue::each;
    else if (r[1] == "commitment") c.cue = Cue::commitment;
    else if (r[1] == "limit") c.cue = Cue::limit;
    else if (r[1] == "limit_after") c.cue = Cue::limit_after;
    else bad_row("target_cues.tsv", r[0]);
    if (c.cue == Cue::baseline) t.baseline_words.emplace_back(c.word);
    if (c.cue == Cue::each) t.each_words.emplace_back(c.word);
    if (c.cue == Cue::limit_after) t.limit_after_words.emplace_back(c.word);
    t.cues.push_back(std::move(c));
  }
  longest_first(t.cues);
  longest_first_words(t.baseline_words);
  longest_first_words(t.each_words);
  for (const auto& r : tsv_rows(data::target_negatives)) {
    if (r.size() < 2) bad_row("target_negatives.tsv", r.empty() ? "" : r[0]);
    if (r[1] == "phrase") t.negative_phrases.emplace_back(r[0]);
    else if (r[1] == "before") t.negative_before.emplace_back(r[0]);
    else if (r[1] == "cap") t.negative_cap.emplace_back(r[0]);
    else if (r[1] == "permissive") t.negative_permissive.emplace_back(r[0]);
    else if (r[1] == "after") t.negative_after.emplace_back(r[0]);
    else if (r[1] == "listed") t.negative_listed.emplace_back(r[0]);
    else if (r[1] == "grant") frame(t, r[0], Frame::grant);
    else if (r[1] == "rate") {
      frame(t, r[0], Frame::rate);
      t.negative_rate.emplace_back(r[0]);
    }
    else if (r[1] == "condition") frame(t, r[0], Frame::condition);
    else if (r[1] == "topic") frame(t, r[0], Frame::topic);
    else if (r[1] == "conjoined") t.negative_conjoined.emplace_back(r[0]);
    else if (r[1] == "sized") t.negative_sized.emplace_back(r[0]);
    else if (r[1] == "none") frame(t, r[0], Frame::none);
    else bad_row("target_negatives.tsv", r[0]);
  }
  for (const auto& w : t.negative_permissive) frame(t, w, Frame::permissive);
  // Cue words the frame pass records (baseline, growth and each are read
  // right before the number instead, limit_after right after it).
  for (const auto& c : t.cues)
    if (c.cue != Cue::baseline && c.cue != Cue::growth && c.cue != Cue::each && c.cue != Cue::limit_after)
      t.frames.push_back({c.word, Frame::cue, c.cue});
  longest_first(t.frames);
  for (const auto& r : tsv_rows(data::subject_words)) {
    if (r.size() < 2) bad_row("subject_words.tsv", r.empty() ? "" : r[0]);
    if (r[1] == "trail") t.subject_trail.emplace_back(r[0]);
    else if (r[1] == "stop") t.subject_stop.emplace_back(r[0]);
    else if (r[1] == "stop_after") t.subject_stop_after.emplace_back(r[0]);
    else if (r[1] == "lead") t.subject_lead.emplace_back(r[0]);
    else if (r[1] == "agent") t.subject_agent.emplace_back(r[0]);
    else if (r[1] == "bound") t.subject_bound.emplace_back(r[0]);
    else if (r[1] == "measure") t.measure_heads.emplace_back(r[0]);
    else bad_row("subject_words.tsv", r[0]);
  }
  // Words the subject finder keeps whole even where ICU splits them (投用
  // comes out as 投/用); a single character needs no keeping.
  auto add = [&t](const std::string& w) {
    if (!one_character(w) && !contains(t.lexicon_words, w)) t.lexicon_words.push_back(w);
  };
  for (const auto* list : {&t.subject_trail, &t.subject_stop, &t.subject_stop_after, &t.subject_lead})
    for (const auto& w : *list) add(w);
  for (const auto& c : t.cues) add(c.word);
  for (const auto& c : t.comparators) add(c.word);
  std::stable_sort(t.lexicon_words.begin(), t.lexicon_words.end(),
                   [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
  index(t);
  return t;
}

}  // namespace

WordIndex::WordIndex(const std::vector<std::string_view>& words, End end) {
  std::vector<std::pair<char32_t, std::uint16_t>> keyed;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (words[i].empty()) throw std::logic_error("taizhang: empty word in a targets table");
    keyed.emplace_back(end == End::first ? first_cp(words[i]) : last_cp(words[i]),
                       static_cast<std::uint16_t>(i));
    longest_ = std::max(longest_, words[i].size());
  }
  // Each key's words stay in list order (longest first where the list is).
  std::stable_sort(keyed.begin(), keyed.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::size_t keys = 0;
  for (std::size_t k = 0; k < keyed.size(); ++k) keys += k == 0 || keyed[k].first != keyed[k - 1].first;
  std::size_t size = 1;
  unsigned bits = 0;
  while (size < 2 * keys) {
    size *= 2;
    ++bits;
  }
  slots_.assign(size, Slot{});
  mask_ = size - 1;
  shift_ = bits ? 32 - bits : 0;  // the top bits of the 32-bit product
  for (std::size_t k = 0; k < keyed.size(); ++k) {
    const char32_t cp = keyed[k].first;
    if (k == 0 || cp != keyed[k - 1].first) {
      std::size_t h = slot_of(cp);
      while (slots_[h].cp != kEmptySlot) h = (h + 1) & mask_;
      slots_[h] = Slot{cp, static_cast<std::uint32_t>(ids_.size()), static_cast<std::uint32_t>(ids_.size())};
      filter_[(cp >> 6) & 63] |= std::uint64_t{1} << (cp & 63);
    }
    ids_.push_back(keyed[k].second);
    for (std::size_t h = slot_of(cp);; h = (h + 1) & mask_)
      if (slots_[h].cp == cp) {
        ++slots_[h].end;
        break;
      }
  }
}

const Tables& tables() {
  static const Tables t = build();
  return t;
}

const UnitWord* unit_at(std::string_view s) noexcept {
  const Tables& t = tables();
  for (const std::uint16_t i : t.units_first.at(first_cp(s)))
    if (s.starts_with(t.units[i].word)) return &t.units[i];  // longest first
  return nullptr;
}

const ComparatorWord* comparator_at(std::string_view s, Where where) noexcept {
  const Tables& t = tables();
  for (const std::uint16_t i : t.comparators_first.at(first_cp(s))) {
    const ComparatorWord& c = t.comparators[i];
    if (c.where == where && s.starts_with(c.word)) return &c;
  }
  return nullptr;
}

const ComparatorWord* comparator_ending(std::string_view s, Where where) noexcept {
  const Tables& t = tables();
  for (const std::uint16_t i : t.comparators_last.at(last_cp(s))) {
    const ComparatorWord& c = t.comparators[i];
    if (c.where == where && s.ends_with(c.word)) return &c;
  }
  return nullptr;
}

bool contains(const std::vector<std::string>& words, std::string_view w) noexcept {
  return std::find(words.begin(), words.end(), w) != words.end();
}

}  // namespace taizhang::detail::targets
