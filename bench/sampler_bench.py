"""P3: dynamic batches over N object sizes (1 KB each, max 50 KB, the table in
AIStore's PyTorch blog), shardscope's sampler against AIStore's own
DynamicBatchSampler, same sizes, same run; and shardscope's packed strategy
on log-normal sizes (median 100 KiB, cap 8 MiB) to show how much fuller its
batches are. Writes bench/results/sampler-<stamp>.json and .md.
"""

import argparse
import datetime as dt
import json
import os
import platform
import random
import subprocess
import tempfile
import time
from types import SimpleNamespace

from aistore.pytorch import DynamicBatchSampler

from report import write_report

HERE = os.path.dirname(os.path.abspath(__file__))


class SizesOnly:
    """The part of an AIS map dataset that DynamicBatchSampler reads."""

    def __init__(self, sizes):
        self._objs = [SimpleNamespace(name=str(i), props_cached=SimpleNamespace(size=s)) for i, s in enumerate(sizes)]

    def get_obj_list(self):
        return self._objs

    def __len__(self):
        return len(self._objs)


def ours(cli, sizes, max_bytes, strategy="sdk", want_batches=False, extra=()):
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as f:
        f.write("\n".join(map(str, sizes)))
        path = f.name
    try:
        args = [cli, "batches", "--sizes-file", path, "--max-batch-bytes", str(max_bytes), "--strategy", strategy,
                "--json", *extra]
        if not want_batches:
            args.append("--stats-only")
        out = subprocess.run(args, capture_output=True, text=True, check=True).stdout
        return json.loads(out)
    finally:
        os.unlink(path)


def theirs(sizes, max_bytes):
    sampler = DynamicBatchSampler(SizesOnly(sizes), max_batch_size=max_bytes)
    t0 = time.perf_counter()
    batches = list(sampler)
    return batches, time.perf_counter() - t0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cli", required=True)
    ap.add_argument("--counts", default="1000,10000,100000,1000000")
    ap.add_argument("--out", default=os.path.join(HERE, "results"))
    ap.add_argument("--command", default="bench/run.sh sampler")
    a = ap.parse_args()
    rows = []
    for n in map(int, a.counts.split(",")):
        sizes = [1000] * n
        sdk_batches, sdk_s = theirs(sizes, 50000)
        mine = ours(a.cli, sizes, 50000, want_batches=True)
        same = [[int(x) for x in b] for b in mine["batches"]] == sdk_batches
        rows.append({"n": n, "sdk_s": sdk_s, "shardscope_s": mine["stats"]["sample_seconds"],
                     "batches": len(sdk_batches), "identical": same})
        print(rows[-1])
    rnd = random.Random(3)
    mixed = [min(8 << 20, int(rnd.lognormvariate(11.5129, 1.0))) for _ in range(100000)]
    fill = {s: ours(a.cli, mixed, 4000000, strategy=s)["stats"] for s in ("sdk", "packed")}
    result = {
        "schema_version": 1,
        "date": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores",
        "workload": "P3: 1 KB sizes, max 50 KB; packing: 100,000 log-normal sizes (median 100 KiB, cap 8 MiB), max 4 MB",
        "rows": rows,
        "packing": fill,
        "command": a.command,
    }
    lines = [f"Sampler benchmark (P3), {result['date']}, {result['machine']}.", "",
             "| sizes | AIStore SDK DynamicBatchSampler s | shardscope s | SDK ÷ shardscope | batches | identical |",
             "| ---: | ---: | ---: | ---: | ---: | --- |"]
    for r in rows:
        lines.append(f"| {r['n']:,} | {r['sdk_s']:.4f} | {r['shardscope_s']:.4f} | "
                     f"{r['sdk_s'] / max(r['shardscope_s'], 1e-9):,.0f}× | {r['batches']:,} | {r['identical']} |")
    lines += ["", "Packing 100,000 log-normal sizes into 4 MB batches:", "",
              "| strategy | batches | mean fill |", "| --- | ---: | ---: |"]
    for s, st in fill.items():
        lines.append(f"| {s} | {st['batches']:,} | {st['mean_fill'] * 100:.1f}% |")
    lines += ["", f"Command: `{a.command}`"]
    md = "\n".join(lines) + "\n"
    write_report(a.out, "sampler", result, md)


if __name__ == "__main__":
    main()
