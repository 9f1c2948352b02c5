# Shared by the bench smoke tests: run_and_match(<output-var> <command...>)
# runs a command, fails the test on a non-zero exit, and returns its stdout
# as a list of lines; require_line(<lines> <regex>) fails unless some line
# matches the regular expression.
function(run_and_match out_var)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "command failed (${rc}): ${ARGN}\n${out}\n${err}")
  endif()
  message(STATUS "output:\n${out}")
  string(REPLACE ";" "," out "${out}")
  string(REPLACE "\n" ";" lines "${out}")
  set(${out_var} "${lines}" PARENT_SCOPE)
endfunction()

function(require_line lines regex)
  foreach(line IN LISTS lines)
    if(line MATCHES "${regex}")
      return()
    endif()
  endforeach()
  message(FATAL_ERROR "no output line matches: ${regex}")
endfunction()
