// Units stage: who is responsible for each measure (lead_units, co_units,
// leaders), from label lines, inline brackets, role verbs, declared order
// rules, standing defaults and table columns; in a document with none of
// these, from clause subjects and 请-requests (subjects.cpp).
#include "pipeline.hpp"
#include "text/scan.hpp"
#include "units/subjects.hpp"

#include <algorithm>
#include <string>

namespace taizhang::detail {

namespace {

std::string_view view(std::string_view s, Range r) { return s.substr(r.begin, r.end - r.begin); }

enum class Role { lead, co, responsible, leader, split };  // split = 部门分工: role verbs decide

struct Label {
  std::string_view word;
  Role role;
};
// Label words before ':' (folded), longest first where one contains another.
constexpr Label kLabels[] = {
    {"牵头单位", Role::lead},     {"牵头部门", Role::lead},        {"主责单位", Role::lead},
    {"责任单位", Role::responsible}, {"责任部门", Role::responsible}, {"承办单位", Role::responsible},
    {"实施单位", Role::responsible}, {"配合单位", Role::co},        {"配合部门", Role::co},
    {"协办单位", Role::co},       {"参与单位", Role::co},          {"协同单位", Role::co},
    {"分管省领导", Role::leader}, {"分管市领导", Role::leader},    {"分管区领导", Role::leader},
    {"分管县领导", Role::leader}, {"分管领导", Role::leader},      {"责任领导", Role::leader},
    {"牵头领导", Role::leader},   {"部门分工", Role::split},       {"责任分工", Role::split},
};

// Phrases that close a unit list without naming a unit.
constexpr std::string_view kTrailers[] = {"按职责分工负责", "按职责分工落实", "按职责负责", "分别负责",
                                          "共同负责", "负责落实", "负责", "牵头", "配合", "参与",
                                          "指导", "落实", "按职责分工", "等"};

constexpr std::string_view kOrderRules[] = {"列第一位者为牵头单位", "排在第一位的为牵头单位",
                                            "排名第一的为牵头单位", "第一个为牵头单位",
                                            "排在首位的为牵头单位", "列在首位的为牵头单位"};

constexpr std::string_view kLevelPrefixes[] = {"市", "区", "县", "省", "州"};
constexpr std::string_view kDepartmentEnds[] = {"局", "委", "办", "厅", "署", "中心"};
constexpr std::string_view kRegionEnds[] = {"区", "县", "市", "镇", "乡", "街道"};

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }
bool ends_with(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}
bool contains(std::string_view s, std::string_view p) { return s.find(p) != std::string_view::npos; }

bool is_collective(std::string_view name) {
  return starts_with(name, "各") || contains(name, "有关") || contains(name, "相关") ||
         contains(name, "等") || starts_with(name, "全区") || starts_with(name, "全市") ||
         starts_with(name, "全县") || starts_with(name, "其他");
}

// Words that start with a level character but are not a level prefix.
constexpr std::string_view kNotPrefixes[] = {"市场", "区域", "县域", "省级", "市级", "区级", "县级", "市民", "县城"};

std::string_view level_prefix(std::string_view name) {
  for (auto w : kNotPrefixes)
    if (starts_with(name, w)) return {};
  for (auto p : kLevelPrefixes)
    if (starts_with(name, p)) return p;
  return {};
}

// A department name with no level or place in front: 交通运输局, 发改委.
bool is_bare_department(std::string_view name) {
  bool dept = false;
  for (auto e : kDepartmentEnds) dept = dept || ends_with(name, e);
  if (!dept || !level_prefix(name).empty() || starts_with(name, "各") || starts_with(name, "国家")) return false;
  // A place name inside the first characters (洛宁县…, 涧西区…) is not bare.
  std::size_t i = 0;
  for (int k = 0; k < 4 && i < name.size(); ++k) {
    char32_t c = next_cp(name, i);
    if ((c == U'县' || c == U'区' || c == U'市' || c == U'镇' || c == U'乡') && i < name.size()) return false;
  }
  return true;
}

struct Item {
  Range raw;          // folded range of the item as written
  std::string name;   // with inherited prefix / distributed suffix (folded chars)
};

struct Parsed {
  std::vector<Item> lead, co, responsible, leaders;
  bool order_rule = false;  // the list declared "列第一位者为牵头单位"
};

// Strips list trailers (负责, 按职责分工负责, 等) from the end of a range.
Range strip_trailers(std::string_view s, Range r) {
  bool changed = true;
  while (changed && !r.empty()) {
    changed = false;
    std::string_view v = trim(view(s, r));
    r.end = r.begin + static_cast<std::size_t>(v.data() - (s.data() + r.begin)) + v.size();
    for (auto t : kTrailers) {
      if (ends_with(view(s, r), t) && r.end - r.begin > t.size()) {
        // Keep 等 inside collectives such as "…等有关部门"; only a final 等 goes.
        r.end -= t.size();
        changed = true;
        break;
      }
    }
  }
  return r;
}

// Splits a list of units: 、 , ， ; ； and 等和; runs of names written
// together (区财政局区税务局) split before a level prefix that follows a
// department ending. Groups (separated by ， , ; ；) scope prefix
// inheritance and suffix distribution.
std::vector<Item> split_units(std::string_view s, Range r) {
  std::vector<std::vector<Item>> groups(1);
  std::size_t b = r.begin;
  auto flush = [&](std::size_t e, bool new_group) {
    Range item = strip_trailers(s, {b, e});
    std::string_view v = view(s, item);
    // Drop wrapping brackets / quotes left over.
    if (!v.empty()) groups.back().push_back({item, std::string(v)});
    if (new_group && !groups.back().empty()) groups.emplace_back();
  };
  for (std::size_t i = r.begin; i < r.end;) {
    std::size_t k = i;
    char32_t c = next_cp(s, k);
    if (c == U'、') { flush(i, false); b = k; i = k; continue; }
    if (c == ',' || c == U'，' || c == ';' || c == U'；' || c == U'。') { flush(i, true); b = k; i = k; continue; }
    if (c == U'等' && k < r.end && starts_with_at(s, k, "和")) { flush(i, true); b = k + 3; i = k + 3; continue; }
    // 市行政审批局市司法局: a level prefix right after a department ending.
    if (i > b + 3 && (c == U'市' || c == U'区' || c == U'县' || c == U'省') && k + 3 < r.end) {
      std::string_view before = view(s, {b, i});
      bool dept_end = false;
      for (auto e : kDepartmentEnds) dept_end = dept_end || ends_with(before, e);
      dept_end = dept_end || ends_with(before, "政府") || ends_with(before, "公司");
      if (dept_end) { flush(i, false); b = i; }
    }
    i = k;
  }
  flush(r.end, false);

  std::vector<Item> out;
  for (auto& g : groups) {
    // Prefix inheritance: 市商务局、发改委 → 市发改委.
    std::string_view prefix;
    for (auto& it : g) {
      std::string_view p = level_prefix(it.name);
      if (!p.empty() && !is_collective(it.name)) {
        prefix = p;
      } else if (!prefix.empty() && is_bare_department(it.name)) {
        it.name = std::string(prefix) + it.name;
      }
    }
    // Suffix distribution: 涧西区、伊川县政府 → 涧西区政府、伊川县政府.
    if (g.size() >= 2 && ends_with(g.back().name, "政府") && !is_collective(g.back().name)) {
      for (std::size_t k = 0; k + 1 < g.size(); ++k) {
        bool region = false;
        for (auto e : kRegionEnds) region = region || ends_with(g[k].name, e);
        if (region && !is_collective(g[k].name)) g[k].name += "政府";
      }
    }
    for (auto& it : g) out.push_back(std::move(it));
  }
  return out;
}

void append(std::vector<Item>& to, std::vector<Item> from) {
  for (auto& f : from) to.push_back(std::move(f));
}

// Parses a clause list with role verbs: "A牵头，B配合", "A负责", "A指导，B参与",
// "A会同B负责", "A、B负责。列第一位者为牵头单位，下同".
void parse_roles(std::string_view s, Range r, Parsed& out) {
  std::string_view whole = view(s, r);
  for (auto rule : kOrderRules)
    if (contains(whole, rule)) out.order_rule = true;
  std::size_t b = r.begin;
  auto clause = [&](std::size_t e) {
    Range c{b, e};
    std::string_view v = trim(view(s, c));
    if (v.empty()) return;
    for (auto rule : kOrderRules)
      if (contains(v, rule)) return;
    if (contains(v, "下同") && v.size() < 12) return;
    // A会同B…: A leads, B co-operates.
    if (auto p = v.find("会同"); p != std::string_view::npos) {
      const std::size_t at = static_cast<std::size_t>(v.data() - s.data());
      append(out.lead, split_units(s, {at, at + p}));
      std::size_t rest = at + p + 6;
      std::size_t end = at + v.size();
      append(out.co, split_units(s, {rest, end}));
      return;
    }
    const std::size_t at = static_cast<std::size_t>(v.data() - s.data());
    Range units{at, at + v.size()};
    if (ends_with(v, "牵头负责") || ends_with(v, "牵头") || ends_with(v, "指导")) {
      append(out.lead, split_units(s, units));
    } else if (ends_with(v, "配合") || ends_with(v, "参与") || ends_with(v, "协助") || ends_with(v, "协同")) {
      append(out.co, split_units(s, units));
    } else if (ends_with(v, "负责") || ends_with(v, "落实") || ends_with(v, "按职责分工")) {
      append(out.responsible, split_units(s, units));
    } else {
      append(out.responsible, split_units(s, units));
    }
  };
  for (std::size_t i = r.begin; i < r.end;) {
    std::size_t k = i;
    char32_t c = next_cp(s, k);
    if (c == ',' || c == U'，' || c == ';' || c == U'；' || c == U'。') {
      clause(i);
      b = k;
    }
    i = k;
  }
  clause(r.end);
}

// Does a bracket's content speak of responsibility?
bool is_unit_annotation(std::string_view v) {
  for (const auto& l : kLabels)
    if (starts_with(v, l.word)) return true;
  if (ends_with(v, "负责") || ends_with(v, "牵头") || ends_with(v, "配合") || ends_with(v, "参与") ||
      contains(v, "牵头，") || contains(v, "牵头,") || contains(v, "为牵头单位") ||
      contains(v, "按职责分工负责"))
    return true;
  return false;
}

// A label at the start of `v` ("牵头单位:" with ':' or '：'); returns the
// label and the byte length including the colon.
const Label* match_label(std::string_view v, std::size_t& len) {
  for (const auto& l : kLabels) {
    if (!starts_with(v, l.word)) continue;
    std::size_t i = l.word.size();
    while (i < v.size() && v[i] == ' ') ++i;
    if (i < v.size() && v[i] == ':') { len = i + 1; return &l; }
    if (starts_with_at(v, i, "：")) { len = i + 3; return &l; }
  }
  return nullptr;
}

// Label contents inside one bracket: "牵头单位：A；责任单位：B".
void parse_labelled(std::string_view s, Range r, Parsed& out) {
  // Split on ；/; where a new label starts.
  std::size_t b = r.begin;
  auto part = [&](std::size_t e) {
    std::string_view v = trim(view(s, {b, e}));
    if (v.empty()) return;
    const std::size_t at = static_cast<std::size_t>(v.data() - s.data());
    std::size_t len = 0;
    if (const Label* l = match_label(v, len)) {
      Range content{at + len, at + v.size()};
      switch (l->role) {
        case Role::lead: append(out.lead, split_units(s, content)); break;
        case Role::co: append(out.co, split_units(s, content)); break;
        case Role::responsible: append(out.responsible, split_units(s, content)); break;
        case Role::leader: append(out.leaders, split_units(s, content)); break;
        case Role::split: parse_roles(s, content, out); break;
      }
    } else {
      parse_roles(s, {at, at + v.size()}, out);
    }
  };
  for (std::size_t i = r.begin; i < r.end;) {
    std::size_t k = i;
    char32_t c = next_cp(s, k);
    if (c == ';' || c == U'；') {
      std::size_t len = 0;
      std::string_view rest = trim(view(s, {k, r.end}));
      if (match_label(rest, len)) {
        part(i);
        b = k;
      }
    }
    i = k;
  }
  part(r.end);
}

struct Bracket {
  std::string_view open, close;
};
constexpr Bracket kBrackets[] = {{"(", ")"}, {"〔", "〕"}, {"[", "]"}, {"【", "】"}};

// Turns items into public units, deduplicated by name, in order.
void to_units(Document& doc, std::vector<Item>& items, std::vector<Unit>& out) {
  const std::string_view s = doc.text.folded();
  for (auto& it : items) {
    Unit u;
    u.raw = std::string(doc.text.original_slice(it.raw.begin, it.raw.end));
    // The name keeps the original characters; an inherited prefix or a
    // distributed suffix is added around them.
    const std::string folded_raw(view(s, it.raw));
    const auto pos = it.name.find(folded_raw);
    u.name = pos == std::string::npos ? it.name
                                      : it.name.substr(0, pos) + u.raw + it.name.substr(pos + folded_raw.size());
    u.full_name = doc.lexicon.full_name(it.name);
    u.collective = is_collective(it.name);
    u.span = doc.text.span(it.raw.begin, it.raw.end);
    const bool dup = std::any_of(out.begin(), out.end(), [&](const Unit& o) { return o.name == u.name; });
    if (!dup) out.push_back(std::move(u));
  }
}

}  // namespace

