// trove-assist-bench: how well did-you-mean corrects, and what each search
// aid (did-you-mean, truncation, completion, facet value search, thesaurus)
// costs per query, on an existing trove index.
//
// Words are drawn (seeded) from the titles and abstracts of the index's
// newest records; each is misspelt by one random edit (delete, insert,
// substitute or swap two neighbours). A correction is right when the
// suggested word is the original word, or has its stem.
#include <algorithm>
#include <chrono>
#include <ctime>
#include <cstdio>
#include <functional>
#include <iostream>
#include <set>
#include <string>
#include <vector>

#include "rng.h"
#include "stats.h"
#include "trove/trove.h"

namespace {

struct Options {
  std::string db;
  std::size_t words = 200;
  std::size_t records = 400;
  std::uint64_t seed = 7;
  std::string only;  // one part to run, "" for all
};

bool ascii_letters(const std::string& w) {
  return std::all_of(w.begin(), w.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

// Distinct words of 5 letters or more from the newest records, seeded order.
std::vector<std::string> sample_words(trove::Searcher& searcher, const Options& o,
                                      bench::Rng& rng) {
  trove::SearchRequest request;
  request.limit = o.records;
  request.snippets = false;
  request.suggest = false;
  trove::Analyzer analyzer;
  std::set<std::string> seen;
  std::vector<std::string> words;
  for (const trove::Hit& hit : searcher.search(request).hits) {
    for (const trove::Token& t : analyzer.tokenize(hit.record.title + " " + hit.record.abstract)) {
      if (t.term.size() >= 5 && ascii_letters(t.term) && seen.insert(t.term).second) {
        words.push_back(t.term);
      }
    }
  }
  for (std::size_t i = words.size(); i > 1; --i) std::swap(words[i - 1], words[rng.below(i)]);
  if (words.size() > o.words) words.resize(o.words);
  return words;
}

std::string misspell(const std::string& word, bench::Rng& rng) {
  std::string w = word;
  const std::size_t at = 1 + rng.below(w.size() - 1);  // keep the first letter's place
  const char letter = static_cast<char>('a' + rng.below(26));
  switch (rng.below(4)) {
    case 0: w.erase(at, 1); break;
    case 1: w.insert(at, 1, letter); break;
    case 2: w[at] = letter == w[at] ? (letter == 'z' ? 'a' : letter + 1) : letter; break;
    default: std::swap(w[at - 1], w[at]); break;
  }
  return w == word ? w + "x" : w;
}

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

void report(const char* what, const std::vector<double>& ms) {
  double sum = 0;
  for (double v : ms) sum += v;
  std::printf("  %-44s n=%4zu  mean %7.3f  p50 %7.3f  p99 %7.3f ms\n", what, ms.size(),
              ms.empty() ? 0 : sum / ms.size(), bench::median(ms), bench::percentile(ms, 99));
}

trove::SearchResult timed(trove::Searcher& s, trove::SearchRequest r, std::vector<double>& ms) {
  r.snippets = false;
  const auto start = Clock::now();
  trove::SearchResult result = s.search(r);
  ms.push_back(ms_since(start));
  return result;
}

trove::SearchRequest query(const std::string& text, bool suggest) {
  trove::SearchRequest r;
  r.query = text;
  r.suggest = suggest;
  return r;
}

void spelling(trove::Searcher& s, const std::vector<std::string>& words, bench::Rng& rng) {
  trove::Analyzer analyzer;
  std::size_t right = 0, same_stem = 0, wrong = 0, none = 0, false_alarms = 0;
  std::vector<double> on, off, correct_on, correct_off;
  std::string examples;  // of misses, with the records the typo finds itself
  for (const std::string& word : words) {
    const std::string typo = misspell(word, rng);
    timed(s, query(typo, false), off);
    const trove::SearchResult result = timed(s, query(typo, true), on);
    if (!result.suggestion) {
      if (++none <= 8) examples += "  none: " + typo + " (" + word + ", " + std::to_string(result.total) + " records)\n";
    } else {
      const std::string got = analyzer.normalize(result.suggestion->changes.at(0).second);
      if (got == word) ++right;
      else if (analyzer.stem(got) == analyzer.stem(word)) ++same_stem;
      else if (++wrong <= 8) examples += "  wrong: " + typo + " -> " + got + " (" + word + ")\n";
    }
    timed(s, query(word, false), correct_off);
    false_alarms += timed(s, query(word, true), correct_on).suggestion.has_value();
  }
  std::printf("did you mean, %zu misspelt words: right word %zu, right stem %zu, wrong %zu, "
              "no suggestion %zu\n", words.size(), right, same_stem, wrong, none);
  std::printf("%s  the same %zu words spelt right: %zu got a suggestion\n", examples.c_str(),
              words.size(), false_alarms);
  report("misspelt word, suggest off", off);
  report("misspelt word, suggest on", on);
  report("correct word, suggest off", correct_off);
  report("correct word, suggest on", correct_on);
}

void truncation(trove::Searcher& s, const std::vector<std::string>& words) {
  std::vector<double> plain, truncated;
  std::size_t capped = 0;
  for (const std::string& word : words) {
    timed(s, query(word.substr(0, 5), false), plain);
    capped += !timed(s, query(word.substr(0, 5) + "*", false), truncated).notes.empty();
  }
  std::printf("truncation, first 5 letters of each word (%zu capped at 100 stems)\n", capped);
  report("prefix as a word", plain);
  report("prefix*", truncated);
}

// This thread's CPU time, ms: what a call cost, without the time other
// processes on a loaded machine took from it.
double cpu_ms() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

struct Timings {
  std::vector<double> wall, cpu;
  void report(const std::string& what) const {
    ::report((what + ", wall").c_str(), wall);
    ::report((what + ", cpu").c_str(), cpu);
  }
};

// Two passes over the same prefixes. The first is what a freshly opened
// index (or one just committed to) costs: a prefix's first use pays the full
// walk ("first use"), and a short prefix met again is answered from the
// searcher's completion cache ("again"). The second pass is the steady state
// of a running server ("warm").
void completion(trove::Searcher& s, const std::vector<std::string>& words) {
  std::printf("completion, complete(prefix, all fields, 10), prefixes of the same words\n");
  for (std::size_t letters = 1; letters <= 4; ++letters) {
    Timings first_use, again, warm;
    std::set<std::string> seen;
    for (int pass = 1; pass <= 2; ++pass) {
      for (const std::string& word : words) {
        const std::string prefix = word.substr(0, letters);
        const double cpu_start = cpu_ms();
        const auto start = Clock::now();
        s.complete(prefix, "", 10);
        Timings& t = pass == 2 ? warm : seen.insert(prefix).second ? first_use : again;
        t.wall.push_back(ms_since(start));
        t.cpu.push_back(cpu_ms() - cpu_start);
      }
    }
    const std::string what = std::to_string(letters) + " letters";
    first_use.report(what + ", pass 1, first use");
    again.report(what + ", pass 1, met before");
    warm.report(what + ", pass 2 (warm)");
  }
}

void facet_values(trove::Searcher& s, const std::vector<std::string>& words) {
  std::vector<double> all, typed;
  for (const std::string& word : words) {
    trove::SearchRequest r = query(word, false);
    r.facets = {"country"};
    timed(s, r, all);
    r.facet_prefix = {{"country", word.substr(0, 2)}};
    timed(s, r, typed);
  }
  std::printf("facet value search, each word with the country facet\n");
  report("every country value", all);
  report("values matching 2 typed letters", typed);
}

void thesaurus(const std::string& db) {
  const std::vector<std::string> queries = {"labor", "THB", "organized crime", "program",
                                            "IDP", "NRM", "UASC", "SGBV", "smuggling",
                                            "forced labour", "refugee", "asylum seeker"};
  trove::SearcherOptions plain;
  plain.thesaurus = false;
  trove::Searcher with = trove::Searcher::open(db), without = trove::Searcher::open(db, plain);
  std::vector<double> on, off;
  std::size_t more = 0;
  for (int rep = 0; rep < 20; ++rep) {
    for (const std::string& q : queries) {
      const std::size_t a = timed(without, query(q, false), off).total;
      more += rep == 0 && timed(with, query(q, false), on).total > a;
      if (rep != 0) timed(with, query(q, false), on);
    }
  }
  std::printf("thesaurus, %zu queries x 20 (%zu find more records with it)\n", queries.size(),
              more);
  report("thesaurus off", off);
  report("thesaurus on", on);
}

}  // namespace

constexpr char kUsage[] =
    "Usage: trove-assist-bench --db DIR [--words N (200)] [--records N (400)] [--seed N (7)]\n"
    "                          [--only spelling|truncation|completion|facets|thesaurus]\n";

// --name value pairs; false for anything else.
bool parse(int argc, char** argv, Options& o) {
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string name = argv[i], value = argv[i + 1];
    if (name == "--db") o.db = value;
    else if (name == "--words") o.words = std::stoul(value);
    else if (name == "--records") o.records = std::stoul(value);
    else if (name == "--seed") o.seed = std::stoull(value);
    else if (name == "--only") o.only = value;
    else return false;
  }
  const std::set<std::string> parts = {"", "spelling", "truncation", "completion", "facets",
                                       "thesaurus"};
  return argc % 2 == 1 && !o.db.empty() && parts.count(o.only) == 1;
}

int main(int argc, char** argv) {
  Options o;
  try {
    if (!parse(argc, argv, o)) {
      std::cerr << kUsage;
      return 2;
    }
    trove::Searcher searcher = trove::Searcher::open(o.db);
    bench::Rng rng(o.seed);
    const std::vector<std::string> words = sample_words(searcher, o, rng);
    std::printf("index %s: %zu records; %zu words, seed %llu\n", o.db.c_str(),
                searcher.document_count(), words.size(), static_cast<unsigned long long>(o.seed));
    const auto runs = [&](const char* part) { return o.only.empty() || o.only == part; };
    if (runs("spelling")) spelling(searcher, words, rng);
    if (runs("truncation")) truncation(searcher, words);
    if (runs("completion")) completion(searcher, words);
    if (runs("facets")) facet_values(searcher, words);
    if (runs("thesaurus")) thesaurus(o.db);
  } catch (const std::exception& e) {
    std::cerr << "trove-assist-bench: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
