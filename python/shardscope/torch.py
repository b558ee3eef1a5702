"""shardscope's loader under PyTorch's DataLoader.

    from torch.utils.data import DataLoader
    import shardscope.torch as sst

    ds = sst.IterableDataset("ais://train", workers=8, shuffle=True, as_tensor=True)
    for epoch in range(3):
        ds.set_epoch(epoch)
        for name, x in DataLoader(ds, batch_size=None, num_workers=0):
            ...

With num_workers=0 shardscope's threads do the parallel reading (the fast
path: items stay zero-copy). With num_workers > 0 each DataLoader worker reads
its own share of the rank's items (like aistore.pytorch does), and items are
turned into bytes or tensors to cross the process boundary. The rank and world
size come from torch.distributed when it is initialised, unless given.

The module itself never links libtorch: this file only imports torch.
"""

import torch
from torch.utils.data import Dataset as _TorchDataset
from torch.utils.data import IterableDataset as _TorchIterableDataset
from torch.utils.data import Sampler as _TorchSampler
from torch.utils.data import get_worker_info

import shardscope as _ss

__all__ = ["IterableDataset", "MapDataset", "BatchSampler", "distributed_rank", "keep", "to_tensor"]


def distributed_rank():
    """(rank, world_size) from torch.distributed when initialised, else (0, 1)."""
    dist = torch.distributed
    if dist.is_available() and dist.is_initialized():
        return dist.get_rank(), dist.get_world_size()
    return 0, 1


def keep(batch):
    """A collate_fn that keeps a batch as the list of items it is."""
    return batch


def to_tensor(data):
    """A uint8 tensor over a buffer without copying it (torch.frombuffer)."""
    if len(data) == 0:
        return torch.empty(0, dtype=torch.uint8)
    return torch.frombuffer(data, dtype=torch.uint8)


def _convert(item, fn):
    a, b = item[-2], item[-1]
    if isinstance(b, dict):
        b = {k: fn(v) for k, v in b.items()}
    else:
        b = fn(b)
    return (*item[:-2], a, b)


class IterableDataset(_TorchIterableDataset):
    """A torch IterableDataset over shardscope.Loader: objects (mode='object'),
    WebDataset samples (mode='shard') or GetBatch reads (mode='get-batch') of a
    URL, Store or Config. Items: (name, data) or (key, {ext: data}), data a
    memoryview (or a uint8 tensor with as_tensor=True)."""

    def __init__(self, source, *, rank=None, world_size=None, as_tensor=False, transform=None,
                 options=None, **loader_args):
        super().__init__()
        self.source = source
        self.rank = rank
        self.world_size = world_size
        self.as_tensor = as_tensor
        self.transform = transform
        self.options = options
        self.loader_args = loader_args
        self.epoch = loader_args.pop("epoch", 0)

    def set_epoch(self, epoch):
        """With shuffle, each epoch reads in its own order."""
        self.epoch = epoch

    def _share(self):
        rank, world = distributed_rank()
        rank = rank if self.rank is None else self.rank
        world = world if self.world_size is None else self.world_size
        info = get_worker_info()
        in_worker = info is not None
        if in_worker and info.num_workers > 1:
            # Worker w of rank r reads share r * num_workers + w of world * num_workers.
            rank, world = rank * info.num_workers + info.id, world * info.num_workers
        return rank, world, in_worker

    def __iter__(self):
        rank, world, in_worker = self._share()
        args = dict(self.loader_args)
        if self.options is not None:
            args["options"] = self.options
        loader = _ss.Loader(self.source, rank=rank, world_size=world, epoch=self.epoch, **args)
        fn = to_tensor if self.as_tensor else (bytes if in_worker else None)
        try:
            for item in loader:
                if fn is not None:
                    item = _convert(item, fn)
                yield self.transform(item) if self.transform else item
        finally:
            loader.close()


