/** What `GET /healthz` reports: ready (200) only once the content is loaded and the bot knows who it is. */
export type HealthState =
  | { status: "starting"; reason: string }
  | { status: "ready"; mode: "polling" | "webhook"; username: string }
  | { status: "stopping"; reason: string };

export interface Health {
  readonly state: HealthState;
  set(state: HealthState): void;
  /** The HTTP answer: 200 when ready, else 503, with the state as JSON. */
  report(): { statusCode: number; body: HealthState };
}

export function createHealth(initial: HealthState = { status: "starting", reason: "loading content" }): Health {
  let state = initial;
  return {
    get state() {
      return state;
    },
    set(next) {
      state = next;
    },
    report() {
      return { statusCode: state.status === "ready" ? 200 : 503, body: state };
    },
  };
}
