// Outline stage, envelope (GB/T 9704): site chrome, 成文日期, the 版头 zone
// (发文机关标志, 发文字号, notice title), 主送机关, the signature block with its
// remarks and attachment list, the plan's own title and its year.
#include "outline/draft.hpp"
#include "text/scan.hpp"
#include "units/grammar.hpp"
#include "text/tsv.hpp"
#include "text/words.hpp"

#include "taizhang_data/chrome.inc"
#include "taizhang_data/envelope_words.inc"

#include <algorithm>
#include <array>
#include <cstring>
#include <string>

namespace taizhang::detail {

namespace {

// The words of the GB/T 9704 envelope the readers below look for, named once:
// a notice title is 发文机关 + 关于 + 事由 + 文种 (关于印发…的通知), the
// printing line ends in 印发 (印发机关 + 印发日期 + 印发), and 附件 marks an
// attachment (附件说明, and the mark above the attachment itself).
constexpr std::string_view kAbout = "关于";
constexpr std::string_view kIssued = "印发";
constexpr std::string_view kAttachment = "附件";

std::string_view view(std::string_view s, Range r) { return s.substr(r.begin, r.end - r.begin); }

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// ---- data tables ---------------------------------------------------------

// The rules of chrome.tsv. A line is chrome when any rule holds, so their
// order does not matter: the prefixes are bucketed by their first byte, and
// a line is compared only with the few that open as it does (not all 43).
struct ChromeRules {
  std::array<std::vector<std::string>, 256> prefixes;
  std::vector<std::string> exact, contained;
  bool empty_prefix = false;      // a prefix rule of no text: every line
  std::size_t longest_prefix = 0;  // bytes: of the joined title to compare

