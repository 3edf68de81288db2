/**
 * JSON-LD expansion without the network: a document loader that serves the Web Annotation
 * context from anno.jsonld beside this file and refuses every other URL. anno.jsonld is the
 * context published at http://www.w3.org/ns/anno.jsonld, copied verbatim from
 * github.com/w3c/web-annotation, jsonld/anno.jsonld (last changed in commit 46de385e, read at
 * commit 74992e5d3ca3ac10b3289f6c855c876cc9b024a1).
 */
import fs from 'node:fs';
import jsonld from 'jsonld';

const ANNO_CONTEXT_URLS = new Set(['http://www.w3.org/ns/anno.jsonld', 'https://www.w3.org/ns/anno.jsonld']);
const annoContext = JSON.parse(fs.readFileSync(new URL('./anno.jsonld', import.meta.url), 'utf8')) as unknown;

async function offlineLoader(url: string) {
  if (!ANNO_CONTEXT_URLS.has(url)) throw new Error(`offline JSON-LD loader: no copy of ${url}`);
  return { contextUrl: null, documentUrl: url, document: annoContext };
}

/** JSON-LD 1.1 expansion of a compacted document, with the W3C context served offline; `safe` throws where a value would be dropped. */
export function expandOffline(doc: unknown, { safe = false } = {}): Promise<unknown[]> {
  return jsonld.expand(doc as object, { documentLoader: offlineLoader, safe });
}
