// The thesaurus: groups of terms that mean the same (acronyms and their
// expansions, British and American spellings), so that `THB` also finds
// "trafficking in human beings" and `labor` finds "labour".
//
// Format (README, "Search aids"): one group per line, entries separated by
// commas, an entry may be several words, `#` starts a comment. Entries are
// analysed like query words. A query word that is a one-word entry of a
// group (compared by stem) is searched for together with every other entry
// of its groups, as one term (OP_SYNONYM); a several-word entry is searched
// for as a phrase.
//
// It is stored with the index (schema::kThesaurusKey, on every shard), so
// every reader uses the same one, and replaced without a rebuild
// (IndexWriter::set_thesaurus, `trove-index thesaurus FILE`). An index that
// was never given one uses the default compiled into trove from
// data/thesaurus.txt.
#ifndef TROVE_LIB_SEARCH_THESAURUS_H_
#define TROVE_LIB_SEARCH_THESAURUS_H_

#include <cstddef>
#include <string>
#include <unordered_map>
#include <vector>

#include <xapian.h>

#include "trove/analyzer.h"

namespace trove {

// An entry: its folded, unstemmed terms (Analyzer::tokenize), in order.
using ThesaurusEntry = std::vector<std::string>;

class Thesaurus {
 public:
  // Parses thesaurus text. Throws InputError naming the line for a group of
  // fewer than two entries or an entry with no word.
  static Thesaurus parse(const std::string& text, const Analyzer& analyzer);

  // The entries sharing a group with the one-word entry whose stem is
  // `stem`, without the entries holding that stem (a record matching
  // "human trafficking" has "trafficking" anyway, and the phrase would only
  // cost); none if it is in no group.
  std::vector<ThesaurusEntry> synonyms(const std::string& stem) const;

  std::size_t groups() const { return groups_.size(); }

 private:
  struct Group {
    std::vector<ThesaurusEntry> entries;
    std::vector<std::string> stems;  // per entry: its stem if one word, else ""
    std::vector<std::vector<std::string>> term_stems;  // per entry: its terms' stems
  };
  std::vector<Group> groups_;
  std::unordered_map<std::string, std::vector<std::size_t>> by_stem_;  // groups of a stem
};

// The default thesaurus text (data/thesaurus.txt, compiled in).
const char* default_thesaurus();

// The thesaurus of an open index, re-parsed only when its text changes.
class ThesaurusCache {
 public:
  // Reads the index's thesaurus (the default if it has none). A stored text
  // that no longer parses (written by another trove) counts as empty.
  void update(const Xapian::Database& db, const Analyzer& analyzer);
  const Thesaurus& get() const { return thesaurus_; }

 private:
  std::string text_;
  bool loaded_ = false;
  Thesaurus thesaurus_;
};

}  // namespace trove

#endif  // TROVE_LIB_SEARCH_THESAURUS_H_
