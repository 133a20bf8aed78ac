# -*- coding: utf-8 -*-
# Copyright: Contributors to the jama.connect collection
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# Internal to the jama.connect collection: not a public API, may change without notice.

"""The one Jama client: base URL, authentication, pacing, retries within a wait budget, and error mapping."""

import random as _random
import time

from ansible_collections.jama.connect.plugins.module_utils.rest import responses
from ansible_collections.jama.connect.plugins.module_utils.rest.errors import (
    AuthenticationError,
    BadRequest,
    JamaError,
    NotFound,
    PermissionDenied,
    ServerError,
    Throttled,
    TransportError,
    UnexpectedResponse,
)
from ansible_collections.jama.connect.plugins.module_utils.rest.paging import MAX_PAGE_SIZE, walk
from ansible_collections.jama.connect.plugins.module_utils.rest.pacing import DEFAULT_RATE_LIMIT, pacer_for
from ansible_collections.jama.connect.plugins.module_utils.rest.retry import (
    DEFAULT_RETRY_MAX_WAIT,
    RETRY_STATUSES,
    WaitBudget,
    parse_retry_after,
)
from ansible_collections.jama.connect.plugins.module_utils.rest.transport import Transport

DEFAULT_AGENT = "ansible-collection-jama.connect"
CURRENT_USER_PATH = "/rest/v1/users/current"
# Methods whose repetition cannot change the outcome: a read, or a delete (a second one finds nothing).
IDEMPOTENT_METHODS = frozenset(("GET", "DELETE"))


