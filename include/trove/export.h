// TROVE_EXPORT marks the symbols that form trove's public ABI.
#ifndef TROVE_EXPORT_H_
#define TROVE_EXPORT_H_

#if defined(_WIN32)
#define TROVE_EXPORT
#else
#define TROVE_EXPORT __attribute__((visibility("default")))
#endif

#endif  // TROVE_EXPORT_H_
