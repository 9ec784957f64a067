import { commandsIn } from "./command-list";
import { languageOf, type Language } from "../i18n/translate";
import { topicButton } from "./callback-data";
import { htmlToText, joinHtml } from "./html";
import type { Answer } from "./render-article";

const english = languageOf("en");

/** /help: every command with what it does, and how to ask in other ways. */
export function renderHelp(botUsername: string, language: Language = english): Answer {
  const { t } = language;
  const commands = commandsIn(language).map(({ command, description }) => t("help-command", { command, description }));
  return {
    blocks: [t("help-intro"), joinHtml(commands, "\n"), t("help-ask", { bot: botUsername })],
  };
}

/** /start without a payload: a welcome and the first things to try. */
export function renderWelcome(headline: string, language: Language = english): Answer {
  const { t } = language;
  const label = (key: string) => htmlToText(t(key).value);
  return {
    blocks: [t("welcome-title"), t("welcome-serving", { headline }), t("welcome-try")],
    keyboard: [
      [
        { text: label("button-summary"), callback_data: topicButton.format("summary") },
        { text: label("button-attendees"), callback_data: topicButton.format("attendees") },
      ],
      [
        { text: label("button-agenda"), callback_data: topicButton.format("agenda") },
        { text: label("button-quotes"), callback_data: topicButton.format("quotes") },
      ],
    ],
  };
}

