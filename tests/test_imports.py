"""The pipeline's shape is a test: no import cycle inside engine/, durable_rules behind one door,
and no module reaching into another's private names."""
import ast
import os

from tests.conftest import ROOT

ENGINE = os.path.join(ROOT, "engine")


def modules() -> dict[str, ast.Module]:
    """Every engine module by dotted name (engine.read.yaml, ...), parsed."""
    found = {}
    for folder, _, names in os.walk(ENGINE):
        for name in names:
            if name.endswith(".py"):
                path = os.path.join(folder, name)
                dotted = os.path.relpath(path, ROOT)[:-3].replace(os.sep, ".")
                dotted = dotted[: -len(".__init__")] if dotted.endswith(".__init__") else dotted
                with open(path, encoding="utf-8") as handle:
                    found[dotted] = ast.parse(handle.read(), path)
    return found


def imports(name: str, tree: ast.Module) -> list[tuple[str, list[str]]]:
    """(module imported, names taken from it) for every import, relative ones resolved."""
    package = name if name in PACKAGES else name.rsplit(".", 1)[0]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                target = f"{base}.{node.module}" if node.module else base
            else:
                target = node.module or ""
            found.append((target, [alias.name for alias in node.names]))
        elif isinstance(node, ast.Import):
            found.extend((alias.name, []) for alias in node.names)
    return found


MODULES = modules()
PACKAGES = {name for name in MODULES if os.path.isdir(os.path.join(ROOT, *name.split(".")))}


def internal_edges() -> dict[str, set[str]]:
    """Module -> the engine modules it imports at load time (top-level statements only)."""
    edges: dict[str, set[str]] = {}
    for name, tree in MODULES.items():
        top = ast.Module(body=[n for n in tree.body if isinstance(n, (ast.Import, ast.ImportFrom))],
                         type_ignores=[])
        targets = set()
        for target, names in imports(name, top):
            for candidate in [f"{target}.{n}" for n in names] + [target]:
                if candidate in MODULES and candidate != name:
                    targets.add(candidate)
                    break
        edges[name] = targets
    return edges


def test_no_import_cycle_inside_the_engine():
    edges = internal_edges()
    state: dict[str, int] = {}
    cycles = []

    def visit(name: str, trail: list[str]) -> None:
        state[name] = 1
        for target in sorted(edges[name]):
            if state.get(target) == 1 and target not in PACKAGES:
                cycles.append(" -> ".join(trail + [name, target]))
            elif target not in state:
                visit(target, trail + [name])
        state[name] = 2

    for name in sorted(edges):
        if name not in state:
            visit(name, [])
    assert not cycles


def test_only_compile_imports_durable_rules():
    """Only modules of the compile package (engine/compile/) import durable_rules."""
    users = sorted(name for name, tree in MODULES.items()
                   if any(target.split(".")[0] in ("durable", "durable_rules_engine")
                          for target, _ in imports(name, tree)))
    assert users and all(name.startswith("engine.compile.") for name in users), users


def test_no_module_takes_another_modules_private_names():
    reaching = [(name, target, taken) for name, tree in MODULES.items() for target, names in imports(name, tree)
                if target.startswith("engine") and target != name
                for taken in names if taken.startswith("_") and not taken.startswith("__")]
    assert not reaching


def command_line() -> dict[str, tuple[str, ast.Module]]:
    """cli.py and cli_parts/ by dotted name (cli, cli_parts.guard, ...): (source, parsed)."""
    folder = os.path.join(ROOT, "cli_parts")
    paths = {"cli": os.path.join(ROOT, "cli.py")}
    for name in sorted(os.listdir(folder)):
        if name.endswith(".py"):
            paths["cli_parts" if name == "__init__.py" else f"cli_parts.{name[:-3]}"] = os.path.join(folder, name)
    found = {}
    for dotted, path in paths.items():
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
        found[dotted] = (text, ast.parse(text, path))
    return found


def test_the_command_line_is_small_modules_without_cycles_or_private_reaches():
    """cli.py and each module of cli_parts/: at most 400 lines, no import cycle at load time,
    and none takes another's private names."""
    parts = command_line()
    assert not [name for name, (text, _) in parts.items() if text.count("\n") > 400]
    edges = {name: {node.module for node in tree.body if isinstance(node, ast.ImportFrom) and node.module in parts}
             for name, (_, tree) in parts.items()}

    def reached(name: str, seen: set[str]) -> set[str]:
        for target in edges[name] - seen:
            seen.add(target)
            reached(target, seen)
        return seen

    assert not [name for name in parts if name in reached(name, set())]
    private = [(name, node.module, alias.name) for name, (_, tree) in parts.items() for node in ast.walk(tree)
               if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] in ("cli", "cli_parts")
               for alias in node.names if alias.name.startswith("_") and not alias.name.startswith("__")]
    assert not private
