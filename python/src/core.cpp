// taizhang._core — the pybind11 shim over the C++ library.
//
// Kept thin on purpose (RE2's _re2.cc is the model): it exposes the C++
// value types read-only, converts at the boundary (boost dates ↔
// datetime.date, enums → their JSON strings, taizhang::Error → TaizhangError)
// and releases the GIL while parsing. Everything that needs pandas or
// matplotlib lives in the pure-Python package and is imported lazily.
//
// Spans need no conversion: the C++ Span already counts code points, which
// is what Python str indices count (non-BMP characters are one index each).

#include <taizhang/json.hpp>
#include <taizhang/ledger.hpp>
#include <taizhang/model.hpp>
#include <taizhang/numerals.hpp>
#include <taizhang/parser.hpp>

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include <datetime.h>  // CPython's datetime C API

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <tuple>
#include <utility>
#include <vector>

namespace py = pybind11;

// --- boost::gregorian::date <-> datetime.date ---------------------------------
namespace pybind11::detail {
// An Excerpt (a piece of the plan's shared text) is a str in Python: read
// only, so only the C++ → Python direction is needed, and a str is copied
// out when it is read, never kept pointing into the plan.
template <>
struct type_caster<taizhang::Excerpt> {
  PYBIND11_TYPE_CASTER(taizhang::Excerpt, const_name("str"));

  bool load(handle, bool) { return false; }
  static handle cast(const taizhang::Excerpt& e, return_value_policy, handle) {
    const std::string_view v = e.view();
    return PyUnicode_DecodeUTF8(v.empty() ? "" : v.data(), static_cast<Py_ssize_t>(v.size()), nullptr);
  }
};

template <>
struct type_caster<boost::gregorian::date> {
  PYBIND11_TYPE_CASTER(boost::gregorian::date, const_name("datetime.date"));

  bool load(handle src, bool) {
    if (!PyDateTimeAPI) PyDateTime_IMPORT;
    if (!src || !PyDate_Check(src.ptr())) return false;
    // datetime.datetime is a date subclass: its date part is what we take.
    try {
      value = boost::gregorian::date(
          static_cast<unsigned short>(PyDateTime_GET_YEAR(src.ptr())),
          static_cast<unsigned short>(PyDateTime_GET_MONTH(src.ptr())),
          static_cast<unsigned short>(PyDateTime_GET_DAY(src.ptr())));
    } catch (const std::out_of_range&) {  // years before 1400 (boost's range)
      return false;
    }
    return true;
  }

  static handle cast(const boost::gregorian::date& d, return_value_policy, handle) {
    if (!PyDateTimeAPI) PyDateTime_IMPORT;
    if (d.is_special()) return none().release();
    return PyDate_FromDate(d.year(), d.month(), d.day());
  }
};
}  // namespace pybind11::detail

