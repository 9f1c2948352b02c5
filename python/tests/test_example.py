"""examples/faceted_search.py builds the sample index and prints the facets."""

import os
import subprocess
import sys

from conftest import AFTER_NRM, HOPE, LEBANON, SOURCE_DIR, WAY_FORWARD

EXAMPLE = SOURCE_DIR / "examples" / "faceted_search.py"


def run(*args):
    return subprocess.run([sys.executable, str(EXAMPLE), *args], capture_output=True,
                          text=True, env=os.environ, check=False)


def test_the_example_prints_the_hits_and_facet_counts(tmp_path):
    db = str(tmp_path / "index")
    for _ in range(2):  # and rebuilds the index when run again
        r = run(db)
        assert (r.returncode, r.stderr) == (0, "")
        lines = r.stdout.splitlines()
        assert lines[0] == "indexed 10 records from trafficking.txt, 0 rejected"
        assert lines[1].endswith(": 4 hits for referral")
        assert {line.split(". ", 1)[1] for line in lines[2:6]} == {
            f"{WAY_FORWARD} (2012)", f"{LEBANON} (2013)", f"{AFTER_NRM} (2018)",
            f"{HOPE} (2020)"}
        assert lines[6:] == ["country: Worldwide=3 Lebanon=1",
                             "region: Worldwide=3 Middle East=1 North Africa=1",
                             "year: 2012=1 2013=1 2018=1 2020=1"]


def test_the_example_prints_what_it_made_of_a_malformed_query(tmp_path):
    r = run(str(tmp_path / "index"), '"referral')
    assert (r.returncode, r.stderr) == (0, "")
    lines = r.stdout.splitlines()
    assert lines[1].endswith(': 4 hits for "referral')
    assert lines[2] == ("note: the quote at column 1 has no closing quote: "
                        "searched as a phrase to the end")


def test_the_example_reports_a_bad_query(tmp_path):
    r = run(str(tmp_path / "index"), "(" * 65 + "x" + ")" * 65)
    assert r.returncode == 1
    assert r.stderr == ("faceted_search.py: bad query: parentheses nested more than 64 deep: "
                        "the '(' at column 65\n")
    assert run().returncode == 2
