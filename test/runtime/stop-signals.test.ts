import { EventEmitter } from "node:events";
import pino from "pino";
import { describe, expect, it } from "vitest";
import { onStopSignals, SAME_REQUEST_MS } from "../../src/runtime/stop-signals";

function setUp() {
  const target = new EventEmitter();
  const stops: string[] = [];
  const exits: number[] = [];
  let clock = 1_000_000;
  onStopSignals((signal) => stops.push(signal), pino({ level: "silent" }), { target, exit: (code) => exits.push(code), now: () => clock });
  return {
    stops,
    exits,
    signal: (name: NodeJS.Signals) => target.emit(name, name),
    later: (ms: number) => (clock += ms),
  };
}

describe("stop signals", () => {
  it("stops once on the first signal", () => {
    const { stops, exits, signal } = setUp();
    signal("SIGTERM");
    expect(stops).toEqual(["SIGTERM"]);
    expect(exits).toEqual([]);
  });

  it("takes signals right after the first as the same one, passed on by npm or tsx", () => {
    const { stops, exits, signal, later } = setUp();
    signal("SIGINT");
    later(30);
    signal("SIGINT");
    later(30);
    signal("SIGTERM");
    expect(stops).toEqual(["SIGINT"]);
    expect(exits).toEqual([]);
  });

  it("exits at once with 128 + the signal's number on a later second signal", () => {
    const { stops, exits, signal, later } = setUp();
    signal("SIGTERM");
    later(SAME_REQUEST_MS);
    signal("SIGINT");
    expect(stops).toEqual(["SIGTERM"]);
    expect(exits).toEqual([130]);
  });
});
