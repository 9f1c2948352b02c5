// Searcher::explain and Searcher::similar on the sample listing
// (corpus/trafficking.txt): exact parts, the parts adding up to every
// hit's score, exact similar records, and the unknown-id error.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <vector>

#include "sample_index.h"
#include "test_util.h"
#include "trove/trove.h"

namespace trove {
namespace {

using test::SampleIndex;

// The sample's records, newest first (ids are hashes of the titles).
const char kSexualViolence[] = "r3da14a29cd75b928";  // 2020
const char kHope[] = "rfa17564e47aa1ce1";            // 2020
const char kConflict[] = "r8af543590b9292a3";        // 2019
const char kAfterNrm[] = "rb9a9087977224ca1";        // 2018
const char kAssist[] = "r9c441dd3e22d3a2c";          // 2017
const char kMaraSalvatrucha[] = "rc475aa774e687126"; // 2017
const char kLebanon[] = "r091c2eb7fb6c6bab";         // 2013, the one in Lebanon
const char kLabour[] = "recb9f924448c45fd";          // 2013
const char kYearbook[] = "rf70853146cf95a0c";        // 2013
const char kWayForward[] = "r497109bdb8b99a5f";      // 2012

SearchRequest request_for(const std::string& query) {
  SearchRequest request;
  request.query = query;
  request.limit = 20;
  request.snippets = false;
  return request;
}

double sum_of(const Explanation& e) {
  double sum = 0;
  for (const ScorePart& p : e.parts) sum += p.contribution;
  return sum;
}

std::vector<std::string> ids(const SearchResult& result) {
  std::vector<std::string> out;
  for (const Hit& hit : result.hits) out.push_back(hit.record.id);
  return out;
}

// BM25's IDF for a word in `having` of the sample's 10 records.
double idf(double having) {
  const double ratio = (10 - having + 0.5) / (having + 0.5);
  return std::log(ratio < 2 ? ratio / 2 + 1 : ratio);
}

}  // namespace

TEST_CASE("Explain gives each query word with its figures", "[explain]") {
  SampleIndex index;
  Searcher searcher = Searcher::open(index.db);
  const Explanation e = searcher.explain(kAfterNrm, request_for("the referral"));
  CHECK(e.id == kAfterNrm);
  CHECK(e.matches);
  CHECK_FALSE(e.reranked);
  // BM25 with the default k1 and b: the record's 110 words are under half
  // the average length, so Xapian takes its normalised length as 0.5.
  const SearcherOptions d;
  const double length_part = d.bm25_k1 * (d.bm25_b * 0.5 + 1 - d.bm25_b);
  const double bm25 = idf(4) * (d.bm25_k1 + 1) * 4 / (length_part + 4);
  CHECK(e.score == Approx(bm25).epsilon(1e-9));
  CHECK(e.score == Approx(1.070758).epsilon(1e-6));
  REQUIRE(e.parts.size() == 2);
  const ScorePart& referral = e.parts[0];
  CHECK(referral.source == ScoreSource::kQuery);
  CHECK(referral.term == "referr");
  CHECK(referral.field == "");
  CHECK(referral.weight == 1);
  CHECK(referral.term_frequency == 4);
  CHECK(referral.document_length == 110);
  CHECK(referral.idf == Approx(idf(4)));
  CHECK(referral.contribution == e.score);
  const ScorePart& the = e.parts[1];  // a stopword: matches, adds nothing
  CHECK(the.term == "the");
  CHECK(the.weight == 0);
  CHECK(the.term_frequency == 6);
  CHECK(the.contribution == 0);
  CHECK(e.proximity == 0);
  CHECK(e.feedback == 0);
}

TEST_CASE("Explain shows a boost and a field as the weight and field of the part", "[explain]") {
  SampleIndex index;
  Searcher searcher = Searcher::open(index.db);
  const Explanation e = searcher.explain(kHope, request_for("title:referral^2 mechanism"));
  REQUIRE(e.parts.size() == 2);
  CHECK(e.parts[0].term == "referr");
  CHECK(e.parts[0].field == "title");
  CHECK(e.parts[0].weight == 2);
  CHECK(e.parts[0].term_frequency == 1);
  CHECK(e.parts[0].contribution == Approx(1.239825).epsilon(1e-6));
  CHECK(e.parts[1].term == "mechan");
  CHECK(e.parts[1].field == "");
  CHECK(e.parts[1].term_frequency == 3);
  CHECK(e.parts[1].contribution == Approx(0.990701).epsilon(1e-6));
}

TEST_CASE("Explain shows a thesaurus group as one part", "[explain]") {
  SampleIndex index;
  Searcher searcher = Searcher::open(index.db);
  const Explanation e = searcher.explain(kLabour, request_for("labor"));
  REQUIRE(e.parts.size() == 1);
  CHECK(e.parts[0].term == "labor|labour");
  CHECK(e.parts[0].term_frequency == 12);
  CHECK(e.parts[0].idf == Approx(idf(4)));
  CHECK(e.parts[0].contribution == e.score);
}

TEST_CASE("Explain of a long query shows the proximity and feedback parts", "[explain]") {
  SampleIndex index;
  Searcher searcher = Searcher::open(index.db);
  const SearchRequest request =
      request_for("forced labour exploitation of migrant workers in the gulf");
  const SearchResult result = searcher.search(request);
  REQUIRE(result.hits.at(0).record.id == kConflict);
  const Explanation e = searcher.explain(kConflict, request);
  CHECK(e.reranked);
  // Pairs of typed words, each with its thesaurus entries: "forced" and
  // "labour|labor", "labour|labor" and "exploitation", and so on.
  CHECK(e.proximity == Approx(1.642110).epsilon(1e-6));
  CHECK(e.feedback == Approx(1.315971).epsilon(1e-6));
  double proximity = 0, feedback = 0;
  for (const ScorePart& p : e.parts) {
    if (p.source == ScoreSource::kProximity) proximity += p.contribution;
    if (p.source == ScoreSource::kFeedback) feedback += p.contribution;
  }
  CHECK(proximity == e.proximity);
  CHECK(feedback == e.feedback);
  CHECK(std::abs(sum_of(e) - result.hits[0].score) <= 1e-9);
}

TEST_CASE("Explain parts add up to the score of every hit", "[explain]") {
  SampleIndex index;
  SearcherOptions fields;
  fields.field_weights = {0.5, 0.3, 1};
  SearcherOptions no_feedback;
  no_feedback.feedback_records = 0;
  no_feedback.rerank_min_words = 2;
  no_feedback.proximity_weight = 0.5;
  const std::vector<std::string> queries = {
      "referral", "the referral mechanism", "\"referral mechanism\" victims", "labor",
      "title:trafficking^3 -lebanon", "traffick* AND support", "referral OR (border +police)",
      "forced labour exploitation of migrant workers in the gulf",
      "support for survivors of trafficking after the national referral mechanism",
      "country:Worldwide children armed conflict recruitment of child soldiers"};
  for (const SearcherOptions& options : {SearcherOptions(), fields, no_feedback}) {
    Searcher searcher = Searcher::open(index.db, options);
    for (const std::string& query : queries) {
      for (SortOrder sort : {SortOrder::kRelevance, SortOrder::kYear}) {
        SearchRequest request = request_for(query);
        request.sort = sort;
        for (const Hit& hit : searcher.search(request).hits) {
          CAPTURE(query, hit.record.id);
          const Explanation e = searcher.explain(hit.record.id, request);
          CHECK(e.matches);
          CHECK(std::abs(e.score - hit.score) <= 1e-9);
          CHECK(std::abs(sum_of(e) - hit.score) <= 1e-9);
        }
      }
    }
  }
}

TEST_CASE("Explain of a record the query does not match gives score 0", "[explain]") {
  SampleIndex index;
  Searcher searcher = Searcher::open(index.db);
  const Explanation e = searcher.explain(kWayForward, request_for("referral country:Lebanon"));
  CHECK_FALSE(e.matches);
  CHECK(e.score == 0);
  REQUIRE(e.parts.size() == 1);
  CHECK(e.parts[0].term == "referr");
  CHECK(e.parts[0].term_frequency > 0);  // it has the word, but not the filter
  CHECK(e.parts[0].contribution == 0);
  const Explanation all = searcher.explain(kWayForward, request_for(""));
  CHECK(all.matches);
  CHECK(all.score == 0);
  CHECK(all.parts.empty());
}

TEST_CASE("Explain and similar of an unknown id throw RecordNotFoundError", "[explain][similar]") {
  SampleIndex index;
  Searcher searcher = Searcher::open(index.db);
  CHECK_THROWS_MATCHES(searcher.explain("nope", request_for("referral")), RecordNotFoundError,
                       Catch::Matchers::Message("no record with id 'nope'"));
  CHECK_THROWS_MATCHES(searcher.similar("nope", request_for("")), QueryError,
                       Catch::Matchers::Message("no record with id 'nope'"));
}

TEST_CASE("Similar ranks the other records by the record's words", "[similar]") {
  SampleIndex index;
  Searcher searcher = Searcher::open(index.db);
  SearchRequest request = request_for("ignored words");
  request.facets = {"country"};
  const SearchResult result = searcher.similar(kConflict, request);
  CHECK(result.total == 9);
  CHECK(ids(result) == std::vector<std::string>{kYearbook, kAssist, kWayForward,
                                                kSexualViolence, kMaraSalvatrucha, kLebanon,
                                                kAfterNrm, kLabour, kHope});
  CHECK(result.facets.at("country") ==
        std::vector<FacetCount>{{"Worldwide", 8}, {"Lebanon", 1}});
  CHECK_FALSE(result.suggestion);
}

TEST_CASE("Similar honours filters and paging and sort", "[similar]") {
  SampleIndex index;
  Searcher searcher = Searcher::open(index.db);
  SearchRequest filtered = request_for("");
  filtered.filters = {{"country", "Lebanon"}};
  CHECK(ids(searcher.similar(kConflict, filtered)) == std::vector<std::string>{kLebanon});
  SearchRequest page = request_for("");
  page.offset = 2;
  page.limit = 3;
  const SearchResult paged = searcher.similar(kConflict, page);
  CHECK(paged.total == 9);
  CHECK(ids(paged) == std::vector<std::string>{kWayForward, kSexualViolence, kMaraSalvatrucha});
  CHECK(paged.hits[0].rank == 3);
  SearchRequest by_year = request_for("");
  by_year.sort = SortOrder::kYear;
  CHECK(ids(searcher.similar(kConflict, by_year)) ==
        std::vector<std::string>{kSexualViolence, kHope, kAfterNrm, kAssist, kMaraSalvatrucha,
                                 kYearbook, kLebanon, kLabour, kWayForward});
}

}  // namespace trove

