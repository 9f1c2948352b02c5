// Completion's cache of short prefixes' answers (search/completion_cache.h):
// the same answers as computed afresh, and new ones after every commit.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include <xapian.h>

#include "search/completion.h"
#include "search/completion_cache.h"
#include "test_util.h"
#include "trove/trove.h"

namespace trove {
namespace {

using C = std::vector<Completion>;

// Completions as text, so that a failed check shows them.
std::string shown(const C& completions) {
  std::string out;
  for (const Completion& c : completions) {
    out += "{" + c.text + ", " + c.field + ", " + std::to_string(c.count) + "} ";
  }
  return out;
}

struct SampleIndex {
  test::TempDir dir;
  std::string db = dir / "index";
  SampleIndex() {
    IndexWriter writer = IndexWriter::open(db);
    ingest(writer, {test::sample_path(), test::generate_corpus(dir, "g.jsonl", 60)},
           Format::kAuto, {});
    writer.finish();
  }
};

Record record(const std::string& id, const std::string& title, const std::string& topic) {
  Record r;
  r.id = id;
  r.title = title;
  r.abstract = "Zanzibar and its ports.";
  r.topic = {topic};
  return r;
}

}  // namespace

TEST_CASE("completion cache keeps prefixes of up to 2 folded characters", "[completion]") {
  CHECK(CompletionCache::keeps("t", 10));
  CHECK(CompletionCache::keeps("tr", 10));
  CHECK(CompletionCache::keeps("\xC3\xA9\xC3\xA9", 10));  // "éé": 2 characters in 4 bytes
  CHECK_FALSE(CompletionCache::keeps("tra", 10));
  CHECK_FALSE(CompletionCache::keeps("t", 51));
  CHECK(CompletionCache::keeps("t", 50));
}

// Every short prefix, field and limit asked of one Searcher, so that its
// cache holds many answers side by side, against the same asked of a new
// Searcher (nothing cached) and of completion without a cache.
TEST_CASE("completion answers the same from a warm cache as computed afresh", "[completion]") {
  SampleIndex index;
  Searcher warm = Searcher::open(index.db);
  const Xapian::Database db(index.db);
  const Analyzer analyzer;
  // Short prefixes (answers kept) and longer ones (computed, showing forms
  // kept by the shorter ones' calls).
  const std::vector<std::string> prefixes = {
      "t", "T", "tr", "TR", "m", "ma", "MÁ", "l", "le", "2", "20", "h", "s", "é", "z",
      "traf", "traffick", "trafficki", "mar", "marr", "hope f", "lab", "labour", "mig"};
  const std::vector<std::string> fields = {"", "title", "author", "word", "country", "year"};
  std::size_t nonempty = 0;
  for (int round = 0; round < 2; ++round) {
    for (const std::string& prefix : prefixes) {
      for (const std::size_t limit : {1, 3, 10, 50}) {
        for (const std::string& field : fields) {
          CAPTURE(prefix, field, limit, round);
          const C computed = complete(db, analyzer, prefix, field, limit);
          CHECK(shown(warm.complete(prefix, field, limit)) == shown(computed));
          if (round == 0) {
            CHECK(shown(Searcher::open(index.db).complete(prefix, field, limit)) == shown(computed));
          }
          nonempty += !computed.empty();
        }
      }
    }
  }
  CHECK(nonempty == 2 * 236);  // of 2 * 576 asked
  CHECK(shown(warm.complete("T", "", 2)) == "{Trafficking, topic, 10} {the, word, 10} ");
  CHECK(warm.complete("t", "", 2) == warm.complete("T", "", 2));
  CHECK_THROWS_WITH(warm.complete("t", "nope"),
                    "unknown field 'nope' to complete; use title, author, word, country, region, "
                    "year, topic or category");
}

// The forms shown are kept per state too: a record replaced shows its new
// text, even where its terms stay the same.
TEST_CASE("completion shows the text of the latest commit", "[completion]") {
  SampleIndex index;
  Searcher searcher = Searcher::open(index.db);
  IndexWriter writer = IndexWriter::open(index.db);
  writer.add(record("z1", "Zanzibar ports", "Trafficking"));
  writer.commit();
  for (int round = 0; round < 2; ++round) {
    CHECK(shown(searcher.complete("zanz")) == "{Zanzibar, word, 1} {Zanzibar ports, title, 1} ");
  }
  Record changed = record("z1", "ZANZIBAR PORTS", "Trafficking");
  changed.abstract = "ZANZIBAR and its ports.";
  writer.add(changed);
  writer.commit();
  CHECK(shown(searcher.complete("zanz")) == "{ZANZIBAR, word, 1} {ZANZIBAR PORTS, title, 1} ");
  writer.finish();
}

TEST_CASE("completion of short prefixes follows every commit", "[completion]") {
  SampleIndex index;
  Searcher searcher = Searcher::open(index.db);
  CHECK(searcher.complete("z", "title").empty());
  CHECK(searcher.complete("z", "title").empty());  // from the cache
  CHECK(shown(searcher.complete("t", "topic", 1)) == "{Trafficking, topic, 10} ");
  IndexWriter writer = IndexWriter::open(index.db);
  writer.add(record("z1", "Zanzibar ports", "Trafficking"));
  writer.commit();
  CHECK(searcher.complete("z", "title") == C{{"Zanzibar ports", "title", 1}});
  CHECK(shown(searcher.complete("t", "topic", 1)) == "{Trafficking, topic, 11} ");
  writer.add(record("z2", "Zanzibar ports", "Trafficking"));
  writer.remove("z1");
  writer.commit();
  CHECK(searcher.complete("z", "title") == C{{"Zanzibar ports", "title", 1}});
  writer.remove("z2");
  writer.commit();
  CHECK(searcher.complete("z", "title").empty());
  CHECK(shown(searcher.complete("t", "topic", 1)) == "{Trafficking, topic, 10} ");
  writer.finish();
}

// The cache itself: one state's answers, the latest revision's, within
// its byte budget.
TEST_CASE("completion cache keeps the latest revision's answers within its budget",
          "[completion]") {
  test::TempDir dir;
  const std::string path = dir / "index";
  IndexWriter writer = IndexWriter::open(path);
  writer.add(record("z1", "Zanzibar ports", "Trafficking"));
  writer.commit();
  const Xapian::Database before(path);
  writer.add(record("z2", "Zebra crossings", "Trafficking"));
  writer.commit();
  const Xapian::Database after(path);
  const Analyzer analyzer;
  CompletionCache cache;

  CHECK(shown(complete(after, analyzer, "z", "title", 10, &cache)) ==
        "{Zanzibar ports, title, 1} {Zebra crossings, title, 1} ");
  CHECK(shown(complete(after, analyzer, "zan", "title", 10, &cache)) ==
        "{Zanzibar ports, title, 1} ");
  CHECK(cache.answers() == 1);  // "zan" is not kept
  CHECK(cache.computed() == 2);
  CHECK(cache.forms() == 2);  // the two titles' records, read once
  CHECK(cache.form_bytes() > 0);
  // A Searcher still on the earlier revision computes its own answer, and
  // neither takes the later one's nor replaces it.
  CHECK(shown(complete(before, analyzer, "z", "title", 10, &cache)) ==
        "{Zanzibar ports, title, 1} ");
  CHECK(cache.computed() == 3);
  CHECK(shown(complete(after, analyzer, "z", "title", 10, &cache)) ==
        "{Zanzibar ports, title, 1} {Zebra crossings, title, 1} ");
  CHECK(cache.computed() == 3);
  const std::size_t one_answer = cache.bytes();
  CHECK(one_answer > 2 * sizeof(Completion));

  // Answers beyond the budget are not kept.
  const std::vector<Completion> big = {{std::string(CompletionCache::kMaxBytes / 2, 'z'), "title", 1}};
  cache.keep(after, "big 1", big);
  CHECK(cache.answers() == 2);
  cache.keep(after, "big 2", big);
  CHECK(cache.answers() == 2);
  CHECK(cache.bytes() > CompletionCache::kMaxBytes / 2);
  CHECK(cache.bytes() <= CompletionCache::kMaxBytes);
  CHECK(cache.find(after, "big 1") == big);
  CHECK_FALSE(cache.find(after, "big 2").has_value());
  CHECK_FALSE(cache.find(before, "big 1").has_value());

  // A later revision's answer replaces them all.
  writer.add(record("z3", "Zones", "Trafficking"));
  writer.commit();
  const Xapian::Database latest(path);
  CHECK(shown(complete(latest, analyzer, "z", "title", 10, &cache)) ==
        "{Zanzibar ports, title, 1} {Zebra crossings, title, 1} {Zones, title, 1} ");
  CHECK(cache.answers() == 1);
  CHECK(cache.forms() == 3);
  CHECK(cache.bytes() > one_answer);
  CHECK(cache.bytes() < 2 * one_answer);
  CHECK_FALSE(cache.find(after, "big 1").has_value());
  writer.finish();
}

}  // namespace trove
