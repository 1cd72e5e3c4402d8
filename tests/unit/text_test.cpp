// Text layer: UTF-8 validation, width folding, offset maps, Traditional input.
#include "text/punctuation.hpp"
#include "text/scan.hpp"
#include "text/text.hpp"
#include "text/tsv.hpp"
#include "text/words.hpp"

#include <taizhang/parser.hpp>

#include <gtest/gtest.h>

#include <iterator>
#include <random>
#include <string>
#include <utility>
#include <vector>

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

// The fold counts the Traditional characters through a bit set of their
// second and third bytes, and the Simplified ones only when there are
// three Traditional ones: on random text (the listed characters, their
// neighbours that share those two bytes under another lead, other Han
// characters, punctuation, folds) it decides as a plain count of the two
// lists does (characters in both lists count for neither).
TEST(Traditional, DetectionAgreesWithAPlainCountOfTheLists) {
  const std::u32string trad_list(taizhang::detail::traditional_only_characters());
  const std::u32string simp_list(taizhang::detail::simplified_only_characters());
  auto in = [](const std::u32string& list, char32_t c) { return list.find(c) != std::u32string::npos; };
  std::vector<char32_t> pool(trad_list.begin(), trad_list.end());
  pool.insert(pool.end(), simp_list.begin(), simp_list.end());
  for (char32_t c : trad_list)
    for (char32_t lead_step : {0x1000u, 0x2000u, 0x3000u}) {
      const char32_t neighbour = c >= 0x4000 + lead_step ? c - lead_step : c + lead_step;  // same low 12 bits
      if (neighbour >= 0x4000 && neighbour < 0xA000) pool.push_back(neighbour);
    }
  for (char32_t c : U"的是在和要推广。、《》，　ａ1\n \r") pool.push_back(c);
  pool.pop_back();  // the terminating 0
  std::mt19937 rng(11);
  int traditional_texts = 0;
  for (int k = 0; k < 4000; ++k) {
    std::string s;
    std::size_t trad = 0, simp = 0;
    // Mostly short texts near the threshold of three, some long ones.
    const std::size_t length = k % 10 == 0 ? 300 + rng() % 300 : rng() % 30;
    for (std::size_t n = 0; n < length; ++n) {
      const char32_t c = pool[rng() % pool.size()];
      const bool t = in(trad_list, c), m = in(simp_list, c);
      trad += t && !m;
      simp += m && !t;
      taizhang::detail::append_utf8(s, c);
    }
    const bool expected = trad >= 3 && trad > 2 * simp;
    traditional_texts += expected;
    ASSERT_EQ(Text(s).traditional(), expected) << k << ": " << s;
    ASSERT_FALSE(Text(s, false).traditional()) << k;
  }
  EXPECT_GT(traditional_texts, 100);
}

// The offset map and the code point counts take shortcuts (runs of equal
// bytes skipped 8 at a time, the end of a span found from its start, byte
// lanes summed): here they are checked against the plain definition, on
// random text dense in every fold (full-width, U+3000, U+00A0, CR, CRLF, a
// BOM), characters outside the BMP and, in every other seed, enough
// Traditional characters for the text to be read as Traditional.
namespace {

struct Reference {
  std::vector<std::size_t> folded_of_char, original_of_char;  // starts, in pairing order
  std::vector<std::size_t> original_char_at;                  // per folded byte: its character's original start
};

std::size_t utf8_length(unsigned char lead) { return lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4; }

// Folded and original characters pair one to one after the BOM; CRLF is
// one character of the original.
Reference pair_characters(const Text& t) {
  Reference r;
  const std::string_view o = t.original(), f = t.folded();
  std::size_t i = o.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
  for (std::size_t j = 0; j < f.size();) {
    const std::size_t flen = utf8_length(static_cast<unsigned char>(f[j]));
    for (std::size_t k = 0; k < flen; ++k) r.original_char_at.push_back(i);
    j += flen;
    i += o.substr(i, 2) == "\r\n" ? 2 : utf8_length(static_cast<unsigned char>(o[i]));
  }
  return r;
}

std::pair<std::size_t, std::size_t> count_before(std::string_view o, std::size_t byte) {
  std::size_t cps = 0, units = 0;
  for (std::size_t b = 0; b < byte; ++b) {
    const auto c = static_cast<unsigned char>(o[b]);
    if ((c & 0xC0) != 0x80) {
      ++cps;
      units += c >= 0xF0 ? 2 : 1;
    }
  }
  return {cps, units};
}

std::string random_text(std::mt19937& rng, bool traditional) {
  static const std::vector<std::string> simple = {
      "中", "文", "，", "。", "（", "）", "：", "１", "Ａ", "ｚ", "\xE3\x80\x80", "\xC2\xA0", "\r\n", "\r",
      "\n", "a", "1", " ", "é", "😀", "𠀋", "\xEF\xBB\xBF", "单", "位", "发", "展"};
  // 亞→亚, 別→别, 協→协, 參→参, 圓→圆 differ only in their last byte.
  static const std::vector<std::string> trad = {"單", "責", "關", "於", "發", "區", "縣", "會", "門", "務",
                                                "亞", "別", "協", "參", "圓"};
  std::string s = "\xEF\xBB\xBF";
  const std::size_t n = 200 + rng() % 1500;
  for (std::size_t k = 0; k < n; ++k) {
    // Runs of one kind of character, so that long equal stretches occur too.
    const std::string& piece = traditional && rng() % 3 == 0 ? trad[rng() % trad.size()]
                                                             : simple[rng() % simple.size()];
    for (std::size_t r = rng() % 4 == 0 ? rng() % 40 : 1; r > 0; --r) s += piece;
  }
  return s;
}

}  // namespace

