# -*- coding: utf-8 -*-
# Copyright: Contributors to the jama.connect collection
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# Internal to the jama.connect collection: not a public API, may change without notice.

"""The one paging walk over Jama's lists, bounded and checked so a lying gateway cannot keep it going."""

from ansible_collections.jama.connect.plugins.module_utils.rest.responses import envelope_data, envelope_meta
from ansible_collections.jama.connect.plugins.module_utils.rest.errors import UnexpectedResponse

MAX_PAGE_SIZE = 50  # (J) Jama clamps maxResults to 50
# Lists may grow while they are walked (a user created meanwhile): allow a few pages more than the first count.
EXTRA_PAGES = 3


class PageWalk:
    """Remembers what the walk has seen, and refuses a page that could not come from an honest server."""

    def __init__(self, path, start, size):
        self.path = path
        self.start = start
        self.size = size
        self.pages = 0
        self.page_limit = None
        self._seen = set()

    def _broken(self, what):
        return UnexpectedResponse("paging through %s went wrong: %s" % (self.path, what), method="GET", path=self.path,
                                  hint="A proxy or gateway may be rewriting the startAt parameter or caching one page")

    def check(self, body):
        """The page's items and totalResults; UnexpectedResponse for a page that repeats or stalls."""
        items = envelope_data(body, "GET", self.path, "list")
        page_info = envelope_meta(body, "GET", self.path).get("pageInfo") or {}
        if not isinstance(page_info, dict):
            raise self._broken("pageInfo is not an object")
        total = _count(page_info.get("totalResults"))
        index = page_info.get("startIndex")
        if index is not None and _count(index) != self.start:
            raise self._broken("asked for startAt=%d and got a page with startIndex %r" % (self.start, index))
        self.pages += 1
        if self.page_limit is None and total is not None:
            self.page_limit = -(-max(0, total - self.start) // self.size) + EXTRA_PAGES
        if self.page_limit is not None and self.pages > self.page_limit:
            raise self._broken("more than %d pages where totalResults promised fewer" % self.page_limit)
        ids = [item.get("id") for item in items if item.get("id") is not None]
        if ids and all(item_id in self._seen for item_id in ids):
            raise self._broken("the page at startAt=%d repeats items already read" % self.start)
        self._seen.update(ids)
        if not items and total is not None and self.start < total:
            raise self._broken("an empty page at startAt=%d although totalResults is %d" % (self.start, total))
        return items, total


def _count(value):
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        return None
    return value


def walk(get, path, params=None, page_size=MAX_PAGE_SIZE):
    """Yield every item of a paged list, page after page, until pageInfo.totalResults is reached.

    ``get(path, params)`` reads one page. A ``startAt`` in ``params`` resumes a walk whose first
    pages the caller has already read. The caller's ``params`` are never changed.
    """
    size = max(1, min(int(page_size), MAX_PAGE_SIZE))
    query = dict(params or {})
    state = PageWalk(path, int(query.pop("startAt", 0)), size)
    while True:
        items, total = state.check(get(path, dict(query, startAt=state.start, maxResults=size)))
        yield from items
        state.start += len(items)
        if not items or total is None or state.start >= total:
            return
