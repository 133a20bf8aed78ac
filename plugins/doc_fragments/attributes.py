# -*- coding: utf-8 -*-
# Copyright: Contributors to the jama.connect collection
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)


class ModuleDocFragment:
    """Attribute descriptions shared by every jama.connect module; each module states its own support."""

    # Descriptions only: a module adds `support` (and `details`) under the same keys.
    DOCUMENTATION = r"""
options: {}
attributes:
  check_mode:
    description: Can run in check mode and return changed status prediction without modifying target.
  diff_mode:
    description: Will return details on what has changed (or possibly needs changing in check mode), when in diff mode.
  idempotent:
    description: When run twice in a row outside check mode, with the same arguments, the second invocation indicates no change.
"""

    ACTION_GROUP = r"""
options: {}
attributes:
  action_group:
    description: Use C(group/jama.connect.jama) in C(module_defaults) to set defaults for this module.
    support: full
    membership:
      - jama.connect.jama
"""

    # What every _info module supports: it reads, so check mode runs it as usual and nothing can differ.
    READ_ONLY = r"""
options: {}
attributes:
  check_mode:
    support: full
    details: Reads only, so check mode runs it as usual.
  diff_mode:
    support: none
    details: Changes nothing, so there is no diff.
  idempotent:
    support: full
    details: Reads only; the result never reports a change.
"""
