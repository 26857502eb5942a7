"""Name comparison: is one string a spelling variant of another name, or a different name?

Names are folded (accents dropped: Guaidó = Guaido, Østby = Ostby) and transliterated to a loose key
(kh/ch -> h, sch/zh -> sh, w -> v, y -> i, doubled letters single: Baimukhanov = Baimuchanow,
Dosmukhamedov = Dosmukhammedov). "j" is Spanish "kh" in one tradition and German "y" in another,
so a name carries both keys (Zajarova = Zakharova, Jerlan = Yerlan). Typos fall to rapidfuzz.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from rapidfuzz.distance import Levenshtein
from rapidfuzz.fuzz import ratio

SUFFIXES = {"jr", "sr", "ii", "iii", "iv", "junior", "senior"}
HONORIFICS = {"the", "mr", "mrs", "ms", "dr", "sir", "madam", "mme", "herr", "frau"}
SPECIAL_LETTERS = str.maketrans({"ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "œ": "oe", "ß": "ss", "ł": "l",
                                 "Ł": "L", "đ": "d", "Đ": "D", "ı": "i", "þ": "th"})
_RULES = [(re.compile(p), r) for p, r in
          [(r"sch", "sh"), (r"zh", "sh"), (r"kh|ch", "h"), (r"w", "v"), (r"ph", "f"), (r"ks", "x"),
           (r"y", "i"), (r"(.)\1+", r"\1")]]
SURNAME_MIN_RATIO = 85  # Antomov/Antonov 85.7; distinct short names stay below
GIVEN_MIN_RATIO = 80


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lowercase ASCII letters and digits, accents dropped; other characters become spaces."""
    text = unicodedata.normalize("NFKD", text.translate(SPECIAL_LETTERS))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"['’]s\b", "", text)
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


@lru_cache(maxsize=65536)
def keys(token: str) -> frozenset[str]:
    """Transliteration keys of one folded token (two when it holds a 'j')."""
    variants = {token.replace("j", "h"), token.replace("j", "y")}
    out = set()
    for variant in variants:
        for pattern, repl in _RULES:
            variant = pattern.sub(repl, variant)
        out.add(variant)
    return frozenset(out)


@lru_cache(maxsize=65536)
def parts(name: str) -> tuple[tuple[str, ...], frozenset[str], tuple[str, ...]]:
    """(name words, generational suffixes, designation codes like 'il62m' from 'IL-62M')."""
    words = [w for w in _designation_joined(fold(name)).split() if w not in HONORIFICS]
    suffixes = frozenset(w for w in words if w in SUFFIXES)
    codes = tuple(w for w in words if any(c.isdigit() for c in w))
    plain = tuple(w for w in words if w not in suffixes and w not in codes)
    return plain, suffixes, codes


def _designation_joined(folded: str) -> str:
    """"il 62m" -> "il62m": a short letter prefix glued back to its number."""
    return re.sub(r"\b([a-z]{1,3}) (\d)", r"\1\2", folded)


def same_entity(a: str, b: str, person: bool = True) -> bool:
    """True when ``a`` and ``b`` name the same thing (spelling variant, surname alone, designation
    variant); False for different names, including "Donald Trump" vs "Donald Trump Jr."."""
    if fold(a) == fold(b):
        return True
    words_a, suffix_a, codes_a = parts(a)
    words_b, suffix_b, codes_b = parts(b)
    if suffix_a != suffix_b:
        return False
    if codes_a or codes_b:
        return _same_designation(words_a, codes_a, words_b, codes_b)
    if not words_a or not words_b:
        return False
    if len(words_a) == 1 or len(words_b) == 1:
        if not person and len(words_a) != len(words_b):
            return False  # "Embassy" is not "Russian Embassy"
        return similar(words_a[-1], words_b[-1])
    if not person and len(words_a) != len(words_b):
        return False
    return similar(words_a[-1], words_b[-1]) and _compatible_given(words_a[0], words_b[0])


def similar(x: str, y: str, min_ratio: int = SURNAME_MIN_RATIO) -> bool:
    """Two folded words are spellings of one word: a shared transliteration key, or a typo."""
    kx, ky = keys(x), keys(y)
    if kx & ky:
        return True
    if min(len(x), len(y)) < 5 or x.startswith(y) or y.startswith(x):
        return False  # an added ending makes another word: Russia/Russian, Ivanov/Ivanova
    return any(ratio(p, q, score_cutoff=min_ratio) or (len(p) >= 6 and Levenshtein.distance(p, q, score_cutoff=1) <= 1)
               for p in kx for q in ky)


def _compatible_given(x: str, y: str) -> bool:
    if len(x) == 1 or len(y) == 1:
        return x[0] == y[0]  # an initial
    return similar(x, y, GIVEN_MIN_RATIO) or (min(len(x), len(y)) < 5 and keys(x) & keys(y) != frozenset())


def _same_designation(words_a, codes_a, words_b, codes_b) -> bool:
    """Il-62 = IL-62M = Ilyushin Il-62; Antonov 124 = Antomov 124; S-300 is not S-400."""
    if not codes_a or not codes_b:
        return False
    digits = lambda codes: {re.sub(r"\D+", " ", c).strip() for c in codes}  # noqa: E731
    if digits(codes_a) != digits(codes_b):
        return False
    prefix = lambda codes: {re.match(r"[a-z]*", c).group() for c in codes}  # noqa: E731
    if prefix(codes_a) != prefix(codes_b):
        return False
    if words_a and words_b:
        return similar(words_a[-1], words_b[-1])
    return True


def block_keys(name: str) -> set[str]:
    """Candidate blocks: the first two letters of each key of the last word, or the designation's digits."""
    words, _, codes = parts(name)
    if codes:
        return {"#" + re.sub(r"\D+", " ", c).strip() for c in codes}
    if not words:
        return set()
    return {k[:2] for k in keys(words[-1])}
