# Слова Briefing по-русски. Разметка: HTML Telegram; каждое $значение экранирует код.

language-name = Русский

## channel admin
# /publish, /status, кнопки канала и уведомления админам. Время и даты приходят уже отформатированными.

channel-admin-gone-headline = <b>{ $id }</b> <i>(в контенте его больше нет)</i>
channel-admin-and-more = …и ещё { $count }
channel-state-posted = опубликована
channel-state-the-post = пост
channel-state-message-unknown = сообщение неизвестно
channel-state-revision = , редакция { $revision }
channel-state-edit-failed = ; последнее исправление не удалось: { $error }
channel-state-posted-at = опубликована{ $when } ({ $where }{ $revision }){ $editError }
channel-state-scheduled = запланирована на { $at }
channel-state-scheduled-publish-at = запланирована на { $at } (publishAt)
channel-state-queued = пора публиковать, выйдет, как позволят лимиты
channel-state-sending = отправляется сейчас
channel-state-waiting = ждёт админа (AUTOPOST выключен)
channel-state-held = придержана: старше AUTOPOST_MAX_AGE, поэтому ждёт админа
channel-state-failed = не удалась: { $error }
channel-state-failed-unknown = не удалась: неизвестная ошибка
channel-state-uncertain-stopped = бот остановился во время отправки
channel-state-uncertain = неясно: { $why }{ $when }; проверьте канал и выберите действие в /publish
channel-status-heading = <b>Канал { $channel }</b> · AUTOPOST { $autopost ->
    [on] включён
   *[off] выключен
}
channel-status-count = { $state ->
    [uncertain] неясно
    [failed] не удалось
    [sending] отправляется
    [queued] на выходе
    [scheduled] запланировано
    [held] придержано
    [waiting] ждёт
   *[posted] опубликовано
}: { $count }
channel-status-section = { $state ->
    [uncertain] Неясно
    [failed] Не удалось
    [sending] Отправляется
    [queued] На выходе
    [scheduled] Запланировано
    [held] Придержано
    [waiting] Ждёт
   *[posted] Опубликовано
}
channel-status-none = Статей пока нет.
publish-list-empty = Публиковать нечего: статей нет.
publish-list-heading = <b>Публикация в канал.</b> Выберите статью:
publish-button-cancel = Отмена
publish-button-close = Закрыть
publish-button-post-now = Опубликовать
publish-button-post-again = Опубликовать снова
publish-button-schedule = Запланировать
publish-button-mark = Отметить как опубликованную
publish-button-without-link = Без ссылки
publish-choice = <b>Выше — пост в том виде, в каком он выйдет в канале.</b> Сейчас: { $state }.
publish-choice-uncertain = <b>Выше — пост в том виде, в каком он выйдет.</b> Сейчас: { $state }.
publish-choice-uncertain-how = Сначала загляните в канал. Если пост там, нажмите «Отметить как опубликованную» (потом можно прислать мне ссылку на него, чтобы исправления его правили); если нет — «Опубликовать снова».
publish-choice-nothing-to-do = <b>Выше — пост в том виде, в каком он в канале.</b> Сейчас: { $state }. Делать ничего не нужно.
publish-nothing-to-do = Тогда делать нечего.
publish-cancelled = Отменено; ничего не изменилось.
publish-closed = /publish закрыт; ничего не изменилось.
publish-timed-out = Этот /publish ждал вас больше { $minutes ->
    [one] { $minutes } минуты
   *[other] { $minutes } минут
}, и я его закрыл. Ничего не изменилось. Отправьте /publish, чтобы начать заново.
publish-timed-out-button = Время этого /publish истекло. Отправьте /publish, чтобы начать заново.
publish-ended-button = Этот /publish уже закончился. Отправьте /publish, чтобы начать заново.
publish-earlier-button = Эта кнопка от одного из прошлых сообщений.
publish-choose-article = Выберите статью кнопками выше или нажмите «Отмена».
publish-article-gone = Этой статьи в контенте больше нет. Отправьте /publish, чтобы увидеть текущий список.
publish-use-buttons = Воспользуйтесь кнопками под предпросмотром или нажмите «Отмена».
publish-admins-only = Это могут делать только админы канала.
publish-on-its-way = Отправляю в { $channel }: «{ $headline }». Пришлю ссылку, как только пост выйдет.
publish-not-posted = Не опубликовано: сейчас статья { $state }.
publish-state-gone = удалена
publish-schedule-question = <b>Когда опубликовать?</b> Время — по UTC. Пришлите { $formats }.
publish-time-formats = 2025-01-31 18:00 (UTC, или добавьте смещение, например +03:00), 18:00 (ближайшие 18:00 UTC), завтра 09:30 или через 2ч / через 45м / через 1д
publish-time-unreadable = Не понял «{ $input }» как время. Попробуйте { $formats }.
publish-time-not-real = «{ $input }» — такой даты и времени не бывает.
publish-time-past = Это время уже прошло: укажите будущее или нажмите «Опубликовать».
publish-time-too-far = Это больше чем через год: укажите время поближе.
publish-time-as-text = Пришлите время текстом или нажмите «Отмена».
publish-scheduled = Запланировано: «{ $headline }» выйдет { $at }.
publish-not-scheduled = Не запланировано: сейчас статья { $state }.
publish-link-question = <b>Пришлите мне ссылку на пост</b> (в канале: меню поста → «Копировать ссылку»), чтобы будущие исправления могли его править. Или нажмите «Без ссылки».
publish-link-wrong = Это не ссылка на пост в { $channel } (она выглядит так: { $example }). Пришлите ссылку на пост или нажмите «Без ссылки».
publish-link-as-text = Пришлите ссылку на пост или нажмите «Без ссылки».
publish-marked-with-link = Отмечено как опубликованное ({ $link }); исправления будут править этот пост.
publish-marked-without-link = Отмечено как опубликованное; без ссылки исправления не смогут править пост.
publish-not-marked = Ничего не изменилось: сейчас статья { $state }.
admin-refusal = /publish и /status доступны только админам канала.
admin-unavailable = Сейчас я не могу достучаться до журнала канала, поэтому /publish и /status придётся подождать; ничего не изменилось. Всё остальное работает. Попробуйте через минуту.
admin-unavailable-button = Журнал канала сейчас недоступен; попробуйте через минуту.
admin-no-channel = У этого бота не настроен канал (CHANNEL_ID), так что публиковать некуда.
admin-private-only = Отправьте мне /{ $command } в личном чате.
admin-command-publish = Опубликовать статью в канале или запланировать её
admin-command-status = Что ушло в канал и что ждёт
notice-posted =
    Опубликовано в { $channel }: <b>{ $headline }</b>
    { $link }
