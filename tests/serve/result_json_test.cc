// tools/common/result_json: the one JSON form of results, shared by
// trove-search --json and trove-serve.
#include <catch2/catch.hpp>

#include "common/result_json.h"

namespace trove::tools {
namespace {

using nlohmann::json;

const std::string kFffd = "\xEF\xBF\xBD";

TEST_CASE("valid_utf8 keeps well-formed text and replaces each bad byte", "[result_json]") {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"", ""},
      {"plain ascii", "plain ascii"},
      {"Mark\xC3\xA9ta \xE2\x80\xA6 \xF0\x9F\x98\x80", "Mark\xC3\xA9ta \xE2\x80\xA6 \xF0\x9F\x98\x80"},
      {"a\xFF" "b", "a" + kFffd + "b"},                      // never a UTF-8 byte
      {"\xC3", kFffd},                                       // truncated at the end
      {"\xE2\x80" "x", kFffd + kFffd + "x"},                 // truncated in the middle
      {"\xC0\xAF", kFffd + kFffd},                           // overlong '/'
      {"\xE0\x80\xAF", kFffd + kFffd + kFffd},               // overlong, three bytes
      {"\xED\xA0\x80", kFffd + kFffd + kFffd},               // a surrogate
      {"\xF4\x90\x80\x80", kFffd + kFffd + kFffd + kFffd},   // over U+10FFFF
      {"\x80", kFffd},                                       // a lone continuation byte
  };
  for (const auto& [in, out] : cases) {
    INFO(in);
    CHECK(valid_utf8(in) == out);
  }
}

TEST_CASE("result_to_json has trove-search's shape and always dumps", "[result_json]") {
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
    "facets":{"year":[{"value":"2013","count":2}]}})");
  const json out = result_to_json(request, result);
  CHECK(out == expected);
  CHECK_NOTHROW(out.dump());
}

TEST_CASE("record_to_json is the whole record with its abstract", "[result_json]") {
  Record r;
  r.id = "r2";
  r.title = "Title";
  r.abstract = "An abstract.";
  r.year = 2013;
  r.topic = {"Trafficking"};
  CHECK(record_to_json(r) == json::parse(R"({"id":"r2","title":"Title","abstract":"An abstract.",
    "year":2013,"countries":[],"regions":[],"authors":[],"topics":["Trafficking"],
    "categories":[]})"));
}

}  // namespace
}  // namespace trove::tools
