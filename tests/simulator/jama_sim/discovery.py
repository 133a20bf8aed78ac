"""GET /rest: the API versions this instance offers.

Jama documents the request but not its answer's shape, so this is the simulator's own small, stable form:
one entry per base path it serves, in Jama's envelope so that envelope-aware clients can read it.
"""

from . import envelope

VERSIONS = (
    ("v1", "/rest/v1", "supported"),
    ("latest", "/rest/latest", "designated for sunset: serves what v1 serves"),
)


def api_versions(call):
    return envelope.ok([{"version": version, "path": path, "url": call.base_url + path, "status": status}
                        for version, path, status in VERSIONS])
