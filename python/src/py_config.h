#pragma once

#include "py_common.h"

#include "core/config/dataset_config.h"

namespace shardscope::py {

// A dataset config (the JSON the GUI edits and the CLI runs) and where it came
// from (its path, or "<dict>"): the origin names it in messages and in a
// loader's resumable state.
struct PyConfig
{
    DatasetConfig config;
    std::string origin;
};

} // namespace shardscope::py
