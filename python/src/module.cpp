// shardscope._core: the loader core as a CPython extension (nanobind).
// The Python package (python/shardscope/__init__.py) re-exports it.

#include "py_common.h"

#include "shardscope/version.h"

NB_MODULE(_core, m)
{
    m.doc() = "shardscope's C++ loader core (no libtorch, no Qt).";
    m.attr("__version__") = shardscope::kVersion;
    shardscope::py::registerErrors(m);
    shardscope::py::bindStore(m);
    shardscope::py::bindConfig(m);
    shardscope::py::bindSamplers(m);
    shardscope::py::bindLoader(m);
    shardscope::py::bindDatasets(m);
}
