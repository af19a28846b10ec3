"""The one message catalogue: every string a user reads, in Russian (default) and English.

>>> t("stage_problems")
'Проблемы'
>>> t("stage_problems", "en")
'Problems'
>>> t("dots_left", "en", n=2)
'Dots left: 2'
"""

from __future__ import annotations

import re

LANGS = ("ru", "en")
DEFAULT_LANG = "ru"

MESSAGES: dict[str, tuple[str, str]] = {
    # stage kinds and their prompts
    "stage_problems": ("Проблемы", "Problems"),
    "stage_problems_prompt": ("Что мешает развитию нашей территории?", "What holds our area back?"),
    "stage_growth": ("Точки роста и преимущества", "Growth points and advantages"),
    "stage_growth_prompt": ("Что есть у нас, чего нет у других?", "What do we have that others don't?"),
    "stage_vision": ("Образ будущего", "Vision of the future"),
    "stage_vision_prompt": ("Наша территория в 2030 году: что вы видите?", "Our area in 2030: what do you see?"),
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
    "sector_tos": ("ТОС", "Neighbourhood council (TOS)"),
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
    "sent_to": ("Отправлено на этап «{stage}»", "Sent to the stage “{stage}”"),
    "card_offline": ("Нет связи: карточка ещё не отправлена. Она уйдёт сама, как только связь вернётся.",
                     "No connection: your card is not sent yet. It goes by itself as soon as the connection is back."),
    "card_stage_moved": ("Карточка не отправлена: ведущий уже перешёл к другому этапу. Её текст: «{text}»",
                         "Your card was not sent: the facilitator has moved on to another stage. Its text: “{text}”"),
    "ballot_offline": ("Нет связи: голос ещё не засчитан. Он уйдёт сам, как только связь вернётся.",
                       "No connection: your vote is not counted yet. It goes by itself as soon as the connection is back."),
    "ballot_counted": ("Связь вернулась: голос засчитан", "The connection is back: your vote is counted"),
    "ballot_saved": ("Место на диске появилось: голос засчитан", "There is disk space again: your vote is counted"),
    # a phone's answer the facilitator's full disk could not save (507): it waits and goes again by itself
    "storage_wait": ("Не сохранено: на компьютере ведущего кончилось место (или сбой диска). Скажите ведущему. "
                     "Ответ уйдёт сам, как только место появится.",
                     "Not saved yet: the facilitator's computer is out of disk space (or its disk fails). Tell the "
                     "facilitator. Your answer goes by itself as soon as there is room."),
    "ballot_refused": ("Голос не засчитан: {reason}", "Your vote was not counted: {reason}"),
    "ballot_stage_moved": ("Ведущий уже перешёл к другому этапу", "The facilitator has moved on to another stage"),
    "vote": ("Голос", "Dot"),
    "unvote": ("Забрать", "Take back"),
    # what a screen reader says of the phone's buttons: the idea, team or scale they act on
    "vote_for": ("Голос за «{text}»", "Dot for “{text}”"),
    "unvote_from": ("Забрать голос у «{text}»", "Take a dot back from “{text}”"),
    "rate_named": ("«{text}»: {scale} {v} из 5", "“{text}”: {scale} {v} of 5"),
    "rank_placed": ("Место {n}: «{text}»", "Place {n}: “{text}”"),
    "rank_unplaced": ("«{text}»: ещё без места", "“{text}”: not placed yet"),
    "team_join_named": ("В команду «{team}»", "Join the team “{team}”"),
    "team_lead_named": ("Я буду лидером команды «{team}»", "I will lead the team “{team}”"),
    "pair_next": ("Новая пара: «{a}» или «{b}»", "Next pair: “{a}” or “{b}”"),
    "dots_left": ("Осталось голосов: {n}", "Dots left: {n}"),
    "voting_closed": ("Голосование закрыто", "Voting is closed"),
    "voting_not_opened": ("Голосование ещё не открыто", "Voting has not been opened yet"),
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
    "card_unknown": ("Карточка не найдена", "Card not found"),
    "voting_not_open": ("Голосование сейчас закрыто", "Voting is closed now"),
    "vote_budget_exceeded": ("Голоса закончились: у вас {budget} {budget|голос|голоса|голосов}",
                             "No dots left: you have {budget}"),
    "vote_none_to_remove": ("Вы не голосовали за эту карточку", "You have no dot on this card"),
    "vote_target_invalid": ("За эту карточку голосовать нельзя", "This card cannot be voted on"),
    "field_too_long": ("Поле «{field}» длиннее {max} символов", "Field '{field}' is longer than {max} characters"),
    "sector_unknown": ("Неизвестная сфера «{sector}»", "Unknown sector '{sector}'"),
    "bad_request": ("Неверный запрос: {detail}", "Bad request: {detail}"),
    "api_number_out_of_range": ("число вне допустимого диапазона", "number out of range"),
    "api_not_unicode": ("в тексте знак, которого нет в Юникоде", "text that is not valid Unicode"),
    "api_too_deep": ("слишком глубокая вложенность", "nested too deeply"),
    "api_malformed_json": ("испорченный JSON", "malformed JSON"),
    "api_not_object": ("нужен объект JSON", "a JSON object is expected"),
    "session_date_invalid": ("Дата сессии «{date}» не распознана: укажите её как ДД.ММ.ГГГГ или ГГГГ-ММ-ДД, "
                             "например 14.03.2026",
                             "Session date '{date}' not understood: give it as YYYY-MM-DD or DD.MM.YYYY, "
                             "e.g. 2026-03-14"),
    "too_many": ("Слишком часто: подождите {seconds} с", "Too fast: wait {seconds} s"),
    "merge_same": ("Нельзя объединить карточку саму с собой", "Cannot merge a card into itself"),
    "merge_need_two": ("Выберите хотя бы две карточки", "Select at least two cards"),
    "select_one": ("Выберите одну карточку", "Select one card"),
    "edit_select_none": ("Отметьте ✓ карточку, которую надо исправить, и нажмите «Исправить». Группу переименовывают кнопкой ✎ у её названия",
                         "Tick ✓ the card to correct, then press Edit. A group is renamed with the ✎ button by its name"),
    "edit_select_many": ("Отмечено {n}: «Исправить» правит одну карточку — оставьте отмеченной одну. Группу переименовывают кнопкой ✎ у её названия",
                         "{n} are ticked: Edit corrects one card, leave one ticked. A group is renamed with the ✎ button by its name"),
    "rename_group": ("Переименовать группу", "Rename the group"),
    "group_name_placeholder": ("Новое название группы", "The group's new name"),
    "select_card": ("Выбрать карточку", "Select this card"),
    "proposal_stale": ("Эти группы предложены для других карточек (другой этап, или карточки объединены "
                       "или удалены): нажмите «Предложить группы» ещё раз",
                       "These groups were proposed for other cards (another stage, or cards merged or "
                       "removed since): press Suggest groups again"),
    "regroup_loses": ("{what} Принять новые группы всё равно?", "{what} Accept the new groups anyway?"),
    "regroup_wipes": ("{who}: новые группы обнулят голосование и команды по прежним группам (группа с теми же "
                      "карточками останется — с названием и голосами).",
                      "{who}: new groups will wipe the votes and teams on the groups there now (a group with "
                      "the same cards stays, with its name and votes)."),
    "regroup_replaces": ("Новые группы заменят прежние (группа с теми же карточками останется — с названием и "
                         "голосами).",
                         "New groups will replace the groups there now (a group with the same cards stays, with "
                         "its name and votes)."),
    "regroup_drafts": ("У уходящих групп есть проекты ({n}): они останутся в списке «Проекты» со всем текстом.",
                       "Groups that go have project drafts ({n}): they stay in the list of drafts with all their "
                       "text."),
    "regroup_shortlists": ("Уходящие группы выбраны кандидатами на {n} {n|этапе|этапах|этапах} («идеи выбранных "
                           "групп»): они уйдут из этого выбора, а этап, где групп не останется, вернётся к "
                           "кандидатам по умолчанию.",
                           "Groups that go are chosen as candidates on {n} {n|stage|stages} (“the ideas of chosen "
                           "groups”): they leave that choice, and a stage left with no group goes back to the "
                           "default candidates."),
    "regroup_voted": ("По группам уже голосовали {n} {n|человек|человека|человек}",
                      "{n} {n|person has|people have} already voted on the groups"),
    "regroup_teamed": ("В командах по группам уже {n} {n|человек|человека|человек}",
                       "{n} {n|person is|people are} already in teams on the groups"),
    "regroup_voted_teamed": ("По группам уже голосовали {n} {n|человек|человека|человек}, в командах "
                             "{m} {m|человек|человека|человек}",
                             "{n} {n|person has|people have} already voted on the groups, {m} "
                             "{m|person is|people are} in teams on them"),
    "regroup_confirm": ("Принять и обнулить", "Accept and wipe them"),
    "regroup_keep": ("Оставить прежние группы", "Keep the groups there now"),
    "budget_invalid": ("Число голосов должно быть от 1 до 20", "Dots per person must be 1 to 20"),
    # projector view
    "join_at": ("Подключайтесь:", "Join at:"),
    "code": ("Код", "Code"),
    "session_code": ("Код сессии", "Session code"),
    "open_session": ("Открыть", "Open"),
    "needs_javascript": ("Эта страница работает только с включённым JavaScript. Включите его в настройках браузера "
                         "или откройте ссылку в другом браузере (Chrome, Safari, Firefox). Не получается — "
                         "попросите помощника ведущего.",
                         "This page needs JavaScript. Turn it on in the browser's settings or open the link in "
                         "another browser (Chrome, Safari, Firefox). If that does not work, ask the facilitator's "
                         "assistant."),
    "server_unreachable": ("Нет связи с сервером, ждём…", "Server unreachable, waiting…"),
    # the projector's frame, about clicks made while the server did not answer ({actions}: their buttons)
    "offline_not_done": ("Не выполнено: {actions}", "Not done: {actions}"),
    "offline_missed": ("Не выполнено, пока не было связи: {actions} — нажмите ещё раз",
                       "Not done while the server was unreachable: {actions} — click again"),
    "offline_missed_close": ("Закрыть", "Close"),
    "joined_n": ("Участников: {n}", "Participants: {n}"),
    "joined_door": ("Зарегистрировались: {registered}, отмечены на входе: {checked_in}, "
                    "из них без телефона: {door}",
                    "Registered: {registered}, checked in at the door: {checked_in}, of them without a phone: {door}"),
    "joined_more": ("и ещё {n}", "and {n} more"),
    "stage": ("Этап", "Stage"),
    "make_current": ("Показать участникам", "Show to participants"),
    "current_stage": ("Сейчас у участников", "Now on phones"),
    "timer_min": ("Минут", "Minutes"),
    "timer_start": ("Старт", "Start"),
    "timer_stop": ("Стоп", "Stop"),
    "add_card": ("Добавить", "Add"),
    "type_for_someone": ("Запишите, что сказал участник", "Type what someone said aloud"),
    "drafts_elsewhere": ("Записано и не добавлено на других этапах: {stages}",
                         "Typed and not added on other stages: {stages}"),
    "hide": ("Скрыть", "Hide"),
    "edit": ("Исправить", "Edit"),
    "save": ("Сохранить", "Save"),
    "merge": ("Объединить", "Merge"),
    "clear_selection": ("Снять выбор", "Clear selection"),
    # showing cards to the room: the one way a card gets a frame on the projector (a ✓ alone never does)
    "spotlight": ("Выделить на экране", "Highlight on the screen"),
    "spotlight_tip": ("Отмеченные ✓ карточки будут в рамке на экране проектора",
                      "The ticked cards get a frame on the projector's screen"),
    "spotlight_select_none": ("Отметьте ✓ карточки, которые надо выделить на экране, и нажмите «Выделить на экране»",
                              "Tick ✓ the cards to highlight on the screen, then press “Highlight on the screen”"),
    "spotlit": ("На экране выделено карточек: {n}", "Cards highlighted on the screen: {n}"),
    "spotlight_off_button": ("Снять выделение на экране ({n})", "Remove the highlight on the screen ({n})"),
    "spotlight_off": ("Выделение на экране снято", "The highlight on the screen is removed"),
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
    "voting_on_groups": ("Голосуем за: группы этапа «{stage}»", "Voting on: the groups of “{stage}”"),
    "voting_on_nothing": ("Голосуем за: — выберите этап с карточками в «✎ Этапы и сессия»",
                          "Voting on: — choose a stage of cards under “✎ Stages and session”"),
    "session_pick": ("Выберите сессию", "Choose a session"),
    "no_sessions": ("Сессий нет: создайте командой «workbench new-session»",
                    "No sessions: create one with 'workbench new-session'"),
    "voting_is_open": ("Голосование открыто", "Voting is open"),
    "not_specified": ("Не указано", "Not given"),
    # the control view's line of who joined and the protocol's tables: which field a count of
    # "not given" is about
    "territory_not_given": ("Территория не указана", "Territory not given"),
    "sector_not_given": ("Сфера не указана", "Sector not given"),
    "error": ("Ошибка: {message}", "Error: {message}"),
    # moderation (issue 13): the obscenity filter and the approval queue
    "card_pending": ("на модерации: ведущий скоро посмотрит", "awaiting moderation: the facilitator will look soon"),
    "sent_pending": ("Отправлено: появится на экране после проверки ведущим",
                     "Sent: it appears on the screen once the facilitator approves it"),
    "moderation_mode": ("Нецензурные слова", "Obscene words"),
    "moderation_off": ("не проверять", "not checked"),
    "moderation_mask": ("заменять звёздочками", "masked with asterisks"),
    "moderation_hold": ("на модерацию", "held for moderation"),
    "approval_queue": ("Одобрять каждую карточку с телефонов", "Approve every card from phones"),
    "moderation_queue": ("На модерации ({n})", "Awaiting moderation ({n})"),
    "approve": ("Одобрить", "Approve"),
    "reject": ("Отклонить", "Reject"),
    "approve_all": ("Одобрить все", "Approve all"),
    "approved_n": ("Одобрено: {n}", "Approved: {n}"),
    "rejected_n": ("Отклонено: {n}", "Rejected: {n}"),
    "flagged_word": ("нецензурное слово", "obscene word"),
    "masked_mark": ("слово скрыто фильтром", "a word hidden by the filter"),
    # groups
    "not_a_group": ("Это не группа", "This is not a group"),
    "suggest_groups": ("Предложить группы", "Suggest groups"),
    "groups_n": ("Групп: {n}", "Groups: {n}"),
    "accept_groups": ("Принять группы", "Accept groups"),
    "discard_groups": ("Отменить", "Discard"),
    "fewer_groups": ("− Меньше групп", "− Fewer groups"),
    "more_groups": ("+ Больше групп", "+ More groups"),
    "proposal": ("Предложение: {n} {n|группа|группы|групп} — проверьте и примите", "Proposal: {n} {n|group|groups} — check and accept"),
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
    # --- network analysis for staff (ui/network_view.py, network/report.py)
    "na_title": ("Анализ сети сообщества", "Community network analysis"),
    "na_source": ("Данные", "Data"),
    "na_source_demo": ("Демо: год программы (CSV)", "Demo: a year of a programme (CSV)"),
    "na_source_upload": ("Загруженный файл", "Uploaded file"),
    "na_source_store": ("Всё из хранилища (сессии)", "Everything in the store (sessions)"),
    "na_upload": ("Загрузить CSV/XLSX", "Upload CSV/XLSX"),
    "na_uploaded": ("Загружен файл «{name}»", "Uploaded '{name}'"),
    "na_uploaded_many": ("Загружены вместе файлы ({n}): {names}", "Uploaded together ({n} {n|file|files}): {names}"),
    "na_no_upload": ("Сначала загрузите файл со списками участников (колонки ФИО и мероприятие)",
                     "Upload an attendance list first (columns person and event)"),
    # an uploaded file that cannot be read, in the page's words (the file by its name, no --max-mb)
    "na_table_empty": ("Файл «{name}» пуст. Нужна таблица: в первой строке заголовки (ФИО, Мероприятие…), "
                       "дальше по строке на каждое участие.",
                       "The file '{name}' is empty. Upload a table: headings in the first line (person, "
                       "event…), then a line for each attendance."),
    "na_table_no_columns": ("В файле «{name}» нет столбцов. В первой строке должны быть заголовки: ФИО, "
                            "Мероприятие и, если есть, Дата, Территория, Организация, Сфера.",
                            "The file '{name}' has no columns. Its first line must hold the headings: person, "
                            "event and, if you have them, date, territory, organisation, sector."),
    "na_table_no_rows": ("В файле «{name}» только строка заголовков, участников в нём нет.",
                         "The file '{name}' holds only the headings line, no attendance."),
    "na_table_bad_xlsx": ("Файл «{name}» не открывается как книга Excel: он повреждён или это не .xlsx. "
                          "Откройте его в Excel и сохраните заново («Сохранить как» → «Книга Excel» или "
                          "«CSV UTF-8»), потом загрузите снова.",
                          "The file '{name}' does not open as an Excel workbook: it is damaged or not an "
                          ".xlsx. Open it in Excel, save it again (Save As → Excel Workbook or CSV UTF-8) and "
                          "upload it again."),
    "na_table_binary": ("Файл «{name}» — не таблица (похоже на картинку, архив или документ). Нужна таблица "
                        "Excel (.xlsx) или CSV.",
                        "The file '{name}' is not a table (it looks like a picture, an archive or a "
                        "document). Upload an Excel (.xlsx) or CSV table."),
    "na_table_encoding": ("Текст файла «{name}» не читается: сохраните его в Excel как «CSV UTF-8» и "
                          "загрузите снова.",
                          "The text of '{name}' cannot be read: save it from Excel as CSV UTF-8 and upload it "
                          "again."),
    "na_table_broken": ("Файл «{name}» не читается как таблица CSV (строки разной длины или незакрытая "
                        "кавычка). Откройте его в Excel, сохраните заново и загрузите снова.",
                        "The file '{name}' does not read as a CSV table (lines of different lengths or a "
                        "quote left open). Open it in Excel, save it again and upload it again."),
    "na_table_cannot_read": ("Файл «{name}» не удалось прочитать; загрузите его снова.",
                             "The file '{name}' could not be read; upload it again."),
    "na_table_too_big": ("Файл «{name}» слишком большой для страницы: {size} МБ, а можно до {limit} МБ. "
                         "Разделите список на части (например, по годам) и загрузите их по одной.",
                         "The file '{name}' is too big for the page: {size} MB, the limit is {limit} MB. "
                         "Split the list (by year, say) and upload the parts one by one."),
    "na_table_unpacks_too_big": ("Книга Excel «{name}» слишком большая для страницы: {size} МБ в "
                                 "распакованном виде, а можно до {limit} МБ. Удалите лишние листы или "
                                 "разделите список на части.",
                                 "The workbook '{name}' is too big for the page: {size} MB unpacked, the limit "
                                 "is {limit} MB. Delete the sheets you do not need or split the list."),
    "na_unknown_sectors": ("{n} {n|строка|строки|строк} с незнакомой сферой: {values}. Сферы страницы: "
                           "{known}. Эти строки сохранили сферу как в файле и в фильтре «Сфера» стоят "
                           "отдельно; чтобы считать их вместе с другими, исправьте сферу в файле и загрузите "
                           "его снова.",
                           "{n} {n|row|rows} with a sector the page does not know: {values}. The page's "
                           "sectors: {known}. These rows keep the sector as written and stand apart in the "
                           "Sector filter; to count them with the others, correct the sector in the file and "
                           "upload it again."),
    "na_value_rows": ("{value} ({n})", "{value} ({n})"),
    "na_territory": ("Территория", "Territory"),
    "na_sector": ("Сфера", "Sector"),
    "na_all": ("все", "all"),
    "na_date_from": ("С даты", "From"),
    "na_date_to": ("По дату", "To"),
    "na_date_hint": ("ДД.ММ.ГГГГ", "YYYY-MM-DD"),
    # dates typed by staff (workbench.dates): the analysis filters, the draft editor's dates
    "date_unreadable": ("Дата «{text}» не распознана: введите её как ДД.ММ.ГГГГ, например 01.07.2024",
                        "Date '{text}' not understood: type it as YYYY-MM-DD or DD.MM.YYYY, e.g. 2024-07-01"),
    "date_impossible": ("Такой даты нет: «{text}». Проверьте день и месяц",
                        "There is no such date: '{text}'. Check the day and the month"),
    "na_reset": ("Сбросить фильтры", "Reset filters"),
    "na_nothing": ("Под фильтры не подходит ни одна запись", "No rows match the filters"),
    "na_summary": ("Людей: {people} · мероприятий: {events} · организаций: {organisations} · "
                   "территорий: {territories} · связей: {ties} · сообществ: {communities}",
                   "People: {people} · events: {events} · organisations: {organisations} · "
                   "territories: {territories} · ties: {ties} · communities: {communities}"),
    "na_summary_edges": ("Список связей: узлов {nodes} · связей {ties} · территорий {territories} · "
                         "сообществ {communities}",
                         "Edge list: nodes {nodes} · ties {ties} · territories {territories} · "
                         "communities {communities}"),
    "na_top_nodes": ("Узлы сети с самыми сильными связями", "Nodes with the strongest ties"),
    "na_edges_note": ("Список связей, как его читает `workbench network`: связей — с кем узел связан; "
                      "сила связей — сумма весов. Мероприятий, повторного участия и роста в нём нет.",
                      "An edge list, read as `workbench network` reads it: ties, how many others a node "
                      "is tied to; tie strength, the sum of the weights. It has no events, repeat "
                      "attendance or growth."),
    "na_ties_list": ("Связи", "Ties"),
    "na_col_node": ("Имя или название", "Name"),
    "na_col_tie_from": ("Кто", "Source"),
    "na_col_tie_to": ("С кем", "Target"),
    "na_col_tie_weight": ("Вес", "Weight"),
    "na_col_tie_kind": ("Тип", "Kind"),
    "na_matching": ("Объединено написаний имён: {merged}; спорных совпадений без решения: {undecided}",
                    "Spellings merged: {merged}; uncertain matches left to decide: {undecided}"),
    "na_approx": ("Связующая роль оценена по выборке", "Betweenness estimated from a sample"),
    "na_tab_people": ("Люди", "People"),
    "na_tab_brokers": ("Связующие", "Brokers"),
    "na_tab_communities": ("Сообщества", "Communities"),
    "na_tab_orgs": ("Организации", "Organisations"),
    "na_tab_repeat": ("Повторное участие", "Repeat attendance"),
    "na_tab_growth": ("Рост", "Growth"),
    "na_tab_map": ("Карта сети", "Network map"),
    "na_tab_matches": ("Совпадения имён", "Name matches"),
    "na_tab_export": ("Выгрузка", "Export"),
    "na_top_weighted": ("Больше всего встреч со знакомыми", "Most meetings with others"),
    "na_meetings_note": ("Знакомых — сколько разных людей человек встретил на мероприятиях; встреч со "
                         "знакомыми — сколько раз: кто был с ним на трёх мероприятиях, считается трижды.",
                         "People met: how many different people they met at events; meetings with "
                         "others: how many times, someone met at three events counting three times."),
    "na_top_betweenness": ("Посредники: через них связаны другие", "Go-betweens: others are linked through them"),
    "na_no_go_betweens": ("Посредников нет: все, кто связан через общих знакомых, знакомы и напрямую.",
                          "No go-betweens: everyone linked through someone is also linked directly."),
    # an edge list's go-betweens: its ends (organisations, people), tied by the list's ties
    "na_top_betweenness_nodes": ("Посредники: через эти узлы связаны другие",
                                 "Go-betweens: others are tied through these nodes"),
    "na_no_go_betweens_nodes": ("Посредников нет: все узлы, связанные через другой узел, связаны и напрямую.",
                                "No go-betweens: every node tied through another is also tied directly."),
    "na_brokers_note": ("Люди, чьи связи охватывают несколько территорий",
                        "People whose ties reach several territories"),
    "na_brokers_note_nodes": ("Узлы (организации, люди), чьи связи охватывают несколько территорий",
                              "Nodes (organisations, people) whose ties reach several territories"),
    "na_sector_mix": ("Состав сообществ по сферам", "Sector mix of the communities"),
    "na_repeat_note": ("Сколько людей побывали на скольких мероприятиях",
                       "How many people attended how many events"),
    "na_orgs_note": ("Организации, связанные общими участниками и мероприятиями. Связанных организаций — "
                     "со сколькими организациями есть общие люди или мероприятия; сила связей — сумма "
                     "по ним: общих мероприятий плюс общих людей.",
                     "Organisations tied by shared members and events. Organisations linked: how many "
                     "organisations share people or events with it; tie strength: the sum over them of "
                     "events shared plus people shared."),
    "na_focus": ("Человек", "Person"),
    "na_zoom": ("Масштаб", "Zoom"),
    "na_map_note": ("Наведите на точку, чтобы увидеть имя; выберите человека, чтобы увидеть его связи",
                    "Hover over a dot for the name; choose a person to see their ties"),
    "na_events_of": ("Мероприятия", "Events"),
    "na_ties_of": ("Самые сильные связи (общих мероприятий)", "Strongest ties (events together)"),
    "na_ties_of_nodes": ("Самые сильные связи (вес по списку)", "Strongest ties (weight in the list)"),
    "na_no_matches": ("Спорных совпадений нет", "No uncertain matches"),
    "na_matches_note": ("Похожие имена: решите, один ли это человек. Решение сохраняется.",
                        "Similar names: decide whether they are one person. Decisions are kept."),
    "na_confirm": ("Один человек", "Same person"),
    "na_reject": ("Разные люди", "Different people"),
    "na_pseudonymise": ("Заменить имена кодами ({code}…)", "Replace names by codes ({code}…)"),
    "na_with_contacts": ("Добавить эл. почту и телефоны", "Include e-mails and phones"),
    "na_export_note": ("Таблицы nodes.csv, edges.csv и growth.csv — для Excel: через «;», с десятичной "
                       "запятой; они же — листами в network.xlsx. Файлы {graphs} — для программ анализа сетей "
                       "({gephi}). Адреса эл. почты и телефоны попадают в файлы, только если отметить это "
                       "ниже (персональные данные, 152-ФЗ); с кодами вместо имён их нет ни в одном файле.",
                       "nodes.csv, edges.csv and growth.csv are for Excel; the same tables are the sheets of "
                       "network.xlsx. The {graphs} files are for network analysis software ({gephi}). E-mails "
                       "and phones go into the files only when ticked below (personal data); with codes "
                       "instead of names they are in no file."),
    # added to na_export_note when the export writes organisations_merged.csv
    "na_export_note_orgs": ("Организации, записанные по-разному и объединённые в одну, — в {file} (так же для "
                            "Excel) и на листе «{sheet}» в network.xlsx.",
                            "The organisations written more than one way and merged as one are in {file} (for "
                            "Excel too) and on the sheet “{sheet}” of network.xlsx."),
    "na_export": ("Выгрузить", "Export"),
    "na_exported": ("Записано файлов: {n}, папка {folder}", "Wrote {n} {n|file|files} to {folder}"),
    "na_col_label": ("Имя", "Name"),
    "na_col_territory": ("Территория", "Territory"),
    "na_col_organisation": ("Организация", "Organisation"),
    "na_col_sector": ("Сфера", "Sector"),
    "na_col_events": ("Мероприятий", "Events"),
    "na_col_degree": ("Связей", "Ties"),
    "na_col_weighted_degree": ("Сила связей", "Tie strength"),
    # the people table: a person's degree and weighted degree in words (see `na_meetings_note`)
    "na_col_people_met": ("Знакомых", "People met"),
    "na_tip_people_met": ("Сколько разных людей человек встретил на мероприятиях",
                          "How many different people they met at events"),
    "na_col_meetings": ("Встреч со знакомыми", "Meetings with others"),
    "na_tip_meetings": ("Сколько раз человек встретил других: каждого знакомого столько раз, на скольких "
                        "мероприятиях они были вместе",
                        "How many times they met others: each person as many times as the events "
                        "they attended together"),
    "na_col_orgs_linked": ("Связанных организаций", "Organisations linked"),
    "na_col_tie_strength": ("Сила связей", "Tie strength"),
    "na_tip_tie_strength": ("Сумма по связанным организациям: общих мероприятий плюс общих людей",
                            "The sum over linked organisations of events shared plus people shared"),
    "na_col_betweenness": ("Связующая роль", "Go-between role"),
    "na_col_community": ("Сообщество", "Community"),
    "na_col_n_territories": ("Территорий", "Territories"),
    "na_col_territories": ("Охват", "Reach"),
    "na_col_cross_ties": ("Связей с другими территориями", "Ties across territories"),
    "na_col_ties": ("Связей", "Ties"),
    "na_col_size": ("Людей", "People"),
    "na_col_main_sector": ("Главная сфера", "Main sector"),
    "na_col_most_connected": ("Самые связанные", "Most connected"),
    "na_col_members": ("Участников", "Members"),
    "na_col_partners": ("Партнёрств", "Partnerships"),
    # organisations written differently, merged as one (workbench.network.organisations)
    "na_org_merges": ("Объединены как одна организация", "Merged as one organisation"),
    "na_org_merges_note": ("Разные написания одной организации: регистр, кавычки, знаки и форма (НКО, АНО, МБУ, "
                           "ООО, ТОС…) не различают организации; «Фонд Родник» и «Родник» остаются разными. Общие "
                           "названия («Администрация», «Школа № 1») объединяются только внутри одной территории. "
                           "Чтобы поправить: скачайте orgs.csv, впишите в столбце «Организация» нужное название "
                           "(пустая клетка — не объединять это написание ни с чем) и загрузите файл той же кнопкой, "
                           "что и списки участников. Список действует для всех списков (хранится в папке данных: {file}).",
                           "Spellings of one organisation: case, quotes, signs and the legal form (НКО, АНО, МБУ, "
                           "ООО, ТОС…) do not tell organisations apart; «Фонд Родник» and «Родник» stay apart. "
                           "Generic names («Администрация», «Школа № 1») are merged only within one territory. "
                           "To correct it: download orgs.csv, write the right name in the 'organisation' column "
                           "(an empty cell keeps that spelling apart from all others) and upload the file with the "
                           "same button as attendance lists. The list applies to every list (kept in the data folder as {file})."),
    "na_org_list": ("Список написаний для правки:", "The spellings, to edit:"),
    "na_orgs_saved": ("Список написаний организаций «{name}» сохранён ({n} {n|строка|строки|строк}) и действует для "
                      "всех списков", "The list of organisation spellings '{name}' is saved ({n} {n|row|rows}) and "
                      "applies to every list"),
    "na_org_merge_toggle": ("Объединять написания организаций", "Merge spellings of organisations"),
    "na_org_no_merges": ("Разных написаний одной организации не найдено", "No organisation is written more than one way"),
    "na_col_spellings": ("Написания (строк)", "Spellings (rows)"),
    "na_col_rows": ("Строк", "Rows"),
    "na_col_reason": ("Почему", "Why"),
    "org_reason_key": ("то же название", "the same name"),
    "org_reason_slip": ("то же название, одна буква отличается", "the same name, one letter differs"),
    "org_reason_alias": ("по списку сотрудников", "the staff's list"),
    "na_col_people": ("Людей", "People"),
    "na_col_date": ("Дата", "Date"),
    "na_col_participants": ("Участников", "Participants"),
    "na_col_new_people": ("Новых", "New"),
    "na_col_returning_people": ("Вернувшихся", "Returning"),
    "na_col_cumulative_people": ("Всего людей", "People so far"),
    "na_col_largest_component": ("В крупнейшей связной группе", "In the largest connected group"),
    "na_col_largest_component_share": ("Доля", "Share"),
    "na_col_total": ("Всего", "Total"),
    "na_col_pagerank": ("Вес в сети", "PageRank"),
    "na_col_core_number": ("Ядро сети", "Core number (k-core)"),
    "na_col_email": ("Эл. почта", "E-mail"),
    "na_col_phone": ("Телефон", "Phone"),
    "na_col_event": ("Мероприятие", "Event"),
    "na_col_edge_source": ("Участник", "Person"),
    "na_col_edge_target": ("Связан(а) с", "Tied to"),
    "na_col_edge_weight": ("Общих мероприятий", "Events together"),
    "na_col_edge_strength": ("Сила связи", "Tie strength"),
    # the tables of `workbench network` (workbench.network.pipeline.output_table)
    "net_col_id": ("Код", "Id"),
    "net_col_kind": ("Тип", "Kind"),
    "net_col_node": ("Имя или название", "Name"),
    "net_col_source": ("Кто", "Source"),
    "net_col_target": ("С кем", "Target"),
    "net_col_weight": ("Вес", "Weight"),
    "net_col_betweenness_approx": ("Связующая роль по выборке", "Go-between role from a sample"),
    "net_col_betweenness_sources": ("Размер выборки", "Sample size"),
    "net_col_backbone_degree": ("Связей на карте", "Ties on the map"),
    # the column «Тип» of `workbench network`'s tables: what a node or a tie is
    "net_type_person": ("Человек", "Person"),
    "net_type_organisation": ("Организация", "Organisation"),
    "net_type_event": ("Мероприятие", "Event"),
    "net_type_group": ("Группа", "Group"),
    "net_type_node": ("Узел сети", "Node"),  # an edge list's end: the command counts «узлов»/"nodes"
    "net_type_tie": ("Связь", "Tie"),
    "net_yes": ("да", "yes"),
    "net_no": ("нет", "no"),
    "na_sheet_nodes": ("Люди", "People"),
    "na_sheet_edges": ("Связи", "Ties"),
    "na_sheet_growth": ("Рост", "Growth"),
    "na_sheet_organisations_merged": ("Объединённые организации", "Merged organisations"),
    "na_col_diversity": ("Разнообразие", "Diversity"),
    "na_reason_similar_name": ("похожее имя", "similar name"),
    "na_reason_initials": ("инициалы", "initials"),
    "na_reason_same_name_different_contacts": ("то же имя, другие контакты",
                                               "same name, different contacts"),
    "na_reason_same_email_different_name": ("та же почта, другое имя", "same e-mail, different name"),
    "na_reason_same_phone_different_name": ("тот же телефон, другое имя", "same phone, different name"),
    # statements and the opinion map
    "stage_statements": ("Утверждения", "Statements"),
    "stage_statements_prompt": ("Согласны ли вы с утверждением?", "Do you agree with the statement?"),
    # The answers read alike for everyone: "Согласен" was masculine only (the question above them
    # asks "Согласны ли вы…?", so a plain yes or no answers it)
    "agree": ("Да", "Agree"),
    "disagree": ("Нет", "Disagree"),
    "pass": ("Пропустить", "Pass"),
    "statement_progress": ("Утверждение {i} из {n}", "Statement {i} of {n}"),
    "statements_done": ("Спасибо! Вы ответили на все утверждения", "Thank you! You have answered every statement"),
    "to_statements": ("В утверждения", "To statements"),
    "copied_n": ("Скопировано в утверждения: {n}", "Copied to statements: {n}"),
    "opinion_map": ("Карта мнений", "Opinion map"),
    "consensus": ("С чем согласны все", "What everyone agrees on"),
    "consensus_none": ("Пока нет утверждения, с которым согласны все", "No statement everyone agrees on yet"),
    "group_n": ("Группа {n}", "Group {n}"),
    "people_n": ("человек: {n}", "people: {n}"),
    "too_few_votes": ("Пока мало голосов для карты мнений", "Too few votes for an opinion map yet"),
    "agree_short": ("за", "agree"),
    "disagree_short": ("против", "disagree"),
    "pass_short": ("пропуск", "pass"),
    # more ways to decide
    "rating_invalid": ("Оценка «{field}» должна быть от 1 до 5", "The '{field}' rating must be 1 to 5"),
    "ranking_invalid": ("Расставьте идеи по порядку, каждую один раз", "Put the ideas in order, each once"),
    "method": ("Способ", "Method"),
    "method_dots": ("Голоса (точки)", "Dots"),
    "method_matrix": ("Важность × выполнимость", "Impact × feasibility"),
    "method_pairwise": ("Попарное сравнение", "Pairwise comparison"),
    "method_ranking": ("Ранжирование", "Ranking"),
    "method_dots_prompt": ("Отдайте свои голоса лучшим идеям", "Give your dots to the best ideas"),
    "method_matrix_prompt": ("Оцените каждую идею: насколько важна и насколько выполнима",
                             "Rate each idea: how important, how feasible"),
    "method_pairwise_prompt": ("Что важнее для территории? Выбирайте из двух",
                               "Which matters more for our area? Pick one of each pair"),
    "method_ranking_prompt": ("Расставьте идеи по важности", "Put the ideas in order of importance"),
    # the same questions when the room votes on groups of ideas (`voting.prompt_key`)
    "method_dots_groups_prompt": ("Отдайте свои голоса лучшим группам", "Give your dots to the best groups"),
    "method_matrix_groups_prompt": ("Оцените каждую группу: насколько важна и насколько выполнима",
                                    "Rate each group: how important, how feasible"),
    "method_ranking_groups_prompt": ("Расставьте группы по важности", "Put the groups in order of importance"),
    "impact": ("Важность", "Impact"),
    "feasibility": ("Выполнимость", "Feasibility"),
    "quick_wins": ("Быстрые победы", "Quick wins"),
    "big_bets": ("Большие ставки", "Big bets"),
    "fill_ins": ("Мелкие дела", "Fill-ins"),
    "not_now": ("Не сейчас", "Not now"),
    "raters_n": ("оценили: {n}", "rated by {n}"),
    "rate": ("Оценить", "Rate"),
    "rated": ("Оценено ✓", "Rated ✓"),
    "which_matters": ("Что важнее для территории?", "Which matters more for our area?"),
    "cant_decide": ("Не могу выбрать", "Can't decide"),
    "pairs_done": ("Спасибо! Все пары сравнены", "Thank you! You have compared every pair"),
    "judged_n": ("Сравнений: {n}", "Comparisons: {n}"),
    "rank_hint": ("Нажимайте идеи по порядку важности: первая — самая важная",
                  "Tap the ideas in order of importance: the first is the most important"),
    "rank_hint_groups": ("Нажимайте группы по порядку важности: первая — самая важная",
                         "Tap the groups in order of importance: the first is the most important"),
    # a ranking whose question is a template's or the facilitator's own (what it ranks is theirs to say)
    "rank_hint_own": ("Нажимайте по порядку: первое нажатое займёт первое место",
                      "Tap them in order: the first you tap takes place 1"),
    "rank_reset": ("Сначала", "Start over"),
    "rank_send": ("Отправить порядок", "Send the order"),
    "rank_left": ("Осталось расставить: {n}", "Left to place: {n}"),
    "ballot_sending": ("Отправляется… Подождите, кнопки снова станут синими", "Sending… wait for the buttons to turn blue again"),
    "results_none": ("Никто не проголосовал — результатов нет", "Nobody voted: no results"),
    "ranked": ("Ваш порядок принят", "Your order is saved"),
    "score": ("Оценка", "Score"),
    "strength": ("Сила идеи (90 %)", "Strength (90%)"),
    "protocol_strength": ("Сила идеи", "Strength"),
    "protocol_interval": ("Интервал 90 %", "90% interval"),
    "points": ("Баллы Борда", "Borda points"),
    "first_places": ("Первых мест", "First places"),
    "another_phone_open_panel": ("Сел телефон или его нет…", "A phone died, or there is none…"),
    "another_phone_close": ("Скрыть: сел телефон или его нет", "Hide: a phone died, or there is none"),
    "another_phone_label": ("Сел телефон или его нет:", "A phone died, or there is none:"),
    "another_phone_pick": ("чья страница?", "whose page?"),
    "another_phone_button": ("Страница участника", "Participant's page"),
    "another_phone_choice": ("{person} · вход в {at}", "{person} · joined at {at}"),
    "another_phone_nameless": ("Участник без имени № {n}", "Unnamed participant No. {n}"),
    "another_phone_open": ("«{name}»: откройте ссылку здесь, на ноутбуке, или сканируйте QR-код другим телефоном: "
                           "это страница участника со всеми его карточками, голосами и командой. Входить заново не "
                           "нужно (это был бы второй человек с новыми голосами). {link}",
                           "“{name}”: open the link here on the laptop, or scan the QR code with another phone: it is "
                           "the participant's page with all their cards, votes and team. Do not join again (that "
                           "would be a second person with new votes). {link}"),
    "another_phone_came": ("Телефон подключён: {name}. QR-код убран", "Phone connected: {name}. The QR code is taken down"),
    "another_phone_expired": ("QR-код для «{name}» убран через {minutes} мин.: он открывает чужую страницу. "
                              "Нужен снова — нажмите «Страница участника»",
                              "The QR code for “{name}” was taken down after {minutes} min: it opens someone's page. "
                              "Need it again? Press “Participant's page”"),
    "another_phone_unknown": ("Такого участника в этой сессии нет (бумажный бюллетень открывается своей ссылкой)",
                              "No such participant in this session (a paper ballot has its own link)"),
    "phoneless_label": ("Без телефона:", "Without a phone:"),
    "phoneless_name": ("Имя и фамилия", "Name"),
    "phoneless_organisation": ("Организация (можно пусто)", "Organisation (may be empty)"),
    "phoneless_add": ("Добавить участника", "Add the participant"),
    "phoneless_name_needed": ("Впишите имя участника без телефона: по нему его найдут в списке, командах и протоколе",
                              "Type the name of the participant without a phone: the list, the teams and the "
                              "protocol name them by it"),
    "moved_banner": ("Страница участника: {name}. Ваша — по обычной ссылке сессии",
                     "Participant's page: {name}. Yours opens from the session's usual link"),
    "paper_ballot": ("Бумажный бюллетень", "Paper ballot"),
    "paper_ballot_n": ("Бюллетень {n}", "Ballot {n}"),
    "paper_open": ("Откройте и заполните бюллетень: {link}", "Open and fill in the ballot: {link}"),
    "paper_banner": ("Бумажный бюллетень: заполняет ассистент", "Paper ballot: entered by an assistant"),
    "paper_banner_n": ("{name} (бумажный): заполняет ассистент", "{name} (on paper): entered by an assistant"),
    "paper_filled": ("Этот бюллетень уже заполнен: изменения заменят его",
                     "This ballot is already filled in: changes will replace it"),
    "paper_next": ("Готово — следующий бюллетень", "Done — next ballot"),
    "paper_next_offline": ("Нет связи: следующий бюллетень ещё не открыт. Он откроется сам, как только связь "
                           "вернётся.",
                           "No connection: the next ballot is not open yet. It opens by itself as soon as the "
                           "connection is back."),
    "paper_half_rated": ("У идеи «{text}» одна оценка из двух: поставьте вторую или нажмите «Готово» ещё раз, "
                         "чтобы оставить её без оценки",
                         "“{text}” has one rating of two: add the other or press “Done” again to leave it unrated"),
    "paper_ballot_empty": ("Бюллетень пуст: отметьте на нём голоса, прежде чем переходить к следующему",
                           "This ballot is empty: mark its votes before going to the next one"),
    "paper_only": ("Следующий бюллетень открывается только со страницы бумажного бюллетеня",
                   "Only a paper ballot's page opens the next ballot"),
    "download": ("Скачать", "Download"),
    "protocol_raters": ("Оценили", "Raters"),
    "protocol_quadrant": ("Квадрант", "Quadrant"),
    "protocol_wins": ("Победы", "Wins"),
    "protocol_losses": ("Поражения", "Losses"),
    "protocol_result": ("Результат", "Result"),
    "protocol_paper_n": ("Из них бумажных бюллетеней: {n}", "Of these, paper ballots: {n}"),
    # projector tools
    # the laptop's own look at the words; the display's "Облако слов" is display_mode_cloud
    "word_cloud": ("Частые слова", "Frequent words"),
    "find_duplicates": ("Найти повторы", "Find duplicates"),
    "merge_duplicates": ("Объединить повторы", "Merge duplicates"),
    "duplicates_n": ("Повторов: {n} — снимите галочку с того, что не повтор, и нажмите «Объединить повторы»",
                     "Duplicates: {n}. Untick what is not a repeat, then press Merge duplicates"),
    "duplicate_set_n": ("Повтор {n}: объединить", "Repeat {n}: merge"),
    "merge_none_ticked": ("Не отмечено ни одного повтора: оставьте галочки хотя бы у двух карточек одного повтора",
                          "No repeat is ticked: leave at least two cards of one repeat ticked"),
    "show_mode": ("Режим показа", "Show mode"),
    # teams
    "join_team": ("В команду", "Join the team"),
    "in_team": ("Вы в этой команде", "You are in this team"),
    "team_leave": ("Выйти из команды", "Leave the team"),
    "team_leave_named": ("Выйти из команды «{team}»", "Leave the team “{team}”"),
    "team_you_lead": ("Вы — лидер этой команды", "You lead this team"),
    "i_lead": ("Я буду лидером", "I will lead"),
    "leader": ("лидер", "leader"),
    "members_n": ("В команде: {n}", "Members: {n}"),
    "no_team_options": ("Идей для команд пока нет", "No ideas to form teams around yet"),
    # --- issue 13, robustness: a failed panel, API errors, logout (ui/projector.py, web/server.py)
    "panel_failed": ("Эту панель не удалось показать ({error}); остальное работает. Переключите этап "
                     "или скройте карточку, из-за которой ошибка.",
                     "This panel could not be shown ({error}); the rest works. Switch the stage "
                     "or hide the card that caused it."),
    "body_too_large": ("Слишком большой запрос: не больше {max} байт", "Request too large: at most {max} bytes"),
    "storage_full": ("Ответ не сохранён: на компьютере ведущего кончилось место (или сбой диска). Скажите ведущему",
                     "Your answer was not saved: the facilitator's computer is out of disk space (or its disk "
                     "fails). Tell the facilitator"),
    "storage_full_view": ("Не сохранено: на диске кончилось место (или сбой диска). Введённое осталось на странице: "
                          "освободите место и повторите",
                          "Not saved: the disk is full (or failing). What you typed is still on the page: free "
                          "some space and try again"),
    "storage_full_projector": ("Ответы с телефонов не сохраняются: кончилось место на диске (или сбой диска)",
                               "Answers from phones are not being saved: the disk is full (or failing)"),
    # a database that cannot be reached (PostgreSQL restarting, SQLite locked past its timeout): 503
    "server_unavailable": ("Сервер временно недоступен: база данных не отвечает. Попробуйте через минуту",
                           "The server is temporarily unavailable: the database is not answering. Try again "
                           "in a minute"),
    "server_unavailable_title": ("Сервер временно недоступен", "Server temporarily unavailable"),
    "page_try_again": ("Попробовать снова", "Try again"),
    "server_error": ("Внутренняя ошибка сервера. Попробуйте ещё раз; если повторится, скажите ведущему",
                     "Internal server error. Try again; if it happens again, tell the facilitator"),
    "store_unreachable_projector": ("База данных не отвечает: ответы с телефонов не сохраняются, действия "
                                    "здесь не выполняются. Ждём, когда она вернётся…",
                                    "The database is not answering: answers from phones are not saved and "
                                    "actions here are not done. Waiting for it to come back…"),
    "logged_out": ("Вы вышли. Чтобы войти снова, откройте ссылку ведущего с токеном.",
                   "You are logged out. To log in again, open the facilitator's link with the token."),
    # --- issue 13, one person one budget: join limits, pairwise cap (session/phone.py, voting.py)
    "session_full": ("В сессии уже {n} {n|участник|участника|участников}: больше присоединиться нельзя, скажите ведущему",
                     "The session already has {n} {n|participant|participants}: no one else can join, tell the facilitator"),
    "join_too_many": ("С этого адреса присоединяются слишком часто: подождите {seconds} с",
                      "Too many joins from this address: wait {seconds} s"),
    # --- the flood review: limits per device's address (session/phone.py), cleaning up (session/cleanup.py)
    "join_too_many_device": ("С этого устройства уже входили несколько раз подряд: подождите {seconds} с. "
                             "Если вы уже в сессии, откройте её в том же браузере, что и раньше",
                             "This device has joined several times in a row: wait {seconds} s. If you are in "
                             "the session already, open it in the same browser as before"),
    "cards_too_many_device": ("С этого устройства приходит слишком много карточек: подождите {seconds} с",
                              "Too many cards from this device: wait {seconds} s"),
    "cleanup_open": ("Убрать накрутку…", "Remove fake participants…"),
    "cleanup_close": ("Скрыть панель «Убрать накрутку»", "Close “Remove fake participants”"),
    "cleanup_minutes_label": ("За последние, мин", "In the last minutes"),
    "cleanup_summary": ("вошли {joined}, из них прислали карточки {with_cards} (карточек: {cards}), "
                        "ничего не прислали {idle}",
                        "joined: {joined}; of them sent cards: {with_cards} (cards: {cards}); sent nothing: {idle}"),
    "cleanup_authors": ("Убрать авторов отмеченных карточек", "Remove the authors of the ticked cards"),
    "cleanup_recent": ("Убрать всех, кто вошёл за эти минуты", "Remove everyone who joined in these minutes"),
    "cleanup_idle": ("Убрать вошедших за эти минуты, кто ничего не прислал",
                     "Remove those who joined in these minutes and sent nothing"),
    "cleanup_select_cards": ("Отметьте ✓ карточки, авторов которых нужно убрать",
                             "Tick ✓ the cards whose authors are to go"),
    "cleanup_ask_authors": ("Убрать {n} {n|участника|участника|участников} (отмечено карточек: {cards}): все их карточки "
                            "скроются, их голоса и оценки не будут учитываться, в числе участников их не будет. "
                            "Отменить это нельзя.",
                            "Remove {n} {n|participant|participants} (cards ticked: {cards}): all their cards are hidden, their "
                            "votes and scores no longer count, they leave the count of participants. This cannot be undone."),
    "cleanup_ask_recent": ("Убрать {n} {n|участника|участника|участников}, вошедших за {minutes} мин, и скрыть их карточки "
                           "({cards}), голоса и оценки? Отменить это нельзя.",
                           "Remove the {n} {n|participant who|participants who} joined in the last {minutes} min, and hide their "
                           "cards ({cards}), votes and scores? This cannot be undone."),
    "cleanup_ask_idle": ("Убрать {n} {n|участника|участника|участников}, вошедших за {minutes} мин и ничего не приславших? "
                         "Если это живой человек, его телефон попросит войти заново.",
                         "Remove the {n} {n|participant who|participants who} joined in the last {minutes} min and sent nothing? "
                         "A real person's phone will ask them to join again."),
    "cleanup_yes": ("Да, убрать", "Yes, remove"),
    "cleanup_no": ("Отмена", "Cancel"),
    "cleanup_done": ("Убрано участников: {n}, скрыто карточек: {cards}", "Removed participants: {n}; cards hidden: {cards}"),
    "cleanup_minutes": ("Число минут — от 1 до {max}", "Minutes: from 1 to {max}"),
    "pairwise_enough": ("Спасибо: вы уже ответили {n} {n|раз|раза|раз}, этого достаточно",
                        "Thank you: you have answered {n} {n|time|times}, that is enough"),
    "joins_per_minute": ("+{n} за минуту", "+{n} in the last minute"),
    # --- project drafts, their pipeline, exports and the session protocol (drafts.py, exports.py,
    # store/drafts.py, ui/draft_editor.py)
    "draft_f_title": ("Название проекта", "Project title"),
    "draft_f_territory": ("Территория реализации", "Territory"),
    "draft_f_problem": ("Описание проблемы", "The problem"),
    "draft_f_relevance": ("Актуальность и социальная значимость (с цифрами)",
                          "Relevance and significance (with figures)"),
    "draft_f_causes": ("Причины проблемы", "Causes of the problem"),
    "draft_f_consequences": ("Последствия, если проблему не решать", "Consequences of leaving it unsolved"),
    "draft_f_target_groups": ("Целевые группы", "Target groups"),
    "draft_f_goal": ("Цель проекта", "Goal of the project"),
    "draft_f_tasks": ("Задачи проекта", "Tasks"),
    "draft_f_activities": ("Календарный план мероприятий", "Activity plan"),
    "draft_f_team": ("Команда проекта", "Project team"),
    "draft_f_partners": ("Партнёры проекта", "Partners"),
    "draft_f_quantitative_results": ("Количественные результаты", "Quantitative results"),
    "draft_f_qualitative_results": ("Качественные результаты", "Qualitative results"),
    "draft_f_budget": ("Ресурсы и бюджет", "Resources and budget"),
    "draft_f_sustainability": ("Дальнейшее развитие проекта", "After the project (sustainability)"),
    "draft_c_group": ("Группа", "Group"),
    "draft_c_size": ("Численность (чел.)", "Size (people)"),
    "draft_c_activity": ("Мероприятие", "Activity"),
    "draft_c_task": ("Задача (номер)", "Task (number)"),
    "draft_c_dates": ("Сроки", "Dates"),
    "draft_c_responsible": ("Ответственный", "Responsible"),
    "draft_c_result": ("Результат", "Result"),
    "draft_c_person": ("Участник", "Person"),
    "draft_c_role": ("Роль", "Role"),
    "draft_c_organisation": ("Организация", "Organisation"),
    "draft_c_contribution": ("Вклад партнёра", "Contribution"),
    "draft_c_indicator": ("Показатель", "Indicator"),
    "draft_c_target": ("Целевое значение", "Target value"),
    "draft_c_item": ("Статья расходов", "Item"),
    "draft_c_amount": ("Сумма, руб.", "Amount, RUB"),
    "draft_c_tasks": ("Задача", "Task"),
    "draft_status_idea": ("Идея", "Idea"),
    "draft_status_draft": ("Черновик", "Draft"),
    "draft_status_consultation": ("Консультация", "Consultation"),
    "draft_status_submitted": ("Подана на конкурс", "Submitted"),
    "draft_status_funded": ("Поддержана", "Funded"),
    "draft_status_not_funded": ("Не поддержана", "Not funded"),
    "draft_unknown": ("Проект не найден", "Draft not found"),
    "draft_field_unknown": ("Неизвестное поле «{field}»", "Unknown field '{field}'"),
    "draft_field_invalid": ("Неверное значение поля «{field}»", "Invalid value of field '{field}'"),
    "draft_cell_too_long": ("Поле «{field}», столбец «{column}»: в клетке больше {max} символов",
                            "Field '{field}', column '{column}': a cell is longer than {max} characters"),
    "draft_item_too_long": ("Поле «{field}»: пункт длиннее {max} символов",
                            "Field '{field}': an item is longer than {max} characters"),
    "draft_field_too_long": ("Поле «{field}» длиннее {max} символов",
                             "Field '{field}' is longer than {max} characters"),
    "draft_status_same": ("Статус уже «{name}»: выберите другой или напишите комментарий",
                          "The status is already “{name}”: choose another or write a comment"),
    "draft_title_empty": ("Укажите название проекта", "Give the project a title"),
    "draft_status_unknown": ("Неизвестный статус «{status}»", "Unknown status '{status}'"),
    "draft_changed": ("Проект уже изменили: обновите страницу",
                      "The draft was changed meanwhile: reload the page"),
    "consultation_empty": ("Укажите, кто консультировал, или что обсуждали",
                           "Say who consulted or what was discussed"),
    "team_not_offered": ("На эту идею команда не собирается — выберите идею из списка",
                         "No team forms on this idea: choose one on the list"),
    "team_has_leader": ("У этой команды уже есть лидер", "This team already has a leader"),
    "draft_anonymous": ("Участник без имени", "Unnamed participant"),
    "draft_role_leader": ("руководитель проекта", "project leader"),
    "draft_role_member": ("член команды", "team member"),
    "draft_prefill_relevance": ("Идею поддержали участники сессии «{title}» ({date}): {n} {n|голос|голоса|голосов}.",
                                "At the session “{title}” ({date}), participants gave the idea {n} {n|dot|dots}."),
    "draft_prefill_relevance_undated": ("Идею поддержали участники сессии «{title}»: {n} {n|голос|голоса|голосов}.",
                                        "At the session “{title}”, participants gave the idea {n} {n|dot|dots}."),
    "logic_problem_empty": ("Проблема не описана", "The problem is not described"),
    "logic_relevance_no_figures": ("В актуальности нет цифр: сколько людей затронуто, какие данные это показывают?",
                                   "The relevance has no figures: how many people, what data show it?"),
    "logic_causes_missing": ("Не указаны причины проблемы", "The causes of the problem are missing"),
    "logic_consequences_missing": ("Не сказано, что будет, если проблему не решать",
                                   "It is not said what happens if the problem is left unsolved"),
    "logic_target_groups_missing": ("Не указаны целевые группы", "No target group is named"),
    "logic_target_group_no_size": ("У целевой группы «{group}» не указана численность",
                                   "The target group “{group}” has no size"),
    "logic_goal_missing": ("Нет цели проекта", "The project has no goal"),
    "logic_goal_not_measurable": ("Цель неизмерима: в ней нет числа и срока",
                                  "The goal is not measurable: it has no number and no deadline"),
    "logic_goal_no_number": ("В цели нет числа: чего и сколько станет?", "The goal has no number: how much of what?"),
    "logic_goal_no_deadline": ("В цели нет срока: к какому времени?", "The goal has no deadline: by when?"),
    "logic_goal_several": ("Цель должна быть одна: остальное — задачи",
                           "There should be one goal: the rest are tasks"),
    "logic_tasks_missing": ("Нет задач", "There are no tasks"),
    "logic_activities_missing": ("Нет плана мероприятий", "There is no activity plan"),
    "logic_activity_without_task": ("Мероприятие «{activity}» не относится ни к одной задаче",
                                    "The activity “{activity}” serves no task"),
    "logic_activity_task_no_such": ("Мероприятие «{activity}» относится к задаче {n}, а задач в проекте {count}",
                                    "The activity “{activity}” is for task {n}, but the draft has {count} {count|task|tasks}"),
    "logic_activity_no_dates": ("У мероприятия «{activity}» нет сроков", "The activity “{activity}” has no dates"),
    "logic_activity_no_responsible": ("У мероприятия «{activity}» нет ответственного",
                                      "The activity “{activity}” has nobody responsible"),
    "logic_task_without_activity": ("Для задачи {n} «{task}» нет ни одного мероприятия",
                                    "Task {n} “{task}” has no activity"),
    "logic_team_missing": ("Не указана команда проекта", "The project team is missing"),
    "logic_team_joined": ("На сессии в команду вошли, а в проекте их нет: {names}",
                          "Joined the team at the session but missing from the draft: {names}"),
    "logic_team_left": ("В проекте указаны, но на сессии не в этой команде: {names}",
                        "In the draft but not in this team at the session: {names}"),
    "logic_team_leader_changed": ("Лидер команды на сессии — {name}, а в проекте руководитель — {old}",
                                  "The team's leader at the session is {name}, but the draft names {old} as leader"),
    "logic_team_leader_missing": ("Лидер команды на сессии — {name}, а в проекте руководитель не указан",
                                  "The team's leader at the session is {name}, but the draft names no leader"),
    "logic_partners_missing": ("Нет ни одного партнёра", "There is no partner"),
    "logic_results_missing": ("Нет количественных результатов", "There are no quantitative results"),
    "logic_result_no_number": ("У результата «{indicator}» нет числа", "The result “{indicator}” has no number"),
    "logic_qualitative_missing": ("Не описаны качественные результаты: что изменится?",
                                  "Qualitative results are missing: what will change?"),
    "logic_budget_no_amount": ("У статьи «{item}» не указана сумма", "The budget line “{item}” has no amount"),
    "logic_budget_amount_unreadable": (
        "Сумма «{text}» у статьи «{item}» не распознана: напишите числом, например 120 000 или 120 тыс.",
        "The amount “{text}” of the budget line “{item}” cannot be read: write a number, e.g. 120 000 or 120 thousand"),
    "logic_budget_amount_negative": (
        "Сумма «{text}» у статьи «{item}» отрицательная: укажите расход положительным числом, например 500",
        "The amount “{text}” of the budget line “{item}” is negative: write the cost as a positive number, e.g. 500"),
    "logic_budget_amount_too_large": (
        "Сумма «{text}» у статьи «{item}» больше триллиона рублей: проверьте, нет ли лишних цифр",
        "The amount “{text}” of the budget line “{item}” is over a trillion roubles: check for extra digits"),
    "logic_sustainability_missing": ("Не сказано, что будет после проекта",
                                     "It is not said what happens after the project"),
    "logic_ok": ("Логика проекта без замечаний", "No findings: the logic holds"),
    "logic_title": ("Проверка логики", "Logic check"),
    "draft_add_row": ("Добавить строку", "Add a row"),
    "draft_remove_row": ("Удалить", "Remove"),
    "draft_saved": ("Сохранено", "Saved"),
    "draft_save": ("Сохранить всё", "Save all"),
    "draft_status": ("Статус", "Status"),
    "draft_status_date": ("Дата", "Date"),
    "draft_status_note": ("Комментарий", "Note"),
    "draft_date_hint": ("ДД.ММ.ГГГГ", "YYYY-MM-DD"),
    "draft_set_status": ("Изменить статус", "Set status"),
    "draft_status_log": ("История статусов", "Status history"),
    "draft_consultations": ("Консультации", "Consultations"),
    "draft_consult_who": ("Кто консультировал", "Who"),
    "draft_consult_notes": ("Что обсуждали", "Notes"),
    "draft_consult_add": ("Записать консультацию", "Log a consultation"),
    "draft_staff": ("Для сотрудников", "For staff"),
    "draft_export_md": ("Скачать Markdown", "Download Markdown"),
    "draft_export_docx": ("Скачать DOCX", "Download DOCX"),
    "draft_export_ready": ("Файл готов: {name}", "File ready: {name}"),
    "draft_list": ("Проекты", "Project drafts"),
    "draft_none": ("Проектов пока нет", "No drafts yet"),
    "draft_create_from": ("Создать проект", "Create a draft"),
    "draft_ideas": ("Идеи", "Ideas"),
    "draft_teams": ("Команды", "Teams"),
    # "{method}" is the round's way of voting as a phrase with no brackets of its own
    # (draft_by_*), so no bracket sits inside a bracket
    "draft_ideas_by_round": ("Идеи по итогам «{stage}», {method}", "Ideas by the result of “{stage}”, {method}"),
    "draft_other_ideas_by_round": ("Другие идеи по итогам «{stage}», {method}",
                                   "Other ideas by the result of “{stage}”, {method}"),
    "draft_by_dots": ("голоса точками", "dot votes"),
    "draft_by_matrix": ("важность × выполнимость", "impact × feasibility"),
    "draft_by_pairwise": ("попарное сравнение", "pairwise comparison"),
    "draft_by_ranking": ("ранжирование", "ranking"),
    "draft_other_ideas": ("Другие идеи", "Other ideas"),
    "draft_team_size": ("в команде: {n}", "in the team: {n}"),
    "draft_team_leader": ("лидер: {name}", "leader: {name}"),
    "draft_place": ("место {n}", "place {n}"),
    "draft_created": ("Проект создан: {title}", "Draft created: {title}"),
    "draft_open": ("Открыть", "Open"),
    "draft_team_differs": ("в проекте другой состав", "the draft's team differs"),
    "draft_take_team": ("Взять состав из сессии", "Take the session's team"),
    "draft_no_session_team": ("У этого проекта нет команды на сессии: брать состав неоткуда",
                              "This draft has no team on the session: there is nobody to take"),
    "team_taken": ("Состав команды взят из сессии", "The session's team is in the draft"),
    "team_taken_added": ("добавлены — {names}", "added {names}"),
    "team_taken_removed": ("убраны — {names}", "removed {names}"),
    "team_taken_roles": ("роли обновлены", "roles updated"),
    "team_taken_kept": ("роли, которые вписала команда, не менялись: {names}",
                        "roles the team typed were left as they are: {names}"),
    "draft_exists": ("У этой идеи уже есть проект: «{title}»", "This idea already has a draft: “{title}”"),
    "draft_open_project": ("Открыть проект", "Open the draft"),
    # the draft editor's conflict: staff's copy and what the team (or other staff) saved meanwhile
    "draft_conflict_yours": ("Ваш текст:", "Your text:"),
    "draft_keep_theirs": ("Оставить сохранённый текст", "Keep the saved text"),
    "draft_conflicts": ("Не сохранено: {fields} изменили, пока вы правили. Под полем оба текста: "
                        "выберите, какой оставить",
                        "Not saved: {fields} changed while you were editing. Both texts are under the "
                        "field: choose which to keep"),
    "draft_rows_merged": ("Правки команды в {fields} тоже сохранены", "The team's changes to {fields} were kept too"),
    "draft_empty": ("(пусто)", "(empty)"),
    "draft_back": ("← все проекты", "← all drafts"),
    "draft_issues": ("{n} {n|замечание|замечания|замечаний}", "{n} {n|issue|issues}"),
    "draft_no_issues": ("без замечаний", "no issues"),
    "draft_funnel": ("Воронка проектов", "Draft funnel"),
    "draft_funnel_session": ("Сессия", "Session"),
    "draft_funnel_territory": ("Территория", "Territory"),
    "draft_total": ("Всего", "Total"),
    "draft_votes": ("голосов: {n}", "dots: {n}"),
    "draft_group": ("группа", "group"),
    "protocol_title": ("Протокол сессии", "Session protocol"),
    "protocol_make": ("Протокол (DOCX / XLSX / Markdown)", "Protocol (DOCX / XLSX / Markdown)"),
    "protocol_files": ("Протокол на {time}:", "Protocol as of {time}:"),
    "protocol_files_hint": ("Нажмите ещё раз после новых голосов, чтобы протокол их учёл",
                            "Press again after new votes for the protocol to include them"),
    "protocol_date": ("Дата", "Date"),
    "protocol_territory": ("Территория", "Territory"),
    "protocol_territory_none": ("не указана", "not given"),  # «Территория: не указана»
    "protocol_participants": ("Участники", "Participants"),
    "protocol_total": ("Всего участников: {n}", "Participants: {n}"),
    "protocol_door": ("Из них вошли с телефона: {phones}, отмечены на входе без телефона: {door} "
                      "(зарегистрировались: {registered}, отмечены на входе: {checked_in})",
                      "Of them joined on a phone: {phones}, checked in at the door without a phone: {door} "
                      "(registered: {registered}, checked in at the door: {checked_in})"),
    "protocol_registered": ("Зарегистрировались", "Registered"),
    "protocol_checked_in": ("Отмечены на входе", "Checked in at the door"),
    "protocol_phones": ("Вошли с телефона", "Joined on a phone"),
    "protocol_door_only": ("Отмечены на входе без телефона", "Checked in without a phone"),
    "protocol_count": ("Число", "Count"),
    "protocol_cards": ("Карточки этапов", "Cards of each stage"),
    "protocol_card": ("Карточка", "Card"),
    "protocol_voting": ("Итоги голосования", "Voting results"),
    "protocol_rank": ("Место", "Rank"),
    "protocol_dots": ("Голоса", "Dots"),
    "protocol_teams": ("Команды", "Teams"),
    "protocol_team": ("Команда", "Team"),
    "protocol_leader": ("лидер", "leader"),
    "protocol_drafts": ("Проекты", "Project drafts"),
    "protocol_names": ("Имена участников", "Participants' names"),
    "protocol_statement": ("Утверждение", "Statement"),
    "protocol_statements": ("Утверждения", "Statements"),
    "protocol_agree": ("За", "Agree"),
    "protocol_disagree": ("Против", "Disagree"),
    "protocol_pass": ("Пропуск", "Pass"),
    "protocol_answers": ("Ответов", "Answers"),
    "protocol_agree_share": ("За, %", "Agree, %"),
    "protocol_statement_voters": ("Ответили на утверждения: {n}", "Answered the statements: {n}"),
    "protocol_opinion_groups": ("Группы мнений", "Opinion groups"),
    "protocol_opinion_group": ("Группа", "Group"),
    "protocol_position": ("Позиция", "Position"),
    "protocol_people": ("Человек", "People"),
    "protocol_by_facilitator": ("Записал ведущий", "Entered by facilitator"),
    "protocol_by_territory": ("Участники по территориям", "Participants by territory"),
    "protocol_by_sector": ("Участники по сферам", "Participants by sector"),
    "protocol_findings_n": ("{n} {n|замечание|замечания|замечаний}", "{n} {n|finding|findings}"),
    "protocol_project": ("Проект", "Project"),
    "protocol_voters": ("Проголосовали", "Voters"),
    "protocol_voters_n": ("проголосовали {n}", "{n} voted"),
    "protocol_none": ("нет", "none"),
    "protocol_summary": ("Сводка", "Summary"),
    # display16: the projector's display page (workbench/web/display.py), plurals, plain words
    "display_open": ("Открыть экран для проектора", "Open the projector display"),
    "display_files": ("Итоги с экрана файлом:", "The display's results as a file:"),
    "display_shows": ("На экране:", "On the display:"),
    "display_mode_join": ("QR и код", "QR and code"),
    "display_mode_wall": ("Стена", "Wall"),
    "display_mode_chart": ("Итоги", "Results"),
    "display_mode_timer": ("Таймер", "Timer"),
    "display_mode_cloud": ("Облако слов", "Word cloud"),
    "display_mode_teams": ("Составы команд", "Team lists"),
    "display_title": ("Экран для проектора", "Projector display"),
    "display_offline": ("Нет связи с сервером, подключаемся снова…", "The server is not answering, reconnecting…"),
    "display_fullscreen": ("Нажмите, чтобы развернуть на весь экран", "Click for full screen"),
    # a mode with nothing to show on this stage says so (never "no cards" over a stage full of them)
    "display_no_chart": ("Итоги показываются на этапах голосования и утверждений",
                         "Results are shown on voting and statements stages"),
    "display_no_teams": ("Команды показываются на этапе «Команды»", "Teams are shown on a teams stage"),
    "display_no_timer": ("Таймер не запущен", "No timer running"),
    "display_wall_more": ("Не поместилось на экран карточек: {n}", "Cards that did not fit on the screen: {n}"),
    "display_more": ("и ещё {n} {n|идея|идеи|идей}", "and {n} more {n|idea|ideas}"),
    # under a group's cards or a team's members on the wall when not all fit (the page puts in {n})
    "display_and_more": ("и ещё {n}", "and {n} more"),
    # the matrix's list beside the square when not every idea fits (the page puts in {n})
    "display_matrix_more": ("Не поместилось на экран идей: {n}", "Ideas that did not fit on the screen: {n}"),
    "display_matrix_more_groups": ("Не поместилось на экран групп: {n}", "Groups that did not fit on the screen: {n}"),
    "display_note_dots": ("Сколько голосов получила каждая идея", "Dots each idea received"),
    # the same notes when the round votes on groups (`display.chart`)
    "display_note_dots_groups": ("Сколько голосов получила каждая группа", "Dots each group received"),
    "display_note_matrix_groups": ("Средняя оценка важности и выполнимости; номера — группы в списке справа",
                                   "Mean impact and feasibility; numbers are the groups listed on the right"),
    "display_note_pairwise_groups": ("Как часто группу выбирали из пары, из 100 (по числу побед в парах; "
                                     "сила группы — по модели Брэдли — Терри)",
                                     "How often the group won its pairs, out of 100 (All Our Ideas; "
                                     "strength by the Bradley–Terry model)"),
    "display_more_groups": ("и ещё {n} {n|группа|группы|групп}", "and {n} more {n|group|groups}"),
    "display_note_matrix": ("Средняя оценка важности и выполнимости; номера — идеи в списке справа",
                            "Mean impact and feasibility; numbers are the ideas listed on the right"),
    # after the matrix's note when ideas share a place (`display.tie_labels`)
    "display_note_tie_letters": ("одно место на несколько — номер с буквой: {which}",
                                 "a place shared: a number with a letter, {which}"),
    "display_note_pairwise": ("Как часто идею выбирали из пары, из 100 (по числу побед в парах; "
                              "сила идеи — по модели Брэдли — Терри)",
                              "How often the idea won its pairs, out of 100 (All Our Ideas; "
                              "strength by the Bradley–Terry model)"),
    "display_note_ranking": ("Баллы за места в списках участников (метод Борда)",
                             "Points for places in the participants' orders (Borda count)"),
    "net_title": ("Сеть", "Network"),
    "net_people_network": ("Сеть людей", "People network"),
    "net_top_note": (" (показаны {shown} из {total}: у кого больше связей)", " (top {shown} of {total} by ties)"),
    "net_community": ("Сообщество {n}", "Community {n}"),
    "net_other_communities": ("Другие сообщества", "Other communities"),
    "net_kind_person": ("Люди", "People"),
    "net_kind_event": ("Мероприятия", "Events"),
    "net_kind_organisation": ("Организации", "Organisations"),
    "net_kind_territory": ("Территории", "Territories"),
    "net_kind_project": ("Проекты", "Projects"),
    "growth_title": ("Рост сети", "Growth of the network"),
    "growth_new": ("новые люди", "new people"),
    "growth_so_far": ("всего людей", "people so far"),
    "growth_x": ("мероприятия по датам", "events in date order"),
    "growth_y": ("людей", "people"),
    "growth_share": ("доля в самой большой связной группе", "share in the largest connected group"),
    "display_note_statements": ("Полоса — доля ответивших «да» среди ответивших «да» или «нет»",
                                "The bar: the share who agree among those who agreed or disagreed"),
    "display_legend_more": ("Не поместилось на экран утверждений: {n}",
                            "Statements that did not fit on the screen: {n}"),
    "display_more_statements": ("и ещё {n} {n|утверждение|утверждения|утверждений}", "and {n} more {n|statement|statements}"),
    "dots_n": ("{n} {n|голос|голоса|голосов}", "{n} {n|dot|dots}"),
    "points_n": ("{n} {n|балл|балла|баллов}", "{n} {n|point|points}"),
    # --- stage templates, editing stages, rounds on a shortlist (issue 14: stages14) ---
    "stage_cards": ("Карточки", "Cards"),
    "stage_cards_prompt": ("Напишите ваш ответ", "Write your answer"),
    "stage_holds_data": ("Этап «{title}» хранит карточки или голоса ({n}): отметьте «вместе с данными» — "
                         "они останутся в выгрузке данных",
                         "The stage “{title}” holds cards or ballots ({n}): tick “with its data”; "
                         "they stay in the data export"),
    "stage_last": ("Последний этап удалить нельзя", "The last stage cannot be removed"),
    "stage_kind_unknown": ("Нет такого вида этапа: {kind}", "No such kind of stage: {kind}"),
    "source_invalid": ("Кандидатов можно взять только из другого голосования этой сессии",
                       "Candidates can only come from another voting stage of this session"),
    "source_loop": ("Этапы не могут брать кандидатов друг у друга по кругу",
                    "Stages cannot take their candidates from each other in a loop"),
    "source_top_invalid": ("Число кандидатов: от 1 до {max}", "Number of candidates: 1 to {max}"),
    "source_groups_invalid": ("Выберите группы того этапа, по которому голосуют",
                              "Choose groups of the stage being voted on"),
    "source_only_voting": ("Кандидатов выбирают только для голосования и команд",
                           "Candidates are chosen for voting and teams stages only"),
    # --- export templates a staff member edits (templates/*.md.j2, *_docx.json) ---
    "export_template_name": ("{template}, строка {line}: неизвестное имя «{name}». Файлы не записаны",
                             "{template}, line {line}: unknown name '{name}'. No file was written"),
    "export_template_field": ("{template}, строка {line}: неизвестное поле «{name}». Файлы не записаны",
                              "{template}, line {line}: unknown field '{name}'. No file was written"),
    "export_template_syntax": ("{template}, строка {line}: ошибка в шаблоне: {detail}. Файлы не записаны",
                               "{template}, line {line}: error in the template: {detail}. No file was written"),
    "export_template_key": ("{template}: неизвестное имя «{name}» (есть: {names}). Файлы не записаны",
                            "{template}: unknown name '{name}' (there are: {names}). No file was written"),
    "export_template_part": ("{template}: неизвестная часть «{name}» (есть: {names}). Файлы не записаны",
                             "{template}: unknown part '{name}' (there are: {names}). No file was written"),
    "export_template_encoding": ("{template}: шаблон не в кодировке UTF-8 (байт {byte} на позиции {pos}); сохраните "
                                 "его как UTF-8. Файлы не записаны",
                                 "{template}: the template is not UTF-8 (byte {byte} at position {pos}); save it as "
                                 "UTF-8. No file was written"),
    "export_template_failed": ("{template}, строка {line}: шаблон не выполнился: {detail}. Файлы не записаны",
                               "{template}, line {line}: the template failed: {detail}. No file was written"),
    "export_template_missing": ("Нет файла шаблона «{template}». Файлы не записаны",
                                "The template file '{template}' is missing. No file was written"),
    "template_unknown": ("Нет шаблона «{name}»; есть: {names}", "No template '{name}'; there are: {names}"),
    "template_invalid": ("Шаблон «{name}» не читается: {detail}", "The template '{name}' is invalid: {detail}"),
    "template_name_invalid": ("Имя шаблона: буквы (русские или латинские), цифры, пробел, «-» и «_», до 40 знаков",
                              "A template's name: letters (any alphabet), digits, spaces, '-' and '_', up to 40"),
    "template_exists": ("Шаблон «{name}» уже есть в папке данных", "The template '{name}' is already in the data folder"),
    "template_saved": ("Этапы сохранены как шаблон «{name}»", "The stages are saved as the template '{name}'"),
    # --- printed pages for the room (workbench/web/printing.py): the join poster, a paper ballot ---
    "print_links": ("Печать:", "Print:"),
    "print_poster": ("плакат со ссылкой", "join poster"),
    "print_ballot": ("бумажный бюллетень", "paper ballot"),
    "print_button": ("Печатать", "Print"),
    "print_scan": ("Сканируйте камерой телефона QR-код, чтобы участвовать",
                   "Scan the QR code with your phone's camera to take part"),
    "print_or_open": ("или откройте адрес в браузере телефона:", "or open this address in your phone's browser:"),
    "print_code": ("Код сессии", "Session code"),
    "print_no_login": ("Регистрация не нужна: имя можно указать по желанию",
                       "No sign-up needed: giving your name is up to you"),
    "print_ballot_title": ("Бюллетень", "Ballot"),
    "print_mark_dots": ("Отметьте ✓ не больше {n} {n|идеи|идей|идей}", "Tick ✓ at most {n} {n|idea|ideas}"),
    "print_mark_dots_groups": ("Отметьте ✓ не больше {n} {n|группы|групп|групп}",
                               "Tick ✓ at most {n} {n|group|groups}"),
    "print_mark_matrix": ("Обведите по каждой идее оценку от 1 до 5: важность и выполнимость",
                          "For each idea circle a mark from 1 to 5: impact and feasibility"),
    "print_mark_matrix_groups": ("Обведите по каждой группе оценку от 1 до 5: важность и выполнимость",
                                 "For each group circle a mark from 1 to 5: impact and feasibility"),
    "print_mark_place": ("Поставьте каждой идее место от 1 (лучшая) до {n}",
                         "Give each idea a place from 1 (the best) to {n}"),
    "print_mark_place_from": ("Поставьте каждому пункту этапа «{stage}» место от 1 (лучший) до {n}",
                              "Give each entry of the stage “{stage}” a place from 1 (the best) to {n}"),
    "print_mark_place_groups": ("Поставьте каждой группе место от 1 (лучшая) до {n}",
                                "Give each group a place from 1 (the best) to {n}"),
    "print_place": ("Место", "Place"),
    "print_more_ideas": ("и ещё {n} {n|идея|идеи|идей}", "and {n} more {n|idea|ideas}"),
    "print_other_votes": ("Бюллетени других голосований:", "Ballots of the other votes:"),
    "print_name": ("Имя (по желанию)", "Name (optional)"),
    "print_no_items": ("Кандидатов пока нет: бюллетень заполнится, когда появятся идеи",
                       "No candidates yet: the ballot fills in once there are ideas"),
    "print_no_vote": ("В сессии нет голосования: бюллетень печатать не для чего",
                      "The session has no vote: there is no ballot to print"),
    "stages_edit": ("Этапы и сессия", "Stages and session"),
    "session_details": ("Сессия", "Session"),
    "session_title_label": ("Название", "Title"),
    "session_territory_label": ("Территория", "Territory"),
    "session_date_label": ("Дата", "Date"),
    "session_date_hint": ("ДД.ММ.ГГГГ", "YYYY-MM-DD"),
    "session_saved": ("Сессия сохранена: «{title}». Телефоны, экран и форма регистрации покажут это в течение секунды",
                      "The session is saved: “{title}”. Phones, the display and the registration form show it "
                      "within a second"),
    "template_exists_replace": ("Шаблон «{name}» уже есть в папке данных: «Заменить» запишет на его место этапы "
                                "этой сессии, или дайте другое имя",
                                "The template '{name}' is already in the data folder: 'Replace' puts this "
                                "session's stages in its place, or give another name"),
    "template_replace": ("Заменить", "Replace"),
    "template_replaced": ("Шаблон «{name}» заменён этапами этой сессии",
                          "The template '{name}' now holds this session's stages"),
    "stage_title_label": ("Название", "Title"),
    "stage_prompt_label": ("Вопрос", "Question"),
    "stage_save_text": ("Сохранить название и вопрос", "Save the title and question"),
    "stage_up": ("↑ Раньше", "↑ Earlier"),
    "stage_down": ("↓ Позже", "↓ Later"),
    "stage_remove": ("Удалить этап", "Remove the stage"),
    "stage_remove_force": ("вместе с данными", "with its data"),
    "stage_removed": ("Этап «{title}» удалён", "The stage “{title}” is removed"),
    "stage_retargeted": ("«{stage}» теперь работает с карточками этапа «{target}»",
                         "“{stage}” now works on the cards of “{target}”"),
    "stage_target_lost": ("У «{stage}» не осталось этапа с карточками: выберите его в «✎ Этапы и сессия»",
                          "“{stage}” has no stage of cards left: choose one under “✎ Stages and session”"),
    "target_label": ("Карточки этапа", "Cards of the stage"),
    "target_none": ("— не выбран —", "— none chosen —"),
    "target_set": ("«{stage}» работает с карточками этапа «{target}»",
                   "“{stage}” works on the cards of “{target}”"),
    "target_only_voting": ("Этап с карточками выбирают только для голосования и команд",
                           "A stage of cards is chosen for voting and teams stages only"),
    "target_invalid": ("Выберите этап с карточками этой сессии", "Choose a stage of cards of this session"),
    "target_has_ballots": ("На этапе «{title}» уже есть голоса или команды ({n}): они о прежних карточках. "
                           "Добавьте новый этап для других карточек",
                           "The stage “{title}” already holds ballots or teams ({n}): they are about its cards. "
                           "Add a new stage for other cards"),
    "stage_add": ("Добавить этап", "Add a stage"),
    "stage_add_kind": ("Новый этап после этого:", "New stage after this one:"),
    "stage_title_taken": ("Этап «{title}» уже есть: дайте этому этапу другое название",
                          "There is already a stage “{title}”: give this one another title"),
    "stage_added": ("Добавлен этап «{title}»", "Added the stage “{title}”"),
    "stage_saved": ("Этап «{title}» сохранён: телефоны увидят его при следующем обновлении",
                    "The stage “{title}” is saved: phones see it at their next update"),
    "source_label": ("Кандидаты", "Candidates"),
    "source_none": ("по умолчанию (все идеи или лучшие по точкам)", "default (every idea, or the most dotted)"),
    "source_round": ("лучшие из «{stage}» — {method}", "the best of “{stage}” — {method}"),
    # a teams stage's default: the latest vote that is over (`voting.with_default_source`)
    "source_default_latest": ("по умолчанию: лучшие из «{stage}» — {method} (последнее завершённое голосование)",
                              "default: the best of “{stage}” — {method} (the latest vote that is over)"),
    # … after a round on the ideas of grouped ideas: their groups, in that round's order (`voting.groups_by_round`)
    "source_default_latest_groups": ("по умолчанию: группы по итогам «{stage}» — {method} (последнее завершённое голосование)",
                                     "default: the groups, by “{stage}” — {method} (the latest vote that is over)"),
    "source_default_teams": ("по умолчанию: последнее завершённое голосование (пока нет — по точкам)",
                             "default: the latest vote that is over (none yet: by dots)"),
    "source_latest": ("{what} (последнее завершённое голосование)", "{what} (the latest vote that is over)"),
    "source_groups": ("идеи выбранных групп", "the ideas of chosen groups"),
    "source_tie_by_age": ("при равенстве на границе прошли поданные раньше",
                          "a tie at the cut went to the earlier ones"),
    "shortlist_tie_by_age": ("кандидаты: лучшие по голосам; при равенстве на границе прошли поданные раньше",
                             "candidates: the best by dots; a tie at the cut went to the earlier ones"),
    "source_top": ("Сколько", "How many"),
    "source_apply": ("Взять кандидатов", "Take these candidates"),
    "source_set": ("Кандидаты: {what}", "Candidates: {what}"),
    "template_name": ("имя шаблона", "template name"),
    "save_template": ("Сохранить этапы как шаблон", "Save the stages as a template"),
    "protocol_source": ("кандидаты: лучшие {n} из «{stage}» — {method}", "candidates: the best {n} of “{stage}” — {method}"),
    "protocol_source_groups": ("кандидаты: группы по итогам «{stage}» — {method}",
                               "candidates: the groups, by “{stage}” — {method}"),
    # --- between sessions (issue 17): the grant form, the public results page, team links ---
    "draft_f_grant_direction": ("Грантовое направление", "Grant direction"),
    "draft_f_summary": ("Краткое описание проекта", "Summary of the project"),
    "draft_f_timeline": ("Сроки реализации проекта", "Project dates"),
    "draft_f_media": ("Информационное сопровождение", "Publicity and media coverage"),
    "draft_f_cofinancing": ("Софинансирование: источники и вклад", "Co-financing: sources and contributions"),
    "draft_c_cofinancing": ("Софинансирование, руб.", "Co-financing, RUB"),
    "grant_budget_item": ("Статья расходов", "Item"),
    "grant_budget_amount": ("Запрашиваемая сумма", "Asked of the fund"),
    "grant_budget_cofinancing": ("Софинансирование", "Co-financing"),
    "grant_budget_total": ("Всего", "Total"),
    "grant_budget_totals": ("Итого", "Totals"),
    "grant_budget_summary": ("Стоимость проекта: {total}; запрашиваемая сумма: {requested}; "
                             "софинансирование: {cofinancing} ({share} %)",
                             "Cost of the project: {total}; asked of the fund: {requested}; "
                             "co-financing: {cofinancing} ({share}%)"),
    "public_heading": ("Итоги сессии", "Session results"),
    "public_privacy": ("Здесь нет имён и контактов участников.", "No participant's name or contact is shown here."),
    "public_print": ("Распечатать или сохранить в PDF", "Print or save as PDF"),
    "public_team_members": ("в команде: {n}", "team members: {n}"),
    "public_page_unknown": ("Страница не найдена или закрыта организатором",
                            "No such page, or the facilitator has closed it"),
    "team_link_unknown": ("Ссылка команды не найдена", "No such team link"),
    "team_page_title": ("Проект команды", "The team's project"),
    "team_page_hint": ("Поля сохраняются сами: когда вы перестаёте печатать и когда выходите из поля или "
                       "клетки таблицы. Правки других участников команды появляются сами.",
                       "Fields save by themselves: when you stop typing and when you leave a field or a "
                       "table cell. Your teammates' edits appear by themselves."),
    "team_saved": ("Сохранено", "Saved"),
    "team_saving": ("Сохраняется…", "Saving…"),
    "team_disk_kept": ("Не сохранено: на компьютере ведущего кончилось место (или сбой диска). Ваши правки "
                       "остались в полях и сохранятся сами, когда место появится. Не закрывайте страницу.",
                       "Not saved: the facilitator's computer is out of disk space (or its disk fails). Your edits "
                       "stay in the fields and save by themselves once there is room. Do not close the page."),
    "team_offline_kept": ("Нет связи с сервером: ваши правки остались в полях и сохранятся, когда связь "
                          "вернётся. Не закрывайте страницу.",
                          "The server cannot be reached: your edits stay in the fields and save once it is "
                          "back. Keep this page open."),
    "team_unsaved": ("Не сохранено: сохранится, когда вы перестанете печатать",
                     "Not saved yet: it saves once you stop typing"),
    "team_not_saved": ("Не сохранено", "Not saved"),
    "team_all_saved": ("Все правки сохранены", "All edits saved"),
    "team_loading": ("Загружается…", "Loading…"),
    "team_load_failed": ("Проект не загрузился ({error}). Поля появятся, когда он загрузится: страница "
                         "пробует снова каждую секунду",
                         "The project did not load ({error}). The fields show once it loads: the page tries "
                         "again every second"),
    "draft_field_conflict": ("Кто-то только что сохранил поле «{field}». Ваш текст остался в поле: "
                             "сравните и сохраните снова.",
                             "Someone else has just saved “{field}”. Your text is still in the field: "
                             "compare, then save again."),
    "draft_rows_conflict": ("Кто-то только что изменил в таблице «{field}» те же строки, что и вы. Остальные "
                            "строки обоих сохранены. Выберите, чей вариант этих строк оставить.",
                            "Someone else has just changed the same rows of “{field}” as you. Everyone's other "
                            "rows are saved. Choose whose version of these rows to keep."),
    "draft_no_history": ("У поля «{field}» нет прежнего варианта", "“{field}” has no earlier version"),
    "team_their_version": ("Сейчас сохранено:", "Saved now:"),
    "team_their_rows": ("Их вариант этих строк:", "Their version of these rows:"),
    "team_your_rows": ("Ваш вариант:", "Your version:"),
    "team_rows_removed": ("(строки удалены)", "(rows removed)"),
    "team_save_again": ("Сохранить мой текст", "Save my text"),
    "team_take_theirs": ("Взять их текст", "Take their text"),
    "team_restore": ("Вернуть прежний вариант", "Restore the previous version"),
    "team_restored": ("Прежний вариант возвращён", "Previous version restored"),
    "team_changed_by_other": ("Другой участник изменил это поле после вас: вашего варианта в нём больше нет. "
                              "Его можно вернуть кнопкой «Вернуть прежний вариант».",
                              "Someone else changed this field after you: your version is no longer in it. "
                              "“Restore the previous version” brings it back."),
    "team_changed_top": ("Другой участник заменил ваш текст в поле «{field}»",
                         "Someone else replaced your text in “{field}”"),
    "team_list_hint": ("по одному пункту в строке", "one item per line"),
    "team_index": ("Поля проекта", "The project's fields"),
    "team_comments": ("Комментарии", "Comments"),
    "team_comment_author": ("Ваше имя (необязательно)", "Your name (optional)"),
    "team_comment_text": ("Комментарий к полю", "Comment on this field"),
    "team_comment_add": ("Комментировать", "Comment"),
    # the same, named for a screen reader by the field they are under
    "team_comment_author_for": ("Ваше имя (необязательно) — комментарий к полю «{field}»",
                                "Your name (optional): comment on the field “{field}”"),
    "team_comment_text_for": ("Комментарий к полю «{field}»", "Comment on the field “{field}”"),
    "team_comment_add_for": ("Комментировать поле «{field}»", "Comment on the field “{field}”"),
    "team_comment_offline": ("Нет связи: комментарий ещё не отправлен. Он уйдёт сам, как только связь вернётся.",
                             "No connection: your comment is not sent yet. It goes by itself as soon as the "
                             "connection is back."),
    "team_comment_sent_late": ("Связь вернулась: комментарий добавлен", "The connection is back: your comment is added"),
    "comment_empty": ("Комментарий пуст", "The comment is empty"),
    "comment_too_long": ("Комментарий длиннее {max} символов", "The comment is longer than {max} characters"),
    "share_title": ("Между сессиями: ссылки", "Between sessions: links"),
    "share_public": ("Публичная страница итогов", "Public results page"),
    "share_public_off": ("выключена: ссылка не открывается", "off: the link does not open"),
    "share_team_links": ("Ссылки команд на их проекты", "Team links to their drafts"),
    "share_make_link": ("Создать ссылку", "Make a link"),
    # peer review of presentations (issue 17)
    "review_title": ("Оценка презентаций", "Presentation review"),
    "review_score_named": ("«{team}»: {criterion} — {n} из 5", "“{team}”: {criterion}, {n} of 5"),
    "review_comment_named": ("Комментарий для команды «{team}»", "Comment for the team “{team}”"),
    "review_send_named": ("Отправить оценку команды «{team}»", "Send the review of the team “{team}”"),
    "review_hint": ("Оцените каждую команду, кроме своей: 1 — слабо, 5 — отлично.",
                    "Score every team but your own: 1 is weak, 5 is excellent."),
    "review_own": ("ваша команда: её оценивают другие", "your team: the others score it"),
    "review_comment": ("Комментарий для команды", "A comment for the team"),
    "review_send": ("Отправить оценку", "Send the scores"),
    "review_sent": ("Оценка сохранена", "Scores saved"),
    "review_offline": ("Нет связи с сервером: страница загрузится сама, как только он ответит.",
                       "The server is not answering: the page loads by itself as soon as it does."),
    "review_offline_idle": ("Нет связи с сервером. Ваши оценки и комментарии остаются на странице; "
                            "сообщение исчезнет само, как только сервер ответит.",
                            "The server cannot be reached. Your scores and comments stay on the page; "
                            "this message goes by itself as soon as the server answers."),
    "review_disk_kept": ("Не сохранено: на компьютере ведущего кончилось место (или сбой диска). Оценка уйдёт "
                         "сама, как только место появится.",
                         "Not saved yet: the facilitator's computer is out of disk space (or its disk fails). Your "
                         "scores go by themselves as soon as there is room."),
    "review_offline_kept": ("Нет связи: оценка ещё не сохранена. Она уйдёт сама, как только связь вернётся.",
                            "No connection: your scores are not saved yet. They go by themselves as soon as the "
                            "connection is back."),
    "review_sent_late": ("Связь вернулась: оценка сохранена", "The connection is back: your scores are saved"),
    "review_join_first": ("Сначала присоединитесь к сессии", "Join the session first"),
    "review_no_criteria": ("Ведущий ещё не задал критерии", "The facilitator has not set criteria yet"),
    "review_no_teams": ("Команд пока нет", "No teams yet"),
    "review_criteria": ("Критерии оценки", "Review criteria"),
    "review_criterion_name": ("Критерий", "Criterion"),
    "review_criterion_description": ("Что значит 5", "What a 5 means"),
    "review_add_criterion": ("Добавить критерий", "Add a criterion"),
    "review_results": ("Оценки команд", "Teams' scores"),
    "review_mean": ("Средняя", "Mean"),
    "review_reviewers": ("Оценили", "Reviewers"),
    "review_comments": ("Комментарии экспертов", "Reviewers' comments"),
    "review_link": ("Ссылка для телефонов", "Link for phones"),
    "review_criterion_empty": ("Укажите название критерия", "Name the criterion"),
    "review_criteria_too_many": ("Не больше {max} критериев", "At most {max} criteria"),
    "review_text_too_long": ("Поле «{field}» длиннее {max} символов", "Field '{field}' is longer than {max} characters"),
    "review_team_unknown": ("Такой команды нет", "No such team"),
    "review_own_team": ("Свою команду оценивают другие", "Your own team is scored by the others"),
    "review_score_invalid": ("Оценка — целое число от 1 до 5 по критерию сессии",
                             "A score is a whole number from 1 to 5 on a criterion of the session"),
    "review_closed": ("Оценка ещё не открыта или уже закрыта: ведущий откроет её после презентаций",
                      "The review is not open: the facilitator opens it after the presentations"),
    "review_joined_late": ("Оценивают те, кто был в зале, когда ведущий открыл оценку, и участники команд",
                           "Those who were in the room when the facilitator opened the review, and the teams' "
                           "members, give scores"),
    "review_too_many": ("Слишком много оценок подряд: подождите {seconds} с", "Too many scores in a row: wait {seconds} s"),
    "review_open_button": ("Открыть оценку", "Open the review"),
    "review_close_button": ("Закрыть оценку", "Close the review"),
    "review_is_open": ("Оценка открыта с {time}: оценивают те, кто уже в сессии, и команды",
                       "The review has been open since {time}: those already in the session, and the teams, give scores"),
    "review_is_closed": ("Оценка закрыта: телефоны не могут ставить оценки",
                         "The review is closed: phones cannot score"),
    "review_reviewers_n": ("Оценили: {n} {n|человек|человека|человек} (участников в сессии: {total})",
                           "Reviewed by {n} (participants in the session: {total})"),
    "review_reviewer_row": ("{name} · вошёл в {joined} · {team} · карточек: {cards} · оценки: {scores}",
                            "{name} · joined at {joined} · {team} · cards: {cards} · scores: {scores}"),
    "review_no_name": ("без имени", "no name"),
    "review_no_team": ("не в команде", "in no team"),
    "review_discard": ("Не учитывать оценки отмеченных", "Discard the ticked reviewers' scores"),
    "review_pick_none": ("Отметьте оценивших, чьи оценки не учитывать", "Tick the reviewers whose scores are to go"),
    "review_discarded": ("Оценок убрано: {n}", "Reviews discarded: {n}"),
    "review_empty": ("Поставьте оценку или напишите комментарий", "Give a score or write a comment"),
    # registration with consent (152-FZ) and check-in (issue 17)
    "reg_title": ("Регистрация", "Registration"),
    "reg_contacts_hint": ("Почта и телефон — по желанию.", "E-mail and phone are optional."),
    "reg_offline": ("Нет связи с сервером. Введённое сохранено: форма отправится сама, как только связь вернётся.",
                    "No connection to the server. What you typed is kept: the form goes by itself once it is back."),
    "reg_email": ("Электронная почта", "E-mail"),
    "reg_phone": ("Телефон", "Phone"),
    "reg_consent_text": ("Я даю согласие на обработку моих персональных данных (ФИО, территория, организация, "
                         "сфера, контакты) организаторам мероприятия «{event}» в соответствии с Федеральным "
                         "законом от 27.07.2006 № 152-ФЗ «О персональных данных» для учёта участия и связи со мной. "
                         "Согласие действует до его отзыва; отозвать его и получить или удалить свои данные можно, "
                         "написав организаторам.",
                         "I consent to the organisers of “{event}” processing my personal data (name, territory, "
                         "organisation, sector, contacts) under Russian Federal Law No. 152-FZ of 27 July 2006 "
                         "“On Personal Data”, to record attendance and to contact me. The consent lasts until "
                         "I withdraw it; I may ask the organisers for my data or its deletion."),
    "reg_submit": ("Зарегистрироваться", "Register"),
    "reg_done": ("Вы зарегистрированы. Покажите этот QR-код на входе.",
                 "You are registered. Show this QR code at the door."),
    "reg_consent_required": ("Без согласия на обработку персональных данных регистрация невозможна",
                             "Registration needs your consent to the processing of personal data"),
    "reg_name_required": ("Укажите имя", "Give your name"),
    "reg_email_invalid": ("Проверьте адрес электронной почты: в нём нужны @ и домен с точкой (или оставьте поле пустым)",
                          "Check the e-mail: an address like anna@example.org is needed (or leave it empty)"),
    "reg_phone_invalid": ("Проверьте телефон: от 5 до 15 цифр, можно с +, пробелами, скобками и дефисами, "
                          "например +7 900 123-45-67 (или оставьте поле пустым)",
                          "Check the phone: 5 to 15 digits, with +, spaces, brackets and dashes allowed, "
                          "e.g. +44 20 7946 0958 (or leave it empty)"),
    "reg_too_many": ("С этого адреса регистрируются слишком часто: подождите {seconds} с и отправьте форму снова",
                     "Too many registrations from this address: wait {seconds} s and send the form again"),
    "reg_pick_label": ("Регистрации (можно выбрать несколько)", "Registrations (pick several: Shift or Ctrl)"),
    "reg_delete_picked": ("Удалить выбранные регистрации", "Delete the chosen registrations"),
    "reg_delete_confirm": ("Удалить регистраций: {n}? Отменить это нельзя.", "Delete {n} {n|registration|registrations}? This cannot be undone."),
    "reg_pick_none": ("Выберите регистрации в списке", "Choose registrations in the list"),
    "reg_deleted": ("Удалено регистраций: {n}", "Registrations deleted: {n}"),
    "reg_query_empty": ("Укажите имя, почту или телефон человека", "Give the person's name, e-mail or phone"),
    "person_unknown": ("«{query}» не найден: нет ни регистраций, ни участий с таким именем, почтой или "
                       "телефоном. Ничего не удалено.",
                       "“{query}” not found: no registration or session joined with that name, e-mail or "
                       "phone. Nothing was deleted."),
    "person_unknown_near": ("«{query}» не найден: нет ни регистраций, ни участий с таким именем, почтой или "
                            "телефоном. Ничего не удалено. Похожие имена: {near}.",
                            "“{query}” not found: no registration or session joined with that name, e-mail "
                            "or phone. Nothing was deleted. Close names: {near}."),
    "registration_unknown": ("Регистрация не найдена", "No such registration"),
    "checkin_done": ("Отмечен(а) на входе: {name}", "Checked in: {name}"),
    "checkin_already": ("Уже отмечен(а) в {at}: {name}", "Already checked in at {at}: {name}"),
    "reg_event_when_where": ("{date} · {place}", "{date} · {place}"),
    "reg_join_session": ("Войти в сессию", "Join the session"),
    "reg_join_hint": ("В день мероприятия откройте эту ссылку на телефоне, чтобы участвовать.",
                      "On the day, open this link on your phone to take part."),
    "reg_another": ("Зарегистрировать ещё одного человека", "Register another person"),
    "reg_link_title": ("Регистрация на мероприятие", "Registration for the event"),
    "reg_copy": ("Копировать", "Copy"),
    "reg_copied": ("Скопировано", "Copied"),
    "reg_search": ("Найти по имени", "Find by name"),
    "reg_check_in": ("Отметить на входе", "Check in"),
    "reg_undo_check_in": ("Отменить отметку", "Undo check-in"),
    "reg_checked_in_now": ("Отмечен(а) на входе: {name}, {at}", "Checked in: {name}, {at}"),
    "reg_check_in_undone": ("Отметка снята: {name}", "Check-in undone: {name}"),
    "reg_search_none": ("Никого не нашлось по «{query}»", "No one found for “{query}”"),
    "reg_search_more": ("Показаны первые {shown} из {n}: уточните поиск", "The first {shown} of {n} shown: narrow the search"),
    "reg_counts": ("зарегистрировались: {n}, пришли: {present}", "registered: {n}, came: {present}"),
    # --- issue 14 item 4, the live opinion map: its verdict in one language (opinion.py
    # OpinionResult.verdict, ui/opinion_map.py, ui/opinion_live.py)
    "opinion_verdict_clear": ("Группы мнений устойчивы (групп: {k}, устойчивость {stability})",
                              "Opinion groups are stable (groups: {k}, stability {stability})"),
    "opinion_verdict_no_votes": ("Пока никто не ответил на утверждения", "Nobody has answered the statements yet"),
    "opinion_verdict_too_few": ("Явных групп мнений пока нет: мало ответов (ответили хотя бы на {need} "
                                "утв.: {n}, нужно не меньше {min})",
                                "No clear opinion groups yet: too few answers ({n} {n|person|people} answered at least "
                                "{need} statements; at least {min} are needed)"),
    "opinion_verdict_same_votes": ("Явных групп мнений нет: все ответили почти одинаково",
                                   "No clear opinion groups: everyone answered almost the same way"),
    "opinion_verdict_chance": ("Явных групп мнений нет: перемешанные ответы делятся на группы не хуже "
                               "(вероятность случайности {p}); при таком числе людей и утверждений группы могут быть случайными",
                               "No clear opinion groups: shuffled answers split into groups just as well "
                               "(p = {p}); with this many people and statements the groups may be chance"),
    "opinion_verdict_weak": ("Явных групп мнений нет: даже лучшее деление на группы нечёткое (чёткость "
                             "{silhouette} при пороге {min_silhouette}); мнения скорее разбросаны, чем "
                             "собраны в лагеря",
                             "No clear opinion groups: even the best split into groups is blurred (separation "
                             "{silhouette}, threshold {min_silhouette}); opinions look spread out rather than "
                             "split into camps"),
    "opinion_verdict_unstable": ("Явных групп мнений нет: группы меняются, если убрать нескольких участников "
                                 "(устойчивость {stability} при пороге {min_stability}); считайте их "
                                 "предварительными",
                                 "No clear opinion groups: the groups change when a few people are left out "
                                 "(stability {stability}, threshold {min_stability}); treat them as tentative"),
    "opinion_updating": ("Карта обновляется…", "Updating the map…"),
    "opinion_updated": ("Учтено ответов: {n}", "Answers counted: {n}"),
    # The facilitator's sign-in page, for a browser that arrives without the token (issue 18,
    # workbench/web/login.py). {command} is replaced by the command's name, set as code.
    "login_title": ("Вход ведущего", "Facilitator sign-in"),
    # {line}: the label of the line `workbench serve` printed, in the terminal's language (cli_serve_projector).
    "login_where": ("Адрес проектора с секретным токеном напечатан в терминале, где запущена команда "
                    "{command}: строка «{line}» с <i>?token=…</i>. Откройте этот адрес на ноутбуке "
                    "или вставьте сюда токен — часть после <i>token=</i> (до <i>&amp;</i>).",
                    "The projector URL with the secret token is printed in the terminal where {command} "
                    "runs: the line “{line}” with <i>?token=…</i>. Open that URL on the laptop or "
                    "paste the token here: the part after <i>token=</i> (up to <i>&amp;</i>)."),
    # The same, for a server process that systemd runs (deploy/systemd): its lines go to the
    # service's journal; {journal} is the journalctl command, {file} the data folder's .secret.json,
    # {field} the name of the token's field in it.
    "login_where_service": ("На сервере адрес проектора с секретным токеном записан в журнал службы: "
                            "{journal}, строка «{line}» с <i>?token=…</i>; сам токен лежит в файле {file} "
                            "(поле {field}). Откройте этот адрес на ноутбуке или вставьте сюда токен — "
                            "часть после <i>token=</i> (до <i>&amp;</i>).",
                            "On a server the projector URL with the secret token is in the service's journal: "
                            "{journal}, the line “{line}” with <i>?token=…</i>; the token itself is in the "
                            "file {file} (the {field} field). Open that URL on the laptop or paste the "
                            "token here: the part after <i>token=</i> (up to <i>&amp;</i>)."),
    # A process on the shared database started by hand: the terminal, and the file too.
    "login_token_file": ("Токен лежит и в файле {file} (поле {field}).",
                         "The token is also in the file {file} (the {field} field)."),
    "login_token": ("Токен", "Token"),
    "login_submit": ("Войти", "Sign in"),
    "login_wrong_token": ("Токен не подошёл. Скопируйте его ещё раз из терминала.",
                          "That token is not right. Copy it again from the terminal."),
    "login_wrong_token_service": ("Токен не подошёл. Скопируйте его ещё раз из журнала службы или из файла {file}.",
                                  "That token is not right. Copy it again from the service's journal or the {file} file."),
    "login_phones": ("Участникам вход не нужен: отсканируйте QR-код на экране или откройте /s/ и введите код сессии.",
                     "Participants need no sign-in: scan the QR code on the screen or open /s/ and type the session code."),
    "login_switch": ("English", "Русский"),
    # The projector's display shows peer review scores; the phone page links to the review
    # (issue 17's review gaps: workbench/session/display.py, static/display.html, participant.html).
    "display_mode_review": ("Оценки", "Scores"),
    "display_reviewers_n": ("Оценили: {n} {n|человек|человека|человек}", "Reviewed by {n} {n|person|people}"),
    "review_open": ("Оценить презентации команд", "Score the teams' presentations"),
    # Network maps coloured as the staff choose (issue 16, item 3)
    "net_colour_community": ("Цвет: сообщество", "Colour: community"),
    "net_colour_territory": ("Цвет: территория", "Colour: territory"),
    "net_colour_sector": ("Цвет: сектор", "Colour: sector"),
    "net_colour_kind": ("Цвет: тип", "Colour: kind"),
    "net_other_groups": ("Другие", "Others"),
    "net_unknown": ("Не указано", "Not given"),
    "na_colour_by": ("Цвет на карте", "Map colour"),
    "na_colour_community": ("сообщества", "communities"),
    "na_colour_territory": ("территории", "territories"),
    "na_colour_sector": ("секторы", "sectors"),
    # Who registered, for staff (issue 17 leftover: session/registration.py registration_list,
    # ui/registration_view.py, `workbench registrations`); deleting a person from that list.
    "reg_list_title": ("Кто зарегистрировался", "Who registered"),
    "reg_list_none": ("Пока никто не зарегистрировался", "Nobody has registered yet"),
    "reg_col_email": ("Почта", "E-mail"),
    "reg_col_registered": ("Зарегистрирован(а)", "Registered at"),
    "reg_col_checked_in": ("Отмечен(а) на входе", "Checked in"),
    "reg_not_checked_in": ("нет", "no"),
    "reg_contacts_hidden": ("Почта и телефон не показываются: их показ включается в настройках папки данных",
                            "E-mail and phone are not shown (the staff_see_contacts setting)"),
    "reg_file": ("Список файлом", "The list as a file"),
    "reg_file_empty": ("список пуст, выгружать нечего", "the list is empty, nothing to export"),
    "reg_forget": ("Удалить данные", "Delete data"),
    "reg_forget_confirm": ("Удалить все данные о человеке «{name}»: регистраций — {regs}, участий в сессиях — "
                           "{joined} (имя, территория и организация стираются, анонимные карточки и голоса "
                           "остаются)? Это нельзя отменить.",
                           "Delete everything held about “{name}”: {regs} {regs|registration|registrations}, {joined} {joined|session|sessions} "
                           "joined (name, territory and organisation are erased; anonymous cards and votes "
                           "stay)? This cannot be undone."),
    "reg_forget_yes": ("Да, удалить", "Yes, delete"),
    "reg_forget_cancel": ("Отмена", "Cancel"),
    "reg_forgotten": ("Данные удалены: регистраций — {registrations}, стёрто участий — {participants}",
                      "Deleted: {registrations} {registrations|registration|registrations}, {participants} {participants|session|sessions} joined erased"),
    # The opinion map on the projector's display (issue 16: session/display.py opinion_chart,
    # static/display.html, wall_charts.py)
    "display_note_opinion": ("Точка — участник: рядом те, кто отвечал похоже. ✔ — группа соглашается чаще "
                             "остальных, ✘ — чаще не соглашается",
                             "A dot is a participant: people who answered alike are close. ✔ the group agrees "
                             "more often than the rest, ✘ disagrees more often"),
    "display_people_n": ("{n} {n|человек|человека|человек}", "{n} {n|person|people}"),
    # `workbench export --what data` (data_tables.py): a heading for every column of the session's
    # tables; `data_col_<table>_<column>` where one table means something else by the column
    "data_col_id": ("№", "ID"),
    "data_col_code": ("Код сессии", "Session code"),
    "data_col_title": ("Название", "Title"),
    "data_col_territory": ("Территория", "Territory"),
    "data_col_date": ("Дата", "Date"),
    "data_col_kind": ("Вид", "Kind"),
    "data_col_sessions_kind": ("Вид сессии", "Kind of session"),
    "data_col_stages_kind": ("Вид этапа", "Kind of stage"),
    "data_col_current_stage_id": ("№ текущего этапа", "Current stage ID"),
    "data_col_created_at": ("Создано", "Created"),
    "data_col_moderation": ("Нецензурные слова", "Obscene words"),
    "data_col_approval": ("Карточки после одобрения ведущим", "Cards shown after the facilitator's approval"),
    "data_col_display_mode": ("Экран показывает", "The display shows"),
    "data_col_display_stage_id": ("№ этапа на экране", "Displayed stage ID"),
    "data_col_display_selected": ("№ карточек, выбранных на экране", "Card IDs selected on the display"),
    "data_col_archived_at": ("В архиве с", "Archived at"),
    "data_col_session_id": ("№ сессии", "Session ID"),
    "data_col_position": ("Порядок", "Position"),
    "data_col_rankings_position": ("Место", "Place"),
    "data_col_prompt": ("Вопрос", "Question"),
    "data_col_title_texts": ("Название на каждом языке", "Title in each language"),
    "data_col_prompt_texts": ("Вопрос на каждом языке", "Question in each language"),
    "data_col_target_stage_id": ("№ этапа с карточками", "Stage ID of the cards"),
    "data_col_vote_budget": ("Голосов у участника", "Dots per participant"),
    "data_col_voting_open": ("Голосование открыто", "Voting open"),
    "data_col_voting_opened_at": ("Голосование впервые открыто", "Voting first opened"),
    "data_col_results_visible": ("Итоги видны", "Results visible"),
    "data_col_timer_ends_at": ("Таймер до", "Timer ends"),
    "data_col_vote_on": ("Голосуем за", "Vote on"),
    "data_col_method": ("Способ голосования", "Voting method"),
    "data_col_source_stage_id": ("№ этапа, из которого короткий список", "Short list's stage ID"),
    "data_col_source_method": ("Способ голосования короткого списка", "Short list's voting method"),
    "data_col_source_top": ("Лучших в коротком списке", "Top ideas in the short list"),
    "data_col_removed": ("Удалён", "Removed"),
    "data_col_token": ("Токен (секрет)", "Token (secret)"),
    "data_col_name": ("Имя", "Name"),
    "data_col_review_criteria_name": ("Критерий", "Criterion"),
    "data_col_organisation": ("Организация", "Organisation"),
    "data_col_sector": ("Сфера", "Sector"),
    "data_col_on_paper": ("На бумаге", "On paper"),
    "data_col_borrowed_at": ("Открыт на чужом телефоне", "Opened on a borrowed phone"),
    "data_col_stage_id": ("№ этапа", "Stage ID"),
    "data_col_participant_id": ("№ участника", "Participant ID"),
    "data_col_by_facilitator": ("От ведущего", "By the facilitator"),
    "data_col_text": ("Текст", "Text"),
    "data_col_category": ("Категория", "Category"),
    "data_col_updated_at": ("Изменено", "Updated"),
    "data_col_hidden": ("Скрыта", "Hidden"),
    "data_col_merged_into": ("Объединена в (№ карточки)", "Merged into (card ID)"),
    "data_col_group_id": ("№ группы", "Group ID"),
    "data_col_is_group": ("Группа", "A group"),
    "data_col_status": ("Статус", "Status"),
    "data_col_flagged": ("Отмечена фильтром слов", "Flagged by the word filter"),
    "data_col_card_id": ("№ карточки", "Card ID"),
    "data_col_request_id": ("Код запроса", "Request ID"),
    "data_col_impact": ("Важность", "Impact"),
    "data_col_feasibility": ("Выполнимость", "Feasibility"),
    "data_col_left_id": ("№ карточки слева", "Left card ID"),
    "data_col_right_id": ("№ карточки справа", "Right card ID"),
    "data_col_winner_id": ("№ выбранной карточки", "Chosen card ID"),
    "data_col_vote": ("Ответ (1 за, −1 против, 0 пропуск)", "Answer (1 agree, −1 disagree, 0 pass)"),
    "data_col_is_leader": ("Роль", "Role"),
    "data_col_fields": ("Поля заявки (JSON)", "Application fields (JSON)"),
    "data_col_field_versions": ("Версии полей (JSON)", "Field versions (JSON)"),
    "data_col_draft_id": ("№ проекта", "Draft ID"),
    "data_col_at": ("Когда", "When"),
    "data_col_note": ("Комментарий", "Note"),
    "data_col_who": ("С кем", "With whom"),
    "data_col_notes": ("Заметки", "Notes"),
    "data_col_enabled": ("Включена", "Enabled"),
    "data_col_field": ("Поле", "Field"),
    "data_col_draft_field_history_version": ("Версия поля", "Field version"),
    "data_col_draft_field_history_value": ("Прежнее значение (JSON)", "Earlier value (JSON)"),
    "data_col_replaced_at": ("Заменено", "Replaced"),
    "data_col_author": ("Автор", "Author"),
    "data_col_description": ("Описание", "Description"),
    "data_col_comment": ("Комментарий", "Comment"),
    "data_col_review_id": ("№ оценки", "Review ID"),
    "data_col_criterion_id": ("№ критерия", "Criterion ID"),
    "data_col_score": ("Балл", "Score"),
    "data_col_email": ("Эл. почта", "E-mail"),
    "data_col_phone": ("Телефон", "Phone"),
    "data_col_consent_text": ("Текст согласия", "Consent text"),
    "data_col_consent_at": ("Согласие дано", "Consent given"),
    "data_col_checkin_token": ("Токен входа (секрет)", "Check-in token (secret)"),
    "data_col_checked_in_at": ("Отмечен(а) на входе", "Checked in"),
    "data_col_joined_as": ("Вошёл(ла) с телефона как участник №", "Joined on a phone as participant ID"),
    "data_yes": ("да", "yes"),
    "data_no": ("нет", "no"),
    "data_role_leader": ("лидер", "leader"),
    "data_role_member": ("участник команды", "team member"),
    "data_card_status_shown": ("показана", "shown"),
    "data_card_status_pending": ("на модерации", "awaiting moderation"),
    "data_card_status_rejected": ("отклонена", "rejected"),
    # --- what is wrong with a file or value a user gave (errors.InputError): the table readers
    # (tableio), the network lists' checks (network/tables.py) and settings.json (app.py) ---
    "quoted": ("«{value}»", "'{value}'"),
    # a name (a stage's, a field's, a session's) in running text: «…» in Russian, “…” in English
    "named": ("«{value}»", "“{value}”"),
    "none_found": ("нет", "none"),
    "table_encoding_file": ("{path}: текст не в кодировке `UTF-8` и не в `cp1251`: сохраните файл в `UTF-8`",
                            "{path}: the text is neither UTF-8 nor cp1251: save the file as UTF-8"),
    "table_encoding": ("текст не в кодировке `UTF-8` и не в `cp1251`: сохраните файл в `UTF-8`",
                       "the text is neither UTF-8 nor cp1251: save the file as UTF-8"),
    "table_max_mb_env": ("{name}={value}: это не число мегабайт; укажите число, например {name}=20",
                         "{name}={value!r} is not a number of megabytes; give a number, e.g. {name}=20"),
    "table_too_big": ("{path}: файл занимает {size} МБ, больше предела для таблицы ({limit} МБ); если памяти "
                      "компьютера хватит, укажите предел больше через --max-mb (или {name})",
                      "{path}: the file is {size} MB, over the limit of {limit} MB for a table; give a larger "
                      "limit with --max-mb (or {name}) if the machine has the memory"),
    "table_unpacks_too_big": ("{path}: книга Excel в распакованном виде занимает {size} МБ, больше предела для "
                              "таблицы ({limit} МБ); если памяти компьютера хватит, укажите предел больше через "
                              "--max-mb (или {name})",
                              "{path}: the workbook unpacks to {size} MB, over the limit of {limit} MB for a table; "
                              "give a larger limit with --max-mb (or {name}) if the machine has the memory"),
    "table_not_found": ("{path}: файл не найден; проверьте имя и папку", "{path}: file not found; check its name and folder"),
    "table_is_folder": ("{path}: это папка, а не файл; укажите файл таблицы в ней",
                        "{path}: is a folder, not a file; name the table file in it"),
    "table_cannot_read": ("{path}: не удаётся прочитать файл ({why})", "{path}: cannot read file ({why})"),
    "table_empty": ("{path}: файл пуст", "{path}: file is empty"),
    "table_no_columns": ("{path}: в файле нет ни одного столбца; первая строка должна быть заголовком",
                         "{path}: no columns found; the first line must be the header"),
    "table_no_rows": ("{path}: в таблице нет строк с данными (только заголовок)", "{path}: no data rows (only a header)"),
    "table_bad_xlsx": ("{path}: это не читаемый файл Excel .xlsx ({detail}); сохраните его в Excel заново как "
                       ".xlsx или .csv",
                       "{path}: not a readable Excel .xlsx file ({detail}); save it again from Excel as .xlsx or .csv"),
    "table_binary": ("{path}: это не таблица (похоже на картинку, архив или документ); нужна таблица CSV, TSV "
                     "или XLSX",
                     "{path}: not a table (it looks like a picture, an archive or a document); expected a CSV, "
                     "TSV or XLSX table"),
    "table_broken": ("{path}: повреждённый файл {kind} ({detail})", "{path}: broken {kind} file ({detail})"),
    "table_no_folder": ("не удаётся записать {path}: папки {folder} нет", "cannot write {path}: folder {folder} does not exist"),
    "cli_sheet_groups": ("Группы", "Groups"),
    "cli_sheet_opinion_groups": ("Группы мнений", "Opinion groups"),
    "net_where_table": ("таблица", "table"),
    "net_where_list": ("список {n}", "list {n}"),
    "net_sheet_row": ("{row} (лист {sheet})", "{row} (sheet {sheet})"),
    "net_sheet_no_heading": ("{where}: на листе {sheet} нет строки заголовков списка (столбца «ФИО»): "
                             "первая строка — {found}. Назовите столбцы, как на других листах, или "
                             "удалите лист, если он не список",
                             "{where}: sheet {sheet} has no heading row of a list (a column 'person'): its first "
                             "row is {found}. Name the columns as on the other sheets, or delete the sheet if it "
                             "is no list"),
    "net_same_meaning": ("{where}: столбцы {a} и {b} оба означают {name}; оставьте один из них",
                         "{where}: columns {a} and {b} both mean {name}; keep one of them"),
    "net_missing_columns": ("{where}: в файле нет {n|столбца|столбцов|столбцов} {what}: найдены {found}. "
                            "{n|Нужен столбец|Нужны столбцы|Нужны столбцы} {names}.",
                            "{where}: there is no column {what}; found {found}. {n|Name a column|Name columns} {names}."),
    "net_both": ("{a} и {b}", "{a} and {b}"),
    "net_col_names": ("{heading} или {code}", "{code}"),
    "net_col_what_person": ("с ФИО участника", "for the person's name"),
    "net_col_what_event": ("с мероприятием", "for the event"),
    "net_col_what_group": ("с группой", "for the group"),
    "net_col_what_source": ("с первым участником связи", "for a tie's first end"),
    "net_col_what_target": ("со вторым участником связи", "for a tie's second end"),
    "net_no_rows": ("{where}: нет строк с данными", "{where}: no data rows"),
    "net_problem": ("{where}: {problem}", "{where}: {problem}"),
    "net_problems": ("{where}: {n} {n|ошибка|ошибки|ошибок}:\n  {problems}{more}", "{where}: {n} {n|problem|problems}:\n  {problems}{more}"),
    "net_more": ("\n  … и ещё {n}", "\n  ... and {n} more"),
    "net_row_problem": ("строка {row}, столбец {column}: {problem}", "row {row}, column {column}: {problem}"),
    "net_not_date": ("{value} — не дата (пишите, например, 05.03.2024)", "{value} is not a date (write e.g. 2024-03-05)"),
    "net_not_email": ("{value} — не адрес электронной почты", "{value} is not an email address"),
    "net_not_phone": ("{value} — не номер телефона", "{value} is not a phone number"),
    "net_not_positive": ("{value} — не положительное число", "{value} is not a positive number"),
    "net_cell_empty": ("пусто, а нужно заполнить", "empty"),
    "net_no_lists": ("не дано ни одного списка участников", "no attendance lists given"),
    "net_shape": ("{where}: непонятно, что это за список: найдены {found}. Нужны столбцы «ФИО» и «Мероприятие» "
                  "(кто в чём участвовал; или `person` и `event` или `group`) или два конца связи: "
                  "«Организация 1» и «Организация 2», «Кто» и «С кем», «Источник» и «Получатель» (или `source` "
                  "и `target`; список связей)",
                  "{where}: cannot tell what list this is: found {found}. Needs the columns 'person' and 'event' "
                  "or 'group' (who took part in what; «ФИО», «Мероприятие») or a tie's two ends: 'source' and "
                  "'target', 'from' and 'to', 'organisation 1' and 'organisation 2' (an edge list)"),
    "net_colour_by": ("--colour-by может быть {choices}, а не {value}", "--colour-by must be one of {choices}, not {value}"),
    "net_colour_column": ("`--colour-by {by}`: в {where} нет столбца {column} (есть: {found}); "
                          "добавьте его или укажите `--colour-by community`",
                          "--colour-by {by}: {where} has no {column} column (found: {found}); add "
                          "one or use --colour-by community"),
    "net_colour_empty": ("`--colour-by {by}`: столбец {column} в {where} пуст; заполните его или "
                         "укажите `--colour-by community`",
                         "--colour-by {by}: the {column} column of {where} is empty; fill it in or "
                         "use --colour-by community"),
    "net_not_folder": ("{path} уже есть, и это не папка; укажите другую папку для результатов",
                       "{path} exists and is not a folder; name another folder for the results"),
    "net_edge_list": ("{where}: это список связей (`source`, `target`), а здесь нужен список "
                      "участников (`person`, `event`); списки связей анализирует `workbench network`",
                      "{where}: this is an edge list (source, target); the staff view needs an "
                      "attendance list (person, event); use `workbench network` for edge lists"),
    "net_edge_list_among": ("{where}: это список связей (`source`, `target`); несколько файлов читаются вместе только "
                            "как списки участников (`person`, `event`): загрузите его отдельно",
                            "{where}: this is an edge list (source, target); several files are read together only "
                            "as attendance lists (person, event): upload it alone"),
    "net_no_match": ("ни одна строка не подходит под фильтры", "no rows match the filters"),
    "net_orgs_columns": ("{where}: нужны столбцы «Написание» и «Организация» (или `spelling` и `organisation`): "
                         "найдены {found}",
                         "{where}: needs the columns 'spelling' and 'organisation' (or «Написание» and "
                         "«Организация»); found {found}"),
    "settings_unknown": ("{source}: неизвестные настройки: {names} (настройки: {known})",
                         "{source}: unknown settings: {names} (the settings are: {known})"),
    "settings_choice": ("{source}: {name} может быть {choices}, а не {value}",
                        "{source}: {name} must be one of {choices}, not {value}"),
    "settings_bool": ("{source}: {name} может быть `true` или `false`, а не {value}",
                      "{source}: {name} must be true or false, not {value}"),
    "settings_text": ("{source}: {name} должно быть текстом в кавычках, а не {value}",
                      "{source}: {name} must be text, not {value}"),
    "settings_whole_positive": ("{source}: {name} должно быть целым числом больше 0, а не {value}",
                                "{source}: {name} must be a whole number above 0, not {value}"),
    "settings_whole": ("{source}: {name} должно быть целым числом от 0, а не {value}",
                       "{source}: {name} must be a whole number of at least 0, not {value}"),
    "settings_number_positive": ("{source}: {name} должно быть числом больше 0, а не {value}",
                                 "{source}: {name} must be a number above 0, not {value}"),
    "settings_number": ("{source}: {name} должно быть числом от 0, а не {value}",
                        "{source}: {name} must be a number of at least 0, not {value}"),
    "settings_cannot_read": ("{source}: не удаётся прочитать файл настроек ({why})",
                             "{source}: cannot read the settings file ({why})"),
    "settings_bad_json": ("{source}: это не JSON ({why}, строка {line}, позиция {column}); проверьте кавычки и запятые",
                          "{source}: not valid JSON ({why} at line {line} column {column}); check its quotes and commas"),
    "settings_not_object": ("{source}: в файле должен быть объект JSON, например {{\"lang\": \"en\"}}",
                            "{source}: must hold a JSON object, like {{\"lang\": \"en\"}}"),
    "votes_missing_columns": ("нет {n|столбца|столбцов|столбцов} {columns} (нужны `voter-id`, "
                              "`comment-id`, `vote`)",
                              "missing {n|column|columns} {columns} (expected voter-id, comment-id, vote)"),
    "votes_bad_values": ("неверные голоса {examples} в {n} {n|строке|строках|строках}; голос — это 1 (за), "
                         "-1 (против) или 0 (пропуск)",
                         "{n} {n|row|rows} with a bad vote ({examples}); a vote is 1 (agree), -1 (disagree) "
                         "or 0 (pass)"),
    "votes_empty_ids": ("пустой `voter-id` или `comment-id`",
                        "empty voter-id or comment-id"),
    "votes_bad_timestamps": ("в столбце `timestamp` должны быть числа или даты",
                             "timestamp values must be numbers or dates"),
    "transfer_not_export": ("это не выгрузка сессии workbench (файл `workbench export-session`)",
                            "not a workbench session export (a `workbench export-session` file)"),
    "transfer_bad_version": ("`schema_version` должна быть целым числом от 1 до {max}, а не {value}",
                             "schema_version must be a whole number from 1 to {max}, not {value}"),
    "transfer_newer": ("файл выгружен более новой версией (схема {version}); обновите workbench",
                       "exported by a newer version (schema {version}); upgrade the workbench"),
    "transfer_no_tables": ("в файле нет таблиц", "the file has no tables"),
    "transfer_bad_format_version": ("`format_version` должна быть целым числом от 1 до {max}, а не {value}",
                                    "`format_version` must be a whole number from 1 to {max}, not {value}"),
    "transfer_newer_format": ("файл выгружен более новой версией workbench (формат {version}, эта версия читает "
                              "формат {max}); обновите workbench",
                              "the file was exported by a newer workbench (format {version}; this one reads "
                              "format {max}); update workbench"),
    "transfer_unknown_table": ("неизвестная таблица {name}", "unknown table {name}"),
    "transfer_not_rows": ("таблица {name}: нужен список строк (объектов JSON)",
                          "table {name}: a list of rows (JSON objects) is expected"),
    "transfer_same_id": ("таблица {name}: две строки с одним `id`",
                         "table {name}: two rows with the same id"),
    "transfer_bad_id": ("таблица {name}, строка {row}: `id` должен быть целым числом",
                        "table {name}, row {row}: 'id' must be a whole number"),
    "transfer_too_many": ("строк: {n}, больше {max}; это не выгрузка сессии",
                          "{n} rows: more than {max}, not a session export"),
    "transfer_one_session": ("в файле должна быть ровно одна сессия с кодом",
                             "the file must hold exactly one session with its code"),
    "transfer_bad_ref": ("таблица {name}, строка {row}: {column} {ref} — нет такой строки в таблице {target} файла",
                         "table {name}, row {row}: {column} {ref} is not a row of {target} in the file"),
    "transfer_does_not_fit": ("файл не подходит к хранилищу, ничего не изменено: {detail}",
                              "the file does not fit the store, nothing was changed: {detail}"),
    "transfer_value_does_not_fit": ("значение из файла не подходит к хранилищу, ничего не изменено: {detail}",
                                    "a value in the file does not fit the store, nothing was changed: {detail}"),
    "transfer_settings_object": ("`settings` должен быть объектом JSON",
                                 "'settings' must be a JSON object"),
    "transfer_display_lang": ("`settings`: `display_lang` может быть {choices}, а не {value}",
                              "settings: display_lang must be one of {choices}, not {value}"),
    "transfer_review_opened_at": ("`settings`: `review_opened_at` — время в секундах, а не {value}",
                                  "settings: review_opened_at must be a time in seconds, not {value}"),
    "transfer_exists": ("сессия {code} уже есть в этом хранилище (заменить её: --replace; положить файл рядом "
                        "под другим кодом: --as-code КОД; посмотреть, что изменится: --dry-run)",
                        "session {code} is already in this store (replace it with --replace; put the file "
                        "beside it under another code: --as-code CODE; see what would change: --dry-run)"),
    # A session's life after the room (workbench/session/lifecycle.py)
    "session_archived": ("Сессия «{title}» ({code}) завершена и убрана в архив: карточки и голоса больше не "
                         "принимаются. Спасибо за участие!",
                         "The session “{title}” ({code}) is over and archived: cards and votes are no longer "
                         "taken. Thank you for taking part!"),
    "session_archived_link": ("Сессия «{title}» ({code}) завершена и убрана в архив: её страницы больше не "
                              "открываются и ничего не принимают. Если нужны её итоги, спросите у ведущего.",
                              "The session “{title}” ({code}) is over and archived: its pages no longer open or "
                              "take anything. Ask the facilitator if you need its results."),
    "projector_archived": ("Сессия в архиве: телефоны, экран, регистрация, ссылки команд и страница итогов её "
                           "больше не открывают. Вернуть её: `workbench archive-session --session {code} --unarchive`",
                           "This session is archived: phones, the display, registration, team links and the "
                           "results page no longer open it. To bring it back: "
                           "`workbench archive-session --session {code} --unarchive`"),
    "session_archived_title": ("Сессия завершена", "The session is over"),
    "session_code_form": ("код сессии «{code}» не подходит: нужно от 3 до 16 латинских букв и цифр",
                          "session code '{code}' does not fit: 3 to 16 Latin letters and digits"),
    "import_as_code_or_replace": ("--as-code и --replace вместе нельзя: --replace заменяет сессию с кодом из "
                                  "файла, --as-code кладёт файл рядом под новым кодом",
                                  "--as-code and --replace do not go together: --replace replaces the session "
                                  "of the file's code, --as-code puts the file beside it under a new code"),
    "import_code_taken": ("код {code} уже занят сессией этого хранилища; выберите для --as-code другой",
                          "code {code} is taken by a session of this store; choose another for --as-code"),
    "import_would_lose": ("сессия {code}: в этом хранилище есть то, чего нет в файле, и замена это удалит — "
                          "{what}. Ничего не изменено. Заменить всё равно: --replace --yes; сначала сравнить: "
                          "--as-code НОВЫЙ_КОД (файл ляжет рядом под другим кодом) или --dry-run",
                          "session {code}: this store holds what the file lacks, and replacing would delete "
                          "it: {what}. Nothing was changed. Replace anyway: --replace --yes; compare first: "
                          "--as-code NEW_CODE (the file goes beside it under another code) or --dry-run"),
    "delete_cannot_save": ("не удаётся записать копию сессии {path}: {why}; ничего не удалено",
                           "cannot write the session's copy {path}: {why}; nothing was deleted"),
    "kind_cards": ("карточки: {n}", "cards: {n}"),
    "kind_cards_rejected": ("карточки: {n} (из них отклонённые модерацией: {rejected} — выгрузка без "
                            "--include-rejected их не берёт)",
                            "cards: {n} (of them rejected in moderation: {rejected}; an export leaves those "
                            "out without --include-rejected)"),
    "kind_card_edits": ("карточки, изменённые здесь (текст, скрытие, модерация): {n}",
                        "cards changed here (text, hidden, moderation): {n}"),
    "kind_groups": ("группы карточек: {n}", "groups of cards: {n}"),
    "kind_participants": ("участники (вошедшие с телефонов): {n}", "participants (phones that joined): {n}"),
    "kind_paper_ballots": ("бумажные бюллетени: {n}", "paper ballots: {n}"),
    "kind_votes": ("голоса и оценки: {n}", "votes and ratings: {n}"),
    "kind_team_members": ("записи в команды: {n}", "team sign-ups: {n}"),
    "kind_drafts": ("проекты: {n}", "project drafts: {n}"),
    "kind_draft_fields": ("поля проектов, изменённые здесь: {n}", "draft fields changed here: {n}"),
    "kind_draft_comments": ("комментарии к проектам: {n}", "comments on drafts: {n}"),
    "kind_consultations": ("консультации: {n}", "consultations: {n}"),
    "kind_reviews": ("отзывы на защиту проектов: {n}", "peer reviews: {n}"),
    "kind_registrations": ("регистрации: {n}", "registrations: {n}"),
    # --- the command line's own messages (workbench/cli): Russian, or English with
    # `workbench --lang en …` or WORKBENCH_LANG=en ---
    "cli_error": ("{prog}: ошибка: {message}", "{prog}: error: {message}"),
    # argparse's own words, in the command's language (cli.argparse_words); English is argparse's own
    "cli_ap_usage": ("использование: ", "usage: "),
    "cli_ap_positional": ("позиционные аргументы", "positional arguments"),
    "cli_ap_options": ("параметры", "options"),
    "cli_ap_help": ("показать эту справку и выйти", "show this help message and exit"),
    "cli_ap_argument": ("аргумент %(argument_name)s: %(message)s", "argument %(argument_name)s: %(message)s"),
    "cli_ap_unrecognized": ("лишние аргументы: %s", "unrecognized arguments: %s"),
    "cli_ap_not_allowed": ("нельзя вместе с аргументом %s", "not allowed with argument %s"),
    "cli_ap_ignored": ("лишнее значение «%s»", "ignored explicit argument %r"),
    "cli_ap_required": ("не хватает обязательных аргументов: %s", "the following arguments are required: %s"),
    "cli_ap_one_of": ("нужен один из аргументов %s", "one of the arguments %s is required"),
    "cli_ap_expected_one": ("нужно значение", "expected one argument"),
    "cli_ap_expected_at_most_one": ("нужно не больше одного значения", "expected at most one argument"),
    "cli_ap_expected_at_least_one": ("нужно хотя бы одно значение", "expected at least one argument"),
    "cli_ap_expected_n": ("нужно значений: %s", "expected %s arguments"),
    "cli_ap_ambiguous": ("неоднозначный параметр: %(option)s может означать %(matches)s",
                         "ambiguous option: %(option)s could match %(matches)s"),
    "cli_ap_unexpected": ("неожиданный параметр: %s", "unexpected option string: %s"),
    # «…», not Python's '…' (argparse joins the choices with repr: `cli.argparse_words` quotes them again)
    "cli_ap_invalid_value": ("недопустимое значение (%(type)s): «%(value)s»", "invalid %(type)s value: %(value)r"),
    "cli_ap_invalid_choice": ("недопустимое значение «%(value)s» (можно: %(choices)s)",
                              "invalid choice: %(value)r (choose from %(choices)s)"),
    "cli_ap_cannot_open": ("не удаётся открыть «%(filename)s»: %(error)s", "can't open '%(filename)s': %(error)s"),
    "cli_usage_error": ("{prog}: ошибка: {message} (см. `{prog} --help`)", "{prog}: error: {message} (see `{prog} --help`)"),
    "cli_not_positive_int": ("{value} — не целое число больше 0", "{value} is not a positive whole number"),
    "cli_not_megabytes": ("{value} — не число мегабайт", "{value} is not a number of megabytes"),
    "cli_not_above_zero": ("{value}: нужно число больше 0", "{value} must be above 0"),
    "cli_not_port": ("{value} — не порт (нужно число от 1 до 65535)", "{value} is not a port (a number from 1 to 65535)"),
    # the help of every command and option (`workbench --help`, `workbench COMMAND --help`)
    "cli_help_workbench": ("Рабочее место ведущего стратегических сессий.", "Workbench for facilitators of strategic sessions."),
    "cli_help_ui_lang": ("язык сообщений команды (по умолчанию `${name}`, иначе `ru`)",
                         "language of the command's messages (default: ${name}, else ru)"),
    "cli_help_command_metavar": ("КОМАНДА", "COMMAND"),
    "cli_help_commands": ("одна из команд ниже; её справка: `workbench КОМАНДА --help`",
                          "one of the commands below; its help: `workbench COMMAND --help`"),
    "cli_help_data": ("папка данных (по умолчанию `sessions_data`)",
                      "data folder (default: sessions_data)"),
    "cli_help_session_code": ("код сессии", "session code"),
    "cli_help_seed": ("начальное число случайного генератора (по умолчанию 0)", "random seed (default: 0)"),
    "cli_help_max_mb": ("не читать входные файлы больше стольких мегабайт (XLSX — в распакованном "
                        "виде); по умолчанию 10 или `$WORKBENCH_MAX_TABLE_MB`",
                        "refuse input files bigger than this many megabytes (an XLSX: unpacked); "
                        "default 10, or $WORKBENCH_MAX_TABLE_MB"),
    "cli_help_init": ("создать пустую папку данных с хранилищем", "create an empty data folder with its store"),
    "cli_help_demo": ("загрузить в папку данных демо-сессию (Каргопольский район)",
                      "load the demo session (Kargopol district) into the data folder"),
    "cli_help_sessions": ("список сессий, по строке на сессию, в начале строки — код",
                          "list sessions, one line each, starting with the code"),
    "cli_help_new_session": ("создать сессию по шаблону этапов", "create a session from a stage template"),
    "cli_help_template": ("шаблон этапов: {names} (встроенные) или файл "
                          "`DATA/templates/stages/NAME.json`; по умолчанию `strategic_session`",
                          "the stage template: {names} (built in), or a file "
                          "DATA/templates/stages/NAME.json; default strategic_session"),
    "cli_help_stages_lang": ("язык названий и вопросов этапов", "language of the stages' titles and questions"),
    "cli_help_title": ("название сессии", "the session's title"),
    "cli_help_territory": ("территория (район, посёлок)", "the territory (district, village)"),
    "cli_help_date": ("дата сессии, ДД.ММ.ГГГГ или ГГГГ-ММ-ДД (по умолчанию сегодня)",
                      "the session's date, YYYY-MM-DD or DD.MM.YYYY (default: today)"),
    "cli_help_session_edit": ("изменить название, территорию или дату сессии",
                              "change a session's title, territory or date"),
    "cli_session_edit_nothing": ("нечего менять: укажите --title, --territory или --date",
                                 "nothing to change: give --title, --territory or --date"),
    "cli_session_edited": ("{code}: {what}", "{code}: {what}"),
    "cli_namesake": ("внимание: сессия «{title}» уже есть (код {codes}); новая создана со своим кодом {code}, "
                     "участники входят по коду",
                     "note: a session '{title}' already exists (code {codes}); the new one has its own code {code}, "
                     "and the room joins by the code"),
    "cli_help_kind": ("вид сессии (по умолчанию — вид шаблона)", "the kind of session (default: the template's)"),
    "cli_help_moderation": ("нецензурные слова в карточках с телефонов: `off` (пропускать), `mask` "
                            "(звёздочки) или `hold` (карточка ждёт ведущего); по умолчанию `off`",
                            "obscene words in cards from phones: off, mask (asterisks) or hold (the "
                            "card waits for the facilitator); default off"),
    "cli_help_approval": ("каждая карточка с телефона ждёт одобрения ведущего",
                          "every card from a phone waits for the facilitator's approval"),
    "cli_help_save_template": ("сохранить этапы сессии как шаблон этапов в папке данных",
                               "save a session's stages as a stage template in the data folder"),
    "cli_help_overwrite": ("заменить шаблон с таким именем в папке данных",
                           "replace a template of that name in the data folder"),
    "cli_help_template_name": ("имя шаблона (буквы, цифры, - и _; пробел станет _)",
                               "the template's name (letters, digits, - and _; a space becomes _)"),
    "cli_help_cluster": ("сгруппировать идеи из файла CSV/TSV/XLSX по темам", "group ideas in a CSV/TSV/XLSX file by topic"),
    "cli_help_cluster_about": ("Группирует тексты одного столбца по темам. Записывает все столбцы "
                               "входного файла и ещё `cluster` (номер группы с 1, как на проекторе; пусто у "
                               "строк без текста) и `cluster_label`. CSV — через запятую, для программ; XLSX — "
                               "лист «Группы».",
                               "Group the texts of one column by topic. Writes every input column "
                               "plus 'cluster' (the group's number from 1, as on the projector; empty for rows "
                               "without text) and 'cluster_label'. CSV is comma-separated, for tools; XLSX has "
                               "the sheet 'Groups'."),
    "cli_cluster_no_text": ("Без текста", "No text"),  # `cluster_label` of a row without text
    "cli_help_cluster_input": ("файл CSV, TSV или XLSX (`UTF-8` или `cp1251`)",
                               "CSV, TSV or XLSX file (UTF-8 or cp1251)"),
    "cli_help_text_column": ("столбец с текстами", "column with texts"),
    "cli_help_table_output": ("файл результата: CSV (`UTF-8` с `BOM`) или XLSX, по расширению",
                              "output file: CSV (UTF-8 with BOM) or XLSX, by its suffix"),
    "cli_help_texts_lang": ("язык текстов (по умолчанию `auto` — для каждого текста свой)",
                            "language of the texts (default: auto, per text)"),
    "cli_help_clusters": ("число групп, не больше числа разных текстов (по умолчанию выбирается само)",
                          "number of groups, at most the number of different texts (default: chosen automatically)"),
    "cli_help_method": ("векторы предложений (дополнение `meaning`) или леммы (по умолчанию `auto`: "
                        "векторы, если установлены)",
                        "sentence vectors (the `meaning` extra) or lemmas (default: auto, vectors "
                        "when installed)"),
    "cli_help_network": ("анализ сети: список участия (`person`, `group`) или список связей "
                         "(`source`, `target`)",
                         "analyse a network: two-mode list (person, group) or edge list (source, "
                         "target)"),
    "cli_help_network_about": ("Анализирует список участия (столбцы `person`, `group` или `event`; "
                               "по желанию `kind`, `date`, `territory`, `organisation`, `sector`, "
                               "`email`, `phone`; разные написания одного человека объединяются, как "
                               "на странице анализа; люди анализируются по взвешенной сети людей, "
                               "связанных общими группами списка; столбец `organisation`, как на странице, "
                               "делает человека членом организации в `two_mode.gexf` и groups.csv, но не "
                               "связывает людей) или список связей (столбцы концов связи: `source` и `target`, "
                               "«Организация 1» и «Организация 2», «Кто» и «С кем», «Организация» и «Партнёр»; "
                               "по желанию `weight` («Вес», «Число») и `kind` — вид связи, он сохраняется в "
                               "edges.csv, `GEXF` и `GraphML`). Разные написания одной организации "
                               "объединяются в обоих списках (organisations_merged.csv). "
                               "Записывает nodes.csv, edges.csv, `network.gexf`, `network.graphml`, "
                               "`network.png/.svg`, `summary.json`, а для списков участия ещё "
                               "`two_mode.gexf`, groups.csv, brokers.csv (если есть `territory`) и "
                               "`growth.csv/.png/.svg` (если есть `date`). Таблицы — для Excel, как выгрузка "
                               "страницы анализа: по-русски через «;», с десятичной запятой и русскими заголовками.",
                               "Analyse a two-mode list (columns person, group or event; optional "
                               "kind, date, territory, organisation, sector, email, phone; spellings "
                               "of one person are merged as on the analysis page; people are "
                               "analysed on the weighted projection of people tied by the list's groups; the "
                               "organisation column, as on the page, makes a person a member of that "
                               "organisation in two_mode.gexf and groups.csv, not a tie) or a one-mode edge list "
                               "(a tie's two ends: source and target, from and to, organisation 1 and "
                               "organisation 2, organisation and partner; optional weight, and kind: the tie's "
                               "type, kept in edges.csv, GEXF and GraphML). Spellings of one organisation are "
                               "merged in both (organisations_merged.csv). Writes nodes.csv, edges.csv, "
                               "network.gexf, network.graphml, network.png/.svg, summary.json and, "
                               "for two-mode lists, two_mode.gexf, groups.csv, brokers.csv (with "
                               "territory) and growth.csv/.png/.svg (with date). The tables are for Excel, as the "
                               "analysis page's export: in English comma-separated with English headings."),
    "cli_help_network_input": ("файл CSV, TSV или XLSX; несколько списков участников (файл на мероприятие или "
                               "модуль) читаются вместе",
                               "CSV, TSV or XLSX file; several attendance lists (a file per event or module) "
                               "are read together"),
    "cli_help_results_dir": ("папка для результатов", "folder for the results"),
    "cli_help_pseudonymise": ("заменить имена кодами (`P0001`…) и убрать почту и телефоны",
                              "replace names by codes (P0001...) and drop emails and phones"),
    "cli_help_network_seed": ("начальное число для раскладки, выборок и поиска сообществ (по умолчанию 0)",
                              "seed for layouts, sampling and community detection (default: 0)"),
    "cli_help_network_lang": ("язык таблиц (`ru`: через «;», с десятичной запятой и русскими заголовками, для "
                              "русского Excel; `en`: через запятую, с английскими) и рисунков `network.png/.svg`, "
                              "`growth.png/.svg`: заголовки, легенды, подписи осей и числа (по умолчанию — язык "
                              "команды: `workbench --lang` или `WORKBENCH_LANG`, иначе русский)",
                              "language of the tables (ru: ';', a decimal comma and Russian headings, for Russian "
                              "Excel; en: commas and English headings) and of the pictures network.png/.svg, "
                              "growth.png/.svg: titles, legends, axis labels and numbers (default: the command's "
                              "language, `workbench --lang` or WORKBENCH_LANG, else Russian)"),
    "cli_help_network_orgs": ("свой список написаний организаций: CSV или XLSX со столбцами «Написание» и "
                              "«Организация» (`spelling`, `organisation`); он главнее автоматического объединения, "
                              "пустая организация — не объединять это написание",
                              "your own list of organisation spellings: CSV or XLSX with the columns spelling and "
                              "organisation («Написание», «Организация»); it wins over the automatic merging, and an "
                              "empty organisation keeps that spelling apart"),
    "cli_help_network_no_merge_orgs": ("не объединять разные написания одной организации (НКО «Родник», Родник "
                                       "(НКО)…); список `--orgs` действует и так",
                                       "do not merge the spellings of one organisation (НКО «Родник», Родник "
                                       "(НКО)…); the `--orgs` list still applies"),
    "cli_help_colour_by": ("что показывают цвета `network.png/.svg`, с подписью в легенде (по "
                           "умолчанию `community`)",
                           "what the colours of network.png/.svg show, named in the legend (default: "
                           "community)"),
    "cli_help_opinion": ("группы мнений как в `Pol.is` по таблице голосов (`voter-id`, `comment-id`, "
                         "`vote`)",
                         "Pol.is-style opinion groups from a votes CSV (voter-id, comment-id, vote)"),
    "cli_help_votes": ("`votes.csv` из `Pol.is` (`timestamp` упорядочивает переголосования)",
                       "Pol.is votes.csv (timestamp orders re-votes)"),
    "cli_help_opinion_output": ("CSV или XLSX (по расширению) со столбцами `participant`, `group` "
                                "(1, 2, … как на проекторе; пусто — не в группе, и пусто у всех, "
                                "когда явных групп в зале нет)",
                                "CSV or XLSX (by its suffix) with columns participant, group (1, 2, "
                                "... as on the projector; empty = not grouped, and empty for "
                                "everyone when the room shows no clear groups)"),
    "cli_help_keep_unclear": ("записать найденные группы, даже когда явных групп в зале нет (чтобы "
                              "сравнить с группами самого `Pol.is`); они могут быть случайны",
                              "write the groups found even when the room shows no clear groups (to "
                              "compare with Pol.is's own groups); they may be chance"),
    "cli_help_comments": ("comments.csv из `Pol.is`; утверждения с `moderated == -1` отбрасываются",
                          "Pol.is comments.csv; statements with moderated == -1 are dropped"),
    "cli_help_export": ("выгрузить проектные заявки, протокол или все данные сессии",
                        "export a session's drafts, protocol or full data"),
    "cli_help_what": ("`drafts` (`docx`, `md`), `protocol` (`docx`, `xlsx`, `md`) или `data` (`csv`: "
                      "все таблицы)",
                      "drafts (docx, md), protocol (docx, xlsx, md) or data (csv: every table)"),
    "cli_help_format": ("формат файлов", "file format"),
    "cli_help_output_dir": ("папка, куда записать файлы", "folder to write the files into"),
    "cli_help_export_lang": ("язык заголовков и слов в файлах (по умолчанию — язык сессии, иначе язык команды)",
                             "language of the headings and words in the files (default: the session's, else the command's)"),
    "cli_help_names": ("перечислить участников в протоколе по именам", "list participants by name in the protocol"),
    "cli_help_templates": ("папка с шаблонами (по умолчанию `templates/`)",
                           "folder with the templates (default: templates/)"),
    "cli_help_data_secrets": ("`--what data`: оставить токены устройств участников (их секрет) в "
                              "participants.csv",
                              "--what data: keep the participants' device tokens (their secret) in "
                              "participants.csv"),
    "cli_help_data_rejected": ("`--what data`: оставить карточки, отклонённые модерацией (по "
                               "умолчанию их нет)",
                               "--what data: keep the cards rejected in moderation (left out by "
                               "default)"),
    "cli_help_export_session": ("записать одну сессию, все её строки, в файл JSON",
                                "write one session, every row of it, to a JSON file"),
    "cli_help_import_session": ("добавить сессию из файла `export-session`",
                                "add a session from an export-session file"),
    "cli_help_database": ("база данных PostgreSQL, например `postgresql://workbench@/workbench`; "
                          "без этого параметра — `${name}`, без неё — файл workbench.sqlite в папке `--data`",
                          "PostgreSQL database URL, e.g. postgresql://workbench@/workbench; "
                          "without it, ${name}, else the workbench.sqlite file in --data"),
    "cli_help_json_output": ("файл JSON, который записать", "the JSON file to write"),
    "cli_help_include_secrets": ("оставить в файле токены устройств участников (их секрет), чтобы после импорта "
                                 "их телефоны продолжили работу; без этого они входят заново",
                                 "keep the participants' device tokens (their secret) in the file, so their "
                                 "phones carry on after the import; without it they join again"),
    "cli_help_include_rejected": ("оставить карточки, отклонённые модерацией (по умолчанию их нет)",
                                  "keep the cards rejected in moderation (left out by default)"),
    "cli_help_import_file": ("файл, записанный командой `export-session`",
                             "a file written by export-session"),
    "cli_help_replace": ("заменить сессию с тем же кодом, если она уже есть в хранилище",
                         "replace a session with the same code already in the store"),
    "cli_help_stage": ("сделать этап текущим (тем, что на телефонах) из терминала",
                       "set the current stage (the one on phones) from the terminal"),
    "cli_help_stage_name": ("номер этапа в списке (с 1), его вид (`ideas`, `voting`…) или название",
                            "the stage's number in the list (from 1), its kind (ideas, voting…) or "
                            "its title"),
    "cli_help_person": ("выгрузить или удалить данные человека (регистрации, участие в сессиях)",
                        "export or delete a person's data (registrations, sessions joined)"),
    "cli_help_person_query": ("имя, эл. почта или телефон человека (регистр не важен)",
                              "the person's name, e-mail or phone (any case)"),
    "cli_help_person_export": ("записать в этот файл всё о человеке", "write everything about the person to this file"),
    "cli_help_person_forget": ("удалить его регистрации и стереть имя, территорию и организацию в сессиях",
                               "delete their registrations and blank their name, territory and organisation in sessions"),
    "cli_help_registrations": ("кто зарегистрировался на мероприятие и кто пришёл (таблица, CSV или XLSX)",
                               "who registered for an event and who came (a table, CSV or XLSX)"),
    "cli_help_event_code": ("код сессии мероприятия", "the event's session code"),
    "cli_help_registrations_output": ("записать список в этот файл, а не печатать",
                                      "write the list to this file instead of printing it"),
    "cli_help_headings_lang": ("язык заголовков (по умолчанию — язык сессии, иначе язык команды)",
                               "language of the headings (default: the session's, else the command's)"),
    "cli_help_serve": ("запустить проектор (`Voila`) и страницы участников",
                       "serve the projector (Voila) and the participant pages"),
    "cli_help_host": ("адрес, на котором слушать (по умолчанию все)", "address to listen on (default: all)"),
    "cli_help_port": ("порт (по умолчанию 8866)", "port (default: 8866)"),
    "cli_help_no_browser": ("не открывать проектор в браузере (без экрана он и так не открывается)",
                            "do not open the projector in a browser (it is not opened without a display either)"),
    "cli_help_public_url": ("адрес, по которому заходят телефоны, например "
                            "`http://192.168.0.10:8866` (по умолчанию угадывается)",
                            "base URL phones use, e.g. http://192.168.0.10:8866 (default: guessed)"),
    "cli_help_serve_session": ("сессия, чью ссылку и QR-код показать (по умолчанию самая новая)",
                               "session whose join link and QR code to print (default: newest)"),
    "cli_unknown_command": ("неизвестная команда «{name}»; команды: {commands}",
                            "unknown command '{name}'; the commands are: {commands}"),
    "cli_data_missing": ("папки данных {data} нет. Если хранилище — база PostgreSQL на сервере, укажите её: "
                         "`--database URL` или переменная `{name}`; на ноутбуке создайте папку: `workbench init --data {data}`",
                         "data folder {data} does not exist. If the store is a PostgreSQL database on a server, name it: "
                         "--database URL or the {name} variable; on a laptop, create the folder: "
                         "`workbench init --data {data}`"),
    "cli_data_missing_server": ("папки данных {data} нет, а хранилище этого сервера — база данных, её адрес записан в "
                                "{env_file}: укажите её (`--database URL`, или `set -a; . {env_file}; set +a` перед "
                                "командой) и папку данных сервера в `--data`; `workbench init` создал бы здесь второе, "
                                "пустое хранилище",
                                "data folder {data} does not exist, and this server's store is a database whose "
                                "address is in {env_file}: name it (--database URL, or `set -a; . {env_file}; set +a` "
                                "before the command) and the server's data folder in --data; `workbench init` would "
                                "make a second, empty store here"),
    "cli_data_missing_db": ("папки данных {data} нет (в ней ключ сервера, настройки и шаблоны, даже когда хранилище — "
                            "база данных): укажите её в `--data` или создайте: `workbench init --data {data}`",
                            "data folder {data} does not exist (it holds the server's secret, settings and templates "
                            "even when the store is a database): name it in --data or create it: "
                            "`workbench init --data {data}`"),
    "cli_no_store": ("в {data} нет хранилища workbench (workbench.sqlite). Если хранилище — база PostgreSQL на "
                     "сервере, укажите её: `--database URL` или переменная `{name}`; на ноутбуке создайте "
                     "хранилище: `workbench init --data {data}`",
                     "{data} holds no workbench store (workbench.sqlite). If the store is a PostgreSQL database on a "
                     "server, name it: --database URL or the {name} variable; on a laptop, create the store: "
                     "`workbench init --data {data}`"),
    "cli_no_store_server": ("в {data} нет хранилища workbench (workbench.sqlite), а хранилище этого сервера — база "
                            "данных, её адрес записан в {env_file}: укажите её (`--database URL`, или "
                            "`set -a; . {env_file}; set +a` перед командой); `workbench init` создал бы здесь второе, "
                            "пустое хранилище",
                            "{data} holds no workbench store (workbench.sqlite), and this server's store is a database "
                            "whose address is in {env_file}: name it (--database URL, or `set -a; . {env_file}; set +a` "
                            "before the command); `workbench init` would make a second, empty store here"),
    "cli_database_failed": ("не удаётся открыть базу данных {url}: {why}", "cannot open the database {url}: {why}"),
    "cli_data_is_file": ("папка данных {data} — это файл, а не папка", "data folder {data} is a file, not a folder"),
    "cli_store_full": ("не удаётся записать в хранилище в {data}: диск заполнен или неисправен; ничего не сохранено",
                       "cannot write to the store in {data}: the disk is full or failing; nothing was saved"),
    "cli_store_damaged": ("{data}/workbench.sqlite повреждён или это не хранилище workbench",
                          "{data}/workbench.sqlite is damaged or not a workbench store (file is not a database)"),
    "cli_store_readonly": ("не удаётся записать в хранилище в {data}: папка или workbench.sqlite только для чтения",
                           "cannot write to the store in {data}: the folder or workbench.sqlite is read-only"),
    "cli_cannot_use": ("не удаётся открыть {path}: {why}", "cannot use {path}: {why}"),
    # the store's schema: an older folder is upgraded (once, with a copy), a newer one is refused
    "store_newer": ("папку данных записала более новая версия программы (схема {version}, эта версия знает схемы "
                    "до {max}): обновите workbench",
                    "the data folder was written by a newer version of the workbench (schema {version}; this "
                    "version knows schemas up to {max}): upgrade the workbench"),
    "store_upgraded": ("Папка данных обновлена (схема {old} → {new}); копия прежней: {copy}. "
                       "Прежняя версия программы эту папку больше не откроет.",
                       "The data folder was upgraded (schema {old} → {new}); a copy as it was: {copy}. "
                       "The previous version of the workbench will no longer open this folder."),
    "store_upgraded_db": ("База данных обновлена (схема {old} → {new}). Прежняя версия программы её больше "
                          "не откроет.",
                          "The database was upgraded (schema {old} → {new}). The previous version of the "
                          "workbench will no longer open it."),
    "store_upgrade_failed": ("не удалось обновить папку данных (схема {old} → {new}); папка осталась как была, "
                             "копия прежней: {copy}. Пока работайте с папкой в прежней версии программы и перешлите "
                             "эту строку в поддержку. Подробности (для поддержки): {why}",
                             "could not upgrade the data folder (schema {old} → {new}); the folder is left as it was, "
                             "a copy of it: {copy}. Meanwhile use the folder with the previous version of the "
                             "workbench and send this line to support. Details (for support): {why}"),
    "store_upgrade_failed_db": ("не удалось обновить базу данных (схема {old} → {new}); база осталась как была. "
                                "Пока работайте с базой в прежней версии программы и перешлите эту строку в "
                                "поддержку. Подробности (для поддержки): {why}",
                                "could not upgrade the database (schema {old} → {new}); it is left as it was. "
                                "Meanwhile use it with the previous version of the workbench and send this line to "
                                "support. Details (for support): {why}"),
    "store_copy_failed": ("не удалось сделать копию хранилища перед обновлением ({path}: {why}); папка не изменена",
                          "could not copy the store before upgrading it ({path}: {why}); the folder is unchanged"),
    # backup and restore
    "store_file_missing": ("файла {path} нет", "{path} does not exist"),
    "store_file_damaged": ("{path} повреждён или это не база данных", "{path} is damaged or not an SQLite database"),
    "store_file_not_store": ("{path} — не копия хранилища workbench (в нём нет версии схемы)",
                             "{path} is not a copy of a workbench store (it holds no schema version)"),
    "backup_exists": ("{path} уже есть: укажите другой файл (--output)",
                      "{path} already exists: give another file (--output)"),
    "backup_postgres": ("хранилище — отдельная база данных (`WORKBENCH_DATABASE_URL`): копируйте её `pg_dump`, "
                        "например `pg_dump -Fc -f workbench.dump \"$WORKBENCH_DATABASE_URL\"`, а восстанавливайте "
                        "`pg_restore --clean -d …`; одну сессию переносит `workbench export-session`",
                        "the store is a PostgreSQL database (WORKBENCH_DATABASE_URL): back it up with `pg_dump`, "
                        "e.g. `pg_dump -Fc -f workbench.dump \"$WORKBENCH_DATABASE_URL\"`, and restore it with "
                        "`pg_restore --clean -d …`; `workbench export-session` moves one session"),
    "backup_postgres_given": ("хранилище — отдельная база данных (--database {url}): копируйте её `pg_dump`, "
                              "например `pg_dump -Fc -f workbench.dump \"{url}\"`{hidden}, "
                              "а восстанавливайте `pg_restore --clean -d …`; одну сессию переносит "
                              "`workbench export-session`",
                              "the store is a PostgreSQL database (--database {url}): back it up with `pg_dump`, "
                              "e.g. `pg_dump -Fc -f workbench.dump \"{url}\"`{hidden}, "
                              "and restore it with `pg_restore --clean -d …`; `workbench export-session` moves one session"),
    "backup_password_hidden": (" (адрес из --database, с паролем вместо ***)",
                               " (the address you gave --database, with its password for ***)"),
    "restore_server_running": ("папку {data} сейчас использует запущенный `workbench serve`: остановите его "
                               "и повторите восстановление",
                               "a running `workbench serve` uses {data}: stop it, then restore again"),
    "restore_same_file": ("{path} — это и есть хранилище папки; укажите файл копии",
                          "{path} is the folder's store itself; give the backup file"),
    "cli_backup_done": ("Копия сохранена: {path} (сессий: {sessions}, карточек: {cards}). Держите её не на этом "
                        "компьютере: на флешке или в облаке.",
                        "Backup written: {path} (sessions: {sessions}, cards: {cards}). Keep it off this "
                        "computer: on a USB stick or in the cloud."),
    "cli_restore_done": ("Восстановлено из {file}: сессий {sessions}, карточек {cards}.",
                         "Restored from {file}: {sessions} {sessions|session|sessions}, {cards} {cards|card|cards}."),
    "cli_restore_kept": ("Прежнее хранилище сохранено: {path}", "The replaced store is kept: {path}"),
    "cli_help_backup": ("записать копию хранилища в один файл (можно и во время `workbench serve`)",
                        "write a copy of the store to one file (also while serve runs)"),
    "cli_help_backup_output": ("файл копии (по умолчанию `DIR/backups/workbench-ГГГГММДД-ЧЧММСС.sqlite`)",
                               "the backup file (default: DIR/backups/workbench-YYYYMMDD-HHMMSS.sqlite)"),
    "cli_help_restore": ("вернуть хранилище из копии (`workbench backup`); прежнее сохраняется рядом",
                         "put the store back from a backup (`workbench backup`); the replaced one is kept beside it"),
    "cli_help_restore_file": ("файл копии", "the backup file"),
    "cli_output_suffix": ("--output {output}: укажите файл с расширением .csv или .xlsx",
                          "--output {output}: give a file ending in .csv or .xlsx"),
    "cli_cannot_write": ("не удаётся записать {path}: {why}", "cannot write {path}: {why}"),
    "cli_cannot_write_to": ("не удаётся записать в {path}: {why}", "cannot write to {path}: {why}"),
    "cli_votes_file": ("{path}: {problem}", "{path}: {problem}"),
    "cli_cannot_read": ("не удаётся прочитать {path}: {why}", "cannot read {path}: {why}"),
    "cli_not_json": ("{path} — не выгрузка сессии: файл обрывается или испорчен (строка {line}, позиция {column}); "
                     "выгрузите сессию заново (`workbench export-session`)",
                     "{path} is not a session export: the file is cut short or damaged (line {line}, column {column}); "
                     "export the session again (`workbench export-session`)"),
    "cli_not_text": ("{path} — не выгрузка сессии: это не текстовый файл JSON ({why}); нужен файл "
                     "`workbench export-session`",
                     "{path} is not a session export: it is not a JSON text file ({why}); import-session reads a "
                     "`workbench export-session` file"),
    "cli_is_zip": ("таблица XLSX или другой архив", "an XLSX table or another ZIP archive"),
    "cli_not_utf8": ("байт {byte} на позиции {pos} не UTF-8", "byte {byte} at position {pos} is not UTF-8"),
    "cli_too_deep": ("слишком глубокая вложенность, это не выгрузка сессии", "nested too deeply, not a session export"),
    "cli_interrupted": ("прервано: ничего не изменено", "interrupted: nothing was changed"),
    "cli_data_ready": ("папка данных готова: {data}", "data folder ready: {data}"),
    "cli_database_ready": ("база данных готова: {url}; папка данных (настройки, шаблоны, ключ сервера): {data}",
                           "database ready: {url}; data folder (settings, templates, the server's secret): {data}"),
    "cli_demo_loaded": ("демо-сессия {code} загружена в {data}", "demo session {code} loaded into {data}"),
    "cli_session_line": ("{code}  {date}  {kind}  {territory}  {title}  ({n} {n|участник|участника|участников})",
                         "{code}  {date}  {kind}  {territory}  {title}  ({n} {n|participant|participants})"),
    "cli_column_missing": ("в {path} нет столбца «{column}»; столбцы: {columns}",
                           "column '{column}' not found in {path}; columns are: {columns}"),
    "cli_column_exists": ("в {path} уже есть столбец «{column}»; сначала переименуйте его",
                          "{path} already has a column '{column}'; rename it first"),
    "cli_column_empty": ("в столбце «{column}» файла {path} нет текстов", "column '{column}' in {path} has no texts"),
    "cli_too_many_texts": ("в столбце «{column}» файла {path} текстов: {n}; за раз группируется не больше {max} "
                           "(сравнивается каждая пара): разделите файл",
                           "column '{column}' in {path} has {n} texts; cluster groups at most {max} at once "
                           "(it compares every pair): split the file"),
    "cli_too_few_texts": ("--clusters {k}: в столбце «{column}» всего {n} разных текстов, значит групп не больше {n}",
                          "--clusters {k}: column '{column}' has only {n} different {n|text|texts}, so at most {n} {n|group|groups}"),
    "cli_meaning_missing": ("для `--method meaning` нужна модель: `pip install 'workbench[meaning]'`",
                            "--method meaning needs the model: pip install 'workbench[meaning]'"),
    "cli_clustered": ("строк: {rows}, групп: {k} (способ: {method}) -> {output}",
                      "{rows} {rows|row|rows}, {k} {k|group|groups} (by {method}) -> {output}"),
    "cli_clusters_note": ("примечание: просили групп: {asked}; тексты различаются только на {k} "
                          "(одинаковые по смыслу попадают вместе)",
                          "note: asked for {asked} {asked|group|groups}; the texts only tell {k} apart "
                          "(texts that say the same fall together)"),
    "cli_note": ("примечание: {text}", "note: {text}"),
    "cli_network_merged": ("объединено написаний одних и тех же людей: {merged} (людей: {people}): то же имя в другом "
                           "порядке слов или та же электронная почта или телефон, как на странице анализа",
                           "{merged} {merged|spelling|spellings} of the same people merged ({people} {people|person|people}): the same name in another "
                           "word order, or the same e-mail or phone, as on the analysis page"),
    "cli_network_similar": ("пар похожих имён (опечатки, инициалы) оставлено раздельно: {n}; решают сотрудники "
                            "на странице анализа",
                            "{n} {n|pair|pairs} of similar names (typos, initials) kept apart: staff decide them on the "
                            "analysis page"),
    "cli_network_backbone": ("сеть людей сокращена до остова: {edges} связей из {full}",
                             "people projection reduced to a backbone of {edges} of {full} ties"),
    "cli_network_unknown_sectors": ("{n} {n|строка|строки|строк} с незнакомой сферой: {values}; в файлах "
                                    "сфера записана как во входной таблице. Известные сферы: {known}",
                                    "{n} {n|row|rows} with a sector the workbench does not know: {values}; the "
                                    "files keep the sector as written in the input. Known sectors: {known}"),
    "cli_network_orgs_merged": ("объединены как одна организация: {label} ← {spellings}",
                                "merged as one organisation: {label} ← {spellings}"),
    "cli_network_orgs_more": ("и ещё организаций, записанных по-разному: {n}; весь список — в {file}",
                              "{n} more organisations written more than one way; the whole list is in {file}"),
    "cli_network_generic_orgs": ("общие названия без территории — каждое одна организация на все свои строки: {names}. "
                                 "Если это разные организации (администрации разных районов), допишите место в "
                                 "название («Администрация Каргопольского округа») или добавьте столбец «Территория»",
                                 "generic names without a territory are each one organisation for all their rows: "
                                 "{names}. If they are different organisations (different districts' "
                                 "administrations), write the place into the name (\"Администрация Каргопольского "
                                 "округа\") or add a territory column"),
    "cli_network_sampled": ("посредничество оценено по {n} случайным источникам",
                            "betweenness estimated from {n} sampled sources"),
    "cli_network_done": ("узлов: {nodes}, связей: {edges}, сообществ: {communities}; файлов записано в {output}: {files}",
                         "{nodes} {nodes|node|nodes}, {edges} {edges|edge|edges}, {communities} {communities|community|communities}; wrote {files} {files|file|files} to {output}"),
    "cli_comments_columns": ("файл комментариев {path}: нет столбцов: {columns}",
                             "comments file {path}: missing column(s): {columns}"),
    "cli_opinion_done": ("в группах {placed} из {n} участников. {reason}",
                         "{placed} of {n} {n|participant|participants} grouped. {reason}"),
    "cli_opinion_unclear": ("примечание: явных групп нет, поэтому столбец `group` в {output} пуст (проектор тоже не "
                            "показывает групп); --keep-unclear-groups всё равно запишет их",
                            "note: no clear groups, so the group column of {output} is left empty (the projector "
                            "shows no groups either); --keep-unclear-groups writes them anyway"),
    "cli_opinion_kept": ("примечание: --keep-unclear-groups: в {output} найденные группы ({k}), они могут быть случайны",
                         "note: --keep-unclear-groups: {output} has the {k} {k|group|groups} found, which may be chance"),
    "cli_person_exported": ("регистраций: {registrations}, участий в сессиях: {participants} -> {output}",
                            "{registrations} {registrations|registration|registrations}, {participants} {participants|session|sessions} joined -> {output}"),
    "cli_person_forgotten": ("удалено регистраций: {registrations}, стёрто участий: {participants}",
                             "deleted {registrations} {registrations|registration|registrations}, blanked {participants} {participants|participant|participants}"),
    "cli_registrations": ("{n} {n|регистрация|регистрации|регистраций} -> {output}",
                          "{n} {n|registration|registrations} -> {output}"),
    "cli_what_format": ("--what {what} нельзя записать как {format}: используйте {formats}",
                        "--what {what} cannot be written as {format}: use {formats}"),
    "cli_or": (" или ", " or "),
    "cli_templates_missing": ("папки шаблонов {path} нет", "templates folder {path} does not exist"),
    "cli_template_missing": ("в папке шаблонов {path} нет шаблона {name}", "templates folder {path}: no template {name}"),
    "cli_template_error": ("{where}, строка {line}: {message}", "{where}, line {line}: {message}"),
    "cli_output_dir_file": ("--output-dir {path} — это файл, а не папка", "--output-dir {path} is a file, not a folder"),
    "cli_no_drafts": ("у сессии {code} пока нет проектных заявок", "session {code} has no project drafts yet"),
    "cli_cannot_listen": ("не удаётся слушать {host}: {why}", "cannot listen on {host}: {why}"),
    "cli_port_busy": ("порт {port} уже занят (другой `workbench serve`?); остановите его или укажите другой через --port",
                      "port {port} is already in use (another workbench serve?); stop it or give another one with --port"),
    "cli_port_admin": ("для порта {port} нужны права администратора; укажите порт больше 1023",
                       "port {port} needs administrator rights; use a port above 1023"),
    "cli_not_local": ("не удаётся слушать {host}: это не адрес этого компьютера",
                      "cannot listen on {host}: not an address of this machine"),
    "cli_no_session": ("в {data} нет сессии «{code}» (сессии: {known})", "no session '{code}' in {data} (sessions: {known})"),
    "cli_none_yet": ("пока нет", "none yet"),
    "cli_serve_projector": ("Проектор (ведущий; токен держите в секрете): {url}",
                            "Projector (facilitator, keep the token secret): {url}"),
    "cli_serve_join": ("Участники входят по адресу: {url}", "Participants join at: {url}"),
    "cli_serve_code": ("Код сессии: {code} — {what}", "Session code: {code} — {what}"),
    "cli_serve_others": ("В папке данных ещё {n} {n|сессия|сессии|сессий}; открыта сессия с датой, ближайшей к "
                         "сегодняшней. Другую: `workbench serve --data {data} --session КОД` (все сессии: "
                         "`workbench sessions --data {data}`)",
                         "The data folder holds {n} other {n|session|sessions}; the one dated nearest to today "
                         "is served. Another: `workbench serve --data {data} --session CODE` (every session: "
                         "`workbench sessions --data {data}`)"),
    "cli_serve_drafts": ("Проектные заявки (после входа по адресу проектора): {url}",
                         "Project drafts (after logging in with the projector URL): {url}"),
    "cli_serve_analysis": ("Анализ сетей для сотрудников: {url}", "Network analysis for staff: {url}"),
    "cli_serve_no_qr": ("(QR-код не показан: {why})", "(QR code not shown: {why})"),
    "cli_serve_no_session": ("Сессий пока нет: создайте её командой `workbench new-session --title ...`",
                             "No session yet: create one with `workbench new-session --title ...`"),
    "cli_stage_number": ("нет этапа с номером {name}; этапы: {listing}", "no stage number {name}; the stages are: {listing}"),
    "cli_stage_ambiguous": ("этапов «{name}»: {n}; укажите номер ({listing})",
                            "{n} stages are '{name}': give the number instead ({listing})"),
    "cli_stage_unknown": ("нет этапа «{name}»; этапы: {listing}", "no stage '{name}'; the stages are: {listing}"),
    "cli_stage_current": ("{code}: текущий этап теперь «{title}» ({kind})",
                          "{code}: the current stage is now “{title}” ({kind})"),
    "cli_session_exported": ("сессия {code}: строк записано в {output}: {n}",
                             "session {code}: {n} rows written to {output}"),
    "cli_session_replaced": ("сессия {code}: заменена строками файла ({n})", "session {code}: replaced by the file's {n} rows"),
    "cli_session_imported": ("сессия {code}: строк импортировано: {n}", "session {code}: {n} rows imported"),
    # What an import without secrets did to the session's links (workbench/cli/transfer.py).
    "cli_links_new": ("сессия {code}: ссылки изменились — {what}. Прежние ссылки больше не открываются. "
                      "Новые — на странице черновиков сессии ({drafts}), "
                      "раздел «Между сессиями: ссылки»; раздайте их заново. Чтобы ссылки не менялись при "
                      "переносе, выгружайте сессию с --include-secrets.",
                      "session {code}: links changed: {what}. The old links no longer open. The new ones are "
                      "on the session's drafts page ({drafts}), under "
                      "“Between sessions: links”; hand them out again. To keep the links when moving a "
                      "session, export it with --include-secrets."),
    "cli_links_kept": ("сессия {code}: прежние ссылки этого хранилища оставлены и открываются, как раньше — {what}",
                       "session {code}: this store's links were kept and open as before: {what}"),
    "cli_links_team_links": ("ссылки команд: {n}", "team links: {n}"),
    "cli_links_public_pages": ("публичная страница итогов", "the public results page"),
    "cli_links_registrations": ("QR-коды регистрации: {n}", "registration QR codes: {n}"),
    "cli_links_participants": ("телефоны участников: {n}", "participants' phones: {n}"),
    # import-session --dry-run / --as-code / --yes, delete-session, archive-session (cli/transfer.py)
    "cli_dry_run": ("Проверка без записи (--dry-run): ничего не изменено.", "Dry run (--dry-run): nothing was changed."),
    "cli_dry_add": ("Импорт добавит сессию {code} — {what}.", "The import would add session {code}: {what}."),
    "cli_dry_as_code": ("Импорт положит файл рядом как сессию {code} — {what}; у копии будут свои ссылки.",
                        "The import would put the file beside it as session {code}: {what}; the copy gets "
                        "links of its own."),
    "cli_dry_replace": ("Импорт заменит сессию {code}. Сейчас в хранилище — {here}; в файле — {file}.",
                        "The import would replace session {code}. In the store now: {here}; in the file: {file}."),
    "cli_dry_refused": ("Сессия {code} уже есть в хранилище: без --replace (или --as-code) импорт будет "
                        "отказан. Сейчас в хранилище — {here}; в файле — {file}.",
                        "Session {code} is already in the store: without --replace (or --as-code) the import "
                        "would be refused. In the store now: {here}; in the file: {file}."),
    "cli_dry_lost": ("Потеряется (есть здесь, нет в файле): {what}. Без --yes такая замена будет отказана.",
                     "Would be lost (here, not in the file): {what}. Without --yes such a replace is refused."),
    "cli_dry_lost_if_replaced": ("С --replace потеряется (есть здесь, нет в файле): {what}; без --yes такая "
                                 "замена будет отказана.",
                                 "With --replace this would be lost (here, not in the file): {what}; without "
                                 "--yes such a replace is refused."),
    "cli_dry_nothing_lost": ("Ничего из хранилища не потеряется: всё, что есть здесь, есть и в файле.",
                             "Nothing in the store would be lost: the file holds everything that is here."),
    "cli_dry_links_new": ("Ссылки изменятся — {what}.", "Links would change: {what}."),
    "cli_dry_links_kept": ("Прежние ссылки этого хранилища останутся — {what}.",
                           "This store's links would be kept: {what}."),
    "cli_replaced_lost": ("сессия {code}: по --yes удалено то, чего не было в файле — {what}",
                          "session {code}: with --yes, what the file lacked was deleted: {what}"),
    "cli_as_code_imported": ("сессия {code}: файл сессии {source} положен рядом, строк: {n}. У копии свои ссылки; "
                             "ссылки {source} ведут, как прежде, в {source}. Сравните и удалите лишнюю: "
                             "`workbench delete-session --session КОД`",
                             "session {code}: the file of session {source} is beside it, {n} rows. The copy has "
                             "links of its own; the links of {source} open {source} as before. Compare them, "
                             "then delete one: `workbench delete-session --session CODE`"),
    "cli_delete_about": ("Сессия {code} — {what}: {counts}.", "Session {code}, {what}: {counts}."),
    "cli_delete_server": ("внимание: папку {data} сейчас использует запущенный `workbench serve`: если эта сессия "
                          "идёт в зале, её телефоны и экран перестанут её открывать. Безопаснее убрать её в "
                          "архив: `workbench archive-session --session {code}`",
                          "warning: a running `workbench serve` uses {data}: if this session is running in the "
                          "room, its phones and screen will stop opening it. Archiving it is safer: "
                          "`workbench archive-session --session {code}`"),
    "cli_delete_confirm": ("Чтобы удалить её, введите код сессии ещё раз: ", "To delete it, type the session code again: "),
    "cli_delete_not_confirmed": ("код не введён или не совпал с {code}: ничего не удалено (без вопроса: --yes)",
                                 "the code was not typed or does not match {code}: nothing was deleted "
                                 "(no question asked: --yes)"),
    "cli_deleted": ("сессия {code} удалена. Её копия: {path} (вернуть: `workbench import-session --data {data} "
                    "{path}`)",
                    "session {code} deleted. Its copy: {path} (to bring it back: `workbench import-session "
                    "--data {data} {path}`)"),
    "cli_archived": ("сессия {code} убрана в архив: её нет в `workbench sessions` (видна с --all), в выборе "
                     "`workbench serve` и в анализе сетей «Всё из хранилища»; телефоны по её ссылке видят, что "
                     "сессия завершена. Вернуть: `workbench archive-session --unarchive --session {code}`",
                     "session {code} archived: it is left out of `workbench sessions` (shown with --all), "
                     "`workbench serve`'s choice and the network analysis' “Everything in the store”; its "
                     "phones are told the session is over. Undo: `workbench archive-session --unarchive "
                     "--session {code}`"),
    "cli_archived_already": ("сессия {code} уже в архиве", "session {code} is archived already"),
    "cli_unarchived": ("сессия {code} возвращена из архива: она снова в `workbench sessions`, и телефоны снова "
                       "входят", "session {code} is out of the archive: it is back in `workbench sessions`, "
                       "and phones join again"),
    "cli_unarchived_already": ("сессия {code} не в архиве", "session {code} is not archived"),
    "cli_archived_mark": ("[в архиве]", "[archived]"),
    "cli_sessions_archived": ("В архиве ещё {n} {n|сессия|сессии|сессий}; показать все: `workbench sessions --all`",
                              "{n} more {n|session is|sessions are} archived; show every one: "
                              "`workbench sessions --all`"),
    "cli_serve_archived": ("внимание: сессия {code} в архиве — телефоны по её ссылке видят, что она завершена; "
                           "вернуть: `workbench archive-session --unarchive --session {code}`",
                           "warning: session {code} is archived: its phones are told it is over; undo: "
                           "`workbench archive-session --unarchive --session {code}`"),
    "cli_help_delete_session": ("удалить сессию (сначала её копия пишется в `DIR/deleted/`, её можно вернуть "
                                "`import-session`)",
                                "delete a session (its copy is written to DIR/deleted/ first; import-session "
                                "brings it back)"),
    "cli_help_yes_delete": ("не спрашивать код ещё раз", "do not ask for the code again"),
    "cli_help_archive_session": ("убрать сессию в архив (репетицию, демо, прошлогоднюю) или вернуть её",
                                 "archive a session (a rehearsal, the demo, last year's) or bring it back"),
    "cli_help_unarchive": ("вернуть сессию из архива", "take the session out of the archive"),
    "cli_help_all_sessions": ("показать и сессии в архиве", "show archived sessions too"),
    "cli_help_yes_replace": ("с --replace: заменить, даже если в хранилище есть то, чего нет в файле (оно будет "
                             "удалено; без --yes замена такого отказывается и называет, что потерялось бы)",
                             "with --replace: replace even when the store holds what the file lacks (it is "
                             "deleted; without --yes such a replace is refused, naming what would be lost)"),
    "cli_help_dry_run": ("показать, что импорт добавит, заменит и потеряет, ничего не записывая",
                         "show what the import would add, replace and lose, writing nothing"),
    "cli_help_as_code": ("импортировать файл как новую сессию с этим кодом рядом с прежней (чтобы сравнить)",
                         "import the file as a new session with this code beside the existing one (to compare)"),
    "cli_links_participants_new": ("телефоны участников (войдут в сессию заново): {n}",
                                   "participants' phones (they join the session again): {n}"),
}


