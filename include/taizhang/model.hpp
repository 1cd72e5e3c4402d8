// taizhang — the document model: plain value types, no behaviour.
//
// Every field that comes from the text carries a Span into the ORIGINAL
// input (not the width-folded or Simplified view the rules match on).
// The model only grows: later pipeline stages add fields, never rename them
// (the JSON names in docs/json-format.md are a contract).
#pragma once

#include <taizhang/export.h>

#include <boost/date_time/gregorian/greg_date.hpp>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace taizhang {

// A half-open range of the original input, three ways: `start`/`end` count
// Unicode code points (Python str indices); `byte_start`/`byte_end` are UTF-8
// byte offsets (C, C++, Rust); `utf16_start`/`utf16_end` count UTF-16 code
// units (Java, JavaScript, C#), where a character outside the BMP is two.
//
// 32-bit offsets: a parse takes at most 4 GiB (the text layer refuses more),
// and the model holds a span in every object (some 90 000 on the reference
// plan repeated to 4 MB), so 24 bytes instead of 48 is 0.5x the input.
struct Span {
  std::uint32_t start = 0;
  std::uint32_t end = 0;
  std::uint32_t byte_start = 0;
  std::uint32_t byte_end = 0;
  std::uint32_t utf16_start = 0;
  std::uint32_t utf16_end = 0;

  bool empty() const noexcept { return end <= start; }
  friend bool operator==(const Span&, const Span&) = default;
};

// A piece of the document's text, as written: a measure's body, a
// milestone's clauses, a date or a target. Every Excerpt of one parse refers
// to a single shared copy of the input instead of copying its piece, so a
// measure's text, its milestones' texts and the ledger rows made from them
// cost 24 bytes each (a `std::string` copied the piece: 1.9x the input on
// the reference plan, docs/performance.md "Memory"). The copy lives as long
// as any Excerpt of it, so a Measure copied out of its Plan stays valid.
//
// Reads like a `std::string_view` (it converts to one). Built from a string
// (a hand-built model, from_json) it holds a copy of its own. Equality
// compares the characters, never where they are kept.
class Excerpt {
 public:
  Excerpt() = default;
  Excerpt(std::string_view text)
      : Excerpt(text.empty() ? nullptr : std::make_shared<const std::string>(text), 0, text.size()) {}
  Excerpt(const std::string& text) : Excerpt(std::string_view(text)) {}
  Excerpt(const char* text) : Excerpt(std::string_view(text)) {}
  // The piece [offset, offset + size) of `source` (clamped to it).
  Excerpt(std::shared_ptr<const std::string> source, std::size_t offset, std::size_t size) noexcept
      : source_(std::move(source)) {
    const std::size_t n = source_ ? source_->size() : 0;
    offset_ = static_cast<std::uint32_t>(offset < n ? offset : n);
    size_ = static_cast<std::uint32_t>(size < n - offset_ ? size : n - offset_);
  }

  std::string_view view() const noexcept {
    return source_ ? std::string_view(source_->data() + offset_, size_) : std::string_view();
  }
  operator std::string_view() const noexcept { return view(); }
  std::string str() const { return std::string(view()); }
  const char* data() const noexcept { return view().data(); }
  std::size_t size() const noexcept { return size_; }
  bool empty() const noexcept { return size_ == 0; }
  std::string_view::const_iterator begin() const noexcept { return view().begin(); }
  std::string_view::const_iterator end() const noexcept { return view().end(); }
  std::size_t find(std::string_view s, std::size_t pos = 0) const noexcept { return view().find(s, pos); }
  std::size_t rfind(std::string_view s, std::size_t pos = std::string_view::npos) const noexcept {
    return view().rfind(s, pos);
  }
  bool starts_with(std::string_view s) const noexcept { return view().starts_with(s); }
  bool ends_with(std::string_view s) const noexcept { return view().ends_with(s); }
  std::string_view substr(std::size_t pos, std::size_t n = std::string_view::npos) const {
    return view().substr(pos, n);
  }
  // The text this excerpt is a piece of, and where: for a parsed Plan, the
  // whole input (its byte offset is the span's byte_start).
  const std::shared_ptr<const std::string>& source() const noexcept { return source_; }
  std::size_t offset() const noexcept { return offset_; }

  friend bool operator==(const Excerpt& a, const Excerpt& b) noexcept { return a.view() == b.view(); }
  friend bool operator==(const Excerpt& a, std::string_view b) noexcept { return a.view() == b; }
  friend bool operator==(const Excerpt& a, const std::string& b) noexcept { return a.view() == b; }
  friend bool operator==(const Excerpt& a, const char* b) noexcept { return a.view() == b; }
  friend auto operator<=>(const Excerpt& a, const Excerpt& b) noexcept { return a.view() <=> b.view(); }
  friend std::string operator+(std::string a, const Excerpt& b) { return a.append(b.view()); }
  friend std::string operator+(const Excerpt& a, std::string_view b) { return a.str().append(b); }
  friend std::ostream& operator<<(std::ostream& os, const Excerpt& e) { return os << e.view(); }

