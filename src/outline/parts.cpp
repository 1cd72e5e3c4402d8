// Outline stage, packages: several plans under one notice. A notice that
// issues a package (一揽子措施 with its 配套文件, 若干政策 and a 行动计划)
// prints each plan with its own title line and its own numbering, starting
// again at 一、. Such a title line opens a part: the tree holds it above the
// plan's headings, and the semantic view reads it as a chapter whose 一、
// items are its sections (or its measures, when they are the tasks).
#include "outline/draft.hpp"
#include "text/scan.hpp"

#include <algorithm>
#include <string>

namespace taizhang::detail {

namespace {

// A line that reads as a plan's title: short, no sentence punctuation, and
// ending in a document kind (措施, 方案, 计划 …; a bracketed period may follow).
bool reads_as_title(std::string_view l) {
  if (l.size() < 12 || l.size() > 150 || has_sentence_punctuation(l)) return false;
  for (std::string_view stop : {"；", ";", "：", ":"})
    if (l.find(stop) != std::string_view::npos) return false;
  return ends_title(l);
}

// A title (one line, or an attachment's title over up to three short
// lines) with the 附件 mark above it, when it is an attachment.
struct Candidate {
  std::size_t title = 0, title_end = 0;  // title lines [title, title_end]
  std::optional<std::size_t> marker;
  bool division = false;  // titled as a division of duties (职责分工)
  std::size_t first() const { return marker ? *marker : title; }
};

class PartFinder {
 public:
  explicit PartFinder(Draft& d) : d_(d), end_(d.z.body_end) {
    if (!d.z.appendices.empty()) end_ = std::min(end_, d.z.appendices.front());
  }

  void run() {
    for (std::size_t i = d_.z.plan_start; i < end_; ++i)
      if (d_.lines[i].kind == LineKind::heading) {
        top_ = i;
        break;
      }
    if (!top_) return;
    collect();
    std::vector<Candidate> parts = confirm();
    if (parts.empty()) return;
    mark(parts);
    // A division of duties attached to a plan leaves the plan as it is;
    // a second plan with its own numbering makes the first one a part too.
    const bool restarts = std::any_of(parts.begin(), parts.end(), [](const Candidate& c) { return !c.division; });
    if (restarts) leading_region(parts.front().first());
    std::sort(d_.z.parts.begin(), d_.z.parts.end());
    d_.doc.diagnose("outline.parts", Severity::info,
                    "the body holds " + std::to_string(d_.z.parts.size()) +
                        " plans, each with its own title and numbering: each is read as a chapter",
                    d_.lines[parts.front().title].r);
  }

 private:
  bool plain_text(std::size_t i) const {
    return d_.lines[i].kind == LineKind::text && d_.lines[i].column == Column::none;
  }

  bool short_title_line(std::size_t i) const {
    return plain_text(i) && d_.line(i).size() <= 150 && !has_sentence_punctuation(d_.line(i));
  }

  // Title lines after the first heading: plan titles in the body, and the
  // title after a 附件 mark (in the body, or after the signature).
  void collect() {
    for (std::size_t i = *top_ + 1; i < d_.size(); ++i) {
      if (!plain_text(i)) continue;
      const std::string_view l = d_.line(i);
      if (is_attachment_marker(l)) {
        std::size_t t = i + 1;
        while (t < d_.size() && d_.lines[t].kind == LineKind::blank) ++t;
        if (t >= d_.size() || !short_title_line(t)) continue;
        Candidate c{t, t, i, false};
        std::string joined = join_title(d_.line(t));
        for (std::size_t k = t + 1; k < d_.size() && k < t + 3 && short_title_line(k); ++k) {
          c.title_end = k;
          joined += join_title(d_.line(k));
        }
        c.division = names_a_division(joined);
        cands_.push_back(c);
        i = c.title_end;
        continue;
      }
      if (i < end_ && reads_as_title(l)) cands_.push_back({i, i, std::nullopt, false});
    }
  }

