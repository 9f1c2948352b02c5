// trove-serve: a trove index over HTTP, as a JSON API and a search page.
#include <pthread.h>
#include <signal.h>

#include <boost/program_options.hpp>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

#include "cli.h"
#include "serve/server.h"
#include "trove/version.h"

namespace po = boost::program_options;

namespace {

constexpr char kUsage[] = R"(Usage: trove-serve --db DIR [--listen HOST:PORT] [--threads N] [--query-timeout MS]

Serves the trove index DIR over HTTP: a JSON API and a search page at /.
Read-only: it answers from the live index and picks up every commit and
rebuild (trove-index) without a restart. It listens on the loopback
interface unless told otherwise; put a reverse proxy in front of it to serve
other machines. Once listening it prints "listening on http://HOST:PORT" on
stdout (with --listen HOST:0 the port is a free one). SIGINT or SIGTERM stops
it.

Endpoints (README, "trove-serve"):
  GET /api/search?q=...&filter=field:value&facets=all&sort=year&offset=0&limit=10
  GET /api/complete?q=PREFIX&field=F&limit=10
  GET /api/records/ID   GET /api/stats   GET /healthz   GET / (the page)
Errors are JSON {"error": {"code", "message"}}: 400 bad query or parameter,
404, 405, 413/414/431 oversized request, 503 index unavailable or a query
over --query-timeout.

Exit status: 0 stopped by a signal, 1 index or network error, 2 bad usage.

Options)";

struct Address {
  std::string host;
  int port = 0;
};

// "HOST:PORT", "[V6]:PORT" or ":PORT" (loopback).
Address parse_listen(const std::string& text) {
  const std::size_t colon = text.rfind(':');
  const std::string port = colon == std::string::npos ? "" : text.substr(colon + 1);
  if (port.empty() || port.size() > 5 || port.find_first_not_of("0123456789") != std::string::npos ||
      std::stoi(port) > 65535) {
    throw po::error("--listen takes HOST:PORT (PORT 0 to 65535), e.g. 127.0.0.1:8080; got '" +
                    text + "'");
  }
  std::string host = text.substr(0, colon);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  return {host.empty() ? "127.0.0.1" : host, std::stoi(port)};
}

trove::serve::ServerOptions parse_options(int argc, char** argv, Address& address, bool& quit) {
  trove::serve::ServerOptions options;
  std::string listen;
  std::vector<std::string> rest;
  po::options_description visible(kUsage);
  visible.add_options()
      ("help,h", "show this help")
      ("version", "print the version and exit")
      ("db", po::value(&options.routes.db)->required(), "index directory (or stub file)")
      ("listen", po::value(&listen)->default_value("127.0.0.1:8080"), "HOST:PORT to listen on")
      ("threads", po::value(&options.threads)->default_value(8),
       "requests served at once; each busy thread borrows a Searcher (they share the facet columns)")
      ("query-timeout", po::value(&options.routes.query_timeout_ms)->default_value(5000),
       "milliseconds; a search that takes longer is answered 503");
  po::variables_map vm;
  quit = !trove::cli::parse("trove-serve", argc, argv, visible, rest, vm);
  if (quit) return options;
  if (!rest.empty()) throw po::error("unexpected argument '" + rest.front() + "'");
  if (options.threads < 1 || options.threads > 1024) throw po::error("--threads takes 1 to 1024");
  if (!(options.routes.query_timeout_ms > 0)) throw po::error("--query-timeout must be over 0");
  address = parse_listen(listen);
  return options;
}

// Stops `server` on SIGINT or SIGTERM. The signals are blocked in every
// thread (this one and the server's inherit the mask) and taken here with
// sigwait, so no handler runs in a signal context.
std::thread stop_on_signal(trove::serve::Server& server, sigset_t signals) {
  return std::thread([&server, signals] {
    int signal = 0;
    sigwait(&signals, &signal);
    server.stop();
  });
}

int run(int argc, char** argv) {
  Address address;
  bool quit = false;
  trove::serve::ServerOptions options = parse_options(argc, argv, address, quit);
  if (quit) return 0;
  ::signal(SIGPIPE, SIG_IGN);  // a client that hangs up is not a reason to die
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  trove::serve::Server server(std::move(options));
  int port = 0;
  try {
    port = server.bind(address.host, address.port);
  } catch (const std::runtime_error& e) {
    std::cerr << "trove-serve: " << e.what() << "\n";
    return 1;
  }
  const bool v6 = address.host.find(':') != std::string::npos;
  std::cout << "listening on http://" << (v6 ? "[" + address.host + "]" : address.host) << ":"
            << port << std::endl;
  std::thread stopper = stop_on_signal(server, signals);
  const bool ok = server.run();
  ::kill(::getpid(), SIGTERM);  // ends the stopper's wait if the server failed by itself
  stopper.join();
  return ok ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) { return trove::cli::main("trove-serve", argc, argv, run); }
