import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type YAMLError } from "yaml";
import { z } from "zod";
import { articleSchema } from "./article-schema";
import { didYouMean, formatFieldPath, type FieldPath, type FileProblem } from "./content-problem";

/**
 * Where the problems of an article file are, and the hints for YAML's traps.
 * Only files with problems come here: the `yaml` library's document keeps every
 * node's offset, which costs several times what the loader's fast path does.
 * JSON is read as YAML (it is YAML's flow style), so JSON files get places too.
 */

/** A line and column, counted from 1. */
interface Place {
  line: number;
  column: number;
}

/** The file's text with its YAML document: finds the place of a field. */
interface SourceMap {
  doc: Document.Parsed;
  placeOf(offset: number): Place;
  /** The text of line `line` (from 1). */
  lineText(line: number): string;
}

function createSourceMap(text: string): SourceMap {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const lines = text.split(/\r?\n/);
  return {
    doc,
    placeOf: (offset) => {
      const { line, col } = lineCounter.linePos(offset);
      return { line, column: col };
    },
    lineText: (line) => lines[line - 1] ?? "",
  };
}

/**
 * What is at `path`: the offset to point at, and the value node and its key when the field is
 * there. A field that is missing points at the mapping it is missing from.
 */
function findField(source: SourceMap, path: FieldPath) {
  let node: unknown = source.doc.contents;
  let key: unknown;
  let offset = rangeStart(node) ?? 0;
  for (const segment of path) {
    if (isAlias(node)) node = node.resolve(source.doc);
    if (isMap(node)) {
      const pair = node.items.find((item) => (isScalar(item.key) ? String(item.key.value) : String(item.key)) === String(segment));
      if (!pair) return { offset };
      key = pair.key;
      node = pair.value;
      // An empty value (`text:`) sits after its key: point at the key.
      offset = isScalar(node) && node.source === "" ? (rangeStart(key) ?? offset) : (rangeStart(node) ?? rangeStart(key) ?? offset);
    } else if (isSeq(node) && typeof segment === "number") {
      const item = node.items[segment];
      if (item === undefined) return { offset };
      key = undefined;
      node = item;
      offset = rangeStart(node) ?? offset;
    } else {
      return { offset };
    }
  }
  return { offset, node, key };
}

function rangeStart(node: unknown): number | undefined {
  const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
  return range?.[0];
}

/** `value` quoted for YAML, shortened when long: the fix a hint shows. */
function quoteValue(value: string, quote: '"' | "'" = '"'): string {
  const short = value.length > 80 ? `${value.slice(0, 77)}…` : value;
  const inner = quote === '"' ? short.replace(/\\/g, "\\\\").replace(/"/g, '\\"') : short.replace(/'/g, "''");
  return `${quote}${inner}${quote}`;
}

function quotedLine(key: string, value: string, quote: '"' | "'" = '"'): string {
  return `${key}: ${quoteValue(value, quote)}`;
}

