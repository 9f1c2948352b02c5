# cmake -DTEST_EXECUTABLE=path -P check_test_names.cmake
# Fails if a Catch2 test case name contains ';' or ',' (see TroveTests.cmake
# for why each one breaks ctest's discovery or the test spec).
execute_process(COMMAND ${TEST_EXECUTABLE} --list-test-names-only
  OUTPUT_VARIABLE names
  RESULT_VARIABLE result)
# Catch2 v2 exits with the number of tests listed (capped at 255).
if(NOT result MATCHES "^[0-9]+$")
  message(FATAL_ERROR "${TEST_EXECUTABLE} --list-test-names-only: ${result}")
endif()
# Protect ';' before the output becomes a list of lines.
string(REPLACE ";" "<semicolon>" names "${names}")
string(REPLACE "\n" ";" names "${names}")
set(bad "")
foreach(name IN LISTS names)
  if(name MATCHES "<semicolon>|,")
    string(REPLACE "<semicolon>" ";" name "${name}")
    string(APPEND bad "\n  \"${name}\"")
  endif()
endforeach()
if(bad)
  message(FATAL_ERROR
    "${TEST_EXECUTABLE}: test case names with ',' or ';' cannot be registered "
    "with ctest as one test each (cmake/TroveTests.cmake); rename:${bad}")
endif()
