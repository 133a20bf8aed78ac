"""Route templates such as /rest/v1/usergroups/{id}/users/{userId}, matched to handlers."""

import collections
import re

# route and params for a match; allowed lists the methods the path does take when only the method is wrong.
Match = collections.namedtuple("Match", "route params allowed")
NO_MATCH = Match(None, None, None)
_PLACEHOLDER = re.compile(r"\{(\w+)\}")


class Route:
    """`access` is who may call it: "client" (the token endpoint), "user" (any API user) or "admin"."""

    def __init__(self, method, template, handler, access, collection_only=False):
        self.method = method
        # (C) endpoints that no published Jama release serves: routed only when the simulator is asked to.
        self.collection_only = collection_only
        self.template = template
        self.handler = handler
        self.access = access
        # split() alternates literal text and placeholder names: literal, name, literal, ...
        parts = _PLACEHOLDER.split(template)
        pattern = "".join(re.escape(part) if index % 2 == 0 else r"(?P<%s>\d+)" % part for index, part in enumerate(parts))
        self._regex = re.compile(pattern + r"\Z")

    def match(self, path):
        """The integer path parameters when the path fits the template, else None."""
        found = self._regex.match(path)
        return None if found is None else {name: int(value) for name, value in found.groupdict().items()}


class Router:
    def __init__(self, routes):
        self._routes = routes

    def resolve(self, method, path, collection_routes=True):
        path = path.rstrip("/") or "/"
        allowed = []
        for route in self._routes:
            if route.collection_only and not collection_routes:
                continue
            params = route.match(path)
            if params is None:
                continue
            if route.method == method:
                return Match(route, params, None)
            allowed.append(route.method)
        return Match(None, None, allowed or None)
