# Copyright: Contributors to the jama.connect collection
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

import email.utils

import pytest

from ansible_collections.jama.connect.plugins.module_utils.rest import retry


class TestBackoff:
    @pytest.mark.parametrize("attempt, expected", [(0, 1.0), (1, 2.0), (3, 8.0), (5, 30.0), (20, 30.0), (5000, 30.0)])
    def test_upper_bound_doubles_until_the_cap(self, attempt, expected):
        assert retry.backoff_delay(attempt, random=lambda: 1.0) == expected

    def test_full_jitter_scales_the_bound_by_the_random_draw(self):
        assert retry.backoff_delay(2, random=lambda: 0.25) == 1.0
        assert retry.backoff_delay(2, random=lambda: 0.0) == 0.0


class TestRetryAfter:
    def test_seconds(self):
        assert retry.parse_retry_after("7") == 7.0

    def test_http_date_counts_from_now(self):
        header = email.utils.formatdate(1_000_030, usegmt=True)
        assert retry.parse_retry_after(header, now=1_000_000) == 30.0

    def test_a_date_in_the_past_means_now(self):
        assert retry.parse_retry_after(email.utils.formatdate(1_000_000, usegmt=True), now=1_000_100) == 0.0

    @pytest.mark.parametrize("value", [None, "", "soon", "-3", "\u00b2", "\u0663", "1e9", "99999999999999", "Fri, 31 Dec 99999 23:59:59 GMT"])
    def test_unreadable_values_are_ignored(self, value):
        assert retry.parse_retry_after(value) is None


class TestWaitBudget:
    def test_backoff_is_clipped_to_what_is_left(self):
        budget = retry.WaitBudget(10)
        assert budget.next_wait(10, random=lambda: 1.0) == 10.0
        assert budget.next_wait(0, random=lambda: 1.0) is None

    def test_a_retry_after_beyond_the_budget_is_not_waited_at_all(self):
        budget = retry.WaitBudget(120)
        assert budget.next_wait(0, retry_after=300.0) is None
        assert budget.spent == 0.0

    def test_retry_afters_add_up_against_one_budget(self):
        budget = retry.WaitBudget(120)
        assert [budget.next_wait(n, retry_after=50.0) for n in range(3)] == [50.0, 50.0, None]

    def test_zero_means_no_retry(self):
        assert retry.WaitBudget(0).next_wait(0, random=lambda: 0.0) is None
