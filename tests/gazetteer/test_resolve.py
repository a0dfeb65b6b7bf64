"""Same-named places: the region or country named nearby decides, then population."""

from __future__ import annotations

from .conftest import only


def test_ivanivka_by_oblast(gaz):
    _, odesa = only(gaz, "A man was detained in Ivanivka, Odesa oblast.", "Ivanivka")
    assert odesa.admin1 == "Odesa Oblast" and odesa.country == "UA"
    _, kherson = only(gaz, "A man was detained in Ivanivka, Kherson oblast.", "Ivanivka")
    assert kherson.admin1 == "Kherson Oblast"
    assert odesa != kherson


def test_ivanivka_cyrillic_by_oblast(gaz):
    _, place = only(gaz, "У селі Іванівка Одеської області затримали чоловіка.", "Іванівка")
    assert place.admin1 == "Odesa Oblast"
    _, place = only(gaz, "В Іванівці на Херсонщині затримали чоловіка.", "Іванівці")
    assert place.admin1 == "Kherson Oblast"


def test_ivanivka_has_many_candidates(gaz):
    mention, _ = only(gaz, "Near Ivanivka.", "Ivanivka")
    assert len(mention.candidates) > 10
    pops = [p.population for p in mention.candidates]
    assert pops == sorted(pops, reverse=True)


def test_odessa_texas(gaz):
    _, place = only(gaz, "A man was arrested in Odessa, Texas.", "Odessa")
    assert place.country == "US" and place.admin1 == "Texas"
    _, place = only(gaz, "A man was arrested in Odessa.", "Odessa")
    assert place.country == "UA"


def test_moscow_idaho(gaz):
    _, place = only(gaz, "Students in Moscow, Idaho, rallied.", "Moscow")
    assert place.country == "US" and place.admin1 == "Idaho"
    _, place = only(gaz, "Protest in Moscow.", "Moscow")
    assert place.country == "RU"


def test_country_context(gaz):
    _, place = only(gaz, "Odessa (USA) hosted a rally.", "Odessa")
    assert place.country == "US"


def test_nearest_context_wins(gaz):
    text = "Ivanivka, Odesa oblast, and Ivanivka, Kherson oblast."
    mentions = gaz.find(text)
    ivs = [m for m in mentions if m.surface == "Ivanivka"]
    assert [gaz.resolve(m, mentions).admin1 for m in ivs] == ["Odesa Oblast", "Kherson Oblast"]


def test_resolve_without_candidates_is_none(gaz):
    from letopis.gazetteer import PlaceMention

    assert gaz.resolve(PlaceMention(0, 3, "Xyz", "settlement", False, ())) is None


def test_approximate_village_from_katottg(gaz):
    places = [p for p in gaz.lookup("Іванівка") if p.id.startswith("katottg:")]
    assert places and all(p.population == 0 and p.level == "settlement" for p in places)
