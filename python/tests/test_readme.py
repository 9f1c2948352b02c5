"""The README's Python example runs as written, with the output it implies."""

import os
import subprocess
import sys

from conftest import LEBANON, SOURCE_DIR


def readme_example():
    text = (SOURCE_DIR / "README.md").read_text()
    start = text.index("```python\n") + len("```python\n")
    return text[start:text.index("```\n", start)]


def test_the_readme_example_runs(tmp_path):
    # As from the repository root: corpus/ beside the new trove-index/.
    (tmp_path / "corpus").symlink_to(SOURCE_DIR / "corpus")
    r = subprocess.run([sys.executable, "-c", readme_example()], cwd=tmp_path, env=os.environ,
                       capture_output=True, text=True, check=False)
    assert (r.returncode, r.stderr) == (0, "")
    lines = r.stdout.splitlines()
    assert lines[:3] == ["added 10, rejected 0", "1 hits", f"1. {LEBANON} (2013)"]
    assert "[Referral]" in lines[3]
    assert lines[4:] == ["  Worldwide: 3", "  Middle East: 1", "  North Africa: 1"]
