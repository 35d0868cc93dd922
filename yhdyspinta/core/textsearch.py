"""One text search for the service finder, site search and the API's `q` (docs/search.md).

Pure Python (no Django). Every word is reduced to comparable *terms*, folded (ä→a, ö→o, å→a):
- Finnish: Voikko lemmas ("Nokialla" → nokia, "ikäihmisten" → ikaihminen) and the parts of compounds
  ("kouluterveydenhoitajalle" → koulu, terveys, hoitaja); without Voikko, Snowball Finnish (logged);
- Swedish and English: Snowball stems.
A query word none of whose terms occurs in the searched texts is corrected: first by folding
("tyollisyys" → "työllisyys"), then by RapidFuzz over the vocabulary of those texts (edit distance
1 for words of 5–7 letters, 2 from 8 on). Synonyms come from `data/search_synonyms.tsv` and the lists
added with `add_synonym_source` (the catalogue's editors' list); generic words ("palvelut",
"tjänster", "services") never rank a record alone. A place
name in the query (Voikko's place names, matched to the caller's list) is taken out of the query
and returned, so the finder can select that municipality.
"""

import logging
import re
import threading
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import snowballstemmer
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

log = logging.getLogger(__name__)

SYNONYM_FILE = Path(__file__).parent / "data" / "search_synonyms.tsv"
_FOLD = str.maketrans({"ä": "a", "ö": "o", "å": "a", "é": "e", "ü": "u"})
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*", re.UNICODE)

# Words a question is made of, not what it asks for.
STOP_WORDS = {
    "mihin", "mista", "mita", "missa", "kun", "kuka", "keta", "kenelle", "kenen", "otan", "otetaan", "ota",
    "yhteytta", "tarvitsen", "tarvitaan", "haluan", "tarvitsee", "tarvitsemme", "mina", "minun", "meidan",
    "on", "ja", "tai", "seka", "jos", "etta", "apua", "apu", "tietoa", "haen", "hakea", "saan", "voin",
    "var", "vart", "vem", "nar", "och", "eller", "jag", "behover", "kontakt", "kontakta", "hjalp", "till",
    "for", "om", "av", "med", "min", "mitt", "i", "pa",
    "where", "who", "what", "when", "whom", "need", "needs", "how", "do", "my", "the", "a", "an", "and",
    "or", "to", "of", "contact", "get", "help", "in", "with", "is", "can", "about", "find",
}
# Generic words: they count only when the query has nothing else.
GENERIC_WORDS = ("palvelu", "palvelut", "palveluja", "tjänst", "tjänster", "service", "services")

LANGUAGES = ("fi", "sv", "en")


def fold(text: str) -> str:
    return (text or "").lower().translate(_FOLD)


def words(text: str) -> list[str]:
    """The words of a text, lower case; hyphenated compounds are split ("TE-toimisto" → te, toimisto)."""
    out = []
    for token in _WORD.findall((text or "").lower()):
        out.extend(part for part in token.split("-") if part)
    return out


# ---- morphology ------------------------------------------------------------------------------
_voikko_lock = threading.Lock()
_voikko_state: dict = {}
_snowball = {lang: snowballstemmer.stemmer(name) for lang, name in
             (("fi", "finnish"), ("sv", "swedish"), ("en", "english"))}


def voikko():
    """The shared Voikko analyser, or None (warned once) when libvoikko or voikko-fi is missing."""
    if "instance" not in _voikko_state:
        try:
            import libvoikko

            _voikko_state["instance"] = libvoikko.Voikko("fi")
        except Exception as exc:  # noqa: BLE001 - any failure means: no Voikko on this machine
            log.warning("Voikko is not available (%s): Finnish search falls back to Snowball stems. "
                        "Install the Debian packages libvoikko1 and voikko-fi.", exc)
            _voikko_state["instance"] = None
    return _voikko_state["instance"]


def _analyze(word: str) -> list[dict]:
    v = voikko()
    if v is None:
        return []
    with _voikko_lock:
        return v.analyze(word)


