// The one place where Xapian's exceptions (which do not derive from
// std::exception) become trove errors.
#ifndef TROVE_LIB_XAPIAN_ERRORS_H_
#define TROVE_LIB_XAPIAN_ERRORS_H_

#include <string>

#include <xapian.h>

#include "trove/error.h"

namespace trove {

// Throws the IndexError for `error` met while doing `what` on the index at
// `path`: "cannot <what> index '<path>': <Xapian's message>", with a
// plain-words message for the common cases. The type says which case it is:
// DatabaseLockError -> IndexLockedError, DatabaseNotFoundError ->
// IndexNotFoundError, DatabaseCorruptError and any other DatabaseOpeningError
// (a database file missing or unreadable, a bad stub line) ->
// IndexCorruptError, DatabaseVersionError -> IndexIncompatibleError, anything
// else -> IndexError. (A function that throws, rather than one returning the
// error, so the subclass is not sliced off by `throw`.)
[[noreturn]] void throw_index_error(const std::string& what, const std::string& path,
                                    const Xapian::Error& error);

// Runs f(); rethrows a Xapian::Error as throw_index_error(what, path, e).
template <typename F>
auto with_index_errors(const std::string& what, const std::string& path, F&& f) -> decltype(f()) {
  try {
    return f();
  } catch (const Xapian::Error& e) {
    throw_index_error(what, path, e);
  }
}

}  // namespace trove

#endif  // TROVE_LIB_XAPIAN_ERRORS_H_
