/**
 * The layers of `src/`, and the one rule about them: a module imports only from its own layer
 * or a layer below it. `npm run lint` checks it (`depcruise src`), and
 * `test/layers.test.ts` shows it failing on an upward import.
 *
 * A module belongs to the lowest layer whose paths match it (so `src/render/html.ts`, the one
 * formatting path, sits in `base` although its folder is `render`'s).
 *
 * Bottom to top. Within a layer, imports go either way (but never round in a circle).
 */
const layers = [
  // Feature-free: error descriptions, an update's type, the metrics, HTML escaping and limits. Import anything.
  { name: "base", paths: ["^src/base/", "^src/render/html\\.ts$"] },
  // The Redis connection and the "storage unavailable" error: drivers, no feature.
  { name: "storage", paths: ["^src/storage/"] },
  // The reader's locale and the message catalogs (a language store may sit on storage).
  { name: "i18n", paths: ["^src/i18n/"] },
  // The article schema, loading, provenance checks, the folder watcher.
  { name: "content", paths: ["^src/content/"] },
  // npm run import: a page or text to a checked draft.
  { name: "import", paths: ["^src/import/"] },
  { name: "search", paths: ["^src/search/"] },
  // Answers, posts and notices as HTML (the command list beside /help's renderer).
  { name: "render", paths: ["^src/render/"] },
  // Messages to the admins.
  { name: "notices", paths: ["^src/notices/"] },
  // The live articles and their search index.
  { name: "library", paths: ["^src/library/"] },
  { name: "questions", paths: ["^src/questions/"] },
  // Which answer a command, a deep link or a question gets.
  { name: "answering", paths: ["^src/answering/"] },
  // Feeds, drafts, approved articles.
  { name: "newsroom", paths: ["^src/newsroom/"] },
  // The channel: posts, ledger, lease, publisher, status.
  { name: "channel", paths: ["^src/channel/"] },
  // grammY: the bot, its context, one Composer per feature.
  { name: "bot", paths: ["^src/bot/"] },
  // Running the bot: polling, webhook, HTTP server, logs, signals.
  { name: "runtime", paths: ["^src/runtime/"] },
  // The wiring (SQLite or Redis, the configuration) and the entry points: npm start, npm run demo.
  { name: "app", paths: ["^src/app/", "^src/demo/", "^src/main\\.ts$", "^src/demo\\.ts$"] },
];

/** A rule per layer: nothing in it imports from a layer above. */
const layerRules = layers.slice(0, -1).map((layer, i) => ({
  name: `${layer.name}-imports-nothing-above`,
  comment: `${layer.name} is below ${layers.slice(i + 1).map((l) => l.name).join(", ")}: it must not import from them (see the layers in .dependency-cruiser.cjs)`,
  severity: "error",
  from: { path: layer.paths, pathNot: layers.slice(0, i).flatMap((l) => l.paths) },
  to: { path: layers.slice(i + 1).flatMap((l) => l.paths), pathNot: layers.slice(0, i + 1).flatMap((l) => l.paths) },
}));

const everyLayer = layers.flatMap((l) => l.paths);

module.exports = {
  forbidden: [
    ...layerRules,
    {
      name: "in-a-layer",
      comment: "every module under src/ belongs to a layer: add its folder to the layers in .dependency-cruiser.cjs",
      severity: "error",
      from: { path: "^src/", pathNot: everyLayer },
      to: {},
    },
    {
      name: "imports-a-layered-module",
      comment: "every module under src/ belongs to a layer: add its folder to the layers in .dependency-cruiser.cjs",
      severity: "error",
      from: { path: "^src/" },
      to: { path: "^src/", pathNot: everyLayer },
    },
    {
      name: "no-circular",
      comment: "modules that import each other, directly or round a circle, are one module in two files",
      severity: "error",
      from: { path: "^src/" },
      to: { circular: true },
    },
  ],
  options: {
    // Type-only imports count: a layer that needs another's types depends on it.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    doNotFollow: { path: "node_modules" },
    exclude: { path: "node_modules" },
  },
};
