// The parser: runs the pipeline stages over one document.
#include "pipeline.hpp"

#include <taizhang/parser.hpp>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>
#include <fstream>
#include <sstream>

namespace taizhang {

namespace detail {

void Document::diagnose(std::string code, Severity severity, std::string message, Range where) {
  if (plan.diagnostics.size() >= options.max_diagnostics)
    throw Error(ErrorCode::limit_exceeded,
                "more than max_diagnostics (" + std::to_string(options.max_diagnostics) + ") diagnostics",
                text.to_original(where.begin));
  plan.diagnostics.push_back(
      Diagnostic{std::move(code), severity, std::move(message), text.span(where.begin, where.end)});
}

namespace {

// Throws Error{limit_exceeded} when the outline holds more than
// max_outline_nodes headings; the offset is where the first one too many
// begins (document order).
void check_outline_size(const OutlineNode& root, std::size_t max_nodes) {
  std::size_t count = 0;
  std::vector<const OutlineNode*> pending{&root};  // no recursion: depth is the input's
  while (!pending.empty()) {
    const OutlineNode* node = pending.back();
    pending.pop_back();
    if (node != &root && ++count > max_nodes)
      throw Error(ErrorCode::limit_exceeded,
                  "more than max_outline_nodes (" + std::to_string(max_nodes) + ") headings",
                  node->span.byte_start);
    for (auto child = node->children.rbegin(); child != node->children.rend(); ++child)
      pending.push_back(&*child);
  }
}

// The outline stage as the pipeline runs it: the tree, its size limit, then
// the plan year the later stages resolve dates in.
void outline_stage(Document& doc) {
  build_outline(doc);
  check_outline_size(doc.plan.outline, doc.options.max_outline_nodes);
  if (doc.options.plan_year) doc.plan.plan_year = doc.options.plan_year;
  infer_plan_year(doc);
}

}  // namespace

const std::array<Stage, 5> kStages = {{{"outline", outline_stage},
                                       {"goals", find_goals},
                                       {"units", assign_units},
                                       {"deadlines", resolve_deadlines},
                                       {"targets", extract_targets}}};

}  // namespace detail

struct Parser::Impl {
  Lexicon lexicon;
};

Parser::Parser() : Parser(ParserOptions{}) {}

Parser::Parser(ParserOptions options) : impl_(std::make_unique<Impl>()) {
  impl_->lexicon = options.lexicon ? std::move(*options.lexicon) : Lexicon::builtin();
}

Parser::~Parser() = default;
Parser::Parser(Parser&&) noexcept = default;
Parser& Parser::operator=(Parser&&) noexcept = default;

const Lexicon& Parser::lexicon() const noexcept { return impl_->lexicon; }

namespace {
void check_input_size(std::size_t size, const ParseOptions& options) {
  if (size > options.max_input_bytes)
    throw Error(ErrorCode::limit_exceeded,
                "input of " + std::to_string(size) + " bytes is over max_input_bytes (" +
                    std::to_string(options.max_input_bytes) + ")",
                options.max_input_bytes);
}

// The pipeline over a validated text: one stage after another (pipeline.hpp).
Plan run_stages(const detail::Text& text, const ParseOptions& options, const Lexicon& lexicon) {
  detail::Document doc{text, options, lexicon, Plan{}, {}, {}, {}};
  doc.plan.traditional = text.traditional();
  for (const detail::Stage& stage : detail::kStages) stage.run(doc);
  return std::move(doc.plan);
}
}  // namespace

Plan Parser::parse(std::string_view utf8, const ParseOptions& options) const {
  check_input_size(utf8.size(), options);
  // The Plan's excerpts share one copy of the input (model.hpp, Excerpt),
  // made by the text layer at the first excerpt: input that is not UTF-8, or
  // of which the model keeps no piece, costs no copy.
  const detail::Text text(utf8, options.detect_traditional);
  return run_stages(text, options, impl_->lexicon);
}

Plan Parser::parse(std::shared_ptr<const std::string> utf8, const ParseOptions& options) const {
  if (!utf8) throw Error(ErrorCode::invalid_argument, "no text to parse (a null shared_ptr)");
  check_input_size(utf8->size(), options);
  const detail::Text text(std::move(utf8), options.detect_traditional);
  return run_stages(text, options, impl_->lexicon);
}

namespace {
const Parser& default_parser() {
  static const Parser parser;  // immutable after construction: safe to share
  return parser;
}
}  // namespace

Plan parse(std::string_view utf8, const ParseOptions& options) {
  return default_parser().parse(utf8, options);
}

namespace {
// The bytes of a file. Throws Error{io} if it cannot be read (a directory
// opens as a stream on some systems, so it is refused by name).
std::string read_file(const std::string& path, const ParseOptions& options) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) throw Error(ErrorCode::io, "cannot read " + path);
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(ErrorCode::io, "cannot read " + path);
  // A regular file is read straight into one string of its size: going
  // through a stringstream holds the text twice, which at 100 MB is felt.
  // What cannot seek (a pipe) is read as it comes.
  std::string text;
  in.seekg(0, std::ios::end);
  const std::streamoff size = in ? static_cast<std::streamoff>(in.tellg()) : -1;
  if (size > 0 && static_cast<std::size_t>(size) > options.max_input_bytes)  // do not read it
    throw Error(ErrorCode::limit_exceeded,
                path + ": " + std::to_string(size) + " bytes is over max_input_bytes (" +
                    std::to_string(options.max_input_bytes) + ")",
                options.max_input_bytes);
  if (size > 0) {
    text.resize(static_cast<std::size_t>(size));
    in.seekg(0);
    in.read(text.data(), size);
    if (in.gcount() != size) throw Error(ErrorCode::io, "error while reading " + path);
  } else {
    in.clear();
    if (size == 0) in.seekg(0);
    std::ostringstream buf;
    buf << in.rdbuf();
    text = std::move(buf).str();
  }
  if (in.bad()) throw Error(ErrorCode::io, "error while reading " + path);
  return text;
}
}  // namespace

