// Record and ReadError, and the functions that read source files.
#include <pybind11/stl.h>

#include <optional>
#include <string>
#include <vector>

#include "bindings.h"
#include "trove/reader.h"
#include "trove/record.h"

namespace trove::python {
namespace {

bool same_record(const Record& a, const Record& b) {
  return a.id == b.id && a.title == b.title && a.abstract == b.abstract &&
         a.authors == b.authors && a.country == b.country && a.region == b.region &&
         a.year == b.year && a.category == b.category && a.topic == b.topic &&
         a.source_file == b.source_file && a.source_line == b.source_line;
}

// Record(id='...', title='...', year=2013, ...): the fields that are set.
std::string repr_record(const Record& r) {
  py::dict fields;
  if (!r.id.empty()) fields["id"] = r.id;
  if (!r.title.empty()) fields["title"] = r.title;
  if (!r.authors.empty()) fields["authors"] = r.authors;
  if (!r.country.empty()) fields["country"] = r.country;
  if (!r.region.empty()) fields["region"] = r.region;
  if (r.year) fields["year"] = *r.year;
  if (!r.category.empty()) fields["category"] = r.category;
  if (!r.topic.empty()) fields["topic"] = r.topic;
  std::string out = "Record(";
  bool first = true;
  for (auto [name, value] : fields) {
    out += (first ? "" : ", ") + name.cast<std::string>() + "=" + py::repr(value).cast<std::string>();
    first = false;
  }
  return out + ")";
}

py::dict record_dict(const Record& r) {
  py::dict d;
  d["id"] = r.id;
  d["title"] = r.title;
  d["abstract"] = r.abstract;
  d["authors"] = r.authors;
  d["country"] = r.country;
  d["region"] = r.region;
  d["year"] = r.year;
  d["category"] = r.category;
  d["topic"] = r.topic;
  d["source_file"] = r.source_file;
  d["source_line"] = r.source_line;
  return d;
}

using Strings = std::vector<std::string>;

Record make_record(std::string id, std::string title, std::string abstract, Strings authors,
                   Strings country, Strings region, std::optional<int> year, Strings category,
                   Strings topic, std::string source_file, std::size_t source_line) {
  return Record{std::move(id),     std::move(title),    std::move(abstract),
                std::move(authors), std::move(country), std::move(region),
                year,               std::move(category), std::move(topic),
                std::move(source_file), source_line};
}

void bind_record(py::module_& m) {
  py::class_<Record>(m, "Record",
                     "One publication: the unit trove reads, indexes and returns. List "
                     "attributes are copied in and out: assign a new list "
                     "(r.authors = [...]) rather than appending to the one read.")
      .def(py::init(&make_record), py::kw_only(), py::arg("id") = "", py::arg("title") = "",
           py::arg("abstract") = "", py::arg("authors") = Strings{},
           py::arg("country") = Strings{}, py::arg("region") = Strings{},
           py::arg("year") = py::none(), py::arg("category") = Strings{},
           py::arg("topic") = Strings{}, py::arg("source_file") = "",
           py::arg("source_line") = 0)
      .def_readwrite("id", &Record::id, "Stable identifier (derived from title and year when "
                                         "the source gives none).")
      .def_readwrite("title", &Record::title)
      .def_readwrite("abstract", &Record::abstract)
      .def_readwrite("authors", &Record::authors)
      .def_readwrite("country", &Record::country, "Countries (a facet).")
      .def_readwrite("region", &Record::region, "Regions (a facet).")
      .def_readwrite("year", &Record::year, "The year, or None.")
      .def_readwrite("category", &Record::category, "Categories (a facet).")
      .def_readwrite("topic", &Record::topic, "Topics (a facet).")
      .def_readwrite("source_file", &Record::source_file, "Where the record was read from.")
      .def_readwrite("source_line", &Record::source_line, "1-based line of its title; 0 if unknown.")
      .def("to_dict", &record_dict, "The record's attributes as a dict (for JSON, pandas, ...).")
      .def("__eq__", &same_record, py::is_operator())
      .def("__repr__", &repr_record);
}

const char* severity_name(const ReadError& e) {
  return e.severity == ReadError::Severity::kError ? "error" : "warning";
}

void bind_read_error(py::module_& m) {
  py::class_<ReadError>(m, "ReadError",
                        "A record that was rejected (severity 'error') or kept with a "
                        "warning (severity 'warning') while reading; passed to on_error.")
      .def_readonly("file", &ReadError::file, "The source file's name.")
      .def_readonly("line", &ReadError::line, "1-based line; 0 for the whole file.")
      .def_readonly("reason", &ReadError::reason, "What is wrong with the record.")
      .def_property_readonly("severity", &severity_name, "'error' (rejected) or 'warning' (kept).")
      .def("message", &ReadError::message,
           "'file:line: reason' ('file:line: warning: reason' for a warning).")
      .def("__str__", &ReadError::message)
      .def("__repr__", [](const ReadError& e) {
        return "<trove.ReadError " + e.message() + ">";
      });
}

std::vector<Record> read_records(const py::object& path, const std::string& format,
                                 const py::object& on_error) {
  const std::string file = fspath(path);
  const Format parsed = parse_format(format);
  const ProblemCallback problem = problem_callback(on_error);
  std::vector<Record> records;
  py::gil_scoped_release nogil;
  read_file(file, parsed, [&](Record&& r) { records.push_back(std::move(r)); }, problem);
  return records;
}

}  // namespace

void bind_records(py::module_& m) {
  bind_record(m);
  bind_read_error(m);
  m.def("read_file", &read_records, py::arg("path"), py::kw_only(), py::arg("format") = "auto",
        py::arg("on_error") = py::none(),
        "Reads every good record of the file at `path` and returns them in file order. "
        "format: 'auto' (by extension, else by content), 'ctic' or 'jsonl'. Each rejected "
        "record or warning is passed to on_error(ReadError), if given, and reading goes on; "
        "an exception on_error raises stops it and propagates. Raises InputError if the file "
        "cannot be opened or read, or for an unknown format.");
  m.def(
      "list_sources",
      [](const py::object& paths) {
        std::vector<std::string> in = fspaths(paths);
        py::gil_scoped_release nogil;
        return list_sources(in);
      },
      py::arg("paths"),
      "The files ingest() reads for these files and directories: a file as given; a "
      "directory's .txt, .jsonl, .ndjson and .json files, recursively, sorted by path. "
      "Raises InputError naming the first path that does not exist.");
  m.def("record_id", &record_id, py::arg("title"), py::arg("year") = py::none(),
        "The id given to a record without one: a hash of its normalised title and year.");
}

}  // namespace trove::python
