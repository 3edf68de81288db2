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

/**
 * The path of each pair key below the folder that every pair key shares (either separator
 * splits; titles join with "/"). By string prefixes, not arrays of segments: this runs once over
 * every document of a corpus before the first is read, while the code is still interpreted.
 */
export function titlesBelowCommonFolder(keys: readonly string[]): Map<string, string> {
  const normal = keys.map((key) => (key.includes('\\') ? key.replace(/\\/g, '/') : key));
  // The first key's folder ("a/b/"), cut back a folder at a time until every key lies below it.
  let common = normal.length ? normal[0].slice(0, normal[0].lastIndexOf('/') + 1) : '';
  for (const key of normal) while (!key.startsWith(common)) common = common.length > 1 ? common.slice(0, common.lastIndexOf('/', common.length - 2) + 1) : '';
  return new Map(keys.map((key, i) => [key, normal[i].slice(common.length)]));
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
  // The built-in order of strings (UTF-16 units, as `<` compares them), with no comparator to call.
  const keys = [...pairs.keys()].sort();
  const titles = titlesBelowCommonFolder(keys);
  return [...keys.map((key) => ({ key, files: pairs.get(key)!, title: titles.get(key)! })), ...others];
}
