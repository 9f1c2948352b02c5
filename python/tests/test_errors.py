"""trove's exceptions in Python: the hierarchy, the translation of each C++
type, and the messages of real failures, unchanged."""

import builtins
import fcntl
import os

import pytest

import trove

# Python class -> its base, mirroring include/trove/error.h.
HIERARCHY = {
    "Error": Exception,
    "InputError": trove.Error,
    "QueryError": trove.Error,
    "IndexError": trove.Error,
    "IndexLockedError": trove.IndexError,
    "IndexNotFoundError": trove.IndexError,
    "IndexCorruptError": trove.IndexError,
    "IndexIncompatibleError": trove.IndexError,
}
INDEX_SUBTYPES = ["IndexLockedError", "IndexNotFoundError", "IndexCorruptError",
                  "IndexIncompatibleError"]



@pytest.mark.parametrize("name,base", HIERARCHY.items())
def test_each_class_derives_from_its_cpp_base(name, base):
    cls = getattr(trove, name)
    assert cls.__bases__ == (base,)
    assert cls.__module__ == "trove"
    assert cls.__doc__


def test_trove_index_error_is_not_the_builtin_index_error():
    assert trove.IndexError is not builtins.IndexError
    assert not issubclass(trove.IndexError, builtins.IndexError)
    assert trove.TroveIndexError is trove.IndexError
    assert "IndexError" not in trove.__all__
    assert "TroveIndexError" in trove.__all__
    namespace = {}
    exec("from trove import *", namespace)
    assert "IndexError" not in namespace


@pytest.mark.parametrize("name", ["Error", "InputError", "QueryError", "IndexError"])
def test_each_cpp_exception_becomes_its_class_with_the_message_unchanged(name):
    with pytest.raises(getattr(trove, name)) as error:
        trove._trove._throw_for_test(name, f"what {name} says: 'ü'")
    assert type(error.value) is getattr(trove, name)
    assert str(error.value) == f"what {name} says: 'ü'"


def test_the_module_was_built_with_the_index_error_subtypes():
    # python/CMakeLists.txt detects them in trove/error.h; without them each
    # would arrive as a plain trove.IndexError.
    assert trove._trove._index_error_subtypes is True


@pytest.mark.parametrize("name", INDEX_SUBTYPES)
def test_each_index_error_subtype_becomes_its_class(name):
    with pytest.raises(trove.IndexError) as error:
        trove._trove._throw_for_test(name, "the message")
    assert type(error.value) is getattr(trove, name)
    assert str(error.value) == "the message"


def test_a_missing_index_names_its_path(tmp_path):
    missing = str(tmp_path / "nothing")
    with pytest.raises(trove.IndexError) as error:
        trove.Searcher.open(missing)
    assert str(error.value) == (
        f"cannot open index '{missing}': no such directory; create it with trove-index")
    assert type(error.value) is trove.IndexNotFoundError


def test_a_directory_without_an_index_is_not_an_index(tmp_path):
    with pytest.raises(trove.IndexError) as error:
        trove.Searcher.open(tmp_path)
    assert str(error.value) == (f"cannot open index '{tmp_path}': not a trove index (no "
                                f"{tmp_path}/XAPIANDB); create it with trove-index")
    assert type(error.value) is trove.IndexNotFoundError


def test_an_empty_stub_is_a_corrupt_index(tmp_path):
    (tmp_path / "XAPIANDB").write_text("")
    with pytest.raises(trove.IndexCorruptError) as error:
        trove.Searcher.open(tmp_path)
    assert str(error.value) == (
        f"cannot open index '{tmp_path}': {tmp_path}/XAPIANDB names no shard")


def test_a_plain_xapian_database_is_refused_as_incompatible(sample_index):
    shard = f"{sample_index}/gen-000001/shard-0"
    with pytest.raises(trove.IndexIncompatibleError) as error:
        trove.IndexWriter.open(shard)
    assert str(error.value) == (
        f"cannot write index '{shard}': {shard} is a Xapian database, not a trove index")


def test_a_second_writer_is_refused(tmp_path):
    db = str(tmp_path / "index")
    with trove.IndexWriter.open(db):
        with pytest.raises(trove.IndexError) as error:
            trove.IndexWriter.open(db)
    assert str(error.value) == (
        f"cannot write index '{db}': the index is being written by another process")
    assert type(error.value) is trove.IndexLockedError


def test_a_writer_elsewhere_is_refused(tmp_path):
    # An flock on the lock file, as another process's writer holds it.
    db = str(tmp_path / "index")
    trove.IndexWriter.open(db).finish()  # close() would remove the empty new index again
    fd = os.open(os.path.join(db, "write.lock"), os.O_RDWR)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        with pytest.raises(trove.IndexLockedError, match="is being written by another process$"):
            trove.IndexWriter.open(db)
    finally:
        os.close(fd)
    trove.IndexWriter.open(db).close()


def test_malformed_queries_in_strict_mode_and_unknown_facets_are_query_errors(searcher):
    with pytest.raises(trove.QueryError) as error:
        searcher.search('"unclosed', strict=True)
    assert str(error.value) == 'unclosed quote: the " at column 1 has no closing "'
    with pytest.raises(trove.QueryError) as error:
        searcher.describe_query('"unclosed', strict=True)
    assert str(error.value) == 'unclosed quote: the " at column 1 has no closing "'
    with pytest.raises(trove.QueryError) as error:
        searcher.search(facets=["colour"])
    assert str(error.value) == "unknown facet 'colour'; use country, region, year, topic or category"
    with pytest.raises(trove.Error):  # the base catches them all
        searcher.search('"unclosed', strict=True)


def test_malformed_queries_are_answered_with_a_note_by_default(searcher):
    result = searcher.search('"referral')
    assert result.total == 4
    assert result.notes == [
        "the quote at column 1 has no closing quote: searched as a phrase to the end"]
    assert searcher.search('"referral', strict=False).notes == result.notes
    assert searcher.search("referral").notes == []
    assert searcher.describe_query('"unclosed') == "Query(Zunclos)"


def test_queries_beyond_the_limits_are_query_errors_in_both_modes(searcher):
    deep = "(" * 65 + "x" + ")" * 65
    for strict in (False, True):
        with pytest.raises(trove.QueryError) as error:
            searcher.search(deep, strict=strict)
        assert str(error.value) == "parentheses nested more than 64 deep: the '(' at column 65"


def test_missing_inputs_and_unknown_formats_are_input_errors(tmp_path):
    missing = str(tmp_path / "missing.txt")
    with trove.IndexWriter.open(tmp_path / "index") as writer:
        with pytest.raises(trove.InputError) as error:
            trove.ingest(writer, [missing])
        assert str(error.value) == f"no such file or directory: '{missing}'"
        with pytest.raises(trove.InputError) as error:
            trove.ingest(writer, [], format="xml")
        assert str(error.value) == "unknown format 'xml'; use auto, ctic or jsonl"
    with pytest.raises(trove.InputError) as error:
        trove.read_file(missing)
    assert str(error.value) == f"cannot open '{missing}': No such file or directory"
