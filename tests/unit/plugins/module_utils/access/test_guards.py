# -*- coding: utf-8 -*-
# Copyright: Contributors to the jama.connect collection
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.jama.connect.plugins.module_utils.access.guards import (
    TooManyRemovals,
    refuse_many_removals,
    removal_problems,
)


class TestRefuseManyRemovals:
    def test_more_than_the_limit_fails_naming_the_count_and_the_option(self):
        with pytest.raises(TooManyRemovals) as caught:
            refuse_many_removals(5, 3, "member(s) of G")
        assert "would remove 5 member(s) of G, more than max_removals=3 allows, so nothing was changed" in str(caught.value)

    @pytest.mark.parametrize("count, limit", [(3, 3), (0, 0), (500, None)])
    def test_up_to_the_limit_or_without_one_passes(self, count, limit):
        refuse_many_removals(count, limit, "member(s) of G")

    def test_a_negative_limit_is_a_problem(self):
        assert removal_problems({"max_removals": -1}) and removal_problems({"max_removals": 0}) == []
