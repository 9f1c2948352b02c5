#include "trove/index_writer.h"

#include <algorithm>
#include <filesystem>
#include <exception>
#include <thread>
#include <unordered_set>
#include <vector>

#include "index/document_builder.h"
#include "index/fault_points.h"
#include "index/generations.h"
#include "index/schema.h"
#include "search/query_parser.h"
#include "search/thesaurus.h"
#include "hash.h"
#include "trove/analyzer.h"
#include "trove/error.h"
#include "xapian_errors.h"

namespace fs = std::filesystem;

namespace trove {
namespace {

// A rebuild of one shard is written as this many parts, filled by parallel
// threads and merged by Xapian's compaction in finish().
constexpr std::size_t kRebuildParts = 2;

// The outermost directory of `path` that does not exist yet: what
// create_directory(path) will make, and what removing undoes it; "" if
// `path` exists.
std::string first_missing(const std::string& path) {
  std::string missing;
  for (fs::path p = path; !p.empty(); p = p.parent_path()) {
    // Only a sure "not found" counts: what cannot be checked may exist, and
    // must never be removed.
    std::error_code ec;
    if (fs::symlink_status(p, ec).type() != fs::file_type::not_found) break;
    missing = p.string();
    if (p == p.parent_path()) break;
  }
  return missing;
}

// Refuses, before anything is created, to write where no index should be
// made: see WriterOptions::create and allow_non_empty.
void check_target(const std::string& path, const WriterOptions& options) {
  using generations::Contents;
  const Contents contents = generations::inspect(path);
  if (contents == Contents::kXapianDatabase) {
    // Xapian would open this database, not the index made next to it: every
    // record written would be lost.
    throw IndexIncompatibleError("cannot write index '" + path + "': " + path +
                                 " is a Xapian database, not a trove index");
  }
  if (!options.create && contents == Contents::kMissing) {
    throw IndexNotFoundError("cannot open index '" + path +
                             "': no such directory; create it with trove-index");
  }
  if (!options.create && (contents == Contents::kEmpty || contents == Contents::kOther)) {
    throw IndexNotFoundError("cannot open index '" + path + "': not a trove index (no " +
                             generations::stub_path(path) + "); create it with trove-index");
  }
  if (contents == Contents::kOther && !options.allow_non_empty) {
    throw IndexIncompatibleError(
        "cannot create index '" + path +
        "': the directory is not empty and holds no trove index; choose a new or empty "
        "directory (or allow a non-empty one: trove-index --allow-non-empty)");
  }
}

void create_directory(const std::string& path) {
  std::error_code ec;
  fs::create_directories(path, ec);
  if (ec || !fs::is_directory(path)) {
    throw IndexError("cannot create index '" + path + "': " +
                     (ec ? ec.message() : std::string("not a directory")));
  }
}

// Runs work(0) .. work(n - 1), each on its own thread (work(0) on this one),
// and rethrows the first exception any of them threw.
template <typename Work>
void in_parallel(std::size_t n, const Work& work) {
  std::vector<std::exception_ptr> errors(n);
  auto run = [&](std::size_t i) {
    try {
      work(i);
    } catch (...) {
      errors[i] = std::current_exception();
    }
  };
  std::vector<std::thread> threads;
  for (std::size_t i = 1; i < n; ++i) threads.emplace_back(run, i);
  if (n > 0) run(0);
  for (std::thread& thread : threads) thread.join();
  for (const std::exception_ptr& error : errors) {
    if (error) std::rethrow_exception(error);
  }
}

// Appends to `into` the values of `from` it lacks, keeping order.
void merge_values(std::vector<std::string>& into, const std::vector<std::string>& from) {
  for (const std::string& value : from) {
    if (std::find(into.begin(), into.end(), value) == into.end()) into.push_back(value);
  }
}

// One database being written, with its own analysis state, so that several
// can be filled by parallel threads.
struct ShardWriter {
  Xapian::WritableDatabase db;
  Analyzer analyzer;
  DocumentBuilder builder{analyzer};

  // A rebuild's part starts empty and only this writer adds to it, so an id
  // whose hash it has not added yet is new: the document is added without
  // looking the id up (and without replace_document's own lookup). A hash
  // seen before (the same id again, or a collision) takes the general path.
  bool fresh;
  std::unordered_set<std::uint64_t> added;

