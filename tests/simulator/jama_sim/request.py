"""A parsed HTTP request, independent of the server that received it."""

import json
import urllib.parse

from .errors import ApiError


class Request:
    def __init__(self, method, target, headers, body, origin):
        """`target` is the raw request target; `origin` is scheme://host:port as the client addressed us."""
        parts = urllib.parse.urlsplit(target)
        self.method = method
        self.path = urllib.parse.unquote(parts.path) or "/"
        self.query = urllib.parse.parse_qs(parts.query, keep_blank_values=True)
        self.headers = headers
        self.body = body
        self.origin = origin

    def param(self, name):
        """The last value of a query parameter (or, for form posts, a form field), else None."""
        values = self.query.get(name) or self.form().get(name)
        return values[-1] if values else None

    def form(self):
        content_type = self.headers.get("Content-Type", "")
        if self.method != "POST" or "application/x-www-form-urlencoded" not in content_type:
            return {}
        return urllib.parse.parse_qs(self.body.decode("utf-8", "replace"), keep_blank_values=True)

    def json(self):
        """The body as a JSON object, or a Jama-style 400."""
        try:
            document = json.loads(self.body.decode("utf-8") or "null")
        except ValueError:
            raise ApiError(400, "Malformed JSON request body")
        if not isinstance(document, dict):
            raise ApiError(400, "The request body must be a JSON object")
        return document
