"""All shipped sample articles against their hand-coded gold (a regression floor, not a target:
`eventwire evaluate samples` prints the current figures)."""

from __future__ import annotations

from conftest import SAMPLES

from eventwire.evaluate import load_seed_gold, score_article
from eventwire.pipeline import events_of, make_article


def test_samples_floor():
    files = sorted(SAMPLES.glob("*.expected.jsonl"))
    assert len(files) >= 9
    required = matched = extras = 0
    for f in files:
        g = load_seed_gold(f)
        article = make_article(g.text_path.read_text(encoding="utf-8"), g.published)
        s = score_article(f.name, [e.to_dict() for e in events_of(article)], g.gold)
        required += s.required
        matched += s.required_matched
        extras += len(s.extras)
    assert matched / required >= 0.9
    assert extras <= len(files)
