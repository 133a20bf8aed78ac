# -*- coding: utf-8 -*-
# Copyright: Contributors to the jama.connect collection
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# Internal to the jama.connect collection: not a public API, may change without notice.

"""What a response body says: JSON or not, Jama's error text, and whether it has the envelope Jama sends."""

import json
import re

from ansible_collections.jama.connect.plugins.module_utils.rest.errors import UnexpectedResponse
from ansible_collections.jama.connect.plugins.module_utils.rest.transport import PLAIN_HTTP_TO_HTTPS_HINT

CONTEXT_PATH_HINT = ("Check that url is the Jama base URL including any context path, for example https://host/contour: "
                     "the address of Jama's login page without the page itself")


class NotJson:
    """Marks an answer body that is not JSON, remembering what it looked like and what it said."""

    def __init__(self, looks_like_html, text=""):
        self.looks_like_html = looks_like_html
        self.headline = html_headline(text) if looks_like_html else None


def html_headline(text):
    """The title or first heading of an HTML error page (a gateway's 'No required SSL certificate was sent')."""
    found = re.search(r"<(title|h1|h2)[^>]*>(.*?)</\1>", text[:65536], re.IGNORECASE | re.DOTALL)
    if not found:
        return None
    words = " ".join(re.sub(r"<[^>]+>", " ", found.group(2)).split())
    return words[:200] or None


def decode(content, content_type="", encoding=None):
    """The parsed JSON of a body, {} for an empty one, or a NotJson."""
    text = content.decode(encoding or "utf-8", errors="replace") if isinstance(content, bytes) else (content or "")
    if not text.strip():
        return {}
    try:
        # NaN and Infinity are not JSON; Python accepts them unless told otherwise.
        return json.loads(text, parse_constant=_refuse_constant)
    except ValueError:
        return NotJson("html" in (content_type or "").lower() or text.lstrip().startswith("<"), text)


def _refuse_constant(name):
    raise ValueError("not JSON: %s" % name)


def meta_message(body):
    """Jama's error text: meta.message (J), or an OAuth error description."""
    if not isinstance(body, dict):
        return None
    meta = body.get("meta")
    if isinstance(meta, dict) and meta.get("message"):
        return str(meta["message"])[:500]
    for key in ("error_description", "message", "error"):
        if isinstance(body.get(key), str) and body[key]:
            return body[key][:500]
    return None


def gateway_hint(headline):
    text = (headline or "").lower()
    if "plain http request" in text or "http request to an https server" in text:
        return PLAIN_HTTP_TO_HTTPS_HINT
    if "certificate" in text:
        return "The server asks for a client certificate: set client_cert (and client_key) to one it trusts"
    return None


def _malformed(what, method, path, status=200):
    return UnexpectedResponse("Jama's answer %s" % what, status=status, method=method, path=path,
                              hint="A proxy or gateway between here and Jama may have altered the answer, or url "
                                   "points at something that is not Jama. " + CONTEXT_PATH_HINT)


def envelope_meta(body, method, path):
    """The envelope's meta object ({} when absent); UnexpectedResponse when the body or meta has the wrong shape."""
    if not isinstance(body, dict):
        raise _malformed("is %s, not the object Jama sends" % _json_kind(body), method, path)
    meta = body.get("meta", {})
    if not isinstance(meta, dict):
        raise _malformed("has a meta that is %s, not an object" % _json_kind(meta), method, path)
    return meta


def envelope_data(body, method, path, kind):
    """The envelope's data, checked to be a ``kind`` ('object' or 'list'); UnexpectedResponse otherwise."""
    envelope_meta(body, method, path)
    if "data" not in body:
        raise _malformed("has no data", method, path)
    data = body["data"]
    expected = dict if kind == "object" else list
    if not isinstance(data, expected):
        raise _malformed("has data that is %s, not %s %s" % (_json_kind(data), "an" if kind == "object" else "a", kind),
                         method, path)
    if kind == "list" and not all(isinstance(item, dict) for item in data):
        raise _malformed("has a list of data with items that are not objects", method, path)
    return data


def _json_kind(value):
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return "a string"
    return "a number"
