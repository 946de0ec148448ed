import pytest

from eventwire.gazetteer import gazetteer


def test_country_names_demonyms_capitals():
    g = gazetteer()
    assert g.country_of("Iran") == ("IRN", "name")
    assert g.country_of("Pakistani") == ("PAK", "demonym")
    assert g.country_of("Islamabad") == ("PAK", "capital")
    assert g.country_of("US") == ("USA", "name")
    assert g.country_of("us") is None  # the pronoun is not a country
    assert g.country_of("Congolese")[0] == "COD"
    assert g.country_of("the Netherlands") == ("NLD", "name")


def test_news_demonyms_where_the_tables_are_archaic():
    g = gazetteer()
    assert g.country_of("Tajik") == ("TJK", "demonym")  # the source table says "Tadzhik"
    assert g.country_of("Uzbeks") == ("UZB", "demonym")
    assert g.country_of("Djiboutian") == ("DJI", "demonym")


def test_ordinary_lower_case_words_are_no_country():
    """Names are capitalised: "male" is not Malé, "turkey" and "china" are a bird and a plate."""
    g = gazetteer()
    for word in ("male", "turkey", "china", "polish", "guinea", "jordan"):
        assert g.country_of(word) is None, word
    assert g.country_of("Malé") == ("MDV", "capital")
    assert g.country_of("Turkey")[0] == "TUR"


def test_admin1_and_city_with_coordinates():
    g = gazetteer()
    b = g.find_place("Balochistan province")
    assert (b.country, b.admin1, b.precision) == ("PAK", "Balochistan", "admin1")
    assert b.lat is not None
    k = g.find_place("Kerman", "IRN")
    assert (k.country, k.city, k.precision) == ("IRN", "Kerman", "city")
    assert 29 < k.lat < 31 and 56 < k.lon < 58


def test_city_alternate_names():
    g = gazetteer()
    assert g.find_city("Arbil").city == "Erbil"


def test_the_package_carries_a_current_city_table():
    """make install builds it; every process opens it instead of building an index."""
    from eventwire import citydb

    assert citydb.locate() == citydb.packaged_path()
    places, names = citydb.CityTable().size()
    assert places > 200_000 and names > places


def test_without_a_packaged_table_one_is_built_once_into_the_cache(tmp_path, monkeypatch):
    from eventwire import citydb

    monkeypatch.setenv("EVENTWIRE_CACHE", str(tmp_path))
    monkeypatch.setattr(citydb, "packaged_path", lambda: tmp_path / "absent.sqlite")
    monkeypatch.setattr(citydb, "MIN_POPULATION", 15000)  # the small file, to keep this quick
    builds = []
    real = citydb.build
    monkeypatch.setattr(citydb, "build", lambda p: builds.append(p) or real(p))
    first = citydb.locate()
    assert first.parent == tmp_path and builds == [first]
    assert citydb.locate() == first and len(builds) == 1  # kept, not built again
    first.write_bytes(b"not a database")  # a damaged file is rebuilt, not an error
    assert citydb.locate() == first and len(builds) == 2
    assert [c.iso3 for c in citydb.CityTable(first).named("nairobi")] == ["KEN"]


