// trove-serve's HTTP server: cpp-httplib's threaded server with bounded
// requests, trove's routes and JSON errors for everything httplib itself
// refuses.
//
// Thread safety: stop() may be called from any thread while run() blocks.
#ifndef TROVE_TOOLS_SERVE_SERVER_H_
#define TROVE_TOOLS_SERVE_SERVER_H_

#include <httplib.h>

#include <cstddef>
#include <string>

#include "serve/routes.h"
#include "serve/searcher_source.h"

namespace trove::serve {

struct ServerOptions {
  RouteOptions routes;
  std::size_t threads = 8;  // requests served at once (one connection each)
  // All request headers together; over it: 431. httplib itself refuses a
  // single header line over 8192 bytes, which is also answered 431, and a
  // request line over 8192 bytes (414).
  std::size_t max_header_bytes = 16384;
  std::size_t max_body_bytes = 4096;  // over it: 413 (no endpoint takes a body)
  int io_timeout_seconds = 5;         // a client that sends or reads nothing for this long is dropped
};

class Server {
 public:
  // Opens the index (throws trove::IndexError as Searcher::open).
  explicit Server(ServerOptions options);

  // Binds to host:port (port 0: any free port); returns the port. Throws
  // std::runtime_error if the address cannot be bound.
  int bind(const std::string& host, int port);

  // Serves until stop(). Returns false if the server failed.
  bool run();

  void stop();

 private:
  void configure();

  const ServerOptions options_;
  SearcherSource searchers_;
  httplib::Server http_;
};

}  // namespace trove::serve

#endif  // TROVE_TOOLS_SERVE_SERVER_H_
