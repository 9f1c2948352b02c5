#include "trove/index_writer.h"

#include <algorithm>
#include <filesystem>
#include <optional>

#include "index/document_builder.h"
#include "index/generations.h"
#include "index/schema.h"
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
  std::string generation;  // the one being written
  std::string generation_path;
  Xapian::WritableDatabase db;
  std::optional<Analyzer> analyzer;
  std::optional<DocumentBuilder> builder;
  std::size_t pending = 0;
  bool finished = false;

  Impl(const std::string& p, const WriterOptions& o) : path(p), options(o), lock(p) {}

  void open_database() {
    const std::string live = generations::live(path);
    const bool fresh = live.empty() || options.rebuild;
    if (options.rebuild) {
      // Half-built generations of failed rebuilds are dead: nothing names them.
      generations::remove_all_but(path, live);
    }
    generation = fresh ? generations::next_name(path) : live;
    generation_path = (fs::path(path) / generation).string();
    with_index_errors("open", path, [&] {
      db = Xapian::WritableDatabase(generation_path,
                                    fresh ? Xapian::DB_CREATE_OR_OVERWRITE : Xapian::DB_OPEN);
      if (fresh) {
        db.set_metadata(schema::kLanguageKey, options.language);
        db.set_metadata(schema::kSchemaVersionKey, schema::kSchemaVersion);
      } else if (db.get_metadata(schema::kSchemaVersionKey) != schema::kSchemaVersion) {
        throw IndexError("cannot open index '" + path +
                         "': it was written by an incompatible trove version; rebuild it with "
                         "trove-index --rebuild");
      }
    });
    analyzer.emplace(AnalyzerOptions{existing_language(db, options.language)});
    builder.emplace(*analyzer);
    if (live.empty() && !options.rebuild) {
      // A brand-new index becomes visible (empty) at once; a rebuild's only at finish().
      commit();
      generations::switch_to(path, generation);
    }
  }

  void commit() {
    with_index_errors("commit to", path, [&] { db.commit(); });
    pending = 0;
  }

  void note_change() {
    if (++pending >= std::max<std::size_t>(options.batch_size, 1)) commit();
  }
};

IndexWriter IndexWriter::open(const std::string& path, const WriterOptions& options) {
  create_directory(path);
  auto impl = std::make_unique<Impl>(path, options);
  impl->open_database();
  return IndexWriter(std::move(impl));
}

IndexWriter::IndexWriter(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
IndexWriter::IndexWriter(IndexWriter&&) noexcept = default;
IndexWriter& IndexWriter::operator=(IndexWriter&&) noexcept = default;

IndexWriter::~IndexWriter() {
  if (!impl_ || impl_->finished) return;
  try {
    if (impl_->options.rebuild) {
      impl_->db.close();
      std::error_code ec;
      fs::remove_all(impl_->generation_path, ec);
    } else {
      impl_->db.commit();
    }
  } catch (...) {
    // A destructor must not throw; the next writer recovers from the state left.
  }
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
  with_index_errors("write to", impl.path, [&] {
    Xapian::PostingIterator existing = impl.db.postlist_begin(term);
    if (existing == impl.db.postlist_end(term)) {
      impl.db.replace_document(term, impl.builder->build(record));
      return;
    }
    // The same publication again (perhaps from another topic page): keep one
    // document, with the topics of both.
    const std::string old_data = impl.db.get_document(*existing).get_data();
    Record merged = record;
    merged.topic = deserialize_record(old_data).topic;
    merge_values(merged.topic, record.topic);
    if (serialize_record(merged) == old_data) {
      result = AddResult::kUnchanged;
      return;
    }
    impl.db.replace_document(term, impl.builder->build(merged));
    result = AddResult::kReplaced;
  });
  if (result != AddResult::kUnchanged) impl.note_change();
  return result;
}

bool IndexWriter::remove(const std::string& id) {
  Impl& impl = *impl_;
  const std::string term = id_term(id);
  bool found = false;
  with_index_errors("write to", impl.path, [&] {
    found = impl.db.term_exists(term);
    if (found) impl.db.delete_document(term);
  });
  if (found) impl.note_change();
  return found;
}

void IndexWriter::commit() { impl_->commit(); }

void IndexWriter::finish() {
  Impl& impl = *impl_;
  impl.commit();
  if (impl.options.rebuild) {
    const Xapian::doccount expected = impl.db.get_doccount();
    impl.db.close();
    // Verify the generation as a reader will see it before switching to it.
    with_index_errors("verify", impl.path, [&] {
      Xapian::Database check(impl.generation_path);
      if (check.get_doccount() != expected) {
        throw IndexError("cannot switch index '" + impl.path + "': the new generation holds " +
                         std::to_string(check.get_doccount()) + " records, expected " +
                         std::to_string(expected));
      }
    });
    generations::switch_to(impl.path, impl.generation);
    generations::remove_all_but(impl.path, impl.generation);
  }
  impl.finished = true;
}

std::size_t IndexWriter::document_count() const {
  return with_index_errors("read", impl_->path, [&] { return impl_->db.get_doccount(); });
}

const std::string& IndexWriter::path() const { return impl_->path; }

}  // namespace trove
