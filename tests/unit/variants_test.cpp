// The reference document rewritten the ways real copies differ — Traditional
// characters, full-width digits and punctuation, CRLF line ends, a BOM — must
// parse to the same ledger (same measures, units, due dates and targets).
#include "test_util.hpp"

#include <taizhang/taizhang.hpp>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <gtest/gtest.h>
#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <memory>

namespace {

using namespace taizhang;

// The project's own example plan: every convention the variants must survive.
std::string reference() { return test::read_file(test::example_path()); }

std::string transliterate(const std::string& text, const char* id);

// What must not change: per measure, number, unit names (as Simplified: a
// Traditional document keeps its own characters in names), due dates, target values.
std::vector<std::string> ledger_facts(const Plan& plan) {
  std::vector<std::string> out;
  for (const auto* m : all_measures(plan)) {
    // Appended piece by piece: GCC 12 warns (-Wrestrict, a false positive) on "x" + string.
    std::string f = std::to_string(m->number.value_or(-1));
    f += " lead=";
    for (const auto& u : m->lead_units) f += transliterate(u.name, "Traditional-Simplified") + "/";
    f += " co=";
    for (const auto& u : m->co_units) f += transliterate(u.name, "Traditional-Simplified") + "/";
    for (const auto& ms : m->milestones) {
      f += ' ';
      f += ms.deadline.due ? boost::gregorian::to_iso_extended_string(*ms.deadline.due) : "-";
    }
    for (const auto& t : m->targets) {
      f += " t";
      f += std::to_string(t.value.value_or(t.low.value_or(-1)));
    }
    out.push_back(f);
  }
  return out;
}

std::string transliterate(const std::string& text, const char* id) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::Transliterator> t(icu::Transliterator::createInstance(id, UTRANS_FORWARD, status));
  EXPECT_TRUE(U_SUCCESS(status));
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(text);
  t->transliterate(u);
  std::string out;
  u.toUTF8String(out);
  return out;
}

TEST(Variants, TraditionalChineseGivesTheSameLedger) {
  const std::string simplified = reference();
  const std::string traditional = transliterate(simplified, "Simplified-Traditional");
  ASSERT_NE(traditional, simplified);
  ASSERT_NE(traditional.find("牽頭單位"), std::string::npos);
  const Plan a = parse(simplified);
  const Plan b = parse(traditional);
  EXPECT_TRUE(b.traditional);
  EXPECT_EQ(ledger_facts(b), ledger_facts(a));
  // Names keep the document's own characters; the lexicon still applies.
  const auto mb = all_measures(b);
  ASSERT_GE(mb.size(), 14u);
  EXPECT_EQ(mb[13]->lead_units.at(0).name, "市發改委");
  EXPECT_EQ(mb[13]->lead_units.at(0).full_name, "市发展和改革委员会");
  EXPECT_EQ(b.doc_number ? b.doc_number->text : "", "青政〔2025〕9號");
}

TEST(Variants, FullWidthDigitsPunctuationCrlfAndBom) {
  const std::string plain = reference();
  std::string wide = "\xEF\xBB\xBF";
  for (std::size_t i = 0; i < plain.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(plain[i]);
    if (c == '\n') {
      wide += "\r\n";
    } else if ((c >= '0' && c <= '9') || c == '.' || c == ':' || c == ',' || c == '(' || c == ')') {
      // U+FF01..FF5E: the full-width form of ASCII c is U+FEE0 + c.
      const char32_t w = 0xFEE0 + c;
      wide += static_cast<char>(0xE0 | (w >> 12));
      wide += static_cast<char>(0x80 | ((w >> 6) & 0x3F));
      wide += static_cast<char>(0x80 | (w & 0x3F));
    } else {
      wide += static_cast<char>(c);
    }
  }
  const Plan a = parse(plain);
  const Plan b = parse(wide);
  EXPECT_EQ(ledger_facts(b), ledger_facts(a));
  ASSERT_TRUE(b.signed_on);
  EXPECT_EQ(*b.signed_on, *a.signed_on);
  // Spans still slice the variant's own bytes.
  for (const auto* m : all_measures(b))
    EXPECT_EQ(wide.substr(m->span.byte_start, m->span.byte_end - m->span.byte_start), m->text);
}

}  // namespace
