"""`export --format python-native` writes scripts on the Python module that,
run unmodified against the cluster, read exactly what `shardscope-cli
iterate` (items) and `batches` (batches) read for the same config.
"""

import json
import os
import random
import sys
import tempfile
import unittest

import shardscope as ss

import clitest
from clitest import json_lines as lines, main, run, tar_bytes


class ExportedNativeScripts(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.bucket = f"ss-python-export-{os.getpid()}-{random.randrange(10**6)}"
        cls.store = ss.open_store(f"ais://{cls.bucket}")
        cls.store.create_bucket()
        rnd = random.Random(8)
        for split, n in (("train", 40), ("val", 15)):
            for i in range(n):
                cls.store.put(f"{split}/o-{i:03d}.bin", rnd.randbytes(rnd.choice([0, 500, 1000, 3000, 7000, 12000])))
        for s in range(3):
            cls.store.put(f"shards/s-{s}.tar", tar_bytes([(f"s{s}-k{k:02d}{ext}", data) for k in range(10)
                                                         for ext, data in ((".bin", rnd.randbytes(64)),
                                                                           (".cls", str(k).encode()))]))

    @classmethod
    def tearDownClass(cls):
        cls.store.destroy_bucket()
        cls.tmp.cleanup()

    def config(self, name, body, title=None):
        cfg = {"schema_version": 1, "name": title or name, "endpoint_env": "AIS_ENDPOINT",
               "sources": [{"id": "data", "provider": "ais", "bucket": self.bucket}],
               "splits": {"train": {"data": ["train/"]}, "val": {"data": ["val/"]}}, "workers": 2, **body}
        path = os.path.join(self.tmp.name, name + ".json")
        with open(path, "w") as f:
            json.dump(cfg, f)
        return path

    def exported(self, cfg, *args):
        script = cfg[:-5] + ".py"
        proc = run([clitest.CLI, "export", cfg, "--format", "python-native", "-o", script])
        self.assertEqual(proc.returncode, 0, proc.stderr)
        proc = run([sys.executable, script, "--names", *args])
        self.assertEqual(proc.returncode, 0, proc.stderr)
        return lines(proc.stdout)

    def cli(self, *args):
        proc = run([clitest.CLI, *args])
        self.assertEqual(proc.returncode, 0, proc.stderr)
        return proc.stdout

    def test_dynamic_and_packed_batches_are_the_cli_batches(self):
        for kind, extra in (("dynamic", {}), ("packed", {"window": 16})):
            for drop_last in (False, True):
                with self.subTest(kind=kind, drop_last=drop_last):
                    cfg = self.config(f"map-{kind}-{drop_last}", {
                        "split": "train", "dataset": {"kind": "map"},
                        "sampler": {"kind": kind, "max_batch_bytes": 10000, "drop_last": drop_last,
                                    "saturation": 0.5, "shuffle": True, "seed": 4, **extra}})
                    ours = [e["batch"] for e in self.exported(cfg)]
                    self.assertTrue(ours)
                    # `batches CONFIG` ignores the config's window (its --window defaults to 1024): pass it.
                    window = ["--window", str(extra["window"])] if extra else []
                    self.assertEqual(ours, json.loads(self.cli("batches", cfg, "--json", *window))["batches"])

    def test_items_are_the_items_iterate_reads(self):
        cases = {
            "iterable": ({"split": "val", "dataset": {"kind": "iterable"}}, "name", 15),
            "map-random": ({"split": "train", "dataset": {"kind": "map"}, "sampler": {"kind": "random", "seed": 3}},
                           "name", 40),
            "shard": ({"sources": [{"id": "data", "provider": "ais", "bucket": self.bucket,
                                    "group": {"prefix": "shards/"}}], "splits": {},
                       "dataset": {"kind": "shard"}}, "key", 30),
            "get-batch": ({"split": "train", "dataset": {"kind": "get-batch", "get_batch_size": 8}}, "name", 40),
        }
        for name, (body, field, count) in cases.items():
            with self.subTest(config=name):
                cfg = self.config(name, body)
                ours = sorted(e[field] for e in self.exported(cfg))
                self.assertEqual(len(ours), count)
                self.assertEqual(ours, sorted(e[field] for e in lines(self.cli("iterate", cfg, "--json"))))

    def test_ranks_read_iterate_shares(self):
        cfg = self.config("ranks", {"split": "train", "dataset": {"kind": "iterable"},
                                    "sampler": {"kind": "random", "seed": 11}})
        for rank in (0, 1):
            ours = sorted(e["name"] for e in self.exported(cfg, "--rank", str(rank), "--world-size", "2"))
            theirs = sorted(e["name"] for e in lines(self.cli("iterate", cfg, "--json", "--rank", str(rank),
                                                              "--world-size", "2")))
            self.assertEqual(ours, theirs)
            self.assertEqual(len(ours), 20)

    def test_config_text_never_becomes_code(self):
        title = 'evil """ + __import__("os").system("touch pwned") + """ \\'
        cfg = self.config("hostile", {"split": "val", "dataset": {"kind": "iterable"}}, title=title)
        self.assertEqual(len(self.exported(cfg)), 15)
        self.assertFalse(os.path.exists("pwned"))


if __name__ == "__main__":
    main()
