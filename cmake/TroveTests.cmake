# trove_discover_tests(TARGET [catch_discover_tests options]): registers each Catch2 test case of TARGET as a
# ctest test (catch_discover_tests), after checking that every name can be
# registered. Included from tests/CMakeLists.txt.
#
# catch_discover_tests reads `TARGET --list-test-names-only` into a CMake
# list, so a ';' in a name splits it into two ctest tests that match no test
# case and pass without running anything ("No tests ran" exits 0). A ',' is
# the OR of Catch's test specs: Catch.cmake escapes it, but the name copied
# from ctest's output to the test binary's command line runs nothing. The
# check runs after each link, so such a name fails the build, and the next
# build checks again (Make deletes the binary of a failed POST_BUILD step,
# Ninja reruns the step).
include(Catch)

set(TROVE_CHECK_TEST_NAMES ${CMAKE_CURRENT_LIST_DIR}/check_test_names.cmake)

function(trove_discover_tests target)
  add_custom_command(TARGET ${target} POST_BUILD
    COMMAND ${CMAKE_COMMAND} -DTEST_EXECUTABLE=$<TARGET_FILE:${target}>
            -P ${TROVE_CHECK_TEST_NAMES}
    COMMENT "Checking the test names of ${target}"
    VERBATIM)
  catch_discover_tests(${target} ${ARGN})
endfunction()
