// Units stage: who is responsible for each measure (lead_units, co_units,
// leaders). Every responsibility note — label lines, brackets after a task,
// a table row's cells — is read by one grammar (grammar.hpp); this file
// decides which notes belong to which measure and how far standing rules
// reach. In a document with no note at all, the units are the subjects of
// the measures' clauses (subjects.cpp).
#include "deadlines/cues.hpp"
#include "pipeline.hpp"
#include "text/scan.hpp"
#include "units/grammar.hpp"
#include "units/subjects.hpp"
#include "units/words.hpp"

#include <algorithm>
#include <array>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>

namespace taizhang::detail {

namespace {

using units::Item;
using units::Note;

std::string_view view(std::string_view s, Range r) { return s.substr(r.begin, r.end - r.begin); }

// A note of one measure, with where it was written.
struct Found {
  Note note;
  bool label_line = false;  // a run of label lines (not a bracket or a cell)
  Range where;
};

// Consecutive lines of the measure that open with a label form one note.
void label_lines(std::string_view s, const MeasureSlot& slot, std::vector<Found>& out) {
  Found* open = nullptr;
  for (std::size_t b = slot.body.begin; b < slot.range.end;) {
    const std::size_t e = line_end_within(s, b, slot.range.end);
    const std::string_view line = units::trim_spaces(view(s, {b, e}));
    const std::size_t at = static_cast<std::size_t>(line.data() - s.data());
    bool in_cell = false;
    for (const auto& c : slot.cells) in_cell = in_cell || (c.range.begin <= at && at < c.range.end);
    std::size_t len = 0;
    if (!line.empty() && !in_cell && units::opens_with_label(line, len)) {
      if (!open) {
        out.push_back({Note{}, true, {at, at}});
        open = &out.back();
      }
      units::read_note(s, {at, at + line.size()}, open->note);
      open->where.end = at + line.size();
    } else if (!line.empty()) {
      open = nullptr;
    }
    b = e + 1;
  }
}

// The brackets a note may stand in (folded: （ is '(').
constexpr std::pair<char32_t, char32_t> kBrackets[] = {{U'(', U')'}, {U'〔', U'〕'}, {U'[', U']'}, {U'【', U'】'}};

// The distinct first bytes of their openers ('(', '[', and E3 for both 〔 and 【).
constexpr std::size_t kOpenLeadCount = [] {
  std::array<bool, 256> seen{};
  std::size_t n = 0;
  for (const auto& b : kBrackets) n += !std::exchange(seen[units::Marks::lead_byte(b.first)], true);
  return n;
}();
constexpr std::array<unsigned char, kOpenLeadCount> kOpenLeads = [] {
  std::array<bool, 256> seen{};
  std::array<unsigned char, kOpenLeadCount> leads{};
  std::size_t n = 0;
  for (const auto& b : kBrackets) {
    const unsigned char l = units::Marks::lead_byte(b.first);
    if (!std::exchange(seen[l], true)) leads[n++] = l;
  }
  return leads;
}();

// Brackets whose content is a responsibility note: （牵头单位：A；责任单位：B）,
// (A牵头，B配合), 〔A、B按职责分工负责〕. Bounded per bracket, so an unclosed
// one cannot make the scan quadratic.
void bracket_notes(std::string_view s, const MeasureSlot& slot, std::vector<Found>& out) {
  using units::Marks;
  // Every byte that starts no opener is passed over undecoded (a
  // continuation byte never starts a bracket), eight at a time.
  static constexpr units::ByteFinder<kOpenLeadCount> kFinder(kOpenLeads);
  for (std::size_t i = slot.body.begin; i < slot.range.end;) {
    i = kFinder.next(s, i, slot.range.end);
    if (i >= slot.range.end) break;
    std::size_t content = i;
    const char32_t c = next_cp(s, content);
    const auto* br = std::find_if(std::begin(kBrackets), std::end(kBrackets), [&](const auto& b) { return b.first == c; });
    if (br == std::end(kBrackets)) {
      i = content;
      continue;
    }
    const unsigned char open_lead = Marks::lead_byte(br->first), close_lead = Marks::lead_byte(br->second);
    const std::size_t close_len = Marks::length(close_lead);
    const std::size_t limit = std::min(slot.range.end, content + 1200);
    int depth = 1;
    std::size_t j = content;
    for (; j < limit; ++j) {
      const auto b = static_cast<unsigned char>(s[j]);
      if (b != open_lead && b != close_lead) continue;  // neither bracket starts here
      std::size_t k = j;
      const char32_t d = next_cp(s, k);
      if (d == br->first) ++depth;
      else if (d == br->second && --depth == 0) break;
    }
    if (depth != 0 || j >= limit) {
      i = content;
      continue;
    }
    if (units::is_note(view(s, {content, j}))) {
      Found f{Note{}, false, {i, j + close_len}};
      units::read_note(s, {content, j}, f.note);
      out.push_back(std::move(f));
    }
    i = j + close_len;
  }
}

void cell_notes(std::string_view s, const MeasureSlot& slot, std::vector<Found>& out) {
  if (slot.cells.empty()) return;  // not a table row (and no note to build)
  Found f{Note{}, false, {0, 0}};
  for (const auto& c : slot.cells) {
    std::vector<Item>* to = nullptr;
    switch (c.column) {
      case Column::lead: to = &f.note.lead; break;
      case Column::co: to = &f.note.co; break;
      case Column::responsible: to = &f.note.responsible; break;
      case Column::leader:
        for (std::size_t b = c.range.begin; b < c.range.end;) {
          const std::size_t e = line_end_within(s, b, c.range.end);
          const std::string_view p = units::trim_spaces(view(s, {b, e}));
          if (!p.empty()) {
            const std::size_t at = static_cast<std::size_t>(p.data() - s.data());
            f.note.leaders.push_back({{at, at + p.size()}, std::string(p)});
          }
          b = e + 1;
        }
        break;
      default: break;
    }
    if (to) units::read_units(s, c.range, *to, f.note.rejected);
  }
  if (f.note.names_units() || !f.note.leaders.empty()) out.push_back(std::move(f));
}

// Into an empty list (a measure's first note, most often its only one) the
// list itself is moved: no allocation, no item moved one by one.
void append(std::vector<Item>& to, std::vector<Item>&& from) {
  if (to.empty()) {
    to = std::move(from);
    return;
  }
  to.insert(to.end(), std::make_move_iterator(from.begin()), std::make_move_iterator(from.end()));
}

// Roles within one note: 责任 units co-operate when the note names a lead;
// under an order rule the first listed leads; otherwise they lead. The
// note's lead, co and 责任 lists are moved out.
template <class OrderRule>
void resolve(Note& n, OrderRule&& order_rule, std::vector<Item>& lead, std::vector<Item>& co) {
  std::vector<Item> l = std::move(n.lead), c = std::move(n.co);
  if (!l.empty()) {
    append(c, std::move(n.responsible));
  } else if (!n.responsible.empty() && (n.order_rule || order_rule())) {
    l.push_back(std::move(n.responsible.front()));
    c.insert(c.end(), std::make_move_iterator(n.responsible.begin() + 1), std::make_move_iterator(n.responsible.end()));
  } else {
    append(l, std::move(n.responsible));
  }
  // In the order the note writes them (A牵头，B配合；C负责落实 → co B, C);
  // most notes are in order already, and are left as they are.
  auto by_place = [](const Item& a, const Item& b) { return a.raw.begin < b.raw.begin; };
  if (!std::is_sorted(l.begin(), l.end(), by_place)) std::stable_sort(l.begin(), l.end(), by_place);
  if (!std::is_sorted(c.begin(), c.end(), by_place)) std::stable_sort(c.begin(), c.end(), by_place);
  append(lead, std::move(l));
  append(co, std::move(c));
}

// What the lexicon and the collective words say of a unit's name. A plan
// names the same few dozen units in measure after measure: each name is
// looked up once per parse (a binary search of the lexicon, with each level
// prefix stripped in turn, and a pass over the name for the collective
// words cost about 600 instructions a unit) and the answer kept here.
struct NameFacts {
  std::optional<std::string> full_name;
  bool collective = false;
};

class NameFactsCache {
 public:
  explicit NameFactsCache(const Lexicon& lexicon) : lexicon_(lexicon) {}
  const NameFacts& of(const std::string& name) {
    auto [it, added] = facts_.try_emplace(name);
    if (added) it->second = {lexicon_.full_name(name), units::is_collective(name)};
    return it->second;
  }