namespace {

using namespace taizhang;

// --- the exception ----------------------------------------------------------------

// TaizhangError, created by define_error() once per module.
PyObject* taizhang_error = nullptr;

const char* code_name(ErrorCode code) {
  switch (code) {
    case ErrorCode::invalid_utf8: return "invalid_utf8";
    case ErrorCode::io: return "io";
    case ErrorCode::invalid_json: return "invalid_json";
    case ErrorCode::invalid_argument: return "invalid_argument";
    case ErrorCode::limit_exceeded: return "limit_exceeded";
  }
  return "error";
}

// Sets TaizhangError(message, code, byte_offset) as the pending Python error.
void set_python_error(const std::string& message, const char* code,
                      std::optional<std::size_t> byte_offset) {
  py::object type = py::reinterpret_borrow<py::object>(taizhang_error);
  py::object offset = byte_offset ? py::object(py::int_(*byte_offset)) : py::object(py::none());
  py::object exc = type(message, code, offset);
  PyErr_SetObject(taizhang_error, exc.ptr());
}

[[noreturn]] void raise_error(const std::string& message, const char* code,
                              std::optional<std::size_t> byte_offset) {
  set_python_error(message, code, byte_offset);
  throw py::error_already_set();
}

// `prefix` names the failing input of a batch ("texts[3]: ").
void set_error(const Error& e, const std::string& prefix = {}) {
  std::optional<std::size_t> offset;
  if (e.code() == ErrorCode::invalid_utf8 || e.code() == ErrorCode::invalid_json)
    offset = e.byte_offset();
  set_python_error(prefix + e.what(), code_name(e.code()), offset);
}

// --- text in ------------------------------------------------------------------------

// A view of the UTF-8 bytes of a str (CPython caches them inside the object)
// or a bytes object. The view lives as long as `obj`, and both are immutable,
// so it may be read with the GIL released.
std::string_view utf8_of(py::handle obj, const char* what = "text") {
  if (PyUnicode_Check(obj.ptr())) {
    Py_ssize_t size = 0;
    const char* data = PyUnicode_AsUTF8AndSize(obj.ptr(), &size);
    if (data) return {data, static_cast<std::size_t>(size)};
    // Only lone surrogates (e.g. from errors="surrogateescape") fail here.
    py::error_already_set failure;
    Py_ssize_t index = 0;
    try {
      index = failure.value().attr("start").cast<Py_ssize_t>();
    } catch (const py::error_already_set&) {
      throw failure;
    }
    py::str prefix = py::reinterpret_borrow<py::str>(obj)[py::slice(0, index, 1)];
    Py_ssize_t prefix_bytes = 0;
    PyUnicode_AsUTF8AndSize(prefix.ptr(), &prefix_bytes);
    raise_error(std::string(what) + " is not valid Unicode: lone surrogate at index " +
                    std::to_string(index),
                "invalid_utf8", static_cast<std::size_t>(prefix_bytes));
  }
  if (PyBytes_Check(obj.ptr())) {
    return {PyBytes_AS_STRING(obj.ptr()), static_cast<std::size_t>(PyBytes_GET_SIZE(obj.ptr()))};
  }
  throw py::type_error(std::string(what) + " must be str or bytes, not " +
                       std::string(py::str(py::type::handle_of(obj).attr("__name__"))));
}

ParseOptions make_options(std::optional<int> plan_year,
                          std::optional<boost::gregorian::date> reference_date,
                          bool detect_traditional) {
  ParseOptions options;
  options.plan_year = plan_year;
  options.reference_date = reference_date;
  options.detect_traditional = detect_traditional;
  return options;
}

// The C++ library's default parser is shared and thread-safe; `nullptr`
// below means "use it" (taizhang::parse).
Plan parse_with(const Parser* parser, std::string_view text, const ParseOptions& options) {
  return parser ? parser->parse(text, options) : taizhang::parse(text, options);
}

Plan parse_one(const Parser* parser, py::handle text, const ParseOptions& options) {
  std::string_view utf8 = utf8_of(text);
  py::gil_scoped_release unlocked;
  return parse_with(parser, utf8, options);
}

Plan parse_path(const Parser* parser, const std::filesystem::path& path,
                const ParseOptions& options) {
  py::gil_scoped_release unlocked;
  return parser ? parser->parse_file(path.string(), options)
                : taizhang::parse_file(path.string(), options);
}

// Parses many texts on `threads` threads with the GIL released. Results come
// back in input order; the first failing text (in input order) is raised.
std::vector<Plan> parse_many(const Parser* parser, py::iterable texts,
                             std::optional<int> threads, const ParseOptions& options) {
  std::vector<py::object> keep;  // owns the objects the views point into
  std::vector<std::string_view> views;
  for (py::handle text : texts) {
    keep.push_back(py::reinterpret_borrow<py::object>(text));
    views.push_back(utf8_of(text, ("texts[" + std::to_string(views.size()) + "]").c_str()));
  }
  if (threads && *threads < 1) throw py::value_error("threads must be at least 1");
  const std::size_t n = views.size();
  std::size_t workers = threads ? static_cast<std::size_t>(*threads)
                                : std::max(1u, std::thread::hardware_concurrency());
  workers = std::min(workers, n);

  std::vector<std::optional<Plan>> plans(n);
  std::vector<std::exception_ptr> errors(n);
  {
    py::gil_scoped_release unlocked;
    std::atomic<std::size_t> next{0};
    auto work = [&] {
      for (std::size_t i; (i = next.fetch_add(1)) < n;) {
        try {
          plans[i] = parse_with(parser, views[i], options);
        } catch (...) {
          errors[i] = std::current_exception();
        }
      }
    };
    if (workers <= 1) {
      work();
    } else {
      std::vector<std::thread> pool;
      pool.reserve(workers);
      for (std::size_t w = 0; w < workers; ++w) pool.emplace_back(work);
      for (auto& t : pool) t.join();
    }
  }
  for (std::size_t i = 0; i < n; ++i) {
    if (!errors[i]) continue;
    try {
      std::rethrow_exception(errors[i]);
    } catch (const Error& e) {
      set_error(e, "texts[" + std::to_string(i) + "]: ");
      throw py::error_already_set();
    }
  }
  std::vector<Plan> out;
  out.reserve(n);
  for (auto& p : plans) out.push_back(std::move(*p));
  return out;
}

// --- reprs ---------------------------------------------------------------------------

// Python's repr of a str (quotes and escapes as Python users expect).
std::string pyrepr(std::string_view s) {
  return py::repr(py::str(s.data(), s.size()));
}

// The first `limit` code points of `s`, with an ellipsis when cut.
std::string clip(std::string_view s, std::size_t limit = 24) {
  std::size_t i = 0, count = 0;
  while (i < s.size() && count < limit) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    i += c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    ++count;
  }
  if (i >= s.size()) return std::string(s);
  return std::string(s.substr(0, i)) + "…";
}

std::string iso(const std::optional<boost::gregorian::date>& d) {
  if (!d || d->is_special()) return "None";
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", static_cast<int>(d->year()),
                static_cast<int>(d->month()), static_cast<int>(d->day()));
  return buf;
}

std::string number_repr(const std::optional<double>& v) {
  if (!v) return "None";
  return py::repr(py::float_(*v));
}

std::string unit_names(const std::vector<Unit>& units) {
  std::string out = "[";
  for (std::size_t i = 0; i < units.size(); ++i) {
    if (i) out += ", ";
    out += pyrepr(units[i].name);
  }
  return out + "]";
}

std::string to_json_text(const Plan& plan, bool pretty) {
  JsonOptions options;
  options.pretty = pretty;
  return to_json(plan, options);
}

Plan plan_from_json(py::handle json) {
  std::string_view text = utf8_of(json, "json");
  py::gil_scoped_release unlocked;
  return from_json(text);
}

// Lazily imports a function of the pure-Python package (pandas stays optional).
py::object python_side(const char* module, const char* name) {
  return py::module_::import(module).attr(name);
}

// --- ledger helpers ------------------------------------------------------------------

ExportOptions export_options(const StatusTable* status,
                             std::optional<boost::gregorian::date> as_of,
                             std::optional<boost::gregorian::date> stamp) {
  ExportOptions options;
  options.status = status;
  options.as_of = as_of;
  options.stamp = stamp;
  return options;
}

// A Numeral with its length in str indices as well as bytes.
struct NumeralView {
  Numeral n;
  std::size_t chars = 0;
};

// The targets a milestone of `owner` governs, as Python Target objects.
template <class Owner>
std::vector<Target> owned_targets(const Owner& owner, const Milestone& milestone) {
  std::vector<Target> out;
  for (const Target* t : milestone_targets(owner.targets, milestone)) out.push_back(*t);
  return out;
}

