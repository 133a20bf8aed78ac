# -*- coding: utf-8 -*-
# Copyright: Contributors to the jama.connect collection
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
name: jama_api
short_description: Read any Jama Connect REST API v1 endpoint
version_added: 0.1.0
description:
  - Sends C(GET) requests to Jama Connect's REST API v1, with the same connection options, token handling, paging,
    pacing, retries and errors as the jama.connect modules. It never writes.
  - For a list endpoint it returns every record, reading page after page of 50 (Jama's largest page), up to
    O(max_records). For a single record it returns the object.
  - One result per term. With one term, C(lookup) returns that term's result as it is (a list for a list endpoint,
    even with one record); C(query) and O(ansible.builtin.lookup#lookup:wantlist=true) return a list of one result per term.
  - Runs on the controller. C(module_defaults) do not apply to lookups; give the options in the call, or set the
    environment variables named below.
author:
  - Contributors to the jama.connect collection (@jama-connect)
extends_documentation_fragment:
  - jama.connect.connection
options:
  _terms:
    description:
      - REST API v1 paths, relative to C(/rest/v1/), for example V(users), V(usergroups/12/users) or V(projects).
      - A leading V(/) or V(/rest/v1/) is accepted. Paths outside C(/rest/v1) (such as C(/rest/latest) or the token
        endpoint), absolute URLs, C(.) and C(..) segments, and query strings are refused; give query parameters
        in O(query).
    required: true
    type: list
    elements: str
  query:
    description:
      - Query parameters for every term, for example C(licenseType) set to V(NAMED). A list value repeats the
        parameter; V(true) and V(false) are sent as Jama spells them; a null value is left out.
      - C(startAt) and C(maxResults) are refused, because the lookup pages by itself. Use O(max_records) to bound a list.
    type: dict
  max_records:
    description:
      - The most records to return for a list endpoint; the pages beyond are not read, and a warning says how many
        records Jama holds in all.
      - When not set, every record is returned.
    type: int
  return_meta:
    description:
      - Return Jama's whole envelope (C(meta), C(links), C(linked) when present, and C(data)) instead of the data alone.
      - For a single record, the envelope as Jama sent it.
      - For a list, one envelope merged from every page read - C(data) holds every record returned, C(links) and
        C(linked) the union of the pages', and C(meta) is the first page's, with C(meta.pageInfo) describing the whole
        (C(startIndex) 0, C(resultCount) the records returned, C(totalResults) as the last page stated it).
    type: bool
    default: false
notes:
  - Secrets and tokens never appear in the lookup's errors, warnings or C(-vvv) lines. The data it returns is whatever
    Jama answers; give the result C(no_log) where that data is sensitive.
  - A token minted from O(client_id) and O(client_secret) lives for the lookup call only. Where several lookups or tasks
    follow, mint one with M(jama.connect.jama_token) and pass the fact as O(token).
seealso:
  - module: jama.connect.jama_token
  - module: jama.connect.jama_user_info
  - module: jama.connect.jama_user_group_info
"""

EXAMPLES = r"""
- name: Every Named Creator (active users only, as Jama lists them by default)
  ansible.builtin.debug:
    msg: "{{ lookup('jama.connect.jama_api', 'users', query={'licenseType': 'NAMED'},
             url='https://example.jamacloud.com', client_id=jama_client_id, client_secret=jama_client_secret)
             | map(attribute='username') }}"

- name: Mint one token for the reads that follow
  jama.connect.jama_token:
    url: https://example.jamacloud.com
    client_id: "{{ jama_client_id }}"
    client_secret: "{{ jama_client_secret }}"

- name: The members of user group 12
  ansible.builtin.set_fact:
    group_members: "{{ lookup('jama.connect.jama_api', 'usergroups/12/users',
                              url='https://example.jamacloud.com', token=jama_token) }}"

- name: The projects the service account's credentials can see (from JAMA_URL, JAMA_CLIENT_ID, JAMA_CLIENT_SECRET)
  ansible.builtin.debug:
    msg: "{{ lookup('jama.connect.jama_api', 'projects') | map(attribute='fields.name') }}"

- name: One user, with Jama's envelope
  ansible.builtin.set_fact:
    jane: "{{ lookup('jama.connect.jama_api', '/rest/v1/users/42', return_meta=true,
                     url='https://example.jamacloud.com', token=jama_token) }}"

