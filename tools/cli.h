// What every trove tool's main() does around its work: one clear line on
// stderr and a status that says what went wrong.
#ifndef TROVE_TOOLS_CLI_H_
#define TROVE_TOOLS_CLI_H_

#include <boost/program_options.hpp>
#include <exception>
#include <iostream>
#include <string>
#include <vector>

#include "trove/error.h"

namespace trove::cli {

// Parses the command line: `visible` options (which must include "help"),
// and every other word, in order, into `rest`. Prints the help and returns
// false for --help. Throws boost::program_options::error for bad usage.
inline bool parse(int argc, char** argv, const boost::program_options::options_description& visible,
                  std::vector<std::string>& rest, boost::program_options::variables_map& vm) {
  namespace po = boost::program_options;
  po::options_description hidden;
  hidden.add_options()("rest", po::value(&rest));
  po::options_description all;
  all.add(visible).add(hidden);
  po::positional_options_description positional;
  positional.add("rest", -1);
  po::store(po::command_line_parser(argc, argv).options(all).positional(positional).run(), vm);
  if (vm.count("help")) {
    std::cout << visible << "\n";
    return false;
  }
  po::notify(vm);
  return true;
}

// Runs run(argc, argv) and returns its status; a usage error exits 2 (with a
// pointer to --help), a trove error or any other failure exits 1.
template <typename Run>
int main(const char* tool, int argc, char** argv, Run&& run) {
  try {
    return run(argc, argv);
  } catch (const boost::program_options::error& e) {
    std::cerr << tool << ": " << e.what() << "\nTry '" << tool << " --help'.\n";
    return 2;
  } catch (const trove::Error& e) {
    std::cerr << tool << ": " << e.what() << "\n";
    return 1;
  } catch (const std::exception& e) {
    std::cerr << tool << ": unexpected error: " << e.what() << "\n";
    return 1;
  }
}

}  // namespace trove::cli

#endif  // TROVE_TOOLS_CLI_H_
