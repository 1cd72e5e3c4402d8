# What libtaizhang.so exports (ctest exported_symbols, shared builds only):
#  - every function taizhang.h declares, under its C name;
#  - no strong symbol outside the public API: only taizhang_* (C) and
#    taizhang::* (C++), never taizhang::detail or a dependency's (ICU).
# Weak symbols (nm types V, W, u) are the vague-linkage copies of inline and
# template code from std:: and boost:: that every DSO using them carries;
# identical by the ODR, they are not part of the ABI and are allowed.
#   cmake -DLIBRARY=libtaizhang.so -DNM=nm -DHEADER=taizhang.h -P exported_symbols.cmake
cmake_minimum_required(VERSION 3.25)
execute_process(COMMAND "${NM}" -D --defined-only --demangle "${LIBRARY}"
                OUTPUT_VARIABLE table RESULT_VARIABLE failed)
if(failed)
  message(FATAL_ERROR "${NM} failed on ${LIBRARY}")
endif()
string(REPLACE "\n" ";" lines "${table}")
set(strong "")
set(leaks "")
foreach(line IN LISTS lines)
  if(line MATCHES "^[0-9a-f]* ([TDBR]) (.*)$")
    set(name "${CMAKE_MATCH_2}")
    list(APPEND strong "${name}")
    if(NOT (name MATCHES "^taizhang_" OR name MATCHES "^taizhang::") OR name MATCHES "taizhang::detail")
      list(APPEND leaks "${name}")
    endif()
  endif()
endforeach()

file(STRINGS "${HEADER}" declarations REGEX "^TAIZHANG_API .*taizhang_[a-z_]+\\(")
set(missing "")
set(count 0)
foreach(declaration IN LISTS declarations)
  string(REGEX MATCH "taizhang_[a-z_]+\\(" function "${declaration}")
  string(REPLACE "(" "" function "${function}")
  math(EXPR count "${count} + 1")
  if(NOT function IN_LIST strong)
    list(APPEND missing "${function}")
  endif()
endforeach()

list(LENGTH strong exported)
if(leaks OR missing OR count EQUAL 0)
  list(JOIN leaks "\n  " leaks)
  list(JOIN missing "\n  " missing)
  message(FATAL_ERROR "exported outside the public API:\n  ${leaks}\nC API functions not exported:\n  ${missing}")
endif()
message(STATUS "exported: ${exported} strong symbols, all public; all ${count} C API functions")
