# Copyright: Contributors to the jama.connect collection
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""A misbehaving gateway in front of the simulator: redirects, trickles, lies about pages, resets connections.

Each rule matches a method and a path (``fnmatch``) and says what to do instead of, or after,
forwarding. Requests no rule matches reach the simulator unchanged. Every behaviour is bounded:
a trickle stops after ``trickle_bytes`` bytes, a flood after ``flood_bytes``.
"""

from __future__ import annotations

import fnmatch
import http.client
import http.server
import json
import socket
import struct
import threading
import time
from urllib.parse import urlsplit

HOP_HEADERS = {"connection", "keep-alive", "transfer-encoding", "content-length", "host"}


class Rule:
    def __init__(self, method, path, action, times=None, **options):
        self.method, self.path, self.action, self.times, self.options = method, path, action, times, options
        self.hits = 0

    def matches(self, method, path):
        if self.times is not None and self.hits >= self.times:
            return False
        return fnmatch.fnmatch(method, self.method) and fnmatch.fnmatch(path, self.path)


class HostileProxy:
    """Listens on 127.0.0.1 (any free port) and forwards to ``upstream`` except where a rule says otherwise."""

    def __init__(self, upstream):
        self.upstream = urlsplit(upstream)
        self.rules = []
        self.requests = []  # (method, path) of every request received
        self._server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def base_url(self):
        return "http://127.0.0.1:%d" % self._server.server_address[1]

    def start(self):
        self._thread.start()
        return self

    def stop(self):
        self._server.shutdown()
        self._server.server_close()

    def add(self, method, path, action, times=None, **options):
        self.rules.append(Rule(method, path, action, times, **options))

    def clear(self):
        self.rules, self.requests = [], []

    def count(self, method, path_pattern="*"):
        return sum(1 for m, p in self.requests if m == method and fnmatch.fnmatch(p, path_pattern))

    def _rule_for(self, method, path):
        for rule in self.rules:
            if rule.matches(method, path):
                rule.hits += 1
                return rule
        return None

    def forward(self, method, target, headers, body):
        connection = http.client.HTTPConnection(self.upstream.hostname, self.upstream.port, timeout=30)
        try:
            connection.request(method, target, body=body, headers=headers)
            answer = connection.getresponse()
            return answer.status, answer.getheaders(), answer.read()
        finally:
            connection.close()

    def _handler(self):
        proxy = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):  # pylint: disable=arguments-differ
                pass

            def _serve(self):
                path = urlsplit(self.path).path
                proxy.requests.append((self.command, path))
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else None
                headers = dict((k, v) for k, v in self.headers.items() if k.lower() not in HOP_HEADERS)
                rule = proxy._rule_for(self.command, path)
                if rule is None:
                    self._relay(*proxy.forward(self.command, self.path, headers, body))
                    return
                ACTIONS[rule.action](self, proxy, rule, headers, body)

            def _relay(self, status, headers, content, extra=()):
                self.send_response(status)
                for key, value in list(headers) + list(extra):
                    if key.lower() not in HOP_HEADERS:
                        self.send_header(key, value)
                self.send_header("Content-Length", str(len(content)))
                self.end_headers()
                self.wfile.write(content)

            do_GET = do_POST = do_PUT = do_DELETE = _serve

        return Handler


def _redirect(handler, proxy, rule, headers, body):
    handler._relay(rule.options.get("status", 302), [("Location", rule.options["location"])], b"")


def _reply(handler, proxy, rule, headers, body):
    content = rule.options.get("text")
    if content is None:
        content = json.dumps(rule.options.get("body"), allow_nan=True)
    extra = list(rule.options.get("headers", {}).items()) + [("Content-Type", "application/json")]
    handler._relay(rule.options.get("status", 200), [], content.encode("utf-8"), extra)


def _trickle(handler, proxy, rule, headers, body):
    """Headers at once, then one byte every ``interval`` seconds: a reply that never quite stalls."""
    handler.send_response(200)
    handler.send_header("Content-Type", "application/json")
    handler.send_header("Content-Length", str(rule.options.get("trickle_bytes", 100)))
    handler.end_headers()
    try:
        for _byte in range(rule.options.get("trickle_bytes", 100)):
            handler.wfile.write(b" ")
            handler.wfile.flush()
            time.sleep(rule.options.get("interval", 2.0))
    except OSError:
        pass  # the client gave up, as it should


def _flood(handler, proxy, rule, headers, body):
    """A chunked answer far larger than any Jama answer, ``flood_bytes`` in all."""
    handler.send_response(200)
    handler.send_header("Content-Type", "application/json")
    handler.send_header("Transfer-Encoding", "chunked")
    handler.end_headers()
    chunk = b"x" * 65536
    try:
        for _chunk in range(rule.options.get("flood_bytes", 64 * 1024 * 1024) // len(chunk)):
            handler.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
        handler.wfile.write(b"0\r\n\r\n")
    except OSError:
        pass


def _first_page_always(handler, proxy, rule, headers, body):
    """Answers every startAt with the first page, and a total that promises many more: a caching gateway."""
    target = urlsplit(handler.path)
    query = "&".join(part for part in target.query.split("&") if not part.startswith("startAt="))
    status, upstream_headers, content = proxy.forward("GET", target.path + "?startAt=0&" + query, headers, None)
    page = json.loads(content)
    page["meta"]["pageInfo"]["totalResults"] = rule.options.get("total", 100000)
    if rule.options.get("honest_index"):
        page["meta"]["pageInfo"].pop("startIndex", None)
    handler._relay(status, [("Content-Type", "application/json")], json.dumps(page).encode("utf-8"))


def _reset(handler, proxy, rule, headers, body):
    """Close with a TCP reset instead of an answer; with ``after_forward`` the request reaches Jama first."""
    if rule.options.get("after_forward"):
        proxy.forward(handler.command, handler.path, headers, body)
    handler.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    handler.connection.close()
    handler.close_connection = True


def _rewrite_token(handler, proxy, rule, headers, body):
    """The real token answer with its fields replaced: a token endpoint that sends what Jama never does."""
    status, upstream_headers, content = proxy.forward(handler.command, handler.path, headers, body)
    answer = json.loads(content)
    answer.update(rule.options.get("fields", {}))
    extra = [("Content-Type", "application/json")]
    handler._relay(status, [], json.dumps(answer, allow_nan=True).encode("utf-8"), extra)


ACTIONS = {
    "redirect": _redirect,
    "reply": _reply,
    "trickle": _trickle,
    "flood": _flood,
    "first_page_always": _first_page_always,
    "reset": _reset,
    "rewrite_token": _rewrite_token,
}
