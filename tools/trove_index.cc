// trove-index: adds CTIC listings or JSON Lines files to a trove index,
// rebuilds it, or deletes records from it.
#include <unistd.h>

#include <boost/program_options.hpp>
#include <cstring>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "cli.h"
#include "trove/trove.h"

namespace po = boost::program_options;

namespace {

constexpr char kUsage[] = R"(Usage: trove-index [add] [OPTIONS] FILE|DIR...
       trove-index --rebuild [--allow-empty] [OPTIONS] FILE|DIR...
       trove-index delete [--db DIR] --id ID...
       trove-index thesaurus [--db DIR] FILE

add (the default) reads publication records from CTIC listing text or JSON
Lines files (a directory contributes its .txt, .jsonl, .ndjson and .json
files), adds new records and replaces changed ones by id; running it again
on the same files changes nothing. --rebuild builds a complete new index from
the files and switches searchers to it atomically when it is verified; until
then the old index stays live. delete removes records by id. thesaurus
replaces the index's thesaurus with FILE (one group of equivalent terms per
line, comma-separated, # comments; an empty FILE turns expansion off), with
no rebuild; searchers use it from their next query. The words add, delete
and thesaurus must come first, before any option.

Each rejected record is reported with its file:line and reason on stderr.
Exit status: 0 success, 1 some record rejected, some id not found, or an
error (nothing is lost: every good record still lands, even when stderr is
closed; after a fatal error the summary says what was committed), 2 bad
usage.

Examples:
  trove-index corpus/                       add or update records in ./trove-index
  trove-index --db /srv/idx --rebuild in/   rebuild from scratch, zero downtime
  trove-index delete --id r3f2a... --id 42  remove two records
  trove-index --rebuild --shards 3 in/      three shards, searched as one

Options)";

// Records per commit: a batch is held in memory until it is committed.
constexpr std::size_t kMaxBatchSize = 100000;

std::string count(std::size_t n, const char* noun) {
  return std::to_string(n) + " " + noun + (n == 1 ? "" : "s");
}

struct Options {
  std::string mode = "add";
  std::string db;
  std::string format_name;
  std::string language;
  std::string batch_size;
  std::string shards;
  bool rebuild = false;
  bool allow_empty = false;
  bool allow_non_empty = false;
  std::vector<std::string> sources;
  std::vector<std::string> ids;
};

// "read 10 records from 1 file, added 10, ..., warnings 0" (without the
// files when a file was cut short).
std::string counts(const trove::IngestStats& stats, bool files = true) {
  return "read " + count(stats.read, "record") +
         (files ? " from " + count(stats.files, "file") : std::string()) + ", added " +
         std::to_string(stats.added) + ", replaced " + std::to_string(stats.replaced) +
         ", unchanged " + std::to_string(stats.unchanged) + ", rejected " +
         std::to_string(stats.rejected) + ", warnings " + std::to_string(stats.warnings);
}

// The records of the live index at `db`, if it can be opened.
std::optional<std::size_t> live_records(const std::string& db) {
  try {
    return trove::Searcher::open(db).document_count();
  } catch (const trove::Error&) {
    return std::nullopt;
  }
}

// After a fatal error, what an operator needs to decide what to re-run: the
// records handed to the index before the error, and what the index holds
// now (an in-place update keeps every committed batch; a failed rebuild
// leaves the live index as it was).
void print_stopped(const Options& o, const trove::IngestStats& stats) {
  const std::optional<std::size_t> live = live_records(o.db);
  std::cout << (o.rebuild ? "rebuild of " : "update of ") << o.db
            << " stopped by the error below, having " << counts(stats, false) << "; ";
  if (!live) {
    std::cout << "the index cannot be opened\n";
  } else if (o.rebuild) {
    std::cout << "the live index is unchanged and holds " << count(*live, "record") << "\n";
  } else {
    std::cout << "the index holds " << count(*live, "record") << " (every committed batch)\n";
  }
}

// A rebuild that read nothing would switch a populated index to an empty
// one: a mistyped or emptied source directory, not an intent, unless said.
void check_not_emptied(const Options& o, std::size_t records) {
  if (!o.rebuild || records > 0 || o.allow_empty) return;
  const std::optional<std::size_t> live = live_records(o.db);
  if (live && *live > 0) {
    throw trove::Error("the sources gave no record to index: refusing to replace the " +
                       count(*live, "record") + " of " + o.db +
                       " with an empty index (the live index is unchanged; "
                       "--allow-empty does it)");
  }
}

