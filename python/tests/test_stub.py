"""The type stub trove/__init__.pyi describes the module as built: the same
names, and for each class the same public methods and attributes."""

import ast
import pathlib

import trove

STUB = pathlib.Path(trove.__file__).with_name("__init__.pyi")


def stub_names():
    """Top-level names of the stub -> for a class, its member names."""
    tree = ast.parse(STUB.read_text())
    names = {}
    for node in tree.body:
        if isinstance(node, ast.ClassDef):
            names[node.name] = {
                item.target.id if isinstance(item, ast.AnnAssign) else item.name
                for item in node.body
                if isinstance(item, (ast.FunctionDef, ast.AnnAssign))}
        elif isinstance(node, ast.FunctionDef):
            names[node.name] = None
        elif isinstance(node, (ast.Assign, ast.AnnAssign)):
            target = node.targets[0] if isinstance(node, ast.Assign) else node.target
            names[target.id] = None
    return {name: members for name, members in names.items() if not name.startswith("_")
            or name in ("__version__", "__all__")}


def public(members):
    return {m for m in members if not m.startswith("_") or m in ("__enter__", "__exit__")}


def test_the_stub_names_what_the_module_exports():
    assert set(stub_names()) == set(trove.__all__) | {"IndexError", "__all__"}


def test_each_class_in_the_stub_has_the_runtime_members():
    ignored = {"count", "index"}  # tuple's methods, on FacetCount
    for name, members in stub_names().items():
        if members is None or issubclass(getattr(trove, name), BaseException):
            continue
        runtime = public(dir(getattr(trove, name))) - ignored
        assert public(members) - ignored == runtime, name
