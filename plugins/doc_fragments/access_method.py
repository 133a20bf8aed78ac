# -*- coding: utf-8 -*-
# Copyright: Contributors to the jama.connect collection
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)


class ModuleDocFragment:
    """The O(method) option of the modules that manage or read who holds REST API access."""

    DOCUMENTATION = r"""
options:
  method:
    description:
      - Where REST API access is held.
      - V(group) is the membership of O(access_group), a user group that holds REST API access. Works on every
        published Jama Connect release.
      - V(access_list) is the organization's REST API access list, users and groups, through endpoints no published
        Jama Connect release serves (the bundled simulator serves them when started with C(--access-list-api)).
    type: str
    choices: [group, access_list]
    default: group
"""
