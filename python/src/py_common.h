#pragma once
// Shared pieces of the Python bindings: zero-copy buffers, names as Python
// text, store options, and shardscope::Error as Python exceptions.

#include "core/storage/store_factory.h"
#include "core/util/error.h"

#include <nanobind/nanobind.h>

#include <string>

namespace shardscope::py {

namespace nb = nanobind;

// A memoryview over bytes the module owns: `data` is moved into a small
// buffer-exporting object (no copy of the payload), which the memoryview keeps
// alive. Writable, so torch.frombuffer takes it without a warning.
nb::object bytesView(std::string &&data);

// Names from data are bytes. As Python text they are UTF-8 decoded with
// "surrogateescape", so a name that is not UTF-8 survives the round trip
// through nameFrom() exactly (os.fsdecode does the same for file names).
nb::object nameTo(const std::string &name);
std::string nameFrom(nb::handle text);

// The connection settings every store-opening call takes (the CLI's global
// options): endpoint, AuthN token, TLS, timeouts.
struct PyStoreOptions
{
    std::optional<std::string> endpoint;
    std::optional<std::string> token;
    std::optional<std::string> caFile;
    bool insecure = false;
    double connectTimeout = 3.0; // seconds
    double timeout = 20.0;       // seconds without a byte moving
    bool directReads = true;     // ais://: GET from the owning target
    std::string localRoot;       // local://
    std::optional<std::string> s3AccessKey;
    std::optional<std::string> s3SecretKey;

    StoreOptions toCore() const; // throws Error(InvalidArgument) for absurd timeouts
};

// Parses a store URL as the CLI does (\xNN escapes in the path name bytes).
StoreUrl parseUrl(const std::string &url);
// The bucket as the store names it (a file:// bucket is a path).
std::string storeBucket(const StoreUrl &url, const StoreLocation &loc);

// Python exceptions: shardscope.Error and one subclass per ErrorKind, also
// deriving from the matching builtin (ValueError, FileNotFoundError,
// TimeoutError, ConnectionError, PermissionError, ...).
void registerErrors(nb::module_ &m);
// Raises the Python exception for e (with e.kind and e.http_status set).
[[noreturn]] void raise(const Error &e);

// Checks for Ctrl+C (and other signals) from a thread that holds the GIL;
// throws nb::python_error when a handler raised.
void checkSignals();

void bindStore(nb::module_ &m);
void bindLoader(nb::module_ &m);
void bindDatasets(nb::module_ &m);
void bindSamplers(nb::module_ &m);
void bindConfig(nb::module_ &m);

} // namespace shardscope::py