notice-uncertain = ⚠️ <b>Проверьте канал:</b> возможно, я опубликовал <b>{ $headline }</b> в { $channel }, а возможно, и нет.
notice-uncertain-began = Я начал отправку
notice-uncertain-began-at = Я начал отправку { $at }
notice-uncertain-stopped = бот остановился раньше, чем записал ответ Telegram
notice-uncertain-why = { $began }, и { $why }. Сам я больше не стану его публиковать.
notice-uncertain-how = Загляните в канал, затем отправьте /publish, выберите статью и нажмите «Опубликовать снова» или «Отметить как опубликованную».
notice-held-back =
    <b>AUTOPOST придержал { $count ->
        [one] { $count } статью
        [few] { $count } статьи
       *[many] { $count } статей
    }</b> старше { $hours ->
        [one] { $hours } часа
        [other] { $hours } часа
       *[many] { $hours } часов
    } (AUTOPOST_MAX_AGE), чтобы не опубликовать архив повторно. Ничего не опубликовано:
    { $list }
notice-held-back-how = Если какую-то из них нужно выпустить, отправьте /publish и выберите её. Чтобы AUTOPOST сам публиковал статьи постарше, увеличьте AUTOPOST_MAX_AGE (0 — без ограничения).
notice-new-ledger = ⚠️ <b>Журнал постов новый</b> (прежний не найден: первый запуск, новый DATA_DIR или Redis, потерявший данные), а в контенте { $count ->
    [one] { $count } статья
    [few] { $count } статьи
   *[many] { $count } статей
}. Я не могу понять, какие из них уже есть в канале.
notice-new-ledger-autopost-off = AUTOPOST выключен: ничего не выйдет, пока админ не опубликует.
notice-new-ledger-max-age = AUTOPOST сам публикует только статьи за последние { $hours ->
    [one] { $hours } час
    [few] { $hours } часа
    [many] { $hours } часов
   *[other] { $hours } часа
} (AUTOPOST_MAX_AGE); более старые ждут /publish.
notice-new-ledger-no-limit = AUTOPOST_MAX_AGE равен 0, поэтому AUTOPOST сам опубликует их все.
notice-new-ledger-how = Если это не первый запуск, проверьте канал и воспользуйтесь /status и /publish.
notice-failed =
    ⚠️ Telegram отклонил пост в канал <b>{ $headline }</b>: { $error }
    Исправьте статью, если дело в ней; /publish может опубликовать её снова.
