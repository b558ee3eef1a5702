"""P7: shardscope's Python module in a training-style loop against AIStore's
SDK + PyTorch's DataLoader and against the C++ CLI's `bench`, same data, same
run, W in {1, 2, 4}:

  objects  every object of `small` once (module: Loader mode='object';
           SDK: AISIterDataset + DataLoader(W); CLI: bench --mode object)
  shards   every sample of `shards` once (module: Loader mode='shard';
           SDK: AISShardReader + DataLoader(W); CLI: bench --mode shard)

The Python loops run in child processes that time only the loop and report
their CPU time (threads and DataLoader worker processes included) per item.
Every figure is the median of --runs runs (min and max kept); a tool that read
another number of items than the listing fails the run (no table).
Writes bench/results/python-<stamp>.json and .md.
"""

import argparse
import datetime as dt
import json
import os
import platform
import statistics
import subprocess
import sys
import textwrap

from aistore.sdk import Client

import loader_bench
from report import write_report

HERE = os.path.dirname(os.path.abspath(__file__))

LOOP = textwrap.dedent("""
    import json, resource, sys, time
    tool, endpoint, bucket, mode, workers = sys.argv[1:6]
    workers = int(workers)

    def cpu():
        s, c = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
        return s.ru_utime + s.ru_stime + c.ru_utime + c.ru_stime

    if tool == "module":
        import shardscope as ss
        opts = ss.StoreOptions(endpoint=endpoint)
        loader = ss.Loader(f"ais://{bucket}", mode=mode, workers=workers, options=opts)
    else:
        import torch
        from aistore.sdk import Client
        from aistore.pytorch import AISIterDataset, AISShardReader
        bck = Client(endpoint).bucket(bucket)
        ds = AISIterDataset(ais_source_list=bck) if mode == "object" else AISShardReader(bucket_list=bck)
        loader = torch.utils.data.DataLoader(ds, batch_size=None, num_workers=workers if workers > 1 else 0)
    c0, t0 = cpu(), time.perf_counter()
    items = nbytes = 0
    if tool == "module" and mode == "shard":
        for key, members in loader:          # the training loop: touch every sample
            items += 1
            nbytes += sum(len(v) for v in members.values())
    elif tool == "module":
        for name, data in loader:
            items += 1
            nbytes += len(data)
    elif mode == "shard":
        for key, members in loader:
            items += 1
            nbytes += sum(len(v) for v in members.values())
    else:
        for name, data in loader:
            items += 1
            nbytes += len(data)
    secs = time.perf_counter() - t0
    if hasattr(loader, "close"):
        loader.close()
    print(json.dumps({"items": items, "bytes": nbytes, "seconds": secs, "items_per_s": items / secs,
                      "cpu_s": cpu() - c0}))
""")


def python_loop(python, tool, endpoint, bucket, mode, workers):
    out = subprocess.run([python, "-c", LOOP, tool, endpoint, bucket, mode, str(workers)], check=True,
                         capture_output=True, text=True, env=dict(os.environ, AIS_ENDPOINT=endpoint)).stdout
    r = json.loads(out.strip().splitlines()[-1])
    r["cpu_us_per_item"] = r["cpu_s"] / max(r["items"], 1) * 1e6
    return r


def cli_bench(cli, endpoint, bucket, mode, workers):
    out = subprocess.run([cli, "bench", f"ais://{bucket}", "--mode", mode, "--workers", str(workers), "--epochs",
                          "1", "--json"], check=True, capture_output=True, text=True,
                         env=dict(os.environ, AIS_ENDPOINT=endpoint)).stdout
    r = json.loads(out)
    cpu_s = r.get("cpu_percent", 0) / 100 * r["seconds"]
    return {"items": r["items"], "bytes": r["bytes"], "seconds": r["seconds"], "items_per_s": r["items_per_s"],
            "errors": r["errors"], "cpu_s": cpu_s, "cpu_us_per_item": cpu_s / max(r["items"], 1) * 1e6}


