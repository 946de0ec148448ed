"""The PLOVER gold-record scorer's arithmetic, on hand-made records and a fake coder."""

from __future__ import annotations

import json

from eventwire.evaluate_gsr import GoldSentence, is_gsr, load_gsr, report_gsr, score_gsr


def ev(src, ptype, tgt, sector=None):
    return {
        "source": {"country": src, "sector": sector, "code": src or "-"},
        "target": {"country": tgt, "code": tgt} if tgt else None,
        "cameo": {"code": "000", "root": "00"},
        "plover": {"type": ptype},
    }


GOLD = [
    GoldSentence("g1", "s1", "ASSAULT", [{"code": "AAA"}], [{"code": "BBB"}]),
    GoldSentence("g2", "s2", "AGREE", [{"code": "JAP"}], []),  # old CAMEO code for Japan
    GoldSentence("g3", "s3", "ACCUSE", [{"code": "IGO"}], [{"code": "CCC", "sector": "GOV"}]),
    GoldSentence("g4", "s4", "PROTEST", [{"code": "DDD"}], []),
]
EMITTED = {
    "s1": [ev("AAA", "ASSAULT", "BBB"), ev("AAA", "THREATEN", "BBB")],  # TP + FP
    "s2": [ev("JPN", "AGREE", None)],  # TP, actors right (JAP = JPN)
    "s3": [ev(None, "ACCUSE", "CCC", sector="IGO")],  # TP, but target sector missing
    "s4": [],  # FN
}


def test_micro_scores_and_actor_agreement():
    s = score_gsr(GOLD, lambda text: EMITTED[text])
    assert (s.sentences, s.emitted, s.tp) == (4, 4, 3)
    assert s.precision() == 0.75 and s.recall() == 0.75
    assert abs(s.f1() - 0.75) < 1e-9
    # strict: g1 and g2 have source and target right; g3's target states GOV and got none
    assert s.full_recall() == 0.5
    assert s.lenient_full_recall() == 0.75
    per = s.per_type()
    assert (
        per["ASSAULT"] == (1, 0, 0) and per["THREATEN"] == (0, 1, 0) and per["PROTEST"] == (0, 0, 1)
    )
    conf = s.confusion()
    assert conf[("PROTEST", "(nothing)")] == 1 and conf[("ASSAULT", "ASSAULT")] == 1
    text = report_gsr("test", s)
    assert "F1 0.750" in text and "**g4** (type not found)" in text


def test_wrong_target_is_not_full_recall():
    gold = [GoldSentence("g", "t", "ASSAULT", [{"code": "AAA"}], [{"code": "BBB"}])]
    s = score_gsr(gold, lambda text: [ev("AAA", "ASSAULT", "CCC")])
    assert s.tp == 1 and s.full_recall() == 0.0


def test_strict_actor_rules():
    def full(gold, emitted):
        return score_gsr([gold], lambda text: emitted).full_recall()

    accuse = GoldSentence("g", "t", "ACCUSE", [{"code": "IGO"}], [{"code": "CCC"}])
    assert full(accuse, [ev(None, "ACCUSE", "CCC", sector="IGO")]) == 1.0
    assert full(accuse, [ev(None, "ACCUSE", "CCC", sector="NGO")]) == 0.0  # IGO is not NGO
    no_target = GoldSentence("g", "t", "PROTEST", [{"code": "DDD"}], [])
    assert full(no_target, [ev("DDD", "PROTEST", None)]) == 1.0
    assert full(no_target, [ev("DDD", "PROTEST", "EEE")]) == 0.0  # a target the gold lacks
    sector = GoldSentence("g", "t", "ASSAULT", [{"code": "AAA", "sector": "MIL"}], [{"code": "BBB"}])
    assert full(sector, [ev("AAA", "ASSAULT", "BBB", sector="MIL")]) == 1.0
    assert full(sector, [ev("AAA", "ASSAULT", "BBB", sector="GOV")]) == 0.0
    both = [{"code": "AAA"}, {"code": "BBB"}]
    pact = GoldSentence("g", "t", "AGREE", both, [], symmetric=True)  # SRC/TAR in the markup
    assert full(pact, [ev("AAA", "AGREE", "BBB")]) == 1.0
    assert full(pact, [ev("AAA", "AGREE", "CCC")]) == 0.0


def test_loading_and_format_detection(tmp_path):
    f = tmp_path / "g.jsonl"
    f.write_text(
        json.dumps(
            {
                "id": "x",
                "text": "Chad and Niger signed a pact.",
                "plover": "AGREE",
                "source": [{"actorText": "Chad", "code": "TCD"}],
                "target": "",
            }
        )
        + "\n",
        encoding="utf-8",
    )
    assert is_gsr(f)
    g = load_gsr(f)
    assert g[0].target == [] and g[0].source[0]["code"] == "TCD"
    seed = tmp_path / "a.expected.jsonl"
    seed.write_text(
        json.dumps({"id": "s", "required": True, "action": {}}) + "\n", encoding="utf-8"
    )
    assert not is_gsr(seed)
