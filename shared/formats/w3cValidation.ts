/**
 * Structural checks of W3C Web Annotation JSON-LD, for the parts the workbench reads: the
 * annotation's context, id, type, target and body, agents, dates and the text selectors. Each
 * problem is reported with its JSON path, so a rejected file says exactly what is wrong
 * (the negative examples of the W3C test suite are the reference, see w3c.test.ts).
 */
import { isRecord } from './fields';

export const ANNO_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';
const ANNO_CONTEXTS = new Set([ANNO_CONTEXT, 'https://www.w3.org/ns/anno.jsonld']);

const IRI = /^[A-Za-z][A-Za-z0-9+.-]*:[^\s]*$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;
const SET_TYPES = new Set(['Choice', 'Composite', 'List', 'Independents']);

export const isIri = (v: unknown): v is string => typeof v === 'string' && IRI.test(v);

export function typesOf(node: unknown): string[] {
  if (!isRecord(node)) return [];
  const t = node.type ?? node['@type'];
  return Array.isArray(t) ? t.filter((x): x is string => typeof x === 'string') : typeof t === 'string' ? [t] : [];
}

export function hasType(node: unknown, type: string): boolean {
  return typesOf(node).includes(type);
}

/** Problems with a top-level node's @context (empty when it includes the Web Annotation context). */
export function contextProblems(node: Record<string, unknown>, path: string): string[] {
  const ctx = node['@context'];
  if (ctx === undefined) return [`${path}: no @context (a Web Annotation needs "${ANNO_CONTEXT}")`];
  const list = Array.isArray(ctx) ? ctx : [ctx];
  return list.some((c) => typeof c === 'string' && ANNO_CONTEXTS.has(c)) ? [] : [`${path}.@context: does not include "${ANNO_CONTEXT}"`];
}

function checkIriValue(value: unknown, path: string, what: string, issues: string[], allowArray = false) {
  if (value === undefined) return;
  if (Array.isArray(value) && allowArray) {
    value.forEach((v, i) => checkIriValue(v, `${path}[${i}]`, what, issues));
    return;
  }
  if (!isIri(value)) issues.push(`${path}: ${what} must be ${allowArray ? 'an IRI or a list of IRIs' : 'a single IRI'}`);
}

function checkSingleString(value: unknown, path: string, what: string, issues: string[]) {
  if (value !== undefined && typeof value !== 'string') issues.push(`${path}: ${what} must be a single string`);
}

function checkDate(value: unknown, path: string, issues: string[]) {
  if (value === undefined) return;
  if (typeof value !== 'string' || !DATE_TIME.test(value)) issues.push(`${path}: must be one xsd:dateTime (e.g. 2024-01-31T12:00:00Z)`);
}

function checkAgent(value: unknown, path: string, issues: string[]) {
  if (value === undefined) return;
  const list = Array.isArray(value) ? value : [value];
  list.forEach((a, i) => {
    const p = Array.isArray(value) ? `${path}[${i}]` : path;
    if (typeof a === 'string') {
      if (!isIri(a)) issues.push(`${p}: an agent given as a string must be an IRI`);
    } else if (isRecord(a)) {
      checkIriValue(a.id, `${p}.id`, 'id', issues);
    } else issues.push(`${p}: an agent must be an IRI or an object`);
  });
}

function checkSelector(sel: unknown, path: string, issues: string[]) {
  if (typeof sel === 'string') {
    if (!isIri(sel)) issues.push(`${path}: a selector given as a string must be an IRI`);
    return;
  }
  if (!isRecord(sel)) {
    issues.push(`${path}: a selector must be an object or an IRI`);
    return;
  }
  const types = typesOf(sel);
  if (types.includes('FragmentSelector')) {
    if (typeof sel.value !== 'string') issues.push(`${path}.value: a FragmentSelector needs exactly one string value`);
    checkSingleString(sel.conformsTo, `${path}.conformsTo`, 'conformsTo', issues);
  }
  if (types.includes('TextQuoteSelector')) {
    if (typeof sel.exact !== 'string') issues.push(`${path}.exact: a TextQuoteSelector needs the exact quote as a string`);
    checkSingleString(sel.prefix, `${path}.prefix`, 'prefix', issues);
    checkSingleString(sel.suffix, `${path}.suffix`, 'suffix', issues);
  }
  if (types.includes('TextPositionSelector') || types.includes('DataPositionSelector')) {
    const { start, end } = sel;
    if (typeof start !== 'number' || !Number.isInteger(start) || start < 0 || typeof end !== 'number' || !Number.isInteger(end) || end < start)
      issues.push(`${path}: start and end must be non-negative integers with start ≤ end`);
  }
  if (sel.refinedBy !== undefined) {
    const list = Array.isArray(sel.refinedBy) ? sel.refinedBy : [sel.refinedBy];
    list.forEach((r, i) => checkSelector(r, Array.isArray(sel.refinedBy) ? `${path}.refinedBy[${i}]` : `${path}.refinedBy`, issues));
  }
}

