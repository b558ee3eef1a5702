# The layers' arrows point down: app -> ui -> core (core/torch beside core).
# Every include names its library, so the rule is a check on include lines:
# core/ includes only core/ (and its generated header), ui/ never includes
# app/, and only core/torch/ may include libtorch. Runs at configure time.
function(shardscope_check_layers)
  set(_rules
    "core:ui/|app/"
    "ui:app/|core/torch/"
  )
  foreach(_rule IN LISTS _rules)
    string(REPLACE ":" ";" _parts "${_rule}")
    list(GET _parts 0 _dir)
    list(GET _parts 1 _forbidden)
    file(GLOB_RECURSE _files "${PROJECT_SOURCE_DIR}/${_dir}/*.h" "${PROJECT_SOURCE_DIR}/${_dir}/*.cpp")
    foreach(_f IN LISTS _files)
      file(STRINGS "${_f}" _lines REGEX "^[ \t]*#[ \t]*include[ \t]+\"(${_forbidden})")
      if(_lines)
        file(RELATIVE_PATH _rel "${PROJECT_SOURCE_DIR}" "${_f}")
        list(GET _lines 0 _first)
        message(FATAL_ERROR "layer violation in ${_rel}: ${_first} (${_dir}/ must not include ${_forbidden})")
      endif()
    endforeach()
  endforeach()
  # Only core/torch sees libtorch; core proper and ui never do.
  foreach(_dir core/config core/data core/decode core/gen core/shard core/storage core/util core/bench ui)
    file(GLOB_RECURSE _files "${PROJECT_SOURCE_DIR}/${_dir}/*.h" "${PROJECT_SOURCE_DIR}/${_dir}/*.cpp")
    foreach(_f IN LISTS _files)
      file(STRINGS "${_f}" _lines REGEX "^[ \t]*#[ \t]*include[ \t]+[<\"](torch/|ATen/|core/torch/)")
      if(_lines)
        file(RELATIVE_PATH _rel "${PROJECT_SOURCE_DIR}" "${_f}")
        message(FATAL_ERROR "layer violation in ${_rel}: only core/torch/ may include libtorch")
      endif()
    endforeach()
  endforeach()
endfunction()
