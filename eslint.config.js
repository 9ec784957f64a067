import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["node_modules", "data", "coverage", "bench/results"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  // The dependency rules (.dependency-cruiser.cjs) are CommonJS, as dependency-cruiser loads them.
  { files: ["**/*.cjs"], languageOptions: { sourceType: "commonjs", globals: { module: "writable", require: "readonly" } } },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
    },
  },
);
