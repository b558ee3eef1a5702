"""Every peer comparison of benchmarks.md on the running cluster, each
(tool, workload, W) run --repeat times (default 3), each run its own process
timed from the outside (see harness.py):

  P1  every object of `small` (1 KiB) once: shardscope's iterable dataset
      direct and --via-proxy; the SDK's AISIterDataset + DataLoader(W)
      (through the proxy) and a user's IterableDataset over
      Object.get_reader(direct=True) (straight to the target); aisloader(W)
      timed (its serving rate) and in epoch mode (every object once)
  P2  every sample of a shard set once, for samples of 1 KiB, 16 KiB, 128 KiB
      and 1 MiB: shardscope's shard reader (direct and --via-proxy) vs the
      SDK's AISShardReader + DataLoader(W); wire bytes/s vs curl fetching
      every shard with W parallel transfers
  P3  dynamic batches (sampler_sets.py): equal sizes, log-normal, zeros,
      oversized, exact fits; shardscope vs the SDK's DynamicBatchSampler
  P6  `small` through get-batch, 64 per request: shardscope vs the SDK's
      AISBatchIterDataset + DataLoader(W); and shardscope alone at W = 1 with
      16, 64 and 256 per request: the cluster's own cost per request

End to end = process start to exit (listing and start-up included); steady
state = first item to last item. Any run that read a different number of
items than the listing or reported errors stops the suite with a non-zero
exit and no table. Writes bench/results/peers-<stamp>.json and .md.
"""

import argparse
import os
import re
import sys
import tempfile
import time

from aistore.sdk import Client

import datasets
import harness
import sampler_sets
import tables

HERE = os.path.dirname(os.path.abspath(__file__))
P6_FLOOR_SIZES = (16, 64, 256)
P2_SIZES = {"1KiB": 1024, "16KiB": 16 << 10, "128KiB": 128 << 10, "1MiB": 1 << 20}


class Tools:
    def __init__(self, a):
        self.a = a
        self.env = dict(os.environ, AIS_ENDPOINT=a.endpoint)

    def shardscope(self, url, mode, w, via_proxy=False, batch_size=64):
        cmd = [self.a.cli, "bench", url, "--mode", mode, "--workers", str(w), "--epochs", "1", "--json",
               "--batch", "1", "--batch-size", str(batch_size)] + (["--via-proxy"] if via_proxy else [])
        before = harness.target_gets(self.a.endpoint)
        m = harness.measure(cmd, env=self.env)
        spread_over = harness.balance(before, harness.target_gets(self.a.endpoint))
        r = harness.last_json(m["stdout"])
        # `seconds` runs from the loader's start (after the listing) to the last item;
        # with --batch 1, time_to_first_batch_s is the time to the first item.
        first = r["time_to_first_batch_s"] if r["time_to_first_batch_s"] >= 0 else 0.0
        return harness.run_record(m, r["items"], r["seconds"] - first, r["errors"], bytes=r["bytes"],
                                  wire_bytes=r["wire_bytes"], listing_s=r["listing_seconds"],
                                  engine_s=r["seconds"], first_error=r.get("first_error"),
                                  latency_ms=r["latency_ms"], targets=spread_over,
                                  # The loader's own CPU counters (process CPU during the run, listing excluded).
                                  engine_cpu_us_per_item=(1e6 * r["cpu_percent"] / 100 * r["seconds"] / r["items"]
                                                          if r["items"] else None))

    def sdk(self, bucket, kind, w):
        cmd = [sys.executable, os.path.join(HERE, "sdk_worker.py"), "--endpoint", self.a.endpoint,
               "--bucket", bucket, "--kind", kind, "--workers", str(w)]
        m = harness.measure(cmd)
        r = harness.last_json(m["stdout"])
        steady = (r["last_item_s"] - r["first_item_s"]) if r.get("first_item_s") is not None else None
        return harness.run_record(m, r["items"], steady, r["errors"], bytes=r["bytes"],
                                  first_error=r.get("first_error"), xxhash_shim=r.get("xxhash_shim"))

    def aisloader(self, bucket, w, seconds=None):
        host, port = re.match(r"https?://([^:/]+):(\d+)", self.a.endpoint).groups()
        mode = [f"-duration={seconds}s"] if seconds else ["-epochs=1", "-duration=0"]
        cmd = [self.a.aisloader, f"-ip={host}", f"-port={port}", f"-bucket=ais://{bucket}", "-cleanup=false",
               "-pctput=0", *mode, f"-numworkers={w}", "-quiet", "-json", "-stats-output=/dev/stdout"]
        env = {k: v for k, v in os.environ.items() if k != "AIS_ENDPOINT"}
        m = harness.measure(cmd, env=env)
        out = m["stdout"]
        stats = harness.last_json(out[out.index("["):out.rindex("]") + 1])[-1]["get"]
        count, dur = int(stats["count"]), int(stats["duration"]) / 1e9
        return harness.run_record(m, count, dur, int(stats["errors"]), bytes=int(stats["bytes"]),
                                  latency_ms={"mean": int(stats["latency"]) / 1e6})

    def curl(self, urls, w):
        with tempfile.NamedTemporaryFile("w", suffix=".cfg", delete=False) as f:
            for u in urls:
                f.write(f'url = "{u}"\noutput = "/dev/null"\n')
            cfg = f.name
        try:
            m = harness.measure(["curl", "-sS", "-L", "--fail", "--parallel", "--parallel-max", str(w), "-K", cfg,
                                 "-w", "%{size_download}\n"])
        finally:
            os.unlink(cfg)
        sizes = [int(x) for x in m["stdout"].split()]
        m["command"] = m["command"].replace(cfg, "<one url per shard>")
        return harness.run_record(m, len(sizes), m["wall_s"], 0, wire_bytes=sum(sizes))


