#include "core/util/memory_tuning.h"

#include <cstdlib> // defines __GLIBC__ where it is glibc

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace shardscope {

void tuneAllocatorForStreaming()
{
#if defined(__GLIBC__)
    // Setting either turns off glibc's own adjustment of both: set both.
    // 32 MiB is the most glibc's adjustment would raise the first to.
    mallopt(M_MMAP_THRESHOLD, 32 << 20);
    mallopt(M_TRIM_THRESHOLD, 16 << 20);
#endif
}

void returnFreeMemory()
{
#if defined(__GLIBC__)
    malloc_trim(0);
#endif
}

} // namespace shardscope
