/**
 * fast-check arbitraries for what Telegram (or anyone who can reach a
 * webhook) may send the bot: every update type it handles and several it
 * does not, from readers, admins and bots, with hostile text.
 */
import fc from "fast-check";
import type { Update, User } from "grammy/types";

export const admins = [
  { id: 7001, is_bot: false, first_name: "Editor" },
  { id: 7002, is_bot: false, first_name: "Night editor" },
] as const satisfies readonly User[];

/** A few regular readers, so some of them send enough to meet the spam limits. */
const regulars: User[] = [
  { id: 42, is_bot: false, first_name: "Reader", username: "reader", language_code: "en" },
  { id: 43, is_bot: false, first_name: "قارئ", language_code: "ar" },
  { id: 44, is_bot: false, first_name: "<b>Bold</b> &amp; Co", username: "bold_co" },
];

/**
 * The fuzzed content's article ids: the real one, its copies, one whose every
 * text looks like markup, and the ids of articles the editors add later (a
 * /publish about one not yet added finds it missing).
 */
export const articleIds = [
  "cis-defense-ministers-baku-2019", "story-001", "story-002", "story-003", "hostile-markup",
  ...Array.from({ length: 40 }, (_, i) => `later-${String(i + 1).padStart(2, "0")}`),
];
/** Stand for an article the channel has not posted yet, and one it has, chosen when the step runs (the content changes as the fuzzing goes). */
export const UNPOSTED = "{unposted}";
export const POSTED = "{posted}";

const personIds = ["shoigu", "lebedev", "ravkov", "sherali", "lovelace", "printer"];

/** Marks a piece of user text: if the bot ever shows it, `<b>` and `&amp;` must be shown as typed. */
export const markerPattern = /FZ\d+Q/g;
export const ampMarkerPattern = /FY\d+Q/g;

const markup = [
  "<b>", "</b>", "<i>x</i>", "&amp;", "&lt;", "&gt;", "&", "<", ">", '"', "'", "<script>alert(1)</script>", '<a href="javascript:alert(1)">x</a>',
  "&#x1F600;", "&#0;", "&nbsp;", "<tg-spoiler>", "</blockquote>", "<pre><code>", "<br/>", "<!-- -->", "${process.env.BOT_TOKEN}", "`", "\\", "%s%n", "{{x}}", "]]>",
];
const invisible = [
  "\u200B", "\u200C", "\u200D", "\u2060", "\uFEFF", "\u200E", "\u200F", "\u202A", "\u202B", "\u202C", "\u202D", "\u202E", "\u2066", "\u2067", "\u2068",
  "\u2069", "\u0000", "\u0007", "\r", "\n", "\t", "\u2028", "\u2029", "\u00AD", "\u034F", "\u061C",
];
const emoji = ["👩‍👩‍👧‍👦", "🏳️‍🌈", "🇦🇿", "👍🏽", "❤️", "🧑🏿‍🚀", "e\u0301\u0301\u0301", "Z̴̡̛̩̪̯̲̤͖̦͕͌͆ͬ̿̈̀̓̈́͞", "𝕳𝖊𝖑𝖑𝖔", "ﷺ", "𓀀", "🂡", "\u{E0067}\u{E0062}", "\u{10FFFD}"];
const rtl = ["مرحبا بالعالم", "שלום עולם", "\u202Egnp.exe", "اجتماع وزراء الدفاع", "Шойгу", "沙伊古"];
const words = [
  "who attended?", "what did Lebedev say?", "Shoigu", "Sergey Shoygu", "agenda", "lebedev", "Baku", "Levedev", "summary", "source", "quotes", "minister",
  "Armenia", "CIS", "who is Ravkov", "Markup", "Ada", "Jo &amp; Co", "NATO", "what happened", "tell me about the news",
];
/** What admins type when /publish asks for a time or a link, and junk in their place. */
const adminAnswers = [
  "18:00", "in 2h", "tomorrow 09:30", "2025-01-31 18:00", "2099-12-31 23:59", "25:61", "in -3h", "yesterday", "now", "https://t.me/newsroom/57",
  "https://t.me/newsroom/0", "https://t.me/c/123/4", "t.me/newsroom/99999999999999999999", "https://t.me/other/5", "javascript:alert(1)",
];

