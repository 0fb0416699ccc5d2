"""`thidua serve`: the HTTP API and dashboard on localhost, against the local index.

Each request becomes an API Gateway HTTP API v2 event handed to the same
resolver the Lambda function runs (:func:`thidua.api.app.handle`).
"""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from thidua.api.deps import Deps

MAX_BODY = 1 << 20


def make_handler(deps: Deps, lock: threading.Lock) -> type[BaseHTTPRequestHandler]:
    """A request handler class bound to these dependencies."""
    from thidua.api.app import handle
    from thidua.api.local import from_v2_response, to_v2_event

    class Handler(BaseHTTPRequestHandler):
        server_version = "thidua"

        def _serve(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            if length > MAX_BODY:
                self.send_error(413)
                return
            body = self.rfile.read(length) if length else b""
            event = to_v2_event(
                self.command, self.path, self.headers.items(), body, source_ip=self.client_address[0]
            )
            # The resolver keeps per-request state on one object: one request at a time.
            with lock:
                response = handle(event, None, deps)
            status, headers, payload = from_v2_response(response)
            self.send_response(status)
            for key, value in headers:
                self.send_header(key, value)
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(payload)

        do_GET = do_HEAD = do_POST = do_PUT = do_DELETE = do_OPTIONS = _serve

        def log_message(self, format: str, *args: Any) -> None:
            sys.stderr.write(f"{self.address_string()} {format % args}\n")

    return Handler


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("serve", help="serve the HTTP API and dashboard on localhost")
    p.add_argument("--port", type=int, default=8080)
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default: localhost only)")
    p.set_defaults(run=run)


def _interrupt(_signum: int, _frame: object) -> None:
    raise KeyboardInterrupt


def run(args: argparse.Namespace) -> int:
    from thidua.cli.search import local_deps

    # `kill` (SIGTERM) stops the server like Ctrl+C, so the local engine is left cleanly.
    signal.signal(signal.SIGTERM, _interrupt)
    with local_deps() as deps:
        server = ThreadingHTTPServer((args.host, args.port), make_handler(deps, threading.Lock()))
        url = f"http://{args.host}:{server.server_port}/"
        print(f"thidua: {url}  (API: /search, /openapi.json; Ctrl+C to stop)", file=sys.stderr)
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
        finally:
            server.server_close()
    return 0
