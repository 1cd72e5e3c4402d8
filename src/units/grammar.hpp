// The grammar of responsibility (src/units): how a plan says who does what.
//
// One recogniser reads every form a responsibility note takes — a bracket
// after a task, label lines, a table row's cells — as fields:
//
//   note    := part (sep part)*            sep: ；;，,。 or a line break
//   part    := label ':' units             (labels.tsv: 牵头单位 → lead …)
//            | units role-verb             (role_verbs.tsv: A牵头, B配合, A、B负责)
//            | units '会同' units role-verb (A会同B负责: A leads, B co-operates)
//            | order-rule | standing-default | units (continues the open field)
//   units   := unit (、 unit)*             with 和/及/与 between two organisations,
//                                          等和, run-together names, 等有关X
//
// and a unit is a name that ends like an organisation (org_suffixes.tsv), is
// in the lexicon, or is a collective (各地, 有关部门). Whatever cannot be read
// as a unit is returned as rejected, with its range, for a diagnostic — it
// never becomes a unit. All text is the folded view (full-width folded,
// Traditional mapped): ranges are folded byte offsets.
#pragma once

#include "pipeline.hpp"
#include "units/words.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace taizhang::detail::units {

enum class Role { lead, responsible, co, leader, split, due, other, joint };

// A unit as read: where it is written and the name it stands for (level
// prefix inherited, shared suffix distributed, scope remark removed).
struct Item {
  Range raw;
  std::string name;
};

struct Rejected {
  Range raw;
  std::string_view why;  // a phrase of the grammar's own, with static storage
};

// What one responsibility note says.
struct Note {
  std::vector<Item> lead, responsible, co, leaders;
  std::vector<Item> standing;    // 以下均需X落实，不再列出: units for every later measure
  std::vector<Rejected> rejected;
  // The note's date parts (完成时限：6月底; 6月底完成，牵头单位：X): they name
  // no unit; the deadlines stage reads them like a 完成时限 cell.
  std::vector<Range> due;
  bool order_rule = false;       // 排在第一位的为牵头单位
  bool rule_scope = false;       // … 下同: the rule holds for what follows
  bool names_units() const noexcept { return !lead.empty() || !responsible.empty() || !co.empty(); }
};

// Does a bracket's content (or a line) read as a responsibility note? True
// when it opens with a label, closes a clause with a role verb, or states an
// order rule; a bracket that cites a document or lists places is no note.
bool is_note(std::string_view content);

// Does `line` open with a label (牵头单位：…)? Sets `len` to the bytes of
// the label and its colon.
bool opens_with_label(std::string_view line, std::size_t& len);

// Reads a note's content (a bracket's inside, label lines, a passage).
void read_note(std::string_view folded, Range content, Note& out);

// Reads a unit list written under one role (a label's content, a table cell).
void read_units(std::string_view folded, Range list, std::vector<Item>& out,
                std::vector<Rejected>& rejected);

// Standing rules in free text (a preamble, a chapter intro, a closing
// paragraph): the order rule and standing defaults.
void read_standing(std::string_view folded, Range text, Note& out);

// Can `text` state a standing rule at all? False when it holds none of the
// words every rule needs (an ordinal such as 第一位, a scope word such as
// 下同, or 以下); read_standing then reads nothing in it.
bool may_state_standing(std::string_view text);

// Does the text state an order rule in its own sentences (not inside a
// note's bracket)? Such a rule — in a preamble or a closing paragraph
// (各项举措中排序第一的责任单位为该项牵头单位) — holds for every measure.
bool declares_document_order_rule(std::string_view folded);

// Does `line` hold a responsibility label field anywhere (牵头单位：X in a
// bracket at its end, or on its own)?
bool names_a_label_field(std::string_view line);

// The role of a responsibility label written alone (a table's column header:
// 牵头单位, 实施主体, 责 任 单 位 with its spaces removed), if it is one.
std::optional<Role> label_role(std::string_view word);

// A collective unit (各县区政府, 有关部门, 相关县区政府, 其他单位, 市直各部门):
// a group of units rather than one. The one definition: the model's
// Unit::collective and the ledger's is_collective_unit() both use it.
bool is_collective(std::string_view folded_name);

// The level prefixes of levels.tsv (省委, 市, 县 …), longest first: the
// lexicon and the ledger's unit queries strip them the way the grammar does.
const std::vector<std::string_view>& level_prefixes();
// The same words, indexed (words.hpp).
const WordList& level_prefix_words();

// An administrative level written as one character: the one-character
// prefixes of levels.tsv (省, 市, 区, 县, 州, 旗, 盟, 镇, 乡).
bool is_level_character(char32_t c);

// Does a place name ending in `c` name a place with a government of its own
// (levels.tsv `government`: 涧西区 → 涧西区政府; not 州, as in 广州)?
bool names_governed_place(char32_t c);

}  // namespace taizhang::detail::units
