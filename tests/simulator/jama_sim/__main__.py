"""Command line: run the simulator until SIGTERM or SIGINT (see README.md)."""

import argparse
import os
import signal
import sys
import threading
import time

from .errors import SeedError
from .seed import DEMO_SEED
from .simulator import Simulator


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="python -m jama_sim", description="Jama Connect simulator (test tooling).")
    parser.add_argument("--seed", default=DEMO_SEED, help="seed file, YAML or JSON (default: the demo seed)")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=0, help="port; 0 picks a free one (default)")
    parser.add_argument("--context-path", default="", help="e.g. /contour; the base URL includes it")
    parser.add_argument("--token-lifetime", type=int, default=3600, help="seconds an access token lives (default 3600)")
    parser.add_argument("--rate-limit", type=int, default=None, help="answer 429 past N requests in any second")
    parser.add_argument("--retry-after", type=int, default=None, help="seconds to send in Retry-After with a 429")
    parser.add_argument("--sso", action="store_true", help="refuse basic authentication, as an SSO instance does")
    parser.add_argument("--legacy-token-answer", action="store_true",
                        help="answer token requests as Jama did before July 2024 (scope, tenant, jti, application_data)")
    parser.add_argument("--tls-cert", help="server certificate (PEM); serves HTTPS")
    parser.add_argument("--tls-key", help="server private key (PEM)")
    parser.add_argument("--tls-client-ca", help="CA bundle; Jama requests then need a client certificate it signed")
    parser.add_argument("--url-file", help="write the base URL to this file once ready")
    parser.add_argument("--pid-file", help="write the process id to this file once ready")
    parser.add_argument("--lifetime", type=float, default=None,
                        help="stop after this many seconds, so a simulator whose starter died cannot linger")
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    try:
        sim = Simulator(seed=args.seed, host=args.host, port=args.port, context_path=args.context_path,
                        token_lifetime=args.token_lifetime, rate_limit=args.rate_limit, retry_after=args.retry_after,
                        sso=args.sso, tls_cert=args.tls_cert, tls_key=args.tls_key, tls_client_ca=args.tls_client_ca,
                        legacy_token_answer=args.legacy_token_answer)
        sim.start()
    except (SeedError, ValueError, OSError) as exc:
        sys.stderr.write("jama_sim: error: %s\n" % exc)
        return 2
    stopping = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda _signum, _frame: stopping.set())
    written = [path for path in (args.url_file, args.pid_file) if path]
    try:
        _write_atomically(args.url_file, sim.base_url)
        _write_atomically(args.pid_file, str(os.getpid()))
        sys.stdout.write(sim.base_url + "\n")
        sys.stdout.flush()
        deadline = None if args.lifetime is None else time.monotonic() + args.lifetime
        while not stopping.wait(0.5):
            if deadline is not None and time.monotonic() >= deadline:
                break
    finally:
        sim.stop()
        for path in written:
            _remove(path)
    return 0


def _write_atomically(path, text):
    """Readers polling for the file never see it half-written."""
    if not path:
        return
    temporary = "%s.%d.tmp" % (path, os.getpid())
    with open(temporary, "w", encoding="utf-8") as handle:
        handle.write(text + "\n")
    os.replace(temporary, path)


def _remove(path):
    try:
        os.remove(path)
    except OSError:
        pass


if __name__ == "__main__":
    sys.exit(main())