notice-edit-failed =
    ⚠️ <b>{ $headline }</b> изменилась, но <a href="{ $url }">её пост</a> не удалось исправить: { $error }
    Исправьте его в канале вручную или удалите и опубликуйте статью снова.
notice-blocked = ⚠️ Я не могу публиковать в { $channel }: { $error }
notice-blocked-how = Сделайте бота админом канала с правом публиковать сообщения и проверьте CHANNEL_ID. Я буду пробовать снова { $minutes ->
    [one] каждую { $minutes } минуту
    [few] каждые { $minutes } минуты
   *[many] каждые { $minutes } минут
}; пока ничего не теряется, а /publish → «Опубликовать» пробует сразу.
notice-content-problems = ⚠️ <b>Контент изменился, и в нём есть ошибки,</b> поэтому я продолжаю отдавать последний исправный контент ({ $count ->
    [one] { $count } статья
    [few] { $count } статьи
   *[many] { $count } статей
}). В { $dir }:
notice-content-problems-more = …и ещё { $count }.
notice-content-fixed = ✅ С контентом снова всё в порядке: сейчас отдаю { $count ->
    [one] { $count } статью
    [few] { $count } статьи
   *[many] { $count } статей
}.

## answers to questions
# Простые вопросы (src/questions/): слова вокруг слов самой статьи. Имена, должности, места и
# пункты повестки — в переводе редактора, где он есть; цитаты и выдержки — как в статье.
answer-yes = Да: { $text }
answer-no = Нет: { $text }
answer-and = и
answer-or = или
answer-anyone = никто
answer-role-of = { $role } ({ $owner })
answer-role-label = { $role ->
    [defense-minister] министр обороны
    [chief-of-the-General-Staff] начальник Генерального штаба
    [executive-secretary] исполнительный секретарь
    [chairman] председатель
    [foreign-minister] министр иностранных дел
    [prime-minister] премьер-министр
    [president] президент
    [commander] командующий
    [minister] министр
    [representative] представитель
   *[other] { $label }
  }