def plural_form(n, lang: str = DEFAULT_LANG) -> int:
    """Which form of a word goes with the number `n`: Russian has three (1 голос, 2 голоса,
    5 голосов; 21 голос, 11 голосов), English two.

    >>> [plural_form(n) for n in (1, 2, 5, 11, 12, 21, 22, 25, 101, 111, 0)]
    [0, 1, 2, 2, 2, 0, 1, 2, 0, 2, 2]
    >>> [plural_form(n, "en") for n in (1, 2, 0)]
    [0, 1, 1]
    """
    n = abs(int(n))
    if lang == "en":
        return 0 if n == 1 else 1
    if n % 10 == 1 and n % 100 != 11:
        return 0
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return 1
    return 2


class Figure(float):
    """A figure shown with its own number of decimals (`digits`) wherever it goes: `number`
    writes it so, and the XLSX keeps it a number in that format (a pairwise strength: 0,218).

    >>> number(Figure(0.21789, 3), "ru"), float(Figure(0.21789, 3))
    ('0,218', 0.21789)
    """

    __slots__ = ("digits",)

    def __new__(cls, value: float, digits: int = 2):
        obj = super().__new__(cls, value)
        obj.digits = digits
        return obj


class Share(float):
    """A share of the whole (0.31) that `number` writes as a percent, «31 %» in Russian and
    «31%» in English, and the XLSX keeps as a number in a percent format (the ranking's share of
    first places). Rounded shares of one column may add up to 99 or 101 %."""

    __slots__ = ()


