// record_id(): the id of a record that has no explicit one.
#include <cstdint>
#include <string>

#include "hash.h"
#include "trove/analyzer.h"
#include "trove/reader.h"

namespace trove {

std::string record_id(const std::string& title, const std::optional<int>& year) {
  // ICU objects are too slow to build per call, so every thread shares one
  // Analyzer. Stemming is off: the key is the folded title, not its stems.
  // Never destroyed, so that a thread still reading at exit cannot meet a
  // destroyed one.
  static const Analyzer& analyzer = *new Analyzer(AnalyzerOptions{"none"});
  std::string key = analyzer.normalize(title);
  key += '|';
  if (year) key += std::to_string(*year);

  static constexpr char kHex[] = "0123456789abcdef";
  std::uint64_t hash = fnv1a64(key);
  std::string id = "r";
  for (int shift = 60; shift >= 0; shift -= 4) id += kHex[(hash >> shift) & 0xF];
  return id;
}

}  // namespace trove