/** Checks a body or target resource (an IRI, an external resource, a TextualBody, a SpecificResource or a set). */
function checkResource(res: unknown, path: string, role: 'body' | 'target', issues: string[]) {
  if (typeof res === 'string') {
    if (!isIri(res)) issues.push(`${path}: a ${role} given as a string must be an IRI`);
    return;
  }
  if (!isRecord(res)) {
    issues.push(`${path}: a ${role} must be an IRI or an object`);
    return;
  }
  const types = typesOf(res);
  const setTypes = types.filter((t) => SET_TYPES.has(t));
  if (setTypes.length > 1) issues.push(`${path}.type: a resource cannot be both ${setTypes.join(' and ')}`);
  if (res.items !== undefined) {
    if (!setTypes.length) issues.push(`${path}: "items" without a type of Choice, Composite, List or Independents`);
    if (!Array.isArray(res.items)) issues.push(`${path}.items: must be a list`);
    else res.items.forEach((item, i) => checkResource(item, `${path}.items[${i}]`, role, issues));
    return;
  }
  checkIriValue(res.id, `${path}.id`, 'id', issues);
  checkSingleString(res.format, `${path}.format`, 'format', issues);
  checkSingleString(res.processingLanguage, `${path}.processingLanguage`, 'processingLanguage', issues);
  if (res.language !== undefined && typeof res.language !== 'string' && !(Array.isArray(res.language) && res.language.every((l) => typeof l === 'string')))
    issues.push(`${path}.language: must be a language tag or a list of them`);
  if (res.textDirection !== undefined && !['ltr', 'rtl', 'auto'].includes(res.textDirection as string))
    issues.push(`${path}.textDirection: must be one of "ltr", "rtl", "auto"`);
  if (types.includes('TextualBody') && typeof res.value !== 'string') issues.push(`${path}.value: a TextualBody needs exactly one string value`);
  checkAgent(res.creator, `${path}.creator`, issues);
  checkDate(res.created, `${path}.created`, issues);
  checkDate(res.modified, `${path}.modified`, issues);
  checkIriValue(res.rights, `${path}.rights`, 'rights', issues, true);
  const isSpecific = types.includes('SpecificResource') || res.selector !== undefined || res.state !== undefined || res.styleClass !== undefined || res.scope !== undefined;
  if (isSpecific) {
    if (res.source === undefined) issues.push(`${path}: a SpecificResource needs a source`);
    else if (typeof res.source !== 'string' && !isRecord(res.source)) issues.push(`${path}.source: must be an IRI or a resource`);
    else if (typeof res.source === 'string' && !/^\S+$/.test(res.source)) issues.push(`${path}.source: must be an IRI (or a relative reference)`);
    if (res.selector !== undefined) {
      const list = Array.isArray(res.selector) ? res.selector : [res.selector];
      list.forEach((s, i) => checkSelector(s, Array.isArray(res.selector) ? `${path}.selector[${i}]` : `${path}.selector`, issues));
    }
  }
}

/** Every problem with one Annotation node; `needsContext` for top-level nodes. */
export function annotationProblems(node: unknown, path: string, needsContext: boolean): string[] {
  if (!isRecord(node)) return [`${path}: an annotation must be a JSON object`];
  const issues: string[] = needsContext ? contextProblems(node, path) : [];
  if (node.id === undefined) issues.push(`${path}.id: missing (an annotation has exactly one IRI)`);
  else if (Array.isArray(node.id)) issues.push(`${path}.id: an annotation has exactly one IRI, not a list`);
  else if (!isIri(node.id)) issues.push(`${path}.id: "${String(node.id)}" is not an IRI`);
  const types = typesOf(node);
  if (!types.length) issues.push(`${path}.type: missing (must be "Annotation")`);
  else if (!types.includes('Annotation')) issues.push(`${path}.type: "${types.join(', ')}" is not "Annotation"`);
  if (node.target === undefined) issues.push(`${path}.target: missing (an annotation needs at least one target)`);
  else {
    const list = Array.isArray(node.target) ? node.target : [node.target];
    if (!list.length) issues.push(`${path}.target: empty`);
    list.forEach((t, i) => checkResource(t, Array.isArray(node.target) ? `${path}.target[${i}]` : `${path}.target`, 'target', issues));
  }
  if (node.body !== undefined && node.bodyValue !== undefined) issues.push(`${path}: has both body and bodyValue`);
  if (node.bodyValue !== undefined && typeof node.bodyValue !== 'string') issues.push(`${path}.bodyValue: must be a single string`);
  if (node.body !== undefined) {
    const list = Array.isArray(node.body) ? node.body : [node.body];
    list.forEach((b, i) => checkResource(b, Array.isArray(node.body) ? `${path}.body[${i}]` : `${path}.body`, 'body', issues));
  }
  checkAgent(node.creator, `${path}.creator`, issues);
  checkAgent(node.generator, `${path}.generator`, issues);
  checkDate(node.created, `${path}.created`, issues);
  checkDate(node.modified, `${path}.modified`, issues);
  checkDate(node.generated, `${path}.generated`, issues);
  checkIriValue(node.rights, `${path}.rights`, 'rights', issues, true);
  checkIriValue(node.via, `${path}.via`, 'via', issues, true);
  checkIriValue(node.canonical, `${path}.canonical`, 'canonical', issues);
  if (node.motivation !== undefined && typeof node.motivation !== 'string' && !(Array.isArray(node.motivation) && node.motivation.every((m) => typeof m === 'string')))
    issues.push(`${path}.motivation: must be a motivation name or a list of them`);
  return issues;
}
