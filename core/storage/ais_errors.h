#pragma once

#include "core/util/error.h"

#include <string>

namespace shardscope {

struct HttpResponse;

// What a failed request was about, for errors whose body says nothing (HEAD).
enum class AisTarget { Cluster, Bucket, Object };

// Turns an AIStore error response into an Error: the kind from the status and
// the server's message (404 on an object vs on a bucket, 409, 401/403, ...),
// the text "<operation>: <server message> (HTTP <status>)".
Error aisError(const HttpResponse &response, const std::string &operation, AisTarget target);

// The same from the raw parts; exposed for unit tests.
Error aisError(long status, const std::string &body, const std::string &operation, AisTarget target);

} // namespace shardscope
