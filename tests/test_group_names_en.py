"""English group names as a facilitator would write them, on the 30 ideas of a session a
reviewer ran in English: a name speaks for at least half of its group, else a session theme
does ("Health care", "Young people", "Tourism", "Sports"), else it says the group is mixed
("… and more"); never a bare word such as "Support" or "Summer" over cards it does not name."""

from __future__ import annotations

from workbench.group_names import _THEMES, MIXED_MIN, _speaks_for, distinct_names, theme

# «Предложить группы» on the reviewer's ideas: each group's cards, most central first, with the
# keys clustering gave it, and the name it now gets. Before: "Youth club", "Mobile clinic
# visits", the same, "River", "Summer", "Tourists", "Hockey rink", "Support", "Bus".
REVIEW = [
    (["Open a youth club in the old school", "Robotics club for children", "Youth volunteer centre",
      "Jobs for young people at the sawmill", "Coworking space in the library"], ["club", "youth"],
     "Young people"),
    (["Mobile clinic visits to villages", "Fast internet in remote villages", "Pharmacy in every village",
      "Mobile phone coverage on the highway", "Doctor visits twice a month"], ["villag", "mobil", "visit"],
     "Health care"),
    (["Repair the road from Nyandoma to Shalakusha", "Street lighting in Shalakusha",
      "Better road to Moshinskoye"], ["road", "shalakusha"], "Road from Nyandoma to Shalakusha"),
    (["Clean up the river banks", "Fix the bridge over the Moshka river", "Restore the old church"],
     ["river"], "Moshka river"),
    (["Village festival every summer", "Summer camp for teenagers", "Farmers market on Saturdays"],
     ["summer"], "Summer camp"),
    (["Guest houses for tourists", "Tourist information centre", "Wooden architecture tour route"],
     ["tourist"], "Tourism"),
    (["Hockey rink in winter", "Sports ground for kids", "Eco trail along the lake"], [], "Sports"),
    (["Support for local craftsmen", "Grants for small business", "Recycling point for plastic"], [],
     "Support for local craftsmen"),
    (["Regular bus to the district centre", "Bus schedule that matches the train"], ["bus"], "Regular bus"),
]
EN_THEMES = {en for _, en, _ in _THEMES}


def test_the_reviewers_groups_get_names_a_facilitator_would_write():
    names = distinct_names([(cards, keys) for cards, keys, _ in REVIEW])
    assert names == [expected for _, _, expected in REVIEW]
    assert len(set(names)) == len(names)  # the room can tell every group apart


def test_an_english_name_speaks_for_half_its_group_or_is_a_theme():
    """As in Russian: the participants' words when they speak for half the group, else a theme,
    else, from five cards on, "… and more"; three or four cards keep the central card's words,
    never one bare word."""
    for (cards, _, _), name in zip(REVIEW, distinct_names([(c, k) for c, k, _ in REVIEW]), strict=True):
        if name in EN_THEMES or len(cards) < 3:
            continue
        if len(cards) >= MIXED_MIN:
            assert name.endswith(" and more") or _speaks_for(name, cards) * 2 >= len(cards), name
        assert len(name.split()) >= 2, name


def test_a_name_of_one_cards_words_gives_way_to_the_theme_of_most_cards():
    """"Mobile clinic visits" named internet and phone coverage too, through "mobile" and
    "visits"; "Youth club" named a coworking space and jobs at the sawmill."""
    health, youth = REVIEW[1][0], REVIEW[0][0]
    assert theme(health, ["villag", "mobil", "visit"]) == "Health care"
    assert theme(youth, ["club", "youth"]) == "Young people"
    # the participants' own words stay when they speak for half the group
    assert theme(REVIEW[2][0], ["road", "shalakusha"]) == "Road from Nyandoma to Shalakusha"
    assert theme(["Repair the roads", "Roads are bad", "Bus to town"], ["road", "repair"]) == "Repair the roads"


def test_a_bare_english_word_never_names_a_group():
    assert theme(REVIEW[4][0], ["summer"]) == "Summer camp"  # not "Summer"
    assert theme(REVIEW[7][0], []) == "Support for local craftsmen"  # not "Support"
    assert theme(["Grants for small business", "Recycling point for plastic", "Repair the roads"], []) \
        == "Grants for small business"
    assert theme(REVIEW[3][0], ["river"]) == "Moshka river"  # not "River", nor "River banks" (one card)
    assert theme(["Open a youth club in the old school", "Robotics club for children",
                  "Restore the old church"], ["club", "old"]) == "Club in the old school"


def test_a_mixed_english_group_says_so():
    cards = ["Summer camp for teenagers", "Pharmacy in every village", "Farmers market on Saturdays",
             "Fast internet in remote villages", "Village festival every summer", "Hockey rink in winter"]
    assert theme(cards, ["villag", "everi", "summer"]) == "Summer camp and more"


def test_the_grouping_of_the_english_ideas_has_no_bare_word_names():
    from workbench.clustering import cluster_texts

    ideas = [c for cards, _, _ in REVIEW for c in cards]
    result = cluster_texts(ideas, seed=0, method="words")
    names = list(result.names.values())
    assert len(set(names)) == len(names)
    for label, name in result.names.items():
        cards = [t for t, lab in zip(ideas, result.labels, strict=True) if lab == label]
        if len(cards) >= 3:
            assert name in EN_THEMES or len(name.split()) >= 2, (name, cards)
