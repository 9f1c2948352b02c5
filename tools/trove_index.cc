// trove-index: adds CTIC listings or JSON Lines files to a trove index,
// rebuilds it, or deletes records from it.
#include <unistd.h>

#include <boost/program_options.hpp>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "cli.h"
#include "trove/trove.h"

namespace po = boost::program_options;

namespace {

constexpr char kUsage[] = R"(Usage: trove-index [add] [OPTIONS] FILE|DIR...
       trove-index --rebuild [OPTIONS] FILE|DIR...
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
no rebuild; searchers use it from their next query.

Each rejected record is reported with its file:line and reason on stderr.
Exit status: 0 success, 1 some record rejected, some id not found, or an
error (nothing is lost: every good record still lands), 2 bad usage.

Examples:
  trove-index corpus/                       add or update records in ./trove-index
  trove-index --db /srv/idx --rebuild in/   rebuild from scratch, zero downtime
  trove-index delete --id r3f2a... --id 42  remove two records
  trove-index --rebuild --shards 3 in/      three shards, searched as one

Options)";

std::string count(std::size_t n, const char* noun) {
  return std::to_string(n) + " " + noun + (n == 1 ? "" : "s");
}

void print_progress(const trove::IngestStats& stats) {
  std::cerr << "\rread " << stats.read << " records, rejected " << stats.rejected << "..."
            << std::flush;
}

struct Options {
  std::string mode = "add";
  std::string db;
  std::string format_name;
  std::string language;
  std::size_t batch_size = 0;
  std::size_t shards = 0;
  bool rebuild = false;
  std::vector<std::string> sources;
  std::vector<std::string> ids;
};

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
  options.batch_size = o.batch_size;
  options.shards = o.shards;
  const bool progress = ::isatty(STDERR_FILENO);

  trove::IndexWriter writer = trove::IndexWriter::open(o.db, options);
  const trove::IngestStats stats = trove::ingest(
      writer, o.sources, format,
      [&](const trove::ReadError& e) {
        if (progress) std::cerr << "\r\033[K";
        std::cerr << (e.severity == trove::ReadError::Severity::kError ? "rejected: " : "")
                  << e.message() << "\n";
      },
      progress ? trove::ProgressCallback(print_progress) : trove::ProgressCallback());
  if (progress) std::cerr << "\r\033[K";
  const std::size_t total = writer.document_count();
  writer.finish();

  std::cout << (o.rebuild ? "rebuilt " : "updated ") << o.db << ": read "
            << count(stats.read, "record") << " from " << count(stats.files, "file")
            << ", added " << stats.added << ", replaced " << stats.replaced << ", unchanged "
            << stats.unchanged << ", rejected " << stats.rejected << ", warnings "
            << stats.warnings << "; the index holds " << count(total, "record") << "\n";
  return stats.rejected > 0 ? 1 : 0;
}

int run_delete(const Options& o) {
  if (o.ids.empty()) throw po::error("delete needs at least one --id ID");
  if (!o.sources.empty() || o.rebuild) throw po::error("delete takes only --db and --id");
  trove::IndexWriter writer = trove::IndexWriter::open(o.db);
  std::size_t deleted = 0;
  for (const std::string& id : o.ids) {
    if (writer.remove(id)) {
      ++deleted;
    } else {
      std::cerr << "not found: " << id << "\n";
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
      ("db", po::value(&o.db)->default_value("./trove-index"), "index directory (created if missing)")
      ("format", po::value(&o.format_name)->default_value("auto"),
       "input format: auto (by extension or content), ctic or jsonl")
      ("rebuild", po::bool_switch(&o.rebuild), "build a complete new index from the sources and "
                  "switch to it atomically; the old index stays searchable until then")
      ("language", po::value(&o.language)->default_value("english"),
       "stemming language of a new index (an existing one keeps its own)")
      ("batch-size", po::value(&o.batch_size)->default_value(2000),
       "records per commit; a crash loses at most one batch")
      ("shards", po::value(&o.shards)->default_value(0),
       "split the index into N shards by a hash of the record id (0: keep the "
       "index's count, 1 for a new one; changing it needs --rebuild)")
      ("id", po::value(&o.ids), "with delete: id of a record to remove (repeatable)");
  po::variables_map vm;
  if (!trove::cli::parse(argc, argv, visible, o.sources, vm)) return 0;
  if (o.mode == "thesaurus") return run_thesaurus(o);
  return o.mode == "delete" ? run_delete(o) : run_ingest(o);
}

}  // namespace

int main(int argc, char** argv) { return trove::cli::main("trove-index", argc, argv, run); }
