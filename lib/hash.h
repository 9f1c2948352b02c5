// A stable hash for ids: the same bytes hash the same on every platform and
// release, which record ids and shard assignment both depend on.
#ifndef TROVE_LIB_HASH_H_
#define TROVE_LIB_HASH_H_

#include <cstdint>
#include <string_view>

namespace trove {

// 64-bit FNV-1a: tiny and good enough to tell apart the titles and ids of
// one collection.
inline std::uint64_t fnv1a64(std::string_view bytes) {
  std::uint64_t hash = 14695981039346656037ull;
  for (unsigned char c : bytes) {
    hash ^= c;
    hash *= 1099511628211ull;
  }
  return hash;
}

}  // namespace trove

#endif  // TROVE_LIB_HASH_H_
