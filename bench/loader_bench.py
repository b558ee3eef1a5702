"""P1/P2 first numbers: reading every object of `small` (1 KiB objects) and
every sample of `shards` (the same samples in WebDataset tar shards, <key>.bin
1 KiB + <key>.cls) once, with W workers: shardscope (threads) against AIStore's
Python SDK with PyTorch's DataLoader (W processes), same cluster, same run.

Writes bench/results/loader-<stamp>.json and .md and prints the Markdown.
"""

import argparse
import datetime as dt
import io
import json
import os
import platform
import subprocess
import sys
import tarfile
import time

import torch
from aistore.sdk import Client
from aistore.pytorch import AISIterDataset, AISShardReader
from aistore.pytorch.batch_iter_dataset import AISBatchIterDataset

from report import write_report

HERE = os.path.dirname(os.path.abspath(__file__))


def count_objects(client, bucket):
    try:
        return sum(1 for _ in client.bucket(bucket).list_all_objects_iter(props="name"))
    except Exception:
        return -1


def ensure_small(cli, client, endpoint, bucket, n):
    if count_objects(client, bucket) == n:
        return
    client.bucket(bucket).delete(missing_ok=True)
    subprocess.run([cli, "gen", f"ais://{bucket}", "--objects", str(n), "--size", "1KiB", "--workers", "8"],
                   check=True, capture_output=True, env=dict(os.environ, AIS_ENDPOINT=endpoint))


def ensure_shards(client, bucket, n, per_shard):
    shards = n // per_shard
    if count_objects(client, bucket) == shards:
        return
    bck = client.bucket(bucket)
    bck.delete(missing_ok=True)
    bck.create()
    rnd = os.urandom
    for s in range(shards):
        buf = io.BytesIO()
        with tarfile.open(fileobj=buf, mode="w", format=tarfile.USTAR_FORMAT) as tar:
            for k in range(per_shard):
                key = f"{s * per_shard + k:09d}"
                for ext, data in ((".bin", rnd(1024)), (".cls", str(k % 10).encode())):
                    info = tarfile.TarInfo(key + ext)
                    info.size = len(data)
                    tar.addfile(info, io.BytesIO(data))
        bck.object(f"shard-{s:05d}.tar").get_writer().put_content(buf.getvalue())


def ours(cli, endpoint, bucket, mode, workers):
    out = subprocess.run([cli, "bench", f"ais://{bucket}", "--mode", mode, "--workers", str(workers),
                          "--epochs", "1", "--json", "--batch-size", "64"], check=True, capture_output=True, text=True,
                         env=dict(os.environ, AIS_ENDPOINT=endpoint)).stdout
    r = json.loads(out)
    return {"items": r["items"], "seconds": r["seconds"], "items_per_s": r["items_per_s"],
            "bytes_per_s": r["bytes_per_s"], "errors": r["errors"], "latency_ms": r["latency_ms"]}


def collate_none(batch):
    return batch


def theirs(endpoint, bucket, kind, workers):
    client = Client(endpoint)
    bck = client.bucket(bucket)
    if kind == "iter":
        ds = AISIterDataset(ais_source_list=bck)
    elif kind == "batch":
        ds = AISBatchIterDataset(ais_source_list=bck, client=client, max_batch_size=64)
    else:
        ds = AISShardReader(bucket_list=bck)
    loader = torch.utils.data.DataLoader(ds, batch_size=None, num_workers=workers if workers > 1 else 0)
    t0 = time.perf_counter()
    n = 0
    for _ in loader:
        n += 1
    secs = time.perf_counter() - t0
    return {"items": n, "seconds": secs, "items_per_s": n / secs}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cli", required=True)
    ap.add_argument("--endpoint", default=os.environ.get("AIS_ENDPOINT", "http://127.0.0.1:8080"))
    ap.add_argument("--objects", type=int, default=20000)
    ap.add_argument("--per-shard", type=int, default=1000)
    ap.add_argument("--workers", default="1,2,4")
    ap.add_argument("--out", default=os.path.join(HERE, "results"))
    ap.add_argument("--command", default="bench/run.sh loader")
    a = ap.parse_args()
    client = Client(a.endpoint)
    small, shards = f"ss-bench-small-{a.objects}", f"ss-bench-shards-{a.objects}"
    ensure_small(a.cli, client, a.endpoint, small, a.objects)
    ensure_shards(client, shards, a.objects, a.per_shard)
    rows = []
    for w in map(int, a.workers.split(",")):
        row = {"workers": w,
               "p1_shardscope": ours(a.cli, a.endpoint, small, "object", w),
               "p1_sdk": theirs(a.endpoint, small, "iter", w),
               "p2_shardscope": ours(a.cli, a.endpoint, shards, "shard", w),
               "p2_sdk": theirs(a.endpoint, shards, "shard", w),
               "p6_shardscope": ours(a.cli, a.endpoint, small, "get-batch", w),
               "p6_sdk": theirs(a.endpoint, small, "batch", w)}
        rows.append(row)
        print(f"W={w}: P1 {row['p1_shardscope']['items_per_s']:.0f} vs {row['p1_sdk']['items_per_s']:.0f}/s; "
              f"P2 {row['p2_shardscope']['items_per_s']:.0f} vs {row['p2_sdk']['items_per_s']:.0f}/s; "
              f"P6 {row['p6_shardscope']['items_per_s']:.0f} vs {row['p6_sdk']['items_per_s']:.0f}/s",
              file=sys.stderr)
    result = {"schema_version": 1,
              "date": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
              "machine": f"{platform.machine()}, {os.cpu_count()} cores",
              "cluster_version": "5.0 (aisnode v1.5.0)", "torch": torch.__version__,
              "datasets": {"small": {"objects": a.objects, "size": 1024},
                           "shards": {"samples": a.objects, "per_shard": a.per_shard, "members": [".bin 1 KiB", ".cls"]}},
              "rows": rows, "command": a.command}
    lines = [f"Loader benchmark (P1, P2, P6), {result['date']}, {result['machine']}, AIStore 5.0, torch {torch.__version__}.",
             "", f"P1: read {a.objects:,} objects of 1 KiB once; P2: read the same {a.objects:,} samples from "
             f"{a.objects // a.per_shard} tar shards once; P6: the objects of P1 through GetBatch, 64 per request. Items/s (ratio to the SDK with the same workers):", "",
             "| workers | SDK AISIterDataset + DataLoader | shardscope object | SDK AISShardReader + DataLoader | shardscope shard | SDK AISBatchIterDataset (64) | shardscope get-batch (64) |",
             "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for r in rows:
        p1s, p1 = r["p1_sdk"]["items_per_s"], r["p1_shardscope"]["items_per_s"]
        p2s, p2 = r["p2_sdk"]["items_per_s"], r["p2_shardscope"]["items_per_s"]
        p6s, p6 = r["p6_sdk"]["items_per_s"], r["p6_shardscope"]["items_per_s"]
        lines.append(f"| {r['workers']} | {p1s:,.0f} | {p1:,.0f} ({p1 / p1s:.1f}×) | {p2s:,.0f} | {p2:,.0f} ({p2 / p2s:.1f}×) "
                     f"| {p6s:,.0f} | {p6:,.0f} ({p6 / p6s:.1f}×) |")
    lines += ["", f"Command: `{a.command}`"]
    md = "\n".join(lines) + "\n"
    write_report(a.out, "loader", result, md)


if __name__ == "__main__":
    main()
