// trove-serve through a real HTTP client: a server on a free loopback port
// answers exactly what the library answers, and every refusal has its
// status and JSON error.
#include <httplib.h>
#include <sys/time.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <regex>

#include "common/result_json.h"
#include "result_json_parsed.h"
#include "server_process.h"
#include "../test_util.h"
#include "trove/trove.h"

namespace trove {
namespace {

using nlohmann::json;

// The sample plus 120 generated records (countries, regions and years for
// paging and facets), indexed once per test case and served.
struct Served {
  test::TempDir dir;
  std::string db = dir / "index";
  std::string generated = test::generate_corpus(dir, "generated.jsonl", 120);

  explicit Served(std::vector<std::string> extra = {}) : server_(start(extra)) {}

  Searcher library() const { return Searcher::open(db); }
  httplib::Client client() const {
    httplib::Client c("127.0.0.1", server_->port());
    c.set_read_timeout(20, 0);
    c.set_url_encode(false);  // the tests encode (and sometimes mean "+")
    return c;
  }
  test::ServerProcess& process() { return *server_; }

 private:
  std::unique_ptr<test::ServerProcess> start(std::vector<std::string> extra) {
    IndexWriter writer = IndexWriter::open(db);
    ingest(writer, {test::sample_path(), generated}, Format::kAuto, {});
    writer.finish();
    extra.insert(extra.begin(), {"--db", db, "--threads", "4"});
    return std::make_unique<test::ServerProcess>(TROVE_SERVE_BIN, extra);
  }
  std::unique_ptr<test::ServerProcess> server_;
};

std::string encode(const std::string& text) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += {'%', hex[c >> 4], hex[c & 15]};
    }
  }
  return out;
}

// GET `path`; the response must have come.
httplib::Response get(httplib::Client& client, const std::string& path,
                      const httplib::Headers& headers = {}) {
  const httplib::Result result = client.Get(path.c_str(), headers);
  REQUIRE(result);
  return *result;
}

json error_body(const std::string& code, const std::string& message) {
  return {{"error", {{"code", code}, {"message", message}}}};
}

void check_error(const httplib::Response& res, int status, const std::string& code,
                 const std::string& message) {
  CHECK(res.status == status);
  CHECK(res.get_header_value("Content-Type") == "application/json");
  CHECK(json::parse(res.body) == error_body(code, message));
}

struct SearchCase {
  std::string params;     // the query string, values encoded
  SearchRequest request;  // what it must mean to the library
};

std::vector<SearchCase> search_cases() {
  std::vector<SearchCase> cases;
  SearchRequest r;
  r.query = "referral";
  r.facets = {"country", "region", "year", "topic", "category"};
  cases.push_back({"q=referral&facets=all", r});
  r = {};
  r.query = "labour";
  r.filters = {{"country", "Nepal"}, {"year", "2000..2010"}};
  r.facets = {"country", "year"};
  r.offset = 5;
  r.limit = 5;
  cases.push_back({"q=labour&filter=country:Nepal&filter=year:2000..2010&facets=country,year"
                   "&offset=5&limit=5", r});
  r = {};
  r.filters = {{"region", "Middle East"}};
  r.facets = {"region", "topic"};
  r.sort = SortOrder::kYear;
  r.limit = 20;
  cases.push_back({"filter=" + encode("region:Middle East") +
                   "&facets=region&facets=topic&sort=year&limit=20", r});
  r = {};
  r.query = "trafficking \"human beings\"";
  r.snippets = false;
  cases.push_back({"q=" + encode(r.query) + "&snippets=0", r});
  r = {};
  r.query = "border police";
  r.highlight_begin = "\x02";
  r.highlight_end = "\x03";
  r.limit = 0;
  r.facets = {"category"};
  cases.push_back({"q=border+police&highlight_begin=%02&highlight_end=%03&limit=0&facets=category", r});
  return cases;
}

TEST_CASE("serve: /api/search answers exactly what the library answers", "[serve]") {
  Served served;
  Searcher searcher = served.library();
  httplib::Client client = served.client();
  for (const SearchCase& c : search_cases()) {
    INFO(c.params);
    const httplib::Response res = get(client, "/api/search?" + c.params);
    CHECK(res.status == 200);
    CHECK(res.get_header_value("Content-Type") == "application/json");
    const SearchResult expected = searcher.search(c.request);
    CHECK(expected.total > 0);
    CHECK(json::parse(res.body) == tools::result_json(c.request, expected));
  }
}

