// The loaded ICU's version, for trove::version_info(); ICU's own headers stay
// inside lib/text/.
#ifndef TROVE_TEXT_ICU_VERSION_H_
#define TROVE_TEXT_ICU_VERSION_H_

#include <string>

namespace trove {

// The version of the ICU library loaded at run time, e.g. "72.1".
std::string icu_version();

}  // namespace trove

#endif  // TROVE_TEXT_ICU_VERSION_H_
