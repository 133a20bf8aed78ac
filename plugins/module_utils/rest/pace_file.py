# -*- coding: utf-8 -*-
# Copyright: Contributors to the jama.connect collection
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# Internal to the jama.connect collection: not a public API, may change without notice.

"""Where the processes of one controller keep the request budget of one Jama instance: a small file per base URL.

The file holds the recent requests of every process (see pacing.SharedPacer) and is only ever read and
rewritten under an exclusive ``flock``, which the kernel releases when its holder exits, however it exits.
What cannot be read as a budget (a half-written file, another format, readings of a clock from before a
reboot) is treated as an empty budget: pacing must never be the reason a run stops.
"""

import contextlib
import errno
import fcntl
import hashlib
import json
import os
import stat
import tempfile
import time

try:
    from urllib.parse import urlsplit
except ImportError:  # pragma: no cover - Python 2 never runs these modules (tests/config.yml)
    from urlparse import urlsplit

FORMAT = 1
SUFFIX = ".pace"
# State files of instances nobody has talked to for a day are removed when a new one is made.
FORGET_AFTER = 86400.0


def instance_key(base_url):
    """One key per Jama instance: scheme and host compared without case, the context path without a trailing slash."""
    parts = urlsplit(base_url)
    text = "%s://%s%s" % (parts.scheme.lower(), parts.netloc.lower(), parts.path.rstrip("/"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def default_directory(environ=None):
    """JAMA_PACE_DIR when set (a directory several containers share); else the user's runtime directory
    (private, emptied at logout); else a private directory in the temp dir."""
    environ = os.environ if environ is None else environ
    if environ.get("JAMA_PACE_DIR"):
        return environ["JAMA_PACE_DIR"]
    runtime = environ.get("XDG_RUNTIME_DIR")
    if runtime and os.path.isdir(runtime):
        return os.path.join(runtime, "jama.connect-pace")
    return os.path.join(tempfile.gettempdir(), "jama.connect-pace-%d" % os.getuid())


def private_directory(path):
    """``path``, created if missing, when it is a directory only this user can enter; else None (pace alone)."""
    try:
        os.mkdir(path, 0o700)
    except OSError as err:
        if err.errno != errno.EEXIST:
            return None
    try:
        info = os.lstat(path)
    except OSError:
        return None
    # Another user's directory, or a symlink planted in a shared temp dir, must not receive our files.
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid() or info.st_mode & 0o077:
        return None
    return path


def state_path(base_url, directory=None):
    """The state file for ``base_url``, or None when no private directory can hold it."""
    directory = private_directory(directory or default_directory())
    if directory is None:
        return None
    return os.path.join(directory, instance_key(base_url) + SUFFIX)


def forget_old_files(directory, now=None):
    now = time.time() if now is None else now
    try:
        names = [name for name in os.listdir(directory) if name.endswith(SUFFIX)]
    except OSError:
        return
    for name in names:
        path = os.path.join(directory, name)
        try:
            if now - os.lstat(path).st_mtime > FORGET_AFTER:
                os.unlink(path)
        except OSError:
            pass


def decode(content):
    """The slots a state file holds, or None when it holds anything else (then the budget starts empty).

    Only the first line counts: a process killed between writing a shorter state and truncating the
    file leaves the end of the longer one after it.
    """
    try:
        state = json.loads(content.split(b"\n", 1)[0].decode("utf-8"))
    except ValueError:
        return None
    if not isinstance(state, dict) or state.get("format") != FORMAT or not isinstance(state.get("slots"), list):
        return None
    slots = state["slots"]
    for slot in slots:
        if not (isinstance(slot, list) and len(slot) == 4 and all(isinstance(part, (int, float)) and not isinstance(part, bool)
                                                                  for part in slot)):
            return None
    return slots


def encode(slots):
    return (json.dumps({"format": FORMAT, "slots": slots}, separators=(",", ":")) + "\n").encode("utf-8")


class PaceFile:
    """The state file of one instance, read and rewritten as a whole under an exclusive lock."""

    def __init__(self, path):
        self.path = path
        self.resets = 0

    def _open(self):
        created = not os.path.exists(self.path)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o600)
        if created:
            forget_old_files(os.path.dirname(self.path))
        return fd

    @contextlib.contextmanager
    def locked(self):
        """Yield the slots (a list to change in place); written back when the block ends without an error.

        Raises OSError when the file cannot be opened or locked: the caller then paces alone.
        """
        fd = self._open()
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            content = b""
            while True:
                chunk = os.read(fd, 65536)
                if not chunk:
                    break
                content += chunk
            slots = decode(content) if content else []
            if slots is None:
                self.resets += 1
                slots = []
            yield slots
            data = encode(slots)
            os.lseek(fd, 0, os.SEEK_SET)
            written = 0
            while written < len(data):
                written += os.write(fd, data[written:])
            os.ftruncate(fd, len(data))
        finally:
            os.close(fd)  # closing releases the lock
