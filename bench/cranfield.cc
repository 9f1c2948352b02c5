#include "cranfield.h"

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace bench {

std::vector<JudgedQuery> read_smart_queries(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot open " + path);
  std::vector<JudgedQuery> queries;
  std::string line;
  bool in_text = false;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.rfind(".I", 0) == 0) {
      JudgedQuery q;
      q.qid = std::to_string(queries.size() + 1);
      std::istringstream fields(line.substr(2));
      fields >> q.orig_id;
      queries.push_back(q);
      in_text = false;
    } else if (line.size() >= 2 && line[0] == '.' && line.size() <= 3) {
      in_text = line == ".W";
    } else if (in_text && !queries.empty()) {
      std::string& text = queries.back().text;
      text += (text.empty() ? "" : " ") + line;
    }
  }
  if (queries.empty()) throw std::runtime_error(path + ": no queries (.I lines)");
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

}  // namespace bench
