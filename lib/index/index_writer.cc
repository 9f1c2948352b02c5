#include "trove/index_writer.h"

#include <algorithm>
#include <filesystem>
#include <exception>
#include <thread>
#include <vector>

#include "index/document_builder.h"
#include "index/generations.h"
#include "index/schema.h"
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

  ShardWriter(Xapian::WritableDatabase database, const std::string& language)
      : db(std::move(database)), analyzer(AnalyzerOptions{language}) {}

  IndexWriter::AddResult add(const Record& record) {
    const std::string term = id_term(record.id);
    Xapian::PostingIterator existing = db.postlist_begin(term);
    if (existing == db.postlist_end(term)) {
      db.replace_document(term, builder.build(record));
      return IndexWriter::AddResult::kAdded;
    }
    // The same publication again (perhaps from another topic page): keep one
    // document, with the topics of both.
    const std::string old_data = db.get_document(*existing).get_data();
    Record merged = record;
    merged.topic = deserialize_record(old_data).topic;
    merge_values(merged.topic, record.topic);
    if (serialize_record(merged) == old_data) return IndexWriter::AddResult::kUnchanged;
    db.replace_document(term, builder.build(merged));
    return IndexWriter::AddResult::kReplaced;
  }
};

}  // namespace

struct IndexWriter::Impl {
  std::string path;
  WriterOptions options;
  generations::WriteLock lock;
  generations::Generation generation;  // the one being written
  // The databases written: the generation's shards, or for a rebuild its
  // parts, compacted into the shards by finish() (part k goes to shard
  // k % shards, which keeps each record in the shard its id hashes to).
  std::vector<std::unique_ptr<ShardWriter>> writers;
  bool parts = false;
  std::size_t pending = 0;
  bool finished = false;

  Impl(const std::string& p, const WriterOptions& o) : path(p), options(o), lock(p) {}

  void open_database();
  void open_writers(bool fresh, const std::string& language);
  // A rebuild keeps the live generation's thesaurus (set_thesaurus).
  void keep_thesaurus(const generations::Generation& live) {
    with_index_errors("open", path, [&] {
      const std::string text = Xapian::Database(generations::shard_path(path, live.name, 0))
                                   .get_metadata(schema::kThesaurusKey);
      if (text.empty()) return;
      for (auto& writer : writers) writer->db.set_metadata(schema::kThesaurusKey, text);
    });
  }
  std::string writer_path(std::size_t k) const {
    if (!parts) return generations::shard_path(path, generation.name, k);
    return (fs::path(path) / generation.name / ("part-" + std::to_string(k))).string();
  }
  std::size_t writer_for(const std::string& id) const { return fnv1a64(id) % writers.size(); }
  std::vector<AddResult> add_batch(const std::vector<const Record*>& records);
  void merge_parts();
  void commit() {
    // One commit per shard (or part), each on its own thread: a crash
    // between them can leave a batch in some shards only; re-running the
    // ingestion completes it.
    with_index_errors("commit to", path, [&] {
      in_parallel(writers.size(), [&](std::size_t w) { writers[w]->db.commit(); });
    });
    pending = 0;
  }
  void remove_generation() {
    for (auto& writer : writers) writer->db.close();
    std::error_code ec;
    fs::remove_all(fs::path(path) / generation.name, ec);
  }
};

void IndexWriter::Impl::open_database() {
  const generations::Generation live = generations::live(path);
  const bool fresh = live.name.empty() || options.rebuild;
  if (!fresh && options.shards != 0 && options.shards != live.shards) {
    throw IndexError("cannot write index '" + path + "': it has " + std::to_string(live.shards) +
                     " shards, not " + std::to_string(options.shards) +
                     "; rebuild it to change that (trove-index --rebuild --shards N)");
  }
  if (options.rebuild) {
    // Half-built generations of failed rebuilds are dead: nothing names them.
    generations::remove_all_but(path, live.name);
  }
  generation = fresh ? generations::Generation{generations::next_name(path),
                                               std::max<std::size_t>(options.shards, 1)}
                     : live;
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
  }
}

