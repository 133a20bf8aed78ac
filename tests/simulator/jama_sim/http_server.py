"""The stdlib HTTP server: concurrent, bounded, optionally TLS (with optional client certificates)."""

import http.server
import socket
import ssl
import threading

from .core import CONTROL_PREFIX
from .request import Request

MAX_BODY_BYTES = 1024 * 1024
MAX_CONNECTIONS = 128
# Idle keep-alive connections are closed after this long, so connection slots come back.
IDLE_TIMEOUT = 15.0


# nginx's own page for ssl_verify_client on, when the client sent no certificate.
NGINX_NO_CERT_PAGE = ("<html>\r\n<head><title>400 No required SSL certificate was sent</title></head>\r\n<body>\r\n"
                      "<center><h1>400 Bad Request</h1></center>\r\n<center>No required SSL certificate was sent</center>\r\n"
                      "<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n")


class JamaHandler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "JamaConnectSimulator"
    sys_version = ""
    timeout = IDLE_TIMEOUT
    # Headers and body go out in separate writes; with Nagle on, each answer waits for a delayed ACK (~40 ms).
    disable_nagle_algorithm = True

    def do_GET(self):
        self._dispatch()

    def do_POST(self):
        self._dispatch()

    def do_PUT(self):
        self._dispatch()

    def do_DELETE(self):
        self._dispatch()

    def do_PATCH(self):
        self._dispatch()

    def log_message(self, format, *args):  # pylint: disable=redefined-builtin
        """Silent: request lines can carry query strings, and tests read stats, not logs."""

    def _dispatch(self):
        body = self._read_body()
        if body is None:
            return
        if self.server.require_client_cert and not self.path.startswith(CONTROL_PREFIX) and not self.connection.getpeercert():
            # As an nginx mTLS gateway answers; /__sim/ stays reachable for the test harness.
            self.close_connection = True
            self._send_html(400, NGINX_NO_CERT_PAGE)
            return
        request = Request(self.command, self.path, self.headers, body, self.server.origin(self.headers.get("Host")))
        response = self.server.core.handle(request)
        if response.drop:
            self.close_connection = True
            self.connection.shutdown(socket.SHUT_RDWR)
            return
        self.send_response(response.status)
        self.send_header("Content-Type", response.content_type)
        self.send_header("Content-Length", str(len(response.body)))
        for name, value in response.headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(response.body)

    def _send_html(self, status, page):
        body = page.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _read_body(self):
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            length = -1
        if length < 0 or length > MAX_BODY_BYTES or "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            self.close_connection = True
            self.send_error(413 if length > MAX_BODY_BYTES else 400, "Request body too large or unreadable")
            return None
        return self.rfile.read(length)


class JamaHTTPServer(http.server.ThreadingHTTPServer):
    daemon_threads = True
    # Do not wait for idle keep-alive connections on close; stop() closes them itself.
    block_on_close = False

    def __init__(self, address, core, tls_context=None):
        self.address_family = socket.AF_INET6 if ":" in address[0] else socket.AF_INET
        super().__init__(address, JamaHandler)
        self.core = core
        self.tls = tls_context is not None
        self.require_client_cert = self.tls and tls_context.verify_mode != ssl.CERT_NONE
        if tls_context is not None:
            # The handshake runs in the connection's thread, so a slow client cannot block accept().
            self.socket = tls_context.wrap_socket(self.socket, server_side=True, do_handshake_on_connect=False)
        self._slots = threading.BoundedSemaphore(MAX_CONNECTIONS)
        self._open = set()
        self._open_lock = threading.Lock()

    def origin(self, host_header):
        host, port = self.server_address[:2]
        default = "[%s]:%d" % (host, port) if ":" in host else "%s:%d" % (host, port)
        return "%s://%s" % ("https" if self.tls else "http", host_header or default)

    def process_request(self, request, client_address):
        if not self._slots.acquire(timeout=IDLE_TIMEOUT):
            self.shutdown_request(request)
            return
        with self._open_lock:
            self._open.add(request)
        super().process_request(request, client_address)

    def process_request_thread(self, request, client_address):
        try:
            if self.tls:
                request.settimeout(IDLE_TIMEOUT)
                request.do_handshake()
            super().process_request_thread(request, client_address)
        except (OSError, ssl.SSLError):
            self.shutdown_request(request)
        finally:
            with self._open_lock:
                self._open.discard(request)
            self._slots.release()

    def handle_error(self, request, client_address):
        """Quiet: a client hanging up mid-request is routine in fault tests."""

    def close_connections(self):
        with self._open_lock:
            open_sockets = list(self._open)
        for sock in open_sockets:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


def tls_context(cert, key, client_ca=None):
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    context.load_cert_chain(cert, key)
    if client_ca:
        # Optional at the TLS layer, required per request (see JamaHandler): a certificate that is
        # presented must still verify, or the handshake fails.
        context.verify_mode = ssl.CERT_OPTIONAL
        context.load_verify_locations(client_ca)
    return context