int run_ingest(const Options& o) {
  if (o.sources.empty()) throw po::error("no input: give at least one FILE or DIR");
  if (!o.ids.empty()) throw po::error("--id goes with 'trove-index delete'");
  trove::Format format;
  try {
    format = trove::parse_format(o.format_name);
  } catch (const trove::InputError& e) {
    throw po::error(e.what());  // a bad option value is a usage error
  }
  trove::WriterOptions options;
  options.rebuild = o.rebuild;
  options.language = o.language;
  options.batch_size = trove::cli::parse_count("batch-size", o.batch_size, 1, kMaxBatchSize);
  options.shards = trove::cli::parse_count("shards", o.shards, 0, trove::WriterOptions::kMaxShards);
  options.allow_non_empty = o.allow_non_empty;
  const bool progress = ::isatty(STDERR_FILENO);

  std::optional<trove::IndexWriter> writer = trove::IndexWriter::open(o.db, options);
  trove::IngestStats stats;  // as of the last chunk handed to the writer
  std::size_t rejected = 0, warnings = 0;
  try {
    stats = trove::ingest(
        *writer, o.sources, format,
        [&](const trove::ReadError& e) {
          const bool error = e.severity == trove::ReadError::Severity::kError;
          ++(error ? rejected : warnings);
          if (progress) std::cerr << "\r\033[K";
          trove::cli::report((error ? "rejected: " : "") + e.message());
        },
        [&](const trove::IngestStats& s) {
          stats = s;
          if (progress) {
            std::cerr << "\rread " << s.read << " records, rejected " << s.rejected << "..."
                      << std::flush;
          }
        });
    if (progress) std::cerr << "\r\033[K";
    const std::size_t total = writer->document_count();
    check_not_emptied(o, total);
    writer->finish();
    std::cout << (o.rebuild ? "rebuilt " : "updated ") << o.db << ": " << counts(stats)
              << "; the index holds " << count(total, "record") << "\n";
  } catch (const trove::InputError&) {
    throw;  // a missing source: refused before anything was read
  } catch (const trove::Error&) {
    if (progress) std::cerr << "\r\033[K";
    // Without finish(): an in-place writer keeps only its committed batches
    // (what it held is discarded), a rebuild is abandoned.
    writer.reset();
    stats.rejected = rejected;
    stats.warnings = warnings;
    print_stopped(o, stats);
    throw;
  }
  return stats.rejected > 0 ? 1 : 0;
}

int run_delete(const Options& o) {
  if (o.ids.empty()) throw po::error("delete needs at least one --id ID");
  if (!o.sources.empty() || o.rebuild) throw po::error("delete takes only --db and --id");
  trove::WriterOptions options;
  options.create = false;  // a mistyped --db is an error, not a new empty index
  trove::IndexWriter writer = trove::IndexWriter::open(o.db, options);
  std::size_t deleted = 0;
  for (const std::string& id : o.ids) {
    if (writer.remove(id)) {
      ++deleted;
    } else {
      trove::cli::report("not found: " + id);
    }
  }
  const std::size_t total = writer.document_count();
  writer.finish();
  std::cout << "updated " << o.db << ": deleted " << count(deleted, "record") << ", not found "
            << o.ids.size() - deleted << "; the index holds " << count(total, "record") << "\n";
  return deleted == o.ids.size() ? 0 : 1;
}

int run_thesaurus(const Options& o) {
  if (o.sources.size() != 1 || !o.ids.empty() || o.rebuild) {
    throw po::error("thesaurus takes --db and one FILE");
  }
  std::ifstream in(o.sources[0], std::ios::binary);
  if (!in) throw trove::InputError("cannot read thesaurus '" + o.sources[0] + "'");
  std::ostringstream text;
  text << in.rdbuf();
  trove::IndexWriter writer = trove::IndexWriter::open(o.db);
  writer.set_thesaurus(text.str());
  writer.finish();
  std::cout << "updated " << o.db << ": thesaurus replaced by " << o.sources[0] << "\n";
  return 0;
}

int run(int argc, char** argv) {
  Options o;
  // An optional first word chooses the mode.
  if (argc > 1 && (std::strcmp(argv[1], "add") == 0 || std::strcmp(argv[1], "delete") == 0 ||
                   std::strcmp(argv[1], "thesaurus") == 0)) {
    o.mode = argv[1];
    --argc;
    ++argv;
  }
  po::options_description visible(kUsage);
  visible.add_options()
      ("help,h", "show this help")
      ("version", "show the versions of trove, its index schema, Xapian and ICU")
      ("db", po::value(&o.db)->default_value("./trove-index"),
       "index directory (created if missing, but not by delete)")
      ("format", po::value(&o.format_name)->default_value("auto"),
       "input format: auto (by extension or content), ctic or jsonl")
      ("rebuild", po::bool_switch(&o.rebuild), "build a complete new index from the sources and "
                  "switch to it atomically; the old index stays searchable until then")
      ("allow-empty", po::bool_switch(&o.allow_empty),
       "with --rebuild: replace a non-empty index even if the sources give no record")
      ("language", po::value(&o.language)->default_value("english"),
       "stemming language of a new index (an existing one keeps its own): none (no "
       "stemming) or a Snowball stemmer of Xapian 1.4: arabic armenian basque catalan "
       "danish dutch earlyenglish english finnish french german german2 hungarian "
       "indonesian irish italian kraaij_pohlmann lithuanian lovins nepali norwegian "
       "porter portuguese romanian russian spanish swedish tamil turkish")
      ("batch-size", po::value(&o.batch_size)->default_value("2000"),
       "records per commit, 1 to 100000; a crash loses at most one batch")
      ("shards", po::value(&o.shards)->default_value("0"),
       "split the index into N shards by a hash of the record id, 0 to 64 (0: keep "
       "the index's count, also in a rebuild; 1 for a new one; changing it needs "
       "--rebuild)")
      ("allow-non-empty", po::bool_switch(&o.allow_non_empty),
       "create the index in a directory that holds other files (refused by default)")
      ("id", po::value(&o.ids), "with delete: id of a record to remove (repeatable)");
  po::variables_map vm;
  if (!trove::cli::parse("trove-index", argc, argv, visible, o.sources, vm)) return 0;
  if (o.mode == "thesaurus") return run_thesaurus(o);
  return o.mode == "delete" ? run_delete(o) : run_ingest(o);
}

}  // namespace

int main(int argc, char** argv) { return trove::cli::main("trove-index", argc, argv, run); }
