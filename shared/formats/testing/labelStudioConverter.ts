/**
 * Test oracle: a TypeScript port of how label-studio-converter reads a Label Studio JSON export,
 * so our export is held against the converter's own code rather than against our reading of the
 * format. Ported from HumanSignal/label-studio-converter at commit
 * 2ef54005fca6eee30f0676ed16e7c71846efe22f (version 0.0.60.dev, after release 0.0.59),
 * `label_studio_converter/converter.py`:
 *
 * - `Converter.iter_from_json_file` (a list of tasks, each through `annotation_result_from_task`),
 * - `annotation_result_from_task` (tasks without `annotations`/`completions` skipped; cancelled
 *   annotations left out; newest first by `created_at`; results whose `from_name` is a control
 *   tag of the labeling config kept, their `value` copied with the tag's type),
 * - `Converter.get_data` (reads `task['id']` and `task['data']`: a task without `id` stops the
 *   conversion with `KeyError: 'id'`),
 * - the part of `convert_to_conll2003` that picks the spans (`type.lower() == 'labels'`, then
 *   `start`, `end` and `labels[0]` of each, over `input[data_key]`).
 *
 * Python's `dict[key]` raises KeyError; `get` below does the same, so a missing field fails the
 * way the converter does.
 */

/** `_schema` of the converter: control tag name → its type (from the labeling config's tag, e.g. `Labels`). */
export type ConverterSchema = Record<string, { type: string }>;

export class KeyError extends Error {
  constructor(key: string) {
    super(`KeyError: '${key}'`);
  }
}

type PyDict = Record<string, unknown>;

function get(d: unknown, key: string): unknown {
  if (typeof d !== 'object' || d === null || Array.isArray(d) || !(key in d)) throw new KeyError(key);
  return (d as PyDict)[key];
}
const pyGet = (d: PyDict, key: string, dflt: unknown) => (key in d ? d[key] : dflt);

export interface ConverterItem {
  id: unknown;
  input: PyDict;
  output: Record<string, PyDict[]>;
  annotation_id: unknown;
}

/** `Converter.get_data`. */
function getData(task: PyDict, outputs: Record<string, PyDict[]>, annotation: PyDict): ConverterItem {
  return { id: get(task, 'id'), input: get(task, 'data') as PyDict, output: outputs, annotation_id: pyGet(annotation, 'id', null) };
}

/** `Converter.annotation_result_from_task`: the items the generator yields (its `return None` yields nothing). */
function annotationResultFromTask(task: PyDict, schema: ConverterSchema): ConverterItem[] {
  if (!('completions' in task || 'annotations' in task)) return [];
  let annotations = (('annotations' in task ? task.annotations : task.completions) ?? []) as PyDict[];
  const out: ConverterItem[] = [];
  if (!annotations.length) out.push(getData(task, {}, {}));
  annotations = annotations.filter((x) => !(pyGet(x, 'skipped', false) || pyGet(x, 'was_cancelled', false)));
  if (!annotations.length) return out;
  // sorted(key=created_at default 0, reverse=True): a stable sort, newest first.
  annotations = [...annotations].sort((a, b) => {
    const ka = pyGet(a, 'created_at', 0) as string | number;
    const kb = pyGet(b, 'created_at', 0) as string | number;
    return ka < kb ? 1 : ka > kb ? -1 : 0;
  });
  for (const annotation of annotations) {
    const result = get(annotation, 'result') as PyDict[];
    const outputs: Record<string, PyDict[]> = {};
    for (const r of result) {
      if ('from_name' in r && typeof r.from_name === 'string' && Object.hasOwn(schema, r.from_name)) {
        const v = { ...(get(r, 'value') as PyDict), type: schema[r.from_name].type };
        (outputs[r.from_name] ??= []).push(v);
      }
    }
    out.push(getData(task, outputs, annotation));
  }
  return out;
}

/** `Converter.iter_from_json_file` over a file holding a list of tasks. */
export function iterFromJsonFile(json: string, schema: ConverterSchema): ConverterItem[] {
  const data = JSON.parse(json) as unknown;
  const tasks = (Array.isArray(data) ? data : [data]) as PyDict[];
  const items: ConverterItem[] = [];
  for (const task of tasks) items.push(...annotationResultFromTask(task, schema));
  return items;
}

/** The spans `convert_to_conll2003` tags: the first `labels` output, as (text slice in code points, label). */
export function conllSpans(item: ConverterItem, dataKey: string): { text: string; label: string }[] {
  const filtered = Object.values(item.output).filter((x) => String(get(x[0], 'type')).toLowerCase() === 'labels');
  const spans = filtered[0];
  if (!spans) return [];
  const text = [...(get(item.input, dataKey) as string)];
  return spans.map((s) => ({
    text: text.slice(get(s, 'start') as number, get(s, 'end') as number).join(''),
    label: String((get(s, 'labels') as unknown[])[0]),
  }));
}
