"""The one message catalogue: every string a user reads, in Russian (default) and English.

>>> t("stage_problems")
'Проблемы'
>>> t("stage_problems", "en")
'Problems'
>>> t("dots_left", "en", n=2)
'Dots left: 2'
"""

from __future__ import annotations

LANGS = ("ru", "en")
DEFAULT_LANG = "ru"

MESSAGES: dict[str, tuple[str, str]] = {
    # stage kinds and their prompts
    "stage_problems": ("Проблемы", "Problems"),
    "stage_problems_prompt": ("Что мешает развитию нашего района?", "What holds our district back?"),
    "stage_growth": ("Точки роста и преимущества", "Growth points and advantages"),
    "stage_growth_prompt": ("Что есть у нас, чего нет у других?", "What do we have that others don't?"),
    "stage_vision": ("Образ будущего", "Vision of the future"),
    "stage_vision_prompt": ("Наш район в 2030 году: что вы видите?", "Our district in 2030: what do you see?"),
    "stage_ideas": ("Проектные идеи", "Project ideas"),
    "stage_ideas_prompt": ("Какой проект изменит ситуацию?", "Which project would make a difference?"),
    "stage_voting": ("Голосование", "Voting"),
    "stage_voting_prompt": ("Отдайте свои голоса лучшим идеям", "Give your dots to the best ideas"),
    "stage_teams": ("Команды", "Teams"),
    "stage_teams_prompt": ("Запишитесь в команду проекта", "Sign up for a project team"),
    # session kinds
    "kind_strategic_session": ("Стратегическая сессия", "Strategic session"),
    "kind_educational_module": ("Образовательный модуль", "Educational module"),
    "kind_online_meeting": ("Онлайн-встреча", "Online meeting"),
    # sectors
    "sector_ngo": ("НКО", "NGO"),
    "sector_tos": ("ТОС", "TOS"),
    "sector_authority": ("Органы власти / МСУ", "Local authority"),
    "sector_business": ("Бизнес", "Business"),
    "sector_citizen": ("Житель", "Citizen"),
    "sector_other": ("Другое", "Other"),
    # participant page
    "app_title": ("Стратегическая сессия", "Strategic session"),
    "join_title": ("Присоединиться", "Join"),
    "join_hint": ("Все поля необязательны", "All fields are optional"),
    "field_name": ("Имя", "Name"),
    "field_territory": ("Населённый пункт", "Village or town"),
    "field_organisation": ("Организация", "Organisation"),
    "field_sector": ("Сфера", "Sector"),
    "join_button": ("Войти", "Join"),
    "your_idea": ("Ваш ответ", "Your answer"),
    "send": ("Отправить", "Send"),
    "sent": ("Отправлено", "Sent"),
    "vote": ("Голос", "Dot"),
    "unvote": ("Забрать", "Take back"),
    "dots_left": ("Осталось голосов: {n}", "Dots left: {n}"),
    "voting_closed": ("Голосование закрыто", "Voting is closed"),
    "results": ("Результаты", "Results"),
    "waiting": ("Ждём ведущего…", "Waiting for the facilitator…"),
    "offline": ("Нет связи, пробуем снова…", "No connection, retrying…"),
    "votes_n": ("голосов: {n}", "dots: {n}"),
    "chars_left": ("осталось символов: {n}", "characters left: {n}"),
    "language": ("English", "Русский"),
    # errors
    "text_empty": ("Пустой текст: напишите хотя бы несколько слов", "The text is empty: write a few words"),
    "text_too_long": ("Слишком длинный текст: не больше {max} символов (сейчас {n})",
                      "The text is too long: at most {max} characters (now {n})"),
    "session_unknown": ("Сессия с кодом «{code}» не найдена", "No session with code '{code}'"),
    "participant_unknown": ("Вы не присоединились к этой сессии: обновите страницу",
                            "You have not joined this session: reload the page"),
    "stage_unknown": ("Этап не найден", "Stage not found"),
    "stage_not_open": ("Сейчас этот этап не принимает ответы", "This stage is not taking answers now"),
    "contribution_unknown": ("Карточка не найдена", "Card not found"),
    "voting_not_open": ("Голосование сейчас закрыто", "Voting is closed now"),
    "vote_budget_exceeded": ("Голоса закончились: у вас {budget} голоса(ов)",
                             "No dots left: you have {budget}"),
    "vote_none_to_remove": ("Вы не голосовали за эту карточку", "You have no dot on this card"),
    "vote_target_invalid": ("За эту карточку голосовать нельзя", "This card cannot be voted on"),
    "field_too_long": ("Поле «{field}» длиннее {max} символов", "Field '{field}' is longer than {max} characters"),
    "sector_unknown": ("Неизвестная сфера «{sector}»", "Unknown sector '{sector}'"),
    "bad_request": ("Неверный запрос: {detail}", "Bad request: {detail}"),
    "too_many": ("Слишком часто: подождите {seconds} с", "Too fast: wait {seconds} s"),
    "merge_same": ("Нельзя объединить карточку саму с собой", "Cannot merge a card into itself"),
    "merge_need_two": ("Выберите хотя бы две карточки", "Select at least two cards"),
    "select_one": ("Выберите одну карточку", "Select one card"),
    "budget_invalid": ("Число голосов должно быть от 1 до 20", "Dots per person must be 1 to 20"),
    # projector view
    "join_at": ("Подключайтесь:", "Join at:"),
    "code": ("Код", "Code"),
    "joined_n": ("Участников: {n}", "Participants: {n}"),
    "stage": ("Этап", "Stage"),
    "make_current": ("Показать участникам", "Show to participants"),
    "current_stage": ("Сейчас у участников", "Now on phones"),
    "timer_min": ("Минут", "Minutes"),
    "timer_start": ("Старт", "Start"),
    "timer_stop": ("Стоп", "Stop"),
    "add_card": ("Добавить", "Add"),
    "type_for_someone": ("Запишите, что сказал участник", "Type what someone said aloud"),
    "hide": ("Скрыть", "Hide"),
    "edit": ("Исправить", "Edit"),
    "save": ("Сохранить", "Save"),
    "merge": ("Объединить", "Merge"),
    "clear_selection": ("Снять выбор", "Clear selection"),
    "open_voting": ("Открыть голосование", "Open voting"),
    "close_voting": ("Закрыть голосование", "Close voting"),
    "show_results": ("Показать результаты на телефонах", "Show results on phones"),
    "hide_results": ("Скрыть результаты", "Hide results"),
    "dots_per_person": ("Голосов у каждого", "Dots per person"),
    "voters_n": ("Проголосовали: {n}", "Voted: {n}"),
    "no_cards": ("Пока нет карточек", "No cards yet"),
    "entered_by_facilitator": ("записал ведущий", "entered by facilitator"),
    "by_territory": ("По территориям", "By territory"),
    "by_sector": ("По сферам", "By sector"),
    "voting_on": ("Голосуем за: {stage}", "Voting on: {stage}"),
    "session_pick": ("Выберите сессию", "Choose a session"),
    "no_sessions": ("Сессий нет: создайте командой «workbench new-session»",
                    "No sessions: create one with 'workbench new-session'"),
    "voting_is_open": ("Голосование открыто", "Voting is open"),
    "not_specified": ("не указано", "not given"),
    "error": ("Ошибка: {message}", "Error: {message}"),
    # groups
    "not_a_group": ("Это не группа", "This is not a group"),
    "suggest_groups": ("Предложить группы", "Suggest groups"),
    "groups_n": ("Групп: {n}", "Groups: {n}"),
    "accept_groups": ("Принять группы", "Accept groups"),
    "discard_groups": ("Отменить", "Discard"),
    "proposal": ("Предложение: {n} групп — проверьте и примите", "Proposal: {n} groups — check and accept"),
    "ungrouped": ("Без группы", "Not in a group"),
    "move_to": ("В группу", "Move to group"),
    "new_group": ("Новая группа из выбранных", "New group from selected"),
    "new_group_name": ("Название новой группы", "Name of the new group"),
    "place_new": ("Разложить новые идеи по группам", "Place new ideas into groups"),
    "placed_n": ("Разложено карточек: {n}", "Cards placed: {n}"),
    "need_cards": ("Нужно хотя бы 3 карточки", "At least 3 cards are needed"),
    "vote_on": ("Голосуем за", "Vote on"),
    "vote_on_ideas": ("идеи", "ideas"),
    "vote_on_groups": ("группы", "groups"),
    "in_group": ("Группа: {name}", "Group: {name}"),
}


def t(key: str, lang: str = DEFAULT_LANG, **params) -> str:
    """Look up a message; unknown keys show as the key itself so a gap is visible, not fatal."""
    pair = MESSAGES.get(key)
    if pair is None:
        return key
    text = pair[1] if lang == "en" else pair[0]
    return text.format(**params) if params else text


def catalogue(lang: str, keys: list[str] | None = None) -> dict[str, str]:
    """All messages (or the given keys) in one language, for the participant page's script."""
    return {k: t(k, lang) for k in (keys or MESSAGES)}
