#include "search/stopwords.h"

#include <algorithm>
#include <array>
#include <string_view>

namespace trove {
namespace {

// Snowball's English stop word list (snowballstem.org, BSD licence), sorted.
// Contractions are kept whole as the tokenizer keeps them ("don't").
constexpr std::array<std::string_view, 174> kEnglish = {
    "a",          "about",    "above",    "after",      "again",     "against",  "all",
    "am",         "an",       "and",      "any",        "are",       "aren't",   "as",
    "at",         "be",       "because",  "been",       "before",    "being",    "below",
    "between",    "both",     "but",      "by",         "can't",     "cannot",   "could",
    "couldn't",   "did",      "didn't",   "do",         "does",      "doesn't",  "doing",
    "don't",      "down",     "during",   "each",       "few",       "for",      "from",
    "further",    "had",      "hadn't",   "has",        "hasn't",    "have",     "haven't",
    "having",     "he",       "he'd",     "he'll",      "he's",      "her",      "here",
    "here's",     "hers",     "herself",  "him",        "himself",   "his",      "how",
    "how's",      "i",        "i'd",      "i'll",       "i'm",       "i've",     "if",
    "in",         "into",     "is",       "isn't",      "it",        "it's",     "its",
    "itself",     "let's",    "me",       "more",       "most",      "mustn't",  "my",
    "myself",     "no",       "nor",      "not",        "of",        "off",      "on",
    "once",       "only",     "or",       "other",      "ought",     "our",      "ours",
    "ourselves",  "out",      "over",     "own",        "same",      "shan't",   "she",
    "she'd",      "she'll",   "she's",    "should",     "shouldn't", "so",       "some",
    "such",       "than",     "that",     "that's",     "the",       "their",    "theirs",
    "them",       "themselves", "then",   "there",      "there's",   "these",    "they",
    "they'd",     "they'll",  "they're",  "they've",    "this",      "those",    "through",
    "to",         "too",      "under",    "until",      "up",        "very",     "was",
    "wasn't",     "we",       "we'd",     "we'll",      "we're",     "we've",    "were",
    "weren't",    "what",     "what's",   "when",       "when's",    "where",    "where's",
    "which",      "while",    "who",      "who's",      "whom",      "why",      "why's",
    "with",       "won't",    "would",    "wouldn't",   "you",       "you'd",    "you'll",
    "you're",     "you've",   "your",     "yours",      "yourself",  "yourselves",
};

// Words of request: how people phrase a search as a sentence ("I am
// interested in articles describing ..."; "papers on ..."). In a record
// they may be rare, which gives them a high weight for saying nothing about
// the subject. Sorted.
constexpr std::array<std::string_view, 37> kEnglishRequest = {
    "also",       "anyone",     "anything",    "article",     "articles",   "available",
    "concerning", "dealing",    "describe",    "described",   "describes",  "describing",
    "discuss",    "discussed",  "discusses",   "discussing",  "document",   "documents",
    "especially", "find",       "includes",    "including",    "interest",   "interested",
    "know",       "like",       "looking",     "need",        "paper",      "papers",
    "particular", "particularly", "please",    "publications", "regard",    "regarding",
    "want",
};

}  // namespace

bool is_stopword(std::string_view language, std::string_view term) {
  if (language != "english") return false;
  return std::binary_search(kEnglish.begin(), kEnglish.end(), term) ||
         std::binary_search(kEnglishRequest.begin(), kEnglishRequest.end(), term);
}

}  // namespace trove
