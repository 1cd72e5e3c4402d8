// What a date expression is (docs/deadlines.md, "Forms"): a small
// recursive-descent grammar over the folded text with bounded look-ahead.
// Every piece returns what it read or nothing; none looks behind more than
// one character or ahead more than one expression.
#include "deadlines/scanner.hpp"

#include <array>
#include <exception>
#include <utility>

namespace taizhang::detail::deadlines {

namespace bg = boost::gregorian;

// ---------------------------------------------------------------- characters

bool is_clause_mark(char32_t c) noexcept { return is_clause_pause(c) || c == U'、' || c == '|'; }

bool is_boundary(char32_t c) noexcept {
  return c == 0 || is_sentence_end(c) || is_clause_mark(c) || c == ' ' || c == '\t' ||
         c == '\r' || c == U'）' || c == ')' || c == U'（' || c == '(';
}

namespace {

// The characters for which cn_digit(c) >= 0, and 十, as one bit each:
// is_cn_numeral is asked at every stop of the scan that begins a date, and
// cn_digit is a switch in another file. (DeadlineScan.NumeralSetIsCnDigit
// checks the set against cn_digit over all of Unicode.)
const CharSet kCnNumerals = [] {
  CharSet set;
  set.add(U"〇零○一二两三四五六七八九十");
  return set;
}();

}  // namespace

bool is_cn_numeral(char32_t c) noexcept { return kCnNumerals.has(c); }

// ---------------------------------------------------------------- numbers

// The value saturates instead of overflowing (99999999999年 is one run).
std::optional<Num> arabic(std::string_view s, std::size_t i) noexcept {
  Num n;
  std::size_t j = i;
  while (j < s.size() && is_ascii_digit(static_cast<unsigned char>(s[j]))) {
    if (n.value < 1000000000L) n.value = n.value * 10 + (s[j] - '0');
    ++n.digits;
    ++j;
  }
  if (n.digits == 0) return std::nullopt;
  n.end = j;
  return n;
}

namespace {

// A Chinese number below 100 (一, 十, 十二, 二十, 三十一, 两).
std::optional<Num> chinese_small(std::string_view s, std::size_t i) noexcept {
  std::size_t j = i;
  int tens = -1, units = -1;
  const char32_t c = cp_at(s, j);
  const int d = cn_digit(c);
  if (d >= 0 && c != U'〇' && c != U'○') {
    j = after_cp(s, j);
    if (cp_at(s, j) == U'十') {
      tens = d;
      j = after_cp(s, j);
    } else {
      units = d;
    }
  } else if (c == U'十') {
    tens = 1;
    j = after_cp(s, j);
  } else {
    return std::nullopt;
  }
  if (tens >= 0) {
    const int u = cn_digit(cp_at(s, j));
    if (u > 0 && cp_at(s, j) != U'两') {
      units = u;
      j = after_cp(s, j);
    }
  }
  if (is_cn_numeral(cp_at(s, j))) return std::nullopt;  // 一百, 二十三十: not a date part
  Num n;
  n.value = (tens >= 0 ? tens * 10 : 0) + (units > 0 ? units : 0);
  n.end = j;
  n.digits = 1;
  return n;
}

}  // namespace

std::optional<Num> small(std::string_view s, std::size_t i) noexcept {
  if (auto a = arabic(s, i)) {
    if (a->digits > 2) return std::nullopt;
    return a;
  }
  return chinese_small(s, i);
}

// Four digits, Arabic (2022) or Chinese written digit by digit (二〇二二).
std::optional<Num> year_number(std::string_view s, std::size_t i) noexcept {
  if (auto a = arabic(s, i)) {
    if (a->digits != 4) return std::nullopt;
    return a;
  }
  Num n;
  std::size_t j = i;
  int count = 0;
  while (count < 5) {
    const char32_t c = cp_at(s, j);
    const int d = (c == U'两' || c == U'十') ? -1 : cn_digit(c);
    if (d < 0) break;
    n.value = n.value * 10 + d;
    j = after_cp(s, j);
    ++count;
  }
  if (count != 4) return std::nullopt;
  n.end = j;
  n.digits = 4;
  return n;
}

// ---------------------------------------------------------------- dates

std::optional<bg::date> make_date(long y, long m, long d) noexcept {
  if (y < kMinYear || y > kMaxYear || m < 1 || m > 12 || d < 1) return std::nullopt;
  try {
    const long last = bg::gregorian_calendar::end_of_month_day(static_cast<unsigned short>(y),
                                                               static_cast<unsigned short>(m));
    if (d > last) return std::nullopt;
    return bg::date(static_cast<unsigned short>(y), static_cast<unsigned short>(m),
                    static_cast<unsigned short>(d));
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

namespace {

// The month's last day, named directly (the same date as the first day's
// end_of_month(), without converting a day number back to a calendar date).
std::optional<bg::date> month_end(long y, long m) noexcept {
  if (y < kMinYear || y > kMaxYear || m < 1 || m > 12) return std::nullopt;
  return make_date(y, m, bg::gregorian_calendar::end_of_month_day(static_cast<unsigned short>(y),
                                                                 static_cast<unsigned short>(m)));
}

}  // namespace

Period period_of(const Point& p, long y) noexcept {
  Period r;
  switch (p.unit) {
    case Unit::year:
      if (p.before) --y;
      r.start = make_date(y, 1, 1);
      r.due = make_date(y, 12, 31);
      break;
    case Unit::quarter:
    case Unit::half_year:
    case Unit::mid_year:
    case Unit::early_year:
      r.start = make_date(y, p.first_month, 1);
      r.due = month_end(y, p.last_month);
      break;
    case Unit::month: {
      long m = p.month;
      if (p.before && --m == 0) {  // 1月前: December of the year before
        m = 12;
        --y;
      }
      r.start = make_date(y, m, 1);
      r.due = month_end(y, m);
      break;
    }
    case Unit::day:
      r.start = r.due = make_date(y, p.month, p.day);
      break;
    case Unit::month_part:  // 上旬 1–10, 中旬 11–20, 下旬 21–end
      r.start = make_date(y, p.month, 1 + 10 * p.part);
      r.due = p.part == 2 ? month_end(y, p.month) : make_date(y, p.month, 10 + 10 * p.part);
      break;
  }
  if (!r.start || !r.due) return {};
  return r;
}

DeadlineKind kind_of(Unit u) noexcept {
  switch (u) {
    case Unit::year: return DeadlineKind::year;
    case Unit::month: return DeadlineKind::month;
    case Unit::day: return DeadlineKind::day;
    case Unit::month_part: return DeadlineKind::month_part;
    case Unit::quarter:
    case Unit::early_year: return DeadlineKind::quarter;
    case Unit::half_year:
    case Unit::mid_year: return DeadlineKind::half_year;
  }
  return DeadlineKind::year;
}

// ---------------------------------------------------------------- grammar pieces

namespace {

// The words that join the two ends of a range: 6月至9月, 2021—2025年,
// 1997年4―6月, 10月――1998年2月 (dashes doubled or not, any dash character).
std::size_t range_joint(std::string_view s, std::size_t i) noexcept {
  return lit_any(s, i, "——", "――", "—", "―", "–", "-", "~", "～", "至", "到");
}

}  // namespace

bool Scanner::by_end(std::size_t& j) const noexcept {
  return skip_any(j, "底之前", "底以前", "末之前", "末以前", "底前", "末前", "底", "末");
}

bool Scanner::before_word(std::size_t& j) const noexcept {
  return skip_any(j, "以前", "之前", "前");
}

// A Chinese numeral inside a word (统一月报, 唯一季度) is not a date: bare
// Chinese-numeral months need a non-Han character or a date word before them.
bool Scanner::numeral_start_allowed(std::size_t i) const noexcept {
  const char32_t c = cp_before(s_, i);
  if (!is_han(c)) return true;
  static const CharSet ok = [] {
    CharSet set;
    set.add(U"年于在到至每从自前底和或及第即截止起");
    return set;
  }();
  return ok.has(c);
}

// Bare 年底/年内/全年/年中 must not follow a number or a word that makes
// them something else (三年内, 每年, 近年来, 多年).
bool Scanner::bare_word_allowed(std::size_t i) const noexcept {
  const char32_t c = cp_before(s_, i);
  if (is_ascii_digit(c) || is_cn_numeral(c)) return false;
  static const CharSet no = [] {
    CharSet set;
    set.add(U"多几近每明今本当次来半往去历逐同新早晚上下前全周整该");
    return set;
  }();
  return !no.has(c);
}

// 6月…: a month with its day, part or end word. `bare` when no year
// precedes. With `span`, also the first month of a span that writes 月 once
// (4―6月, 3-6月): the point ends after its number, where range_end finds
// the joint.
std::optional<Point> Scanner::month_part_of(std::size_t i, bool bare, bool span) const noexcept {
  if (bare && !is_ascii_digit(cp_at(s_, i)) && !numeral_start_allowed(i)) return std::nullopt;
  const auto n = small(s_, i);
  if (!n || n->value < 1 || n->value > 12) return std::nullopt;
  Point p;
  p.begin = i;
  p.month = static_cast<int>(n->value);
  p.unit = Unit::month;
  std::size_t j = n->end;
  if (!skip(j, "月")) {
    if (!span) return std::nullopt;
    const std::size_t joint = range_joint(s_, j);
    const auto last = joint ? month_part_of(j + joint, false, false) : std::nullopt;
    if (!last || last->month <= p.month) return std::nullopt;
    p.end = j;
    return p;
  }
  skip(j, "份");
  if (const auto d = small(s_, j); d && (at(d->end, "日") || at(d->end, "号"))) {
    p.unit = Unit::day;
    p.day = static_cast<int>(d->value);
    j = d->end;
    skip_any(j, "日", "号");
    before_word(j);  // 6月30日前: by 30 June
  } else if (at(j, "上旬") || at(j, "中旬") || at(j, "下旬")) {
    p.unit = Unit::month_part;
    p.part = at(j, "上") ? 0 : at(j, "中") ? 1 : 2;
    skip_any(j, "上旬", "中旬", "下旬");
    before_word(j);
  } else if (std::size_t k = j; skip(k, "中") && (before_word(k) || is_boundary(cp_at(s_, k)))) {
    // 6月中, 6月中前: the middle of the month, read as its middle ten days
    // (not 6月中央…, where 中 begins a word).
    p.unit = Unit::month_part;
    p.part = 1;
    j = k;
  } else {
    p.unit = Unit::month;
    if (by_end(j)) {
      p.end_marker = true;
      p.form = MonthForm::month_end;
    } else if (before_word(j)) {
      p.before = true;
      p.end_marker = true;
      p.form = MonthForm::month_before;
    }
  }
  p.end = j;
  return p;
}

// 一季度, 第一季度末, 二季度末前, 前三季度, 上半年, 下半年.
std::optional<Point> Scanner::quarter_or_half(std::size_t i, bool bare) const noexcept {
  Point p;
  p.begin = i;
  std::size_t j = i;
  if (const bool first_half = at(j, "上半年"); first_half || at(j, "下半年")) {
    if (bare && !bare_word_allowed(i) && cp_before(s_, i) != U'年') return std::nullopt;
    p.unit = Unit::half_year;
    p.first_month = first_half ? 1 : 7;
    p.last_month = first_half ? 6 : 12;
    skip_any(j, "上半年", "下半年");
    if (by_end(j) || before_word(j)) p.end_marker = true;
    p.end = j;
    return p;
  }
  const bool to_date = skip(j, "前");  // 前三季度: the first three quarters
  if (!to_date && !skip(j, "第") && bare && !is_ascii_digit(cp_at(s_, j)) &&
      !numeral_start_allowed(j))
    return std::nullopt;
  const auto q = small(s_, j);
  if (!q || q->value < 1 || q->value > 4) return std::nullopt;
  j = q->end;
  if (!skip(j, "季度")) return std::nullopt;
  p.unit = Unit::quarter;
  p.first_month = to_date ? 1 : static_cast<int>(3 * q->value - 2);
  p.last_month = static_cast<int>(3 * q->value);
  if (by_end(j) || before_word(j)) p.end_marker = true;
  p.end = j;
  return p;
}

// The year part of a point: 2022年, 二〇二二年, or a year relative to the
// reference (今年 本年 当年 明年 来年 次年). The point ends after it.
std::optional<Point> Scanner::stated_year(std::size_t i) const noexcept {
  Point p;
  p.begin = i;
  if (const auto y = year_number(s_, i)) {
    std::size_t j = y->end;
    if (!skip(j, "年")) return std::nullopt;
    p.year_from = YearFrom::stated;
    p.year = y->value;
    p.end = j;
    return p;
  }
  static constexpr std::array<std::pair<std::string_view, YearFrom>, 6> words{{
      {"今年", YearFrom::this_year}, {"本年", YearFrom::this_year},
      {"当年", YearFrom::current}, {"明年", YearFrom::next_year},
      {"来年", YearFrom::next_year}, {"次年", YearFrom::following_year}}};
  if (!bare_word_allowed(i)) return std::nullopt;
  for (const auto& [word, from] : words) {
    std::size_t j = i;
    if (!skip(j, word)) continue;
    p.year_from = from;
    p.end = j;
    return p;
  }
  return std::nullopt;
}

// What follows a year: a month, a quarter or half, or a word about the year
// as a whole (底 末 初 中 内 前), which may repeat the 年 (2021年年底前,
// 明年年底, 今年年初).
std::optional<Point> Scanner::within_year(Point p, std::size_t j) const noexcept {
  if (at(j, "年")) {
    std::size_t k = j;
    skip(k, "年");
    if (lit_any(s_, k, "底", "末", "初", "中", "内")) j = k;
  }
  std::optional<Point> part = month_part_of(j, false);
  if (!part) part = quarter_or_half(j, false);
  if (part) {
    part->begin = p.begin;
    part->year_from = p.year_from;
    part->year = p.year;
    return part;
  }
  p.unit = Unit::year;
  if (by_end(j)) {
    p.end_marker = true;
  } else if (skip(j, "初")) {  // 2019年初: no end word, so 2019年初开始 is a start
    p.unit = Unit::early_year;
    p.first_month = 1;
    p.last_month = 3;
  } else if (at(j, "中")) {
    std::size_t after = j;
    skip(after, "中");
    const bool closes = is_boundary(cp_at(s_, after));
    if (before_word(after) || closes) {
      p.unit = Unit::mid_year;
      p.first_month = 1;
      p.last_month = 6;
      p.end_marker = true;
      j = after;
    }
  } else if (skip_any(j, "以内", "内")) {
    p.end_marker = true;
  } else if (before_word(j)) {
    p.before = true;
    p.end_marker = true;
  }
  p.end = j;
  return p;
}

// A year word with no year before it: 年中, 年底, 年末, 年初, 年内, 全年.
std::optional<Point> Scanner::year_word(std::size_t i) const noexcept {
  Point p;
  p.begin = i;
  p.unit = Unit::year;
  std::size_t j = i;
  if (skip(j, "年初")) {
    p.unit = Unit::early_year;
    p.first_month = 1;
    p.last_month = 3;
  } else if (skip(j, "年中")) {
    const bool closes = is_boundary(cp_at(s_, j));
    if (!before_word(j) && !closes) return std::nullopt;
    p.unit = Unit::mid_year;
    p.first_month = 1;
    p.last_month = 6;
    p.end_marker = true;
  } else if (at(j, "年底") || at(j, "年末")) {
    skip(j, "年");
    by_end(j);  // 底/末 and a following 前
    p.end_marker = true;
  } else if (skip(j, "年内")) {
    p.end_marker = true;
  } else if (!skip(j, "全年")) {
    return std::nullopt;
  }
  p.end = j;
  return p;
}

// The look-ahead of may_begin_point: a number must be followed by the word
// it counts (年 月 季度) or by the joint of a range (2021—2025年, 4―6月);
// each word that can begin a point has a fixed next character.
bool may_begin_point(std::string_view s, std::size_t i) noexcept {
  const char32_t c = cp_at(s, i);
  std::size_t j = after_cp(s, i);
  if (is_ascii_digit(c)) {  // arabic(): the whole digit run
    while (j < s.size() && is_ascii_digit(static_cast<unsigned char>(s[j]))) ++j;
  } else if (is_cn_numeral(c)) {  // year_number(), chinese_small(): never stop inside a run
    while (j < s.size() && is_cn_numeral(cp_at(s, j))) j = after_cp(s, j);
  } else {
    const char32_t next = cp_at(s, j);
    switch (c) {
      case U'今': case U'本': case U'当': case U'明': case U'来': case U'次':  // 今年 … 次年
      case U'全': return next == U'年';                                      // 全年
      case U'上': case U'下': return next == U'半';                          // 上半年 下半年
      case U'前': case U'第': return is_ascii_digit(next) || is_cn_numeral(next);  // 前三季度 第一季度
      case U'年':  // 年初 年中 年底 年末 年内
        return next == U'初' || next == U'中' || next == U'底' || next == U'末' || next == U'内';
      default: return true;  // a character this look-ahead does not know: the grammar decides
    }
  }
  // 年 月 季(度), or the first character of a range_joint word (each of
  // which is a joint alone too).
  switch (cp_at(s, j)) {
    case U'年': case U'月': case U'季':
    case U'—': case U'―': case U'–': case U'-': case U'~': case U'～': case U'至': case U'到':
      return true;
    default: return false;
  }
}

// One point in time: [year] [month… | quarter | half | 底 | 内 | 前].
std::optional<Point> Scanner::point(std::size_t i) const noexcept {
  if (const auto year = stated_year(i)) return within_year(*year, year->end);
  if (auto m = month_part_of(i, true)) return m;
  if (auto q = quarter_or_half(i, true)) return q;
  if (!bare_word_allowed(i)) return std::nullopt;
  return year_word(i);
}

// 2021—2025年: the first year of a span has no 年 of its own.
std::optional<Point> Scanner::year_span_start(std::size_t i) const noexcept {
  const auto y = year_number(s_, i);
  if (!y || at(y->end, "年")) return std::nullopt;
  const std::size_t joint = range_joint(s_, y->end);
  if (joint == 0) return std::nullopt;
  const auto second = point(y->end + joint);
  if (!second || second->year_from != YearFrom::stated) return std::nullopt;
  Point first;
  first.begin = i;
  first.end = y->end;
  first.year_from = YearFrom::stated;
  first.year = y->value;
  first.unit = Unit::year;
  return first;
}

// The second end of a range that starts with `first` (…至12月31日).
std::optional<Point> Scanner::range_end(const Point& first) const noexcept {
  const std::size_t joint = range_joint(s_, first.end);
  if (joint == 0) return std::nullopt;
  auto second = point(first.end + joint);
  // 6月至年底 is a range; 6月到全年 is not.
  if (second && second->unit == Unit::year && second->year_from != YearFrom::stated &&
      first.unit != Unit::year)
    return std::nullopt;
  return second;
}

// ---------------------------------------------------------------- other forms

// 本意见印发后3个月内, 印发之日起30日内, 自印发之日起(施行).
std::optional<Mention> Scanner::relative(std::size_t i) const {
  std::size_t j = i;
  if (const auto* doc = cues().document.starting_at(s_, i)) j += doc->size();
  if (!skip(j, "印发")) return std::nullopt;
  const bool from_day = at(j, "之日起") || at(j, "起");  // a day to count from
  if (!skip_any(j, "之日起", "之日后", "之日", "以后", "后", "起")) return std::nullopt;
  Mention m;
  m.begin = i;
  const bg::date ref = reference();
  std::size_t k = j;
  if (const auto n = small(s_, k)) {
    k = n->end;
    bool months = false, ok = true;
    long days = 0;
    if (skip(k, "个工作日")) days = n->value * 7 / 5;  // about: weekends
    else if (skip(k, "个月")) months = true;
    else if (skip_any(k, "日", "天")) days = n->value;
    else if (skip(k, "周")) days = 7 * n->value;
    else ok = false;
    if (ok && skip_any(k, "以内", "之内", "内")) {
      m.end = k;
      m.deadline.kind = DeadlineKind::relative;
      m.deadline.role = DateRole::deadline;
      if (ctx_.reference || plan_year()) {
        m.deadline.start = ref;
        try {
          m.deadline.due = months ? ref + bg::months(static_cast<int>(n->value)) : ref + bg::days(days);
          if (m.deadline.due->is_special()) m.deadline.due.reset();
        } catch (const std::exception&) {
          m.deadline.due.reset();
        }
      }
      return m;
    }
  }
  // 自印发之日起施行: the document starts something on its own date.
  if (!from_day) return std::nullopt;  // 印发后，各地要…: no date named
  m.end = j;
  m.deadline.kind = DeadlineKind::start;
  m.deadline.role = DateRole::start;
  if (ctx_.reference || plan_year()) m.deadline.start = ref;
  return m;
}

// What follows 每年: a point in the year (每年2月底前, 每年年底前, 每年一季度)
// or a season (每年3-6月: `season` is set to its last month).
std::optional<Point> Scanner::yearly_point(std::size_t j, std::optional<Point>& season) const noexcept {
  std::optional<Point> p = month_part_of(j, false);
  if (!p) p = quarter_or_half(j, false);
  if (!p && (at(j, "年底") || at(j, "年末") || at(j, "底") || at(j, "末"))) {
    p = Point{};
    p->unit = Unit::year;
    p->end = j;
    skip(p->end, "年");
    by_end(p->end);
  }
  if (p) season = range_end(*p);
  return p;
}

// What follows 每季度 / 每半年 / 每月: the first period, and whether a due
// point is named (每季度末, 每月23日前, 每月底前) or only a frequency.
std::optional<Point> Scanner::period_point(std::size_t j, Recurrence& every,
                                           bool& due_point) const noexcept {
  Point p;
  if (at(j, "季度") || at(j, "半年")) {
    const bool quarter = at(j, "季度");
    skip_any(j, "季度", "半年");
    every = quarter ? Recurrence::quarterly : Recurrence::half_yearly;
    p.unit = quarter ? Unit::quarter : Unit::half_year;
    p.last_month = quarter ? 3 : 6;
    due_point = by_end(j) || before_word(j);
  } else if (skip(j, "月")) {
    every = Recurrence::monthly;
    p.unit = Unit::month;
    p.month = 1;
    if (const auto d = small(s_, j); d && (at(d->end, "日") || at(d->end, "号"))) {
      p.unit = Unit::day;
      p.day = static_cast<int>(d->value);
      j = d->end;
      skip_any(j, "日", "号");
      before_word(j);
      due_point = true;
    } else {
      due_point = by_end(j);
    }
  } else {
    return std::nullopt;
  }
  p.end = j;
  return p;
}

// 每年2月底前, 每季度, 每月, 每月23日前, 每半年, 每年3-6月. A frequency alone
// (每月调度, 每季度通报, 每半年) and a season name no point to be done by:
// they are recurring references, not deadlines. A due point (每月23日前,
// 每月底前, 每季度末, 每年2月底前) makes a deadline.
std::optional<Mention> Scanner::recurring(std::size_t i) {
  std::size_t j = i;
  if (!skip(j, "每")) return std::nullopt;
  // 每人每月: a rate, not a schedule (another 每 two characters back).
  bool rate = false;
  if (i > 0) {
    std::size_t k = i;
    prev_cp(s_, k);
    rate = cp_before(s_, k) == U'每';
  }
  Mention m;
  m.begin = i;
  m.deadline.kind = DeadlineKind::recurring;
  bool due_point = true;
  std::optional<Point> p, season;
  if (skip(j, "年")) {
    p = yearly_point(j, season);
    if (!p) return std::nullopt;  // 每年只享受一次: no schedule named
    due_point = !season;
    chain_recurring_ = true;
    m.deadline.every = Recurrence::yearly;
  } else {
    p = period_point(j, m.deadline.every, due_point);
    if (!p) return std::nullopt;
  }
  m.end = season ? season->end : p->end;
  m.deadline.role = rate || !due_point ? DateRole::reference : DateRole::deadline;
  if (const auto y = plan_year()) {
    const long year = chain_year_ ? *chain_year_ : *y;
    const Period first = period_of(*p, year);
    const Period last = season ? period_of(*season, year) : first;
    if (!first.start || !last.due) {
      report_invalid(i, m.end, "no such date");
      return std::nullopt;
    }
    m.deadline.start = first.start;
    m.deadline.due = last.due;
  }
  return m;
}

// 长期坚持 / 持续推进 / 常态化 standing alone as a clause or a table cell.
std::optional<Mention> Scanner::open_ended(std::size_t i) const {
  const auto* w = cues().open_ended.starting_at(s_, i);
  if (!w) return std::nullopt;
  if (!is_boundary(cp_before(s_, i)) || !is_boundary(cp_at(s_, i + w->size()))) return std::nullopt;
  Mention m;
  m.begin = i;
  m.end = i + w->size();
  m.deadline.kind = DeadlineKind::open_ended;
  m.deadline.role = DateRole::deadline;
  return m;
}

// 〔2018〕 / [2018] in a document number: the year of a cited document.
std::optional<Mention> Scanner::citation(std::size_t i) const {
  std::size_t j = i;
  const bool cn = skip(j, "〔");
  if (!cn && !skip(j, "[")) return std::nullopt;
  const auto y = year_number(s_, j);
  if (!y) return std::nullopt;
  j = y->end;
  if (!skip(j, cn ? "〕" : "]")) return std::nullopt;
  Mention m;
  m.begin = i;
  m.end = j;
  m.deadline.kind = DeadlineKind::year;
  m.deadline.role = DateRole::reference;
  m.deadline.start = make_date(y->value, 1, 1);
  m.deadline.due = make_date(y->value, 12, 31);
  return m;
}

// ---------------------------------------------------------------- years

std::optional<long> Scanner::plan_year() const noexcept {
  if (ctx_.plan_year && *ctx_.plan_year >= kMinYear && *ctx_.plan_year <= kMaxYear)
    return *ctx_.plan_year;
  if (ctx_.reference) return ctx_.reference->year();
  return std::nullopt;
}

// The year 今年/明年 count from: the reference date's, else the plan year.
long Scanner::reference_year() const noexcept {
  return ctx_.reference ? static_cast<long>(ctx_.reference->year()) : plan_year().value_or(0);
}

bg::date Scanner::reference() const noexcept {
  if (ctx_.reference) return *ctx_.reference;
  if (const auto y = plan_year()) return bg::date(static_cast<unsigned short>(*y), 1, 1);
  return bg::date(2000, 1, 1);  // unreachable in practice: callers check plan_year()
}

std::optional<long> Scanner::year_for(const Point& p) const noexcept {
  const std::optional<long> ref = ctx_.reference ? std::optional<long>(ctx_.reference->year()) : plan_year();
  switch (p.year_from) {
    case YearFrom::stated: return p.year;
    case YearFrom::this_year: return ref;
    case YearFrom::next_year: return ref ? std::optional<long>(*ref + 1) : std::nullopt;
    case YearFrom::following_year:
      if (chain_year_) return *chain_year_ + 1;
      return ref ? std::optional<long>(*ref + 1) : std::nullopt;
    case YearFrom::current:
    case YearFrom::none: return chain_year_ ? chain_year_ : plan_year();
  }
  return std::nullopt;
}

}  // namespace taizhang::detail::deadlines
