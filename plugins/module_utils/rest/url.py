# -*- coding: utf-8 -*-
# Copyright: Contributors to the jama.connect collection
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# Internal to the jama.connect collection: not a public API, may change without notice.

"""The Jama base URL a task gives: checked and normalised without the HTTP stack, so the controller can use it too."""

from urllib.parse import urlsplit, urlunsplit

from ansible_collections.jama.connect.plugins.module_utils.rest.errors import ConfigurationError

# Plain http:// sends credentials and tokens in clear text: only on request.
ALLOW_HTTP_DEFAULT = False


def validate_url(url, allow_http=False):
    """Return the normalised base URL, or raise ConfigurationError without ever echoing the URL's userinfo."""
    if not (url or "").strip():
        raise ConfigurationError("url is required: set url, or the JAMA_URL environment variable, to the Jama base URL")
    try:
        parts = urlsplit(url.strip())
        parts.port  # pylint: disable=pointless-statement # raises for a port that is not a number
    except ValueError:
        raise ConfigurationError("url is not a valid URL (check brackets around an IPv6 address and the port); "
                                 "give the Jama base URL such as https://host/contour") from None
    if "@" in parts.netloc:
        raise ConfigurationError(
            "url must not embed credentials (user:secret@host)",
            hint="Pass them as client_id/client_secret, username/password or token instead")
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise ConfigurationError("url must be an absolute https:// URL such as https://example.jamacloud.com or https://host/contour")
    if parts.scheme == "http" and not allow_http:
        raise ConfigurationError(
            "url uses http://, which would send credentials and tokens in clear text",
            hint="Use https://, or set allow_http: true for a test instance on a trusted network")
    if parts.query or parts.fragment:
        raise ConfigurationError("url must not carry a query string or fragment: give the base URL only")
    path = parts.path.rstrip("/")
    if path == "/rest" or path.endswith("/rest") or "/rest/" in path + "/":
        raise ConfigurationError("url must be the Jama base URL with any context path, without /rest/...")
    return urlunsplit((parts.scheme, parts.netloc.lower(), path, "", ""))
