#include "py_common.h"

#include "core/storage/store_url.h"
#include "core/util/strings.h"

#include <Python.h>

#include <cmath>
#include <map>

namespace shardscope::py {

namespace {

// The buffer exporter behind every memoryview the module returns. The string
// lives in the object itself (constructed in place): one allocation less per
// buffer than a pointer to a string of its own.
struct Owned
{
    PyObject_HEAD std::string data;
};

int ownedGetBuffer(PyObject *self, Py_buffer *view, int flags)
{
    auto *o = reinterpret_cast<Owned *>(self);
    return PyBuffer_FillInfo(view, self, o->data.data(), static_cast<Py_ssize_t>(o->data.size()), 0, flags);
}

void ownedDealloc(PyObject *self)
{
    auto *o = reinterpret_cast<Owned *>(self);
    using String = std::string;
    o->data.~String();
    PyTypeObject *type = Py_TYPE(self);
    type->tp_free(self);
    Py_DECREF(type);
}

PyTypeObject *ownedType()
{
    static PyTypeObject *type = [] {
        static PyType_Slot slots[] = {
            {Py_bf_getbuffer, reinterpret_cast<void *>(&ownedGetBuffer)},
            {Py_tp_dealloc, reinterpret_cast<void *>(&ownedDealloc)},
            {Py_tp_doc, const_cast<char *>("Bytes owned by shardscope, exported as a buffer.")},
            {0, nullptr}};
        static PyType_Spec spec = {"shardscope._core.OwnedBytes", sizeof(Owned), 0, Py_TPFLAGS_DEFAULT,
                                   slots};
        return reinterpret_cast<PyTypeObject *>(PyType_FromSpec(&spec));
    }();
    if (!type)
        throw nb::python_error();
    return type;
}

std::map<ErrorKind, PyObject *> &errorTypes()
{
    static std::map<ErrorKind, PyObject *> types;
    return types;
}

std::chrono::milliseconds seconds(double s, const char *what)
{
    if (!std::isfinite(s) || s <= 0 || s > 86400)
        throw Error(ErrorKind::InvalidArgument,
                    std::string(what) + " must be a number of seconds above 0 and at most 86400, not " +
                        std::to_string(s));
    return std::chrono::milliseconds(std::max<long long>(1, static_cast<long long>(s * 1000)));
}

} // namespace

nb::object bytesView(std::string &&data)
{
    PyTypeObject *type = ownedType();
    PyObject *obj = type->tp_alloc(type, 0);
    if (!obj)
        throw nb::python_error();
    new (&reinterpret_cast<Owned *>(obj)->data) std::string(std::move(data));
    PyObject *view = PyMemoryView_FromObject(obj);
    Py_DECREF(obj); // the memoryview holds it
    if (!view)
        throw nb::python_error();
    return nb::steal(view);
}

nb::object nameTo(const std::string &name)
{
    PyObject *s = PyUnicode_DecodeUTF8(name.data(), static_cast<Py_ssize_t>(name.size()), "surrogateescape");
    if (!s)
        throw nb::python_error();
    return nb::steal(s);
}

std::string nameFrom(nb::handle text)
{
    if (PyBytes_Check(text.ptr()))
        return std::string(PyBytes_AS_STRING(text.ptr()),
                           static_cast<std::size_t>(PyBytes_GET_SIZE(text.ptr())));
    if (!PyUnicode_Check(text.ptr()))
        throw Error(ErrorKind::InvalidArgument,
                    "a name must be str or bytes, not " + std::string(Py_TYPE(text.ptr())->tp_name));
    PyObject *b = PyUnicode_AsEncodedString(text.ptr(), "utf-8", "surrogateescape");
    if (!b)
        throw nb::python_error();
    std::string out(PyBytes_AS_STRING(b), static_cast<std::size_t>(PyBytes_GET_SIZE(b)));
    Py_DECREF(b);
    return out;
}

StoreOptions PyStoreOptions::toCore() const
{
    StoreOptions o;
    o.endpoint = endpoint;
    o.http.connectTimeout = seconds(connectTimeout, "connect_timeout");
    o.http.readTimeout = seconds(timeout, "timeout");
    o.http.verifyTls = !insecure;
    if (caFile)
        o.http.caFile = *caFile;
    o.aisDirectReads = directReads;
    o.localRoot = localRoot;
    if (token)
        o.aisToken = *token;
    if (s3AccessKey)
        o.s3AccessKey = *s3AccessKey;
    if (s3SecretKey)
        o.s3SecretKey = *s3SecretKey;
    return o;
}

StoreUrl parseUrl(const std::string &url)
{
    StoreUrl u = parseStoreUrl(url);
    u.path = unescapeName(u.path);
    return u;
}

std::string storeBucket(const StoreUrl &url, const StoreLocation &loc)
{
    return url.scheme == StoreUrl::Scheme::File ? loc.bucket : url.bucket;
}

void raise(const Error &e)
{
    auto &types = errorTypes();
    auto it = types.find(e.kind());
    PyObject *type = it != types.end() ? it->second : PyExc_RuntimeError;
    const std::string msg = toValidUtf8(e.what());
    PyObject *text = PyUnicode_FromStringAndSize(msg.data(), static_cast<Py_ssize_t>(msg.size()));
    PyObject *inst = text ? PyObject_CallOneArg(type, text) : nullptr;
    Py_XDECREF(text);
    if (inst) {
        PyObject *kind = PyUnicode_FromString(errorKindName(e.kind()));
        PyObject *status = PyLong_FromLong(e.httpStatus());
        if (kind && status) {
            PyObject_SetAttrString(inst, "kind", kind);
            PyObject_SetAttrString(inst, "http_status", status);
        }
        Py_XDECREF(kind);
        Py_XDECREF(status);
        PyErr_SetObject(type, inst);
        Py_DECREF(inst);
    }
    throw nb::python_error();
}

void registerErrors(nb::module_ &m)
{
    auto make = [&](const char *name, std::initializer_list<PyObject *> bases, const char *doc) {
        PyObject *tuple = PyTuple_New(static_cast<Py_ssize_t>(bases.size()));
        Py_ssize_t i = 0;
        for (PyObject *b : bases) {
            Py_INCREF(b);
            PyTuple_SET_ITEM(tuple, i++, b);
        }
        const std::string qualified = std::string("shardscope.") + name;
        PyObject *type = PyErr_NewExceptionWithDoc(qualified.c_str(), doc, tuple, nullptr);
        Py_DECREF(tuple);
        if (!type)
            throw nb::python_error();
        m.attr(name) = nb::borrow(type); // the module keeps it alive for good
        return type;
    };
    PyObject *base = make("Error", {PyExc_Exception},
                          "Every error of shardscope: .kind names it, .http_status is the HTTP status or 0.");
    PyObject *notFound =
        make("NotFoundError", {base, PyExc_FileNotFoundError}, "A bucket or object does not exist.");
    auto &t = errorTypes();
    t[ErrorKind::InvalidArgument] =
        make("InvalidArgumentError", {base, PyExc_ValueError}, "A bad parameter or value.");
    t[ErrorKind::InvalidUrl] =
        make("InvalidUrlError", {base, PyExc_ValueError}, "A store URL that cannot be used.");
    t[ErrorKind::Network] = make("NetworkError", {base, PyExc_ConnectionError},
                                 "Cannot connect, resolve, or the connection broke.");
    t[ErrorKind::Timeout] =
        make("NetworkTimeoutError", {base, PyExc_TimeoutError}, "A connect or read timeout.");
    t[ErrorKind::Http] = make("HttpError", {base}, "An HTTP error status.");
    t[ErrorKind::BucketNotFound] = make("BucketNotFoundError", {notFound}, "The bucket does not exist.");
    t[ErrorKind::ObjectNotFound] = make("ObjectNotFoundError", {notFound}, "The object does not exist.");
    t[ErrorKind::AlreadyExists] =
        make("AlreadyExistsError", {base, PyExc_FileExistsError}, "It exists already.");
    t[ErrorKind::Unauthorized] = make("UnauthorizedError", {base, PyExc_PermissionError}, "HTTP 401.");
    t[ErrorKind::Forbidden] = make("ForbiddenError", {base, PyExc_PermissionError}, "HTTP 403.");
    t[ErrorKind::Protocol] = make("ProtocolError", {base}, "A response or data that cannot be understood.");
    t[ErrorKind::Io] = make("IoError", {base, PyExc_OSError}, "A local file system error.");
    t[ErrorKind::Cancelled] = make("CancelledError", {base}, "The operation was cancelled.");
    t[ErrorKind::Internal] = make("InternalError", {base}, "An unexpected failure inside shardscope.");

    nb::register_exception_translator([](const std::exception_ptr &p, void *) {
        try {
            std::rethrow_exception(p);
        } catch (const Error &e) {
            try {
                raise(e);
            } catch (nb::python_error &pe) {
                pe.restore();
            }
        }
    });
}

void checkSignals()
{
    if (PyErr_CheckSignals() != 0)
        throw nb::python_error();
}

} // namespace shardscope::py
