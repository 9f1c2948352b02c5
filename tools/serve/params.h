// /api/search's query parameters -> a trove::SearchRequest, refusing
// anything malformed, unknown or over a limit with a 400 that says why.
#ifndef TROVE_TOOLS_SERVE_PARAMS_H_
#define TROVE_TOOLS_SERVE_PARAMS_H_

#include <cstddef>
#include <map>
#include <string>

#include "trove/searcher.h"

namespace trove::serve {

// Bounds on what one request may ask for, so no request costs much more
// than a results page.
struct Limits {
  std::size_t max_limit = 100;         // hits per page
  std::size_t max_offset = 10000;      // hits skipped (deep paging)
  std::size_t max_query_bytes = 1024;  // q
  std::size_t max_marker_bytes = 16;   // highlight_begin, highlight_end
  std::size_t max_completions = 50;    // /api/complete's limit
};

// Query parameters by name, decoded (httplib's Request::params: a multimap,
// as filter and facets repeat).
using Params = std::multimap<std::string, std::string>;

// q, filter=field:value (repeatable), facets (comma-separated and/or
// repeatable; "all" for every facet), sort=relevance|year, offset, limit,
// snippets=0|1, highlight_begin, highlight_end. Throws ApiError 400
// "bad_parameter" for an unknown, repeated or malformed parameter or one
// over `limits`. Unknown filter fields and facet names are left to the
// Searcher, whose QueryError says which names exist.
SearchRequest search_request(const Params& params, const Limits& limits);

// /api/complete's parameters: what Searcher::complete takes.
struct CompleteRequest {
  std::string prefix;  // q: the text typed so far ("" completes nothing)
  std::string field;   // field: title, author, word or a facet name; "" every kind
  std::size_t limit = 10;
};

// q (at most max_query_bytes), field, limit (at most max_completions).
// Throws ApiError 400 "bad_parameter" as search_request() does; an unknown
// field is left to the Searcher, whose QueryError names the fields.
CompleteRequest complete_request(const Params& params, const Limits& limits);

}  // namespace trove::serve

#endif  // TROVE_TOOLS_SERVE_PARAMS_H_
