"""The store's tables and the migrations that build them, version by version."""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()


def row_dict(r) -> dict | None:
    """A result row as a plain dict (None stays None): what every store query returns."""
    return dict(r._mapping) if r is not None else None

meta = sa.Table(
    "meta", metadata,
    sa.Column("key", sa.String(64), primary_key=True),
    sa.Column("value", sa.Text, nullable=False),
)
sessions = sa.Table(
    "sessions", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("code", sa.String(16), nullable=False, unique=True),
    sa.Column("title", sa.Text, nullable=False),
    sa.Column("territory", sa.Text, nullable=False, default=""),
    sa.Column("date", sa.String(10), nullable=False, default=""),
    sa.Column("kind", sa.String(32), nullable=False, default="strategic_session"),
    sa.Column("current_stage_id", sa.Integer),
    sa.Column("created_at", sa.Float, nullable=False),
    # Moderation of phones' cards (schema 6): the obscenity filter's action, "off", "mask" (the
    # word becomes asterisks) or "hold" (the card waits for the facilitator); and `approval`:
    # every card from a phone waits for the facilitator.
    sa.Column("moderation", sa.String(8), nullable=False, default="off"),
    sa.Column("approval", sa.Boolean, nullable=False, default=False),
    # What the projector's display page shows (schema 12): "join", "wall", "chart", "timer",
    # "cloud" or "teams"; of which stage (None: the current one); the cards selected on the laptop
    # (comma-separated ids, highlighted on the display).
    sa.Column("display_mode", sa.String(16), nullable=False, default="join"),
    sa.Column("display_stage_id", sa.Integer),
    sa.Column("display_selected", sa.Text, nullable=False, default=""),
    # Schema 16: when the facilitator put the session in the archive (None: not archived). An
    # archived session is left out of `workbench sessions`, `serve`'s choice and the network's
    # «Всё из хранилища»; its phones are told it is over (`workbench.session.lifecycle`).
    sa.Column("archived_at", sa.Float),
)
stages = sa.Table(
    "stages", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("session_id", sa.Integer, sa.ForeignKey("sessions.id"), nullable=False, index=True),
    sa.Column("position", sa.Integer, nullable=False),
    sa.Column("kind", sa.String(32), nullable=False),
    sa.Column("title", sa.Text, nullable=False, default=""),
    sa.Column("prompt", sa.Text, nullable=False, default=""),
    sa.Column("target_stage_id", sa.Integer),
    sa.Column("vote_budget", sa.Integer, nullable=False, default=3),
    sa.Column("voting_open", sa.Boolean, nullable=False, default=False),
    sa.Column("results_visible", sa.Boolean, nullable=False, default=False),
    sa.Column("timer_ends_at", sa.Float),
    # Schema 18: when the facilitator first opened this round (None: never, or the method changed
    # since): a round closed with no ballots reads «Голосование закрыто», not «ещё не открыто».
    sa.Column("voting_opened_at", sa.Float),
    sa.Column("vote_on", sa.String(16), nullable=False, default="ideas"),  # "ideas" or "groups"
    sa.Column("method", sa.String(16), nullable=False, default="dots"),  # dots, matrix, pairwise, ranking
    # Schema 8: where a voting or teams stage takes its candidates (the top `source_top` of the
    # `source_method` round of stage `source_stage_id`, or the groups in `shortlist_groups`), and
    # `removed`: a stage taken off the list that held cards or ballots (kept, never lost).
    sa.Column("source_stage_id", sa.Integer),
    sa.Column("source_method", sa.String(16), nullable=False, default=""),
    sa.Column("source_top", sa.Integer),
    sa.Column("removed", sa.Boolean, nullable=False, default=False),
    # Schema 13: the title and prompt as the workbench wrote them (a stage template's or the
    # default), in every language, as JSON {"ru": …, "en": …}; "" once the facilitator typed
    # their own (`workbench.session.model.stage_text`).
    sa.Column("title_texts", sa.Text, nullable=False, default=""),
    sa.Column("prompt_texts", sa.Text, nullable=False, default=""),
)
participants = sa.Table(
    "participants", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("session_id", sa.Integer, sa.ForeignKey("sessions.id"), nullable=False, index=True),
    sa.Column("token", sa.String(64), nullable=False, unique=True),
    sa.Column("name", sa.Text, nullable=False, default=""),
    sa.Column("territory", sa.Text, nullable=False, default=""),
    sa.Column("organisation", sa.Text, nullable=False, default=""),
    sa.Column("sector", sa.String(32), nullable=False, default=""),
    sa.Column("created_at", sa.Float, nullable=False),
    sa.Column("on_paper", sa.Boolean, nullable=False, default=False),  # ballots typed by an assistant
    # schema 19: when a borrowed phone last opened this person's page (`facilitator.another_phone`)
    sa.Column("borrowed_at", sa.Float),
)
def _card_tables(md: sa.MetaData, card_table: str, card_col: str) -> dict[str, sa.Table]:
    """The cards and every table that points to a card. Built twice: with today's names, and
    with the names of schema 1–4 (`contributions`, `contribution_id`) for the migrations that
    created them. Index names keep their first spelling: a rename does not rename an index."""
    cards = sa.Table(
        card_table, md,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("session_id", sa.Integer, sa.ForeignKey("sessions.id"), nullable=False, index=True),
        sa.Column("stage_id", sa.Integer, sa.ForeignKey("stages.id"), nullable=False, index=True),
        sa.Column("participant_id", sa.Integer, sa.ForeignKey("participants.id")),
        sa.Column("by_facilitator", sa.Boolean, nullable=False, default=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("category", sa.Text, nullable=False, default=""),
        sa.Column("created_at", sa.Float, nullable=False),
        sa.Column("updated_at", sa.Float, nullable=False),
        sa.Column("hidden", sa.Boolean, nullable=False, default=False),
        sa.Column("merged_into", sa.Integer),
        # A group is a card too (is_group): it can be renamed, hidden, merged and voted on like a card;
        # the cards in it point to it with group_id.
        sa.Column("group_id", sa.Integer),
        sa.Column("is_group", sa.Boolean, nullable=False, default=False),
        # Schema 6: "shown" (on the wall and the phones), "pending" (waits for the facilitator)
        # or "rejected"; `flagged`: the obscenity filter caught a word (masked, or held).
        sa.Column("status", sa.String(16), nullable=False, default="shown"),
        sa.Column("flagged", sa.Boolean, nullable=False, default=False),
        # Schema 14: the phone's id for the request that sent the card: a card sent again (the
        # answer was lost, the phone retried when the connection came back) is stored once.
        sa.Column("request_id", sa.String(64)),
        sa.Index(f"ux_{card_table}_request", "participant_id", "request_id", unique=True),
    )
    votes = sa.Table(
        "votes", md,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("stage_id", sa.Integer, sa.ForeignKey("stages.id"), nullable=False),
        sa.Column("participant_id", sa.Integer, sa.ForeignKey("participants.id"), nullable=False),
        sa.Column(card_col, sa.Integer, sa.ForeignKey(f"{card_table}.id"), nullable=False),
        sa.Column("created_at", sa.Float, nullable=False),
        sa.Column("request_id", sa.String(64)),
        sa.Column("on_paper", sa.Boolean, nullable=False, default=False),
        sa.Index("ix_votes_stage_participant", "stage_id", "participant_id"),
        sa.Index("ix_votes_stage_contribution", "stage_id", card_col),
        sa.Index("ux_votes_request", "participant_id", "request_id", unique=True),
    )
    ratings = sa.Table(  # impact x feasibility, 1-5 each; rating again replaces
        "ratings", md,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("stage_id", sa.Integer, sa.ForeignKey("stages.id"), nullable=False),
        sa.Column("participant_id", sa.Integer, sa.ForeignKey("participants.id"), nullable=False),
        sa.Column(card_col, sa.Integer, sa.ForeignKey(f"{card_table}.id"), nullable=False),
        sa.Column("impact", sa.Integer, nullable=False),
        sa.Column("feasibility", sa.Integer, nullable=False),
        sa.Column("created_at", sa.Float, nullable=False),
        sa.Index("ux_ratings", "stage_id", "participant_id", card_col, unique=True),
    )
    comparisons = sa.Table(  # pairwise: which of two ideas matters more (winner NULL: can't decide)
        "comparisons", md,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("stage_id", sa.Integer, sa.ForeignKey("stages.id"), nullable=False, index=True),
        sa.Column("participant_id", sa.Integer, sa.ForeignKey("participants.id"), nullable=False),
        sa.Column("left_id", sa.Integer, sa.ForeignKey(f"{card_table}.id"), nullable=False),
        sa.Column("right_id", sa.Integer, sa.ForeignKey(f"{card_table}.id"), nullable=False),
        sa.Column("winner_id", sa.Integer, sa.ForeignKey(f"{card_table}.id")),
        sa.Column("request_id", sa.String(64)),
        sa.Column("created_at", sa.Float, nullable=False),
        sa.Index("ux_comparisons_request", "participant_id", "request_id", unique=True),
    )
    rankings = sa.Table(  # a participant's order of a short list (1 = first); ranking again replaces
        "rankings", md,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("stage_id", sa.Integer, sa.ForeignKey("stages.id"), nullable=False),
        sa.Column("participant_id", sa.Integer, sa.ForeignKey("participants.id"), nullable=False),
        sa.Column(card_col, sa.Integer, sa.ForeignKey(f"{card_table}.id"), nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("created_at", sa.Float, nullable=False),
        sa.Index("ux_rankings", "stage_id", "participant_id", card_col, unique=True),
    )
    statement_votes = sa.Table(  # agree (1) / disagree (-1) / pass (0); a re-vote replaces the vote
        "statement_votes", md,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("stage_id", sa.Integer, sa.ForeignKey("stages.id"), nullable=False),
        sa.Column("participant_id", sa.Integer, sa.ForeignKey("participants.id"), nullable=False),
        sa.Column(card_col, sa.Integer, sa.ForeignKey(f"{card_table}.id"), nullable=False),
        sa.Column("vote", sa.Integer, nullable=False),
        sa.Column("created_at", sa.Float, nullable=False),
        sa.Index("ux_statement_votes", "participant_id", card_col, unique=True),
        sa.Index("ix_statement_votes_stage", "stage_id"),
    )
    team_members = sa.Table(  # who signed up for which idea (or group) in a teams stage
        "team_members", md,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("stage_id", sa.Integer, sa.ForeignKey("stages.id"), nullable=False),
        sa.Column(card_col, sa.Integer, sa.ForeignKey(f"{card_table}.id"), nullable=False),
        sa.Column("participant_id", sa.Integer, sa.ForeignKey("participants.id"), nullable=False),
        sa.Column("is_leader", sa.Boolean, nullable=False, default=False),
        sa.Column("created_at", sa.Float, nullable=False),
        sa.Index("ux_team_members", "stage_id", "participant_id", unique=True),
    )
    drafts = sa.Table(  # a project draft in the logic of a social project; the fields are a JSON object
        "drafts", md,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("session_id", sa.Integer, sa.ForeignKey("sessions.id")),
        sa.Column(card_col, sa.Integer, sa.ForeignKey(f"{card_table}.id")),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("territory", sa.Text, nullable=False, default=""),
        sa.Column("status", sa.String(32), nullable=False, default="draft"),
        sa.Column("fields", sa.Text, nullable=False, default="{}"),
        sa.Column("created_at", sa.Float, nullable=False),
        sa.Column("updated_at", sa.Float, nullable=False),
    )
    return {"cards": cards, "votes": votes, "ratings": ratings, "comparisons": comparisons,
            "rankings": rankings, "statement_votes": statement_votes, "team_members": team_members,
            "drafts": drafts}


_cards = _card_tables(metadata, "cards", "card_id")
cards, votes, ratings, comparisons, rankings, statement_votes, team_members, drafts = (
    _cards[name] for name in ("cards", "votes", "ratings", "comparisons", "rankings",
                              "statement_votes", "team_members", "drafts"))
# Schema 9: a version per field of a draft (a JSON object), added here rather than in
# `_card_tables`, whose drafts table migration 3 creates as it was then.
drafts.append_column(sa.Column("field_versions", sa.Text, nullable=False, default="{}"))
unvotes = sa.Table(  # a dot taken back with the phone's request id: a retried un-vote counts once
    "unvotes", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("stage_id", sa.Integer, sa.ForeignKey("stages.id"), nullable=False),
    sa.Column("participant_id", sa.Integer, sa.ForeignKey("participants.id"), nullable=False),
    sa.Column("card_id", sa.Integer, sa.ForeignKey("cards.id"), nullable=False),
    sa.Column("request_id", sa.String(64), nullable=False),
    sa.Column("created_at", sa.Float, nullable=False),
    sa.UniqueConstraint("participant_id", "request_id", name="ux_unvotes_request"),
)
shortlist_groups = sa.Table(  # schema 8: the groups whose ideas a voting or teams stage asks about
    "shortlist_groups", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("stage_id", sa.Integer, sa.ForeignKey("stages.id"), nullable=False, index=True),
    sa.Column("card_id", sa.Integer, sa.ForeignKey("cards.id"), nullable=False),
)
# Schema 10: a card's sentence vector, computed once off the request path and reused by grouping
# and the duplicate search. A cache: `text_key` ties it to the text it was computed from (an
# edited card is embedded again); no foreign key, so deleting or moving a session never waits on it.
card_vectors = sa.Table(
    "card_vectors", metadata,
    sa.Column("card_id", sa.Integer, primary_key=True),
    sa.Column("model", sa.String(32), primary_key=True),
    sa.Column("text_key", sa.String(16), nullable=False),
    sa.Column("vector", sa.LargeBinary, nullable=False),
)
draft_status_log = sa.Table(
    "draft_status_log", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("draft_id", sa.Integer, sa.ForeignKey("drafts.id"), nullable=False, index=True),
    sa.Column("status", sa.String(32), nullable=False),
    sa.Column("at", sa.Float, nullable=False),
    sa.Column("note", sa.Text, nullable=False, default=""),
)
consultations = sa.Table(
    "consultations", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("draft_id", sa.Integer, sa.ForeignKey("drafts.id"), nullable=False, index=True),
    sa.Column("date", sa.String(10), nullable=False),
    sa.Column("who", sa.Text, nullable=False, default=""),
    sa.Column("notes", sa.Text, nullable=False, default=""),
    sa.Column("created_at", sa.Float, nullable=False),
)

# Between sessions (schema 9): a session's public results page (off until the facilitator turns
# it on; its token makes the link), a team's link to its draft (the token is the team's key),
# comments on a draft's fields, and a version per field of a draft (drafts.field_versions, a JSON
# object) so that two people saving the same field at once get a conflict, not a lost edit.
public_pages = sa.Table(
    "public_pages", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("session_id", sa.Integer, sa.ForeignKey("sessions.id"), nullable=False, unique=True),
    sa.Column("token", sa.String(64), nullable=False, unique=True),
    sa.Column("enabled", sa.Boolean, nullable=False, default=False),
    sa.Column("created_at", sa.Float, nullable=False),
)
team_links = sa.Table(
    "team_links", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("draft_id", sa.Integer, sa.ForeignKey("drafts.id"), nullable=False, unique=True),
    sa.Column("token", sa.String(64), nullable=False, unique=True),
    sa.Column("created_at", sa.Float, nullable=False),
)
draft_comments = sa.Table(
    "draft_comments", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("draft_id", sa.Integer, sa.ForeignKey("drafts.id"), nullable=False, index=True),
    sa.Column("field", sa.String(64), nullable=False),
    sa.Column("author", sa.Text, nullable=False, default=""),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("created_at", sa.Float, nullable=False),
    # Schema 20: the team page's id for the comment it sends: sent again (the answer was lost) it
    # is stored once, and the same words sent later on purpose are a comment of their own.
    sa.Column("request_id", sa.String(64)),
    sa.Index("ux_draft_comments_request", "draft_id", "request_id", unique=True),
)
# Earlier versions of a draft's fields (schema 15): each save that changes a field keeps the value
# it replaces, with that value's version, so a field emptied or overwritten by mistake can be put back.
draft_field_history = sa.Table(
    "draft_field_history", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("draft_id", sa.Integer, sa.ForeignKey("drafts.id"), nullable=False),
    sa.Column("field", sa.String(64), nullable=False),
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("value", sa.Text, nullable=False),  # JSON, as in drafts.fields
    sa.Column("replaced_at", sa.Float, nullable=False),
    sa.Index("ix_draft_field_history", "draft_id", "field"),
)

# Peer review of the teams' presentations (schema 9): criteria on a 1–5 scale per session, and a
# participant's review of a team (its idea's card): a comment and a score per criterion.
review_criteria = sa.Table(
    "review_criteria", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("session_id", sa.Integer, sa.ForeignKey("sessions.id"), nullable=False, index=True),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("description", sa.Text, nullable=False, default=""),
    sa.Column("created_at", sa.Float, nullable=False),
)
reviews = sa.Table(
    "reviews", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("session_id", sa.Integer, sa.ForeignKey("sessions.id"), nullable=False, index=True),
    sa.Column("participant_id", sa.Integer, sa.ForeignKey("participants.id"), nullable=False),
    sa.Column("card_id", sa.Integer, sa.ForeignKey("cards.id"), nullable=False),
    sa.Column("comment", sa.Text, nullable=False, default=""),
    sa.Column("created_at", sa.Float, nullable=False),
    sa.Index("ux_reviews", "participant_id", "card_id", unique=True),
)
review_scores = sa.Table(
    "review_scores", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("review_id", sa.Integer, sa.ForeignKey("reviews.id"), nullable=False, index=True),
    sa.Column("criterion_id", sa.Integer, sa.ForeignKey("review_criteria.id"), nullable=False),
    sa.Column("score", sa.Integer, nullable=False),
)

# Registration for an event with consent to the processing of personal data (152-FZ, schema 9):
# the consent's text as the person saw it, when they gave it, and their check-in at the door
# (staff open the link of the person's QR code, `checkin_token`).
registrations = sa.Table(
    "registrations", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("session_id", sa.Integer, sa.ForeignKey("sessions.id"), nullable=False, index=True),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("territory", sa.Text, nullable=False, default=""),
    sa.Column("organisation", sa.Text, nullable=False, default=""),
    sa.Column("sector", sa.String(32), nullable=False, default=""),
    sa.Column("email", sa.Text, nullable=False, default=""),
    sa.Column("phone", sa.Text, nullable=False, default=""),
    sa.Column("consent_text", sa.Text, nullable=False),
    sa.Column("consent_at", sa.Float, nullable=False),
    sa.Column("checkin_token", sa.String(64), nullable=False, unique=True),
    sa.Column("checked_in_at", sa.Float),
    sa.Column("created_at", sa.Float, nullable=False),
    # Schema 17: the participant a phone joined as from this registration's answer («Войти в
    # сессию»), so the door and the phone stay one person whatever name the phone gives; or NULL.
    sa.Column("joined_as", sa.Integer, sa.ForeignKey("participants.id")),
)


# --- migrations ---------------------------------------------------------------------------
# Limits that hold across server processes (issue 19, schema 11): one token bucket per key (joins per client
# address and session, cards per phone, unknown session codes per address), kept in the database.
limits = sa.Table(
    "limits", metadata,
    sa.Column("key", sa.String(200), primary_key=True),
    sa.Column("tokens", sa.Float, nullable=False),
    sa.Column("updated_at", sa.Float, nullable=False),
)


# Each step takes a connection inside the upgrade's one transaction and brings the schema one
# version up. Step 1 is frozen as it was released; later steps only ALTER, so older data folders open.
#
# Every step is idempotent: it adds a table, a column or an index only when the store lacks it, and
# `Store.migrate` runs them all, from 1, whenever a store's stamp is below today's. A stamp alone
# cannot be trusted: on 4–5 December the steps were renumbered as branches merged (the display's
# columns were step 8, then 10, then 11, then 12; a card's request id was 13 before it was 14), so
# a folder stamped 8 or 11 by those commits holds another set of tables than today's 8 or 11.


def _tables(conn) -> set[str]:
    return set(sa.inspect(conn).get_table_names())


def _has_column(conn, table: str, column: str) -> bool:
    return column in {c["name"] for c in sa.inspect(conn).get_columns(table)}


def _add_column(conn, table: str, column: str, ddl: str) -> bool:
    """ALTER TABLE `table` ADD COLUMN `column` `ddl`, unless it is there; whether it was added."""
    if _has_column(conn, table, column):
        return False
    conn.execute(sa.text(f"ALTER TABLE {table} ADD COLUMN {column} {ddl}"))
    return True


def _create_tables(conn, *tables: sa.Table) -> None:
    for table in tables:
        table.create(conn, checkfirst=True)


def _card_table(conn) -> str:
    """The cards' table as this store names it: `contributions` before schema 5, `cards` after."""
    return "contributions" if "contributions" in _tables(conn) else "cards"


def _tables_of_now(conn) -> sa.MetaData:
    """The tables of steps 3 and 4 named as this store names the cards (see `_card_table`)."""
    return _schema_4() if _card_table(conn) == "contributions" else metadata

def _migration_1(conn) -> None:
    old = sa.MetaData()
    sa.Table("meta", old, sa.Column("key", sa.String(64), primary_key=True),
             sa.Column("value", sa.Text, nullable=False))
    sa.Table("sessions", old, sa.Column("id", sa.Integer, primary_key=True),
             sa.Column("code", sa.String(16), nullable=False, unique=True),
             sa.Column("title", sa.Text, nullable=False), sa.Column("territory", sa.Text, nullable=False),
             sa.Column("date", sa.String(10), nullable=False), sa.Column("kind", sa.String(32), nullable=False),
             sa.Column("current_stage_id", sa.Integer), sa.Column("created_at", sa.Float, nullable=False))
    sa.Table("stages", old, sa.Column("id", sa.Integer, primary_key=True),
             sa.Column("session_id", sa.Integer, sa.ForeignKey("sessions.id"), nullable=False, index=True),
             sa.Column("position", sa.Integer, nullable=False), sa.Column("kind", sa.String(32), nullable=False),
             sa.Column("title", sa.Text, nullable=False), sa.Column("prompt", sa.Text, nullable=False),
             sa.Column("target_stage_id", sa.Integer), sa.Column("vote_budget", sa.Integer, nullable=False),
             sa.Column("voting_open", sa.Boolean, nullable=False),
             sa.Column("results_visible", sa.Boolean, nullable=False), sa.Column("timer_ends_at", sa.Float))
    sa.Table("participants", old, sa.Column("id", sa.Integer, primary_key=True),
             sa.Column("session_id", sa.Integer, sa.ForeignKey("sessions.id"), nullable=False, index=True),
             sa.Column("token", sa.String(64), nullable=False, unique=True),
             sa.Column("name", sa.Text, nullable=False), sa.Column("territory", sa.Text, nullable=False),
             sa.Column("organisation", sa.Text, nullable=False), sa.Column("sector", sa.String(32), nullable=False),
             sa.Column("created_at", sa.Float, nullable=False))
    sa.Table("contributions", old, sa.Column("id", sa.Integer, primary_key=True),
             sa.Column("session_id", sa.Integer, sa.ForeignKey("sessions.id"), nullable=False, index=True),
             sa.Column("stage_id", sa.Integer, sa.ForeignKey("stages.id"), nullable=False, index=True),
             sa.Column("participant_id", sa.Integer, sa.ForeignKey("participants.id")),
             sa.Column("by_facilitator", sa.Boolean, nullable=False), sa.Column("text", sa.Text, nullable=False),
             sa.Column("created_at", sa.Float, nullable=False), sa.Column("updated_at", sa.Float, nullable=False),
             sa.Column("hidden", sa.Boolean, nullable=False), sa.Column("merged_into", sa.Integer))
    sa.Table("votes", old, sa.Column("id", sa.Integer, primary_key=True),
             sa.Column("stage_id", sa.Integer, sa.ForeignKey("stages.id"), nullable=False),
             sa.Column("participant_id", sa.Integer, sa.ForeignKey("participants.id"), nullable=False),
             sa.Column("contribution_id", sa.Integer, sa.ForeignKey("contributions.id"), nullable=False),
             sa.Column("created_at", sa.Float, nullable=False),
             sa.Index("ix_votes_stage_participant", "stage_id", "participant_id"),
             sa.Index("ix_votes_stage_contribution", "stage_id", "contribution_id"))
    present = _tables(conn)
    for table in old.sorted_tables:
        # A store past schema 5 calls the cards `cards` (and its votes point to them as card_id).
        if table.name not in present and not (table.name == "contributions" and "cards" in present):
            table.create(conn)


def _migration_2(conn) -> None:
    # Cards get a category; votes get an idempotency key (a double tap counts once) and a paper flag.
    _add_column(conn, _card_table(conn), "category", "TEXT NOT NULL DEFAULT ''")
    _add_column(conn, "votes", "request_id", "VARCHAR(64)")
    _add_column(conn, "votes", "on_paper", "BOOLEAN NOT NULL DEFAULT FALSE")
    conn.execute(sa.text(
        "CREATE UNIQUE INDEX IF NOT EXISTS ux_votes_request ON votes (participant_id, request_id)"))


def _migration_3(conn) -> None:
    # Groups of cards (a group is a card with is_group), voting on groups, statements with
    # agree/disagree votes, teams, and project drafts with their pipeline.
    _add_column(conn, _card_table(conn), "group_id", "INTEGER")
    _add_column(conn, _card_table(conn), "is_group", "BOOLEAN NOT NULL DEFAULT FALSE")
    _add_column(conn, "stages", "vote_on", "VARCHAR(16) NOT NULL DEFAULT 'ideas'")
    old = _tables_of_now(conn)
    _create_tables(conn, *(old.tables[name] for name in ("statement_votes", "team_members", "drafts",
                                                         "draft_status_log", "consultations")))


def _migration_4(conn) -> None:
    # More ways to decide: a method per voting stage, ratings, pairwise comparisons, rankings,
    # and participants whose ballots came on paper.
    _add_column(conn, "stages", "method", "VARCHAR(16) NOT NULL DEFAULT 'dots'")
    _add_column(conn, "participants", "on_paper", "BOOLEAN NOT NULL DEFAULT FALSE")
    old = _tables_of_now(conn)
    _create_tables(conn, *(old.tables[name] for name in ("ratings", "comparisons", "rankings")))


def _schema_4() -> sa.MetaData:
    """The tables as schema 4 named them (cards were `contributions`), for migrations 3 and 4."""
    old = sa.MetaData()
    for table in (sessions, stages, participants):
        table.to_metadata(old)
    _card_tables(old, "contributions", "contribution_id")
    for table in (draft_status_log, consultations):
        table.to_metadata(old)
    return old


# Schema 5 calls a card a card everywhere, as the API and the interface do.
RENAMED_COLUMNS = ("votes", "ratings", "rankings", "statement_votes", "team_members", "drafts")


def _migration_5(conn) -> None:
    # SQLite (3.26+) and PostgreSQL carry the foreign keys that point to a renamed table along.
    if _card_table(conn) == "contributions":
        conn.execute(sa.text("ALTER TABLE contributions RENAME TO cards"))
    for table in RENAMED_COLUMNS:
        if _has_column(conn, table, "contribution_id"):
            conn.execute(sa.text(f"ALTER TABLE {table} RENAME COLUMN contribution_id TO card_id"))


def _migration_6(conn) -> None:
    # Moderation: a session's filter mode and approval queue; a card's status and filter flag.
    _add_column(conn, "sessions", "moderation", "VARCHAR(8) NOT NULL DEFAULT 'off'")
    _add_column(conn, "sessions", "approval", "BOOLEAN NOT NULL DEFAULT FALSE")
    _add_column(conn, "cards", "status", "VARCHAR(16) NOT NULL DEFAULT 'shown'")
    _add_column(conn, "cards", "flagged", "BOOLEAN NOT NULL DEFAULT FALSE")


def _migration_7(conn) -> None:
    # One person, one budget: a dot taken back with a request id is remembered, so a retried
    # un-vote removes nothing more.
    _create_tables(conn, unvotes)


def _migration_8(conn) -> None:
    # Editable stages and several rounds on a shortlist: a stage's candidate source, removed stages.
    _add_column(conn, "stages", "source_stage_id", "INTEGER")
    _add_column(conn, "stages", "source_method", "VARCHAR(16) NOT NULL DEFAULT ''")
    _add_column(conn, "stages", "source_top", "INTEGER")
    _add_column(conn, "stages", "removed", "BOOLEAN NOT NULL DEFAULT FALSE")
    _create_tables(conn, shortlist_groups)


def _migration_9(conn) -> None:
    # Between sessions: public results pages, team links, comments on fields, field versions,
    # peer review of presentations, registrations with consent and check-in.
    _add_column(conn, "drafts", "field_versions", "TEXT NOT NULL DEFAULT '{}'")
    _create_tables(conn, public_pages, team_links, draft_comments, review_criteria, reviews, review_scores,
                   registrations)


def _migration_10(conn) -> None:
    # Sentence vectors of cards (grouping by meaning), cached.
    _create_tables(conn, card_vectors)


def _migration_11(conn) -> None:
    # Limits that hold across server processes (joins, cards, unknown codes).
    _create_tables(conn, limits)


def _migration_12(conn) -> None:
    # The projector's display page: what it shows, chosen on the laptop (display16).
    _add_column(conn, "sessions", "display_mode", "VARCHAR(16) NOT NULL DEFAULT 'join'")
    _add_column(conn, "sessions", "display_stage_id", "INTEGER")
    _add_column(conn, "sessions", "display_selected", "TEXT NOT NULL DEFAULT ''")


# The workbench's own titles and prompts that schema 13 recognises, in ru and en, copied once
# from the message catalogue: a later change to the catalogue must not change which stages an
# old store's migration takes for defaults, nor the texts it writes for them.
_SCHEMA_13_TEXTS: dict[str, tuple[str, str]] = {
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
    "stage_statements": ("Утверждения", "Statements"),
    "stage_statements_prompt": ("Согласны ли вы с утверждением?", "Do you agree with the statement?"),
    "stage_cards": ("Карточки", "Cards"),
    "stage_cards_prompt": ("Напишите ваш ответ", "Write your answer"),
    "method_dots_prompt": ("Отдайте свои голоса лучшим идеям", "Give your dots to the best ideas"),
    "method_matrix_prompt": ("Оцените каждую идею: насколько важна и насколько выполнима",
                             "Rate each idea: how important, how feasible"),
    "method_pairwise_prompt": ("Что важнее для территории? Выбирайте из двух",
                               "Which matters more for the territory? Choose one of two"),
    "method_ranking_prompt": ("Расставьте идеи по важности", "Put the ideas in order of importance"),
}
# Former wordings of a default prompt, (ru, en): a stage still showing one holds the default, not
# a text the facilitator typed, and gets the wording above.
_SCHEMA_13_RETIRED: dict[str, tuple[str, str]] = {
    "stage_problems_prompt": ("Что мешает развитию нашего района?", "What holds our district back?"),
    "stage_vision_prompt": ("Наш район в 2030 году: что вы видите?", "Our district in 2030: what do you see?"),
}


def _schema_13_texts(key: str) -> dict[str, str]:
    """A default text of schema 13 in every language, as `i18n.texts` gives one ({} if none)."""
    pair = _SCHEMA_13_TEXTS.get(key)
    return dict(zip(("ru", "en"), pair, strict=True)) if pair else {}


def _migration_13(conn) -> None:
    # A stage's title and prompt in every language while they are the workbench's (an English
    # phone shows the English title of a stage made from a template). Stages made before keep
    # their text as it is, except those still showing the default title or prompt of their kind,
    # which the phones now show in their language too (once: when the columns are added).
    import json

    added = _add_column(conn, "stages", "title_texts", "TEXT NOT NULL DEFAULT ''")
    added = _add_column(conn, "stages", "prompt_texts", "TEXT NOT NULL DEFAULT ''") or added
    if not added:
        return
    rows = conn.execute(sa.text("SELECT id, kind, method, title, prompt FROM stages")).all()
    for sid, kind, method, title, prompt in rows:
        values = {}
        title_langs = _schema_13_texts(f"stage_{kind}")
        if title in title_langs.values():
            values["title_texts"] = json.dumps(title_langs, ensure_ascii=False)
        for key in (f"stage_{kind}_prompt", f"method_{method}_prompt"):
            retired = _SCHEMA_13_RETIRED.get(key, ())
            if prompt in retired:  # the default as worded before: the wording above, same language
                values["prompt"] = _SCHEMA_13_TEXTS[key][retired.index(prompt)]
            if prompt in _schema_13_texts(key).values() or "prompt" in values:
                values["prompt_texts"] = json.dumps(_schema_13_texts(key), ensure_ascii=False)
                break
        if values:
            conn.execute(sa.text("UPDATE stages SET " + ", ".join(f"{k} = :{k}" for k in values)
                                 + " WHERE id = :id"), {**values, "id": sid})


def _migration_14(conn) -> None:
    # A card sent again by a phone (a retry after a lost answer) is stored once: its request id.
    _add_column(conn, "cards", "request_id", "VARCHAR(64)")
    conn.execute(sa.text("CREATE UNIQUE INDEX IF NOT EXISTS ux_cards_request ON cards (participant_id, request_id)"))


def _migration_15(conn) -> None:
    # Earlier versions of a draft's fields, kept as they are replaced.
    _create_tables(conn, draft_field_history)


def _migration_16(conn) -> None:
    # Sessions put in the archive (rehearsals, the demo, last year's): when, or NULL.
    _add_column(conn, "sessions", "archived_at", "FLOAT")


def _migration_17(conn) -> None:
    # The phone a registered person joined as from their registration's answer, or NULL.
    _add_column(conn, "registrations", "joined_as", "INTEGER REFERENCES participants(id)")


def _migration_18(conn) -> None:
    # When a stage's round was first opened, or NULL (a round closed with no ballots was opened).
    _add_column(conn, "stages", "voting_opened_at", "FLOAT")


def _migration_19(conn) -> None:
    # When a borrowed phone last opened a participant's page from the control view's QR code, or
    # NULL: the control view takes the code (it carries the person's token) down when it does.
    _add_column(conn, "participants", "borrowed_at", "FLOAT")


def _migration_20(conn) -> None:
    # A team comment sent again (a retry after a lost answer) is stored once: its request id.
    _add_column(conn, "draft_comments", "request_id", "VARCHAR(64)")
    conn.execute(sa.text("CREATE UNIQUE INDEX IF NOT EXISTS ux_draft_comments_request "
                         "ON draft_comments (draft_id, request_id)"))


MIGRATIONS = {1: _migration_1, 2: _migration_2, 3: _migration_3, 4: _migration_4, 5: _migration_5,
              6: _migration_6, 7: _migration_7, 8: _migration_8, 9: _migration_9, 10: _migration_10,
              11: _migration_11, 12: _migration_12, 13: _migration_13, 14: _migration_14,
              15: _migration_15, 16: _migration_16, 17: _migration_17, 18: _migration_18, 19: _migration_19,
              20: _migration_20}
SCHEMA_VERSION = max(MIGRATIONS)  # what this version writes; a store stamped above it is refused
