# -*- coding: utf-8 -*-
# Copyright: Contributors to the jama.connect collection
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# Internal to the jama.connect collection: not a public API, may change without notice.

"""One HTTP exchange, bounded: a total deadline, a body size cap, and no redirect followed behind the caller's back."""

import re
import threading
from urllib.parse import urljoin, urlsplit

from ansible_collections.jama.connect.plugins.module_utils.rest.errors import (
    RequestTimeout,
    ResponseTooLarge,
    TLSError,
    TransportError,
    UnexpectedResponse,
)
from ansible_collections.jama.connect.plugins.module_utils.rest.requests_import import requests

MAX_BODY_BYTES = 32 * 1024 * 1024  # a 50-item page is a few kB: anything near this is not Jama answering
MAX_READ_REDIRECTS = 3
REDIRECT_STATUSES = frozenset((301, 302, 303, 307, 308))
CHUNK_BYTES = 64 * 1024
# OpenSSL's words for a TLS handshake answered in plain text (the wording differs between OpenSSL releases).
NOT_TLS_REASONS = ("wrong version number", "record layer failure", "unknown protocol", "packet length too long", "http request")
# A connection the server ends without any response, as a TLS-only port does with a plain-http request.
DROPPED_REASONS = ("the connection was reset by the server or a proxy in between", "the server closed the connection without answering")
# An http:// URL sent to a server that speaks only TLS: nginx answers 400 "The plain HTTP request was sent to HTTPS
# port", other servers drop the connection.
PLAIN_HTTP_TO_HTTPS_HINT = "The server may accept only https://: check the scheme and port of url"
URL_HINT = "Set url to the address Jama answers at: check its scheme (http or https), host and context path"


class Response:
    """What came back: status, headers, the body's bytes, and the URL that answered."""

    def __init__(self, status, headers, content, url, encoding=None, redirected_from=None):
        self.status = status
        self.headers = headers
        self.content = content
        self.url = url
        self.encoding = encoding
        self.redirected_from = redirected_from


def origin(url):
    parts = urlsplit(url)
    return (parts.scheme, (parts.hostname or "").lower(), parts.port or {"http": 80, "https": 443}.get(parts.scheme))


def without_userinfo(url):
    """A URL fit for a message: any user:password@ before the host removed."""
    return re.sub(r"^([a-zA-Z][a-zA-Z0-9+.-]*://)[^/@]*@", r"\1", url or "")


def _root_cause(exc):
    """The innermost exception requests and urllib3 wrapped, which carries the readable reason."""
    for _depth in range(10):
        inner = getattr(exc, "reason", None)
        if not isinstance(inner, BaseException):
            # urllib3's ProtocolError('Connection aborted.', ConnectionResetError(...)) holds it second
            inner = next((arg for arg in exc.args if isinstance(arg, BaseException)), None)
        if inner is None:
            break
        exc = inner
    return exc


def reason(exc):
    """A short reason without object reprs: '[Errno 111] Connection refused' -> 'Connection refused'."""
    cause = _root_cause(exc)
    if isinstance(cause, ConnectionResetError):
        return "the connection was reset by the server or a proxy in between"
    text = str(cause)
    if "RemoteDisconnected" in text or "Remote end closed connection" in text:
        return "the server closed the connection without answering"
    match = re.search(r"\[Errno -?\d+\] ([^'\")\]]+)", text)
    if match:
        return match.group(1).strip()
    match = re.search(r"\[SSL[^\]]*\] ([^(]+)", text)
    if match:
        return match.group(1).strip()
    text = re.sub(r"<[^>]*>: ", "", text).strip()
    # Exception text can quote what was sent (a header value): never pass it on beyond a plain word or two.
    return text if re.match(r"^[\w .,:;-]{1,120}$", text) else type(cause).__name__


