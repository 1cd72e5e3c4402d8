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
  if (word.size() > 3) {
    const std::size_t n2 = std::min<std::size_t>(3, word.size() - 3);
    c.head2 = pack_forward(word, 3, n2);
    c.tail2 = pack_backward(word, word.size() - 3, n2);
    c.mask2 = n2 == 3 ? 0xFFFFFFu : (1u << (8 * n2)) - 1;
  }
  c.word = std::move(word);
  cues_.push_back(std::move(c));
}

void CueList::sort_longest_first() {
  std::stable_sort(cues_.begin(), cues_.end(),
                   [](const Cue& a, const Cue& b) { return a.word.size() > b.word.size(); });
  build_groups(true, heads_, by_head_);
  build_groups(false, tails_, by_tail_);
  short_.clear();
  for (std::uint32_t k = 0; k < cues_.size(); ++k)
    if (cues_[k].word.size() < 3) short_.push_back(k);
}

namespace {

// Slot of a packed key in a table of `size` (a power of two, at most 2^16).
std::size_t slot_of(std::uint32_t key, std::size_t size) noexcept {
  return ((key * 0x9E3779B1u) >> 16) & (size - 1);
}

}  // namespace

// Groups the cues of three bytes or more by head (or tail): a stable sort
// by key keeps each group longest first, as cues_ is.
void CueList::build_groups(bool by_head, std::vector<Group>& table,
                           std::vector<std::uint32_t>& order) const {
  const auto key = [&](std::uint32_t k) { return by_head ? cues_[k].head : cues_[k].tail; };
  order.clear();
  for (std::uint32_t k = 0; k < cues_.size(); ++k)
    if (cues_[k].word.size() >= 3) order.push_back(k);
  std::stable_sort(order.begin(), order.end(),
                   [&](std::uint32_t a, std::uint32_t b) { return key(a) < key(b); });
  std::size_t size = 4;
  while (size < 2 * order.size()) size *= 2;  // at most half full: short probes
  table.assign(size, Group{});
  for (std::size_t b = 0; b < order.size();) {
    std::size_t e = b;
    while (e < order.size() && key(order[e]) == key(order[b])) ++e;
    std::size_t slot = slot_of(key(order[b]), size);
    while (table[slot].key != kNoKey) slot = (slot + 1) & (size - 1);
    table[slot] = Group{key(order[b]), static_cast<std::uint32_t>(b), static_cast<std::uint32_t>(e)};
    b = e;
  }
}

// The group of a key, or an empty one.
CueList::Group CueList::probe(const std::vector<Group>& table, std::uint32_t key) noexcept {
  if (table.empty()) return Group{};
  const std::size_t size = table.size();
  for (std::size_t slot = slot_of(key, size);; slot = (slot + 1) & (size - 1)) {
    const Group& g = table[slot];
    if (g.key == key || g.key == kNoKey) return g;
  }
}

// The first cue of a group (whose first three bytes s[i..) has) that the
// whole of s[i..) begins with.
// Past the three bytes the group shares, the next three are compared packed
// (most cues are two characters), then the rest.
const std::string* CueList::longest_from(Group g, std::string_view s, std::size_t i) const noexcept {
  const std::size_t room = s.size() - i;
  const std::uint32_t next = room > 3 ? pack_forward(s, i + 3, std::min<std::size_t>(3, room - 3)) : 0;
  for (std::uint32_t k = g.begin; k < g.end; ++k) {
    const Cue& c = cues_[by_head_[k]];
    const std::size_t n = c.word.size();
    if (n <= room && (n == 3 || ((next & c.mask2) == c.head2 &&
                                 (n <= 6 || std::memcmp(s.data() + i + 6, c.word.data() + 6, n - 6) == 0))))
      return &c.word;
  }
  return short_.empty() ? nullptr : short_starting_at(s, i);
}

const std::string* CueList::longest_to(Group g, std::string_view s, std::size_t i) const noexcept {
  const std::uint32_t before = i > 3 ? pack_backward(s, i - 3, std::min<std::size_t>(3, i - 3)) : 0;
  for (std::uint32_t k = g.begin; k < g.end; ++k) {
    const Cue& c = cues_[by_tail_[k]];
    const std::size_t n = c.word.size();
    if (n <= i && (n == 3 || ((before & c.mask2) == c.tail2 &&
                              (n <= 6 || std::memcmp(s.data() + i - n, c.word.data(), n - 6) == 0))))
      return &c.word;
  }
  return short_.empty() ? nullptr : short_ending_at(s, i);
}

const std::string* CueList::short_starting_at(std::string_view s, std::size_t i) const noexcept {
  const std::size_t room = s.size() - i;
  const std::uint32_t key = pack_forward(s, i, std::min<std::size_t>(3, room));
  for (const std::uint32_t k : short_) {
    const Cue& c = cues_[k];
    if (c.word.size() <= room && (key & c.mask) == c.head &&
        std::memcmp(s.data() + i, c.word.data(), c.word.size()) == 0)
      return &c.word;
  }
  return nullptr;
}

const std::string* CueList::short_ending_at(std::string_view s, std::size_t i) const noexcept {
  const std::uint32_t key = pack_backward(s, i, std::min<std::size_t>(3, i));
  for (const std::uint32_t k : short_) {
    const Cue& c = cues_[k];
    if (c.word.size() <= i && (key & c.mask) == c.tail &&
        std::memcmp(s.data() + i - c.word.size(), c.word.data(), c.word.size()) == 0)
      return &c.word;
  }
  return nullptr;
}

// The longest cue at i: all cues of three bytes or more that can match
// share the text's first three bytes, so only their group is compared (past
// those bytes); the shorter cues come after any of them in longest-first
// order. Most positions have no group: that answer takes a probe or two.
const std::string* CueList::starting_at(std::string_view s, std::size_t i) const noexcept {
  if (i > s.size()) return nullptr;
  if (s.size() - i >= 3) {
    const Group g = probe(heads_, pack_forward(s, i, 3));
    if (g.begin != g.end) return longest_from(g, s, i);
  }
  return short_.empty() ? nullptr : short_starting_at(s, i);
}

const std::string* CueList::ending_at(std::string_view s, std::size_t i) const noexcept {
  if (i > s.size()) return nullptr;
  if (i >= 3) {
    const Group g = probe(tails_, pack_backward(s, i, 3));
    if (g.begin != g.end) return longest_to(g, s, i);
  }
  return short_.empty() ? nullptr : short_ending_at(s, i);
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
