#include "xapian_errors.h"

namespace trove {

void throw_index_error(const std::string& what, const std::string& path,
                       const Xapian::Error& error) {
  std::string prefix = "cannot " + what + " index '" + path + "': ";
  // Xapian::Error is not polymorphic: its type name says which error it is.
  const std::string type = error.get_type();
  if (type == "DatabaseLockError") {
    throw IndexLockedError(prefix + "the index is being written by another process");
  }
  if (type == "DatabaseCorruptError") {
    throw IndexCorruptError(prefix + "the index is corrupt (" + error.get_msg() +
                            "); rebuild it with trove-index --rebuild");
  }
  const std::string unreadable =
      prefix + "not a trove index or unreadable (" + error.get_msg() + ")";
  if (type == "DatabaseNotFoundError") throw IndexNotFoundError(unreadable);
  // A plain DatabaseOpeningError: a table file missing or unreadable, or a
  // stub line Xapian cannot parse. Inside an index, that is damage.
  if (type == "DatabaseOpeningError") throw IndexCorruptError(unreadable);
  if (type == "DatabaseVersionError") {
    throw IndexIncompatibleError(prefix + error.get_description());
  }
  throw IndexError(prefix + error.get_description());
}

}  // namespace trove