answer-a-role = { $role }
answer-person-role = { $name }, { $role }
answer-person-country = { $name } ({ $country })
answer-offer = О чём статья: кто приехал и кто нет, что обсуждали, кто что сказал, где и когда прошла встреча. Спросите «кто присутствовал?», «что сказал { $surname }?» или /help.
answer-unknown = Я отвечаю только на вопросы о статье, а этот вопрос не понял. Спросите «кто присутствовал?», «что обсуждали?», «что сказал { $surname }?» или /help — там все команды.
answer-not-mention = В статье не упоминается { $what }.
answer-not-mention-words = В статье нет слов «{ $words }». /help покажет, на что я могу ответить.
answer-not-why = В статье не сказано почему.
answer-not-how-long = В статье не сказано, сколько длилось заседание.
answer-not-next = В статье не сказано, когда и где пройдёт следующее заседание.
answer-not-time-of-day = В статье не указано время: сказано лишь, что заседание прошло { $date }.
answer-not-went = В статье не сказано, что { $people } был(и) в городе { $place }: { $place } упоминается в словах «{ $text }».
answer-not-number = В статье нет этого числа.
answer-not-say = В статье не сказано: «{ $what }».
answer-not-now = В статье не сказано, как обстоят дела сейчас: она рассказывает о событии «{ $event }» { $date }.
answer-then = Тогда { $name } — { $role }.
answer-not-chaired-by = В статье не сказано, что { $people } — председатель заседания.
answer-not-chaired = В статье не сказано, кто председательствовал на заседании.
answer-chair-note = В ней { $name } назван так: { $role }. Это председатель того органа, а не заседания.
answer-attended = { $name }, { $role }, — среди участников.
answer-not-attended = В статье не сказано, что { $name } — среди участников.
answer-not-whether-attended = В статье не сказано, входит ли { $name } в число участников.
answer-attended-for = { $country }: { $people }.
answer-not-name = В статье не названо имя: { $who }.
answer-represented-by = { $country } представлял(и): { $people }.
answer-not-whether-country = В статье не сказано, участвовала ли страна { $country }: из неё никто не назван.
answer-held-in = Заседание прошло в городе { $place }.
answer-names-attendees = <b>Названы участники:</b> { $people }.
answer-not-role-attended = В статье нет участника в должности «{ $role }».
answer-role-attended = В статье { $count ->
    [one] назван { $count } участник
    [few] названы { $count } участника
   *[many] названы { $count } участников
  } в должности «{ $role }»: { $people }.
answer-countries-count = { $count ->
    [one] { $count } страна прислала
    [few] { $count } страны прислали
   *[many] { $count } стран прислали
  } своих представителей: { $countries }.
answer-countries = { $countries }: от каждой страны в статье назван участник заседания.
answer-who-came = <b>Кто приехал:</b> { $people }.
answer-people-at-meeting = В статье названы участники заседания: { $people }.
answer-people-at-meeting-count = В статье { $count ->
    [one] назван { $count } участник
    [few] названы { $count } участника
   *[many] названы { $count } участников
  } заседания: { $people }.
answer-no-absent = В статье не назван никто из отсутствовавших.
answer-not-why-absent = В статье не сказано, почему не было представителей ({ $who }): сказано лишь «{ $text }»
answer-who-attended = <b>Кто присутствовал:</b> { $people }.
answer-same-person = Да: { $spellings } — один и тот же человек, { $name }, { $role }; в статье имя написано по-разному.
answer-different-people = Нет: { $people } — разные люди.
answer-no-country = В статье не указана страна: { $name } назван так: { $role }.
answer-is-from = { $name } — { $country }: { $role }.
answer-is = { $name } — { $role }.
answer-people-named = <b>Кого называет статья:</b> { $people }.
answer-names-people = В статье { $count ->
    [one] назван { $count } человек
    [few] названы { $count } человека
   *[many] названы { $count } человек
  }: { $people }.
answer-not-quote-from = В статье не приводятся слова представителей: { $countries }.
answer-not-name-nor-quote = В статье не назван и не цитируется { $who }.
answer-it-quotes = <b>Цитируются:</b> { $people }.
answer-not-did = В статье не сказано, что это сделал(и) { $people }; сказано о других: { $actors }.
answer-opened = Кто открыл заседание: { $people }. { $evidence }
answer-actors = { $people }: { $evidence }
answer-statement-count = В статье { $count ->
    [one] { $count } заявление
    [few] { $count } заявления
   *[many] { $count } заявлений
  }: прямых цитат — { $quotes }, в пересказе — { $reported }.
