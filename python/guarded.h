// Guarded<T>: a trove handle (IndexWriter, Searcher) as a Python object
// holds it. The C++ handles must not be used by two threads at once; Python
// threads may share one object, so calls are serialised here.
//
// Lock order: every call lets go of the GIL first and takes the mutex second,
// so a thread waiting for the mutex never holds the GIL that the thread
// inside (calling back into Python, say) may need.
#ifndef TROVE_PYTHON_GUARDED_H_
#define TROVE_PYTHON_GUARDED_H_

#include <pybind11/pybind11.h>

#include <atomic>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>

namespace trove::python {

namespace py = pybind11;

template <class T>
class Guarded {
 public:
  /// `what` names the object in errors: "the IndexWriter of 'path'".
  Guarded(T handle, std::string what) : handle_(std::move(handle)), what_(std::move(what)) {}

  /// Runs f(handle) without the GIL. Raises ValueError once closed, and
  /// RuntimeError when called from inside a call on the same object (a
  /// callback of ingest() using its writer), which would deadlock.
  template <class F>
  auto with(F&& f) {
    return with_lock([&] {
      if (!handle_) throw py::value_error(what_ + " is closed");
      Owner owner(owner_);
      return f(*handle_);
    });
  }

  /// with(f), then destroys the handle whether f succeeded or threw: for a
  /// last call such as IndexWriter::finish(), after which the C++ handle
  /// may not be used.
  template <class F>
  void consume(F&& f) {
    with_lock([&] {
      if (!handle_) throw py::value_error(what_ + " is closed");
      Owner owner(owner_);
      try {
        f(*handle_);
      } catch (...) {
        reset();
        throw;
      }
      reset();
    });
  }

  /// Destroys the handle (as its C++ destructor does). Idempotent.
  void close() {
    with_lock([this] { reset(); });
  }

  /// Whether close() or consume() ended the handle. Needs no lock, so a
  /// callback may ask (repr) while a call is under way.
  bool closed() const { return closed_.load(); }

  const std::string& what() const { return what_; }

 private:
  // Marks the thread inside with() for the re-entrance check.
  struct Owner {
    explicit Owner(std::atomic<std::thread::id>& o) : owner(o) { owner = std::this_thread::get_id(); }
    ~Owner() { owner = std::thread::id(); }
    std::atomic<std::thread::id>& owner;
  };

  // Called with mutex_ held.
  void reset() {
    handle_.reset();
    closed_ = true;
  }

  template <class F>
  auto with_lock(F&& f) {
    if (owner_.load() == std::this_thread::get_id()) {
      throw std::runtime_error(what_ + " is in use by this thread (called from its own callback)");
    }
    py::gil_scoped_release nogil;
    std::lock_guard<std::mutex> lock(mutex_);
    return f();
  }

  std::mutex mutex_;
  std::atomic<std::thread::id> owner_{};
  std::atomic<bool> closed_{false};
  std::optional<T> handle_;
  const std::string what_;
};

}  // namespace trove::python

#endif  // TROVE_PYTHON_GUARDED_H_
