// A corpus of plan documents on one machine: finding the files under the
// paths a command was given, and parsing them on all cores with one shared
// Parser while the caller consumes the results in path order. Used by
// `taizhang batch` and `taizhang units`.
#pragma once

#include <taizhang/parser.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace taizhang::cli {

struct SourceFile {
  std::string path;        // as found: the argument, then the path below it
  std::uintmax_t bytes = 0;
};

// Every document under `paths`, sorted by path (byte order), each once.
// A directory is searched recursively for .txt, .md, .html and .htm files
// (any letter case); a file named on its own is taken whatever its name.
// Paths that do not exist go to `missing`.
std::vector<SourceFile> collect_sources(const std::vector<std::string>& paths,
                                        std::vector<std::string>& missing);

// The whole file. Throws Error{io}.
std::string read_bytes(const std::string& path);

// "invalid_utf8", "io", … (the names Python's TaizhangError.code uses).
const char* error_code_name(ErrorCode code) noexcept;

// A JSON string literal, quotes included. UTF-8 passes through; a byte that
// is not part of well-formed UTF-8 (a GBK file name) becomes \ufffd.
std::string json_string(std::string_view s);

// One per core (at least 1).
unsigned default_jobs() noexcept;

// Set by SIGINT/SIGTERM once install_interrupt_handler() has run.
bool interrupted() noexcept;
void install_interrupt_handler();

// Runs `work(i)` for i in [0, n) on `jobs` threads and hands each result to
// `consume(i, result)` on the calling thread in index order, so the output
// does not depend on the number of threads. At most a window of results
// waits for its turn, which bounds memory on any corpus size. `tick` runs on
// the calling thread about every 100 ms (the progress bar). Stops early, and
// returns false, when interrupted(); `work` must not throw.
template <class Result, class Work, class Consume>
bool run_in_order(std::size_t n, unsigned jobs, Work work, Consume consume,
                  const std::function<void()>& tick = {}) {
  jobs = static_cast<unsigned>(std::clamp<std::size_t>(jobs, 1, std::max<std::size_t>(n, 1)));
  const std::size_t window = 4 * static_cast<std::size_t>(jobs) + 16;
  // A ring of `window` slots: index i waits in slots[i % window], which no
  // other index outstanding at the same time can use.
  std::vector<std::optional<Result>> slots(window);
  std::mutex mu;
  std::condition_variable ready, room;
  std::size_t next_claim = 0, next_consume = 0;
  bool cancelled = false;

  auto worker = [&] {
    for (;;) {
      std::size_t i;
      {
        std::unique_lock lock(mu);
        room.wait(lock, [&] { return cancelled || next_claim >= n || next_claim < next_consume + window; });
        if (cancelled || next_claim >= n) return;
        i = next_claim++;
      }
      Result r = work(i);
      {
        std::lock_guard lock(mu);
        slots[i % window] = std::move(r);
      }
      ready.notify_one();  // only the consuming thread waits on `ready`
    }
  };
  std::vector<std::thread> threads;
  for (unsigned t = 0; t < jobs; ++t) threads.emplace_back(worker);

  bool completed = true;
  for (std::size_t i = 0; i < n; ++i) {
    std::unique_lock lock(mu);
    std::optional<Result>& slot = slots[i % window];
    while (!slot && !interrupted()) {
      ready.wait_for(lock, std::chrono::milliseconds(100));
      if (tick) {
        lock.unlock();
        tick();
        lock.lock();
      }
    }
    if (!slot || interrupted()) {
      completed = false;
      break;
    }
    Result r = std::move(*slot);
    slot.reset();
    ++next_consume;
    lock.unlock();
    room.notify_all();
    consume(i, r);
  }
  {
    std::lock_guard lock(mu);
    cancelled = true;
  }
  room.notify_all();
  for (auto& t : threads) t.join();
  return completed;
}

}  // namespace taizhang::cli