  ShardWriter(Xapian::WritableDatabase database, const std::string& language, bool empty)
      : db(std::move(database)), analyzer(AnalyzerOptions{language}), fresh(empty) {}

  IndexWriter::AddResult add(const Record& record) {
    if (fresh && added.insert(fnv1a64(record.id)).second) {
      db.add_document(builder.build(record));
      return IndexWriter::AddResult::kAdded;
    }
    const std::string term = id_term(record.id);
    Xapian::PostingIterator existing = db.postlist_begin(term);
    if (existing == db.postlist_end(term)) {
      db.replace_document(term, builder.build(record));
      return IndexWriter::AddResult::kAdded;
    }
    // The same publication again (perhaps from another topic page): keep one
    // document, with the topics of both.
    const std::string old_data = db.get_document(*existing).get_data();
    const Record old = deserialize_record(old_data);
    Record merged = record;
    merged.topic = old.topic;
    merge_values(merged.topic, record.topic);
    // Where a record was read is not its content: the same record read from
    // another file or line is unchanged (and keeps the place first stored).
    Record same_place = merged;
    same_place.source_file = old.source_file;
    same_place.source_line = old.source_line;
    if (serialize_record(same_place) == old_data) return IndexWriter::AddResult::kUnchanged;
    db.replace_document(term, builder.build(merged));
    return IndexWriter::AddResult::kReplaced;
  }
};

}  // namespace

struct IndexWriter::Impl {
  std::string path;
  WriterOptions options;
  // What open() created, removed again if the writer ends without keeping
  // anything (a mistyped path, a first add that failed): the outermost
  // directory it made ("" if `path` existed), and whether it made the index.
  std::string created_dir;
  bool created_index = false;
  generations::WriteLock lock;
  generations::Generation live;        // the live one when opened
  generations::Generation generation;  // the one being written
  std::string own_generation;          // `generation`, if this writer created it
  // The databases written: the generation's shards, or for a rebuild its
  // parts, compacted into the shards by finish() (part k goes to shard
  // k % shards, which keeps each record in the shard its id hashes to).
  std::vector<std::unique_ptr<ShardWriter>> writers;
  bool parts = false;
  std::size_t pending = 0;
  bool committed = false;  // by the caller: commit(), or automatically
  bool ended = false;      // finish() was called (and may have failed)
  bool finished = false;   // finish() succeeded

  Impl(const std::string& p, const WriterOptions& o, const std::string& created)
      : path(p), options(o), created_dir(created), lock(p) {}

