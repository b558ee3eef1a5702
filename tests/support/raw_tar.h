#pragma once

#include <cstdio>
#include <string>
#include <utility>
#include <vector>

// A ustar archive of regular files written byte by byte, so that member names
// can be any bytes (libarchive's writer refuses names that are not UTF-8).
// Names longer than 100 bytes are cut: use writeArchive() for those.
inline std::string rawTar(const std::vector<std::pair<std::string, std::string>> &members)
{
    std::string tar;
    for (const auto &[name, data] : members) {
        std::string h(512, '\0');
        auto put = [&](std::size_t offset, const std::string &field) {
            h.replace(offset, field.size(), field);
        };
        put(0, name.substr(0, 100));
        put(100, "0000644");
        put(108, "0000000");
        put(116, "0000000");
        char size[16];
        std::snprintf(size, sizeof size, "%011llo", static_cast<unsigned long long>(data.size()));
        put(124, size);
        put(136, "00000000000");
        put(148, "        ");
        h[156] = '0';
        put(257, std::string("ustar\0"
                             "00",
                             8));
        unsigned sum = 0;
        for (char c : h)
            sum += static_cast<unsigned char>(c);
        char chk[8];
        std::snprintf(chk, sizeof chk, "%06o", sum);
        put(148, std::string(chk, 6) + std::string("\0 ", 2));
        tar += h + data + std::string((512 - data.size() % 512) % 512, '\0');
    }
    return tar + std::string(1024, '\0');
}