answer-statement-count-by = В статье { $count ->
    [one] { $count } заявление
    [few] { $count } заявления
   *[many] { $count } заявлений
  } (говорит { $people }): прямых цитат — { $quotes }, в пересказе — { $reported }.
answer-not-quote-person = В статье не цитируется { $people } ({ $count ->
    [one] назван так
   *[other] названы так
  }: { $roles }).
answer-not-quote-person-attended = В статье не цитируется { $people } ({ $count ->
    [one] назван так
   *[other] названы так
  }: { $roles }; среди участников).
answer-not-what-item-says = В статье не сказано, что говорится в документе «{ $item }»: он назван лишь как пункт повестки.
answer-not-who-spoke = В статье не сказано, кто говорил на эту тему
answer-not-who-spoke-words = В статье не сказано, кто говорил о «{ $words }»
answer-items-considered = : в ней { $items } упоминается среди вопросов, рассмотренных на заседании
answer-not-quote-on = В статье не цитируется { $who } на эту тему.
answer-not-quote-on-words = В статье не цитируется { $who } на тему «{ $words }».
answer-others-on-it = <b>Другие об этом:</b>
answer-not-which = В статье не сказано, какие именно ({ $noun }): { $speaker } говорил лишь о «{ $words }».
answer-what-said = <b>Что сказал { $name }:</b>
answer-statement-quote = { $speaker }: { $intro }“{ $words }”
answer-statement-reported = { $speaker }, в пересказе: <i>{ $intro }{ $words }</i>
answer-agenda-claim = На повестке было «{ $number }» (так сказал { $name }); в статье { $count ->
    [one] назван { $count } из них
    [few] названы { $count } из них
   *[many] названо { $count } из них
  }.
answer-agenda-count = В статье { $count ->
    [one] назван { $count } пункт
    [few] названы { $count } пункта
   *[many] названо { $count } пунктов
  } повестки.
answer-main-item = Главный вопрос: { $item }.
answer-in-speech-yes = Да, в выступлении: { $lines }
answer-in-speech = Среди пунктов повестки, которые называет статья, этого нет, но об этом говорилось в выступлении: { $lines }
answer-not-on-agenda = В статье нет «{ $words }» среди обсуждавшихся вопросов.
answer-besides = кроме пункта «{ $matched }», на заседании рассматривали: { $rest }.
answer-key-item = <b>Главный вопрос:</b> { $item }
answer-also-discussed = <b>Обсуждали также:</b>
answer-discussed = <b>Обсуждали:</b>
answer-event-held = { $event } — { $place }, { $date }{ $note }.
answer-event-note = {" "}(дата статьи; в тексте сказано «was held in { $city } today»)
answer-other-meeting-named = { $place } упоминается в связи с другим заседанием: «{ $text }».
answer-places-named = В статье { $count ->
    [one] назван { $count } город
    [few] названы { $count } города
   *[many] названо { $count } городов
  }: { $places }.
answer-places-named-by = { $people } { $count ->
    [one] называет { $count } город
    [few] называет { $count } города
   *[many] называет { $count } городов
  }: { $places }.
answer-this-meeting = {" "}(это заседание)
answer-not-quote-place = В статье не цитируется { $people } с упоминанием какого-либо места.
answer-no-other-meeting = В статье не упоминаются другие заседания.
answer-not-when-meeting = В статье не сказано, когда прошло заседание ({ $places }): сказано лишь «{ $text }».
answer-place-line = { $place }: «{ $text }».
answer-place-line-speaker = { $place }: «{ $text }» (говорит { $speaker }).
answer-other-meetings = Кроме этого, в статье { $count ->
    [one] упоминается { $count } заседание
    [few] упоминаются { $count } заседания
   *[many] упоминается { $count } заседаний
  }:
