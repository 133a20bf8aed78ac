"""The /__sim/ control surface: test-only endpoints, never part of Jama (see README.md)."""

import json

from . import envelope
from .errors import ControlError, SeedError
from .seed import normalize_seed
from .throttle import RateLimiter


def handle(core, request):
    handler = _HANDLERS.get((request.method, request.path.rstrip("/")))
    if handler is None:
        return envelope.json_response(404, {"error": "no control endpoint %s %s" % (request.method, request.path)})
    try:
        body = _body(request)
        with core.lock:
            return envelope.json_response(200, handler(core, body))
    except (ControlError, SeedError) as exc:
        return envelope.json_response(400, {"error": str(exc)})


def _body(request):
    if not request.body.strip():
        return {}
    try:
        document = json.loads(request.body.decode("utf-8"))
    except ValueError:
        raise ControlError("the request body is not valid JSON")
    if not isinstance(document, dict):
        raise ControlError("the request body must be a JSON object")
    return document


def _reset(core, body):
    unknown = sorted(set(body) - {"seed"})
    if unknown:
        raise ControlError("unknown reset key(s): %s" % ", ".join(unknown))
    seed = body.get("seed")
    if seed is not None and not isinstance(seed, dict):
        raise ControlError("seed must be a seed document (a JSON object)")
    core.reset(None if seed is None else normalize_seed(seed, "<reset request>"))
    return {"reset": True, "state": core.state.snapshot()}


def _configure(core, body):
    core.settings.update(body)
    if "rate_limit" in body:
        core.throttle = RateLimiter(core.settings.rate_limit)
    return core.settings.to_dict()


def _add_fault(core, body):
    return core.faults.add(body).to_dict()


def _clear_faults(core, _body):
    core.faults.clear()
    return {"faults": []}


def _expire_tokens(core, _body):
    core.tokens.expire_all()
    return {"expired": len(core.tokens.issued())}


def _stop_chaos(core, _body):
    core.chaos.stop()
    return core.chaos.to_dict()


_HANDLERS = {
    ("GET", "/__sim/state"): lambda core, _body: core.state.snapshot(),
    ("GET", "/__sim/stats"): lambda core, _body: core.stats.to_dict(),
    ("POST", "/__sim/reset"): _reset,
    ("GET", "/__sim/faults"): lambda core, _body: {"faults": core.faults.to_list()},
    ("POST", "/__sim/faults"): _add_fault,
    ("DELETE", "/__sim/faults"): _clear_faults,
    ("GET", "/__sim/chaos"): lambda core, _body: core.chaos.to_dict(),
    ("POST", "/__sim/chaos"): lambda core, body: core.chaos.start(body),
    ("DELETE", "/__sim/chaos"): _stop_chaos,
    ("GET", "/__sim/config"): lambda core, _body: core.settings.to_dict(),
    ("POST", "/__sim/config"): _configure,
    ("GET", "/__sim/tokens"): lambda core, _body: {"tokens": core.tokens.issued()},
    ("POST", "/__sim/tokens/expire"): _expire_tokens,
}