  // A candidate opens a part when the numbering starts again under it: its
  // first heading is item 1 in the style of the body's first heading. A
  // title followed by nothing but a remark ((略)) before the next part is a
  // part whose text was left out. An attachment titled as a division of
  // duties (…职责分工) is one however it is numbered.
  std::vector<Candidate> confirm() const {
    const VLine& top = d_.lines[*top_];
    std::vector<bool> part(cands_.size(), false);
    for (std::size_t k = cands_.size(); k-- > 0;) {
      if (cands_[k].division) {
        part[k] = true;
        continue;
      }
      if (cands_[k].first() >= end_) continue;  // after the signature or an appendix
      const std::size_t stop = k + 1 < cands_.size() ? std::min(cands_[k + 1].first(), end_) : end_;
      std::optional<std::size_t> h;
      bool remarks_only = true;
      for (std::size_t i = cands_[k].title_end + 1; i < stop && !h; ++i) {
        if (d_.lines[i].kind == LineKind::heading) h = i;
        else if (d_.lines[i].kind == LineKind::text && has_sentence_punctuation(d_.line(i))) remarks_only = false;
      }
      if (h) part[k] = d_.lines[*h].number == 1 && d_.lines[*h].style == top.style;
      else part[k] = remarks_only && k + 1 < cands_.size() && part[k + 1];
    }
    std::vector<Candidate> out;
    for (std::size_t k = 0; k < cands_.size(); ++k)
      if (part[k]) out.push_back(cands_[k]);
    return out;
  }

  void mark(const std::vector<Candidate>& parts) {
    // A 附件 mark that opens a part opens no appendix (both lists are in
    // line order: one merge-like pass).
    auto& app = d_.z.appendices;
    std::vector<std::size_t> kept;
    std::size_t k = 0;
    for (std::size_t a : app) {
      while (k < parts.size() && parts[k].first() < a) ++k;
      if (k == parts.size() || parts[k].marker != a) kept.push_back(a);
    }
    app = std::move(kept);
    for (const Candidate& c : parts) {
      if (c.marker) {
        d_.lines[*c.marker].kind = LineKind::envelope;
        d_.doc.plan.attachments.push_back(d_.original(d_.lines[*c.marker].r));
      }
      for (std::size_t k = c.title; k <= c.title_end; ++k) d_.lines[k].kind = LineKind::envelope;
      d_.lines[c.title].title = {d_.lines[c.title].r.begin, d_.lines[c.title_end].r.end};
      d_.z.parts.push_back(c.title);
    }
  }

  // What comes before the first part's title: the notice's own list of the
  // plans it issues (short lines, no sentence), or the first plan, whose
  // title the envelope read after the cover notice.
  void leading_region(std::size_t first) {
    bool list = true;  // the region has headings: the first part follows one
    for (std::size_t i = d_.z.plan_start; i < first; ++i) {
      const LineKind k = d_.lines[i].kind;
      if (k == LineKind::heading || k == LineKind::text)
        list = list && d_.line(i).size() <= 150 && !has_sentence_punctuation(d_.line(i));
    }
    if (list) {
      for (std::size_t i = d_.z.plan_start; i < first; ++i)
        if (d_.lines[i].kind == LineKind::heading || d_.lines[i].kind == LineKind::text) {
          d_.lines[i].kind = LineKind::envelope;
          d_.doc.plan.attachments.push_back(d_.original(d_.lines[i].r));
        }
      // A package has no title of its own: its first plan's title names it.
      if (!d_.z.title_line) d_.doc.plan.title = join_title(d_.view(d_.lines[d_.z.parts.front()].title));
    } else if (d_.z.title_line) {
      const std::size_t t = *d_.z.title_line;
      const std::size_t last = d_.z.plan_start > t ? d_.z.plan_start - 1 : t;
      d_.lines[t].title = {d_.lines[t].r.begin, d_.lines[last].r.end};
      d_.z.parts.push_back(t);
    }
  }

  Draft& d_;
  std::size_t end_;
  std::optional<std::size_t> top_;
  std::vector<Candidate> cands_;
};

}  // namespace

void find_parts(Draft& d) { PartFinder(d).run(); }

}  // namespace taizhang::detail