const piece = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...words) },
  { weight: 3, arbitrary: fc.constantFrom(...markup) },
  { weight: 2, arbitrary: fc.constantFrom(...invisible) },
  { weight: 2, arbitrary: fc.constantFrom(...emoji) },
  { weight: 2, arbitrary: fc.constantFrom(...rtl) },
  { weight: 1, arbitrary: fc.constantFrom(...adminAnswers) },
  { weight: 2, arbitrary: fc.nat({ max: 999_999 }).map((n) => `<b>FZ${n}Q</b>`) },
  { weight: 1, arbitrary: fc.nat({ max: 999_999 }).map((n) => `&amp;FY${n}Q`) },
  // Any code point of any plane.
  { weight: 3, arbitrary: fc.string({ unit: "binary", maxLength: 24 }) },
  { weight: 2, arbitrary: fc.string({ unit: "grapheme", maxLength: 12 }) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom("a", "Shoigu ", "<b>", "&", "👩‍👩‍👧‍👦", "\u202E", "ж"), fc.integer({ min: 200, max: 2600 })).map(([s, n]) => s.repeat(n)) },
);

/** Text a hostile or careless user sends: words the bot knows mixed with markup, invisible marks, emoji, any unicode, sometimes thousands of characters. */
export const hostileText = fc.array(piece, { minLength: 1, maxLength: 10 }).chain((pieces) =>
  fc.constantFrom(" ", "", "\n").map((glue) => pieces.join(glue).slice(0, 6000)),
);

const commandNames = [
  "start", "help", "summary", "attendees", "agenda", "topics", "quotes", "who", "source", "articles", "publish", "status", "unknown", "START", "Help",
  "settings", "cancel", "a".repeat(40), "start_attendees",
];
const addressees = ["", "", "", "@briefingbot", "@BriefingBot", "@other_bot", "@briefingbot_", "@", "@briefingbotx"];
const deepLinks = [
  "attendees", "attendees_cis-defense-ministers-baku-2019", "summary_hostile-markup", "quotes_story-002", "agenda_nope", "source_", "AttEndees",
  `attendees_${"a".repeat(70)}`, "../../etc/passwd", "%00", "summary_cis-defense-ministers-baku-2019_x",
];
const commandArgument = fc.oneof(
  { weight: 3, arbitrary: fc.constant("") },
  { weight: 3, arbitrary: hostileText },
  { weight: 2, arbitrary: fc.constantFrom(...deepLinks) },
  { weight: 1, arbitrary: fc.constantFrom(...adminAnswers) },
);

/** `/command[@bot] [argument]`, with junk where a command has none. */
export const commandText = fc
  .tuple(fc.constantFrom(...commandNames), fc.constantFrom(...addressees), commandArgument, fc.constantFrom(" ", "  ", "\n", "\u00A0"))
  .map(([name, to, argument, gap]) => ({ text: `/${name}${to}${argument === "" ? "" : gap + argument}`, commandLength: 1 + name.length + to.length }));

const randomUser = fc.record({
  id: fc.integer({ min: 1, max: 2 ** 40 }),
  is_bot: fc.constant(false),
  first_name: fc.oneof(fc.constant("Someone"), hostileText.map((t) => t.slice(0, 64) || "x")),
  language_code: fc.option(fc.constantFrom("en", "ru", "ar", "he", "zz"), { nil: undefined }),
});
const botUser = fc.constant<User>({ id: 999_000_111, is_bot: true, first_name: "Other bot", username: "other_bot" });

