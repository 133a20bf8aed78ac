# -*- coding: utf-8 -*-
# Copyright: Contributors to the jama.connect collection
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# Internal to the jama.connect collection: not a public API, may change without notice.

"""The one HTTP client: base URL, authentication, retries with backoff, JSON parsing and error mapping."""

import email.utils
import random as _random
import re
import time

from ansible_collections.jama.connect.plugins.module_utils._errors import (
    AuthenticationError,
    BadRequest,
    JamaError,
    NotFound,
    PermissionDenied,
    RequestTimeout,
    ServerError,
    Throttled,
    TLSError,
    TransportError,
    UnexpectedResponse,
)

try:
    import requests
except ImportError:
    requests = None  # modules report this through _requests_import.require_requests

RETRY_STATUSES = frozenset((429, 502, 503, 504))
BACKOFF_BASE = 1.0
BACKOFF_CAP = 30.0
# A Retry-After longer than this is more likely a misconfigured gateway than a plan worth waiting for.
RETRY_AFTER_CAP = 120.0
MAX_PAGE_SIZE = 50  # (J) Jama clamps maxResults to 50
DEFAULT_AGENT = "ansible-collection-jama.connect"
CONTEXT_PATH_HINT = "Check that url is the Jama base URL including any context path, for example https://host/contour"


def backoff_delay(attempt, random=_random.random, base=BACKOFF_BASE, cap=BACKOFF_CAP):
    """Full-jitter exponential backoff: a uniform wait in [0, min(cap, base * 2**attempt))."""
    return random() * min(cap, base * (2 ** attempt))


def parse_retry_after(value, now=None):
    """Seconds to wait from a Retry-After header (delta-seconds or HTTP-date); None when absent or unreadable."""
    if value is None:
        return None
    value = str(value).strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None:
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


def retry_wait(attempt, retry_after=None, random=_random.random):
    """How long to wait before retry number ``attempt`` (0-based): the server's word first, else backoff."""
    if retry_after is not None:
        return min(retry_after, RETRY_AFTER_CAP)
    return backoff_delay(attempt, random)


def _root_cause(exc):
    """The innermost exception requests and urllib3 wrapped, which carries the readable reason."""
    seen = 0
    while seen < 10:
        seen += 1
        inner = getattr(exc, "reason", None)
        if not isinstance(inner, BaseException):
            inner = exc.args[0] if exc.args and isinstance(exc.args[0], BaseException) else None
        if inner is None:
            return exc
        exc = inner
    return exc


def _reason(exc):
    """A short reason without object reprs: '[Errno 111] Connection refused' -> 'Connection refused'."""
    text = str(_root_cause(exc))
    match = re.search(r"\[Errno -?\d+\] ([^'\")\]]+)", text)
    if match:
        return match.group(1).strip()
    match = re.search(r"\[SSL[^\]]*\] ([^(]+)", text)
    if match:
        return match.group(1).strip()
    return re.sub(r"<[^>]*>: ", "", text).strip() or type(exc).__name__


def _meta_message(body):
    """Jama's error text: meta.message (J), or an OAuth error description."""
    if not isinstance(body, dict):
        return None
    meta = body.get("meta")
    if isinstance(meta, dict) and meta.get("message"):
        return str(meta["message"])
    for key in ("error_description", "message", "error"):
        if isinstance(body.get(key), str) and body[key]:
            return body[key]
    return None


class _NotJson:
    """Marks an answer body that is not JSON, remembering what it looked like and what it said."""

    def __init__(self, looks_like_html, text=""):
        self.looks_like_html = looks_like_html
        self.headline = _html_headline(text) if looks_like_html else None


def _html_headline(text):
    """The title or first heading of an HTML error page (a gateway's 'No required SSL certificate was sent')."""
    found = re.search(r"<(title|h1|h2)[^>]*>(.*?)</\1>", text, re.IGNORECASE | re.DOTALL)
    if not found:
        return None
    words = " ".join(re.sub(r"<[^>]+>", " ", found.group(2)).split())
    return words[:200] or None


