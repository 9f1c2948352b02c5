#include "index/document_builder.h"
#include "trove/error.h"
#include "trove/index_writer.h"

namespace trove {
namespace {

// Records handed to IndexWriter::add_all() at a time: enough to keep every
// shard's thread busy, little enough to hold in memory.
constexpr std::size_t kChunk = 1024;

}  // namespace

IngestStats ingest(IndexWriter& writer, const std::vector<std::string>& paths, Format format,
                   const ProblemCallback& on_problem, const ProgressCallback& on_progress) {
  IngestStats stats;
  auto problem = [&](const ReadError& error) {
    if (error.severity == ReadError::Severity::kError) {
      ++stats.rejected;
    } else {
      ++stats.warnings;
    }
    if (on_problem) on_problem(error);
  };
  std::vector<Record> chunk;
  auto flush = [&] {
    for (IndexWriter::AddResult result : writer.add_all(chunk)) {
      switch (result) {
        case IndexWriter::AddResult::kAdded: ++stats.added; break;
        case IndexWriter::AddResult::kReplaced: ++stats.replaced; break;
        case IndexWriter::AddResult::kUnchanged: ++stats.unchanged; break;
      }
    }
    stats.read += chunk.size();
    chunk.clear();
    if (on_progress) on_progress(stats);
  };
  auto record = [&](Record&& r) {
    try {
      check_indexable(r);
    } catch (const InputError& e) {
      // A record the index cannot hold (an over-long id) is rejected like a
      // malformed one.
      problem({r.source_file, r.source_line, e.what(), ReadError::Severity::kError});
      return;
    }
    chunk.push_back(std::move(r));
    if (chunk.size() >= kChunk) flush();
  };
  for (const std::string& file : list_sources(paths)) {
    try {
      read_file(file, format, record, problem);
      ++stats.files;
    } catch (const InputError& e) {
      // One unreadable file must not stop the others from landing.
      problem({file, 0, e.what(), ReadError::Severity::kError});
    }
  }
  flush();
  return stats;
}

}  // namespace trove
