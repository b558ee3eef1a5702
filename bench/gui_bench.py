"""P5: the desktop app listing a large bucket (1,000,000 objects by default) to
the end in the explorer, then benchmarking it at full rate (4 workers, 10 s),
driven by `shardscope --measure`: the GUI thread's stalls (p50/p95/p99/max)
and the memory (RSS at the end and peak) of each phase, and where the stall
time went: the GUI thread's own CPU time and its time waiting for a core.

Each run is its own process; --repeat runs (3), every cell the median
(min-max). Goals (issue #17): stall p99 <= 16 ms and max <= 50 ms in both
phases, peak RSS <= 150 MB with the objects listed (in each phase). A goal is "met" when
every run meets it, "not met" when none does, else "overlaps the goal".

The bucket is the listing benchmark's (bench-small-N, datasets.ensure_small),
made once and reused; --drop-bucket removes it afterwards (a cluster that
keeps 1M objects rebalances slowly when its membership changes).

--local-objects N (e.g. 10000000): also lists a local folder of N empty
files (file://, folders of 10,000) in the explorer, more than its 2M-row
limit holds: the stalls and memory while it walks, sorts and stops at the
limit. The folder is made once under --local-dir and kept unless
--drop-bucket.

Writes bench/results/gui-<stamp>.json and .md and prints the Markdown.
"""

import argparse
import os
import shutil
import subprocess
import sys

import datasets
import harness

HERE = os.path.dirname(os.path.abspath(__file__))
MB = 1024 * 1024 / 1e6  # MiB -> MB
GOALS = {"stall_p99_ms": 16.0, "stall_max_ms": 50.0, "rss_peak_mb": 150.0}


def one_run(app, bucket, bench_seconds, env):
    p = subprocess.run([app, "--measure", f"ais://{bucket}", "--measure-bench-seconds", str(bench_seconds)],
                       capture_output=True, text=True, env=env, timeout=1800)
    if p.returncode != 0:
        raise harness.BenchFailure(f"shardscope --measure exited {p.returncode}: {p.stderr.strip()[-400:]}")
    m = harness.last_json(p.stdout)
    if m is None:
        raise harness.BenchFailure(f"shardscope --measure printed no JSON: {p.stdout[-400:]}")
    return m


def ensure_local_tree(root, n, per_dir=10000):
    """n empty files o-<i> in folders d-<i // per_dir> under root (made once)."""
    marker = root.rstrip("/") + ".made"  # beside the tree, not in it
    if os.path.isdir(root) and os.path.exists(marker) and open(marker).read().strip() == str(n):
        return
    shutil.rmtree(root, ignore_errors=True)
    print(f"making {n:,} empty files under {root} ...", file=sys.stderr)
    for i in range(n):
        if i % per_dir == 0:
            d = os.path.join(root, f"d-{i // per_dir:05d}")
            os.makedirs(d)
        os.close(os.open(os.path.join(d, f"o-{i:08d}"), os.O_CREAT | os.O_WRONLY, 0o644))
    with open(marker, "w") as f:
        f.write(f"{n}\n")


def goal_verdict(values, goal):
    """Lower is better: met when the worst run is within the goal."""
    if not values or any(v is None for v in values):
        return "n/a"
    if max(values) <= goal:
        return "met"
    if min(values) > goal:
        return "not met"
    return "overlaps the goal"


