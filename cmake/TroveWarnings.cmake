# trove_warnings: the warning flags of every target trove compiles (library,
# tools, tests, benchmarks, fuzzers), in one place. Targets link it PRIVATE;
# it is neither installed nor exported, so no flag reaches an application.
# Included from the top-level CMakeLists.txt.
#
# TROVE_WERROR makes every warning an error. It is off by default, so a newer
# compiler's new warnings do not break a user's build; CI turns it on
# (scripts/dev test with CI=true), so no warning gets merged.
option(TROVE_WERROR "Make compiler warnings errors (on in CI)" OFF)

add_library(trove_warnings INTERFACE)
target_compile_options(trove_warnings INTERFACE
  -Wall -Wextra -Wshadow
  $<$<BOOL:${TROVE_WERROR}>:-Werror>)