def _compound_parts(analysis: dict) -> list[str]:
    """Lemmas of a compound's parts from Voikko's WORDBASES (derivations joined to their stem)."""
    pieces = re.findall(r"\+([^+(]*)\(([^)]*)\)", analysis.get("WORDBASES", ""))
    segments: list[str] = []
    for surface, base in pieces:
        if base.startswith("+") and segments:
            segments[-1] += surface
        else:
            segments.append(surface.replace("=", ""))
    if len(segments) < 2:
        return []
    baseform = analysis.get("BASEFORM", "").lower()
    prefix = "".join(segments[:-1]).lower()
    if baseform.startswith(prefix) and len(baseform) > len(prefix):
        segments[-1] = baseform[len(prefix):]
    parts = []
    for segment in segments:
        lemmas = [a.get("BASEFORM", "") for a in _analyze(segment) if a.get("CLASS") != "paikannimi"]
        parts.append(fold(lemmas[0] if lemmas else segment))
    return [p for p in parts if len(p) >= 3]


@dataclass(frozen=True)
class Terms:
    lemmas: frozenset
    parts: frozenset = frozenset()
    places: frozenset = frozenset()
    known: bool = True  # Voikko recognised the word (Finnish only)
    heads: frozenset = frozenset()  # the compound's last part (its head: "hoitaja" of "kouluterveydenhoitaja")


@lru_cache(maxsize=100_000)
def analyse(word: str, lang: str) -> Terms:
    """Terms of one lower-case word in `lang` (fi: Voikko or Snowball; sv/en: Snowball), folded."""
    if lang != "fi":
        return Terms(frozenset({fold(_snowball[lang].stemWord(word)), fold(word)}))
    analyses = _analyze(word)
    if not analyses:
        stem = fold(_snowball["fi"].stemWord(word))
        return Terms(frozenset({stem, fold(word)}), known=voikko() is None)
    lemmas, parts, places, heads = set(), set(), set(), set()
    for a in analyses:
        lemma = fold(a.get("BASEFORM", word))
        if a.get("CLASS") == "paikannimi":
            places.add(lemma)
        lemmas.add(lemma)
        compound = _compound_parts(a)
        parts.update(compound)
        if compound:
            heads.add(compound[-1])
    return Terms(frozenset(lemmas), frozenset(parts - lemmas), frozenset(places), heads=frozenset(heads - lemmas))


@lru_cache(maxsize=100_000)
def query_analysis(word: str) -> Terms:
    """A query word in any of the three languages: the union of its analyses."""
    fi, sv, en = (analyse(word, lang) for lang in LANGUAGES)
    return Terms(fi.lemmas | sv.lemmas | en.lemmas, fi.parts, fi.places, fi.known, fi.heads)


@lru_cache(maxsize=1)
def generic_terms() -> frozenset:
    out = set()
    for word in GENERIC_WORDS:
        out |= query_analysis(word).lemmas
    return frozenset(out)


# ---- synonyms --------------------------------------------------------------------------------
@dataclass(frozen=True)
class Synonym:
    lang: str
    phrase: tuple  # the words as typed
    expansion: str


@lru_cache(maxsize=1)
def shipped_synonyms() -> tuple:
    """(language, phrase, expansion) rows of the shipped list, the default every search starts from."""
    out = []
    for line in SYNONYM_FILE.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        lang, phrase, expansion = (cell.strip() for cell in line.split("\t")[:3])
        out.append((lang, phrase, expansion))
    return tuple(out)


# Lists kept elsewhere (the catalogue's editors' synonyms): (token, rows) pairs of callables; `token()`
# is cheap and changes whenever `rows()` would, and `refresh_synonyms()` reloads the rows then.
_sources: list = []
_stored = {"token": None, "rows": ()}
_stored_lock = threading.Lock()


def add_synonym_source(token, rows) -> None:
    """Another list of (language, phrase, expansion) rows on top of the shipped one; a phrase of the same
    language replaces the shipped phrase's expansion."""
    with _stored_lock:
        if (token, rows) not in _sources:
            _sources.append((token, rows))
        _stored["token"] = None


