# taizhang.pc for consumers without CMake (cc/c++ and pkg-config), installed
# in ${libdir}/pkgconfig beside the CMake package in ${libdir}/cmake.
#
# The file is relocatable (prefix from ${pcfiledir}), so `cmake --install
# --prefix DIR` puts a working .pc anywhere. What it needs beyond -ltaizhang
# depends on the library type:
#  - shared: nothing (ICU is linked into libtaizhang.so, a private dependency);
#  - static: ICU (Requires.private, from ICU's own icu-uc.pc/icu-i18n.pc) and
#    the C++ runtime (a C program links libtaizhang.a too), for
#    `pkg-config --static --libs taizhang`.
# Boost's headers are needed by C++ consumers only (boost::gregorian::date in
# the model); Debian ships no boost.pc, so a non-system Boost goes into Cflags.
if(IS_ABSOLUTE "${CMAKE_INSTALL_LIBDIR}")
  set(TAIZHANG_PC_LIBDIR "${CMAKE_INSTALL_LIBDIR}")
else()
  set(TAIZHANG_PC_LIBDIR "\${prefix}/${CMAKE_INSTALL_LIBDIR}")
endif()
if(IS_ABSOLUTE "${CMAKE_INSTALL_INCLUDEDIR}")
  set(TAIZHANG_PC_INCLUDEDIR "${CMAKE_INSTALL_INCLUDEDIR}")
else()
  set(TAIZHANG_PC_INCLUDEDIR "\${prefix}/${CMAKE_INSTALL_INCLUDEDIR}")
endif()
file(RELATIVE_PATH TAIZHANG_PC_TO_PREFIX "/prefix/${CMAKE_INSTALL_LIBDIR}/pkgconfig" "/prefix")
string(REGEX REPLACE "/$" "" TAIZHANG_PC_TO_PREFIX "${TAIZHANG_PC_TO_PREFIX}")

set(TAIZHANG_PC_CFLAGS "-I\${includedir}")
get_target_property(boost_includes Boost::headers INTERFACE_INCLUDE_DIRECTORIES)
foreach(dir IN LISTS boost_includes)
  if(dir AND NOT dir IN_LIST CMAKE_CXX_IMPLICIT_INCLUDE_DIRECTORIES AND NOT dir STREQUAL "/usr/include")
    string(APPEND TAIZHANG_PC_CFLAGS " -I${dir}")
  endif()
endforeach()

if(TAIZHANG_LIBRARY_TYPE STREQUAL "SHARED_LIBRARY")
  set(TAIZHANG_PC_PRIVATE "")
else()
  set(TAIZHANG_PC_PRIVATE "Requires.private: icu-i18n icu-uc\nLibs.private: -lstdc++ -lm")
endif()

configure_file("${PROJECT_SOURCE_DIR}/cmake/taizhang.pc.in" "${PROJECT_BINARY_DIR}/taizhang.pc" @ONLY)
install(FILES "${PROJECT_BINARY_DIR}/taizhang.pc" DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
