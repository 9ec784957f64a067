/**
 * A load balancer in front of several bot instances, as nginx or a cloud
 * balancer would be: the webhook URL Telegram knows is this one, and each
 * request goes to the next instance in turn (or where a test sends it). An
 * instance that refuses the connection (dead) is skipped for the next
 * (`proxy_next_upstream error`); with none left, Telegram gets 502 and
 * delivers again later.
 */
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";

export interface LoadBalancer {
  url: string;
  port: number;
  /** Every request forwarded: the update, the instance (index) that answered, and its status. */
  readonly forwarded: Array<{ update_id: number; backend: number; status: number }>;
  /** Sends this update (each delivery of it) to this instance rather than the next in turn. */
  route(updateId: number, backend: number): void;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/** `backends`: the instances' ports, in a fixed order (index 0, 1...). */
export async function startLoadBalancer(backends: readonly number[]): Promise<LoadBalancer> {
  const forwarded: LoadBalancer["forwarded"] = [];
  const routes = new Map<number, number>();
  let turn = 0;
  const server = createServer((req, res) => {
    void (async () => {
      const body = await readBody(req);
      let updateId = -1;
      try {
        updateId = Number((JSON.parse(body.toString("utf8")) as { update_id?: unknown }).update_id);
      } catch {
        // Not an update: forwarded all the same.
      }
      const first = routes.get(updateId) ?? turn++ % backends.length;
      for (let i = 0; i < backends.length; i += 1) {
        const backend = (first + i) % backends.length;
        try {
          const headers: Record<string, string> = {};
          for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string" && name !== "host" && name !== "content-length") headers[name] = value;
          const answer = await fetch(`http://127.0.0.1:${backends[backend]}${req.url ?? "/"}`, { method: req.method, headers, body });
          const text = Buffer.from(await answer.arrayBuffer());
          forwarded.push({ update_id: updateId, backend, status: answer.status });
          res.writeHead(answer.status, { "content-type": answer.headers.get("content-type") ?? "application/json" }).end(text);
          return;
        } catch {
          // Connection refused or reset: that instance is down; the next one.
        }
      }
      res.writeHead(502).end();
    })().catch(() => {
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    forwarded,
    route(updateId, backend) {
      routes.set(updateId, backend);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
