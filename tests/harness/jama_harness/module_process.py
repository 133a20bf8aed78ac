# Copyright: Contributors to the jama.connect collection
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Run one of the collection's modules as its own process, the way Ansible runs it on a host, minus the controller.

The module gets its options as Ansible passes them (``ANSIBLE_MODULE_ARGS`` with ``_ansible_check_mode``
and ``_ansible_diff``), talks real HTTP, and prints its result JSON, which is the result. The process is
a fork of the test process, which imported the module once, so a case costs the module's own work
rather than an interpreter start and its imports; a fork also leaves nothing behind (exit, warnings,
environment) for the next case. What this skips is the controller: action plugins, templating and
the callback's censoring, which the play driver and the ansible-test targets cover.
"""

from __future__ import annotations

import importlib
import io
import json
import os
import select
import signal
import sys
import time
import traceback

MODULES_PACKAGE = "ansible_collections.jama.connect.plugins.modules"


def import_module(collections_path, fqcn):
    """The module's Python module, imported from ``collections_path`` (jama.connect.<name>)."""
    if collections_path not in sys.path:
        sys.path.insert(0, collections_path)
    return importlib.import_module("%s.%s" % (MODULES_PACKAGE, fqcn.rsplit(".", 1)[-1]))


def _module_args(args):
    """The module's arguments as Ansible hands them over, on every ansible-core (the one shim lives with the units)."""
    from ansible_collections.jama.connect.tests.unit.plugins.modules.module_args import patch_module_args
    return patch_module_args(args)


def _child(module, args, env, write_fd):
    """In the forked process: run main() with stdout and stderr captured, send both, never return."""
    status = 0
    try:
        for key in [key for key in os.environ if key.startswith("JAMA_")]:
            del os.environ[key]
        os.environ.update(env)
        stdout, stderr = io.StringIO(), io.StringIO()
        sys.stdout, sys.stderr = stdout, stderr
        try:
            with _module_args(args):
                module.main()
        except SystemExit:
            pass
        except BaseException:  # pylint: disable=broad-except
            stderr.write(traceback.format_exc())
        data = json.dumps({"stdout": stdout.getvalue(), "stderr": stderr.getvalue()}).encode("utf-8")
        while data:
            data = data[os.write(write_fd, data):]
    except BaseException:  # pylint: disable=broad-except
        status = 1
    finally:
        os._exit(status)  # pylint: disable=protected-access


def _read_until_exit(read_fd, pid, timeout):
    chunks, deadline = [], time.monotonic() + timeout
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            raise AssertionError("the module did not finish within %d s" % timeout)
        ready, _w, _x = select.select([read_fd], [], [], min(left, 1.0))
        if ready:
            chunk = os.read(read_fd, 65536)
            if not chunk:
                break
            chunks.append(chunk)
    os.waitpid(pid, 0)
    return b"".join(chunks)


def run(module, args, check=False, diff=False, env=None, timeout=120):
    """Run ``module`` (from import_module) with ``args``: (result, stdout, stderr).

    ``env`` is the module's environment on top of the test's, every JAMA_* variable removed first.
    """
    internal = dict(args, _ansible_check_mode=bool(check), _ansible_diff=bool(diff))
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read_fd)
        _child(module, internal, dict((key, str(value)) for key, value in (env or {}).items()), write_fd)
    os.close(write_fd)
    try:
        captured = json.loads(_read_until_exit(read_fd, pid, timeout).decode("utf-8") or '{"stdout": "", "stderr": ""}')
    finally:
        os.close(read_fd)
    return _result(captured["stdout"], captured["stderr"]), captured["stdout"], captured["stderr"]


def _result(stdout, stderr):
    for line in reversed(stdout.strip().splitlines()):
        try:
            document = json.loads(line)
        except ValueError:
            continue
        if isinstance(document, dict):
            return _as_the_controller_shows(document)
    return {"failed": True, "msg": "the module printed no result", "module_stdout": stdout, "module_stderr": stderr}


def _message(item):
    """A warning or deprecation as text: ansible-core 2.19 modules send structured ones, the controller shows the message."""
    if isinstance(item, dict):
        event = item.get("event") if isinstance(item.get("event"), dict) else item
        return event.get("msg", str(item))
    return item


def _as_the_controller_shows(result):
    for key in ("warnings", "deprecations"):
        if key in result:
            result[key] = [_message(item) for item in result[key]]
    return result
