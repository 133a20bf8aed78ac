# Copyright: Contributors to the jama.connect collection
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""A tiny loopback proxy for the TLS tests (their certificates come from ``jama_sim.pki``).

The proxy speaks HTTP CONNECT (for https URLs) and absolute-form forwarding (for http URLs), and
only ever connects to the one loopback port it was created for, whatever host the client names:
the tests can then use a host name that does not resolve, which proves the traffic went through it.
"""

from __future__ import annotations

import select
import socket
import socketserver
import threading
import urllib.parse


# A name under .invalid never resolves (RFC 6761): reaching it at all means the proxy carried the request.
PROXIED_HOST = "jama.proxied.invalid"


class _ProxyHandler(socketserver.BaseRequestHandler):
    def handle(self):
        self.request.settimeout(30)
        head = self._read_head()
        if head is None:
            return
        request_line = head.split(b"\r\n", 1)[0].decode("latin-1")
        parts = request_line.split(" ")
        if len(parts) != 3:
            return
        method, target, _version = parts
        self.server.seen.append(request_line)
        upstream = socket.create_connection(("127.0.0.1", self.server.upstream_port), timeout=30)
        try:
            if method == "CONNECT":
                self.request.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
            else:
                # Absolute-form request for a plain-http URL: rewrite it to origin-form for the upstream.
                parsed = urllib.parse.urlsplit(target)
                origin_form = urllib.parse.urlunsplit(("", "", parsed.path or "/", parsed.query, ""))
                upstream.sendall(head.replace(target.encode("latin-1"), origin_form.encode("latin-1"), 1))
            self._pump(upstream)
        finally:
            upstream.close()

    def _read_head(self):
        data = b""
        while b"\r\n\r\n" not in data:
            chunk = self.request.recv(65536)
            if not chunk or len(data) > 65536:
                return None
            data += chunk
        return data

    def _pump(self, upstream):
        sockets = [self.request, upstream]
        for _round in range(100000):  # bounded: one request exchange needs a handful of rounds
            readable, _writable, _errors = select.select(sockets, [], [], 30)
            if not readable:
                return
            for sock in readable:
                data = sock.recv(65536)
                if not data:
                    return
                (upstream if sock is self.request else self.request).sendall(data)


class LoopbackProxy(socketserver.ThreadingTCPServer):
    """An HTTP proxy on 127.0.0.1 that forwards every request to 127.0.0.1:upstream_port and records request lines."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, upstream_port):
        super().__init__(("127.0.0.1", 0), _ProxyHandler)
        self.upstream_port = upstream_port
        self.seen = []
        self._thread = threading.Thread(target=self.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)

    @property
    def url(self):
        return "http://127.0.0.1:%d" % self.server_address[1]

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc_info):
        self.shutdown()
        self.server_close()
        self._thread.join(10)
