// The indexes of the units stage's word tables (src/units/words.hpp) against
// the plain loops they replace: every answer must be the one a loop over the
// list gives, on words and texts chosen to make the shortcuts go wrong —
// words sharing a first or last character, one-character words, words of
// one, two and four bytes, texts cut inside a character, views that start
// at an odd offset, and random mixes of all of these.
#include "units/words.hpp"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <string_view>
#include <vector>

namespace {

using taizhang::detail::units::ByteFinder;
using taizhang::detail::units::Marks;
using taizhang::detail::units::WordList;

// Words of every length and shape the shortcuts distinguish: a Han character
// alone; words sharing their first (下同, 下达) or last character (局, 市局);
// ASCII and two-byte words (a short word has no second and third byte); a
// four-byte character (𠀋); the first bytes of 一 (E4 B8), shared by 64 of
// the commonest characters.
const std::vector<std::string_view> kWords = {"局",   "市局",   "下同", "下达",     "以下",  "不再列出", "第一位",
                                              "a",    "ab",     "é",    "𠀋",       "𠀋局",  "一",       "和",
                                              "等有关", "有关", "、",   "(",        "年",    "排名第一", "首位"};

// Characters to build texts from: the words' own characters, their
// neighbours in the same blocks, punctuation and ASCII.
const std::vector<std::string_view> kPieces = {"局", "市", "下", "同", "达", "以", "不", "再", "列", "出", "第",
                                               "一", "位", "a",  "b",  "é",  "𠀋", "和", "等", "有", "关", "、",
                                               "(",  ")",  "年", "排", "名", "首", "丁", "七", "上", " ", "\n"};

std::string random_text(std::mt19937& rng, std::size_t pieces) {
  std::uniform_int_distribution<std::size_t> pick(0, kPieces.size() - 1);
  std::string out;
  for (std::size_t k = 0; k < pieces; ++k) out += kPieces[pick(rng)];
  return out;
}

const std::string_view* plain_starting_at(const std::vector<std::string_view>& words, std::string_view s,
                                          std::size_t i) {
  for (const auto& w : words)
    if (i <= s.size() && s.substr(i).starts_with(w)) return &w;
  return nullptr;
}

const std::string_view* plain_ending_at(const std::vector<std::string_view>& words, std::string_view s, std::size_t e) {
  for (const auto& w : words)
    if (s.substr(0, e).ends_with(w)) return &w;
  return nullptr;
}

bool plain_found_in(const std::vector<std::string_view>& words, std::string_view v) {
  for (const auto& w : words)
    if (v.find(w) != std::string_view::npos) return true;
  return false;
}

// A word and the index's answer are compared by position in the list:
// table order is part of the answer (the first word that fits wins).
std::ptrdiff_t index_of(const std::vector<std::string_view>& words, const std::string_view* w) {
  return w ? w - words.data() : -1;
}

TEST(UnitsWords, StartingAndEndingAtGiveTheFirstWordInTableOrder) {
  const WordList list(kWords);
  std::mt19937 rng(11);
  for (int round = 0; round < 400; ++round) {
    const std::string text = random_text(rng, 1 + round % 17);
    // Every byte offset, character boundaries or not: a view may cut a character.
    for (std::size_t i = 0; i <= text.size(); ++i) {
      EXPECT_EQ(index_of(list.words(), list.starting_at(text, i)), index_of(kWords, plain_starting_at(kWords, text, i)))
          << "starting_at " << i << " in " << text;
      EXPECT_EQ(index_of(list.words(), list.ending_at(text, i)), index_of(kWords, plain_ending_at(kWords, text, i)))
          << "ending_at " << i << " in " << text;
    }
  }
}

TEST(UnitsWords, AFilterSkipsAWordAndTheNextOneThatFitsIsGiven) {
  const WordList list(kWords);
  // 市局 fits at 0 and ends at the end; refused, the later 局 (ending) or
  // nothing (starting) must come instead.
  const std::string text = "市局";
  auto not_long = [](std::string_view w) { return w.size() <= 3; };
  EXPECT_EQ(list.starting_at(text, 0, not_long), nullptr);
  ASSERT_NE(list.ending_at(text, text.size(), not_long), nullptr);
  EXPECT_EQ(*list.ending_at(text, text.size(), not_long), "局");
  EXPECT_TRUE(list.has("下同"));
  EXPECT_FALSE(list.has("下"));
  EXPECT_TRUE(list.opens("以下各项"));
  EXPECT_TRUE(list.closes("县市局"));
  EXPECT_FALSE(list.closes("局长"));
}

TEST(UnitsWords, FoundInAgreesWithSearchingForEachWord) {
  std::mt19937 rng(12);
  // Each list on its own, so that lists without short words and lists of
  // long words (the dense scan) are both exercised; and the whole list.
  std::vector<std::vector<std::string_view>> lists = {kWords};
  for (std::size_t k = 0; k < kWords.size(); ++k) lists.push_back({kWords[k]});
  lists.push_back({"下同", "以下", "不再列出", "第一位", "首位", "排名第一"});
  for (const auto& words : lists) {
    for (const auto scan : {WordList::Scan::sparse, WordList::Scan::dense}) {
      const WordList list(words, scan);
      for (int round = 0; round < 300; ++round) {
        const std::string text = random_text(rng, round % 40);
        for (std::size_t from = 0; from < 4 && from <= text.size(); ++from) {
          const std::string_view v = std::string_view(text).substr(from);  // odd offsets too
          EXPECT_EQ(list.found_in(v), plain_found_in(words, v)) << "'" << v << "' with " << words.size() << " words";
        }
      }
    }
  }
}

TEST(UnitsWords, FoundInFindsAWordAtEveryOffsetOfALongText) {
  // The dense scan looks at every other position and four positions per
  // test: a word must be found whatever the parity of its offset and
  // wherever it falls in a group of four, up to the last byte.
  const WordList list({"下同", "不再列出"}, WordList::Scan::dense);
  for (std::size_t pad = 0; pad < 40; ++pad) {
    for (std::string_view word : {std::string_view("下同"), std::string_view("不再列出")}) {
      std::string text(pad, 'x');
      text += word;
      EXPECT_TRUE(list.found_in(text)) << pad;
      text += "yz";
      EXPECT_TRUE(list.found_in(text)) << pad;
      EXPECT_FALSE(list.found_in(text.substr(0, pad + word.size() - 1))) << pad;  // cut inside the word
    }
  }
}

TEST(UnitsWords, ByteFinderFindsTheFirstByteOfItsSet) {
  constexpr ByteFinder<3> finder({'(', '[', 0xE3});
  std::mt19937 rng(13);
  for (int round = 0; round < 500; ++round) {
    const std::string text = random_text(rng, round % 50) + "【" + random_text(rng, round % 7);
    for (std::size_t i = 0; i <= text.size(); i += 1 + round % 3) {
      std::size_t expected = i;
      while (expected < text.size() && text[expected] != '(' && text[expected] != '[' &&
             static_cast<unsigned char>(text[expected]) != 0xE3)
        ++expected;
      EXPECT_EQ(finder.next(text, i, text.size()), expected) << i << " in " << text;
    }
  }
}

// The sixteen-byte blocks: long texts, every start and an end short of the
// text (a match past `end` must not be reported), matches in either half
// of a block and at its last byte.
TEST(UnitsWords, ByteFinderAgreesWithAByteLoopOnLongTexts) {
  constexpr ByteFinder<3> finder({'(', '[', 0xE3});
  auto plain = [](std::string_view text, std::size_t i, std::size_t end) {
    while (i < end && text[i] != '(' && text[i] != '[' && static_cast<unsigned char>(text[i]) != 0xE3) ++i;
    return i;
  };
  std::mt19937 rng(29);
  for (int round = 0; round < 200; ++round) {
    std::string text = random_text(rng, 20 + round % 90);
    // Mostly bytes that match nothing, so that whole blocks are passed over.
    if (round % 2) {
      std::string quiet;
      for (char c : text) quiet += (c == '(' || c == '[' || static_cast<unsigned char>(c) == 0xE3) ? 'x' : c;
      quiet.insert(quiet.size() * static_cast<std::size_t>(round % 7) / 7, round % 4 ? "(" : "、");
      text = quiet;
    }
    for (std::size_t i = 0; i <= text.size(); i += 1 + round % 5)
      for (std::size_t end : {text.size(), i + (text.size() - i) / 2, std::min(text.size(), i + 17)})
        EXPECT_EQ(finder.next(text, i, end), plain(text, i, end)) << i << ".." << end << " in " << text;
  }
}

// trim_spaces is trim() with the common case decided on two bytes: the same
// view on texts that open and close with every kind of space, and with
// characters whose last byte is a space's last byte (U+3000 ends in 0x80 like
// 一 and Ā; U+00A0 in 0xA0 like 丠) or whose first byte is a space's first
// (、 opens with 0xE3 like U+3000).
TEST(UnitsWords, TrimSpacesAgreesWithTrim) {
  using taizhang::detail::trim;
  using taizhang::detail::units::trim_spaces;
  const std::vector<std::string_view> edges = {"", " ", "\t", "\n", "\r", "\v", "\f", "\u3000", "\u00A0",
                                               "\u3001", "\u0100", "\u4E00", "\u4E20", "\u3020", "a", "\x01", "\u3000 \u00A0"};
  std::mt19937 rng(31);
  for (int round = 0; round < 2000; ++round) {
    std::uniform_int_distribution<std::size_t> pick(0, edges.size() - 1);
    const std::string text =
        std::string(edges[pick(rng)]) + random_text(rng, round % 6) + std::string(edges[pick(rng)]);
    const std::string_view got = trim_spaces(text), want = trim(text);
    EXPECT_EQ(got.data(), want.data()) << text;
    EXPECT_EQ(got.size(), want.size()) << text;
  }
}

TEST(UnitsWords, MarksKnowTheirCharactersByTheirFirstByte) {
  constexpr Marks marks(U"、,;\n。");
  EXPECT_TRUE(marks.has(U'、'));
  EXPECT_TRUE(marks.has(U','));
  EXPECT_FALSE(marks.has(U'，'));  // the folded text has no full-width comma
  EXPECT_TRUE(marks.may_start(0xE3));
  EXPECT_TRUE(marks.may_start(','));
  EXPECT_FALSE(marks.may_start(0xE4));
  EXPECT_FALSE(marks.may_start(0x80));  // a continuation byte starts nothing
  EXPECT_EQ(Marks::lead_byte(U'〔'), 0xE3);
  EXPECT_EQ(Marks::length(0xF0), 4u);
}

}  // namespace
