#include "bench_record.h"

#include <cctype>
#include <fstream>
#include <stdexcept>

#include <nlohmann/json.hpp>

namespace bench {
namespace {

using nlohmann::json;

std::vector<std::string> string_list(const json& object, const char* key) {
  std::vector<std::string> out;
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) return out;
  if (it->is_string()) {
    out.push_back(it->get<std::string>());
  } else if (it->is_array()) {
    for (const auto& v : *it) out.push_back(v.get<std::string>());
  } else {
    throw std::runtime_error(std::string("field '") + key + "' is not a string or list");
  }
  return out;
}

std::string string_field(const json& object, const char* key) {
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) return {};
  if (it->is_number_integer()) return std::to_string(it->get<long long>());
  return it->get<std::string>();
}

BenchRecord parse_record(const std::string& line) {
  json j = json::parse(line);
  BenchRecord r;
  r.id = string_field(j, "id");
  r.title = string_field(j, "title");
  r.abstract = string_field(j, "abstract");
  r.authors = string_list(j, "authors");
  r.country = string_list(j, "country");
  r.region = string_list(j, "region");
  r.category = string_list(j, "category");
  r.topic = string_list(j, "topic");
  auto y = j.find("year");
  if (y != j.end() && y->is_number_integer()) {
    r.year = y->get<int>();
  } else if (y != j.end() && y->is_string() && !y->get<std::string>().empty()) {
    r.year = std::stoi(y->get<std::string>());
  }
  return r;
}

std::ifstream open_or_throw(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open " + path);
  return in;
}

}  // namespace

const char* const kKindGroups[4] = {"plain", "filtered", "phrase", "faceted"};

void read_jsonl(const std::string& path, const std::function<void(BenchRecord&&)>& on_record) {
  std::ifstream in = open_or_throw(path);
  std::string line;
  std::size_t line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    try {
      on_record(parse_record(line));
    } catch (const nlohmann::json::exception& e) {
      throw std::runtime_error(path + ":" + std::to_string(line_no) + ": " + e.what());
    } catch (const std::invalid_argument& e) {
      throw std::runtime_error(path + ":" + std::to_string(line_no) + ": bad year");
    }
  }
}

CorpusSize measure_corpus(const std::string& path) {
  CorpusSize size;
  read_jsonl(path, [&](BenchRecord&& r) {
    ++size.records;
    size.text_bytes += r.title.size() + r.abstract.size();
    for (const auto& a : r.authors) size.text_bytes += a.size();
  });
  std::ifstream in = open_or_throw(path);
  in.seekg(0, std::ios::end);
  size.file_bytes = static_cast<std::size_t>(in.tellg());
  return size;
}

std::vector<BenchQuery> read_queries(const std::string& path) {
  std::ifstream in = open_or_throw(path);
  std::vector<BenchQuery> queries;
  std::string line;
  std::size_t line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    try {
      json j = json::parse(line);
      BenchQuery q;
      q.kind = j.at("kind").get<std::string>();
      q.text = j.value("text", "");
      for (const auto& f : j.value("filters", json::array())) {
        q.filters.push_back({f.at("field").get<std::string>(), f.at("value").get<std::string>()});
      }
      for (const auto& f : j.value("facets", json::array())) q.facets.push_back(f.get<std::string>());
      queries.push_back(std::move(q));
    } catch (const nlohmann::json::exception& e) {
      throw std::runtime_error(path + ":" + std::to_string(line_no) + ": " + e.what());
    }
  }
  return queries;
}

std::vector<std::string> query_words(const std::string& text) {
  std::vector<std::string> words;
  std::string word;
  for (char c : text) {
    auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) || u >= 0x80) {
      word += static_cast<char>(u < 0x80 ? std::tolower(u) : u);
    } else if (!word.empty()) {
      words.push_back(std::move(word));
      word.clear();
    }
  }
  if (!word.empty()) words.push_back(std::move(word));
  return words;
}

std::string kind_group(const std::string& kind) {
  if (kind == "filter1" || kind == "filter2" || kind == "range") return "filtered";
  if (kind == "facet") return "faceted";
  return kind;  // plain, phrase
}

std::pair<int, int> parse_year_range(const std::string& value) {
  auto dots = value.find("..");
  auto to_int = [&](const std::string& s, int missing) {
    if (s.empty()) return missing;
    std::size_t used = 0;
    int v = std::stoi(s, &used);
    if (used != s.size()) throw std::runtime_error("bad year range '" + value + "'");
    return v;
  };
  try {
    if (dots == std::string::npos) {
      int y = to_int(value, 0);
      return {y, y};
    }
    return {to_int(value.substr(0, dots), 0), to_int(value.substr(dots + 2), 9999)};
  } catch (const std::logic_error&) {
    throw std::runtime_error("bad year range '" + value + "'");
  }
}

}  // namespace bench
