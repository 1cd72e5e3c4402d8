#include "outline/lines.hpp"
#include "outline/tables.hpp"

#include "text/scan.hpp"
#include "text/words.hpp"

#include <algorithm>
#include <string>
#include <utility>

namespace taizhang::detail {

namespace {

std::string_view view(std::string_view s, Range r) { return s.substr(r.begin, r.end - r.begin); }

}  // namespace

void reclassify_numbered_item(std::string_view s, VLine& line, int expected) {
  std::size_t i = line.r.begin;
  auto n = read_small_number(s.substr(0, line.r.end), i);
  if (!n || *n != expected || i >= line.r.end || s[i] != '.') return;
  if (i + 1 >= line.r.end || !is_ascii_digit(static_cast<unsigned char>(s[i + 1]))) return;
  line.kind = LineKind::heading;
  line.style = MarkerStyle::arabic_dot;
  line.number = expected;
  line.marker = {line.r.begin, i + 1};
  line.title = {i + 1, line.r.end};
}

int style_rank(MarkerStyle style) noexcept {
  switch (style) {
    case MarkerStyle::chapter_zhang: return 0;
    case MarkerStyle::chapter_jie: return 1;
    case MarkerStyle::article_tiao: return 2;
    case MarkerStyle::cn_dun: return 3;
    case MarkerStyle::paren_cn: return 4;
    case MarkerStyle::arabic_dot: return 5;
    case MarkerStyle::paren_arabic: return 6;
    case MarkerStyle::circled: return 7;
    case MarkerStyle::table_row: return 8;
    case MarkerStyle::none: return 9;
  }
  return 9;
}

// Four digits of a plausible year and 年 at v[i] (2016年).
bool year_follows(std::string_view v, std::size_t i, std::size_t e) {
  if (e < past_word(i + 4, "年")) return false;
  int y = 0;
  for (std::size_t k = i; k < i + 4; ++k) {
    if (!is_ascii_digit(static_cast<unsigned char>(v[k]))) return false;
    y = y * 10 + (v[k] - '0');
  }
  return y >= 1949 && y <= 2100 && starts_with_at(v, i + 4, "年");
}

void classify_heading(std::string_view s, VLine& line) {
  const std::size_t b = line.r.begin, e = line.r.end;
  if (b >= e) return;
  std::string_view v = s.substr(0, e);  // never read past the line
  std::size_t i = b;
  auto set = [&](MarkerStyle st, long n, std::size_t marker_end) {
    line.kind = LineKind::heading;
    line.style = st;
    line.number = static_cast<int>(n);
    line.marker = {b, marker_end};
    Range t{marker_end, e};
    std::string_view tv = trim(v.substr(t.begin, t.end - t.begin));
    line.title = tv.empty() ? Range{e, e}
                            : Range{static_cast<std::size_t>(tv.data() - s.data()),
                                    static_cast<std::size_t>(tv.data() - s.data()) + tv.size()};
  };
  // 第X章 / 第X节 / 第X条
  if (starts_with_at(v, i, "第")) {
    std::size_t j = past_word(i, "第");
    auto n = read_small_number(v, j);
    if (n && *n > 0 && *n < 1000) {
      for (const auto& [word, style] : {std::pair{"章", MarkerStyle::chapter_zhang},
                                        std::pair{"节", MarkerStyle::chapter_jie},
                                        std::pair{"条", MarkerStyle::article_tiao}})
        if (skip_word(v, j, word)) return set(style, *n, j);
    }
    return;
  }
  // (一) / (1)
  if (v[i] == '(') {
    std::size_t j = i + 1;
    const bool arabic = j < e && is_ascii_digit(static_cast<unsigned char>(v[j]));
    auto n = read_small_number(v, j);
    if (n && *n > 0 && *n < 1000 && j < e && v[j] == ')')
      return set(arabic ? MarkerStyle::paren_arabic : MarkerStyle::paren_cn, *n, j + 1);
    return;
  }
  // ① … ⑳
  {
    std::size_t j = i;
    char32_t c = next_cp(v, j);
    if (c >= U'①' && c <= U'⑳') return set(MarkerStyle::circled, c - U'①' + 1, j);
  }
  // 一、 / 1. 1、 1．(folded to '.')
  std::size_t j = i;
  const bool arabic = is_ascii_digit(static_cast<unsigned char>(v[j]));
  auto n = read_small_number(v, j);
  if (!n || *n <= 0 || *n >= 1000) return;
  if (skip_word(v, j, "、")) return set(arabic ? MarkerStyle::arabic_dot : MarkerStyle::cn_dun, *n, j);
  // "1﹒": the small full stop (U+FE52), a compatibility form of '.' that
  // the fold leaves alone (it folds full-width forms only).
  if (arabic && skip_word(v, j, "﹒")) return set(MarkerStyle::arabic_dot, *n, j);
  if (arabic && j < e && v[j] == '.') {
    // "1.5万" is a number: a digit right after the dot is not a heading,
    // unless it begins a year (1.2016年底前…: an item opening with its date,
    // as crawled pages run them together).
    if (j + 1 < e && is_ascii_digit(static_cast<unsigned char>(v[j + 1])) && !year_follows(v, j + 1, e)) return;
    return set(MarkerStyle::arabic_dot, *n, j + 1);
  }
}

namespace {
bool own_rank_set(const VLine& own) { return own.kind == LineKind::heading; }

// How far the scan of split_running_text may step over the character whose
// first byte is b without looking at it, while no sentence has just ended:
// its length, or 0 for the characters that open or close a bracket or end
// a sentence (the folded text has ASCII for the full-width forms; 。【】〔〕《》
// start with E3, “” with E2, and the unfolded full-width forms with EF).
// Most of a line is Han characters, which this skips three bytes at a time
// instead of decoding each and comparing it with sixteen punctuation marks.
struct QuietSteps {
  unsigned char step[256];
  constexpr QuietSteps() : step{} {
    for (int b = 0; b < 256; ++b) step[b] = b < 0x80 ? 1 : b < 0xC0 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
    for (unsigned char b : {'(', ')', '[', ']', ';', ':', '!', '?'}) step[b] = 0;
    for (int b : {0xE2, 0xE3, 0xEF}) step[b] = 0;
  }
};
constexpr QuietSteps kQuiet;

void split_running_text_into(std::string_view s, Range line, bool running, std::vector<Range>& parts);

// What a character is to split_running_text: a space, a bracket that opens
// or closes, a sentence end, or none of them (one switch, not a chain of
// sixteen comparisons per character).
enum class RunningMark { none, space, open, close, end };
RunningMark running_mark(char32_t c) noexcept {
  switch (c) {
    case U' ': case U'\t':
      return RunningMark::space;
    case U'(': case U'（': case U'【': case U'〔': case U'[': case U'《': case U'“':
      return RunningMark::open;
    case U')': case U'）': case U'】': case U'〕': case U']': case U'》': case U'”':
      return RunningMark::close;
    case U'。': case U'；': case U';': case U'：': case U':': case U'！': case U'!': case U'？': case U'?':
      return RunningMark::end;
    default:
      return RunningMark::none;
  }
}

// Can classify_heading find a marker at s[i]? Only where 第, '(', a circled
// number, an Arabic digit or a Chinese numeral starts: most sentence ends are
// followed by none of them, and the test is far cheaper than the reading.
bool may_open_heading(std::string_view s, std::size_t i) {
  const auto b = static_cast<unsigned char>(s[i]);
  if (b < 0x80) return b == '(' || is_ascii_digit(b);
  std::size_t k = i;
  const char32_t c = next_cp(s, k);
  return c == U'第' || (c >= U'①' && c <= U'⑳') || cn_digit(c) >= 0 || c == U'十' || c == U'百' || c == U'千';
}
}  // namespace

std::vector<Range> split_running_text(std::string_view s, Range line, bool running) {
  std::vector<Range> parts;
  split_running_text_into(s, line, running, parts);
  return parts;
}

namespace {

void split_running_text_into(std::string_view s, Range line, bool running, std::vector<Range>& parts) {
  std::size_t begin = line.begin;
  std::optional<int> last[10];  // last number cut at, per style rank
  VLine own;
  own.r = line;
  classify_heading(s, own);
  if (own.kind == LineKind::heading) last[style_rank(own.style)] = own.number;
  int depth = 0;
  std::size_t opened = line.begin;
  bool after_end = false;  // the previous non-blank character ends a sentence
  // In running text a heading's short title runs straight into the first
  // item under it (二、主要任务（一）棚户区改造工程。, or （四） where the items
  // are numbered through the chapters): that item cuts there too.
  bool in_title = own.kind == LineKind::heading;
  // The title starts after the part's own marker: "11." is not "1" + "1.".
  std::size_t title_begin = own.kind == LineKind::heading ? own.marker.end : line.begin;
  for (std::size_t i = line.begin; i < line.end;) {
    if (!after_end && !(running && in_title)) {
      // Nothing can cut before the next bracket or sentence end.
      while (i < line.end && kQuiet.step[static_cast<unsigned char>(s[i])] != 0)
        i += kQuiet.step[static_cast<unsigned char>(s[i])];
      if (i >= line.end) break;
    }
    const bool title_end = running && in_title && depth == 0 && i > title_begin && i - begin <= han_bytes(24);
    if ((after_end || title_end) && depth == 0 && i > begin && may_open_heading(s, i)) {
      VLine at;
      at.r = {i, line.end};
      classify_heading(s, at);
      if (at.kind == LineKind::heading && at.number && at.style != MarkerStyle::table_row) {
        const int rank = style_rank(at.style);
        const bool next = last[rank] && *at.number == *last[rank] + 1;
        const bool same_style = own.kind == LineKind::heading && at.style == own.style;
        const bool cut = after_end ? (running && (next || *at.number == 1)) || (!running && same_style && next)
                                   : (*at.number == 1 || next) && (!own_rank_set(own) || rank > style_rank(own.style));
        if (cut) {
          parts.push_back(trim_range(s, {begin, i}));
          begin = i;
          last[rank] = at.number;
          in_title = true;
          title_begin = at.marker.end;
        }
      }
    }
    std::size_t k = i;
    const RunningMark mark = running_mark(next_cp(s, k));
    if (mark == RunningMark::space) {
      i = k;
      continue;
    }
    if (mark == RunningMark::open) {
      depth = std::min(depth + 1, 1000);
      opened = i;
    }
    // A closing bracket ends a note ("（牵头单位：…）"), not a marker's own
    // short bracket ("（一）", "（12）").
    const bool close = mark == RunningMark::close;
    if (close && depth > 0) --depth;
    after_end = (close && i - opened > 12) || mark == RunningMark::end;
    // A title may have two clauses (建立健全监管体系，加强行业管理): a comma
    // does not end it, the 24-character window does.
    if (after_end) in_title = false;
    i = k;
  }
  parts.push_back(trim_range(s, {begin, line.end}));
}

}  // namespace

namespace {

// Lines as the text has them, trimmed.
std::vector<Range> raw_lines(std::string_view s) {
  std::vector<Range> raw;
  for (std::size_t b = 0; b <= s.size();) {
    std::size_t e = s.find('\n', b);
    if (e == std::string_view::npos) e = s.size();
    raw.push_back(trim_range(s, {b, e}));
    if (e == s.size()) break;
    b = e + 1;
  }
  return raw;
}

class LineSplitter {
 public:
  explicit LineSplitter(std::string_view s) : s_(s), raw_(raw_lines(s)) {}

