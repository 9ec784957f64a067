# Briefing's words in English. Markup is Telegram HTML; every $value is escaped by the code.
# Keys are grouped by where they are shown; each key exists in ru.ftl too (a test checks).

language-name = English

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