// A goal paragraph (taizhang::Goal): the plan's own horizons and targets.
void bind_goal(py::module_& m) {
  py::class_<Goal>(m, "Goal",
                   "A goal paragraph (工作目标, 主要目标, a preamble's horizon): the plan's own "
                   "horizons and targets. Not a measure: it has no units.")
      .def_readonly("id", &Goal::id)
      .def_readonly("heading", &Goal::heading, "The heading it sits under (主要目标); '' for a preamble.")
      .def_readonly("text", &Goal::text)
      .def_readonly("span", &Goal::span)
      .def_readonly("dates", &Goal::dates)
      .def_readonly("milestones", &Goal::milestones, "One per horizon, ids 'goal<k>#<n>'.")
      .def_readonly("targets", &Goal::targets, "Every target of the paragraph, each once.")
      .def("milestone_targets", &owned_targets<Goal>, py::arg("milestone"),
           "The targets one of its milestones governs (its target_indices resolved).")
      .def("__repr__", [](const Goal& g) {
        std::string dues;
        for (const auto& ms : g.milestones) dues += (dues.empty() ? "" : ", ") + iso(ms.deadline.due);
        return "<Goal " + g.id + " " + pyrepr(g.heading) + " due [" + dues + "] targets=" +
               std::to_string(g.targets.size()) + ": " + pyrepr(clip(g.text, 30)) + ">";
      });
}

// Rows of a ledger as Python objects that keep the ledger alive.
py::list row_list(const std::vector<const LedgerRow*>& rows, py::handle ledger) {
  py::list out;
  for (const LedgerRow* row : rows)
    out.append(py::cast(row, py::return_value_policy::reference_internal, ledger));
  return out;
}


// TaizhangError: an Exception subclass with `code` and `byte_offset`, an
// __init__ taking them and a __reduce__ so it pickles. pybind11 creates the
// type; the translator registered after it (tried first) raises it with the
// code and offset of the C++ Error.
void define_error(py::module_& m) {
  py::object type = py::register_exception<Error>(m, "TaizhangError");
  taizhang_error = type.ptr();  // register_exception keeps the type alive
  type.attr("__doc__") =
      "The one error taizhang raises: input that is not UTF-8, an unreadable file, JSON that "
      "is not a taizhang.plan document, a bad argument, a document over one of the parser's "
      "limits.\n\n``code`` is \"invalid_utf8\", \"io\", \"invalid_json\", \"invalid_argument\" or "
      "\"limit_exceeded\"; ``byte_offset`` is the UTF-8 byte "
      "offset of the first bad byte for invalid_utf8 (None for the other codes). Doubtful "
      "content in a document is not an error: it is a Diagnostic on Plan.diagnostics.";
  type.attr("code") = "error";
  type.attr("byte_offset") = py::none();
  type.attr("__init__") = py::cpp_function(
      [](py::object self, py::object message, py::object code, py::object byte_offset) {
        py::handle(PyExc_Exception).attr("__init__")(self, message);
        self.attr("code") = code;
        self.attr("byte_offset") = byte_offset;
      },
      py::is_method(type), py::arg("message"), py::arg("code") = "error",
      py::arg("byte_offset") = py::none());
  type.attr("__reduce__") = py::cpp_function(
      [](py::object self) {
        return py::make_tuple(py::type::handle_of(self),
                              py::make_tuple(py::str(self), self.attr("code"),
                                             self.attr("byte_offset")));
      },
      py::is_method(type));
  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const Error& e) {
      set_error(e);
    }
  });
}

void bind_span(py::module_& m) {
  py::class_<Span>(m, "Span", "A half-open range [start, end) of the input, in str indices "
                              "(code points); byte_start/byte_end are UTF-8 byte offsets.")
      .def_readonly("start", &Span::start)
      .def_readonly("end", &Span::end)
      .def_readonly("byte_start", &Span::byte_start)
      .def_readonly("byte_end", &Span::byte_end)
      .def_readonly("utf16_start", &Span::utf16_start, "UTF-16 code units (Java, JavaScript).")
      .def_readonly("utf16_end", &Span::utf16_end)
      .def("slice", [](const Span& s) { return py::slice(static_cast<Py_ssize_t>(s.start),
                                                         static_cast<Py_ssize_t>(s.end), 1); },
           "The span as a slice object: text[span.slice()].")
      .def("__eq__", [](const Span& a, const Span& b) { return a == b; }, py::is_operator())
      .def("__hash__", [](const Span& s) {
        return py::hash(py::make_tuple(s.start, s.end, s.byte_start, s.byte_end, s.utf16_start, s.utf16_end));
      })
      .def("__repr__", [](const Span& s) {
        return "Span(" + std::to_string(s.start) + ", " + std::to_string(s.end) + ")";
      });
}

void bind_diagnostic(py::module_& m) {
  py::class_<Diagnostic>(m, "Diagnostic", "Something the parser was unsure about.")
      .def_readonly("code", &Diagnostic::code)
      .def_property_readonly("severity", [](const Diagnostic& d) { return to_string(d.severity); })
      .def_readonly("message", &Diagnostic::message)
      .def_readonly("span", &Diagnostic::span)
      .def("__repr__", [](const Diagnostic& d) {
        return std::string("<Diagnostic ") + to_string(d.severity) + " " + d.code + " at " +
               std::to_string(d.span.start) + ": " + pyrepr(clip(d.message, 60)) + ">";
      });
}

void bind_unit(py::module_& m) {
  py::class_<Unit>(m, "Unit", "A responsible unit (责任单位).")
      .def_readonly("name", &Unit::name)
      .def_readonly("raw", &Unit::raw)
      .def_readonly("full_name", &Unit::full_name)
      .def_readonly("collective", &Unit::collective)
      .def_readonly("span", &Unit::span)
      .def("__str__", [](const Unit& u) { return u.name; })
      .def("__repr__", [](const Unit& u) {
        std::string r = "Unit(" + pyrepr(u.name);
        if (u.raw != u.name) r += ", raw=" + pyrepr(u.raw);
        if (u.full_name) r += ", full_name=" + pyrepr(*u.full_name);
        if (u.collective) r += ", collective=True";
        return r + ")";
      });
}

