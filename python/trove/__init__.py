"""trove: full-text search with exact facets over an embedded index.

Index records, then search them::

    import trove

    with trove.IndexWriter.open("trove-index") as writer:   # finishes on success
        trove.ingest(writer, ["corpus/trafficking.txt"], on_error=print)

    searcher = trove.Searcher.open("trove-index")
    result = searcher.search("referral", filters=[("region", "Middle East")],
                             facets=["country", "year"])
    for hit in result.hits:
        print(hit.rank, hit.record.title, hit.snippet)
    for value, count in result.facets["year"]:
        print(value, count)
    if result.suggestion:                      # did you mean
        print("Did you mean:", result.suggestion.query)
    for text, field, count in searcher.complete("traff"):
        print(text, field, count)

Errors are trove.Error and its subclasses InputError, QueryError and
IndexError (with IndexLockedError, IndexNotFoundError, IndexCorruptError and
IndexIncompatibleError under it); str(e) is the library's message. Note that
trove.IndexError is not the built-in IndexError: catch it as trove.IndexError
(or its alias trove.TroveIndexError), never after ``from trove import *``,
which leaves the built-in name alone (see __all__).

The GIL is released while trove reads files, indexes and searches, so Python
threads index and search in parallel; open one Searcher per thread.
"""

from trove._trove import (
    Completion,
    Error,
    Explanation,
    FacetCount,
    Hit,
    IndexCorruptError,
    IndexError,
    IndexIncompatibleError,
    IndexLockedError,
    IndexNotFoundError,
    IndexWriter,
    IngestStats,
    InputError,
    QueryError,
    ReadError,
    Record,
    ScorePart,
    SearchResult,
    Searcher,
    Suggestion,
    __version__,
    ingest,
    list_sources,
    read_file,
    record_id,
)

#: trove.IndexError under a name that cannot be confused with the built-in.
TroveIndexError = IndexError

# Everything but the name IndexError, so that `from trove import *` does not
# shadow the built-in IndexError in the importing module.
__all__ = [
    "Completion",
    "Error",
    "Explanation",
    "FacetCount",
    "Hit",
    "IndexCorruptError",
    "IndexIncompatibleError",
    "IndexLockedError",
    "IndexNotFoundError",
    "IndexWriter",
    "IngestStats",
    "InputError",
    "QueryError",
    "ReadError",
    "Record",
    "ScorePart",
    "SearchResult",
    "Searcher",
    "Suggestion",
    "TroveIndexError",
    "__version__",
    "ingest",
    "list_sources",
    "read_file",
    "record_id",
]
