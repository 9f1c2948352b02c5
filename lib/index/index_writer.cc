#include "trove/index_writer.h"

#include <algorithm>
#include <filesystem>
#include <optional>
#include <vector>

#include "index/document_builder.h"
#include "index/generations.h"
#include "index/schema.h"
#include "hash.h"
#include "trove/analyzer.h"
#include "trove/error.h"
#include "xapian_errors.h"

namespace fs = std::filesystem;

namespace trove {
namespace {

// Xapian caps a term at 245 bytes; the id term carries a one-byte prefix.
constexpr std::size_t kMaxIdBytes = 200;

void create_directory(const std::string& path) {
  std::error_code ec;
  fs::create_directories(path, ec);
  if (ec || !fs::is_directory(path)) {
    throw IndexError("cannot create index '" + path + "': " +
                     (ec ? ec.message() : std::string("not a directory")));
  }
}

std::string existing_language(const Xapian::WritableDatabase& db, const std::string& fallback) {
  std::string language = db.get_metadata(schema::kLanguageKey);
  return language.empty() ? fallback : language;
}

// Appends to `into` the values of `from` it lacks, keeping order.
void merge_values(std::vector<std::string>& into, const std::vector<std::string>& from) {
  for (const std::string& value : from) {
    if (std::find(into.begin(), into.end(), value) == into.end()) into.push_back(value);
  }
}

}  // namespace

struct IndexWriter::Impl {
  std::string path;
  WriterOptions options;
  generations::WriteLock lock;
  generations::Generation generation;  // the one being written
  std::vector<Xapian::WritableDatabase> shards;
  std::optional<Analyzer> analyzer;
  std::optional<DocumentBuilder> builder;
  std::size_t pending = 0;
  bool finished = false;

  Impl(const std::string& p, const WriterOptions& o) : path(p), options(o), lock(p) {}

  void open_database();
  void open_shards(bool fresh);
  Xapian::WritableDatabase& shard_for(const std::string& id) {
    return shards[fnv1a64(id) % shards.size()];
  }
  void commit() {
    // One commit per shard: a crash between them can leave a batch in some
    // shards only; re-running the ingestion completes it.
    with_index_errors("commit to", path, [&] {
      for (Xapian::WritableDatabase& shard : shards) shard.commit();
    });
    pending = 0;
  }
  void note_change() {
    if (++pending >= std::max<std::size_t>(options.batch_size, 1)) commit();
  }
  void remove_generation() {
    for (Xapian::WritableDatabase& shard : shards) shard.close();
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
  open_shards(fresh);
  analyzer.emplace(AnalyzerOptions{existing_language(shards.front(), options.language)});
  builder.emplace(*analyzer);
  if (live.name.empty() && !options.rebuild) {
    // A brand-new index becomes visible (empty) at once; a rebuild's only at finish().
    commit();
    generations::switch_to(path, generation);
  }
}

void IndexWriter::Impl::open_shards(bool fresh) {
  if (fresh) create_directory((fs::path(path) / generation.name).string());
  with_index_errors("open", path, [&] {
    for (std::size_t i = 0; i < generation.shards; ++i) {
      shards.emplace_back(generations::shard_path(path, generation.name, i),
                          fresh ? Xapian::DB_CREATE_OR_OVERWRITE : Xapian::DB_OPEN);
      Xapian::WritableDatabase& shard = shards.back();
      if (fresh) {
        shard.set_metadata(schema::kLanguageKey, options.language);
        shard.set_metadata(schema::kSchemaVersionKey, schema::kSchemaVersion);
      } else if (shard.get_metadata(schema::kSchemaVersionKey) != schema::kSchemaVersion) {
        throw IndexError("cannot open index '" + path +
                         "': it was written by an incompatible trove version; rebuild it with "
                         "trove-index --rebuild");
      }
    }
  });
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
  if (record.id.empty()) throw InputError("cannot index a record without an id");
  if (record.id.size() > kMaxIdBytes) {
    throw InputError("cannot index record '" + record.id.substr(0, 40) + "...': id longer than " +
                     std::to_string(kMaxIdBytes) + " bytes");
  }
  Impl& impl = *impl_;
  const std::string term = id_term(record.id);
  AddResult result = AddResult::kAdded;
  Xapian::WritableDatabase& db = impl.shard_for(record.id);
  with_index_errors("write to", impl.path, [&] {
    Xapian::PostingIterator existing = db.postlist_begin(term);
    if (existing == db.postlist_end(term)) {
      db.replace_document(term, impl.builder->build(record));
      return;
    }
    // The same publication again (perhaps from another topic page): keep one
    // document, with the topics of both.
    const std::string old_data = db.get_document(*existing).get_data();
    Record merged = record;
    merged.topic = deserialize_record(old_data).topic;
    merge_values(merged.topic, record.topic);
    if (serialize_record(merged) == old_data) {
      result = AddResult::kUnchanged;
      return;
    }
    db.replace_document(term, impl.builder->build(merged));
    result = AddResult::kReplaced;
  });
  if (result != AddResult::kUnchanged) impl.note_change();
  return result;
}

bool IndexWriter::remove(const std::string& id) {
  Impl& impl = *impl_;
  const std::string term = id_term(id);
  bool found = false;
  Xapian::WritableDatabase& db = impl.shard_for(id);
  with_index_errors("write to", impl.path, [&] {
    found = db.term_exists(term);
    if (found) db.delete_document(term);
  });
  if (found) impl.note_change();
  return found;
}

void IndexWriter::commit() { impl_->commit(); }

void IndexWriter::finish() {
  Impl& impl = *impl_;
  impl.commit();
  if (impl.options.rebuild) {
    const std::size_t expected = document_count();
    for (Xapian::WritableDatabase& shard : impl.shards) shard.close();
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
    });
    generations::switch_to(impl.path, impl.generation);
    generations::remove_all_but(impl.path, impl.generation.name);
  }
  impl.finished = true;
}

std::size_t IndexWriter::document_count() const {
  return with_index_errors("read", impl_->path, [&] {
    std::size_t count = 0;
    for (const Xapian::WritableDatabase& shard : impl_->shards) count += shard.get_doccount();
    return count;
  });
}

const std::string& IndexWriter::path() const { return impl_->path; }

}  // namespace trove
