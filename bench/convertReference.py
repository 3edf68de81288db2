# The reference for bench section `convert` (bench/convertBench.ts): the 30-line brat -> doccano
# converter issue 12 compares `workbench convert` with. brat offsets count code points, doccano's
# UTF-16 units; discontinuous spans become their whole extent; an event's Source and Content
# arguments become a relation. Usage: python3 convertReference.py BRAT_FOLDER OUT.jsonl
import json, os, re, sys

def utf16(text):
    if text.isascii() or all(ord(c) < 0x10000 for c in text):
        return lambda i: i
    prefix = [0]
    for c in text:
        prefix.append(prefix[-1] + (2 if ord(c) >= 0x10000 else 1))
    return lambda i: prefix[i]

src, out = sys.argv[1], sys.argv[2]
with open(out, 'w', encoding='utf-8') as w:
    for root, _, files in sorted(os.walk(src)):
        for name in sorted(f for f in files if f.endswith('.ann')):
            with open(os.path.join(root, name[:-4] + '.txt'), encoding='utf-8', newline='') as f:
                text = f.read()
            at, ents, rels, ids = utf16(text), [], [], {}
            with open(os.path.join(root, name), encoding='utf-8', newline='') as f:
                for line in f.read().split('\n'):
                    m = re.match(r'(T\d+)\t(\S+) (\d+(?: \d+;\d+)* \d+)\t', line)
                    if m:
                        bounds = [int(x) for x in re.split('[ ;]', m.group(3))]
                        ids[m.group(1)] = len(ents)
                        ents.append({'id': len(ents), 'label': m.group(2), 'start_offset': at(bounds[0]), 'end_offset': at(bounds[-1])})
                    elif line.startswith('E'):
                        args = dict(a.split(':', 1) for a in line.split('\t')[1].split()[1:])
                        if args.get('Source') in ids and args.get('Content') in ids:
                            rels.append({'id': len(rels), 'from_id': ids[args['Source']], 'to_id': ids[args['Content']], 'type': 'says'})
            w.write(json.dumps({'text': text, 'entities': ents, 'relations': rels, 'title': name[:-4]}, ensure_ascii=False) + '\n')
