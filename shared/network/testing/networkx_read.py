"""Read GraphML and GEXF files with networkx's own readers and print the graphs, as JSON.

Used by shared/network/graphExport.networkx.test.ts (our exports held against the real readers).
stdin: {"files": [{"path": FILE, "format": "graphml" | "gexf"}]}
stdout: {"graphs": [{"multigraph": bool, "directed": bool, "graph": {...},
         "nodes": {id: {attr: value}}, "edges": [[u, v, key, {attr: value}], ...]}
         or {"error": "..."} per file]}
Both are read as a user would: nx.read_graphml(path), nx.read_gexf(path) with default arguments.
"""
import json
import sys

import networkx as nx


def read(spec):
    reader = nx.read_graphml if spec["format"] == "graphml" else nx.read_gexf
    g = reader(spec["path"])
    edges = g.edges(keys=True, data=True) if g.is_multigraph() else ((u, v, None, d) for u, v, d in g.edges(data=True))
    return {
        "multigraph": g.is_multigraph(),
        "directed": g.is_directed(),
        "graph": g.graph,
        "nodes": {n: d for n, d in g.nodes(data=True)},
        "edges": [[u, v, k, d] for u, v, k, d in edges],
    }


def main():
    results = []
    for spec in json.load(sys.stdin)["files"]:
        try:
            results.append(read(spec))
        except Exception as e:  # reported to the test, which names the file
            results.append({"error": f"{type(e).__name__}: {e}"})
    json.dump({"graphs": results}, sys.stdout, ensure_ascii=False, default=str)


main()
