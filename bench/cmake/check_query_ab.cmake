# cmake -DBENCH=... -DAB=... -DCORPUS=... -DQUERIES=... -DWORKDIR=... -P check_query_ab.cmake
# Indexes the smoke corpus with Xapian alone (trove-bench --keep-indexes),
# then compares two configurations of it with trove-query-ab: each kind of
# query gets a line per configuration, the first one's ratios 1.000.
include(${CMAKE_CURRENT_LIST_DIR}/run_and_match.cmake)
file(REMOVE_RECURSE ${WORKDIR})
run_and_match(ignored ${BENCH} --corpus ${CORPUS} --queries ${QUERIES} --engines xapian
              --repetitions 1 --allow-debug --workdir ${WORKDIR} --keep-indexes)
run_and_match(lines ${AB} --workdir ${WORKDIR} --queries ${QUERIES} --repetitions 1
              xapian xapian:k1=2.0,b=0.3)
set(number " +[0-9]+\\.[0-9]+")
foreach(group plain filtered phrase faceted)
  require_line("${lines}" "^${group} +xapian +[0-9]+  median${number} ms \\(1\\.000\\)  mean${number} ms \\(1\\.000\\)$")
  require_line("${lines}" "^${group} +xapian:k1=2\\.0,b=0\\.3 +[0-9]+  median${number} ms \\([0-9]+\\.[0-9]+\\)")
endforeach()