  std::vector<VLine> run() {
    running_ = is_running_text();
    std::size_t seen = 0;
    Range previous{0, 0};  // the last non-blank piece of text
    for (std::size_t i = 0; i < raw_.size();) {
      if (is_table_header(raw_[i])) {
        i = read_table(i);
        continue;
      }
      // A page without line breaks: its envelope runs into the body too;
      // a page with them may still have lost a few inside the envelope.
      if (raw_[i].empty()) {
        push_text(raw_[i]);
        ++i;
        continue;
      }
      ++seen;
      const std::vector<Range> pieces =
          running_ ? split_running_envelope(s_, raw_[i], seen <= 2)
                   : split_glued_envelope(s_, raw_[i], seen <= 6, view(s_, previous));
      for (const Range& piece : pieces) push_text(trim_range(s_, piece));
      previous = pieces.back();
      ++i;
    }
    for (auto& l : out_) classify(l);
    return std::move(out_);
  }

 private:
  // ---- plain text ----

  // A page whose text has no paragraph breaks: a title line, then one long
  // line holding the whole outline.
  // One long paragraph in an ordinary document is not such a page: the
  // longest line must hold most of the text.
  bool is_running_text() const {
    std::size_t total = 0, longest = 0;
    for (const Range& r : raw_) {
      total += r.end - r.begin;
      longest = std::max(longest, r.end - r.begin);
    }
    return longest >= kRunningLine && 2 * longest >= total;
  }

