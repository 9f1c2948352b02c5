// What every trove tool's main() does around its work: option parsing with
// checked numbers, --help and --version, one clear line on stderr for an
// error, and a status that says what went wrong.
#ifndef TROVE_TOOLS_COMMON_CLI_H_
#define TROVE_TOOLS_COMMON_CLI_H_

#include <boost/program_options.hpp>
#include <cstddef>
#include <exception>
#include <string>
#include <vector>

#include "trove/error.h"

namespace trove::cli {

// Parses the command line: `visible` options (which must include "help" and
// "version"), and every other word, in order, into `rest`. Prints the help
// or the versions and returns false for --help or --version. Throws
// boost::program_options::error for bad usage.
bool parse(const char* tool, int argc, char** argv,
           const boost::program_options::options_description& visible,
           std::vector<std::string>& rest, boost::program_options::variables_map& vm);

// `text`, the value of `option`, as a whole number within min..max. Throws
// boost::program_options::error (bad usage), giving the range, for anything
// else: a sign, a fraction, trailing text, a value out of range.
std::size_t parse_count(const std::string& option, const std::string& text, std::size_t min,
                        std::size_t max);

// Writes `line` and a newline to stderr, with the control characters of
// untrusted text made visible (a record's bytes must not command the
// terminal). A closed or full stderr is not an error: the work goes on.
void report(const std::string& line);

// Run once before any output: stdout is then written through a buffer that
// keeps the first write error, and SIGPIPE is ignored (a closed pipe gives
// a write error instead of killing the process mid-work).
void start_output();

// The status a tool exits with once its work returned `status`: 1 with a
// message if stdout could not be written in full (full disk, closed pipe),
// else `status`.
int finish_output(const char* tool, int status);

// Runs run(argc, argv) and returns its status; a usage error exits 2 (with a
// pointer to --help), a trove error or any other failure exits 1.
template <typename Run>
int main(const char* tool, int argc, char** argv, Run&& run) {
  start_output();
  int status;
  try {
    status = run(argc, argv);
  } catch (const boost::program_options::error& e) {
    report(std::string(tool) + ": " + e.what() + "\nTry '" + tool + " --help'.");
    status = 2;
  } catch (const trove::Error& e) {
    report(std::string(tool) + ": " + e.what());
    status = 1;
  } catch (const std::exception& e) {
    report(std::string(tool) + ": unexpected error: " + e.what());
    status = 1;
  }
  return finish_output(tool, status);
}

}  // namespace trove::cli

#endif  // TROVE_TOOLS_COMMON_CLI_H_
