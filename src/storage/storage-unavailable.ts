/**
 * The shared storage (Redis) cannot be reached, or cannot be trusted right
 * now: nothing was changed, or (for a call cut off mid-way) it is not known
 * whether it was. The caller waits and tries again; it is not a bug.
 */
export class StorageUnavailableError extends Error {
  override readonly name = "StorageUnavailableError";

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

export function isStorageUnavailable(error: unknown): error is StorageUnavailableError {
  return error instanceof StorageUnavailableError;
}
