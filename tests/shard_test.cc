// A sharded index, local and served by Xapian's own xapian-tcpsrv, answers
// exactly as the unsharded index on the same records.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <thread>

#include "test_util.h"
#include "trove/trove.h"

namespace trove {
namespace {

// A free loopback port: bind to port 0 and ask which one was given.
int free_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  ::close(fd);
  return ntohs(addr.sin_port);
}

bool accepts(int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(port);
  const bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  ::close(fd);
  return ok;
}

// xapian-tcpsrv serving one shard on 127.0.0.1, stopped on destruction.
class ShardServer {
 public:
  explicit ShardServer(const std::string& shard) : port_(free_port()) {
    pid_ = ::fork();
    if (pid_ == 0) {
      // Its own process group: xapian-tcpsrv forks a child per connection,
      // and stop() ends them all (the server signals its group on exit).
      ::setpgid(0, 0);
      std::freopen("/dev/null", "w", stderr);  // it reports dropped connections there
      ::execlp("xapian-tcpsrv", "xapian-tcpsrv", "--quiet", "--interface", "127.0.0.1", "--port",
               std::to_string(port_).c_str(), shard.c_str(), static_cast<char*>(nullptr));
      ::_exit(127);
    }
    for (int i = 0; i < 100 && !accepts(port_); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  }
  ~ShardServer() { stop(); }
  void stop() {
    if (pid_ <= 0) return;
    ::kill(-pid_, SIGTERM);
    ::waitpid(pid_, nullptr, 0);
    pid_ = -1;
  }
  int port() const { return port_; }

 private:
  int port_;
  pid_t pid_ = -1;
};

std::string build(const std::string& db, const std::vector<std::string>& sources,
                  std::size_t shards) {
  WriterOptions options;
  options.shards = shards;
  IndexWriter writer = IndexWriter::open(db, options);
  ingest(writer, sources, Format::kAuto, {});
  writer.finish();
  return db;
}

std::vector<SearchRequest> query_set() {
  const std::vector<std::string> facets = {"country", "region", "year", "topic", "category"};
  std::vector<SearchRequest> requests;
  for (const char* q : {"referral", "labour migration", "\"forced marriage\"", "trafficking",
                        "title:court", "+child -debt", "border AND police", "victim OR shelter",
                        "region:\"Middle East\" support", "year:2000..2010 network", ""}) {
    SearchRequest r;
    r.query = q;
    r.facets = facets;
    r.limit = 25;
    requests.push_back(r);
  }
  SearchRequest filtered = requests[1];
  filtered.filters = {{"country", "Nepal"}, {"country", "Chad"}, {"year", "1995..2015"}};
  requests.push_back(filtered);
  SearchRequest by_year = requests[3];
  by_year.sort = SortOrder::kYear;
  by_year.offset = 10;
  requests.push_back(by_year);
  return requests;
}

void check_same(Searcher& expected, Searcher& actual) {
  for (const SearchRequest& request : query_set()) {
    INFO("query: " << request.query);
    const SearchResult a = expected.search(request);
    const SearchResult b = actual.search(request);
    CHECK(a.total == b.total);
    REQUIRE(a.hits.size() == b.hits.size());
    for (std::size_t i = 0; i < a.hits.size(); ++i) {
      CHECK(a.hits[i].record.id == b.hits[i].record.id);
      CHECK(a.hits[i].score == Approx(b.hits[i].score));
    }
    for (const auto& [name, counts] : a.facets) {
      INFO("facet " << name);
      const auto& other = b.facets.at(name);
      REQUIRE(counts.size() == other.size());
      for (std::size_t i = 0; i < counts.size(); ++i) {
        CHECK(counts[i].value == other[i].value);
        CHECK(counts[i].count == other[i].count);
      }
    }
  }
}

struct Corpus {
  test::TempDir dir;
  std::vector<std::string> sources{test::sample_path(),
                                   test::generate_corpus(dir, "generated.jsonl", 3000)};
  std::string whole = build(dir / "whole", sources, 1);
  std::string sharded = build(dir / "sharded", sources, 3);
};

}  // namespace

TEST_CASE("three local shards answer exactly as one index", "[shards]") {
  Corpus corpus;
  Searcher whole = Searcher::open(corpus.whole);
  Searcher sharded = Searcher::open(corpus.sharded);
  REQUIRE(whole.document_count() == 3010);
  REQUIRE(sharded.document_count() == 3010);
  check_same(whole, sharded);
}

namespace {

// `n` records of a country no other record has, added to `db`.
void add_atlantis(const std::string& db, int n) {
  IndexWriter writer = IndexWriter::open(db);
  for (int i = 0; i < n; ++i) {
    Record r;
    r.id = "new-" + std::to_string(i);
    r.title = "Referral in Atlantis";
    r.country = {"Atlantis"};
    r.year = 2001 + i;
    writer.add(r);
  }
  writer.finish();
}

// Rebuilds `db` from the ten sample records alone.
void rebuild(const std::string& db, std::size_t shards) {
  WriterOptions options;
  options.rebuild = true;
  options.shards = shards;
  IndexWriter writer = IndexWriter::open(db, options);
  ingest(writer, {test::sample_path()}, Format::kAuto, {});
  writer.finish();
}

std::size_t atlantis_count(Searcher& searcher) {
  SearchRequest request;
  request.query = "referral";
  request.facets = {"country"};
  const SearchResult result = searcher.search(request);
  const std::vector<FacetCount>& countries = result.facets.at("country");
  const auto atlantis = std::find_if(countries.begin(), countries.end(),
                                     [](const FacetCount& c) { return c.value == "Atlantis"; });
  return atlantis == countries.end() ? 0 : atlantis->count;
}

}  // namespace

TEST_CASE("three local shards count records committed after the searcher opened", "[shards]") {
  // Each local shard counts facets from columns of its own, loaded on the
  // first faceted query; a commit to the same generation must reach the
  // shards and their columns.
  Corpus corpus;
  Searcher whole = Searcher::open(corpus.whole);
  Searcher sharded = Searcher::open(corpus.sharded);
  check_same(whole, sharded);  // columns loaded
  CHECK(atlantis_count(sharded) == 0);
  add_atlantis(corpus.whole, 7);
  add_atlantis(corpus.sharded, 7);
  CHECK(atlantis_count(sharded) == 7);
  CHECK(sharded.document_count() == 3017);
  check_same(whole, sharded);
}

TEST_CASE("three local shards count facets each from its own columns", "[shards]") {
  // The pool's count of loaded columns shows the path taken: each of the
  // 3 shards loads a column per facet counted (5 facets), where Xapian's
  // spy (the fallback for remote shards) loads none. The columns are the
  // pool's, loaded once, shared by its Searchers.
  Corpus corpus;
  Searcher whole = Searcher::open(corpus.whole);
  SearcherPool pool = SearcherPool::open(corpus.sharded);
  {
    SearcherPool::Lease a = pool.acquire();
    SearcherPool::Lease b = pool.acquire();
    check_same(whole, *a);
    check_same(whole, *b);
  }
  CHECK(pool.stats().column_loads == 15);
  CHECK(pool.stats().states == 1);

  // A commit of one record: the shard it went to loads its columns again
  // (5 more); the two shards the commit left unchanged keep theirs.
  add_atlantis(corpus.whole, 1);
  add_atlantis(corpus.sharded, 1);
  CHECK(atlantis_count(*pool.acquire()) == 1);
  check_same(whole, *pool.acquire());
  CHECK(pool.stats().column_loads == 20);
  CHECK(pool.stats().states == 1);

  // A rebuild: a new generation, every shard's columns loaded anew.
  rebuild(corpus.whole, 1);
  rebuild(corpus.sharded, 3);
  CHECK(pool.acquire()->document_count() == 10);
  check_same(whole, *pool.acquire());
  CHECK(pool.stats().column_loads == 35);
  CHECK(pool.stats().states == 1);
}

TEST_CASE("shards served by xapian-tcpsrv answer exactly as one index", "[shards]") {
  Corpus corpus;
  const std::string gen = corpus.sharded + "/gen-000001/shard-";
  ShardServer server0(gen + "0"), server1(gen + "1");
  const std::string stub = corpus.dir.write(
      "remote.stub", "remote 127.0.0.1:" + std::to_string(server0.port()) + "\n" +
                         "remote 127.0.0.1:" + std::to_string(server1.port()) + "\n" +
                         "auto " + gen + "2\n");
  Searcher whole = Searcher::open(corpus.whole);
  Searcher remote = Searcher::open(stub);
  CHECK(remote.document_count() == 3010);
  check_same(whole, remote);

  // A shard server that is down is an error naming it, not a hang.
  server1.stop();
  const std::string name = "127.0.0.1:" + std::to_string(server1.port());
  CHECK_THROWS_AS(remote.search(query_set()[0]), IndexError);
  try {
    Searcher::open(stub);
    FAIL("opening with a shard server down must fail");
  } catch (const IndexError& e) {
    CHECK_THAT(e.what(), Catch::Contains("cannot open index '" + stub + "'") &&
                             Catch::Contains(name));
  }
}

TEST_CASE("one database behind a stub answers as the index whether local or served remotely",
          "[shards]") {
  // A single local database counts facets from in-memory columns; a remote
  // one must use Xapian's own spy, which xapian-tcpsrv runs. Both must give
  // the same answers as the index directory itself.
  Corpus corpus;
  const std::string shard = corpus.whole + "/gen-000001/shard-0";
  ShardServer server(shard);
  const std::string remote_stub =
      corpus.dir.write("one-remote.stub", "remote 127.0.0.1:" + std::to_string(server.port()) + "\n");
  const std::string local_stub = corpus.dir.write("one-local.stub", "auto " + shard + "\n");
  Searcher whole = Searcher::open(corpus.whole);
  Searcher remote = Searcher::open(remote_stub);
  Searcher local = Searcher::open(local_stub);
  CHECK(remote.document_count() == 3010);
  check_same(whole, remote);
  check_same(whole, local);
}

TEST_CASE("changing the shard count needs a rebuild", "[shards]") {
  test::TempDir dir;
  const std::string db = build(dir / "db", {test::sample_path()}, 2);
  WriterOptions options;
  options.shards = 3;
  CHECK_THROWS_WITH(IndexWriter::open(db, options),
                    "cannot write index '" + db +
                        "': it has 2 shards, not 3; rebuild it to change that "
                        "(trove-index --rebuild --shards N)");
  options.rebuild = true;
  {
    IndexWriter writer = IndexWriter::open(db, options);
    ingest(writer, {test::sample_path()}, Format::kAuto, {});
    writer.finish();
  }
  Searcher searcher = Searcher::open(db);
  CHECK(searcher.document_count() == 10);
  // Keeping the count (0) updates the index in place.
  IndexWriter writer = IndexWriter::open(db);
  CHECK(writer.document_count() == 10);
}

}  // namespace trove
