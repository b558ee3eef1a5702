#include "core/util/error.h"

#include <new>

namespace shardscope {

const char *errorKindName(ErrorKind kind) noexcept
{
    switch (kind) {
    case ErrorKind::InvalidArgument: return "invalid argument";
    case ErrorKind::InvalidUrl: return "invalid URL";
    case ErrorKind::Network: return "network error";
    case ErrorKind::Timeout: return "timeout";
    case ErrorKind::Http: return "HTTP error";
    case ErrorKind::BucketNotFound: return "bucket not found";
    case ErrorKind::ObjectNotFound: return "object not found";
    case ErrorKind::AlreadyExists: return "already exists";
    case ErrorKind::Unauthorized: return "unauthorized";
    case ErrorKind::Forbidden: return "forbidden";
    case ErrorKind::Protocol: return "protocol error";
    case ErrorKind::Io: return "I/O error";
    case ErrorKind::Cancelled: return "cancelled";
    case ErrorKind::Internal: return "internal error";
    }
    return "error";
}

Error::Error(ErrorKind kind, const std::string &message, int httpStatus)
    : std::runtime_error(message), m_kind(kind), m_httpStatus(httpStatus)
{
}

Error errorFromException(std::exception_ptr e, const std::string &operation)
{
    try {
        std::rethrow_exception(e);
    } catch (const Error &err) {
        return err;
    } catch (const std::bad_alloc &) {
        return Error(ErrorKind::Internal, operation + ": out of memory");
    } catch (const std::exception &ex) {
        return Error(ErrorKind::Internal, operation + ": unexpected failure: " + ex.what());
    } catch (...) {
        return Error(ErrorKind::Internal, operation + ": unexpected failure of an unknown kind");
    }
}

} // namespace shardscope
