"""Reading and indexing: Record, read_file, IndexWriter, ingest."""

import pathlib

import pytest

import trove
from conftest import SAMPLE

BAD_JSONL = ('{"title": "Good one", "abstract": "Fine."}\n'
             '{"year": 2001}\n'
             'not json\n'
             '{"title": "Good two", "abstract": "Fine too.", "year": "20x3"}\n')


def count(db, query=""):
    return trove.Searcher.open(db).search(query).total


def test_a_record_is_built_from_keywords_and_compares_by_value():
    r = trove.Record(id="a", title="T", abstract="A", authors=["X"], country=["Peru"], year=2001)
    assert (r.id, r.title, r.abstract, r.authors, r.country, r.year) == (
        "a", "T", "A", ["X"], ["Peru"], 2001)
    assert r.region == [] and r.category == [] and r.topic == []
    assert r.source_file == "" and r.source_line == 0
    assert trove.Record().year is None
    assert r == trove.Record(id="a", title="T", abstract="A", authors=["X"], country=["Peru"],
                             year=2001)
    assert r != trove.Record(id="a")
    r.year = None
    r.topic = ["Trafficking"]
    assert (r.year, r.topic) == (None, ["Trafficking"])
    assert repr(trove.Record(id="a", year=2001)) == "Record(id='a', year=2001)"
    with pytest.raises(TypeError):
        trove.Record("a")  # keywords only


def test_read_file_returns_the_sample_records_in_file_order():
    records = trove.read_file(SAMPLE)
    assert len(records) == 10
    assert [r.source_line for r in records] == sorted(r.source_line for r in records)
    assert all(r.source_file == str(SAMPLE) for r in records)
    assert records == trove.read_file(str(SAMPLE), format="ctic")