def refresh_synonyms() -> None:
    """Reload the other lists if they changed (the callers that may read a database call this once per search)."""
    if not _sources:
        return
    token = tuple(t() for t, _rows in _sources)
    if token == _stored["token"]:
        return
    rows = tuple(row for _token, read in _sources for row in read())
    with _stored_lock:
        _stored.update(token=token, rows=rows)
        synonyms.cache_clear()
        _vocabulary_cached.cache_clear()


def forget_stored_synonyms() -> None:
    """Back to the shipped list until the next `refresh_synonyms()` (tests that roll the database back)."""
    with _stored_lock:
        _stored.update(token=None, rows=())
        synonyms.cache_clear()
        _vocabulary_cached.cache_clear()


def _phrase_key(lang: str, phrase: str) -> tuple:
    return lang, " ".join(fold(w) for w in words(phrase))


@lru_cache(maxsize=1)
def synonyms() -> tuple:
    stored = _stored["rows"]
    replaced = {_phrase_key(lang, phrase) for lang, phrase, _exp in stored}
    rows = [row for row in shipped_synonyms() if _phrase_key(row[0], row[1]) not in replaced] + list(stored)
    return tuple(Synonym(lang, tuple(w for w in words(phrase) if fold(w) not in STOP_WORDS), expansion)
                 for lang, phrase, expansion in rows)


def _same_word(query_word: str, phrase_word: str) -> bool:
    if fold(query_word) == fold(phrase_word):
        return True
    q, p = query_analysis(query_word), query_analysis(phrase_word)
    return bool(q.lemmas & p.lemmas)


# ---- queries ---------------------------------------------------------------------------------
@dataclass
class Unit:
    """One thing the query asks for: a word, or a synonym phrase replaced by its expansion."""
    text: str
    alternatives: list = field(default_factory=list)  # (Terms, factor)
    generic: bool = False
    # The words of a synonym's expansion, (Terms, factor): a record scores its best match among them
    # times (0.5 + 0.5 × the share of them it matches), so "doctor" → "health centre" prefers "Health
    # centre" to "Child health clinic".
    expansion: list = field(default_factory=list)


@dataclass
class Query:
    units: list
    place: str | None = None  # the place name found in the query (folded lemma), if any
    place_word: str = ""
    prefixed: dict | None = None  # set by a caller with a term index: prefix → the indexed terms starting with it


def parse(query: str, places=(), vocabulary: dict | None = None, vocab_terms=None) -> Query:
    """Splits a query into units; `places` are place names to recognise (e.g. municipalities).

    `vocabulary` (folded word → word) is used to correct words that match nothing searched;
    `vocab_terms` are its terms when the caller keeps them (else computed from it).
    """
    raw = [w for w in words(query) if fold(w) not in STOP_WORDS and len(w) >= 2][:12]
    kept, place, place_word = _take_place(raw, {fold(p) for p in places})
    generic = generic_terms()
    units, used = _synonym_units(kept, generic)
    if vocab_terms is None:
        vocab_terms = _vocabulary_terms(vocabulary) if vocabulary else None
    for j, w in enumerate(kept):
        if used[j]:
            continue
        terms = query_analysis(w)
        unit = Unit(w, [(terms, 1.0)], generic=bool(terms.lemmas & generic))
        unit.expansion = _part_synonyms(terms, generic)
        if vocabulary is not None and not _known_in(terms, vocab_terms):
            corrected = correct(w, vocabulary)
            if corrected:
                fixed, factor = corrected
                unit.alternatives.append((query_analysis(fixed), factor))
        units.append(unit)
    return Query(units, place, place_word)


def _take_place(raw: list[str], folded_places: set) -> tuple[list[str], str | None, str]:
    """The query words without the first place name (Voikko's lemma or the word itself) and that place."""
    for i, w in enumerate(raw):
        if not folded_places:
            break
        terms = analyse(w, "fi")
        hit = next((p for p in sorted(terms.places | {fold(w)}) if p in folded_places), None)
        if hit:
            return raw[:i] + raw[i + 1:], hit, w
    return raw, None, ""