Plan Parser::parse_file(const std::string& path, const ParseOptions& options) const {
  // The file's bytes become the Plan's shared text: no second copy.
  return parse(std::make_shared<const std::string>(read_file(path, options)), options);
}

Plan parse_file(const std::string& path, const ParseOptions& options) {
  return default_parser().parse_file(path, options);
}

const char* version() noexcept { return TAIZHANG_VERSION; }

std::vector<const Measure*> all_measures(const Plan& plan) {
  std::vector<const Measure*> out;
  for (const auto& m : plan.loose_measures) out.push_back(&m);
  for (const auto& c : plan.chapters) {
    for (const auto& m : c.measures) out.push_back(&m);
    for (const auto& s : c.sections)
      for (const auto& m : s.measures) out.push_back(&m);
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const Measure* a, const Measure* b) { return a->span.start < b->span.start; });
  return out;
}

std::vector<const Target*> milestone_targets(const std::vector<Target>& owned, const Milestone& milestone) {
  std::vector<const Target*> out;
  out.reserve(milestone.target_indices.size());
  for (std::uint32_t k : milestone.target_indices)
    if (k < owned.size()) out.push_back(&owned[k]);
  return out;
}

const char* to_string(Severity s) noexcept {
  switch (s) {
    case Severity::info: return "info";
    case Severity::warning: return "warning";
    case Severity::error: return "error";
  }
  return "warning";
}

const char* to_string(DeadlineKind k) noexcept {
  switch (k) {
    case DeadlineKind::day: return "day";
    case DeadlineKind::month: return "month";
    case DeadlineKind::month_part: return "month_part";
    case DeadlineKind::quarter: return "quarter";
    case DeadlineKind::half_year: return "half_year";
    case DeadlineKind::year: return "year";
    case DeadlineKind::relative: return "relative";
    case DeadlineKind::range: return "range";
    case DeadlineKind::start: return "start";
    case DeadlineKind::recurring: return "recurring";
    case DeadlineKind::open_ended: return "open_ended";
    case DeadlineKind::implied: return "implied";
  }
  return "implied";
}

const char* to_string(DateRole r) noexcept {
  switch (r) {
    case DateRole::deadline: return "deadline";
    case DateRole::start: return "start";
    case DateRole::reference: return "reference";
  }
  return "reference";
}

const char* to_string(Recurrence r) noexcept {
  switch (r) {
    case Recurrence::none: return "none";
    case Recurrence::monthly: return "month";
    case Recurrence::quarterly: return "quarter";
    case Recurrence::half_yearly: return "half_year";
    case Recurrence::yearly: return "year";
  }
  return "none";
}

const char* to_string(Comparator c) noexcept {
  switch (c) {
    case Comparator::eq: return "=";
    case Comparator::ge: return ">=";
    case Comparator::le: return "<=";
    case Comparator::approx: return "~";
    case Comparator::range: return "range";
  }
  return "=";
}

const char* to_string(MarkerStyle s) noexcept {
  switch (s) {
    case MarkerStyle::none: return "none";
    case MarkerStyle::chapter_zhang: return "chapter_zhang";
    case MarkerStyle::chapter_jie: return "chapter_jie";
    case MarkerStyle::cn_dun: return "cn_dun";
    case MarkerStyle::paren_cn: return "paren_cn";
    case MarkerStyle::arabic_dot: return "arabic_dot";
    case MarkerStyle::paren_arabic: return "paren_arabic";
    case MarkerStyle::circled: return "circled";
    case MarkerStyle::article_tiao: return "article_tiao";
    case MarkerStyle::table_row: return "table_row";
  }
  return "none";
}

const char* to_string(NodeKind k) noexcept {
  switch (k) {
    case NodeKind::chapter: return "chapter";
    case NodeKind::section: return "section";
    case NodeKind::measure: return "measure";
    case NodeKind::group: return "group";
    case NodeKind::appendix: return "appendix";
    case NodeKind::other: return "other";
  }
  return "other";
}

}  // namespace taizhang