namespace trove {

TEST_CASE("A query of fewer than rerank_min_words words gets no proximity or feedback",
          "[explain]") {
  SampleIndex index;
  Searcher searcher = Searcher::open(index.db);
  const Explanation short_query =
      searcher.explain(kConflict, request_for("labour exploitation"));
  CHECK(short_query.matches);
  CHECK_FALSE(short_query.reranked);
  CHECK(short_query.proximity == 0);
  CHECK(short_query.feedback == 0);
  SearcherOptions two_words;
  two_words.rerank_min_words = 2;
  two_words.feedback_records = 0;
  Searcher reranking = Searcher::open(index.db, two_words);
  const Explanation reranked =
      reranking.explain(kConflict, request_for("labour exploitation"));
  CHECK(reranked.reranked);
  // It writes "labor" near "exploitation": the thesaurus makes "labour"
  // and "labor" one word, so the pair is close together.
  CHECK(reranked.proximity > 0);
  CHECK(reranked.feedback == 0);
}

}  // namespace trove

namespace trove {

// The thesaurus adds "labor" to "labour", and truncation every word that
// starts "traffick": one word typed is still one word to the rerank stage.
TEST_CASE("Thesaurus entries and truncation expansions do not count as words for reranking",
          "[explain]") {
  SampleIndex index;
  SearcherOptions two_words;
  two_words.rerank_min_words = 2;
  Searcher searcher = Searcher::open(index.db, two_words);
  for (const std::string query : {"labour", "traffick*"}) {
    CAPTURE(query);
    const SearchResult result = searcher.search(request_for(query));
    REQUIRE_FALSE(result.hits.empty());
    const Explanation e = searcher.explain(result.hits.front().record.id, request_for(query));
    CHECK(e.matches);
    CHECK_FALSE(e.reranked);
    CHECK(e.feedback == 0);
  }
  const Explanation two = searcher.explain(kConflict, request_for("labour exploitation"));
  CHECK(two.reranked);
  CHECK(two.feedback > 0);
}

}  // namespace trove
