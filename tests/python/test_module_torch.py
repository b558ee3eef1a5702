"""shardscope.torch under PyTorch's DataLoader, against the real cluster:
the same items as `shardscope-cli iterate` with num_workers=0 (shardscope's
threads) and with num_workers=2 (each worker its share, nothing twice), the
rank share from torch.distributed, and BatchSampler's batches as `batches`.
"""

import json
import os
import random
import subprocess
import sys
import tempfile
import unittest

import torch
import torch.distributed as dist
from torch.utils.data import DataLoader

import shardscope as ss
import shardscope.torch as sst

from clitest import cli, main


class TorchAdapters(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.name = f"ss-python-torch-{os.getpid()}-{random.randrange(10**6)}"
        cls.url = f"ais://{cls.name}"
        cls.store = ss.open_store(cls.url)
        cls.store.create_bucket()
        rnd = random.Random(3)
        cls.data = {f"o-{i:03d}.bin": rnd.randbytes(rnd.choice([0, 10, 900, 2500, 6000])) for i in range(30)}
        for n, d in cls.data.items():
            cls.store.put(n, d)

    @classmethod
    def tearDownClass(cls):
        cls.store.destroy_bucket()

    def iterate(self, *args):
        return [json.loads(l)["name"] for l in cli("iterate", self.url, "--json", *args).stdout.splitlines()]

    def test_iterable_dataset_in_process_gives_tensors_without_copies(self):
        ds = sst.IterableDataset(self.url, workers=3, shuffle=True, seed=5, ordered=True, as_tensor=True)
        ds.set_epoch(1)
        got = list(DataLoader(ds, batch_size=None, num_workers=0))
        self.assertEqual([n for n, _ in got],
                         self.iterate("--workers", "3", "--shuffle", "--seed", "5", "--epoch", "1", "--ordered"))
        for name, t in got:
            self.assertEqual(t.dtype, torch.uint8)
            self.assertEqual(bytes(t.numpy()), self.data[name])

    def test_dataloader_workers_read_each_item_once(self):
        ds = sst.IterableDataset(self.url, workers=2)
        got = [(n, bytes(d)) for n, d in DataLoader(ds, batch_size=None, num_workers=2)]
        self.assertEqual(sorted(n for n, _ in got), sorted(self.data))
        self.assertEqual(dict(got), self.data)

    def test_rank_comes_from_torch_distributed(self):
        # Two real ranks (gloo, two processes): each reads iterate's share of its rank.
        child = (
            "import json, sys, torch.distributed as dist, shardscope.torch as sst\n"
            "dist.init_process_group('gloo', init_method='file://' + sys.argv[1], rank=int(sys.argv[2]), "
            "world_size=2)\n"
            "print(json.dumps([sst.distributed_rank(), [n for n, _ in sst.IterableDataset(sys.argv[3], "
            "ordered=True, even_ranks=True)]]))\n"
            "dist.barrier(); dist.destroy_process_group()\n")
        with tempfile.TemporaryDirectory() as tmp:
            rendezvous = os.path.join(tmp, "rendezvous")
            procs = [subprocess.Popen([sys.executable, "-c", child, rendezvous, str(r), self.url],
                                      stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for r in (0, 1)]
            outs = [p.communicate(timeout=300) for p in procs]
        for r, (p, (out, err)) in enumerate(zip(procs, outs)):
            self.assertEqual(p.returncode, 0, err)
            (rank, world), names = json.loads(out)
            self.assertEqual((rank, world), (r, 2))
            self.assertEqual(names, self.iterate("--rank", str(r), "--world-size", "2", "--even-ranks", "--ordered"))
        self.assertEqual(sst.distributed_rank(), (0, 1))  # not initialised here
        ds = sst.IterableDataset(self.url, rank=1, world_size=4, even_ranks=True, ordered=True)
        self.assertEqual([n for n, _ in ds],
                         self.iterate("--rank", "1", "--world-size", "4", "--even-ranks", "--ordered"))

    def test_batch_sampler_batches_match_the_cli(self):
        ds = sst.MapDataset(self.url, workers=3)
        sampler = sst.BatchSampler(ds, kind="dynamic", max_batch_bytes=8000, saturation=0.5)
        loader = DataLoader(ds, batch_sampler=sampler, num_workers=0, collate_fn=sst.keep)
        got = [[n for n, _ in batch] for batch in loader]
        theirs = json.loads(cli("batches", self.url, "--max-batch-bytes", "8000", "--saturation", "0.5",
                                "--json").stdout)["batches"]
        self.assertEqual(got, theirs)
        for batch in loader:
            for name, data in batch:
                self.assertEqual(bytes(data), self.data[name])
        # Two ranks split the batches between them, every batch once.
        r0 = list(sst.BatchSampler(ds, kind="dynamic", max_batch_bytes=8000, saturation=0.5, rank=0, world_size=2))
        r1 = list(sst.BatchSampler(ds, kind="dynamic", max_batch_bytes=8000, saturation=0.5, rank=1, world_size=2))
        self.assertEqual(sorted(map(tuple, r0 + r1)), sorted(map(tuple, sampler.all_batches())))
        with self.assertRaisesRegex(ss.InvalidArgumentError, "needs max_batch_bytes"):
            sst.BatchSampler(ds, kind="packed")


if __name__ == "__main__":
    main()
