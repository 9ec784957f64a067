/** The commands in the menu (`setMyCommands`) and in /help, in that order. */
export const commandList = [
  { command: "summary", description: "The story in short" },
  { command: "attendees", description: "Who attended, and who did not" },
  { command: "agenda", description: "What was discussed, key item first" },
  { command: "quotes", description: "Who said what (add a name for one person)" },
  { command: "who", description: "A person's card: /who Lebedev" },
  { command: "source", description: "Outlet, date and link to the original" },
  { command: "articles", description: "Choose which article to ask about" },
  { command: "help", description: "What I can do" },
] as const;
