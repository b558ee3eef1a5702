#!/usr/bin/env python3
"""Runs a command with its stderr on a pseudo-terminal, as in an interactive
shell, and its stdout on a file (or, with --both, on the terminal too).

usage: pty_run.py [--both] OUT TERMINAL -- command [args...]
Writes the command's stdout to OUT and what the terminal received to
TERMINAL; exits with the command's exit code."""
import os
import pty
import subprocess
import sys


def main(argv):
    both = argv[:1] == ["--both"]
    if both:
        argv = argv[1:]
    out_path, term_path, sep, *cmd = argv
    if sep != "--" or not cmd:
        sys.exit(__doc__)
    master, slave = pty.openpty()
    with open(out_path, "wb") as out:
        child = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=slave if both else out, stderr=slave)
    os.close(slave)
    received = bytearray()
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:  # EIO: the child closed its end of the terminal
            break
        if not data:
            break
        received += data
    code = child.wait()
    with open(term_path, "wb") as term:
        term.write(received)
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
