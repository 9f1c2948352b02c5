#include <xapian.h>

#include "index/schema.h"
#include "text/icu_version.h"
#include "trove/version.h"

namespace trove {

// The versions of the libraries actually loaded, not of the headers trove
// was built with: that is what a bug report needs.
VersionInfo version_info() {
  return {TROVE_VERSION_STRING, schema::kSchemaVersion, Xapian::version_string(), icu_version()};
}

}  // namespace trove
