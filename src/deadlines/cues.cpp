// Loading date_cues.tsv into one CueList per class.
#include "deadlines/cues.hpp"

#include "text/scan.hpp"
#include "text/text.hpp"
#include "text/tsv.hpp"

#include "taizhang_data/date_cues.inc"
#include "taizhang_data/vague_words.inc"

#include <algorithm>
#include <array>
#include <cstring>
#include <utility>

namespace taizhang::detail::deadlines {
namespace {

// Up to 3 bytes packed into an integer: forward from s[i], or backward from
// s[i-1] (the byte nearest i lowest).
std::uint32_t pack_forward(std::string_view s, std::size_t i, std::size_t n) noexcept {
  std::uint32_t k = 0;
  for (std::size_t b = 0; b < n; ++b)
    k |= static_cast<std::uint32_t>(static_cast<unsigned char>(s[i + b])) << (8 * b);
  return k;
}

std::uint32_t pack_backward(std::string_view s, std::size_t i, std::size_t n) noexcept {
  std::uint32_t k = 0;
  for (std::size_t b = 0; b < n; ++b)
    k |= static_cast<std::uint32_t>(static_cast<unsigned char>(s[i - 1 - b])) << (8 * b);
  return k;
}

}  // namespace

void CueList::add(std::string word) {
  const std::size_t n = std::min<std::size_t>(3, word.size());
  Cue c;
  c.head = pack_forward(word, 0, n);
  c.tail = pack_backward(word, word.size(), n);
  c.mask = n == 3 ? 0xFFFFFFu : (1u << (8 * n)) - 1;
  c.word = std::move(word);
  cues_.push_back(std::move(c));
}

void CueList::sort_longest_first() {
  std::stable_sort(cues_.begin(), cues_.end(),
                   [](const Cue& a, const Cue& b) { return a.word.size() > b.word.size(); });
}

const std::string* CueList::starting_at(std::string_view s, std::size_t i) const noexcept {
  if (i > s.size()) return nullptr;
  const std::size_t room = s.size() - i;
  const std::uint32_t key = pack_forward(s, i, std::min<std::size_t>(3, room));
  for (const Cue& c : cues_)
    if (c.word.size() <= room && (key & c.mask) == c.head &&
        std::memcmp(s.data() + i, c.word.data(), c.word.size()) == 0)
      return &c.word;
  return nullptr;
}

const std::string* CueList::ending_at(std::string_view s, std::size_t i) const noexcept {
  if (i > s.size()) return nullptr;
  const std::uint32_t key = pack_backward(s, i, std::min<std::size_t>(3, i));
  for (const Cue& c : cues_)
    if (c.word.size() <= i && (key & c.mask) == c.tail &&
        std::memcmp(s.data() + i - c.word.size(), c.word.data(), c.word.size()) == 0)
      return &c.word;
  return nullptr;
}

std::vector<char32_t> CueList::first_characters() const {
  std::vector<char32_t> out;
  for (const Cue& c : cues_) {
    std::size_t k = 0;
    out.push_back(next_cp(c.word, k));
  }
  return out;
}

const Cues& cues() {
  static const Cues table = [] {
    Cues c;
    const std::array<std::pair<std::string_view, CueList*>, 13> classes{{
        {"ref_before", &c.ref_before},
        {"ref_after", &c.ref_after},
        {"state_after", &c.state_after},
        {"eligibility", &c.eligibility},
        {"coordination", &c.coordination},
        {"start_before", &c.start_before},
        {"start_after", &c.start_after},
        {"deadline_before", &c.deadline_before},
        {"included_before", &c.included_before},
        {"open_ended", &c.open_ended},
        {"closing", &c.closing},
        {"document", &c.document},
        {"document_noun", &c.document_noun},
    }};
    for (const auto& row : tsv_rows(data::date_cues)) {
      if (row.size() < 2 || row[1].empty()) continue;
      for (const auto& [name, list] : classes)
        if (row[0] == name) list->add(std::string(row[1]));
    }
    for (const auto& [name, list] : classes) list->sort_longest_first();
    return c;
  }();
  return table;
}

std::string_view VagueWords::class_of(std::string_view word) const noexcept {
  for (const auto& [w, k] : classes)
    if (w == word) return k;
  return {};
}

std::string_view vague_meaning(std::string_view klass) noexcept {
  if (klass == "urgent") return "urgent: as soon as possible";
  if (klass == "prompt") return "prompt: whenever the occasion arises";
  if (klass == "when_due") return "when due: when the time is right";
  if (klass == "seasonal") return "seasonal: a season the stage does not date";
  if (klass == "gradual") return "gradual: step by step";
  if (klass == "festival") return "festival: a holiday the stage does not date";
  return klass;
}

const VagueWords& vague_words() {
  static const VagueWords table = [] {
    VagueWords v;
    for (const auto& row : tsv_rows(data::vague_words)) {
      if (row.size() < 2 || row[0].empty() || row[1].empty()) continue;
      v.words.add(std::string(row[0]));
      v.classes.emplace_back(row[0], row[1]);
    }
    v.words.sort_longest_first();
    return v;
  }();
  return table;
}

namespace {

// 各地区、各部门要…, 各县区、各有关单位要…: a list of collectives that each
// take 各 is the formula by which a document turns to every implementer at
// once, in its closing paragraph.
bool addresses_everyone(std::string_view s, std::size_t i) noexcept {
  if (!starts_with_at(s, i, "各")) return false;
  for (int n = 0; n < 16 && i < s.size(); ++n) {
    const char32_t c = next_cp(s, i);
    if (c == U'、') return starts_with_at(s, i, "各");
    if (c == U'，' || c == ',' || c == U'。' || c == '\n') return false;
  }
  return false;
}

}  // namespace

bool opens_closing_paragraph(std::string_view s, std::size_t i) noexcept {
  const Cues& c = cues();
  if (c.document.starting_at(s, i)) return true;
  if (const auto* w = c.closing.starting_at(s, i); w && c.document_noun.starting_at(s, i + w->size()))
    return true;
  return addresses_everyone(s, i);
}

}  // namespace taizhang::detail::deadlines
