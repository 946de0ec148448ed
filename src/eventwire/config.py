"""Settings with environment overrides. Nothing here is mutated at import time."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


@dataclass(frozen=True)
class Settings:
    db: str = "eventwire.duckdb"
    batch_size: int = 64

    @classmethod
    def from_env(cls) -> Settings:
        return cls(
            db=os.environ.get("EVENTWIRE_DB", cls.db),
            batch_size=int(os.environ.get("EVENTWIRE_BATCH", cls.batch_size)),
        )


def samples_dir() -> Path:
    """The sample articles: EVENTWIRE_SAMPLES, else the repository's samples/ folder."""
    return Path(os.environ.get("EVENTWIRE_SAMPLES", SAMPLES))
