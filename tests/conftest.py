from __future__ import annotations

import datetime as dt
import json
import os
import tempfile
from pathlib import Path

import pytest

# the checked-dictionary cache of this test run: never the user's own
os.environ.setdefault("EVENTWIRE_CACHE", tempfile.mkdtemp(prefix="eventwire-cache-"))

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
SEED = SAMPLES / "000_997dbe4fa5850688"


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.with_suffix(".txt").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_published() -> dt.date:
    meta = json.loads(SEED.with_suffix(".meta.json").read_text(encoding="utf-8"))
    return dt.date.fromisoformat(meta["published"])


@pytest.fixture(scope="session")
def seed_records(seed_text: str, seed_published: dt.date) -> list[dict]:
    import eventwire

    return [e.to_dict() for e in eventwire.code_text(seed_text, seed_published)]
