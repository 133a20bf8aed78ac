# Copyright: Contributors to the jama.connect collection
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""docs/design.md draws module_utils as the tree has it: every layer and file, no more and no fewer."""

import pathlib
import re

ROOT = pathlib.Path(__file__).resolve().parents[3]
MODULE_UTILS = ROOT / "plugins" / "module_utils"
DESIGN = ROOT / "docs" / "design.md"
# Imports run one way: a layer may import only the layers after it in this list.
LAYERS = ["access", "jama", "auth", "rest"]


def drawn_files():
    """{path relative to module_utils} named in design.md's layers block, below its plugins/module_utils/ line."""
    block = DESIGN.read_text(encoding="utf-8").split("## Layers", 1)[1].split("```")[1]
    lines = block.splitlines()
    start = next(index for index, line in enumerate(lines) if line.startswith("plugins/module_utils/"))
    files, package = set(), None
    for line in lines[start + 1:]:
        if not line.startswith("  "):
            break
        first_column = line.strip().split("  ")[0]
        if re.match(r"^  [a-z_]+/", line):
            package = first_column.rstrip("/")
        elif line.startswith("    "):
            files.update("%s/%s" % (package, name) for name in re.findall(r"[a-z_]+\.py", first_column))
        else:
            files.update(re.findall(r"[a-z_]+\.py", first_column))
    return files


def tree_files():
    return set(str(path.relative_to(MODULE_UTILS)) for path in MODULE_UTILS.rglob("*.py") if path.name != "__init__.py")


class TestDesignTree:
    def test_the_design_document_names_exactly_the_files_of_module_utils(self):
        assert drawn_files() == tree_files()

    def test_module_utils_keeps_its_entry_points_few_and_its_layers_as_subpackages(self):
        top = [path.name for path in MODULE_UTILS.iterdir() if path.is_file()]
        packages = sorted(path.name for path in MODULE_UTILS.iterdir() if path.is_dir() and path.name != "__pycache__")
        assert len(top) <= 6 and packages == sorted(LAYERS)

    def test_imports_run_down_the_layers_only(self):
        upward = []
        for index, layer in enumerate(LAYERS):
            higher = LAYERS[:index] + ["connection", "module"]
            for path in (MODULE_UTILS / layer).glob("*.py"):
                for imported in re.findall(r"plugins\.module_utils\.([a-z_]+)", path.read_text(encoding="utf-8")):
                    if imported in higher:
                        upward.append("%s/%s imports %s" % (layer, path.name, imported))
        assert upward == []