- name: The first 100 users, and how many there are
  ansible.builtin.set_fact:
    first_users: "{{ page.data }}"
    user_count: "{{ page.meta.pageInfo.totalResults }}"
  vars:
    page: "{{ lookup('jama.connect.jama_api', 'users', max_records=100, return_meta=true,
                     url='https://example.jamacloud.com', token=jama_token) }}"
"""

RETURN = r"""
_raw:
  description:
    - One result per term. For a list endpoint, the list of its records (at most O(max_records)); for a single record,
      the record; with O(return_meta=true), the envelope described there.
  type: list
  elements: raw
"""

import os
from itertools import islice
from urllib.parse import unquote

from ansible.errors import AnsibleLookupError
from ansible.module_utils.basic import missing_required_lib
from ansible.plugins.lookup import LookupBase
from ansible.utils.display import Display

from ansible_collections.jama.connect.plugins.module_utils.auth.secrets import SecretMask
from ansible_collections.jama.connect.plugins.module_utils.connection import client_from_options, options_with_environment
from ansible_collections.jama.connect.plugins.module_utils.options import CONNECTION_ARGUMENT_SPEC
from ansible_collections.jama.connect.plugins.module_utils.rest.errors import ConfigurationError, JamaError, NotFound, UnexpectedResponse
from ansible_collections.jama.connect.plugins.module_utils.rest.paging import MAX_PAGE_SIZE, walk
from ansible_collections.jama.connect.plugins.module_utils.rest.requests_import import HAS_REQUESTS
from ansible_collections.jama.connect.plugins.module_utils.rest.responses import envelope_data

display = Display()

API_PREFIX = "/rest/v1/"
PAGING_PARAMETERS = ("startAt", "maxResults")
UNKNOWN_PATH_HINT = ("Jama has no endpoint or record at this path: check it against the REST API reference of your "
                     "instance (/api-docs). If every path fails like this, check that url includes any context path")
PATH_EXAMPLES = "such as users, usergroups/12/users or /rest/v1/projects"


def _bad_term(term, why):
    # A term is a path the user wrote, never a secret: naming it is what makes the message useful.
    return ConfigurationError("term %r is not a REST API v1 path %s: %s" % (term, PATH_EXAMPLES, why))


def rest_path(term):
    """The absolute API path (/rest/v1/...) a term names; ConfigurationError for anything outside /rest/v1."""
    if not isinstance(term, str) or not term.strip():
        raise _bad_term(term, "it is empty" if isinstance(term, str) else "it is not a string")
    text = term.strip()
    if "://" in text or text.startswith("//"):
        raise _bad_term(term, "absolute URLs are refused; url gives the instance")
    if "?" in text or "#" in text:
        raise _bad_term(term, "give query parameters in the query option")
    if any(character.isspace() or ord(character) < 32 or character == "\\" for character in text):
        raise _bad_term(term, "it contains spaces, control characters or backslashes")
    path = text[1:] if text.startswith("/") else text
    if path == "rest/v1" or path.startswith("rest/v1/"):
        path = path[len("rest/v1/"):]
    elif path == "rest" or path.startswith("rest/"):
        raise _bad_term(term, "only paths below /rest/v1 are read")
    path = path[:-1] if path.endswith("/") else path
    if not path:
        raise _bad_term(term, "it names no endpoint")
    for segment in path.split("/"):
        decoded = unquote(segment)
        if not segment:
            raise _bad_term(term, "it has an empty segment (//)")
        if decoded in (".", "..") or "/" in decoded or "\\" in decoded:
            raise _bad_term(term, "'.', '..' and encoded slashes are refused")
    return API_PREFIX + path


def query_parameters(query):
    """The query option as request parameters: booleans as Jama spells them, nulls left out; the caller's dict unchanged."""
    if query is None:
        return {}
    if not isinstance(query, dict):
        raise ConfigurationError("query must be a dictionary of query parameters, such as {'licenseType': 'NAMED'}")
    params = {}
    for name, value in query.items():
        if not isinstance(name, str) or not name:
            raise ConfigurationError("query: every parameter name must be a non-empty string, not %r" % (name,))
        if name in PAGING_PARAMETERS:
            raise ConfigurationError("query: %s is refused, the lookup pages by itself; use max_records to bound a list" % name)
        if value is None:
            continue
        values = value if isinstance(value, (list, tuple)) else [value]
        converted = [_query_value(name, item) for item in values]
        params[name] = converted if isinstance(value, (list, tuple)) else converted[0]
    return params


def _query_value(name, value):
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (str, int, float)):
        return str(value)
    raise ConfigurationError("query: %s must be a string, number, boolean or a list of them" % name)