def number(value, lang: str = DEFAULT_LANG, digits: int = 2, trim: bool = False, grouped: bool = False) -> str:
    """A figure as the product writes it: `digits` decimals (no trailing zeros when `trim`), a
    decimal comma in Russian and a point in English; integers stay integers, None is a dash.
    `grouped`: thousands apart, by a narrow no-break space in Russian and a comma in English
    (axis ticks, large counts).

    >>> number(4.333, "ru"), number(3.0, "ru"), number(3.0, "en"), number(7, "ru"), number(None, "en")
    ('4,33', '3,00', '3.00', '7', '—')
    >>> number(0.05771, "ru", 4, trim=True), number(2.0, "ru", 4, trim=True)
    ('0,0577', '2')
    >>> number(1234567, "ru", grouped=True), number(12500.5, "ru", 1, grouped=True), number(1500, "en", grouped=True)
    ('1\u202f234\u202f567', '12\u202f500,5', '1,500')
    >>> number(Share(0.333), "ru"), number(Share(0.5), "en")
    ('33 %', '50%')
    """
    if value is None:
        return "—"
    if isinstance(value, Share):
        return f"{round(100 * value)}{' %' if lang == 'ru' else '%'}"
    if isinstance(value, Figure):
        digits = value.digits
    comma = "," if grouped else ""
    if isinstance(value, bool) or isinstance(value, int):
        text = f"{value:{comma}}"
    else:
        text = f"{float(value):{comma}.{digits}f}"
        if trim and "." in text:
            text = text.rstrip("0").rstrip(".")
    if lang != "ru":
        return text
    return text.replace(",", "\u202f").replace(".", ",")


