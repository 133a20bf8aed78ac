# Copyright: Contributors to the jama.connect collection
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""``patch_module_args`` for every ansible-core the collection supports (`make matrix` runs them): the one shim,
for the unit tests and for the harness that runs a module as its own process.

ansible-core 2.19 ships it as ``ansible.module_utils.testing.patch_module_args``; before that, a
module reads its arguments from ``ansible.module_utils.basic._ANSIBLE_ARGS``.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import contextlib
import json

from ansible.module_utils import basic

try:
    from ansible.module_utils.testing import patch_module_args  # pylint: disable=unused-import
except ImportError:  # ansible-core before 2.19
    from unittest import mock

    @contextlib.contextmanager
    def patch_module_args(args):
        with mock.patch.object(basic, "_ANSIBLE_ARGS", json.dumps({"ANSIBLE_MODULE_ARGS": args}).encode()):
            yield