TEST(Fold, OffsetsAndSpansAgreeWithThePlainDefinition) {
  std::mt19937 rng(2024);
  for (int seed = 0; seed < 60; ++seed) {
    const std::string s = random_text(rng, seed % 2 == 1);
    const Text t(s);
    const Reference ref = pair_characters(t);
    const std::size_t n = t.folded().size();
    ASSERT_EQ(ref.original_char_at.size(), n);
    for (std::size_t f = 0; f < n; ++f) ASSERT_EQ(t.to_original(f), ref.original_char_at[f]) << seed << " " << f;
    EXPECT_EQ(t.to_original(n), s.size());
    for (std::size_t b = 0; b <= s.size(); b += 1 + rng() % 5) {
      if (b < s.size() && (static_cast<unsigned char>(s[b]) & 0xC0) == 0x80) continue;
      ASSERT_EQ(t.code_point(b), count_before(s, b).first) << seed << " " << b;
    }
    for (int k = 0; k < 300; ++k) {
      const std::size_t fb = rng() % (n + 2);
      const std::size_t lengths[] = {0, 1, 3, 30, 70, 300, 2000};
      const std::size_t fe = fb + lengths[rng() % 7];
      const taizhang::Span sp = t.span(fb, fe);
      const std::size_t ob = fb < n ? ref.original_char_at[fb] : s.size();
      const std::size_t oe = fe <= fb ? ob : fe < n ? ref.original_char_at[fe] : s.size();
      ASSERT_EQ(sp.byte_start, ob) << seed << " " << fb << " " << fe;
      ASSERT_EQ(sp.byte_end, oe) << seed << " " << fb << " " << fe;
      EXPECT_EQ(std::make_pair(std::size_t{sp.start}, std::size_t{sp.utf16_start}), count_before(s, ob));
      EXPECT_EQ(std::make_pair(std::size_t{sp.end}, std::size_t{sp.utf16_end}), count_before(s, oe));
    }
  }
}