def _synonym_units(kept: list[str], generic) -> tuple[list[Unit], list[bool]]:
    """Units of the synonym phrases found in the query (longest first) and which words they used."""
    units: list[Unit] = []
    used = [False] * len(kept)
    for syn in sorted(_possible_synonyms(kept), key=lambda s: -len(s.phrase)):
        if not syn.phrase:
            continue
        idx: list[int] = []
        for pw in syn.phrase:
            j = next((j for j, w in enumerate(kept) if not used[j] and j not in idx and _same_word(w, pw)), None)
            if j is None:
                break
            idx.append(j)
        if len(idx) < len(syn.phrase):
            continue
        for j in idx:
            used[j] = True
        unit = Unit(" ".join(kept[j] for j in sorted(idx)))
        unit.expansion = _expansion(syn, generic, 0.9)
        if len(idx) == 1:  # the word itself still counts; a phrase's words alone do not ("health")
            unit.alternatives.append((query_analysis(kept[idx[0]]), 1.0))
        units.append(unit)
    return units, used


_synonym_index: dict = {}


def _word_keys(word: str) -> set:
    """What `_same_word` compares: the folded word and its lemmas."""
    return {fold(word)} | query_analysis(word).lemmas


def _possible_synonyms(kept: list[str]) -> list:
    """The synonyms (in their order) having a phrase word that may be the same word as one of `kept`:
    the only ones whose phrase can match, found by key instead of comparing every synonym."""
    syns = synonyms()
    cached = _synonym_index.get("pair")
    if cached is not None and cached[0] is syns:
        index = cached[1]
    else:
        index = {}
        for n, syn in enumerate(syns):
            for phrase_word in syn.phrase:
                for key in _word_keys(phrase_word):
                    index.setdefault(key, set()).add(n)
        _synonym_index["pair"] = (syns, index)
    found: set = set()
    for word in kept:
        for key in _word_keys(word):
            found |= index.get(key, set())
    return [syns[n] for n in sorted(found)]


def _expansion(syn: Synonym, generic, factor: float) -> list:
    """(Terms, factor) of the synonym's expansion words; generic ones left out ("ikäihmisten palvelut"
    must not find "ICT-palvelut")."""
    return [(terms, factor) for terms in (query_analysis(w) for w in words(syn.expansion))
            if not terms.lemmas & generic]


def _part_synonyms(terms: Terms, generic) -> list:
    """The expansions of one-word synonyms that are a part of the query word's compound, at 0.9 × 0.8:
    "alkoholiongelma" has "alkoholi" → päihdepalvelut; or its end of several parts (a Finnish compound
    ending with the synonym's compound: "kouluterveydenhoitaja" ends with "terveydenhoitaja" →
    kouluterveydenhuolto). Only for a word no synonym phrase took as a whole ("koululääkäri" is its
    own synonym; its part "lääkäri" then adds nothing)."""
    out: list = []
    for part in sorted(terms.parts - generic):
        for syn in _possible_synonyms([part]):
            if len(syn.phrase) == 1 and _same_word(part, syn.phrase[0]):
                out.extend(e for e in _expansion(syn, generic, 0.9 * 0.8) if e not in out)
    if terms.heads:
        for syn in _compound_tail_synonyms(terms):
            out.extend(e for e in _expansion(syn, generic, 0.9 * 0.8) if e not in out)
    return out


def _compound_tail_synonyms(terms: Terms) -> list:
    """Finnish one-word synonym phrases that are compounds themselves (≥ 2 parts) and end a longer
    compound of the query word: its lemma ends with the phrase's lemma and the phrase's head is the word's."""
    syns = synonyms()
    cached = _synonym_index.get("tails")
    if cached is not None and cached[0] is syns:
        tails = cached[1]
    else:
        tails = []
        for syn in syns:
            if syn.lang == "fi" and len(syn.phrase) == 1:
                t = query_analysis(syn.phrase[0].lower())
                if t.heads:
                    tails.append((syn, t.lemmas, t.heads))
        _synonym_index["tails"] = (syns, tails)
    return [syn for syn, lemmas, heads in tails
            if not heads.isdisjoint(terms.heads)
            and any(w.endswith(p) and len(w) > len(p) for w in terms.lemmas for p in lemmas)]


