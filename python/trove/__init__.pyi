# Type stubs for trove, the Python binding of the trove search library.
# The docstrings at run time (help(trove.Searcher.search)) say the rest.
import os
from types import TracebackType
from typing import Callable, Iterable, Literal, Sequence, Union

__version__: str

_Path = Union[str, os.PathLike[str]]
_Paths = Union[_Path, Iterable[_Path]]
_Format = Literal["auto", "ctic", "jsonl"]
_Facet = Literal["country", "region", "year", "topic", "category"]

# Errors: trove.Error and subclasses mirroring include/trove/error.h.
# trove.IndexError is not builtins.IndexError; TroveIndexError is an alias.
class Error(Exception): ...
class InputError(Error): ...
class QueryError(Error): ...
class IndexError(Error): ...
class IndexLockedError(IndexError): ...
class IndexNotFoundError(IndexError): ...
class IndexCorruptError(IndexError): ...
class IndexIncompatibleError(IndexError): ...

TroveIndexError = IndexError

class Record:
    """One publication. List attributes are copies: assign, don't append."""
    id: str
    title: str
    abstract: str
    authors: list[str]
    country: list[str]
    region: list[str]
    year: int | None
    category: list[str]
    topic: list[str]
    source_file: str
    source_line: int
    def __init__(
        self,
        *,
        id: str = "",
        title: str = "",
        abstract: str = "",
        authors: Sequence[str] = ...,
        country: Sequence[str] = ...,
        region: Sequence[str] = ...,
        year: int | None = None,
        category: Sequence[str] = ...,
        topic: Sequence[str] = ...,
        source_file: str = "",
        source_line: int = 0,
    ) -> None: ...
    def to_dict(self) -> dict[str, object]: ...
    def __eq__(self, other: object) -> bool: ...

class ReadError:
    """A record rejected ('error') or kept with a warning ('warning')."""
    @property
    def file(self) -> str: ...
    @property
    def line(self) -> int: ...
    @property
    def reason(self) -> str: ...
    @property
    def severity(self) -> Literal["error", "warning"]: ...
    def message(self) -> str: ...

_OnError = Callable[[ReadError], object] | None

def read_file(path: _Path, *, format: _Format = "auto", on_error: _OnError = None) -> list[Record]: ...
def list_sources(paths: _Paths) -> list[str]: ...
def record_id(title: str, year: int | None = None) -> str: ...

class IngestStats:
    @property
    def files(self) -> int: ...
    @property
    def read(self) -> int: ...
    @property
    def added(self) -> int: ...
    @property
    def replaced(self) -> int: ...
    @property
    def unchanged(self) -> int: ...
    @property
    def rejected(self) -> int: ...
    @property
    def warnings(self) -> int: ...
    def to_dict(self) -> dict[str, int]: ...

_AddResult = Literal["added", "replaced", "unchanged"]

