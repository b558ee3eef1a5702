"""shardscope from Python: the C++ loader core (stores, listing, datasets,
samplers, the multi-worker loader, dataset configs) as a module.

    import shardscope as ss
    for name, data in ss.Loader("ais://train", workers=8):
        x = numpy.frombuffer(data, dtype=numpy.uint8)   # no copy

Items are (name, memoryview) for objects and (key, {ext: memoryview}) for
WebDataset samples, over buffers the module owns. The GIL is released while
the loader waits and reads; Ctrl+C stops a loop. See shardscope.torch for
PyTorch's DataLoader.
"""

from ._core import (  # noqa: F401
    __version__,
    Error,
    NotFoundError,
    BucketNotFoundError,
    ObjectNotFoundError,
    InvalidArgumentError,
    InvalidUrlError,
    NetworkError,
    NetworkTimeoutError,
    HttpError,
    AlreadyExistsError,
    UnauthorizedError,
    ForbiddenError,
    ProtocolError,
    IoError,
    CancelledError,
    InternalError,
    StoreOptions,
    ObjectInfo,
    Store,
    open_store,
    escape_name,
    unescape_name,
    Config,
    load_config,
    sequential_order,
    shuffled_order,
    epoch_order,
    rank_items,
    fixed_batches,
    dynamic_batches,
    packed_batches,
    Loader,
    MapDataset,
    MultiShardStream,
)


class BatchLoader:
    """Batches of a map dataset read by the loader's threads: each step gives
    one batch, a list of (name, memoryview) in the batch's order.

        ds = MapDataset("ais://train")
        batches = dynamic_batches(ds.sizes(), 4_000_000)
        for batch in BatchLoader(ds, batches, workers=8): ...
    """

    def __init__(self, dataset, batches, *, workers=None, prefetch=64):
        self._batches = [list(b) for b in batches]
        flat = [i for b in self._batches for i in b]
        self._loader = dataset.loader(flat, workers=workers, ordered=True, prefetch=prefetch)

    def __len__(self):
        return len(self._batches)

    def __iter__(self):
        loader = self._loader
        for b in self._batches:
            yield [next(loader) for _ in b]
        loader.close()

    def close(self):
        self._loader.close()


def config_batches(config, *, options=None):
    """The batches a config's sampler forms over its items, as names: what
    `shardscope-cli batches CONFIG` prints (dynamic, packed; fixed too)."""
    ds = MapDataset(config) if options is None else MapDataset(config, options)
    names = ds.names()
    return [[names[i] for i in b] for b in config_obj(config).batch_indices(ds.sizes())]


def config_obj(config):
    """A Config from a Config or a path."""
    return config if isinstance(config, Config) else load_config(config)
