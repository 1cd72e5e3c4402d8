// Outline stage: envelope (GB/T 9704), site chrome, heading tree, and the
// semantic view (chapters → sections → measures).
#include "outline/lines.hpp"
#include "pipeline.hpp"
#include "text/scan.hpp"
#include "text/tsv.hpp"

#include "taizhang_data/chrome.inc"
#include "taizhang_data/non_measure_headings.inc"

#include <algorithm>
#include <cstdint>
#include <functional>
#include <tuple>
#include <string>
#include <utility>

namespace taizhang::detail {

namespace {

std::string_view view(std::string_view s, Range r) { return s.substr(r.begin, r.end - r.begin); }

// ---- data tables ---------------------------------------------------------

struct ChromeRule {
  enum Kind { prefix, exact, contains } kind;
  std::string text;
};


const std::vector<ChromeRule>& chrome_rules() {
  static const std::vector<ChromeRule> rules = [] {
    std::vector<ChromeRule> r;
    for (const auto& row : tsv_rows(data::chrome)) {
      if (row.size() < 2) continue;
      const std::string_view kind = row[0];
      std::string text(row[1]);
      if (kind == "prefix") r.push_back({ChromeRule::prefix, text});
      else if (kind == "exact") r.push_back({ChromeRule::exact, text});
      else if (kind == "contains") r.push_back({ChromeRule::contains, text});
    }
    return r;
  }();
  return rules;
}

const std::vector<std::string>& non_measure_titles() {
  static const std::vector<std::string> titles = [] {
    std::vector<std::string> t;
    for (const auto& row : tsv_rows(data::non_measure_headings)) t.emplace_back(trim(row[0]));
    return t;
  }();
  return titles;
}

bool is_chrome_line(std::string_view line) {
  const std::string joined = join_title(line);
  for (const auto& rule : chrome_rules()) {
    switch (rule.kind) {
      case ChromeRule::prefix:
        if (line.substr(0, rule.text.size()) == rule.text ||
            std::string_view(joined).substr(0, rule.text.size()) == rule.text)
          return true;
        break;
      case ChromeRule::exact:
        if (line == rule.text) return true;
        break;
      case ChromeRule::contains:
        if (line.size() <= 120 && line.find(rule.text) != std::string_view::npos) return true;
        break;
    }
  }
  return false;
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// The part of a heading title before its first 。 or ： (the heading proper).
std::string_view heading_head(std::string_view title) {
  std::size_t cut = title.size();
  for (std::string_view stop : {"。", ":", "；", ";"}) cut = std::min(cut, title.find(stop));
  return title.substr(0, cut);
}

bool is_non_measure_title(std::string_view title) {
  const std::string head = join_title(heading_head(title));
  for (const auto& t : non_measure_titles())
    if (ends_with(head, t)) return true;
  return false;
}

constexpr std::string_view kOrgSuffixes[] = {"人民政府", "政府", "办公厅", "办公室", "委员会", "国务院",
                                             "管委会", "局", "厅", "部", "委"};

bool looks_like_org(std::string_view s) {
  if (s.empty() || s.size() > 60) return false;
  for (auto suf : kOrgSuffixes)
    if (ends_with(s, suf)) return true;
  return false;
}

// Title words that end a notice or plan title; used to join titles broken
// across lines ("…的" + "通 知").
constexpr std::string_view kTitleEnds[] = {"通知", "意见", "决定", "方案", "办法", "规划", "计划",
                                           "措施", "要点", "报告", "批复", "清单", "分解", "分工",
                                           "细则", "纲要", "公告", "通告", "规定"};

bool ends_title(std::string_view joined) {
  std::string_view t = joined;
  while (!t.empty() && (t.back() == ')' || t.back() == ' ')) {
    // "…的通知 (粤府〔2021〕22号)": look before the trailing parenthesis.
    auto open = t.rfind('(');
    if (open == std::string_view::npos) break;
    t = trim(t.substr(0, open));
  }
  for (auto e : kTitleEnds)
    if (ends_with(t, e)) return true;
  return false;
}

// 发文字号: agency + bracketed year + serial + 号, anywhere in the line.
std::optional<DocNumber> find_doc_number(std::string_view s, Range line, const Text& text) {
  std::string_view v = view(s, line);
  constexpr std::string_view kOpen[] = {"〔", "[", "【", "(", "（", "［"};
  constexpr std::string_view kClose[] = {"〕", "]", "】", ")", "）", "］"};
  for (std::size_t i = 0; i < v.size();) {
    for (std::size_t k = 0; k < std::size(kOpen); ++k) {
      if (!starts_with_at(v, i, kOpen[k])) continue;
      std::size_t j = i + kOpen[k].size();
      std::size_t y0 = j;
      while (j < v.size() && is_ascii_digit(static_cast<unsigned char>(v[j]))) ++j;
      if (j - y0 != 4 || !starts_with_at(v, j, kClose[k])) continue;
      const int year = std::stoi(std::string(v.substr(y0, 4)));
      j += kClose[k].size();
      std::size_t n0 = j;
      while (j < v.size() && is_ascii_digit(static_cast<unsigned char>(v[j]))) ++j;
      if (j == n0 || j - n0 > 5 || !starts_with_at(v, j, "号")) continue;
      const int serial = std::stoi(std::string(v.substr(n0, j - n0)));
      j += 3;
      // Agency: the Han characters right before the bracket (at most 8).
      std::size_t a = i;
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
      dn.agency = std::string(text.original_slice(line.begin + a, line.begin + i));
      dn.year = year;
      dn.serial = serial;
      dn.text = std::string(text.original_slice(line.begin + a, line.begin + j));
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
  auto p = notice.find("印发");
  if (p == std::string::npos) return {};
  std::string rest = notice.substr(p + 6);
  if (rest.rfind("《", 0) == 0) {
    auto close = rest.rfind("》");
    if (close != std::string::npos) return rest.substr(3, close - 3);
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
      if (j - i == 4 && starts_with_at(s, j, "年")) {
        int y = std::stoi(std::string(s.substr(i, 4)));
        if (y >= 1949 && y <= 2200) return y;
      }
      i = j;
    }
  }
  return std::nullopt;
}

// ---- the tree ------------------------------------------------------------

struct Node {
  std::size_t line = 0;            // heading line index (or first paragraph line)
  MarkerStyle style = MarkerStyle::none;
  std::optional<int> number;
  int rank = 99;
  std::size_t end_line = 0;        // one past the node's last line (incl. children)
  std::vector<std::size_t> body;   // own lines (not children's)
  std::vector<int> children;       // indices into nodes
  int parent = -1;
  bool appendix = false;
};

}  // namespace

void build_outline(Document& doc) {
  const Text& text = doc.text;
  const std::string_view s = text.folded();
  std::vector<VLine> lines = split_lines(text);
  Plan& plan = doc.plan;
  const std::size_t n = lines.size();
  auto lv = [&](std::size_t i) { return view(s, lines[i].r); };

  // ---- chrome at the top: everything up to "全文如下" and metadata lines.
  std::size_t head = 0;
  for (std::size_t i = 0; i < std::min<std::size_t>(n, 25); ++i)
    if (lv(i).find("全文如下") != std::string_view::npos && lv(i).size() < 60) head = i + 1;
  for (std::size_t i = 0; i < head; ++i)
    if (lines[i].kind != LineKind::blank) lines[i].kind = LineKind::chrome;
  for (std::size_t i = 0; i < n; ++i) {
    if (lines[i].kind == LineKind::blank || lines[i].column != Column::none) continue;
    if (lines[i].kind != LineKind::heading && is_chrome_line(lv(i))) lines[i].kind = LineKind::chrome;
  }

  // ---- signing date (成文日期): the first line that is only a date.
  std::optional<std::size_t> date_line;
  for (std::size_t i = 0; i < n; ++i) {
    if (lines[i].kind != LineKind::text || lines[i].column != Column::none) continue;
    if (auto d = whole_line_date(lv(i))) {
      try {
        plan.signed_on = boost::gregorian::date(d->y, d->m, d->d);
        date_line = i;
        lines[i].kind = LineKind::envelope;
      } catch (const std::exception&) {
        doc.diagnose("envelope.bad_date", Severity::warning, "signing date is not a calendar date",
                     lines[i].r);
        continue;
      }
      break;
    }
  }

  auto first_heading_from = [&](std::size_t from) -> std::size_t {
    for (std::size_t i = from; i < n; ++i)
      if (lines[i].kind == LineKind::heading) return i;
    return n;
  };
  const std::size_t first_heading = first_heading_from(0);
  // A cover notice (通知 forwarding a plan) has no headings before its date;
  // an 意见/通知 that is itself the plan has its outline before the date.
  const bool cover_notice = date_line && first_heading > *date_line;
  const std::size_t header_end = std::min(first_heading, date_line ? *date_line : n);

  // ---- header zone: issuer line, notice title, doc number, recipients.
  std::optional<std::size_t> recipients_line;
  for (std::size_t i = 0; i < header_end; ++i) {
    if (lines[i].kind != LineKind::text) continue;
    std::string_view l = lv(i);
    if ((ends_with(l, ":") || ends_with(l, "：")) && l.size() < 400 &&
        (l.find("，") != std::string_view::npos || l.find(",") != std::string_view::npos ||
         l.find("、") != std::string_view::npos || l.rfind("各", 0) == 0)) {
      recipients_line = i;
      break;
    }
  }
  const std::size_t title_zone_end = recipients_line ? *recipients_line : header_end;
  // Lines after chrome and before the recipients that are not envelope
  // elements are chrome too (the summary a portal puts above the text).
  bool saw_chrome = false;

  for (std::size_t i = 0; i < title_zone_end; ++i) {
    if (lines[i].kind == LineKind::chrome) { saw_chrome = true; continue; }
    if (lines[i].kind != LineKind::text) continue;
    std::string_view l = lv(i);
    if (!plan.doc_number) {
      if (auto dn = find_doc_number(s, lines[i].r, text)) {
        plan.doc_number = dn;
        // A line holding only the number is envelope; a title line that also
        // carries it stays a title candidate.
        std::string rest = join_title(l);
        if (rest.size() <= dn->text.size() + 6 || rest.find("关于") == std::string::npos) {
          lines[i].kind = LineKind::envelope;
          continue;
        }
      }
    }
    if (plan.notice_title.empty() && l.find("关于") != std::string_view::npos) {
      // Join broken title lines until a title word ends it.
      std::string joined = join_title(l);
      std::size_t last = i;
      for (std::size_t k = i + 1; k < title_zone_end && !ends_title(joined) && k < i + 4; ++k) {
        if (lines[k].kind == LineKind::blank) continue;
        if (lines[k].kind != LineKind::text || lv(k).size() > 120) break;
        joined += join_title(lv(k));
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
      auto guan = joined.find("关于");
      std::string before = joined.substr(0, guan);
      if (plan.issuer.empty() && looks_like_org(before)) plan.issuer = before;
      if (plan.issuer.empty() && i > 0) {
        std::size_t k = i;
        while (k > 0 && lines[k - 1].kind == LineKind::blank) --k;
        if (k > 0 && lines[k - 1].kind == LineKind::text) {
          std::string above = join_title(lv(k - 1));
          if (ends_with(above, "文件")) above.resize(above.size() - 6);
          if (looks_like_org(above)) {
            plan.issuer = above;
            lines[k - 1].kind = LineKind::envelope;
          }
        }
      }
      plan.notice_title = joined;
      for (std::size_t k = i; k <= last; ++k)
        if (lines[k].kind == LineKind::text) lines[k].kind = LineKind::envelope;
      i = last;
      continue;
    }
    if (plan.issuer.empty() && plan.notice_title.empty()) {
      std::string org = join_title(l);
      if (ends_with(org, "文件")) org.resize(org.size() - 6);
      if (looks_like_org(org) && org.size() <= 45) {
        plan.issuer = org;
        lines[i].kind = LineKind::envelope;
        continue;
      }
    }
    if (saw_chrome && recipients_line) lines[i].kind = LineKind::chrome;
  }
  if (recipients_line) {
    std::string_view l = lv(*recipients_line);
    l = l.substr(0, l.size() - (ends_with(l, "：") ? 3 : 1));
    std::size_t b = 0;
    for (std::size_t i = 0; i <= l.size();) {
      std::size_t sep = 0;
      if (i == l.size()) sep = 1;
      else if (l[i] == ',') sep = 1;
      else if (starts_with_at(l, i, "，") || starts_with_at(l, i, "、") || starts_with_at(l, i, "；")) sep = 3;
      else if (l[i] == ';') sep = 1;
      if (sep) {
        std::string part(trim(l.substr(b, i - b)));
        if (!part.empty()) plan.recipients.push_back(part);
        if (i == l.size()) break;
        i += sep;
        b = i;
      } else {
        std::size_t k = i;
        next_cp(l, k);
        i = k;
      }
    }
    lines[*recipients_line].kind = LineKind::envelope;
  }

  // ---- signature block: the organisation line above the date, and the
  // lines after it that belong to the envelope ((此件公开发布), 联系人).
  std::size_t plan_start = recipients_line ? *recipients_line + 1 : 0;
  if (date_line) {
    std::size_t k = *date_line;
    while (k > 0 && lines[k - 1].kind == LineKind::blank) --k;
    if (k > 0 && lines[k - 1].kind == LineKind::text && looks_like_org(join_title(lv(k - 1)))) {
      plan.signatory = join_title(text.original_slice(lines[k - 1].r.begin, lines[k - 1].r.end));
      if (plan.issuer.empty()) plan.issuer = join_title(lv(k - 1));
      lines[k - 1].kind = LineKind::envelope;
      doc.signature.begin = lines[k - 1].r.begin;
      --k;  // k: first line of the signature block
    } else {
      doc.signature.begin = lines[*date_line].r.begin;
    }
    doc.signature.end = lines[*date_line].r.end;
    for (std::size_t i = *date_line + 1; i < n; ++i) {
      if (lines[i].kind == LineKind::blank) continue;
      std::string_view l = lv(i);
      if (lines[i].kind == LineKind::text &&
          (l.find("此件") != std::string_view::npos || l.find("联系人") != std::string_view::npos) &&
          l.size() < 150) {
        lines[i].kind = LineKind::envelope;
        plan.remarks.emplace_back(text.original_slice(lines[i].r.begin, lines[i].r.end));
        continue;
      }
      break;
    }
    // 附件：… lines just above the signature list attachments.
    std::vector<std::string> listed;
    for (std::size_t i = k; i > 0; --i) {
      if (lines[i - 1].kind == LineKind::blank) continue;
      if (lines[i - 1].kind == LineKind::text && lv(i - 1).rfind("附件", 0) == 0) {
        lines[i - 1].kind = LineKind::envelope;
        listed.emplace_back(text.original_slice(lines[i - 1].r.begin, lines[i - 1].r.end));
        continue;
      }
      break;
    }
    plan.attachments.assign(listed.rbegin(), listed.rend());
    if (cover_notice) plan_start = *date_line + 1;
  }

  // ---- plan title: after a cover notice, the line(s) naming the plan;
  // otherwise the notice title is the plan's title.
  std::string expected = plan_title_from_notice(plan.notice_title);
  if (cover_notice) {
    // Skip 附件 markers, then join short lines until the expected title
    // (or a heading) is reached.
    std::size_t i = plan_start;
    while (i < n && (lines[i].kind == LineKind::blank || lines[i].kind == LineKind::envelope ||
                     lines[i].kind == LineKind::chrome))
      ++i;
    while (i < n && lines[i].kind == LineKind::text && (lv(i).rfind("附件", 0) == 0) && lv(i).size() < 12) {
      lines[i].kind = LineKind::envelope;
      plan.attachments.emplace_back(text.original_slice(lines[i].r.begin, lines[i].r.end));
      ++i;
      while (i < n && lines[i].kind == LineKind::blank) ++i;
    }
    std::string joined;
    std::size_t last = i;
    for (std::size_t k = i; k < n && k < i + 6; ++k) {
      if (lines[k].kind == LineKind::blank) continue;
      if (lines[k].kind != LineKind::text || lv(k).size() > 150) break;
      std::string candidate = joined + join_title(lv(k));
      // Stop before the preamble: a title has no sentence punctuation.
      if (lv(k).find("。") != std::string_view::npos || lv(k).find("，") != std::string_view::npos ||
          lv(k).find(",") != std::string_view::npos)
        break;
      joined = candidate;
      last = k;
      if (!expected.empty() && joined == join_title(expected)) break;
      if (expected.empty() && ends_title(joined)) break;
    }
    if (!joined.empty()) {
      plan.title = joined;
      for (std::size_t k = i; k <= last; ++k)
        if (lines[k].kind == LineKind::text) lines[k].kind = LineKind::envelope;
      plan_start = last + 1;
    }
  }
  if (plan.title.empty() && plan.notice_title.empty()) {
    // No notice at all (a bare list): the first short line without sentence
    // punctuation before the outline is the plan's title.
    for (std::size_t i = plan_start; i < n && i < first_heading; ++i) {
      if (lines[i].kind == LineKind::blank) continue;
      if (lines[i].kind != LineKind::text) continue;
      std::string_view l = lv(i);
      if (l.size() <= 150 && l.find("。") == std::string_view::npos && l.find("，") == std::string_view::npos &&
          l.find(",") == std::string_view::npos) {
        plan.title = join_title(l);
        lines[i].kind = LineKind::envelope;
        plan_start = i + 1;
      }
      break;
    }
  }
  if (plan.title.empty()) plan.title = expected.empty() ? plan.notice_title : expected;

  // ---- plan year: title, else document number, else signing date.
  if (auto y = year_in(plan.title)) plan.plan_year = y;
  else if (plan.doc_number && plan.doc_number->year) plan.plan_year = plan.doc_number->year;
  else if (plan.signed_on) plan.plan_year = static_cast<int>(plan.signed_on->year());

  // ---- appendix: after the signature of a document that is itself the plan.
  std::size_t body_end = n;
  if (date_line && !cover_notice) body_end = *date_line + 1;

  // ---- the tree.
  std::vector<Node> nodes;
  nodes.push_back(Node{});  // root
  nodes[0].rank = -1;
  std::vector<int> stack{0};
  auto open_node = [&](std::size_t i, bool appendix) {
    const int rank = style_rank(lines[i].style);
    while (stack.size() > 1 && nodes[stack.back()].rank >= rank) stack.pop_back();
    Node nd;
    nd.line = i;
    nd.style = lines[i].style;
    nd.number = lines[i].number;
    nd.rank = rank;
    nd.parent = stack.back();
    nd.appendix = appendix;
    nodes.push_back(nd);
    const int id = static_cast<int>(nodes.size()) - 1;
    nodes[nd.parent].children.push_back(id);
    stack.push_back(id);
  };
  std::vector<std::size_t> preamble_lines;
  for (std::size_t i = 0; i < n; ++i) {
    VLine& l = lines[i];
    if (l.kind == LineKind::chrome) {
      plan.chrome.push_back(text.span(l.r.begin, l.r.end));
      continue;
    }
    if (l.kind == LineKind::blank || l.kind == LineKind::envelope) continue;
    const bool in_notice = i < plan_start;
    const bool appendix = i >= body_end;
    if (l.kind == LineKind::text && !in_notice && l.column == Column::none) {
      // "3.2022年起，…" reads like a number (3.2022) until the outline says
      // item 3 is next: then it is a heading after all.
      for (auto it = stack.rbegin(); it != stack.rend() && *it != 0; ++it) {
        const Node& open = nodes[*it];
        if (open.style != MarkerStyle::arabic_dot) continue;
        if (open.number) reclassify_numbered_item(s, l, *open.number + 1);
        break;
      }
    }
    if (l.kind == LineKind::heading && !in_notice) {
      open_node(i, appendix);
      continue;
    }
    if (stack.size() == 1 || in_notice) {
      preamble_lines.push_back(i);
      continue;
    }
    nodes[stack.back()].body.push_back(i);
  }

  // ---- preamble and passages.
  {
    std::string pre, notice;
    for (std::size_t i : preamble_lines) {
      if (i < plan_start && cover_notice) {
        doc.passages.push_back({lines[i].r, 0});
        if (!notice.empty()) notice += '\n';
        notice += std::string(text.original_slice(lines[i].r.begin, lines[i].r.end));
        continue;
      }
      doc.passages.push_back({lines[i].r, 0});
      if (!pre.empty()) pre += '\n';
      pre += std::string(text.original_slice(lines[i].r.begin, lines[i].r.end));
    }
    plan.preamble = std::move(pre);
    plan.notice_text = std::move(notice);
  }

  // Numbering checks among siblings: gaps and duplicates.
  auto check_numbering = [&](const Node& parent) {
    std::optional<int> prev;
    MarkerStyle style = MarkerStyle::none;
    for (int c : parent.children) {
      const Node& ch = nodes[c];
      if (!ch.number) continue;
      if (prev && ch.style == style && *ch.number != *prev + 1) {
        const Range r = lines[ch.line].r;
        if (*ch.number == *prev)
          doc.diagnose("outline.duplicate_number", Severity::warning,
                       "heading number " + std::to_string(*ch.number) + " repeats", r);
        else if (*ch.number != 1)
          doc.diagnose("outline.number_gap", Severity::info,
                       "heading number " + std::to_string(*ch.number) + " follows " +
                           std::to_string(*prev),
                       r);
      }
      prev = ch.number;
      style = ch.style;
    }
  };

  // ---- node extents, titles and the generic tree.
  auto node_range = [&](int id) -> Range {
    const Node& nd = nodes[id];
    std::size_t b = lines[nd.line].r.begin;
    std::size_t e = lines[nd.line].r.end;
    std::function<void(int)> extend = [&](int k) {
      for (std::size_t i : nodes[k].body) e = std::max(e, lines[i].r.end);
      for (int c : nodes[k].children) {
        e = std::max(e, lines[nodes[c].line].r.end);
        extend(c);
      }
    };
    extend(id);
    return {b, e};
  };
  // Title: the heading line's text after the marker, or the first body line
  // when the marker stands alone ("（三）\n合理用药"); up to the first 。.
  auto title_range = [&](const Node& nd) -> Range {
    Range t = lines[nd.line].title;
    if (t.empty() && !nd.body.empty()) t = lines[nd.body.front()].r;
    std::string_view v = view(s, t);
    auto stop = v.find("。");
    if (stop != std::string_view::npos) t.end = t.begin + stop + 3;
    return t;
  };
  auto marker_text = [&](const Node& nd) {
    Range m = lines[nd.line].marker;
    std::string_view v = text.original_slice(m.begin, m.end);
    std::string out(trim(v));
    while (!out.empty() && (out.back() == '|' || out.back() == ' ')) out.pop_back();
    return out;
  };

  // ---- semantic view.
  auto is_non_measure = [&](int id) {
    const Node& nd = nodes[id];
    return is_non_measure_title(view(s, title_range(nd)));
  };

  std::vector<std::pair<int, NodeKind>> kinds(nodes.size(), {0, NodeKind::other});
  std::function<OutlineNode(int)> to_public = [&](int id) {
    const Node& nd = nodes[id];
    OutlineNode o;
    o.style = nd.style;
    o.number = nd.number;
    o.kind = kinds[id].second;
    if (id != 0) {
      o.marker = marker_text(nd);
      Range t = title_range(nd);
      o.title = join_title(text.original_slice(t.begin, t.end));
      Range r = node_range(id);
      o.span = text.span(r.begin, r.end);
    } else {
      o.span = text.span(0, s.size());
    }
    for (int c : nd.children) o.children.push_back(to_public(c));
    return o;
  };

  // Measures are collected with their folded ranges; chapters/sections are
  // built in plan.chapters. Pointers are fixed up once all vectors are final.
  struct PendingMeasure {
    std::size_t chapter = SIZE_MAX, section = SIZE_MAX, index = 0;
    Range range, body;
    std::vector<TableCell> cells;
  };
  std::vector<PendingMeasure> pending;
  std::size_t measure_count = 0;

  auto make_measure = [&](const Node* nd, std::vector<std::size_t> body_lines, std::string id) {
    Measure m;
    Range r, body;
    std::vector<TableCell> cells;
    if (nd) {
      m.number = nd->number;
      m.marker = marker_text(*nd);
      r.begin = lines[nd->line].r.begin;
      r.end = lines[nd->line].r.end;
      body.begin = lines[nd->line].marker.end;
    } else {
      r.begin = lines[body_lines.front()].r.begin;
      r.end = r.begin;
      body.begin = r.begin;
    }
    for (std::size_t i : body_lines) {
      r.end = std::max(r.end, lines[i].r.end);
      const Column c = lines[i].column;
      if (c != Column::none && c != Column::task && c != Column::serial)
        cells.push_back({c, lines[i].r});
    }
    body.end = r.end;
    // Title: the heading's own text up to its first 。, else the first line.
    Range t = nd ? title_range(*nd) : lines[body_lines.front()].r;
    if (!nd) {
      auto stop = view(s, t).find("。");
      if (stop != std::string_view::npos) t.end = t.begin + stop + 3;
    }
    m.title = join_title(text.original_slice(t.begin, t.end));
    m.text = std::string(text.original_slice(r.begin, r.end));
    m.span = text.span(r.begin, r.end);
    m.id = std::move(id);
    ++measure_count;
    return std::make_tuple(std::move(m), r, body, std::move(cells));
  };

  auto own_lines = [&](int id) {
    std::vector<std::size_t> all;
    std::function<void(int)> collect = [&](int k) {
      for (std::size_t i : nodes[k].body) all.push_back(i);
      for (int c : nodes[k].children) {
        all.push_back(nodes[c].line);
        collect(c);
      }
    };
    collect(id);
    std::sort(all.begin(), all.end());
    return all;
  };

  // Leaves are measures; circled sub-points (①②) stay inside their parent.
  auto is_leaf = [&](int id) {
    for (int c : nodes[id].children)
      if (nodes[c].style != MarkerStyle::circled) return false;
    return true;
  };

  auto number_str = [](const Node& nd, std::size_t ordinal) {
    // Unnumbered nodes are named by their position: "u3".
    std::string out = nd.number ? "" : "u";
    out += std::to_string(nd.number ? static_cast<std::size_t>(*nd.number) : ordinal);
    return out;
  };

  std::function<void(int, std::size_t, std::size_t, const std::string&, bool)> walk =
      [&](int id, std::size_t chapter, std::size_t section, const std::string& path, bool suppressed) {
        const Node& nd = nodes[id];
        for (std::size_t ci = 0; ci < nd.children.size(); ++ci) {
          const int c = nd.children[ci];
          const Node& ch = nodes[c];
          const std::string cpath = path.empty() ? number_str(ch, ci + 1) : path + "." + number_str(ch, ci + 1);
          const bool non_measure = suppressed || ch.appendix || is_non_measure(c);
          if (ch.appendix) {
            kinds[c].second = NodeKind::appendix;
            walk(c, chapter, section, cpath, true);
            continue;
          }
          if (id == 0 && !is_leaf(c)) {
            // A chapter.
            kinds[c].second = NodeKind::chapter;
            Chapter chp;
            chp.number = ch.number;
            chp.marker = marker_text(ch);
            Range t = title_range(ch);
            chp.title = join_title(text.original_slice(t.begin, t.end));
            Range r = node_range(c);
            chp.span = text.span(r.begin, r.end);
            plan.chapters.push_back(std::move(chp));
            if (!ch.body.empty()) {
              // Lines between the chapter heading and its first child.
              for (std::size_t i : ch.body) doc.passages.push_back({lines[i].r, measure_count});
            }
            walk(c, plan.chapters.size() - 1, SIZE_MAX, cpath, non_measure);
            continue;
          }
          if (id == 0 && is_leaf(c) &&
              (ch.style == MarkerStyle::cn_dun || ch.style == MarkerStyle::chapter_zhang ||
               ch.style == MarkerStyle::chapter_jie)) {
            // A chapter with paragraphs and no numbered items: each paragraph
            // is an unnumbered measure (unless the chapter states principles).
            kinds[c].second = NodeKind::chapter;
            Chapter chp;
            chp.number = ch.number;
            chp.marker = marker_text(ch);
            Range t = title_range(ch);
            chp.title = join_title(text.original_slice(t.begin, t.end));
            Range r = node_range(c);
            chp.span = text.span(r.begin, r.end);
            plan.chapters.push_back(std::move(chp));
            const std::size_t chi = plan.chapters.size() - 1;
            std::size_t k = 0;
            for (std::size_t i : own_lines(c)) {
              if (non_measure) {
                doc.passages.push_back({lines[i].r, measure_count});
                continue;
              }
              auto [m, mr, mb, cells] = make_measure(nullptr, {i}, cpath + ".p" + std::to_string(++k));
              plan.chapters[chi].measures.push_back(std::move(m));
              pending.push_back({chi, SIZE_MAX, plan.chapters[chi].measures.size() - 1, mr, mb, std::move(cells)});
            }
            continue;
          }
          if (!is_leaf(c)) {
            // A section (first level under a chapter) or a deeper group.
            if (chapter != SIZE_MAX && section == SIZE_MAX && nodes[id].parent == 0) {
              kinds[c].second = NodeKind::section;
              Section sec;
              sec.number = ch.number;
              sec.marker = marker_text(ch);
              Range t = title_range(ch);
              sec.title = join_title(text.original_slice(t.begin, t.end));
              Range r = node_range(c);
              sec.span = text.span(r.begin, r.end);
              plan.chapters[chapter].sections.push_back(std::move(sec));
              for (std::size_t i : ch.body) doc.passages.push_back({lines[i].r, measure_count});
              walk(c, chapter, plan.chapters[chapter].sections.size() - 1, cpath, non_measure);
            } else {
              kinds[c].second = NodeKind::group;
              for (std::size_t i : ch.body) doc.passages.push_back({lines[i].r, measure_count});
              walk(c, chapter, section, cpath, non_measure);
            }
            continue;
          }
          // A leaf: a measure, unless it states principles.
          if (non_measure) {
            kinds[c].second = NodeKind::other;
            for (std::size_t i : own_lines(c)) doc.passages.push_back({lines[i].r, measure_count});
            continue;
          }
          kinds[c].second = NodeKind::measure;
          auto [m, mr, mb, cells] = make_measure(&ch, own_lines(c), cpath);
          if (chapter == SIZE_MAX) {
            plan.measures.push_back(std::move(m));
            pending.push_back({SIZE_MAX, SIZE_MAX, plan.measures.size() - 1, mr, mb, std::move(cells)});
          } else if (section == SIZE_MAX) {
            plan.chapters[chapter].measures.push_back(std::move(m));
            pending.push_back({chapter, SIZE_MAX, plan.chapters[chapter].measures.size() - 1, mr, mb,
                               std::move(cells)});
          } else {
            plan.chapters[chapter].sections[section].measures.push_back(std::move(m));
            pending.push_back({chapter, section, plan.chapters[chapter].sections[section].measures.size() - 1,
                               mr, mb, std::move(cells)});
          }
        }
        check_numbering(nd);
      };
  walk(0, SIZE_MAX, SIZE_MAX, "", false);
  plan.outline = to_public(0);

  // ---- slots, now that every vector has its final size.
  for (auto& p : pending) {
    MeasureSlot slot;
    if (p.chapter == SIZE_MAX) {
      slot.measure = &plan.measures[p.index];
    } else if (p.section == SIZE_MAX) {
      slot.measure = &plan.chapters[p.chapter].measures[p.index];
      slot.chapter = &plan.chapters[p.chapter];
    } else {
      slot.measure = &plan.chapters[p.chapter].sections[p.section].measures[p.index];
      slot.chapter = &plan.chapters[p.chapter];
      slot.section = &plan.chapters[p.chapter].sections[p.section];
    }
    slot.range = p.range;
    slot.body = p.body;
    slot.cells = std::move(p.cells);
    for (const auto& c : slot.cells) slot.annotations.push_back(c.range);
    doc.measures.push_back(std::move(slot));
  }
  std::stable_sort(doc.measures.begin(), doc.measures.end(),
                   [](const MeasureSlot& a, const MeasureSlot& b) { return a.range.begin < b.range.begin; });
  std::stable_sort(doc.passages.begin(), doc.passages.end(),
                   [](const Passage& a, const Passage& b) { return a.range.begin < b.range.begin; });
  // before_measure: index of the first measure that starts after the passage.
  {
    std::size_t m = 0;
    for (auto& p : doc.passages) {
      while (m < doc.measures.size() && doc.measures[m].range.begin < p.range.begin) ++m;
      p.before_measure = m;
    }
  }

  if (doc.measures.empty() && !s.empty() && trim(s).size() > 0) {
    bool only_chrome = true;
    for (const auto& l : lines)
      if (l.kind != LineKind::chrome && l.kind != LineKind::blank) only_chrome = false;
    if (!only_chrome)
      doc.diagnose("outline.no_measures", Severity::warning,
                   "no numbered work items were found; the text stays in the preamble", {0, 0});
  }
}

}  // namespace taizhang::detail