export const fuzzUser: fc.Arbitrary<User> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom<User>(...admins) },
  { weight: 4, arbitrary: fc.constantFrom(...regulars) },
  { weight: 4, arbitrary: randomUser },
  { weight: 1, arbitrary: botUser },
);

type Chat = Update["message"] extends infer M ? (M extends { chat: infer C } ? C : never) : never;

const groupChat = fc.constantFrom<Chat>(
  { id: -4000000001, type: "group", title: "Desk" },
  { id: -1001000000001, type: "supergroup", title: "<b>Newsroom</b> & co", username: "newsroom_chat" },
);
const channelChat = { id: -1002000000001, type: "channel", title: "Briefing News", username: "briefing_news" } as const;
const privateChatOf = (user: User): Chat => ({ id: user.id, type: "private", first_name: user.first_name });

/** Where a user's message lands: their private chat mostly, a group, or (forged) someone else's private chat. */
const chatFor = (user: User) =>
  fc.oneof(
    { weight: 6, arbitrary: fc.constant(privateChatOf(user)) },
    { weight: 3, arbitrary: groupChat },
    { weight: 1, arbitrary: fc.constantFrom(...admins, ...regulars).map(privateChatOf) },
  );

/** Fields Telegram may add one day, or a forger adds now: the bot must ignore them. */
const unknownFields = fc.option(fc.dictionary(fc.constantFrom("future_field", "x_extra", "__proto__x", "constructor_"), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 2 }), {
  nil: undefined,
  freq: 8,
});

const junkEntities = fc.array(
  fc.record({
    type: fc.constantFrom("bot_command", "bold", "mention", "url", "text_link", "pre", "custom_emoji"),
    offset: fc.integer({ min: -5, max: 7000 }),
    length: fc.integer({ min: -5, max: 7000 }),
  }),
  { maxLength: 3 },
);

/** A text message: a command (with Telegram's bot_command entity) or free text, sometimes with entities that make no sense. */
const textContent = fc.oneof(
  { weight: 5, arbitrary: commandText.map(({ text, commandLength }) => ({ text, entities: [{ type: "bot_command", offset: 0, length: commandLength }] as unknown[] })) },
  { weight: 5, arbitrary: hostileText.map((text) => ({ text, entities: undefined as unknown[] | undefined })) },
  { weight: 1, arbitrary: fc.tuple(hostileText, junkEntities).map(([text, entities]) => ({ text, entities: entities as unknown[] })) },
);

/** The documents the fuzzed bot can download (see `fuzzDocuments` in fuzz-the-bot.ts), and ids it cannot. */
export const DOCUMENT_IDS = ["doc:article", "doc:broken", "doc:not-article", "doc:binary", "doc:empty", "doc:gone"] as const;

/** A document: an article file, a broken one, junk, or one that claims to be huge; named as editors (and attackers) name files. */
const documentContent = fc
  .tuple(
    fc.constantFrom(...DOCUMENT_IDS),
    fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom("article.yaml", "edited.yml", "story.json", "cis-defense-ministers-baku-2019.yaml", "notes.pdf", "noext", ".yaml", "../../etc/passwd.yaml", "a\u0000.yaml") },
      { weight: 1, arbitrary: hostileText.map((name) => `${name.slice(0, 60)}.yaml`) },
    ),
    fc.oneof({ weight: 4, arbitrary: fc.nat({ max: 60_000 }) }, { weight: 1, arbitrary: fc.integer({ min: 1_048_577, max: 50_000_000 }) }, { weight: 1, arbitrary: fc.constant(undefined) }),
    fc.option(hostileText.map((caption) => caption.slice(0, 1024)), { nil: undefined }),
  )
  .map(([fileId, name, size, caption]) => ({
    document: { file_id: fileId, file_unique_id: fileId, file_name: name, mime_type: "application/x-yaml", ...(size !== undefined ? { file_size: size } : {}) },
    ...(caption !== undefined ? { caption } : {}),
  }));