def test_a_table_built_from_other_inputs_is_not_used(tmp_path, monkeypatch):
    import sqlite3

    from eventwire import citydb

    stale = tmp_path / "stale.sqlite"
    db = sqlite3.connect(stale)
    db.execute("CREATE TABLE meta (key TEXT)")
    db.execute("INSERT INTO meta VALUES ('0-500-1.0-old')")
    db.commit()
    db.close()
    monkeypatch.setenv("EVENTWIRE_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(citydb, "packaged_path", lambda: stale)
    monkeypatch.setattr(citydb, "MIN_POPULATION", 15000)
    assert citydb.locate().parent == tmp_path / "cache"


def test_villages_and_towns_down_to_500_people_by_their_names():
    g = gazetteer()
    # a town the parser calls a place, in its country; a village with the country named
    assert g.find_city("Sudzha", trusted=True).country == "RUS"
    assert g.find_city("Wana", "PAK").admin1 == "Khyber Pakhtunkhwa"
    # without a country or the parser's word, a small town's name is not taken
    assert g.find_city("Wana") is None
    # a place that has the name only as another of its names counts a tenth of its people
    assert g.find_city("Bombay").city == "Mumbai"
    assert g.find_city("Bethlehem", trusted=True, prefer=frozenset({"PSE"})).country == "PSE"


def test_a_division_is_not_a_village_of_its_name_elsewhere_in_its_country():
    g = gazetteer()
    for state in ("California", "Oregon", "Iowa", "Alabama"):
        p = g.find_place(state, trusted=True)
        assert (p.precision, p.admin1) == ("admin1", state), state
    assert g.find_place("Kerman").precision == "city"  # the namesake city, inside its province


def test_a_direction_word_makes_a_namesake_the_division():
    g = gazetteer()
    assert g.find_place("Quebec").precision == "city"
    assert g.find_place("Quebec", area=True).precision == "admin1"


def test_a_division_centre_is_the_middle_of_its_towns_not_their_mean():
    g = gazetteer()
    bc = g.find_admin1("British Columbia")
    assert 51.5 < bc.lat < 56 and -130 < bc.lon < -122  # mid-province, not the southern towns


def test_a_country_with_no_point_in_the_tables_takes_its_capitals():
    g = gazetteer()
    for name in ("United Kingdom", "Britain", "Palestine"):
        p = g.find_place(name)
        assert p.precision == "country" and p.lat is not None and p.lon is not None, name
    uk = g.find_place("Britain")
    assert 49 < uk.lat < 59 and -8 < uk.lon < 2  # on the island, not at 0, 0


def test_a_place_name_with_a_direction_word_is_tried_whole_first():
    import eventwire

    (e,) = eventwire.code_text("Teachers went on strike in West Virginia on Monday.", "2024-03-05")
    assert e.place.admin1 == "West Virginia" and e.place.lat > 37
    (e,) = eventwire.code_text("Rebels shelled villages in northern Mali on Monday.", "2024-03-05")
    assert e.place.country == "MLI" and e.place.precision == "country"


def test_divisions_cities_and_capitals_are_ranked():
    g = gazetteer()
    # a division over a town of the same name elsewhere, and in the most populous country
    for name, iso3 in (("Florida", "USA"), ("Virginia", "USA"), ("Montana", "USA")):
        p = g.find_place(name)
        assert (p.country, p.admin1, p.precision) == (iso3, name, "admin1"), name
    # the division's namesake city is the city; a country's capital named like it is the city
    assert g.find_place("Kerman").precision == "city"
    assert g.find_place("Kandahar").precision == "city"
    wash = g.find_place("Washington")
    assert (wash.country, wash.precision) == ("USA", "city") and 38 < wash.lat < 39.5
    assert g.find_place("Punjab", "PAK").country == "PAK"  # context first
    assert g.country_of("Washington") == ("USA", "name")  # as an actor it stays the government


def test_a_country_named_in_the_phrase_decides_over_a_capitals_name():
    import eventwire

    (e,) = eventwire.code_text(
        "Rebels attacked a base in Tripoli, Lebanon, on Monday.", "2024-03-05"
    )
    assert (e.place.country, e.place.city) == ("LBN", "Tripoli")
    (e,) = eventwire.code_text("Rebels attacked a base in Tripoli on Monday.", "2024-03-05")
    assert e.place.country == "LBY"


def test_an_organisation_named_after_a_place_is_not_that_place():
    from eventwire import nlp
    from eventwire.extract.where import PlaceFinder

    finder, model = PlaceFinder(gazetteer()), nlp.load()

    def place_in(sentence: str, word: str):
        doc = model(sentence)
        head = next(t for t in doc if t.text == word)
        return finder.resolve_phrase(head)

    # a newspaper, a club: the whole name is not a place, so the city inside it is not either
    assert place_in("The leaked memo was first reported in the Washington Post.", "Post") is None
    assert place_in("He scored twice for Newcastle United in the derby.", "United") is None
    # a place whose name ends in a kind of land is still a place, whatever the parser labels it
    strip = place_in("Aid trucks waited for days at the crossing into the Gaza Strip.", "Strip")
    assert strip is not None and strip.country == "PSE"
    kurram = place_in("Shells landed on army posts in Pakistan's Kurram district.", "district")
    assert kurram is not None and kurram.country == "PAK"


def test_regions_seas_and_areas_are_places_of_their_own():
    g = gazetteer()
    sahel = g.find_place("the Sahel")
    assert sahel.precision == "region" and sahel.country is None and 12 < sahel.lat < 18
    gulf = g.find_place("the Gulf")  # not Papua New Guinea's Gulf province
    assert gulf.precision == "area" and 23 < gulf.lat < 30 and 48 < gulf.lon < 57
    assert g.find_place("Red Sea").precision == "area"  # the sea, not Egypt's governorate
    darfur = g.find_place("Darfur")
    assert (darfur.country, darfur.precision) == ("SDN", "region") and darfur.rank == 2
    assert g.find_region("Kurdistan", "IRQ").country == "IRQ"  # "Iraq's Kurdistan"


def test_a_division_named_in_another_spelling_has_a_position():
    g = gazetteer()
    for name, iso3 in (("North Kivu", "COD"), ("Oromia", "ETH"), ("Xinjiang", "CHN")):
        p = g.find_admin1(name)
        assert p is not None and p.country == iso3 and p.lat is not None, name
    assert g.find_admin1("North Kivu").admin1 == "North Kivu"  # as the article writes it
    assert g.find_admin1("Eastern Province", "SAU") is None or True  # no crash on generic names


def test_a_town_is_read_in_the_division_or_countries_its_sentence_names():
    from eventwire import nlp
    from eventwire.extract.where import PlaceFinder

    finder, model = PlaceFinder(gazetteer()), nlp.load()

    def place(sentence: str, word: str):
        doc = model(sentence)
        return finder.resolve_phrase(next(t for t in doc if t.text == word))

    assert (
        place("A storm flooded streets in London, Ontario, on Sunday.", "London").country == "CAN"
    )
    assert place("Flooding hit homes in Paris, Texas, overnight.", "Paris").country == "USA"
    moscow = place("Police in Moscow, Idaho, asked residents for camera footage.", "Moscow")
    assert moscow.country == "USA" and moscow.lon < -100
    toledo = place("Farmers drove tractors into Toledo to protest costs across Spain.", "Toledo")
    assert toledo.country == "ESP"


def test_an_event_in_a_clause_with_no_place_takes_the_place_its_sentence_names():
    import eventwire

    (e,) = eventwire.code_text(
        "In Herat, officials said gunmen had ambushed a police patrol on Monday.", "2024-05-07"
    )
    assert e.place is not None and e.place.country == "AFG" and e.place.basis == "sentence"
    (e,) = eventwire.code_text("Gunmen ambushed a police patrol in Herat on Monday.", "2024-05-07")
    assert e.place.basis == "clause"


def test_a_place_on_the_outskirts_of_a_town_is_that_town() -> None:
    import eventwire

    (e,) = eventwire.code_text(
        "Gunmen ambushed a police patrol on the outskirts of Herat on Monday.", "2024-05-07"
    )
    assert e.place is not None and e.place.name == "Herat" and e.place.basis == "clause"


@pytest.mark.parametrize(
    ("text", "place", "victims"),
    [
        (
            "Russian drone strikes on Zaporizhzhia killed four people overnight.",
            "Zaporizhzhia",
            "UKR",
        ),
        ("Israeli airstrikes on Khan Younis killed nine people on Monday.", "Khan Younis", "PSE"),
    ],
)
def test_an_attack_on_a_named_place_happens_there_and_its_victims_are_of_it(
    text, place, victims
) -> None:
    import eventwire

    events = [e for e in eventwire.code_text(text, "2024-05-07") if e.target is not None]
    assert events and events[0].place is not None and events[0].place.name == place
    assert events[0].target.country == victims


def test_a_capitals_name_alone_is_that_capital():
    g = gazetteer()
    for name, iso3 in (("Islamabad", "PAK"), ("Tripoli", "LBY"), ("London", "GBR")):
        p = g.find_place(name)
        assert (p.country, p.precision) == (iso3, "city"), name


def test_landmarks_are_points_in_their_city_and_old_country_names_are_todays_country():
    import eventwire

    g = gazetteer()
    kremlin = g.find_place("the Kremlin")  # as a place: in Moscow
    assert (kremlin.country, kremlin.city, kremlin.precision) == ("RUS", "Moscow", "city")
    assert g.country_of("the Kremlin") == ("RUS", "name")  # as an actor: Russia's government
    baghdad = g.find_place("Tahrir Square", prefer=frozenset({"IRQ"}))
    assert baghdad.city == "Baghdad" and g.find_place("Tahrir Square").city == "Cairo"
    for old, iso3 in (("Ceylon", "LKA"), ("Upper Volta", "BFA"), ("Zaire", "COD")):
        assert g.country_of(old) == (iso3, "name"), old
    (e,) = eventwire.code_text(
        "Police arrested 30 protesters in Red Square on Sunday.", "2024-05-07"
    )
    assert e.place is not None and e.place.city == "Moscow"


def _phrase_place(sentence: str, word: str):
    from eventwire import nlp
    from eventwire.extract.where import PlaceFinder

    doc = nlp.load()(sentence)
    return PlaceFinder(gazetteer()).resolve_phrase(next(t for t in doc if t.text == word))


def test_a_country_name_that_is_also_a_division_qualifies_a_town_of_that_division():
    athens = _phrase_place("A crowd gathered outside the courthouse in Athens, Georgia.", "Athens")
    assert (athens.country, athens.admin1) == ("USA", "Georgia")
    # a town of the country itself stays there
    batumi = _phrase_place("Riot police cleared the port in Batumi, Georgia, on Friday.", "Batumi")
    assert batumi.country == "GEO"


def test_a_division_or_region_the_sentence_names_places_its_towns():
    # the sentence's division (Lower Saxony, in one country) and region (the West Bank)
    hanover = _phrase_place(
        "Truckers in Lower Saxony blocked roads near Hanover on Monday.", "Hanover"
    )
    assert hanover.country == "DEU" and hanover.precision == "city"
    bethlehem = _phrase_place("Soldiers raided homes in Bethlehem, in the West Bank.", "Bethlehem")
    assert bethlehem.country == "PSE" and bethlehem.precision == "city"
    # the phrase's own name is not its own context: Granada alone is not Nicaragua's department
    granada = _phrase_place("Nurses marched in Granada to protest cuts across Spain.", "Granada")
    assert granada.country == "ESP"


def test_a_direction_word_reads_a_namesake_as_the_division():
    quebec = _phrase_place(
        "Wildfires burned through forests in northern Quebec this week.", "Quebec"
    )
    assert (quebec.country, quebec.precision) == ("CAN", "admin1")


def test_hyphenated_division_names_are_read_whole():
    p = _phrase_place("Rivers burst their banks in Emilia-Romagna overnight.", "Emilia")
    assert p is not None and p.country == "ITA" and p.precision == "admin1"
    p = _phrase_place("Dykes held in North Rhine-Westphalia after the storm.", "Rhine")
    assert p is not None and p.country == "DEU" and p.precision == "admin1"


def test_a_town_governed_by_a_preposition_of_place_is_found_by_its_own_name_only():
    g = gazetteer()
    assert g.find_town("Bastia").country == "FRA"  # 41,000 people
    assert g.find_town("Congress") is None  # an Arizona village of 2,000 is not Congress
    assert g.find_town("Congress", prefer=frozenset({"USA"})) is not None  # unless placed
    assert g.find_town("Google") is None  # another name of Topeka, not its own
    assert g.find_place("Hamas", trusted=True) is None  # another name of Hamm, too small
    # a town's name in another spelling is its name; the Arabic article may be left out
    assert g.find_place("Khan Younis", trusted=True).country == "PSE"
    assert g.find_place("Qamishli", trusted=True).country == "SYR"


def test_times_and_amounts_are_never_places():
    import eventwire

    (e,) = eventwire.code_text("Kenya expelled two Somali diplomats in August.", "2024-10-05")
    assert e.place is None


def test_the_dateline_is_where_each_report_was_filed_from_not_the_events_location():
    import eventwire
    from eventwire.extract.dateline import find_dateline

    g = gazetteer()
    kyiv = find_dateline("Headline\nKYIV, Ukraine (AP) — Russia struck the city.", g)
    assert (kyiv.city, kyiv.basis) == ("Kyiv", "dateline")
    paris = find_dateline("PARIS, Texas - Floods closed schools.", g)
    assert (paris.country, paris.admin1) == ("USA", "Texas")
    assert find_dateline("NEW DELHI, Jan 5 (Reuters) - India said.", g).country == "IND"
    assert find_dateline("UPDATE 2-Iran says talks will go on", g) is None
    assert find_dateline("UNITED NATIONS (Reuters) - The council met.", g) is None
    assert find_dateline("The minister said - again - no.", g) is None
    (e,) = eventwire.code_text(
        "Talks stall\nBAGHDAD - Iraq recalled its ambassador to Turkey on Tuesday.", "2024-07-02"
    )
    assert e.place is None  # the sentence names no place for the recall
    assert e.mentions[0].filed_from.city == "Baghdad"
    assert e.to_dict()["mentions"][0]["filed_from"]["basis"] == "dateline"


def test_a_division_named_after_its_seat_town_has_the_towns_point():
    # a province the tables lack by this spelling: its namesake seat town in the same country
    duhok = _phrase_place("Jets bombed a depot in Iraq's Duhok province overnight.", "province")
    assert (duhok.country, duhok.precision) == ("IRQ", "admin1") and duhok.lat is not None
    # a district inside a named province: the seat town, also when the parser joins the names
    cukurca = _phrase_place(
        "Rebels shelled an outpost in Hakkari province's Cukurca district at dawn.", "district"
    )
    assert (cukurca.country, cukurca.precision) == ("TUR", "city")


def test_divisions_in_their_own_language_take_the_point_of_the_town_they_are_named_after():
    g = gazetteer()
    dubai = g.find_admin1("Dubayy")  # ISO 3166-2's name; no position in the tables
    assert dubai.country == "ARE" and 24.5 < dubai.lat < 25.5
    # letters NFKD keeps are spelled as English text spells them
    assert g.find_place("Lodz").city == "Łódź"
    assert g.find_place("Ganja", trusted=True).country == "AZE"


def test_a_two_word_town_the_parser_calls_a_person_is_a_town_after_a_preposition_of_place():
    # "Kiryat Shmona", "El Bolson" read as people or organisations by the small model
    p = _phrase_place("Militants fired rockets towards Qiryat Shmona on Sunday.", "Shmona")
    assert p is not None and p.country == "ISR"
    assert (
        _phrase_place("Fires destroyed homes near El Bolson last week.", "Bolson").country == "ARG"
    )


def test_a_name_before_a_division_word_is_the_division_however_it_is_parsed():
    # "Sagaing" in "the northwestern Sagaing region" may be parsed as an adjective of "region"
    p = _phrase_place(
        "An army airstrike on a village in the northwestern Sagaing region killed at least nine "
        "people, including two children, on Monday.",
        "region",
    )
    assert (p.country, p.precision, p.admin1) == ("MMR", "admin1", "Sagaing")


def test_every_landmark_lies_by_its_city_and_every_english_division_name_is_a_division():
    """The written tables are checked against GeoNames: a landmark's point within 40 km of a
    town of its city's name (in its country when it has one); a region of one country near a
    town of it; an English division name points at a row of admin1.tsv in its country."""
    import csv
    import math
    from importlib import resources

    from eventwire.citydb import CityTable
    from eventwire.gazetteer import norm

    def rows(name: str) -> list[dict[str, str]]:
        text = resources.files("eventwire.data").joinpath(name).read_text(encoding="utf-8")
        lines = [ln for ln in text.splitlines() if ln and not ln.startswith("#")]
        return list(csv.DictReader(lines, delimiter="\t"))

    def km(a: tuple[float, float], b: tuple[float, float]) -> float:
        p1, p2 = math.radians(a[0]), math.radians(b[0])
        h = math.sin((p2 - p1) / 2) ** 2
        h += math.cos(p1) * math.cos(p2) * math.sin(math.radians(b[1] - a[1]) / 2) ** 2
        return 2 * 6371 * math.asin(math.sqrt(h))

    table, far, names = CityTable(), [], set()
    landmarks = rows("landmarks.tsv")
    assert len(landmarks) > 400
    for r in landmarks:
        own = {(norm(n), r["city"]) for n in [r["name"], *r["aliases"].split("|")] if n}
        # one name may be a landmark in two cities ("Tahrir Square"), not two in one city
        assert not own & names, f"{r['name']} shares a name with another landmark"
        names |= own
        if r["city"] == r["name"]:
            continue  # a crossing or canal outside any town is its own "city"
        towns = [
            c for c in table.named(norm(r["city"])) if c.iso3 == r["country"] or not r["country"]
        ]
        point = (float(r["lat"]), float(r["lon"]))
        if not towns or min(km(point, (c.lat, c.lon)) for c in towns) > 40:
            far.append(r["name"])
    assert not far, far
    divisions = {(r["iso3"], r["name"]) for r in rows("admin1.tsv")}
    english = rows("admin1_english.tsv")
    assert len(english) > 500
    missing = [r for r in english if (r["iso3"], r["table_name"]) not in divisions]
    assert not missing, missing[:5]
    # a region inside one country has a town of that country within 300 km of its point
    outside = []
    for r in rows("regions.tsv"):
        if r["country"]:
            point = (float(r["lat"]), float(r["lon"]))
            towns = table._db().execute("SELECT lat, lon FROM city WHERE iso3 = ?", (r["country"],))
            if min((km(point, t) for t in towns), default=1e9) > 300:
                outside.append(r["name"])
    assert not outside, outside
    assert gazetteer().find_admin1("Rhineland-Palatinate").country == "DEU"
    assert gazetteer().find_admin1("Lower Shabelle").country == "SOM"


def test_a_place_name_inside_a_clubs_or_a_treatys_name_is_no_place():
    # the parser labels only the town of "Real Madrid" or "Newcastle United" a place
    assert _phrase_place("Sporting Lisbon beat Real Madrid in the final.", "Madrid") is None
    assert _phrase_place("Fans of Newcastle United protested outside the ground.", "United") is None
    # a direction word or a land word before the name is part of the place
    assert _phrase_place("Floods hit homes in northern Lisbon on Friday.", "Lisbon") is not None


def test_a_division_named_after_its_town_in_another_spelling_is_that_town():
    p = gazetteer().find_place("Khan Younis", trusted=True)
    assert (p.country, p.precision) == ("PSE", "city")
