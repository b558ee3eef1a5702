#pragma once

#include <exception>
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
    Internal, // an unexpected failure inside shardscope (out of memory, a bug)
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

// The one place where a thread or task boundary turns whatever escaped its work
// into an Error for the user: an Error stays as it is; anything else (out of
// memory, a standard-library exception from a bug or from data, an unknown
// type) becomes an Error whose message names `operation` and the cause.
// Boundaries (loader workers, benchmark threads, GUI tasks, main) call this in a
// catch (...) so that no exception ends the process.
Error errorFromException(std::exception_ptr e, const std::string &operation);

} // namespace shardscope
