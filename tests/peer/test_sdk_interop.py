"""shardscope and AIStore's own Python SDK see the same cluster the same way.

The SDK writes objects; `shardscope-cli ls` must list exactly those names and
sizes, and the SDK must see the bucket in `shardscope-cli ls ais://`. Samples
of a shard with upper-case extensions group as WebDataset groups them (lower
case) and, with `--key-rule sdk`, as AISShardReader does (case kept).
"""

import argparse
import io
import json
import os
import random
import subprocess
import sys
import tarfile
import tempfile
import unittest

from aistore.sdk import Client
from aistore.pytorch import AISShardReader
import webdataset

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
        # A shard whose members spell their extensions in upper and mixed case.
        cls.shard_members = [("img1.JPG", b"j1"), ("img1.cls", b"1"), ("img2.Png", b"p2"), ("img2.CLS", b"2"),
                             ("img3.jpg", b"j3"), ("img3.Cls", b"3")]
        buf = io.BytesIO()
        with tarfile.open(fileobj=buf, mode="w", format=tarfile.USTAR_FORMAT) as tar:
            for name, data in cls.shard_members:
                info = tarfile.TarInfo(name)
                info.size = len(data)
                tar.addfile(info, io.BytesIO(data))
        cls.shard_bytes = buf.getvalue()
        cls.objects = {
            "plain.bin": os.urandom(1000),
            "empty": b"",
            "dir/nested/deep.json": b'{"label": 3}',
            "with space + plus.txt": b"x" * 77,
            "unicode/数据-ü.txt": "größe".encode(),
            "keyrule/cased.tar": cls.shard_bytes,
        }
        for name, data in cls.objects.items():
            cls.bucket.object(name).get_writer().put_content(data)

    @classmethod
    def tearDownClass(cls):
        cls.bucket.delete(missing_ok=True)

    def cli_samples(self, rule):
        code, out, err = run_cli("iterate", f"ais://{self.bucket_name}/keyrule/", "--mode", "shard",
                                 "--key-rule", rule, "--json")
        self.assertEqual(code, 0, err)
        return {e["key"]: sorted(e["members"]) for e in map(json.loads, out.splitlines()) if "key" in e}

    def test_key_rules_treat_extension_case_as_the_readers_do(self):
        # WebDataset lower-cases extensions when it groups a sample (img.JPG is jpg).
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "cased.tar")
            with open(path, "wb") as f:
                f.write(self.shard_bytes)
            theirs = {s["__key__"]: sorted(k for k in s if not k.startswith("__"))
                      for s in webdataset.WebDataset(path, shardshuffle=False)}
        with self.subTest(rule="webdataset"):
            self.assertEqual(theirs, {"img1": ["cls", "jpg"], "img2": ["cls", "png"], "img3": ["cls", "jpg"]})
            self.assertEqual(self.cli_samples("webdataset"), theirs)
        # AISShardReader keeps the case as written.
        sdk = {key: sorted(k for k, v in content.items() if v != b"")
               for key, content in AISShardReader(bucket_list=self.bucket, prefix_map={self.bucket: "keyrule/"})}
        with self.subTest(rule="sdk"):
            self.assertEqual(sdk, {"img1": ["JPG", "cls"], "img2": ["CLS", "Png"], "img3": ["Cls", "jpg"]})
            self.assertEqual(self.cli_samples("sdk"), sdk)

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