 private:
  const Lexicon& lexicon_;
  std::unordered_map<std::string, NameFacts> facts_;
};

// Turns items into public units, deduplicated by name, in order.
void to_units(Document& doc, NameFactsCache& facts, const std::vector<Item>& items, std::vector<Unit>& out) {
  const std::string_view s = doc.text.folded();
  out.reserve(out.size() + items.size());
  for (const auto& it : items) {
    Unit u;
    u.span = doc.text.span(it.raw.begin, it.raw.end);
    // The span's bytes are the original slice of the range (Text::original_slice).
    const std::string_view raw = doc.text.original().substr(u.span.byte_start, u.span.byte_end - u.span.byte_start);
    // The name keeps the original characters; an inherited prefix or a
    // distributed suffix is added around them.
    const std::string_view folded_raw = view(s, it.raw);
    const auto pos = it.name.find(folded_raw);
    if (pos == std::string::npos) {
      u.name = it.name;
    } else {
      u.name.reserve(it.name.size() - folded_raw.size() + raw.size());
      u.name.append(it.name, 0, pos).append(raw).append(it.name, pos + folded_raw.size());
    }
    if (std::any_of(out.begin(), out.end(), [&](const Unit& o) { return o.name == u.name; })) continue;
    u.raw = doc.text.excerpt(u.span);
    const NameFacts& f = facts.of(it.name);
    u.full_name = f.full_name;
    u.collective = f.collective;
    out.push_back(std::move(u));
  }
}

// An order rule (排在第一位的为牵头单位) stated in the document's own sentences
// — a preamble, a closing paragraph that governs every measure above it —
// holds for the whole document; one inside a note holds for that note, and
// with 下同 for what follows (assign_measure).
bool document_order_rule(const Document& doc) { return units::declares_document_order_rule(doc.text.folded()); }

struct Standing {
  const Document& doc;
  bool declared_rule = false;         // by a note's rule with 下同
  std::optional<bool> document_rule;  // read from the whole text only when a note needs it
  std::vector<Item> defaults;         // 以下均需X落实，不再列出
  std::vector<Found> found;           // the notes of the measure being read (kept: no allocation per measure)

