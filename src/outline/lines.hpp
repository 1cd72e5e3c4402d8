// Outline stage, internal: the document as a sequence of virtual lines
// (text lines, or cells of a flattened table), each classified once.
#pragma once

#include "pipeline.hpp"

#include <optional>
#include <string_view>
#include <vector>

namespace taizhang::detail {

enum class LineKind { blank, chrome, envelope, heading, text };

struct VLine {
  Range r;                      // trimmed, folded
  Column column = Column::none; // table column, when the line is a cell
  LineKind kind = LineKind::text;
  MarkerStyle style = MarkerStyle::none;
  std::optional<int> number;
  Range marker;                 // the heading marker ("1." "（一）")
  Range title;                  // the rest of the heading line
  bool sub_row = false;         // a table row's first task cell, the row having no 序号
};

// Splits the folded text into lines and flattened-table cells.
std::vector<VLine> split_lines(const Text& text);

// A line cut where a heading marker follows a sentence end (。；：！？ or a
// closing bracket) outside brackets: crawled pages often have no paragraph
// breaks. In running text (`running`) every marker that starts or continues
// a numbering sequence cuts; elsewhere only the next item of the line's own
// numbering does ("…。15.…" after "14."). Numbers inside sentences (第1.5倍,
// 1.2亿元) and markers cited mid-sentence (依照（一）项) never cut.
std::vector<Range> split_running_text(std::string_view folded, Range line, bool running);

// The envelope of a page without line breaks (src/outline/envelope.cpp):
// on one of its first lines (`first`) the title, the 发文字号 and the 主送机关
// run into the body (…若干意见国发〔2011〕12号各省、…：稀土是…); after a
// sentence the 署名 and 成文日期 close the text or a cover notice
// (…落到实处。国务院二○一一年五月十日). Each becomes a line of its own.
std::vector<Range> split_running_envelope(std::string_view folded, Range line, bool first);

// The envelope of a page with line breaks where a copy lost some of them:
// GB/T 9704 sets the 发文字号, the 主送机关, the 成文日期 and a title each on
// a line of their own. On one of the first lines (`head`) a title or a
// 发文字号 run into the 主送机关 (…的通知各市人民政府，…： / 冀政办字〔2017〕73号
// 各市…：); after a 署名 line (the `previous` non-blank piece of text) a
// 成文日期 run into the plan's title (2023年3月24日青川市…行动方案). Each
// becomes a line of its own.
std::vector<Range> split_glued_envelope(std::string_view folded, Range line, bool head, std::string_view previous);

// One 署名 line: one body's name, or the names of several bodies run
// together (a joint issue, 联合行文: 青川市财政局青川市商务局). Empty when the
// line is neither; else the bodies in order.
std::vector<std::string_view> signature_bodies(std::string_view line);

// Recognises a heading marker at the start of a line; fills style, number,
// marker and title and sets kind = heading.
void classify_heading(std::string_view folded, VLine& line);

// "N.2022年…": a line that starts with the expected next item number N, a
// dot, and a digit is heading N after all (classify_heading reads "3.2022"
// as a decimal number and leaves it text).
void reclassify_numbered_item(std::string_view folded, VLine& line, int expected);

// Rank of a marker style in GB/T 9704 precedence (smaller = higher level).
int style_rank(MarkerStyle style) noexcept;

}  // namespace taizhang::detail
