# -*- coding: utf-8 -*-
# Copyright: Contributors to the jama.connect collection
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# Internal to the jama.connect collection: not a public API, may change without notice.

"""Secrets in every shape they can take in a message, and the shapes a credential may not have."""

import json
import re

from ansible_collections.jama.connect.plugins.module_utils.rest.errors import ConfigurationError

CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f-\x9f]")
# RFC 6750 b64token: what a bearer token is made of, so it can go into a header unquoted.
BEARER_TOKEN = re.compile(r"^[A-Za-z0-9\-._~+/]+=*$")
BEARER_PREFIX = re.compile(r"^bearer\s+", re.IGNORECASE)
# Jama generates API credentials; a character outside printable ASCII means a damaged copy.
PRINTABLE_ASCII = re.compile(r"^[\x21-\x7e]+$")


def shapes(secret):
    """The secret as it may appear in text: raw, stripped, and escaped as repr() and JSON quote it."""
    if not isinstance(secret, str) or not secret:
        return set()
    bases = {secret, secret.strip(), BEARER_PREFIX.sub("", secret.strip())}
    found = set(bases)
    for base in bases:
        escaped = base.encode("unicode_escape").decode("ascii")
        found.update((repr(base)[1:-1], json.dumps(base)[1:-1], escaped,
                      escaped.replace("'", "\\'"), escaped.replace('"', '\\"')))
    return set(value for value in found if value)


def register(module, secret):
    """Have Ansible mask every shape of ``secret`` in the module's output."""
    module.no_log_values.update(shapes(secret))


class SecretMask:
    """What ``register`` does for a module, for code that prints its own output (a lookup on the controller)."""

    REPLACEMENT = "********"

    def __init__(self):
        self._shapes = set()

    def register(self, secret):
        self._shapes.update(shapes(secret))

    def scrub(self, text):
        # Longest first: a shorter shape inside a longer one would leave the rest of the longer one readable.
        for shape in sorted(self._shapes, key=len, reverse=True):
            text = text.replace(shape, self.REPLACEMENT)
        return text


def bearer_token(token, option="token"):
    """The token to send: surrounding whitespace and a leading 'Bearer ' removed; ConfigurationError if unusable."""
    value = BEARER_PREFIX.sub("", token.strip())
    if CONTROL_CHARACTERS.search(value):
        raise ConfigurationError(
            "%s contains a control character, often a line break pasted from a file; the value is not shown" % option)
    if not BEARER_TOKEN.match(value):
        raise ConfigurationError(
            "%s is not a bearer token: it may hold only letters, digits and -._~+/ (then '='), and no spaces; "
            "the value is not shown" % option)
    return value


def check_api_credential(option, value):
    """Refuse a client id or secret that no Jama instance issues, before it reaches a header."""
    if not PRINTABLE_ASCII.match(value):
        raise ConfigurationError(
            "%s contains spaces, control characters or characters outside ASCII, which Jama's API credentials never "
            "hold; check that it was copied whole (the value is not shown)" % option)


def check_password(option, value):
    if CONTROL_CHARACTERS.search(value):
        raise ConfigurationError("%s contains a control character, often a line break pasted from a file; "
                                 "the value is not shown" % option)
