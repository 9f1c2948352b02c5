#include "trove/error.h"
#include "trove/index_writer.h"

namespace trove {
namespace {

constexpr std::size_t kProgressEvery = 500;

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
  auto record = [&](Record&& r) {
    try {
      switch (writer.add(r)) {
        case IndexWriter::AddResult::kAdded: ++stats.added; break;
        case IndexWriter::AddResult::kReplaced: ++stats.replaced; break;
        case IndexWriter::AddResult::kUnchanged: ++stats.unchanged; break;
      }
      ++stats.read;
    } catch (const InputError& e) {
      // A record the index cannot hold (an over-long id) is rejected like a
      // malformed one.
      problem({r.source_file, r.source_line, e.what(), ReadError::Severity::kError});
    }
    if (on_progress && (stats.read + stats.rejected) % kProgressEvery == 0) on_progress(stats);
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
  return stats;
}

}  // namespace trove
