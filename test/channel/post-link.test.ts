import { describe, expect, it } from "vitest";
import { parsePostLink, postLink } from "../../src/channel/post-link";

describe("links to channel posts", () => {
  it("are t.me/<username>/<id> for a public channel and t.me/c/<id>/<id> for a -100 id", () => {
    expect(postLink("@newsroom", 57)).toBe("https://t.me/newsroom/57");
    expect(postLink("-1001234567890", 57)).toBe("https://t.me/c/1234567890/57");
  });

  it("are read back only for the same channel", () => {
    expect(parsePostLink("@newsroom", "https://t.me/newsroom/57")).toBe(57);
    expect(parsePostLink("@newsroom", "t.me/Newsroom/57?single")).toBe(57);
    expect(parsePostLink("-1001234567890", "https://t.me/c/1234567890/57")).toBe(57);
    expect(parsePostLink("@newsroom", "https://t.me/otherroom/57")).toBeUndefined();
    expect(parsePostLink("-1001234567890", "https://t.me/c/999/57")).toBeUndefined();
    expect(parsePostLink("@newsroom", "the post is there")).toBeUndefined();
  });
});
