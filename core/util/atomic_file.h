#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace shardscope {

// A file written aside ("<path>.part-<random>", the name cut to fit NAME_MAX)
// and renamed into place only by commit(), which then syncs the directory: a
// failed or abandoned write never leaves a half file and never destroys the
// previous one. A replaced file keeps its permissions; a new one gets 0666
// less the umask. Targets that are no regular file (a pipe, FIFO or terminal,
// /dev/stdout, /dev/fd/N) are written directly. Errors are Error(Io) naming the path.
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
    bool m_direct = false; // writing straight to a non-regular target
};

// The whole text, atomically.
void writeFileAtomically(const std::string &path, std::string_view text);

} // namespace shardscope
