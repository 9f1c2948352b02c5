// IndexWriter (with its context manager), IngestStats and ingest().
#include <pybind11/stl.h>

#include <string>
#include <vector>

#include "bindings.h"
#include "guarded.h"
#include "trove/index_writer.h"

namespace trove::python {
namespace {

const char* add_result_name(IndexWriter::AddResult result) {
  switch (result) {
    case IndexWriter::AddResult::kAdded: return "added";
    case IndexWriter::AddResult::kReplaced: return "replaced";
    case IndexWriter::AddResult::kUnchanged: return "unchanged";
  }
  return "added";
}

// The Python IndexWriter: closable, shareable between threads (calls are
// serialised) and run without the GIL; see guarded.h.
class PyWriter : public Guarded<IndexWriter> {
 public:
  PyWriter(IndexWriter writer, const std::string& path)
      : Guarded(std::move(writer), "the IndexWriter of '" + path + "'"), path_(path) {}

  void finish() {
    consume([](IndexWriter& w) { w.finish(); });
  }

  const std::string& path() const { return path_; }

 private:
  const std::string path_;
};

std::unique_ptr<PyWriter> open_writer(const py::object& path, const std::string& language,
                                      std::size_t batch_size, std::size_t shards, bool rebuild,
                                      bool create, bool allow_non_empty) {
  const std::string dir = fspath(path);
  WriterOptions options;
  options.language = language;
  options.batch_size = batch_size;
  options.shards = shards;
  options.rebuild = rebuild;
  options.create = create;
  options.allow_non_empty = allow_non_empty;
  py::gil_scoped_release nogil;
  return std::make_unique<PyWriter>(IndexWriter::open(dir, options), dir);
}

std::vector<std::string> add_all(PyWriter& self, const std::vector<Record>& records) {
  std::vector<IndexWriter::AddResult> results =
      self.with([&](IndexWriter& w) { return w.add_all(records); });
  std::vector<std::string> names;
  for (IndexWriter::AddResult r : results) names.push_back(add_result_name(r));
  return names;
}

// finish() on success; on an exception, close() without it, as the C++
// destructor ends a writer: uncommitted changes are discarded and an
// unfinished rebuild is abandoned, so a failed block keeps only what was
// committed.
void exit_writer(PyWriter& self, const py::object& type, const py::object&, const py::object&) {
  if (self.closed()) return;
  if (type.is_none()) {
    self.finish();
  } else {
    self.close();
  }
}

void bind_index_writer(py::module_& m) {
  const WriterOptions d;
  py::class_<PyWriter>(m, "IndexWriter",
                       "Adds, replaces and removes Records in an index; open with "
                       "IndexWriter.open(). One writer per index (across processes). Only "
                       "finish() keeps every change. As a context manager it finishes on "
                       "success; on an exception it closes without finishing, which discards "
                       "uncommitted changes and abandons an unfinished rebuild.")
      .def_static("open", &open_writer, py::arg("path"), py::kw_only(),
                  py::arg("language") = d.language, py::arg("batch_size") = d.batch_size,
                  py::arg("shards") = d.shards, py::arg("rebuild") = d.rebuild,
                  py::arg("create") = d.create, py::arg("allow_non_empty") = d.allow_non_empty,
                  "Opens the index at `path` for writing, creating it if there is none (in a "
                  "missing or empty directory only, unless allow_non_empty=True; "
                  "create=False raises IndexNotFoundError instead). rebuild=True writes a new "
                  "generation that finish() switches in. Raises IndexLockedError if another "
                  "writer holds the index, IndexCorruptError or IndexIncompatibleError for an "
                  "index it cannot write, IndexError for any other failure.")
      .def("add",
           [](PyWriter& self, const Record& r) {
             return add_result_name(self.with([&](IndexWriter& w) { return w.add(r); }));
           },
           py::arg("record"),
           "Adds `record`, or replaces the record with its id. Returns 'added', 'replaced' or "
           "'unchanged'. Raises InputError for a missing or over-long id or a year outside "
           "1000 to 9999.")
      .def("add_all", &add_all, py::arg("records"),
           "add() for many records, in parallel per shard; returns add()'s answers in order.")
      .def("remove",
           [](PyWriter& self, const std::string& id) {
             return self.with([&](IndexWriter& w) { return w.remove(id); });
           },
           py::arg("id"), "Removes the record with this id; False if there was none.")
      .def("commit", [](PyWriter& self) { self.with([](IndexWriter& w) { w.commit(); }); },
           "Makes every change so far durable and visible to searchers.")
      .def("finish", &PyWriter::finish,
           "Commits (a rebuild: verifies and switches in the new generation) and closes: the "
           "one way to keep every change. Closed afterwards even if it raised.")
      .def("close", &PyWriter::close,
           "Closes without finishing: changes not yet committed are discarded, an unfinished "
           "rebuild is abandoned (the live index stays as it was), and a new index that "
           "nothing was committed to is removed. Releases the index. Does nothing if already "
           "closed.")
      .def("document_count",
           [](PyWriter& self) {
             return self.with([](IndexWriter& w) { return w.document_count(); });
           },
           "Records in the generation being written, uncommitted ones included.")
      .def_property_readonly("path", &PyWriter::path, "The index directory, as given to open().")
      .def_property_readonly("closed", &PyWriter::closed, "Whether finish() or close() was called.")
      .def("__enter__", [](py::object self) { return self; })
      .def("__exit__", &exit_writer)
      .def("__repr__", [](PyWriter& self) {
        return "<trove.IndexWriter '" + self.path() + "'" + (self.closed() ? " closed>" : ">");
      });
}

py::dict stats_dict(const IngestStats& s) {
  py::dict d;
  d["files"] = s.files;
  d["read"] = s.read;
  d["added"] = s.added;
  d["replaced"] = s.replaced;
  d["unchanged"] = s.unchanged;
  d["rejected"] = s.rejected;
  d["warnings"] = s.warnings;
  return d;
}

void bind_stats(py::module_& m) {
  py::class_<IngestStats>(m, "IngestStats", "What one ingest() did.")
      .def_readonly("files", &IngestStats::files, "Source files read.")
      .def_readonly("read", &IngestStats::read, "Good records read.")
      .def_readonly("added", &IngestStats::added, "Records new to the index.")
      .def_readonly("replaced", &IngestStats::replaced, "Records that replaced one with their id.")
      .def_readonly("unchanged", &IngestStats::unchanged, "Records identical to the indexed one.")
      .def_readonly("rejected", &IngestStats::rejected, "Records skipped as malformed.")
      .def_readonly("warnings", &IngestStats::warnings, "Records kept with a warning.")
      .def("to_dict", &stats_dict, "The counts as a dict.")
      .def("__repr__", [](const IngestStats& s) {
        std::string out = "IngestStats(";
        bool first = true;
        for (auto [name, value] : stats_dict(s)) {
          out += (first ? "" : ", ") + name.cast<std::string>() + "=" + py::str(value).cast<std::string>();
          first = false;
        }
        return out + ")";
      });
}

IngestStats run_ingest(PyWriter& writer, const py::object& paths, const std::string& format,
                       const py::object& on_error, const py::object& on_progress) {
  const std::vector<std::string> files = fspaths(paths);
  const Format parsed = parse_format(format);
  const ProblemCallback problem = problem_callback(on_error);
  ProgressCallback progress;
  if (!on_progress.is_none()) {
    progress = [&on_progress](const IngestStats& stats) {
      py::gil_scoped_acquire gil;
      on_progress(stats);
    };
  }
  return writer.with(
      [&](IndexWriter& w) { return ingest(w, files, parsed, problem, progress); });
}

}  // namespace

void bind_writer(py::module_& m) {
  bind_index_writer(m);
  bind_stats(m);
  m.def("ingest", &run_ingest, py::arg("writer"), py::arg("paths"), py::kw_only(),
        py::arg("format") = "auto", py::arg("on_error") = py::none(),
        py::arg("on_progress") = py::none(),
        "Reads every record of `paths` (a path or a list of files and directories) into "
        "`writer`. Each rejected record or warning is passed to on_error(ReadError) and "
        "ingestion goes on; on_progress(IngestStats), if given, is called every thousand or "
        "so records. An exception either raises stops the ingestion and propagates, after "
        "the good records read before it are added. Does not commit or finish the writer. Returns IngestStats. Raises InputError if a path "
        "does not exist (before anything is added) or for an unknown format.");
}

}  // namespace trove::python
