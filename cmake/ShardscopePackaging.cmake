# CPack: `cpack -G DEB` in the build directory makes two Debian packages,
#   shardscope      the GUI, the CLI, .desktop file, icon, translations
#   shardscope-dev  headers, static libraries and the CMake package
# The runtime package's Depends: come from dpkg-shlibdeps, i.e. from the
# Debian packages that own the shared libraries the programs actually link.
# The dev package's libraries are static, so it depends on the -dev packages
# of what they link (the same list find_package() looks for in
# cmake/shardscopeConfig.cmake.in) and on the runtime package of this version.
set(CPACK_PACKAGE_NAME "shardscope")
set(CPACK_PACKAGE_VENDOR "shardscope")
set(CPACK_PACKAGE_CONTACT "shardscope developers <shardscope@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_RESOURCE_FILE_README "${PROJECT_SOURCE_DIR}/README.md")
set(CPACK_PACKAGE_DIRECTORY "${PROJECT_BINARY_DIR}/packages")
set(CPACK_PACKAGING_INSTALL_PREFIX "/usr")
set(CPACK_STRIP_FILES ON)

set(CPACK_COMPONENTS_ALL runtime dev)
set(CPACK_COMPONENT_RUNTIME_DISPLAY_NAME "shardscope")
set(CPACK_COMPONENT_RUNTIME_DESCRIPTION
  "Explorer and throughput profiler for training datasets in AIStore and other object stores: desktop application and shardscope-cli.")
set(CPACK_COMPONENT_DEV_DISPLAY_NAME "shardscope C++ libraries")
set(CPACK_COMPONENT_DEV_DESCRIPTION
  "The shardscope loader core and its libtorch adapters: headers, static libraries and the CMake package find_package(shardscope) with shardscope::core and shardscope::torch.")

set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION "science")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_RUNTIME_PACKAGE_NAME "shardscope")
set(CPACK_DEBIAN_RUNTIME_PACKAGE_SECTION "science")
set(CPACK_DEBIAN_DEV_PACKAGE_NAME "shardscope-dev")
set(CPACK_DEBIAN_DEV_PACKAGE_SECTION "libdevel")
set(_dev_depends
  "libcurl4-openssl-dev | libcurl-dev" libarchive-dev nlohmann-json3-dev libpugixml-dev libxxhash-dev
  zlib1g-dev libpng-dev "libjpeg-dev | libjpeg62-turbo-dev" pkg-config cmake)
if(SHARDSCOPE_BUILD_TORCH)
  list(APPEND _dev_depends libtorch-dev)
endif()
list(JOIN _dev_depends ", " CPACK_DEBIAN_DEV_PACKAGE_DEPENDS)
# Loaded by Qt as plugins, not linked, so shlibdeps cannot see them: the SVG
# icon engine and image format (the window icon is SVG; libqt6svg6 ships both).
if(SHARDSCOPE_BUILD_GUI)
  set(CPACK_DEBIAN_RUNTIME_PACKAGE_DEPENDS "libqt6svg6")
endif()
# Qt's own strings (dialog buttons) in German and Chinese are loaded at run
# time from Qt's translations, not linked: shlibdeps cannot see them.
set(CPACK_DEBIAN_RUNTIME_PACKAGE_RECOMMENDS "qt6-translations-l10n")

include(CPack)