def _decode(response):
    text = response.text or ""
    if not text.strip():
        return {}
    try:
        return response.json()
    except ValueError:
        content_type = response.headers.get("Content-Type", "").lower()
        return _NotJson("html" in content_type or text.lstrip().startswith("<"), text)


def _gateway_hint(headline):
    if headline and "certificate" in headline.lower():
        return "The server asks for a client certificate: set client_cert (and client_key) to one it trusts"
    return None


class JamaClient:
    """Talks to one Jama Connect instance; every module builds exactly one."""

    def __init__(self, url, auth, validate_certs=True, ca_path=None, client_cert=None, client_key=None,
                 proxy=None, timeout=30, retries=5, http_agent=None, sleep=time.sleep, random=_random.random):
        self.base_url = url.rstrip("/")
        self.auth = auth
        self.timeout = timeout
        self.retries = retries
        self.request_count = 0
        self._sleep = sleep
        self._random = random
        # TLS and proxy settings go with every request, not on the session: requests lets REQUESTS_CA_BUNDLE
        # override a session's verify, which would silently ignore ca_path.
        self._verify = (ca_path or True) if validate_certs else False
        self._cert = ((client_cert, client_key) if client_key else client_cert) if client_cert else None
        # Without an explicit proxy, requests applies HTTPS_PROXY / NO_PROXY from the environment itself.
        self._proxies = {"http": proxy, "https": proxy} if proxy else None
        self._session = requests.Session()
        self._session.headers["User-Agent"] = http_agent or DEFAULT_AGENT
        self._session.headers["Accept"] = "application/json"

    def url_for(self, path):
        return self.base_url + "/" + path.lstrip("/")

    def get(self, path, params=None):
        return self.request("GET", path, params=params)

    def post(self, path, json=None, retry_safe=False):
        return self.request("POST", path, json=json, retry_safe=retry_safe)

    def put(self, path, json=None):
        return self.request("PUT", path, json=json)

    def delete(self, path, retry_safe=False):
        return self.request("DELETE", path, retry_safe=retry_safe)

    def paged(self, path, params=None, page_size=MAX_PAGE_SIZE):
        """Yield every item of a paged list, page after page, until pageInfo.totalResults is reached.

        A ``startAt`` in ``params`` resumes a walk whose first pages the caller has already read.
        """
        size = max(1, min(int(page_size), MAX_PAGE_SIZE))
        query = dict(params or {})
        start = int(query.pop("startAt", 0))
        while True:
            query.update(startAt=start, maxResults=size)
            body = self.get(path, params=dict(query))
            items = body.get("data") or []
            yield from items
            start += len(items)
            page_info = (body.get("meta") or {}).get("pageInfo") or {}
            total = page_info.get("totalResults")
            if not items or total is None or start >= total:
                return

    def current_user(self):
        return self.get("/rest/v1/users/current").get("data") or {}

    def request(self, method, path, params=None, json=None, data=None, basic_auth=None, retry_safe=None, authenticate=True):
        """Send one logical request, retrying where DESIGN allows; return the parsed JSON body.

        ``retry_safe`` defaults to True for GET only. A 429 is retried for every method because
        Jama refused the request before doing anything, so repeating it cannot apply a write twice.
        """
        if retry_safe is None:
            retry_safe = method == "GET"
        use_auth = authenticate and self.auth is not None
        reminted = False
        attempt = 0
        while True:
            headers = self.auth.headers(self) if use_auth else {}
            try:
                response = self._send(method, path, params, json, data, headers, basic_auth)
            except TransportError as exc:
                if not (retry_safe and exc.retryable and attempt < self.retries):
                    raise
                self._sleep(retry_wait(attempt, random=self._random))
                attempt += 1
                continue
            status = response.status_code
            if status == 401 and use_auth and not reminted and self.auth.refresh(self):
                reminted = True
                continue
            if status in RETRY_STATUSES and attempt < self.retries and (retry_safe or status == 429):
                self._sleep(retry_wait(attempt, parse_retry_after(response.headers.get("Retry-After")), self._random))
                attempt += 1
                continue
            return self._parse(response, method, path, attempt)

    def _send(self, method, path, params, json, data, headers, basic_auth):
        url = self.url_for(path)
        self.request_count += 1
        try:
            return self._session.request(method, url, params=params, json=json, data=data, headers=headers, auth=basic_auth,
                                         timeout=self.timeout, verify=self._verify, cert=self._cert, proxies=self._proxies)
        except requests.exceptions.SSLError as exc:
            raise TLSError(
                "TLS connection to %s failed: %s" % (self.base_url, _reason(exc)), method=method, path=path,
                hint="Set ca_path (or JAMA_CA_PATH) to the CA bundle that signed the server certificate, "
                     "and client_cert/client_key where the server asks for one") from exc
        except requests.exceptions.ConnectTimeout as exc:
            raise RequestTimeout("no connection to %s within %s s" % (self.base_url, self.timeout), method=method, path=path,
                                 hint="Check url, proxy and firewalls", retryable=True) from exc
        except requests.exceptions.Timeout as exc:
            # Not retried: timeout bounds the wait for an answer, and retrying would multiply it.
            raise RequestTimeout("no answer from %s within %s s" % (self.base_url, self.timeout), method=method, path=path,
                                 hint="The server is slow or overloaded; raise timeout if that is expected") from exc
        except requests.exceptions.ConnectionError as exc:
            raise TransportError("cannot reach %s: %s" % (self.base_url, _reason(exc)), method=method, path=path,
                                 hint="Check url and that the host is reachable from where the task runs", retryable=True) from exc
        except requests.exceptions.RequestException as exc:
            raise TransportError("request to %s failed: %s" % (self.base_url, _reason(exc)), method=method, path=path) from exc

    def _parse(self, response, method, path, attempt):
        status = response.status_code
        body = _decode(response)
        if isinstance(body, _NotJson) and (status < 300 or status in (404, 405)):
            raise self._not_json(response, body, method, path)
        if status < 300:
            return body
        error_class, message = self._error_for(status, attempt)
        if isinstance(body, _NotJson):
            # Not Jama but something in front of it (a gateway or proxy): say what its page said.
            raise error_class(message, status=status, method=method, path=path, jama_message=body.headline,
                              hint=_gateway_hint(body.headline))
        raise error_class(message, status=status, method=method, path=path, jama_message=_meta_message(body))

    def _not_json(self, response, body, method, path):
        asked = self.url_for(path)
        where = asked if response.url in (None, "", asked) or response.url.startswith(asked + "?") else "%s (redirected to %s)" % (asked, response.url)
        if body.looks_like_html:
            return UnexpectedResponse("expected JSON but %s answered with an HTML page" % where, status=response.status_code,
                                      method=method, path=path, hint=CONTEXT_PATH_HINT)
        return UnexpectedResponse("expected JSON but %s answered with malformed JSON" % where, status=response.status_code,
                                  method=method, path=path, hint="A proxy or gateway between here and Jama may have altered the answer")

    @staticmethod
    def _error_for(status, attempt):
        tried = " after %d retries" % attempt if attempt else ""
        if status == 401:
            return AuthenticationError, "authentication failed"
        if status == 403:
            return PermissionDenied, "permission denied"
        if status == 404:
            return NotFound, "not found"
        if status == 429:
            return Throttled, "throttled by Jama%s" % tried
        if status >= 500:
            return ServerError, "Jama server error%s" % tried
        if 400 <= status < 500:
            return BadRequest, "request refused"
        return JamaError, "unexpected HTTP status"
