"""P4: listing every object of a bucket, each tool its own process timed from
start to exit with its peak memory: `shardscope-cli ls --summary` against the
Python SDK's `list_all_objects_iter` (bench/sdk_list.py) and, when `ais` is
on PATH, `ais ls --count-only` (names, like `ls --count-only`) and
`ais ls --count-only --props name,size` (names and sizes, like
`ls --summary`). --objects 100000 by default (1,000,000 for the goal's
size: generating it takes a while once). Every run's count must
equal the bucket's, else no table. Writes bench/results/listing-<stamp>.json
and .md.
"""

import argparse
import json
import os
import re
import shutil
import sys

from aistore.sdk import Client

import datasets
import harness
import tables

HERE = os.path.dirname(os.path.abspath(__file__))


def shardscope(cli, endpoint, bucket):
    m = harness.measure([cli, "ls", f"ais://{bucket}", "--summary", "--json"], env=dict(os.environ,
                                                                                       AIS_ENDPOINT=endpoint))
    n = harness.last_json(m["stdout"])["objects"]
    return harness.run_record(m, n, None, 0)


def shardscope_count(cli, endpoint, bucket):
    """`ls --count-only`: names only, as `ais ls --count-only` asks (no sizes to read on the targets)."""
    m = harness.measure([cli, "ls", f"ais://{bucket}", "--count-only"], env=dict(os.environ, AIS_ENDPOINT=endpoint))
    numbers = [int(x.replace(",", "")) for x in re.findall(r"\d[\d,]*", m["stdout"])]
    return harness.run_record(m, numbers[0] if numbers else -1, None, 0, output=m["stdout"][-300:])


def sdk(endpoint, bucket):
    m = harness.measure([sys.executable, os.path.join(HERE, "sdk_list.py"), "--endpoint", endpoint,
                         "--bucket", bucket])
    return harness.run_record(m, harness.last_json(m["stdout"])["objects"], None, 0)


def ais_cli(ais, endpoint, bucket, expected, extra=()):
    """`ais ls --count-only` (names only); with extra `--props name,size`, the targets read sizes too."""
    m = harness.measure([ais, "ls", f"ais://{bucket}", "--count-only", *extra],
                        env=dict(os.environ, AIS_ENDPOINT=endpoint))
    # The count is printed with thousands separators in a sentence or a table; take it if it is there.
    numbers = [int(x.replace(",", "")) for x in re.findall(r"\d[\d,]*", m["stdout"])]
    n = expected if expected in numbers else (max(numbers) if numbers else -1)
    return harness.run_record(m, n, None, 0, output=m["stdout"][-300:])


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cli", required=True)
    ap.add_argument("--endpoint", default=os.environ.get("AIS_ENDPOINT", "http://127.0.0.1:8080"))
    ap.add_argument("--objects", default="100000", help="comma-separated bucket sizes, e.g. 100000,1000000")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--ais", default=shutil.which("ais"), help="the ais CLI (default: from PATH)")
    ap.add_argument("--bucket-prefix", default="bench")
    ap.add_argument("--label", default="")
    ap.add_argument("--out", default=os.path.join(HERE, "results"))
    ap.add_argument("--command", default="bench/run.sh listing")
    a = ap.parse_args()
    client = Client(a.endpoint)
    result = harness.describe(a.endpoint, a.cli, None, a.ais)
    result.update({"suite": "listing", "label": a.label, "command": a.command, "repeat": a.repeat,
                   "ais_cli_on_path": bool(a.ais), "listing": {}, "datasets": {}})
    try:
        for n in (int(x) for x in a.objects.split(",")):
            bucket = f"{a.bucket_prefix}-small-{n}"
            datasets.ensure_small(a.cli, client, a.endpoint, bucket, n)
            result["datasets"][str(n)] = {"bucket": f"ais://{bucket}", "objects": n, "object_size": 1024}
            runs = {}
            for i in range(a.repeat):
                tools = [("shardscope", lambda: shardscope(a.cli, a.endpoint, bucket)),
                         ("shardscope_count", lambda: shardscope_count(a.cli, a.endpoint, bucket)),
                         ("python_sdk", lambda: sdk(a.endpoint, bucket))]
                if a.ais:
                    tools.append(("ais_cli", lambda: ais_cli(a.ais, a.endpoint, bucket, n)))
                    tools.append(("ais_cli_sizes", lambda: ais_cli(a.ais, a.endpoint, bucket, n,
                                                                   ("--props", "name,size"))))
                for key, fn in tools:
                    rec = fn()
                    harness.check(f"listing {n:,}: {key}", i + 1, rec, n)
                    runs.setdefault(key, []).append(rec)
            result["listing"][str(n)] = runs
            print(f"listing {n:,} done", file=sys.stderr)
    except harness.BenchFailure as e:
        print(f"listing benchmark FAILED: {e}", file=sys.stderr)
        return 1
    harness.write_result(a.out, "listing", result, tables.render_listing)
    return 0


if __name__ == "__main__":
    sys.exit(main())