/** Links an editor may send to be drafted: none reach the internet (a closed port, a bad URL, the fuzzed Bot API's root), so none hang. */
const linkText = fc.oneof(
  fc.constantFrom("http://127.0.0.1:9/article.html", "https://127.0.0.1:9/x", "http://[::1]:9/", "http://", "https://%zz", "file:///etc/passwd", "javascript:alert(1)", "http://127.0.0.1:9/" + "a".repeat(3000)),
  // The markers are taken out: percent-encoded, a marked <b> would no longer read as the text the user typed.
  hostileText.map((text) => `http://127.0.0.1:9/${encodeURIComponent(text.replace(markerPattern, "m").replace(ampMarkerPattern, "m").slice(0, 200))}`),
);

/** A message with no text: what people send that the bot does not read. */
const otherContent = fc.oneof(
  fc.constant({ sticker: { file_id: "s", file_unique_id: "s", type: "regular", width: 512, height: 512, is_animated: false, is_video: false, emoji: "😀" } }),
  hostileText.map((caption) => ({ photo: [{ file_id: "p", file_unique_id: "p", width: 90, height: 90 }], caption: caption.slice(0, 1024) })),
  fc.constant({ location: { latitude: 40.4, longitude: 49.9 } }),
  fc.constant({ contact: { phone_number: "+000", first_name: "X" } }),
  fc.constant({ dice: { emoji: "🎲", value: 3 } }),
  fc.constant({ new_chat_members: [{ id: 1000001, is_bot: true, first_name: "Briefing", username: "briefingbot" }] }),
  fc.constant({ left_chat_member: { id: 5, is_bot: false, first_name: "Gone" } }),
  fc.constant({ poll: { id: "1", question: "?", options: [], total_voter_count: 0, is_closed: false, is_anonymous: true, type: "regular", allows_multiple_answers: false } }),
  fc.constant({}),
);

let messageIds = 0;
const nextMessageId = () => (messageIds = (messageIds + 1) % 2_000_000_000) + 1;

const message = fc
  .tuple(
    fuzzUser,
    fc.oneof(
      { weight: 10, arbitrary: textContent },
      { weight: 2, arbitrary: otherContent },
      { weight: 1, arbitrary: documentContent },
      { weight: 1, arbitrary: linkText.map((text) => ({ text, entities: undefined as unknown[] | undefined })) },
    ),
    unknownFields,
    fc.boolean(),
  )
  .chain(([from, content, extra, forwarded]) =>
    chatFor(from).map((chat) => {
      const { entities, ...rest } = content as { entities?: unknown[] };
      return {
        message_id: nextMessageId(),
        date: 1_700_000_000,
        chat,
        from,
        ...rest,
        ...(entities ? { entities } : {}),
        ...(forwarded ? { forward_origin: { type: "hidden_user", sender_user_name: "<b>x</b>", date: 1 } } : {}),
        ...extra,
      };
    }),
  );

const channelPost = fc.tuple(textContent, unknownFields).map(([content, extra]) => ({
  message_id: nextMessageId(),
  date: 1_700_000_000,
  chat: channelChat,
  sender_chat: channelChat,
  ...content,
  ...extra,
}));

