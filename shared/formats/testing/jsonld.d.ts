// The jsonld package ships no types; this declares the one call the tests use.
declare module 'jsonld' {
  interface RemoteDocument {
    contextUrl: string | null;
    documentUrl: string;
    document: unknown;
  }
  interface ExpandOptions {
    documentLoader?: (url: string) => Promise<RemoteDocument>;
    /** Throw instead of silently dropping a term or value that does not expand to an IRI. */
    safe?: boolean;
  }
  const jsonld: { expand(input: object, options?: ExpandOptions): Promise<unknown[]> };
  export default jsonld;
}