void IndexWriter::Impl::open_writers(bool fresh, const std::string& language) {
  if (fresh) create_directory((fs::path(path) / generation.name).string());
  const std::size_t count =
      parts && generation.shards == 1 ? kRebuildParts : generation.shards;
  with_index_errors("open", path, [&] {
    for (std::size_t k = 0; k < count; ++k) {
      Xapian::WritableDatabase db(writer_path(k),
                                  fresh ? Xapian::DB_CREATE_OR_OVERWRITE : Xapian::DB_OPEN,
                                  schema::kBlockSize);
      if (fresh) {
        db.set_metadata(schema::kLanguageKey, language);
        db.set_metadata(schema::kSchemaVersionKey, schema::kSchemaVersion);
      } else if (db.get_metadata(schema::kSchemaVersionKey) != schema::kSchemaVersion) {
        throw IndexError("cannot open index '" + path +
                         "': it was written by an incompatible trove version; rebuild it with "
                         "trove-index --rebuild");
      }
      writers.push_back(std::make_unique<ShardWriter>(std::move(db), language));
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
  for (auto& writer : writers) writer->db.close();
  with_index_errors("compact", path, [&] {
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
  create_directory(path);
  auto impl = std::make_unique<Impl>(path, options);
  impl->open_database();
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

// Commits an in-place writer; abandons (removes) an unfinished rebuild.
void IndexWriter::close() noexcept {
  if (!impl_ || impl_->finished) return;
  try {
    if (impl_->options.rebuild) {
      impl_->remove_generation();
    } else {
      impl_->commit();
    }
  } catch (...) {
    // Must not throw (destructor); the next writer recovers from the state left.
  }
  impl_.reset();
}

IndexWriter::AddResult IndexWriter::add(const Record& record) {
  check_indexable(record);
  return impl_->add_batch({&record}).front();
}

std::vector<IndexWriter::AddResult> IndexWriter::add_all(const std::vector<Record>& records) {
  for (const Record& record : records) check_indexable(record);
  Impl& impl = *impl_;
  std::vector<AddResult> results;
  results.reserve(records.size());
  // Commits fall exactly every batch_size changes: a batch never spans two.
  std::size_t next = 0;
  while (next < records.size()) {
    const std::size_t room = std::max<std::size_t>(impl.options.batch_size, 1) - impl.pending;
    const std::size_t end = std::min(records.size(), next + std::max<std::size_t>(room, 1));
    std::vector<const Record*> batch;
    for (std::size_t i = next; i < end; ++i) batch.push_back(&records[i]);
    for (AddResult result : impl.add_batch(batch)) results.push_back(result);
    next = end;
  }
  return results;
}

bool IndexWriter::remove(const std::string& id) {
  Impl& impl = *impl_;
  const std::string term = id_term(id);
  bool found = false;
  Xapian::WritableDatabase& db = impl.writers[impl.writer_for(id)]->db;
  with_index_errors("write to", impl.path, [&] {
    found = db.term_exists(term);
    if (found) db.delete_document(term);
  });
  if (found && ++impl.pending >= std::max<std::size_t>(impl.options.batch_size, 1)) impl.commit();
  return found;
}

void IndexWriter::set_thesaurus(const std::string& text) {
  Impl& impl = *impl_;
  Thesaurus::parse(text, impl.writers[0]->analyzer);  // throws InputError if malformed
  // Never empty once set: an absent thesaurus means the default one.
  const std::string stored = text.empty() ? "\n" : text;
  with_index_errors("write to", impl.path, [&] {
    for (auto& writer : impl.writers) writer->db.set_metadata(schema::kThesaurusKey, stored);
  });
  ++impl.pending;
}

void IndexWriter::commit() { impl_->commit(); }

void IndexWriter::finish() {
  Impl& impl = *impl_;
  impl.commit();
  if (impl.options.rebuild) {
    const std::size_t expected = document_count();
    impl.merge_parts();
    // Verify the generation as a reader will see it before switching to it.
    with_index_errors("verify", impl.path, [&] {
      Xapian::Database check;
      for (std::size_t i = 0; i < impl.generation.shards; ++i) {
        check.add_database(
            Xapian::Database(generations::shard_path(impl.path, impl.generation.name, i)));
      }
      if (check.get_doccount() != expected) {
        throw IndexError("cannot switch index '" + impl.path + "': the new generation holds " +
                         std::to_string(check.get_doccount()) + " records, expected " +
                         std::to_string(expected));
      }
      // A test query: every record matches, and the best one reads back.
      Xapian::Enquire enquire(check);
      enquire.set_query(Xapian::Query(std::string()));
      const Xapian::MSet mset = enquire.get_mset(0, 1, check.get_doccount());
      if (mset.get_matches_estimated() != expected ||
          (expected > 0 && deserialize_record(mset.begin().get_document().get_data()).id.empty())) {
        throw IndexError("cannot switch index '" + impl.path +
                         "': the new generation does not answer a test query");
      }
    });
    generations::switch_to(impl.path, impl.generation);
    generations::remove_all_but(impl.path, impl.generation.name);
  }
  impl.finished = true;
}

std::size_t IndexWriter::document_count() const {
  return with_index_errors("read", impl_->path, [&] {
    std::size_t count = 0;
    for (const auto& writer : impl_->writers) count += writer->db.get_doccount();
    return count;
  });
}

const std::string& IndexWriter::path() const { return impl_->path; }

}  // namespace trove
