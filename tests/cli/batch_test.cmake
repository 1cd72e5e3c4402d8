# `taizhang batch` on a folder with good, bad (invalid UTF-8), empty and
# ignored files: the bad one is reported with its path and does not stop the
# batch, the outputs of --jobs 1 and --jobs 4 are byte-identical, and no
# temporary file is left behind.
#   cmake -DCLI=<taizhang> -DSOURCE_DIR=<checkout> -DWORK=<scratch dir> -P batch_test.cmake

function(fail message)
  message(FATAL_ERROR "batch_test: ${message}")
endfunction()

function(expect_contains file needle)
  file(READ "${file}" text)
  string(FIND "${text}" "${needle}" at)
  if(at EQUAL -1)
    fail("${file} lacks '${needle}':\n${text}")
  endif()
endfunction()

set(in "${WORK}/in")
file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${in}/sub/deeper")
set(plan "${SOURCE_DIR}/examples/data/qingchuan-2025-city-renewal.txt")
file(COPY_FILE "${plan}" "${in}/b-good.txt")
file(COPY_FILE "${plan}" "${in}/sub/deeper/a-good.MD")
file(COPY_FILE "${SOURCE_DIR}/tests/fuzz/corpus/small-plan.txt" "${in}/sub/small.html")
file(COPY_FILE "${SOURCE_DIR}/tests/fuzz/corpus/invalid-utf8.txt" "${in}/c-bad.txt")
file(COPY_FILE "${SOURCE_DIR}/tests/fuzz/corpus/empty.txt" "${in}/d-empty.txt")
file(COPY_FILE "${plan}" "${in}/notes.csv")  # not a document: ignored

foreach(jobs 1 4)
  execute_process(COMMAND "${CLI}" batch "${in}" --out "${WORK}/out${jobs}" --jobs ${jobs}
                  RESULT_VARIABLE rc ERROR_VARIABLE err OUTPUT_VARIABLE out)
  if(NOT rc EQUAL 1)
    fail("--jobs ${jobs}: exit code ${rc}, expected 1 (one document failed)\n${err}")
  endif()
  string(FIND "${err}" "c-bad.txt" at)
  if(at EQUAL -1)
    fail("--jobs ${jobs}: the bad file is not reported on stderr:\n${err}")
  endif()
  string(FIND "${err}" "5 documents (1 failed)" at)
  if(at EQUAL -1)
    fail("--jobs ${jobs}: no summary line:\n${err}")
  endif()
endforeach()

set(names plans.jsonl measures.csv milestones.csv targets.csv units.csv failures.csv summary.json)
file(GLOB written RELATIVE "${WORK}/out1" "${WORK}/out1/*" "${WORK}/out1/.*")
list(SORT written)
set(expected ${names})
list(SORT expected)
if(NOT written STREQUAL expected)
  fail("files written: ${written}; expected ${expected} (a temporary file left behind?)")
endif()
foreach(name ${names})
  execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files "${WORK}/out1/${name}" "${WORK}/out4/${name}"
                  RESULT_VARIABLE differ)
  if(differ)
    fail("${name} differs between --jobs 1 and --jobs 4")
  endif()
endforeach()

# Sorted by path, the failure in failures.csv and not in plans.jsonl, the
# empty file an empty plan.
file(READ "${WORK}/out1/plans.jsonl" jsonl)
string(REGEX MATCHALL "\n" newlines "${jsonl}")
list(LENGTH newlines n)
if(NOT n EQUAL 4)
  fail("plans.jsonl has ${n} lines, expected 4 (good, empty, good, small)")
endif()
string(FIND "${jsonl}" "{\"source\":\"${in}/b-good.txt\",\"schema\":" at)
if(NOT at EQUAL 0)
  fail("plans.jsonl does not start with the source path of b-good.txt")
endif()
set(previous 0)
foreach(name d-empty.txt sub/deeper/a-good.MD sub/small.html)
  string(FIND "${jsonl}" "\n{\"source\":\"${in}/${name}\"," at)
  if(at LESS previous)
    fail("${name} is missing from plans.jsonl or out of path order")
  endif()
  set(previous ${at})
endforeach()
expect_contains("${WORK}/out1/failures.csv" "c-bad.txt,invalid_utf8,")
expect_contains("${WORK}/out1/summary.json" "\"documents\":5,\"parsed\":4,\"failed\":1,")
expect_contains("${WORK}/out1/measures.csv"
                "document,measure,number,chapter,chapter_title,section,section_title,marker,title,")
expect_contains("${WORK}/out1/milestones.csv" "${in}/b-good.txt,1.1.1,1,1,")

# Standard output: the JSON lines alone; --format csv needs --out.
execute_process(COMMAND "${CLI}" batch "${in}/b-good.txt" --quiet
                RESULT_VARIABLE rc OUTPUT_VARIABLE stdout_lines ERROR_VARIABLE err)
if(NOT rc EQUAL 0 OR NOT stdout_lines MATCHES "^{\"source\":" OR NOT err STREQUAL "")
  fail("batch FILE --quiet: rc ${rc}, stderr '${err}'")
endif()
execute_process(COMMAND "${CLI}" batch "${in}" --format csv RESULT_VARIABLE rc ERROR_QUIET OUTPUT_QUIET)
if(NOT rc EQUAL 2)
  fail("--format csv without --out: exit code ${rc}, expected 2")
endif()
# --format csv writes the tables and no JSON lines.
execute_process(COMMAND "${CLI}" batch "${in}/b-good.txt" --format csv --out "${WORK}/csv-only" --quiet
                RESULT_VARIABLE rc)
if(NOT rc EQUAL 0 OR EXISTS "${WORK}/csv-only/plans.jsonl" OR NOT EXISTS "${WORK}/csv-only/targets.csv")
  fail("--format csv --out: rc ${rc}, or the wrong files")
endif()
message(STATUS "batch_test: passed")