  bool opened_by_prefix(std::string_view line) const {
    if (empty_prefix) return true;
    if (line.empty()) return false;
    for (const std::string& p : prefixes[static_cast<unsigned char>(line.front())])
      if (line.size() >= p.size() && std::memcmp(line.data(), p.data(), p.size()) == 0) return true;
    return false;
  }
};

const ChromeRules& chrome_rules() {
  static const ChromeRules rules = [] {
    ChromeRules r;
    for (const auto& row : tsv_rows(data::chrome)) {
      if (row.size() < 2) continue;
      const std::string_view kind = row[0];
      std::string text(row[1]);
      if (kind == "prefix") {
        r.longest_prefix = std::max(r.longest_prefix, text.size());
        if (text.empty()) r.empty_prefix = true;
        else r.prefixes[static_cast<unsigned char>(text.front())].push_back(std::move(text));
      } else if (kind == "exact") {
        r.exact.push_back(std::move(text));
      } else if (kind == "contains") {
        r.contained.push_back(std::move(text));
      }
    }
    return r;
  }();
  return rules;
}

// Can `s` hold a character that join_title drops (an ASCII space or control
// character, U+3000 which starts with E3, U+00A0 which starts with C2)? When
// not, the joined opening is the line's own opening, already tested.
bool may_hold_title_space(std::string_view s) {
  for (char c : s) {
    const auto b = static_cast<unsigned char>(c);
    if (b <= ' ' || b == 0xE3 || b == 0xC2) return true;
  }
  return false;
}

bool is_chrome_line(std::string_view line) {
  const ChromeRules& rules = chrome_rules();
  // A prefix holds on the line as it is or on its title joined (发 布 时 间):
  // only the joined opening is built, never the whole line.
  if (rules.opened_by_prefix(line)) return true;
  if (may_hold_title_space(line.substr(0, rules.longest_prefix)) &&
      rules.opened_by_prefix(join_title_prefix(line, rules.longest_prefix)))
    return true;
  for (const std::string& e : rules.exact)
    if (line == e) return true;
  if (line.size() <= 120)
    for (const std::string& c : rules.contained)
      if (line.find(c) != std::string_view::npos) return true;
  return false;
}


// The words of envelope_words.tsv of one kind (issuer_ending, title_end).
std::vector<std::string_view> envelope_words(std::string_view kind) {
  std::vector<std::string_view> out;
  for (const auto& row : tsv_rows(data::envelope_words))
    if (row.size() >= 2 && row[1] == kind) out.push_back(row[0]);
  return out;
}

// A body's name: ends as one (envelope_words.tsv issuer_ending), and no
// longer than `max` bytes (a line longer than a name is a sentence).
bool looks_like_org(std::string_view s, std::size_t max = han_bytes(20)) {
  static const std::vector<std::string_view> endings = envelope_words("issuer_ending");
  if (s.empty() || s.size() > max) return false;
  for (auto suf : endings)
    if (ends_with(s, suf)) return true;
  return false;
}

// The place a body's name starts with (河北省, 黄浦区, 内蒙古自治区; after a
// leading 中共): at least two characters, up to the first ending of an
// administrative division (envelope_words.tsv place_end) within the first
// eight. Empty when the name starts with none (市场监管局, 工业和信息化部).
std::string_view place_of(std::string_view name) {
  static const std::vector<std::string_view> endings = envelope_words("place_end");
  cut_prefix_word(name, "中共");
  std::size_t i = 0;
  for (int count = 0; i < name.size() && count < 8; ++count) {
    next_cp(name, i);
    if (count == 0) continue;
    for (auto e : endings)
      if (ends_with_at(name, i, e)) return name.substr(0, i);
  }
  return {};
}

bool all_han(std::string_view s) {
  for (std::size_t i = 0; i < s.size();)
    if (!is_han(next_cp(s, i))) return false;
  return !s.empty();
}

// Bodies run together without a separator (黄浦区发展和改革委员会黄浦区教育局):
// each ends in a body's ending, and the next starts with the first one's
// place again or with 中共 (joint issues of Party and government bodies).
// Appends them to `out`; false when the run does not divide so.
bool split_bodies(std::string_view run, std::vector<std::string_view>& out) {
  const std::string_view place = place_of(run);
  std::size_t start = 0;
  for (std::size_t i = 0; i < run.size();) {
    next_cp(run, i);
    const std::string_view body = run.substr(start, i - start);
    // One body of a run may have a long name (…网络安全和信息化委员会办公室).
    if (i == run.size()) {
      if (!looks_like_org(body, han_bytes(30))) return false;
      out.push_back(body);
    } else if (!place.empty() && looks_like_org(body, han_bytes(30)) &&
               (starts_with_at(run, i, place) || starts_with_at(run, i, "中共"))) {
      out.push_back(body);
      start = i;
    }
  }
  return true;
}

}  // namespace

std::vector<std::string_view> signature_bodies(std::string_view line) {
  // A 署名 is names only: Han characters, spaces between bodies at most.
  line = trim(line);
  if (line.empty() || line.size() > 600) return {};
  std::vector<std::string_view> out;
  for (std::size_t b = 0; b < line.size();) {
    std::size_t e = line.find(' ', b);
    if (e == std::string_view::npos) e = line.size();
    const std::string_view run = line.substr(b, e - b);
    if (!run.empty() && (!all_han(run) || !split_bodies(run, out))) return {};
    b = e + 1;
  }
  return out;
}

// Title words that end a notice or plan title (the document kinds); used to
// join titles broken across lines ("…的" + "通 知").
bool ends_title(std::string_view joined) {
  std::string_view t = joined;
  while (!t.empty() && (t.back() == ')' || t.back() == ' ')) {
    // "…的通知 (粤府〔2021〕22号)": look before the trailing parenthesis.
    auto open = t.rfind('(');
    if (open == std::string_view::npos) break;
    t = trim(t.substr(0, open));
  }
  static const std::vector<std::string_view> kinds = envelope_words("title_end");
  for (auto e : kinds)
    if (ends_with(t, e)) return true;
  return false;
}

bool names_a_division(std::string_view title) {
  static const std::vector<std::string_view> kinds = envelope_words("division");
  for (auto e : kinds)
    if (ends_with(title, e)) return true;
  return false;
}

namespace {

std::size_t skip_spaces(std::string_view v, std::size_t i) {
  while (i < v.size() && v[i] == ' ') ++i;
  return i;
}

// 发文字号: agency + bracketed year + serial + 号, anywhere in the line.
std::optional<DocNumber> find_doc_number(std::string_view s, Range line, const Text& text) {
  std::string_view v = view(s, line);
  constexpr std::string_view kOpen[] = {"〔", "[", "【", "(", "（", "［"};
  constexpr std::string_view kClose[] = {"〕", "]", "】", ")", "）", "］"};
  for (std::size_t i = 0; i < v.size();) {
    for (std::size_t k = 0; k < std::size(kOpen); ++k) {
      if (!starts_with_at(v, i, kOpen[k])) continue;
      // Web copies may put spaces between the parts (国发 〔2011〕 12 号).
      std::size_t j = skip_spaces(v, i + kOpen[k].size());
      std::size_t y0 = j;
      while (j < v.size() && is_ascii_digit(static_cast<unsigned char>(v[j]))) ++j;
      if (j - y0 != 4) continue;
      const int year = std::stoi(std::string(v.substr(y0, 4)));
      j = skip_spaces(v, j);
      if (!starts_with_at(v, j, kClose[k])) continue;
      j = skip_spaces(v, j + kClose[k].size());
      std::size_t n0 = j;
      while (j < v.size() && is_ascii_digit(static_cast<unsigned char>(v[j]))) ++j;
      if (j == n0 || j - n0 > 5) continue;
      const int serial = std::stoi(std::string(v.substr(n0, j - n0)));
      j = skip_spaces(v, j);
      if (!skip_word(v, j, "号")) continue;
      // Agency: the Han characters right before the bracket (at most 8).
      std::size_t a = i;
      while (a > 0 && v[a - 1] == ' ') --a;
      const std::size_t agency_end = a;
      int count = 0;
      while (a > 0 && count < 8) {
        std::size_t p = a;
        char32_t c = prev_cp(v, p);
        if (!is_han(c)) break;
        a = p;
        ++count;
      }
      if (count == 0) continue;
      DocNumber dn;
      dn.agency = std::string(text.original_slice(line.begin + a, line.begin + agency_end));
      dn.year = year;
      dn.serial = serial;
      dn.text = join_title(text.original_slice(line.begin + a, line.begin + j));
      dn.span = text.span(line.begin + a, line.begin + j);
      return dn;
    }
    std::size_t adv = i;
    next_cp(v, adv);
    i = adv;
  }
  return std::nullopt;
}

// Extracts the plan title from a notice title: 关于印发《X》的通知 → X,
// 关于印发X的通知 → X. Empty when the notice does not forward a plan.
std::string plan_title_from_notice(const std::string& notice) {
  auto p = notice.find(kIssued);
  if (p == std::string::npos) return {};
  std::string rest = notice.substr(past_word(p, kIssued));
  if (rest.rfind("《", 0) == 0) {
    auto close = rest.rfind("》");
    const std::size_t open_end = past_word(0, "《");
    if (close != std::string::npos && close >= open_end) return rest.substr(open_end, close - open_end);
  }
  if (rest.rfind("<", 0) == 0) {  // web copies write 《》 as <>
    auto close = rest.rfind(">");
    if (close != std::string::npos) return rest.substr(1, close - 1);
  }
  auto de = rest.rfind("的通知");
  if (de == std::string::npos) de = rest.rfind("通知");
  if (de == std::string::npos) return {};
  return rest.substr(0, de);
}

std::optional<int> year_in(std::string_view s) {
  for (std::size_t i = 0; i + 7 <= s.size(); ++i) {
    if (is_ascii_digit(static_cast<unsigned char>(s[i])) && (i == 0 || !is_ascii_digit(static_cast<unsigned char>(s[i - 1])))) {
      std::size_t j = i;
      while (j < s.size() && is_ascii_digit(static_cast<unsigned char>(s[j]))) ++j;
      // "2023年", or the first year of a period "2023—2025年" / "2023-2025年",
      // or of a bracketed period written without 年: "(2021—2023)".
      std::size_t k = j;
      for (std::string_view dash : {"—", "-", "~", "至"})
        if (starts_with_at(s, k, dash)) k += dash.size();
      std::size_t m = k;
      while (k != j && m < s.size() && is_ascii_digit(static_cast<unsigned char>(s[m]))) ++m;
      const bool two_years = j - i == 4 && k != j && m - k == 4 && s.substr(k, 4) >= s.substr(i, 4);
      const bool period = two_years && (starts_with_at(s, m, "年") ||
                                        (i > 0 && s[i - 1] == '(' && starts_with_at(s, m, ")")));
      if (j - i == 4 && (starts_with_at(s, j, "年") || period)) {
        int y = std::stoi(std::string(s.substr(i, 4)));
        if (y >= 1949 && y <= 2200) return y;
      }
      i = j;
    }
  }
  return std::nullopt;
}


// Splits a 主送机关 line (without its colon) on ，、；.
std::vector<std::string> split_recipients(std::string_view l) {
  std::vector<std::string> out;
  std::size_t b = 0;
  for (std::size_t i = 0; i <= l.size();) {
    std::size_t sep = 0;
    if (i == l.size() || l[i] == ',' || l[i] == ';') sep = 1;
    else if (starts_with_at(l, i, "，") || starts_with_at(l, i, "、") || starts_with_at(l, i, "；")) sep = 3;
    if (!sep) {
      next_cp(l, i);
      continue;
    }
    std::string part(trim(l.substr(b, i - b)));
    if (!part.empty()) out.push_back(part);
    if (i == l.size()) break;
    i += sep;
    b = i;
  }
  return out;
}

bool is_recipients_line(std::string_view l) {
  return (ends_with(l, ":") || ends_with(l, "：")) && l.size() < 400 &&
         (l.find("，") != std::string_view::npos || l.find(",") != std::string_view::npos ||
          l.find("、") != std::string_view::npos || l.rfind("各", 0) == 0);
}


// The issuing body named in a 发文机关标志 or before 关于: without 文件, and
// without what follows 转发/批转/印发 ("X转发Y关于…" is issued by X).
std::string issuer_name(std::string org) {
  constexpr std::string_view kFile = "文件";  // the 发文机关标志 ends so: XX人民政府文件
  if (ends_with(org, kFile)) org.resize(org.size() - kFile.size());
  for (std::string_view verb : {std::string_view("转发"), std::string_view("批转"), kIssued})
    if (auto v = org.find(verb); v != std::string::npos && v > 0) org.resize(v);
  return org;
}

// "（此件公开发布）", "（本文有删减）", "(2023—2025年)": a line wholly in brackets.
bool is_bracketed_line(std::string_view l) {
  if (l.size() < 4 || l.size() > 90) return false;
  const bool open = l.front() == '(' || l.rfind("（", 0) == 0;
  const bool close = l.ends_with(')') || l.ends_with("）");
  return open && close;
}

// 关于…的通知, joined across its broken lines; the lines become envelope.
void read_notice_title(Draft& d, std::size_t& i, std::size_t zone_end) {
  Plan& plan = d.doc.plan;
  std::string joined = join_title(d.line(i));
  std::size_t last = i;
  for (std::size_t k = i + 1; k < zone_end && !ends_title(joined) && k < i + 4; ++k) {
    if (d.lines[k].kind == LineKind::blank) continue;
    if (d.lines[k].kind != LineKind::text || d.line(k).size() > 120 || is_recipients_line(d.line(k)) ||
        ends_with(d.line(k), "：") || ends_with(d.line(k), ":"))
      break;
    joined += join_title(d.line(k));
    last = k;
  }
  // "…的通知 (粤府〔2021〕22号)": the number is not part of the title.
  if (plan.doc_number) {
    auto p = joined.find(plan.doc_number->text);
    if (p != std::string::npos) {
      joined = join_title(trim(std::string_view(joined).substr(0, p)));
      while (!joined.empty() && (joined.back() == '(' || joined.back() == ' ')) joined.pop_back();
    }
  }
  // Issuer: the words before 关于, else the line above (发文机关标志).
  std::string before = issuer_name(joined.substr(0, joined.find(kAbout)));
  if (plan.issuer.empty() && looks_like_org(before)) plan.issuer = before;
  if (plan.issuer.empty() && i > 0) {
    std::size_t k = i;
    while (k > 0 && d.lines[k - 1].kind == LineKind::blank) --k;
    if (k > 0 && d.lines[k - 1].kind == LineKind::text) {
      std::string above = issuer_name(join_title(d.line(k - 1)));
      if (looks_like_org(above)) {
        plan.issuer = above;
        d.z.issuer_from_mark = true;
        d.lines[k - 1].kind = LineKind::envelope;
      }
    }
  }
  plan.notice_title = joined;
  for (std::size_t k = i; k <= last; ++k)
    if (d.lines[k].kind == LineKind::text) d.lines[k].kind = LineKind::envelope;
  i = last;
}

// ---- a page without line breaks -----------------------------------------

// "国发 〔2011〕 12 号" at v[open]: the end of the number (after 号), or 0.
std::size_t doc_number_end(std::string_view v, std::size_t open) {
  constexpr std::string_view kOpen[] = {"〔", "[", "【", "("}, kClose[] = {"〕", "]", "】", ")"};
  for (std::size_t k = 0; k < std::size(kOpen); ++k) {
    if (!starts_with_at(v, open, kOpen[k])) continue;
    std::size_t j = skip_spaces(v, open + kOpen[k].size()), y0 = j;
    while (j < v.size() && is_ascii_digit(static_cast<unsigned char>(v[j]))) ++j;
    if (j - y0 != 4) return 0;
    j = skip_spaces(v, j);
    if (!starts_with_at(v, j, kClose[k])) return 0;
    j = skip_spaces(v, j + kClose[k].size());
    const std::size_t n0 = j;
    while (j < v.size() && is_ascii_digit(static_cast<unsigned char>(v[j]))) ++j;
    if (j == n0 || j - n0 > 5) return 0;
    j = skip_spaces(v, j);
    return skip_word(v, j, "号") ? j : 0;
  }
  return 0;
}

// The head of a page whose text runs on without line breaks: the title,
// the 发文字号 and the 主送机关 (ending in ：) before the first sentence.
// Returns the offsets (into v) where a new line starts.
std::vector<std::size_t> head_cuts(std::string_view v) {
  std::vector<std::size_t> cuts;
  const std::size_t window = std::min<std::size_t>(v.size(), 400);
  for (std::size_t i = 0; i < window; ++i) {
    // Only a bracket opens a number: '[', '(' or a CJK bracket (〔【, lead byte E3).
    const auto lead = static_cast<unsigned char>(v[i]);
    if (lead != '[' && lead != '(' && lead != 0xE3) continue;
    const std::size_t end = doc_number_end(v, i);
    if (end == 0) continue;
    // The agency is the Han characters before the bracket; the title ends
    // in a document kind right before it (…若干意见国发〔2011〕12号).
    // A number cited in a sentence ((国办发〔2018〕10号)) is none of this.
    std::size_t a = i;
    while (a > 0 && v[a - 1] == ' ') --a;
    bool alone = false;
    for (int count = 0; a > 0 && count < 8 && !alone; ++count) {
      std::size_t p = a;
      if (!is_han(prev_cp(v, p))) return {};
      a = p;
      alone = a == 0 || ends_title(trim(v.substr(0, a)));
    }
    if (!alone) return {};
    if (a > 0) cuts.push_back(a);
    cuts.push_back(end);
    // 主送机关: up to the first ：, with no sentence before it.
    const std::size_t colon = v.find("：", end);
    if (colon != std::string_view::npos && colon - end < 300) {
      const std::string_view r = v.substr(end, past_word(colon, "：") - end);
      if (r.find("。") == std::string_view::npos && is_recipients_line(trim(r))) cuts.push_back(past_word(colon, "："));
    }
    break;
  }
  return cuts;
}

// "2023年12月13日" (or 二○一一年五月十日) at v[k]: the offset after 日, or 0.
std::size_t date_end(std::string_view v, std::size_t k) {
  std::size_t i = k;
  const auto y = read_small_number(v, i);
  if (!y || *y < 1900 || *y > 2200 || !skip_word(v, i, "年")) return 0;
  const auto m = read_small_number(v, i);
  if (!m || *m < 1 || *m > 12 || !skip_word(v, i, "月")) return 0;
  const auto d = read_small_number(v, i);
  if (!d || *d < 1 || *d > 31 || !skip_word(v, i, "日")) return 0;
  return i;
}

// A date that goes on as a sentence (…2023年6月30日前完成) signs nothing.
bool ends_signature(std::string_view v, std::size_t e) {
  e = skip_spaces(v, e);
  if (e >= v.size() || v[e] == '(') return true;
  std::size_t k = e;
  const char32_t c = next_cp(v, k);
  for (char32_t w : {U'前', U'后', U'起', U'以', U'之', U'至', U'到', U'内', U'止', U'，', U'、', U'；', U'。', U'的'})
    if (c == w) return false;
  return true;
}

// The signature block after a sentence: …。[署名][成文日期][（此件公开发布）],
// at the end of the text or where a cover notice ends and its plan begins.
std::vector<std::size_t> signature_cuts(std::string_view v) {
  std::vector<std::size_t> cuts;
  for (std::size_t stop = v.find("。"); stop != std::string_view::npos; stop = v.find("。", past_word(stop, "。"))) {
    // The window holds a joint 署名 of a dozen bodies.
    const std::size_t org = skip_spaces(v, past_word(stop, "。"));
    const std::size_t window = std::min({v.size(), org + han_bytes(200), v.find("。", org)});
    for (std::size_t k = org; k < window;) {
      const std::size_t e = date_end(v, k);
      const std::string_view signed_by = trim(v.substr(org, k - org));
      if (e != 0 && ends_signature(v, e) && (looks_like_org(signed_by) || !signature_bodies(signed_by).empty())) {
        cuts.insert(cuts.end(), {org, k, e});
        const std::size_t r = skip_spaces(v, e);
        const std::size_t close = r < v.size() && v[r] == '(' ? v.find(')', r) : std::string_view::npos;
        if (close != std::string_view::npos && close - r < 60) cuts.push_back(close + 1);
        break;
      }
      next_cp(v, k);
    }
  }
  return cuts;
}

}  // namespace

std::vector<Range> split_running_envelope(std::string_view s, Range line, bool first) {
  const std::string_view v = s.substr(line.begin, line.end - line.begin);
  std::vector<std::size_t> cuts;
  if (first) cuts = head_cuts(v);
  for (std::size_t c : signature_cuts(v))
    if (c < v.size() && (cuts.empty() || c > cuts.back())) cuts.push_back(c);
  std::vector<Range> out;
  std::size_t b = 0;
  for (std::size_t c : cuts) {
    if (c > b) out.push_back({line.begin + b, line.begin + c});
    b = c;
  }
  out.push_back({line.begin + b, line.end});
  return out;
}

namespace {

// "…的通知各市人民政府，…：": where a notice title (关于…, ending in a
// document kind) runs into its 主送机关, or 0. The last kind that is so
// followed ends the title: "方案(2023—2025年)的通知" goes on past 方案.
std::size_t title_recipients_cut(std::string_view v) {
  if (v.size() > 600 || !(ends_with(v, "：") || ends_with(v, ":"))) return 0;
  const std::size_t about = v.find(kAbout);
  if (about == std::string_view::npos) return 0;
  static const std::vector<std::string_view> kinds = envelope_words("title_end");
  std::size_t cut = 0;
  for (std::size_t i = past_word(about, kAbout); i < v.size();) {
    next_cp(v, i);
    bool kind = false;
    for (auto k : kinds) kind = kind || ends_with_at(v, i, k);
    if (!kind || i == v.size()) continue;
    const std::string_view title = v.substr(0, i), rest = trim(v.substr(i));
    if (has_sentence_punctuation(title)) break;
    if (is_recipients_line(rest)) cut = i;
  }
  return cut;
}

// "2023年3月24日青川市…行动方案（2023—2025年）": where a 成文日期 runs into
// a title, or 0. A date that goes on as a sentence (…日前完成) is no 成文日期.
std::size_t date_title_cut(std::string_view v) {
  const std::size_t e = date_end(v, 0);
  if (e == 0 || e >= v.size() || !ends_signature(v, e)) return 0;
  const std::string_view rest = trim(v.substr(e));
  if (rest.size() > 150 || has_sentence_punctuation(rest) || !ends_title(join_title(rest))) return 0;
  return e;
}

}  // namespace

std::vector<Range> split_glued_envelope(std::string_view s, Range line, bool head, std::string_view previous) {
  const std::string_view v = s.substr(line.begin, line.end - line.begin);
  std::vector<std::size_t> cuts;
  if (head) {
    // 发文字号 then 主送机关 (as on a page without line breaks), else a title
    // then 主送机关.
    if (v.size() <= 600) cuts = head_cuts(v);
    if (cuts.empty())
      if (const std::size_t c = title_recipients_cut(v)) cuts.push_back(c);
  }
  // The previous line is read as a 署名 only for a line that opens with a
  // date run into a title (few do): reading every line so cost more.
  if (cuts.empty())
    if (const std::size_t c = date_title_cut(v); c != 0 && !signature_bodies(previous).empty()) cuts.push_back(c);
  std::vector<Range> out;
  std::size_t b = 0;
  for (std::size_t c : cuts) {
    if (c > b && c < v.size()) {
      out.push_back({line.begin + b, line.begin + c});
      b = c;
    }
  }
  out.push_back({line.begin + b, line.end});
  return out;
}

bool has_sentence_punctuation(std::string_view l) {
  return l.find("。") != std::string_view::npos || l.find("，") != std::string_view::npos ||
         l.find(",") != std::string_view::npos;
}

// "附件", "附件2", "附件：考核指标", "附表", "附：": a line that opens an
// attachment (not a sentence that mentions one).
bool is_attachment_marker(std::string_view l) {
  if (!l.starts_with(kAttachment) && l.rfind("附表", 0) != 0 && l.rfind("附:", 0) != 0 && l.rfind("附：", 0) != 0)
    return false;
  return l.size() <= 90 && !has_sentence_punctuation(l) && l.find("；") == std::string_view::npos;
}

void mark_chrome(Draft& d) {
  // Everything up to "全文如下" near the top, and metadata lines anywhere.
  const std::size_t n = d.size();
  std::size_t head = 0;
  for (std::size_t i = 0; i < std::min<std::size_t>(n, 25); ++i)
    if (d.line(i).find("全文如下") != std::string_view::npos && d.line(i).size() < 60) head = i + 1;
  for (std::size_t i = 0; i < head; ++i)
    if (d.lines[i].kind != LineKind::blank) d.lines[i].kind = LineKind::chrome;
  for (std::size_t i = 0; i < n; ++i) {
    if (d.lines[i].kind == LineKind::blank || d.lines[i].column != Column::none) continue;
    if (d.lines[i].kind != LineKind::heading && is_chrome_line(d.line(i))) d.lines[i].kind = LineKind::chrome;
  }
}

void find_signing_date(Draft& d) {
  // 成文日期: the first line that is only a date.
  for (std::size_t i = 0; i < d.size(); ++i) {
    if (d.lines[i].kind != LineKind::text || d.lines[i].column != Column::none) continue;
    auto ymd = whole_line_date(d.line(i));
    if (!ymd) continue;
    try {
      d.doc.plan.signed_on = boost::gregorian::date(ymd->y, ymd->m, ymd->d);
    } catch (const std::exception&) {
      d.doc.diagnose("envelope.bad_date", Severity::warning, "signing date is not a calendar date", d.lines[i].r);
      continue;
    }
    d.z.date_line = i;
    d.lines[i].kind = LineKind::envelope;
    break;
  }
  d.z.first_heading = d.size();
  for (std::size_t i = 0; i < d.size(); ++i)
    if (d.lines[i].kind == LineKind::heading) {
      d.z.first_heading = i;
      break;
    }
  // A cover notice (通知 forwarding a plan) has no headings before its date;
  // an 意见/通知 that is itself the plan has its outline before the date.
  d.z.cover_notice = d.z.date_line && d.z.first_heading > *d.z.date_line;
  d.z.header_end = std::min(d.z.first_heading, d.z.date_line ? *d.z.date_line : d.size());
}

void read_header_zone(Draft& d) {
  Plan& plan = d.doc.plan;
  for (std::size_t i = 0; i < d.z.header_end; ++i) {
    if (d.lines[i].kind == LineKind::text && is_recipients_line(d.line(i))) {
      d.z.recipients_line = i;
      break;
    }
  }
  std::size_t zone_end = d.z.recipients_line ? *d.z.recipients_line : d.z.header_end;
  // The 版头 has no sentences: the first line with a 。 is the preamble or
  // the notice's body.
  for (std::size_t i = 0; i < zone_end; ++i)
    if (d.lines[i].kind == LineKind::text && d.line(i).find("。") != std::string_view::npos) {
      zone_end = i;
      break;
    }
  for (std::size_t i = 0; i < zone_end; ++i) {
    if (d.lines[i].kind != LineKind::text) continue;
    std::string_view l = d.line(i);
    if (!plan.doc_number) {
      if (auto dn = find_doc_number(d.s, d.lines[i].r, d.text)) {
        plan.doc_number = dn;
        // A line holding only the number is envelope; a title line that also
        // carries it stays a title candidate.
        std::string rest = join_title(l);
        if (rest.size() <= dn->text.size() + han_bytes(2) || rest.find(kAbout) == std::string::npos) {
          d.lines[i].kind = LineKind::envelope;
          continue;
        }
      }
    }
    if (plan.notice_title.empty() && l.find(kAbout) != std::string_view::npos) {
      read_notice_title(d, i, zone_end);
      continue;
    }
    if (plan.issuer.empty() && plan.notice_title.empty()) {
      std::string org = issuer_name(join_title(l));
      if (looks_like_org(org) && org.size() <= 45) {
        plan.issuer = org;
        d.z.issuer_from_mark = true;
        d.lines[i].kind = LineKind::envelope;
        continue;
      }
    }
  }
}

void read_recipients(Draft& d) {
  if (!d.z.recipients_line) return;
  std::string_view l = d.line(*d.z.recipients_line);
  l = l.substr(0, l.size() - (ends_with(l, "：") ? 3 : 1));
  d.doc.plan.recipients = split_recipients(l);
  d.lines[*d.z.recipients_line].kind = LineKind::envelope;
  d.z.plan_start = *d.z.recipients_line + 1;
}

namespace {

// The 署名 above the 成文日期 at line `date`: its first line, or none. One
// body's name on the line above, or lines of bodies run together (a joint
// issue: every line's first body starts with a place name).
std::optional<std::size_t> signature_top(const Draft& d, std::size_t date) {
  std::optional<std::size_t> top;
  std::size_t k = date;
  for (int n = 0; n < 12; ++n) {
    while (k > 0 && d.lines[k - 1].kind == LineKind::blank) --k;
    if (k == 0 || d.lines[k - 1].kind != LineKind::text) break;
    const std::string_view l = d.line(k - 1);
    const std::vector<std::string_view> bodies = signature_bodies(l);
    const bool one = !top && looks_like_org(join_title(l));
    if (!one && (bodies.empty() || (top && place_of(bodies[0]).empty()))) break;
    top = --k;
  }
  return top;
}

}  // namespace

void read_signature(Draft& d) {
  // The 署名 above the date, the lines after it that belong to the envelope
  // ((此件公开发布), 联系人) and the 附件 list above it. The 署名 names the
  // issuer (RULES: 发文机关署名), unless a 发文机关标志 did: a notice title
  // may shorten the name (市政府关于…) that the 署名 gives in full. Of a joint
  // issue the first body leads (主办机关, GB/T 9704).
  if (!d.z.date_line) return;
  Plan& plan = d.doc.plan;
  const std::size_t date = *d.z.date_line;
  std::size_t k = date;
  if (const auto top = signature_top(d, date)) {
    const Range first = d.lines[*top].r;
    const std::vector<std::string_view> bodies = signature_bodies(d.line(*top));
    Range lead = first;
    if (!bodies.empty()) {
      lead.begin = static_cast<std::size_t>(bodies[0].data() - d.s.data());
      lead.end = lead.begin + bodies[0].size();
    }
    plan.signatory = join_title(d.original(lead));
    if (plan.issuer.empty() || !d.z.issuer_from_mark) plan.issuer = join_title(d.view(lead));
    for (std::size_t i = *top; i < date; ++i)
      if (d.lines[i].kind == LineKind::text) d.lines[i].kind = LineKind::envelope;
    d.doc.signature.begin = first.begin;
    k = *top;  // k: first line of the signature block
  } else {
    d.doc.signature.begin = d.lines[date].r.begin;
  }
  d.doc.signature.end = d.lines[date].r.end;
  for (std::size_t i = date + 1; i < d.size(); ++i) {
    if (d.lines[i].kind == LineKind::blank) continue;
    std::string_view l = d.line(i);
    if (d.lines[i].kind != LineKind::text || l.size() >= 150 ||
        (l.find("此件") == std::string_view::npos && l.find("联系人") == std::string_view::npos &&
         !is_bracketed_line(l)))
      break;
    d.lines[i].kind = LineKind::envelope;
    plan.remarks.push_back(d.original(d.lines[i].r));
  }
  std::vector<std::string> listed;
  for (std::size_t i = k; i > 0; --i) {
    if (d.lines[i - 1].kind == LineKind::blank) continue;
    if (d.lines[i - 1].kind != LineKind::text || !d.line(i - 1).starts_with(kAttachment)) break;
    d.lines[i - 1].kind = LineKind::envelope;
    listed.push_back(d.original(d.lines[i - 1].r));
  }
  plan.attachments.assign(listed.rbegin(), listed.rend());
  if (d.z.cover_notice) d.z.plan_start = date + 1;
}

namespace {

// A 目录 entry without its leader dots and page number: "一、总体要求……3".
std::string toc_entry(std::string_view l) {
  std::string t = join_title(l);
  while (!t.empty()) {
    const unsigned char c = static_cast<unsigned char>(t.back());
    if ((c >= '0' && c <= '9') || c == '.' || c == '-' || c == ' ') t.pop_back();
    else if (ends_with(t, "…") || ends_with(t, "·")) t.resize(t.size() - (ends_with(t, "…") ? 3 : 2));
    else break;
  }
  return t;
}

}  // namespace

void skip_table_of_contents(Draft& d) {
  // 目录 after the title: its entries are headings (with page numbers or
  // not) that the body repeats. They are set aside like chrome, so that
  // neither the title nor the outline reads them.
  const std::size_t n = d.size();
  std::size_t t = 0;
  // (A title is 目录 when its first 7 bytes are: one more than the word.
  // The opening alone spares a copy of every line of the plan.)
  constexpr std::string_view kContents = "目录";
  while (t < n && (d.lines[t].kind != LineKind::text || join_title_prefix(d.line(t), kContents.size() + 1) != kContents))
    ++t;
  if (t == n) return;
  std::size_t k = t + 1, first_entry = n;
  for (; k < n; ++k) {
    if (d.lines[k].kind == LineKind::blank || d.lines[k].kind == LineKind::chrome) continue;
    const std::string_view l = d.line(k);
    if (l.size() > 150 || l.find("。") != std::string_view::npos) break;
    // The body starts where the first entry's heading comes again.
    if (first_entry != n && toc_entry(l) == toc_entry(d.line(first_entry))) break;
    if (first_entry == n) {
      if (d.lines[k].kind != LineKind::heading) break;
      first_entry = k;
    }
  }
  if (first_entry == n) return;
  for (std::size_t i = t; i < k; ++i)
    if (d.lines[i].kind != LineKind::blank) d.lines[i].kind = LineKind::chrome;
  d.z.toc_begin = t;
  d.z.toc_end = k;
}

void read_plan_title(Draft& d) {
  // After a cover notice, the line(s) naming the plan; otherwise the notice
  // title is the plan's title.
  Plan& plan = d.doc.plan;
  const std::size_t n = d.size();
  std::string expected = plan_title_from_notice(plan.notice_title);
  if (d.z.cover_notice) {
    // Skip 附件 markers, then join short lines until the expected title
    // (or a heading) is reached.
    std::size_t i = d.z.plan_start;
    while (i < n && (d.lines[i].kind == LineKind::blank || d.lines[i].kind == LineKind::envelope ||
                     d.lines[i].kind == LineKind::chrome))
      ++i;
    while (i < n && d.lines[i].kind == LineKind::text && d.line(i).starts_with(kAttachment) && d.line(i).size() < 12) {
      d.lines[i].kind = LineKind::envelope;
      plan.attachments.push_back(d.original(d.lines[i].r));
      ++i;
      while (i < n && d.lines[i].kind == LineKind::blank) ++i;
    }
    std::string joined;
    std::size_t last = i;
    for (std::size_t k = i; k < n && k < i + 6; ++k) {
      if (d.lines[k].kind == LineKind::blank) continue;
      if (d.lines[k].kind != LineKind::text || d.line(k).size() > 150) break;
      // Stop before the preamble: a title has no sentence punctuation.
      if (has_sentence_punctuation(d.line(k))) break;
      joined += join_title(d.line(k));
      last = k;
      if (!expected.empty() && joined == join_title(expected)) break;
      if (expected.empty() && ends_title(joined)) break;
    }
    // "(2023—2025年)" on the next line is part of the title.
    for (std::size_t k = last + 1; !joined.empty() && k < n && k < last + 3; ++k) {
      if (d.lines[k].kind == LineKind::blank) continue;
      if (d.lines[k].kind == LineKind::text && is_bracketed_line(d.line(k)) && year_in(d.line(k)) &&
          joined.find(std::string(trim(d.line(k)))) == std::string::npos) {
        joined += join_title(d.line(k));
        last = k;
      }
      break;
    }
    if (!joined.empty()) {
      plan.title = joined;
      d.z.title_line = i;
      for (std::size_t k = i; k <= last; ++k)
        if (d.lines[k].kind == LineKind::text) d.lines[k].kind = LineKind::envelope;
      d.z.plan_start = last + 1;
    }
    // No title line of the plan's own after the notice: the document's
    // title, the notice's, is the title (docs/testing.md). On a page without
    // line breaks the plan's title may run into its preamble: that is a
    // title line all the same.
    const std::string named = join_title(expected);
    const bool run_in = !named.empty() && i < n && d.lines[i].kind == LineKind::text &&
                        join_title(d.line(i)).starts_with(named);
    if (joined.empty() && !run_in && !plan.notice_title.empty()) plan.title = plan.notice_title;
  }
  if (plan.title.empty() && plan.notice_title.empty()) {
    // No notice at all (a bare list): the first short line without sentence
    // punctuation before the outline is the plan's title.
    for (std::size_t i = d.z.plan_start; i < n && i < d.z.first_heading; ++i) {
      if (d.lines[i].kind != LineKind::text) continue;
      std::string_view l = d.line(i);
      if (l.size() <= 150 && !has_sentence_punctuation(l)) {
        plan.title = join_title(l);
        d.lines[i].kind = LineKind::envelope;
        d.z.plan_start = i + 1;
      }
      break;
    }
  }
  if (plan.title.empty()) plan.title = expected.empty() ? plan.notice_title : expected;
  // Appendices: after the signature of a document that is itself the plan.
  d.z.body_end = n;
  if (d.z.date_line && !d.z.cover_notice) d.z.body_end = *d.z.date_line + 1;
}

namespace {


bool holds_task_table(const Draft& d, std::size_t b, std::size_t e) {
  std::size_t items = 0, noted = 0;
  for (std::size_t i = b; i < e; ++i) {
    const Column c = d.lines[i].column;
    if (c == Column::lead || c == Column::co || c == Column::responsible) return true;
    // A task list: numbered items that carry their own responsibility
    // notes (…（5月底完成，牵头单位：X）) are work, not an indicator table.
    if (d.lines[i].kind != LineKind::heading) continue;
    ++items;
    noted += units::names_a_label_field(d.line(i));
  }
  return noted >= 3 && 2 * noted >= items;
}

bool names_forwarded_plan(const Draft& d, std::size_t marker, std::size_t next) {
  const std::string expected = join_title(plan_title_from_notice(d.doc.plan.notice_title));
  if (expected.empty()) return false;
  std::string joined;
  for (std::size_t i = marker; i < next && i < marker + 5; ++i) {
    if (d.lines[i].kind == LineKind::blank) continue;
    if (d.lines[i].kind != LineKind::text) break;
    joined += join_title(d.line(i));
    if (joined.find(expected) != std::string::npos) return true;
  }
  return false;
}

// The title a line gives an attachment: a heading's title (1.考评指标), else
// the line; after "附件：" or "附件2：" the rest of the marker line.
std::string attachment_title(const Draft& d, std::size_t i, bool marker) {
  std::string_view l = d.line(i);
  if (marker) {
    std::size_t colon = std::min(l.find(':'), l.find("："));
    if (colon == std::string_view::npos) return {};
    l = l.substr(past_word(colon, l[colon] == ':' ? std::string_view(":") : std::string_view("：")));
  } else if (d.lines[i].kind == LineKind::heading) {
    l = d.view(d.lines[i].title);
  }
  return join_title(l);
}

// The 附件说明 of GB/T 9704: "附件：" and the names of the attachments, at
// the end of the body, before the attachments themselves follow under their
// own 附件 marks and titles. Such a marker opens no attachment: it lists the
// next one (whose title repeats a listed name).
bool lists_next_attachment(const Draft& d, std::size_t marker, std::size_t next) {
  if (next >= d.z.body_end) return false;
  std::vector<std::string> listed;
  if (std::string t = attachment_title(d, marker, true); !t.empty()) listed.push_back(t);
  for (std::size_t i = marker + 1; i < next; ++i) {
    if (d.lines[i].kind == LineKind::blank) continue;
    if (d.line(i).size() > 150 || has_sentence_punctuation(d.line(i))) return false;
    listed.push_back(attachment_title(d, i, false));
  }
  std::string repeated = attachment_title(d, next, true);
  for (std::size_t i = next + 1; repeated.empty() && i < d.z.body_end && i < next + 3; ++i)
    if (d.lines[i].kind != LineKind::blank) repeated = attachment_title(d, i, false);
  return !repeated.empty() && std::find(listed.begin(), listed.end(), repeated) != listed.end();
}

}  // namespace

void find_attachments(Draft& d) {
  // An attachment after the plan's own outline is an appendix (an indicator
  // table, a form, detailed rules), unless it is a task table with unit
  // columns: that is the plan's ledger. An attachment with no outline
  // before it is the plan itself (a cover notice that forwards it).
  std::vector<std::size_t> markers;
  for (std::size_t i = d.z.plan_start; i < d.z.body_end; ++i)
    if (d.lines[i].kind == LineKind::text && d.lines[i].column == Column::none && is_attachment_marker(d.line(i)))
      markers.push_back(i);
  bool outline_before = false;
  std::size_t from = d.z.plan_start;
  for (std::size_t k = 0; k < markers.size(); ++k) {
    const std::size_t m = markers[k];
    // "附件：title" right above "附件": one attachment.
    while (k + 1 < markers.size() && markers[k + 1] == markers[k] + 1) ++k;
    const std::size_t next = k + 1 < markers.size() ? markers[k + 1] : d.z.body_end;
    for (std::size_t i = from; i < m && !outline_before; ++i) outline_before = d.lines[i].kind == LineKind::heading;
    from = m;
    if (next < d.z.body_end && lists_next_attachment(d, markers[k], next)) {
      for (std::size_t i = m; i < next; ++i)
        if (d.lines[i].kind != LineKind::blank) {
          d.lines[i].kind = LineKind::envelope;
          d.doc.plan.attachments.push_back(d.original(d.lines[i].r));
        }
      continue;
    }
    if (holds_task_table(d, m, next)) continue;
    // The notice names the plan it forwards (关于印发X的通知): an attachment
    // titled X is the plan, whatever the notice numbered before it.
    const bool named = names_forwarded_plan(d, m, next);
    if (outline_before && !named) {
      d.z.appendices.push_back(m);
      d.lines[m].title = d.lines[m].r;
      continue;
    }
    // The plan itself: its title is the first short line after the marker.
    d.lines[m].kind = LineKind::envelope;
    d.doc.plan.attachments.push_back(d.original(d.lines[m].r));
    std::size_t t = m + 1;
    while (t < next && d.lines[t].kind == LineKind::blank) ++t;
    if (t < next && d.lines[t].kind == LineKind::text && d.line(t).size() <= 150 && !has_sentence_punctuation(d.line(t))) {
      if (d.doc.plan.title.empty() || d.doc.plan.title == d.doc.plan.notice_title) d.doc.plan.title = join_title(d.line(t));
      d.lines[t].kind = LineKind::envelope;
      d.z.title_line = t;
      ++t;
    }
    d.z.plan_start = t;
    d.z.cover_notice = true;
    return;
  }
}

void read_imprint(Draft& d) {
  // The 版记 closes the last page (GB/T 9704): 抄送 and "印发机关 印发日期印发"
  // (青川市人民政府办公室 2019年3月15日印发). The printing office and date are
  // neither 署名 nor 成文日期; the date still tells the year of a page copied
  // without its head and signature.
  std::size_t seen = 0;
  for (std::size_t i = d.size(); i > 0 && seen < 6; --i) {
    if (d.lines[i - 1].kind == LineKind::blank) continue;
    ++seen;
    const std::string_view l = d.line(i - 1);
    if (d.lines[i - 1].column != Column::none || l.size() > 150 || !ends_with(l, kIssued)) continue;
    for (std::size_t k = 0; k < l.size(); next_cp(l, k)) {
      const std::size_t e = date_end(l, k);
      if (e == 0) continue;
      std::size_t y = k;
      const auto year = read_small_number(l, y);
      if (trim(l.substr(e)) != kIssued || !looks_like_org(trim(l.substr(0, k))) || !year) break;
      d.z.imprint_year = static_cast<int>(*year);
      if (d.lines[i - 1].kind == LineKind::text) d.lines[i - 1].kind = LineKind::envelope;
      return;
    }
  }
}

void set_plan_year(Draft& d) {
  // The title's year (or the first of its period: 2023—2025年, “十四五”),
  // else the document number's, else the signing year, else the 印发 year.
  Plan& plan = d.doc.plan;
  if (auto y = year_in(plan.title)) plan.plan_year = y;
  else if (auto p = period_year(plan.title)) plan.plan_year = p;
  else if (plan.doc_number && plan.doc_number->year) plan.plan_year = plan.doc_number->year;
  else if (plan.signed_on) plan.plan_year = static_cast<int>(plan.signed_on->year());
  else if (d.z.imprint_year) plan.plan_year = d.z.imprint_year;
}

}  // namespace taizhang::detail
