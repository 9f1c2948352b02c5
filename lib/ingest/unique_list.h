// UniqueList: how the readers fill a Record's list fields.
#ifndef TROVE_LIB_INGEST_UNIQUE_LIST_H_
#define TROVE_LIB_INGEST_UNIQUE_LIST_H_

#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace trove {

// Builds one list field: values are trimmed (text::trim), empty ones ignored,
// and a value already present is dropped, keeping first-seen order in linear
// time.
class UniqueList {
 public:
  explicit UniqueList(std::vector<std::string>& out) : out_(out) {}
  // Returns true if the value was added.
  bool add(std::string_view value);

 private:
  std::vector<std::string>& out_;
  std::unordered_set<std::string> seen_;
};

}  // namespace trove

#endif  // TROVE_LIB_INGEST_UNIQUE_LIST_H_
