/** What `GET /healthz` reports: ready (200) only once the content is loaded and the bot knows who it is. */
export type HealthState =
  | { status: "starting"; reason: string }
  | { status: "ready"; mode: "polling" | "webhook"; username: string }
  | { status: "stopping"; reason: string };

/** Ready, but part of it is away (the shared storage): answering, not posting. */
export type DegradedReport = { status: "degraded"; mode: "polling" | "webhook"; username: string; reason: string };

export interface Health {
  readonly state: HealthState;
  set(state: HealthState): void;
  /** Records a problem with one part (`source`), or its end (`reason` undefined). */
  setProblem(source: string, reason: string | undefined): void;
  /**
   * The HTTP answer: 200 when ready, else 503, with the state as JSON. Ready
   * with a problem is `degraded`, still 200: the bot answers commands and
   * inline queries without its shared storage, and every instance shares the
   * same Redis, so a 503 would make a load balancer drop all of them at once.
   */
  report(): { statusCode: number; body: HealthState | DegradedReport };
}

export function createHealth(initial: HealthState = { status: "starting", reason: "loading content" }): Health {
  let state = initial;
  const problems = new Map<string, string>();
  return {
    get state() {
      return state;
    },
    set(next) {
      state = next;
    },
    setProblem(source, reason) {
      if (reason === undefined) problems.delete(source);
      else problems.set(source, reason);
    },
    report() {
      if (state.status !== "ready") return { statusCode: 503, body: state };
      if (problems.size === 0) return { statusCode: 200, body: state };
      return { statusCode: 200, body: { ...state, status: "degraded", reason: [...problems.values()].join("; ") } };
    },
  };
}
