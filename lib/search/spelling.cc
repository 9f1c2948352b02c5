#include "search/spelling.h"

#include <algorithm>

#include "index/record_codec.h"
#include "index/schema.h"

namespace trove {
namespace {

// Fewer letters than this are too short to guess what was meant.
constexpr std::size_t kShortestWord = 3;

std::u32string code_points(const std::string& s) {
  std::u32string out;
  for (std::size_t i = 0; i < s.size();) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    const std::size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    char32_t cp = n == 1 ? c : c & (0xFF >> (n + 1));
    for (std::size_t k = 1; k < n && i + k < s.size(); ++k) {
      cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    }
    out.push_back(cp);
    i += n;
  }
  return out;
}

// The last row of the optimal string alignment table of `a` against `b`:
// entry j is the edits from `a` to the first j code points of `b`. Empty
// once every entry of a row exceeds `limit`.
std::vector<std::size_t> last_row(const std::u32string& a, const std::u32string& b,
                                  std::size_t limit) {
  std::vector<std::size_t> before(b.size() + 1), last(b.size() + 1), row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) last[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    row[0] = i;
    std::size_t smallest = row[0];
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      row[j] = std::min({last[j] + 1, row[j - 1] + 1, last[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        row[j] = std::min(row[j], before[j - 2] + 1);
      }
      smallest = std::min(smallest, row[j]);
    }
    if (smallest > limit) return {};
    std::swap(before, last);
    std::swap(last, row);
  }
  return last;
}

std::size_t edit_distance_u32(const std::u32string& a, const std::u32string& b,
                              std::size_t limit) {
  const std::vector<std::size_t> row = last_row(a, b, limit);
  return row.empty() ? limit + 1 : std::min(row.back(), limit + 1);
}

// Edits from `stem` to the closest start of `word` that leaves at most
// kSuffix code points over: a misspelt ending ("exploitaton") stems to
// nothing like the word's stem ("exploit"), but its start is still close.
std::size_t prefix_distance(const std::u32string& stem, const std::u32string& word,
                            std::size_t limit) {
  constexpr std::size_t kSuffix = 4;
  const std::vector<std::size_t> row = last_row(stem, word, limit);
  std::size_t best = limit + 1;
  const std::size_t from = word.size() > kSuffix ? word.size() - kSuffix : 0;
  for (std::size_t j = std::max<std::size_t>(from, 1); j < row.size(); ++j) {
    best = std::min(best, row[j]);
  }
  return best;
}

struct Candidate {
  std::string stem;
  std::size_t distance;
  Xapian::doccount records;
};

bool before(const Candidate& a, const Candidate& b) {
  return a.distance < b.distance || (a.distance == b.distance && a.records > b.records);
}

// Keeps the kCandidates best of `list`, best first.
void keep_best(std::vector<Candidate>& list, Candidate candidate) {
  constexpr std::size_t kCandidates = 5;
  if (list.size() == kCandidates && !before(candidate, list.back())) return;
  list.insert(std::upper_bound(list.begin(), list.end(), candidate, before), std::move(candidate));
  if (list.size() > kCandidates) list.pop_back();
}

// Offers `best` the stems starting with `start` (kStemPrefix + letters).
void walk_stems(const Xapian::Database& db, const std::string& start, const std::string& word,
                const std::string& stem, std::size_t limit, std::vector<Candidate>& best) {
  const std::size_t skip = std::string(schema::kStemPrefix).size();
  const std::u32string typed = code_points(word), stemmed = code_points(stem);
  const std::size_t longest = std::max(word.size(), stem.size()) + 4 * limit;
  for (Xapian::TermIterator it = db.allterms_begin(start); it != db.allterms_end(start); ++it) {
    const std::string term = *it;
    if (term.size() - skip > longest) continue;  // more than `limit` longer
    const std::u32string other = code_points(term.substr(skip));
    if (other == stemmed) continue;
    const std::size_t d = std::min(
        std::min(edit_distance_u32(stemmed, other, limit), prefix_distance(other, typed, limit)),
        limit + 1);
    if (d <= limit) keep_best(best, {term.substr(skip), d, it.get_termfreq()});
  }
}

// The first `n` code points of `text`.
std::string first_code_points(const std::string& text, std::size_t n) {
  std::size_t end = 0;
  for (std::size_t seen = 0; end < text.size(); ++end) {
    if ((static_cast<unsigned char>(text[end]) & 0xC0) != 0x80 && seen++ == n) break;
  }
  return text.substr(0, end);
}

// The index's stems closest to the typed `word` (whose stem is `stem`),
// within `limit` edits of the stem or of a start of the word; best first.
// Only stems starting with the word's first or second letter are compared,
// which makes the walk some 10 times shorter: a wrong first letter is
// corrected only when it was swapped with the second or is an extra one.
std::vector<Candidate> closest_stems(const Xapian::Database& db, const std::string& word,
                                     const std::string& stem, std::size_t limit) {
  const std::string first = first_code_points(word, 1);
  const std::string second = first_code_points(word, 2).substr(first.size());
  std::vector<Candidate> best;
  walk_stems(db, schema::kStemPrefix + first, word, stem, limit, best);
  if (second != first) walk_stems(db, schema::kStemPrefix + second, word, stem, limit, best);
  return best;
}

bool worth_correcting(const std::string& term) {
  if (code_points(term).size() < kShortestWord) return false;
  return std::none_of(term.begin(), term.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// The word of a record holding `stem` that is closest to what was typed.
std::string surface_form(const Xapian::Database& db, const Analyzer& analyzer,
                         const std::string& stem, const std::string& typed) {
  const std::string term = schema::kStemPrefix + stem;
  Xapian::PostingIterator post = db.postlist_begin(term);
  if (post == db.postlist_end(term)) return stem;
  const Record record = deserialize_record(db.get_document(*post).get_data());
  std::string text = record.title + "\n" + record.abstract;
  for (const std::string& author : record.authors) text += "\n" + author;
  std::string best = stem;
  std::size_t best_distance = std::string::npos;
  for (const Token& token : analyzer.tokenize(text)) {
    if (analyzer.stem(token.term) != stem) continue;
    const std::size_t d = edit_distance(token.term, typed, 64);
    if (d < best_distance) best = token.term, best_distance = d;
  }
  return best;
}

// The word meant by `term`, or nullopt if it needs no correction: of the
// closest stems, the one whose word is closest to what was typed.
std::optional<std::string> correct(const Xapian::Database& db, const Analyzer& analyzer,
                                   const std::string& term) {
  if (!worth_correcting(term)) return std::nullopt;
  const std::string stem = analyzer.stem(term);
  const Xapian::doccount records = db.get_termfreq(schema::kStemPrefix + stem);
  if (records > kRareRecords) return std::nullopt;
  const std::size_t limit = records > 0 ? 1 : code_points(term).size() <= 4 ? 1 : 2;
  std::optional<Candidate> best;
  for (const Candidate& found : closest_stems(db, term, stem, limit)) {
    if (records > 0 && found.records < kRarerFactor * records) continue;
    std::string word = surface_form(db, analyzer, found.stem, term);
    const std::size_t distance = edit_distance(word, term, limit);
    Candidate shown{std::move(word), distance, found.records};
    if (shown.distance <= limit && (!best || before(shown, *best))) best = std::move(shown);
  }
  if (!best) return std::nullopt;
  return best->stem;
}

// `word` in the case the user typed: capitalised or all capitals (ASCII).
std::string like_typed(std::string word, const std::string& typed) {
  auto upper = [](char c) { return c >= 'A' && c <= 'Z'; };
  auto to_upper = [](char& c) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  };
  if (typed.empty() || word.empty() || !upper(typed[0])) return word;
  if (typed.size() > 1 && std::all_of(typed.begin(), typed.end(), upper)) {
    std::for_each(word.begin(), word.end(), to_upper);
  } else {
    to_upper(word[0]);
  }
  return word;
}

}  // namespace

std::size_t edit_distance(const std::string& a, const std::string& b, std::size_t limit) {
  return edit_distance_u32(code_points(a), code_points(b), limit);
}

std::optional<Suggestion> suggest(const Xapian::Database& db, const Analyzer& analyzer,
                                  const std::string& query, const std::vector<QueryWord>& words,
                                  const FindsRecords& finds_records) {
  Suggestion suggestion;
  std::size_t copied = 0;
  for (const QueryWord& word : words) {
    const std::optional<std::string> fixed = correct(db, analyzer, word.term);
    if (!fixed) continue;
    const std::string typed = query.substr(word.begin, word.end - word.begin);
    const std::string shown = like_typed(*fixed, typed);
    suggestion.query += query.substr(copied, word.begin - copied) + shown;
    copied = word.end;
    suggestion.changes.emplace_back(typed, shown);
  }
  if (suggestion.changes.empty()) return std::nullopt;
  suggestion.query += query.substr(copied);
  if (!finds_records(suggestion.query)) return std::nullopt;
  return suggestion;
}

}  // namespace trove
