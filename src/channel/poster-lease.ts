/**
 * Which instance posts to the channel: the one holding the lease. The
 * publisher renews it every `renewEveryMs`, sends only while `held`, and
 * releases it on a clean stop. Posting stays exactly-once without it (every
 * send is claimed in the ledger first); the lease keeps one sender at a time,
 * so the queue's order and pacing are one process's, and says who takes over.
 */
export interface PosterLease {
  /** Takes the lease if free, or extends it if held; resolves to whether this instance holds it now. Never rejects. */
  renew(): Promise<boolean>;
  /** As of the last renewal, and not past the time it was granted until. */
  readonly held: boolean;
  /** Lets it go (a clean stop), so another instance takes over at once rather than after it expires. */
  release(): Promise<void>;
  readonly renewEveryMs: number;
}

/**
 * The embedded default: every process is a poster. Processes sharing one
 * DATA_DIR still post each article once, through the SQLite ledger's claims.
 */
export function createSoleLease(renewEveryMs = 5000): PosterLease {
  return {
    renew: async () => true,
    held: true,
    release: async () => {},
    renewEveryMs,
  };
}
