"""Errors raised inside the simulator, each turned into one HTTP answer or one CLI message."""


class SeedError(ValueError):
    """A seed document is unreadable or inconsistent; the message names the source and the problem."""


class ApiError(Exception):
    """A Jama-style client error: answered with `status` and the envelope's `meta.message`."""

    def __init__(self, status, message, headers=None):
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers or {}


class ControlError(ValueError):
    """A bad request to the /__sim/ control surface (answered 400)."""
