import { createRequire } from "node:module";
import { cruise, type ICruiseResult, type IFlattenedRuleSet } from "dependency-cruiser";
import { describe, expect, it } from "vitest";

const rules = createRequire(import.meta.url)("../.dependency-cruiser.cjs") as { forbidden: IFlattenedRuleSet["forbidden"]; options: Record<string, unknown> };

/** Runs `npm run lint`'s dependency rules over `src/` under `baseDir`; resolves with each violation as "rule: from → to". */
async function violations(baseDir: string): Promise<string[]> {
  const { output } = await cruise(["src"], { ...rules.options, tsConfig: undefined, baseDir, validate: true, ruleSet: { forbidden: rules.forbidden } });
  const result = output as ICruiseResult;
  return result.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`).sort();
}

describe("the layers rule (.dependency-cruiser.cjs, run by npm run lint)", () => {
  it("fails on an upward import and on a folder in no layer, naming each", async () => {
    expect(await violations("test/fixtures/layers")).toEqual([
      "imports-a-layered-module: src/main.ts → src/stray/loose.ts",
      "in-a-layer: src/stray/loose.ts → src/base/escape.ts",
      "render-imports-nothing-above: src/render/render-greeting.ts → src/bot/greeting-command.ts",
    ]);
  });

  it("finds no violation in the bot's own src/", async () => {
    expect(await violations(".")).toEqual([]);
  });
});
