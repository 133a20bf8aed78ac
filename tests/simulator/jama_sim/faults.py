"""Injected failures: a queue of faults for the next N matching requests, and seeded random chaos."""

import fnmatch
import random

from . import envelope, pages
from .errors import ControlError

BODIES = ("html", "malformed_json")
MAX_PENDING = 1000
MAX_COUNT = 1000000
MAX_DELAY = 60.0
# A truncated envelope: what a proxy cutting a response short leaves a client to parse.
MALFORMED_JSON = b'{"meta": {"status": "OK", "timestamp": "2026-01-02T03:04:05.678+0000"}, "links": {}, "data": [{"id": 1, "userna'


class Fault:
    """One failure to inject: a delay, then a status and body, or a dropped connection."""

    def __init__(self, spec):
        _check_keys(spec, ("method", "path", "count", "status", "delay", "body", "drop", "retry_after"), "fault")
        self.method = _text(spec.get("method", "*"), "method").upper()
        self.path = _text(spec.get("path", "*"), "path")
        self.count = _number(spec.get("count", 1), "count", int, 1, MAX_COUNT)
        self.status = _status(spec.get("status"))
        self.delay = _number(spec.get("delay", 0.0), "delay", (int, float), 0, MAX_DELAY)
        self.body = spec.get("body")
        if self.body is not None and self.body not in BODIES:
            raise ControlError("body must be one of %s or null" % ", ".join(BODIES))
        self.drop = spec.get("drop", False)
        if not isinstance(self.drop, bool):
            raise ControlError("drop must be a boolean")
        retry_after = spec.get("retry_after")
        self.retry_after = None if retry_after is None else _number(retry_after, "retry_after", int, 0, 86400)

    def matches(self, method, path):
        return self.method in ("*", method) and fnmatch.fnmatchcase(path, self.path)

    def answers(self):
        """False for a delay-only fault: after the delay the request is served normally."""
        return self.drop or self.status is not None or self.body is not None

    def response(self):
        if self.drop:
            return envelope.Response(drop=True)
        status = self.status or 200
        headers = {} if self.retry_after is None else {"Retry-After": str(self.retry_after)}
        if self.body == "html":
            return envelope.Response(status, pages.error_page(status), "text/html;charset=UTF-8", headers)
        if self.body == "malformed_json":
            return envelope.Response(status, MALFORMED_JSON, headers=headers)
        return envelope.error(status, "Injected fault", headers)

    def to_dict(self):
        return {"method": self.method, "path": self.path, "count": self.count, "status": self.status, "delay": self.delay,
                "body": self.body, "drop": self.drop, "retry_after": self.retry_after}


class FaultQueue:
    def __init__(self):
        self._pending = []

    def add(self, spec):
        if len(self._pending) >= MAX_PENDING:
            raise ControlError("too many pending faults (at most %d)" % MAX_PENDING)
        fault = Fault(spec)
        self._pending.append(fault)
        return fault

    def take(self, method, path):
        """The first pending fault matching the request, used up by one count."""
        for fault in self._pending:
            if fault.matches(method, path):
                fault.count -= 1
                if fault.count == 0:
                    self._pending.remove(fault)
                return fault
        return None

    def clear(self):
        self._pending = []

    def to_list(self):
        return [fault.to_dict() for fault in self._pending]


class Chaos:
    """Random faults from a fixed seed: the same request sequence meets the same faults."""

    def __init__(self):
        self.spec = None
        self._random = None
        self.injected = 0
        self.seen = 0

    def stop(self):
        self.spec = self._random = None
        self.injected = self.seen = 0

    def start(self, spec):
        _check_keys(spec, ("seed", "status_rate", "status", "drop_rate", "methods", "path", "max_faults", "retry_after"), "chaos")
        seed = _number(spec.get("seed", 0), "seed", int, 0, 2 ** 63)
        status_rate = _number(spec.get("status_rate", 0.0), "status_rate", (int, float), 0, 1)
        drop_rate = _number(spec.get("drop_rate", 0.0), "drop_rate", (int, float), 0, 1)
        if status_rate + drop_rate > 1:
            raise ControlError("status_rate + drop_rate must not exceed 1")
        methods = spec.get("methods", ["*"])
        if not isinstance(methods, list) or not all(isinstance(m, str) for m in methods):
            raise ControlError("methods must be a list of strings")
        self.spec = {"seed": seed, "status_rate": status_rate, "status": _status(spec.get("status", 503)) or 503,
                     "drop_rate": drop_rate, "methods": [m.upper() for m in methods],
                     "path": _text(spec.get("path", "/rest/v1/*"), "path"),
                     "max_faults": _number(spec.get("max_faults", 10000), "max_faults", int, 0, MAX_COUNT),
                     "retry_after": spec.get("retry_after")}
        if self.spec["retry_after"] is not None:
            _number(self.spec["retry_after"], "retry_after", int, 0, 86400)
        self._random = random.Random(seed)
        self.injected = self.seen = 0
        return self.to_dict()

    def decide(self, method, path):
        """A Fault for this request or None; every matching request draws exactly one number."""
        spec = self.spec
        if spec is None or self.injected >= spec["max_faults"]:
            return None
        if not ("*" in spec["methods"] or method in spec["methods"]) or not fnmatch.fnmatchcase(path, spec["path"]):
            return None
        self.seen += 1
        draw = self._random.random()
        if draw < spec["drop_rate"]:
            self.injected += 1
            return Fault({"drop": True})
        if draw < spec["drop_rate"] + spec["status_rate"]:
            self.injected += 1
            return Fault({"status": spec["status"], "retry_after": spec["retry_after"]})
        return None

    def to_dict(self):
        return {"active": self.spec is not None, "config": self.spec, "seen": self.seen, "injected": self.injected}


def _check_keys(spec, allowed, what):
    if not isinstance(spec, dict):
        raise ControlError("%s must be a JSON object" % what)
    unknown = sorted(set(spec) - set(allowed))
    if unknown:
        raise ControlError("unknown %s key(s): %s; allowed: %s" % (what, ", ".join(unknown), ", ".join(allowed)))


def _text(value, name):
    if not isinstance(value, str) or not value:
        raise ControlError("%s must be a non-empty string" % name)
    return value


def _number(value, name, kinds, low, high):
    if isinstance(value, bool) or not isinstance(value, kinds) or not low <= value <= high:
        raise ControlError("%s must be a number from %s to %s" % (name, low, high))
    return value


def _status(value):
    if value is None:
        return None
    return _number(value, "status", int, 100, 599)
