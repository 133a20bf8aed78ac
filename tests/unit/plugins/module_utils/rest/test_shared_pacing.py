# Copyright: Contributors to the jama.connect collection
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The shared budget: several processes (here pacers with their own pids) on one state file, with a fake clock."""

import json
import os
import time

import pytest

from ansible_collections.jama.connect.tests.unit.plugins.module_utils.rest.fake_time import FakeTime
from ansible_collections.jama.connect.plugins.module_utils.rest import pace_file, pacing

URL = "https://jama.example.com/contour"


@pytest.fixture
def fake():
    return FakeTime(5000.0)


@pytest.fixture
def path(tmp_path):
    return str(tmp_path / "budget.pace")


def pacer(path, fake, pid, rate=10, dead=()):
    return pacing.SharedPacer(rate, path, clock=fake.clock, sleep=fake.sleep, pid=pid, alive=lambda p: p not in dead)


def exchange(one, fake, latency=0.001):
    """One request: take a place, spend ``latency`` on the way, count it from its response; its arrival time."""
    one.before_send()
    fake.now += latency
    arrival = fake.now
    fake.now += latency
    one.after_response()
    return arrival


def most_in_any_window(arrivals, window=1.0):
    arrivals = sorted(arrivals)
    return max(sum(1 for other in arrivals if start <= other < start + window) for start in arrivals)


class TestTwoProcessesShareOneBudget:
    def test_together_they_never_exceed_the_rate_in_any_window(self, path, fake):
        first, second = pacer(path, fake, 101), pacer(path, fake, 202)
        arrivals = [exchange(first if index % 2 else second, fake) for index in range(60)]
        assert most_in_any_window(arrivals) == 10
        # and the pair keeps close to the rate: 60 requests in about 6 windows, not 3
        assert 5.0 <= arrivals[-1] - arrivals[0] <= 6.0 * (1 + pacing.PACING_SLACK) + 0.2

    def test_a_burst_up_to_the_rate_goes_out_at_once_and_the_other_process_then_waits(self, path, fake):
        first, second = pacer(path, fake, 101), pacer(path, fake, 202)
        for dummy in range(10):
            exchange(first, fake)
        assert fake.sleeps == []
        started = fake.now
        exchange(second, fake)
        assert fake.sleeps and fake.now - started >= 0.9
        assert second.waited == pytest.approx(sum(fake.sleeps))

    def test_a_request_waiting_for_its_response_holds_its_place_for_every_process(self, path, fake):
        slow, other = pacer(path, fake, 101, rate=1), pacer(path, fake, 202, rate=1)
        slow.before_send()
        fake.now += 3.0  # still no response: the other process must not send meanwhile
        sent = []
        real_sleep = other._sleep

        def sleep_then_answer(seconds):
            real_sleep(seconds)
            if fake.now >= 5004.0 and not sent:
                slow.after_response()
                sent.append(fake.now)
        other._sleep = sleep_then_answer
        other.before_send()
        assert sent and fake.now >= sent[0] + 1.0

    def test_each_keeps_its_own_rate_within_the_shared_window(self, path, fake):
        fast, slow = pacer(path, fake, 101, rate=10), pacer(path, fake, 202, rate=2)
        for dummy in range(2):
            exchange(fast, fake)
        started = fake.now
        exchange(slow, fake)  # two places of the window are taken: the rate-2 process waits for one
        assert fake.now - started >= 0.9


class TestReportForVerboseOutput:
    def test_a_process_alone_reports_nothing(self, path, fake):
        alone = pacer(path, fake, 101)
        exchange(alone, fake)
        assert alone.report() is None

    def test_a_process_that_met_another_says_so(self, path, fake):
        first, second = pacer(path, fake, 101), pacer(path, fake, 202)
        exchange(first, fake)
        exchange(second, fake)
        report = second.report()
        assert report["shared"] is True and report["other_processes"] == 1 and report["rate_limit"] == 10

    def test_requests_older_than_the_window_do_not_count_as_sharing(self, path, fake):
        first, second = pacer(path, fake, 101), pacer(path, fake, 202)
        exchange(first, fake)
        fake.now += 5.0
        exchange(second, fake)
        assert second.report() is None


class TestStateThatCannotBeTrusted:
    @pytest.mark.parametrize("content", [b"\x00\xffnot json", b'{"format": 1, "slots": [["x", 1, 0, 1]]}', b"[]",
                                         b'{"format": 99, "slots": []}', b'{"format": 1, "slots": [[1, 2, 3]]}'])
    def test_a_corrupt_file_is_reset_and_the_request_goes_out_at_once(self, path, fake, content):
        with open(path, "wb") as handle:
            handle.write(content)
        one = pacer(path, fake, 101)
        exchange(one, fake)
        assert fake.sleeps == [] and one.file.resets == 1
        with open(path, "rb") as handle:
            assert json.loads(handle.read())["slots"][0][pacing.PID] == 101

    def test_readings_from_before_a_reboot_reset_the_budget(self, path, fake):
        # The monotonic clock restarts at boot: a full window written "in the future" is from an older boot.
        with open(path, "wb") as handle:
            handle.write(pace_file.encode([[fake.now + 3600.0, 7, 0, 1]] * 10))
        one = pacer(path, fake, 101)
        exchange(one, fake)
        assert fake.sleeps == [] and one.file.resets == 1

    def test_the_tail_left_by_an_interrupted_rewrite_is_ignored(self, path, fake):
        with open(path, "wb") as handle:
            handle.write(pace_file.encode([[fake.now, 7, 0, 1]]) + b'0,0,1],[4999.0,7,0,2]]}\n')
        one = pacer(path, fake, 101, rate=2)
        exchange(one, fake)
        assert fake.sleeps == [] and one.file.resets == 0
        exchange(one, fake)
        assert fake.sleeps  # the first line's slot and this run's first request fill the window of 2

    def test_an_unusable_file_makes_the_process_pace_alone_rather_than_stop(self, tmp_path, fake):
        missing = str(tmp_path / "gone" / "budget.pace")
        one = pacer(missing, fake, 101)
        for dummy in range(11):
            exchange(one, fake)
        assert isinstance(one._local, pacing.RequestPacer)  # pylint: disable=protected-access
        assert len(fake.sleeps) == 1  # still paced: the 11th request waited


class TestProcessesThatAreGone:
    def test_a_killed_process_request_counts_from_when_it_was_found_gone_then_frees_its_place(self, path, fake):
        killed = pacer(path, fake, 666, rate=1)
        killed.before_send()  # killed before the response: its slot stays pending
        fake.now += 30.0
        survivor = pacer(path, fake, 101, rate=1, dead={666})
        started = fake.now
        exchange(survivor, fake)
        # counted from the moment it was found dead, as the request may have reached Jama just before
        assert 1.0 <= fake.now - started <= 1.1

    def test_a_pending_place_older_than_any_request_can_take_is_dropped(self, path, fake):
        stuck = pacer(path, fake, 666, rate=1)
        stuck.before_send()
        fake.now += pacing.PENDING_LIMIT
        other = pacer(path, fake, 101, rate=1)  # 666 looks alive: a reused pid
        exchange(other, fake)
        assert fake.sleeps == []


class TestPacerFor:
    def test_the_system_clock_shares_one_budget_per_instance(self, tmp_path):
        shared = pacing.pacer_for(URL, 10, directory=str(tmp_path / "pace"))
        same = pacing.pacer_for("HTTPS://Jama.Example.com/contour/", 10, directory=str(tmp_path / "pace"))
        other = pacing.pacer_for("https://jama.example.com/other", 10, directory=str(tmp_path / "pace"))
        assert isinstance(shared, pacing.SharedPacer)
        assert shared.file.path == same.file.path != other.file.path
        assert oct(os.stat(str(tmp_path / "pace")).st_mode & 0o777) == oct(0o700)

    def test_another_clock_cannot_be_shared_so_it_paces_alone(self, tmp_path, fake):
        assert isinstance(pacing.pacer_for(URL, 10, clock=fake.clock, directory=str(tmp_path)), pacing.RequestPacer)
        assert not os.listdir(str(tmp_path))

    def test_rate_limit_zero_turns_pacing_off(self, tmp_path):
        off = pacing.pacer_for(URL, 0, directory=str(tmp_path / "pace"))
        assert isinstance(off, pacing.RequestPacer) and off.per_window == 0
        assert not (tmp_path / "pace").exists()

    def test_a_directory_others_can_enter_is_not_used(self, tmp_path):
        open_dir = tmp_path / "open"
        open_dir.mkdir()
        open_dir.chmod(0o777)
        assert isinstance(pacing.pacer_for(URL, 10, directory=str(open_dir)), pacing.RequestPacer)

    def test_the_runtime_directory_is_preferred_to_the_temp_dir(self, tmp_path):
        assert pace_file.default_directory({"XDG_RUNTIME_DIR": str(tmp_path)}).startswith(str(tmp_path))
        assert str(os.getuid()) in pace_file.default_directory({})

    def test_jama_pace_dir_names_a_directory_that_containers_share(self, tmp_path):
        shared = str(tmp_path / "shared")
        assert pace_file.default_directory({"JAMA_PACE_DIR": shared, "XDG_RUNTIME_DIR": str(tmp_path)}) == shared

    def test_state_files_of_instances_unused_for_a_day_are_forgotten(self, tmp_path):
        old = tmp_path / "old.pace"
        old.write_bytes(b"")
        os.utime(str(old), (time.time() - 2 * pace_file.FORGET_AFTER,) * 2)
        pace_file.forget_old_files(str(tmp_path))
        assert not old.exists()
