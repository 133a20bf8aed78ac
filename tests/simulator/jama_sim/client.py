"""SimControl: a thin stdlib HTTP client of the /__sim/ control surface."""

import json
import ssl
import urllib.error
import urllib.request


class SimControlError(RuntimeError):
    def __init__(self, status, message):
        super().__init__("simulator control answered %s: %s" % (status, message))
        self.status = status
        self.message = message


class SimControl:
    def __init__(self, root_url, verify=True, cert=None, timeout=30):
        """`verify`: True, False, or a CA bundle path; `cert`: (certfile, keyfile) for mTLS gateways."""
        self.root_url = root_url.rstrip("/")
        self.timeout = timeout
        self._context = _ssl_context(verify, cert) if self.root_url.startswith("https:") else None

    def state(self):
        return self.call("GET", "state")

    def stats(self):
        return self.call("GET", "stats")

    def reset(self, seed=None):
        return self.call("POST", "reset", {} if seed is None else {"seed": seed})

    def fault(self, method="*", path="*", count=1, status=None, delay=0.0, body=None, drop=False, retry_after=None):
        spec = {"method": method, "path": path, "count": count, "status": status, "delay": delay, "body": body,
                "drop": drop, "retry_after": retry_after}
        return self.call("POST", "faults", spec)

    def faults(self):
        return self.call("GET", "faults")["faults"]

    def clear_faults(self):
        return self.call("DELETE", "faults")

    def chaos(self, **spec):
        return self.call("POST", "chaos", spec)

    def chaos_status(self):
        return self.call("GET", "chaos")

    def stop_chaos(self):
        return self.call("DELETE", "chaos")

    def configure(self, **changes):
        return self.call("POST", "config", changes)

    def config(self):
        return self.call("GET", "config")

    def expire_tokens(self):
        return self.call("POST", "tokens/expire")

    def tokens(self):
        return self.call("GET", "tokens")["tokens"]

    def call(self, method, endpoint, body=None):
        """One control request: the decoded JSON response; SimControlError for an error status."""
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request("%s/__sim/%s" % (self.root_url, endpoint), data=data, method=method,
                                         headers={"Content-Type": "application/json", "Accept": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout, context=self._context) as answer:
                return json.loads(answer.read().decode("utf-8"))
        except urllib.error.HTTPError as exc:
            raise SimControlError(exc.code, _error_message(exc.read()))


def _error_message(raw):
    try:
        return json.loads(raw.decode("utf-8")).get("error", "")
    except (ValueError, AttributeError):
        return raw[:200].decode("utf-8", "replace")


def _ssl_context(verify, cert):
    if verify is False:
        context = ssl.create_default_context()
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
    else:
        context = ssl.create_default_context(cafile=None if verify is True else verify)
    if cert:
        context.load_cert_chain(*cert)
    return context
