#include "index/fault_points.h"

namespace trove::fault {

std::atomic<Hook> installed_hook{nullptr};

void set_fault_hook(Hook hook) { installed_hook.store(hook, std::memory_order_relaxed); }

const char* name(Point point) {
  switch (point) {
    case Point::kShardCommitting:
      return "shard committing";
    case Point::kShardCommitted:
      return "shard committed";
    case Point::kSwitchBegin:
      return "switch begin";
    case Point::kStubWritten:
      return "stub written";
    case Point::kStubRenamed:
      return "stub renamed";
    case Point::kRemovingGeneration:
      return "removing generation";
  }
  return "unknown";
}

}  // namespace trove::fault
