/**
 * A team package made with another label schema than the workspace's (a work package collected
 * by the lead, an assignment package opened by an annotator): which package labels need an
 * answer, the refusal that asks for one, and the answer applied (labels to add, spans to
 * relabel). The same choice the Import dialog offers for a file's unknown labels: map onto a
 * workspace label, or add to the schema (shared/teams/schemaMatch.ts decides).
 */
import { WorkbenchError } from '../../shared/api/errors';
import type { Label, LabelSchemaDef, Span } from '../../shared/domain/model';
import { labelDifferences, labelsToMap, planPackageLabels, type LabelMapping } from '../../shared/teams/schemaMatch';
import { slugifyLabelId } from './importPlan';

/** How the package came to differ, for the messages: a work package was "coded with", an assignment package "made for" its schema. */
export type PackageSchemaRole = 'coded with' | 'made for';

/** The refusal a package of another schema gets while nobody answered for its labels; the CLI and the Team screen ask. */
export class LabelMappingNeededError extends WorkbenchError {
  /** The differences in words, without the CLI's flags (what the Team screen shows). */
  readonly differences: string;
  constructor(
    fileName: string,
    readonly annotator: string,
    /** The package labels to answer for. */
    readonly labels: readonly Label[],
    differences: readonly string[],
    answered: boolean,
    role: PackageSchemaRole,
  ) {
    const said = `${fileName} was ${role} another label schema than the workspace's: ${differences.join('; ')}`;
    const ids = labels.map((l) => `"${l.id}"`).join(', ');
    super(
      'conflict',
      `${said}. ` +
        (answered
          ? `No answer for ${ids}: map each onto a workspace label (--map ID=LABEL) or add it (--add-unknown-labels)`
          : `Map each package label onto a workspace label (--map ID=LABEL) or add it (--add-unknown-labels), then try again`),
      fileName,
    );
    this.differences = answered ? `${said}. No answer yet for ${ids}` : said;
  }
}

export interface AnsweredLabels {
  /** Labels to add to the workspace's schema (answered 'add'), before anything that uses them. */
  newLabels: Label[];
  /** Package label id -> workspace label id, where they differ. */
  relabel: Record<string, string>;
  /** Workspace labels no package label resolves to. */
  workspaceOnlyLabels: string[];
}

const NOTHING_TO_ANSWER: AnsweredLabels = { newLabels: [], relabel: {}, workspaceOnlyLabels: [] };

/**
 * The package's labels resolved against the workspace's with `mapping`. Labels only the workspace
 * has need no answer (they are reported). Throws LabelMappingNeededError while a package label
 * that differs has none: without a mapping at all, or with one that leaves it out.
 */
export function answerPackageLabels(
  workspace: LabelSchemaDef,
  pkg: LabelSchemaDef,
  given: LabelMapping | undefined,
  asking: { fileName: string; annotator: string; role: PackageSchemaRole; addUnanswered?: boolean },
): AnsweredLabels {
  const differences = labelDifferences(workspace, pkg);
  if (!differences.length) return NOTHING_TO_ANSWER;
  const toMap = labelsToMap(workspace, pkg);
  // "Add every label not answered otherwise" (the CLI's --add-unknown-labels) is an answer too.
  const mapping = asking.addUnanswered ? { ...Object.fromEntries(toMap.map((l) => [l.id, 'add'])), ...given } : given;
  if (toMap.length && !mapping) throw new LabelMappingNeededError(asking.fileName, asking.annotator, toMap, differences, false, asking.role);
  const labels = planPackageLabels(workspace, pkg, mapping ?? {}, slugifyLabelId);
  if (labels.unmapped.length) throw new LabelMappingNeededError(asking.fileName, asking.annotator, labels.unmapped, differences, true, asking.role);
  const relabel: Record<string, string> = {};
  for (const [from, to] of labels.target) if (from !== to) relabel[from] = to;
  return { newLabels: labels.added, relabel, workspaceOnlyLabels: labels.workspaceOnly.map((l) => l.id) };
}

/** Spans with their labels renamed by `relabel`; the same array when nothing changes. */
export function relabelSpans<S extends Pick<Span, 'labelId'>>(spans: readonly S[], relabel: Readonly<Record<string, string>>): readonly S[] {
  if (!Object.keys(relabel).length) return spans;
  return spans.map((s) => (relabel[s.labelId] ? { ...s, labelId: relabel[s.labelId] } : s));
}

/** Labels of `added` the schema does not have yet (by id): what to push when committing, so a second commit adds nothing. */
export const labelsNotIn = (schema: LabelSchemaDef, added: readonly Label[]): Label[] => added.filter((l) => !schema.labels.some((w) => w.id === l.id));