void bind_deadline(py::module_& m) {
  py::class_<Deadline>(m, "Deadline", "A date expression and how it is read.")
      .def_readonly("text", &Deadline::text)
      .def_readonly("span", &Deadline::span)
      .def_property_readonly("kind", [](const Deadline& d) { return to_string(d.kind); })
      .def_property_readonly("role", [](const Deadline& d) { return to_string(d.role); })
      .def_readonly("start", &Deadline::start)
      .def_readonly("due", &Deadline::due)
      .def_property_readonly("every", [](const Deadline& d) -> std::optional<std::string> {
        if (d.every == Recurrence::none) return std::nullopt;
        return std::string(to_string(d.every));
      }, "Period of a recurring deadline: 'month', 'quarter', 'half_year', 'year'; None otherwise.")
      .def("__repr__", [](const Deadline& d) {
        std::string r = "Deadline(" + pyrepr(d.text) + ", kind=" + pyrepr(to_string(d.kind)) +
                        ", due=" + iso(d.due);
        if (d.role != DateRole::deadline) r += std::string(", role=") + pyrepr(to_string(d.role));
        return r + ")";
      });
}

void bind_target(py::module_& m) {
  py::class_<Target>(m, "Target", "A quantitative target (量化指标).")
      .def_readonly("text", &Target::text)
      .def_readonly("span", &Target::span)
      .def_readonly("subject", &Target::subject)
      .def_readonly("value", &Target::value)
      .def_readonly("low", &Target::low)
      .def_readonly("high", &Target::high)
      .def_readonly("unit", &Target::unit)
      .def_property_readonly("cmp", [](const Target& t) { return to_string(t.cmp); })
      .def_readonly("baseline", &Target::baseline)
      .def_readonly("aspirational", &Target::aspirational)
      .def_readonly("cumulative", &Target::cumulative)
      .def_readonly("increment", &Target::increment)
      .def_readonly("growth", &Target::growth)
      .def("__repr__", [](const Target& t) {
        std::string r = "Target(" + pyrepr(t.text) + ", ";
        if (t.cmp == Comparator::range)
          r += "low=" + number_repr(t.low) + ", high=" + number_repr(t.high);
        else
          r += "value=" + number_repr(t.value);
        r += ", unit=" + pyrepr(t.unit) + ", cmp=" + pyrepr(to_string(t.cmp));
        if (!t.subject.empty()) r += ", subject=" + pyrepr(t.subject);
        return r + ")";
      });
}

void bind_milestone(py::module_& m) {
  py::class_<Milestone>(m, "Milestone", "One dated commitment inside a measure.")
      .def_readonly("id", &Milestone::id)
      .def_readonly("deadline", &Milestone::deadline)
      .def_readonly("text", &Milestone::text)
      .def_readonly("span", &Milestone::span)
      .def_readonly("target_indices", &Milestone::target_indices,
                    "The targets this deadline governs: indices into its measure's (or goal's) targets, "
                    "ascending. Measure.milestone_targets(ms) gives the targets.")
      .def_property_readonly("due", [](const Milestone& ms) { return ms.deadline.due; },
                             "Shortcut for deadline.due.")
      .def("__repr__", [](const Milestone& ms) {
        return "<Milestone " + ms.id + " due " + iso(ms.deadline.due) +
               (ms.deadline.kind == DeadlineKind::implied ? " (implied)" : "") + ": " + pyrepr(clip(ms.text, 30)) + ">";
      });
}

void bind_measure(py::module_& m) {
  py::class_<Measure>(m, "Measure", "A leaf work item (措施 / 任务).")
      .def_readonly("id", &Measure::id)
      .def_readonly("number", &Measure::number)
      .def_readonly("marker", &Measure::marker)
      .def_readonly("title", &Measure::title)
      .def_readonly("text", &Measure::text)
      .def_readonly("span", &Measure::span)
      .def_readonly("lead_units", &Measure::lead_units)
      .def_readonly("co_units", &Measure::co_units)
      .def_readonly("leaders", &Measure::leaders)
      .def_readonly("dates", &Measure::dates)
      .def_readonly("milestones", &Measure::milestones)
      .def_readonly("targets", &Measure::targets, "Every target of the measure, each once.")
      .def("milestone_targets", &owned_targets<Measure>, py::arg("milestone"),
           "The targets one of its milestones governs (its target_indices resolved).")
      .def("__repr__", [](const Measure& x) {
        return "<Measure " + (x.marker.empty() ? x.id : x.marker) + " " + pyrepr(clip(x.title)) +
               " lead=" + unit_names(x.lead_units) + " milestones=" +
               std::to_string(x.milestones.size()) + " targets=" +
               std::to_string(x.targets.size()) + ">";
      });
}

// Chapters and their sections.
void bind_chapter(py::module_& m) {
  py::class_<Section>(m, "Section", "A section （一） of a chapter.")
      .def_readonly("number", &Section::number)
      .def_readonly("marker", &Section::marker)
      .def_readonly("title", &Section::title)
      .def_readonly("span", &Section::span)
      .def_readonly("measures", &Section::measures)
      .def("__repr__", [](const Section& s) {
        return "<Section " + s.marker + " " + pyrepr(clip(s.title)) + ": " +
               std::to_string(s.measures.size()) + " measures>";
      });

  py::class_<Chapter>(m, "Chapter", "A chapter 一、 of the plan.")
      .def_readonly("number", &Chapter::number)
      .def_readonly("marker", &Chapter::marker)
      .def_readonly("title", &Chapter::title)
      .def_readonly("span", &Chapter::span)
      .def_readonly("sections", &Chapter::sections)
      .def_readonly("measures", &Chapter::measures, "Measures directly under the chapter.")
      .def("__repr__", [](const Chapter& c) {
        return "<Chapter " + c.marker + " " + pyrepr(clip(c.title)) + ": " +
               std::to_string(c.sections.size()) + " sections>";
      });
}

