// tools/common/json_writer and result_json's text against nlohmann: the
// direct writer must give exactly the bytes nlohmann::json::dump gives for
// the same document (the reference DOM builders of
// tests/serve/result_json_reference), compact and indented.
#include <catch2/catch.hpp>

#include <cfloat>
#include <cmath>
#include <cstring>
#include <limits>
#include <random>

#include "common/json_writer.h"
#include "common/result_json.h"
#include "result_json_parsed.h"
#include "common/text.h"
#include "serve/result_json_reference.h"

namespace trove::tools {
namespace {

using nlohmann::json;

const int kIndents[] = {-1, 0, 2, 4};

std::string written(std::string_view text, int indent = -1) {
  std::string out;
  JsonWriter(out, indent).value(text);
  return out;
}

std::string written(double number) {
  std::string out;
  JsonWriter(out).value(number);
  return out;
}

// Strings nlohmann must escape or pass through, and invalid UTF-8.
std::vector<std::string> tricky_strings() {
  std::vector<std::string> strings = {
      "", "plain", "quote \" inside", "back\\slash", "\\\"", "slash / stays", "tab\there",
      "new\nline", "cr\rlf\n", "bell\a", "bs\b ff\f", "esc\x1B[2J", "unit sep \x1F", "del \x7F",
      "caf\xC3\xA9", "\xE4\xB8\xAD\xE6\x96\x87", "emoji \xF0\x9F\x98\x80", "nbsp \xC2\xA0",
      "c1 \xC2\x9B", "bom \xEF\xBB\xBF", "u+fffd \xEF\xBF\xBD", "max \xF4\x8F\xBF\xBF",
      std::string("nul \0 inside", 12), "bad \xC3", "bad \xFF\xFE", "overlong \xC0\xAF",
      "surrogate \xED\xA0\x80", "too big \xF4\x90\x80\x80", "truncated \xE2\x82", "\xF0\x9F\x98"};
  for (int c = 0; c < 0x80; ++c) strings.push_back(std::string(1, static_cast<char>(c)));
  return strings;
}

TEST_CASE("JsonWriter escapes strings exactly as nlohmann dumps them", "[json_writer]") {
  for (const std::string& s : tricky_strings()) {
    INFO("string: " << json(valid_utf8(s)).dump());
    CHECK(written(s) == json(valid_utf8(s)).dump());
    CHECK(json::parse(written(s)).get<std::string>() == valid_utf8(s));
  }
  CHECK(written("a\"b\\c\n\x01") == R"("a\"b\\c\n\u0001")");
  CHECK(written("\x1F\x7F") == "\"\\u001f\x7F\"");
  CHECK(written("bad \xC3") == "\"bad \xEF\xBF\xBD\"");
}

TEST_CASE("JsonWriter writes numbers exactly as nlohmann dumps them", "[json_writer]") {
  const double special[] = {0.0, -0.0, 1.0, -1.0, 1.5, 10.0, 0.1, 1.0 / 3, 1e-5, 1e-4, 1e15,
                            1e16, 1e17, 1e21, 123456789012345678.0, 5e-324, DBL_MIN, DBL_MAX,
                            10.343756345202966, -2.5e-300};
  for (double d : special) CHECK(written(d) == json(d).dump());
  CHECK(written(std::nan("")) == "null");
  CHECK(written(std::numeric_limits<double>::infinity()) == "null");
  CHECK(written(10.0) == "10.0");
  CHECK(written(1e-5) == "1e-05");
  std::mt19937_64 random(42);
  for (int i = 0; i < 20000; ++i) {
    const std::uint64_t bits = random();
    double d;
    std::memcpy(&d, &bits, sizeof d);
    if (i % 2) d = std::ldexp(static_cast<double>(bits >> 11), -40);  // scores' magnitudes
    INFO("bits " << bits);
    REQUIRE(written(d) == json(d).dump());
  }
  for (std::uint64_t n : {std::uint64_t{0}, std::uint64_t{7}, ~std::uint64_t{0}}) {
    std::string out;
    JsonWriter(out).value(n);
    CHECK(out == json(n).dump());
  }
  for (std::int64_t n : {std::int64_t{-1}, std::numeric_limits<std::int64_t>::min()}) {
    std::string out;
    JsonWriter(out).value(n);
    CHECK(out == json(n).dump());
  }
}

TEST_CASE("JsonWriter lays out containers as nlohmann dump does", "[json_writer]") {
  const json expected = json::parse(R"({"a": [], "b": {}, "c": [1, [2, {}], {"d": null}],
      "e": {"f": true, "g": [false]}, "h": "x"})");
  for (int indent : kIndents) {
    std::string out;
    JsonWriter w(out, indent);
    w.begin_object().key("a").begin_array().end_array().key("b").begin_object().end_object();
    w.key("c").begin_array().value(1).begin_array().value(2).begin_object().end_object();
    w.end_array().begin_object().key("d").null().end_object().end_array();
    w.key("e").begin_object().key("f").value(true).key("g").begin_array().value(false);
    w.end_array().end_object().key("h").value("x").end_object();
    INFO("indent " << indent);
    CHECK(out == expected.dump(indent));
  }
}

// A result with every member and a tricky string in every string field.
SearchResult tricky_result(const std::vector<std::string>& s) {
  SearchResult result;
  result.total = 123456;
  for (std::size_t i = 0; i + 6 < s.size(); i += 7) {
    Hit hit;
    hit.rank = i + 1;
    hit.score = 10.0 / static_cast<double>(i + 3);
    hit.record.id = s[i];
    hit.record.title = s[i + 1];
    if (i % 3) hit.record.year = static_cast<int>(1990 + i);
    hit.record.authors = {s[i + 2], s[i + 3]};
    hit.record.country = {s[i + 4]};
    hit.record.region = {s[i + 5]};
    hit.record.topic = {s[i + 6]};
    if (i % 2) hit.record.category = {s[i], s[i + 6]};
    hit.snippet = s[i + 3] + " [" + s[i + 4] + "] " + s[i + 5];
    result.hits.push_back(hit);
  }
  result.facets["country"] = {{s[3], 10}, {s[4], 9}};
  result.facets["year"] = {{"2013", 1}};
  result.facets["region"] = {};
  result.notes = {s[1], s[2]};
  result.suggestion = Suggestion{s[5], {{s[6], s[7]}, {s[8], s[9]}}};
  return result;
}

Explanation tricky_explanation(const std::vector<std::string>& s) {
  Explanation e{s[0], true, 3.25, true, 0.125, -0.0, {}};
  e.parts.push_back({ScoreSource::kQuery, s[1], "", 1, 3, 120, 2.0 / 3, 1.75});
  e.parts.push_back({ScoreSource::kField, s[2], "title", 0.5, 1, 120, 0.1, 0.0});
  e.parts.push_back({ScoreSource::kProximity, "\"a b\"", "abstract", 0.2, 0, 7, 0, 1e-7});
  e.parts.push_back({ScoreSource::kFeedback, s[3], "author", 0.25, 2, 0, 1e300, 1.5});
  return e;
}

TEST_CASE("result_json_text is the reference DOM's dump byte for byte", "[json_writer][result_json]") {
  const std::vector<std::string> s = tricky_strings();
  SearchRequest request;
  request.query = s[30];
  request.offset = 20;
  const SearchResult result = tricky_result(s);
  const ExplainedHit explained{3, tricky_explanation(s)};
  for (int indent : kIndents) {
    INFO("indent " << indent);
    CHECK(result_json_text(request, result, indent) ==
          reference::result_json(request, result).dump(indent));
    CHECK(result_json_text(SearchRequest{}, SearchResult{}, indent) ==
          reference::result_json(SearchRequest{}, SearchResult{}).dump(indent));
    json with_explain = reference::result_json(request, result);
    with_explain["explain"] = reference::explanation_json(3, explained.explanation);
    CHECK(result_json_text(request, result, indent, &explained) == with_explain.dump(indent));
  }
  CHECK(json::parse(result_json_text(request, result, -1)) == reference::result_json(request, result));
  CHECK(result_json(request, result) == reference::result_json(request, result));
  CHECK(explanation_json(3, explained.explanation) ==
        reference::explanation_json(3, explained.explanation));
}

TEST_CASE("record_json_text and completions_json_text match the reference DOM's dump",
          "[json_writer][result_json]") {
  const std::vector<std::string> s = tricky_strings();
  for (const Hit& hit : tricky_result(s).hits) {
    Record record = hit.record;
    record.abstract = hit.snippet + s[7];
    for (int indent : kIndents) {
      CHECK(record_json_text(record, indent) == reference::record_json(record).dump(indent));
    }
    CHECK(record_json(record) == reference::record_json(record));
  }
  std::vector<Completion> completions;
  for (std::size_t i = 0; i < s.size(); ++i) completions.push_back({s[i], "title", i * 1000});
  for (int indent : kIndents) {
    CHECK(completions_json_text(completions, indent) ==
          reference::completions_json(completions).dump(indent));
    CHECK(completions_json_text({}, indent) == "[]");
  }
}

}  // namespace
}  // namespace trove::tools
