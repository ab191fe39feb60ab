"""``kg serve``: a store as a SPARQL 1.1 endpoint, with limits, and the explorer page.

The SPARQL protocol is Oxigraph's server (a maintained implementation, started by
:class:`kg.store.OxigraphServer` on a private loopback port).  In front of it sits a
small gate that only *limits*: it answers ``/graph`` with the explorer page, refuses
updates unless they are allowed, stops waiting for a query after the time limit
(``503``) and refuses a result larger than the size limit (``413``), so one query
cannot tie up or flood the user's machine.  Everything else is passed through as is,
including Oxigraph's own query page at ``/``.
"""

from __future__ import annotations

import http.server
import threading
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from .errors import Errors
from .store import OxigraphServer, federated

__all__ = ["Endpoint", "serve"]

_PASS_HEADERS = ("Content-Type", "Accept")


@dataclass
class Endpoint:
    """A running ``kg serve``: the public gate and the Oxigraph server behind it."""

    url: str
    gate: http.server.ThreadingHTTPServer
    server: OxigraphServer

    def stop(self) -> None:
        self.gate.shutdown()
        self.gate.server_close()
        self.server.stop()


def serve(store: str | Path, page: bytes, *, host: str = "127.0.0.1", port: int = 7878,
          allow_update: bool = False, timeout: float = 30.0, max_bytes: int = 50_000_000) -> Endpoint:
    """Start the endpoint over the store folder ``store``; returns once it answers."""
    upstream = OxigraphServer(store, host="127.0.0.1", port=0, allow_update=allow_update, timeout=timeout)

    class Gate(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: object) -> None:
            pass

        def _send(self, status: int, body: bytes, content_type: str = "text/plain; charset=utf-8") -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self) -> None:
            if self.path.split("?")[0] in ("/graph", "/graph.html"):
                self._send(200, page, "text/html; charset=utf-8")
                return
            self._forward(None)

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            if not allow_update and (self.path.startswith("/update") or self.path.startswith("/store")):
                self._send(403, b"This endpoint is read-only (kg serve --allow-update accepts updates).\n")
                return
            self._forward(body)

        def do_PUT(self) -> None:
            self.do_POST()

        def do_DELETE(self) -> None:
            self.do_POST()

        def _forward(self, body: bytes | None) -> None:
            sent = urllib.parse.unquote_plus(self.path) + " " + urllib.parse.unquote_plus(
                (body or b"").decode("utf-8", "replace"))
            if federated(sent):
                self._send(403, (Errors.E207 + "\n").encode())
                return
            headers = {h: self.headers[h] for h in _PASS_HEADERS if self.headers.get(h)}
            request = urllib.request.Request(upstream.url + self.path, data=body, headers=headers,
                                             method=self.command)
            try:
                with urllib.request.urlopen(request, timeout=timeout) as resp:
                    status, content_type = resp.status, resp.headers.get("Content-Type", "text/plain")
                    data = resp.read(max_bytes + 1)
            except urllib.error.HTTPError as err:
                status, content_type, data = err.code, err.headers.get("Content-Type", "text/plain"), err.read()
            except TimeoutError:
                self._send(503, (Errors.E204.format(seconds=f"{timeout:g}") + "\n").encode())
                return
            except urllib.error.URLError as err:
                if isinstance(err.reason, TimeoutError):
                    self._send(503, (Errors.E204.format(seconds=f"{timeout:g}") + "\n").encode())
                    return
                self._send(502, (Errors.E104.format(url=upstream.url, reason=err.reason) + "\n").encode())
                return
            if len(data) > max_bytes:
                self._send(413, (Errors.E206.format(limit=max_bytes) + "\n").encode())
                return
            self._send(status, data, content_type)

    gate = http.server.ThreadingHTTPServer((host, port), Gate)
    gate.daemon_threads = True
    threading.Thread(target=gate.serve_forever, daemon=True).start()
    bound_host, bound_port = gate.server_address[:2]
    return Endpoint(f"http://{bound_host}:{bound_port}", gate, upstream)
