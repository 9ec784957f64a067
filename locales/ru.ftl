# Слова Briefing по-русски. Разметка: HTML Telegram; каждое $значение экранирует код.

language-name = Русский
