"""shardscope and AIStore's own Python SDK see the same cluster the same way.

The SDK writes objects; `shardscope-cli ls` must list exactly those names and
sizes, and the SDK must see the bucket in `shardscope-cli ls ais://`.
"""

import argparse
import json
import os
import random
import subprocess
import sys
import unittest

from aistore.sdk import Client

CLI = None
ENDPOINT = os.environ.get("AIS_ENDPOINT", "http://127.0.0.1:8080")


def run_cli(*args):
    env = dict(os.environ, AIS_ENDPOINT=ENDPOINT)
    proc = subprocess.run([CLI, *args], capture_output=True, text=True, env=env, timeout=120, check=False)
    return proc.returncode, proc.stdout, proc.stderr


class SdkInterop(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.client = Client(ENDPOINT)
        cls.bucket_name = f"ss-peer-{os.getpid()}-{random.randrange(10**6)}"
        cls.bucket = cls.client.bucket(cls.bucket_name).create()
        cls.objects = {
            "plain.bin": os.urandom(1000),
            "empty": b"",
            "dir/nested/deep.json": b'{"label": 3}',
            "with space + plus.txt": b"x" * 77,
            "unicode/数据-ü.txt": "größe".encode(),
        }
        for name, data in cls.objects.items():
            cls.bucket.object(name).get_writer().put_content(data)

    @classmethod
    def tearDownClass(cls):
        cls.bucket.delete(missing_ok=True)

    def test_cli_lists_what_the_sdk_wrote(self):
        code, out, err = run_cli("ls", f"ais://{self.bucket_name}", "--json")
        self.assertEqual(code, 0, err)
        listed = {e["name"]: e["size"] for e in json.loads(out)}
        self.assertEqual(listed, {k: len(v) for k, v in self.objects.items()})

    def test_cli_and_sdk_agree_on_order(self):
        code, out, err = run_cli("ls", f"ais://{self.bucket_name}", "--json")
        self.assertEqual(code, 0, err)
        ours = [e["name"] for e in json.loads(out)]
        theirs = [o.name for o in self.bucket.list_all_objects()]
        self.assertEqual(ours, theirs)

    def test_cli_lists_the_bucket(self):
        code, out, err = run_cli("ls", "ais://")
        self.assertEqual(code, 0, err)
        self.assertIn(f"ais://{self.bucket_name}", out.splitlines())
        sdk_names = {b.name for b in self.client.cluster().list_buckets()}
        self.assertIn(self.bucket_name, sdk_names)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--cli", required=True)
    args, rest = parser.parse_known_args()
    CLI = args.cli
    unittest.main(argv=[sys.argv[0], "-v", *rest])