answer-this-meeting-lead = Это заседание: { $lead }
answer-not-after = В статье не сказано, что было после заседания.
answer-stands-for = { $acronym } — это { $expansion }.
answer-no-author = В статье не назван автор: это материал { $outlet }.
answer-no-author-credit = В статье не назван автор: это материал { $outlet }, в тексте — «{ $credit }».
answer-headline = Заголовок: «{ $headline }» ({ $outlet }, { $date }).
answer-reported-on = { $outlet } сообщил об этом { $date }.
answer-from-outlet = это материал { $outlet }, { $date }: { $url }
answer-from = { $outlet }, { $date }: «{ $headline }»
answer-from-another = <b>Из другой статьи:</b> «{ $headline }» ({ $outlet }, { $date }). Все статьи — /articles.

## channel post
# Пост в канале (CHANNEL_LANGUAGE) и карточка над ним.
post-attended = <b>Участники:</b> { $list }.
post-absent = <b>Не приехали:</b> { $list }.
post-agenda-label = На повестке:
post-and = и
post-and-more = { $list } и ещё { $count }
post-source = Источник: { $outlet }
post-lead-made = { $event } — { $place }.
post-lead-made-the = { $event } — { $place }.
post-button-attendees = Кто приехал
post-button-agenda = Повестка
post-button-quotes = Цитаты
post-button-share = Поделиться
card-dateline = { $place } · { $date }

## start and help

bot-description = Briefing отвечает на вопросы о новости по тексту самой статьи: кто присутствовал, что обсуждали, кто что сказал. Спрашивайте своими словами или выберите команду в меню.
bot-short-description = Кто присутствовал, что обсуждали, кто что сказал: ответы по тексту статьи.
command-summary = Коротко о главном
command-attendees = Кто присутствовал, а кто нет
command-agenda = Что обсуждали, главное — первым
command-quotes = Кто что сказал (добавьте имя, чтобы выбрать одного)
command-who = Справка о человеке: /who Лебедев
command-source = Издание, дата и ссылка на оригинал
command-articles = Выбрать статью для вопросов
command-language = Язык: русский или английский
command-help = Что я умею
help-intro = <b>Briefing</b> отвечает на вопросы о новости, опираясь только на текст статьи.
help-command = /{ $command } — { $description }
help-ask =
    В этом чате можно спросить и своими словами: «кто присутствовал?», «что сказал Лебедев?».
    В любом другом чате наберите @{ $bot } и имя или слово, чтобы поделиться ответом.
welcome-title = <b>Добро пожаловать в Briefing.</b> Я отвечаю на вопросы о новости, опираясь только на то, что сказано в статье.
welcome-serving = Сейчас в работе: <b>{ $headline }</b>
welcome-try = Попробуйте /summary, /attendees, /agenda или /quotes — или задайте вопрос. Все команды: /help.
welcome-bad-link = Эта ссылка не ведёт ни к одному из моих ответов, поэтому начнём с начала.
button-summary = Кратко
button-attendees = Участники
button-agenda = Повестка
button-quotes = Цитаты

## answers

date = { DATETIME($date, day: "numeric", month: "long", year: "numeric") }
attendees-title = Кто присутствовал
attendees-none = В статье не названы участники.
attendees-absent = Не присутствовали
agenda-title = Что обсуждали
agenda-key = Главная тема
agenda-also = Также обсуждали
agenda-discussed = Обсуждали
agenda-none = Повестка в статье не приводится.
statement-quote = { $speaker }, прямая речь:
statement-reported = { $speaker }, в пересказе:
quotes-title = Кто что сказал
quotes-person-title = Высказывания: { $name }
quotes-none = В статье никто не цитируется.
quotes-none-person = { $name } в статье не цитируется.
person-country = Страна: { $country }
person-organisation = Организация: { $organisation }
person-aliases = Другие написания: { $aliases }
person-attended = Участник: { $event }
person-statements = В статье: { $quotes ->
        [one] { $quotes } прямая цитата
        [few] { $quotes } прямые цитаты
       *[many] { $quotes } прямых цитат
    }, { $reported ->
        [one] { $reported } заявление в пересказе
        [few] { $reported } заявления в пересказе
       *[many] { $reported } заявлений в пересказе
    }