def _vocabulary_terms(vocabulary: dict) -> frozenset:
    out = set()
    for word in vocabulary.values():
        t = query_analysis(word)
        out |= t.lemmas | t.parts
    return frozenset(out)


def _known_in(terms: Terms, vocab_terms) -> bool:
    return bool((terms.lemmas | terms.parts) & vocab_terms)


def max_distance(word: str) -> int:
    n = len(word)
    return 0 if n <= 4 else 1 if n <= 7 else 2


def correct(word: str, vocabulary: dict) -> tuple[str, float] | None:
    """The vocabulary word meant: same letters without ä/ö/å (factor 1.0) or the nearest by edits (0.85)."""
    folded = fold(word)
    if folded in vocabulary and vocabulary[folded] != word:
        return vocabulary[folded], 1.0
    limit = max_distance(folded)
    if not limit:
        return None
    hit = process.extractOne(folded, list(vocabulary), scorer=Levenshtein.distance, score_cutoff=limit)
    if hit is None:
        return None
    return vocabulary[hit[0]], 0.85


@lru_cache(maxsize=32)
def _vocabulary_cached(texts: tuple) -> dict:
    """The same texts (a municipality's services) give the same vocabulary: built once, not per query."""
    return vocabulary_of(texts)


def vocabulary_of(texts) -> dict:
    """Folded word → word for every word of `texts`, their lemmas and compound parts, and synonym phrases."""
    vocab = text_vocabulary(text_analysis(text) for text in texts)
    add_synonym_words(vocab)
    return vocab


def text_vocabulary(analyses, vocab: dict | None = None) -> dict:
    """`vocabulary_of` without the synonyms, from stored `text_analysis` triples (in the texts' order)."""
    vocab = {} if vocab is None else vocab
    for text_words, lemmas, parts in analyses:
        for w in text_words:
            vocab.setdefault(fold(w), w)
        for term in lemmas:
            if len(term) >= 3:
                vocab.setdefault(term, term)
        for term in parts:
            if len(term) >= 3:
                vocab.setdefault(term, term)
    return vocab


def add_synonym_words(vocab: dict) -> dict:
    for syn in synonyms():
        for w in syn.phrase:
            vocab.setdefault(fold(w), w.lower())
    return vocab


def vocabulary_terms(vocab: dict) -> frozenset:
    """The terms of a vocabulary's words: a query word sharing none of them is corrected."""
    return _vocabulary_terms(vocab)


def text_analysis(text: str) -> tuple[tuple, frozenset, frozenset]:
    """(words of ≥ 3 letters in order, lemmas, compound parts) of a text: what a stored search index keeps
    so that ranking and the vocabulary need no analysis of the record's texts at query time."""
    lemmas, parts = text_terms(text)
    return tuple(dict.fromkeys(w for w in words(text) if len(w) >= 3)), lemmas, parts


def analyser_key() -> str:
    """Names the analysis stored indexes were made with; an index made with another is recomputed."""
    return f"{INDEX_FORMAT}:{'voikko' if voikko() is not None else 'snowball'}"


INDEX_FORMAT = "terms1"


# ---- relevance -------------------------------------------------------------------------------
@lru_cache(maxsize=20_000)
def text_terms(text: str) -> tuple[frozenset, frozenset]:
    """(lemmas, compound parts) of a text in any of the three languages, folded."""
    lemmas, parts = set(), set()
    for w in words(text):
        t = query_analysis(w)
        lemmas |= t.lemmas
        parts |= t.parts
    return frozenset(lemmas), frozenset(parts - lemmas)


@lru_cache(maxsize=100_000)
def _sides(terms: Terms, generic: frozenset) -> tuple:
    """(specific lemmas, specific compound parts, lemmas long enough to match as a prefix) of a query word."""
    specific = terms.lemmas - generic
    return specific, terms.parts - generic, tuple(q for q in specific if len(q) >= 5)


