#include "trove/error.h"

namespace trove {

// Out-of-line destructors anchor each class's vtable and type_info in the
// library, so the exceptions can be caught across the shared-library boundary.
Error::Error(const std::string& message) : std::runtime_error(message) {}
Error::~Error() = default;
InputError::~InputError() = default;
QueryError::~QueryError() = default;
RecordNotFoundError::~RecordNotFoundError() = default;
IndexError::~IndexError() = default;
IndexLockedError::~IndexLockedError() = default;
IndexNotFoundError::~IndexNotFoundError() = default;
IndexCorruptError::~IndexCorruptError() = default;
IndexIncompatibleError::~IndexIncompatibleError() = default;

}  // namespace trove
