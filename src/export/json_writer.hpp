// The one JSON writer of the library: plan JSON (taizhang.plan/3), ledger
// JSON (taizhang.ledger/1) and the targets listing all write through it, so
// escaping and number formatting are the same everywhere.
#pragma once

#include <taizhang/model.hpp>

#include <boost/date_time/gregorian/gregorian.hpp>

#include <charconv>
#include <cmath>
#include <cstdio>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>

namespace taizhang::detail {

// Appends `s` as a JSON string literal (quotes included). Control characters
// are escaped; UTF-8 passes through unchanged.
inline void append_json_string(std::string& out, std::string_view s) {
  out.reserve(out.size() + s.size() + 2);
  out += '"';
  std::size_t run = 0;  // start of the bytes that need no escaping
  for (std::size_t i = 0; i < s.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.append(s, run, i - run);
    run = i + 1;
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      default: {
        char buf[8];
        std::snprintf(buf, sizeof buf, "\\u%04x", c);
        out += buf;
      }
    }
  }
  out.append(s, run, s.size() - run);
  out += '"';
}

// A number as JSON writes it: integers in full (10000000, not 1e+07), others
// in the shortest form that reads back the same; empty for NaN/infinity.
inline std::string format_number(double v) {
  if (!std::isfinite(v)) return {};
  if (v == std::floor(v) && std::fabs(v) < 1e15) return std::to_string(static_cast<long long>(v));
  char buf[32];
  auto res = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, res.ptr);
}

class JsonWriter {
 public:
  explicit JsonWriter(bool pretty) : pretty_(pretty) {}
  std::string take() { return std::move(out_); }
  // Writes to `sink` as it goes, a chunk at a time, instead of keeping the
  // whole document: memory stays a chunk however large the plan. finish()
  // writes the rest.
  void stream_to(std::ostream& sink) { sink_ = &sink; }
  void finish() { flush(); }
  // Room for `bytes` of output: a large document is written without the
  // string growing (and copying itself) on the way.
  void reserve(std::size_t bytes) { out_.reserve(bytes); }

  void begin_object() { open('{'); }
  void end_object() { close('}'); }
  void begin_array() { open('['); }
  void end_array() { close(']'); }
  void key(std::string_view k) {
    comma();
    string_literal(k);
    out_ += pretty_ ? ": " : ":";
    after_key_ = true;
  }
  void value(std::string_view v) { comma(); string_literal(v); }
  void value(const char* v) { value(std::string_view(v)); }
  void value(bool v) { comma(); out_ += v ? "true" : "false"; }
  void value(long long v) { comma(); integer(v); }
  void value(std::size_t v) { comma(); integer(v); }
  void value(std::uint32_t v) { comma(); integer(v); }  // Span's offsets
  void value(int v) { comma(); integer(v); }
  void value(double v) {
    comma();
    const std::string n = format_number(v);
    out_ += n.empty() ? "null" : n;
  }
  // YYYY-MM-DD, as boost's to_iso_extended_string writes it (the year is
  // always four digits: a gregorian date lies in 1400–9999), without its
  // locale machinery.
  void value(const boost::gregorian::date& d) {
    if (d.is_special()) return null();
    comma();
    const auto ymd = d.year_month_day();
    const unsigned y = ymd.year, m = ymd.month, day = ymd.day;
    const char iso[] = {'"', static_cast<char>('0' + y / 1000), static_cast<char>('0' + y / 100 % 10),
                        static_cast<char>('0' + y / 10 % 10), static_cast<char>('0' + y % 10), '-',
                        static_cast<char>('0' + m / 10), static_cast<char>('0' + m % 10), '-',
                        static_cast<char>('0' + day / 10), static_cast<char>('0' + day % 10), '"'};
    out_.append(iso, sizeof iso);
  }
  void value(const std::optional<boost::gregorian::date>& d) {
    if (d) value(*d);
    else null();
  }
  void null() { comma(); out_ += "null"; }

  template <class T>
  void field(std::string_view k, const T& v) { key(k); value(v); }
  void raw(std::string_view json) { comma(); out_ += json; }  // a pre-written value

  template <class T>
  void field(std::string_view k, const std::optional<T>& v) {
    key(k);
    if (v) value(*v); else null();
  }

 private:
  void open(char c) {
    comma();
    out_ += c;
    ++depth_;
    first_ = true;
  }
  void close(char c) {
    --depth_;
    if (!first_) newline();
    out_ += c;
    first_ = false;
  }
  void comma() {
    if (sink_ && out_.size() >= kChunk) flush();
    if (after_key_) { after_key_ = false; return; }
    if (depth_ == 0) return;
    if (!first_) out_ += ',';
    newline();
    first_ = false;
  }
  void newline() {
    if (!pretty_) return;
    out_ += '\n';
    out_.append(static_cast<std::size_t>(depth_) * 2, ' ');
  }
  void string_literal(std::string_view s) { append_json_string(out_, s); }
  template <class T>
  void integer(T v) {  // std::to_chars: no temporary string
    char buf[24];
    out_.append(buf, static_cast<std::size_t>(std::to_chars(buf, buf + sizeof buf, v).ptr - buf));
  }

  void flush() {
    if (!sink_) return;
    sink_->write(out_.data(), static_cast<std::streamsize>(out_.size()));
    out_.clear();
  }
  static constexpr std::size_t kChunk = std::size_t{1} << 16;
  std::ostream* sink_ = nullptr;
  std::string out_;
  bool pretty_;
  int depth_ = 0;
  bool first_ = true;
  bool after_key_ = false;
};

// The shared shapes of the model: "span" (a key and object) and a target.
void write_span(JsonWriter& w, const Span& s);
void write_target(JsonWriter& w, const Target& t);

}  // namespace taizhang::detail
