"""A session run in English, against a real server: the pages its links open (registration, the
public results, a team's draft, the peer review) speak English without `?lang=en` in the link; the
same pages of a Russian session stay Russian, and `?lang=` still chooses."""

from __future__ import annotations

import re

import pytest

from workbench.drafts import idea_draft, top_ideas
from workbench.i18n import t
from workbench.session import facilitator, public, team_links, templates
from workbench.testing import Http
from workbench.util import esc

CYRILLIC = re.compile("[А-Яа-яЁё]")


@pytest.fixture(scope="module")
def rooms(serve):
    """An English session with a card, a draft, its team link and its public page on; and a
    Russian one with the same."""
    def prepare(wb):
        made = {}
        for lang, title in (("en", "Future of the district"), ("ru", "Будущее округа")):
            code = templates.create_session(wb.store, title, data_dir=wb.data_dir, lang=lang, territory="Nyandoma")
            sid = wb.store.session(code)["id"]
            ideas = next(st for st in wb.store.stages(sid) if st["kind"] == "ideas")
            facilitator.add_card(wb.store, sid, ideas["id"], "Youth club in the old school")
            draft = idea_draft(wb.store, code, top_ideas(wb.store, code)[0]["id"], lang)["id"]
            made[lang] = {"code": code, "public": public.set_public(wb.store, code, True)["token"],
                          "team": team_links.team_link(wb.store, draft)["token"]}
        return made

    return serve(prepare)


def _page(server, path: str) -> str:
    r = Http().get(server.base + path)
    assert r.status_code == 200, (path, r.status_code, r.text[:300])
    return r.text


def _visible(page: str) -> str:
    """The page's text without its script, style and tags (what a reader sees, roughly)."""
    page = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", page, flags=re.S)
    return re.sub(r"<[^>]+>", " ", page)


def test_an_english_sessions_registration_form_is_english(rooms):
    """The registration link the drafts page shows has no ?lang=: the form was Russian (labels,
    sectors, the consent) for a room that speaks English."""
    server, made = rooms
    page = _page(server, f"/reg/{made['en']['code']}")
    assert '<html lang="en">' in page
    assert t("reg_submit", "en") in page and t("sector_citizen", "en") in page
    assert "I consent" in page
    # the law's date and name as English writes them (it read «of 27.07.2006 "On personal data"»
    # after “Future of the district”: a Russian date and two ways of quoting in one sentence)
    assert "Federal Law No. 152-FZ of 27 July 2006 “On Personal Data”" in page
    assert CYRILLIC.findall(_visible(page)) == list("Русский")  # only the switch to Russian, in Russian
    ru = _page(server, f"/reg/{made['ru']['code']}")
    assert '<html lang="ru">' in ru and t("reg_submit", "ru") in ru
    asked = _page(server, f"/reg/{made['en']['code']}?lang=ru")
    assert t("reg_submit", "ru") in asked


def test_a_registration_sent_on_an_english_session_answers_in_english(rooms):
    server, made = rooms
    code = made["en"]["code"]
    form = _page(server, f"/reg/{code}")
    assert "name='lang' value='en'" in form  # the form sends the language it was shown in
    request = re.search(r"name='request' value='([^']+)'", form).group(1)
    # sent without the form's language field (an old tab): the session's language still answers
    r = Http().post(f"{server.base}/reg/{code}", data=f"name=Anna+Peters&consent=yes&request={request}",
                    headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert r.status_code == 303 and r.headers["Location"].endswith("?lang=en")
    answer = _page(server, r.headers["Location"])
    assert t("reg_done", "en") in answer and t("reg_join_session", "en") in answer


def test_an_english_sessions_public_results_page_is_english(rooms):
    server, made = rooms
    page = _page(server, f"/r/{made['en']['public']}")
    assert '<html lang="en">' in page
    assert "Session results" in page and "Voting results" in page and "Print or save as PDF" in page
    assert not CYRILLIC.search(_visible(page))
    assert "Итоги голосования" in _page(server, f"/r/{made['ru']['public']}")


TEAM_PAGE = '<meta name="wb-page" content="team">'  # the team page's file, no other page's


def test_an_english_sessions_team_page_is_english(rooms):
    """The team link opens the team's form (not another page of the session with a like title),
    bound to that link, its tab named in English."""
    server, made = rooms
    token = made["en"]["team"]
    page = _page(server, f"/t/{token}")
    assert TEAM_PAGE in page and '<form id="form"' in page and f'"token": "{token}"' in page
    assert '<html lang="en">' in page and f"<title>{esc(t('team_page_title', 'en'))}</title>" in page
    assert '"lang": "en"' in page  # the page asks its API (logic check, errors) in English too
    assert TEAM_PAGE not in _page(server, f"/s/{made['en']['code']}")  # the phone page is another page
    ru = _page(server, f"/t/{made['ru']['team']}")
    assert TEAM_PAGE in ru and f"<title>{esc(t('team_page_title', 'ru'))}</title>" in ru


def test_an_english_sessions_review_page_is_english(rooms):
    server, made = rooms
    page = _page(server, f"/s/{made['en']['code']}/review")
    assert '<html lang="en">' in page and f"<title>{t('review_title', 'en')}</title>" in page
    ru = _page(server, f"/s/{made['ru']['code']}/review")
    assert '<html lang="ru">' in ru
    assert '<html lang="ru">' in _page(server, f"/s/{made['en']['code']}/review?lang=ru")
