# Copyright: Contributors to the jama.connect collection
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""playbooks/audit.yml end to end: the Markdown and CSV reports it writes hold exactly what the simulator's state says.

Each row expected (username, id, license, active, can use the API, why not) is derived from /__sim/state; the report says
what it counted (the access group's members) and what it cannot see; the playbook writes nothing to Jama and prints no token.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

from jama_harness.seeds import ADMIN_CLIENT
from jama_harness.observed import observe
from jama_harness.audit import (
    FORMULA_NAME, ODD_NAME, assert_no_token, audit_seed, group_from_state, reasons_from_state, writes,
)

AUDIT = Path(__file__).resolve().parents[2] / "playbooks" / "audit.yml"
# As the README runs it: by name, from the installed collection, templates and all.
AUDIT_BY_NAME = "- ansible.builtin.import_playbook: jama.connect.audit\n"
SUMMARY = "Summarize REST API access"
CELL_SEPARATOR = re.compile(r"(?<!\\)\|")


def run_audit(run_playbook, simulator, tmp_path, args=("-vvv",), minted=True, playbook=AUDIT, **extra_vars):
    variables = dict(jama_allow_http=True, jama_audit_markdown=str(tmp_path / "audit.md"), jama_audit_csv=str(tmp_path / "audit.csv"))
    variables.update(extra_vars)
    env = dict(JAMA_URL=simulator.base_url, JAMA_CLIENT_ID=ADMIN_CLIENT["client_id"],
               JAMA_CLIENT_SECRET=ADMIN_CLIENT["client_secret"])
    seen = observe(simulator, lambda: run_playbook(str(playbook), extra_vars=variables, env=env, args=args), with_state=False)
    run, traffic = seen.outcome, seen.traffic
    assert_no_token(simulator, run, minted)
    return run, traffic


def expected_rows(state, usernames, yes="yes", no="no"):
    """One report row per user, sorted by username as the report sorts them, from the simulator's state."""
    by_name = dict((user["username"], user) for user in state["users"])
    rows = []
    for name in sorted(usernames, key=str.lower):
        user, reasons = by_name[name], reasons_from_state(by_name[name])
        row = [name, str(user["id"]), user["licenseType"], yes if user["active"] else no, no if reasons else yes, "; ".join(reasons)]
        rows.append(row)
    return rows


def markdown_table(path):
    """The header and rows of the report's one Markdown table, cells unescaped."""
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("|")]
    cells = [[cell.strip().replace("\\|", "|").replace("\\\\", "\\") for cell in CELL_SEPARATOR.split(line)[1:-1]] for line in lines]
    assert set("".join(cells[1])) == {"-"}, "the second table line is not the separator"
    return cells[0], cells[2:]


def csv_table(path):
    with open(path, newline="", encoding="utf-8") as stream:
        rows = list(csv.reader(stream))
    return rows[0], rows[1:]


class TestTheAccessGroup:
    def test_reports_and_summary_match_the_simulator(self, run_playbook, sim, tmp_path):
        sim.control.reset(seed=audit_seed())
        run, traffic = run_audit(run_playbook, sim, tmp_path, playbook=AUDIT_BY_NAME)
        assert run.rc == 0, run.describe()
        state = sim.control.state()
        members = group_from_state(state, "REST API Users")["members"]

        header, rows = markdown_table(tmp_path / "audit.md")
        assert header == ["Username", "ID", "License", "Active", "Can use the API", "Why not"]
        assert rows == expected_rows(state, members)
        markdown = (tmp_path / "audit.md").read_text(encoding="utf-8")
        group_id = group_from_state(state, "REST API Users")["id"]
        assert "- Counted: the members of the access group REST API Users (id %d):\n  %d, of whom" % (group_id, len(members)) in markdown
        assert "- Not seen: users and groups an admin put on the REST API list directly in the Jama UI" in markdown
        assert "holding access" not in markdown and "the group listed in" not in markdown
        assert "o\"neil\\|ops,x" in markdown

        header, rows = csv_table(tmp_path / "audit.csv")
        assert header == ["username", "id", "license", "active", "can_use_api", "why_not"]
        expected = expected_rows(state, members, yes="true", no="false")
        for row in expected:
            row[0] = "'" + row[0] if row[0] == FORMULA_NAME else row[0]
        assert rows == expected
        assert ODD_NAME in [row[0] for row in rows] and "'" + FORMULA_NAME in [row[0] for row in rows]

        summary = run.task(SUMMARY)["result"]["msg"]
        cannot = sorted(name for name in members if reasons_from_state(next(u for u in state["users"] if u["username"] == name)))
        assert summary[0] == "REST API access at %s: members of access group REST API Users (id %d)" % (sim.base_url, group_id)
        assert summary[1] == "counted: %d member(s) of REST API Users, %d of them cannot use the API: %s" % (
            len(members), len(cannot), ", ".join(cannot))
        assert summary[2].startswith("not seen: users and groups put on the REST API list directly in the Jama UI")
        assert summary[3] == "reports: %s, %s" % (tmp_path / "audit.md", tmp_path / "audit.csv")
        assert writes(traffic) == {}
        assert not any("/restapiaccess" in route for route in traffic)

    def test_check_mode_reads_but_writes_no_report(self, run_playbook, sim, tmp_path):
        run, traffic = run_audit(run_playbook, sim, tmp_path, args=("--check",))
        assert run.rc == 0, run.describe()
        assert not (tmp_path / "audit.md").exists() and not (tmp_path / "audit.csv").exists()
        assert run.task(SUMMARY)["result"]["msg"][3].endswith("(not written in check mode)")
        assert writes(traffic) == {}

    def test_a_relative_report_path_is_refused_before_any_request(self, run_playbook, sim, tmp_path):
        run, traffic = run_audit(run_playbook, sim, tmp_path, args=(), minted=False, jama_audit_csv="audit.csv")
        assert run.rc != 0 and traffic == {}
        assert "jama_audit_csv must be an absolute path or start with ~, not audit.csv" in run.output
        assert not (tmp_path / "audit.md").exists()
