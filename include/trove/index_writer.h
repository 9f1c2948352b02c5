// IndexWriter: adds, replaces and deletes Records in a trove index, and
// rebuilds an index as a new generation that is switched in atomically.
//
// An index is a directory. Inside it, generations (complete databases)
// live in subdirectories and a stub file names the live one; searchers follow
// the stub, so a rebuild never shows them a half-built index.
//
// Only one IndexWriter may be open on an index at a time, across processes
// and within one: a second open() throws IndexLockedError ("... is being
// written by another process"). The lock is released by finish(), when the
// writer is destroyed, or when the process dies.
//
// Call finish() to keep changes: a writer destroyed without it keeps only
// what was already committed (see ~IndexWriter).
//
// Thread safety: an IndexWriter must not be used by two threads at once.
#ifndef TROVE_INDEX_WRITER_H_
#define TROVE_INDEX_WRITER_H_

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "trove/export.h"
#include "trove/reader.h"
#include "trove/record.h"

namespace trove {

/// How an IndexWriter writes an index.
struct WriterOptions {
  /// Snowball language for stemming, used when the index is created. An
  /// existing index keeps the language it was created with (see Analyzer).
  /// Default "english".
  std::string language = "english";

  /// Records buffered before an automatic commit. Larger batches index faster
  /// and use more memory; a crash, or a writer destroyed without finish(),
  /// loses at most the uncommitted batch.
  /// Default 2000.
  std::size_t batch_size = 2000;

  /// Number of shards (separate databases searched as one; records are
  /// assigned by a stable hash of their id). 0 (default): the index's current
  /// count, or 1 for a new index. Changing the count of an existing index
  /// needs rebuild = true. Searching N shards gives the same hits, order and
  /// facet counts as one. At most kMaxShards; open() throws Error beyond.
  std::size_t shards = 0;

  /// The largest shard count: each shard is a database with its own files
  /// and writer thread.
  static constexpr std::size_t kMaxShards = 64;

  /// true (default): open() creates the directory and an empty index if
  /// there is none. false: open() throws IndexNotFoundError instead, so a
  /// mistyped path is an error rather than a new empty index (trove-index
  /// delete uses this).
  bool create = true;

  /// A new index is only created in a missing or empty directory: open()
  /// throws IndexIncompatibleError for a directory that holds other files
  /// and no trove index, so a mistyped path cannot mix an index into
  /// someone's files. true: create it there anyway. Either way, a writer
  /// only ever removes the generation directories trove made (each holds a
  /// `trove-generation` marker file). Default false.
  bool allow_non_empty = false;

  /// false (default): update the live generation in place.
  /// true: write into a new, empty generation; finish() verifies it and
  /// switches searchers to it atomically, then removes the old one. Until
  /// finish() returns, the live generation is untouched and searchable.
  bool rebuild = false;
};

/// Adds, replaces and removes Records in an index (see the top of
/// index_writer.h). One writer per index; not thread-safe.
class TROVE_EXPORT IndexWriter {
 public:
  /// What add() did.
  enum class AddResult {
    kAdded,      ///< no record had this id
    kReplaced,   ///< the record with this id was replaced by a different one
    kUnchanged,  ///< the same record (with the same topics) was indexed already
  };

  /// Opens the index at `path` for writing, creating the directory and an
  /// empty index if there is none (see WriterOptions::create and
  /// allow_non_empty). Throws Error, before touching `path`, if
  /// options.shards is over kMaxShards; IndexLockedError if another writer
  /// holds the index; IndexNotFoundError if there is none and
  /// options.create is false; IndexCorruptError if its stub or a database is damaged or unreadable;
  /// IndexIncompatibleError if it was written by an incompatible trove
  /// version (rebuild it), its stub is hand-written, `path` is a plain
  /// Xapian database, or `path` is a non-empty directory holding no index;
  /// IndexError for any other failure (e.g. `path` is a file, the shard
  /// count differs from the index's, I/O). A failed open() leaves nothing
  /// behind that it created.
  static IndexWriter open(const std::string& path, const WriterOptions& options = {});

  /// Move-only. A moved-from IndexWriter may only be destroyed or assigned to.
  IndexWriter(IndexWriter&&) noexcept;
  /// Move-only. The writer assigned over ends first, as if destroyed
  /// (without finish(), its uncommitted changes are discarded).
  IndexWriter& operator=(IndexWriter&&) noexcept;
  IndexWriter(const IndexWriter&) = delete;
  IndexWriter& operator=(const IndexWriter&) = delete;

