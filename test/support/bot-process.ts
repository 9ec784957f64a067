import { spawn } from "node:child_process";
import { createServer } from "node:net";

/** A token of the right shape; the stand-in accepts only it. */
export const e2eToken = "7000000001:AAE2eTestTokenSecretPart_abcdefghijklm";

/** Fails if the output shows the token in any form it could leak in: whole, its secret half, URL-encoded. */
export function expectNoToken(output: string, token = e2eToken): void {
  const secretHalf = token.slice(token.indexOf(":") + 1);
  for (const form of [token, secretHalf, encodeURIComponent(token)]) {
    if (output.includes(form)) throw new Error(`the token appears in the output:\n${output}`);
  }
}

export type LogLine = Record<string, unknown> & { msg?: string; level?: number };

/**
 * The bot as a separate process, started as `npm start` starts it
 * (`node --import tsx src/main.ts`; or any other `command`) in a process
 * group of its own, so a signal can go to the whole group as a terminal or
 * systemd sends it.
 */
export function startBot(env: Record<string, string>, command: readonly string[] = [process.execPath, "--import", "tsx", "src/main.ts"]) {
  const [file = "", ...args] = command;
  const child = spawn(file, args, {
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", LOG_FORMAT: "json", LOG_LEVEL: "debug", CONTENT_DIR: "test/fixtures/baku", ...env },
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  const listeners = new Set<() => void>();
  const changed = () => listeners.forEach((listener) => listener());
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    stdout += chunk;
    changed();
  });
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
    stderr += chunk;
    changed();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on("exit", (code, signal) => {
      changed();
      resolve({ code, signal });
    });
  });

  const logs = (): LogLine[] =>
    stdout
      .split("\n")
      .filter((line) => line.startsWith("{"))
      .map((line) => JSON.parse(line) as LogLine);

  return {
    /** Everything the process wrote, stdout then stderr. */
    output: () => `${stdout}\n${stderr}`,
    stderr: () => stderr,
    logs,
    exited,
    /** The first log line that matches; fails if the process exits first or after `timeoutMs`. */
    waitForLog(match: (line: LogLine) => boolean, what: string, timeoutMs = 20_000): Promise<LogLine> {
      return new Promise((resolve, reject) => {
        const check = () => {
          const line = logs().find(match);
          if (line) {
            listeners.delete(check);
            clearTimeout(timer);
            resolve(line);
          } else if (child.exitCode !== null || child.signalCode !== null) {
            listeners.delete(check);
            clearTimeout(timer);
            reject(new Error(`bot exited (${child.exitCode ?? child.signalCode}) before logging ${what}:\n${stdout}\n${stderr}`));
          }
        };
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(new Error(`gave up waiting for the bot to log ${what}:\n${stdout}\n${stderr}`));
        }, timeoutMs);
        listeners.add(check);
        check();
      });
    },
    /** Signals the whole process group. */
    signal(signal: NodeJS.Signals): void {
      if (child.pid !== undefined && child.exitCode === null) process.kill(-child.pid, signal);
    },
    /** Cleans up after a test: kills the group if it is still there. */
    async kill(): Promise<void> {
      if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) {
        try {
          process.kill(-child.pid, "SIGKILL");
        } catch {
          // Already gone.
        }
        await exited;
      }
    },
  };
}

export type BotProcess = ReturnType<typeof startBot>;

/** A TCP port free on 127.0.0.1 now (for a webhook URL that must name its port before the bot starts). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === "string") throw new Error("no port");
  return address.port;
}

/** GETs a path on the bot's HTTP server: status and body. */
export async function httpGet(port: number, path: string): Promise<{ status: number; body: string }> {
  const response = await fetch(`http://127.0.0.1:${port}${path}`);
  return { status: response.status, body: await response.text() };
}

/** A sample's value from Prometheus text, e.g. `metric(text, 'briefing_updates_total{type="message"}')`; 0 when absent. */
export function metric(text: string, sample: string): number {
  const line = text.split("\n").find((l) => l.startsWith(`${sample} `));
  return line ? Number(line.slice(sample.length + 1)) : 0;
}

/**
 * The bot's /metrics once `ready(text)` holds, asked again until it does: an
 * update is counted just after its last call, so a test that saw the call
 * may ask a moment before the count.
 */
export async function metricsWhen(port: number, ready: (text: string) => boolean, what: string, timeoutMs = 10_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { body } = await httpGet(port, "/metrics");
    if (ready(body)) return body;
    if (Date.now() > deadline) throw new Error(`gave up waiting for /metrics to show ${what}:\n${body}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