void bind_outline_node(py::module_& m) {
  py::class_<OutlineNode>(m, "OutlineNode", "A node of the generic heading tree.")
      .def_property_readonly("style", [](const OutlineNode& n) { return to_string(n.style); })
      .def_property_readonly("kind", [](const OutlineNode& n) { return to_string(n.kind); })
      .def_readonly("marker", &OutlineNode::marker)
      .def_readonly("number", &OutlineNode::number)
      .def_readonly("title", &OutlineNode::title)
      .def_readonly("span", &OutlineNode::span)
      .def_readonly("children", &OutlineNode::children)
      .def("__repr__", [](const OutlineNode& n) {
        return std::string("<OutlineNode ") + to_string(n.kind) + " " + n.marker + " " +
               pyrepr(clip(n.title)) + ": " + std::to_string(n.children.size()) + " children>";
      });
}

void bind_doc_number(py::module_& m) {
  py::class_<DocNumber>(m, "DocNumber", "发文字号: 洛政〔2022〕17号.")
      .def_readonly("text", &DocNumber::text)
      .def_readonly("agency", &DocNumber::agency)
      .def_readonly("year", &DocNumber::year)
      .def_readonly("serial", &DocNumber::serial)
      .def_readonly("span", &DocNumber::span)
      .def("__str__", [](const DocNumber& d) { return d.text; })
      .def("__repr__", [](const DocNumber& d) { return "DocNumber(" + pyrepr(d.text) + ")"; });
}

void bind_plan(py::module_& m) {
  py::class_<Plan>(m, "Plan", "A parsed plan document.")
      .def_readonly("issuer", &Plan::issuer)
      .def_readonly("doc_number", &Plan::doc_number)
      .def_readonly("notice_title", &Plan::notice_title)
      .def_readonly("recipients", &Plan::recipients)
      .def_readonly("signed_on", &Plan::signed_on)
      .def_readonly("title", &Plan::title)
      .def_readonly("preamble", &Plan::preamble)
      .def_readonly("notice_text", &Plan::notice_text)
      .def_readonly("signatory", &Plan::signatory)
      .def_readonly("attachments", &Plan::attachments)
      .def_readonly("remarks", &Plan::remarks)
      .def_readonly("plan_year", &Plan::plan_year)
      .def_readonly("traditional", &Plan::traditional)
      .def_readonly("chapters", &Plan::chapters)
      .def_property_readonly(
          "measures", [](const Plan& p) { return all_measures(p); },
          py::return_value_policy::reference_internal,
          "Every measure in document order (chapters, sections and loose ones).")
      .def_readonly("loose_measures", &Plan::loose_measures, "Measures not under any chapter.")
      .def_readonly("goals", &Plan::goals, "Goal paragraphs in document order (not measures).")
      .def_readonly("outline", &Plan::outline)
      .def_readonly("chrome", &Plan::chrome)
      .def_readonly("diagnostics", &Plan::diagnostics)
      .def("to_json", [](const Plan& p, bool pretty) { return to_json_text(p, pretty); },
           py::arg("pretty") = true,
           "The taizhang.plan/3 JSON, byte for byte what the C++ to_json and the CLI write.")
      .def("to_dict", [](const Plan& p) {
             return py::module_::import("json").attr("loads")(to_json_text(p, false));
           },
           "The JSON document as Python dicts and lists.")
      .def_static("from_json", &plan_from_json, py::arg("json"),
                  "Reads what to_json wrote (str or bytes).")
      .def("measures_frame", [](py::object self) {
        return python_side("taizhang.dataframes", "measures_frame")(self);
      }, "One row per measure (pandas.DataFrame).")
      .def("milestones_frame", [](py::object self) {
        return python_side("taizhang.dataframes", "milestones_frame")(self);
      }, "One row per milestone (pandas.DataFrame).")
      .def("targets_frame", [](py::object self) {
        return python_side("taizhang.dataframes", "targets_frame")(self);
      }, "One row per target (pandas.DataFrame).")
      .def("units_frame", [](py::object self) {
        return python_side("taizhang.dataframes", "units_frame")(self);
      }, "One row per (measure, unit) (pandas.DataFrame).")
      .def("__eq__", [](const Plan& a, const Plan& b) { return a == b; }, py::is_operator(),
           "Plans are equal when every field of the model is.")
      .def("__repr__", [](const Plan& p) {
        std::size_t measures = all_measures(p).size();
        std::string r = "<Plan " + pyrepr(clip(p.title.empty() ? p.notice_title : p.title, 40));
        if (p.doc_number) r += " " + p.doc_number->text;
        if (p.signed_on) r += " signed " + iso(p.signed_on);
        return r + ": " + std::to_string(p.chapters.size()) + " chapters, " +
               std::to_string(measures) + " measures, " + std::to_string(p.diagnostics.size()) +
               " diagnostics>";
      })
      .def(py::pickle([](const Plan& p) { return py::bytes(to_json_text(p, false)); },
                      [](const py::bytes& b) { return from_json(std::string_view(b)); }));
  // Value equality makes Plans unhashable, as Python expects of such types.
  m.attr("Plan").attr("__hash__") = py::none();
}

