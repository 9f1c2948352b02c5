// What every trove tool's main() does around its work: one clear line on
// stderr and a status that says what went wrong.
#ifndef TROVE_TOOLS_CLI_H_
#define TROVE_TOOLS_CLI_H_

#include <boost/program_options.hpp>
#include <exception>
#include <iostream>

#include "trove/error.h"

namespace trove::cli {

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
