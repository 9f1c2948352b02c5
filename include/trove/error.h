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

/// The index cannot be opened, written or read: missing or corrupt directory,
/// another process writing, disk full. The message names the index path.
class TROVE_EXPORT IndexError : public Error {
 public:
  using Error::Error;  ///< An IndexError whose what() is the message.
  ~IndexError() override;
};

}  // namespace trove

#endif  // TROVE_ERROR_H_
