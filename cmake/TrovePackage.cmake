# Installs trove's CMake package and pkg-config file, next to the library and
# headers that lib/CMakeLists.txt installs. Included from the top-level
# CMakeLists.txt after lib/.
#
#   find_package(trove 0.1 REQUIRED)            pkg-config --cflags --libs trove
#   target_link_libraries(app PRIVATE trove::trove)
include(CMakePackageConfigHelpers)

set(TROVE_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/trove)

install(EXPORT troveTargets
  NAMESPACE trove::
  FILE troveTargets.cmake
  DESTINATION ${TROVE_CMAKE_DIR}
  COMPONENT trove_development)

# The config find_dependency()s only what is in trove's link interface. For the
# shared library that is nothing (Xapian, ICU and Threads are PRIVATE), but
# should Threads::Threads join the interface the config follows.
set(TROVE_CONFIG_DEPENDENCIES "")
get_target_property(trove_interface trove INTERFACE_LINK_LIBRARIES)
if(trove_interface AND "Threads::Threads" IN_LIST trove_interface)
  string(APPEND TROVE_CONFIG_DEPENDENCIES "find_dependency(Threads)\n")
endif()
configure_package_config_file(
  ${CMAKE_CURRENT_LIST_DIR}/troveConfig.cmake.in
  ${PROJECT_BINARY_DIR}/cmake/troveConfig.cmake
  INSTALL_DESTINATION ${TROVE_CMAKE_DIR}
  NO_SET_AND_CHECK_MACRO
  NO_CHECK_REQUIRED_COMPONENTS_MACRO)
# Same rule as the SOVERSION: releases with the same major version are
# compatible.
write_basic_package_version_file(
  ${PROJECT_BINARY_DIR}/cmake/troveConfigVersion.cmake
  VERSION ${PROJECT_VERSION}
  COMPATIBILITY SameMajorVersion)
install(FILES
    ${PROJECT_BINARY_DIR}/cmake/troveConfig.cmake
    ${PROJECT_BINARY_DIR}/cmake/troveConfigVersion.cmake
  DESTINATION ${TROVE_CMAKE_DIR}
  COMPONENT trove_development)

# trove.pc locates the prefix from its own directory (${pcfiledir}), so it stays
# right when the install is relocated: `cmake --install build --prefix DIR`
# or a package staged with DESTDIR.
if(IS_ABSOLUTE "${CMAKE_INSTALL_LIBDIR}" OR IS_ABSOLUTE "${CMAKE_INSTALL_INCLUDEDIR}")
  set(TROVE_PC_PREFIX "${CMAKE_INSTALL_PREFIX}")
  set(TROVE_PC_LIBDIR "${CMAKE_INSTALL_FULL_LIBDIR}")
  set(TROVE_PC_INCLUDEDIR "${CMAKE_INSTALL_FULL_INCLUDEDIR}")
else()
  file(RELATIVE_PATH trove_pc_up /${CMAKE_INSTALL_LIBDIR}/pkgconfig /)
  string(REGEX REPLACE "/$" "" trove_pc_up "${trove_pc_up}")
  set(TROVE_PC_PREFIX "\${pcfiledir}/${trove_pc_up}")
  set(TROVE_PC_LIBDIR "\${prefix}/${CMAKE_INSTALL_LIBDIR}")
  set(TROVE_PC_INCLUDEDIR "\${prefix}/${CMAKE_INSTALL_INCLUDEDIR}")
endif()
configure_file(${CMAKE_CURRENT_LIST_DIR}/trove.pc.in ${PROJECT_BINARY_DIR}/cmake/trove.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/cmake/trove.pc
  DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig
  COMPONENT trove_development)
