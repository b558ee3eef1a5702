# Installs the C++ libraries for users of `shardscope-cli export --format cpp`:
# headers under include/shardscope/ laid out as in the source tree, so the
# includes read as they are written ("core/data/loader.h", and the generated
# "shardscope/version.h"), static libraries, and a CMake package:
#
#   find_package(shardscope REQUIRED)          # or COMPONENTS core / torch
#   target_link_libraries(app PRIVATE shardscope::torch)
#
# Everything here is the "dev" install component (the shardscope-dev .deb);
# the programs, .desktop file, icon and translations are "runtime".
include(CMakePackageConfigHelpers)

set(SHARDSCOPE_INSTALL_INCLUDEDIR "${CMAKE_INSTALL_INCLUDEDIR}/shardscope")
set(SHARDSCOPE_INSTALL_CMAKEDIR "${CMAKE_INSTALL_LIBDIR}/cmake/shardscope")

install(TARGETS shardscope_core EXPORT shardscopeCoreTargets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT dev
  INCLUDES DESTINATION ${SHARDSCOPE_INSTALL_INCLUDEDIR})
install(EXPORT shardscopeCoreTargets NAMESPACE shardscope::
  DESTINATION ${SHARDSCOPE_INSTALL_CMAKEDIR} COMPONENT dev)

set(_header_excludes PATTERN "examples" EXCLUDE)
if(NOT SHARDSCOPE_BUILD_TORCH)
  list(APPEND _header_excludes PATTERN "torch" EXCLUDE)
endif()
install(DIRECTORY "${PROJECT_SOURCE_DIR}/core/"
  DESTINATION "${SHARDSCOPE_INSTALL_INCLUDEDIR}/core" COMPONENT dev
  FILES_MATCHING PATTERN "*.h" ${_header_excludes})
install(FILES "${PROJECT_BINARY_DIR}/core/generated/shardscope/version.h"
  DESTINATION "${SHARDSCOPE_INSTALL_INCLUDEDIR}/shardscope" COMPONENT dev)

if(SHARDSCOPE_BUILD_TORCH)
  install(TARGETS shardscope_torch EXPORT shardscopeTorchTargets
    ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT dev
    INCLUDES DESTINATION ${SHARDSCOPE_INSTALL_INCLUDEDIR})
  install(EXPORT shardscopeTorchTargets NAMESPACE shardscope::
    DESTINATION ${SHARDSCOPE_INSTALL_CMAKEDIR} COMPONENT dev)
endif()

configure_package_config_file("${CMAKE_CURRENT_LIST_DIR}/shardscopeConfig.cmake.in"
  "${PROJECT_BINARY_DIR}/cmake/shardscopeConfig.cmake"
  INSTALL_DESTINATION ${SHARDSCOPE_INSTALL_CMAKEDIR})
# 0.x: a minor release may change the API.
write_basic_package_version_file("${PROJECT_BINARY_DIR}/cmake/shardscopeConfigVersion.cmake"
  COMPATIBILITY SameMinorVersion)
install(FILES
    "${PROJECT_BINARY_DIR}/cmake/shardscopeConfig.cmake"
    "${PROJECT_BINARY_DIR}/cmake/shardscopeConfigVersion.cmake"
  DESTINATION ${SHARDSCOPE_INSTALL_CMAKEDIR} COMPONENT dev)
