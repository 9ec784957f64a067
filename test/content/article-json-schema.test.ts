import { readdir, readFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  articleJsonSchemaPath,
  createArticleJsonSchema,
  formatArticleJsonSchema,
} from "../../src/content/article-json-schema";

const root = join(dirname(fileURLToPath(import.meta.url)), "../..");

/** The parts of a JSON Schema object that these tests look at. */
interface ObjectSchema {
  required?: string[];
  properties: Record<string, { items?: ObjectSchema } & ObjectSchema>;
  additionalProperties?: boolean;
}

describe("schema/article.schema.json", () => {
  it("is what `npm run schema` writes now (run it after changing the article schema)", async () => {
    const committed = await readFile(join(root, articleJsonSchemaPath), "utf8");
    expect(committed).toBe(formatArticleJsonSchema());
  });

  it("requires what an editor must fill in, and not what has a default", () => {
    const schema = createArticleJsonSchema() as unknown as ObjectSchema;
    const items = (field: string) => schema.properties[field]?.items;

    expect(schema.required).toEqual(["id", "headline", "outlet", "url", "date", "place", "event", "body"]);
    expect(items("people")?.required).toEqual(["id", "name", "role"]);
    expect(items("statements")?.required).toEqual(["speaker", "kind", "text", "paragraph"]);
    expect(items("agenda")?.required).toEqual(["text", "paragraph"]);
    expect(schema.properties.attendance?.properties.attended?.items?.required).toEqual(["person", "paragraph"]);
  });

  it("names itself, rejects unknown fields and asks a person for a country or an organisation", () => {
    const schema = createArticleJsonSchema();
    expect(schema).toMatchObject({
      $schema: "https://json-schema.org/draft/2020-12/schema",
      $id: "urn:briefing:schema:article",
      title: "Briefing article",
      additionalProperties: false,
    });
    expect((schema as unknown as ObjectSchema).properties.people?.items).toMatchObject({
      anyOf: [{ required: ["country"] }, { required: ["organisation"] }],
    });
  });

  it("is the schema the model article file points its editor at", async () => {
    const contentDir = join(root, "test/fixtures/baku");
    const files = (await readdir(contentDir)).filter((name) => /\.ya?ml$/.test(name));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const firstLine = (await readFile(join(contentDir, file), "utf8")).split("\n")[0] ?? "";
      const target = /^# yaml-language-server: \$schema=(.+)$/.exec(firstLine)?.[1];
      expect(target, `${file} first line`).toBeDefined();
      expect(resolve(contentDir, target ?? ""), file).toBe(join(root, articleJsonSchemaPath));
    }
  });
});