class Translator:
    """`t` bound to one language, as templates and the voting methods call it (`L("key")`),
    with `L.num(value)`: a figure in that language (see `number`).

    >>> L = Translator("ru")
    >>> L("protocol_dots"), L.num(3.5)
    ('Голоса', '3,50')
    """

    def __init__(self, lang: str):
        self.lang = lang

    def __call__(self, key, **params):
        return t(key, self.lang, **params)

    def num(self, value, digits: int = 2) -> str:
        return number(value, self.lang, digits)


_PLURAL = re.compile(r"\{(\w+)\|([^{}]*)\}")


def _plurals(text: str, lang: str, params: dict) -> str:
    """`{n|голос|голоса|голосов}` in a message becomes the form that goes with the parameter `n`.

    >>> t("dots_n", n=3), t("dots_n", n=11), t("dots_n", n=21), t("dots_n", "en", n=1)
    ('3 голоса', '11 голосов', '21 голос', '1 dot')
    """
    def form(m):
        forms = m.group(2).split("|")
        return forms[min(plural_form(params[m.group(1)], lang), len(forms) - 1)]
    return _PLURAL.sub(form, text)


def nest_quotes(text: str) -> str:
    """Quotes inside quotes as Russian typography sets them: „…“ inside «…», where a name that
    has its own «…» lands in a message's «{name}».

    >>> nest_quotes("Мероприятие «Маршрут «Деревянное зодчество»» без сроков")
    'Мероприятие «Маршрут „Деревянное зодчество“» без сроков'
    >>> nest_quotes("«Один» и «два»"), nest_quotes("Оборвано «на «полуслове»")
    ('«Один» и «два»', 'Оборвано «на «полуслове»')
    """
    if text.count("«") < 2:
        return text
    out, depth = [], 0
    for ch in text:
        if ch == "«":
            depth += 1
            out.append("„" if depth > 1 else ch)
        elif ch == "»":
            out.append("“" if depth > 1 else ch)
            depth -= 1
            if depth < 0:
                return text  # unbalanced: left as it was rather than guessed
        else:
            out.append(ch)
    return "".join(out) if depth == 0 else text


