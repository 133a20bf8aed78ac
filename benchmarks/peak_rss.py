"""Run a command and report its peak resident set size: python peak_rss.py REPORT_JSON COMMAND [ARGS...]

Writes {"exit": code, "max_rss_kib": n, "seconds": s} to REPORT_JSON; the command's output passes through.
Linux keeps a process's peak RSS across fork and exec, so a child forked straight from a large process
(the benchmark, with a 10,000-user simulator in memory) would report that process's size. Started
from this small interpreter instead, the command's peak is its own.
"""

import json
import os
import subprocess
import sys
import time


def main(argv):
    if len(argv) < 2:
        sys.stderr.write(__doc__.splitlines()[0] + "\n")
        return 2
    report, command = argv[0], argv[1:]
    started = time.perf_counter()
    proc = subprocess.Popen(command)
    # wait4 gives the resources of this one child (ru_maxrss in KiB on Linux).
    _pid, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - started
    code = os.waitstatus_to_exitcode(status)
    with open(report, "w", encoding="utf-8") as handle:
        json.dump({"exit": code, "max_rss_kib": usage.ru_maxrss, "seconds": seconds}, handle)
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
