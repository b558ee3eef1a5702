"""What AIStore does while its membership changes, seen by its Python SDK and
by shardscope, same cluster, same run (issue #12).

For each change (a target into maintenance, a target killed and started
again 3 s later, a new target joining) an SDK reader (Object.get_reader()
per object, through the proxy as the SDK does, 2 threads) and
`shardscope-cli bench --epochs 1` (direct reads) read every object of the
bucket while scripts/cluster-node.sh makes the change. Records what each
saw: objects read, errors (type and message), retries, time. Then undoes
the change (maintenance-stop, remove) and waits for the rebalance.

Run it only against a cluster you own (it kills and adds targets):
  AIS_CLUSTER_DIR=... AIS_PROXY_PORT=11080 AIS_TARGET_PORT=11081 \\
  python bench/membership_probe.py --endpoint http://127.0.0.1:11080 --cli build/release/app/shardscope-cli
Writes bench/results/membership-<stamp>.json and prints a summary.
"""

import argparse
import collections
import datetime as dt
import json
import os
import subprocess
import sys
import threading
import time

from aistore.sdk import Client

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def node(*args):
    p = subprocess.run(["bash", os.path.join(ROOT, "scripts", "cluster-node.sh"), *args],
                       capture_output=True, text=True, timeout=600)
    if p.returncode != 0:
        raise RuntimeError(f"cluster-node.sh {' '.join(args)}: {p.stderr}")
    return p.stdout.strip()


def sdk_reader(client, bucket, names, out):
    errors = collections.Counter()
    samples = {}
    lock = threading.Lock()
    read = [0]

    def work(part):
        for n in part:
            try:
                client.bucket(bucket).object(n).get_reader().read_all()
                with lock:
                    read[0] += 1
            except Exception as e:  # what the SDK raises is the point
                key = type(e).__name__
                with lock:
                    errors[key] += 1
                    samples.setdefault(key, str(e)[:300])

    t0 = time.time()
    threads = [threading.Thread(target=work, args=(names[i::2],)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    out.update(read=read[0], seconds=round(time.time() - t0, 1), errors=dict(errors), error_samples=samples)


def cli_reader(cli, endpoint, bucket, out):
    t0 = time.time()
    p = subprocess.run([cli, "bench", f"ais://{bucket}/", "--epochs", "1", "--workers", "2", "--json"],
                       capture_output=True, text=True, env={**os.environ, "AIS_ENDPOINT": endpoint}, timeout=900)
    out["seconds"] = round(time.time() - t0, 1)
    try:
        j = json.loads(p.stdout)
        out.update(read=j["items"], errors=j["errors"], retries=j["retries"],
                   first_error=j.get("first_error", ""), ended_by_error=j.get("ended_by_error", False))
    except ValueError:
        out.update(read=0, errors=-1, first_error=p.stderr[-500:])


def run_change(name, change, undo, client, cli, endpoint, bucket, names):
    sdk, ours = {}, {}
    readers = [threading.Thread(target=sdk_reader, args=(client, bucket, names, sdk)),
               threading.Thread(target=cli_reader, args=(cli, endpoint, bucket, ours))]
    for t in readers:
        t.start()
    time.sleep(1.0)
    t0 = time.time()
    change()
    change_s = round(time.time() - t0, 1)
    for t in readers:
        t.join()
    undo()
    result = {"change": name, "change_seconds": change_s, "sdk": sdk, "shardscope": ours}
    print(json.dumps(result), file=sys.stderr, flush=True)
    return result


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--endpoint", required=True)
    ap.add_argument("--cli", required=True)
    ap.add_argument("--objects", type=int, default=6000)
    ap.add_argument("--changes", default="maintenance,kill,join")
    args = ap.parse_args()
    client = Client(args.endpoint)
    bucket = f"membership-probe-{os.getpid()}"
    subprocess.run([args.cli, "gen", f"ais://{bucket}", "--objects", str(args.objects), "--size", "1024"],
                   check=True, env={**os.environ, "AIS_ENDPOINT": args.endpoint}, capture_output=True)
    names = [o.name for o in client.bucket(bucket).list_all_objects()]
    targets = node("list").splitlines()
    victim = targets[-1].split("\t")[0]
    results = []
    changes = args.changes.split(",")

    def kill_restart():
        node("kill", victim)
        time.sleep(3)
        node("start", victim)

    added = []
    plan = {
        "maintenance": ("maintenance", lambda: node("maintenance-start", victim),
                        lambda: (node("wait-rebalance"), node("maintenance-stop", victim), node("wait-rebalance"))),
        "kill": ("kill and restart 3 s later", kill_restart, lambda: None),
        "join": ("join", lambda: added.append(node("add")),
                 lambda: (node("wait-rebalance"), node("remove", added[0]), node("wait-rebalance"))),
    }
    try:
        for c in changes:
            name, change, undo = plan[c]
            results.append(run_change(name, change, undo, client, args.cli, args.endpoint, bucket, names))
    finally:
        client.bucket(bucket).delete(missing_ok=True)
    stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    os.makedirs(os.path.join(HERE, "results"), exist_ok=True)
    path = os.path.join(HERE, "results", f"membership-{stamp}.json")
    with open(path, "w") as f:
        json.dump({"schema_version": 1, "objects": len(names), "runs": results}, f, indent=2)
    for r in results:
        print(f"{r['change']} (change took {r['change_seconds']} s):")
        print(f"  SDK:        {r['sdk']}")
        print(f"  shardscope: {r['shardscope']}")
    print(f"wrote {path}", file=sys.stderr)


if __name__ == "__main__":
    main()
