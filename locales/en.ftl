# Briefing's words in English. Markup is Telegram HTML; every $value is escaped by the code.
# Keys are grouped by where they are shown; each key exists in ru.ftl too (a test checks).

language-name = English

## start and help

bot-description = Briefing answers questions about a news story from the article itself: who attended, what was discussed, who said what. Ask in your own words, or use the menu.
bot-short-description = Who attended, what was discussed, who said what: answers from the article itself.
command-summary = The story in short
command-attendees = Who attended, and who did not
command-agenda = What was discussed, key item first
command-quotes = Who said what (add a name for one person)
command-who = A person's card: /who Lebedev
command-source = Outlet, date and link to the original
command-articles = Choose which article to ask about
command-language = Choose the language: English or Russian
command-help = What I can do
help-intro = <b>Briefing</b> answers questions about the news story, from the article itself.
help-command = /{ $command }: { $description }
help-ask =
    In this chat you can also just ask: “who attended?”, “what did Lebedev say?”.
    In any other chat, type @{ $bot } and a name or a word to share an answer there.
welcome-title = <b>Welcome to Briefing.</b> I answer questions about a news story, using only what the article says.
welcome-serving = Now serving: <b>{ $headline }</b>
welcome-try = Try /summary, /attendees, /agenda or /quotes, or ask a question. /help lists everything.
welcome-bad-link = That link did not point to an answer I know, so here is where to start.
button-summary = Summary
button-attendees = Attendees
button-agenda = Agenda
button-quotes = Quotes

## answers

date = { DATETIME($date, day: "numeric") } { DATETIME($date, month: "long") } { DATETIME($date, year: "numeric") }
attendees-title = Who attended
attendees-none = The article names no attendees.
attendees-absent = Did not attend
agenda-title = What was discussed
agenda-key = Key item
agenda-also = Also discussed
agenda-discussed = Discussed
agenda-none = The article lists no agenda.
statement-quote = { $speaker }, direct quote:
statement-reported = { $speaker }, reported speech:
quotes-title = Who said what
quotes-person-title = What { $name } said
quotes-none = The article quotes no one.
quotes-none-person = The article quotes nothing from { $name }.
person-country = Country: { $country }
person-organisation = Organisation: { $organisation }
person-aliases = Also written: { $aliases }
person-attended = Attended the { $event }
person-statements = In the article: { $quotes ->
        [one] { $quotes } direct quote
       *[other] { $quotes } direct quotes
    }, { $reported ->
        [one] { $reported } reported statement
       *[other] { $reported } reported statements
    }
summary-attended = <b>Attended:</b> { $names }
summary-absent = <b>Did not attend:</b> { $text }
summary-key-item = <b>Key item:</b> { $text }
source-line = Source: <a href="{ $url }">{ $outlet }</a>
place-unknown = This place is not in the article.
target-agenda-key = <b>Key agenda item</b> of the { $event }:
target-agenda = <b>On the agenda</b> of the { $event }:
target-absence = <b>{ $who } did not attend</b> the { $event }:
who-not-found = No one called “{ $name }” is in this article.
who-no-people = The article names no people.
who-people =
    <b>People in it:</b> { $names }
    Try { $command } { $example }
who-ask-name = Whom do you mean? Add a name, e.g. /who { $example }
who-example-name = Lebedev

## articles

articles-title = <b>Articles</b> ({ $count }). Choose one to ask about it:
articles-older = { $count ->
        [one] …and { $count } older article.
       *[other] …and { $count } older articles.
    }
articles-now = Now asking about: { $headline }

## inline

inline-summary-title = Summary: { $headline }
inline-direct-quote = Direct quote
inline-reported = Reported speech
inline-agenda-title = Agenda: { $text }
inline-key-item = Key item
inline-discussed = Discussed
inline-happened = What happened
inline-absent-title = { $who } did not attend
inline-answer = Answer · { $date }, { $headline }
inline-open = Open Briefing
inline-nothing-found = Nothing found in the articles. Ask Briefing
inline-ask-more = Ask Briefing more

## language

language-prompt = I speak English to you. Choose the language I answer you in:
language-chosen = I will answer you in English.
language-chosen-more = From now on I answer you in English, in every chat; /language changes it. Articles stay in the language they were written in: quotes are never translated.

## errors

