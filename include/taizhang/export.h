/* taizhang — the export macro of the public API (C and C++).
 *
 * The library is compiled with -fvisibility=hidden and
 * -fvisibility-inlines-hidden: only what is marked TAIZHANG_API is in the
 * shared library's dynamic symbol table, so internal symbols cannot clash
 * with an embedder's and cannot become part of the ABI by accident. Every
 * function, and every class with out-of-line members (or thrown across the
 * boundary, as Error is), declared in include/taizhang/ carries it. A
 * declaration that lacks it still links in the static build but not against
 * libtaizhang.so (the shared-build tests in .ci/embedding catch that).
 *
 * ELF and Mach-O (GCC, Clang) only: Windows DLLs are not built or tested. */
#ifndef TAIZHANG_EXPORT_H
#define TAIZHANG_EXPORT_H

#if defined(__GNUC__) || defined(__clang__)
#define TAIZHANG_API __attribute__((visibility("default")))
#else
#define TAIZHANG_API
#endif

#endif /* TAIZHANG_EXPORT_H */
