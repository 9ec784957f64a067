# Слова Briefing по-русски. Разметка: HTML Telegram; каждое $значение экранирует код.

language-name = Русский

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
