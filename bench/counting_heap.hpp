// A counting global allocator for the measuring programs of bench/ (the
// doubling check, the memory breakdown): live and peak heap bytes of the
// process, exact (malloc_usable_size of every block), so that memory ratios
// carry no noise. Include it in exactly one source file of a program: it
// defines the global operator new and delete.
#pragma once

#include <malloc.h>

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <new>

// Live and peak heap bytes of this process. Every operator new of the program
// and of the (statically or dynamically linked) library comes here.

namespace heap {
std::atomic<std::int64_t> live{0};
std::atomic<std::int64_t> peak{0};

void* counted(void* p) {
  if (!p) return p;
  const auto now = live.fetch_add(static_cast<std::int64_t>(malloc_usable_size(p)),
                                  std::memory_order_relaxed) +
                   static_cast<std::int64_t>(malloc_usable_size(p));
  auto old = peak.load(std::memory_order_relaxed);
  while (now > old && !peak.compare_exchange_weak(old, now, std::memory_order_relaxed)) {
  }
  return p;
}
void release(void* p) noexcept {
  if (!p) return;
  live.fetch_sub(static_cast<std::int64_t>(malloc_usable_size(p)), std::memory_order_relaxed);
  std::free(p);
}
void* allocate(std::size_t n) {
  void* p = std::malloc(n ? n : 1);
  if (!p) throw std::bad_alloc();
  return counted(p);
}
void* allocate_aligned(std::size_t n, std::align_val_t a) {
  const auto align = std::max<std::size_t>(static_cast<std::size_t>(a), sizeof(void*));
  void* p = nullptr;
  if (posix_memalign(&p, align, n ? n : 1) != 0) throw std::bad_alloc();
  return counted(p);
}
}  // namespace heap

void* operator new(std::size_t n) { return heap::allocate(n); }
void* operator new[](std::size_t n) { return heap::allocate(n); }
void* operator new(std::size_t n, const std::nothrow_t&) noexcept {
  try { return heap::allocate(n); } catch (...) { return nullptr; }
}
void* operator new[](std::size_t n, const std::nothrow_t&) noexcept {
  try { return heap::allocate(n); } catch (...) { return nullptr; }
}
void* operator new(std::size_t n, std::align_val_t a) { return heap::allocate_aligned(n, a); }
void* operator new[](std::size_t n, std::align_val_t a) { return heap::allocate_aligned(n, a); }
void operator delete(void* p) noexcept { heap::release(p); }
void operator delete[](void* p) noexcept { heap::release(p); }
void operator delete(void* p, std::size_t) noexcept { heap::release(p); }
void operator delete[](void* p, std::size_t) noexcept { heap::release(p); }
void operator delete(void* p, std::align_val_t) noexcept { heap::release(p); }
void operator delete[](void* p, std::align_val_t) noexcept { heap::release(p); }
void operator delete(void* p, std::size_t, std::align_val_t) noexcept { heap::release(p); }
void operator delete[](void* p, std::size_t, std::align_val_t) noexcept { heap::release(p); }

