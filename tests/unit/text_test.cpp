// Text layer: UTF-8 validation, width folding, offset maps, Traditional input.
#include "text/punctuation.hpp"
#include "text/scan.hpp"
#include "text/text.hpp"
#include "text/tsv.hpp"
#include "text/words.hpp"

#include <taizhang/parser.hpp>

#include <gtest/gtest.h>

using taizhang::detail::Text;

TEST(Utf8, AcceptsValidAndNamesTheFirstBadByte) {
  EXPECT_EQ(taizhang::detail::find_invalid_utf8("abc 中文 😀"), std::string_view::npos);
  struct Case {
    std::string bytes;
    std::size_t offset;
  } cases[] = {
      {"ab\xFF", 2},               // never valid
      {"中\xE4\xB8", 3},           // truncated sequence
      {"\xC0\xAF", 0},             // overlong '/'
      {"x\xED\xA0\x80", 1},        // UTF-16 surrogate
      {"\xF4\x90\x80\x80", 0},     // above U+10FFFF
      {"ok\x80", 2},               // lone continuation byte
      {"\xE4\xB8\x41", 0},         // bad continuation
  };
  for (const auto& c : cases) {
    EXPECT_EQ(taizhang::detail::find_invalid_utf8(c.bytes), c.offset) << c.bytes;
    try {
      Text t(c.bytes);
      ADD_FAILURE() << "accepted invalid UTF-8";
    } catch (const taizhang::Error& e) {
      EXPECT_EQ(e.code(), taizhang::ErrorCode::invalid_utf8);
      EXPECT_EQ(e.byte_offset(), c.offset);
      EXPECT_NE(std::string(e.what()).find("byte offset " + std::to_string(c.offset)), std::string::npos);
    }
  }
}

TEST(Fold, FullWidthAsciiAndIdeographicSpace) {
  Text t("（一）１２月：ＡＢ　x");
  EXPECT_EQ(t.folded(), "(一)12月:AB x");
  // Every folded byte maps to the start of its original character.
  EXPECT_EQ(t.to_original(0), 0u);   // （
  EXPECT_EQ(t.to_original(1), 3u);   // 一 (3 bytes) after （ (3 bytes)
  EXPECT_EQ(t.original_slice(4, 5), "）");
  const auto span = t.span(1, 4);    // 一
  EXPECT_EQ(span.start, 1u);
  EXPECT_EQ(span.end, 2u);
  EXPECT_EQ(span.byte_start, 3u);
  EXPECT_EQ(span.byte_end, 6u);
}

TEST(Fold, BomAndLineEnds) {
  Text t("\xEF\xBB\xBF" "a\r\nb\rc\n");
  EXPECT_EQ(t.folded(), "a\nb\nc\n");
  EXPECT_EQ(t.to_original(0), 3u);  // after the BOM
  EXPECT_EQ(std::string(t.original_slice(0, 2)), "a\r\n");
  EXPECT_EQ(t.span(0, 1).start, 1u);  // the BOM is a code point of the input
}

TEST(Fold, CodePointOffsetsOutsideTheBmp) {
  std::string s = "😀𠀀中";  // 4 + 4 + 3 bytes
  for (int k = 0; k < 200; ++k) s += "字";  // past a checkpoint stride
  s += "尾";
  Text t(s);
  EXPECT_EQ(t.code_point(4), 1u);
  EXPECT_EQ(t.code_point(8), 2u);
  EXPECT_EQ(t.code_point(s.size()), 204u);
}

// A text holding 𠀋 (U+2000B: four UTF-8 bytes, one code point, two UTF-16
// units) before and inside the spans, and past a checkpoint stride: byte,
// code-point and UTF-16 offsets all slice out the same characters.
TEST(Fold, SpansSliceTheSameTextInBytesCodePointsAndUtf16) {
  std::string s = "𠀋甲\n";
  for (int k = 0; k < 120; ++k) s += "𠀋字";
  const std::size_t from = s.size();
  s += "云溪县𠀋路";
  Text t(s);
  const taizhang::Span span = t.span(from, s.size());
  const std::string bytes = s.substr(span.byte_start, span.byte_end - span.byte_start);
  EXPECT_EQ(bytes, "云溪县𠀋路");
  // Decode to code points, then to UTF-16 units, and slice each by its offsets.
  std::u32string cps;
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    const std::size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    char32_t cp = len == 1 ? c : c & (0xFF >> (len + 1));
    for (std::size_t k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    cps.push_back(cp);
    i += len;
  }
  std::u16string units;
  for (char32_t cp : cps) {
    if (cp < 0x10000) {
      units.push_back(static_cast<char16_t>(cp));
    } else {
      units.push_back(static_cast<char16_t>(0xD800 + ((cp - 0x10000) >> 10)));
      units.push_back(static_cast<char16_t>(0xDC00 + ((cp - 0x10000) & 0x3FF)));
    }
  }
  EXPECT_EQ(cps.substr(span.start, span.end - span.start), U"云溪县𠀋路");
  EXPECT_EQ(units.substr(span.utf16_start, span.utf16_end - span.utf16_start), u"云溪县𠀋路");
  EXPECT_EQ(span.start, 3u + 240u);
  EXPECT_EQ(span.utf16_start, 4u + 360u);
  EXPECT_EQ(span.utf16_end - span.utf16_start, 6u);
}

