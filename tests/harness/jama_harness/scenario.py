# Copyright: Contributors to the jama.connect collection
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""A scenario: steps of one module on one simulator, no reset between them, each asserted on the state right after it.

    run = (Scenario(sim)
           .step("grant", users=["svc-ci"])
           .step("rerun", users=["svc-ci"])
           .run(module_cases))            # or .run(run_playbook): the same steps in one play
    # run: Outcomes, {step name: CaseResult}
    assert run["grant"].changed and not run["rerun"].writes()

A step is a ``Case`` named ``step: <name>`` that neither resets the simulator nor clears its faults,
so faults and config a test set up before the scenario are met by its first step.
"""

from __future__ import annotations

from .cases import Case, Outcomes
from .drivers import ModuleDriver, PlayDriver
from .seeds import ADMIN_CLIENT, CLIENT_SECRETS, REST_ACCESS
from .state import leaked

STEP_PREFIX = "step: "


def driver_of(runner, env=None, args=(), timeout=180):
    """A driver as given, or a PlayDriver around a ``run_playbook`` callable."""
    if isinstance(runner, (PlayDriver, ModuleDriver)):
        return runner
    return PlayDriver(runner, env=env, args=args, timeout=timeout)


class Scenario:
    """Steps of ``module``, each with the connection to ``simulator`` and ``defaults`` under its own options."""

    def __init__(self, simulator, credentials=None, module=REST_ACCESS, **defaults):
        self.simulator = simulator
        self.credentials = dict(credentials or ADMIN_CLIENT)
        self.module = module
        self.defaults = defaults
        self.cases = []

    def step(self, step_name, check=False, diff=False, **options):
        """Add one step; ``options`` are the module's (``name`` among them, for modules that take one)."""
        arguments = dict(url=self.simulator.base_url, allow_http=True, **self.credentials)
        arguments.update(self.defaults)
        arguments.update(options)
        self.cases.append(Case(STEP_PREFIX + step_name, arguments, module=self.module, check=check, diff=diff,
                               reset=False, clear_faults=False))
        return self

    def run(self, runner, env=None, args=(), timeout=180):
        """Run the steps with a driver (or ``run_playbook``); no client secret may appear in what was printed."""
        outcomes = driver_of(runner, env=env, args=args, timeout=timeout).run(self.simulator, self.cases)
        assert not leaked(outcomes.output, CLIENT_SECRETS), "a client secret appeared in the output"
        return Outcomes(outcomes.values(), outcomes.output, outcomes.run, name_of=_step_name)


def _step_name(result):
    return result.case.name[len(STEP_PREFIX):]


def run_access(runner, simulator, check=False, diff=False, credentials=None, timeout=180, **options):
    """Run one jama_rest_access step alone and return its CaseResult."""
    return Scenario(simulator, credentials).step("access", check=check, diff=diff, **options).run(runner, timeout=timeout)["access"]
