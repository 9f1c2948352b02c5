"""The GIL is released while trove indexes and searches: two Python threads
are inside trove at the same time.

The proof does not depend on timing ratios or free cores. The GIL's switch
interval is raised to 1000 s, so a thread gives the GIL up only when it
blocks or when trove releases it. Each thread records the (start, end)
interval of every call it makes; the threads stop once each has made a few
calls. If trove kept the GIL, the thread that first got it would run alone
until its deadline, then the other alone: no interval could overlap. With
the GIL released, the other thread runs, and starts a call, while the first
is inside one, so the intervals overlap, however loaded the machine.
"""

import sys
import threading
import time

import pytest

import trove

WORDS = ["labour", "migration", "border", "victim", "referral", "shelter", "court", "police",
         "child", "forced", "marriage", "debt", "recruit", "network", "support"]
COUNTRIES = ["Lebanon", "Nepal", "Chad", "Peru", "Norway"]


def generated_records(n, seed=42):
    """n deterministic records (ids r0..), as tests/test_util.h's generate_corpus."""
    state = seed

    def next_value():
        nonlocal state
        state = (state * 6364136223846793005 + 1442695040888963407) % 2**64
        return state >> 33

    records = []
    for i in range(n):
        abstract = " ".join(WORDS[next_value() % 15] for _ in range(40))
        countries = [COUNTRIES[next_value() % 5], COUNTRIES[next_value() % 5]]
        records.append(trove.Record(id=f"r{i}", title=f"Report {i} on {WORDS[i % 15]}",
                                    abstract=abstract, country=countries, year=1990 + i % 30))
    return records


@pytest.fixture(scope="module")
def big_index(tmp_path_factory):
    db = str(tmp_path_factory.mktemp("threads") / "index")
    with trove.IndexWriter.open(db) as writer:
        writer.add_all(generated_records(3000))
    return db


def run_together(call_a, call_b, calls=5, deadline=20.0):
    """Runs call_a and call_b repeatedly in two threads until each has made
    `calls` calls (or `deadline` seconds pass); returns their intervals."""
    intervals = ([], [])
    stop = threading.Event()
    errors = []

    def loop(call, mine, other):
        try:
            end = time.monotonic() + deadline
            while not stop.is_set() and time.monotonic() < end:
                start = time.perf_counter()
                call()
                mine.append((start, time.perf_counter()))
                if len(mine) >= calls and len(other) >= calls:
                    stop.set()
        except BaseException as e:  # reported by the main thread
            errors.append(e)
            stop.set()

    threads = [threading.Thread(target=loop, args=(call_a, intervals[0], intervals[1])),
               threading.Thread(target=loop, args=(call_b, intervals[1], intervals[0]))]
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1000)
    try:
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    finally:
        sys.setswitchinterval(interval)
    if errors:
        raise errors[0]
    return intervals


def overlapping(a, b):
    return [(x, y) for x in a for y in b if max(x[0], y[0]) < min(x[1], y[1])]


def test_two_threads_search_at_the_same_time(big_index):
    searchers = [trove.Searcher.open(big_index) for _ in range(2)]
    results = ([], [])

    def searching(i):
        def call():
            results[i].append(searchers[i].search("referral shelter", facets=["country", "year"]))
        return call

    a, b = run_together(searching(0), searching(1))
    assert len(a) >= 5 and len(b) >= 5
    assert overlapping(a, b), "no search of one thread ran while the other's did"
    # And the answers are the same as when run alone.
    alone = trove.Searcher.open(big_index).search("referral shelter", facets=["country", "year"])
    for r in results[0] + results[1]:
        assert (r.total, r.facets) == (alone.total, alone.facets)
        assert [h.record.id for h in r.hits] == [h.record.id for h in alone.hits]


def test_indexing_and_searching_at_the_same_time(big_index, tmp_path):
    searcher = trove.Searcher.open(big_index)
    records = generated_records(300, seed=7)
    with trove.IndexWriter.open(tmp_path / "other") as writer:
        a, b = run_together(lambda: writer.add_all(records),
                            lambda: searcher.search("border", facets=["year"]))
    assert overlapping(a, b), "no search ran while indexing"


def test_threads_may_share_one_searcher(big_index):
    # Calls on one Searcher take turns (the C++ Searcher is for one thread at
    # a time); the answers stay right.
    searcher = trove.Searcher.open(big_index)
    expected = searcher.search("police", facets=["country"])
    seen = []

    def call():
        r = searcher.search("police", facets=["country"])
        seen.append((r.total, r.facets) == (expected.total, expected.facets))

    run_together(call, call, calls=20)
    assert len(seen) >= 40 and all(seen)
