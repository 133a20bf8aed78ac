"""A Jama Connect simulator: a real HTTP server serving the REST API subset this collection uses.

Test tooling only; see tests/simulator/README.md. The /__sim/ endpoints are not part of Jama.
"""

from .client import SimControl, SimControlError
from .errors import SeedError
from .seed import DEMO_SEED, load_seed
from .simulator import Simulator

__all__ = ["DEMO_SEED", "SeedError", "SimControl", "SimControlError", "Simulator", "load_seed"]
