#!/usr/bin/env python3
"""An HTTP proxy in front of moto that injects the failures a Kinesis client must survive.

Listens on 127.0.0.1 (a free port unless --port is given), prints the port on stdout once it
accepts connections, and forwards each request to --upstream. Per request, with a seeded random
generator, it may instead:

  reset     close the connection without answering (TCP RST), before forwarding
  drop      forward the request, then close without answering (the answer is lost)
  500       answer 500 {"__type": "InternalFailure"}
  throttle  answer 400 {"__type": "ProvisionedThroughputExceededException", "message": "Rate exceeded"}
  delay     wait 0.1-1 s, then forward

--guarantee makes the first GetRecords calls meet each kind of failure once (every other call, in
the order above), so a short run still sees them all. --cap-get-records N lowers the Limit of every
GetRecords call to at most N, as a busy real shard would return partial pages, which means more
calls and more chances to fail. --refuse-get-records TYPE answers every GetRecords call with
400 {"__type": TYPE} instead (an expired token, a disabled KMS key). Counts of what was injected go to --stats-file (JSON, rewritten
after every request). The proxy exits by itself after --max-seconds.

stdlib only.
"""

import argparse
import http.client
import json
import os
import random
import socket
import struct
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

KINDS = ["reset", "drop", "500", "throttle", "delay"]
HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "content-length", "proxy-connection", "te",
              "upgrade", "server", "date"}


class Faults:
    def __init__(self, args):
        self.rates = {"reset": args.reset, "drop": args.drop, "500": args.error500,
                      "throttle": args.throttle, "delay": args.delay}
        self.random = random.Random(args.seed)
        self.guarantee = args.guarantee
        self.lock = threading.Lock()
        self.get_records_calls = 0
        self.stats = {"requests": 0, "forwarded": 0, "by_target": {}, **{kind: 0 for kind in KINDS}}
        self.stats_file = args.stats_file

    def choose(self, target):
        """The fault for this request (or None), and how long to delay it."""
        with self.lock:
            self.stats["requests"] += 1
            self.stats["by_target"][target] = self.stats["by_target"].get(target, 0) + 1
            fault = None
            if self.guarantee and target.endswith(".GetRecords"):
                index = self.get_records_calls
                self.get_records_calls += 1
                if index % 2 == 0 and index // 2 < len(KINDS):
                    fault = KINDS[index // 2]
            if fault is None:
                roll = self.random.random()
                for kind in KINDS:
                    if roll < self.rates[kind]:
                        fault = kind
                        break
                    roll -= self.rates[kind]
            delay = self.random.uniform(0.1, 1.0) if fault == "delay" else 0.0
            if fault:
                self.stats[fault] += 1
            return fault, delay

    def forwarded(self):
        with self.lock:
            self.stats["forwarded"] += 1

    def save(self):
        if not self.stats_file:
            return
        with self.lock:
            text = json.dumps(self.stats, sort_keys=True)
        temporary = f"{self.stats_file}.{threading.get_ident()}.tmp"
        with open(temporary, "w") as f:
            f.write(text)
        os.replace(temporary, self.stats_file)


def make_handler(args, faults):
    upstream_host, _, upstream_port = args.upstream.removeprefix("http://").rstrip("/").partition(":")
    upstream_port = int(upstream_port or 80)

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format, *values):
            if args.verbose:
                sys.stderr.write("fault_proxy: " + (format % values) + "\n")

        def do_GET(self):
            self.handle_request()

        def do_POST(self):
            self.handle_request()

        def handle_request(self):
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            target = self.headers.get("X-Amz-Target") or f"{self.command} {self.path}"
            fault, delay = faults.choose(target)
            try:
                self.apply(fault, delay, target, body)
            finally:
                faults.save()

        def apply(self, fault, delay, target, body):
            if args.verbose:
                sys.stderr.write(f"fault_proxy: {target} -> {fault or 'forward'}\n")
            if args.refuse_get_records and target.endswith(".GetRecords"):
                self.answer(400, {"__type": args.refuse_get_records, "message": "injected by fault_proxy"})
                return
            if fault == "reset":
                self.reset()
                return
            if fault == "500":
                self.answer(500, {"__type": "InternalFailure", "message": "injected by fault_proxy"})
                return
            if fault == "throttle":
                self.answer(400, {"__type": "ProvisionedThroughputExceededException", "message": "Rate exceeded"})
                return
            if fault == "delay":
                time.sleep(delay)
            if args.cap_get_records and target.endswith(".GetRecords"):
                body = self.capped(body)
            status, reason, headers, answer = self.forward(body)
            faults.forwarded()
            if fault == "drop":
                self.reset()
                return
            self.send_response(status, reason)
            for name, value in headers:
                if name.lower() not in HOP_BY_HOP:
                    self.send_header(name, value)
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)

        def capped(self, body):
            try:
                request = json.loads(body)
            except ValueError:
                return body
            request["Limit"] = min(int(request.get("Limit") or 10000), args.cap_get_records)
            return json.dumps(request).encode()

        def forward(self, body):
            connection = http.client.HTTPConnection(upstream_host, upstream_port, timeout=30)
            try:
                headers = {name: value for name, value in self.headers.items()
                           if name.lower() not in HOP_BY_HOP}
                headers["Content-Length"] = str(len(body))
                connection.request(self.command, self.path, body=body, headers=headers)
                response = connection.getresponse()
                return response.status, response.reason, response.getheaders(), response.read()
            finally:
                connection.close()

        def answer(self, status, payload):
            data = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/x-amz-json-1.1")
            self.send_header("x-amzn-RequestId", "fault-proxy")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def reset(self):
            """Closes with SO_LINGER 0, so the client sees a reset rather than a clean end."""
            self.close_connection = True
            try:
                self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                self.connection.close()
            except OSError:
                pass

    return Handler


class Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def handle_error(self, request, client_address):
        kind = sys.exc_info()[0]
        if kind is not None and issubclass(kind, (ConnectionError, OSError)):
            return
        super().handle_error(request, client_address)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--upstream", required=True, help="e.g. http://127.0.0.1:5000")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--reset", type=float, default=0.0, help="rate of connection resets before forwarding")
    parser.add_argument("--drop", type=float, default=0.0, help="rate of answers lost after forwarding")
    parser.add_argument("--error500", type=float, default=0.0, help="rate of 500 InternalFailure answers")
    parser.add_argument("--throttle", type=float, default=0.0, help="rate of 400 ProvisionedThroughputExceeded")
    parser.add_argument("--delay", type=float, default=0.0, help="rate of 0.1-1 s delays")
    parser.add_argument("--guarantee", action="store_true", help="the first GetRecords calls meet each fault once")
    parser.add_argument("--cap-get-records", type=int, default=0, help="lower every GetRecords Limit to this")
    parser.add_argument("--refuse-get-records", metavar="TYPE", help="answer every GetRecords with this error type")
    parser.add_argument("--stats-file")
    parser.add_argument("--max-seconds", type=float, default=180)
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    if sum([args.reset, args.drop, args.error500, args.throttle, args.delay]) > 1:
        parser.error("fault rates add up to more than 1")

    faults = Faults(args)
    server = Server(("127.0.0.1", args.port), make_handler(args, faults))
    # Bounded runtime: a test that forgets to stop the proxy must not leave it running.
    timer = threading.Timer(args.max_seconds, lambda: os._exit(0))
    timer.daemon = True
    timer.start()
    faults.save()
    print(server.server_address[1], flush=True)
    server.serve_forever(poll_interval=0.2)


if __name__ == "__main__":
    main()
