/**
 * The one error type that crosses the API. Services throw it with a code and, for file
 * problems, the file's path and location; transports serialise it into the ApiResult envelope.
 */
import type { ApiError, ErrorCode } from './contract';

export class WorkbenchError extends Error {
  override name = 'WorkbenchError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly file?: string,
    readonly location?: string,
  ) {
    super(message);
  }

  toApiError(): ApiError {
    return {
      code: this.code,
      message: this.message,
      ...(this.file !== undefined ? { file: this.file } : {}),
      ...(this.location !== undefined ? { location: this.location } : {}),
    };
  }

  static fromApiError(e: ApiError): WorkbenchError {
    return new WorkbenchError(e.code, e.message, e.file, e.location);
  }
}