error-open-chat = Open a chat with me to see this: send me /help.
error-article-gone = That article is no longer here. Send /articles for the current list.
error-stale-button = This button no longer works. Send /help.
error-person-gone = That person is not in the current article. Send /who with a name.
error-unknown-command = I don't know that command. /help lists what I can do.
error-text-only = I read text only. Ask a question, or send /help.
error-no-article-yet = There is no article here yet: the newsroom has not published one. Please come back later; /help says what I will answer then.
error-too-fast = You are sending me messages faster than I can answer, so I am skipping some. Wait a few seconds, then ask again.

## newsroom

newsroom-not-yaml = I only read article files in YAML or JSON (.yaml, .yml or .json); nothing was changed.
newsroom-too-big = That file is over 1 MB, too big for an article file; nothing was changed.
newsroom-not-text = That file is not text (UTF-8), so it cannot be an article file; nothing was changed.
newsroom-not-article = { $file } is not an article: it has none of an article's fields (id, headline, body, people, statements); nothing was changed.
newsroom-clash = The file clashes with the content already held; nothing was changed.
newsroom-cannot-draft = I could not draft an article from that: { $reason }.
newsroom-draft-failed-checks = The draft did not pass the content checks, so it was not kept.
newsroom-cannot-fetch = I could not fetch { $url }: { $reason }.
newsroom-invalid-file = That file is not a valid article.
newsroom-draft-gone = That draft is gone (discarded, or replaced under another id).
newsroom-draft-already-gone = That draft is already gone.
newsroom-live-not-discarded = That article is live now, so it was not discarded.
newsroom-refused = Only the newsroom's admins can add or change articles; I did not read your file.
newsroom-download-failed = I could not fetch that file from Telegram; nothing was changed. Please send it again.
newsroom-held-live = { $title }: “{ $headline }” ({ $id }) is live: answered from and offered inline now.
newsroom-added = Added
newsroom-replaced = Replaced
newsroom-your-text = your text
newsroom-edit-caption = Edit this file (the # CHECK: lines say what to look at) and send it back to me as a file: once it passes the checks it replaces the draft.
newsroom-discarded = Discarded the draft “{ $headline }”.
newsroom-admins-only = Only the newsroom's admins can do that.
newsroom-already-live = “{ $headline }” was already live.
newsroom-live = Live: “{ $headline }” is answered from and offered inline now.
newsroom-on-its-way = On its way to { $channel }; I will send you the link once it is posted.
newsroom-not-posted-again = <b>Not posted again</b>: it is already in the channel's ledger (see /status).
draft-new = New draft
draft-facts = { $paragraphs ->
        [one] { $paragraphs } paragraph
       *[other] { $paragraphs } paragraphs
    } · id { $id }
draft-people = People
draft-attended = Attended
draft-quotes = Quotes
draft-none-found = none found
draft-reported = { $speaker } (reported):
draft-more = …and { $count } more
draft-more-checks = …and { $count } more (see Edit)
draft-to-check = To check ({ $count })
draft-approve = Approve
draft-approve-post = Approve and post
draft-edit = Edit
draft-discard = Discard
document-refused = <b>{ $file } was not taken</b>: { $count ->
        [one] one problem. Nothing was changed; fix it and send the file again.
       *[other] { $count } problems. Nothing was changed; fix them and send the file again.
    }
drafts-none = <b>Drafts</b>: none. Send me a link, an article's text, or an article file to add one.
drafts-title = <b>Drafts</b> ({ $count }):
drafts-state-waiting = draft, waiting for approval
draft-from-feed = New draft from the feed
feed-failing =
    <b>A feed cannot be read</b>: { $url }
    { $reason }.
    I keep trying, less and less often (at most every { $minutes } minutes), and will not tell you again until it has worked once.

## demo

demo-intro = Briefing demo: you are chatting with @{ $bot } (no Telegram, no token). DEMO_LANG=ru is a reader whose Telegram is in Russian; /language switches.
demo-try = Try /summary, /attendees, /quotes lebedev, or an inline query: @{ $bot } shoigu. Ctrl-D quits.
demo-ask = Or ask in your own words: was Armenia there? who is the Azerbaijani defense minister? who opened the meeting? кто присутствовал?
demo-channel-admin = You are an admin of the channel too: try /status and /publish.
demo-editor = You are an editor: send a link, paste an article, or /upload path/to/article.yaml; /articles lists the drafts.