class MapDataset(_TorchDataset):
    """A torch map-style Dataset over shardscope.MapDataset: dataset[i] is
    (name, data). __getitems__ (used by DataLoader for a whole batch) reads the
    batch with shardscope's threads, so DataLoader(num_workers=0,
    batch_sampler=BatchSampler(...)) reads in parallel."""

    def __init__(self, source, *, workers=4, as_tensor=False, options=None):
        super().__init__()
        self.dataset = _ss.MapDataset(source) if options is None else _ss.MapDataset(source, options)
        self.workers = workers
        self.as_tensor = as_tensor

    def __len__(self):
        return len(self.dataset)

    def _out(self, item):
        if self.as_tensor:
            return _convert(item, to_tensor)
        if get_worker_info() is not None:
            return _convert(item, bytes)
        return item

    def __getitem__(self, index):
        return self._out(self.dataset[index])

    def __getitems__(self, indices):
        indices = list(indices)
        if len(indices) <= 1 or self.workers <= 1:
            return [self[i] for i in indices]
        loader = self.dataset.loader(indices, workers=min(self.workers, len(indices)), ordered=True)
        try:
            return [self._out(item) for item in loader]
        finally:
            loader.close()

    def sizes(self):
        return self.dataset.sizes()


class BatchSampler(_TorchSampler):
    """Batches of indices for DataLoader(batch_sampler=...): kind='dynamic'
    (AIStore's DynamicBatchSampler, batch for batch), 'packed' (fuller) or
    'fixed'. With several ranks (torch.distributed, or rank/world_size) each
    rank takes every world_size-th batch; even_ranks drops the tail so every
    rank gets as many batches."""

    def __init__(self, dataset, *, kind="dynamic", max_batch_bytes=None, batch_size=None, drop_last=False,
                 allow_oversized=False, saturation=0.8, shuffle=False, seed=0, window=1024,
                 rank=None, world_size=None, even_ranks=False):
        if kind not in ("dynamic", "packed", "fixed"):
            raise _ss.InvalidArgumentError(f"kind must be 'dynamic', 'packed' or 'fixed', not {kind!r}")
        if kind == "fixed" and not batch_size:
            raise _ss.InvalidArgumentError("kind='fixed' needs batch_size")
        if kind != "fixed" and not max_batch_bytes:
            raise _ss.InvalidArgumentError(f"kind={kind!r} needs max_batch_bytes")
        self.sizes = list(dataset.sizes())
        self.kind, self.max_batch_bytes, self.batch_size = kind, max_batch_bytes, batch_size
        self.drop_last, self.allow_oversized, self.saturation = drop_last, allow_oversized, saturation
        self.shuffle, self.seed, self.window = shuffle, seed, window
        self.rank, self.world_size, self.even_ranks = rank, world_size, even_ranks
        self.epoch = 0

    def set_epoch(self, epoch):
        self.epoch = epoch

    def all_batches(self):
        """Every rank's batches, in order."""
        seed = self.seed + self.epoch
        if self.kind == "fixed":
            order = _ss.shuffled_order(len(self.sizes), seed) if self.shuffle else range(len(self.sizes))
            return _ss.fixed_batches(list(order), self.batch_size, drop_last=self.drop_last)
        fn = _ss.dynamic_batches if self.kind == "dynamic" else _ss.packed_batches
        extra = {"window": self.window} if self.kind == "packed" else {}
        return fn(self.sizes, self.max_batch_bytes, drop_last=self.drop_last, allow_oversized=self.allow_oversized,
                  saturation=self.saturation, shuffle=self.shuffle, seed=seed, **extra)

    def _mine(self):
        rank, world = distributed_rank()
        rank = rank if self.rank is None else self.rank
        world = world if self.world_size is None else self.world_size
        batches = self.all_batches()
        pick = _ss.rank_items(list(range(len(batches))), rank=rank, world_size=world, even_ranks=self.even_ranks)
        return [batches[i] for i in pick]

    def __iter__(self):
        return iter(self._mine())

    def __len__(self):
        return len(self._mine())
