"""Exits 1 when training/*.py modules import each other in a cycle (madge covers src/; nothing Debian ships does this)."""

import ast
import pathlib
import sys

root = pathlib.Path(__file__).resolve().parent.parent / "training"
modules = {p.stem: p for p in root.glob("*.py")}
graph = {name: set() for name in modules}
for name, path in modules.items():
    for node in ast.walk(ast.parse(path.read_text(encoding="utf8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            targets = [node.module]
        else:
            continue
        graph[name] |= {t.split(".")[0] for t in targets if t.split(".")[0] in modules and t.split(".")[0] != name}


def cycles(graph):
    """Strongly connected components of more than one module (Tarjan)."""
    index, low, stack, on, found = {}, {}, [], set(), []

    def visit(v):
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


found = cycles(graph)
for component in found:
    print("import cycle in training/: " + " <-> ".join(component))
print(f"training/: {len(modules)} modules, {len(found)} import cycles")
sys.exit(1 if found else 0)
