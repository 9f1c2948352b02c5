// Readers turn source files into Records, streaming one record at a time.
//
// Two formats are understood:
//  * kCtic: the CTIC resource-library listing text (see README, "Input
//    formats"): optional page header with a topic heading, then records of a
//    title line, a blank line, the abstract and label lines.
//  * kJsonl: JSON Lines, one object per line with the Record's field names;
//    list fields accept a string or an array of strings; `id` is optional.
//
// A malformed record is not an exception: it is reported to the problem
// callback as a ReadError (file, line, reason), skipped, and reading goes on.
// Warnings (a record kept with a field dropped, such as a year that is not a
// four-digit year from 1000 to 9999, the rule for years everywhere in trove,
// or kept without a title or without an abstract) are reported the same way
// with severity kWarning. A record with neither a title nor an abstract is
// rejected.
//
// Thread safety: the functions keep no shared state; concurrent calls on
// different inputs are safe.
#ifndef TROVE_READER_H_
#define TROVE_READER_H_

#include <cstddef>
#include <functional>
#include <iosfwd>
#include <string>
#include <vector>

#include "trove/export.h"
#include "trove/record.h"

namespace trove {

/// The format of a source file.
enum class Format {
  kAuto,   ///< by extension: .jsonl/.ndjson/.json are JSON Lines, anything else
           ///< is sniffed: a first non-blank character '{' means JSON Lines,
           ///< otherwise CTIC listing text
  kCtic,   ///< CTIC listing text
  kJsonl,  ///< JSON Lines
};

/// A record that was rejected, or kept with a warning, while reading.
struct TROVE_EXPORT ReadError {
  /// Whether the record was rejected (kError) or kept (kWarning).
  enum class Severity { kError, kWarning };
  std::string file;      ///< the source file's name
  std::size_t line = 0;  ///< 1-based
  std::string reason;    ///< what is wrong with the record
  Severity severity = Severity::kError;  ///< rejected or kept

  /// "file:line: reason" (warnings: "file:line: warning: reason").
  std::string message() const;
};

/// Called with each good record.
using RecordCallback = std::function<void(Record&&)>;
/// Called with each rejected record or warning.
using ProblemCallback = std::function<void(const ReadError&)>;

/// Reads every record of the file at `path`, calling on_record for each good
/// record and on_problem for each rejected record or warning, in file order.
/// Throws InputError if the file cannot be opened or read.
TROVE_EXPORT void read_file(const std::string& path, Format format,
                            const RecordCallback& on_record, const ProblemCallback& on_problem);

/// The same for an open stream; `name` is the file name used in ReadErrors and
/// Record::source_file. kAuto sniffs the content. Reads the stream's buffer
/// to its end whatever the stream's exceptions() mask, then sets eofbit.
/// Throws InputError "cannot read 'NAME': REASON" if the buffer fails (throws)
/// while reading, after the records read before the failure (the stream is
/// left with badbit), or if the stream is already in a failed state or has
/// no buffer; the same for every format. A stream at its end (eofbit) holds
/// no records. Never lets std::ios_base::failure escape.
TROVE_EXPORT void read_stream(std::istream& in, const std::string& name, Format format,
                              const RecordCallback& on_record, const ProblemCallback& on_problem);

/// Expands a list of files and directories into the files to read: a file is
/// kept as given; a directory contributes, recursively and sorted by path, its
/// regular files ending in .txt, .jsonl, .ndjson or .json. Throws InputError
/// naming the first path that does not exist.
TROVE_EXPORT std::vector<std::string> list_sources(const std::vector<std::string>& paths);

/// The id derived for a record without an explicit one: a hash of its
/// normalised title (case, diacritics, punctuation and spacing folded) and
/// year, so the same publication listed again gets the same id. A title
/// that normalises to nothing ("???", an emoji, a single word over 120
/// bytes) is hashed as its exact bytes instead, so such titles do not share
/// one id (they differ unless byte for byte the same). Thread-safe.
TROVE_EXPORT std::string record_id(const std::string& title, const std::optional<int>& year);

/// Parses a format name: "auto", "ctic" or "jsonl". Throws InputError otherwise.
TROVE_EXPORT Format parse_format(const std::string& name);

}  // namespace trove

#endif  // TROVE_READER_H_
