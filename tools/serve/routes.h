// trove-serve's endpoints: each turns a request into library calls and the
// answer into JSON (or one of the page's embedded files).
//
//   GET /api/search        params.h's parameters -> `trove-search --json`'s shape
//   GET /api/complete      completions of q (Searcher::complete)
//   GET /api/records/{id}  one record; 404 for an unknown id
//   GET /api/stats         records, generation, last change
//   GET /healthz           200 while the index can be read, else 503
//   GET /, /app.js, ...    the search page (assets.h)
//   anything else          404; another method on a known path 405
#ifndef TROVE_TOOLS_SERVE_ROUTES_H_
#define TROVE_TOOLS_SERVE_ROUTES_H_

#include <string>

#include "serve/params.h"
#include "serve/searcher_source.h"

namespace httplib {
class Server;
struct Request;
struct Response;
}

namespace trove::serve {

struct RouteOptions {
  std::string db;  // the index, as given to --db
  // A search that takes longer is answered 503 "timeout" (a soft limit:
  // the library cannot stop a running search, so the answer comes when it
  // ends; see the README). Milliseconds.
  double query_timeout_ms = 5000;
  Limits limits;
};

// Registers the endpoints above on `http`. `options` and `searchers` must
// outlive it.
void add_routes(httplib::Server& http, const RouteOptions& options, SearcherSource& searchers);

// Answers a method other than GET and HEAD: 405 (with Allow) on an
// endpoint's path, else 404.
void refuse_method(const httplib::Request& req, httplib::Response& res);

}  // namespace trove::serve

#endif  // TROVE_TOOLS_SERVE_ROUTES_H_
