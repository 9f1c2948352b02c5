#include "cli.h"

#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <iostream>
#include <streambuf>

#include "text.h"
#include "trove/version.h"

namespace po = boost::program_options;

namespace trove::cli {

bool parse(const char* tool, int argc, char** argv, const po::options_description& visible,
           std::vector<std::string>& rest, po::variables_map& vm) {
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
  if (vm.count("version")) {
    const VersionInfo v = version_info();
    std::cout << tool << " (trove) " << v.trove << "\nindex schema " << v.schema << "\nXapian "
              << v.xapian << "\nICU " << v.icu << "\n";
    return false;
  }
  po::notify(vm);
  return true;
}

std::size_t parse_count(const std::string& option, const std::string& text, std::size_t min,
                        std::size_t max) {
  // Boost would read "-1" into a size_t as its largest value: take digits only.
  std::size_t value = 0;
  bool ok = !text.empty() && text.size() <= 20;
  for (char c : text) {
    if (!ok || c < '0' || c > '9') {
      ok = false;
      break;
    }
    const std::size_t digit = static_cast<std::size_t>(c - '0');
    ok = digit <= max && value <= (max - digit) / 10;  // value * 10 + digit <= max
    value = value * 10 + digit;
  }
  if (!ok || value < min) {
    throw po::error("--" + option + " takes a whole number from " + std::to_string(min) +
                    " to " + std::to_string(max) + ", not '" + text + "'");
  }
  return value;
}

void report(const std::string& line) {
  // std::cerr is unbuffered, so a failed write shows at once; clear the state
  // so that later lines are still tried (a full stderr may drain).
  std::cerr << tools::printable(line) << '\n';
  std::cerr.clear();
}

namespace {

// std::cout's buffer while a tool runs: it writes to fd 1 with write(2) and
// keeps the first error, which stdio would lose (a failed flush of a FILE
// discards the data and the errno with it).
class CheckedOutput : public std::streambuf {
 public:
  int error() const { return error_; }

 protected:
  int overflow(int c) override {
    if (c != traits_type::eof()) buffer_ += static_cast<char>(c);
    if (buffer_.size() >= kFlushAt) write_out();
    return traits_type::not_eof(c);
  }
  std::streamsize xsputn(const char* s, std::streamsize n) override {
    buffer_.append(s, static_cast<std::size_t>(n));
    if (buffer_.size() >= kFlushAt) write_out();
    return n;
  }
  int sync() override {
    write_out();
    return error_ == 0 ? 0 : -1;
  }

 private:
  static constexpr std::size_t kFlushAt = 64 * 1024;
  void write_out() {
    std::size_t done = 0;
    while (done < buffer_.size() && error_ == 0) {
      const ssize_t n = ::write(STDOUT_FILENO, buffer_.data() + done, buffer_.size() - done);
      if (n >= 0) {
        done += static_cast<std::size_t>(n);
      } else if (errno != EINTR) {
        error_ = errno;
      }
    }
    buffer_.clear();
  }
  std::string buffer_;
  int error_ = 0;
};

CheckedOutput& checked_output() {
  static CheckedOutput output;
  return output;
}
std::streambuf* original_output = nullptr;

}  // namespace

void start_output() {
  // A closed pipe must give a write error, not kill the process in the
  // middle of its work (an ingestion whose stderr went to `head`).
  std::signal(SIGPIPE, SIG_IGN);
  original_output = std::cout.rdbuf(&checked_output());
}

int finish_output(const char* tool, int status) {
  std::cout.flush();
  const int error = checked_output().error();
  if (original_output) std::cout.rdbuf(original_output);
  if (error == 0) return status;
  report(std::string(tool) + ": cannot write standard output: " + std::strerror(error));
  return 1;
}

}  // namespace trove::cli