 private:
  std::shared_ptr<const std::string> source_;
  // 32-bit: a parse takes at most 4 GiB (ParseOptions::max_input_bytes).
  std::uint32_t offset_ = 0;
  std::uint32_t size_ = 0;
};

enum class Severity { info, warning, error };

// Something the parser was unsure about, with the place a reviewer should
// look at. Codes are stable identifiers (docs/diagnostics.md).
struct Diagnostic {
  std::string code;
  Severity severity = Severity::warning;
  std::string message;
  Span span;

  friend bool operator==(const Diagnostic&, const Diagnostic&) = default;
};

// A responsible unit (责任单位) as the document means it.
struct Unit {
  std::string name;                      // prefix/suffix inherited: 市发改委
  Excerpt raw;                           // as written: 发改委
  std::optional<std::string> full_name;  // from the lexicon: 市发展和改革委员会
  bool collective = false;               // 各县区政府, …等有关部门
  Span span;                             // of `raw`

  friend bool operator==(const Unit&, const Unit&) = default;
};

// How a date expression is read.
enum class DeadlineKind {
  day,          // 6月30日前, 2019年12月31日
  month,        // 6月底前, 6月份, 6月前 (before June), 6月末
  month_part,   // 6月上旬/中旬/下旬
  quarter,      // 一季度, 二季度末前
  half_year,    // 上半年, 下半年, 年中
  year,         // 年底前, 年内, 2025年底, 到2025年
  relative,     // 印发之日起30日内, 本意见印发后3个月内
  range,        // 2019年1月1日至12月31日
  start,        // 从2019年起, 2020年起
  recurring,    // 每年2月底前, 每季度, 每月
  open_ended,   // 长期坚持, 持续推进, 常态化
  implied       // no date stated: due at the end of the plan year
};

// How often a recurring deadline comes round (每月 / 每季度 / 每半年 / 每年).
enum class Recurrence { none, monthly, quarterly, half_yearly, yearly };

// What a date mention does in its sentence. Only `deadline` makes milestones.
enum class DateRole {
  deadline,   // 6月底前，完成…
  start,      // 从2019年起实施
  reference   // 2000年底以前建成的小区, 按照2025年底…的标准, a cited document
};

struct Deadline {
  Excerpt text;       // as written (original characters)
  Span span;
  DeadlineKind kind = DeadlineKind::implied;
  DateRole role = DateRole::deadline;
  std::optional<boost::gregorian::date> start;  // first day of the period named
  std::optional<boost::gregorian::date> due;    // last day of the period named
  // The period of a recurring deadline (kind == recurring); start/due name
  // its first occurrence. `kind` alone says implied / recurring / open_ended.
  Recurrence every = Recurrence::none;

  friend bool operator==(const Deadline&, const Deadline&) = default;
};

enum class Comparator { eq, ge, le, approx, range };

// A quantitative target (量化指标).
struct Target {
  Excerpt text;                    // as written
  Span span;
  std::string subject;             // the thing counted: 5G基站建设规模
  std::optional<double> value;     // after scaling (5.7万户 → 57000)
  std::optional<double> low;       // ranges: 3—5家
  std::optional<double> high;
  std::string unit;                // without scale words: 户, %, 座/平方千米
  Comparator cmp = Comparator::eq;
  std::optional<double> baseline;  // 由71.2%提升至85% → 71.2
  bool aspirational = false;       // 力争, 争取
  bool cumulative = false;         // 累计
  bool increment = false;          // 新增
  bool growth = false;             // a growth rate: 增长6.2%左右

  friend bool operator==(const Target&, const Target&) = default;
};

// One dated commitment inside a measure (or a goal): a deadline and the
// clauses it governs.
struct Milestone {
  std::string id;  // stable across re-parses of the same text: "<measure id>#<k>"
                   // ("goal<k>#<n>" for a goal's horizon)
  Deadline deadline;
  Excerpt text;    // the clauses the deadline governs, as written
  Span span;
  // The targets this deadline governs, as indices into its measure's (or
  // goal's) `targets`, ascending: a target is stored once, in its owner, so
  // the two lists cannot disagree. milestone_targets() resolves them.
  std::vector<std::uint32_t> target_indices;

  friend bool operator==(const Milestone&, const Milestone&) = default;
};

// A leaf work item (措施 / 任务).
struct Measure {
  std::string id;                  // stable path in the outline: "2.4.25"
  std::optional<int> number;       // 25 for "25." / "（二十五）"; empty when unnumbered
  std::string marker;              // the marker as written: "25." "（二十五）"
  std::string title;               // first sentence
  Excerpt text;                    // full source text of the measure body
  Span span;
  std::vector<Unit> lead_units;    // 牵头
  std::vector<Unit> co_units;      // 配合 / 参与 / 责任 (when a lead is named)
  std::vector<std::string> leaders;  // 分管领导 / 责任领导: people, not units
  std::vector<Deadline> dates;     // every date mention, with its role
  std::vector<Milestone> milestones;
  std::vector<Target> targets;

  friend bool operator==(const Measure&, const Measure&) = default;
};