TEST_CASE("serve: the totals and counts of the sample are the library's", "[serve]") {
  Served served;
  httplib::Client client = served.client();
  const json body = json::parse(get(client, "/api/search?q=trafficking&facets=country,year").body);
  CHECK(body["total"] == 9);
  CHECK(body["hits"].size() == 9);
  CHECK(body["facets"]["country"] ==
        json::parse(R"([{"value":"Worldwide","count":8},{"value":"Lebanon","count":1}])"));
  CHECK(body["facets"]["year"] ==
        json::parse(R"([{"value":"2013","count":3},{"value":"2017","count":2},)"
                    R"({"value":"2012","count":1},{"value":"2018","count":1},)"
                    R"({"value":"2019","count":1},{"value":"2020","count":1}])"));
  // "+" is a space, as browsers write forms; %2B a plus.
  CHECK(json::parse(get(client, "/api/search?q=human+trafficking").body)["query"] ==
        "human trafficking");
  CHECK(json::parse(get(client, "/api/search?q=%2Btrafficking").body)["query"] == "+trafficking");
}

TEST_CASE("serve: /api/complete answers exactly what the library completes", "[serve]") {
  Served served;
  Searcher searcher = served.library();
  httplib::Client client = served.client();
  struct Case {
    std::string params;
    std::string prefix, field;
    std::size_t limit;
  };
  const std::vector<Case> cases = {{"q=mar", "mar", "", 10},
                                   {"q=la&field=word&limit=3", "la", "word", 3},
                                   {"q=le&field=country", "le", "country", 10},
                                   {"q=MARK%C3%89", "MARK\u00C9", "", 10},
                                   {"q=report+1", "report 1", "title", 5},
                                   {"q=zzzz", "zzzz", "", 10},
                                   {"", "", "", 10}};
  for (const Case& c : cases) {
    INFO(c.params);
    const std::string path = "/api/complete?" + c.params +
                             (c.field == "title" ? "&field=title&limit=5" : "");
    const httplib::Response res = get(client, path);
    CHECK(res.status == 200);
    CHECK(res.get_header_value("Content-Type") == "application/json");
    const json expected = {
        {"prefix", c.prefix},
        {"completions", tools::completions_json(searcher.complete(c.prefix, c.field, c.limit))}};
    CHECK(json::parse(res.body) == expected);
    CHECK(expected["completions"].empty() == (c.prefix == "zzzz" || c.prefix.empty()));
  }
  CHECK(json::parse(get(client, "/api/complete?q=mar").body) == json::parse(R"({"prefix":"mar",
      "completions":[{"text":"marriage","field":"word","count":114},
                     {"text":"Mara","field":"word","count":1},
                     {"text":"Markéta Von Hagen","field":"author","count":1}]})"));
  CHECK(json::parse(get(client, "/api/complete?q=le&field=country").body) ==
        json::parse(R"({"prefix":"le","completions":[{"text":"Lebanon","field":"country","count":45}]})"));
}

TEST_CASE("serve: 400 for a bad /api/complete parameter says which and why", "[serve]") {
  Served served;
  httplib::Client client = served.client();
  check_error(get(client, "/api/complete?q=le&field=colour"), 400, "bad_query",
              "unknown field 'colour' to complete; use title, author, word, country, region, "
              "year, topic or category");
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"q=le&limit=51", "'limit' must be at most 50"},
      {"q=le&limit=few", "'limit' takes a whole number from 0 to 50, not 'few'"},
      {"q=le&q=la", "'q' is given more than once"},
      {"q=" + std::string(1025, 'a'), "'q' is over 1024 bytes"},
      {"q=le&page=2", "unknown parameter 'page'; use q, field or limit"},
  };
  for (const auto& [params, message] : cases) {
    INFO(params);
    check_error(get(client, "/api/complete?" + params), 400, "bad_parameter", message);
  }
}

TEST_CASE("serve: a misspelt query's answer carries the suggestion", "[serve]") {
  Served served;
  httplib::Client client = served.client();
  const json body = json::parse(get(client, "/api/search?q=traficking").body);
  CHECK(body["total"] == 0);
  CHECK(body["suggestion"] == json::parse(R"({"query":"trafficking",
      "changes":[{"from":"traficking","to":"trafficking"}]})"));
  CHECK(json::parse(get(client, "/api/search?q=trafficking").body).count("suggestion") == 0);
}

TEST_CASE("serve: /api/records/ID is the whole record and 404 for an unknown id", "[serve]") {
  Served served;
  Searcher searcher = served.library();
  httplib::Client client = served.client();
  const std::string id = "r7";
  const httplib::Response res = get(client, "/api/records/" + id);
  CHECK(res.status == 200);
  CHECK(json::parse(res.body) == tools::record_json(*searcher.record(id)));
  CHECK(json::parse(res.body)["title"] == "Report 7 on police");
  check_error(get(client, "/api/records/r9999"), 404, "not_found", "no record with id 'r9999'");
}

