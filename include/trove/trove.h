// trove: full-text search with exact facets over an embedded index.
// Start here: this header includes the whole public API.
#ifndef TROVE_TROVE_H_
#define TROVE_TROVE_H_

#include "trove/analyzer.h"
#include "trove/error.h"
#include "trove/index_writer.h"
#include "trove/reader.h"
#include "trove/record.h"
#include "trove/searcher.h"
#include "trove/searcher_pool.h"
#include "trove/version.h"

#endif  // TROVE_TROVE_H_