  /// Ends the writer and releases the lock. Call finish() to keep your
  /// changes: without it, the destructor discards every change since the
  /// last commit (batches already committed, by commit() or automatically
  /// every batch_size changes, stay) and abandons (removes) an unfinished
  /// rebuild, leaving the live generation as it was. An index the writer
  /// created (with the directories made for it) is removed again if nothing
  /// was committed to it, so a failed first ingestion leaves no trace.
  /// Never throws.
  ~IndexWriter();

  /// Adds `record`, or replaces the indexed record with the same id. A
  /// replaced record keeps the union of its old and new topics; when that
  /// gives exactly the stored record, nothing is written (kUnchanged), so
  /// re-running an ingestion is cheap and changes nothing. Throws InputError
  /// if the record has no id, an id over 200 bytes, or a year that is not a
  /// year from 1000 to 9999 (the readers' rule; README, "Years"): "cannot
  /// index record 'ID': year Y is not a four-digit year from 1000 to 9999".
  /// Throws IndexError on write failure.
  AddResult add(const Record& record);

  /// Adds many records as add() would, in order: results[i] is for
  /// records[i]. The shards (or, in a rebuild, the parts a single shard is
  /// built from) are filled by parallel threads, one each, so this is the
  /// fast way to index in bulk. Commits still fall every batch_size changes.
  /// Throws InputError, before adding anything, for a record add() would
  /// refuse; IndexError on write failure.
  std::vector<AddResult> add_all(const std::vector<Record>& records);

  /// Removes the record with this id. Returns false if there was none.
  bool remove(const std::string& id);

  /// Stores `text` as the index's thesaurus (format: README, "Search aids"),
  /// replacing the one searchers use (the default until one is stored) at
  /// the next commit, with no rebuild; a rebuild keeps it. Text with no
  /// group (empty, or only comments) turns expansion off. Throws InputError
  /// naming the line for a malformed group, IndexError on write failure.
  void set_thesaurus(const std::string& text);

  /// Makes every change so far durable and visible to searchers.
  void commit();

  /// Commits; for a rebuild, also verifies the new generation (it opens and
  /// holds every record added) and switches it in atomically. The one way to
  /// end a writer that keeps every change (see ~IndexWriter). Closes the
  /// databases and releases the lock, so another writer can open the index
  /// at once. Throws IndexError if the commit or the verification fails; the
  /// live generation is then unchanged, and destroying the writer discards
  /// what was not committed.
  ///
  /// After finish(), whether it succeeded or threw, the writer is done:
  /// add(), add_all(), remove(), commit(), finish() and document_count()
  /// throw Error "cannot use the writer of index '<path>': finish() was
  /// called; open a new writer" (a plain Error: a mistake in the calling
  /// code, not a problem with the index). path() still answers.
  void finish();

  /// Records in the generation being written, including uncommitted ones.
  std::size_t document_count() const;

  /// The index directory, as given to open().
  const std::string& path() const;

 private:
  struct TROVE_NO_EXPORT Impl;
  explicit IndexWriter(std::unique_ptr<Impl> impl);
  void close() noexcept;
  std::unique_ptr<Impl> impl_;
};

/// What one ingest() did.
struct IngestStats {
  std::size_t files = 0;     ///< source files read
  std::size_t read = 0;      ///< good records read
  std::size_t added = 0;     ///< records new to the index
  std::size_t replaced = 0;  ///< records that replaced one with the same id
  std::size_t unchanged = 0; ///< records identical to the one already indexed
  std::size_t rejected = 0;  ///< records skipped (ReadErrors of severity kError)
  std::size_t warnings = 0;  ///< records kept with a warning
};

/// Called by ingest() with the counts so far.
using ProgressCallback = std::function<void(const IngestStats&)>;

/// Reads every record of `paths` (files or directories, see list_sources) and
/// adds each good one to `writer`. Each rejected record or warning is passed
/// to on_problem and ingestion goes on; on_progress, if set, is called every
/// few hundred records. A file that cannot be opened is reported as a
/// problem at line 0 and counted as rejected. Does not commit or finish the
/// writer. Throws InputError if a path does not exist (before anything is
/// added), IndexError on write failure.
///
/// If a callback throws, ingest() stops reading, but first adds every good
/// record read before the exception (all those before the record reported to
/// on_problem) and calls on_progress with the counts of what was added;
/// then the exception goes on to the caller. (If on_progress threw, its call
/// already had those counts: everything read had been added.) Those records
/// are added, not committed: finish() keeps them, as after a normal return.
TROVE_EXPORT IngestStats ingest(IndexWriter& writer, const std::vector<std::string>& paths,
                                Format format, const ProblemCallback& on_problem,
                                const ProgressCallback& on_progress = {});

}  // namespace trove

#endif  // TROVE_INDEX_WRITER_H_
