#include "serve/routes.h"

#include <httplib.h>

#include <chrono>
#include <iostream>
#include <nlohmann/json.hpp>

#include "common/result_json.h"
#include "serve/assets.h"
#include "serve/errors.h"
#include "serve/index_info.h"
#include "trove/error.h"

namespace trove::serve {
namespace {

using httplib::Request;
using httplib::Response;
using nlohmann::json;

constexpr char kJson[] = "application/json";
constexpr char kRecordPrefix[] = "/api/records/";
constexpr char kSimilarPrefix[] = "/api/similar/";

// Moves `body` into the response (set_content would copy it: 6 KB for a
// search answer).
void send_text(Response& res, std::string body) {
  body += '\n';
  res.body = std::move(body);
  res.headers.erase("Content-Type");
  res.set_header("Content-Type", kJson);
}

// For the small answers that are not hot (stats, health).
void send_json(Response& res, const json& body) { send_text(res, body.dump()); }

// A handler that answers any exception as a JSON error, never a crash.
template <typename F>
httplib::Server::Handler guarded(F handler) {
  return [handler](const Request& req, Response& res) {
    try {
      handler(req, res);
    } catch (...) {
      const ApiError error = to_api_error(std::current_exception());
      if (error.status() == 500) std::cerr << "trove-serve: " << req.path << ": " << error.what() << "\n";
      send_error(res, error);
    }
  };
}

// Searches with a Searcher of the pool's, which goes back to the pool
// before the answer is serialised; `took` is the search's own time.
SearchResult timed_search(SearcherSource& searchers, const SearchRequest& request, double& took) {
  SearcherSource::Lease searcher = searchers.acquire();
  const auto start = std::chrono::steady_clock::now();
  SearchResult result = searcher->search(request);
  took = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  return result;
}

void search(const RouteOptions& options, SearcherSource& searchers, const Request& req,
            Response& res) {
  const SearchRequest request = search_request(req.params, options.limits);
  double took = 0;
  const SearchResult result = timed_search(searchers, request, took);
  if (took > options.query_timeout_ms) {
    throw ApiError(503, "timeout", "the query took " + std::to_string(took) +
                                       " ms, over the server's limit of " +
                                       std::to_string(options.query_timeout_ms) + " ms");
  }
  send_text(res, tools::result_json_text(request, result, -1));
}

void complete(const RouteOptions& options, SearcherSource& searchers, const Request& req,
              Response& res) {
  const CompleteRequest request = complete_request(req.params, options.limits);
  const std::vector<Completion> completions =
      searchers.acquire()->complete(request.prefix, request.field, request.limit);
  std::string body;
  tools::JsonWriter out(body);
  tools::write_completions(out.begin_object().key("completions"), completions);
  out.key("prefix").value(request.prefix).end_object();
  send_text(res, std::move(body));
}

// The records most like one: /api/search's parameters but `q`, which is
// ignored; the response has its shape. 404 for an unknown id.
void similar(const RouteOptions& options, SearcherSource& searchers, const Request& req,
             Response& res) {
  const std::string id = req.path.substr(sizeof kSimilarPrefix - 1);
  const SearchRequest request = search_request(req.params, options.limits);
  try {
    const SearchResult result = searchers.acquire()->similar(id, request);
    send_text(res, tools::result_json_text(request, result, -1));
  } catch (const RecordNotFoundError& e) {
    throw ApiError(404, "not_found", e.what());
  }
}

void record(SearcherSource& searchers, const Request& req, Response& res) {
  const std::string id = req.path.substr(sizeof kRecordPrefix - 1);
  const std::optional<Record> found = searchers.acquire()->record(id);
  if (!found) throw ApiError(404, "not_found", "no record with id '" + id + "'");
  send_text(res, tools::record_json_text(*found));
}

void stats(const RouteOptions& options, SearcherSource& searchers, Response& res) {
  SearcherSource::Lease searcher = searchers.acquire();
  const IndexStats stats = index_stats([&] { return index_info(options.db); },
                                       [&] {
                                         searcher->reopen();
                                         return searcher->document_count();
                                       });
  send_json(res, {{"records", stats.records},
                  {"generation", stats.info.generation},
                  {"last_change", stats.info.last_change},
                  {"searchers", searchers.stats().searchers}});
}

void healthz(SearcherSource& searchers, Response& res) {
  searchers.acquire()->reopen();
  send_json(res, {{"status", "ok"}});
}

void asset(const Request& req, Response& res) {
  const Asset* found = find_asset(req.path);
  if (!found) throw ApiError(404, "not_found", "no such path: " + req.path);
  res.set_content(found->data.data(), found->data.size(), found->content_type);
  res.set_header("Cache-Control", "no-cache");
}

bool is_route(const std::string& path) {
  return path == "/api/search" || path == "/api/complete" || path == "/api/stats" ||
         path == "/healthz" ||
         (path.rfind(kRecordPrefix, 0) == 0 && path.size() > sizeof kRecordPrefix - 1) ||
         (path.rfind(kSimilarPrefix, 0) == 0 && path.size() > sizeof kSimilarPrefix - 1) ||
         find_asset(path) != nullptr;
}

}  // namespace

void refuse_method(const Request& req, Response& res) {
  if (!is_route(req.path)) {
    send_error(res, ApiError(404, "not_found", "no such path: " + req.path));
    return;
  }
  res.set_header("Allow", "GET, HEAD");
  send_error(res, ApiError(405, "method_not_allowed",
                           req.method + " is not allowed on " + req.path + "; use GET"));
}

void add_routes(httplib::Server& http, const RouteOptions& options, SearcherSource& searchers) {
  http.Get("/api/search", guarded([&](const Request& req, Response& res) {
    search(options, searchers, req, res);
  }));
  http.Get("/api/complete", guarded([&](const Request& req, Response& res) {
    complete(options, searchers, req, res);
  }));
  http.Get("/api/records/.+", guarded([&](const Request& req, Response& res) {
    record(searchers, req, res);
  }));
  http.Get("/api/similar/.+", guarded([&](const Request& req, Response& res) {
    similar(options, searchers, req, res);
  }));
  http.Get("/api/stats", guarded([&](const Request&, Response& res) { stats(options, searchers, res); }));
  http.Get("/healthz", guarded([&](const Request&, Response& res) { healthz(searchers, res); }));
  http.Get(".*", guarded(asset));
  // Other methods with a body reach here once httplib has read it (413 if
  // too large); the server's screen refuses those without one before.
  const auto refuse = guarded(refuse_method);
  http.Post(".*", refuse).Put(".*", refuse).Patch(".*", refuse).Delete(".*", refuse);
  http.Options(".*", refuse);
}

}  // namespace trove::serve
