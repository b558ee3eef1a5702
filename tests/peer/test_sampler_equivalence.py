"""shardscope's `batches` gives exactly the batches of AIStore's own
DynamicBatchSampler (aistore.pytorch, with PyTorch) over the same bucket:
same objects, same order, for every parameter combination below, including
0-byte objects, oversized objects, exact fits and drop_last with saturation.
"""

import argparse
import json
import os
import random
import subprocess
import sys
import unittest

from aistore.sdk import Client
from aistore.pytorch import AISMapDataset, DynamicBatchSampler

CLI = None
ENDPOINT = os.environ.get("AIS_ENDPOINT", "http://127.0.0.1:8080")


class SamplerEquivalence(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.client = Client(ENDPOINT)
        cls.bucket_name = f"ss-peer-sampler-{os.getpid()}-{random.randrange(10**6)}"
        cls.bucket = cls.client.bucket(cls.bucket_name).create()
        rnd = random.Random(11)
        sizes = [rnd.choice([0, 1000, 1000, 2500, 4000, 5000, 9000, 12000]) + rnd.randrange(0, 3) * (rnd.random() < 0.5)
                 for _ in range(120)]
        sizes[10] = 10000  # exact fits for max 10000
        sizes[11] = 5000
        sizes[12] = 5000
        for i, size in enumerate(sizes):
            cls.bucket.object(f"obj-{i:04d}").get_writer().put_content(rnd.randbytes(size))
        cls.dataset = AISMapDataset(ais_source_list=cls.bucket)
        cls.names = [o.name for o in cls.dataset.get_obj_list()]

    @classmethod
    def tearDownClass(cls):
        cls.bucket.delete(missing_ok=True)

    def compare(self, max_bytes, drop_last=False, oversized=False, saturation=0.8):
        sampler = DynamicBatchSampler(self.dataset, max_batch_size=max_bytes, drop_last=drop_last,
                                      allow_oversized_samples=oversized, saturation_factor=saturation)
        theirs = [[self.names[i] for i in batch] for batch in sampler]
        args = [CLI, "batches", f"ais://{self.bucket_name}", "--max-batch-bytes", str(max_bytes),
                "--saturation", str(saturation), "--json"]
        if drop_last:
            args.append("--drop-last")
        if oversized:
            args.append("--allow-oversized")
        proc = subprocess.run(args, capture_output=True, text=True, check=False,
                              env=dict(os.environ, AIS_ENDPOINT=ENDPOINT), timeout=120)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        ours = json.loads(proc.stdout)["batches"]
        self.assertEqual(ours, theirs)
        self.assertTrue(theirs, "the parameters should produce batches")

    def test_plain(self):
        self.compare(10000)

    def test_exact_fits(self):
        self.compare(10000.0)

    def test_small_budget_drops_oversized(self):
        self.compare(4500)

    def test_small_budget_keeps_oversized(self):
        self.compare(4500, oversized=True)

    def test_drop_last_saturation(self):
        for sat in (0.0, 0.5, 0.8, 1.0):
            with self.subTest(saturation=sat):
                self.compare(30000, drop_last=True, saturation=sat)

    def test_everything_at_once(self):
        self.compare(7000, drop_last=True, oversized=True, saturation=0.3)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--cli", required=True)
    args, rest = parser.parse_known_args()
    CLI = args.cli
    unittest.main(argv=[sys.argv[0], "-v", *rest])