TEST_CASE("serve: /api/similar/ID answers what the library's similar answers", "[serve]") {
  Served served;
  Searcher searcher = served.library();
  httplib::Client client = served.client();
  SearchRequest first;
  first.query = "\"human trafficking\"";
  first.limit = 1;
  const std::string id = searcher.search(first).hits.at(0).record.id;  // a sample record
  SearchRequest request;
  request.limit = 3;
  request.facets = {"country"};
  const SearchResult expected = searcher.similar(id, request);
  REQUIRE(expected.total > 0);
  CHECK(expected.hits.size() == 3);
  for (const Hit& hit : expected.hits) CHECK(hit.record.id != id);
  const httplib::Response res = get(client, "/api/similar/" + id + "?limit=3&facets=country");
  CHECK(res.status == 200);
  CHECK(json::parse(res.body) == tools::result_json(request, expected));
  check_error(get(client, "/api/similar/r9999"), 404, "not_found", "no record with id 'r9999'");
  check_error(get(client, "/api/similar/" + id + "?limit=x"), 400, "bad_parameter",
              json::parse(get(client, "/api/search?limit=x").body)["error"]["message"].get<std::string>());
}

TEST_CASE("serve: /api/stats and /healthz", "[serve]") {
  Served served;
  httplib::Client client = served.client();
  const json stats = json::parse(get(client, "/api/stats").body);
  CHECK(stats["records"] == 130);
  CHECK(stats["generation"] == "gen-000001");
  CHECK(std::regex_match(stats["last_change"].get<std::string>(),
                         std::regex("20[0-9][0-9]-[01][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-6][0-9]Z")));
  const httplib::Response health = get(client, "/healthz");
  CHECK(health.status == 200);
  CHECK(json::parse(health.body) == json{{"status", "ok"}});
}

// Commits one record the sample does not hold ("zebra" finds it alone).
void add_zebra(const std::string& db) {
  IndexWriter writer = IndexWriter::open(db);
  Record r;
  r.id = "zebra-1";
  r.title = "Zebra crossings and border checks";
  writer.add(r);
  writer.commit();
}

// Sets the modification time of the index's every file to `t`.
void set_mtimes(const std::filesystem::path& db, std::time_t t) {
  const timeval times[2] = {{t, 0}, {t, 0}};
  for (const auto& entry : std::filesystem::recursive_directory_iterator(db)) {
    REQUIRE(::utimes(entry.path().c_str(), times) == 0);
  }
}

TEST_CASE("serve: /api/stats last_change is the newest file and follows a commit", "[serve]") {
  Served served;
  httplib::Client client = served.client();
  set_mtimes(served.db, 1000000000);
  CHECK(json::parse(get(client, "/api/stats").body)["last_change"] == "2001-09-09T01:46:40Z");
  add_zebra(served.db);
  const json stats = json::parse(get(client, "/api/stats").body);
  CHECK(stats["records"] == 131);
  CHECK(stats["generation"] == "gen-000001");
  CHECK(std::regex_match(stats["last_change"].get<std::string>(),
                         std::regex("20[2-9][0-9]-[01][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-6][0-9]Z")));
}

TEST_CASE("serve: the page comes from the binary and nothing else is served", "[serve]") {
  Served served;
  httplib::Client client = served.client();
  const httplib::Response page = get(client, "/?q=referral&page=2");
  CHECK(page.status == 200);
  CHECK(page.get_header_value("Content-Type") == "text/html; charset=utf-8");
  CHECK(page.body.find("<script src=\"/app.js\"") != std::string::npos);
  CHECK(get(client, "/index.html").body == page.body);
  CHECK(get(client, "/app.js").get_header_value("Content-Type") == "text/javascript; charset=utf-8");
  CHECK(get(client, "/style.css").get_header_value("Content-Type") == "text/css; charset=utf-8");
  check_error(get(client, "/../CMakeLists.txt"), 404, "not_found", "no such path: /../CMakeLists.txt");
  check_error(get(client, "/web/app.js"), 404, "not_found", "no such path: /web/app.js");
  check_error(get(client, "/tools/serve/web/app.js"), 404, "not_found",
              "no such path: /tools/serve/web/app.js");
}

