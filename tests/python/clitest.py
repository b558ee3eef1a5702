"""What the python tests share: shardscope-cli (--cli PATH) run against the
cluster at $AIS_ENDPOINT, its JSON lines, and the test main."""

import argparse
import io
import json
import os
import subprocess
import sys
import tarfile
import unittest

ENDPOINT = os.environ.get("AIS_ENDPOINT", "http://127.0.0.1:8080")
CLI = None


def run(args):
    """Any command, with the cluster's endpoint in the environment."""
    return subprocess.run(args, capture_output=True, text=True, timeout=600,
                          env=dict(os.environ, AIS_ENDPOINT=ENDPOINT))


def cli(*args, check=True):
    proc = run([CLI, *args])
    if check and proc.returncode != 0:
        raise AssertionError(f"shardscope-cli {' '.join(args)} failed: {proc.stderr}")
    return proc


def json_lines(text):
    return [json.loads(l) for l in text.splitlines() if l.strip()]


def tar_bytes(members):
    """A tar archive (USTAR) of (name, bytes) members, in order."""
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.USTAR_FORMAT) as tar:
        for name, data in members:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return buf.getvalue()


def main():
    """unittest.main after taking --cli PATH off the command line."""
    global CLI
    parser = argparse.ArgumentParser()
    parser.add_argument("--cli")
    args, rest = parser.parse_known_args()
    CLI = args.cli
    unittest.main(module="__main__", argv=[sys.argv[0], *rest], verbosity=2)
