// The supervision office's status table: an RFC 4180 CSV kept by hand (often
// in Excel or WPS), read leniently — a bad line is reported, never fatal.
#include "ledger/ledger_internal.hpp"
#include "text/text.hpp"
#include "text/words.hpp"

#include <taizhang/ledger.hpp>

#include <algorithm>
#include <array>
#include <fstream>
#include <sstream>
#include <tuple>

namespace taizhang {

namespace gd = boost::gregorian;

const char* to_string(Status s) noexcept {
  switch (s) {
    case Status::not_started: return "未开始";
    case Status::in_progress: return "推进中";
    case Status::done: return "已完成";
    case Status::lagging: return "滞后";
  }
  return "";
}

std::optional<Status> parse_status(std::string_view s) noexcept {
  struct Word {
    std::string_view word;
    Status status;
  };
  static constexpr std::array<Word, 8> words = {{
      {"未开始", Status::not_started}, {"not_started", Status::not_started},
      {"推进中", Status::in_progress}, {"in_progress", Status::in_progress},
      {"已完成", Status::done},        {"done", Status::done},
      {"滞后", Status::lagging},       {"lagging", Status::lagging},
  }};
  for (const auto& w : words)
    if (w.word == s) return w.status;
  return std::nullopt;
}

const char* to_string(Progress p) noexcept {
  switch (p) {
    case Progress::done: return "done";
    case Progress::on_track: return "on_track";
    case Progress::due_soon: return "due_soon";
    case Progress::overdue: return "overdue";
  }
  return "";
}

const char* label_zh(Progress p) noexcept {
  switch (p) {
    case Progress::done: return "已完成";
    case Progress::on_track: return "正常推进";
    case Progress::due_soon: return "即将到期";
    case Progress::overdue: return "逾期";
  }
  return "";
}

namespace detail {

std::vector<CsvRecord> parse_csv_records(std::string_view csv) {
  cut_prefix_word(csv, "\uFEFF");  // the BOM Excel writes
  std::vector<CsvRecord> out;
  CsvRecord rec;
  std::string field;
  std::size_t line = 1;
  bool quoted = false;       // inside a quoted field
  bool was_quoted = false;   // the current field started with a quote
  bool any = false;          // the record has content
  rec.line = 1;

  auto end_field = [&] {
    rec.fields.push_back(std::move(field));
    field.clear();
    was_quoted = false;
  };
  auto end_record = [&] {
    end_field();
    const bool blank = !any;
    if (!blank) out.push_back(std::move(rec));
    rec = CsvRecord{};
    any = false;
  };

  for (std::size_t i = 0; i < csv.size(); ++i) {
    char c = csv[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < csv.size() && csv[i + 1] == '"') {
          field += '"';
          ++i;
        } else {
          quoted = false;
        }
      } else {
        if (c == '\n') ++line;
        field += c;
      }
      continue;
    }
    if (c == '"' && field.empty() && !was_quoted) {
      quoted = was_quoted = any = true;
    } else if (c == ',') {
      any = true;
      end_field();
    } else if (c == '\r' || c == '\n') {
      if (c == '\r' && i + 1 < csv.size() && csv[i + 1] == '\n') ++i;
      end_record();
      ++line;
      rec.line = line;
    } else {
      any = true;
      field += c;
    }
  }
  if (any || !field.empty()) end_record();
  return out;
}

}  // namespace detail

namespace {

std::string trim(std::string_view s) {
  auto is_space = [](char c) { return c == ' ' || c == '\t'; };
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  // Ideographic spaces typed in a Chinese spreadsheet.
  while (detail::cut_prefix_word(s, "\u3000")) {}
  while (detail::cut_suffix_word(s, "\u3000")) {}
  return std::string(s);
}

// Column positions: a header row names them (so the ledger CSV itself, with
// its 状态/备注/状态日期 columns filled in, reads back as a status table);
// without one they are id, status, note, date.
struct Columns {
  std::size_t id = 0, status = 1, note = 2, date = 3;
};

std::optional<Columns> header_columns(const std::vector<std::string>& fields) {
  auto find = [&](std::initializer_list<std::string_view> names) -> std::optional<std::size_t> {
    for (std::size_t i = 0; i < fields.size(); ++i) {
      std::string f = trim(fields[i]);
      for (std::string_view n : names)
        if (f == n) return i;
    }
    return std::nullopt;
  };
  auto id = find({"里程碑编号", "milestone_id", "milestone id", "id", "编号"});
  auto status = find({"状态", "status"});
  if (!id || !status) return std::nullopt;
  Columns c;
  c.id = *id;
  c.status = *status;
  auto note = find({"备注", "note", "notes"});
  auto date = find({"状态日期", "date", "日期", "更新日期"});
  c.note = note ? *note : static_cast<std::size_t>(-1);
  c.date = date ? *date : static_cast<std::size_t>(-1);
  return c;
}

std::string field_at(const std::vector<std::string>& f, std::size_t i) {
  return i < f.size() ? trim(f[i]) : std::string();
}

}  // namespace

