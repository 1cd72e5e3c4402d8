// JSON export "taizhang.ledger/1": the rows as flat records, for tools that
// want the ledger rather than the document tree of "taizhang.plan/3".
#include "export/json_writer.hpp"
#include "ledger/ledger_internal.hpp"

#include <taizhang/ledger.hpp>

namespace taizhang {

namespace detail {


void write_strings(JsonWriter& w, std::string_view key, const std::vector<std::string>& v) {
  w.key(key);
  w.begin_array();
  for (const auto& s : v) w.value(s);
  w.end_array();
}

}  // namespace detail

std::string to_json(const Ledger& ledger, const std::vector<const LedgerRow*>& rows,
                    const ExportOptions& options) {
  detail::JsonWriter w(true);
  w.begin_object();
  w.field("schema", "taizhang.ledger/1");
  w.field("title", ledger.title());
  w.field("plan_year", ledger.plan_year());
  w.key("as_of");
  if (options.as_of) w.value(*options.as_of); else w.null();
  w.key("rows");
  w.begin_array();
  for (const LedgerRow* r : rows) {
    w.begin_object();
    w.field("id", r->milestone_id);
    w.field("kind", r->goal ? "goal" : "measure");
    w.key("goal");
    if (r->goal) {
      w.begin_object();
      w.field("id", r->goal_id);
      w.field("heading", r->goal_heading);
      w.end_object();
    } else {
      w.null();
    }
    w.key("measure");
    w.begin_object();
    w.field("id", r->measure_id);
    w.field("number", r->measure_number);
    w.field("marker", r->measure_marker);
    w.field("title", r->measure_title);
    w.end_object();
    w.field("chapter", r->chapter_title);
    w.field("section", r->section_title);
    detail::write_strings(w, "lead_units", r->lead_units);
    detail::write_strings(w, "co_units", r->co_units);
    detail::write_strings(w, "leaders", r->leaders);
    w.key("deadline");
    w.begin_object();
    w.field("text", r->deadline_text);
    w.field("kind", to_string(r->deadline_kind));
    // taizhang.ledger/1 keeps its flags; the row holds them once, in the kind.
    w.field("implied", r->deadline_kind == DeadlineKind::implied);
    w.field("recurring", r->deadline_kind == DeadlineKind::recurring);
    w.field("open_ended", r->deadline_kind == DeadlineKind::open_ended);
    w.key("start");
    if (r->start) w.value(*r->start); else w.null();
    w.key("due");
    w.value(r->due);  // no date → null
    w.end_object();
    w.key("due");
    w.value(r->due);
    w.field("text", r->text);
    w.key("targets");
    w.begin_array();
    for (const auto& t : r->targets) detail::write_target(w, t);
    w.end_array();
    if (options.status) {
      const StatusEntry* st = detail::status_for_export(options.status, *r, options.as_of);
      w.key("status");
      if (!st) {
        w.null();
      } else {
        w.begin_object();
        w.field("status", to_string(st->status));
        w.field("note", st->note);
        w.key("date");
        if (st->date) w.value(*st->date); else w.null();
        w.end_object();
      }
      if (options.as_of)
        w.field("progress", to_string(ledger.progress(*r, *options.status, *options.as_of).progress));
    }
    w.end_object();
  }
  w.end_array();
  w.end_object();
  std::string out = w.take();
  out += '\n';
  return out;
}

std::string to_json(const Ledger& ledger, const ExportOptions& options) {
  return to_json(ledger, detail::all_rows(ledger), options);
}

}  // namespace taizhang
