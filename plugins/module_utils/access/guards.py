# -*- coding: utf-8 -*-
# Copyright: Contributors to the jama.connect collection
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# Internal to the jama.connect collection: not a public API, may change without notice.

"""A brake on membership changes that do harm when the input is wrong: an exclusive list that came back short."""

from ansible_collections.jama.connect.plugins.module_utils.rest.errors import JamaError


class TooManyRemovals(JamaError):
    """The plan removes more members than max_removals allows; raised before any write."""


def removal_problems(params):
    """What is wrong with max_removals, found before any request."""
    limit = params.get("max_removals")
    if limit is not None and limit < 0:
        return ["max_removals must be 0 or more, not %d (leave it out for no limit)" % limit]
    return []


def refuse_many_removals(count, limit, what):
    """Fail when a plan would remove ``count`` of ``what`` (for example "member(s) of REST API Users") and ``limit`` is lower.

    An exclusive list fed from elsewhere (a directory query, a file) that comes back short would otherwise revoke everyone
    missing from it at once.
    """
    if limit is not None and count > limit:
        raise TooManyRemovals(
            "This run would remove %d %s, more than max_removals=%d allows, so nothing was changed" % (count, what, limit),
            hint="Check the list this run was given; raise max_removals, or leave it out, if the removals are intended")
