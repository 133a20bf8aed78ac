"""Route templates such as /rest/v1/usergroups/{id}/users/{userId}, matched to handlers."""

import collections
import re

# route and params for a match; allowed lists the methods the path does take when only the method is wrong;
# template is the route's template as the client addressed it (through an alias prefix, if it used one).
Match = collections.namedtuple("Match", "route params allowed template")
NO_MATCH = Match(None, None, None, None)
_PLACEHOLDER = re.compile(r"\{(\w+)\}")


class Route:
    """`access` is who may call it: "public" (no credentials), "client" (the token endpoint), "user" (any API
    user) or "admin"."""

    def __init__(self, method, template, handler, access):
        self.method = method
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
    """`aliases` maps a path prefix to the prefix whose routes it serves, e.g. /rest/latest to /rest/v1."""

    def __init__(self, routes, aliases=None):
        self._routes = routes
        self._aliases = dict(aliases or {})

    def resolve(self, method, path):
        path = path.rstrip("/") or "/"
        path, alias = self._unalias(path)
        allowed = []
        for route in self._routes:
            params = route.match(path)
            if params is None:
                continue
            if route.method == method:
                return Match(route, params, None, self._as_addressed(route.template, alias))
            allowed.append(route.method)
        return Match(None, None, allowed or None, None)

    def _unalias(self, path):
        """The path under the prefix an alias stands for, and the (alias, target) pair used, if any."""
        for alias, target in self._aliases.items():
            if path == alias or path.startswith(alias + "/"):
                return target + path[len(alias):], (alias, target)
        return path, None

    @staticmethod
    def _as_addressed(template, alias):
        if alias is None:
            return template
        alias_prefix, target = alias
        return alias_prefix + template[len(target):]
