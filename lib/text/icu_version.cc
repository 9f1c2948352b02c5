#include "text/icu_version.h"

#include <unicode/uversion.h>

namespace trove {

std::string icu_version() {
  UVersionInfo version;
  u_getVersion(version);
  char text[U_MAX_VERSION_STRING_LENGTH];
  u_versionToString(version, text);
  return text;
}

}  // namespace trove
