"""Storage-layer benchmarks (issue: storage layer), same cluster, same run.

Listing: `shardscope-cli ls ais://B --summary` against the AIStore Python SDK's
`list_all_objects` and, when it is on PATH (scripts/install-ais-cli.sh puts it
in $AIS_BIN), AIStore's `ais ls --count-only` (names only) and
`ais ls --count-only --props name,size` over the same N-object bucket, run one
after the other in each repeat. Without the CLI the report says so.
GET rate of 1 KiB objects with W threads: `shardscope-cli bench` (direct to the
owning target, and through the proxy) against `aisloader` with W workers.

Writes bench/results/storage-<stamp>.json and .md and prints the Markdown.
Measurements, not tests: nothing here fails on a number.
"""

import argparse
import datetime as dt
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time

from aistore.sdk import Client

from report import write_report

HERE = os.path.dirname(os.path.abspath(__file__))


def run(cmd, env=None, timeout=3600):
    t0 = time.perf_counter()
    p = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=timeout, check=False)
    secs = time.perf_counter() - t0
    if p.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed ({p.returncode}): {p.stderr.strip()[-500:]}")
    return p.stdout, secs


def ensure_objects(cli, endpoint, bucket, n, workers):
    client = Client(endpoint)
    bck = client.bucket(bucket)
    try:
        count = sum(1 for _ in bck.list_all_objects_iter(props="name"))
    except Exception:  # missing bucket
        count = -1
    if count == n:
        return
    if count >= 0:
        bck.delete(missing_ok=True)
    print(f"populating ais://{bucket} with {n} objects of 1 KiB ...", file=sys.stderr)
    run([cli, "gen", f"ais://{bucket}", "--objects", str(n), "--size", "1KiB", "--workers", str(workers)],
        env=dict(os.environ, AIS_ENDPOINT=endpoint))


def ais_cli():
    """The `ais` CLI: on PATH, else where scripts/install-ais-cli.sh puts it; None when absent."""
    found = shutil.which("ais")
    if found:
        return found
    bin_dir = os.environ.get("AIS_BIN", "")
    cand = os.path.join(bin_dir, "ais") if bin_dir else ""
    return cand if cand and os.access(cand, os.X_OK) else None


def ais_count(ais, bucket, env, extra):
    """`ais ls --count-only`: (objects it counted, seconds)."""
    out, secs = run([ais, "ls", f"ais://{bucket}", "--count-only", *extra], env=env)
    m = re.findall(r"Listed ([\d,]+) names", out)
    if not m:
        raise RuntimeError(f"ais ls --count-only printed no count: {out[-300:]!r}")
    return int(m[-1].replace(",", "")), secs


def bench_listing(cli, endpoint, bucket, repeats):
    env = dict(os.environ, AIS_ENDPOINT=endpoint)
    ais = ais_cli()
    if ais is None:
        print("the ais CLI is not on PATH (scripts/install-ais-cli.sh): listing without it", file=sys.stderr)
    ours, ours_count, theirs, cli_names, cli_name_size = [], [], [], [], []
    items = None
    for _ in range(repeats):
        out, secs = run([cli, "ls", f"ais://{bucket}", "--summary", "--json"], env=env)
        items = json.loads(out)["objects"]
        ours.append(secs)
        out, secs = run([cli, "ls", f"ais://{bucket}", "--count-only", "--json"], env=env)
        assert json.loads(out)["objects"] == items, ("ls --count-only", out, items)
        ours_count.append(secs)
        if ais:
            for extra, into in (([], cli_names), (["--props", "name,size"], cli_name_size)):
                n, secs = ais_count(ais, bucket, env, extra)
                assert n == items, ("ais", extra, n, items)
                into.append(secs)
        client = Client(endpoint)
        t0 = time.perf_counter()
        n = len(client.bucket(bucket).list_all_objects(props="name,size"))
        theirs.append(time.perf_counter() - t0)
        assert n == items, (n, items)
    return {
        "items": items,
        "shardscope_s": statistics.median(ours),
        "shardscope_count_only_s": statistics.median(ours_count),
        "python_sdk_s": statistics.median(theirs),
        "ais_cli_s": statistics.median(cli_names) if cli_names else None,
        "ais_cli_name_size_s": statistics.median(cli_name_size) if cli_name_size else None,
    }


