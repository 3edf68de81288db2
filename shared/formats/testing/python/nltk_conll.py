"""Read CoNLL files with nltk's own ConllCorpusReader and print what it saw, as JSON.

Used by shared/formats/conllNltk.test.ts (the `conll` export held against the real reader).
stdin: {"root": DIR, "files": [{"fileid": NAME, "width": COLUMNS, "separator": null | " ",
        "layers": [TAG_COLUMN, ...]}]}
stdout: {"files": [{"grids": [[[cell, ...], ...], ...], "sents": [[word, ...], ...],
         "layers": [{"column": N, "tags": [[tag, ...], ...],
           "chunks": [[[label, [word, ...]], ...], ...] (chunked_sents) or "chunkedError": "...",
           "strictChunks": the same from nltk.chunk.conlltags2tree(strict=True)}]}
         or {"error": "ValueError: ..."} per file}

Column types for layer column N, as docs/formats.md documents them: "words" first, "chunk" on N,
"pos" on another column (chunked_sents and iob_sents require one; a -X- filler or another
layer), "ignore" elsewhere.
"""
import json
import sys

from nltk.corpus.reader import ConllCorpusReader
from nltk.chunk import conlltags2tree
from nltk.tree import Tree


def layer_types(width, column):
    types = ["ignore"] * width
    types[0] = "words"
    types[column] = "chunk"
    types[next(i for i in range(1, width) if i != column)] = "pos"
    return types


def chunks_of(tree):
    return [[t.label(), [w for (w, _) in t.leaves()]] for t in tree if isinstance(t, Tree)]


def read(root, spec):
    sep = spec.get("separator")
    width = spec["width"]
    plain = ConllCorpusReader(root, [spec["fileid"]], ["words"] + ["ignore"] * (width - 1), separator=sep)
    out = {
        # _grids() is the block reader every public method goes through: compared cell by cell
        # with the TypeScript port (nltkConllReader.ts).
        "grids": [list(map(list, grid)) for grid in plain._grids()],
        "sents": [list(s) for s in plain.sents()],
        "layers": [],
    }
    for column in spec["layers"]:
        reader = ConllCorpusReader(root, [spec["fileid"]], layer_types(width, column), separator=sep)
        iob = [list(s) for s in reader.iob_sents()]
        layer = {
            "column": column,
            "tags": [[chunk for (_, _, chunk) in s] for s in iob],
            # nltk.chunk.conlltags2tree with strict=True: raises on an I- that continues nothing.
            "strictChunks": [chunks_of(conlltags2tree(s, strict=True)) for s in iob],
        }
        try:
            layer["chunks"] = [chunks_of(tree) for tree in reader.chunked_sents()]
        except ValueError as e:  # chunked_sents splits a tag at every "-": a label with "-" fails
            layer["chunkedError"] = f"{type(e).__name__}: {e}"
        out["layers"].append(layer)
    return out


def main():
    request = json.load(sys.stdin)
    results = []
    for spec in request["files"]:
        try:
            results.append(read(request["root"], spec))
        except Exception as e:  # the test compares nltk's error with the port's
            results.append({"error": f"{type(e).__name__}: {e}"})
    json.dump({"files": results}, sys.stdout, ensure_ascii=False)


main()
