"""P5: the desktop app listing a 1,000,000-object bucket to the end and then
benchmarking it at full rate (4 workers, 10 s), driven by `shardscope
--measure`: the GUI thread's stalls (p50/p95/p99/max) and the memory (RSS now
and peak) of each phase. Goals: stall p99 <= 50 ms, RSS <= 400 MB.

Writes bench/results/gui-<stamp>.json and .md and prints the Markdown.
"""

import argparse
import datetime as dt
import json
import os
import platform
import subprocess

from report import write_report

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--app", required=True)
    ap.add_argument("--cli", required=True)
    ap.add_argument("--endpoint", default=os.environ.get("AIS_ENDPOINT", "http://127.0.0.1:8080"))
    ap.add_argument("--objects", type=int, default=1000000)
    ap.add_argument("--bench-seconds", type=int, default=10)
    ap.add_argument("--out", default=os.path.join(HERE, "results"))
    ap.add_argument("--command", default="bench/run.sh gui")
    a = ap.parse_args()
    env = dict(os.environ, AIS_ENDPOINT=a.endpoint, QT_QPA_PLATFORM="offscreen")
    bucket = f"ss-bench-small-{a.objects}"
    summary = subprocess.run([a.cli, "ls", f"ais://{bucket}", "--summary"], capture_output=True, text=True, env=env)
    if summary.returncode != 0 or f"objects: {a.objects}\n" not in summary.stdout:
        subprocess.run([a.cli, "rb", f"ais://{bucket}"], capture_output=True, env=env)
        subprocess.run([a.cli, "gen", f"ais://{bucket}", "--objects", str(a.objects), "--size", "1KiB",
                        "--workers", "8"], check=True, capture_output=True, env=env)
    out = subprocess.run([a.app, "--measure", f"ais://{bucket}", "--measure-bench-seconds", str(a.bench_seconds)],
                         check=True, capture_output=True, text=True, env=env, timeout=1800).stdout
    m = json.loads(out)
    result = {"schema_version": 1,
              "date": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
              "machine": f"{platform.machine()}, {os.cpu_count()} cores (shared with the cluster)",
              "workload": f"P5: list ais://{bucket} ({a.objects:,} objects) to the end in the explorer, then "
                          f"benchmark it for {a.bench_seconds} s with 4 workers",
              "measure": m, "command": a.command}
    mb = 1024 * 1024 / 1e6
    lines = [f"GUI responsiveness (P5), {result['date']}, {result['machine']}, Qt offscreen.", "",
             "| phase | GUI-thread stall p50 / p95 / p99 / max (ms) | RSS at end / peak (MB) | work |",
             "| --- | ---: | ---: | --- |"]
    for name, work in (("listing", f"{m['listing']['objects']:,} objects in {m['listing']['seconds']:.1f} s"),
                       ("benchmark", f"{m.get('benchmark', {}).get('items_per_s', 0):,.0f} objects/s")):
        p = m.get(name)
        if not p:
            continue
        lines.append(f"| {name} | {p['stall_p50_ms']:.1f} / {p['stall_p95_ms']:.1f} / {p['stall_p99_ms']:.1f} / "
                     f"{p['stall_max_ms']:.0f} | {p['rss_mib'] * mb:.0f} / {p['rss_peak_mib'] * mb:.0f} | {work} |")
    lines += ["", "Goals: stall p99 ≤ 50 ms, RSS ≤ 400 MB.", "", f"Command: `{a.command}`"]
    write_report(a.out, "gui", result, "\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
