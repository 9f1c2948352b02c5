#include "ingest/unique_list.h"

#include "text/text_util.h"

namespace trove {

bool UniqueList::add(std::string_view value) {
  value = text::trim(value);
  if (value.empty()) return false;
  auto [it, inserted] = seen_.emplace(value);
  if (!inserted) return false;
  out_.push_back(*it);
  return true;
}

}  // namespace trove
