// The date scanner: every time expression of a prose string read in one
// left-to-right pass, without regex (docs/deadlines.md).
//
// At each position whose character can begin a date (Starts) the scanner
// tries the grammar (grammar.cpp) and then decides the date's role
// (roles.cpp); other characters are stepped over with one bit test. A failed
// attempt on a digit run skips the whole run, so the pass stays linear
// however long the run (99999999999年).
#include "deadlines/scanner.hpp"

#include <algorithm>

namespace taizhang::detail::deadlines {
namespace {

// The characters a date expression can begin with, by grammar piece, and
// the characters the scan must stop at. Most of a plan is prose in which no
// date begins: the scan steps over such characters without trying the
// grammar, which is what makes it fast; skipping only characters that start
// nothing keeps the result the same as trying every position.
// KEEP IN STEP WITH THE GRAMMAR: a piece that learns a new first character
// must add it here.
struct Starts {
  CharSet relative;    // relative(): a document cue, or 印发 itself
  CharSet open_ended;  // open_ended(): the open_ended cues
  CharSet point;       // dated(): numbers and year words
  CharSet stop;        // all of the above, 每 (recurring) and what run() tracks
  CharSet vague;       // note_vague(): the first characters of the vague words
  CharSet dated;       // stop without the characters that only begin a vague word
  CharSet structure;   // what follow_structure() acts on
  ThreeByteSet stop3{CharSet{}};  // stop, for PlainSkip
};

const Starts& starts() {
  static const Starts table = [] {
    Starts t;
    const Cues& c = cues();
    for (char32_t f : c.document.first_characters()) t.relative.add(f);
    t.relative.add(U'印');
    for (char32_t f : c.open_ended.first_characters()) t.open_ended.add(f);
    t.point.add(U"0123456789");                  // arabic(): years, months, days
    t.point.add(U"〇零○一二两三四五六七八九十");  // year_number(), small()
    t.point.add(U"今本当明来次");                // stated_year(): 今年 本年 当年 明年 来年 次年
    t.point.add(U"上下前第");                    // quarter_or_half(): 上半年 前三季度 第一季度
    t.point.add(U"年全");                        // year_word(): 年中 年底 年末 年内 全年
    t.stop = t.relative;
    t.stop |= t.open_ended;
    t.stop |= t.point;
    t.stop.add(U'每');                            // recurring()
    t.stop.add(U"《〈》〉〔[");                  // run(): titles, citations
    for (char32_t x : kSentenceEnds) t.stop.add(x);  // run(): sentence ends (is_sentence_end)
    for (char32_t x : kClausePauses) t.stop.add(x);  // run(): clause starts (enter_clause)
    t.stop.add(U'|');                             // run(): a table cell's edge (is_clause_mark)
    for (char32_t f : c.eligibility.first_characters()) t.stop.add(f);  // run(): 对…的
    t.structure.add(U"《〈》〉〔[|");
    for (char32_t x : kSentenceEnds) t.structure.add(x);
    for (char32_t x : kClausePauses) t.structure.add(x);
    for (char32_t f : c.eligibility.first_characters()) t.structure.add(f);
    // run(): vague time words (note_vague). A stop that begins no date steps
    // on by one character, as skip_plain would: the dates read stay the same.
    t.dated = t.stop;
    for (char32_t f : vague_words().words.first_characters()) t.vague.add(f);
    t.stop |= t.vague;
    t.stop3 = ThreeByteSet(t.stop);
    return t;
  }();
  return table;
}

// The skip over characters that begin no date and change no state (four in
// five of a plan), set up once per scan: run() calls it at every stop, and
// it is inlined there. The first position from i holding a character of
// the stop set, or the end. Three-byte characters (the Han characters and
// the full-width marks: most of a plan) are tested first, through
// ThreeByteSet and without a bounds test while three bytes are left; ASCII
// is one byte; others go through next_cp.
struct PlainSkip {
  std::string_view s;
  const CharSet& stop;
  const std::uint64_t* words;  // ThreeByteSet of stop
  std::size_t last;            // the last start of three bytes, when size() >= 3

  PlainSkip(std::string_view text, const Starts& st)
      : s(text), stop(st.stop), words(st.stop3.words.data()), last(text.size() >= 3 ? text.size() - 3 : 0) {}

