/** A field's place in an article's data: keys, and list positions counted from 0 as in the data. */
export type FieldPath = readonly (string | number)[];

/** One problem in one article file, with where it is when that is known. */
export interface FileProblem {
  /** Line and column in the file, both counted from 1. */
  line?: number;
  column?: number;
  /** The field as an editor reads it: `people[lebedev].role`, `statements[3].speaker`; unset for the whole file. */
  path?: string;
  message: string;
  /** A plain next step, for the traps an editor falls into (YAML's `: `, tabs, quotes). */
  hint?: string;
}

/** A problem of a content folder: a file's problem with the file's path, or the folder's own (no line). */
export interface ContentProblem extends FileProblem {
  /** The file's path as given (`content/baku.yaml`), or the folder's. */
  file: string;
}

/**
 * A problem as one line, `file:line:column: path: message`, and its hint on the
 * next line: what `npm start`, the admins' notices and `npm run check` all show.
 */
export function formatProblem(problem: ContentProblem): string {
  const place = problem.line === undefined ? problem.file : `${problem.file}:${problem.line}:${problem.column ?? 1}`;
  const field = problem.path === undefined ? "" : `${problem.path}: `;
  const hint = problem.hint === undefined ? "" : `\n  hint: ${problem.hint}`;
  return `${place}: ${field}${problem.message}${hint}`;
}

const slugId = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * A field path as an editor reads it: an item of a list is named by its `id`
 * when it has a well-formed one that no other item of the list shares
 * (`people[lebedev].role`), otherwise by its position counted from 1, as
 * paragraphs are (`statements[3].speaker`, `body[4]` is paragraph 4).
 * `data` is the file's data, to read the ids from; the whole file is `(file)`.
 */
export function formatFieldPath(path: FieldPath, data: unknown): string {
  let text = "";
  let node: unknown = data;
  for (const key of path) {
    if (typeof key === "number") {
      const list = Array.isArray(node) ? (node as unknown[]) : [];
      const id = idOf(list[key]);
      const unique = id !== undefined && list.filter((item) => idOf(item) === id).length === 1;
      text += unique ? `[${id}]` : `[${key + 1}]`;
      node = list[key];
    } else {
      text += text === "" ? key : `.${key}`;
      node = node !== null && typeof node === "object" ? (node as Record<string, unknown>)[key] : undefined;
    }
  }
  return text === "" ? "(file)" : text;
}

/** An item's id when it is a slug that cannot be read as a position (not all digits). */
function idOf(item: unknown): string | undefined {
  if (item === null || typeof item !== "object") return undefined;
  const id = (item as { id?: unknown }).id;
  return typeof id === "string" && slugId.test(id) && !/^\d+$/.test(id) ? id : undefined;
}

/** Edits (insert, delete, replace, swap two neighbours) between two strings. */
export function editDistance(a: string, b: string): number {
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    const row: number[] = [i];
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) {
        row.push(j);
        continue;
      }
      const above = rows[i - 1] ?? [];
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min((above[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (above[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, (rows[i - 2]?.[j - 2] ?? 0) + 1);
      row.push(best);
    }
    rows.push(row);
  }
  return rows[a.length]?.[b.length] ?? Math.max(a.length, b.length);
}

/**
 * The known name closest to `name`, when it is close enough to be a slip
 * (at most a third of its letters, and at least one, off); otherwise none.
 */
export function closestName(name: string, known: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  const limit = Math.max(1, Math.floor(name.length / 3));
  for (const candidate of known) {
    const distance = editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance && distance <= limit) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** `; did you mean "lebedev"?` when a known name is close to `name`, else nothing. */
export function didYouMean(name: string, known: Iterable<string>): string {
  const closest = closestName(name, known);
  return closest === undefined ? "" : `; did you mean "${closest}"?`;
}
