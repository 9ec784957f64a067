import { describe, expect, it } from "vitest";
import { createShutdown } from "../../src/app/shutdown";
import { captureLogs } from "../support/runtime-bot";

describe("the shutdown list", () => {
  it("stops what opened last first, each step awaited before the next", async () => {
    const { logger } = captureLogs();
    const shutdown = createShutdown(logger);
    const stopped: string[] = [];
    shutdown.add("http server", () => stopped.push("http server"));
    shutdown.add("shared state", async () => {
      await new Promise((resolve) => setImmediate(resolve));
      stopped.push("shared state");
    });
    shutdown.add("updates", () => stopped.push("updates"));
    expect(shutdown.stopping).toBe(false);
    expect(await shutdown.run(0)).toBe(0);
    expect(stopped).toEqual(["updates", "shared state", "http server"]);
    expect(shutdown.stopping).toBe(true);
  });

  it("logs a step that fails, still stops the rest, and exits 1", async () => {
    const { logger, parsed } = captureLogs();
    const shutdown = createShutdown(logger);
    const stopped: string[] = [];
    shutdown.add("shared state", () => stopped.push("shared state"));
    shutdown.add("channel", () => {
      throw new Error("ledger is locked");
    });
    shutdown.add("content watcher", () => stopped.push("content watcher"));
    expect(await shutdown.run(0)).toBe(1);
    expect(stopped).toEqual(["content watcher", "shared state"]);
    const failures = parsed().filter((line) => line.level === 50);
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({ msg: "could not stop channel", step: "channel", error: { kind: "internal", message: "ledger is locked" } });
  });

  it("runs once: a second call while stopping stops nothing again", async () => {
    const { logger } = captureLogs();
    const shutdown = createShutdown(logger);
    let stops = 0;
    shutdown.add("newsroom", () => void stops++);
    const [first, second] = await Promise.all([shutdown.run(1), shutdown.run(0)]);
    expect([first, second]).toEqual([1, undefined]);
    expect(stops).toBe(1);
  });
});
