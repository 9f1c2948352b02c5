// The extension module trove._trove. The package trove (trove/__init__.py)
// re-exports everything here; applications import trove, not this module.
#include <pybind11/pybind11.h>

#include "bindings.h"
#include "trove/version.h"

namespace trove::python {

std::string fspath(py::handle path) {
  // os.fspath accepts str and os.PathLike and rejects anything else with a
  // TypeError naming the type, as open() does.
  py::object text = py::module_::import("os").attr("fspath")(path);
  if (!py::isinstance<py::str>(text)) {
    throw py::type_error("expected a str path, not bytes");
  }
  return text.cast<std::string>();
}

std::vector<std::string> fspaths(py::handle paths) {
  // A single path is iterable too (a str by characters): test for it first.
  if (py::isinstance<py::str>(paths) || py::hasattr(paths, "__fspath__")) {
    return {fspath(paths)};
  }
  std::vector<std::string> out;
  for (py::handle path : py::iter(paths)) out.push_back(fspath(path));
  return out;
}

ProblemCallback problem_callback(const py::object& on_error) {
  if (on_error.is_none()) return {};
  return [&on_error](const ReadError& error) {
    py::gil_scoped_acquire gil;
    on_error(error);
  };
}

}  // namespace trove::python

PYBIND11_MODULE(_trove, m) {
  m.doc() = "trove's extension module; import trove instead.";
  m.attr("__version__") = TROVE_VERSION_STRING;
  // Classes take their __module__ and the names in signatures from the
  // module's __name__: make them trove.Record, not trove._trove.Record, as
  // applications see them.
  m.attr("__name__") = "trove";
  trove::python::bind_errors(m);
  trove::python::bind_records(m);
  trove::python::bind_writer(m);
  trove::python::bind_searcher(m);
  m.attr("__name__") = "trove._trove";
}
