"""Run-time options that /__sim/config may change: token lifetime, rate limit, Retry-After, SSO, and the one
opt-in departure from what today's Jama serves (the pre-2024 token answer)."""

from .errors import ControlError

MAX_TOKEN_LIFETIME = 10 * 365 * 24 * 3600


class Settings:
    def __init__(self, token_lifetime=3600, rate_limit=None, retry_after=None, sso=False, legacy_token_answer=False):
        self.token_lifetime = token_lifetime
        self.rate_limit = rate_limit
        self.retry_after = retry_after
        self.sso = sso
        self.legacy_token_answer = legacy_token_answer
        self.update(self.to_dict())

    def update(self, changes):
        """Validate every change before applying any of them."""
        if not isinstance(changes, dict):
            raise ControlError("config must be a JSON object")
        unknown = sorted(set(changes) - set(self.to_dict()))
        if unknown:
            raise ControlError("unknown config key(s): %s" % ", ".join(unknown))
        checked = {}
        for key, value in changes.items():
            checked[key] = _CHECKS[key](value)
        for key, value in checked.items():
            setattr(self, key, value)

    def copy(self):
        return Settings(**self.to_dict())

    def to_dict(self):
        return {"token_lifetime": self.token_lifetime, "rate_limit": self.rate_limit, "retry_after": self.retry_after,
                "sso": self.sso, "legacy_token_answer": self.legacy_token_answer}


def _integer(name, low, high, nullable):
    def check(value):
        if value is None and nullable:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise ControlError("%s must be an integer from %d to %d%s" % (name, low, high, " or null" if nullable else ""))
        return value
    return check


def _boolean(name):
    def check(value):
        if not isinstance(value, bool):
            raise ControlError("%s must be a boolean" % name)
        return value
    return check


_CHECKS = {
    "token_lifetime": _integer("token_lifetime", 1, MAX_TOKEN_LIFETIME, False),
    "rate_limit": _integer("rate_limit", 1, 1000000, True),
    "retry_after": _integer("retry_after", 0, 86400, True),
    "sso": _boolean("sso"),
    "legacy_token_answer": _boolean("legacy_token_answer"),
}
