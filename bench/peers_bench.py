"""One run of every peer comparison of benchmarks.md on the running cluster:
generates `small` (N objects of 1 KiB) and `shards` (the same N samples as tar
shards of 1,000), then

  P1  every object of `small` once: shardscope iterable dataset (W threads) vs
      the SDK's AISIterDataset + DataLoader(W) vs aisloader(W) (GET-only, timed)
  P2  every sample of `shards` once: shardscope shard reader vs the SDK's
      AISShardReader + DataLoader(W); wire bytes/s vs curl fetching every
      shard (W parallel transfers) to /dev/null
  P3  DynamicBatchSampler over 1,000,000 sizes, max 50 KB: shardscope vs the
      SDK's sampler, batches compared for identity
  P6  `small` through get-batch (64 per request): shardscope vs the SDK's
      AISBatchIterDataset + DataLoader(W)

Writes bench/results/peers-<stamp>.json and .md (a table of ratios) and prints the Markdown.
"""

import argparse
import datetime as dt
import json
import os
import platform
import re
import subprocess
import sys
import tempfile
import time

import torch
from aistore.sdk import Client

import loader_bench
import sampler_bench
from report import write_report

HERE = os.path.dirname(os.path.abspath(__file__))


def shardscope(cli, endpoint, url, mode, workers):
    out = subprocess.run([cli, "bench", url, "--mode", mode, "--workers", str(workers), "--epochs", "1", "--json",
                          "--batch-size", "64", "--cluster-stats"], check=True, capture_output=True, text=True,
                         env=dict(os.environ, AIS_ENDPOINT=endpoint)).stdout
    r = json.loads(out)
    keep = ("items", "bytes", "wire_bytes", "seconds", "items_per_s", "bytes_per_s", "wire_bytes_per_s", "errors",
            "latency_ms", "cpu_percent")
    kept = {k: r[k] for k in keep}
    # The per-target balance of the run: GETs each target served, max / mean.
    c = r.get("cluster", {})
    kept["cluster"] = {"imbalance": c.get("imbalance"),
                       "get_n": {t["id"]: t.get("get_n") for t in c.get("targets", [])}}
    return kept


def aisloader(binary, endpoint, bucket, workers, seconds):
    host, port = re.match(r"https?://([^:/]+):(\d+)", endpoint).groups()
    env = {k: v for k, v in os.environ.items() if k != "AIS_ENDPOINT"}
    out = subprocess.run([binary, f"-ip={host}", f"-port={port}", f"-bucket=ais://{bucket}", "-cleanup=false",
                          "-pctput=0", f"-duration={seconds}s", f"-numworkers={workers}", "-quiet", "-json",
                          "-stats-output=/dev/stdout"], check=True, capture_output=True, text=True, env=env).stdout
    stats = json.loads(out[out.index("["):out.rindex("]") + 1])[-1]["get"]
    count, dur_ns = int(stats["count"]), int(stats["duration"])
    return {"items": count, "bytes": int(stats["bytes"]), "seconds": dur_ns / 1e9,
            "items_per_s": count / (dur_ns / 1e9), "errors": int(stats["errors"])}