  void open_database();
  void open_writers(bool fresh, const std::string& language);
  // A rebuild keeps the live generation's thesaurus (set_thesaurus).
  void keep_thesaurus(const generations::Generation& from) {
    with_index_errors("open", path, [&] {
      const std::string text = Xapian::Database(generations::shard_path(path, from.name, 0))
                                   .get_metadata(schema::kThesaurusKey);
      if (text.empty()) return;
      for (auto& writer : writers) writer->db.set_metadata(schema::kThesaurusKey, text);
    });
  }
  std::string writer_path(std::size_t k) const {
    if (!parts) return generations::shard_path(path, generation.name, k);
    return generations::part_path(path, generation.name, k);
  }
  std::size_t writer_for(const std::string& id) const { return fnv1a64(id) % writers.size(); }
  std::vector<AddResult> add_batch(const std::vector<const Record*>& records);
  std::vector<AddResult> add_all(const std::vector<Record>& records);
  bool remove(const std::string& id);
  std::size_t document_count() const;
  void merge_parts();
  void switch_to_rebuilt();
  // Every public entry point runs through here, so whatever Xapian throws
  // that a narrower translation did not name still leaves as an IndexError.
  template <typename F>
  auto guard(F&& f) -> decltype(f()) {
    return with_index_errors("write to", path, std::forward<F>(f));
  }
  void commit() {
    // One commit per shard (or part), each on its own thread: a crash
    // between them can leave a batch in some shards only; re-running the
    // ingestion completes it.
    with_index_errors("commit to", path, [&] {
      in_parallel(writers.size(), [&](std::size_t w) {
        fault::reach(fault::Point::kShardCommitting, w, path);
        writers[w]->db.commit();
        fault::reach(fault::Point::kShardCommitted, w, path);
      });
    });
    pending = 0;
    committed = true;
  }
  void abandon() noexcept;
  // Throws unless the writer may still be used (finish() not called).
  void check_usable() const {
    if (ended) {
      throw Error("cannot use the writer of index '" + path +
                  "': finish() was called; open a new writer");
    }
  }
};

void IndexWriter::Impl::open_database() {
  live = generations::live(path);
  created_index = live.name.empty();
  const bool fresh = live.name.empty() || options.rebuild;
  if (!fresh && options.shards != 0 && options.shards != live.shards) {
    throw IndexError("cannot write index '" + path + "': it has " + std::to_string(live.shards) +
                     " shards, not " + std::to_string(options.shards) +
                     "; rebuild it to change that (trove-index --rebuild --shards N)");
  }
  // Whatever a crashed writer left (half-built generations, the previous one
  // of a switch) is dead: nothing names it, and we hold the lock.
  generations::remove_all_but(path, live.name);
  // shards = 0 keeps the live count, in a rebuild too (1 for a new index).
  const std::size_t shards =
      options.shards != 0 ? options.shards : std::max<std::size_t>(live.shards, 1);
  generation = fresh ? generations::Generation{generations::next_name(path), shards} : live;
  parts = options.rebuild;
  std::string language = options.language;
  if (!fresh) {
    language = with_index_errors("open", path, [&] {
      return Xapian::Database(generations::shard_path(path, live.name, 0))
          .get_metadata(schema::kLanguageKey);
    });
  }
  open_writers(fresh, language);
  if (fresh && !live.name.empty()) keep_thesaurus(live);
  if (live.name.empty() && !options.rebuild) {
    // A brand-new index becomes visible (empty) at once; a rebuild's only at finish().
    commit();
    generations::switch_to(path, generation);
    committed = false;  // not the caller's: abandon() may still undo it
  }
}

void IndexWriter::Impl::open_writers(bool fresh, const std::string& language) {
  if (fresh) {
    generations::create_generation(path, generation.name);
    own_generation = generation.name;
  }
  const std::size_t count =
      parts && generation.shards == 1 ? kRebuildParts : generation.shards;
  // A rebuild's parts are read by nothing but finish()'s compaction, and a
  // failed rebuild is discarded: syncing them protects nothing (it was most
  // of a commit's wall time), nor does keeping each revision's blocks apart.
  // Only the compacted shards must be durable.
  const int flags = (fresh ? Xapian::DB_CREATE_OR_OVERWRITE : Xapian::DB_OPEN) |
                    (parts ? Xapian::DB_NO_SYNC | Xapian::DB_DANGEROUS : 0);
  with_index_errors("open", path, [&] {
    for (std::size_t k = 0; k < count; ++k) {
      Xapian::WritableDatabase db(writer_path(k), flags, schema::kBlockSize);
      if (fresh) {
        db.set_metadata(schema::kLanguageKey, language);
        db.set_metadata(schema::kSchemaVersionKey, schema::kSchemaVersion);
      } else if (db.get_metadata(schema::kSchemaVersionKey) != schema::kSchemaVersion) {
        throw IndexIncompatibleError(
            "cannot open index '" + path +
            "': it was written by an incompatible trove version; rebuild it with "
            "trove-index --rebuild");
      }
      writers.push_back(std::make_unique<ShardWriter>(std::move(db), language, parts));
    }
  });
}

// Adds `records` (at most one batch), each writer's share on its own
// thread when more than one has work.
std::vector<IndexWriter::AddResult> IndexWriter::Impl::add_batch(
    const std::vector<const Record*>& records) {
  std::vector<AddResult> results(records.size());
  std::vector<std::vector<std::size_t>> shares(writers.size());
  for (std::size_t i = 0; i < records.size(); ++i) {
    shares[writer_for(records[i]->id)].push_back(i);
  }
  std::vector<std::size_t> busy;  // the writers with records to add
  for (std::size_t w = 0; w < writers.size(); ++w) {
    if (!shares[w].empty()) busy.push_back(w);
  }
  with_index_errors("write to", path, [&] {
    in_parallel(busy.size(), [&](std::size_t k) {
      for (std::size_t i : shares[busy[k]]) results[i] = writers[busy[k]]->add(*records[i]);
    });
  });
  for (AddResult result : results) pending += result != AddResult::kUnchanged;
  if (pending >= std::max<std::size_t>(options.batch_size, 1)) commit();
  return results;
}

// Compacts the parts into the generation's shards: Xapian's compaction
// merges them and packs the B-trees full, roughly halving the size.
void IndexWriter::Impl::merge_parts() {
  with_index_errors("compact", path, [&] {
    for (auto& writer : writers) writer->db.close();
    for (std::size_t shard = 0; shard < generation.shards; ++shard) {
      Xapian::Database sources;
      for (std::size_t k = shard; k < writers.size(); k += generation.shards) {
        sources.add_database(Xapian::Database(writer_path(k)));
      }
      sources.compact(generations::shard_path(path, generation.name, shard), 0,
                      schema::kBlockSize);
    }
  });
  std::error_code ec;
  for (std::size_t k = 0; k < writers.size(); ++k) fs::remove_all(writer_path(k), ec);
}

IndexWriter IndexWriter::open(const std::string& path, const WriterOptions& options) {
  if (options.shards > WriterOptions::kMaxShards) {
    throw Error("cannot write index '" + path + "': " + std::to_string(options.shards) +
                " shards is more than the maximum of " +
                std::to_string(WriterOptions::kMaxShards));
  }
  check_target(path, options);
  const std::string created_dir = first_missing(path);
  create_directory(path);
  std::unique_ptr<Impl> impl;
  try {
    impl = std::make_unique<Impl>(path, options, created_dir);
  } catch (...) {
    std::error_code ec;
    if (!created_dir.empty()) fs::remove_all(created_dir, ec);
    throw;
  }
  try {
    impl->guard([&] { impl->open_database(); });
  } catch (...) {
    impl->abandon();  // removes what this open() created
    throw;
  }
  return IndexWriter(std::move(impl));
}

IndexWriter::IndexWriter(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
IndexWriter::IndexWriter(IndexWriter&&) noexcept = default;
IndexWriter& IndexWriter::operator=(IndexWriter&& other) noexcept {
  if (this != &other) {
    close();  // the writer being replaced ends as if destroyed
    impl_ = std::move(other.impl_);
  }
  return *this;
}

IndexWriter::~IndexWriter() { close(); }

void IndexWriter::close() noexcept {
  if (impl_ && !impl_->finished) impl_->abandon();
  impl_.reset();
}

// Ends a writer without finish(): an in-place writer's uncommitted changes
// are discarded (a destructor could not report a failed commit, so it makes
// none), an unfinished rebuild's generation is removed, and an index this
// writer created and kept nothing in is removed with the directories made
// for it.
void IndexWriter::Impl::abandon() noexcept {
  for (auto& writer : writers) {
    try {
      // Xapian commits pending changes when a database is closed, unless a
      // transaction is active; one begun unflushed takes them with it when
      // cancelled.
      writer->db.begin_transaction(false);
      writer->db.cancel_transaction();
      writer->db.close();
    } catch (const Xapian::Error&) {
      // The next writer recovers from what was committed.
    }
  }
  std::error_code ec;
  if (created_index && (options.rebuild || !committed)) {
    // Nothing of this index was kept: leave the path as open() found it.
    if (!created_dir.empty()) {
      fs::remove_all(created_dir, ec);
    } else {
      generations::remove_index(path, own_generation, lock.created_file());
    }
  } else if (options.rebuild && !own_generation.empty()) {
    generations::remove_generation(path, own_generation);
  }
}

IndexWriter::AddResult IndexWriter::add(const Record& record) {
  impl_->check_usable();
  check_indexable(record);
  return impl_->guard([&] { return impl_->add_batch({&record}).front(); });
}

std::vector<IndexWriter::AddResult> IndexWriter::add_all(const std::vector<Record>& records) {
  impl_->check_usable();
  for (const Record& record : records) check_indexable(record);
  return impl_->guard([&] { return impl_->add_all(records); });
}

std::vector<IndexWriter::AddResult> IndexWriter::Impl::add_all(const std::vector<Record>& records) {
  std::vector<AddResult> results;
  results.reserve(records.size());
  // Commits fall exactly every batch_size changes: a batch never spans two.
  std::size_t next = 0;
  while (next < records.size()) {
    const std::size_t room = std::max<std::size_t>(options.batch_size, 1) - pending;
    const std::size_t end = std::min(records.size(), next + std::max<std::size_t>(room, 1));
    std::vector<const Record*> batch;
    for (std::size_t i = next; i < end; ++i) batch.push_back(&records[i]);
    for (AddResult result : add_batch(batch)) results.push_back(result);
    next = end;
  }
  return results;
}

bool IndexWriter::remove(const std::string& id) {
  impl_->check_usable();
  return impl_->guard([&] { return impl_->remove(id); });
}

bool IndexWriter::Impl::remove(const std::string& id) {
  const std::string term = id_term(id);
  bool found = false;
  Xapian::WritableDatabase& db = writers[writer_for(id)]->db;
  with_index_errors("write to", path, [&] {
    found = db.term_exists(term);
    if (found) db.delete_document(term);
  });
  if (found && ++pending >= std::max<std::size_t>(options.batch_size, 1)) commit();
  return found;
}

void IndexWriter::set_thesaurus(const std::string& text) {
  impl_->check_usable();
  Impl& impl = *impl_;
  Thesaurus::parse(text, impl.writers[0]->analyzer);  // throws InputError if malformed
  // Never empty once set: an absent thesaurus means the default one.
  const std::string stored = text.empty() ? "\n" : text;
  with_index_errors("write to", impl.path, [&] {
    for (auto& writer : impl.writers) writer->db.set_metadata(schema::kThesaurusKey, stored);
  });
  ++impl.pending;
}

void IndexWriter::commit() {
  impl_->check_usable();
  impl_->guard([&] { impl_->commit(); });
}

void IndexWriter::finish() {
  impl_->check_usable();
  impl_->ended = true;  // failed or not, the writer is done; the destructor cleans up
  impl_->guard([&] {
    impl_->commit();
    if (impl_->options.rebuild) {
      impl_->switch_to_rebuilt();  // closes the parts
    } else {
      for (auto& writer : impl_->writers) writer->db.close();
    }
  });
  impl_->finished = true;
  impl_->lock.release();  // the next writer need not wait for this object to go
}

// Merges the rebuilt parts into the new generation, verifies it as a reader
// will see it, and only then switches searchers to it.
void IndexWriter::Impl::switch_to_rebuilt() {
  const std::size_t expected = document_count();
  merge_parts();
  with_index_errors("verify", path, [&] {
    Xapian::Database check;
    for (std::size_t i = 0; i < generation.shards; ++i) {
      check.add_database(Xapian::Database(generations::shard_path(path, generation.name, i)));
    }
    if (check.get_doccount() != expected) {
      throw IndexError("cannot switch index '" + path + "': the new generation holds " +
                       std::to_string(check.get_doccount()) + " records, expected " +
                       std::to_string(expected));
    }
    // A test query: every record matches, and the best one reads back.
    Xapian::Enquire enquire(check);
    enquire.set_query(match_all());
    const Xapian::MSet mset = enquire.get_mset(0, 1, check.get_doccount());
    if (mset.get_matches_estimated() != expected ||
        (expected > 0 && deserialize_record(mset.begin().get_document().get_data()).id.empty())) {
      throw IndexError("cannot switch index '" + path +
                       "': the new generation does not answer a test query");
    }
  });
  generations::switch_to(path, generation);
  generations::remove_all_but(path, generation.name, live.name);
}

std::size_t IndexWriter::Impl::document_count() const {
  return with_index_errors("read", path, [&] {
    std::size_t count = 0;
    for (const auto& writer : writers) count += writer->db.get_doccount();
    return count;
  });
}

std::size_t IndexWriter::document_count() const {
  impl_->check_usable();
  return impl_->document_count();
}

const std::string& IndexWriter::path() const { return impl_->path; }

}  // namespace trove
