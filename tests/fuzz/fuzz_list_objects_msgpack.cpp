// libFuzzer entry point (scripts/fuzz.sh builds it with clang).
#include "fuzz_targets.h"

extern "C" int LLVMFuzzerTestOneInput(const unsigned char *data, unsigned long size)
{
    shardscope::fuzz::listObjectsMsgpack(data, size);
    return 0;
}