summary-attended = <b>Присутствовали:</b> { $names }
summary-absent = <b>Не присутствовали:</b> { $text }
summary-key-item = <b>Главная тема:</b> { $text }
source-line = Источник: <a href="{ $url }">{ $outlet }</a>
place-unknown = Этого места в статье нет.
target-agenda-key = <b>Главная тема повестки</b> — { $event }:
target-agenda = <b>В повестке</b> — { $event }:
target-absence = <b>Не присутствовали: { $who }</b> — { $event }:
who-not-found = В этой статье нет человека по имени «{ $name }».
who-no-people = В статье не названо ни одного человека.
who-people =
    <b>Люди в статье:</b> { $names }
    Попробуйте: { $command } { $example }
who-ask-name = Кого вы имеете в виду? Добавьте имя, например: /who { $example }
who-example-name = Лебедев

## articles

articles-title = <b>Статьи</b> ({ $count }). Выберите, о какой спрашивать:
articles-older = { $count ->
        [one] …и ещё { $count } более ранняя статья.
        [few] …и ещё { $count } более ранние статьи.
       *[many] …и ещё { $count } более ранних статей.
    }
articles-now = Теперь вопросы о статье: { $headline }

## inline

inline-summary-title = Кратко: { $headline }
inline-direct-quote = Прямая речь
inline-reported = В пересказе
inline-agenda-title = Повестка: { $text }
inline-key-item = Главная тема
inline-discussed = Обсуждали
inline-happened = Что произошло
inline-absent-title = Не присутствовали: { $who }
inline-answer = Ответ · { $date }, { $headline }
inline-open = Открыть Briefing
inline-nothing-found = В статьях ничего не нашлось. Спросите Briefing
inline-ask-more = Спросить Briefing

## language

language-prompt = Я говорю с вами по-русски. Выберите язык ответов:
language-chosen = Буду отвечать вам по-русски.
language-chosen-more = Теперь я отвечаю вам по-русски во всех чатах; сменить язык: /language. Статьи остаются на языке оригинала: цитаты не переводятся.

## errors

error-open-chat = Чтобы увидеть это, откройте чат со мной: отправьте мне /help.
error-article-gone = Этой статьи больше нет. Актуальный список: /articles.
error-stale-button = Эта кнопка больше не работает. Отправьте /help.
error-person-gone = Этого человека нет в текущей статье. Отправьте /who с именем.
error-unknown-command = Такой команды я не знаю. Что я умею: /help.
error-text-only = Я читаю только текст. Задайте вопрос или отправьте /help.
error-no-article-yet = Статей здесь пока нет: редакция ещё ничего не опубликовала. Загляните позже; что я тогда смогу ответить, расскажет /help.
error-too-fast = Вы пишете быстрее, чем я успеваю отвечать, поэтому часть сообщений я пропускаю. Подождите несколько секунд и спросите снова.

## newsroom