  std::size_t operator()(std::size_t i) const noexcept {
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    const std::size_t n = s.size();
    while (n >= 3 && i <= last) {  // run() calls with i < n; steps stay within n
      const unsigned b = p[i];
      if ((b & 0xF0) == 0xE0) {
        if (ThreeByteSet::has(words, p + i)) return i;
        i += 3;
      } else if (b < 0x80) {
        if (stop.bmp[b]) return i;
        ++i;
      } else {
        std::size_t k = i;
        if (stop.has(next_cp(s, k))) return i;
        i = std::min(k, n);
      }
    }
    while (i < n) {  // the last one or two bytes
      std::size_t k = i;
      if (stop.has(next_cp(s, k))) return i;
      i = std::min(k, n);
    }
    return n;
  }
};

}  // namespace

ThreeByteSet::ThreeByteSet(const CharSet& set) : words(0x3F10, 0) {
  for (char32_t c = 0x800; c < 0x10000; ++c)
    if (set.has(c)) {
      const unsigned lead = 0xE0 | (c >> 12), second = 0x80 | ((c >> 6) & 0x3F);
      words[(lead | (second << 8)) & 0x3F0Fu] |= std::uint64_t{1} << (c & 0x3F);
    }
}

std::optional<Mention> Scanner::match(std::size_t i, char32_t c) {
  horizon_ = false;
  // Only the pieces that can begin with this character are tried (Starts).
  const Starts& st = starts();
  if (st.relative.has(c))
    if (auto m = relative(i)) return m;
  if (c == U'每')
    if (auto m = recurring(i)) return m;
  if (st.open_ended.has(c))
    if (auto m = open_ended(i)) return m;
  if (!st.point.has(c)) return std::nullopt;
  return dated(i);
}

// A point or a range of two points, resolved to dates, with its role.
std::optional<Mention> Scanner::dated(std::size_t i) {
  if (!may_begin_point(s_, i)) return std::nullopt;  // 3000户, 一是, 本地: no date begins here
  std::optional<Point> first = year_span_start(i);
  if (!first) first = point(i);
  if (!first) return std::nullopt;
  const std::optional<Point> second = range_end(*first);

  Mention m;
  m.begin = first->begin;
  m.end = first->end;
  m.form = first->form;
  const std::optional<long> y1 = year_for(*first);
  std::optional<long> last_year = y1;
  const Period r1 = y1 ? period_of(*first, *y1) : Period{};
  if (second) {
    Point p2 = *second;
    if (p2.year_from == YearFrom::none && y1) {  // 2019年1月1日至12月31日: the first end's year
      p2.year_from = YearFrom::stated;
      p2.year = *y1;
    }
    last_year = year_for(p2);
    const Period r2 = last_year ? period_of(p2, *last_year) : Period{};
    if (y1 && last_year && (!r1.start || !r2.due)) {
      report_invalid(m.begin, p2.end, "no such date");
      return std::nullopt;
    }
    m.end = p2.end;
    m.form = MonthForm::none;
    m.deadline.kind = DeadlineKind::range;
    m.deadline.start = r1.start;
    m.deadline.due = r2.due;
  } else {
    if (y1 && !r1.due) {
      report_invalid(m.begin, m.end, "no such date");
      return std::nullopt;
    }
    m.deadline.kind = kind_of(first->unit);
    m.deadline.start = r1.start;
    m.deadline.due = r1.due;
  }
  if (!y1 || !last_year) {
    m.deadline.start.reset();
    m.deadline.due.reset();
  }
  assign_role(*first, second ? &*second : nullptr, m);
  carry_chain(*first, last_year, m);
  return m;
}

// A new clause begins at `at` (after ，；： or a sentence end).
void Scanner::enter_clause(std::size_t at) noexcept {
  clause_begin_ = at;
  ++clause_number_;
  eligibility_ = false;
  open_horizon_.reset();
}

// A vague time word at i (尽快, 适时, 汛前 …) goes to vague_, unless it is
// inside 《》 (a cited title) or a longer word hides it (以及时, 及时率):
// such a word covers the positions up to its end. Only records: the dates
// the pass reads do not depend on it.
void Scanner::note_vague(std::size_t i) {
  if (!vague_ || i < vague_covered_) return;
  const VagueWords& table = vague_words();
  const std::string* w = table.words.starting_at(s_, i);
  if (!w) return;
  vague_covered_ = i + w->size();
  const std::string_view klass = table.class_of(*w);
  if (klass == "not" || title_depth_ > 0) return;
  vague_->push_back(Vague{i, i + w->size(), *w, klass});
}

// Adds a mention to the output. A horizon that opened the clause
// (2023年新建保障房项目年底前交付率达到90%) yields to a later deadline
// in the same clause: it only gives that deadline its year.
void Scanner::record(std::vector<Mention>& out, Mention&& m) {
  const bool deadline = m.deadline.role == DateRole::deadline;
  if (deadline && open_horizon_ && horizon_clause_ == clause_number_) {
    out[*open_horizon_].deadline.role = DateRole::reference;
    open_horizon_.reset();
  }
  if (deadline && horizon_) {
    open_horizon_ = out.size();
    horizon_clause_ = clause_number_;
  }
  previous_ = Previous{m.end, m.deadline.role, m.deadline.kind, m.deadline.every};
  out.push_back(std::move(m));
}

// Characters that shape the text rather than begin a date: title marks,
// sentence ends, clause marks, 对 opening a clause, document numbers. The
// position after what was read, or nothing when c is none of them.
std::optional<std::size_t> Scanner::follow_structure(char32_t c, std::size_t i, std::size_t n,
                                                     std::vector<Mention>& out) {
  if (c == U'《' || c == U'〈') {
    ++title_depth_;
    return n;
  }
  if (c == U'》' || c == U'〉') {
    if (title_depth_ > 0) --title_depth_;
    return n;
  }
  if (is_sentence_end(c)) {
    chain_year_.reset();
    chain_recurring_ = false;
    if (c == '\n') title_depth_ = 0;  // an unclosed 《 never spills over a line
    enter_clause(n);
    return n;
  }
  if (is_clause_mark(c) && c != U'、') {
    // 1,000 is a number, not two clauses.
    if (!(c == ',' && is_ascii_digit(cp_before(s_, i)) && is_ascii_digit(cp_at(s_, n))))
      enter_clause(n);
    return n;
  }
  if (const auto* w = cues().eligibility.starting_at(s_, i); w && opens_clause(i)) {
    eligibility_ = true;
    return i + w->size();
  }
  if (c == U'〔' || c == '[') {
    if (auto m = citation(i)) {
      const std::size_t end = m->end;
      record(out, std::move(*m));
      return end;
    }
  }
  return std::nullopt;
}

std::vector<Mention> Scanner::run() {
  std::vector<Mention> out;
  const Starts& st = starts();
  const PlainSkip skip_plain(s_, st);
  std::size_t i = 0;
  while (i < s_.size()) {
    i = skip_plain(i);  // characters that begin no date and change no state
    if (i >= s_.size()) break;
    const char32_t c = cp_at(s_, i);
    const std::size_t n = after_cp(s_, i);
    // One bit test spares the other stops (numbers, date words) the
    // structure tests.
    if (st.structure.has(c))
      if (const auto next = follow_structure(c, i, n, out)) {
        i = *next;
        continue;
      }
    // Most stops begin a number or a date word, not a vague word: one bit
    // test spares them the word lookup.
    if (vague_ && st.vague.has(c)) note_vague(i);
    if (!st.dated.has(c)) {  // it only begins a vague word: no date starts here
      i = n;
      continue;
    }
    // Only the first character of a number may start a date (linear time).
    // An ASCII digit is one byte: the byte before it is the character before.
    const bool digit = is_ascii_digit(c);
    if (digit ? i > 0 && is_ascii_digit(static_cast<unsigned char>(s_[i - 1]))
              : is_cn_numeral(c) && is_cn_numeral(cp_before(s_, i))) {
      i = n;
      continue;
    }
    if (auto m = match(i, c)) {
      const std::size_t end = std::max(m->end, n);
      record(out, std::move(*m));
      i = end;
      continue;
    }
    if (digit) {  // a failed number: skip the whole digit run
      std::size_t j = i;
      while (j < s_.size() && is_ascii_digit(static_cast<unsigned char>(s_[j]))) ++j;
      i = std::max(j, n);  // n: never stall on a malformed byte that decodes as a digit
      continue;
    }
    i = n;
  }
  return out;
}

std::vector<Mention> scan(std::string_view prose, const Context& ctx, std::vector<Invalid>* invalid,
                          std::vector<Vague>* vague) {
  Scanner scanner(prose, ctx, invalid, vague);
  return scanner.run();
}

bool opens_with_closing_word(std::string_view sentence) {
  std::size_t i = 0;
  while (i < sentence.size() && (sentence[i] == ' ' || sentence[i] == '\n' || sentence[i] == '\t'))
    ++i;
  return cues().closing.starting_at(sentence, i) != nullptr;
}

}  // namespace taizhang::detail::deadlines
