/**
 * Several malformed input files reported at once. A codec that reads its files one by one
 * (brat: one document per .txt/.ann pair) goes on after a bad file and names every bad one, so a
 * corpus of 3,000 files with 131 broken ones needs one run of `validate`, not 131.
 */
import { WorkbenchError } from '../api/errors';
import { FormatError } from './codec';

export class FormatErrors extends WorkbenchError {
  override name = 'FormatErrors';
  constructor(readonly errors: readonly FormatError[]) {
    // The first file stays in `file`/`location`, so a client that shows one place still shows one.
    super('invalid_input', `${errors.length} files cannot be read:\n${errors.map((e) => `  ${e.message}`).join('\n')}`, errors[0].file, errors[0].location);
  }
}

/** Throw what was collected: nothing, the one error as it is, or all of them together. */
export function throwFormatErrors(errors: readonly FormatError[]): void {
  if (errors.length === 1) throw errors[0];
  if (errors.length > 1) throw new FormatErrors(errors);
}

/** The file errors an import failed with (one or several), or undefined for any other failure. */
export function formatErrorsOf(err: unknown): readonly FormatError[] | undefined {
  if (err instanceof FormatErrors) return err.errors;
  if (err instanceof FormatError) return [err];
  return undefined;
}
