# cmake -DRELEVANCE=... -DDATA=<testdata dir> -DENGINES=a,b -P check_relevance.cmake
# Runs trove-relevance on the tiny fixture in bench/testdata. Query 1 has one
# relevant document, which every engine must rank first and alone; query 2's
# only relevant document shares no word with it. So their measures are known
# exactly, and every engine must print a summary row.
include(${CMAKE_CURRENT_LIST_DIR}/run_and_match.cmake)
string(REPLACE "," ";" engines "${ENGINES}")
run_and_match(lines ${RELEVANCE} --docs ${DATA}/docs.jsonl --queries ${DATA}/queries.qry
              --qrels ${DATA}/qrels.trec --engines ${ENGINES} --per-query)
require_line("${lines}" "3 queries in split all, 3 with relevant judgments")
set(n "[01]\\.[0-9][0-9][0-9][0-9]")
foreach(engine IN LISTS engines)
  require_line("${lines}" "^query 1 ${engine} nDCG@10 1\\.0000 AP 1\\.0000 P@10 0\\.1000 R@100 1\\.0000$")
  require_line("${lines}" "^query 2 ${engine} nDCG@10 0\\.0000 AP 0\\.0000 P@10 0\\.0000 R@100 0\\.0000$")
  require_line("${lines}" "^query 3 ${engine} nDCG@10 ${n} AP ${n} P@10 ${n} R@100 1\\.0000$")
  require_line("${lines}" "^${engine} \\(.*\\) +8 +${n} +${n} +${n} +${n}$")
endforeach()

# Ranking parameters reach the engine (and the run still ranks query 1 right).
run_and_match(lines ${RELEVANCE} --docs ${DATA}/docs.jsonl --queries ${DATA}/queries.qry
              --qrels ${DATA}/qrels.trec --engines xapian --per-query
              --param xapian.k1=1.2,xapian.b=0.75)
require_line("${lines}" "params xapian.k1=1.2,xapian.b=0.75")
require_line("${lines}" "^query 1 xapian nDCG@10 1\\.0000 AP 1\\.0000 P@10 0\\.1000 R@100 1\\.0000$")
