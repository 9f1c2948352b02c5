// Analyzer: the only place where text becomes search terms. Indexing and
// query parsing use the same Analyzer, so a word written any way it appears
// in a record finds that record.
//
// Pipeline: UAX #29 word segmentation (dictionary-based for Chinese,
// Japanese, Thai and other scripts written without spaces), then, per word,
// NFKC normalisation with case folding and diacritic folding ("Markéta" ->
// "marketa", "Straße" -> "strasse"). Punctuation and spaces are dropped;
// numbers are kept. Stemming (Snowball) is separate: stem().
//
// Thread safety: an Analyzer may be shared by any number of threads; its
// const methods may be called concurrently. Each call borrows per-call state
// (ICU's break iterator, the stemmer, scratch buffers and memos) from a pool
// inside the Analyzer, which grows to as many sets as calls ever ran at once,
// so sharing costs no waiting beyond a short lock per call. Construct it once
// and share it: construction loads ICU's rules and is not cheap per call.
#ifndef TROVE_ANALYZER_H_
#define TROVE_ANALYZER_H_

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "trove/export.h"

namespace trove {

/// How an Analyzer analyses text.
struct AnalyzerOptions {
  /// Snowball stemmer language ("english", "french", "german", ...), or "none"
  /// to disable stemming. Default "english". Must match between the index and
  /// its queries; the index remembers the language it was built with.
  std::string language = "english";
};

/// One word of the input.
struct Token {
  std::string term;        ///< normalised, folded, unstemmed (UTF-8)
  std::size_t position;    ///< 0-based word position within the analysed text
  std::size_t begin;       ///< byte offset of the word in the input
  std::size_t end;         ///< byte offset one past the word in the input
};

/// Where one word of the input lies: a Token without its term.
struct WordSpan {
  std::size_t begin;  ///< byte offset of the word in the input
  std::size_t end;    ///< byte offset one past the word in the input
};

/// Turns text into search terms, the same way for indexing and for queries
/// (see the top of analyzer.h). Thread-safe: one Analyzer may serve every
/// thread.
class TROVE_EXPORT Analyzer {
 public:
  /// Throws Error if the language has no stemmer or Unicode support cannot be initialised.
  explicit Analyzer(const AnalyzerOptions& options = {});
  ~Analyzer();
  /// Move-only. A moved-from Analyzer may only be destroyed or assigned to.
  Analyzer(Analyzer&&) noexcept;
  /// Move-only, as the move constructor.
  Analyzer& operator=(Analyzer&&) noexcept;
  Analyzer(const Analyzer&) = delete;
  Analyzer& operator=(const Analyzer&) = delete;

  /// The words of `text` in order. Invalid UTF-8 sequences are treated as word
  /// separators; never throws on any input.
  std::vector<Token> tokenize(std::string_view text) const;

  /// The offsets of the words tokenize() returns for `text`, the same words
  /// in order, without making their terms: cheaper where only where the
  /// words lie matters (showing a window of text). Never throws on any input.
  std::vector<WordSpan> word_spans(std::string_view text) const;

  /// The stem of a term produced by tokenize(); the term itself when stemming
  /// is off or does not apply.
  std::string stem(const std::string& term) const;

  /// `text` as one folded key: the terms of tokenize() joined by single
  /// spaces ("  Middle-East " -> "middle east"). Used for facet filter terms
  /// and record ids.
  std::string normalize(std::string_view text) const;

  /// The stemmer language, as given in AnalyzerOptions.
  const std::string& language() const;

 private:
  struct TROVE_NO_EXPORT Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace trove

#endif  // TROVE_ANALYZER_H_