void bind_parser(py::module_& m) {
  py::class_<Parser>(m, "Parser",
                     "A reusable, thread-safe parser. `abbreviations` add to (or, with "
                     "builtin_lexicon=False, replace) the built-in unit lexicon.")
      .def(py::init([](py::object abbreviations, bool builtin_lexicon) {
             ParserOptions options;
             Lexicon lexicon = builtin_lexicon ? Lexicon::builtin() : Lexicon();
             if (!abbreviations.is_none()) {
               // Any Mapping[str, str]: read through .items() like dict(abbreviations).
               for (py::handle item : abbreviations.attr("items")()) {
                 auto pair = item.cast<std::pair<std::string, std::string>>();
                 lexicon.add(std::move(pair.first), std::move(pair.second));
               }
             }
             options.lexicon = std::move(lexicon);
             return std::make_unique<Parser>(std::move(options));
           }),
           py::arg("abbreviations") = py::none(), py::kw_only(),
           py::arg("builtin_lexicon") = true)
      .def("parse",
           [](const Parser& self, py::handle text, std::optional<int> plan_year,
              std::optional<boost::gregorian::date> reference_date, bool detect_traditional) {
             return parse_one(&self, text, make_options(plan_year, reference_date, detect_traditional));
           },
           py::arg("text"), py::kw_only(), py::arg("plan_year") = py::none(),
           py::arg("reference_date") = py::none(), py::arg("detect_traditional") = true)
      .def("parse_file",
           [](const Parser& self, const std::filesystem::path& path, std::optional<int> plan_year,
              std::optional<boost::gregorian::date> reference_date, bool detect_traditional) {
             return parse_path(&self, path, make_options(plan_year, reference_date, detect_traditional));
           },
           py::arg("path"), py::kw_only(), py::arg("plan_year") = py::none(),
           py::arg("reference_date") = py::none(), py::arg("detect_traditional") = true)
      .def("parse_many",
           [](const Parser& self, py::iterable texts, std::optional<int> threads,
              std::optional<int> plan_year, std::optional<boost::gregorian::date> reference_date,
              bool detect_traditional) {
             return parse_many(&self, texts, threads,
                               make_options(plan_year, reference_date, detect_traditional));
           },
           py::arg("texts"), py::arg("threads") = py::none(), py::kw_only(),
           py::arg("plan_year") = py::none(), py::arg("reference_date") = py::none(),
           py::arg("detect_traditional") = true)
      .def_property_readonly("lexicon", [](const Parser& self) {
        py::dict out;
        for (const auto& [abbr, full] : self.lexicon().entries()) out[py::str(abbr)] = py::str(full);
        return out;
      }, "The unit lexicon as a dict (abbreviation → full name), a copy.")
      .def("full_name", [](const Parser& self, std::string_view name) {
        return self.lexicon().full_name(name);
      }, py::arg("name"), "The full name of a unit (市发改委 → 市发展和改革委员会), or None.")
      .def("__repr__", [](const Parser& self) {
        return "<Parser lexicon=" + std::to_string(self.lexicon().size()) + " entries>";
      });
}

// The module-level shortcuts over the default parser.
void bind_parse_functions(py::module_& m) {
  m.def("parse",
        [](py::handle text, std::optional<int> plan_year,
           std::optional<boost::gregorian::date> reference_date, bool detect_traditional) {
          return parse_one(nullptr, text, make_options(plan_year, reference_date, detect_traditional));
        },
        py::arg("text"), py::kw_only(), py::arg("plan_year") = py::none(),
        py::arg("reference_date") = py::none(), py::arg("detect_traditional") = true,
        "Parses a plan (str, or UTF-8 bytes) with the default parser.");
  m.def("parse_file",
        [](const std::filesystem::path& path, std::optional<int> plan_year,
           std::optional<boost::gregorian::date> reference_date, bool detect_traditional) {
          return parse_path(nullptr, path, make_options(plan_year, reference_date, detect_traditional));
        },
        py::arg("path"), py::kw_only(), py::arg("plan_year") = py::none(),
        py::arg("reference_date") = py::none(), py::arg("detect_traditional") = true,
        "Reads a UTF-8 file and parses it. Spans index the file's text as read with "
        "open(path, encoding='utf-8', newline='').");
  m.def("parse_many",
        [](py::iterable texts, std::optional<int> threads, std::optional<int> plan_year,
           std::optional<boost::gregorian::date> reference_date, bool detect_traditional) {
          return parse_many(nullptr, texts, threads,
                            make_options(plan_year, reference_date, detect_traditional));
        },
        py::arg("texts"), py::arg("threads") = py::none(), py::kw_only(),
        py::arg("plan_year") = py::none(), py::arg("reference_date") = py::none(),
        py::arg("detect_traditional") = true,
        "Parses many texts in parallel (threads=None: one per core), GIL released; "
        "results in input order.");
}

void bind_ledger_row(py::module_& m) {
  py::class_<LedgerRow>(m, "LedgerRow", "One milestone of the ledger with its measure's context.")
      .def_readonly("milestone_id", &LedgerRow::milestone_id)
      .def_readonly("goal", &LedgerRow::goal,
                    "A plan-level row: a goal's horizon, with no measure and no units.")
      .def_readonly("goal_id", &LedgerRow::goal_id)
      .def_readonly("goal_heading", &LedgerRow::goal_heading)
      .def_readonly("measure_id", &LedgerRow::measure_id)
      .def_readonly("measure_number", &LedgerRow::measure_number)
      .def_readonly("measure_marker", &LedgerRow::measure_marker)
      .def_readonly("measure_title", &LedgerRow::measure_title)
      .def_readonly("chapter_title", &LedgerRow::chapter_title)
      .def_readonly("section_title", &LedgerRow::section_title)
      .def_readonly("lead_units", &LedgerRow::lead_units)
      .def_readonly("co_units", &LedgerRow::co_units)
      .def_readonly("leaders", &LedgerRow::leaders)
      .def_readonly("deadline_text", &LedgerRow::deadline_text)
      .def_property_readonly("deadline_kind", [](const LedgerRow& r) { return to_string(r.deadline_kind); })
      .def_readonly("occurrence", &LedgerRow::occurrence, "0 for the milestone, k for its k-th repetition.")
      .def_readonly("start", &LedgerRow::start)
      .def_readonly("due", &LedgerRow::due,
                    "Last day of the period named; None when the deadline names no date.")
      .def_readonly("text", &LedgerRow::text)
      .def_readonly("targets", &LedgerRow::targets)
      .def("__repr__", [](const LedgerRow& r) {
        std::string units;
        for (const auto& u : r.lead_units) units += (units.empty() ? "" : "、") + u;
        return "<LedgerRow " + r.milestone_id + " due " +
               iso(r.due) + " " + units + ": " +
               pyrepr(clip(r.text, 30)) + ">";
      });
}

