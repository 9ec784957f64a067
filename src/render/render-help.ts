import { commandList } from "./command-list";
import { topicButton } from "./callback-data";
import { bold, html, joinHtml } from "./html";
import type { Answer } from "./render-article";

/** /help: every command with what it does, and how to ask in other ways. */
export function renderHelp(botUsername: string): Answer {
  const commands = commandList.map(({ command, description }) => html`/${command}: ${description}`);
  return {
    blocks: [
      html`${bold("Briefing")} answers questions about the news story, from the article itself.`,
      joinHtml(commands, "\n"),
      html`In this chat you can also just ask: “who attended?”, “what did Lebedev say?”.\nIn any other chat, type @${botUsername} and a name or a word to share an answer there.`,
    ],
  };
}

/** /start without a payload: a welcome and the first things to try. */
export function renderWelcome(headline: string): Answer {
  return {
    blocks: [
      html`${bold("Welcome to Briefing.")} I answer questions about a news story, using only what the article says.`,
      html`Now serving: ${bold(headline)}`,
      html`Try /summary, /attendees, /agenda or /quotes, or ask a question. /help lists everything.`,
    ],
    keyboard: [
      [
        { text: "Summary", callback_data: topicButton.format("summary") },
        { text: "Attendees", callback_data: topicButton.format("attendees") },
      ],
      [
        { text: "Agenda", callback_data: topicButton.format("agenda") },
        { text: "Quotes", callback_data: topicButton.format("quotes") },
      ],
    ],
  };
}
