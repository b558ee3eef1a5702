"""Waiting for data releases the GIL, and Ctrl+C stops a loop that waits.

The reads must block for this, and the real cluster answers too fast to catch
a wait: a hostile S3 endpoint here lists one object and then sends its body
only when the test says so (the stall a slow or broken server causes). The
loop runs in a child process so that a hang fails the test instead of
freezing it (the bounds are generous; no timing is asserted).
"""

import http.server
import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
import unittest

from clitest import main

LISTING = b"""<?xml version="1.0" encoding="UTF-8"?>
<ListBucketResult><Name>stall</Name><IsTruncated>false</IsTruncated>
<Contents><Key>slow.bin</Key><Size>1000</Size></Contents></ListBucketResult>"""


class StallingS3(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self):
        self.body_requested = threading.Event()
        self.release = threading.Event()
        super().__init__(("127.0.0.1", 0), Handler)


class Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):
        if "list-type" in self.path:
            self.send_response(200)
            self.send_header("Content-Type", "application/xml")
            self.send_header("Content-Length", str(len(LISTING)))
            self.end_headers()
            self.wfile.write(LISTING)
            return
        self.send_response(200)
        self.send_header("Content-Length", "1000")
        self.end_headers()
        self.wfile.write(b"x" * 10)
        self.wfile.flush()
        self.server.body_requested.set()
        if self.server.release.wait(120):
            self.wfile.write(b"x" * 990)


CHILD = textwrap.dedent("""
    import sys, threading
    import shardscope as ss
    opts = ss.StoreOptions(endpoint=sys.argv[1], timeout=300, s3_access_key="k", s3_secret_key="s")
    loader = ss.Loader("s3://stall/", workers=1, options=opts)
    if sys.argv[2] == "gil":
        got = []
        t = threading.Thread(target=lambda: got.append(next(loader)))
        t.start()
        # The reader thread waits inside next(); this thread must still run Python.
        print("main thread runs", sum(range(1000)), flush=True)
        sys.stdin.readline()  # the body is released now
        t.join()
        name, data = got[0]
        print("read", name, len(data), flush=True)
    elif sys.argv[2] == "close":
        outcome = []
        def reader():
            try:
                next(loader)
                outcome.append("item")
            except StopIteration:
                outcome.append("stopped")
        t = threading.Thread(target=reader)
        t.start()
        sys.stdin.readline()  # the read is under way (and never ends by itself)
        loader.close()        # from this thread, while the reader waits in next()
        t.join()
        print(outcome[0], flush=True)
        print("again", next(loader, "end"), flush=True)
    else:
        try:
            print("waiting", flush=True)
            next(loader)
            print("no interrupt", flush=True)
        except KeyboardInterrupt:
            print("interrupted", flush=True)
            loader.close()
            print("closed", flush=True)
""")


class Interrupt(unittest.TestCase):
    def setUp(self):
        self.server = StallingS3()
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.endpoint = f"http://127.0.0.1:{self.server.server_address[1]}"

    def tearDown(self):
        self.server.release.set()
        self.server.shutdown()
        self.server.server_close()

    def child(self, mode):
        return subprocess.Popen([sys.executable, "-c", CHILD, self.endpoint, mode], stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

    def test_other_threads_run_while_a_loader_waits(self):
        proc = self.child("gil")
        try:
            self.assertTrue(self.server.body_requested.wait(60), "the loader never asked for the object")
            line = proc.stdout.readline()  # hangs (and the test times out) if the GIL is held
            self.assertEqual(line.strip(), "main thread runs 499500")
            self.server.release.set()
            out, err = proc.communicate("go\n", timeout=120)
            self.assertEqual(proc.returncode, 0, err)
            self.assertEqual(out.strip(), "read slow.bin 1000")
        finally:
            proc.kill()
            proc.wait()

    def test_close_from_another_thread_ends_a_waiting_next(self):
        proc = self.child("close")
        try:
            self.assertTrue(self.server.body_requested.wait(60), "the loader never asked for the object")
            # The body never comes: only close() can end the reader's next().
            out, err = proc.communicate("go\n", timeout=60)
            self.assertEqual(out.splitlines(), ["stopped", "again end"], err)
            self.assertEqual(proc.returncode, 0, err)
        finally:
            proc.kill()
            proc.wait()

    def test_ctrl_c_stops_a_waiting_loop(self):
        proc = self.child("interrupt")
        try:
            self.assertEqual(proc.stdout.readline().strip(), "waiting")
            self.assertTrue(self.server.body_requested.wait(60), "the loader never asked for the object")
            # Give the child time to get into next(): an interrupt just before it is caught
            # too, but then the wait itself would not be what was interrupted.
            time.sleep(0.5)
            proc.send_signal(signal.SIGINT)
            # The body never comes: only the interrupt can end next().
            out, err = proc.communicate(timeout=60)
            self.assertEqual(out.split(), ["interrupted", "closed"], err)
            self.assertEqual(proc.returncode, 0, err)
        finally:
            proc.kill()
            proc.wait()


if __name__ == "__main__":
    main()
