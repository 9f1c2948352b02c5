// record_id(): the id of a record that has no explicit one.
#include <cstdint>
#include <string>

#include "hash.h"
#include "trove/analyzer.h"
#include "trove/reader.h"

namespace trove {
namespace {

// What record_id() hashes: the folded title and the year. A title that folds
// to nothing (only punctuation, symbols or emoji, or one word too long to be
// a term) would give every such title of a year one id, and each would
// silently replace the last; its own bytes stand in instead. The marker
// byte and the length keep such a key apart from every folded one (which
// holds only terms and spaces) and from each other.
std::string id_key(const std::string& title, const std::optional<int>& year) {
  // ICU objects are too slow to build per call, so every thread shares one
  // Analyzer. Stemming is off: the key is the folded title, not its stems.
  // Never destroyed, so that a thread still reading at exit cannot meet a
  // destroyed one.
  static const Analyzer& analyzer = *new Analyzer(AnalyzerOptions{"none"});
  std::string key = analyzer.normalize(title);
  if (key.empty() && !title.empty()) key = '\x01' + std::to_string(title.size()) + ':' + title;
  key += '|';
  if (year) key += std::to_string(*year);
  return key;
}

}  // namespace

std::string record_id(const std::string& title, const std::optional<int>& year) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::uint64_t hash = fnv1a64(id_key(title, year));
  std::string id = "r";
  for (int shift = 60; shift >= 0; shift -= 4) id += kHex[(hash >> shift) & 0xF];
  return id;
}

}  // namespace trove
