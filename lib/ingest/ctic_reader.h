// Reader for the CTIC resource-library listing text (corpus/trafficking.txt).
#ifndef TROVE_LIB_INGEST_CTIC_READER_H_
#define TROVE_LIB_INGEST_CTIC_READER_H_

#include <istream>
#include <string>

#include "trove/reader.h"

namespace trove {

// Reads CTIC listing text from `in`; see reader.h for the callbacks' contract,
// except that both must be callable (not empty).
void read_ctic(std::istream& in, const std::string& name, const RecordCallback& on_record,
               const ProblemCallback& on_problem);

}  // namespace trove

#endif  // TROVE_LIB_INGEST_CTIC_READER_H_
