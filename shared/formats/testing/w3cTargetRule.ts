/**
 * A port of the W3C Web Annotation test suite's MUST assertion `3.2-targetObjectsRecognized`
 * (github.com/w3c/web-annotation-tests, commit adedd9a5f06d9daa75bbfbb97aa9215cd09b4bb5:
 * annotations/3.2-targetObjectsRecognized.json and the definitions it references in
 * definitions/bodyTarget.json `targetResourcesFound`, id.json `stringUri`/`idValueFound`,
 * choiceSet.json `choiceDetected`, specificResource.json `specificeResourceDetected`).
 *
 * The schema: `target` is one target resource or an array of them, and each is exactly one
 * (`oneOf`) of a string of format uri, a Choice (type "Choice" exactly, non-empty items), a
 * Specific Resource (one `source` that is a uri or an External Web Resource, plus a recognised
 * purpose, selector, state, styleClass, renderedVia or scope) or an External Web Resource (an
 * `id` of format uri, no `source` and no `target` key). The suite knows no List, Composite or
 * Independents target, which is why such a target fails. The uri format is ajv's (the suite's
 * validator), which needs a scheme. State, styleClass, renderedVia and scope are detected by
 * their key only: the workbench writes none of them.
 */
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

// ajv's "uri" format (fast mode): a scheme, then no white space.
const stringUri = (v: unknown): boolean => typeof v === 'string' && /^(?:[a-z][a-z0-9+\-.]*:)(?:\/?\/)?[^\s]*$/i.test(v);

const arraySingleStringUri = (v: unknown): boolean => stringUri(v) || (Array.isArray(v) && v.length === 1 && stringUri(v[0]));
const idValueFound = (v: unknown): boolean => isRecord(v) && 'id' in v && arraySingleStringUri(v.id);

const nonNegativeInteger = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= 0;
const optionalString = (v: unknown) => v === undefined || typeof v === 'string';

/** specificResource.json `*SelectorDetected`, for the selectors the model describes. */
function selectorDetected(s: Record<string, unknown>): boolean {
  switch (s.type) {
    case 'FragmentSelector':
      return typeof s.value === 'string' && (s.conformsTo === undefined || stringUri(s.conformsTo));
    case 'CssSelector':
    case 'XPathSelector':
      return typeof s.value === 'string';
    case 'TextQuoteSelector':
      return typeof s.exact === 'string' && optionalString(s.prefix) && optionalString(s.suffix);
    case 'TextPositionSelector':
    case 'DataPositionSelector':
      return nonNegativeInteger(s.start) && nonNegativeInteger(s.end);
    case 'SvgSelector':
      return (typeof s.value === 'string') !== ('id' in s);
    case 'RangeSelector':
      return isRecord(s.startSelector) && isRecord(s.endSelector) && selectorDetected(s.startSelector) && selectorDetected(s.endSelector);
    default:
      return false;
  }
}

const oneSelector = (s: unknown): boolean => stringUri(s) || (isRecord(s) && (idValueFound(s) || selectorDetected(s)));

/** specificResource.json `selectorDefined` with `required: ["selector"]`. */
const hasRecognisedSelector = (r: Record<string, unknown>): boolean =>
  'selector' in r && (Array.isArray(r.selector) ? r.selector.length > 0 && r.selector.every(oneSelector) : oneSelector(r.selector));

/** bodyTarget.json `externalWebResourceDetected`. */
const externalWebResource = (r: unknown): boolean => isRecord(r) && idValueFound(r) && !('source' in r) && !('target' in r);

/** specificResource.json `specificeResourceDetected`. */
function specificResource(r: unknown): boolean {
  if (!isRecord(r) || !('source' in r)) return false;
  const sourceOk = [stringUri(r.source), externalWebResource(r.source)].filter(Boolean).length === 1;
  return sourceOk && ('purpose' in r || hasRecognisedSelector(r) || 'state' in r || 'styleClass' in r || 'renderedVia' in r || 'scope' in r);
}

/** choiceSet.json `choiceDetected`: only "Choice" is a recognised set type in the suite. */
const choice = (r: unknown): boolean => isRecord(r) && r.type === 'Choice' && Array.isArray(r.items) && r.items.length > 0;

/** bodyTarget.json `targetResourcesFound`: exactly one of the four kinds. */
export function targetResourceRecognized(t: unknown): boolean {
  return [stringUri(t), choice(t), specificResource(t), externalWebResource(t)].filter(Boolean).length === 1;
}

/** The assertion itself: true when the annotation passes 3.2-targetObjectsRecognized. */
export function targetObjectsRecognized(annotation: Record<string, unknown>): boolean {
  if (!('target' in annotation)) return false;
  const { target } = annotation;
  return Array.isArray(target) ? target.every(targetResourceRecognized) : targetResourceRecognized(target);
}
