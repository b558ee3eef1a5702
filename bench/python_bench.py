"""P7: shardscope's Python module in a training-style loop against AIStore's
SDK + PyTorch's DataLoader and against the C++ CLI's `bench`, same data, same
run, W in {1, 2, 4}:

  objects  every object of `small` once (module: Loader mode='object';
           SDK: AISIterDataset + DataLoader(W); CLI: bench --mode object)
  shards   every sample of `shards` once (module: Loader mode='shard';
           SDK: AISShardReader + DataLoader(W); CLI: bench --mode shard)

The Python loops run in child processes that time only the loop and report
their CPU time (threads and DataLoader worker processes included) per item.
The module runs twice per round: with the loop body of a training loop that
touches every item (it counts the bytes, as the CLI does), and with an empty
body (items are only counted): the second is the cost of crossing into Python
alone, the issue's goal (≥ 0.85× the CLI). Each round runs every tool once,
one after another, so back-to-back runs pair up in the ratios. Every figure is
the median of --runs rounds (min and max kept), a ratio the median of the
round-by-round ratios with their range; a tool that read another number of
items than the listing fails the run (no table).
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
    tool, endpoint, bucket, mode, workers, body = sys.argv[1:7]
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
    c0, t0, tc0 = cpu(), time.perf_counter(), time.thread_time()
    items = nbytes = 0
    if body == "empty":
        for item in loader:                  # the crossing alone
            items += 1
    elif tool == "module" and mode == "shard":
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
    thread_cpu = time.thread_time() - tc0   # this thread only: the loop and the crossing, no loader threads
    if hasattr(loader, "close"):
        loader.close()
    print(json.dumps({"items": items, "bytes": nbytes, "seconds": secs, "items_per_s": items / secs,
                      "cpu_s": cpu() - c0, "thread_cpu_s": thread_cpu}))
""")


def python_loop(python, tool, endpoint, bucket, mode, workers, body="count"):
    out = subprocess.run([python, "-c", LOOP, tool, endpoint, bucket, mode, str(workers), body], check=True,
                         capture_output=True, text=True, env=dict(os.environ, AIS_ENDPOINT=endpoint)).stdout
    r = json.loads(out.strip().splitlines()[-1])
    r["cpu_us_per_item"] = r["cpu_s"] / max(r["items"], 1) * 1e6
    r["thread_us_per_item"] = r["thread_cpu_s"] / max(r["items"], 1) * 1e6
    return r


def cli_bench(cli, endpoint, bucket, mode, workers):
    out = subprocess.run([cli, "bench", f"ais://{bucket}", "--mode", mode, "--workers", str(workers), "--epochs",
                          "1", "--json"], check=True, capture_output=True, text=True,
                         env=dict(os.environ, AIS_ENDPOINT=endpoint)).stdout
    r = json.loads(out)
    cpu_s = r.get("cpu_percent", 0) / 100 * r["seconds"]
    return {"items": r["items"], "bytes": r["bytes"], "seconds": r["seconds"], "items_per_s": r["items_per_s"],
            "errors": r["errors"], "cpu_s": cpu_s, "cpu_us_per_item": cpu_s / max(r["items"], 1) * 1e6}


def summarize(results, expect):
    for r in results:
        if r["items"] != expect or r.get("errors", 0):
            raise SystemExit(f"a run read {r['items']} items (expected {expect}) with {r.get('errors', 0)} errors: "
                             "no table")
    rates = [r["items_per_s"] for r in results]
    cpu = [r["cpu_us_per_item"] for r in results]
    thread = [r["thread_us_per_item"] for r in results if "thread_us_per_item" in r]
    return {"items": expect, "items_per_s": statistics.median(rates), "min": min(rates), "max": max(rates),
            "cpu_us_per_item": statistics.median(cpu),
            "thread_us_per_item": statistics.median(thread) if thread else None, "runs": results}


def ratio(a, b):
    """Median and range of the round-by-round ratios a/b (same rounds)."""
    rs = [x["items_per_s"] / y["items_per_s"] for x, y in zip(a["runs"], b["runs"])]
    return {"median": statistics.median(rs), "min": min(rs), "max": max(rs)}


def verdict(r, goal):
    if r["min"] >= goal:
        return "met"
    if r["max"] < goal:
        return "not met"
    return "overlaps the goal"