def test_a_bad_record_is_reported_through_on_error_with_file_and_line(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text(BAD_JSONL)
    problems = []
    records = trove.read_file(source, on_error=problems.append)
    assert [r.title for r in records] == ["Good one", "Good two"]
    assert [(p.file, p.line, p.severity) for p in problems] == [
        (str(source), 2, "error"), (str(source), 3, "error"), (str(source), 4, "warning")]
    assert problems[0].reason == "record has no title and no abstract"
    assert problems[0].message() == f"{source}:2: record has no title and no abstract"
    assert str(problems[0]) == problems[0].message()
    assert str(problems[2]).startswith(f"{source}:4: warning: ")


def test_ingest_reports_rejected_records_and_indexes_the_rest(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text(BAD_JSONL)
    db = tmp_path / "index"
    problems = []
    with trove.IndexWriter.open(db) as writer:
        stats = trove.ingest(writer, [source], on_error=problems.append)
    assert (stats.files, stats.read, stats.added, stats.rejected, stats.warnings) == (1, 2, 2, 2, 1)
    assert [p.line for p in problems] == [2, 3, 4]
    assert problems[2].severity == "warning"
    assert stats.to_dict() == {"files": 1, "read": 2, "added": 2, "replaced": 0, "unchanged": 0,
                               "rejected": 2, "warnings": 1}
    assert repr(stats) == ("IngestStats(files=1, read=2, added=2, replaced=0, unchanged=0, "
                           "rejected=2, warnings=1)")
    assert count(db) == 2


def test_an_exception_in_on_error_stops_the_ingestion_and_propagates(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text(BAD_JSONL)

    def refuse(problem):
        raise RuntimeError(f"stop at line {problem.line}")

    writer = trove.IndexWriter.open(tmp_path / "index")
    with pytest.raises(RuntimeError, match="^stop at line 2$"):
        trove.ingest(writer, source, on_error=refuse)
    with pytest.raises(RuntimeError, match="^stop at line 2$"):
        trove.read_file(source, on_error=refuse)
    assert writer.document_count() == 1  # the good record before it was added, not committed
    writer.close()


def test_on_progress_sees_the_counts(tmp_path):
    seen = []
    with trove.IndexWriter.open(tmp_path / "index") as writer:
        trove.ingest(writer, SAMPLE, on_progress=lambda s: seen.append(s.read))
    assert seen == [10]


def test_a_directory_is_ingested_by_its_source_files(tmp_path):
    (tmp_path / "src" / "sub").mkdir(parents=True)
    (tmp_path / "src" / "sub" / "sample.txt").write_bytes(SAMPLE.read_bytes())
    (tmp_path / "src" / "notes.md").write_text("ignored")
    assert trove.list_sources(tmp_path / "src") == [str(tmp_path / "src" / "sub" / "sample.txt")]
    with trove.IndexWriter.open(tmp_path / "index") as writer:
        stats = trove.ingest(writer, [tmp_path / "src"])
    assert (stats.files, stats.added) == (1, 10)


def test_add_replace_remove_and_commit(tmp_path):
    db = str(tmp_path / "index")
    writer = trove.IndexWriter.open(db)
    assert writer.path == db
    record = trove.Record(id="a", title="First", abstract="Lighthouse keepers.", topic=["Sea"])
    assert writer.add(record) == "added"
    assert writer.add(record) == "unchanged"
    record.abstract = "Lighthouse keepers and their logs."
    assert writer.add(record) == "replaced"
    assert writer.add_all([trove.Record(id="b", title="Second", abstract="Logs."),
                           record]) == ["added", "unchanged"]
    assert writer.document_count() == 2
    assert count(db, "logs") == 0  # not committed yet
    writer.commit()
    assert count(db, "logs") == 2
    assert writer.remove("b") is True
    assert writer.remove("missing") is False
    writer.finish()
    assert writer.closed
    assert count(db, "logs") == 1
    with pytest.raises(trove.InputError, match="^cannot index a record without an id$"):
        with trove.IndexWriter.open(db) as w:
            w.add(trove.Record(title="No id"))


def test_the_context_manager_finishes_on_success_and_closes_on_an_exception(tmp_path):
    db = tmp_path / "index"
    with trove.IndexWriter.open(db) as writer:
        writer.add(trove.Record(id="old", title="Old", abstract="Old text."))
    assert writer.closed
    # In place: what was committed stays, what was not is discarded.
    with pytest.raises(KeyError):
        with trove.IndexWriter.open(db) as writer:
            writer.add(trove.Record(id="kept", title="Kept", abstract="Committed text."))
            writer.commit()
            writer.add(trove.Record(id="lost", title="Lost", abstract="Pending text."))
            raise KeyError("discard")
    assert writer.closed
    assert (count(db), count(db, "committed"), count(db, "pending")) == (2, 1, 0)
    with pytest.raises(KeyError):
        with trove.IndexWriter.open(db, rebuild=True) as writer:
            writer.add(trove.Record(id="new", title="New", abstract="New text."))
            raise KeyError("abandon")
    assert writer.closed
    # The abandoned rebuild left the live generation as it was.
    assert (count(db, "old"), count(db, "new")) == (1, 0)
    with trove.IndexWriter.open(db, rebuild=True) as writer:
        writer.add(trove.Record(id="new", title="New", abstract="New text."))
    assert (count(db, "old"), count(db, "new")) == (0, 1)


def test_close_without_finish_discards_uncommitted_changes(tmp_path):
    db = tmp_path / "index"
    with trove.IndexWriter.open(db) as writer:
        writer.add(trove.Record(id="a", title="A", abstract="First."))
    writer = trove.IndexWriter.open(db)
    writer.add(trove.Record(id="b", title="B", abstract="Second."))
    writer.close()
    assert count(db) == 1
    # A new index that nothing was committed to is removed again.
    fresh = tmp_path / "fresh"
    writer = trove.IndexWriter.open(fresh)
    writer.add(trove.Record(id="a", title="A", abstract="First."))
    writer.close()
    assert not fresh.exists()


def test_create_false_needs_an_index_and_a_non_empty_directory_needs_allowing(tmp_path):
    missing = tmp_path / "missing"
    with pytest.raises(trove.IndexNotFoundError) as error:
        trove.IndexWriter.open(missing, create=False)
    assert str(error.value) == (
        f"cannot open index '{missing}': no such directory; create it with trove-index")
    assert not missing.exists()
    other = tmp_path / "other"
    other.mkdir()
    (other / "notes.txt").write_text("mine")
    with pytest.raises(trove.IndexIncompatibleError) as error:
        trove.IndexWriter.open(other)
    assert str(error.value) == (
        f"cannot create index '{other}': the directory is not empty and holds no trove index; "
        "choose a new or empty directory (or allow a non-empty one: trove-index "
        "--allow-non-empty)")
    with trove.IndexWriter.open(other, allow_non_empty=True) as writer:
        writer.add(trove.Record(id="a", title="A", abstract="First."))
    assert count(other) == 1
    assert (other / "notes.txt").read_text() == "mine"


def test_a_closed_writer_raises_value_error_and_releases_the_index(tmp_path):
    db = str(tmp_path / "index")
    writer = trove.IndexWriter.open(db)
    writer.close()
    writer.close()  # again: nothing happens
    with pytest.raises(ValueError, match=f"^the IndexWriter of '{db}' is closed$"):
        writer.add(trove.Record(id="a", title="T", abstract="A"))
    with pytest.raises(ValueError):
        writer.finish()
    trove.IndexWriter.open(db).close()  # the lock was released


def test_a_callback_cannot_use_its_own_writer(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text(BAD_JSONL)
    with trove.IndexWriter.open(tmp_path / "index") as writer:
        with pytest.raises(RuntimeError, match="is in use by this thread"):
            trove.ingest(writer, source, on_error=lambda p: writer.commit())
        # Looking at it is fine.
        seen = []
        trove.ingest(writer, source, on_error=lambda p: seen.append((repr(writer), writer.path)))
        assert seen[0] == (f"<trove.IndexWriter '{writer.path}'>", writer.path)


def test_paths_may_be_str_or_pathlib(tmp_path):
    for db in (str(tmp_path / "a"), tmp_path / "b"):
        with trove.IndexWriter.open(db) as writer:
            trove.ingest(writer, pathlib.Path(SAMPLE))
        assert trove.Searcher.open(db).document_count() == 10
    with pytest.raises(TypeError):
        trove.IndexWriter.open(42)


def test_a_sharded_index_gives_the_same_answers(tmp_path):
    db = tmp_path / "index"
    with trove.IndexWriter.open(db, shards=3) as writer:
        trove.ingest(writer, SAMPLE)
    result = trove.Searcher.open(db).search("referral", facets=["country"])
    assert result.total == 4
    assert result.facets["country"] == [("Worldwide", 3), ("Lebanon", 1)]
