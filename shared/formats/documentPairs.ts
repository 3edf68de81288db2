/**
 * A brat corpus taken one document at a time (for `workbench convert`, which streams a brat
 * folder instead of parsing it whole): the files grouped as the brat codec pairs them, in the
 * order it reads them, each with the title the codec gives it when it parses the whole corpus.
 * Each group is then parsed by the codec itself (`bratCodec.parse(groupFiles)`), whose title,
 * computed from that group alone, is replaced by the corpus-wide one given here.
 *
 * The rules are the codec's (shared/formats/brat.ts, parseBrat and documentTitles): a pair is
 * keyed by folder and stem (NAME.txt + NAME.ann), keys are read in sorted order, and a title is
 * the key below the folder that all keys share. Tests hold `convert` to the import's output on
 * nested folders, so a change of rule there shows here.
 */
import { pathParts } from './inputFiles';

export interface DocumentGroup {
  /** The folder/stem key of a .txt/.ann pair, or the name of any other file (a group of its own). */
  key: string;
  /** The pair's title as the whole-corpus parse gives it; undefined for a group that is no pair. */
  title?: string;
  /** The file names of the group, as given. */
  files: string[];
}

/** The path of a pair key below the folder that every pair key shares. */
function titlesBelowCommonFolder(keys: readonly string[]): Map<string, string> {
  const split = (key: string) => key.split(/[/\\]/);
  let common = keys.length ? split(keys[0]).slice(0, -1) : [];
  for (const key of keys) {
    const dirs = split(key).slice(0, -1);
    let k = 0;
    while (k < common.length && k < dirs.length && common[k] === dirs[k]) k++;
    common = common.slice(0, k);
  }
  return new Map(keys.map((key) => [key, split(key).slice(common.length).join('/')]));
}

/**
 * The files of a brat corpus (not zipped) grouped into documents, in the codec's reading order;
 * any other file follows as a group of its own (the codec says what it ignores).
 */
export function documentGroups(names: readonly string[]): DocumentGroup[] {
  const pairs = new Map<string, string[]>();
  const others: DocumentGroup[] = [];
  for (const name of names) {
    const { dir, stem, ext } = pathParts(name);
    if (ext !== 'txt' && ext !== 'ann') {
      others.push({ key: name, files: [name] });
      continue;
    }
    const key = dir ? `${dir}/${stem}` : stem;
    if (!pairs.has(key)) pairs.set(key, []);
    pairs.get(key)!.push(name);
  }
  const titles = titlesBelowCommonFolder([...pairs.keys()]);
  const sorted = [...pairs].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return [...sorted.map(([key, files]) => ({ key, files, title: titles.get(key)! })), ...others];
}