const validData = [
  "topic:attendees", "topic:agenda", "topic:summary", "topic:quotes", "topic:source", "pub:cancel",
  ...personIds.map((id) => `who:${id}`),
  ...articleIds.slice(0, 6).flatMap((id) => ["approve", "post", "edit", "discard"].map((action) => `news:${action}:${id}`)),
  ...articleIds.flatMap((id) => [`article:${id}`, `pub:pick:${id}`, `pub:now:${id}`, `pub:schedule:${id}`, `pub:mark:${id}`, `pub:nolink:${id}`, `pub:cancel:${id}`]),
];
const forgedData = fc.oneof(
  fc.string({ unit: "binary", maxLength: 80 }),
  fc.tuple(fc.constantFrom("topic:", "who:", "article:", "pub:", "pub:now:", "pub:pick:", "news:approve:", "news:edit:", ""), hostileText).map(([p, t]) => p + t.slice(0, 70)),
  fc.integer({ min: 65, max: 400 }).map((n) => "x".repeat(n)),
  fc.constantFrom("topic:ATTENDEES", "who:Shoigu", "article:" + "a".repeat(41), "pub:now:../../etc", "pub:pick:story-001\n", "topic:constructor", "who:__proto__", "pub:now:"),
);
export const callbackData = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...validData) }, { weight: 2, arbitrary: forgedData });

/** A button press: on a message in a chat, on an inaccessible message, on an inline message, or a game's; with data or without. */
const callbackQuery = fc.tuple(fuzzUser, callbackData, fc.nat({ max: 9 }), unknownFields).chain(([from, data, variant, extra]) =>
  chatFor(from).map((chat) => {
    const base = { id: String(nextMessageId()), from, chat_instance: "ci", ...extra };
    if (variant === 0) return { ...base, inline_message_id: "AAA", data };
    if (variant === 1) return { ...base, message: { message_id: 1, date: 0, chat }, data };
    if (variant === 2) return { ...base, message: { message_id: 1, date: 1_700_000_000, chat, text: "" }, game_short_name: "game" };
    return { ...base, message: { message_id: 1, date: 1_700_000_000, chat, text: "" }, data };
  }),
);

const inlineOffsets = ["", "", "50", "100", "-1", "abc", "1e9", "999999999999999999999", "NaN", "0x10", "50.5", " 50", "∞"];
const inlineQuery = fc
  .tuple(fuzzUser, hostileText, fc.oneof(fc.constantFrom(...inlineOffsets), fc.string({ maxLength: 70 })), fc.constantFrom("sender", "private", "group", "supergroup", "channel", undefined), unknownFields)
  .map(([from, query, offset, chat_type, extra]) => ({ id: String(nextMessageId()), from, query: query.slice(0, 256), offset, ...(chat_type ? { chat_type } : {}), ...extra }));

const memberStatus = fc.constantFrom("member", "administrator", "left", "kicked", "restricted", "creator");
const member = (status: string) => ({ status, user: { id: 1000001, is_bot: true, first_name: "Briefing", username: "briefingbot" }, until_date: 0 });
const chatMember = fc.tuple(fuzzUser, fc.oneof(groupChat, fc.constant(channelChat as unknown as Chat)), memberStatus, memberStatus).map(([from, chat, a, b]) => ({
  chat,
  from,
  date: 1_700_000_000,
  old_chat_member: member(a),
  new_chat_member: member(b),
}));

/** One update of any type (without its `update_id`), weighted roughly as a public bot sees them. */
export const fuzzUpdate: fc.Arbitrary<Omit<Update, "update_id">> = fc.oneof(
  { weight: 40, arbitrary: message.map((m) => ({ message: m }) as Omit<Update, "update_id">) },
  { weight: 4, arbitrary: message.map((m) => ({ edited_message: { ...m, edit_date: 1_700_000_100 } }) as Omit<Update, "update_id">) },
  { weight: 3, arbitrary: channelPost.map((m) => ({ channel_post: m }) as Omit<Update, "update_id">) },
  { weight: 1, arbitrary: channelPost.map((m) => ({ edited_channel_post: m }) as Omit<Update, "update_id">) },
  { weight: 15, arbitrary: inlineQuery.map((q) => ({ inline_query: q }) as Omit<Update, "update_id">) },
  { weight: 20, arbitrary: callbackQuery.map((q) => ({ callback_query: q }) as Omit<Update, "update_id">) },
  { weight: 3, arbitrary: chatMember.map((m) => ({ my_chat_member: m }) as Omit<Update, "update_id">) },
  { weight: 1, arbitrary: chatMember.map((m) => ({ chat_member: m }) as Omit<Update, "update_id">) },
  {
    weight: 2,
    arbitrary: fc.tuple(fuzzUser, hostileText).map(
      ([from, query]) => ({ chosen_inline_result: { result_id: "home:summary", from, query: query.slice(0, 256) } }) as Omit<Update, "update_id">,
    ),
  },
  {
    weight: 1,
    arbitrary: fc.tuple(fuzzUser, groupChat).map(
      ([user, chat]) =>
        ({ message_reaction: { chat, message_id: 1, user, date: 1, old_reaction: [], new_reaction: [{ type: "emoji", emoji: "👍" }] } }) as Omit<Update, "update_id">,
    ),
  },
  {
    weight: 1,
    arbitrary: fc.tuple(fuzzUser, groupChat).map(([from, chat]) => ({ chat_join_request: { chat, from, user_chat_id: from.id, date: 1 } }) as Omit<Update, "update_id">),
  },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((value) => ({ future_update_type: value }) as unknown as Omit<Update, "update_id">) },
);

