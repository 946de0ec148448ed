from eventwire import ontology


def test_cameo_table_is_complete():
    table = ontology.cameo_table()
    roots = [c for c in table if len(c) == 2]
    assert sorted(roots) == [f"{i:02d}" for i in range(1, 21)]
    codes = [c for c in table if len(c) > 2]
    assert len(codes) >= 290
    for code in codes:
        c = table[code]
        assert c.name
        assert -10.0 <= c.goldstein <= 10.0
        assert c.quad_class == (
            1
            if int(code[:2]) <= 5
            else 2
            if int(code[:2]) <= 8
            else 3
            if int(code[:2]) <= 13
            else 4
        )


def test_every_code_from_02_up_has_a_plover_type():
    for code in ontology.cameo_table():
        if len(code) > 2 and not code.startswith("01"):
            ptype, _ = ontology.plover_for(code)
            assert ptype in ontology.plover_types(), code


def test_crosswalk_follows_the_2021_table():
    assert ontology.action("163").plover_type == "COERCE"  # sanctions are COERCE in PLOVER 0.8
    assert ontology.action("1712").plover_type == "ASSAULT"
    assert ontology.action("114").plover_type == "ACCUSE"
    assert ontology.action("1831").plover_mode == "suicide-attack"
    assert ontology.action("195").plover_mode == "aerial"


def test_sixteen_plover_types():
    assert len(ontology.plover_types()) == 16
