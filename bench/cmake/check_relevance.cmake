# cmake -DRELEVANCE=... -DDATA=<testdata dir> -DENGINES=a,b -P check_relevance.cmake
# Runs trove-relevance on the tiny collection in bench/testdata. Query 1 has
# one relevant document, which every engine must rank first and alone; query
# 2's only relevant document shares no word with it. So their measures are
# known exactly, and every engine must print a summary row.
include(${CMAKE_CURRENT_LIST_DIR}/run_and_match.cmake)
string(REPLACE "," ";" engines "${ENGINES}")
run_and_match(lines ${RELEVANCE} --collections ${DATA} --engines ${ENGINES} --per-query)
require_line("${lines}" "^collection testdata: .*/docs.jsonl, 3 queries, 3 in split all with relevant judgments$")
set(n "[01]\\.[0-9][0-9][0-9][0-9]")
foreach(engine IN LISTS engines)
  require_line("${lines}" "^query testdata/1 ${engine} nDCG@10 1\\.0000 AP 1\\.0000 P@10 0\\.1000 R@100 1\\.0000$")
  require_line("${lines}" "^query testdata/2 ${engine} nDCG@10 0\\.0000 AP 0\\.0000 P@10 0\\.0000 R@100 0\\.0000$")
  require_line("${lines}" "^query testdata/3 ${engine} nDCG@10 ${n} AP ${n} P@10 ${n} R@100 1\\.0000$")
  require_line("${lines}" "^testdata +${engine} \\(.*\\) +8 +${n} +${n} +${n} +${n}$")
  require_line("${lines}" "^${engine} +${n} \\([0-9]\\.[0-9][0-9][0-9]\\) +${n} +[0-9]\\.[0-9][0-9][0-9]$")
endforeach()

# The three files named one by one, a split, ranking parameters and a
# variant reach the engine (and the run still ranks query 1 right).
file(WRITE ${WORKDIR}/variants "# label then parameters\nk2 xapian.k1=2.0\n")
run_and_match(lines ${RELEVANCE} --docs ${DATA}/docs.jsonl --queries ${DATA}/queries.jsonl
              --qrels ${DATA}/qrels.trec --engines xapian --per-query --split second-half
              --param xapian.k1=1.2,xapian.b=0.75 --variants ${WORKDIR}/variants)
require_line("${lines}" "params xapian.k1=1.2,xapian.b=0.75")
require_line("${lines}" "^collection testdata: .*, 3 queries, 2 in split second-half with relevant judgments$")
require_line("${lines}" "^query testdata/2 xapian nDCG@10 0\\.0000 AP 0\\.0000 P@10 0\\.0000 R@100 0\\.0000$")
require_line("${lines}" "^query testdata/2 xapian\\[k2\\] nDCG@10 0\\.0000")
require_line("${lines}" "^testdata +xapian\\[k2\\] \\(.*\\) +8 ")
