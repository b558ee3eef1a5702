#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace shardscope {

// A file written aside ("<path>.part-<random>") and renamed into place only by
// commit(): a failed or abandoned write never leaves a half file and never
// destroys the previous one. Errors are Error(Io) naming the path.
class AtomicFile
{
public:
    explicit AtomicFile(std::string path);
    ~AtomicFile(); // without commit(): the partial file is removed
    AtomicFile(const AtomicFile &) = delete;
    AtomicFile &operator=(const AtomicFile &) = delete;

    void write(const char *data, std::size_t size);
    void commit(); // flush to disk, then rename over the target

private:
    std::string m_path;
    std::string m_tmp;
    int m_fd = -1;
};

// The whole text, atomically.
void writeFileAtomically(const std::string &path, std::string_view text);

} // namespace shardscope
