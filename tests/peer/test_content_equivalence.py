"""shardscope reads the same bytes as AIStore's SDK, item by item, in every mode.

Both sides print what they read as {name or key: {ext: sha256}} (objects as
{name: {"": sha256}}) and the test compares them item by item, in order where
the SDK defines one:

- map (AISMapDataset vs shardscope.MapDataset): index order, i.e. the
  listing order, on both sides;
- iterable (AISIterDataset vs `iterate --ordered`): one SDK process reads the
  listing in order;
- get-batch (AISBatchIterDataset vs `iterate --mode get-batch --ordered`):
  batches in listing order, names within a batch in request order;
- shard reader (AISShardReader vs `iterate --mode shard --key-rule sdk
  --ordered`): shards in listing order, samples in order of their key's first
  member in the shard (the SDK builds a dict);
- multi-shard (AISMultiShardStream vs shardscope.MultiShardStream): the
  streams zipped in order. The SDK reads a shard's members in the cluster's
  listing of the archive, shardscope in archive order; the shards here are
  written with names in sorted order so that both orders are the same one.

The awkward shard's expected samples are written out by hand (not computed by
either reader), and the default key rule is compared with the `webdataset`
package on the same shard.
"""

import argparse
import hashlib
import json
import os
import random
import subprocess
import sys
import tempfile
import unittest

from aistore.sdk import Client, DataShard
from aistore.pytorch import AISIterDataset, AISMapDataset, AISMultiShardStream, AISShardReader
from aistore.pytorch.batch_iter_dataset import AISBatchIterDataset  # not exported by the package in 1.25
import shardscope
import webdataset

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "python"))
from clitest import tar_bytes  # noqa: E402  (the Python tests' shard builder)

CLI = None
ENDPOINT = os.environ.get("AIS_ENDPOINT", "http://127.0.0.1:8080")


def sha(data):
    return hashlib.sha256(bytes(data)).hexdigest()


def object_bytes(i):
    # 0 bytes, 1 byte, 100 KiB, and a few KiB, in turn; content from the index.
    size = (0, 1, 100 * 1024, 1 + (i * 7919) % 5000)[i % 4]
    return random.Random(i).randbytes(size)


def hashed(table):
    """[(key, {ext: bytes})] -> [(key, {ext: sha256})]"""
    return [(key, {ext: sha(data) for ext, data in members.items()}) for key, members in table]


# The awkward shard, in archive order, and what each reader makes of it (by hand).
AWKWARD = [
    ("a.b.c.jpg", b"A-jpg"),      # several dots
    ("a.cls", b"0"),
    ("dir/sub/x.jpg", b"X-jpg"),  # directories
    ("x.cls", b"1"),
    ("X.JPG", b"upper"),          # upper-case extension, upper-case key
    ("X.cls", b"2"),
    ("y.jpg", b"Y-jpg"),
    ("y.cls", b""),               # an empty member
    ("z.jpg", b"Z-jpg"),          # a sample without the cls the others have
    ("v1.0/w.jpg", b"W"),         # a dot in a directory
]
# AISShardReader 1.25: key = name.split("/")[-1].split(".")[0], extension =
# name.split(".")[1] (of the whole name), members of a key merge in the shard.
AWKWARD_SDK = [
    ("a", {"b": b"A-jpg", "cls": b"0"}),
    ("x", {"jpg": b"X-jpg", "cls": b"1"}),
    ("X", {"JPG": b"upper", "cls": b"2"}),
    ("y", {"jpg": b"Y-jpg", "cls": b""}),
    ("z", {"jpg": b"Z-jpg"}),
    ("w", {"0/w": b"W"}),
]
# Every extension seen in the shard: the SDK fills each one a sample lacks
# with b"" (its ZeroDict, so that default collation works); shardscope
# delivers the members the shard has.
AWKWARD_SDK_EXTENSIONS = {"b", "cls", "jpg", "JPG", "0/w"}
# WebDataset: key = path up to the file name's first dot, extension lower-cased;
# consecutive members with one key form a sample.
AWKWARD_WDS = [
    ("a", {"b.c.jpg": b"A-jpg", "cls": b"0"}),
    ("dir/sub/x", {"jpg": b"X-jpg"}),
    ("x", {"cls": b"1"}),
    ("X", {"jpg": b"upper", "cls": b"2"}),
    ("y", {"jpg": b"Y-jpg", "cls": b""}),
    ("z", {"jpg": b"Z-jpg"}),
    ("v1.0/w", {"jpg": b"W"}),
]
# A shard with a README: a member without any dot.
README = [("README", b"read me"), ("k.cls", b"3"), ("k.txt", b"text")]
README_SAMPLES = [("k", {"cls": b"3", "txt": b"text"})]


