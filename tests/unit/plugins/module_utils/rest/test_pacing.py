# Copyright: Contributors to the jama.connect collection
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""RequestPacer: one process alone under Jama's per-second throttle."""

from ansible_collections.jama.connect.tests.unit.plugins.module_utils.rest.fake_time import FakeTime
from ansible_collections.jama.connect.plugins.module_utils.rest import pacing


def sends(pacer, fake, count, gap=0.0):
    times = []
    for dummy in range(count):
        pacer.before_send()
        times.append(fake.now)
        fake.now += gap
    return times


class TestRequestPacer:
    def test_a_burst_up_to_the_rate_goes_out_at_once(self):
        fake = FakeTime()
        sends(pacing.RequestPacer(10, clock=fake.clock, sleep=fake.sleep), fake, 10)
        assert fake.sleeps == []

    def test_no_window_of_jamas_length_holds_more_than_the_rate(self):
        fake = FakeTime()
        times = sends(pacing.RequestPacer(10, clock=fake.clock, sleep=fake.sleep), fake, 109, gap=0.001)
        for index in range(len(times) - 10):
            assert times[index + 10] - times[index] >= 1.0
        # and it keeps close to the rate: 109 requests in about 10 windows
        assert 10.0 <= times[-1] - times[0] <= 10.0 * (1 + pacing.PACING_SLACK) + 0.2

    def test_a_request_counts_from_its_answer_so_a_slow_one_cannot_crowd_the_next_window(self):
        # The first request spends 0.3 s on its way to Jama (a loaded machine, a proxy), the others 1 ms.
        # Counted from the send, the 11th would go 1 s after the first left and arrive 0.7 s after the
        # first arrived: the 11th request of Jama's window, answered 429.
        fake = FakeTime()
        pacer = pacing.RequestPacer(10, clock=fake.clock, sleep=fake.sleep)
        arrivals = []
        for index in range(31):
            pacer.before_send()
            fake.now += 0.3 if index % 10 == 0 else 0.001
            arrivals.append(fake.now)
            fake.now += 0.001
            pacer.after_response()
        for index in range(len(arrivals) - 10):
            assert arrivals[index + 10] - arrivals[index] >= 1.0

    def test_counting_from_the_answer_keeps_close_to_the_rate(self):
        fake = FakeTime()
        pacer = pacing.RequestPacer(10, clock=fake.clock, sleep=fake.sleep)
        started = fake.now
        for dummy in range(109):
            pacer.before_send()
            fake.now += 0.005  # a quick exchange
            pacer.after_response()
        # 10 windows, each a second plus the slack and the first answer's 5 ms: within 2% of 10 s
        assert 10.0 <= fake.now - started <= 10.2

    def test_an_answer_never_moves_a_count_back(self):
        fake = FakeTime()
        pacer = pacing.RequestPacer(10, clock=fake.clock, sleep=fake.sleep)
        pacer.after_response()  # nothing sent yet: nothing to count
        pacer.before_send()
        sent = fake.now
        fake.now -= 0.5  # a clock read out of order must not shorten the wait
        pacer.after_response()
        assert list(pacer._sent) == [sent]  # pylint: disable=protected-access

    def test_a_rate_below_one_spaces_single_requests(self):
        fake = FakeTime()
        times = sends(pacing.RequestPacer(0.5, clock=fake.clock, sleep=fake.sleep), fake, 3)
        assert times[1] - times[0] >= 2.0 and times[2] - times[1] >= 2.0

    def test_zero_turns_pacing_off(self):
        fake = FakeTime()
        sends(pacing.RequestPacer(0, clock=fake.clock, sleep=fake.sleep), fake, 1000)
        assert fake.sleeps == []
