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
