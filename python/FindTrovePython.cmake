# Finds what the Python module (python/) needs: a Python 3 interpreter with
# its development headers, and pybind11. Sets trove_python_found.
#
# Debian's /usr/bin/python3 is preferred over whatever `python3` is first on
# PATH (a pyenv or virtualenv Python): pybind11-dev and python3-pytest are
# installed for it, and the module installs into its dist-packages.
# -DPython3_EXECUTABLE=... chooses another.
if(NOT DEFINED Python3_EXECUTABLE AND EXISTS /usr/bin/python3)
  set(Python3_EXECUTABLE /usr/bin/python3 CACHE FILEPATH "Python the trove module is built for")
endif()
find_package(Python3 3.7 QUIET COMPONENTS Interpreter Development.Module)
if(Python3_FOUND)
  # Found after Python3, pybind11 uses it rather than searching on its own.
  find_package(pybind11 2.6 CONFIG QUIET)
endif()
if(Python3_FOUND AND pybind11_FOUND)
  set(trove_python_found ON)
else()
  set(trove_python_found OFF)
  message(STATUS "trove: no Python module (needs pybind11-dev and python3-dev; "
                 "scripts/setup-deps installs them)")
endif()