def median_of(runs, fn, expect):
    results = [fn() for _ in range(runs)]
    for r in results:
        if r["items"] != expect or r.get("errors", 0):
            raise SystemExit(f"a run read {r['items']} items (expected {expect}) with {r.get('errors', 0)} errors: "
                             "no table")
    rates = [r["items_per_s"] for r in results]
    cpu = [r["cpu_us_per_item"] for r in results]
    return {"items": expect, "items_per_s": statistics.median(rates), "min": min(rates), "max": max(rates),
            "cpu_us_per_item": statistics.median(cpu), "runs": results}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cli", required=True)
    ap.add_argument("--python", default=sys.executable, help="a Python with shardscope, aistore and torch")
    ap.add_argument("--endpoint", default=os.environ.get("AIS_ENDPOINT", "http://127.0.0.1:8080"))
    ap.add_argument("--objects", type=int, default=5000)
    ap.add_argument("--samples", type=int, default=20000)
    ap.add_argument("--per-shard", type=int, default=1000)
    ap.add_argument("--workers", default="1,2,4")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--out", default=os.path.join(HERE, "results"))
    ap.add_argument("--bucket-prefix", default="ss-bench", help="buckets <prefix>-small-N and <prefix>-shards-N")
    ap.add_argument("--command", default="bench/run.sh python")
    ap.add_argument("--no-sdk", action="store_true",
                    help="leave out the SDK + DataLoader (slow): module vs CLI only, for quick before/after runs")
    a = ap.parse_args()
    client = Client(a.endpoint)
    small, shards = f"{a.bucket_prefix}-small-{a.objects}", f"{a.bucket_prefix}-shards-{a.samples}"
    loader_bench.ensure_small(a.cli, client, a.endpoint, small, a.objects)
    loader_bench.ensure_shards(client, shards, a.samples, a.per_shard)

    rows = []
    for w in map(int, a.workers.split(",")):
        row = {"workers": w}
        for mode, bucket, n in (("object", small, a.objects), ("shard", shards, a.samples)):
            row[mode] = {
                "module": median_of(a.runs, lambda: python_loop(a.python, "module", a.endpoint, bucket, mode, w), n),
                "sdk": None if a.no_sdk else median_of(
                    a.runs, lambda: python_loop(a.python, "sdk", a.endpoint, bucket, mode, w), n),
                "cli": median_of(a.runs, lambda: cli_bench(a.cli, a.endpoint, bucket, mode, w), n),
            }
            r = row[mode]
            sdk = f"{r['sdk']['items_per_s']:,.0f}/s" if r["sdk"] else "-"
            print(f"W={w} {mode}: module {r['module']['items_per_s']:,.0f}/s, SDK {sdk}, "
                  f"CLI {r['cli']['items_per_s']:,.0f}/s", file=sys.stderr)
        rows.append(row)

    result = {"schema_version": 1, "date": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
              "machine": f"{platform.machine()}, {os.cpu_count()} cores (shared with the cluster)",
              "cluster_version": "5.0 (aisnode v1.5.0)", "sdk": "aistore 1.25.0", "runs": a.runs,
              "datasets": {"small": {"objects": a.objects, "size": 1024},
                           "shards": {"samples": a.samples, "per_shard": a.per_shard}},
              "rows": rows, "command": a.command}
    lines = [f"P7: shardscope's Python module in a training loop, {result['date']}, {result['machine']}, "
             f"AIStore 5.0, SDK 1.25.0; median of {a.runs} runs (min-max).", "",
             f"objects: {a.objects:,} objects of 1 KiB once; shards: {a.samples:,} samples (1 KiB .bin + .cls) "
             f"in tar shards of {a.per_shard:,}. Goal: module ≥ 8× SDK, ≥ 0.85× CLI.", "",
             "| W | data | module items/s | ÷ SDK | ÷ CLI bench | CPU µs/item module / SDK / CLI |",
             "| ---: | --- | ---: | ---: | ---: | ---: |"]
    for r in rows:
        for mode in ("object", "shard"):
            m, s, c = r[mode]["module"], r[mode]["sdk"], r[mode]["cli"]
            vs_sdk = f"{m['items_per_s'] / s['items_per_s']:.1f}× (SDK {s['items_per_s']:,.0f}/s)" if s else "-"
            sdk_cpu = f"{s['cpu_us_per_item']:.0f}" if s else "-"
            lines.append(f"| {r['workers']} | {mode}s | {m['items_per_s']:,.0f} ({m['min']:,.0f}-{m['max']:,.0f}) "
                         f"| {vs_sdk} "
                         f"| {m['items_per_s'] / c['items_per_s']:.2f}× (CLI {c['items_per_s']:,.0f}/s) "
                         f"| {m['cpu_us_per_item']:.0f} / {sdk_cpu} / {c['cpu_us_per_item']:.0f} |")
    lines += ["", f"Command: `{a.command}`"]
    write_report(a.out, "python", result, "\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
