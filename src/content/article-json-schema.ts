import { z } from "zod";
import { articleSchema, personSchema } from "./article-schema";

/** Where `npm run schema` writes the JSON Schema, relative to the repository root. */
export const articleJsonSchemaPath = "schema/article.schema.json";

/**
 * The article schema as JSON Schema (draft 2020-12), for editors: files in
 * `content/` point at it on their first line, so an editor with the YAML
 * language server completes and checks fields while they are typed.
 *
 * It describes what an editor writes (zod's input side), so fields with a
 * default are optional. It cannot say what the loader's provenance checks say
 * (excerpts verbatim, references that resolve); `loadContent` remains the judge.
 */
export function createArticleJsonSchema(): Record<string, unknown> {
  const { $schema, ...schema } = z.toJSONSchema(articleSchema, {
    io: "input",
    override: ({ zodSchema, jsonSchema }) => {
      // The refinement "needs a country or an organisation" has no JSON Schema of its own.
      if (zodSchema === personSchema) {
        jsonSchema.anyOf = [{ required: ["country"] }, { required: ["organisation"] }];
      }
    },
  });
  return {
    $schema,
    $id: "urn:briefing:schema:article",
    title: "Briefing article",
    description:
      "One news article in content/, as the Briefing bot reads it. Every excerpt must appear verbatim in the paragraph it names; the loader checks that, JSON Schema cannot.",
    ...schema,
  };
}

/** The JSON Schema as the committed file holds it: two-space JSON and a final newline. */
export function formatArticleJsonSchema(): string {
  return `${JSON.stringify(createArticleJsonSchema(), null, 2)}\n`;
}