def rounds(a, w, mode, bucket, n):
    """--runs rounds of every tool, one after another in each round."""
    tools = {"module": lambda: python_loop(a.python, "module", a.endpoint, bucket, mode, w),
             "module_empty": lambda: python_loop(a.python, "module", a.endpoint, bucket, mode, w, "empty"),
             "cli": lambda: cli_bench(a.cli, a.endpoint, bucket, mode, w)}
    if not a.no_sdk:
        tools["sdk"] = lambda: python_loop(a.python, "sdk", a.endpoint, bucket, mode, w)
    runs = {k: [] for k in tools}
    for _ in range(a.runs):
        for k, fn in tools.items():
            runs[k].append(fn())
    out = {k: summarize(v, n) for k, v in runs.items()}
    out.setdefault("sdk", None)
    out["vs_cli"] = ratio(out["module"], out["cli"])
    out["crossing_vs_cli"] = ratio(out["module_empty"], out["cli"])
    out["vs_sdk"] = ratio(out["module"], out["sdk"]) if out["sdk"] else None
    return out


def render(result):
    a_runs = result["runs"]
    ds = result["datasets"]
    lines = [f"P7: shardscope's Python module in a training loop, {result['date']}, {result['machine']}, "
             f"AIStore 5.0, SDK 1.25.0; median of {a_runs} rounds (min-max), each round every tool once.", "",
             f"objects: {ds['small']['objects']:,} objects of 1 KiB once; shards: {ds['shards']['samples']:,} samples "
             f"(1 KiB .bin + .cls) in tar shards of {ds['shards']['per_shard']:,}. Goals: module ≥ 8× SDK; "
             "crossing into Python ≤ 15%: the module with an empty loop body ≥ 0.85× the CLI's `bench`.", "",
             "| W | data | module items/s (loop counts bytes) | ÷ SDK | ÷ CLI bench | "
             "module, empty loop body | ÷ CLI: the crossing alone | CPU µs/item module / SDK / CLI; "
             "the Python thread's own (empty loop) |",
             "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |"]

    def rng(r):
        return f"{r['median']:.2f}× ({r['min']:.2f}-{r['max']:.2f})"

    def us(v):
        return f"{v:.1f}" if v < 10 else f"{v:,.0f}"

    verdicts = []
    for r in result["rows"]:
        for mode in ("object", "shard"):
            x = r[mode]
            m, s, c, e = x["module"], x["sdk"], x["cli"], x["module_empty"]
            vs_sdk = (f"{x['vs_sdk']['median']:.1f}× ({x['vs_sdk']['min']:.1f}-{x['vs_sdk']['max']:.1f}; "
                      f"SDK {s['items_per_s']:,.0f}/s)") if s else "-"
            sdk_cpu = us(s["cpu_us_per_item"]) if s else "-"
            own = f"; {e['thread_us_per_item']:.2f}" if e.get("thread_us_per_item") is not None else ""
            lines.append(f"| {r['workers']} | {mode}s | {m['items_per_s']:,.0f} ({m['min']:,.0f}-{m['max']:,.0f}) "
                         f"| {vs_sdk} | {rng(x['vs_cli'])} (CLI {c['items_per_s']:,.0f}/s) "
                         f"| {e['items_per_s']:,.0f} ({e['min']:,.0f}-{e['max']:,.0f}) | {rng(x['crossing_vs_cli'])} "
                         f"| {us(m['cpu_us_per_item'])} / {sdk_cpu} / {us(c['cpu_us_per_item'])}{own} |")
            if s:
                verdicts.append(f"| {r['workers']} | {mode}s | module ÷ SDK ≥ 8× | {verdict(x['vs_sdk'], 8.0)} |")
            verdicts.append(f"| {r['workers']} | {mode}s | crossing: empty loop ÷ CLI ≥ 0.85× | "
                            f"{verdict(x['crossing_vs_cli'], 0.85)} |")
    lines += ["", "| W | data | goal | verdict |", "| ---: | --- | --- | --- |"] + verdicts
    lines += ["", f"Command: `{result['command']}`"]
    return "\n".join(lines) + "\n"


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
            row[mode] = r = rounds(a, w, mode, bucket, n)
            sdk = f"{r['sdk']['items_per_s']:,.0f}/s" if r["sdk"] else "-"
            print(f"W={w} {mode}: module {r['module']['items_per_s']:,.0f}/s "
                  f"(empty body {r['module_empty']['items_per_s']:,.0f}/s), SDK {sdk}, "
                  f"CLI {r['cli']['items_per_s']:,.0f}/s", file=sys.stderr)
        rows.append(row)

    result = {"schema_version": 2, "date": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
              "machine": f"{platform.machine()}, {os.cpu_count()} cores (shared with the cluster)",
              "cluster_version": "5.0 (aisnode v1.5.0)", "sdk": "aistore 1.25.0", "runs": a.runs,
              "datasets": {"small": {"objects": a.objects, "size": 1024},
                           "shards": {"samples": a.samples, "per_shard": a.per_shard}},
              "rows": rows, "command": a.command}
    write_report(a.out, "python", result, render(result))


if __name__ == "__main__":
    main()
