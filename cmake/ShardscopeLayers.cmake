# The layers' arrows point down: app -> ui -> core (core/torch beside core).
# Every include names its library, so the rule is a check on include lines:
# core/ includes only core/ (and its generated header), ui/ never includes
# app/, and only core/torch/ may include libtorch. Runs at configure time.
function(shardscope_check_layers)
  # Inside core, modules sit on each other in this order: util, storage,
  # shard, data, config, then gen, bench and health (decode beside them, on
  # util only). One arrow runs back: storage -> shard, because Store::get of
  # an archive member on stores that cannot extract one themselves (file://,
  # s3://) reads the archive with the shard module's reader (README, Layout).
  set(_rules
    "core:ui/|app/"
    "ui:app/|core/torch/"
    "core/util:core/(storage|shard|data|config|gen|bench|health|decode)/"
    "core/decode:core/(storage|shard|data|config|gen|bench|health)/"
    "core/storage:core/(data|config|gen|bench|health)/"
    "core/shard:core/(data|config|gen|bench|health)/"
    "core/data:core/(config|gen|bench|health)/"
    "core/config:core/(gen|bench|health)/"
  )
  foreach(_rule IN LISTS _rules)
    string(REPLACE ":" ";" _parts "${_rule}")  # no ":" inside the patterns
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
