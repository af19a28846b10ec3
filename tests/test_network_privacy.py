"""Pseudonymised network exports give no one away: an organisation named after a person
("ИП Смирнов О.В.") gets a code in nodes.csv, GEXF and GraphML, the same code in every file."""

from __future__ import annotations

import pandas as pd

from workbench.cli import main
from workbench.network.model import names_a_person
from workbench.network.report import analyse, export_report, prepare

ROWS = [
    # person, event, date, territory, organisation, sector
    ("Анна Иванова", "Сессия 1", "2024-02-01", "Каргополь", "ИП Смирнов О.В.", "бизнес"),
    ("Олег Петров", "Сессия 1", "2024-02-01", "Каргополь", "Администрация округа", "власть"),
    ("Анна Иванова", "Сессия 2", "2024-03-01", "Каргополь", "ИП Смирнов О.В.", "бизнес"),
    ("Ира Белова", "Сессия 2", "2024-03-01", "Няндома", "КФХ Кузнецова Мария Ивановна", "бизнес"),
    ("Олег Петров", "Сессия 2", "2024-03-01", "Каргополь", "Администрация округа", "власть"),
    ("Ира Белова", "Сессия 3", "2024-04-01", "Няндома", "КФХ Кузнецова Мария Ивановна", "бизнес"),
    ("Пётр Орлов", "Сессия 3", "2024-04-01", "Вельск", "АНО «Надежда»", "НКО"),
]
SECRETS = ["Смирнов", "О.В.", "Кузнецова", "Мария Ивановна", "Анна", "Иванова", "Олег", "Белова"]


def _table():
    return pd.DataFrame(ROWS, columns=["person", "event", "date", "territory", "organisation", "sector"])


def test_the_staff_export_codes_organisations_named_after_a_person(tmp_path):
    report = analyse(prepare(_table()))
    paths = export_report(report, tmp_path, pseudonymise=True)
    assert {p.name for p in paths} >= {"nodes.csv", "people.gexf", "people.graphml", "model.gexf"}
    for p in paths:
        text = p.read_bytes().decode("utf-8", errors="ignore")
        for s in SECRETS:
            assert s not in text, f"{s!r} survives in {p.name}"
    nodes = pd.read_csv(tmp_path / "nodes.csv", encoding="utf-8-sig", sep=";", decimal=",")  # for Russian Excel
    # Ordinary organisations stay readable; the two named after people get codes, the same
    # code for the same organisation in the table and in the graphs.
    assert set(nodes["Организация"].fillna("")) >= {"Администрация округа", "АНО «Надежда»"}
    codes = sorted(v for v in nodes["Организация"].dropna() if v.startswith("O0"))
    assert set(codes) == {"O0001", "O0002"}
    model_gexf = (tmp_path / "model.gexf").read_text(encoding="utf-8")
    assert all(c in model_gexf for c in set(codes)) and "Администрация округа" in model_gexf
    # Without pseudonymising, the staff's own export keeps the names.
    plain = tmp_path / "plain"
    export_report(report, plain)
    assert "ИП Смирнов О.В." in (plain / "nodes.csv").read_text(encoding="utf-8-sig")


def test_the_cli_codes_them_too(tmp_path):
    inp = tmp_path / "in.csv"
    two_mode = pd.DataFrame({"person": [r[0] for r in ROWS], "group": [r[4] for r in ROWS],
                             "kind": "organisation"})
    two_mode.to_csv(inp, index=False)
    out = tmp_path / "out"
    assert main(["network", str(inp), "--output-dir", str(out), "--pseudonymise"]) == 0
    for f in out.iterdir():
        text = f.read_bytes().decode("utf-8", errors="ignore")
        for s in SECRETS:
            assert s not in text, f"{s!r} survives in {f.name}"
    assert "Администрация округа" in (out / "two_mode.gexf").read_text(encoding="utf-8")


def test_person_names_in_organisation_names():
    named = ["ИП Смирнов О.В.", "ИП Глава КФХ Петров", "Смирнов О. В., ИП", "Ферма Кузнецова",
             "КФХ «Берёзка»", "Магазин О. Волковой", "Студия Ивана Петровича"]
    plain = ["Администрация Каргопольского округа", "АНО «Надежда»", "ТОС «Вера»", "Дом культуры",
             "Школа № 1 г. Каргополь", "НКО Север", "ООО «Лесной край»", "Библиотека"]
    assert [n for n in named if not names_a_person(n)] == []
    assert [n for n in plain if names_a_person(n)] == []
