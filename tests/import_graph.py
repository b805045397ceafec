"""The project's import graph, read from the code's own import statements (a small AST walk).

Two rules, checked by tests/test_import_graph.py:
- a lower app never imports a higher one (kwaliteit < dataplan < kwaliteitskaarten < pdca <
  accreditatie), wherever the import stands: at the top, inside a function, under TYPE_CHECKING;
- no circle between modules through module-level imports (imports inside a function run late and
  are allowed; imports under `if TYPE_CHECKING:` never run).
"""

import ast
from dataclasses import dataclass
from pathlib import Path

APPS = ["kwaliteit", "dataplan", "kwaliteitskaarten", "pdca", "accreditatie"]


@dataclass(frozen=True)
class Import:
    source: str  # the importing module, e.g. "kwaliteit.services"
    target: str  # the imported module of the project, e.g. "kwaliteit.tasks"
    line: int
    module_level: bool  # runs when the source is imported (not inside a function)
    type_checking: bool  # inside `if TYPE_CHECKING:`

    def __str__(self):
        return f"{self.source} (line {self.line}) imports {self.target}"


def modules(root, apps=APPS):
    """Module name → file for every Python file of the apps under root."""
    found = {}
    for app in apps:
        for path in sorted((Path(root) / app).rglob("*.py")):
            parts = list(path.relative_to(root).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts = parts[:-1]
            found[".".join(parts)] = path
    return found


def _is_type_checking(test):
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


class _Walker(ast.NodeVisitor):
    def __init__(self, name, is_package, known):
        self.name, self.is_package, self.known = name, is_package, known
        self.package = name if is_package else name.rpartition(".")[0]
        self.depth = 0  # functions we are inside
        self.type_checking = 0
        self.found = []

    def _function(self, node):
        self.depth += 1
        self.generic_visit(node)
        self.depth -= 1

    visit_FunctionDef = visit_AsyncFunctionDef = visit_Lambda = _function

    def visit_If(self, node):
        if _is_type_checking(node.test):
            self.type_checking += 1
            for child in node.body:
                self.visit(child)
            self.type_checking -= 1
            for child in node.orelse:
                self.visit(child)
        else:
            self.generic_visit(node)

    def _add(self, target, line):
        # The most specific module of the project that the name points at.
        while target and target not in self.known:
            target = target.rpartition(".")[0]
        if target and target != self.name:
            self.found.append(
                Import(self.name, target, line, self.depth == 0, self.type_checking > 0)
            )

    def visit_Import(self, node):
        for alias in node.names:
            self._add(alias.name, node.lineno)

    def visit_ImportFrom(self, node):
        if node.level:
            base = self.package.split(".")
            base = base[: len(base) - (node.level - 1)]
            module = ".".join(base + ([node.module] if node.module else []))
        else:
            module = node.module
        for alias in node.names:
            # `from pkg import submodule` imports the submodule; `from pkg import name` the package.
            self._add(f"{module}.{alias.name}" if alias.name != "*" else module, node.lineno)


def imports(root, apps=APPS):
    """Every import between modules of the project."""
    known = modules(root, apps)
    found = []
    for name, path in known.items():
        walker = _Walker(name, path.name == "__init__.py", known)
        walker.visit(ast.parse(path.read_text(encoding="utf-8"), filename=str(path)))
        found.extend(walker.found)
    return found


def upward(found, apps=APPS):
    """Imports from a lower app into a higher one, at any level."""
    rank = {app: index for index, app in enumerate(apps)}
    return [
        each for each in found if rank[each.target.split(".")[0]] > rank[each.source.split(".")[0]]
    ]


def circles(found):
    """Circles through module-level imports, each as the list of imports that close it."""
    graph = {}
    for each in found:
        if each.module_level and not each.type_checking:
            graph.setdefault(each.source, {}).setdefault(each.target, each)
    result = []
    for component in _strongly_connected(graph):
        if len(component) > 1:
            result.append(_a_circle(graph, component))
    return result


def imported_back(found, suffix=".tasks"):
    """Imports (at any level) into a `*.tasks` module from a module that the tasks use."""
    graph = {}
    for each in found:
        if not each.type_checking:
            graph.setdefault(each.source, set()).add(each.target)
    result = []
    for each in found:
        if each.target.endswith(suffix) and not each.type_checking:
            seen, todo = set(), [each.target]
            while todo:
                for child in graph.get(todo.pop(), ()):
                    if child not in seen:
                        seen.add(child)
                        todo.append(child)
            if each.source in seen:
                result.append(each)
    return result


def _strongly_connected(graph):
    """Tarjan's algorithm, iterative so deep packages do not hit the recursion limit."""
    index, low, on_stack, stack, components = {}, {}, set(), [], []
    counter = 0
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph.get(start, {}))))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            for child in children:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, {})))))
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    component = set()
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.add(member)
                        if member == node:
                            break
                    components.append(component)
    return components


def _a_circle(graph, component):
    """The shortest way round from the component's first module back to itself."""
    start = min(component)
    paths = {start: []}
    queue = [start]
    while queue:
        node = queue.pop(0)
        for child, edge in sorted(graph.get(node, {}).items()):
            if child not in component:
                continue
            if child == start:
                return paths[node] + [edge]
            if child not in paths:
                paths[child] = paths[node] + [edge]
                queue.append(child)
    raise AssertionError("a strongly connected component without a way round")


def describe_circle(edges):
    return " → ".join(f"{edge.source}:{edge.line}" for edge in edges) + f" → {edges[0].source}"
