# -*- coding: utf-8 -*-
# Copyright: Contributors to the jama.connect collection
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# Internal to the jama.connect collection: not a public API, may change without notice.

"""The error hierarchy: one base class the modules catch, one subclass per kind of failure."""


class JamaError(Exception):
    """Base of every error the client raises; renders itself for fail_json."""

    def __init__(self, message, status=None, method=None, path=None, jama_message=None, hint=None):
        super(JamaError, self).__init__(message)
        self.message = message
        self.status = status
        self.method = method
        self.path = path
        self.jama_message = jama_message
        self.hint = hint

    def _request_part(self):
        request = " ".join(part for part in (self.method, self.path) if part)
        if self.status is not None:
            request = "%s -> %s" % (request, self.status) if request else str(self.status)
        return " (%s)" % request if request else ""

    def __str__(self):
        text = self.message + self._request_part()
        if self.jama_message:
            text = "%s: %s" % (text, self.jama_message.rstrip("."))
        if self.hint:
            text = "%s. %s" % (text.rstrip("."), self.hint)
        return text

    def fail_kwargs(self):
        """msg, plus status, method and path where known: a key with nothing to say is left out, never null."""
        known = dict(status=self.status, method=self.method, path=self.path)
        return dict(((key, value) for key, value in known.items() if value is not None), msg=str(self))


class ConfigurationError(JamaError):
    """The task's options cannot work (embedded credentials, http without allow_http, ...)."""


class TransportError(JamaError):
    """No HTTP answer: connection refused, reset or dropped, name resolution failed."""

    def __init__(self, message, status=None, method=None, path=None, jama_message=None, hint=None, retryable=False):
        super(TransportError, self).__init__(message, status, method, path, jama_message, hint)
        # True for failures another attempt may cure (refused, reset, dropped); not for TLS errors or read timeouts.
        self.retryable = retryable


class TLSError(TransportError):
    """The TLS handshake failed (untrusted certificate, hostname mismatch, client certificate refused)."""


class RequestTimeout(TransportError):
    """No answer within the configured timeout."""


class ResponseTooLarge(TransportError):
    """An answer larger than any Jama answer, cut off before it fills the memory."""


class AuthenticationError(JamaError):
    """HTTP 401: the credentials or the token were refused."""


class PermissionDenied(JamaError):
    """HTTP 403: authenticated, but not allowed (REST API access control, admin-only endpoint)."""


class NotFound(JamaError):
    """HTTP 404: no such resource."""


class BadRequest(JamaError):
    """HTTP 400 (and other 4xx without a class of their own)."""

    @property
    def already_exists(self):
        return "already exists" in (self.jama_message or "").lower()


class Throttled(JamaError):
    """HTTP 429 after every retry."""


class ServerError(JamaError):
    """HTTP 5xx after every retry."""


class UnexpectedResponse(JamaError):
    """An answer that is not what Jama sends: an HTML page, malformed JSON, a body of the wrong shape, a redirect."""