TEST_CASE("serve: 400 for a bad query carries trove's own message", "[serve]") {
  Served served;
  httplib::Client client = served.client();
  SearchRequest request;
  request.query = std::string(65, '(') + "x";  // beyond the nesting limit: an error in every mode
  std::string message;
  try {
    served.library().search(request);
  } catch (const QueryError& e) {
    message = e.what();
  }
  REQUIRE(!message.empty());
  std::string nested;
  for (int i = 0; i < 65; ++i) nested += "%28";
  check_error(get(client, "/api/search?q=" + nested + "x"), 400, "bad_query", message);
  check_error(get(client, "/api/search?filter=colour:red"), 400, "bad_query",
              "unknown filter field 'colour'; use country, region, year, topic or category");
  check_error(get(client, "/api/search?facets=colour"), 400, "bad_query",
              "unknown facet 'colour'; use country, region, year, topic or category");
}

TEST_CASE("serve: 400 for a bad parameter says which and why", "[serve]") {
  Served served;
  httplib::Client client = served.client();
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"limit=101", "'limit' must be at most 100"},
      {"offset=10001", "'offset' must be at most 10000"},
      {"offset=-1", "'offset' takes a whole number from 0 to 10000, not '-1'"},
      {"limit=ten", "'limit' takes a whole number from 0 to 100, not 'ten'"},
      {"sort=title", "'sort' takes relevance or year, not 'title'"},
      {"snippets=yes", "'snippets' takes 0 or 1, not 'yes'"},
      {"q=a&q=b", "'q' is given more than once"},
      {"filter=Lebanon", "'filter' takes field:value, e.g. filter=region:Middle East; got 'Lebanon'"},
      {"q=" + std::string(1025, 'a'), "'q' is over 1024 bytes"},
      {"page=2", "unknown parameter 'page'; use q, filter, facets, sort, offset, limit, snippets, "
                 "highlight_begin or highlight_end"},
  };
  for (const auto& [params, message] : cases) {
    INFO(params);
    check_error(get(client, "/api/search?" + params), 400, "bad_parameter", message);
  }
}

TEST_CASE("serve: 404 for an unknown path", "[serve]") {
  Served served;
  httplib::Client client = served.client();
  check_error(get(client, "/api/nothing"), 404, "not_found", "no such path: /api/nothing");
  check_error(get(client, "/api/records/"), 404, "not_found", "no such path: /api/records/");
}

TEST_CASE("serve: 405 for another method than GET", "[serve]") {
  Served served;
  httplib::Client client = served.client();
  httplib::Result post = client.Post("/api/search");
  REQUIRE(post);
  check_error(*post, 405, "method_not_allowed", "POST is not allowed on /api/search; use GET");
  CHECK(post->get_header_value("Allow") == "GET, HEAD");
  httplib::Result with_body = client.Post("/api/search", "q=referral", "application/x-www-form-urlencoded");
  REQUIRE(with_body);
  check_error(*with_body, 405, "method_not_allowed", "POST is not allowed on /api/search; use GET");
  httplib::Result post_complete = client.Post("/api/complete");
  REQUIRE(post_complete);
  check_error(*post_complete, 405, "method_not_allowed",
              "POST is not allowed on /api/complete; use GET");
  httplib::Result del = client.Delete("/api/records/r7");
  REQUIRE(del);
  check_error(*del, 405, "method_not_allowed", "DELETE is not allowed on /api/records/r7; use GET");
}

TEST_CASE("serve: 413 for a body over the limit", "[serve]") {
  Served served;
  httplib::Client client = served.client();
  httplib::Result res = client.Post("/api/search", std::string(10000, 'x'), "text/plain");
  REQUIRE(res);
  check_error(*res, 413, "payload_too_large", "the request body is too large");
}

TEST_CASE("serve: 414 for a request line over 8192 bytes", "[serve]") {
  Served served;
  httplib::Client client = served.client();
  check_error(get(client, "/api/search?q=" + std::string(9000, 'a')), 414, "uri_too_long",
              "the request URI is over 8192 bytes");
}

TEST_CASE("serve: 431 for headers over the limit", "[serve]") {
  Served served;
  httplib::Client client = served.client();
  check_error(get(client, "/api/search?q=referral", {{"X-Long", std::string(9000, 'a')}}), 431,
              "headers_too_large", "the request headers are too large");
  httplib::Headers many;
  for (int i = 0; i < 40; ++i) many.emplace("X-Header-" + std::to_string(i), std::string(500, 'b'));
  check_error(get(client, "/api/search?q=referral", many), 431, "headers_too_large",
              "the request headers are over 16384 bytes");
}

