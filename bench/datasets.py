"""The benchmark data sets, generated on the cluster once and reused while the
bucket holds exactly what is expected: `small` (N objects of 1 KiB, by
`shardscope-cli gen`) and `shards` (WebDataset tar shards of samples
`<key>.bin` of S bytes + `<key>.cls`, a label)."""

import io
import os
import subprocess
import sys
import tarfile


def count_objects(client, bucket):
    try:
        return sum(1 for _ in client.bucket(bucket).list_all_objects_iter(props="name"))
    except Exception:  # no such bucket
        return -1


def ensure_small(cli, client, endpoint, bucket, n, size="1KiB"):
    if count_objects(client, bucket) == n:
        return
    print(f"generating ais://{bucket}: {n:,} objects of {size} ...", file=sys.stderr)
    client.bucket(bucket).delete(missing_ok=True)
    subprocess.run([cli, "gen", f"ais://{bucket}", "--objects", str(n), "--size", size, "--workers", "8"],
                   check=True, capture_output=True, env=dict(os.environ, AIS_ENDPOINT=endpoint))


def ensure_shards(client, bucket, samples, per_shard, sample_size=1024):
    """samples // per_shard shards (the remainder is dropped: callers pass multiples)."""
    shards = samples // per_shard
    if count_objects(client, bucket) == shards:
        return
    print(f"generating ais://{bucket}: {shards:,} shards of {per_shard:,} samples of {sample_size:,} B ...",
          file=sys.stderr)
    bck = client.bucket(bucket)
    bck.delete(missing_ok=True)
    bck.create()
    for s in range(shards):
        buf = io.BytesIO()
        with tarfile.open(fileobj=buf, mode="w", format=tarfile.USTAR_FORMAT) as tar:
            for k in range(per_shard):
                key = f"{s * per_shard + k:09d}"
                for ext, data in ((".bin", os.urandom(sample_size)), (".cls", str(k % 10).encode())):
                    info = tarfile.TarInfo(key + ext)
                    info.size = len(data)
                    tar.addfile(info, io.BytesIO(data))
        bck.object(f"shard-{s:05d}.tar").get_writer().put_content(buf.getvalue())


def shard_layout(sample_size, target_bytes):
    """(samples, per_shard) for a shard set of about target_bytes: shards of about
    4 MiB (at least 1 sample, at most 1,000), and a whole number of shards, at
    least 16 so that 4 workers have several each."""
    per_shard = max(1, min(1000, (4 << 20) // sample_size))
    shards = max(16, target_bytes // (per_shard * sample_size))
    return shards * per_shard, per_shard
