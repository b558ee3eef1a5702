"""P4's peer: list every object of a bucket with the AIStore Python SDK
(`Bucket.list_all_objects_iter(props="name,size")`, pages of the server's
default size), as its own process so the harness times it from start to
exit. Prints {"objects": N, "bytes": total}."""

import argparse
import json

from aistore.sdk import Client


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--endpoint", required=True)
    ap.add_argument("--bucket", required=True)
    a = ap.parse_args()
    n = total = 0
    for obj in Client(a.endpoint).bucket(a.bucket).list_all_objects_iter(props="name,size"):
        n += 1
        total += obj.props_cached.size or 0  # from the listing (obj.props would HEAD)
    print(json.dumps({"objects": n, "bytes": total}))


if __name__ == "__main__":
    main()
