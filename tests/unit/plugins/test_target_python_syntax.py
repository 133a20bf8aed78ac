# Copyright: Contributors to the jama.connect collection
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Modules and module_utils run on the managed node's Python, 3.9 and later (tests/config.yml).

ansible-test's compile test covers only the Python versions installed beside it; this parses every
file that ships to a target with the 3.9 grammar, so newer syntax is caught on any machine.
"""

import ast
from pathlib import Path

import pytest

PLUGINS = Path(__file__).resolve().parents[3] / "plugins"
TARGET_FILES = sorted(PLUGINS.glob("modules/*.py")) + sorted(PLUGINS.glob("module_utils/**/*.py"))


def test_there_are_target_files_to_check():
    assert len(TARGET_FILES) >= 5


@pytest.mark.parametrize("path", TARGET_FILES, ids=lambda path: path.name)
def test_parses_with_the_python_3_9_grammar(path):
    ast.parse(path.read_text(encoding="utf-8"), filename=str(path), feature_version=(3, 9))


def test_newer_syntax_would_be_caught():
    with pytest.raises(SyntaxError):
        ast.parse("match x:\n    case 1:\n        pass\n", feature_version=(3, 9))
