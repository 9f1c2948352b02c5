#include "query_gen.h"

#include <algorithm>
#include <cctype>

namespace bench {
namespace {

bool ascii_letters(const std::string& w) {
  return !w.empty() && std::all_of(w.begin(), w.end(), [](char c) {
    return std::isalpha(static_cast<unsigned char>(c)) != 0;
  });
}

std::string lower(std::string w) {
  for (auto& c : w) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return w;
}

constexpr std::size_t kPhraseSources = 64;
const char* const kFilterFields[] = {"country", "region", "category", "topic"};

}  // namespace

QueryGenerator::QueryGenerator(const std::vector<std::string>& vocabulary, std::size_t records,
                               std::uint64_t seed)
    : vocabulary_(vocabulary),
      records_(records),
      rng_(seed ^ 0x9e3779b97f4a7c15ULL),
      df_(vocabulary.size()),
      last_seen_(vocabulary.size()) {
  while (phrase_sources_.size() < std::min(kPhraseSources, records)) {
    phrase_sources_.insert(rng_.below(records));
  }
}

void QueryGenerator::observe(std::size_t index, const GeneratedRecord& g) {
  const auto stamp = static_cast<std::uint32_t>(index + 1);
  for (const auto& sentence : g.sentences) {
    for (std::uint32_t w : sentence) {
      if (last_seen_[w] != stamp) {
        last_seen_[w] = stamp;
        ++df_[w];
      }
    }
  }
  if (phrase_sources_.count(index)) {
    phrase_sentences_.insert(phrase_sentences_.end(), g.sentences.begin(), g.sentences.end());
  }
}

std::string QueryGenerator::words(std::size_t n) {
  std::string text;
  for (std::size_t i = 0; i < n; ++i) {
    text += (i ? " " : "") + lower(vocabulary_[mid_terms_[rng_.below(mid_terms_.size())]]);
  }
  return text;
}

// 2-4 consecutive words of one sentence, all ASCII letters, one of at least
// four letters, so every engine's tokenizer sees the same words.
std::string QueryGenerator::phrase() {
  for (int attempt = 0;; ++attempt) {
    const auto& s = phrase_sentences_[rng_.below(phrase_sentences_.size())];
    std::size_t n = std::min<std::size_t>(s.size(), static_cast<std::size_t>(rng_.between(2, 4)));
    std::size_t start = rng_.below(s.size() - n + 1);
    bool ok = true, long_word = false;
    std::string text;
    for (std::size_t i = start; i < start + n; ++i) {
      const std::string& w = vocabulary_[s[i]];
      ok = ok && ascii_letters(w);
      long_word = long_word || w.size() >= 4;
      text += (i > start ? " " : "") + lower(w);
    }
    if ((ok && long_word) || attempt > 200) return text;
  }
}

BenchFilter QueryGenerator::filter(const std::string& field) {
  const FacetTables& t = facet_tables();
  if (field == "country") return {field, t.countries[facets_.country.sample(rng_)]};
  if (field == "region") return {field, t.country_region[facets_.country.sample(rng_)]};
  if (field == "category") return {field, t.categories[facets_.category.sample(rng_)]};
  return {field, t.topics[facets_.topic.sample(rng_)]};
}

std::vector<BenchQuery> QueryGenerator::generate(std::size_t count) {
  // Mid-frequency: in 0.2%..5% of the records (at least 2), plain words.
  std::uint32_t lo = static_cast<std::uint32_t>(std::max<std::size_t>(2, records_ / 500));
  std::uint32_t hi = static_cast<std::uint32_t>(std::max<std::size_t>(lo + 1, records_ / 20));
  for (int widen = 0; mid_terms_.size() < 20 && widen < 2; ++widen) {
    mid_terms_.clear();
    for (std::uint32_t w = 0; w < df_.size(); ++w) {
      const std::string& word = vocabulary_[w];
      if (df_[w] >= lo && df_[w] <= hi && word.size() >= 4 && ascii_letters(word) &&
          word == lower(word)) {
        mid_terms_.push_back(w);
      }
    }
    lo = 1;
    hi = static_cast<std::uint32_t>(records_);
  }
  if (mid_terms_.empty()) mid_terms_.push_back(0);

  std::vector<BenchQuery> queries;
  const std::size_t plain = count / 3, phrases = count / 6, each = count / 8;
  for (std::size_t i = 0; i < plain; ++i) queries.push_back({"plain", words(1 + i % 3), {}, {}});
  for (std::size_t i = 0; i < phrases; ++i) queries.push_back({"phrase", phrase(), {}, {}});
  for (std::size_t i = 0; i < each; ++i) {
    const std::string field = kFilterFields[rng_.below(4)];
    queries.push_back({"filter1", words(1 + i % 2), {filter(field)}, {}});
  }
  for (std::size_t i = 0; i < each; ++i) {
    std::size_t a = rng_.below(4), b = (a + 1 + rng_.below(3)) % 4;
    queries.push_back(
        {"filter2", words(1 + i % 2), {filter(kFilterFields[a]), filter(kFilterFields[b])}, {}});
  }
  for (std::size_t i = 0; i < each; ++i) {
    long long from = rng_.between(kFirstYear, kLastYear - 3);
    long long to = std::min<long long>(kLastYear, from + rng_.between(0, 9));
    queries.push_back(
        {"range", words(1 + i % 2), {{"year", std::to_string(from) + ".." + std::to_string(to)}}, {}});
  }
  while (queries.size() < count) {
    queries.push_back({"facet", words(1 + queries.size() % 2), {}, {"country", "region", "year"}});
  }
  for (std::size_t i = queries.size(); i > 1; --i) std::swap(queries[i - 1], queries[rng_.below(i)]);
  return queries;
}

}  // namespace bench
