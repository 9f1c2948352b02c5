// TROVE_EXPORT marks the symbols that form trove's public ABI: libtrove is
// built with hidden visibility, so nothing else leaves the shared library.
// TROVE_NO_EXPORT keeps a class nested in an exported one (the private Impl
// of a handle) out of the ABI, which it would otherwise join with its parent.
#ifndef TROVE_EXPORT_H_
#define TROVE_EXPORT_H_

#if defined(_WIN32)
#define TROVE_EXPORT
#define TROVE_NO_EXPORT
#else
#define TROVE_EXPORT __attribute__((visibility("default")))
#define TROVE_NO_EXPORT __attribute__((visibility("hidden")))
#endif

#endif  // TROVE_EXPORT_H_
