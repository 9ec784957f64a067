# Briefing's words in English. Markup is Telegram HTML; every $value is escaped by the code.
# Keys are grouped by where they are shown; each key exists in ru.ftl too (a test checks).

language-name = English