// The supervision office's status table.
void bind_status(py::module_& m) {
  py::class_<StatusEntry>(m, "StatusEntry", "One line of a supervision office's status CSV.")
      .def_readonly("milestone_id", &StatusEntry::milestone_id)
      .def_property_readonly("status", [](const StatusEntry& e) { return to_string(e.status); },
                             "未开始 推进中 已完成 滞后")
      .def_readonly("note", &StatusEntry::note)
      .def_readonly("date", &StatusEntry::date)
      .def_readonly("line", &StatusEntry::line)
      .def("__repr__", [](const StatusEntry& e) {
        return "<StatusEntry " + e.milestone_id + " " + to_string(e.status) + " " + iso(e.date) +
               " (line " + std::to_string(e.line) + ")>";
      });

  py::class_<StatusProblem>(m, "StatusProblem", "A status CSV line that could not be used.")
      .def_readonly("line", &StatusProblem::line)
      .def_readonly("message", &StatusProblem::message)
      .def("__repr__", [](const StatusProblem& p) {
        return "<StatusProblem line " + std::to_string(p.line) + ": " + pyrepr(p.message) + ">";
      });

  py::class_<StatusTable>(m, "StatusTable",
                          "The status table a supervision office keeps (CSV: milestone id, "
                          "status, note, date).")
      .def_static("parse_csv", [](py::handle csv) {
        std::string_view text = utf8_of(csv, "csv");
        py::gil_scoped_release unlocked;
        return StatusTable::parse_csv(text);
      }, py::arg("csv"))
      .def_static("read_csv", [](const std::filesystem::path& path) {
        py::gil_scoped_release unlocked;
        return StatusTable::read_csv(path.string());
      }, py::arg("path"))
      .def_property_readonly("entries", &StatusTable::entries)
      .def_property_readonly("problems", &StatusTable::problems)
      .def("current", &StatusTable::current, py::arg("milestone_id"), py::arg("as_of"),
           py::return_value_policy::reference_internal,
           "The entry in force as of a date, or None.")
      .def("latest", &StatusTable::latest, py::arg("milestone_id"),
           py::return_value_policy::reference_internal, "The latest entry, or None.")
      .def("__len__", [](const StatusTable& t) { return t.entries().size(); })
      .def("__repr__", [](const StatusTable& t) {
        return "<StatusTable " + std::to_string(t.entries().size()) + " entries, " +
               std::to_string(t.problems().size()) + " problems>";
      });
}