/** A source line read as `key: value` (after a list dash, if any): the key and the rest of the line. */
function splitLine(line: string): { key: string; value: string } | undefined {
  const match = /^\s*(?:-\s+)?([^\s:#"'][^:#]*?|"[^"]*"|'[^']*'):(?:\s+(.*?))?\s*$/.exec(line);
  if (!match?.[1]) return undefined;
  return { key: match[1], value: match[2] ?? "" };
}

/** The hint for a `: ` inside an unquoted value on `line`. */
function colonHint(line: string): string {
  const dash = /^\s*-\s+/.exec(line);
  const field = splitLine(line);
  // A list item of prose (`- Chairman: Lebedev said` in body) is quoted whole.
  if (dash && (!field || isProse(field.key))) return `a value containing ": " must be quoted: - ${quoteValue(line.slice(dash[0].length).trim())}`;
  if (field) return `a value containing ": " must be quoted: ${quotedLine(field.key, field.value)}`;
  return 'a value containing ": " must be quoted: headline: "A: B"';
}

/** A key that is not a field name (has a space or a capital): a list item of prose read as a mapping. */
function isProse(key: string): boolean {
  return !/^[a-z][A-Za-z0-9]*$/.test(key);
}

/** A plain hint for a YAML syntax error, from its code and the line it is on. */
function syntaxHint(error: YAMLError, source: SourceMap, line: number): string | undefined {
  const text = source.lineText(line);
  const field = splitLine(text);
  const value = field?.value ?? "";
  // Two slips of the keyboard that the parser reports as something else.
  const noSpaceAfterDash = /^\s*-([^\s-].*)$/.exec(text);
  if (noSpaceAfterDash) return `a list item needs a space after its dash: - ${noSpaceAfterDash[1]}`;
  const noSpaceAfterColon = /^\s*(?:-\s+)?([A-Za-z][A-Za-z0-9]*):(\S.*)$/.exec(text);
  if (noSpaceAfterColon) return `a field needs a space after its colon: ${noSpaceAfterColon[1]}: ${noSpaceAfterColon[2]}`;
  switch (error.code) {
    case "BLOCK_AS_IMPLICIT_KEY":
      // Else a field below is indented deeper than its neighbours, so YAML reads it as part of this line's value.
      return /:\s.*:(\s|$)/.test(text) ? colonHint(text) : "the fields of one item start at the same column: check the indentation of the lines below this one";
    case "TAB_AS_INDENT":
      return "YAML indents with spaces, never tabs: replace the tab at the start of this line with spaces";
    case "BAD_SCALAR_START":
      return field ? `a value starting with "${value[0] ?? ""}" must be quoted: ${quotedLine(field.key, value)}` : undefined;
    case "DUPLICATE_KEY":
      return field ? `"${field.key}" is written twice in the same item: keep one` : undefined;
    case "MISSING_CHAR":
      if (/closing .?quote/i.test(error.message)) {
        return `a quoted value must end with the quote it starts with; inside "…" write \\" for a quote, inside '…' write ''`;
      }
      return indentHint;
    case "BAD_INDENT":
    case "MULTILINE_IMPLICIT_KEY":
      return indentHint;
    case "UNEXPECTED_TOKEN":
      if (!field) return undefined;
      if (/^(["']).*\1$/.test(value)) return quoteInsideHint(field.key, value);
      if (value.startsWith('"')) return `a value that starts with a quote must end with it; to keep the quotes, quote the whole value with the other kind: ${quotedLine(field.key, value, "'")}`;
      if (value.startsWith("'")) return `a value that starts with a quote must end with it; to keep the quotes, quote the whole value with the other kind: ${quotedLine(field.key, value)}`;
      if (value.startsWith("[") || value.startsWith("{")) return `a value starting with "${value[0]}" is read as a ${value[0] === "[" ? "list" : "mapping"}; quote the whole value: ${quotedLine(field.key, value)}`;
      if (value.startsWith("*") || value.startsWith("&") || value.startsWith("!")) return `a value starting with "${value[0]}" must be quoted: ${quotedLine(field.key, value)}`;
      return undefined;
    default:
      return undefined;
  }
}

/** Errors after which the parser misreads the rest of the file. */
const structural = new Set(["TAB_AS_INDENT", "BAD_INDENT", "MULTILINE_IMPLICIT_KEY", "MISSING_CHAR"]);

/** A value quoted whole with the same quote inside it (`'Azerbaijan's land'`): escape it, or quote with the other kind. */
function quoteInsideHint(key: string, value: string): string {
  const inner = value.slice(1, -1);
  return value.startsWith("'")
    ? `inside '…' an apostrophe is written '', or quote with the other kind: ${quotedLine(key, inner)}`
    : `inside "…" a quote is written \\", or quote with the other kind: ${quotedLine(key, inner, "'")}`;
}

const indentHint = "the fields of one item start at the same column, indented with spaces: compare this line with the one above";

/** The yaml library's message without its own " at line 2, column 11:" and code excerpt: the place is given apart. */
function plainMessage(message: string): string {
  return (message.split("\n")[0] ?? "").replace(/ at line \d+, column \d+:?$/, "").replace(/:$/, "");
}

/**
 * Reads a YAML file that the fast path refused, or that has anchors: the
 * `yaml` library's verdict, with every syntax error placed and hinted. A tag
 * it does not know (`!!js/function`) is refused, since an article is data.
 */
export function readYamlStrictly(text: string): { data?: unknown; problems: FileProblem[] } {
  const source = createSourceMap(text);
  const problems: FileProblem[] = [];
  const seenLines = new Set<number>();
  for (const error of source.doc.errors) {
    const { line, column } = source.placeOf(openingQuote(source, error) ?? error.pos[0]);
    // One mistake often trips several errors on the same line: the first says it best.
    if (seenLines.has(line)) continue;
    seenLines.add(line);
    const hint = syntaxHint(error, source, line);
    problems.push({ line, column, message: `cannot be parsed: ${plainMessage(error.message)}`, ...(hint === undefined ? {} : { hint }) });
    // After a broken indentation or an unclosed quote the lines below are misread: what follows is noise.
    if (structural.has(error.code)) break;
  }
  for (const warning of source.doc.warnings) {
    const { line, column } = source.placeOf(warning.pos[0]);
    problems.push({ line, column, message: `cannot be parsed: ${plainMessage(warning.message)}: an article file holds plain data only` });
  }
  if (problems.length > 0) return { problems };
  try {
    return { data: source.doc.toJS(), problems };
  } catch (error) {
    // An alias whose anchor does not exist (`text: *Important* thing`), or too many aliases.
    return { problems: [aliasProblem(source, error)] };
  }
}

/** For a quote never closed, where it was opened: the parser notices only at the end of the file. */
function openingQuote(source: SourceMap, error: YAMLError): number | undefined {
  if (error.code !== "MISSING_CHAR" || !/quote/i.test(error.message)) return undefined;
  let start: number | undefined;
  visit(source.doc, {
    Scalar: (_, node) => {
      const range = node.range;
      if ((node.type === "QUOTE_DOUBLE" || node.type === "QUOTE_SINGLE") && range && range[0] <= error.pos[0] && error.pos[0] <= range[2]) start = range[0];
    },
  });
  return start;
}

function aliasProblem(source: SourceMap, error: unknown): FileProblem {
  const message = `cannot be parsed: ${error instanceof Error ? plainMessage(error.message) : String(error)}`;
  let found: FileProblem | undefined;
  visit(source.doc, {
    Alias: (_, node) => {
      if (found || node.resolve(source.doc) !== undefined) return;
      const { line, column } = source.placeOf(rangeStart(node) ?? 0);
      const field = splitLine(source.lineText(line));
      const hint = field ? `a value starting with "*" names an anchor; quote the whole value: ${quotedLine(field.key, field.value)}` : undefined;
      found = { line, column, message, ...(hint === undefined ? {} : { hint }) };
    },
  });
  return found ?? { line: 1, column: 1, message };
}

/**
 * Where V8's JSON.parse stopped: its message gives the offset ("at position 17"),
 * or, for an unexpected token, the source around it ("..."ody": [1, ]}"..."),
 * whose 11th character is the token when the excerpt is cut on the left.
 */
function jsonErrorOffset(text: string, message: string): number | undefined {
  const at = /at position (\d+)/.exec(message)?.[1];
  if (at !== undefined) return Number(at);
  if (message.startsWith("Unexpected end of JSON input")) return text.trimEnd().length;
  const excerpt = /^Unexpected token [\s\S]*?, \.\.\."([\s\S]*?)"(?:\.\.\.)? is not valid JSON$/.exec(message)?.[1];
  if (excerpt === undefined) return undefined;
  const index = text.indexOf(excerpt);
  return index >= 0 && text.indexOf(excerpt, index + 1) < 0 ? index + 10 : undefined;
}

/** A JSON file's syntax error, placed where the parser stopped, when that can be told. */
export function jsonSyntaxProblem(text: string, error: unknown): FileProblem {
  const message = error instanceof Error ? error.message : String(error);
  const offset = jsonErrorOffset(text, message);
  // The excerpt and offset in V8's message are given apart, as line and column.
  const plain = `cannot be parsed: ${message
    .replace(/ in JSON at position \d+[\s\S]*$/, "")
    .replace(/, (?:\.\.\.)?"[\s\S]*"(?:\.\.\.)? is not valid JSON$/, "")
    .replace(/\n/g, "\\n")}`;
  if (offset === undefined) return { message: plain };
  return { ...createSourceMap(text).placeOf(offset), message: plain };
}

/** The schema at `path` (defaults, optionals and refinements looked through), to name the fields it knows. */
function schemaAt(path: FieldPath): z.ZodType | undefined {
  let schema: z.ZodType | undefined = articleSchema;
  for (const segment of [...path, undefined]) {
    while (schema instanceof z.ZodDefault || schema instanceof z.ZodOptional) schema = schema.unwrap() as z.ZodType;
    if (segment === undefined) break;
    if (schema instanceof z.ZodObject && typeof segment === "string") schema = (schema.shape as Record<string, z.ZodType>)[segment];
    else if (schema instanceof z.ZodArray && typeof segment === "number") schema = schema.element as z.ZodType;
    // A record (translations by language, people by id): every key holds the same schema.
    else if (schema instanceof z.ZodRecord && typeof segment === "string") schema = schema.valueType as z.ZodType;
    else return undefined;
  }
  return schema;
}

function knownFields(path: FieldPath): string[] {
  const schema = schemaAt(path);
  return schema instanceof z.ZodObject ? Object.keys(schema.shape as object) : [];
}

/**
 * The schema's issues as an editor reads them, each placed in the file, with a
 * hint where YAML's reading of plain text is the cause (`hints`: YAML files only).
 */
export function describeSchemaIssues(issues: readonly z.core.$ZodIssue[], data: unknown, text: string, hints: boolean): FileProblem[] {
  const source = createSourceMap(text);
  return issues.flatMap((issue): FileProblem[] => {
    const path = issue.path.filter((key): key is string | number => typeof key !== "symbol");
    if (issue.code === "unrecognized_keys") {
      return issue.keys.map((key) => {
        const field = findField(source, [...path, key]);
        return {
          ...source.placeOf(rangeStart(field.key) ?? field.offset),
          path: formatFieldPath([...path, key], data),
          message: `is not a field here${didYouMean(key, knownFields(path))}`,
        };
      });
    }
    const field = findField(source, path);
    const place = source.placeOf(field.offset);
    const problem: FileProblem = { ...place, path: formatFieldPath(path, data), message: issue.message };
    if (issue.code !== "invalid_type") return [problem];
    if (issue.input === undefined) return [{ ...problem, message: "is required" }];
    if (path.length === 0 && issue.input === null) return [{ ...place, message: "the file is empty" }];
    if (issue.input === null) problem.message = "has no value";
    const hint = hints ? typeHint(issue, field.node, source, place.line) : undefined;
    return [hint === undefined ? problem : { ...problem, hint }];
  });
}

/** Why a field holds the wrong kind of value, when YAML's reading of plain text is the cause. */
function typeHint(issue: z.core.$ZodIssue & { expected?: string }, node: unknown, source: SourceMap, line: number): string | undefined {
  if (issue.expected !== "string") return undefined;
  const text = source.lineText(line);
  const field = splitLine(text);
  if (isMap(node) && node.items.length === 1 && !node.flow) return colonHint(text);
  if (isScalar(node) && node.value === null && typeof node.comment === "string" && field) {
    return `" #" starts a comment, so this value is empty; quote a value that starts with #: ${quotedLine(field.key, `#${node.comment.trimStart()}`)}`;
  }
  if (isScalar(node) && node.value === null && field) return `write the text after "${field.key}:", or quote it if it is ~ or null`;
  if (isScalar(node) && (typeof node.value === "number" || typeof node.value === "boolean") && field) {
    return `YAML reads ${field.value} as a ${typeof node.value}; quote it to keep it as text: ${quotedLine(field.key, field.value)}`;
  }
  if ((isSeq(node) || isMap(node)) && node.flow && field) {
    return `a value starting with "${field.value[0] ?? ""}" is read as a ${isSeq(node) ? "list" : "mapping"}; quote the whole value: ${quotedLine(field.key, field.value)}`;
  }
  return undefined;
}

/** The loader's own checks (provenance, references) placed in the file. */
export function placeFieldProblems(problems: readonly { path: FieldPath; message: string }[], data: unknown, text: string): FileProblem[] {
  const source = createSourceMap(text);
  return problems.map((problem) => {
    const field = findField(source, problem.path);
    return { ...source.placeOf(field.offset), path: formatFieldPath(problem.path, data), message: problem.message };
  });
}