def repeat(runs, key, n, fn, expected, check=harness.check):
    """Runs fn n times into runs[key] (a list), validating each run."""
    for i in range(n):
        rec = fn()
        check(key, i + 1, rec, expected)
        runs.setdefault(key, []).append(rec)


def check_aisloader_epoch(objects, workers):
    """aisloader's epoch mode stops its workers after the epoch: a few GETs of
    the next one may finish (observed: 2-5 extra of 2,000 with W = 1-4)."""
    def check(tool, run_no, rec, expected):
        harness.check(tool, run_no, rec, None)
        if not objects <= rec["items"] <= objects + 2 * workers + 4:
            raise harness.BenchFailure(f"{tool}, run {run_no}: read {rec['items']:,} objects in one epoch "
                                       f"of {objects:,}; no table written")
    return check


def p1_p6(t, a, small, w):
    runs = {}
    url = f"ais://{small}"
    for _ in range(a.repeat):  # one of each tool per round: back-to-back runs pair up in the ratios
        repeat(runs, "shardscope_direct", 1, lambda: t.shardscope(url, "object", w), a.objects)
        repeat(runs, "shardscope_proxy", 1, lambda: t.shardscope(url, "object", w, via_proxy=True), a.objects)
        repeat(runs, "sdk_iter_proxy", 1, lambda: t.sdk(small, "iter", w), a.objects)
        repeat(runs, "sdk_direct", 1, lambda: t.sdk(small, "direct", w), a.objects)
        repeat(runs, "aisloader_timed", 1, lambda: t.aisloader(small, w, a.aisloader_seconds), None)
        repeat(runs, "aisloader_epoch", 1, lambda: t.aisloader(small, w), a.objects,
               check=check_aisloader_epoch(a.objects, w))
        if not a.no_p6:
            repeat(runs, "p6_shardscope", 1, lambda: t.shardscope(url, "get-batch", w), a.objects)
            repeat(runs, "p6_sdk", 1, lambda: t.sdk(small, "batch", w), a.objects)
    return runs


def p6_floor(t, a, small):
    """What one get-batch request costs the cluster: W = 1 at several batch
    sizes. A latency that hardly grows with the size is a fixed cost per
    request on the cluster's side, which bounds any client with one request
    in flight."""
    runs = {}
    url = f"ais://{small}"
    for _ in range(a.repeat):
        for size in P6_FLOOR_SIZES:
            repeat(runs, str(size), 1, lambda: t.shardscope(url, "get-batch", 1, batch_size=size), a.objects)
    return runs


