# Compiler settings shared by every shardscope target.

find_program(CCACHE_PROGRAM ccache)
if(CCACHE_PROGRAM AND NOT CMAKE_CXX_COMPILER_LAUNCHER)
  set(CMAKE_CXX_COMPILER_LAUNCHER "${CCACHE_PROGRAM}")
endif()

if(NOT CMAKE_BUILD_TYPE AND NOT CMAKE_CONFIGURATION_TYPES)
  set(CMAKE_BUILD_TYPE RelWithDebInfo CACHE STRING "Build type" FORCE)
endif()

add_library(shardscope_warnings INTERFACE)
target_compile_options(shardscope_warnings INTERFACE -Wall -Wextra -pedantic)

# Qt hygiene for every target that sees Qt headers.
add_library(shardscope_qt_defs INTERFACE)
target_compile_definitions(shardscope_qt_defs INTERFACE
  QT_NO_CAST_FROM_ASCII QT_NO_CAST_TO_ASCII QT_NO_FOREACH QT_NO_URL_CAST_FROM_STRING
  QT_STRICT_ITERATORS)

if(SHARDSCOPE_SANITIZE STREQUAL "address")
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
elseif(SHARDSCOPE_SANITIZE STREQUAL "thread")
  add_compile_options(-fsanitize=thread -fno-omit-frame-pointer)
  add_link_options(-fsanitize=thread)
elseif(SHARDSCOPE_SANITIZE STREQUAL "fuzzer")
  # libFuzzer's coverage hooks everywhere, ASan + UBSan to turn bugs into crashes.
  add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
elseif(NOT SHARDSCOPE_SANITIZE STREQUAL "")
  message(FATAL_ERROR "SHARDSCOPE_SANITIZE must be '', 'address' or 'thread', not '${SHARDSCOPE_SANITIZE}'")
endif()

# Layer rule: ui/ and app/ never include libtorch (Qt's macros break its
# headers, and the GUI reaches torch only through core). Checked at configure time.
function(shardscope_check_no_torch dir)
  file(GLOB_RECURSE _sources "${dir}/*.h" "${dir}/*.cpp")
  foreach(_f IN LISTS _sources)
    file(STRINGS "${_f}" _hits REGEX "^[ \t]*#[ \t]*include[ \t]*[<\"](torch|ATen|c10)/")
    if(_hits)
      message(FATAL_ERROR "${_f} includes libtorch (${_hits}); only core/torch and its users outside ui/ and app/ may")
    endif()
  endforeach()
endfunction()
