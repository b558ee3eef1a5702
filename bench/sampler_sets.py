"""P3: dynamic batches on equal and on random sizes, shardscope's sampler
(`shardscope-cli batches --strategy sdk`) against AIStore's own
DynamicBatchSampler, batch for batch. Each set is timed --repeat times on
both sides (shardscope: its own in-process `sample_seconds`; the SDK:
time.perf_counter around list(sampler)); the batches of every shardscope run
are compared with the SDK's."""

import logging
import random
import statistics
import time

import harness
from sampler_bench import SizesOnly, ours
from aistore.pytorch import DynamicBatchSampler


def size_sets(n_equal, seed=14):
    """name -> (sizes, max bytes, allow_oversized, drop_last, what)."""
    n = max(1000, n_equal // 10)
    rnd = random.Random(seed)
    lognormal = [min(8 << 20, int(rnd.lognormvariate(11.5129, 1.0))) for _ in range(n)]  # median e^11.5 = 100 KiB
    zeros = [0 if rnd.random() < 0.2 else rnd.randint(1, 10000) for _ in range(n)]
    oversized = [rnd.randint(50001, 200000) if rnd.random() < 0.05 else rnd.randint(1, 10000) for _ in range(n)]
    # Sizes that divide 50,000 and mix: many running totals hit the budget exactly.
    exact = [rnd.choice((1000, 2000, 2500, 5000, 10000, 12500, 25000, 50000)) for _ in range(n)]
    return {
        "equal": ([1000] * n_equal, 50000, False, False, f"{n_equal:,} × 1,000 B, max 50,000 (the blog's table)"),
        "lognormal": (lognormal, 4000000, False, False, f"{n:,} log-normal (median 100 KiB, cap 8 MiB), max 4 MB"),
        "lognormal_drop_last": (lognormal, 4000000, False, True, "the same, drop_last"),
        "zeros": (zeros, 50000, False, False, f"{n:,} sizes, 20% zero, else 1-10,000 B, max 50,000"),
        "oversized_dropped": (oversized, 50000, False, False,
                              f"{n:,} sizes, 5% over the max (50,001-200,000 B), max 50,000"),
        "oversized_allowed": (oversized, 50000, True, False, "the same, allow_oversized_samples"),
        "exact_fits": (exact, 50000, False, False, f"{n:,} divisors of 50,000 (exact fits), max 50,000"),
    }


def sdk_batches(sizes, max_bytes, allow_oversized, drop_last):
    sampler = DynamicBatchSampler(SizesOnly(sizes), max_batch_size=max_bytes, drop_last=drop_last,
                                  allow_oversized_samples=allow_oversized)
    t0 = time.perf_counter()
    batches = list(sampler)
    return batches, time.perf_counter() - t0


def run_all(cli, n_equal, repeat):
    # The SDK logs one warning per zero-size or dropped sample: kept out of the
    # timing's output (the work of formatting them still counts).
    logging.getLogger("aistore").setLevel(logging.ERROR)
    rows = []
    for name, (sizes, max_bytes, allow, drop, what) in size_sets(n_equal).items():
        sdk_s, ours_s, identical, batches = [], [], True, None
        extra = (["--allow-oversized"] if allow else []) + (["--drop-last"] if drop else [])
        for _ in range(repeat):
            b, secs = sdk_batches(sizes, max_bytes, allow, drop)
            batches = batches if batches is not None else b
            identical &= b == batches
            sdk_s.append(secs)
            mine = ours(cli, sizes, max_bytes, want_batches=True, extra=extra)
            ours_s.append(mine["stats"]["sample_seconds"])
            identical &= [[int(x) for x in bb] for bb in mine["batches"]] == batches
        rows.append({"set": name, "what": what, "sizes": len(sizes), "max_bytes": max_bytes,
                     "allow_oversized": allow, "drop_last": drop, "batches": len(batches),
                     "mean_batch_items": statistics.mean(len(x) for x in batches) if batches else 0,
                     "identical": identical, "sdk_s": sdk_s, "shardscope_s": ours_s,
                     "sdk": harness.spread(sdk_s), "shardscope": harness.spread(ours_s)})
    return rows
