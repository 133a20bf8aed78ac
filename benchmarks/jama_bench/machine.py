"""What the figures were measured on: machine, versions, commit, and the load (uptime) around the run."""

import os
import platform
import subprocess

from .runner import REPO


def machine():
    info = {"platform": platform.platform(), "cpus": os.cpu_count(), "python": platform.python_version(),
            "cpu": _first_match("/proc/cpuinfo", "model name"), "memory": _memory_total()}
    try:
        import ansible.release
        info["ansible_core"] = ansible.release.__version__
    except ImportError:
        info["ansible_core"] = "?"
    try:
        import requests
        info["requests"] = requests.__version__
    except ImportError:
        info["requests"] = "?"
    info["collection"] = _galaxy_version()
    info["commit"] = _git("rev-parse", "--short", "HEAD")
    info["dirty"] = bool(_git("status", "--porcelain", "--untracked-files=no"))
    return info


def uptime():
    """`uptime`'s line (load averages over 1, 5 and 15 minutes); the load averages alone where it is missing."""
    try:
        line = subprocess.run(["uptime"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, timeout=10,
                              check=False).stdout.strip()
    except (OSError, subprocess.TimeoutExpired):
        line = ""
    return line or "load average: %.2f, %.2f, %.2f" % os.getloadavg()


def _first_match(path, key):
    try:
        with open(path, encoding="utf-8") as handle:
            for line in handle:
                if line.startswith(key):
                    return " ".join(line.split(":", 1)[1].split())
    except OSError:
        pass
    return "?"


def _memory_total():
    text = _first_match("/proc/meminfo", "MemTotal")
    try:
        return "%.0f GiB" % (int(text.split()[0]) / 1024.0 ** 2)
    except (ValueError, IndexError):
        return text


def _galaxy_version():
    with open(os.path.join(REPO, "galaxy.yml"), encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("version:"):
                return line.split(":", 1)[1].strip()
    return "?"


def _git(*args):
    try:
        return subprocess.run(["git", *args], cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                              timeout=30, check=False).stdout.strip()
    except (OSError, subprocess.TimeoutExpired):
        return ""
