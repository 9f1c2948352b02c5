#include "index/document_builder.h"
#include "trove/error.h"
#include "trove/index_writer.h"

namespace trove {
namespace {

// Records handed to IndexWriter::add_all() at a time: enough to keep every
// shard's thread busy, little enough to hold in memory.
constexpr std::size_t kChunk = 1024;

// One ingest() call: reads records into a chunk and adds it to the writer
// whenever it is full.
class Ingestion {
 public:
  Ingestion(IndexWriter& writer, const ProblemCallback& on_problem,
            const ProgressCallback& on_progress)
      : writer_(writer), on_problem_(on_problem), on_progress_(on_progress) {}

  void read(const std::vector<std::string>& paths, Format format);
  const IngestStats& stats() const { return stats_; }

 private:
  void problem(const ReadError& error);
  void record(Record&& r);
  void flush();

  IndexWriter& writer_;
  const ProblemCallback& on_problem_;
  const ProgressCallback& on_progress_;
  IngestStats stats_;
  std::vector<Record> chunk_;
  bool writing_ = false;       // inside writer_.add_all()
  bool calling_back_ = false;  // inside on_problem_ (left true if it threw)
};

void Ingestion::read(const std::vector<std::string>& paths, Format format) {
  auto on_record = [&](Record&& r) { record(std::move(r)); };
  auto on_problem = [&](const ReadError& error) { problem(error); };
  try {
    for (const std::string& file : list_sources(paths)) {
      try {
        read_file(file, format, on_record, on_problem);
        ++stats_.files;
      } catch (const InputError& e) {
        if (calling_back_) throw;  // the caller's own exception, not an unreadable file
        // One unreadable file must not stop the others from landing.
        on_problem({file, 0, e.what(), ReadError::Severity::kError});
      }
    }
    flush();
  } catch (...) {
    // A callback threw (or reading failed): the good records read before it
    // still land, and on_progress hears the final counts, before the
    // exception goes on. Not when the writer itself failed: it cannot.
    if (!writing_ && !chunk_.empty()) flush();
    throw;
  }
}

void Ingestion::problem(const ReadError& error) {
  if (error.severity == ReadError::Severity::kError) {
    ++stats_.rejected;
  } else {
    ++stats_.warnings;
  }
  if (on_problem_) {
    calling_back_ = true;
    on_problem_(error);
    calling_back_ = false;
  }
}

void Ingestion::record(Record&& r) {
  try {
    check_indexable(r);
  } catch (const InputError& e) {
    // A record the index cannot hold (an over-long id) is rejected like a
    // malformed one.
    problem({r.source_file, r.source_line, e.what(), ReadError::Severity::kError});
    return;
  }
  chunk_.push_back(std::move(r));
  if (chunk_.size() >= kChunk) flush();
}

void Ingestion::flush() {
  writing_ = true;
  const std::vector<IndexWriter::AddResult> results = writer_.add_all(chunk_);
  writing_ = false;
  for (IndexWriter::AddResult result : results) {
    switch (result) {
      case IndexWriter::AddResult::kAdded: ++stats_.added; break;
      case IndexWriter::AddResult::kReplaced: ++stats_.replaced; break;
      case IndexWriter::AddResult::kUnchanged: ++stats_.unchanged; break;
    }
  }
  stats_.read += chunk_.size();
  chunk_.clear();
  if (on_progress_) on_progress_(stats_);
}

}  // namespace

IngestStats ingest(IndexWriter& writer, const std::vector<std::string>& paths, Format format,
                   const ProblemCallback& on_problem, const ProgressCallback& on_progress) {
  Ingestion ingestion(writer, on_problem, on_progress);
  ingestion.read(paths, format);
  return ingestion.stats();
}

}  // namespace trove
