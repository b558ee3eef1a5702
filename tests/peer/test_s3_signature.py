"""shardscope's SigV4 signature equals botocore's on the same S3 request.

AIStore's /s3 endpoint accepts any signature when it runs without its auth
server, so the cluster tests never check what libcurl signs. Here a loopback
HTTP server records the requests `shardscope-cli` sends to an `s3://` store;
for each one botocore's S3SigV4Auth signs the same method, path, query, body
and headers at the same X-Amz-Date, and the two Authorization headers must be
equal. A request botocore would sign differently is one AWS S3 (or any
verifying S3 server) rejects.
"""

import argparse
import hashlib
import http.server
import os
import subprocess
import sys
import tempfile
import threading
import unittest

from botocore.auth import S3SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

CLI = None
ACCESS_KEY = "AKIDEXAMPLE"
SECRET_KEY = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
SESSION_TOKEN = "FwoGZXIvYXdzEBYaDH+token/with=odd+chars"
REGION = "eu-west-3"
BUCKET = "sigbkt"

LIST_ANSWER = (b'<?xml version="1.0" encoding="UTF-8"?>'
               b'<ListBucketResult><Name>sigbkt</Name><IsTruncated>false</IsTruncated></ListBucketResult>')


class Recorder(http.server.BaseHTTPRequestHandler):
    """Records every request (method, raw target, headers, body) and answers it plainly."""
    protocol_version = "HTTP/1.1"
    requests = []

    def log_message(self, *args):
        pass

    def _record(self, body_out):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        Recorder.requests.append({"method": self.command, "target": self.path,
                                  "headers": list(self.headers.items()), "body": body})
        ranged = self.headers.get("Range") is not None
        self.send_response(206 if ranged else 200)
        if ranged:  # the CLI asks for bytes 0-2 only
            body_out = body_out[:3]
            self.send_header("Content-Range", "bytes 0-2/7")
        self.send_header("Content-Length", str(len(body_out)))
        self.send_header("ETag", '"0"')
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body_out)

    def do_GET(self):
        self._record(LIST_ANSWER if "list-type=" in self.path else b"payload")

    def do_HEAD(self):
        self._record(b"payload")

    def do_PUT(self):
        self._record(b"")


def header(headers, name):
    return next((v for k, v in headers if k.lower() == name), None)


def botocore_authorization(req, endpoint, token):
    """What botocore's S3 signer puts in Authorization for the recorded request."""
    # The headers a client signs: Host, every x-amz-* header and the content
    # headers; not User-Agent, Accept, Content-Length and the like.
    signable = {"host", "content-type", "content-md5", "range"}
    headers = {k: v for k, v in req["headers"]
               if k.lower() in signable or k.lower().startswith("x-amz-")}
    for k in list(headers):  # botocore sets these itself below
        if k.lower() in ("x-amz-date", "x-amz-content-sha256", "x-amz-security-token", "authorization"):
            del headers[k]
    aws = AWSRequest(method=req["method"], url=endpoint + req["target"], headers=headers, data=req["body"])
    content_sha = header(req["headers"], "x-amz-content-sha256")
    if content_sha == "UNSIGNED-PAYLOAD":
        # The signer chose not to hash the body (a streamed upload): botocore
        # does the same when payload signing is off for S3.
        aws.context["client_config"] = type("Config", (), {"s3": {"payload_signing_enabled": False}})()
    signer = S3SigV4Auth(Credentials(ACCESS_KEY, SECRET_KEY, token), "s3", REGION)
    aws.context["timestamp"] = header(req["headers"], "x-amz-date")
    signer._modify_request_before_signing(aws)
    canonical = signer.canonical_request(aws)
    signature = signer.signature(signer.string_to_sign(aws, canonical), aws)
    signer._inject_signature_to_request(aws, signature)
    return aws.headers["Authorization"], canonical