/** The presses of a /publish about one article, in the order an admin makes them, and the ones that belong to other articles or none. */
const publishPresses = (articleId: string) => [
  `pub:pick:${articleId}`, `pub:now:${articleId}`, `pub:schedule:${articleId}`, `pub:mark:${articleId}`, `pub:nolink:${articleId}`, `pub:cancel:${articleId}`, "pub:cancel",
];

/** An admin going through /publish about one article: the command, then presses and answers, mostly to the point, sometimes not, sometimes a forged press from someone else in between. */
const adminSession = fc
  .tuple(
    fc.constantFrom<User>(...admins),
    fc.oneof({ weight: 3, arbitrary: fc.constant(UNPOSTED) }, { weight: 1, arbitrary: fc.constantFrom(...articleIds) }),
    fc.array(
      fc.oneof(
        { weight: 8, arbitrary: fc.nat({ max: 6 }).map((n) => ({ press: n })) },
        { weight: 1, arbitrary: fc.constantFrom(...validData.filter((d) => d.startsWith("pub:"))).map((data) => ({ press: data })) },
        { weight: 1, arbitrary: forgedData.map((data) => ({ press: data })) },
        { weight: 2, arbitrary: fc.oneof(fc.constantFrom(...adminAnswers), hostileText).map((text) => ({ say: text })) },
        { weight: 1, arbitrary: fc.constantFrom("/publish", "/status", "/attendees", "/publish@briefingbot").map((text) => ({ say: text })) },
        { weight: 1, arbitrary: fc.tuple(fuzzUser, fc.nat({ max: 6 })).map(([from, n]) => ({ press: n, from })) },
      ),
      { minLength: 1, maxLength: 6 },
    ),
  )
  .map(([admin, articleId, acts]) => {
    const chat = privateChatOf(admin);
    const presses = publishPresses(articleId);
    const updates: Omit<Update, "update_id">[] = [{ message: { message_id: nextMessageId(), date: 1_700_000_000, chat, from: admin, text: "/publish", entities: [{ type: "bot_command", offset: 0, length: 8 }] } } as Omit<Update, "update_id">];
    // Mostly the next press in order (pick, then an action), so sessions get somewhere.
    let step = 0;
    for (const act of acts) {
      if ("say" in act) {
        const command = /^\/\S+/.exec(act.say);
        updates.push({
          message: { message_id: nextMessageId(), date: 1_700_000_000, chat, from: admin, text: act.say, ...(command ? { entities: [{ type: "bot_command", offset: 0, length: command[0].length }] } : {}) },
        } as Omit<Update, "update_id">);
        continue;
      }
      const data = typeof act.press === "string" ? act.press : step === 0 && act.press < 4 ? presses[0] : presses[act.press];
      step += 1;
      const from = "from" in act && act.from ? act.from : admin;
      updates.push({ callback_query: { id: String(nextMessageId()), from, chat_instance: "ci", data, message: { message_id: 1, date: 1_700_000_000, chat, text: "" } } } as Omit<Update, "update_id">);
    }
    return updates;
  });