def p2(t, a, bucket, samples, shards, w):
    runs = {}
    url = f"ais://{bucket}"
    names = [o.name for o in Client(a.endpoint).bucket(bucket).list_all_objects_iter(props="name")]
    urls = [f"{a.endpoint}/v1/objects/{bucket}/{n}" for n in names]
    for _ in range(a.repeat):
        repeat(runs, "shardscope_direct", 1, lambda: t.shardscope(url, "shard", w), samples)
        repeat(runs, "shardscope_proxy", 1, lambda: t.shardscope(url, "shard", w, via_proxy=True), samples)
        repeat(runs, "sdk_shard_reader", 1, lambda: t.sdk(bucket, "shard", w), samples)
        repeat(runs, "curl", 1, lambda: t.curl(urls, w), shards)
    return runs


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cli", required=True)
    ap.add_argument("--aisloader", required=True)
    ap.add_argument("--endpoint", default=os.environ.get("AIS_ENDPOINT", "http://127.0.0.1:8080"))
    ap.add_argument("--objects", type=int, default=2000, help="objects of `small` (P1, P6)")
    ap.add_argument("--workers", default="1,2,4", help="comma-separated W (add 8 for the long run)")
    ap.add_argument("--repeat", type=int, default=3, help="runs of every (tool, workload, W); >= 3 for medians")
    ap.add_argument("--p2-sizes", default="1KiB,16KiB,128KiB,1MiB")
    ap.add_argument("--p2-mb", type=int, default=200, help="payload MB of each P2 shard set but the 1 KiB one")
    ap.add_argument("--p2-1k-samples", type=int, default=20000, help="samples of the 1 KiB shard set")
    ap.add_argument("--aisloader-seconds", type=int, default=5)
    ap.add_argument("--sampler-sizes", type=int, default=1000000, help="sizes of P3's equal-size set (others 1/10)")
    ap.add_argument("--no-p6", action="store_true")
    ap.add_argument("--bucket-prefix", default="bench")
    ap.add_argument("--label", default="", help="e.g. smoke: recorded and shown with every table")
    ap.add_argument("--out", default=os.path.join(HERE, "results"))
    ap.add_argument("--command", default="bench/run.sh peers")
    a = ap.parse_args()
    if a.repeat < 1:
        ap.error("--repeat must be at least 1")
    workers = [int(w) for w in a.workers.split(",")]
    client = Client(a.endpoint)
    result = harness.describe(a.endpoint, a.cli, a.aisloader)
    result.update({"suite": "peers", "label": a.label, "command": a.command, "repeat": a.repeat,
                   "workers": workers, "p1": {}, "p2": {}, "p6": {}})

    small = f"{a.bucket_prefix}-small-{a.objects}"
    datasets.ensure_small(a.cli, client, a.endpoint, small, a.objects)
    result["datasets"] = {"small": {"bucket": f"ais://{small}", "objects": a.objects, "object_size": 1024}}
    t = Tools(a)
    started = time.monotonic()
    result["elapsed_s"] = {}
    try:
        for w in workers:
            runs = p1_p6(t, a, small, w)
            result["p1"][str(w)] = {k: v for k, v in runs.items() if not k.startswith("p6_")}
            if not a.no_p6:
                result["p6"][str(w)] = {k[3:]: v for k, v in runs.items() if k.startswith("p6_")}
            print(f"P1 W={w} done", file=sys.stderr)
        if not a.no_p6:
            result["p6_floor"] = p6_floor(t, a, small)
        result["elapsed_s"]["p1_p6"] = time.monotonic() - started
        for label in a.p2_sizes.split(","):
            size = P2_SIZES[label]
            target = a.p2_1k_samples * size if size == 1024 else a.p2_mb * 1000 * 1000
            samples, per_shard = datasets.shard_layout(size, target)
            bucket = f"{a.bucket_prefix}-shards-{label.lower()}-{samples}"
            datasets.ensure_shards(client, bucket, samples, per_shard, size)
            shards = samples // per_shard
            result["datasets"][f"shards_{label}"] = {"bucket": f"ais://{bucket}", "samples": samples,
                                                     "per_shard": per_shard, "shards": shards, "sample_size": size,
                                                     "members": [f".bin {label}", ".cls"]}
            result["p2"][label] = {str(w): p2(t, a, bucket, samples, shards, w) for w in workers}
            print(f"P2 {label} done", file=sys.stderr)
            result["elapsed_s"][f"p2_{label}"] = time.monotonic() - started - sum(result["elapsed_s"].values())
        t3 = time.monotonic()
        result["p3"] = sampler_sets.run_all(a.cli, a.sampler_sizes, a.repeat)
        result["elapsed_s"]["p3"] = time.monotonic() - t3
        for row in result["p3"]:
            if not row["identical"]:
                raise harness.BenchFailure(f"P3 {row['set']}: shardscope's batches differ from the SDK's; "
                                           "no table written")
    except harness.BenchFailure as e:
        print(f"peers benchmark FAILED: {e}", file=sys.stderr)
        return 1
    harness.write_result(a.out, "peers", result, tables.render_peers)
    return 0


if __name__ == "__main__":
    sys.exit(main())
