#include "xapian_errors.h"

namespace trove {

IndexError index_error(const std::string& what, const std::string& path,
                       const Xapian::Error& error) {
  std::string prefix = "cannot " + what + " index '" + path + "': ";
  // Xapian::Error is not polymorphic: its type name says which error it is.
  const std::string type = error.get_type();
  if (type == "DatabaseLockError") {
    return IndexError(prefix + "the index is being written by another process");
  }
  if (type == "DatabaseCorruptError") {
    return IndexError(prefix + "the index is corrupt (" + error.get_msg() +
                      "); rebuild it with trove-index --rebuild");
  }
  if (type == "DatabaseOpeningError" || type == "DatabaseNotFoundError") {
    return IndexError(prefix + "not a trove index or unreadable (" + error.get_msg() + ")");
  }
  return IndexError(prefix + error.get_description());
}

}  // namespace trove
