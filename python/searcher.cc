// Searcher, SearchResult, Hit, FacetCount, Suggestion and Completion.
#include <pybind11/stl.h>

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "bindings.h"
#include "guarded.h"
#include "trove/searcher.h"

namespace trove::python {
namespace {

// A SearchResult as Python objects, built once per search with the GIL held.
struct PyResult {
  std::size_t total = 0;
  py::list hits;
  py::dict facets;
  py::list notes;
  py::object suggestion = py::none();
};

// trove.FacetCount: a namedtuple (value, count), so a facet's counts compare
// equal to a list of plain tuples and unpack as `for value, count in ...`.
py::handle facet_count_class() {
  static py::handle cls = [] {
    py::object namedtuple = py::module_::import("collections").attr("namedtuple");
    py::object c = namedtuple("FacetCount", py::make_tuple("value", "count"),
                              py::arg("module") = "trove");
    c.attr("__doc__") = "How many matching records have one value of a facet: (value, count).";
    return c.release();
  }();
  return cls;
}

// trove.Suggestion: a namedtuple (query, changes), changes a list of
// (typed, suggested) tuples; and trove.Completion (text, field, count).
// Plain tuples compare equal to them, as for FacetCount.
py::handle suggestion_class() {
  static py::handle cls = [] {
    py::object namedtuple = py::module_::import("collections").attr("namedtuple");
    py::object c = namedtuple("Suggestion", py::make_tuple("query", "changes"),
                              py::arg("module") = "trove");
    c.attr("__doc__") =
        "A corrected query (did you mean): (query, changes), changes a list of "
        "(typed, suggested) word pairs in query order.";
    return c.release();
  }();
  return cls;
}

py::handle completion_class() {
  static py::handle cls = [] {
    py::object namedtuple = py::module_::import("collections").attr("namedtuple");
    py::object c = namedtuple("Completion", py::make_tuple("text", "field", "count"),
                              py::arg("module") = "trove");
    c.attr("__doc__") =
        "One completion of typed text: (text, field, count): a title, author, facet value or "
        "word as written in a record, where it comes from ('title', 'author', 'word' or a "
        "facet name) and how many records have it.";
    return c.release();
  }();
  return cls;
}

py::object suggestion_to_python(const std::optional<Suggestion>& suggestion) {
  if (!suggestion) return py::none();
  py::list changes;
  for (const auto& [typed, suggested] : suggestion->changes) {
    changes.append(py::make_tuple(typed, suggested));
  }
  return suggestion_class()(suggestion->query, changes);
}

PyResult to_python(SearchResult&& result) {
  PyResult out;
  out.total = result.total;
  for (Hit& hit : result.hits) out.hits.append(py::cast(std::move(hit)));
  const py::handle facet_count = facet_count_class();
  for (auto& [name, counts] : result.facets) {
    py::list values;
    for (const FacetCount& c : counts) values.append(facet_count(c.value, c.count));
    out.facets[py::str(name)] = values;
  }
  for (const std::string& note : result.notes) out.notes.append(py::str(note));
  out.suggestion = suggestion_to_python(result.suggestion);
  return out;
}

SortOrder parse_sort(const std::string& sort) {
  if (sort == "relevance") return SortOrder::kRelevance;
  if (sort == "year") return SortOrder::kYear;
  throw py::value_error("sort must be 'relevance' or 'year', not '" + sort + "'");
}

using Pairs = std::vector<std::pair<std::string, std::string>>;

SearchRequest make_request(std::string query, const Pairs& filters,
                           std::vector<std::string> facets, const std::string& sort,
                           std::size_t offset, std::size_t limit, bool snippets,
                           std::string highlight_begin, std::string highlight_end,
                           std::size_t snippet_length, bool strict, bool suggest) {
  SearchRequest request;
  request.query = std::move(query);
  for (const auto& [field, value] : filters) request.filters.push_back({field, value});
  request.facets = std::move(facets);
  request.sort = parse_sort(sort);
  request.offset = offset;
  request.limit = limit;
  request.snippets = snippets;
  request.highlight_begin = std::move(highlight_begin);
  request.highlight_end = std::move(highlight_end);
  request.snippet_length = snippet_length;
  request.strict = strict;
  request.suggest = suggest;
  return request;
}

using PySearcher = Guarded<Searcher>;

std::unique_ptr<PySearcher> open_searcher(const py::object& path, double bm25_k1, double bm25_b,
                                          double common_word_fraction, bool stopwords,
                                          std::size_t feedback_records,
                                          std::size_t feedback_terms, double feedback_weight) {
  const std::string dir = fspath(path);
  SearcherOptions options;
  options.bm25_k1 = bm25_k1;
  options.bm25_b = bm25_b;
  options.common_word_fraction = common_word_fraction;
  options.stopwords = stopwords;
  options.feedback_records = feedback_records;
  options.feedback_terms = feedback_terms;
  options.feedback_weight = feedback_weight;
  py::gil_scoped_release nogil;
  return std::make_unique<PySearcher>(Searcher::open(dir, options),
                                      "the Searcher of '" + dir + "'");
}

PyResult search(PySearcher& self, std::string query, const Pairs& filters,
                std::vector<std::string> facets, const std::string& sort, std::size_t offset,
                std::size_t limit, bool snippets, std::string highlight_begin,
                std::string highlight_end, std::size_t snippet_length, bool strict,
                bool suggest) {
  const SearchRequest request =
      make_request(std::move(query), filters, std::move(facets), sort, offset, limit, snippets,
                   std::move(highlight_begin), std::move(highlight_end), snippet_length,
                   strict, suggest);
  return to_python(self.with([&](Searcher& s) { return s.search(request); }));
}

PyResult similar(PySearcher& self, const std::string& id, const Pairs& filters,
                 std::vector<std::string> facets, const std::string& sort, std::size_t offset,
                 std::size_t limit, bool snippets) {
  const SearchRequest request = make_request("", filters, std::move(facets), sort, offset, limit,
                                             snippets, "[", "]", SearchRequest().snippet_length,
                                             false, false);
  return to_python(self.with([&](Searcher& s) { return s.similar(id, request); }));
}

Explanation explain(PySearcher& self, const std::string& id, std::string query,
                    const Pairs& filters, const std::string& sort) {
  const SearchRequest request =
      make_request(std::move(query), filters, {}, sort, 0, 10, false, "[", "]", 240, false, false);
  return self.with([&](Searcher& s) { return s.explain(id, request); });
}

const char* source_name(ScoreSource source) {
  switch (source) {
    case ScoreSource::kField: return "field";
    case ScoreSource::kProximity: return "proximity";
    case ScoreSource::kFeedback: return "feedback";
    case ScoreSource::kQuery: break;
  }
  return "query";
}

void bind_explanation(py::module_& m) {
  py::class_<ScorePart>(m, "ScorePart", "One part of a record's score (Searcher.explain).")
      .def_property_readonly("source", [](const ScorePart& p) { return source_name(p.source); },
                             "'query', 'field', 'proximity' or 'feedback'.")
      .def_readonly("term", &ScorePart::term, "The stem(s) searched for.")
      .def_readonly("field", &ScorePart::field, "'' (all text), 'title', 'abstract' or 'author'.")
      .def_readonly("weight", &ScorePart::weight, "Multiplier: boost, field weight, 0 for a stopword.")
      .def_readonly("term_frequency", &ScorePart::term_frequency, "Occurrences in the record.")
      .def_readonly("document_length", &ScorePart::document_length, "The record's length.")
      .def_readonly("idf", &ScorePart::idf, "BM25's inverse document frequency.")
      .def_readonly("contribution", &ScorePart::contribution, "What it adds to the score.");
  py::class_<Explanation>(m, "Explanation", "How a record's score is made (Searcher.explain).")
      .def_readonly("id", &Explanation::id, "The record's id.")
      .def_readonly("matches", &Explanation::matches, "Whether the record matches at all.")
      .def_readonly("score", &Explanation::score, "The score search() gives it.")
      .def_readonly("reranked", &Explanation::reranked, "Whether feedback and proximity apply.")
      .def_readonly("proximity", &Explanation::proximity, "The proximity parts, summed.")
      .def_readonly("feedback", &Explanation::feedback, "The feedback parts, summed.")
      .def_readonly("parts", &Explanation::parts, "The ScoreParts; they add up to score.");
}

py::list complete(PySearcher& self, const std::string& prefix,
                  const std::optional<std::string>& field, std::size_t limit) {
  const std::vector<Completion> completions = self.with(
      [&](Searcher& s) { return s.complete(prefix, field.value_or(""), limit); });
  py::list out;
  const py::handle completion = completion_class();
  for (const Completion& c : completions) out.append(completion(c.text, c.field, c.count));
  return out;
}

void bind_results(py::module_& m) {
  m.attr("FacetCount") = facet_count_class();
  m.attr("Suggestion") = suggestion_class();
  m.attr("Completion") = completion_class();
  py::class_<Hit>(m, "Hit", "One matching record.")
      .def_readonly("rank", &Hit::rank, "1-based position in the full result list.")
      .def_readonly("score", &Hit::score, "Relevance (BM25); 0 for an empty query.")
      .def_readonly("record", &Hit::record, "The stored Record.")
      .def_readonly("snippet", &Hit::snippet,
                    "Part of the abstract, matched words marked; '' without snippets.")
      .def("__repr__", [](const Hit& h) {
        return "<trove.Hit " + std::to_string(h.rank) + ": " + py::repr(py::str(h.record.title)).cast<std::string>() + ">";
      });
  py::class_<PyResult>(m, "SearchResult",
                       "The answer to a search: the exact total, one page of hits, and the "
                       "counts of each requested facet.")
      .def_readonly("total", &PyResult::total, "Exact number of matching records.")
      .def_readonly("hits", &PyResult::hits, "The requested page of Hits, in order.")
      .def_readonly("facets", &PyResult::facets,
                    "Facet name -> list of FacetCount(value, count), by descending count "
                    "then value. A facet with a filter set is counted as if it were not.")
      .def_readonly("notes", &PyResult::notes,
                    "What forgiving parsing reinterpreted in malformed query text, one "
                    "sentence each (str), in column order; [] for well-formed text and with "
                    "strict=True.")
      .def_readonly("suggestion", &PyResult::suggestion,
                    "A corrected query when a query word is in no record (or nearly none) "
                    "and the correction finds records: Suggestion(query, changes), changes "
                    "a list of (typed, suggested) pairs; None otherwise or with "
                    "suggest=False.")
      .def("__repr__", [](const PyResult& r) {
        return "<trove.SearchResult total=" + std::to_string(r.total) +
               " hits=" + std::to_string(py::len(r.hits)) + ">";
      });
}

}  // namespace

void bind_searcher(py::module_& m) {
  bind_results(m);
  bind_explanation(m);
  const SearcherOptions d;
  const SearchRequest r;
  py::class_<PySearcher>(m, "Searcher",
                         "Runs searches against an index; open with Searcher.open(). Picks up "
                         "commits and rebuilds on its next search. Threads may share one "
                         "(calls take turns); open one per thread to search in parallel.")
      .def_static("open", &open_searcher, py::arg("path"), py::kw_only(),
                  py::arg("bm25_k1") = d.bm25_k1, py::arg("bm25_b") = d.bm25_b,
                  py::arg("common_word_fraction") = d.common_word_fraction,
                  py::arg("stopwords") = d.stopwords,
                  py::arg("feedback_records") = d.feedback_records,
                  py::arg("feedback_terms") = d.feedback_terms,
                  py::arg("feedback_weight") = d.feedback_weight,
                  "Opens the index at `path`. The options tune ranking (see the README). "
                  "Raises IndexError naming the path if there is no readable index there, "
                  "Error for options out of range.")
      .def("search", &search, py::arg("query") = "", py::kw_only(),
           py::arg("filters") = Pairs{}, py::arg("facets") = std::vector<std::string>{},
           py::arg("sort") = "relevance", py::arg("offset") = r.offset,
           py::arg("limit") = r.limit, py::arg("snippets") = r.snippets,
           py::arg("highlight_begin") = r.highlight_begin,
           py::arg("highlight_end") = r.highlight_end,
           py::arg("snippet_length") = r.snippet_length, py::arg("strict") = r.strict,
           py::arg("suggest") = r.suggest,
           "Runs a query (trove's syntax; '' lists the records the filters match). filters: "
           "(field, value) pairs, OR within a field, AND across fields; facets: names to count "
           "among country, region, year, topic, category; sort: 'relevance' or 'year'. "
           "strict=False (default) answers malformed query text as reinterpreted, saying how "
           "in SearchResult.notes; strict=True raises QueryError for it instead. Returns a "
           "SearchResult. suggest=True (default) looks for a did-you-mean correction "
           "(SearchResult.suggestion). Raises QueryError for text beyond the limits (1,000 "
           "terms, parentheses nested 64 deep), and for bad filters or facet names.")
      .def("complete", &complete, py::arg("prefix"), py::arg("field") = py::none(),
           py::arg("limit") = 10,
           "Completions of what a user is typing, from the index: whole titles, authors, "
           "facet values and words whose folded text starts with the folded prefix (case and "
           "diacritics ignored), most records first, then by text; at most `limit`. `field` "
           "narrows them to 'title', 'author', 'word' or one facet; None mixes every kind. "
           "Returns a list of Completion(text, field, count). Raises QueryError for an "
           "unknown field.")
      .def("similar", &similar, py::arg("id"), py::kw_only(), py::arg("filters") = Pairs{},
           py::arg("facets") = std::vector<std::string>{}, py::arg("sort") = "relevance",
           py::arg("offset") = r.offset, py::arg("limit") = r.limit,
           py::arg("snippets") = r.snippets,
           "The records most like record `id` (its most characteristic words; the record "
           "itself left out), with filters, facets, sort and paging as in search(). Returns a "
           "SearchResult. Raises QueryError for an unknown id ('no record with id ...').")
      .def("explain", &explain, py::arg("id"), py::arg("query"), py::kw_only(),
           py::arg("filters") = Pairs{}, py::arg("sort") = "relevance",
           "How record `id`'s score for this search is made: an Explanation whose parts add "
           "up to the score search() gives it. Raises QueryError for an unknown id.")
      .def("reopen", [](PySearcher& self) { self.with([](Searcher& s) { s.reopen(); }); },
           "Brings the Searcher up to the latest committed state now.")
      .def("document_count",
           [](PySearcher& self) { return self.with([](Searcher& s) { return s.document_count(); }); },
           "Records in the index as last opened.")
      .def("describe_query",
           [](PySearcher& self, const std::string& query, bool strict) {
             return self.with([&](Searcher& s) { return s.describe_query(query, strict); });
           },
           py::arg("query"), py::kw_only(), py::arg("strict") = false,
           "The query as trove understands it, for debugging; malformed text as repaired "
           "(strict=False) or a QueryError (strict=True), as in search().")
      .def("close", &PySearcher::close, "Releases the index. Does nothing if already closed.")
      .def_property_readonly("closed", &PySearcher::closed, "Whether close() was called.")
      .def("__enter__", [](py::object self) { return self; })
      .def("__exit__", [](PySearcher& self, py::args) { self.close(); })
      .def("__repr__", [](PySearcher& self) {
        return "<trove." + self.what().substr(4) + (self.closed() ? " (closed)>" : ">");
      });
}

}  // namespace trove::python