class _RecordedPages:
    """The page reader the walk calls: the first page already read, then the client; every envelope is kept."""

    def __init__(self, client, first):
        self.client = client
        self.pending = [first]
        self.envelopes = []

    def get(self, path, params):
        body = self.pending.pop() if self.pending else self.client.get(path, params)
        self.envelopes.append(body)
        return body


def read(client, path, query=None, max_records=None, return_meta=False, warn=None):
    """One term's result: every record of a list (at most ``max_records``), or the one record; the envelope with return_meta.

    The first request already asks for a page, so a list costs exactly one GET per page: a single record's
    endpoint ignores the paging parameters.
    """
    size = min(MAX_PAGE_SIZE, max_records or MAX_PAGE_SIZE)
    first = client.get(path, dict(query or {}, startAt=0, maxResults=size))
    if not isinstance(first.get("data"), list):
        record = envelope_data(first, "GET", path, "object")
        return first if return_meta else record
    pages = _RecordedPages(client, first)
    records = list(islice(walk(pages.get, path, query, size), max_records))
    total = _total(pages.envelopes[-1])
    if max_records is not None and total is not None and total > len(records) and warn is not None:
        warn("%s: returned the first %d of the %d records Jama holds (max_records)" % (path, len(records), total))
    return merged_envelope(pages.envelopes, records) if return_meta else records


def _total(envelope):
    return ((envelope.get("meta") or {}).get("pageInfo") or {}).get("totalResults")


def merged_envelope(envelopes, records):
    """One envelope for a list read in pages: see return_meta in the documentation."""
    meta = dict(envelopes[0].get("meta") or {})
    if isinstance(meta.get("pageInfo"), dict):
        meta["pageInfo"] = dict(startIndex=0, resultCount=len(records), totalResults=_total(envelopes[-1]))
    merged = {"meta": meta, "links": {}, "data": records}
    for envelope in envelopes:
        if isinstance(envelope.get("links"), dict):
            merged["links"].update(envelope["links"])
        for kind, items in (envelope.get("linked") or {}).items() if isinstance(envelope.get("linked"), dict) else ():
            if isinstance(items, dict):
                merged.setdefault("linked", {}).setdefault(kind, {}).update(items)
    return merged


class LookupModule(LookupBase):

    def run(self, terms, variables=None, **kwargs):
        self.set_options(var_options=variables, direct=kwargs)
        unknown = sorted(set(kwargs) - set(self._options))
        if unknown:
            raise AnsibleLookupError("unsupported option(s) %s; see ansible-doc -t lookup jama.connect.jama_api"
                                     % ", ".join(unknown))
        if not HAS_REQUESTS:
            raise AnsibleLookupError(missing_required_lib("requests"))
        mask = SecretMask()
        try:
            return self._read_all(terms, mask, kwargs)
        except JamaError as err:
            # Raised afresh, without the chain: the message is the whole story, and the mask has seen it.
            raise AnsibleLookupError(mask.scrub(str(err))) from None

    def _connection_options(self, arguments):
        # The lookup's arguments are the only source of these options (none has an ini, env or vars entry).
        # Not get_option_and_origin: before ansible-core 2.19 it reports an argument's option as a default.
        given = dict((name, self.get_option(name)) for name in CONNECTION_ARGUMENT_SPEC if name in arguments)
        return options_with_environment(given, os.environ)

    def _read_all(self, terms, mask, arguments):
        paths = [rest_path(term) for term in terms]  # every term checked before any request
        query = query_parameters(self.get_option("query"))
        max_records = self.get_option("max_records")
        if max_records is not None and max_records < 1:
            raise ConfigurationError("max_records must be 1 or more")

        def warn(message):
            display.warning(mask.scrub(message))

        client = client_from_options(self._connection_options(arguments), os.environ, warn, mask.register)
        results = []
        for path in paths:
            sent = client.request_count
            try:
                results.append(read(client, path, query, max_records, self.get_option("return_meta"), warn))
            except UnexpectedResponse as err:
                if err.status != 404 or err.path != path:
                    raise
                # An HTML 404 page: no such path below /rest/v1 (the server's page, not Jama's JSON).
                raise NotFound("not found", status=404, method="GET", path=path, hint=UNKNOWN_PATH_HINT) from None
            display.vvv(mask.scrub("jama_api: GET %s%s took %d request(s)" % (client.base_url, path, client.request_count - sent)))
        return results
