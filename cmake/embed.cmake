# Turns a data table (src/**/*.tsv) into a C++ header holding it as a string
# literal, so rules are compiled into the library and never read from a path
# at run time. Run as: cmake -DIN=… -DOUT=… -DNAME=… -P embed.cmake
file(READ "${IN}" content)
# Raw string literals are limited in length by some compilers; split in chunks.
string(LENGTH "${content}" len)
set(out "// Generated from ${IN} by cmake/embed.cmake. DO NOT EDIT.\n#pragma once\n#include <string_view>\nnamespace taizhang::data {\ninline constexpr std::string_view ${NAME} =\n")
set(pos 0)
while(pos LESS len)
  string(SUBSTRING "${content}" ${pos} 8000 chunk)
  string(APPEND out "R\"tzdata(${chunk})tzdata\"\n")
  math(EXPR pos "${pos} + 8000")
endwhile()
if(len EQUAL 0)
  string(APPEND out "\"\"\n")
endif()
string(APPEND out ";\n}  // namespace taizhang::data\n")
file(WRITE "${OUT}.tmp" "${out}")
file(COPY_FILE "${OUT}.tmp" "${OUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUT}.tmp")