newsroom-not-yaml = Я читаю только файлы статей в YAML или JSON (.yaml, .yml или .json); ничего не изменено.
newsroom-too-big = Файл больше 1 МБ — слишком велик для файла статьи; ничего не изменено.
newsroom-not-text = Это не текстовый файл (UTF-8), поэтому он не может быть файлом статьи; ничего не изменено.
newsroom-not-article = { $file } — не статья: в нём нет ни одного из полей статьи (id, headline, body, people, statements); ничего не изменено.
newsroom-clash = Файл противоречит уже загруженным материалам; ничего не изменено.
newsroom-cannot-draft = Не удалось подготовить черновик: { $reason }.
newsroom-draft-failed-checks = Черновик не прошёл проверку материалов и не сохранён.
newsroom-cannot-fetch = Не удалось загрузить { $url }: { $reason }.
newsroom-invalid-file = Этот файл не является корректной статьёй.
newsroom-draft-gone = Этого черновика больше нет (его удалили или заменили под другим id).
newsroom-draft-already-gone = Этот черновик уже удалён.
newsroom-live-not-discarded = Статья уже опубликована, поэтому она не удалена.
newsroom-refused = Добавлять и менять статьи могут только администраторы редакции; ваш файл я не читал.
newsroom-download-failed = Не удалось получить файл из Telegram; ничего не изменено. Пришлите его ещё раз.
newsroom-held-live = { $title }: «{ $headline }» ({ $id }) опубликована: я отвечаю по ней и предлагаю её во встроенном режиме.
newsroom-added = Добавлено
newsroom-replaced = Заменено
newsroom-your-text = ваш текст
newsroom-edit-caption = Исправьте этот файл (строки # CHECK: подскажут, что проверить) и пришлите его мне обратно файлом: когда он пройдёт проверку, он заменит черновик.
newsroom-discarded = Черновик «{ $headline }» удалён.
newsroom-admins-only = Это могут делать только администраторы редакции.
newsroom-already-live = «{ $headline }» уже опубликована.
newsroom-live = Опубликовано: по статье «{ $headline }» я отвечаю и предлагаю её во встроенном режиме.
newsroom-on-its-way = Отправляю в { $channel }; пришлю ссылку, как только пост выйдет.
newsroom-not-posted-again = <b>Повторно не отправлено</b>: статья уже есть в журнале канала (см. /status).
draft-new = Новый черновик
draft-facts = { $paragraphs ->
        [one] { $paragraphs } абзац
        [few] { $paragraphs } абзаца
       *[many] { $paragraphs } абзацев
    } · id { $id }
draft-people = Люди
draft-attended = Присутствовали
draft-quotes = Цитаты
draft-none-found = не найдено
draft-reported = { $speaker } (в пересказе):
draft-more = …и ещё { $count }
draft-more-checks = …и ещё { $count } (см. «Править»)
draft-to-check = Проверить ({ $count })
draft-approve = Одобрить
draft-approve-post = Одобрить и опубликовать
draft-edit = Править
draft-discard = Удалить
document-refused = <b>{ $file } не принят</b>: { $count ->
        [one] { $count } ошибка. Ничего не изменено; исправьте её и пришлите файл снова.
        [few] { $count } ошибки. Ничего не изменено; исправьте их и пришлите файл снова.
       *[many] { $count } ошибок. Ничего не изменено; исправьте их и пришлите файл снова.
    }
drafts-none = <b>Черновики</b>: нет. Пришлите ссылку, текст статьи или файл статьи, чтобы добавить.
drafts-title = <b>Черновики</b> ({ $count }):
drafts-state-waiting = черновик, ждёт одобрения
draft-from-feed = Новый черновик из ленты
feed-failing =
    <b>Ленту не удаётся прочитать</b>: { $url }
    { $reason }.
    Я продолжаю попытки, всё реже (не чаще раза в { $minutes } мин.), и не напишу снова, пока она хотя бы раз не заработает.

## demo

demo-intro = Демо Briefing: вы в чате с @{ $bot } (без Telegram и без токена). DEMO_LANG=en — читатель с английским Telegram; сменить язык: /language.
demo-try = Попробуйте /summary, /attendees, /quotes lebedev или встроенный запрос: @{ $bot } shoigu. Выход: Ctrl-D.
demo-ask = Или спросите своими словами: кто присутствовал? была ли Армения? кто открыл заседание? who attended?
demo-channel-admin = Вы ещё и администратор канала: попробуйте /status и /publish.
demo-editor = Вы редактор: пришлите ссылку, вставьте текст статьи или отправьте /upload путь/к/статье.yaml; черновики покажет /articles.
