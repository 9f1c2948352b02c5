// Shared helpers for trove's tests.
#ifndef TROVE_TESTS_TEST_UTIL_H_
#define TROVE_TESTS_TEST_UTIL_H_

#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "trove/record.h"

namespace trove::test {

// A fresh directory under the system temp dir, removed with its contents.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "trove-test-XXXXXX").string();
    path_ = ::mkdtemp(pattern.data());
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  std::string path() const { return path_; }
  std::string operator/(const std::string& name) const { return path_ + "/" + name; }

  // Writes `content` to the file `name` inside the directory; returns its path.
  std::string write(const std::string& name, const std::string& content) const {
    const std::string file = *this / name;
    std::filesystem::create_directories(std::filesystem::path(file).parent_path());
    std::ofstream(file, std::ios::binary) << content;
    return file;
  }

 private:
  std::string path_;
};

// Writes a deterministic JSON Lines corpus of `n` records (ids r0..r(n-1),
// words, countries, regions and years from small fixed lists) to `name` in
// `dir`; returns its path.
inline std::string generate_corpus(const TempDir& dir, const std::string& name, std::size_t n) {
  static const char* kWords[] = {"labour",   "migration", "border",  "victim",  "referral",
                                 "shelter",  "court",     "police",  "child",   "forced",
                                 "marriage", "debt",      "recruit", "network", "support"};
  static const char* kCountries[] = {"Lebanon", "Nepal", "Chad", "Peru", "Norway"};
  static const char* kRegions[] = {"Middle East", "South Asia", "Africa", "Americas", "Europe"};
  std::string out;
  std::uint64_t state = 42;
  auto next = [&] {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return state >> 33;
  };
  for (std::size_t i = 0; i < n; ++i) {
    std::string abstract;
    for (int w = 0; w < 40; ++w) abstract += std::string(kWords[next() % 15]) + " ";
    const std::size_t c1 = next() % 5, c2 = next() % 5;
    out += "{\"id\": \"r" + std::to_string(i) + "\", \"title\": \"Report " + std::to_string(i) +
           " on " + kWords[i % 15] + "\", \"abstract\": \"" + abstract + "\", \"country\": [\"" +
           kCountries[c1] + "\", \"" + kCountries[c2] + "\"], \"region\": [\"" + kRegions[c1] +
           "\", \"" + kRegions[c2] + "\"], \"year\": " + std::to_string(1990 + i % 30) + "}\n";
  }
  return dir.write(name, out);
}

// A record's non-empty list fields and year: " | country=A;B | year=2013 ...".
inline std::string describe_fields(const Record& r) {
  std::string out;
  auto field = [&](const char* name, const std::vector<std::string>& v) {
    if (v.empty()) return;
    out += std::string(" | ") + name + "=";
    for (std::size_t i = 0; i < v.size(); ++i) out += (i ? ";" : "") + v[i];
  };
  field("country", r.country);
  field("region", r.region);
  field("authors", r.authors);
  if (r.year) out += " | year=" + std::to_string(*r.year);
  field("category", r.category);
  field("topic", r.topic);
  return out;
}

inline std::string sample_path() { return std::string(TROVE_SOURCE_DIR) + "/corpus/trafficking.txt"; }

}  // namespace trove::test

#endif  // TROVE_TESTS_TEST_UTIL_H_
