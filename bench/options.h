// A small "--name value" / "--flag" command-line parser shared by the bench
// programs (they must not depend on trove's tools or on Boost).
#ifndef TROVE_BENCH_OPTIONS_H_
#define TROVE_BENCH_OPTIONS_H_

#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace bench {

// Thrown for a usage error; programs print it with their usage and exit 2.
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class Options {
 public:
  // `valued` are options that take a value, `flags` those that do not.
  // Throws UsageError for an unknown option or a missing value.
  Options(int argc, char** argv, const std::set<std::string>& valued,
          const std::set<std::string>& flags);

  bool has(const std::string& name) const { return values_.count(name) != 0; }
  std::string get(const std::string& name, const std::string& fallback) const;
  std::string required(const std::string& name) const;
  long long number(const std::string& name, long long fallback) const;

 private:
  std::map<std::string, std::string> values_;
};

std::vector<std::string> split_list(const std::string& text, char sep = ',');

// One --param item: a parameter of one engine.
struct Param {
  std::string engine, name, value;
};

// "trove.k1=1.2,trove.b=0.75,xapian.k1=1.2" -> parameters per engine.
// Throws UsageError for an item not of the form engine.name=value.
std::vector<Param> parse_params(const std::string& list);

}  // namespace bench

#endif  // TROVE_BENCH_OPTIONS_H_