class ContentEquivalence(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.client = Client(ENDPOINT)
        cls.bucket_name = f"peer-content-{os.getpid()}-{random.randrange(10**6)}"
        cls.bucket = cls.client.bucket(cls.bucket_name).create()
        cls.objects = {f"obj/{i:04d}.bin": object_bytes(i) for i in range(240)}
        cls.shards = {}
        for s in range(4):
            members = []
            for k in range(25):
                n = s * 25 + k
                members += [(f"s{n:03d}.cls", str(n % 10).encode()), (f"s{n:03d}.jpg", object_bytes(n + 3)[:3000]),
                            (f"s{n:03d}.json", json.dumps({"n": n}).encode())]
            cls.shards[f"shards/shard-{s}.tar"] = tar_bytes(members)
        for stream, ext in (("ms-img", "jpg"), ("ms-cls", "cls")):
            for s in range(2):
                cls.shards[f"{stream}/part-{s}.tar"] = tar_bytes(
                    [(f"m{s * 10 + k:03d}.{ext}", f"{ext}{s * 10 + k}".encode() * (k + 1)) for k in range(10)])
        cls.shards["awkward/awkward.tar"] = tar_bytes(AWKWARD)
        cls.shards["readme/readme.tar"] = tar_bytes(README)
        for name, data in {**cls.objects, **cls.shards}.items():
            cls.bucket.object(name).get_writer().put_content(data)

    @classmethod
    def tearDownClass(cls):
        cls.bucket.delete(missing_ok=True)

    def url(self, prefix):
        return f"ais://{self.bucket_name}/{prefix}"

    def cli(self, *args):
        env = dict(os.environ, AIS_ENDPOINT=ENDPOINT)
        proc = subprocess.run([CLI, "iterate", *args, "--json", "--hash", "sha256", "--quiet"],
                              capture_output=True, text=True, env=env, timeout=120, check=False)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        out = []
        for line in proc.stdout.splitlines():
            item = json.loads(line)
            self.assertNotIn("error", item, line)
            if "key" in item:
                out.append((item["key"], item["sha256"]))
            else:
                out.append((item["name"], {"": item["sha256"]}))
        return out

    def assert_items_equal(self, ours, theirs):
        # Item by item, so that a failure names the first item that differs.
        for i, (a, b) in enumerate(zip(ours, theirs)):
            self.assertEqual(a, b, f"item {i} differs (shardscope first, the peer second)")
        self.assertEqual(len(ours), len(theirs), "different item counts")

    def expected_objects(self):
        return [(name, {"": sha(data)}) for name, data in sorted(self.objects.items())]

    def test_map_dataset(self):
        sdk = AISMapDataset(self.bucket, prefix_map={self.bucket: "obj/"})
        theirs = [(name, {"": sha(data)}) for name, data in (sdk[i] for i in range(len(sdk)))]
        ds = shardscope.MapDataset(self.url("obj/"))
        ours = [(str(name), {"": sha(data)}) for name, data in (ds[i] for i in range(len(ds)))]
        self.assert_items_equal(ours, theirs)
        self.assert_items_equal(ours, self.expected_objects())

    def test_iterable_dataset(self):
        theirs = [(name, {"": sha(data)})
                  for name, data in AISIterDataset(self.bucket, prefix_map={self.bucket: "obj/"})]
        ours = self.cli(self.url("obj/"), "--ordered", "--workers", "4")
        self.assert_items_equal(ours, theirs)
        self.assert_items_equal(ours, self.expected_objects())

    def test_get_batch(self):
        sdk = AISBatchIterDataset(self.bucket, client=self.client, prefix_map={self.bucket: "obj/"},
                                  max_batch_size=32)
        theirs = [(name, {"": sha(data)}) for name, data in sdk]
        ours = self.cli(self.url("obj/"), "--mode", "get-batch", "--batch-size", "32", "--ordered")
        self.assert_items_equal(ours, theirs)
        self.assert_items_equal(ours, self.expected_objects())

    def sdk_shard_reader(self, prefix):
        reader = AISShardReader(self.bucket, prefix_map={self.bucket: prefix})
        return [(key, {ext: sha(data) for ext, data in content.items()}) for key, content in reader]

    def test_shard_reader(self):
        theirs = self.sdk_shard_reader("shards/")
        ours = self.cli(self.url("shards/"), "--mode", "shard", "--key-rule", "sdk", "--ordered")
        self.assertEqual(len(ours), 100)
        self.assert_items_equal(ours, theirs)

    def test_awkward_names_with_the_sdk_rule(self):
        theirs = self.sdk_shard_reader("awkward/")
        filled = [(key, {**{ext: b"" for ext in AWKWARD_SDK_EXTENSIONS}, **members}) for key, members in AWKWARD_SDK]
        self.assert_items_equal(theirs, hashed(filled))  # the SDK as described above
        ours = self.cli(self.url("awkward/"), "--mode", "shard", "--key-rule", "sdk", "--ordered")
        self.assert_items_equal(ours, hashed(AWKWARD_SDK))

    def test_awkward_names_with_the_webdataset_rule(self):
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "awkward.tar")
            with open(path, "wb") as f:
                f.write(self.shards["awkward/awkward.tar"])
            theirs = [(s["__key__"], {k: sha(v) for k, v in s.items() if not k.startswith("__")})
                      for s in webdataset.WebDataset(path, shardshuffle=False)]
        self.assert_items_equal(theirs, hashed(AWKWARD_WDS))
        ours = self.cli(self.url("awkward/"), "--mode", "shard", "--ordered")
        self.assert_items_equal(ours, hashed(AWKWARD_WDS))

    def test_member_without_extension(self):
        # AISShardReader 1.25 takes name.split(".")[1] of every member, so a
        # README stops it with IndexError; shardscope leaves such a member out
        # of the samples with either rule, as WebDataset does.
        with self.assertRaises(IndexError):
            self.sdk_shard_reader("readme/")
        for rule in ("sdk", "webdataset"):
            with self.subTest(rule=rule):
                ours = self.cli(self.url("readme/"), "--mode", "shard", "--key-rule", rule, "--ordered")
                self.assert_items_equal(ours, hashed(README_SAMPLES))

    def test_multi_shard_stream(self):
        sdk = AISMultiShardStream([DataShard(ENDPOINT, self.bucket_name, prefix=p) for p in ("ms-img/", "ms-cls/")])
        theirs = [tuple(sha(member) for member in sample) for sample in sdk]
        ours = []
        for samples in shardscope.MultiShardStream([self.url("ms-img/"), self.url("ms-cls/")]):
            # One member per sample in these shards: the SDK's item is that member's bytes.
            self.assertEqual([len(members) for _, members in samples], [1, 1], samples)
            ours.append(tuple(sha(next(iter(members.values()))) for _, members in samples))
        self.assertEqual(len(theirs), 20)
        self.assert_items_equal(ours, theirs)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--cli", required=True)
    args, rest = parser.parse_known_args()
    CLI = args.cli
    unittest.main(argv=[sys.argv[0], "-v", *rest])