  void push_text(Range r) {
    parts_.clear();  // reused: one allocation for the document, not one per line
    split_running_text_into(s_, r, running_, parts_);
    for (const Range& part : parts_) push(part, Column::none);
  }

  void push(Range r, Column c, bool sub_row = false) {
    VLine l;
    l.r = r;
    l.column = c;
    l.kind = r.empty() ? LineKind::blank : LineKind::text;
    l.sub_row = sub_row;
    out_.push_back(l);
  }

  void push_header(Range r) {
    push(r, Column::serial);
    out_.back().kind = LineKind::envelope;  // a header row is no part of any measure
  }

  // ---- tables ----

  // "序号 | …", "| 序号 | …", "序 号": the header row of a task table.
  bool is_table_header(Range r) const {
    // Only the title's opening counts: a '|' and 序号. A joined title opens
    // with the line's first character that is not a space: most lines are
    // told apart by it without joining their opening.
    std::string_view v = view(s_, r);
    while (!v.empty() && (v[0] == ' ' || v[0] == '\t' || v[0] == '\n' || v[0] == '\r')) v.remove_prefix(1);
    if (!v.empty() && v[0] != '|' && !v.starts_with("序") && !v.starts_with("\u3000") && !v.starts_with("\u00A0"))
      return false;
    const std::string opening = join_title_prefix(view(s_, r), 1 + std::string_view("序号").size());
    std::string_view h = opening;
    if (!h.empty() && h.front() == '|') h.remove_prefix(1);
    return h.starts_with("序号");
  }

