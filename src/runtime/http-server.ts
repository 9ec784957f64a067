import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Logger } from "pino";
import type { Registry } from "prom-client";
import type { Health } from "./health";
import { describeError } from "../base/describe-error";

export interface HttpServerOptions {
  host: string;
  /** 0 picks a free port; the one chosen is logged and returned. */
  port: number;
  health: Health;
  registry: Registry;
  logger: Logger;
  /** The webhook: its path and, once the bot is ready for updates, its handler (until then: 503, and Telegram retries). */
  webhook?: { path: string; handler: () => ((req: IncomingMessage, res: ServerResponse) => void) | undefined };
}

export interface HttpServer {
  port: number;
  /** Stops listening and drops idle connections (call once nothing is in flight). */
  close(): Promise<void>;
}

export function sendJson(res: ServerResponse, statusCode: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(statusCode, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

/**
 * The bot's HTTP server (node:http): `GET /healthz`, `GET /metrics` and, in
 * webhook mode, `POST` on the webhook's path. Anything else is 404.
 */
export async function startHttpServer(options: HttpServerOptions): Promise<HttpServer> {
  const { health, registry, logger, webhook } = options;
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://localhost").pathname;
    if (path === "/healthz" && req.method === "GET") {
      const { statusCode, body } = health.report();
      sendJson(res, statusCode, body);
      return;
    }
    if (path === "/metrics" && req.method === "GET") {
      registry.metrics().then(
        (text) => {
          res.writeHead(200, { "content-type": registry.contentType });
          res.end(text);
        },
        (error: unknown) => {
          logger.error({ error: describeError(error) }, "cannot collect metrics");
          sendJson(res, 500, { error: "cannot collect metrics" });
        },
      );
      return;
    }
    if (webhook && path === webhook.path) {
      if (req.method !== "POST") {
        res.writeHead(405, { allow: "POST" }).end();
        return;
      }
      const handle = webhook.handler();
      if (handle) handle(req, res);
      else sendJson(res, 503, { error: "starting" });
      return;
    }
    sendJson(res, 404, { error: "not found" });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  server.on("error", (error) => logger.error({ error: describeError(error) }, "HTTP server error"));
  const { port } = server.address() as AddressInfo;
  logger.info({ host: options.host, port }, `listening on http://${options.host}:${port}`);
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