void assign_units(Document& doc) {
  const std::string_view s = doc.text.folded();
  bool order_rule = false;
  std::vector<Item> standing;  // "以下均需各县区政府落实，不再列出"
  std::size_t passage = 0;
  // Does the document annotate units anywhere? Only a document that never
  // does writes its units into the prose as subjects.
  bool annotated = false;

  auto read_passages_before = [&](std::size_t measure_index) {
    for (; passage < doc.passages.size() && doc.passages[passage].before_measure <= measure_index; ++passage) {
      std::string_view v = view(s, doc.passages[passage].range);
      for (auto rule : kOrderRules)
        if (contains(v, rule)) order_rule = true;
      if (auto p = v.find("不再列出"); p != std::string_view::npos) {
        // 以下均需X落实，不再列出 / 均由X负责，不再列出
        std::string_view head = v.substr(0, p);
        for (std::string_view intro : {"均需", "均由", "均为"}) {
          auto q = head.rfind(intro);
          if (q == std::string_view::npos) continue;
          std::size_t from = static_cast<std::size_t>(head.data() - s.data()) + q + intro.size();
          std::size_t to = static_cast<std::size_t>(head.data() - s.data()) + head.size();
          standing = split_units(s, strip_trailers(s, {from, to}));
          break;
        }
      }
    }
  };

  for (std::size_t mi = 0; mi < doc.measures.size(); ++mi) {
    read_passages_before(mi);
    MeasureSlot& slot = doc.measures[mi];
    Parsed parsed;
    bool any_source = false;

    // 1. Label lines inside the measure.
    std::size_t line_b = slot.body.begin;
    while (line_b < slot.range.end) {
      std::size_t line_e = s.find('\n', line_b);
      if (line_e == std::string_view::npos || line_e > slot.range.end) line_e = slot.range.end;
      std::string_view line = trim(view(s, {line_b, line_e}));
      const std::size_t at = static_cast<std::size_t>(line.data() - s.data());
      std::size_t len = 0;
      bool in_cell = false;
      for (const auto& c : slot.cells) in_cell = in_cell || (c.range.begin <= at && at < c.range.end);
      if (!in_cell && match_label(line, len)) {
        parse_labelled(s, {at, at + line.size()}, parsed);
        slot.annotations.push_back({at, at + line.size()});
        any_source = true;
      }
      line_b = line_e + 1;
    }

    // 2. Brackets whose content names responsibilities.
    for (std::size_t i = slot.body.begin; i < slot.range.end;) {
      bool matched = false;
      for (const auto& br : kBrackets) {
        if (!starts_with_at(s, i, br.open)) continue;
        const std::size_t content = i + br.open.size();
        // The matching close on the same line (nesting counted).
        int depth = 1;
        std::size_t j = content;
        // Bounded: an unclosed bracket must not make the scan quadratic.
        const std::size_t limit = std::min(slot.range.end, content + 1200);
        while (j < limit && s[j] != '\n') {
          if (starts_with_at(s, j, br.open)) ++depth;
          else if (starts_with_at(s, j, br.close) && --depth == 0) break;
          ++j;
        }
        if (depth != 0 || j >= limit || s[j] == '\n') break;
        std::string_view v = trim(view(s, {content, j}));
        if (!v.empty() && v.size() < 600 && is_unit_annotation(v)) {
          const std::size_t vb = static_cast<std::size_t>(v.data() - s.data());
          parse_labelled(s, {vb, vb + v.size()}, parsed);
          slot.annotations.push_back({i, j + br.close.size()});
          any_source = true;
        }
        i = j + br.close.size();
        matched = true;
        break;
      }
      if (!matched) {
        std::size_t k = i;
        next_cp(s, k);
        i = k;
      }
    }

    // 3. Table columns.
    for (const auto& c : slot.cells) {
      switch (c.column) {
        case Column::lead: append(parsed.lead, split_units(s, c.range)); any_source = true; break;
        case Column::co: append(parsed.co, split_units(s, c.range)); any_source = true; break;
        case Column::responsible: append(parsed.responsible, split_units(s, c.range)); any_source = true; break;
        case Column::leader: append(parsed.leaders, split_units(s, c.range)); break;
        default: break;
      }
    }

    if (parsed.order_rule) order_rule = true;
    annotated = annotated || any_source || order_rule || !standing.empty();

    // Roles: 责任 is lead when no lead is named; under an order rule the
    // first listed leads and the rest co-operate.
    std::vector<Item> lead = std::move(parsed.lead), co = std::move(parsed.co);
    if (!parsed.responsible.empty()) {
      if (!lead.empty()) {
        append(co, std::move(parsed.responsible));
      } else if (order_rule) {
        lead.push_back(std::move(parsed.responsible.front()));
        for (std::size_t k = 1; k < parsed.responsible.size(); ++k) co.push_back(std::move(parsed.responsible[k]));
      } else {
        lead = std::move(parsed.responsible);
      }
    }
    if (!any_source && !standing.empty()) {
      lead = standing;
    } else if (!standing.empty()) {
      for (const auto& u : standing) co.push_back(u);
    }

    to_units(doc, lead, slot.measure->lead_units);
    to_units(doc, co, slot.measure->co_units);
    for (auto& l : parsed.leaders) slot.measure->leaders.push_back(std::string(doc.text.original_slice(l.raw.begin, l.raw.end)));
  }

  // No annotation anywhere: the units are the subjects of the measures' clauses.
  if (!annotated) {
    for (MeasureSlot& slot : doc.measures) {
      SubjectUnits found = subject_units(s, slot.body);
      std::vector<Item> lead, co;
      for (auto& u : found.lead) lead.push_back({u.raw, std::move(u.name)});
      for (auto& u : found.co) co.push_back({u.raw, std::move(u.name)});
      to_units(doc, lead, slot.measure->lead_units);
      to_units(doc, co, slot.measure->co_units);
    }
  }

  for (const MeasureSlot& slot : doc.measures) {
    if (slot.measure->lead_units.empty()) {
      doc.diagnose("units.unassigned", Severity::info,
                   "no responsible unit found for measure " + slot.measure->id, {slot.range.begin, slot.body.begin});
    }
    // A unit annotation closes a measure; a paragraph after it may belong to
    // the chapter or the document rather than to this measure.
    std::size_t last = 0;
    for (const Range& a : slot.annotations) last = std::max(last, a.end);
    if (last == 0 || !slot.cells.empty()) continue;
    const std::size_t next_line = s.find('\n', last);
    if (next_line == std::string_view::npos || next_line >= slot.range.end) continue;
    const std::string_view rest = trim(view(s, {next_line, slot.range.end}));
    if (rest.empty()) continue;
    bool annotated = false;  // the rest is only more unit lines
    for (const Range& a : slot.annotations) annotated = annotated || a.begin >= next_line;
    if (annotated) continue;
    const std::size_t at = static_cast<std::size_t>(rest.data() - s.data());
    doc.diagnose("outline.trailing_text", Severity::info,
                 "text after the unit annotation of measure " + slot.measure->id +
                     " is kept with it but may belong to the chapter or the document",
                 {at, at + rest.size()});
  }
}

}  // namespace taizhang::detail
