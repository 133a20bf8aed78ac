"""The simulator's whole state behind one lock, and the dispatch of one request to one Response."""

import copy
import threading
import time

from . import control, envelope, pages
from .auth import authorize
from .errors import ApiError
from .faults import Chaos, FaultQueue
from .model import JamaState
from .routes import JAMA_ROUTES, is_api_path
from .routing import NO_MATCH
from .stats import Stats
from .throttle import RateLimiter
from .tokens import TokenStore

CONTROL_PREFIX = "/__sim/"
HTML = "text/html;charset=UTF-8"


class Call:
    """What a Jama handler gets: the core, the request, path parameters, the caller and the base URL."""

    def __init__(self, core, request, params, user):
        self.core = core
        self.request = request
        self.params = params
        self.user = user
        self.base_url = request.origin + core.context_path


class SimCore:
    def __init__(self, seed, settings, context_path):
        self.lock = threading.Lock()
        self.context_path = context_path
        self._seed = seed
        self._initial_settings = settings
        self.reset()

    def reset(self, seed=None):
        """Back to the given seed (else the one we started with) with no traffic, faults or tokens."""
        self.state = JamaState(copy.deepcopy(seed or self._seed))
        self.settings = self._initial_settings.copy()
        self.tokens = TokenStore()
        self.stats = Stats()
        self.faults = FaultQueue()
        self.chaos = Chaos()
        self.throttle = RateLimiter(self.settings.rate_limit)

    def handle(self, request):
        if request.path.startswith(CONTROL_PREFIX):
            return control.handle(self, request)
        relative = self._relative(request.path)
        with self.lock:
            # Counted where it arrived: a request still in a fault's delay when a test resets the
            # simulator belongs to the traffic before the reset, not to the next test's.
            stats = self.stats
            fault = None
            if relative is not None:
                fault = self.faults.take(request.method, relative) or self.chaos.decide(request.method, relative)
        if fault is not None and fault.delay:
            # Outside the lock: a slow answer must not stall other clients.
            time.sleep(fault.delay)
        with self.lock:
            match = NO_MATCH if relative is None else JAMA_ROUTES.resolve(request.method, relative)
            if fault is not None and fault.answers():
                response = fault.response()
            elif not self.throttle.allow():
                response = self._throttled()
            else:
                response = self._serve(request, relative, match)
            template = match.template
            stats.count(request.method, template, "dropped" if response.drop else response.status)
        return response

    def _relative(self, path):
        """The path below the context path, or None when the request is outside it."""
        if not self.context_path:
            return path
        if path == self.context_path or path.startswith(self.context_path + "/"):
            return path[len(self.context_path):] or "/"
        return None

    def _throttled(self):
        headers = {} if self.settings.retry_after is None else {"Retry-After": str(self.settings.retry_after)}
        return envelope.error(429, "Too many requests", headers)

    def _serve(self, request, relative, match):
        if relative is None:
            # A wrong context path lands on the web application, which shows its login page.
            return envelope.Response(200, pages.LOGIN_PAGE, HTML)
        try:
            if match.route is None:
                return self._unrouted(request, relative, match)
            user = None if match.route.access in ("public", "client") else authorize(self, request, match.route.access)
            return match.route.handler(Call(self, request, match.params, user))
        except ApiError as exc:
            return envelope.error(exc.status, exc.message, exc.headers)

    def _unrouted(self, request, relative, match):
        # Jama's security filter runs before its dispatcher: below the API prefixes an unknown path or method
        # tells nothing to a caller without valid credentials, who gets the same 401 (or 403) as anywhere else.
        if is_api_path(relative.rstrip("/")):
            authorize(self, request, "user")
        if match.allowed is None:
            return envelope.Response(404, pages.error_page(404), HTML)
        return envelope.error(405, "Request method '%s' not supported" % request.method, {"Allow": ", ".join(match.allowed)})
