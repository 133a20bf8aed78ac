"""Request counts by route template and by status, for tests that assert on traffic."""

import collections

UNMATCHED = "(unmatched)"


class Stats:
    def __init__(self):
        self.total = 0
        self.by_route = collections.Counter()
        self.by_status = collections.Counter()

    def count(self, method, route, status):
        self.total += 1
        self.by_route["%s %s" % (method, route or UNMATCHED)] += 1
        self.by_status[str(status)] += 1

    def to_dict(self):
        return {"total": self.total, "by_route": dict(sorted(self.by_route.items())),
                "by_status": dict(sorted(self.by_status.items()))}
