// trove's exceptions in Python: one class per C++ exception type, in the
// same hierarchy, carrying the C++ what() unchanged as the message.
//
// trove.IndexError deliberately keeps its C++ name, and deliberately does
// not derive from the built-in IndexError (a sequence index out of range,
// which has nothing to do with a search index): `except IndexError` in code
// that did not import the name from trove never catches it. The package also
// exports it as trove.TroveIndexError for code that does `from trove import *`
// or wants the built-in name left alone.
#include <Python.h>

#include <exception>
#include <string>

#include "bindings.h"
#include "trove/error.h"

namespace trove::python {
namespace {

// The classes, created once when the module is imported and kept for the
// life of the process (the module is never unloaded).
struct Classes {
  PyObject* error = nullptr;
  PyObject* input = nullptr;
  PyObject* query = nullptr;
  PyObject* index = nullptr;
  PyObject* locked = nullptr;
  PyObject* not_found = nullptr;
  PyObject* corrupt = nullptr;
  PyObject* incompatible = nullptr;
};

Classes& classes() {
  static Classes c;
  return c;
}

PyObject* make_class(py::module_& m, const char* name, PyObject* base, const char* doc) {
  const std::string qualified = std::string("trove.") + name;
  PyObject* type = PyErr_NewExceptionWithDoc(qualified.c_str(), doc, base, nullptr);
  if (type == nullptr) throw py::error_already_set();
  m.add_object(name, py::handle(type));
  return type;
}

// A message with bytes that are not UTF-8 (a file name, say) still arrives,
// with U+FFFD in their place, rather than as a UnicodeDecodeError.
void raise(PyObject* type, const std::exception& e) {
  const std::string what = e.what();
  py::object message = py::reinterpret_steal<py::object>(
      PyUnicode_DecodeUTF8(what.data(), static_cast<Py_ssize_t>(what.size()), "replace"));
  PyErr_SetObject(type, message.ptr());
}

// Most derived first: the first matching catch picks the class.
void translate(std::exception_ptr p) {
  const Classes& c = classes();
  try {
    if (p) std::rethrow_exception(p);
#ifdef TROVE_HAS_INDEX_ERROR_SUBTYPES
  } catch (const IndexLockedError& e) {
    raise(c.locked, e);
  } catch (const IndexNotFoundError& e) {
    raise(c.not_found, e);
  } catch (const IndexCorruptError& e) {
    raise(c.corrupt, e);
  } catch (const IndexIncompatibleError& e) {
    raise(c.incompatible, e);
#endif
  } catch (const IndexError& e) {
    raise(c.index, e);
  } catch (const QueryError& e) {
    raise(c.query, e);
  } catch (const InputError& e) {
    raise(c.input, e);
  } catch (const Error& e) {
    raise(c.error, e);
  }
}

// For the tests: throws the C++ exception `type` with `message`, so each
// translation can be checked without producing its condition.
void throw_for_test(const std::string& type, const std::string& message) {
  if (type == "Error") throw Error(message);
  if (type == "InputError") throw InputError(message);
  if (type == "QueryError") throw QueryError(message);
  if (type == "IndexError") throw IndexError(message);
#ifdef TROVE_HAS_INDEX_ERROR_SUBTYPES
  if (type == "IndexLockedError") throw IndexLockedError(message);
  if (type == "IndexNotFoundError") throw IndexNotFoundError(message);
  if (type == "IndexCorruptError") throw IndexCorruptError(message);
  if (type == "IndexIncompatibleError") throw IndexIncompatibleError(message);
#endif
  throw py::value_error("no C++ exception type " + type);
}

}  // namespace

void bind_errors(py::module_& m) {
  Classes& c = classes();
  c.error = make_class(m, "Error", PyExc_Exception,
                       "The base of every exception trove raises. str(e) is a message a user "
                       "can act on, the library's own, unchanged.");
  c.input = make_class(m, "InputError", c.error,
                       "An input file cannot be read at all (missing, unreadable, unknown "
                       "format). A single malformed record is not an exception: it is passed "
                       "to on_error as a ReadError and reading goes on.");
  c.query = make_class(m, "QueryError", c.error,
                       "The query text or a filter or facet name cannot be understood; the "
                       "message says what and where.");
  c.index = make_class(m, "IndexError", c.error,
                       "The index cannot be opened, written or read: missing or corrupt, "
                       "another writer holds it, disk full. The message names the index path. "
                       "Not a subclass of the built-in IndexError; also exported as "
                       "trove.TroveIndexError.");
  c.locked = make_class(m, "IndexLockedError", c.index,
                        "Another IndexWriter, in this process or another, holds the index.");
  c.not_found = make_class(m, "IndexNotFoundError", c.index,
                           "There is no trove index at the path.");
  c.corrupt = make_class(m, "IndexCorruptError", c.index,
                         "The index's files are damaged; rebuild it.");
  c.incompatible = make_class(m, "IndexIncompatibleError", c.index,
                              "The index was written in a format this trove cannot read.");
  py::register_exception_translator(&translate);
#ifdef TROVE_HAS_INDEX_ERROR_SUBTYPES
  m.attr("_index_error_subtypes") = true;
#else
  m.attr("_index_error_subtypes") = false;
#endif
  m.def("_throw_for_test", &throw_for_test, py::arg("type"), py::arg("message"),
        "Throws the C++ exception named `type` (tests only).");
}

}  // namespace trove::python