  bool order_rule() {
    if (!document_rule) document_rule = document_order_rule(doc);
    return declared_rule || *document_rule;
  }
};

struct Assigned {
  std::vector<Item> lead, co;
  bool line_note_at_end = false;  // its only note is a label line closing the measure
  bool any_note = false;
};

// Nothing follows a label line in its measure but, at most, the plan's
// closing paragraph (各县区、各部门要…, 本措施自印发之日起施行), which an outline
// leaves in the last measure: the line still closes its chapter.
bool only_closing_after(std::string_view s, std::size_t from, std::size_t to) {
  std::size_t b = from;
  while (b < to && (s[b] == ' ' || s[b] == '\t' || s[b] == '\n' || s[b] == '\r')) ++b;
  return b >= to || deadlines::opens_closing_paragraph(s.substr(0, to), b);
}

Assigned assign_measure(Document& doc, MeasureSlot& slot, Standing& standing) {
  const std::string_view s = doc.text.folded();
  std::vector<Found>& found = standing.found;
  found.clear();
  label_lines(s, slot, found);
  bracket_notes(s, slot, found);
  cell_notes(s, slot, found);
  Assigned a;
  a.any_note = !found.empty();
  // Does a note tell leads from co-operators (a 牵头, a 配合, or a first-is-lead
  // rule over its 责任单位)? Then a standing implementer joins as a co unit;
  // where all its units lead (plain 负责, 责任单位 with no rule), as a lead.
  bool tells_roles = false;
  for (const Found& f : found)
    tells_roles = tells_roles || !f.note.lead.empty() || !f.note.co.empty() ||
                  (!f.note.responsible.empty() && (f.note.order_rule || standing.order_rule()));
  for (Found& f : found) {
    if (f.where.end > f.where.begin) slot.annotations.push_back(f.where);
    for (const Range& r : f.note.due) slot.cells.push_back({Column::due, r});
    resolve(f.note, [&] { return standing.order_rule(); }, a.lead, a.co);
    for (const auto& l : f.note.leaders)
      slot.measure->leaders.push_back(std::string(doc.text.original_slice(l.raw.begin, l.raw.end)));
    for (const auto& r : f.note.rejected) {
      constexpr std::string_view kIn = "' in a responsibility note of measure ", kNot = " is not read as a unit: ";
      std::string message;
      message.reserve(1 + (r.raw.end - r.raw.begin) + kIn.size() + slot.measure->id.size() + kNot.size() + r.why.size());
      message.append("'").append(view(s, r.raw)).append(kIn).append(slot.measure->id).append(kNot).append(r.why);
      doc.diagnose("units.not_a_unit", Severity::warning, std::move(message), r.raw);
    }
  }
  a.line_note_at_end = found.size() == 1 && found[0].label_line && only_closing_after(s, found[0].where.end, slot.range.end);
  // The standing default (以下均需X落实，不再列出): X is read as if written
  // into every later note, in the role that note gives it (docs/testing.md,
  // "Rulings": 56 and 79 list X among the 责任单位, 54 and 67 after a 牵头).
  // A note that names X itself has given X its role: X is not added again
  // (a lead would otherwise also be its own co-operator).
  std::vector<Item>& joins = tells_roles ? a.co : a.lead;
  auto named = [](const std::vector<Item>& list, const Item& x) {
    return std::any_of(list.begin(), list.end(), [&](const Item& y) { return y.name == x.name; });
  };
  for (const Item& x : standing.defaults)
    if (!named(a.lead, x) && !named(a.co, x)) joins.push_back(x);
  // Rules this measure's notes and prose declare for what follows (下同, 不再列出).
  if (units::may_state_standing(view(s, slot.body))) {
    Note prose;
    units::read_standing(s, slot.body, prose);
    if (!prose.standing.empty()) standing.defaults = prose.standing;
  }
  for (const Found& f : found) {
    if (f.note.order_rule && f.note.rule_scope) standing.declared_rule = true;
    if (!f.note.standing.empty()) standing.defaults = f.note.standing;
  }
  return a;
}

// A label line after the last measure of a chapter or section, where no
// other measure of it has a note, covers all its measures (one 牵头单位 line
// per chapter of a 一揽子政策).
void share_group_lines(std::vector<MeasureSlot>& slots, std::vector<Assigned>& assigned) {
  std::size_t b = 0;
  while (b < slots.size()) {
    std::size_t e = b + 1;
    while (e < slots.size() && slots[e].chapter == slots[b].chapter && slots[e].section == slots[b].section) ++e;
    const Assigned& last = assigned[e - 1];
    bool others_bare = e - b >= 2;
    for (std::size_t k = b; k + 1 < e; ++k) others_bare = others_bare && !assigned[k].any_note;
    if (others_bare && last.line_note_at_end && slots[b].chapter) {
      for (std::size_t k = b; k + 1 < e; ++k) {
        assigned[k].lead = last.lead;
        assigned[k].co = last.co;
      }
    }
    b = e;
  }
}

void subject_units_everywhere(Document& doc, NameFactsCache& facts) {
  const std::string_view s = doc.text.folded();
  for (MeasureSlot& slot : doc.measures) {
    SubjectUnits found = subject_units(s, slot.body);
    std::vector<Item> lead, co;
    // A subject is read like any unit list: 县级以上地方各级人民政府及国务院部门
    // is two units; a subject the unit grammar cannot read stays as found.
    auto add = [&](std::vector<Item>& to, SubjectUnit& u) {
      if (units::label_role(u.name)) return;  // 主办单位 names a role, not a body
      std::vector<Item> items;
      std::vector<units::Rejected> rejected;
      units::read_units(s, u.raw, items, rejected);
      if (items.size() >= 2 && rejected.empty()) to.insert(to.end(), items.begin(), items.end());
      else to.push_back({u.raw, std::move(u.name)});
    };
    for (auto& u : found.lead) add(lead, u);
    for (auto& u : found.co) add(co, u);
    to_units(doc, facts, lead, slot.measure->lead_units);
    to_units(doc, facts, co, slot.measure->co_units);
  }
}

void diagnose_unassigned(Document& doc) {
  std::size_t with = 0;
  for (const MeasureSlot& slot : doc.measures) with += !slot.measure->lead_units.empty();
  const bool most_have = with * 2 >= doc.measures.size();
  // The number of diagnostics to add is known: reserved at once (with a
  // little room for the later stages' few), not grown by doubling, which
  // would hold two copies while it grows and keep up to half of it unused
  // (one per measure of a plan without any unit: 48 MB at 400 000).
  std::vector<Diagnostic>& all = doc.plan.diagnostics;
  const std::size_t need = all.size() + (doc.measures.size() - with);
  if (need > all.capacity()) all.reserve(std::min(need + need / 64 + 64, doc.options.max_diagnostics));
  for (const MeasureSlot& slot : doc.measures) {
    if (!slot.measure->lead_units.empty()) continue;
    doc.diagnose("units.unassigned", most_have ? Severity::warning : Severity::info,
                 "no responsible unit found for measure " + slot.measure->id +
                     (most_have ? " (most measures of this document name one)" : ""),
                 {slot.range.begin, slot.body.begin});
  }
}

// A unit annotation closes a measure; a paragraph after it may belong to the
// chapter or the document rather than to this measure.
void diagnose_trailing_text(Document& doc) {
  const std::string_view s = doc.text.folded();
  for (const MeasureSlot& slot : doc.measures) {
    std::size_t last = 0;
    for (const Range& a : slot.annotations) last = std::max(last, a.end);
    if (last == 0 || !slot.cells.empty()) continue;
    const std::size_t next_line = line_end_within(s, last, slot.range.end);
    if (next_line >= slot.range.end) continue;
    const std::string_view rest = trim(view(s, {next_line, slot.range.end}));
    if (rest.empty()) continue;
    bool more_notes = false;
    for (const Range& a : slot.annotations) more_notes = more_notes || a.begin >= next_line;
    if (more_notes) continue;
    const std::size_t at = static_cast<std::size_t>(rest.data() - s.data());
    doc.diagnose("outline.trailing_text", Severity::info,
                 "text after the unit annotation of measure " + slot.measure->id +
                     " is kept with it but may belong to the chapter or the document",
                 {at, at + rest.size()});
  }
}

}  // namespace

void assign_units(Document& doc) {
  const std::string_view s = doc.text.folded();
  // The document's own order rule is looked for only when a note has 责任
  // units and no lead: most documents never need the pass over their text.
  Standing standing{doc, false, std::nullopt, {}, {}};
  std::vector<Assigned> assigned;
  assigned.reserve(doc.measures.size());
  std::size_t passage = 0;
  bool annotated = false;
  for (std::size_t mi = 0; mi < doc.measures.size(); ++mi) {
    // A standing default (以下均需X落实) holds for the rest of its own plan:
    // the next plan of a package starts without it.
    if (mi > 0 && doc.measures[mi].part != doc.measures[mi - 1].part) standing.defaults.clear();
    // Standing defaults stated in the text before this measure.
    for (; passage < doc.passages.size() && doc.passages[passage].before_measure <= mi; ++passage) {
      Note n;
      units::read_standing(s, doc.passages[passage].range, n);
      if (!n.standing.empty()) standing.defaults = std::move(n.standing);
    }
    assigned.push_back(assign_measure(doc, doc.measures[mi], standing));
    annotated = annotated || assigned.back().any_note || !standing.defaults.empty();
  }
  NameFactsCache facts(doc.lexicon);
  if (!annotated) {
    subject_units_everywhere(doc, facts);
  } else {
    share_group_lines(doc.measures, assigned);
    for (std::size_t mi = 0; mi < doc.measures.size(); ++mi) {
      to_units(doc, facts, assigned[mi].lead, doc.measures[mi].measure->lead_units);
      to_units(doc, facts, assigned[mi].co, doc.measures[mi].measure->co_units);
    }
  }
  diagnose_unassigned(doc);
  diagnose_trailing_text(doc);
}

}  // namespace taizhang::detail
