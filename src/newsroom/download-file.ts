import type { Api } from "grammy";
import { DOCUMENT_LIMIT_BYTES } from "./check-document";
import { fetchLimited } from "./fetch-limited";

/** A document's bytes from the Bot API: `getFile`, then the file at `<apiRoot>/file/bot<token>/<file_path>`, at most 1 MB. */
export async function downloadFile(api: Api, apiRoot: string, token: string, fileId: string): Promise<Uint8Array> {
  const file = await api.getFile(fileId);
  if (!file.file_path) throw new Error("the Bot API gave no file_path for the document");
  const fetched = await fetchLimited(`${apiRoot}/file/bot${token}/${file.file_path}`, { maxBytes: DOCUMENT_LIMIT_BYTES, timeoutMs: 30_000 });
  if (fetched.status !== "ok") throw new Error(`cannot download the document: ${fetched.status === "failed" ? fetched.reason : "not modified"}`);
  return fetched.bytes;
}