def _match(terms: Terms, doc_lemmas, doc_parts, generic, prefixed: dict | None = None) -> float:
    """How well one query word's terms match a field's; `prefixed` (a prefix → every term of the searched
    records starting with it) spares scanning the field's terms for the prefix match."""
    if not terms.lemmas.isdisjoint(doc_lemmas):
        return 1.0
    specific, qparts, prefixes = _sides(terms, generic)
    if not specific.isdisjoint(doc_parts):
        return 0.8  # "terveys" in "kouluterveydenhuolto"
    if qparts:  # (no generic term among them)
        score = 0.0
        whole = qparts & doc_lemmas
        if whole:  # the head: "koulukuraattori" finds "kuraattori"; a modifier only half ("terveys" of
            # "kouluterveydenhoito" is not what "Hyvinvoinnin ja terveyden edistäminen" is about)
            score = 0.7 if not terms.heads or not whole.isdisjoint(terms.heads) else 0.35
        shared = qparts & doc_parts
        if shared:
            score = max(score, 0.6 * len(shared) / len(qparts))
        if score:
            return score
    for q in prefixes:
        hits = prefixed.get(q) if prefixed is not None else None
        if hits is not None:
            if not hits.isdisjoint(doc_lemmas) or not hits.isdisjoint(doc_parts):
                return 0.6
        elif any(d.startswith(q) for d in doc_lemmas) or any(d.startswith(q) for d in doc_parts):
            return 0.6
    return 0.0


def relevance(query: Query, fields: list[tuple[str, float]]) -> float:
    """Relevance of a record whose `fields` are (text, weight) pairs; 0 when nothing specific matches."""
    return relevance_of_terms(query, [(text_terms(text), weight) for text, weight in fields if text])


def relevance_of_terms(query: Query, indexed: list) -> float:
    """`relevance` from the fields' stored terms: ((lemmas, parts), weight) pairs."""
    if not query.units:
        return 0.0
    generic = generic_terms()
    prefixed = query.prefixed
    only_generic = all(u.generic for u in query.units)
    total, matched, counted = 0.0, 0, 0
    for unit in query.units:
        best = 0.0
        for terms, factor in unit.alternatives:
            for (doc_lemmas, doc_parts), weight in indexed:
                best = max(best, _match(terms, doc_lemmas, doc_parts, generic, prefixed) * factor * weight)
        if unit.expansion:
            scores = [max((_match(terms, doc_lemmas, doc_parts, generic, prefixed) * factor * weight
                           for (doc_lemmas, doc_parts), weight in indexed), default=0.0)
                      for terms, factor in unit.expansion]
            share = sum(1 for score in scores if score) / len(scores)
            best = max(best, max(scores) * (0.5 + 0.5 * share))
        if unit.generic and not only_generic:
            total += 0.1 * best
            continue
        counted += 1
        if best:
            matched += 1
        total += best
    if not matched:
        return 0.0
    return round(total * matched / counted, 4)


def rank(query: Query, items, fields_of, cutoff: float = 0.4) -> list:
    """Items with relevance > 0 and at least `cutoff` × the best score, best first (ties keep order)."""
    terms, prefixes = query_terms(query)
    keyed = ((item, [(text_terms(text), weight) for text, weight in fields_of(item) if text]) for item in items)
    return rank_terms(query, [(item, indexed) for item, indexed in keyed if _may_match(indexed, terms, prefixes)],
                      cutoff)


def _may_match(indexed: list, terms: set, prefixes: set) -> bool:
    """False when no field shares a term with the query or has one starting with its prefixes: the
    record's relevance is 0 (`_match`), so it is not scored."""
    for (lemmas, parts), _weight in indexed:
        if not terms.isdisjoint(lemmas) or not terms.isdisjoint(parts):
            return True
    return bool(prefixes) and any(term.startswith(prefix) for (lemmas, parts), _weight in indexed
                                  for term in (*lemmas, *parts) for prefix in prefixes)


