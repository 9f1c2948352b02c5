#include "collection.h"

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>

namespace bench {
namespace {

std::string text_of(const nlohmann::json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_number_integer()) return std::to_string(value.get<long long>());
  throw std::runtime_error("expected a string or an integer");
}

}  // namespace

std::vector<JudgedQuery> read_judged_queries(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot open " + path);
  std::vector<JudgedQuery> queries;
  std::string line;
  std::size_t line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    try {
      const nlohmann::json obj = nlohmann::json::parse(line);
      queries.push_back({text_of(obj.at("qid")), obj.at("text").get<std::string>()});
    } catch (const std::exception& e) {
      throw std::runtime_error(path + ":" + std::to_string(line_no) +
                               ": expected {\"qid\", \"text\"}: " + e.what());
    }
  }
  if (queries.empty()) throw std::runtime_error(path + ": no queries");
  return queries;
}

Qrels read_qrels(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot open " + path);
  Qrels qrels;
  std::string line;
  std::size_t line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    std::istringstream fields(line);
    std::string qid, iteration, docid;
    int grade;
    if (!(fields >> qid >> iteration >> docid >> grade)) {
      throw std::runtime_error(path + ":" + std::to_string(line_no) +
                               ": expected 'qid 0 docid grade'");
    }
    qrels[qid][docid] = grade;
  }
  return qrels;
}

Collection load_collection(const std::string& dir) {
  const std::filesystem::path d(dir);
  return load_collection((d / "docs.jsonl").string(), (d / "queries.jsonl").string(),
                         (d / "qrels.trec").string());
}

Collection load_collection(const std::string& docs, const std::string& queries,
                           const std::string& qrels) {
  Collection c;
  const std::filesystem::path folder = std::filesystem::absolute(docs).parent_path();
  c.name = folder.filename().string();
  c.docs = docs;
  c.queries = read_judged_queries(queries);
  c.qrels = read_qrels(qrels);
  return c;
}

std::vector<JudgedQuery> judged_queries(const Collection& collection, const std::string& split) {
  const auto& all = collection.queries;
  const auto half = static_cast<long>(all.size() / 2);
  std::vector<JudgedQuery> chosen;
  if (split == "first-half") {
    chosen.assign(all.begin(), all.begin() + half);
  } else if (split == "second-half") {
    chosen.assign(all.begin() + half, all.end());
  } else if (split == "all") {
    chosen = all;
  } else {
    throw std::invalid_argument("--split must be first-half, second-half or all");
  }
  std::vector<JudgedQuery> judged;
  for (const auto& q : chosen) {
    auto it = collection.qrels.find(q.qid);
    if (it == collection.qrels.end()) continue;
    for (const auto& entry : it->second) {
      if (entry.second > 0) {
        judged.push_back(q);
        break;
      }
    }
  }
  return judged;
}

}  // namespace bench
