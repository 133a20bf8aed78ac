# -*- coding: utf-8 -*-
# Copyright: Contributors to the jama.connect collection
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)


class ModuleDocFragment:
    """The O(access_group) option of the modules that manage or read who holds REST API access."""

    DOCUMENTATION = r"""
options:
  access_group:
    description:
      - Name or id of the user group that holds REST API access. Granting a user adds it to this group, revoking
        removes it. This is Jama's recommended setup, on public v1 endpoints only, on every published Jama Connect release.
      - A value made only of digits names the group with that id and, only when there is none, the group with that
        name. A name that several groups carry (project groups may) is refused as ambiguous; give the id.
      - The group must exist, and an admin must have put it on the REST API list once, in the admin UI
        (Admin > Organization > REST API > Configure access control). No read can tell whether that was done.
        Create the group with M(jama.connect.jama_user_group) or in the admin UI.
    type: str
    default: REST API Users
"""
