# -*- coding: utf-8 -*-
# Copyright: Contributors to the jama.connect collection
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What ``--diff`` prints for jama_rest_access, jama_user_group and jama_user, through Ansible's own diff callback.

A dict diff is printed as ASCII-escaped JSON (j\\u00fcrgen) with a comma after every list item but the
last, so that appending to a list reads as the old last item removed. The modules return text, one
name or field a line; these tests read what ansible-playbook printed.
"""

from __future__ import annotations

import re

import pytest
from jama_harness.scenario import Scenario
from jama_harness.seeds import ACCESS_GROUP, small_seed

JURGEN = "j\u00fcrgen.m\u00fcller"


def seed():
    people = [{"username": JURGEN, "firstName": "J\u00fcrgen", "lastName": "M\u00fcller", "email": "jm@example.com",
               "title": "Pr\u00fcfer"}]
    people += [{"username": name} for name in ("user028", "user029", "user030")]
    return small_seed(people, groups={ACCESS_GROUP: ["user028", "user029"], "Pr\u00fcfung": ["user028"]})


def diff_block(stdout, header):
    """The unified diff the callback printed under ``--- before: <header>``, up to the next blank line."""
    match = re.search(r"^--- before: %s\n\+\+\+ after: %s\n(.*?)\n\n" % (re.escape(header), re.escape(header)), stdout,
                      re.S | re.M)
    assert match, "no diff for %r in:\n%s" % (header, stdout)
    return match.group(1).splitlines()


def changed_lines(block):
    return [line for line in block if line[:1] in "+-" and not line.startswith(("+++", "---"))]


@pytest.fixture
def printed(run_playbook, sim):
    sim.control.reset(seed=seed())
    scenario = (Scenario(sim)
                .step("grant", diff=True, users=["user030", JURGEN])
                .step("group", diff=True, name="Pr\u00fcfung", members=[JURGEN])
                .step("user", diff=True, username=JURGEN, title="Leiterin Pr\u00fcfung"))
    # One play for the three modules: each step names its own.
    scenario.cases[1].module, scenario.cases[2].module = "jama.connect.jama_user_group", "jama.connect.jama_user"
    run = scenario.run(run_playbook)
    assert run.run.rc == 0, run.run.describe()
    return run


def test_names_print_as_they_are(printed):
    stdout = printed.run.stdout
    assert "\\u00fc" not in stdout and JURGEN in stdout


def test_a_grant_shows_only_the_added_names(printed):
    block = diff_block(printed.run.stdout, "members of access group " + ACCESS_GROUP)
    assert changed_lines(block) == ["+" + JURGEN, "+user030"]
    assert " user029" in block, "the old last member reads as unchanged"
    assert group_state(printed["grant"], ACCESS_GROUP) == {"user028", "user029", "user030", JURGEN}


def test_a_group_diff_shows_the_new_member(printed):
    block = diff_block(printed.run.stdout, "group Pr\u00fcfung")
    assert changed_lines(block) == ["+member: " + JURGEN]


def test_a_user_diff_shows_the_changed_field_only(printed):
    block = diff_block(printed.run.stdout, "user " + JURGEN)
    assert changed_lines(block) == ["-title: Pr\u00fcfer", "+title: Leiterin Pr\u00fcfung"]
    assert "password" not in "\n".join(block)


def group_state(step, name):
    return set(next(group for group in step.state["groups"] if group["name"] == name)["members"])
