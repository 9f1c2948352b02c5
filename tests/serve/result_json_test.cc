// tools/common/result_json: the one JSON form of results, shared by
// trove-search --json and trove-serve. (valid_utf8 is tested in
// tests/tools_output_test.cc.)
#include <catch2/catch.hpp>

#include "common/result_json.h"
#include "result_json_parsed.h"

namespace trove::tools {
namespace {

using nlohmann::json;

TEST_CASE("result_json has trove-search's shape and always dumps", "[result_json]") {
  SearchRequest request;
  request.query = "caf\xC3";
  request.offset = 10;
  SearchResult result;
  result.total = 11;
  Hit hit;
  hit.rank = 11;
  hit.score = 1.5;
  hit.record.id = "r1";
  hit.record.title = "T\xFF";
  hit.record.country = {"Lebanon"};
  hit.snippet = "a [b]";
  result.hits.push_back(hit);
  result.facets["year"] = {{"2013", 2}};
  const json expected = json::parse(R"({"query":"caf\ufffd","total":11,"offset":10,
    "hits":[{"rank":11,"id":"r1","score":1.5,"title":"T\ufffd","year":null,
      "countries":["Lebanon"],"regions":[],"authors":[],"topics":[],"categories":[],
      "snippet":"a [b]"}],
    "facets":{"year":[{"value":"2013","count":2}]},"notes":[]})");
  const json out = result_json(request, result);
  CHECK(out == expected);
  CHECK_NOTHROW(out.dump());
}

TEST_CASE("record_json is the whole record with its abstract", "[result_json]") {
  Record r;
  r.id = "r2";
  r.title = "Title";
  r.abstract = "An abstract.";
  r.year = 2013;
  r.topic = {"Trafficking"};
  CHECK(record_json(r) == json::parse(R"({"id":"r2","title":"Title","abstract":"An abstract.",
    "year":2013,"countries":[],"regions":[],"authors":[],"topics":["Trafficking"],
    "categories":[]})"));
}

}  // namespace
}  // namespace trove::tools