// find_invalid_utf8 skips ASCII 8 bytes at a time and most three-byte
// sequences with a short test: on random bytes it names the same first bad
// byte as the plain decoder of the tests.
TEST(Utf8, FastPathsAgreeWithThePlainDecoder) {
  auto plain = [](std::string_view s) -> std::size_t {
    for (std::size_t i = 0; i < s.size();) {
      const auto c = static_cast<unsigned char>(s[i]);
      if (c < 0x80) { ++i; continue; }
      const std::size_t len = c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
      if (len == 0 || i + len > s.size()) return i;
      char32_t cp = c & (0xFF >> (len + 1));
      for (std::size_t k = 1; k < len; ++k) {
        if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return i;
        cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
      }
      const char32_t min = len == 2 ? 0x80 : len == 3 ? 0x800 : 0x10000;
      if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return i;
      i += len;
    }
    return std::string_view::npos;
  };
  std::mt19937 rng(7);
  const std::string pieces[] = {"abcdefgh", "中", "😀", "\xED\x9F\xBF", "\xED\xA0\x80", "\xE0\xA0\x80",
                                "\xE0\x9F\xBF", "\xEF\xBF\xBF", "\xF4\x8F\xBF\xBF", "\xC2\x80", "\xC1\xBF",
                                "\x80", "\xE4\xB8", "\xF0\x90\x80", "\xFF", "\n"};
  for (int k = 0; k < 3000; ++k) {
    std::string s;
    for (std::size_t n = rng() % 40; n > 0; --n) {
      const std::string& p = pieces[rng() % std::size(pieces)];
      s += rng() % 10 == 0 ? p.substr(0, p.size() - 1) : p;  // sometimes cut short
    }
    ASSERT_EQ(taizhang::detail::find_invalid_utf8(s), plain(s)) << k;
    // The fold validates as it reads (its own fast paths for Han runs,
    // punctuation and ASCII): it refuses the same text at the same byte.
    const std::size_t bad = plain(s);
    try {
      const Text t(s);
      ASSERT_EQ(bad, std::string_view::npos) << k;
    } catch (const taizhang::Error& e) {
      ASSERT_EQ(e.code(), taizhang::ErrorCode::invalid_utf8) << k;
      ASSERT_EQ(e.byte_offset(), bad) << k;
    }
  }
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

// join_title copies runs of bytes whole: on random titles it gives what the
// character-by-character definition gives.
TEST(JoinTitle, AgreesWithTheCharacterByCharacterDefinition) {
  using taizhang::detail::join_title;
  auto plain = [](std::string_view s) {
    std::string out;
    char32_t prev = 0;
    bool pending = false;
    for (std::size_t i = 0; i < s.size();) {
      const char32_t c = taizhang::detail::next_cp(s, i);
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x3000 || c == 0xA0) {
        pending = !out.empty();
        continue;
      }
      auto alnum = [](char32_t x) { return (x >= '0' && x <= '9') || (x >= 'a' && x <= 'z') || (x >= 'A' && x <= 'Z'); };
      if (pending && alnum(prev) && alnum(c)) out.push_back(' ');
      pending = false;
      taizhang::detail::append_utf8(out, c);
      prev = c;
    }
    return out;
  };
  const std::string pieces[] = {"通", "知", "5", "G", "a", "Z", "9", " ", "\t", "\n", "\r", "\xE3\x80\x80",
                                "\xC2\xA0", "、", "é", "😀", "（", "(", "·"};
  std::mt19937 rng(11);
  for (int k = 0; k < 5000; ++k) {
    std::string s;
    for (std::size_t n = rng() % 24; n > 0; --n) s += pieces[rng() % std::size(pieces)];
    ASSERT_EQ(join_title(s), plain(s)) << s;
  }
}

// join_title_prefix stops reading once it has its n bytes: it gives the
// opening of the whole joined title, for every n.
TEST(JoinTitle, PrefixIsTheOpeningOfTheWholeTitle) {
  using taizhang::detail::join_title;
  using taizhang::detail::join_title_prefix;
  const std::string pieces[] = {"序", "号", "|", "5", "G", "a", " ", "\t", "\n", "\xE3\x80\x80", "\xC2\xA0", "、", "😀", "(",
                                "发布时间"};
  std::mt19937 rng(13);
  for (int k = 0; k < 5000; ++k) {
    std::string s;
    for (std::size_t n = rng() % 24; n > 0; --n) s += pieces[rng() % std::size(pieces)];
    const std::string whole = join_title(s);
    for (std::size_t n : {std::size_t{0}, std::size_t{1}, std::size_t{rng() % 40}, std::string::npos})
      ASSERT_EQ(join_title_prefix(s, n), whole.substr(0, n)) << s << " n=" << n;
  }
}

// WordSet answers what one `find` per word answers, on views cut anywhere
// (inside a character too) and with words of one, two and more bytes.
TEST(WordSet, AgreesWithOneFindPerWord) {
  const std::vector<std::string> words = {"牵头", "责任单位", "月底前", "负责)", "a", "é", "1.", "年底前", "牵"};
  const std::string pieces[] = {"牵", "头", "责", "任", "单", "位", "月", "底", "前", "负", "年", ")", "a", "é", "1",
                                ".", "😀", " ", "中"};
  std::mt19937 rng(17);
  for (int k = 0; k < 3000; ++k) {
    std::vector<std::string> chosen;
    for (const auto& w : words)
      if (rng() % 2) chosen.push_back(w);
    const taizhang::detail::WordSet set(chosen);
    std::string s;
    for (std::size_t n = rng() % 30; n > 0; --n) s += pieces[rng() % std::size(pieces)];
    const std::size_t b = s.empty() ? 0 : rng() % s.size();
    const std::string_view v = std::string_view(s).substr(b, rng() % (s.size() - b + 1));
    bool any = false;
    for (const auto& w : chosen) any = any || v.find(w) != std::string_view::npos;
    ASSERT_EQ(set.found_in(v), any) << v;
  }
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
