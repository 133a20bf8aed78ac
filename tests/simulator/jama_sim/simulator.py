"""Simulator: the in-process entry point (start, URLs, control client, stop)."""

import threading

from .client import SimControl
from .core import SimCore
from .http_server import JamaHTTPServer, tls_context
from .seed import load_seed
from .settings import Settings


class Simulator:
    def __init__(self, seed=None, host="127.0.0.1", port=0, context_path="", token_lifetime=3600, rate_limit=None,
                 retry_after=None, sso=False, tls_cert=None, tls_key=None, tls_client_ca=None,
                 legacy_token_answer=False):
        if bool(tls_cert) != bool(tls_key):
            raise ValueError("tls_cert and tls_key go together")
        if tls_client_ca and not tls_cert:
            raise ValueError("tls_client_ca needs tls_cert and tls_key")
        self.context_path = normalize_context_path(context_path)
        settings = Settings(token_lifetime=token_lifetime, rate_limit=rate_limit, retry_after=retry_after, sso=sso,
                            legacy_token_answer=legacy_token_answer)
        self.core = SimCore(load_seed(seed), settings, self.context_path)
        self._address = (host, port)
        self._tls = (tls_cert, tls_key, tls_client_ca)
        self._server = None
        self._thread = None
        self.control = None

    def start(self):
        if self._server is not None:
            return self
        cert, key, client_ca = self._tls
        context = tls_context(cert, key, client_ca) if cert else None
        self._server = JamaHTTPServer(self._address, self.core, context)
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.1},
                                        name="jama-simulator", daemon=True)
        self._thread.start()
        # Talking to itself over loopback: the in-process control client need not verify its own certificate.
        self.control = SimControl(self.root_url, verify=not cert)
        return self

    def stop(self):
        if self._server is None:
            return
        self._server.shutdown()
        self._server.server_close()
        self._server.close_connections()
        self._thread.join()
        self._server = self._thread = None

    @property
    def root_url(self):
        if self._server is None:
            raise RuntimeError("the simulator is not running; call start() first")
        return self._server.origin(None)

    @property
    def base_url(self):
        return self.root_url + self.context_path

    @property
    def port(self):
        if self._server is None:
            raise RuntimeError("the simulator is not running; call start() first")
        return self._server.server_address[1]

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc_info):
        self.stop()


def normalize_context_path(context_path):
    """"" or "/contour": one leading slash, no trailing slash."""
    stripped = (context_path or "").strip("/")
    return "/" + stripped if stripped else ""