void bind_ledger(py::module_& m) {
  py::class_<Ledger>(m, "Ledger",
                     "The ledger (台账) of a plan: one row per milestone, and the queries "
                     "a supervision office asks of it. Copies what it needs from the plan.")
      .def(py::init([](const Plan& plan, py::object abbreviations, int due_soon_days) {
             LedgerOptions options;
             options.due_soon_days = due_soon_days;
             if (!abbreviations.is_none()) {
               Lexicon lexicon = Lexicon::builtin();
               for (py::handle item : abbreviations.attr("items")()) {
                 auto pair = item.cast<std::pair<std::string, std::string>>();
                 lexicon.add(std::move(pair.first), std::move(pair.second));
               }
               options.lexicon = std::move(lexicon);
             }
             return std::make_unique<Ledger>(plan, std::move(options));
           }),
           py::arg("plan"), py::kw_only(), py::arg("abbreviations") = py::none(),
           py::arg("due_soon_days") = 30)
      .def_property_readonly("rows", [](py::object self) {
        const Ledger& l = self.cast<const Ledger&>();
        std::vector<const LedgerRow*> rows;
        for (const auto& r : l.rows()) rows.push_back(&r);
        return row_list(rows, self);
      }, "Every row, in document order.")
      .def("__len__", &Ledger::size)
      .def("find", &Ledger::find, py::arg("milestone_id"),
           py::return_value_policy::reference_internal, "The row with this id, or None.")
      .def_property_readonly("title", &Ledger::title)
      .def_property_readonly("plan_year", &Ledger::plan_year)
      .def_property_readonly("due_soon_days", &Ledger::due_soon_days)
      .def("due_between", [](py::object self, boost::gregorian::date first, boost::gregorian::date last) {
        return row_list(self.cast<const Ledger&>().due_between(first, last), self);
      }, py::arg("first"), py::arg("last"), "Rows due in [first, last], by due date.")
      .def("due_in_month", [](py::object self, int year, int month) {
        return row_list(self.cast<const Ledger&>().due_in_month(year, month), self);
      }, py::arg("year"), py::arg("month"))
      .def("for_unit", [](py::object self, std::string_view unit) {
        return row_list(self.cast<const Ledger&>().for_unit(unit), self);
      }, py::arg("unit"), "Rows a unit answers for (lead, co or through a collective unit).")
      .def("concerns", &Ledger::concerns, py::arg("row"), py::arg("unit"),
           py::arg("lead_only") = false)
      .def("overdue", [](py::object self, const StatusTable& status, boost::gregorian::date as_of) {
        return row_list(self.cast<const Ledger&>().overdue(status, as_of), self);
      }, py::arg("status"), py::arg("as_of"))
      .def("progress", [](py::object self, const StatusTable& status, boost::gregorian::date as_of) {
        py::list out;
        for (const RowProgress& p : self.cast<const Ledger&>().progress(status, as_of)) {
          py::object row = py::cast(p.row, py::return_value_policy::reference_internal, self);
          py::object entry = p.status ? py::cast(*p.status) : py::object(py::none());
          out.append(py::make_tuple(row, to_string(p.progress), entry));
        }
        return out;
      }, py::arg("status"), py::arg("as_of"),
         "(row, progress, status entry or None) per row; progress is done, on_track, due_soon "
         "or overdue.")
      .def("unknown_ids", &Ledger::unknown_ids, py::arg("status"))
      .def("workload", &Ledger::workload, "[(lead unit, milestones)], most first.")
      .def("per_month", [](const Ledger& l) {
        std::vector<std::tuple<int, int, std::size_t>> out;
        for (const auto& c : l.per_month()) out.emplace_back(c.year, c.month, c.count);
        return out;
      }, "[(year, month, milestones)] in calendar order.")
      .def("monthly_report",
           [](const Ledger& l, int year, int month, const StatusTable* status,
              std::optional<boost::gregorian::date> as_of) {
             ReportOptions options;
             options.status = status;
             options.as_of = as_of;
             return monthly_report(l, year, month, options);
           },
           py::arg("year"), py::arg("month"), py::kw_only(), py::arg("status") = nullptr,
           py::arg("as_of") = py::none(), "The monthly supervision report (按月督导), Markdown.")
      .def("to_csv", [](const Ledger& l, const StatusTable* status, std::optional<boost::gregorian::date> as_of) {
        return to_csv(l, export_options(status, as_of, std::nullopt));
      }, py::kw_only(), py::arg("status") = nullptr, py::arg("as_of") = py::none())
      .def("to_icalendar", [](const Ledger& l, const StatusTable* status,
                              std::optional<boost::gregorian::date> as_of,
                              std::optional<boost::gregorian::date> stamp) {
        return to_icalendar(l, export_options(status, as_of, stamp));
      }, py::kw_only(), py::arg("status") = nullptr, py::arg("as_of") = py::none(),
         py::arg("stamp") = py::none())
      .def("to_markdown", [](const Ledger& l, const StatusTable* status, std::optional<boost::gregorian::date> as_of) {
        return to_markdown(l, export_options(status, as_of, std::nullopt));
      }, py::kw_only(), py::arg("status") = nullptr, py::arg("as_of") = py::none())
      .def("to_json", [](const Ledger& l, const StatusTable* status, std::optional<boost::gregorian::date> as_of) {
        return to_json(l, export_options(status, as_of, std::nullopt));
      }, py::kw_only(), py::arg("status") = nullptr, py::arg("as_of") = py::none(),
         "JSON \"taizhang.ledger/1\".")
      .def("__repr__", [](const Ledger& l) {
        return "<Ledger " + pyrepr(clip(l.title(), 40)) + ": " + std::to_string(l.size()) + " rows>";
      });
  m.def("is_collective_unit", &is_collective_unit, py::arg("name"));
  m.def("collective_includes", &collective_includes, py::arg("collective"), py::arg("member"));
}

void bind_numerals(py::module_& m) {
  py::class_<NumeralView>(m, "Numeral", "A number as plan documents write it (5.7万, 百分之九十五).")
      .def_property_readonly("value", [](const NumeralView& v) { return v.n.value; })
      .def_readonly("length", &NumeralView::chars,
                    "str indices consumed: text[:length] is the numeral.")
      .def_property_readonly("byte_length", [](const NumeralView& v) { return v.n.length; })
      .def_property_readonly("percent", [](const NumeralView& v) { return v.n.percent; })
      .def_property_readonly("fraction", [](const NumeralView& v) { return v.n.fraction; })
      .def_property_readonly("majority", [](const NumeralView& v) { return v.n.majority; })
      .def_property_readonly("chinese", [](const NumeralView& v) { return v.n.chinese; })
      .def_property_readonly("scaled", [](const NumeralView& v) { return v.n.scaled; })
      .def_property_readonly("bare_scale", [](const NumeralView& v) { return v.n.bare_scale; })
      .def_property_readonly("integer", [](const NumeralView& v) { return v.n.integer; })
      .def("__repr__", [](const NumeralView& v) {
        return "Numeral(" + std::string(py::repr(py::float_(v.n.value))) + ", length=" +
               std::to_string(v.chars) + (v.n.percent ? ", percent=True" : "") +
               (v.n.fraction ? ", fraction=True" : "") + ")";
      });
  m.def("parse_numeral", [](py::handle text) -> std::optional<NumeralView> {
        std::string_view utf8 = utf8_of(text);
        auto n = parse_numeral(utf8);
        if (!n) return std::nullopt;
        std::size_t chars = 0;
        for (std::size_t i = 0; i < n->length && i < utf8.size(); ++i)
          chars += (static_cast<unsigned char>(utf8[i]) & 0xC0) != 0x80;
        return NumeralView{*n, chars};
      }, py::arg("text"),
      "Reads the numeral at the start of text (5.7万户 → 57000.0), or None.");
}

}  // namespace

PYBIND11_MODULE(_core, m) {
  m.doc() = "taizhang's C++ core: the document model and the parser (use the taizhang package).";

  define_error(m);
  bind_span(m);
  bind_diagnostic(m);
  bind_unit(m);
  bind_deadline(m);
  bind_target(m);
  bind_milestone(m);
  bind_measure(m);
  bind_goal(m);
  bind_chapter(m);
  bind_outline_node(m);
  bind_doc_number(m);
  bind_plan(m);
  bind_parser(m);
  bind_parse_functions(m);
  bind_ledger_row(m);
  bind_status(m);
  bind_ledger(m);
  bind_numerals(m);
  m.def("from_json", &plan_from_json, py::arg("json"), "Reads what Plan.to_json wrote.");
  m.def("version", &taizhang::version, "The C++ library version.");
}
