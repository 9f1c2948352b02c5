#include "search/thesaurus.h"

#include <algorithm>

#include "index/schema.h"
#include "trove/error.h"

namespace trove {
namespace {

// `line` without its comment, cut at the commas.
std::vector<std::string> entries_of(std::string line) {
  line = line.substr(0, line.find('#'));
  std::vector<std::string> out;
  std::size_t start = 0;
  for (std::size_t comma = line.find(','); ; comma = line.find(',', start)) {
    out.push_back(line.substr(start, comma - start));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

bool blank(const std::string& text) {
  return text.find_first_not_of(" \t\r") == std::string::npos;
}

}  // namespace

Thesaurus Thesaurus::parse(const std::string& text, const Analyzer& analyzer) {
  Thesaurus out;
  std::size_t number = 0, start = 0;
  while (start <= text.size()) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    const std::vector<std::string> raw = entries_of(text.substr(start, end - start));
    const std::string where = "thesaurus line " + std::to_string(++number) + ": ";
    start = end + 1;
    if (raw.size() == 1 && blank(raw[0])) continue;  // blank or comment only
    if (raw.size() < 2) throw InputError(where + "a group needs at least two entries, by commas");
    Group group;
    for (std::size_t i = 0; i < raw.size(); ++i) {
      ThesaurusEntry entry;
      for (Token& token : analyzer.tokenize(raw[i])) entry.push_back(std::move(token.term));
      if (entry.empty()) {
        throw InputError(where + "entry " + std::to_string(i + 1) + " has no word");
      }
      group.stems.push_back(entry.size() == 1 ? analyzer.stem(entry[0]) : std::string());
      group.term_stems.emplace_back();
      for (const std::string& term : entry) group.term_stems.back().push_back(analyzer.stem(term));
      group.entries.push_back(std::move(entry));
    }
    for (const std::string& stem : group.stems) {
      if (!stem.empty()) out.by_stem_[stem].push_back(out.groups_.size());
    }
    out.groups_.push_back(std::move(group));
  }
  return out;
}

std::vector<ThesaurusEntry> Thesaurus::synonyms(const std::string& stem) const {
  std::vector<ThesaurusEntry> out;
  const auto found = by_stem_.find(stem);
  if (found == by_stem_.end()) return out;
  for (std::size_t g : found->second) {
    const Group& group = groups_[g];
    for (std::size_t i = 0; i < group.entries.size(); ++i) {
      const std::vector<std::string>& stems = group.term_stems[i];
      const bool holds = std::find(stems.begin(), stems.end(), stem) != stems.end();
      if (!holds && std::find(out.begin(), out.end(), group.entries[i]) == out.end()) {
        out.push_back(group.entries[i]);
      }
    }
  }
  return out;
}

void ThesaurusCache::update(const Xapian::Database& db, const Analyzer& analyzer) {
  std::string text = db.get_metadata(schema::kThesaurusKey);
  if (text.empty()) text = default_thesaurus();
  if (loaded_ && text == text_) return;
  try {
    thesaurus_ = Thesaurus::parse(text, analyzer);
  } catch (const InputError&) {
    thesaurus_ = Thesaurus();
  }
  text_ = std::move(text);
  loaded_ = true;
}

}  // namespace trove
