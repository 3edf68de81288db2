/**
 * One choice per label a file or package has and the workspace's schema lacks: map it onto a
 * schema label, or add it to the schema. The Import dialog asks this for a file's unknown labels,
 * the Team screen for a work package coded with another schema; both send the answers as a
 * label mapping (name or package label id -> schema label id, or 'add').
 */
import type { Label } from '../../../shared/domain/model';

export interface LabelToMap {
  /** What the mapping is keyed by (a label name in a file, a label id in a package). */
  key: string;
  /** What the user reads. */
  text: string;
}

export function LabelMappingFields({
  idPrefix,
  toMap,
  labels,
  mapping,
  onChange,
}: {
  idPrefix: string;
  toMap: readonly LabelToMap[];
  labels: readonly Label[];
  mapping: Readonly<Record<string, string>>;
  onChange(key: string, target: string): void;
}) {
  return toMap.map(({ key, text }, i) => (
    <div className="field inline" key={key}>
      <label htmlFor={`${idPrefix}-map-${i}`} dir="auto">
        {text}
      </label>
      <select id={`${idPrefix}-map-${i}`} value={mapping[key] ?? ''} aria-invalid={!mapping[key]} onChange={(e) => onChange(key, e.target.value)}>
        <option value="">Choose…</option>
        <option value="add">Add to schema</option>
        {labels.map((l) => (
          <option key={l.id} value={l.id}>
            Map onto {l.name}
          </option>
        ))}
      </select>
    </div>
  ));
}
