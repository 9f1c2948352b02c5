// The exceptions trove throws. Every one derives from trove::Error, which
// derives from std::runtime_error, so `catch (const trove::Error&)` catches all
// of trove's failures and what() is a message a user can act on.
//
// Thread safety: plain values; safe to copy and read from any thread.
#ifndef TROVE_ERROR_H_
#define TROVE_ERROR_H_

#include <stdexcept>
#include <string>

#include "trove/export.h"

namespace trove {

/// The base of every exception trove throws; what() is a message a user can
/// act on.
class TROVE_EXPORT Error : public std::runtime_error {
 public:
  /// An error whose what() is `message`.
  explicit Error(const std::string& message);
  ~Error() override;
};

/// An input file cannot be read at all (missing, unreadable, unknown format).
/// A single malformed record is not an exception: readers report it as a
/// ReadError and go on.
class TROVE_EXPORT InputError : public Error {
 public:
  using Error::Error;  ///< An InputError whose what() is the message.
  ~InputError() override;
};

/// The query text cannot be parsed (unbalanced quotes or parentheses, an
/// unknown field, a bad year range). The message says what and where.
class TROVE_EXPORT QueryError : public Error {
 public:
  using Error::Error;  ///< A QueryError whose what() is the message.
  ~QueryError() override;
};

/// A request names a record the index does not hold (Searcher::explain,
/// Searcher::similar): "no record with id 'X'".
class TROVE_EXPORT RecordNotFoundError : public QueryError {
 public:
  using QueryError::QueryError;  ///< A RecordNotFoundError whose what() is the message.
  ~RecordNotFoundError() override;
};

/// The index cannot be opened, written or read: missing or corrupt directory,
/// another process writing, disk full. The message names the index path.
/// The four subclasses below are the cases an application can act on; an
/// IndexError of no subclass is an I/O failure (disk full, permissions) or a
/// misuse named in the message (e.g. a shard count that needs a rebuild).
class TROVE_EXPORT IndexError : public Error {
 public:
  using Error::Error;  ///< An IndexError whose what() is the message.
  ~IndexError() override;
};

/// Another IndexWriter (in this process or another) holds the index's write
/// lock. Try again once it is done.
class TROVE_EXPORT IndexLockedError : public IndexError {
 public:
  using IndexError::IndexError;  ///< An IndexLockedError whose what() is the message.
  ~IndexLockedError() override;
};

/// There is no index at the path: no such directory, or a directory with no
/// index in it. Create one with an IndexWriter (or trove-index).
class TROVE_EXPORT IndexNotFoundError : public IndexError {
 public:
  using IndexError::IndexError;  ///< An IndexNotFoundError whose what() is the message.
  ~IndexNotFoundError() override;
};

/// The index is there but damaged or unreadable (a database file garbled or
/// missing, a stub naming no shard). Rebuild it from the sources.
class TROVE_EXPORT IndexCorruptError : public IndexError {
 public:
  using IndexError::IndexError;  ///< An IndexCorruptError whose what() is the message.
  ~IndexCorruptError() override;
};

/// The path holds something this trove cannot use as an index: an index
/// written by an incompatible trove or Xapian version, a plain Xapian
/// database, a hand-written stub (searchable, not writable), or a directory
/// of other files. Rebuild it, or choose another path.
class TROVE_EXPORT IndexIncompatibleError : public IndexError {
 public:
  using IndexError::IndexError;  ///< An IndexIncompatibleError whose what() is the message.
  ~IndexIncompatibleError() override;
};

}  // namespace trove

#endif  // TROVE_ERROR_H_
