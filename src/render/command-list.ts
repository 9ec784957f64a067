import { languageOf, type Language } from "../i18n/translate";
import { htmlToText } from "./html";

/** The commands in the menu (`setMyCommands`) and in /help, in that order; each described by `command-<name>` in the catalogs. */
export const commandNames = ["summary", "attendees", "agenda", "quotes", "who", "source", "articles", "language", "help"] as const;

/** The commands with their descriptions in `language` (plain text, as the menu shows them). */
export function commandsIn(language: Language): Array<{ command: string; description: string }> {
  return commandNames.map((command) => ({ command, description: htmlToText(language.t(`command-${command}`).value) }));
}

/** The commands described in English: the default menu. */
export const commandList: ReadonlyArray<{ command: string; description: string }> = commandsIn(languageOf("en"));
