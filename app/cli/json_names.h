#pragma once

#include "core/util/strings.h"

#include <nlohmann/json.hpp>

#include <string>

namespace shardscope::cli {

// Puts a name from data (object, shard, member) into a JSON record in its
// escaped form (escapeName: always valid UTF-8, reversible); a record that
// holds an escaped name says so with "escaped": true. unescapeName() on every
// name of such a record gives the bytes back (names that needed no escaping
// come back unchanged).
template <class Json>
void setName(Json &record, const char *field, const std::string &name)
{
    if (!nameNeedsEscaping(name)) {
        record[field] = name;
        return;
    }
    record[field] = escapeName(name);
    record["escaped"] = true;
}

} // namespace shardscope::cli