  std::size_t read_table(std::size_t i) {
    const Range header = raw_[i];
    for (Separator sep : {Separator::pipe, Separator::spaces}) {
      std::vector<Range> cells = split_cells(s_, header, sep);
      if (sep == Separator::pipe && view(s_, header).find('|') == std::string_view::npos) continue;
      std::size_t nonempty = 0;
      for (const Range& c : cells) nonempty += !c.empty();
      if (nonempty < 3) continue;
      std::vector<Column> columns;
      for (const Range& c : cells) columns.push_back(c.empty() ? Column::note : column_from_header(view(s_, c)));
      push_header(header);
      return read_row_lines(i + 1, columns, sep);
    }
    return read_cell_lines(i);
  }

  // One row per line: every following line that splits into two or more
  // cells (blank lines between rows allowed).
  std::size_t read_row_lines(std::size_t i, const std::vector<Column>& columns, Separator sep) {
    const bool closed = sep == Separator::pipe && view(s_, raw_[i - 1]).back() == '|';
    while (i < raw_.size()) {
      if (raw_[i].empty()) {
        std::size_t k = i;
        while (k < raw_.size() && raw_[k].empty()) ++k;
        if (k == raw_.size() || split_cells(s_, raw_[k], sep).size() < 2) return i;
        for (; i < k; ++i) push(raw_[i], Column::none);
        continue;
      }
      if (sep == Separator::pipe && view(s_, raw_[i]).find('|') == std::string_view::npos) return i;
      // Rows closed by '|' (as the header is) run over lines until one ends
      // in '|': a cell holding several units each on its own line.
      Range row = raw_[i++];
      while (closed && view(s_, row).back() != '|' && i < raw_.size() && !raw_[i].empty() && row.end - row.begin < 4000)
        row.end = raw_[i++].end;
      std::vector<Range> cells = split_cells(s_, row, sep);
      if (cells.size() < 2) return i - 1;
      push_row(cells, columns);
    }
    return i;
  }