def rank_terms(query: Query, keyed, cutoff: float = 0.4) -> list:
    """`rank` over (item, stored terms of its fields) pairs (`relevance_of_terms`), in the items' order."""
    scored = [(relevance_of_terms(query, indexed), i, item) for i, (item, indexed) in enumerate(keyed)]
    best = max((score for score, _i, _item in scored), default=0)
    return [item for score, _i, item in sorted(scored, key=lambda t: (-t[0], t[1]))
            if score > 0 and score >= cutoff * best]


def query_terms(query: Query) -> tuple[set, set]:
    """(terms, prefixes): a record can match the query only if it has one of `terms` as a lemma or
    compound part, or a lemma or part starting with one of `prefixes` (the ≥ 5-letter specific lemmas):
    the candidates to rank, everything else scores 0."""
    generic = generic_terms()
    terms, prefixes = set(), set()
    for unit in query.units:
        for t, _factor in unit.alternatives + unit.expansion:
            terms |= t.lemmas | t.parts
            prefixes |= {q for q in t.lemmas - generic if len(q) >= 5}
    return terms, prefixes


def search(text: str, items, fields_of, places=(), cutoff: float = 0.4) -> tuple[list, Query]:
    """Parses `text` against the vocabulary of the items' fields and ranks them: (ranked, query)."""
    vocab = _vocabulary_cached(tuple(t for item in items for t, _w in fields_of(item)))
    query = parse(text, places=places, vocabulary=vocab)
    return rank(query, items, fields_of, cutoff), query


# ---- database search (site search, list filters, API `q`) ------------------------------------
def db_variants(word: str) -> set[str]:
    """Substrings to look for in the database for one query word (any of them may match).

    The word, its lemma and its stem (the common start of word and lemma: "ikäihmisten" → "ikäihmi"),
    and when Voikko does not know the word its first spelling suggestion ("lastensuojelo").
    """
    w = word.lower()
    out = {w}
    analyses = _analyze(w)
    for a in analyses:
        lemma = a.get("BASEFORM", "").lower()
        if lemma:
            out.add(lemma)
            common = _common_prefix(w, lemma)
            if len(common) >= 4:
                out.add(common)
    if not analyses:
        stem = _snowball["fi"].stemWord(w)
        if len(stem) >= 4:
            out.add(stem)
        v = voikko()
        if v is not None and len(w) >= 5:
            with _voikko_lock:
                suggestions = v.suggest(w)
            if suggestions:
                out.add(suggestions[0].lower())
    # a longer variant is redundant when a shorter one inside it is present
    return {v for v in out if not any(o != v and o in v for o in out)}


def _common_prefix(a: str, b: str) -> str:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return a[:n]


def db_query_words(query: str) -> list[tuple[str, set[str]]]:
    """(words, substrings) per thing the query asks for, for a database filter (every one must match).

    A synonym phrase ("TE-toimisto", "mental health") is one item whose substrings are its expansion's
    words (generic words left out) and, for a one-word phrase, the word's own forms.
    """
    kept = [w for w in words(query) if fold(w) not in STOP_WORDS][:8]
    generic = generic_terms()
    units, used = _synonym_units(kept, generic)
    out = []
    for unit in units:
        variants: set[str] = set()
        for w in [*_expansion_words(unit.text, generic), *([unit.text] if " " not in unit.text else [])]:
            variants |= db_variants(w)
        if " " in unit.text:
            variants.add(unit.text.lower())  # the phrase as typed ("mental health" in an English name)
        out.append((unit.text, variants))
    out.extend((w, db_variants(w)) for j, w in enumerate(kept) if not used[j])
    return out


def _expansion_words(phrase_text: str, generic) -> list[str]:
    """The non-generic words of the expansions of the synonym phrase matched by `phrase_text`."""
    typed = phrase_text.split()
    out = []
    for syn in synonyms():
        if len(syn.phrase) == len(typed) and all(any(_same_word(t, p) for t in typed) for p in syn.phrase):
            out.extend(w for w in words(syn.expansion) if not query_analysis(w).lemmas & generic)
    return out
