#pragma once

namespace shardscope {

// Sets glibc's allocator for streaming reads: buffers up to 32 MiB (pipe
// blocks, samples, whole objects) come from the heap and are reused, and up
// to 16 MiB freed at the top of a heap is kept for the next shard. glibc's
// defaults reach the same thresholds only after a large buffer is freed, and
// until then a reader of 4 MiB shards gave memory back and faulted it in
// again for every shard: 12,000-16,000 page faults per 200 MB epoch instead
// of about 3,000, a quarter of its throughput. It is process-wide, so
// programs call it (the CLI, the app), never the library on its own.
// Elsewhere than glibc: nothing.
void tuneAllocatorForStreaming();

// Gives the heaps' free memory back to the system (glibc's malloc_trim), as
// after a large listing or a benchmark; it walks every heap, so not on the
// GUI thread. Elsewhere than glibc: nothing.
void returnFreeMemory();

} // namespace shardscope