/** One user sending the same thing many times in a row, as fast as they can. */
const burst = fc.tuple(message, fc.integer({ min: 15, max: 45 })).map(([m, times]) => Array.from({ length: times }, () => ({ message: { ...m, message_id: nextMessageId() } }) as Omit<Update, "update_id">));

export const faultKinds = ["429", "429 past the cap", "500", "502", "connection reset", "timeout", "403", "400 can't be edited"] as const;
export type FaultKind = (typeof faultKinds)[number];

/** What goes wrong with the Bot API during a step: one entry per call, in order (`undefined`: answered normally). */
const faultPlan = fc.oneof(
  { weight: 9, arbitrary: fc.constant<(FaultKind | undefined)[]>([]) },
  { weight: 1, arbitrary: fc.array(fc.option(fc.constantFrom(...faultKinds), { nil: undefined, freq: 2 }), { minLength: 1, maxLength: 4 }) },
);

/** A correction's edit fails more often: that is where "message can't be edited" comes from. */
const editFaults = fc.oneof(
  { weight: 4, arbitrary: fc.constant<(FaultKind | undefined)[]>([]) },
  { weight: 1, arbitrary: fc.constant<(FaultKind | undefined)[]>(["400 can't be edited"]) },
  { weight: 1, arbitrary: fc.constantFrom(...faultKinds).map((kind) => [kind]) },
);

/** Faults for the channel's own calls (posts and corrections) while an admin publishes: more often, since there are few of them. */
const channelFaultPlan = fc.oneof(
  { weight: 1, arbitrary: fc.constant<(FaultKind | undefined)[]>([]) },
  { weight: 1, arbitrary: fc.array(fc.constantFrom(...faultKinds), { minLength: 1, maxLength: 2 }) },
);

/**
 * One step: what happens, `faults` for the bot's calls in order, and
 * `channelFaults` for the channel's sends and edits in order (`undefined`:
 * answered normally).
 */
export type FuzzStep =
  | { kind: "updates"; updates: Omit<Update, "update_id">[]; faults: (FaultKind | undefined)[]; channelFaults: FaultKind[] }
  /** The editors change an article's text, or add the next article (a content reload): the channel corrects its post. */
  | { kind: "content change"; change: "edit" | "add"; articleId: string; faults: (FaultKind | undefined)[]; channelFaults: (FaultKind | undefined)[] };

/** One step of the fuzzing: an update, a burst from one user, an admin's /publish, or a content change; with the Bot API's faults meanwhile. */
export const fuzzStep: fc.Arbitrary<FuzzStep> = fc.oneof(
  { weight: 90, arbitrary: fc.tuple(fuzzUpdate, faultPlan).map(([update, faults]) => ({ kind: "updates", updates: [update], faults, channelFaults: [] }) as FuzzStep) },
  { weight: 1, arbitrary: fc.tuple(burst, faultPlan).map(([updates, faults]) => ({ kind: "updates", updates, faults, channelFaults: [] }) as FuzzStep) },
  {
    weight: 6,
    arbitrary: fc.tuple(adminSession, faultPlan, channelFaultPlan).map(([updates, faults, channelFaults]) => ({ kind: "updates", updates, faults, channelFaults }) as FuzzStep),
  },
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.constantFrom("edit" as const, "add" as const), fc.oneof({ weight: 3, arbitrary: fc.constant(POSTED) }, { weight: 1, arbitrary: fc.constantFrom(...articleIds) }), editFaults)
      .map(([change, articleId, channelFaults]) => ({ kind: "content change", change, articleId, faults: [], channelFaults }) as FuzzStep),
  },
);
