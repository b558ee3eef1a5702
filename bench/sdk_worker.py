"""The peer side of a benchmark, run as its own process so that the harness
can time it from process start to exit and count the CPU and memory of the
whole tree (the DataLoader's worker processes included):

  iter    AISIterDataset + DataLoader(W), every GET through the proxy
  direct  a small IterableDataset written as a user would, over
          Object.get_reader(direct=True) (straight to the owning target),
          the same split of work over workers as AISIterDataset
  shard   AISShardReader + DataLoader(W)
  batch   AISBatchIterDataset (get-batch) + DataLoader(W)

Prints one JSON object: items, bytes (payload), errors, first_item_s and
last_item_s (seconds since the process started, on the same clock), so the
steady state is last_item_s - first_item_s. Exits 1 with errors = 1 and the
message when the SDK raises.
"""

import argparse
import json
import sys
import time

T0 = time.perf_counter()  # as close to process start as Python gets; imports below are timed

import torch  # noqa: E402
from aistore.sdk import Client  # noqa: E402
from aistore.pytorch import AISIterDataset, AISShardReader  # noqa: E402
from aistore.pytorch.batch_iter_dataset import AISBatchIterDataset  # noqa: E402


def xxhash_shim():
    """SDK 1.25.0 computes a name's target with xxhash.xxh64(input=...), a keyword
    xxhash 4.x no longer takes (the SDK asks for xxhash>=3.3.0, so pip installs
    4.x): Object.get_reader(direct=True) raises TypeError. A user would patch it
    like this; the result file records whether it was needed."""
    import xxhash
    from aistore.sdk import utils
    try:
        xxhash.xxh64(input=b"", seed=0)
        return False
    except TypeError:
        pass

    class Compat:
        @staticmethod
        def xxh64(input=b"", seed=0):  # noqa: A002 (the SDK's keyword)
            return xxhash.xxh64(input, seed=seed)

    utils.xxhash = Compat
    return True


class DirectObjects(torch.utils.data.IterableDataset):
    """Every object of a bucket once, read straight from its target: what a
    user writes when AISIterDataset has no direct mode. Worker k of N keeps
    listing entries k, k+N, ... (AISIterDataset's default split)."""

    def __init__(self, endpoint, bucket):
        self.endpoint, self.bucket = endpoint, bucket

    def __iter__(self):
        info = torch.utils.data.get_worker_info()
        k, n = (info.id, info.num_workers) if info else (0, 1)
        bck = Client(self.endpoint).bucket(self.bucket)
        for i, obj in enumerate(bck.list_all_objects_iter(props="name,size")):
            if i % n == k:
                yield obj.name, obj.get_reader(direct=True).read_all()


def collate_none(batch):
    return batch


def payload(item):
    _, data = item
    if isinstance(data, dict):
        return sum(len(v) for v in data.values())
    return len(data)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--endpoint", required=True)
    ap.add_argument("--bucket", required=True)
    ap.add_argument("--kind", choices=("iter", "direct", "shard", "batch"), required=True)
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--batch-size", type=int, default=64)
    a = ap.parse_args()
    client = Client(a.endpoint)
    bck = client.bucket(a.bucket)
    shim = False
    if a.kind == "iter":
        ds = AISIterDataset(ais_source_list=bck)
    elif a.kind == "direct":
        shim = xxhash_shim()
        ds = DirectObjects(a.endpoint, a.bucket)
    elif a.kind == "batch":
        ds = AISBatchIterDataset(ais_source_list=bck, client=client, max_batch_size=a.batch_size)
    else:
        ds = AISShardReader(bucket_list=bck)
    # W = 1: the loop in this process (num_workers=0), as a user with one worker would run it.
    loader = torch.utils.data.DataLoader(ds, batch_size=None, num_workers=a.workers if a.workers > 1 else 0)
    n = nbytes = 0
    first = last = None
    try:
        for item in loader:
            last = time.perf_counter()
            if first is None:
                first = last
            n += 1
            nbytes += payload(item)
    except Exception as e:  # the SDK's error ends the epoch: report it, the harness fails the suite
        msg = f"{type(e).__name__}: {e}"
        print(json.dumps({"items": n, "bytes": nbytes, "errors": 1, "first_error": msg}))
        print(f"sdk_worker {a.kind} {a.bucket}: {msg}", file=sys.stderr)
        return 1
    print(json.dumps({"items": n, "bytes": nbytes, "errors": 0, "xxhash_shim": shim,
                      "first_item_s": None if first is None else first - T0,
                      "last_item_s": None if last is None else last - T0}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