class Transport:
    """Sends one request at a time to one Jama base URL with the TLS, proxy and timeout settings of the task."""

    def __init__(self, base_url, timeout=30, verify=True, cert=None, proxies=None, headers=None,
                 max_body=MAX_BODY_BYTES):
        self.base_url = base_url
        self.timeout = timeout
        self.max_body = max_body
        self._verify, self._cert, self._proxies = verify, cert, proxies
        self._headers = dict(headers or {})
        self._session = self._new_session()

    def _new_session(self):
        session = requests.Session()
        session.headers.update(self._headers)
        return session

    def exchange(self, method, url, path, **kwargs):
        """Send, follow same-origin redirects of reads only, and return a Response; raise for everything else.

        ``path`` is the API path errors name, without the base URL's context path.
        """
        first = url
        for _hop in range(MAX_READ_REDIRECTS + 1):
            reply = self._bounded(method, url, path, kwargs)
            if reply.status not in REDIRECT_STATUSES:
                reply.redirected_from = first if url != first else None
                return reply
            url = self._redirect_target(method, url, path, reply)
            kwargs.pop("params", None)  # the Location carries its own query
        raise UnexpectedResponse("more than %d redirects from %s" % (MAX_READ_REDIRECTS, without_userinfo(first)),
                                 method=method, path=path, hint=URL_HINT)

    def _redirect_target(self, method, url, path, reply):
        location = reply.headers.get("Location")
        if not location:
            raise UnexpectedResponse("a redirect without a Location", status=reply.status, method=method, path=path,
                                     hint=URL_HINT)
        target = urljoin(url, location)
        shown = without_userinfo(target)
        if method != "GET":
            raise UnexpectedResponse(
                "the %s was answered with a redirect to %s, and a write is never re-sent elsewhere, so nothing was "
                "written" % (method, shown), status=reply.status, method=method, path=path, hint=URL_HINT)
        if origin(target) != origin(url):
            raise UnexpectedResponse(
                "redirected to another origin, %s, where credentials are never sent" % shown, status=reply.status,
                method=method, path=path, hint=URL_HINT)
        return target

    def _bounded(self, method, url, path, kwargs):
        """One exchange within ``timeout`` seconds in all: connect, headers and body, however slowly they trickle."""
        outcome = {}
        worker = threading.Thread(target=self._run, args=(method, url, path, kwargs, outcome), daemon=True)
        worker.start()
        worker.join(self.timeout)
        if worker.is_alive():
            # The stuck exchange keeps its connection; the next request starts a clean session.
            self._session = self._new_session()
            raise RequestTimeout("no response from %s within %s s" % (self.base_url, self.timeout),
                                 method=method, path=path,
                                 hint="The server or a proxy is slow or stalled; raise timeout if that is expected")
        if "error" in outcome:
            raise self._mapped(outcome["error"], method, path)
        return outcome["reply"]

    def _run(self, method, url, path, kwargs, outcome):
        try:
            outcome["reply"] = self._send(method, url, path, kwargs)
        except Exception as exc:  # pylint: disable=broad-except # handed to the caller's thread, mapped there
            outcome["error"] = exc

    def _send(self, method, url, path, kwargs):
        response = self._session.request(method, url, timeout=self.timeout, verify=self._verify, cert=self._cert,
                                         proxies=self._proxies, allow_redirects=False, stream=True, **kwargs)
        try:
            content = self._read_body(response, method, path)
        finally:
            response.close()
        return Response(response.status_code, response.headers, content, url, response.encoding)

    def _read_body(self, response, method, path):
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > self.max_body:
            raise self._too_large(method, path, response.status_code)
        chunks, size = [], 0
        for chunk in response.iter_content(CHUNK_BYTES):
            size += len(chunk)
            if size > self.max_body:
                raise self._too_large(method, path, response.status_code)
            chunks.append(chunk)
        return b"".join(chunks)

    def _too_large(self, method, path, status):
        return ResponseTooLarge("the response is larger than %d MiB, which no Jama response is" % (self.max_body // 1048576),
                                status=status, method=method, path=path,
                                hint="url may point at something that is not Jama. " + URL_HINT)

    def _mapped(self, exc, method, path):
        if isinstance(exc, (TransportError, UnexpectedResponse)):
            return exc
        if isinstance(exc, requests.exceptions.SSLError):
            why = reason(exc)
            if any(words in why.lower() for words in NOT_TLS_REASONS):
                hint = ("The server answered without TLS: it may serve plain http:// only, or url names a port that is not "
                        "its https port; check the scheme and port of url")
            else:
                hint = ("Set ca_path (or JAMA_CA_PATH) to the CA bundle that signed the server certificate, "
                        "and client_cert/client_key where the server asks for one")
            return TLSError("TLS connection to %s failed: %s" % (self.base_url, why), method=method, path=path, hint=hint)
        if isinstance(exc, requests.exceptions.ConnectTimeout):
            return RequestTimeout("no connection to %s within %s s" % (self.base_url, self.timeout), method=method,
                                  path=path, hint="Check url, proxy and firewalls", retryable=True)
        if isinstance(exc, requests.exceptions.Timeout):
            return RequestTimeout("no response from %s within %s s" % (self.base_url, self.timeout), method=method,
                                  path=path, hint="The server is slow or overloaded; raise timeout if that is expected")
        if isinstance(exc, requests.exceptions.ChunkedEncodingError):
            return TransportError("the response from %s was cut off: %s" % (self.base_url, reason(exc)), method=method,
                                  path=path, retryable=True)
        if isinstance(exc, requests.exceptions.ConnectionError):
            why = reason(exc)
            hint = "Check url and that the host is reachable from where the task runs"
            if why in DROPPED_REASONS and self.base_url.startswith("http://"):
                hint = "%s. %s" % (PLAIN_HTTP_TO_HTTPS_HINT, hint)
            return TransportError("cannot reach %s: %s" % (self.base_url, why), method=method, path=path, hint=hint,
                                  retryable=True)
        return TransportError("request to %s failed: %s" % (self.base_url, reason(exc)), method=method, path=path)
