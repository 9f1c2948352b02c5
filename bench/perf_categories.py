#!/usr/bin/env python3
"""Splits a profile of `trove-index --rebuild` into the work it is made of.

Reads the output of
    perf script -i perf.data -F comm,tid,period,ip,sym,dso
(samples with call graphs, as bench/README "Indexing profile" records them)
and puts each sample in the first category whose functions are on its
stack, in the order below. Debian's libxapian has no symbols, so Xapian's
own time is split only by the trove call it runs under (ShardWriter::add,
once its document is built, is Xapian's add_document or replace_document). Prints each
category's share of the samples, and the kernel's share of the commits.

    python3 bench/perf_categories.py perf.txt
"""
import re
import sys

# (category, pattern on a frame's symbol), first match on the stack wins.
CATEGORIES = [
    ("compaction (finish(), one thread)", r"merge_parts|Xapian::Database::compact"),
    ("verification (finish()'s count and test query)", r"switch_to_rebuilt"),
    ("commits (Xapian flushing its buffers into the B-trees)",
     r"Xapian::WritableDatabase::commit"),
    ("record encoding (serialize_record)", r"serialize_record"),
    ("stemming (Snowball through the Analyzer)", r"Analyzer::stem|Xapian::Stem|Worker::stem\b"),
    ("ICU analysis (tokenize; normalize for facet and completion terms)",
     r"Analyzer::tokenize|Analyzer::normalize"),
    ("document building (term map, stem table, facet and completion terms)",
     r"DocumentBuilder::build"),
    ("id lookup (is the record new?)", r"postlist_begin"),
    # Xapian's own frames are "[unknown]": what the writer runs is Xapian's.
    ("Xapian add_document/replace_document (postings, positions, termlist, data)",
     r"ShardWriter::add|add_document|replace_document"),
    ("reading and parsing JSON Lines", r"read_jsonl|read_stream|parse_record|nlohmann"),
]
COMMITS = 2


def samples(lines):
    """Yields each sample's frames as (symbol, dso) pairs, leaf first."""
    frames = None
    for line in lines:
        line = line.rstrip("\n")
        if not line.strip():
            if frames is not None:
                yield frames
            frames = None
        elif frames is None:
            frames = []  # the header: comm, tid, period
        else:
            match = re.match(r"\s*[0-9a-f]+\s+(.*?)\s+\(([^)]*)\)\s*$", line)
            if match:
                frames.append((match.group(1), match.group(2)))
    if frames is not None:
        yield frames


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: perf_categories.py PERF_SCRIPT_OUTPUT")
    patterns = [re.compile(p) for _, p in CATEGORIES]
    counts = [0] * (len(CATEGORIES) + 1)
    kernel_in_commits = 0
    total = 0
    with open(sys.argv[1], errors="replace") as f:
        for frames in samples(f):
            total += 1
            found = len(CATEGORIES)
            for i, pattern in enumerate(patterns):
                if any(pattern.search(symbol) for symbol, _ in frames):
                    found = i
                    break
            counts[found] += 1
            if found == COMMITS and frames and "kernel" in frames[0][1]:
                kernel_in_commits += 1
    if total == 0:
        sys.exit("no samples in " + sys.argv[1])
    names = [name for name, _ in CATEGORIES] + ["other"]
    print(f"{total} samples")
    for name, count in zip(names, counts):
        print(f"{100.0 * count / total:6.1f}%  {name}")
    print(f"{100.0 * kernel_in_commits / total:6.1f}%  of which the kernel, in commits")


if __name__ == "__main__":
    main()
