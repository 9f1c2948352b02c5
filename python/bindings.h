// The pieces of the extension module trove._trove, one per file, and the
// helpers they share. The module is a thin layer: it translates Python
// arguments into trove's requests and trove's results into Python objects;
// every decision stays in libtrove.
//
// The GIL is released around every call into libtrove that reads files or
// the index, so other Python threads run meanwhile. Python objects are
// created, read and destroyed only while the GIL is held.
#ifndef TROVE_PYTHON_BINDINGS_H_
#define TROVE_PYTHON_BINDINGS_H_

#include <pybind11/pybind11.h>

#include <string>
#include <vector>

#include "trove/reader.h"

namespace trove::python {

namespace py = pybind11;

/// Creates trove.Error and its subclasses and translates trove's C++
/// exceptions into them.
void bind_errors(py::module_& m);
/// Record, ReadError, read_file, list_sources, record_id.
void bind_records(py::module_& m);
/// IndexWriter, IngestStats, ingest.
void bind_writer(py::module_& m);
/// Searcher, SearchResult, Hit, FacetCount.
void bind_searcher(py::module_& m);

/// A path argument as a string: a str, or any os.PathLike (pathlib.Path).
std::string fspath(py::handle path);

/// One path or a sequence of paths, as strings.
std::vector<std::string> fspaths(py::handle paths);

/// A ProblemCallback calling `on_error` (None: no callback) with the GIL
/// held; an exception it raises ends the reading and reaches the caller.
/// `on_error` must outlive the callback (it is captured by reference, so
/// copies of the callback made without the GIL touch no reference count).
ProblemCallback problem_callback(const py::object& on_error);

}  // namespace trove::python

#endif  // TROVE_PYTHON_BINDINGS_H_
