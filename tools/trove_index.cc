// trove-index: reads CTIC listings or JSON Lines files into a trove index.
#include <unistd.h>

#include <boost/program_options.hpp>
#include <iostream>
#include <string>
#include <vector>

#include "trove/trove.h"

namespace po = boost::program_options;

namespace {

constexpr char kUsage[] = R"(Usage: trove-index [OPTIONS] FILE|DIR...

Reads publication records from CTIC listing text or JSON Lines files (a
directory contributes its .txt, .jsonl, .ndjson and .json files) and adds them
to the index, replacing records with the same id. Prints a summary; each
rejected record is reported with its file:line and reason on stderr.

Exit status: 0 all records indexed, 1 some record rejected or an error,
2 bad usage.

Examples:
  trove-index corpus/                      add or update records in ./trove-index
  trove-index --db /srv/idx --rebuild in/  rebuild from scratch; searchers switch
                                           to the new index atomically when done

Options)";

std::string count(std::size_t n, const char* noun) {
  return std::to_string(n) + " " + noun + (n == 1 ? "" : "s");
}

void print_progress(const trove::IngestStats& stats) {
  std::cerr << "\rread " << stats.read << " records, rejected " << stats.rejected << "..."
            << std::flush;
}

int run(int argc, char** argv) {
  std::string db, format_name;
  std::string language;
  std::size_t batch_size = 0;
  std::vector<std::string> sources;
  po::options_description visible(kUsage);
  visible.add_options()
      ("help,h", "show this help")
      ("db", po::value(&db)->default_value("./trove-index"), "index directory (created if missing)")
      ("format", po::value(&format_name)->default_value("auto"),
       "input format: auto (by extension or content), ctic or jsonl")
      ("rebuild", "build a complete new index from the sources and switch to it "
                  "atomically; the old index stays searchable until then")
      ("language", po::value(&language)->default_value("english"),
       "stemming language of a new index (an existing one keeps its own)")
      ("batch-size", po::value(&batch_size)->default_value(2000),
       "records per commit; a crash loses at most one batch");
  po::options_description hidden;
  hidden.add_options()("source", po::value(&sources));
  po::options_description all;
  all.add(visible).add(hidden);
  po::positional_options_description positional;
  positional.add("source", -1);

  po::variables_map vm;
  po::store(po::command_line_parser(argc, argv).options(all).positional(positional).run(), vm);
  if (vm.count("help")) {
    std::cout << visible << "\n";
    return 0;
  }
  po::notify(vm);
  if (sources.empty()) throw po::error("no input: give at least one FILE or DIR");

  trove::WriterOptions options;
  options.rebuild = vm.count("rebuild") > 0;
  options.language = language;
  options.batch_size = batch_size;
  trove::Format format;
  try {
    format = trove::parse_format(format_name);
  } catch (const trove::InputError& e) {
    throw po::error(e.what());  // a bad option value is a usage error
  }
  const bool progress = ::isatty(STDERR_FILENO);

  trove::IndexWriter writer = trove::IndexWriter::open(db, options);
  const trove::IngestStats stats = trove::ingest(
      writer, sources, format,
      [&](const trove::ReadError& e) {
        if (progress) std::cerr << "\r\033[K";
        std::cerr << (e.severity == trove::ReadError::Severity::kError ? "rejected: " : "")
                  << e.message() << "\n";
      },
      progress ? trove::ProgressCallback(print_progress) : trove::ProgressCallback());
  if (progress) std::cerr << "\r\033[K";
  const std::size_t total = writer.document_count();
  writer.finish();

  std::cout << (options.rebuild ? "rebuilt " : "updated ") << db << ": read "
            << count(stats.read, "record") << " from " << count(stats.files, "file")
            << ", added " << stats.added << ", replaced " << stats.replaced << ", rejected "
            << stats.rejected << ", warnings " << stats.warnings << "; the index holds "
            << count(total, "record") << "\n";
  return stats.rejected > 0 ? 1 : 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (const po::error& e) {
    std::cerr << "trove-index: " << e.what() << "\nTry 'trove-index --help'.\n";
    return 2;
  } catch (const trove::Error& e) {
    std::cerr << "trove-index: " << e.what() << "\n";
    return 1;
  }
}
