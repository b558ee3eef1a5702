"""Exported Python scripts run, unmodified, with AIStore's SDK and PyTorch and
read exactly what `shardscope-cli iterate` (or `batches`) reads for the same
dataset config: names as sets, and for the unshuffled DynamicBatchSampler the
batches exactly.
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

CLI = None
ENDPOINT = os.environ.get("AIS_ENDPOINT", "http://127.0.0.1:8080")


def run(args, **kw):
    return subprocess.run(args, capture_output=True, text=True, check=False, timeout=600,
                          env=dict(os.environ, AIS_ENDPOINT=ENDPOINT), **kw)


def lines(out):
    return [json.loads(l) for l in out.splitlines() if l.strip()]


class ExportedScripts(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.bucket_name = f"ss-peer-export-{os.getpid()}-{random.randrange(10**6)}"
        cls.bucket = Client(ENDPOINT).bucket(cls.bucket_name).create()
        rnd = random.Random(5)
        for split, n in (("train", 40), ("val", 15)):
            for i in range(n):
                size = rnd.choice([0, 500, 1000, 3000, 7000, 12000])
                cls.bucket.object(f"{split}/o-{i:03d}.bin").get_writer().put_content(rnd.randbytes(size))
        for s in range(3):
            buf = io.BytesIO()
            with tarfile.open(fileobj=buf, mode="w", format=tarfile.USTAR_FORMAT) as tar:
                for k in range(10):
                    for ext, data in ((".bin", rnd.randbytes(64)), (".cls", str(k).encode())):
                        info = tarfile.TarInfo(f"s{s}-k{k:02d}{ext}")
                        info.size = len(data)
                        tar.addfile(info, io.BytesIO(data))
            cls.bucket.object(f"shards/s-{s}.tar").get_writer().put_content(buf.getvalue())

    @classmethod
    def tearDownClass(cls):
        cls.bucket.delete(missing_ok=True)
        cls.tmp.cleanup()

    def config(self, name, body):
        cfg = {"schema_version": 1, "name": name, "endpoint_env": "AIS_ENDPOINT", **body}
        path = os.path.join(self.tmp.name, name + ".json")
        with open(path, "w") as f:
            json.dump(cfg, f)
        return path

    def exported(self, cfg):
        script = cfg[:-5] + ".py"
        proc = run([CLI, "export", cfg, "--format", "python", "-o", script])
        self.assertEqual(proc.returncode, 0, proc.stderr)
        proc = run([sys.executable, script, "--names"])
        self.assertEqual(proc.returncode, 0, proc.stderr)
        return lines(proc.stdout)

    def ours(self, cfg, *extra):
        proc = run([CLI, "iterate", cfg, "--json", *extra])
        self.assertEqual(proc.returncode, 0, proc.stderr)
        return lines(proc.stdout)

    def source(self, **group):
        s = {"id": "data", "provider": "ais", "bucket": self.bucket_name}
        if group:
            s["group"] = group
        return s

    def splits(self):
        return {"train": {"data": ["train/"]}, "val": {"data": "val/"}}

    def test_map_dynamic_batches_are_identical(self):
        for drop_last, oversized in ((False, False), (True, True)):
            with self.subTest(drop_last=drop_last, oversized=oversized):
                cfg = self.config(f"map-dynamic-{drop_last}-{oversized}", {
                    "sources": [self.source()], "splits": self.splits(), "split": "train",
                    "dataset": {"kind": "map"},
                    "sampler": {"kind": "dynamic", "max_batch_bytes": 10000, "drop_last": drop_last,
                                "allow_oversized": oversized, "saturation": 0.5},
                    "workers": 2})
                theirs = [e["batch"] for e in self.exported(cfg)]
                proc = run([CLI, "batches", cfg, "--json"])
                self.assertEqual(proc.returncode, 0, proc.stderr)
                self.assertEqual(json.loads(proc.stdout)["batches"], theirs)
                self.assertTrue(theirs)

    def test_iterable_reads_the_same_objects(self):
        cfg = self.config("iterable", {"sources": [self.source()], "splits": self.splits(), "split": "val",
                                       "dataset": {"kind": "iterable"}, "workers": 2})
        theirs = sorted(e["name"] for e in self.exported(cfg))
        ours = sorted(e["name"] for e in self.ours(cfg))
        self.assertEqual(ours, theirs)
        self.assertEqual(len(theirs), 15)

    def test_shard_reader_reads_the_same_samples(self):
        cfg = self.config("shard", {"sources": [self.source(prefix="shards/")],
                                    "dataset": {"kind": "shard", "key_rule": "sdk"}, "workers": 2})
        theirs = sorted(e["key"] for e in self.exported(cfg))
        ours = sorted(e["key"] for e in self.ours(cfg))
        self.assertEqual(ours, theirs)
        self.assertEqual(len(theirs), 30)

    def test_get_batch_reads_the_same_objects(self):
        cfg = self.config("get-batch", {"sources": [self.source()], "splits": self.splits(), "split": "train",
                                        "dataset": {"kind": "get-batch", "get_batch_size": 8}, "workers": 1})
        theirs = sorted(e["name"] for e in self.exported(cfg))
        ours = sorted(e["name"] for e in self.ours(cfg))
        self.assertEqual(ours, theirs)
        self.assertEqual(len(theirs), 40)

    def test_object_groups_with_fixed_batches(self):
        names = [f"val/o-{i:03d}.bin" for i in (3, 1, 4, 1, 5)]
        for group in ({"names": names}, {"template": "train/o-{000..030..3}.bin"}):
            with self.subTest(group=list(group)[0]):
                cfg = self.config(f"group-{list(group)[0]}", {
                    "sources": [self.source(**group)], "dataset": {"kind": "map"},
                    "sampler": {"kind": "fixed", "batch_size": 4}, "workers": 1})
                theirs = sorted(n for e in self.exported(cfg) for n in e["batch"])
                ours = sorted(e["name"] for e in self.ours(cfg))
                self.assertEqual(ours, theirs)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--cli", required=True)
    args, rest = parser.parse_known_args()
    CLI = args.cli
    unittest.main(argv=[sys.argv[0], "-v", *rest])
