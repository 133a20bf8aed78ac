# -*- coding: utf-8 -*-
# Copyright: Contributors to the jama.connect collection
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)


class ModuleDocFragment:
    """How every jama.connect module that changes Jama treats names it does not know: one rule, in the same words everywhere."""

    DOCUMENTATION = r"""
options: {}
notes:
  - "Unknown names, in every state: a user or group named in an option that must already exist (the users to grant or
    revoke, the members of a group, the access group, the user to deactivate) fails the task before any write, naming
    every unknown name and the similar names that exist. A typo never passes as done: Jama never deletes users, so an
    unknown username cannot be the result of an earlier run."
  - "The object a task manages by name is not such a reference: with O(state=present), M(jama.connect.jama_user) creates a
    missing user and M(jama.connect.jama_user_group) a missing group. And when the user group a O(state=absent) task
    deletes is already gone, the task succeeds without a change and says so in its C(msg), so that a rerun converges."
  - "Names match exactly as Jama stores them. A list option given as one comma-separated string (C(users: \"a, b\")) is
    refused with a request for a YAML list."
"""
