#include "serve/server.h"

#include <stdexcept>

#include "serve/errors.h"

namespace trove::serve {
namespace {

using httplib::Request;
using httplib::Response;
using HandlerResponse = httplib::Server::HandlerResponse;

bool takes_body(const std::string& method) {
  return method == "POST" || method == "PUT" || method == "PATCH" || method == "DELETE";
}

bool has_body(const Request& req) {
  const std::string length = req.get_header_value("Content-Length");
  return req.has_header("Transfer-Encoding") || (!length.empty() && length != "0");
}

std::size_t header_bytes(const Request& req) {
  std::size_t n = 0;
  for (const auto& [name, value] : req.headers) n += name.size() + value.size() + 4;
  return n;
}

// Runs before routing, before a body is read: refuses oversized headers,
// and other methods than GET and HEAD when they come without a body
// (httplib would answer a bodiless POST 400; one with a body is read, so
// that 413 applies, and refused by the routes).
HandlerResponse screen(const Request& req, Response& res, std::size_t max_header_bytes) {
  if (header_bytes(req) > max_header_bytes) {
    send_error(res, ApiError(431, "headers_too_large", "the request headers are over " +
                                                           std::to_string(max_header_bytes) + " bytes"));
    return HandlerResponse::Handled;
  }
  if (req.method != "GET" && req.method != "HEAD" && !has_body(req)) {
    refuse_method(req, res);
    return HandlerResponse::Handled;
  }
  return HandlerResponse::Unhandled;
}

// Gives httplib's own refusals (no handler wrote a body) the JSON form.
// httplib 0.11 answers a header line over its limit with a bare 400 before
// routing, the request line parsed. Its other 400s are a request line it
// cannot parse (no path) and a body it cannot read (a method that takes
// one); so a bodiless 400 of a parsed request without a body is that case.
void on_error(const Request& req, Response& res) {
  if (!res.body.empty()) return;
  int status = res.status;
  if (status == 400 && !req.path.empty() && !takes_body(req.method)) status = 431;
  send_error(res, status_error(status));
}

}  // namespace

Server::Server(ServerOptions options)
    : options_(std::move(options)), searchers_(options_.routes.db) {
  configure();
}

void Server::configure() {
  const std::size_t threads = options_.threads;
  http_.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  // httplib writes a response's headers and body separately; with Nagle's
  // algorithm on, the body then waits for the client's delayed ACK (40 ms
  // on Linux): every answer on a kept-alive connection came 40 ms late.
  http_.set_tcp_nodelay(true);
  http_.set_payload_max_length(options_.max_body_bytes);
  http_.set_read_timeout(options_.io_timeout_seconds, 0);
  http_.set_write_timeout(options_.io_timeout_seconds, 0);
  // An idle keep-alive connection holds a thread: keep it short.
  http_.set_keep_alive_timeout(2);
  http_.set_keep_alive_max_count(100);
  http_.set_default_headers({{"X-Content-Type-Options", "nosniff"},
                             {"Referrer-Policy", "no-referrer"},
                             {"Content-Security-Policy",
                              "default-src 'self'; object-src 'none'; base-uri 'none'; "
                              "frame-ancestors 'none'; form-action 'self'"}});
  const std::size_t max_header = options_.max_header_bytes;
  http_.set_pre_routing_handler(
      [max_header](const Request& req, Response& res) { return screen(req, res, max_header); });
  http_.set_error_handler(on_error);
  http_.set_exception_handler([](const Request&, Response& res, std::exception_ptr error) {
    send_error(res, to_api_error(error));
  });
  add_routes(http_, options_.routes, searchers_);
}

int Server::bind(const std::string& host, int port) {
  const int bound = port == 0 ? http_.bind_to_any_port(host) : (http_.bind_to_port(host, port) ? port : -1);
  if (bound <= 0) {
    throw std::runtime_error("cannot listen on " + host + ":" + std::to_string(port) +
                             " (address in use, not local, or not allowed)");
  }
  return bound;
}

bool Server::run() { return http_.listen_after_bind(); }

void Server::stop() { http_.stop(); }

}  // namespace trove::serve
