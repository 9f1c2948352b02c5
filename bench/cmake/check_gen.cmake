# cmake -DGEN=... -DOUT=<dir> -DWORDS=<file|none> -P check_gen.cmake
# The generator is deterministic: the same seed gives byte-identical output,
# another seed a different corpus; the query file has the requested count.
include(${CMAKE_CURRENT_LIST_DIR}/run_and_match.cmake)
foreach(run a b)
  run_and_match(ignored ${GEN} --records 50 --seed 11 --words ${WORDS}
                --out-jsonl ${OUT}/${run}.jsonl --queries ${OUT}/${run}-q.jsonl --query-count 24)
endforeach()
run_and_match(ignored ${GEN} --records 50 --seed 12 --words ${WORDS} --out-jsonl ${OUT}/c.jsonl)
foreach(file .jsonl -q.jsonl)
  execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files ${OUT}/a${file} ${OUT}/b${file}
                  RESULT_VARIABLE differ)
  if(differ)
    message(FATAL_ERROR "same seed, different output: a${file} b${file}")
  endif()
endforeach()
execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files ${OUT}/a.jsonl ${OUT}/c.jsonl
                RESULT_VARIABLE differ)
if(NOT differ)
  message(FATAL_ERROR "seeds 11 and 12 gave the same corpus")
endif()
foreach(check "a-q.jsonl;24" "a.jsonl;50")
  list(GET check 0 file)
  list(GET check 1 expected)
  file(READ ${OUT}/${file} text)
  string(REGEX MATCHALL "\n" newlines "${text}")
  list(LENGTH newlines count)
  if(NOT count EQUAL expected)
    message(FATAL_ERROR "${file}: expected ${expected} lines, got ${count}")
  endif()
endforeach()
