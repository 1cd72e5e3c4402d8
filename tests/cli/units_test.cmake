# `taizhang units`: two copies of the example plan and a small plan that
# writes one unit by its full name. Units merge by full name (市发改委 and
# 市发展和改革委员会 are one row), count documents, and a status file named
# after its document marks a milestone done, so it is no longer overdue.
#   cmake -DCLI=<taizhang> -DSOURCE_DIR=<checkout> -DWORK=<scratch dir> -P units_test.cmake

function(fail message)
  message(FATAL_ERROR "units_test: ${message}")
endfunction()

file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}/in")
set(plan "${SOURCE_DIR}/examples/data/qingchuan-2025-city-renewal.txt")
file(COPY_FILE "${plan}" "${WORK}/in/a.txt")
file(COPY_FILE "${plan}" "${WORK}/in/b.txt")
file(WRITE "${WORK}/in/c.txt" "青川市社区服务提升工作方案

一、重点任务
（一）完善社区服务设施。2025年9月底前完成社区服务中心改造。（牵头单位：市发展和改革委员会；配合单位：市民政局）
（二）提升社区养老服务。2025年10月底前新建社区食堂10个。（牵头单位：市民政局、市发改委）
")
# 1.1.1#2 (市住建局, due 2025-06-30) done in b.txt only.
file(WRITE "${WORK}/b.status.csv" "里程碑编号,状态,备注,日期\n1.1.1#2,已完成,,2025-06-20\n")

execute_process(COMMAND "${CLI}" units "${WORK}/in" --as-of 2025-07-01 --jobs 2
                        --status "${WORK}/b.status.csv"
                RESULT_VARIABLE rc OUTPUT_VARIABLE csv ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  fail("exit code ${rc}: ${err}")
endif()
foreach(row
    "\n市住房和城乡建设局,市住建局,2,18,14,44,0,19,2025-01:2"
    "\n市发展和改革委员会,市发改委、市发展和改革委员会,3,4,6,4,0,0,2025-09:1")
  string(FIND "${csv}" "${row}" at)
  if(at EQUAL -1)
    fail("no row '${row}' in\n${csv}")
  endif()
endforeach()

# Without the status file the milestone is overdue in both copies.
execute_process(COMMAND "${CLI}" units "${WORK}/in" --as-of 2025-07-01 --format json
                RESULT_VARIABLE rc OUTPUT_VARIABLE json)
string(FIND "${json}" "{\"unit\":\"市住房和城乡建设局\",\"names\":[\"市住建局\"],\"documents\":2,\"lead_measures\":18,\"co_measures\":14,\"milestones\":44,\"implied\":0,\"overdue\":20," at)
if(NOT rc EQUAL 0 OR at EQUAL -1)
  fail("--format json without status: rc ${rc}\n${json}")
endif()
# A status file named after no document is reported, not applied.
file(WRITE "${WORK}/zzz.csv" "1.1.1#2,已完成,,2025-06-20\n")
execute_process(COMMAND "${CLI}" units "${WORK}/in/a.txt" --status "${WORK}/zzz.csv" --as-of 2025-07-01
                RESULT_VARIABLE rc OUTPUT_VARIABLE csv ERROR_VARIABLE err)
string(FIND "${err}" "no document named zzz" at)
if(NOT rc EQUAL 0 OR at EQUAL -1 OR NOT csv MATCHES "\n市住房和城乡建设局,市住建局,1,9,7,22,0,10,")
  fail("unmatched status file: rc ${rc}, stderr '${err}'\n${csv}")
endif()
message(STATUS "units_test: passed")
