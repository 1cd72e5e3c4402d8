# docs/embedding.md quotes examples/capi_example.c whole (ctest
# capi_example_in_docs): the example the document shows is the one the tests
# build and run.
#   cmake -DDOC=docs/embedding.md -DEXAMPLE=examples/capi_example.c -P example_in_docs.cmake
cmake_minimum_required(VERSION 3.25)
file(READ "${DOC}" doc)
file(READ "${EXAMPLE}" example)
string(FIND "${doc}" "```c\n${example}```" at)
if(at EQUAL -1)
  message(FATAL_ERROR "${DOC} does not quote ${EXAMPLE} as it is (in a ```c block)")
endif()
