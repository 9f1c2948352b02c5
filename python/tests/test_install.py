"""`cmake --install` puts a package that imports and finds its libtrove
through a relative RUNPATH, wherever the prefix is."""

import os
import pathlib
import subprocess
import sys

import pytest

from conftest import SAMPLE

BINARY_DIR = os.environ.get("TROVE_BINARY_DIR")
pytestmark = pytest.mark.skipif(
    os.environ.get("TROVE_INSTALL") != "ON" or not BINARY_DIR,
    reason="run by ctest in a build with TROVE_INSTALL")

CHECK = """
import sys, trove
with trove.IndexWriter.open(sys.argv[1]) as writer:
    trove.ingest(writer, sys.argv[2])
print(trove.__file__)
print(trove.Searcher.open(sys.argv[1]).search("referral").total)
print(*sorted({line.split()[-1] for line in open("/proc/self/maps") if "libtrove" in line}))
"""


def test_the_installed_package_imports_and_uses_the_installed_library(tmp_path):
    prefix = tmp_path / "prefix"
    for component in ("trove_runtime", "trove_python"):
        subprocess.run([os.environ["TROVE_CMAKE"], "--install", BINARY_DIR, "--prefix", prefix,
                        "--component", component], check=True, stdout=subprocess.DEVNULL)
    site = prefix / os.environ["TROVE_PYTHON_INSTALL_DIR"]
    package = site / "trove"
    assert sorted(p.name for p in package.iterdir() if not p.name.startswith("_trove.")) == [
        "__init__.py", "__init__.pyi", "py.typed"]
    assert len(list(package.glob("_trove.*.so"))) == 1
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "PYTHONPATH": str(site)}
    # Run elsewhere than the build tree, whose package `-c` would find first.
    r = subprocess.run([sys.executable, "-c", CHECK, tmp_path / "index", SAMPLE], env=env,
                       cwd=tmp_path, capture_output=True, text=True, check=False)
    assert r.stderr == ""
    module, total, libraries = r.stdout.splitlines()
    assert pathlib.Path(module) == package / "__init__.py"
    assert total == "4"
    libraries = libraries.split()
    assert len(libraries) == 1 and pathlib.Path(libraries[0]).is_relative_to(prefix)