// A goal paragraph (总体要求 / 工作目标 / 主要目标 / 发展目标 … and their ——
// bullets, or a preamble paragraph stating a horizon): what the plan as a
// whole is to reach by when. Goals are not measures: no units, and
// all_measures() does not list them. A horizon (到2025年) is the due date of
// the targets in its sentence.
struct Goal {
  std::string id;                  // "goal<k>", k = 1, 2 … in document order
  std::string heading;             // the heading it sits under, as written: 主要目标
                                   // (empty for a preamble paragraph)
  Excerpt text;                    // the paragraph as written
  Span span;
  std::vector<Deadline> dates;     // every date mention, with its role
  std::vector<Milestone> milestones;  // one per stated horizon: ids "goal<k>#<n>"
  std::vector<Target> targets;     // every target of the paragraph, horizon or not

  friend bool operator==(const Goal&, const Goal&) = default;
};

struct Section {
  std::optional<int> number;
  std::string marker;
  std::string title;
  Span span;
  std::vector<Measure> measures;

  friend bool operator==(const Section&, const Section&) = default;
};

struct Chapter {
  std::optional<int> number;
  std::string marker;
  std::string title;
  Span span;
  std::vector<Section> sections;
  std::vector<Measure> measures;  // measures directly under the chapter

  friend bool operator==(const Chapter&, const Chapter&) = default;
};

// Heading marker styles, in GB/T 9704 order of precedence.
enum class MarkerStyle {
  none,             // unnumbered paragraph or sub-heading
  chapter_zhang,    // 第一章
  chapter_jie,      // 第一节
  cn_dun,           // 一、
  paren_cn,         // （一）
  arabic_dot,       // 1. 1、 1．
  paren_arabic,     // （1）
  circled,          // ①
  article_tiao,     // 第一条
  table_row         // a row of a flattened table (序号 column)
};

// What a node of the outline is in the semantic view.
// `other`: numbered but not a work item (principles, goals, indicator lists).
enum class NodeKind { chapter, section, measure, group, appendix, other };

// The generic outline: every heading with its marker, number and children.
struct OutlineNode {
  MarkerStyle style = MarkerStyle::none;
  NodeKind kind = NodeKind::other;
  std::string marker;
  std::optional<int> number;
  std::string title;
  Span span;  // heading line through the end of the node's text
  std::vector<OutlineNode> children;

  friend bool operator==(const OutlineNode&, const OutlineNode&) = default;
};

// 发文字号: 洛政〔2022〕17号
struct DocNumber {
  std::string text;    // as written
  std::string agency;  // 洛政
  std::optional<int> year;
  std::optional<int> serial;
  Span span;

  friend bool operator==(const DocNumber&, const DocNumber&) = default;
};

struct Plan {
  // Envelope (GB/T 9704).
  std::string issuer;                       // 发文机关
  std::string signatory;                    // 发文机关署名 above the date, as written
  std::optional<DocNumber> doc_number;      // 发文字号
  std::string notice_title;                 // 关于印发…的通知
  std::vector<std::string> recipients;      // 主送机关
  std::optional<boost::gregorian::date> signed_on;  // 成文日期
  std::string notice_text;                  // 正文 of the cover notice (现将…印发给你们…)
  std::vector<std::string> attachments;     // 附件说明 lines and 附件 markers, as written
  std::vector<std::string> remarks;         // 附注: （此件公开发布）, （联系人：…）
  std::string title;                        // the plan's own title
  std::string preamble;
  std::optional<int> plan_year;
  bool traditional = false;  // the input was Traditional Chinese

  std::vector<Chapter> chapters;
  std::vector<Measure> loose_measures;  // measures not under any chapter (all_measures() lists every one)
  std::vector<Goal> goals;        // goal paragraphs, in document order
  OutlineNode outline;            // root of the generic tree
  std::vector<Span> chrome;       // site chrome recognised and set aside
  std::vector<Diagnostic> diagnostics;

  friend bool operator==(const Plan&, const Plan&) = default;
};

// Every measure in document order (chapters, sections, then loose ones
// in the order they appear).
TAIZHANG_API std::vector<const Measure*> all_measures(const Plan& plan);

// The targets a milestone governs, in order: `owned` is the `targets` of the
// measure or goal that holds the milestone. An index past its end (a
// hand-built model) names no target and is skipped.
TAIZHANG_API std::vector<const Target*> milestone_targets(const std::vector<Target>& owned, const Milestone& milestone);

TAIZHANG_API const char* to_string(Severity) noexcept;
TAIZHANG_API const char* to_string(DeadlineKind) noexcept;
TAIZHANG_API const char* to_string(DateRole) noexcept;
TAIZHANG_API const char* to_string(Recurrence) noexcept;  // "none", "month", "quarter", "half_year", "year"
TAIZHANG_API const char* to_string(Comparator) noexcept;  // "=", ">=", "<=", "~", "range"
TAIZHANG_API const char* to_string(MarkerStyle) noexcept;
TAIZHANG_API const char* to_string(NodeKind) noexcept;

}  // namespace taizhang