class Label(str):
    """A message parameter that is itself a catalogue key, shown in the reader's language: an
    error raised without knowing the reader names the field as the form labels it.

    >>> t("field_too_long", "en", field=Label("field_name"), max=120)
    "Field 'Name' is longer than 120 characters"
    """


def t(key: str, lang: str = DEFAULT_LANG, **params) -> str:
    """Look up a message; unknown keys show as the key itself so a gap is visible, not fatal.
    A parameter with «…» of its own inside the message's «…» gets „…“ (`nest_quotes`); a `Label`
    parameter is the text of its key in `lang`."""
    pair = MESSAGES.get(key)
    if pair is None:
        return key
    params = {k: t(v, lang) if isinstance(v, Label) else v for k, v in params.items()}
    text = pair[1] if lang == "en" else pair[0]
    if "|" in text and params:
        text = _plurals(text, lang, params)
    return nest_quotes(text.format(**params)) if params else text


def texts(key: str, **params) -> dict[str, str]:
    """A message in every language, as a stage remembers the text the workbench wrote for it.

    >>> texts("stage_teams")
    {'ru': 'Команды', 'en': 'Teams'}
    """
    return {lang: t(key, lang, **params) for lang in LANGS}


def catalogue(lang: str, keys: list[str] | None = None) -> dict[str, str]:
    """All messages (or the given keys) in one language, for the participant page's script."""
    return {k: t(k, lang) for k in (keys or MESSAGES)}
