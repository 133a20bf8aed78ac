# Copyright: Contributors to the jama.connect collection
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Make ``ansible_collections.jama.connect`` importable when pytest runs straight from a checkout.

ansible-test, and a collection installed under ``ansible_collections/jama/connect``, need nothing:
the import already works. Otherwise a temporary symlink tree pointing at this checkout is put on
``sys.path`` for the test session.
"""

import importlib.util
import os
import shutil
import sys
import tempfile

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def _collection_importable():
    try:
        return importlib.util.find_spec("ansible_collections.jama.connect") is not None
    except ImportError:
        return False


def pytest_configure(config):
    if _collection_importable():
        return
    root = tempfile.mkdtemp(prefix="jama-connect-units-")
    namespace = os.path.join(root, "ansible_collections", "jama")
    os.makedirs(namespace)
    os.symlink(REPO_ROOT, os.path.join(namespace, "connect"))
    sys.path.insert(0, root)
    config.jama_collection_root = root


def pytest_unconfigure(config):
    root = getattr(config, "jama_collection_root", None)
    if root:
        # rmtree unlinks the symlink itself and never follows it into the checkout.
        shutil.rmtree(root, ignore_errors=True)
