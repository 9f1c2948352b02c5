// The tools' shared output code (tools/common/): text made safe to print,
// and the JSON form of a search result.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>

#include "result_json.h"
#include "serve/result_json_parsed.h"
#include "text.h"

namespace trove::tools {

TEST_CASE("valid_utf8 replaces each maximal invalid subsequence with U+FFFD", "[tools][output]") {
  const std::string r = "\xEF\xBF\xBD";
  struct Case {
    std::string in, out;
  };
  const Case cases[] = {
      {"", ""},
      {"plain ascii", "plain ascii"},
      {"Mark\xC3\xA9ta \xE5\x8C\x97\xE4\xBA\xAC \xF0\x9F\x98\x80", "Mark\xC3\xA9ta \xE5\x8C\x97\xE4\xBA\xAC \xF0\x9F\x98\x80"},
      {"trafficking \xC3", "trafficking " + r},              // truncated at the end
      {"a\xC3" "b", "a" + r + "b"},                           // truncated in the middle
      {"\x80\xBF", r + r},                                    // stray continuation bytes
      {"\xC0\xAF", r + r},                                    // overlong '/'
      {"\xE0\x80\xAF", r + r + r},                            // overlong, three bytes
      {"\xED\xA0\x80", r + r + r},                            // a surrogate
      {"\xF4\x90\x80\x80", r + r + r + r},                    // over U+10FFFF
      {"\xE1\x80" "x", r + "x"},                              // one subpart, then ASCII
      {"\xF0\x9F\x98", r},                                    // truncated four-byte form
      {"\xFF\xFE", r + r},
  };
  for (const Case& c : cases) {
    CAPTURE(c.in);
    CHECK(valid_utf8(c.in) == c.out);
  }
}

TEST_CASE("printable shows control characters instead of sending them", "[tools][output]") {
  CHECK(printable("Evil \x1B[2J\x1B[31mRED") == "Evil ^[[2J^[[31mRED");
  CHECK(printable("bell\a nul") == "bell^G nul");
  CHECK(printable(std::string("a\0b", 3)) == "a^@b");
  CHECK(printable("del\x7F") == "del^?");
  CHECK(printable("tab\tand\nnewline kept") == "tab\tand\nnewline kept");
  CHECK(printable("csi \xC2\x9B" "2J") == "csi \xEF\xBF\xBD" "2J");  // C1 CSI (U+009B)
  CHECK(printable("nbsp \xC2\xA0 stays") == "nbsp \xC2\xA0 stays");
  CHECK(printable("bad \xC3") == "bad \xEF\xBF\xBD");
}

TEST_CASE("result_json has one documented shape", "[tools][output]") {
  SearchRequest request;
  request.query = "referral";
  request.offset = 10;
  SearchResult result;
  result.total = 11;
  Hit hit;
  hit.rank = 11;
  hit.score = 1.5;
  hit.record.id = "ctic-42";
  hit.record.title = "A title";
  hit.record.year = 2013;
  hit.record.country = {"Lebanon"};
  hit.record.region = {"Middle East", "North Africa"};
  hit.record.authors = {"Mark\xC3\xA9ta Von Hagen"};
  hit.record.topic = {"Trafficking"};
  hit.snippet = "the [referral] mechanism";
  result.hits.push_back(hit);
  result.facets["year"] = {{"2013", 1}};
  CHECK(result_json(request, result) == nlohmann::json::parse(R"({
    "query": "referral", "total": 11, "offset": 10,
    "hits": [{"rank": 11, "id": "ctic-42", "score": 1.5, "title": "A title", "year": 2013,
              "countries": ["Lebanon"], "regions": ["Middle East", "North Africa"],
              "authors": ["Markéta Von Hagen"], "topics": ["Trafficking"], "categories": [],
              "snippet": "the [referral] mechanism"}],
    "facets": {"year": [{"value": "2013", "count": 1}]}, "notes": []})"));

  // No year is null; no hits and no facets are empty containers.
  result.hits[0].record.year.reset();
  CHECK(result_json(request, result)["hits"][0]["year"].is_null());
  CHECK(result_json_text(SearchRequest{}, SearchResult{}, -1) ==
        R"({"facets":{},"hits":[],"notes":[],"offset":0,"query":"","total":0})");
}

TEST_CASE("result_json repairs invalid UTF-8 in every string", "[tools][output]") {
  SearchRequest request;
  request.query = "trafficking \xC3";
  SearchResult result;
  result.total = 1;
  Hit hit;
  hit.record.id = "id\xFF";
  hit.record.title = "title \xE2\x82";
  hit.record.country = {"\xC0"};
  hit.record.region = {"\xC0"};
  hit.record.authors = {"\xC0"};
  hit.record.topic = {"\xC0"};
  hit.record.category = {"\xC0"};
  hit.snippet = "snippet \xF0";
  result.hits.push_back(hit);
  result.facets["country"] = {{"\xC0", 1}};
  // Before the repair, dump() threw type_error.316 ("invalid UTF-8 byte").
  const nlohmann::json j = nlohmann::json::parse(result_json_text(request, result));
  const std::string r = "\xEF\xBF\xBD";
  CHECK(j["query"] == "trafficking " + r);
  CHECK(j["hits"][0]["id"] == "id" + r);
  CHECK(j["hits"][0]["title"] == "title " + r);
  for (const char* field : {"countries", "regions", "authors", "topics", "categories"}) {
    CHECK(j["hits"][0][field] == nlohmann::json::array({r}));
  }
  CHECK(j["hits"][0]["snippet"] == "snippet " + r);
  CHECK(j["facets"]["country"][0]["value"] == r);
}

}  // namespace trove::tools