def bench_get(cli, aisloader, endpoint, bucket, workers, seconds):
    env = dict(os.environ, AIS_ENDPOINT=endpoint)
    rows = []
    host, port = re.match(r"https?://([^:/]+):(\d+)", endpoint).groups()
    for w in workers:
        row = {"workers": w}
        for key, extra in (("shardscope_direct", []), ("shardscope_proxy", ["--via-proxy"])):
            out, _ = run([cli, "bench", f"ais://{bucket}", "--mode", "object", "--workers", str(w),
                          "--duration", str(seconds), "--json", *extra], env=env)
            r = json.loads(out)
            row[key] = {k: r[k] for k in ("items", "bytes", "seconds", "items_per_s", "bytes_per_s", "errors",
                                         "latency_ms")}
        env2 = {k: v for k, v in os.environ.items() if k != "AIS_ENDPOINT"}
        out, _ = run([aisloader, f"-ip={host}", f"-port={port}", f"-bucket=ais://{bucket}", "-cleanup=false",
                      "-pctput=0", f"-duration={seconds}s", f"-numworkers={w}", "-quiet", "-json",
                      "-stats-output=/dev/stdout"], env=env2)
        stats = json.loads(out[out.index("["):out.rindex("]") + 1])[-1]["get"]
        count, dur_ns = int(stats["count"]), int(stats["duration"])
        row["aisloader"] = {"items": count, "bytes": int(stats["bytes"]), "seconds": dur_ns / 1e9,
                            "items_per_s": count / (dur_ns / 1e9), "errors": int(stats["errors"]),
                            "latency_ms": {"mean": int(stats["latency"]) / 1e6}}
        rows.append(row)
        print(f"W={w}: direct {row['shardscope_direct']['items_per_s']:.0f}/s, "
              f"proxy {row['shardscope_proxy']['items_per_s']:.0f}/s, "
              f"aisloader {row['aisloader']['items_per_s']:.0f}/s", file=sys.stderr)
    return rows


def markdown(result):
    lines = [f"Storage benchmarks, {result['date']}, {result['machine']}, AIStore {result['cluster_version']}, "
             f"SDK {result['sdk_version']}.", ""]
    ls = result["listing"]
    lines += [f"Listing {ls['items']:,} objects (median of {result['repeats']}):", "",
              "| tool | seconds | shardscope ÷ tool |", "| --- | ---: | ---: |",
              f"| shardscope-cli ls --summary | {ls['shardscope_s']:.2f} | 1.00 |",
              f"| Python SDK list_all_objects | {ls['python_sdk_s']:.2f} | {ls['shardscope_s'] / ls['python_sdk_s']:.2f} |",
             ]
    for label, key in (("ais ls --count-only --props name,size", "ais_cli_name_size_s"),):
        v = ls.get(key)
        lines.append(f"| {label} | {v:.2f} | {ls['shardscope_s'] / v:.2f} |" if v else
                     f"| {label} | not on PATH (scripts/install-ais-cli.sh) | — |")
    v = ls.get("ais_cli_s")
    lines += ["", "Counting only (names, no sizes):", "",
              "| tool | seconds | shardscope ÷ tool |", "| --- | ---: | ---: |",
              f"| shardscope-cli ls --count-only | {ls['shardscope_count_only_s']:.2f} | 1.00 |",
              f"| ais ls --count-only | {v:.2f} | {ls['shardscope_count_only_s'] / v:.2f} |" if v else
              "| ais ls --count-only | not on PATH (scripts/install-ais-cli.sh) | — |", ""]
    lines += ["GET of 1 KiB objects, objects/s (ratio to aisloader with the same workers):", "",
              "| workers | aisloader | shardscope via proxy | shardscope direct | p99 ms (direct) |",
              "| ---: | ---: | ---: | ---: | ---: |"]
    for r in result["get"]:
        a = r["aisloader"]["items_per_s"]
        p = r["shardscope_proxy"]["items_per_s"]
        d = r["shardscope_direct"]["items_per_s"]
        lines.append(f"| {r['workers']} | {a:,.0f} | {p:,.0f} ({p / a:.2f}×) | {d:,.0f} ({d / a:.2f}×) | "
                     f"{r['shardscope_direct']['latency_ms']['p99']:.2f} |")
    lines += ["", f"Command: `{result['command']}`"]
    return "\n".join(lines) + "\n"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cli", required=True)
    ap.add_argument("--aisloader", required=True)
    ap.add_argument("--endpoint", default=os.environ.get("AIS_ENDPOINT", "http://127.0.0.1:8080"))
    ap.add_argument("--objects", type=int, default=100000)
    ap.add_argument("--workers", default="1,2,4,8")
    ap.add_argument("--seconds", type=int, default=10)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--out", default=os.path.join(HERE, "results"))
    ap.add_argument("--command", default="bench/run.sh storage", help="how this run was started, for the report")
    a = ap.parse_args()
    bucket = f"ss-bench-small-{a.objects}"
    ensure_objects(a.cli, a.endpoint, bucket, a.objects, 8)
    import aistore
    client = Client(a.endpoint)
    result = {
        "schema_version": 1,
        "date": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores",
        "cluster_version": "5.0 (aisnode v1.5.0)",
        "sdk_version": aistore.__version__,
        "dataset": {"name": "small", "objects": a.objects, "object_size": 1024, "bucket": f"ais://{bucket}"},
        "repeats": a.repeats,
        "command": a.command,
    }
    result["listing"] = bench_listing(a.cli, a.endpoint, bucket, a.repeats)
    result["get"] = bench_get(a.cli, a.aisloader, a.endpoint, bucket,
                              [int(w) for w in a.workers.split(",")], a.seconds)
    write_report(a.out, "storage", result, markdown(result))


if __name__ == "__main__":
    main()
