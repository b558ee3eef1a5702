"""Issue #16 speed goal: `lint` reads a shard data set at >= 90% of the
samples/s of `bench --mode shard` (the loader's shard reader) on the same
data, same cluster, same run. A measurement, never a test: it reports the
ratio (median of --runs runs each, with min and max).

Writes bench/results/lint-<stamp>.json and .md and prints the Markdown.
"""

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time

from report import write_report

HERE = os.path.dirname(os.path.abspath(__file__))


def run(cli, args, endpoint):
    return subprocess.run([cli] + args, check=True, capture_output=True, text=True,
                          env=dict(os.environ, AIS_ENDPOINT=endpoint)).stdout


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--endpoint", required=True)
    p.add_argument("--cli", required=True)
    p.add_argument("--bucket", default="bench-lint")
    p.add_argument("--shards", type=int, default=40)
    p.add_argument("--samples", type=int, default=1000, help="samples per shard")
    p.add_argument("--size", default="1KiB", help="size of each sample's .bin")
    p.add_argument("--workers", type=int, default=4)
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--keep", action="store_true", help="keep the bucket")
    p.add_argument("--command", default="bench/run.sh lint")
    a = p.parse_args()

    url = f"ais://{a.bucket}"
    run(a.cli, ["gen", url, "--shards", str(a.shards), "--samples", str(a.samples), "--ext", "bin,cls",
                "--size", a.size, "--workers", "4"], a.endpoint)
    rows = {"bench_shard": [], "lint": [], "bench_shard_end_to_end": [], "lint_end_to_end": []}
    errors = 0
    items = {}
    for _ in range(a.runs):
        t = time.monotonic()
        b = json.loads(run(a.cli, ["bench", url, "--mode", "shard", "--workers", str(a.workers), "--epochs", "1",
                                   "--json"], a.endpoint))
        rows["bench_shard_end_to_end"].append(b["items"] / (time.monotonic() - t))
        rows["bench_shard"].append(b["items_per_s"])  # bench's own measurement window
        items["bench_shard"] = b["items"]
        errors += b.get("errors", 0)
        t = time.monotonic()
        out = run(a.cli, ["lint", url, "--json", "--workers", str(a.workers), "--min-shard-size", "0"], a.endpoint)
        secs = time.monotonic() - t  # end to end, listing and report included
        r = json.loads(out)
        samples = r["totals"]["samples"]
        items["lint"] = samples
        rows["lint"].append(samples / r["seconds"])  # the audit itself, as bench times its loader
        rows["lint_end_to_end"].append(samples / secs)  # process start, listing and report included
        errors += r["counts"]["error"]
    if items.get("bench_shard") != items.get("lint") or errors:
        print(f"items differ or errors: {items}, errors {errors}: no table", file=sys.stderr)
        return 1
    med = {k: statistics.median(v) for k, v in rows.items()}
    ratio = med["lint"] / med["bench_shard"]
    ratio_e2e = med["lint_end_to_end"] / med["bench_shard_end_to_end"]
    result = {"schema_version": 1, "suite": "lint", "machine": platform.platform(), "cpus": os.cpu_count(),
              "dataset": {"shards": a.shards, "samples_per_shard": a.samples, "sample_size": a.size},
              "workers": a.workers, "runs": rows, "median_items_per_s": med, "ratio": ratio, "ratio_end_to_end": ratio_e2e,
              "command": a.command}
    md = (f"| tool | samples/s (median of {a.runs}) | min | max |\n|---|---|---|---|\n" +
          "".join(f"| {k} | {med[k]:.0f} | {min(v):.0f} | {max(v):.0f} |\n" for k, v in rows.items()) +
          f"\nlint / bench --mode shard = **{ratio:.2f}** as each times itself, **{ratio_e2e:.2f}** "
          f"end to end (process start to exit, listing included; goal >= 0.90), W={a.workers}, "
          f"{a.shards} shards x {a.samples} samples of {a.size}\n\nCommand: `{a.command}`\n")
    write_report(os.path.join(HERE, "results"), "lint", result, md)
    if not a.keep:
        subprocess.run([a.cli, "rb", url], capture_output=True, env=dict(os.environ, AIS_ENDPOINT=a.endpoint))
    return 0


if __name__ == "__main__":
    sys.exit(main())
