// The stored form of a Record (Xapian document data), and back.
//
// Records are stored in a compact binary form: a format byte, then each
// field in a fixed order as a varint length and its bytes (lists as a varint
// count of such strings), then the source line and the year as varints.
// It decodes with no parsing and no allocation beyond the Record's own
// strings, which matters because every hit of every query is decoded.
// Indexes written before this form stored JSON objects; those still decode.
#ifndef TROVE_LIB_INDEX_RECORD_CODEC_H_
#define TROVE_LIB_INDEX_RECORD_CODEC_H_

#include <string>

#include "trove/record.h"

namespace trove {

std::string serialize_record(const Record& record);

// Throws IndexError if `data` is not a stored record (truncated, corrupt or
// of an unknown format).
Record deserialize_record(const std::string& data);

}  // namespace trove

#endif  // TROVE_LIB_INDEX_RECORD_CODEC_H_
