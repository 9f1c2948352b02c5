// trove-gen-corpus: writes a deterministic synthetic corpus (JSON Lines, and
// optionally CTIC listing text) and a benchmark query set.
//
//   trove-gen-corpus --records N --seed S --out-jsonl F [--out-ctic DIR]
//                    [--queries F --query-count 240]
//                    [--words /usr/share/dict/american-english | none]
//                    [--sample corpus/trafficking.txt]
//
// CTIC listings carry one topic per page, so --out-ctic writes a directory
// with one listing per topic (<DIR>/<topic>.txt); trove-index reads it whole.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>

#include "corpus_model.h"
#include "options.h"
#include "query_gen.h"

#ifndef TROVE_BENCH_DEFAULT_SAMPLE
#define TROVE_BENCH_DEFAULT_SAMPLE "corpus/trafficking.txt"
#endif

namespace {

using bench::BenchRecord;
using Json = nlohmann::ordered_json;

const char kUsage[] =
    "usage: trove-gen-corpus --records N [--seed S] --out-jsonl F [--out-ctic DIR]\n"
    "                        [--queries F] [--query-count 240]\n"
    "                        [--words FILE|none] [--sample FILE]\n";

std::string record_json(const BenchRecord& r) {
  Json j;
  j["id"] = r.id;
  j["title"] = r.title;
  j["abstract"] = r.abstract;
  j["authors"] = r.authors;
  j["country"] = r.country;
  j["region"] = r.region;
  j["year"] = *r.year;
  j["category"] = r.category;
  j["topic"] = r.topic;
  return j.dump();
}

void write_label(std::ostream& out, const char* label, const std::vector<std::string>& values) {
  out << label << '\n';
  for (const auto& v : values) out << v << '\n';
}

// One listing file per topic, each opening with the page header.
class CticWriter {
 public:
  explicit CticWriter(const std::string& dir) : dir_(dir) { std::filesystem::create_directories(dir); }

  void write(const BenchRecord& r) {
    std::ofstream& out = stream_for(r.topic.front());
    out << r.title << "\n\n" << r.abstract << '\n';
    write_label(out, "Country", r.country);
    write_label(out, "Region", r.region);
    write_label(out, "Authors", r.authors);
    write_label(out, "Year", {std::to_string(*r.year)});
    write_label(out, "Category", r.category);
    out << '\n';
  }

 private:
  std::ofstream& stream_for(const std::string& topic) {
    auto& slot = files_[topic];
    if (!slot) {
      std::string name;
      for (char c : topic) name += std::isalnum(static_cast<unsigned char>(c)) ? char(std::tolower(c)) : '-';
      slot = std::make_unique<std::ofstream>(dir_ + "/" + name + ".txt", std::ios::binary);
      if (!*slot) throw std::runtime_error("cannot write " + dir_ + "/" + name + ".txt");
      *slot << "Skip to main content\n\n" << topic << "\n\n";
    }
    return *slot;
  }

  std::string dir_;
  std::map<std::string, std::unique_ptr<std::ofstream>> files_;
};

// Opens `path` for writing, creating its directory if need be.
std::ofstream open_output(const std::string& path) {
  std::filesystem::path parent = std::filesystem::path(path).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent);
  std::ofstream out(path, std::ios::binary);
  if (!out) throw std::runtime_error("cannot write " + path);
  return out;
}

void write_queries(const std::string& path, const std::vector<bench::BenchQuery>& queries) {
  std::ofstream out = open_output(path);
  if (!out) throw std::runtime_error("cannot write " + path);
  for (const auto& q : queries) {
    Json j;
    j["kind"] = q.kind;
    j["text"] = q.text;
    j["filters"] = Json::array();
    for (const auto& f : q.filters) j["filters"].push_back({{"field", f.field}, {"value", f.value}});
    j["facets"] = q.facets;
    out << j.dump() << '\n';
  }
}

int run(const bench::Options& opts) {
  const long long records = opts.number("records", -1);
  if (records < 1) throw bench::UsageError("--records must be at least 1");
  const auto seed = static_cast<std::uint64_t>(opts.number("seed", 42));
  const long long query_count = opts.number("query-count", 240);
  if (opts.has("queries") && query_count < 1) throw bench::UsageError("--query-count must be >= 1");
  std::string words = opts.get("words", "/usr/share/dict/american-english");
  if (words == "none") words.clear();

  const auto vocabulary = bench::load_vocabulary(words, opts.get("sample", TROVE_BENCH_DEFAULT_SAMPLE), seed);
  bench::RecordGenerator generator(vocabulary, seed);
  bench::QueryGenerator query_gen(vocabulary, static_cast<std::size_t>(records), seed);
  std::ofstream jsonl = open_output(opts.required("out-jsonl"));
  std::unique_ptr<CticWriter> ctic;
  if (opts.has("out-ctic")) ctic = std::make_unique<CticWriter>(opts.required("out-ctic"));

  for (long long i = 0; i < records; ++i) {
    bench::GeneratedRecord g = generator.next();
    jsonl << record_json(g.record) << '\n';
    if (ctic) ctic->write(g.record);
    if (opts.has("queries")) query_gen.observe(static_cast<std::size_t>(i), g);
  }
  jsonl.flush();
  if (!jsonl) throw std::runtime_error("error writing " + opts.get("out-jsonl", ""));
  if (opts.has("queries")) {
    write_queries(opts.required("queries"), query_gen.generate(static_cast<std::size_t>(query_count)));
  }
  std::cerr << "trove-gen-corpus: " << records << " records, vocabulary " << vocabulary.size()
            << " words, seed " << seed << "\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    bench::Options opts(argc, argv,
                        {"records", "seed", "out-jsonl", "out-ctic", "queries", "query-count",
                         "words", "sample"},
                        {"help"});
    if (opts.has("help")) {
      std::cout << kUsage;
      return 0;
    }
    return run(opts);
  } catch (const bench::UsageError& e) {
    std::cerr << "trove-gen-corpus: " << e.what() << "\n" << kUsage;
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "trove-gen-corpus: " << e.what() << "\n";
    return 1;
  }
}
