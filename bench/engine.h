// The interface every benchmarked engine implements, so the speed and
// relevance programs treat trove, raw Xapian and SQLite FTS5 alike.
//
// Life cycle: index() builds a fresh index in a directory from a JSONL file;
// open() opens an index built by index() (possibly in another process) for
// queries; query() answers one BenchQuery. An Engine is used by one thread.
#ifndef TROVE_BENCH_ENGINE_H_
#define TROVE_BENCH_ENGINE_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "bench_record.h"

namespace bench {

class Engine {
 public:
  virtual ~Engine() = default;

  // The engine and library version, e.g. "Xapian 1.4.22".
  virtual std::string version() const = 0;

  // Indexes every record of the JSONL file at `jsonl_path` into `dir`, which
  // must not exist yet, and makes it durable. Reading and parsing the file is
  // part of the work (every engine parses the same JSON). Returns the number
  // of records indexed. Throws std::runtime_error on failure.
  virtual std::size_t index(const std::string& jsonl_path, const std::string& dir) = 0;

  // Sets a ranking parameter (e.g. "k1", "b") for the next open(). Throws
  // std::runtime_error naming the engine for a parameter it does not have
  // or a value out of range (the default: no parameters at all).
  virtual void set_param(const std::string& name, const std::string& value);

  // Opens the index in `dir` for queries.
  virtual void open(const std::string& dir) = 0;

  // Runs `q`: exact total, the ids of the best q.limit records (BM25, best
  // first) and exact counts for q.facets over all matches.
  virtual QueryResult query(const BenchQuery& q) = 0;

  // The ids of the `limit` records most like record `id` (more like this),
  // best first, the record itself left out; trove-relevance --similar.
  // Throws std::runtime_error for an engine that has no such search (the
  // default).
  virtual QueryResult similar(const std::string& id, std::size_t limit);
};

// "trove" and "trove-rebuild" (when built with the library), "xapian",
// "fts5". Throws
// std::runtime_error for an unknown or unavailable name.
std::unique_ptr<Engine> make_engine(const std::string& name);
std::vector<std::string> available_engines();

// Engine factories, one per engine_*.cc.
std::unique_ptr<Engine> make_xapian_engine();
std::unique_ptr<Engine> make_fts5_engine();
std::unique_ptr<Engine> make_trove_engine();          // in-place writer, add()
std::unique_ptr<Engine> make_trove_rebuild_engine();  // ingest(), rebuild = true

// The number in `value` for parameter `name` of `engine`; throws
// std::runtime_error if it is not a number.
double param_number(const std::string& engine, const std::string& name, const std::string& value);

// Bytes used on disk by the files under `path` (allocated blocks, like du).
std::uint64_t disk_usage(const std::string& path);

}  // namespace bench

#endif  // TROVE_BENCH_ENGINE_H_