class IndexWriter:
    """Adds, replaces and removes Records; one per index. `with` finishes on success;
    on an exception it closes without finishing (uncommitted changes are discarded)."""
    @staticmethod
    def open(
        path: _Path,
        *,
        language: str = "english",
        batch_size: int = 2000,
        shards: int = 0,
        rebuild: bool = False,
        create: bool = True,
        allow_non_empty: bool = False,
    ) -> IndexWriter: ...
    def add(self, record: Record) -> _AddResult: ...
    def add_all(self, records: Sequence[Record]) -> list[_AddResult]: ...
    def remove(self, id: str) -> bool: ...
    def commit(self) -> None: ...
    def finish(self) -> None: ...
    def close(self) -> None: ...
    def document_count(self) -> int: ...
    @property
    def path(self) -> str: ...
    @property
    def closed(self) -> bool: ...
    def __enter__(self) -> IndexWriter: ...
    def __exit__(
        self,
        type: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None: ...

def ingest(
    writer: IndexWriter,
    paths: _Paths,
    *,
    format: _Format = "auto",
    on_error: _OnError = None,
    on_progress: Callable[[IngestStats], object] | None = None,
) -> IngestStats: ...

# A collections.namedtuple (value, count); its field `count` hides
# tuple.count, which NamedTuple cannot express.
class FacetCount(tuple[str, int]):
    __match_args__ = ("value", "count")
    def __new__(_cls, value: str, count: int) -> FacetCount: ...
    @property
    def value(self) -> str: ...
    @property
    def count(self) -> int: ...  # type: ignore[override]

# collections.namedtuple (query, changes): changes are (typed, suggested) pairs.
class Suggestion(tuple[str, list[tuple[str, str]]]):
    __match_args__ = ("query", "changes")
    def __new__(_cls, query: str, changes: list[tuple[str, str]]) -> Suggestion: ...
    @property
    def query(self) -> str: ...
    @property
    def changes(self) -> list[tuple[str, str]]: ...

# collections.namedtuple (text, field, count), like FacetCount.
class Completion(tuple[str, str, int]):
    __match_args__ = ("text", "field", "count")
    def __new__(_cls, text: str, field: str, count: int) -> Completion: ...
    @property
    def text(self) -> str: ...
    @property
    def field(self) -> str: ...
    @property
    def count(self) -> int: ...  # type: ignore[override]

class Hit:
    @property
    def rank(self) -> int: ...
    @property
    def score(self) -> float: ...
    @property
    def record(self) -> Record: ...
    @property
    def snippet(self) -> str: ...

class SearchResult:
    @property
    def total(self) -> int: ...
    @property
    def hits(self) -> list[Hit]: ...
    @property
    def facets(self) -> dict[str, list[FacetCount]]: ...
    @property
    def notes(self) -> list[str]: ...
    @property
    def suggestion(self) -> Suggestion | None: ...

class ScorePart:
    """One part of a record's score (Searcher.explain)."""
    @property
    def source(self) -> Literal["query", "field", "proximity", "feedback"]: ...
    @property
    def term(self) -> str: ...
    @property
    def field(self) -> str: ...
    @property
    def weight(self) -> float: ...
    @property
    def term_frequency(self) -> int: ...
    @property
    def document_length(self) -> int: ...
    @property
    def idf(self) -> float: ...
    @property
    def contribution(self) -> float: ...

class Explanation:
    """How a record's score is made (Searcher.explain)."""
    @property
    def id(self) -> str: ...
    @property
    def matches(self) -> bool: ...
    @property
    def score(self) -> float: ...
    @property
    def reranked(self) -> bool: ...
    @property
    def proximity(self) -> float: ...
    @property
    def feedback(self) -> float: ...
    @property
    def parts(self) -> list[ScorePart]: ...

class Searcher:
    """Runs searches on an index; open one per thread to search in parallel."""
    @staticmethod
    def open(
        path: _Path,
        *,
        bm25_k1: float = 1.6,
        bm25_b: float = 0.4,
        common_word_fraction: float = 1.0,
        stopwords: bool = True,
        feedback_records: int = 5,
        feedback_terms: int = 15,
        feedback_weight: float = 0.5,
    ) -> Searcher: ...
    def search(
        self,
        query: str = "",
        *,
        filters: Sequence[tuple[str, str]] = ...,
        facets: Sequence[_Facet | str] = ...,
        sort: Literal["relevance", "year"] = "relevance",
        offset: int = 0,
        limit: int = 10,
        snippets: bool = True,
        highlight_begin: str = "[",
        highlight_end: str = "]",
        snippet_length: int = 240,
        strict: bool = False,
        suggest: bool = True,
    ) -> SearchResult: ...
    def similar(
        self,
        id: str,
        *,
        filters: Sequence[tuple[str, str]] = ...,
        facets: Sequence[_Facet | str] = ...,
        sort: Literal["relevance", "year"] = "relevance",
        offset: int = 0,
        limit: int = 10,
        snippets: bool = True,
    ) -> SearchResult: ...
    def explain(
        self,
        id: str,
        query: str,
        *,
        filters: Sequence[tuple[str, str]] = ...,
        sort: Literal["relevance", "year"] = "relevance",
    ) -> Explanation: ...
    def complete(
        self, prefix: str, field: Literal["title", "author", "word"] | _Facet | None = None,
        limit: int = 10,
    ) -> list[Completion]: ...
    def reopen(self) -> None: ...
    def document_count(self) -> int: ...
    def describe_query(self, query: str, *, strict: bool = False) -> str: ...
    def close(self) -> None: ...
    @property
    def closed(self) -> bool: ...
    def __enter__(self) -> Searcher: ...
    def __exit__(self, *args: object) -> None: ...

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
