// Reader for JSON Lines records.
#ifndef TROVE_LIB_INGEST_JSONL_READER_H_
#define TROVE_LIB_INGEST_JSONL_READER_H_

#include <istream>
#include <string>

#include "trove/reader.h"

namespace trove {

// Reads one JSON object per line from `in`; see reader.h for the callbacks'
// contract, except that both must be callable (not empty). Blank lines are
// skipped.
void read_jsonl(std::istream& in, const std::string& name, const RecordCallback& on_record,
                const ProblemCallback& on_problem);

}  // namespace trove

#endif  // TROVE_LIB_INGEST_JSONL_READER_H_
