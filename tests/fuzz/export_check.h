#pragma once

#include <string>
#include <vector>

// Checks of exported programs for the config_export fuzz target: small
// lexers that split generated Python and C++ into code and string literals,
// so a check can tell what a config string became.
namespace shardscope::fuzz {

// Python source split into its code, with every string literal replaced by
// `S` (comments kept), and the literals' decoded values (UTF-8) in order.
// `ok` is false when the text is not well-formed (an unterminated literal, a
// raw control character, a byte that is not UTF-8, an escape it cannot decode).
struct PythonParts
{
    bool ok = false;
    std::string error;
    std::string code;
    std::vector<std::string> literals;
};
PythonParts splitPython(const std::string &source);

// The config-dependent head of an exported C++ program (its text before the
// first #include): `ok` when it is only `//` comments (none continued by a
// backslash) and `static const char *const kConfig = "..." ... ;`, with
// `value` the concatenated literal, decoded.
struct CppHead
{
    bool ok = false;
    std::string error;
    std::size_t comments = 0;
    std::string value;
};
CppHead splitCppHead(const std::string &head);

} // namespace shardscope::fuzz