class JamaClient:
    """Talks to one Jama Connect instance; every module builds exactly one."""

    def __init__(self, url, auth, validate_certs=True, ca_path=None, client_cert=None, client_key=None, proxy=None,
                 timeout=30, retries=5, http_agent=None, rate_limit=DEFAULT_RATE_LIMIT,
                 retry_max_wait=DEFAULT_RETRY_MAX_WAIT, sleep=time.sleep, random=_random.random, clock=time.monotonic,
                 pace_dir=None):
        self.base_url = url.rstrip("/")
        self.auth = auth
        self.timeout = timeout
        self.retries = retries
        self.request_count = 0
        self._sleep = sleep
        self._random = random
        # One budget per instance for every process of this controller (pace_dir: where it is kept; None: the default).
        self.pacer = pacer_for(self.base_url, rate_limit, clock=clock, sleep=sleep, directory=pace_dir)
        self.budget = WaitBudget(retry_max_wait)
        # TLS and proxy settings go with every request, not on the session: requests lets REQUESTS_CA_BUNDLE
        # override a session's verify, which would silently ignore ca_path.
        verify = (ca_path or True) if validate_certs else False
        cert = ((client_cert, client_key) if client_key else client_cert) if client_cert else None
        # Without an explicit proxy, requests applies HTTPS_PROXY / NO_PROXY from the environment itself.
        proxies = {"http": proxy, "https": proxy} if proxy else None
        self.transport = Transport(self.base_url, timeout=timeout, verify=verify, cert=cert, proxies=proxies,
                                   headers={"User-Agent": http_agent or DEFAULT_AGENT, "Accept": "application/json"})

    def url_for(self, path):
        return self.base_url + "/" + path.lstrip("/")

    def get(self, path, params=None):
        return self.request("GET", path, params=params)

    def get_data(self, path, params=None, kind="object"):
        """The data of a GET's envelope, checked to be an object (or a list)."""
        return responses.envelope_data(self.get(path, params), "GET", path, kind)

    def post(self, path, json=None, retry_safe=False):
        return self.request("POST", path, json=json, retry_safe=retry_safe)

    def put(self, path, json=None):
        return self.request("PUT", path, json=json)

    def delete(self, path):
        return self.request("DELETE", path)

    def paged(self, path, params=None, page_size=MAX_PAGE_SIZE):
        """Yield every item of a paged list; see _paging.walk for the bounds."""
        return walk(self.get, path, params, page_size)

    def current_user(self):
        return self.get_data(CURRENT_USER_PATH)

    def request(self, method, path, params=None, json=None, data=None, basic_auth=None, retry_safe=None, authenticate=True):
        """Send one logical request, retrying where that is harmless; return the parsed JSON body.

        ``retry_safe`` defaults to True for GET and DELETE. A 429 is retried for every method because
        Jama refused the request before doing anything, so repeating it cannot apply a write twice.
        Retries stop at ``retries`` or when the next wait would overrun ``retry_max_wait``.
        """
        if retry_safe is None:
            retry_safe = method in IDEMPOTENT_METHODS
        reminted = False
        attempt = 0
        while True:
            headers = self.auth.headers(self) if authenticate else {}
            try:
                response = self._send(method, path, params, json, data, headers, basic_auth)
            except TransportError as exc:
                if not (retry_safe and exc.retryable and self._wait_before_retry(attempt)):
                    raise
                attempt += 1
                continue
            status = response.status
            if status == 401 and authenticate and not reminted and self.auth.refresh(self):
                reminted = True
                continue
            retry_after = parse_retry_after(response.headers.get("Retry-After"))
            retryable = status in RETRY_STATUSES and (retry_safe or status == 429)
            if retryable and self._wait_before_retry(attempt, retry_after):
                attempt += 1
                continue
            if method == "DELETE" and status == 404 and attempt:
                return {}  # an earlier attempt deleted it, and its response was lost on the way back
            return self._parse(response, method, path, attempt, retry_after if retryable else False)

    def _wait_before_retry(self, attempt, retry_after=None):
        if attempt >= self.retries:
            return False
        wait = self.budget.next_wait(attempt, retry_after, self._random)
        if wait is None:
            return False
        self._sleep(wait)
        return True

    def _send(self, method, path, params, json, data, headers, basic_auth):
        self.pacer.before_send()
        self.request_count += 1
        try:
            return self.transport.exchange(method, self.url_for(path), path, params=params, json=json, data=data,
                                           headers=headers, auth=basic_auth)
        finally:
            self.pacer.after_response()

    def _parse(self, response, method, path, attempt, retry_after):
        status = response.status
        body = responses.decode(response.content, response.headers.get("Content-Type", ""), response.encoding)
        if isinstance(body, responses.NotJson) and (status < 300 or status in (404, 405)):
            raise self._not_json(response, body, method, path)
        if status < 300:
            responses.envelope_meta(body, method, path)
            return body
        if 300 <= status < 400:
            raise UnexpectedResponse("unexpected redirect status", status=status, method=method, path=path)
        error_class, message = self._error_for(status, attempt)
        hint = self._retry_hint(status, attempt, retry_after)
        if status == 401:
            hint = self.auth.unauthorized_hint
        if isinstance(body, responses.NotJson):
            # Not Jama but something in front of it (a gateway or proxy): say what its page said.
            raise error_class(message, status=status, method=method, path=path, jama_message=body.headline,
                              hint=responses.gateway_hint(body.headline) or hint)
        raise error_class(message, status=status, method=method, path=path, jama_message=responses.meta_message(body),
                          hint=hint)

    def _retry_hint(self, status, attempt, retry_after):
        """Why retrying stopped before ``retries`` did; ``retry_after`` is False when the response was not retryable."""
        if retry_after is False or status not in RETRY_STATUSES or attempt >= self.retries:
            return None
        if retry_after is not None and retry_after > self.budget.left:
            return "Jama asked to wait %d s, more than the %d s left of retry_max_wait" % (retry_after, self.budget.left)
        return "retry_max_wait (%d s) was used up waiting between retries" % self.budget.total

    def _not_json(self, response, body, method, path):
        where = self.url_for(path)
        if response.redirected_from:
            where = "%s (redirected to %s)" % (where, response.url)
        if body.looks_like_html:
            # What a server answers for a path outside Jama's application: its login page, or a 404 page.
            return UnexpectedResponse("expected JSON but %s answered with an HTML page, so url's context path is probably "
                                      "wrong or missing" % where, status=response.status, method=method, path=path,
                                      hint=responses.CONTEXT_PATH_HINT)
        return UnexpectedResponse("expected JSON but %s answered with malformed JSON" % where, status=response.status,
                                  method=method, path=path, hint="A proxy or gateway between here and Jama may have altered the response")

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