def curl_shards(endpoint, bucket, workers):
    client = Client(endpoint)
    names = [o.name for o in client.bucket(bucket).list_all_objects_iter(props="name,size")]
    urls = [f"{endpoint}/v1/objects/{bucket}/{n}" for n in names]
    with tempfile.NamedTemporaryFile("w", suffix=".cfg", delete=False) as f:
        for u in urls:
            f.write(f'url = "{u}"\noutput = "/dev/null"\n')
        cfg = f.name
    try:
        t0 = time.perf_counter()
        out = subprocess.run(["curl", "-sS", "-L", "--fail", "--parallel", "--parallel-max", str(workers), "-K", cfg,
                              "-w", "%{size_download}\n"], check=True, capture_output=True, text=True).stdout
        secs = time.perf_counter() - t0
    finally:
        os.unlink(cfg)
    total = sum(int(x) for x in out.split())
    return {"shards": len(urls), "bytes": total, "seconds": secs, "wire_bytes_per_s": total / secs}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cli", required=True)
    ap.add_argument("--aisloader", required=True)
    ap.add_argument("--endpoint", default=os.environ.get("AIS_ENDPOINT", "http://127.0.0.1:8080"))
    ap.add_argument("--objects", type=int, default=20000)
    ap.add_argument("--per-shard", type=int, default=1000)
    ap.add_argument("--p2-samples", type=int, default=200000,
                    help="samples in the shard set (P2 and curl): runs long enough for the wire rate to mean something")
    ap.add_argument("--workers", default="1,2,4")
    ap.add_argument("--aisloader-seconds", type=int, default=8)
    ap.add_argument("--sampler-sizes", type=int, default=1000000)
    ap.add_argument("--out", default=os.path.join(HERE, "results"))
    ap.add_argument("--command", default="bench/run.sh peers")
    a = ap.parse_args()
    client = Client(a.endpoint)
    targets = len(client.cluster().get_info().tmap)
    small, shards = f"ss-bench-small-{a.objects}", f"ss-bench-shards-{a.p2_samples}"
    loader_bench.ensure_small(a.cli, client, a.endpoint, small, a.objects)
    loader_bench.ensure_shards(client, shards, a.p2_samples, a.per_shard)

    rows = []
    for w in map(int, a.workers.split(",")):
        row = {"workers": w,
               "p1_shardscope": shardscope(a.cli, a.endpoint, f"ais://{small}", "object", w),
               "p1_sdk": loader_bench.theirs(a.endpoint, small, "iter", w),
               "p1_aisloader": aisloader(a.aisloader, a.endpoint, small, w, a.aisloader_seconds),
               "p2_shardscope": shardscope(a.cli, a.endpoint, f"ais://{shards}", "shard", w),
               "p2_sdk": loader_bench.theirs(a.endpoint, shards, "shard", w),
               "p2_curl": curl_shards(a.endpoint, shards, w),
               "p6_shardscope": shardscope(a.cli, a.endpoint, f"ais://{small}", "get-batch", w),
               "p6_sdk": loader_bench.theirs(a.endpoint, small, "batch", w)}
        rows.append(row)
        print(f"W={w}: P1 {row['p1_shardscope']['items_per_s']:.0f} vs SDK {row['p1_sdk']['items_per_s']:.0f} vs "
              f"aisloader {row['p1_aisloader']['items_per_s']:.0f}/s; P2 {row['p2_shardscope']['items_per_s']:.0f} "
              f"vs SDK {row['p2_sdk']['items_per_s']:.0f}/s", file=sys.stderr)

    sizes = [1000] * a.sampler_sizes
    sdk_batches, sdk_s = sampler_bench.theirs(sizes, 50000)
    mine = sampler_bench.ours(a.cli, sizes, 50000, want_batches=True)
    p3 = {"sizes": a.sampler_sizes, "sdk_s": sdk_s, "shardscope_s": mine["stats"]["sample_seconds"],
          "batches": len(sdk_batches),
          "identical": [[int(x) for x in b] for b in mine["batches"]] == sdk_batches}

    result = {"schema_version": 1,
              "date": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
              "machine": f"{platform.machine()}, {os.cpu_count()} cores (shared with the cluster)",
              "cluster_version": "5.0 (aisnode v1.5.0)", "targets": targets, "sdk": "aistore 1.25.0", "torch": torch.__version__,
              "datasets": {"small": {"objects": a.objects, "size": 1024},
                           "shards": {"samples": a.p2_samples, "per_shard": a.per_shard,
                                      "members": [".bin 1 KiB", ".cls"]}},
              "rows": rows, "p3": p3, "command": a.command}

    lines = [f"Peer comparison (P1, P2, P3, P6), {result['date']}, {result['machine']}, AIStore 5.0 "
             f"with {targets} target(s), "
             f"SDK 1.25.0, torch {torch.__version__}.", "",
             f"P1: {a.objects:,} objects of 1 KiB once; P2: {a.p2_samples:,} such samples (`<key>.bin` 1 KiB + "
             f"`<key>.cls`) from {a.p2_samples // a.per_shard} tar shards once; P6: the objects of P1 through "
             "get-batch, 64 per request. Ratios are shardscope ÷ peer "
             "(items/s; P2 wire: bytes/s on the wire).", "",
             "| W | P1 ÷ SDK iter | P1 ÷ aisloader | P2 ÷ SDK shard reader | P2 wire ÷ curl | P6 ÷ SDK get-batch |",
             "| ---: | ---: | ---: | ---: | ---: | ---: |"]
    for r in rows:
        p1 = r["p1_shardscope"]["items_per_s"]
        p2 = r["p2_shardscope"]
        lines.append(
            f"| {r['workers']} | {p1 / r['p1_sdk']['items_per_s']:.1f}× ({p1:,.0f}/s) "
            f"| {p1 / r['p1_aisloader']['items_per_s']:.2f}× (aisloader {r['p1_aisloader']['items_per_s']:,.0f}/s) "
            f"| {p2['items_per_s'] / r['p2_sdk']['items_per_s']:.1f}× ({p2['items_per_s']:,.0f}/s) "
            f"| {p2['wire_bytes_per_s'] / r['p2_curl']['wire_bytes_per_s']:.2f}× "
            f"({p2['wire_bytes_per_s'] / 1e6:,.0f} vs {r['p2_curl']['wire_bytes_per_s'] / 1e6:,.0f} MB/s) "
            f"| {r['p6_shardscope']['items_per_s'] / r['p6_sdk']['items_per_s']:.1f}× |")
    lines += ["", "Per-target balance of shardscope's runs (GETs per target, max ÷ mean; 1.00 = even):", "",
              "| W | P1 | P2 | P6 |", "| ---: | ---: | ---: | ---: |"]
    for r in rows:
        cells = [f"{r[k]['cluster']['imbalance']:.2f}" if r[k]["cluster"]["imbalance"] is not None else "?"
                 for k in ("p1_shardscope", "p2_shardscope", "p6_shardscope")]
        lines.append(f"| {r['workers']} | " + " | ".join(cells) + " |")
    lines += ["", f"P3: DynamicBatchSampler over {a.sampler_sizes:,} sizes of 1 KB, max 50 KB: shardscope "
              f"{p3['shardscope_s']:.3f} s, SDK {p3['sdk_s']:.3f} s ({p3['sdk_s'] / max(p3['shardscope_s'], 1e-9):,.0f}× "
              f"faster), {p3['batches']:,} batches, identical: {p3['identical']}.", "",
              f"Command: `{a.command}`"]
    write_report(a.out, "peers", result, "\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