TEST(Traditional, DetectedAndMatchedAsSimplified) {
  const std::string trad = "牽頭單位：市發展改革委\n責任單位：市財政局\n關於印發實施方案的通知";
  Text t(trad);
  EXPECT_TRUE(t.traditional());
  EXPECT_NE(t.folded().find("牵头单位"), std::string_view::npos);
  EXPECT_NE(t.folded().find("关于印发"), std::string_view::npos);
  // Spans still slice the original characters.
  const auto p = t.folded().find("牵头单位");
  EXPECT_EQ(t.original_slice(p, p + 12), "牽頭單位");
  Text simp("牵头单位：市发展改革委\n责任单位：市财政局");
  EXPECT_FALSE(simp.traditional());
}

TEST(Scan, SmallNumbersAndDates) {
  using taizhang::detail::read_small_number;
  struct Case {
    std::string s;
    long v;
  } cases[] = {{"一", 1}, {"十", 10}, {"十二", 12}, {"二十九", 29}, {"一百零五", 105},
               {"二〇二二", 2022}, {"66", 66}, {"两千", 2000}};
  for (const auto& c : cases) {
    std::size_t i = 0;
    auto v = read_small_number(c.s, i);
    ASSERT_TRUE(v) << c.s;
    EXPECT_EQ(*v, c.v) << c.s;
    EXPECT_EQ(i, c.s.size());
  }
  std::size_t i = 0;
  EXPECT_FALSE(read_small_number("年", i));
  auto d = taizhang::detail::whole_line_date("  2022年4月13日 ");
  ASSERT_TRUE(d);
  EXPECT_EQ(d->y, 2022);
  EXPECT_EQ(d->m, 4);
  EXPECT_EQ(d->d, 13);
  EXPECT_TRUE(taizhang::detail::whole_line_date("二〇二二年四月十三日"));
  EXPECT_FALSE(taizhang::detail::whole_line_date("2022年4月13日前完成"));
}

TEST(JoinTitle, RemovesWrapSpacesKeepsAsciiWords) {
  using taizhang::detail::join_title;
  EXPECT_EQ(join_title("关于印发…的\n通 知"), "关于印发…的通知");
  EXPECT_EQ(join_title("Smart City 建设"), "Smart City建设");
  EXPECT_EQ(join_title("主  要  工  作  任  务"), "主要工作任务");
}

// Rule tables: comments, blank lines and `# general:` explanations
// (docs/design.md, "Rules as data") are skipped; fields keep their text.
TEST(Tsv, SkipsCommentsAndExplanations) {
  const auto rows = taizhang::detail::tsv_rows(
      "# word\trole\n"
      "\n"
      "# general: a closed word class\n"
      "个\tcount\r\n"
      "万元\t元\t10000\n"
      "\n"
      "#general:no space\n"
      "末行");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0], (std::vector<std::string_view>{"个", "count"}));
  EXPECT_EQ(rows[1], (std::vector<std::string_view>{"万元", "元", "10000"}));
  EXPECT_EQ(rows[2], (std::vector<std::string_view>{"末行"}));
}

// The boundaries every stage stops at (text/punctuation.hpp): ； ends a clause
// and a statement, never a sentence; 、 ends none; the line ends a sentence.
TEST(Punctuation, SentenceClauseAndStatementEnds) {
  using namespace taizhang::detail;
  for (char32_t c : {U'。', U'！', U'？', U'!', U'?', U'\n'}) {
    EXPECT_TRUE(is_sentence_end(c));
    EXPECT_TRUE(is_statement_end(c));
    EXPECT_TRUE(is_clause_end(c));
    EXPECT_FALSE(is_clause_pause(c));
  }
  for (char32_t c : {U'；', U';'}) {
    EXPECT_FALSE(is_sentence_end(c));
    EXPECT_TRUE(is_statement_end(c));
    EXPECT_TRUE(is_clause_pause(c));
  }
  for (char32_t c : {U'，', U',', U'：', U':'}) {
    EXPECT_TRUE(is_clause_end(c));
    EXPECT_FALSE(is_statement_end(c));
  }
  for (char32_t c : {U'、', U'|', U' ', U'的', char32_t{0}}) {
    EXPECT_FALSE(is_clause_end(c));
    EXPECT_FALSE(is_statement_end(c));
  }
}

// Words are skipped and cut by name (text/words.hpp), never past the text.
TEST(Words, SkipCutAndMatchByName) {
  using namespace taizhang::detail;
  const std::string_view s = "市发改委会同市财政局负责";
  std::size_t at = s.find("会同");
  EXPECT_FALSE(skip_word(s, at, "负责"));
  EXPECT_EQ(at, s.find("会同"));
  EXPECT_TRUE(skip_word(s, at, "会同"));
  EXPECT_EQ(s.substr(at), "市财政局负责");
  EXPECT_EQ(past_word(s.find("会同"), "会同"), at);
  EXPECT_TRUE(ends_with_at(s, at, "会同"));
  EXPECT_FALSE(ends_with_at(s, 2, "会同"));          // would start before the text
  EXPECT_FALSE(ends_with_at(s, s.size() + 1, "责"));  // past its end
  std::size_t end = s.size();
  EXPECT_FALSE(skip_word(s, end, "负责"));
  std::string_view v = "由市发改委等";
  EXPECT_TRUE(cut_prefix_word(v, "由"));
  EXPECT_TRUE(cut_suffix_word(v, "等"));
  EXPECT_FALSE(cut_suffix_word(v, "等"));
  EXPECT_EQ(v, "市发改委");
  EXPECT_EQ(han_bytes(2), std::string_view("会同").size());
}
