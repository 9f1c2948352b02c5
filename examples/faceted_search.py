#!/usr/bin/env python3
"""Builds an index of the sample listing with trove's Python module, runs one
faceted query and prints the hits and the facet counts.

    python3 examples/faceted_search.py INDEX [QUERY...]

INDEX is (re)built from corpus/trafficking.txt; QUERY defaults to
"referral". Needs the module: `cmake --install build` (or
PYTHONPATH=build/python for the build tree).
"""

import pathlib
import sys

import trove

SAMPLE = pathlib.Path(__file__).resolve().parent.parent / "corpus" / "trafficking.txt"
FACETS = ["country", "region", "year"]


def build_index(path):
    """Rebuilds the index at `path` from the sample; returns what ingest did."""
    # rebuild=True writes a new generation that replaces the old one when the
    # `with` block ends without an exception.
    with trove.IndexWriter.open(path, rebuild=True) as writer:
        return trove.ingest(writer, [SAMPLE],
                            on_error=lambda problem: print(problem, file=sys.stderr))


def main(argv):
    if len(argv) < 2:
        print("usage: faceted_search.py INDEX [QUERY...]", file=sys.stderr)
        return 2
    query = " ".join(argv[2:]) or "referral"
    try:
        stats = build_index(argv[1])
        print(f"indexed {stats.read} records from {SAMPLE.name}, {stats.rejected} rejected")
        searcher = trove.Searcher.open(argv[1])
        result = searcher.search(query, facets=FACETS, limit=5)
    except trove.QueryError as e:
        print(f"faceted_search.py: bad query: {e}", file=sys.stderr)
        return 1
    except trove.Error as e:
        print(f"faceted_search.py: {e}", file=sys.stderr)
        return 1
    print(f"trove {trove.__version__}: {result.total} hits for {query}")
    # Malformed text (an unclosed quote, say) is answered as reinterpreted;
    # the notes say how. strict=True would raise QueryError instead.
    for note in result.notes:
        print(f"note: {note}")
    for hit in result.hits:
        year = f" ({hit.record.year})" if hit.record.year is not None else ""
        print(f"{hit.rank}. {hit.record.title}{year}")
    for facet in FACETS:
        counts = " ".join(f"{value}={count}" for value, count in result.facets[facet])
        print(f"{facet}: {counts}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