class S3Signature(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
        cls.thread = threading.Thread(target=cls.server.serve_forever, daemon=True)
        cls.thread.start()
        cls.endpoint = f"http://127.0.0.1:{cls.server.server_address[1]}"
        cls.tmp = tempfile.TemporaryDirectory()

    @classmethod
    def tearDownClass(cls):
        cls.server.shutdown()
        cls.server.server_close()
        cls.tmp.cleanup()

    def run_cli(self, args, token):
        env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
        env.update(AWS_ACCESS_KEY_ID=ACCESS_KEY, AWS_SECRET_ACCESS_KEY=SECRET_KEY, AWS_REGION=REGION)
        if token:
            env["AWS_SESSION_TOKEN"] = token
        Recorder.requests = []
        proc = subprocess.run([CLI, *args, "--endpoint", self.endpoint, "--quiet"], capture_output=True,
                              env=env, timeout=60, check=False)
        self.assertEqual(proc.returncode, 0, proc.stderr.decode(errors="replace"))
        self.assertTrue(Recorder.requests, "shardscope-cli sent no request")
        return list(Recorder.requests)

    def check_requests(self, requests, token):
        for req in requests:
            with self.subTest(method=req["method"], target=req["target"]):
                ours = header(req["headers"], "authorization")
                self.assertIsNotNone(ours, "request was not signed")
                self.assertIsNotNone(header(req["headers"], "x-amz-date"), "no X-Amz-Date")
                theirs, canonical = botocore_authorization(req, self.endpoint, token)
                self.assertEqual(ours, theirs, "botocore's canonical request:\n" + canonical)

    # Object names (keys): each case one awkward character class.
    KEYS = {
        "space": "dir/with space.jpg",
        "unicode": "données/数据-ü.txt",
        "tilde": "home/~user/a~b.bin",
        "plus": "a+b/c+d.bin",
        "equals": "k=v/x==y.bin",
        "reserved mix": "q?x#y&z;a,b:c@d$e!f'g(h)i*j",
        "percent": "100%/50%25.bin",
    }

    def test_get_keys(self):
        for case, key in self.KEYS.items():
            for token in (None, SESSION_TOKEN):
                with self.subTest(case=case, session_token=bool(token)):
                    out = os.path.join(self.tmp.name, "out")
                    self.check_requests(self.run_cli(["get", f"s3://{BUCKET}/{key}", "-o", out], token), token)

    def test_get_range(self):
        for token in (None, SESSION_TOKEN):
            with self.subTest(session_token=bool(token)):
                out = os.path.join(self.tmp.name, "out")
                requests = self.run_cli(["get", f"s3://{BUCKET}/a b/r.bin", "--range", "0-2", "-o", out], token)
                self.assertIn("range", [k.lower() for k, _ in requests[-1]["headers"]])
                self.check_requests(requests, token)

    def test_list_query_strings(self):
        # ListObjectsV2: list-type, prefix, delimiter and max-keys in the query string.
        prefixes = {"plain": "train/", "space": "a b/", "unicode": "données/", "tilde": "~x/",
                    "plus": "a+b/", "equals": "k=v/", "ampersand": "x&y/"}
        for case, prefix in prefixes.items():
            for token in (None, SESSION_TOKEN):
                with self.subTest(case=case, session_token=bool(token)):
                    self.check_requests(self.run_cli(["ls", f"s3://{BUCKET}/{prefix}"], token), token)

    def test_put_with_body(self):
        path = os.path.join(self.tmp.name, "body.bin")
        body = b"shardscope " * 1000
        with open(path, "wb") as f:
            f.write(body)
        for case, key in (("plain", "up/plain.bin"), ("space", "up/with space.bin"), ("unicode", "up/ü.bin")):
            for token in (None, SESSION_TOKEN):
                with self.subTest(case=case, session_token=bool(token)):
                    requests = self.run_cli(["put", path, f"s3://{BUCKET}/{key}"], token)
                    puts = [r for r in requests if r["method"] == "PUT"]
                    self.assertEqual(len(puts), 1, [r["method"] for r in requests])
                    self.assertEqual(puts[0]["body"], body)
                    self.assertIn(header(puts[0]["headers"], "x-amz-content-sha256"),
                                  ("UNSIGNED-PAYLOAD", hashlib.sha256(body).hexdigest()),
                                  "the payload hash must be the body's or UNSIGNED-PAYLOAD")
                    self.check_requests(requests, token)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--cli", required=True)
    args, rest = parser.parse_known_args()
    CLI = args.cli
    unittest.main(argv=[sys.argv[0], "-v", *rest])