  void push_row(const std::vector<Range>& cells, const std::vector<Column>& columns) {
    const bool serial = !cells.empty() && serial_cell(view(s_, cells.front())).has_value();
    // A row whose 序号 cell is empty or merged away is a sub-row.
    std::vector<Range> row = cells;
    if (!serial && !row.empty() && row.front().empty()) row.erase(row.begin());
    const std::vector<Column> cols = assign_columns(columns, row.size(), serial);
    bool first_task = !serial;
    for (std::size_t k = 0; k < row.size(); ++k) {
      if (row[k].empty()) continue;
      Column c = k < cols.size() ? cols[k] : Column::note;
      const bool sub_row = first_task && c == Column::task;
      if (c == Column::task) first_task = false;
      if (c == Column::task || c == Column::serial) {
        push(row[k], c, sub_row);
        continue;
      }
      // A unit or date cell over several lines: one cell per line.
      for (std::size_t b = row[k].begin; b < row[k].end;) {
        const std::size_t e = line_end_within(s_, b, row[k].end);
        const Range part = trim_range(s_, {b, e});
        if (!part.empty()) push(part, c);
        b = e + 1;
      }
    }
  }

  // One cell per line: 序号, then the header words, then rows that start at
  // a 序号 cell. A cell ending in '|' marks its end where a cell runs over
  // several lines; a row with more lines than columns holds several units
  // in one cell.
  std::size_t read_cell_lines(std::size_t i) {
    const bool piped = view(s_, raw_[i]).back() == '|';
    std::vector<Column> columns{Column::serial};
    push_header(raw_[i++]);
    for (; i < raw_.size(); ++i) {
      if (raw_[i].empty()) continue;
      std::string_view c = view(s_, raw_[i]);
      if (serial_cell(c) || !is_header_word(c)) break;
      columns.push_back(column_from_header(c));
      push_header(raw_[i]);
    }
    if (columns.size() < 2) return i;
    const std::size_t width = columns.size() - 1;
    while (i < raw_.size()) {
      std::size_t k = i;
      while (k < raw_.size() && raw_[k].empty()) ++k;
      if (k == raw_.size() || !serial_cell(view(s_, raw_[k]))) return i;
      for (; i < k; ++i) push(raw_[i], Column::none);
      std::vector<Range> cells{raw_[i++]};
      // Cells up to the next 序号 cell; at most three lines per column, so a
      // text after the table is not read as one endless row.
      while (i < raw_.size() && cells.size() <= 3 * width) {
        if (raw_[i].empty()) { ++i; continue; }
        if (serial_cell(view(s_, raw_[i]))) break;
        Range cell = raw_[i++];
        while (piped && view(s_, cell).back() != '|' && i < raw_.size() && !raw_[i].empty()) cell.end = raw_[i++].end;
        if (view(s_, cell).back() == '|') cell = trim_range(s_, {cell.begin, cell.end - 1});
        cells.push_back(cell);
      }
      if (cells.size() > 3 * width) {
        // The table ended inside this row: keep one cell per column.
        cells.resize(width + 1);
        push_row(cells, columns);
        return rewind_to(cells.back().end);
      }
      push_row(cells, columns);
    }
    return i;
  }

  // The raw line index just after folded offset `end`. The lines start in
  // increasing order: a binary search, not a count from the first line for
  // every table that ends inside a row.
  std::size_t rewind_to(std::size_t end) const {
    const auto k = std::partition_point(raw_.begin(), raw_.end(), [end](const Range& r) { return r.begin < end; });
    return static_cast<std::size_t>(k - raw_.begin());
  }

  // ---- classification ----

  void classify(VLine& l) const {
    if (l.kind != LineKind::text) return;
    if (l.sub_row) {
      // A sub-row without 序号: a row heading with no number.
      l.kind = LineKind::heading;
      l.style = MarkerStyle::table_row;
      l.marker = {l.r.begin, l.r.begin};
      l.title = l.r;
      return;
    }
    if (l.column == Column::none || l.column == Column::task) classify_heading(s_, l);
    if (l.column == Column::serial) {
      if (auto n = serial_cell(view(s_, l.r))) {
        l.kind = LineKind::heading;
        l.style = MarkerStyle::table_row;
        l.number = *n;
        l.marker = l.r;
        l.title = {l.r.end, l.r.end};
      }
    }
  }

  static constexpr std::size_t kRunningLine = 600;  // bytes: ~200 characters on one line

  std::string_view s_;
  std::vector<Range> raw_;
  std::vector<VLine> out_;
  std::vector<Range> parts_;  // the pieces of the line at hand
  bool running_ = false;
};

}  // namespace

std::vector<VLine> split_lines(const Text& text) { return LineSplitter(text.folded()).run(); }

}  // namespace taizhang::detail
