#include "corpus_model.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <fstream>
#include <map>
#include <set>
#include <stdexcept>

namespace bench {
namespace {

// Country, region; most frequent first. Diacritics on purpose.
const char* const kCountries[][2] = {
    {"Worldwide", "Worldwide"},
    {"United States", "North America"},
    {"United Kingdom", "Western Europe"},
    {"India", "South Asia"},
    {"Nigeria", "Sub-Saharan Africa"},
    {"Germany", "Western Europe"},
    {"Thailand", "Southeast Asia"},
    {"Mexico", "Latin America"},
    {"Philippines", "Southeast Asia"},
    {"Brazil", "Latin America"},
    {"Romania", "Eastern Europe"},
    {"Italy", "Western Europe"},
    {"Nepal", "South Asia"},
    {"Lebanon", "Middle East"},
    {"Ukraine", "Eastern Europe"},
    {"Bangladesh", "South Asia"},
    {"Spain", "Western Europe"},
    {"France", "Western Europe"},
    {"Netherlands", "Western Europe"},
    {"Moldova", "Eastern Europe"},
    {"Cambodia", "Southeast Asia"},
    {"Viet Nam", "Southeast Asia"},
    {"China", "East Asia"},
    {"Indonesia", "Southeast Asia"},
    {"Ghana", "Sub-Saharan Africa"},
    {"Kenya", "Sub-Saharan Africa"},
    {"South Africa", "Sub-Saharan Africa"},
    {"Egypt", "North Africa"},
    {"Morocco", "North Africa"},
    {"Libya", "North Africa"},
    {"Tunisia", "North Africa"},
    {"Jordan", "Middle East"},
    {"Iraq", "Middle East"},
    {"Syria", "Middle East"},
    {"Türkiye", "Middle East"},
    {"Pakistan", "South Asia"},
    {"Sri Lanka", "South Asia"},
    {"Japan", "East Asia"},
    {"Republic of Korea", "East Asia"},
    {"Canada", "North America"},
    {"Colombia", "Latin America"},
    {"Guatemala", "Latin America"},
    {"Honduras", "Latin America"},
    {"Peru", "Latin America"},
    {"Argentina", "Latin America"},
    {"Poland", "Eastern Europe"},
    {"Bulgaria", "Eastern Europe"},
    {"Albania", "Eastern Europe"},
    {"Serbia", "Eastern Europe"},
    {"Côte d'Ivoire", "Sub-Saharan Africa"},
    {"Senegal", "Sub-Saharan Africa"},
    {"Ethiopia", "Sub-Saharan Africa"},
    {"Uganda", "Sub-Saharan Africa"},
    {"Malaysia", "Southeast Asia"},
    {"Myanmar", "Southeast Asia"},
    {"Mongolia", "East Asia"},
    {"Greece", "Western Europe"},
    {"Sweden", "Western Europe"},
    {"Portugal", "Western Europe"},
    {"Algeria", "North Africa"},
    {"São Tomé and Príncipe", "Sub-Saharan Africa"},
    {"Curaçao", "Latin America"},
};

FacetTables build_tables() {
  FacetTables t;
  for (const auto& c : kCountries) {
    t.countries.push_back(c[0]);
    t.country_region.push_back(c[1]);
  }
  t.categories = {"Research",   "Policy",     "Training Material", "Guidelines",
                  "Legislation", "Case Study", "Statistics",        "Advocacy"};
  t.topics = {"Trafficking",       "Migration",       "Labour Exploitation",
              "Child Protection", "Gender-Based Violence", "Asylum"};
  t.first_names = {"Markéta", "José",   "Zoë",    "François", "Jürgen", "Søren",  "Łukasz",
                   "Ana",     "María",  "Ahmed",  "Fatima",   "Wei",    "Priya",  "Olga",
                   "Inès",    "Kwame",  "Amara",  "John",     "Sarah",  "Michael", "Rachel",
                   "Jamille", "Björn",  "Émile",  "Nuno",     "Aiko",   "Dmitri", "Leila"};
  t.last_names = {"Von Hagen", "García",  "Müller",  "Dvořák",   "Nowak",     "Okafor",
                  "Smith",     "Nguyen",  "Kowalski", "Haddad",  "Rossi",     "Silva",
                  "Jensen",    "Öztürk",  "Núñez",   "Kim",      "Patel",     "Lillie",
                  "Bigio",     "Vogelstein", "Ferreira", "Ibrahim", "Schneider", "Lefèvre",
                  "Ivanova",   "Petrović", "Mwangi", "Tanaka",   "Andersson", "Bello"};
  return t;
}

// Lower-cased ASCII-letter words of the sample with their counts.
std::map<std::string, std::size_t> sample_counts(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open sample " + path);
  std::map<std::string, std::size_t> counts;
  std::string word;
  char c;
  auto flush = [&] {
    if (!word.empty()) ++counts[word];
    word.clear();
  };
  while (in.get(c)) {
    auto u = static_cast<unsigned char>(c);
    if (u < 0x80 && std::isalpha(u)) {
      word += static_cast<char>(std::tolower(u));
    } else {
      flush();
    }
  }
  flush();
  return counts;
}

}  // namespace

const FacetTables& facet_tables() {
  static const FacetTables tables = build_tables();
  return tables;
}

FacetSamplers::FacetSamplers()
    : country(zipf(facet_tables().countries.size(), 1.0)),
      category(zipf(facet_tables().categories.size(), 1.0)),
      topic(zipf(facet_tables().topics.size(), 0.5)),
      year(geometric(kLastYear - kFirstYear + 1, 1.08)) {}

std::vector<std::string> load_vocabulary(const std::string& words_path,
                                         const std::string& sample_path, std::uint64_t seed) {
  auto counts = sample_counts(sample_path);
  std::vector<std::pair<std::string, std::size_t>> ranked(counts.begin(), counts.end());
  std::stable_sort(ranked.begin(), ranked.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  std::vector<std::string> vocabulary;
  std::set<std::string> seen;
  for (const auto& entry : ranked) {
    vocabulary.push_back(entry.first);
    seen.insert(entry.first);
  }
  if (!words_path.empty()) {
    std::ifstream in(words_path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot open word list " + words_path);
    std::vector<std::string> listed;
    std::string line;
    while (std::getline(in, line)) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (line.empty() || line.find('\'') != std::string::npos) continue;
      if (line.find(' ') != std::string::npos || seen.count(line)) continue;
      seen.insert(line);
      listed.push_back(line);
    }
    Rng rng(seed ^ 0x5eed5eed5eed5eedULL);
    for (std::size_t i = listed.size(); i > 1; --i) std::swap(listed[i - 1], listed[rng.below(i)]);
    vocabulary.insert(vocabulary.end(), listed.begin(), listed.end());
  }
  if (vocabulary.empty()) throw std::runtime_error("no vocabulary words");
  return vocabulary;
}

RecordGenerator::RecordGenerator(const std::vector<std::string>& vocabulary, std::uint64_t seed)
    : vocabulary_(vocabulary), rng_(seed), word_(zipf(vocabulary.size(), 1.0)) {}

std::vector<std::uint32_t> RecordGenerator::draw_words(std::size_t n) {
  std::vector<std::uint32_t> ids(n);
  for (auto& id : ids) id = static_cast<std::uint32_t>(word_.sample(rng_));
  return ids;
}

std::string RecordGenerator::words_text(const std::vector<std::uint32_t>& ids,
                                        bool title_case) const {
  std::string text;
  for (std::size_t i = 0; i < ids.size(); ++i) {
    std::string w = vocabulary_[ids[i]];
    if ((title_case || i == 0) && !w.empty() && w[0] >= 'a' && w[0] <= 'z') w[0] -= 'a' - 'A';
    if (i > 0) text += ' ';
    text += w;
  }
  return text;
}

std::vector<std::string> RecordGenerator::distinct(const Discrete& d,
                                                   const std::vector<std::string>& names,
                                                   std::size_t n) {
  std::vector<std::string> out;
  while (out.size() < n) {
    const std::string& v = names[d.sample(rng_)];
    if (std::find(out.begin(), out.end(), v) == out.end()) out.push_back(v);
  }
  return out;
}

GeneratedRecord RecordGenerator::next() {
  const FacetTables& t = facet_tables();
  GeneratedRecord g;
  BenchRecord& r = g.record;
  char id[32];
  std::snprintf(id, sizeof id, "gen-%07zu", ++count_);
  r.id = id;
  r.title = words_text(draw_words(static_cast<std::size_t>(rng_.between(6, 14))), true);
  std::size_t remaining = static_cast<std::size_t>(rng_.between(60, 400));
  while (remaining > 0) {
    std::size_t n = std::min<std::size_t>(remaining, static_cast<std::size_t>(rng_.between(6, 24)));
    g.sentences.push_back(draw_words(n));
    r.abstract += (r.abstract.empty() ? "" : " ") + words_text(g.sentences.back(), false) + ".";
    remaining -= n;
  }
  const double author_count = rng_.unit();
  for (int i = 0, n = author_count < 0.5 ? 1 : author_count < 0.85 ? 2 : 3; i < n; ++i) {
    r.authors.push_back(t.first_names[rng_.below(t.first_names.size())] + " " +
                        t.last_names[rng_.below(t.last_names.size())]);
  }
  const double country_count = rng_.unit();
  r.country = distinct(facets_.country, t.countries,
                       country_count < 0.7 ? 1 : country_count < 0.9 ? 2 : 3);
  for (const auto& c : r.country) {
    auto i = std::find(t.countries.begin(), t.countries.end(), c) - t.countries.begin();
    const std::string& region = t.country_region[static_cast<std::size_t>(i)];
    if (std::find(r.region.begin(), r.region.end(), region) == r.region.end()) {
      r.region.push_back(region);
    }
  }
  r.year = kFirstYear + static_cast<int>(facets_.year.sample(rng_));
  const double category_count = rng_.unit();
  r.category = distinct(facets_.category, t.categories,
                        category_count < 0.2 ? 0 : category_count < 0.7 ? 1 : 2);
  r.topic = distinct(facets_.topic, t.topics, 1);
  return g;
}

}  // namespace bench
