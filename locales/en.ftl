# Briefing's words in English. Markup is Telegram HTML; every $value is escaped by the code.
# Keys are grouped by where they are shown; each key exists in ru.ftl too (a test checks).

language-name = English

## channel admin
# /publish, /status, the channel's buttons and the notices to admins. Times and dates come formatted.

channel-admin-gone-headline = <b>{ $id }</b> <i>(no longer in the content)</i>
channel-admin-and-more = …and { $count } more
channel-state-posted = posted
channel-state-the-post = the post
channel-state-message-unknown = message unknown
channel-state-revision = , revision { $revision }
channel-state-edit-failed = ; the last correction failed: { $error }
channel-state-posted-at = posted{ $when } ({ $where }{ $revision }){ $editError }
channel-state-scheduled = scheduled for { $at }
channel-state-scheduled-publish-at = scheduled for { $at } (publishAt)
channel-state-queued = due now, going out as the limits allow
channel-state-sending = being sent now
channel-state-waiting = waiting for an admin (AUTOPOST is off)
channel-state-held = held back: older than AUTOPOST_MAX_AGE, so it waits for an admin
channel-state-failed = failed: { $error }
channel-state-failed-unknown = failed: unknown error
channel-state-uncertain-stopped = the bot stopped while sending it
channel-state-uncertain = uncertain: { $why }{ $when }; check the channel, then choose in /publish
channel-status-heading = <b>Channel { $channel }</b> · AUTOPOST { $autopost }
channel-status-count = { $count } { $state ->
    [uncertain] uncertain
    [failed] failed
    [sending] sending
    [queued] going out
    [scheduled] scheduled
    [held] held back
    [waiting] waiting
   *[posted] posted
}
channel-status-section = { $state ->
    [uncertain] Uncertain
    [failed] Failed
    [sending] Sending
    [queued] Going out
    [scheduled] Scheduled
    [held] Held back
    [waiting] Waiting
   *[posted] Posted
}
channel-status-none = No articles yet.
publish-list-empty = There are no articles to publish.
publish-list-heading = <b>Publish to the channel.</b> Choose an article:
publish-button-cancel = Cancel
publish-button-close = Close
publish-button-post-now = Post now
publish-button-post-again = Post again
publish-button-schedule = Schedule
publish-button-mark = Mark as posted
publish-button-without-link = Without link
publish-choice = <b>Above: the post as it will appear in the channel.</b> Now: { $state }.
publish-choice-uncertain = <b>Above: the post as it will appear.</b> Now: { $state }.
publish-choice-uncertain-how = Look in the channel first. If it is there, choose Mark as posted (you can then send me its link, so corrections can edit it); if not, Post again.
publish-choice-nothing-to-do = <b>Above: the post as it appears.</b> Now: { $state }. Nothing to do.
publish-nothing-to-do = Nothing to do, then.
publish-cancelled = Cancelled; nothing was changed.
publish-closed = Closed /publish; nothing was changed.
publish-timed-out = This /publish waited more than { $minutes ->
    [one] { $minutes } minute
   *[other] { $minutes } minutes
} for you, so I closed it. Nothing was changed. Send /publish to start again.
publish-timed-out-button = This /publish has timed out. Send /publish to start again.
publish-ended-button = This /publish has ended. Send /publish to start again.
publish-earlier-button = That button belongs to an earlier message.
publish-choose-article = Choose an article with the buttons above, or Cancel.
publish-article-gone = That article is no longer in the content. Send /publish for the current list.
publish-use-buttons = Use the buttons under the preview, or Cancel.
publish-admins-only = Only the channel's admins can do that.
publish-on-its-way = On its way to { $channel }: “{ $headline }”. I will send you the link once it is posted.
publish-not-posted = Not posted: it is { $state } now.
publish-state-gone = gone
publish-schedule-question = <b>When should it go out?</b> Times are UTC. Send { $formats }.
publish-time-formats = 2025-01-31 18:00 (UTC, or add an offset such as +03:00), 18:00 (the next 18:00 UTC), tomorrow 09:30, or in 2h / in 45m / in 1d
publish-time-unreadable = I could not read “{ $input }” as a time. Try { $formats }.
publish-time-not-real = “{ $input }” is not a real date and time.
publish-time-past = That time has passed: give one in the future, or choose Post now.
publish-time-too-far = That is more than a year ahead: give a nearer time.
publish-time-as-text = Send the time as text, or press Cancel.
publish-scheduled = Scheduled: “{ $headline }” goes out at { $at }.
publish-not-scheduled = Not scheduled: it is { $state } now.
publish-link-question = <b>Send me the link to the post</b> (in the channel, the post's menu → Copy Link), so later corrections can edit it. Or press Without link.
publish-link-wrong = That is not a link to a post in { $channel } (it looks like { $example }). Send the post's link, or press Without link.
publish-link-as-text = Send the post's link, or press Without link.
publish-marked-with-link = Recorded as posted ({ $link }); corrections will edit it.
publish-marked-without-link = Recorded as posted; without its link, corrections cannot edit it.
publish-not-marked = Not changed: it is { $state } now.
admin-refusal = /publish and /status are for the channel's admins only.
admin-unavailable = I cannot reach the channel's ledger right now, so /publish and /status must wait; nothing was changed. Everything else works. Try again in a minute.
admin-unavailable-button = The ledger is unreachable right now; try again in a minute.
admin-no-channel = No channel is set up for this bot (CHANNEL_ID), so there is nothing to publish.
admin-private-only = Send /{ $command } to me in a private chat.
admin-command-publish = Post an article to the channel, or schedule it
admin-command-status = What went to the channel, and what waits
notice-posted =
    Posted to { $channel }: <b>{ $headline }</b>
    { $link }
notice-uncertain = ⚠️ <b>Check the channel:</b> I may or may not have posted <b>{ $headline }</b> to { $channel }.
notice-uncertain-began = I began sending it
notice-uncertain-began-at = I began sending it at { $at }
notice-uncertain-stopped = the bot stopped before Telegram's answer was recorded
notice-uncertain-why = { $began }, and { $why }. I will not post it again by myself.
notice-uncertain-how = Look in the channel, then send /publish, choose the article and pick Post again or Mark as posted.
notice-held-back =
    <b>AUTOPOST held back { $count ->
        [one] { $count } article
       *[other] { $count } articles
    }</b> older than { $hours ->
        [one] { $hours } hour
       *[other] { $hours } hours
    } (AUTOPOST_MAX_AGE), so as not to post the archive again. Nothing was posted:
    { $list }
notice-held-back-how = If one should go out, send /publish and choose it. To let AUTOPOST post older articles by itself, raise AUTOPOST_MAX_AGE (0: no limit).
notice-new-ledger = ⚠️ <b>The post ledger is new</b> (none was found: a first start, a new DATA_DIR, or a Redis that lost its data), while the content holds { $count ->
    [one] { $count } article
   *[other] { $count } articles
}. I cannot tell which of them are already in the channel.
notice-new-ledger-autopost-off = AUTOPOST is off: nothing goes out until an admin posts it.
notice-new-ledger-max-age = AUTOPOST posts by itself only articles from the last { $hours ->
    [one] { $hours } hour
   *[other] { $hours } hours
} (AUTOPOST_MAX_AGE); older ones wait for /publish.
notice-new-ledger-no-limit = AUTOPOST_MAX_AGE is 0, so AUTOPOST posts every one of them by itself.
notice-new-ledger-how = If this is not a first start, check the channel, and use /status and /publish.
notice-failed =
    ⚠️ Telegram refused the channel post <b>{ $headline }</b>: { $error }
    Fix the article if it is at fault; /publish can post it again.
notice-edit-failed =
    ⚠️ <b>{ $headline }</b> changed, but <a href="{ $url }">its post</a> could not be corrected: { $error }
    Correct it by hand in the channel, or delete it and post the article again.
notice-blocked = ⚠️ I cannot post to { $channel }: { $error }
notice-blocked-how = Make the bot an admin of the channel with the right to post messages, and check CHANNEL_ID. I will try again every { $minutes ->
    [one] { $minutes } minute
   *[other] { $minutes } minutes
}; nothing is lost meanwhile, and /publish → Post now tries at once.
notice-content-problems = ⚠️ <b>The content changed, and it has problems,</b> so I keep serving the last good content ({ $count ->
    [one] { $count } article
   *[other] { $count } articles
}). In { $dir }:
notice-content-problems-more = …and { $count } more.
notice-content-fixed = ✅ The content is good again: now serving { $count ->
    [one] { $count } article
   *[other] { $count } articles
}.

## answers to questions
# Plain questions (src/questions/): the framing around the article's own words. Names, roles,
# places and agenda items come in the reader's language where the article file translates them;
# quotes and excerpts always as the article wrote them.
answer-yes = Yes: { $text }
answer-no = No: { $text }
answer-and = and
answer-or = or
answer-anyone = anyone
answer-role-of = { $owner } { $role }
answer-role-label = { $role ->
   *[other] { $label }
  }
answer-a-role = a { $role }
answer-person-role = { $name }, { $role }
answer-person-country = { $name } ({ $country })
answer-offer = What it covers: who attended and who did not, what was discussed, who said what, where and when it was held. Try “who attended?”, “what did { $surname } say?” or /help.
answer-unknown = I can only answer questions about the article, and I could not place that one. Try “who attended?”, “what was discussed?”, “what did { $surname } say?”, or /help for every command.
answer-not-mention = The article does not mention { $what }.
answer-not-mention-words = The article does not mention “{ $words }”. /help shows what I can answer.
answer-not-why = The article does not say why.
answer-not-how-long = The article does not say how long the meeting lasted.
answer-not-next = The article does not say when or where the next meeting will be.
answer-not-time-of-day = The article does not give the time of day: it says only that the meeting was held on { $date }.
answer-not-went = The article does not say that { $people } went to { $place }: it names { $place } for “{ $text }”.
answer-not-number = The article does not give that number.
answer-not-say = The article does not say { $what }.
answer-not-now = The article does not say how things stand now: it reports the { $event } on { $date }.
answer-then = Then, { $name } was { $role }.
answer-not-chaired-by = The article does not say that { $people } chaired the meeting.
answer-not-chaired = The article does not say who chaired the meeting.
answer-chair-note = It names { $name } as { $role }: a chair of that body, not of the meeting.
answer-attended = { $name }, { $role }, attended.
answer-not-attended = The article does not say that { $name } attended.
answer-not-whether-attended = The article does not say whether { $name } attended.
answer-attended-for = { $people }, attended for { $country }.
answer-not-name = The article does not name { $who }.
answer-represented-by = { $country } was represented by { $people }.
answer-not-whether-country = The article does not say whether { $country } attended: it names no one from { $country }.
answer-held-in = The meeting was held in { $place }.
answer-names-attendees = <b>It names these attendees:</b> { $people }.
answer-not-role-attended = The article does not name a { $role } among those who attended.
answer-role-attended = The article names { $count } { $count ->
    [one] { $role }
   *[other] { $role }s
  } who attended: { $people }.
answer-countries-count = { $count } countries sent someone: { $countries }.
answer-countries = { $countries }: the article names someone from each at the meeting.
answer-who-came = <b>Who came:</b> { $people }.
answer-people-at-meeting = The article names people at the meeting: { $people }.
answer-people-at-meeting-count = The article names { $count } people at the meeting: { $people }.
answer-no-absent = The article does not name anyone who stayed away.
answer-not-why-absent = The article does not say why { $who } stayed away: it says only “{ $text }”
answer-who-attended = <b>Who attended:</b> { $people }.
answer-same-person = Yes: { $spellings } are the same person, { $name }, { $role }; the article spells the name both ways.
answer-different-people = No: { $people } are different people.
answer-no-country = The article does not give { $name }'s country: it names him as { $role }.
answer-is-from = { $name } is from { $country }: { $role }.
answer-is = { $name } is { $role }.
answer-people-named = <b>People it names:</b> { $people }.
answer-names-people = The article names { $count } people: { $people }.
answer-not-quote-from = The article does not quote anyone from { $countries }.
answer-not-name-nor-quote = The article does not name { $who }, nor quote one.
answer-it-quotes = <b>It quotes:</b> { $people }.
answer-not-did = The article does not say that { $people } did: it says so of { $actors }.
answer-opened = { $people } opened the meeting: { $evidence }
answer-actors = { $people }: { $evidence }
answer-statement-count = The article has { $count } statements: { $quotes } direct quotes and { $reported } in reported speech.
answer-statement-count-by = The article has { $count } statements by { $people }: { $quotes } direct quotes and { $reported } in reported speech.
answer-not-quote-person = The article does not quote { $people }: it names { $count ->
    [one] him
   *[other] them
  } as { $roles }.
answer-not-quote-person-attended = The article does not quote { $people }: it names { $count ->
    [one] him
   *[other] them
  } as { $roles }, among those who attended.
answer-not-what-item-says = The article does not say what { $item } says: it names it only as an item on the agenda.
answer-not-who-spoke = The article does not say who spoke of that
answer-not-who-spoke-words = The article does not say who spoke of “{ $words }”
answer-items-considered = : it lists { $items } among the issues the meeting considered
answer-not-quote-on = The article does not quote { $who } on that.
answer-not-quote-on-words = The article does not quote { $who } on “{ $words }”.
answer-others-on-it = <b>Others on it:</b>
answer-not-which = The article does not say which { $noun }: { $speaker } spoke only of “{ $words }”.
answer-what-said = <b>What { $name } said:</b>
answer-statement-quote = { $speaker }: { $intro }“{ $words }”
answer-statement-reported = { $speaker }, reported: <i>{ $intro }{ $words }</i>
answer-agenda-claim = { $number } were on the agenda, according to { $name }; the article names { $count } of them.
answer-agenda-count = The article names { $count } items on the agenda.
answer-main-item = The main item was { $item }.
answer-in-speech-yes = Yes, in a speech: { $lines }
answer-in-speech = Not among the agenda items the article lists, but in a speech: { $lines }
answer-not-on-agenda = The article does not mention “{ $words }” among the issues discussed.
answer-besides = besides { $matched }, the meeting considered { $rest }.
answer-key-item = <b>Key item:</b> { $item }
answer-also-discussed = <b>Also discussed:</b>
answer-discussed = <b>Discussed:</b>
answer-event-held = The { $event } was held in { $place } on { $date }{ $note }.
answer-event-note = {" "}(the article's date; its text says it “was held in { $city } today”)
answer-other-meeting-named = { $place } is named for another meeting: “{ $text }”.
answer-places-named = The article names { $count } { $count ->
    [one] place
   *[other] places
  }: { $places }.
answer-places-named-by = { $people } named { $count } { $count ->
    [one] place
   *[other] places
  }: { $places }.
answer-this-meeting = {" "}(this meeting)
answer-not-quote-place = The article does not quote { $people } naming a place.
answer-no-other-meeting = The article does not mention any other meeting.
answer-not-when-meeting = The article does not say when the meeting in { $places } was held: it says only “{ $text }”.
answer-place-line = { $place }: “{ $text }”.
answer-place-line-speaker = { $place }: “{ $text }”, as { $speaker } put it.
answer-other-meetings = Besides this one, the article mentions { $count } meetings:
answer-this-meeting-lead = This meeting: { $lead }
answer-not-after = The article does not say what happened after the meeting.
answer-stands-for = { $acronym } stands for the { $expansion }.
answer-no-author = The article does not name its author: it is from { $outlet }.
answer-no-author-credit = The article does not name its author: it is from { $outlet }, which credits “{ $credit }”.
answer-headline = The headline: “{ $headline }” ({ $outlet }, { $date }).
answer-reported-on = { $outlet } reported it on { $date }.
answer-from-outlet = it is from { $outlet }, { $date }: { $url }
answer-from = From { $outlet }, { $date }: “{ $headline }”
answer-from-another = <b>From another article:</b> “{ $headline }” ({ $outlet }, { $date }). /articles lists them all.

## channel post
# The post in the channel (CHANNEL_LANGUAGE) and the card above it.
post-attended = <b>Attended:</b> { $list }.
post-absent = <b>Did not attend:</b> { $list }.
post-agenda-label = On the agenda:
post-and = and
post-and-more = { $list } and { $count } more
post-source = Source: { $outlet }
post-lead-made = { $event } was held in { $place }.
post-lead-made-the = The { $event } was held in { $place }.
post-button-attendees = Who attended
post-button-agenda = Agenda
post-button-quotes = Quotes
post-button-share = Share
card-dateline = { $place } · { $date }

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
