"""The Python module (import shardscope) against the real cluster at
$AIS_ENDPOINT: every exposed feature reads what `shardscope-cli` reads for
the same data and parameters (names, sizes, order, batches, states), and the
bytes are the bytes that were written.

Run by CTest (label python) with the venv's Python and the module built into
<build>/python: test_module.py --cli <shardscope-cli>.
"""

import hashlib
import json
import os
import random
import tempfile
import unittest

import shardscope as ss

import clitest
from clitest import cli, json_lines, main, tar_bytes


class ModuleAgainstCli(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.name = f"ss-python-{os.getpid()}-{random.randrange(10**6)}"
        cls.url = f"ais://{cls.name}"
        cls.store = ss.open_store(cls.url)
        cls.store.create_bucket()
        rnd = random.Random(15)
        cls.data = {}
        for split, n in (("train", 37), ("val", 11)):
            for i in range(n):
                size = rnd.choice([0, 1, 500, 1000, 3000, 7000, 12000])
                cls.data[f"{split}/o-{i:03d}.bin"] = rnd.randbytes(size)
        cls.data["train/with space é.bin"] = b"unicode name"
        for name, data in cls.data.items():
            cls.store.put(name, data)
        cls.samples = {}
        for s in range(3):
            members = []
            for k in range(6):
                key = f"s{s}-k{k:02d}"
                for ext, data in ((".bin", rnd.randbytes(100 + k)), (".cls", str(k).encode())):
                    members.append((key + ext, data))
                    cls.samples.setdefault(key, {})[ext[1:]] = data
            cls.store.put(f"shards/s-{s}.tar", tar_bytes(members))
            # A second source for the multi-shard stream: captions with the same keys.
            cls.store.put(f"captions/c-{s}.tar",
                          tar_bytes([(f"s{s}-k{k:02d}.txt", f"caption {s} {k}".encode()) for k in range(6)]))
        cls.store.put("bad/broken.tar", b"this is no tar archive at all" * 40)

    @classmethod
    def tearDownClass(cls):
        cls.store.destroy_bucket()
        cls.tmp.cleanup()

    def config(self, name, body):
        cfg = {"schema_version": 1, "name": name, "endpoint_env": "AIS_ENDPOINT",
               "sources": [{"id": "data", "provider": "ais", "bucket": self.name}],
               "splits": {"train": {"data": ["train/"]}, "val": {"data": ["val/"]}}, **body}
        path = os.path.join(self.tmp.name, name + ".json")
        with open(path, "w") as f:
            json.dump(cfg, f)
        return path

    # --- stores and listing -------------------------------------------------

    def test_listing_matches_ls(self):
        ours = [(o.name, o.size) for o in self.store.list("train/")]
        theirs = [(e["name"], e["size"]) for e in json.loads(cli("ls", self.url + "/train/", "--json").stdout)]
        self.assertEqual(ours, theirs)
        self.assertEqual(len(ours), 38)
        self.assertIn(self.name, ss.open_store("ais://").list_buckets())

    def test_get_head_range_and_archive_member(self):
        name = "train/o-005.bin"
        data = self.store.get(name)
        self.assertIsInstance(data, memoryview)
        self.assertEqual(bytes(data), self.data[name])
        self.assertEqual(self.store.head(name).size, len(self.data[name]))
        big = next(n for n, d in self.data.items() if len(d) >= 3000)
        self.assertEqual(bytes(self.store.get(big, offset=10, length=20)), self.data[big][10:30])
        members = dict(self.store.list_archive("shards/s-1.tar"))
        self.assertEqual(members["s1-k02.bin"], 102)
        self.assertEqual(bytes(self.store.get("shards/s-1.tar", member="s1-k02.cls")), b"2")

    def test_buffers_are_zero_copy_and_writable(self):
        import numpy as np
        _, data = ss.MapDataset(self.url + "/train/")[3]
        arr = np.frombuffer(data, dtype=np.uint8)
        self.assertFalse(data.readonly)
        if len(arr):
            before = data[0]
            arr[0] ^= 0xFF  # the array is a view of the module's buffer, not a copy
            self.assertEqual(data[0], before ^ 0xFF)
        self.assertEqual(type(data.obj).__name__, "OwnedBytes")

    # --- the loader against iterate ----------------------------------------

    def iterate(self, *args):
        return json_lines(cli("iterate", *args, "--json").stdout)

    def test_object_loader_reads_what_iterate_reads(self):
        ours = {}
        for name, data in ss.Loader(self.url + "/train/", workers=3):
            ours[name] = hashlib.sha256(data).hexdigest()
        theirs = {e["name"]: e["size"] for e in self.iterate(self.url + "/train/", "--workers", "3")}
        self.assertEqual(set(ours), set(theirs))
        for name, digest in ours.items():
            self.assertEqual(digest, hashlib.sha256(self.data[name]).hexdigest(), name)

    def test_ranks_shuffle_epochs_in_iterate_order(self):
        for rank, world, even, epoch in ((0, 1, False, 0), (1, 3, False, 2), (2, 3, True, 1)):
            with self.subTest(rank=rank, world=world, even=even, epoch=epoch):
                loader = ss.Loader(self.url + "/train/", workers=2, rank=rank, world_size=world, even_ranks=even,
                                   shuffle=True, seed=99, epoch=epoch, ordered=True)
                ours = [name for name, _ in loader]
                args = [self.url + "/train/", "--workers", "2", "--rank", str(rank), "--world-size", str(world),
                        "--shuffle", "--seed", "99", "--epoch", str(epoch), "--ordered"]
                if even:
                    args.append("--even-ranks")
                self.assertEqual(ours, [e["name"] for e in self.iterate(*args)])
                self.assertEqual(len(loader), len(ours))
                order = ss.epoch_order(38, shuffle=True, seed=99, epoch=epoch)
                names = [o.name for o in self.store.list("train/")]
                mine = ss.rank_items(order, rank=rank, world_size=world, even_ranks=even)
                self.assertEqual(ours, [names[i] for i in mine])

    def test_shard_loader_reads_the_samples_iterate_reads(self):
        ours = [(shard, key, {e: len(v) for e, v in m.items()})
                for shard, key, m in ss.Loader(self.url + "/shards/", mode="shard", workers=2, ordered=True,
                                               with_shard=True)]
        theirs = [(e["shard"], e["key"], e["members"])
                  for e in self.iterate(self.url + "/shards/", "--mode", "shard", "--workers", "2", "--ordered")]
        self.assertEqual(ours, theirs)
        self.assertEqual(len(ours), 18)
        for key, members in ss.Loader(self.url + "/shards/", mode="shard"):
            self.assertEqual({e: bytes(v) for e, v in members.items()}, self.samples[key])

    def test_get_batch_loader_reads_what_iterate_reads(self):
        ours = [(n, hashlib.sha256(d).hexdigest())
                for n, d in ss.Loader(self.url + "/val/", mode="get-batch", batch_size=4, ordered=True)]
        theirs = [e["name"] for e in self.iterate(self.url + "/val/", "--mode", "get-batch", "--batch-size", "4",
                                                  "--ordered")]
        self.assertEqual([n for n, _ in ours], theirs)
        self.assertEqual(len(ours), 11)
        for n, digest in ours:
            self.assertEqual(digest, hashlib.sha256(self.data[n]).hexdigest(), n)

    def test_state_survives_json_and_moves_to_and_from_the_cli(self):
        url = self.url + "/train/"
        loader = ss.Loader(url, workers=3, shuffle=True, seed=7, ordered=True)
        first = [next(loader)[0] for _ in range(9)]
        state = json.loads(json.dumps(loader.state()))
        loader.close()
        # The CLI's --save-state after the same 9 items is the same state.
        saved = os.path.join(self.tmp.name, "cli-state.json")
        cli("iterate", url, "--workers", "3", "--shuffle", "--seed", "7", "--limit", "9", "--save-state", saved,
            "--json")
        with open(saved) as f:
            self.assertEqual(json.load(f), state)
        rest = [n for n, _ in ss.Loader(url, workers=3, shuffle=True, seed=7, state=state)]
        everything = [e["name"] for e in self.iterate(url, "--workers", "3", "--shuffle", "--seed", "7", "--ordered")]
        self.assertEqual(first + rest, everything)
        resumed = [e["name"] for e in self.iterate(url, "--workers", "3", "--shuffle", "--seed", "7",
                                                   "--resume", saved)]
        self.assertEqual(resumed, rest)
        with self.assertRaisesRegex(ss.InvalidArgumentError, "another run: its seed is 7, this run's is 8"):
            ss.Loader(url, shuffle=True, seed=8, state=state)

    def test_key_rule_multipart_and_templates_as_the_cli(self):
        ours = [(k, sorted(m)) for k, m in ss.Loader(self.url + "/shards/", mode="shard", key_rule="sdk",
                                                      ordered=True)]
        theirs = [(e["key"], sorted(e["members"])) for e in self.iterate(self.url + "/shards/", "--mode", "shard",
                                                                          "--key-rule", "sdk", "--ordered")]
        self.assertEqual(ours, theirs)
        multipart = [n for n, _ in ss.Loader(self.url + "/val/", mode="get-batch", batch_size=3, multipart=True,
                                             ordered=True)]
        self.assertEqual(multipart, sorted(n for n in self.data if n.startswith("val/")))
        template = self.url + "/shards/s-{2..0}.tar"
        self.assertEqual([o.name for o in ss.open_store(template).list_dataset()],
                         ["shards/s-2.tar", "shards/s-1.tar", "shards/s-0.tar"])
        self.assertEqual([e["shard"] for e in self.iterate(template, "--mode", "shard", "--ordered")][::6],
                         [s for s, _, _ in ss.Loader(template, mode="shard", ordered=True, with_shard=True)][::6])

    def test_s3_through_the_cluster_reads_what_ais_reads(self):
        opts = ss.StoreOptions(endpoint=clitest.ENDPOINT + "/s3")
        s3 = sorted((n, bytes(d)) for n, d in ss.Loader(f"s3://{self.name}/val/", options=opts))
        ais = sorted((n, bytes(d)) for n, d in ss.Loader(self.url + "/val/"))
        self.assertEqual(s3, ais)
        self.assertEqual(len(s3), 11)

    # --- datasets ------------------------------------------------------------

    def test_map_dataset(self):
        ds = ss.MapDataset(self.url + "/val/")
        self.assertEqual(len(ds), 11)
        self.assertEqual(ds.names(), sorted(n for n in self.data if n.startswith("val/")))
        self.assertEqual(ds.sizes(), [len(self.data[n]) for n in ds.names()])
        name, data = ds[-1]
        self.assertEqual((name, bytes(data)), (ds.names()[-1], self.data[name]))
        with self.assertRaisesRegex(IndexError, "index 11 is out of range"):
            ds[11]
        got = [(n, bytes(d)) for n, d in ds.loader([4, 0, 4], workers=2)]
        self.assertEqual(got, [(ds.name(i), self.data[ds.name(i)]) for i in (4, 0, 4)])

    def test_multi_shard_stream_zips_sources(self):
        steps = list(ss.MultiShardStream([self.url + "/shards/", self.url + "/captions/"]))
        self.assertEqual(len(steps), 18)
        for (key, members), (ckey, captions) in steps:
            self.assertEqual(key, ckey)
            s, k = key[1], int(key[-2:])
            self.assertEqual(bytes(captions["txt"]), f"caption {s} {k}".encode())
            self.assertEqual(bytes(members["cls"]), str(k).encode())

    # --- samplers and configs against batches ------------------------------

    def test_dynamic_and_packed_batches_match_the_cli(self):
        ds = ss.MapDataset(self.url + "/train/")
        names, sizes = ds.names(), ds.sizes()
        for strategy, extra in (("sdk", []), ("packed", ["--window", "8"])):
            for drop_last, oversized in ((False, False), (True, True)):
                with self.subTest(strategy=strategy, drop_last=drop_last, oversized=oversized):
                    kw = dict(drop_last=drop_last, allow_oversized=oversized, saturation=0.5)
                    if strategy == "sdk":
                        batches, stats = ss.dynamic_batches(sizes, 10000, return_stats=True, **kw)
                    else:
                        batches, stats = ss.packed_batches(sizes, 10000, window=8, return_stats=True, **kw)
                    args = ["batches", self.url + "/train/", "--max-batch-bytes", "10000", "--saturation", "0.5",
                            "--strategy", strategy, "--json", *extra]
                    if drop_last:
                        args.append("--drop-last")
                    if oversized:
                        args.append("--allow-oversized")
                    out = json.loads(cli(*args).stdout)
                    self.assertEqual([[names[i] for i in b] for b in batches], out["batches"])
                    self.assertEqual(stats["batches"], out["stats"]["batches"])
                    self.assertEqual(stats["zero_size_skipped"], out["stats"]["zero_size_skipped"])
        with self.assertRaisesRegex(ss.InvalidArgumentError, "saturation"):
            ss.dynamic_batches(sizes, 1000, saturation=1.5)

    def test_fixed_batches_and_orders(self):
        order = ss.shuffled_order(10, 3)
        self.assertEqual(sorted(order), list(range(10)))
        self.assertEqual(order, ss.shuffled_order(10, 3))
        self.assertEqual(ss.fixed_batches(list(range(7)), 3), [[0, 1, 2], [3, 4, 5], [6]])
        self.assertEqual(ss.fixed_batches(list(range(7)), 3, drop_last=True), [[0, 1, 2], [3, 4, 5]])

    def test_config_load_validate_split_loader_and_batches(self):
        path = self.config("dyn", {"split": "train", "dataset": {"kind": "map"}, "workers": 2,
                                   "sampler": {"kind": "dynamic", "max_batch_bytes": 9000, "saturation": 0.6}})
        cfg = ss.load_config(path)
        self.assertEqual((cfg.kind, cfg.sampler, cfg.workers, cfg.split), ("map", "dynamic", 2, "train"))
        self.assertEqual(cfg.split_names, ["train", "val"])
        self.assertEqual(ss.Config.from_dict(cfg.to_dict()), cfg)
        theirs = json.loads(cli("batches", path, "--json").stdout)["batches"]
        self.assertEqual(ss.config_batches(cfg), theirs)
        self.assertEqual(sorted(n for n, _ in ss.Loader(cfg, ordered=True)),
                         sorted(e["name"] for e in self.iterate(path)))
        val = cfg.with_split("val")
        self.assertEqual(len(ss.MapDataset(val)), 11)
        report = cfg.split_report()
        self.assertEqual({s["name"]: s["objects"] for s in report["splits"]}, {"train": 38, "val": 11})
        bad = dict(cfg.to_dict(), workers=0)
        with self.assertRaisesRegex(ss.InvalidArgumentError, r"<dict>: \$\.workers"):
            ss.Config.from_dict(bad)
        with self.assertRaisesRegex(ss.InvalidArgumentError, "no split named \"test\""):
            cfg.with_split("test")

    def test_stub_declares_every_public_name(self):
        import ast
        stub = os.path.join(os.path.dirname(ss.__file__), "__init__.pyi")
        with open(stub) as f:
            tree = ast.parse(f.read())
        declared = {n.name for n in tree.body if isinstance(n, (ast.ClassDef, ast.FunctionDef))}
        declared |= {t.id for n in tree.body if isinstance(n, (ast.Assign, ast.AnnAssign))
                     for t in (n.targets if isinstance(n, ast.Assign) else [n.target]) if isinstance(t, ast.Name)}
        public = {n for n in dir(ss) if not n.startswith("_") and n not in ("torch",)}
        self.assertEqual(public - declared, set())

    # --- errors name what they are about ------------------------------------

    def test_errors_name_bucket_object_and_shard(self):
        with self.assertRaises(ss.BucketNotFoundError) as e:
            ss.Loader(f"ais://{self.name}-missing")
        self.assertIn(f"{self.name}-missing", str(e.exception))
        self.assertEqual(e.exception.http_status, 404)
        self.assertIsInstance(e.exception, FileNotFoundError)
        with self.assertRaises(ss.ObjectNotFoundError) as e:
            self.store.get("train/nope.bin")
        self.assertIn("train/nope.bin", str(e.exception))
        with self.assertRaises(ss.Error) as e:
            list(ss.Loader(self.url + "/bad/", mode="shard"))
        self.assertIn("bad/broken.tar", str(e.exception))
        loader = ss.Loader(self.url + "/bad/", mode="shard", on_error="skip")
        self.assertEqual(list(loader), [])
        problems = loader.problems()
        self.assertEqual([p["shard"] for p in problems], ["bad/broken.tar"])
        self.assertEqual(loader.counters()["errors"], 1)
        with self.assertRaisesRegex(ss.InvalidArgumentError, "workers must be between 1 and 1024"):
            ss.Loader(self.url, workers=0)
        with self.assertRaisesRegex(ValueError, "connect_timeout"):
            ss.StoreOptions(connect_timeout=-1)
        with self.assertRaisesRegex(ss.InvalidUrlError, "unsupported scheme"):
            ss.open_store("gopher://x")


class LocalStores(unittest.TestCase):
    """file:// and local:// from Python, names that are not UTF-8 included."""

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = os.path.join(self.tmp.name, "data")
        os.mkdir(self.dir)
        self.files = {b"caf\xe9.bin": b"latin-1 name", b"plain.bin": b"x" * 300, "é-utf8.bin".encode(): b"utf-8"}
        for name, data in self.files.items():
            with open(os.path.join(os.fsencode(self.dir), name), "wb") as f:
                f.write(data)

    def tearDown(self):
        self.tmp.cleanup()

    def test_names_that_are_not_utf8_survive_and_match_the_cli(self):
        url = "file://" + self.dir
        ours = [(n, bytes(d)) for n, d in ss.Loader(url, ordered=True)]
        self.assertEqual({os.fsencode(n): d for n, d in ours}, self.files)
        theirs = [e["name"] for e in json_lines(cli("iterate", url, "--json", "--ordered").stdout)]
        self.assertEqual([ss.escape_name(n) for n, _ in ours], theirs)
        self.assertIn("caf\\xe9.bin", theirs)
        latin = next(n for n, _ in ours if os.fsencode(n) == b"caf\xe9.bin")
        self.assertEqual(bytes(ss.open_store(url).get(latin)), b"latin-1 name")
        self.assertEqual(ss.unescape_name("caf\\xe9.bin"), latin)

    def test_local_store_roundtrip(self):
        opts = ss.StoreOptions(local_root=self.tmp.name)
        store = ss.open_store("local://ss-python-local", opts)
        store.create_bucket()
        store.put("a/b.bin", b"hello")
        self.assertEqual([(o.name, o.size) for o in store.list()], [("a/b.bin", 5)])
        self.assertEqual([(n, bytes(d)) for n, d in ss.Loader("local://ss-python-local", options=opts)],
                         [("a/b.bin", b"hello")])


if __name__ == "__main__":
    main()