def render(res):
    runs, n = res["runs"], res["objects"]
    m, c = res["machine"], res.get("cluster") or {}

    def cell(values, digits=1):
        s = harness.spread(values)
        if s is None:
            return "—"
        f = f"{{:.{digits}f}}"
        return f.format(s["median"]) if s["n"] == 1 else \
            f"{f.format(s['median'])} ({f.format(s['min'])}–{f.format(s['max'])})"

    lines = [f"GUI responsiveness (P5), {res['date']}.", "",
             f"Machine: {m['cpu_model']}, {m['cores']} cores (shared with the cluster), load average at start "
             f"{m['load_avg_at_start'][0]:.1f}. Cluster: AIStore {c.get('ais_version')}, {c.get('targets')} targets. "
             f"Qt offscreen. {len(runs)} runs, each its own process: median (min–max).", "",
             "| phase | stall p50 (ms) | p95 | p99 | max | RSS at end (MB) | RSS peak (MB) | work |",
             "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |"]
    for phase in ("listing", "benchmark"):
        ps = [r.get(phase) for r in runs]
        if any(p is None for p in ps):
            continue
        if phase == "listing":
            work = f"{ps[0]['objects']:,} objects in {cell([p['seconds'] for p in ps])} s"
            if ps[0].get("truncated"):
                work += " (the explorer's row limit: it says so and stops)"
        else:
            work = f"{cell([p.get('items_per_s') for p in ps], 0)} objects/s"
        lines.append(f"| {phase} | {cell([p['stall_p50_ms'] for p in ps])} | {cell([p['stall_p95_ms'] for p in ps])} | "
                     f"{cell([p['stall_p99_ms'] for p in ps])} | {cell([p['stall_max_ms'] for p in ps], 0)} | "
                     f"{cell([p['rss_mib'] * MB for p in ps], 0)} | {cell([p['rss_peak_mib'] * MB for p in ps], 0)} | "
                     f"{work} |")
    lines += ["", "| goal | verdict |", "| --- | --- |"]
    for phase in ("listing", "benchmark"):
        ps = [r.get(phase) for r in runs]
        if any(p is None for p in ps):
            continue
        lines.append(f"| {phase}: stall p99 ≤ {GOALS['stall_p99_ms']:.0f} ms | "
                     f"{goal_verdict([p['stall_p99_ms'] for p in ps], GOALS['stall_p99_ms'])} |")
        lines.append(f"| {phase}: stall max ≤ {GOALS['stall_max_ms']:.0f} ms | "
                     f"{goal_verdict([p['stall_max_ms'] for p in ps], GOALS['stall_max_ms'])} |")
    # Phases whose every run has the stall split (older result files have none).
    split = [(phase, [r.get(phase) for r in runs]) for phase in ("listing", "benchmark")]
    split = [(phase, ps) for phase, ps in split if all(ps) and all("own_stall_max_ms" in p for p in ps)]
    for phase, ps in split:
        lines.append(f"| {phase}: the app's own part of the stalls (without waiting for a core), "
                     f"p99 ≤ {GOALS['stall_p99_ms']:.0f} ms and max ≤ {GOALS['stall_max_ms']:.0f} ms | "
                     f"p99 {goal_verdict([p['own_stall_p99_ms'] for p in ps], GOALS['stall_p99_ms'])}, "
                     f"max {goal_verdict([p['own_stall_max_ms'] for p in ps], GOALS['stall_max_ms'])} |")
    for phase, what in (("listing", "the explorer"), ("benchmark", "the explorer and the loader")):
        ps = [r.get(phase) for r in runs]
        if all(ps):
            lines.append(f"| {phase}: peak RSS ≤ {GOALS['rss_peak_mb']:.0f} MB with {n:,} objects listed in {what} | "
                         f"{goal_verdict([p['rss_peak_mib'] * MB for p in ps], GOALS['rss_peak_mb'])} |")
    if split:
        lines += ["", "Where the stall time went, per probe interval of the GUI thread (its CPU time from "
                      "`CLOCK_THREAD_CPUTIME_ID`; its time ready to run but waiting for a core from "
                      "`/proc/thread-self/schedstat`; the stall without that wait is the part the app's own "
                      "work causes):", "",
                  "| phase | GUI thread CPU p99 (ms) | max | waiting for a core p99 (ms) | max | "
                  "stall without the wait p99 (ms) | max |",
                  "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
        for phase, ps in split:
            lines.append(f"| {phase} | {cell([p['gui_cpu_p99_ms'] for p in ps])} | "
                         f"{cell([p['gui_cpu_max_ms'] for p in ps])} | {cell([p['core_wait_p99_ms'] for p in ps])} | "
                         f"{cell([p['core_wait_max_ms'] for p in ps], 0)} | {cell([p['own_stall_p99_ms'] for p in ps])} | "
                         f"{cell([p['own_stall_max_ms'] for p in ps], 0)} |")
    local = res.get("local")
    if local and local.get("runs"):
        ps = [r["listing"] for r in local["runs"]]
        lines += ["", f"A local folder of {local['objects']:,} files (file://, folders of 10,000), more than the "
                      f"explorer holds: {len(ps)} run(s), median (min–max).", "",
                  "| rows shown | stopped at the limit | seconds | stall p50 (ms) | p95 | p99 | max | RSS at end (MB) | "
                  "RSS peak (MB) |", "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
                  f"| {ps[0]['objects']:,} | {'yes' if all(p.get('truncated') for p in ps) else 'no'} | "
                  f"{cell([p['seconds'] for p in ps])} | {cell([p['stall_p50_ms'] for p in ps])} | "
                  f"{cell([p['stall_p95_ms'] for p in ps])} | {cell([p['stall_p99_ms'] for p in ps])} | "
                  f"{cell([p['stall_max_ms'] for p in ps], 0)} | {cell([p['rss_mib'] * MB for p in ps], 0)} | "
                  f"{cell([p['rss_peak_mib'] * MB for p in ps], 0)} |"]
    lines += ["", f"Command: `{res['command']}`"]
    return "\n".join(lines) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--app", required=True)
    ap.add_argument("--cli", required=True)
    ap.add_argument("--endpoint", default=os.environ.get("AIS_ENDPOINT", "http://127.0.0.1:8080"))
    ap.add_argument("--objects", type=int, default=1000000)
    ap.add_argument("--bench-seconds", type=int, default=10)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--bucket-prefix", default="bench")
    ap.add_argument("--drop-bucket", action="store_true", help="remove the bucket (and local folder) at the end")
    ap.add_argument("--local-objects", type=int, default=0, help="also list a local folder of this many files")
    ap.add_argument("--local-dir", default="/var/tmp/shardscope-p5-local")
    ap.add_argument("--out", default=os.path.join(HERE, "results"))
    ap.add_argument("--command", default="bench/run.sh gui")
    a = ap.parse_args()
    from aistore.sdk import Client
    env = dict(os.environ, AIS_ENDPOINT=a.endpoint, QT_QPA_PLATFORM="offscreen")
    bucket = f"{a.bucket_prefix}-small-{a.objects}"
    datasets.ensure_small(a.cli, Client(a.endpoint), a.endpoint, bucket, a.objects)
    result = harness.describe(a.endpoint, a.cli)
    result.update({"suite": "gui", "command": a.command, "objects": a.objects, "bucket": f"ais://{bucket}",
                   "bench_seconds": a.bench_seconds, "goals": GOALS, "runs": []})
    try:
        for i in range(a.repeat):
            m = one_run(a.app, bucket, a.bench_seconds, env)
            listed = (m.get("listing") or {}).get("objects")
            if listed != a.objects:
                raise harness.BenchFailure(f"run {i + 1}: the explorer listed {listed} objects, not {a.objects}")
            result["runs"].append(m)
            print(f"P5 run {i + 1}/{a.repeat} done", file=sys.stderr)
        if a.local_objects:
            ensure_local_tree(a.local_dir, a.local_objects)
            result["local"] = {"objects": a.local_objects, "url": "file://<local-dir>", "runs": []}
            for i in range(a.repeat):
                p = subprocess.run([a.app, "--measure", f"file://{a.local_dir}", "--measure-bench-seconds", "0"],
                                   capture_output=True, text=True, env=env, timeout=1800)
                if p.returncode != 0:
                    raise harness.BenchFailure(f"--measure of the local folder exited {p.returncode}: "
                                               f"{(p.stderr + p.stdout).strip()[-400:]}")
                result["local"]["runs"].append(harness.last_json(p.stdout))
                print(f"P5 local run {i + 1}/{a.repeat} done", file=sys.stderr)
    except (harness.BenchFailure, subprocess.TimeoutExpired) as e:
        print(f"GUI benchmark FAILED: {e}", file=sys.stderr)
        return 1
    finally:
        if a.drop_bucket:
            subprocess.run([a.cli, "rb", f"ais://{bucket}"], capture_output=True, env=env)
            shutil.rmtree(a.local_dir, ignore_errors=True)
            if os.path.exists(a.local_dir.rstrip("/") + ".made"):
                os.remove(a.local_dir.rstrip("/") + ".made")
    harness.write_result(a.out, "gui", result, render)
    return 0


if __name__ == "__main__":
    sys.exit(main())
