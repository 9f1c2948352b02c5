// A main() for the fuzz targets in the normal build: feeds each file named on
// the command line (each file of a named directory) to the target once, so
// that ctest runs the targets' invariants over their seeds and over every
// input a fuzzer found (tests/fuzz/seeds/), and a change that breaks a
// target's build shows up without clang. libFuzzer's own main() replaces
// this one when TROVE_FUZZ is on.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

void replay(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::filesystem::path> files;
  for (int i = 1; i < argc; ++i) {
    if (std::filesystem::is_directory(argv[i])) {
      for (const auto& entry : std::filesystem::directory_iterator(argv[i])) {
        if (entry.is_regular_file()) files.push_back(entry.path());
      }
    } else if (std::filesystem::is_regular_file(argv[i])) {
      files.emplace_back(argv[i]);
    } else {
      std::fprintf(stderr, "%s: no such file or directory: %s\n", argv[0], argv[i]);
      return 2;
    }
  }
  if (files.empty()) {  // a replay of nothing would pass whatever the target does
    std::fprintf(stderr, "%s: no input files\n", argv[0]);
    return 2;
  }
  for (const auto& file : files) replay(file);
  std::printf("%zu inputs replayed\n", files.size());
  return 0;
}