StatusTable StatusTable::parse_csv(std::string_view csv) {
  if (std::size_t bad = detail::find_invalid_utf8(csv); bad != std::string_view::npos)
    throw Error(ErrorCode::invalid_utf8,
                "status CSV is not UTF-8 at byte " + std::to_string(bad) +
                    " (save it as \"CSV UTF-8\"; Excel and WPS default to GBK)",
                bad);
  StatusTable t;
  auto records = detail::parse_csv_records(csv);
  Columns cols;
  std::size_t first = 0;
  if (!records.empty()) {
    if (auto h = header_columns(records[0].fields)) {
      cols = *h;
      first = 1;
    }
  }
  std::vector<StatusEntry> entries;
  for (std::size_t r = first; r < records.size(); ++r) {
    const auto& rec = records[r];
    StatusEntry e;
    e.line = rec.line;
    e.milestone_id = field_at(rec.fields, cols.id);
    std::string status = field_at(rec.fields, cols.status);
    if (e.milestone_id.empty()) {
      t.problems_.push_back({rec.line, "no milestone id"});
      continue;
    }
    if (status.empty()) continue;  // a template line nobody filled in yet
    auto s = parse_status(status);
    if (!s) {
      t.problems_.push_back({rec.line, "unknown status \"" + status + "\" for " + e.milestone_id +
                                           " (expected 未开始, 推进中, 已完成 or 滞后)"});
      continue;
    }
    e.status = *s;
    e.note = field_at(rec.fields, cols.note);
    std::string date = field_at(rec.fields, cols.date);
    if (!date.empty()) {
      e.date = detail::parse_iso_date(date);
      if (!e.date) {
        t.problems_.push_back(
            {rec.line, "bad date \"" + date + "\" for " + e.milestone_id + " (expected YYYY-MM-DD)"});
        continue;
      }
    }
    entries.push_back(std::move(e));
  }
  t.entries_ = std::move(entries);
  t.by_id_.resize(t.entries_.size());
  for (std::size_t i = 0; i < t.by_id_.size(); ++i) t.by_id_[i] = i;
  auto key = [&](std::size_t i) {
    const auto& e = t.entries_[i];
    return std::make_tuple(std::string_view(e.milestone_id), e.date.has_value(),
                           e.date.value_or(gd::date(1400, 1, 1)), i);
  };
  std::sort(t.by_id_.begin(), t.by_id_.end(),
            [&](std::size_t a, std::size_t b) { return key(a) < key(b); });
  return t;
}

StatusTable StatusTable::read_csv(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(ErrorCode::io, "cannot read status file " + path);
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) throw Error(ErrorCode::io, "cannot read status file " + path);
  return parse_csv(ss.str());
}

void StatusTable::add(StatusEntry entry) {
  entries_.push_back(std::move(entry));
  const std::size_t n = entries_.size() - 1;
  auto key = [&](std::size_t i) {
    const auto& e = entries_[i];
    return std::make_tuple(std::string_view(e.milestone_id), e.date.has_value(),
                           e.date.value_or(gd::date(1400, 1, 1)), i);
  };
  auto pos = std::upper_bound(by_id_.begin(), by_id_.end(), n,
                              [&](std::size_t a, std::size_t b) { return key(a) < key(b); });
  by_id_.insert(pos, n);
}

namespace {

template <class Index, class Entries>
std::pair<typename Index::const_iterator, typename Index::const_iterator> id_range(
    const Index& by_id, const Entries& entries, std::string_view id) {
  auto lo = std::lower_bound(by_id.begin(), by_id.end(), id, [&](std::size_t i, std::string_view v) {
    return std::string_view(entries[i].milestone_id) < v;
  });
  auto hi = std::upper_bound(lo, by_id.end(), id, [&](std::string_view v, std::size_t i) {
    return v < std::string_view(entries[i].milestone_id);
  });
  return {lo, hi};
}

}  // namespace

const StatusEntry* StatusTable::current(std::string_view milestone_id, gd::date as_of) const {
  if (as_of.is_special()) return latest(milestone_id);
  auto [lo, hi] = id_range(by_id_, entries_, milestone_id);
  // Sorted oldest first (undated before dated): the last one not after as_of.
  for (auto it = hi; it != lo;) {
    --it;
    const auto& e = entries_[*it];
    if (!e.date || *e.date <= as_of) return &e;
  }
  return nullptr;
}

const StatusEntry* StatusTable::latest(std::string_view milestone_id) const {
  auto [lo, hi] = id_range(by_id_, entries_, milestone_id);
  return lo == hi ? nullptr : &entries_[*(hi - 1)];
}

}  // namespace taizhang
