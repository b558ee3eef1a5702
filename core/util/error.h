#pragma once

#include <stdexcept>
#include <string>

namespace shardscope {

// What went wrong, coarse enough for callers to branch on (retry, report "not
// found", ask for credentials) without parsing messages.
enum class ErrorKind {
    InvalidArgument, // bad parameter or value given by the user
    InvalidUrl,      // a store URL or endpoint that cannot be used
    Network,         // cannot connect / resolve / connection reset
    Timeout,         // connect or read timeout, or total time budget exceeded
    Http,            // an HTTP error status without a more specific kind
    BucketNotFound,
    ObjectNotFound,
    AlreadyExists,
    Unauthorized, // 401
    Forbidden,    // 403
    Protocol,     // a response we cannot understand
    Io,           // local file system
    Cancelled,
};

const char *errorKindName(ErrorKind kind) noexcept;

// The one exception type of shardscope's core. The message is meant for a
// person: it names the operation and the thing it was done to.
class Error : public std::runtime_error
{
public:
    Error(ErrorKind kind, const std::string &message, int httpStatus = 0);

    ErrorKind kind() const noexcept { return m_kind; }
    int httpStatus() const noexcept { return m_httpStatus; }

private:
    ErrorKind m_kind;
    int m_httpStatus;
};

} // namespace shardscope