TEST_CASE("serve: 503 while the index is unavailable and 200 again after", "[serve]") {
  Served served;
  httplib::Client client = served.client();
  CHECK(get(client, "/api/search?q=referral").status == 200);
  const std::string away = served.dir / "moved";
  std::filesystem::rename(served.db, away);
  const std::string message =
      "cannot open index '" + served.db + "': no such directory; create it with trove-index";
  check_error(get(client, "/api/search?q=referral"), 503, "index_unavailable", message);
  check_error(get(client, "/healthz"), 503, "index_unavailable", message);
  CHECK(get(client, "/api/stats").status == 503);
  CHECK(get(client, "/api/records/r7").status == 503);
  std::filesystem::rename(away, served.db);
  CHECK(get(client, "/api/search?q=referral").status == 200);
  CHECK(get(client, "/healthz").status == 200);
}

TEST_CASE("serve: 503 for a query over the time limit", "[serve]") {
  Served served({"--query-timeout", "0.000001"});
  httplib::Client client = served.client();
  const httplib::Response res = get(client, "/api/search?q=referral&facets=all");
  CHECK(res.status == 503);
  const json body = json::parse(res.body);
  CHECK(body["error"]["code"] == "timeout");
  CHECK(std::regex_match(body["error"]["message"].get<std::string>(),
                         std::regex("the query took [0-9.]+ ms, over the server's limit of "
                                    "0\\.000001 ms")));
  CHECK(get(client, "/api/records/r7").status == 200);  // the limit is on searches
}

TEST_CASE("serve: commits and rebuilds are picked up without a restart", "[serve]") {
  Served served;
  httplib::Client client = served.client();
  CHECK(json::parse(get(client, "/api/search?q=zebra").body)["total"] == 0);
  add_zebra(served.db);
  CHECK(json::parse(get(client, "/api/search?q=zebra").body)["total"] == 1);
  CHECK(json::parse(get(client, "/api/stats").body)["records"] == 131);
  {
    WriterOptions rebuild;
    rebuild.rebuild = true;
    IndexWriter writer = IndexWriter::open(served.db, rebuild);
    ingest(writer, {test::sample_path()}, Format::kAuto, {});
    writer.finish();
  }
  const json stats = json::parse(get(client, "/api/stats").body);
  CHECK(stats["records"] == 10);
  CHECK(stats["generation"] == "gen-000002");
  CHECK(json::parse(get(client, "/api/search?q=zebra").body)["total"] == 0);
}

TEST_CASE("serve: answers on a kept-alive connection are not held back by Nagle", "[serve]") {
  // Without TCP_NODELAY each answer's body waited for the client's delayed
  // ACK of its headers: 40 ms a request, 800 ms for these 20.
  Served served;
  httplib::Client client = served.client();
  client.set_keep_alive(true);
  CHECK(get(client, "/healthz").status == 200);
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < 20; ++i) CHECK(get(client, "/api/search?q=referral&limit=1").status == 200);
  const std::chrono::duration<double, std::milli> took = std::chrono::steady_clock::now() - start;
  CHECK(took.count() < 400);
}

TEST_CASE("serve: SIGTERM stops the server with status 0", "[serve]") {
  Served served;
  httplib::Client client = served.client();
  CHECK(get(client, "/healthz").status == 200);
  CHECK(served.process().stop() == 0);
}

// Runs `command` with a shell; returns its exit status and sets `output` to
// what it printed on stdout and stderr.
int shell(const std::string& command, std::string& output) {
  FILE* pipe = ::popen((command + " 2>&1").c_str(), "r");
  REQUIRE(pipe);
  char buffer[256];
  output.clear();
  while (std::fgets(buffer, sizeof buffer, pipe)) output += buffer;
  const int status = ::pclose(pipe);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

TEST_CASE("serve: start-up mistakes exit with a clear message", "[serve]") {
  test::TempDir dir;
  const std::string bin = TROVE_SERVE_BIN;
  std::string out;
  CHECK(shell(bin + " --db " + dir.path() + "/none --listen 127.0.0.1:0", out) == 1);
  CHECK(out == "trove-serve: cannot open index '" + dir.path() +
                   "/none': no such directory; create it with trove-index\n");
  CHECK(shell(bin + " --db x --listen 127.0.0.1:http", out) == 2);
  CHECK(out.rfind("trove-serve: --listen takes HOST:PORT", 0) == 0);
  CHECK(shell(bin + " --listen 127.0.0.1:0", out) == 2);
  CHECK(out.rfind("trove-serve: the option '--db' is required", 0) == 0);
  CHECK(shell(bin + " --version", out) == 0);
  CHECK(out.rfind("trove-serve ", 0) == 0);
}

}  // namespace
}  // namespace trove
