# cmake -DBENCH=... -DCORPUS=... -DQUERIES=... -DENGINES=a,b -DWORKDIR=... -P check_speed.cmake
# Runs trove-bench once and requires every figure line with a number for
# each engine, plus the ratio and agreement sections.
include(${CMAKE_CURRENT_LIST_DIR}/run_and_match.cmake)
string(REPLACE "," ";" engines "${ENGINES}")
list(LENGTH engines n)
run_and_match(lines ${BENCH} --corpus ${CORPUS} --queries ${QUERIES} --engines ${ENGINES}
              --repetitions 1 --allow-debug --workdir ${WORKDIR})

set(number " +[0-9]+(\\.[0-9]+)?")
set(columns "")
foreach(i RANGE 1 ${n})
  string(APPEND columns "${number}")
endforeach()
set(figures
  "indexing time \\(s\\)" "indexing CPU time \\(s\\)" "indexing docs/s"
  "indexing MB/s of text" "index size on disk \\(MB\\)" "peak RSS indexing \\(MB\\)"
  "open index \\(ms\\)" "peak RSS querying \\(MB\\)")
foreach(group plain filtered phrase faceted)
  list(APPEND figures "${group} p50 \\(ms\\)" "${group} p95 \\(ms\\)" "${group} p99 \\(ms\\)"
       "${group} QPS" "${group} CPU ms/query")
endforeach()
foreach(figure IN LISTS figures)
  require_line("${lines}" "^${figure}${columns}$")
endforeach()
require_line("${lines}" "^  cpu ")
require_line("${lines}" "^  build type ")
string(REPEAT " +200" ${n} indexed)
require_line("${lines}" "^docs indexed${indexed}$")
if(n GREATER 1)
  require_line("${lines}" "^ratios ")
  require_line("${lines}" "totals [0-9]+/[0-9]+, top-10 overlap")
endif()
