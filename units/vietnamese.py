"""Vietnamese text: Unicode NFC storage and the alphabetical order of Vietnamese names.

Databases sort by code point (SQLite) or by a collation that may be missing (PostgreSQL without ICU), so names get a
sort key computed here and stored beside them: letters first in the Vietnamese alphabet
(a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y, with f j w z
at their Latin places), then the tones as a tie-break
(ngang, huyền, hỏi, ngã, sắc, nặng).
"""

import unicodedata

ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
# Combining marks that make a new letter rather than a tone.
LETTER_MARKS = {"\u0306": "breve", "\u0302": "circumflex", "\u031b": "horn"}
TONE_ORDER = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}


def nfc(text):
    """The NFC form with runs of white space folded to one space."""
    if text is None:
        return text
    return " ".join(unicodedata.normalize("NFC", str(text)).split())


def _split_letter(char):
    """(base letter with its vowel marks, tone number) of one NFC character, lower-cased."""
    decomposed = unicodedata.normalize("NFD", char.lower())
    tone = 0
    kept = []
    for part in decomposed:
        if part in TONE_ORDER:
            tone = TONE_ORDER[part]
        else:
            kept.append(part)
    return unicodedata.normalize("NFC", "".join(kept)), tone


def sort_key(text):
    """A string whose code-point order is the Vietnamese alphabetical order of ``text``."""
    primary = []
    tones = []
    for char in nfc(text or ""):
        letter, tone = _split_letter(char)
        position = ALPHABET.find(letter) if len(letter) == 1 else -1
        if position >= 0:
            # Letters sort after digits and spaces: shift them into a private block of code points.
            primary.append(chr(0x4E00 + position))
        elif letter.isalnum():
            primary.append(chr(0x4E00 + len(ALPHABET)) + letter)
        else:
            primary.append(" " if letter.isspace() else letter)
        tones.append(str(tone))
    return ("".join(primary) + "\u0001" + "".join(tones))[:255]


def person_sort_key(full_name):
    """Vietnamese people are listed by given name (the last word), then family and middle names."""
    words = nfc(full_name or "").split(" ")
    return sort_key(" ".join(words[-1:] + words[:-1]))


def fold(text):
    """A key for matching typed text: no marks, no case, đ as d (“Đình Lập”, “đinh lâp”, “dinh lap” all match)."""
    decomposed = unicodedata.normalize("NFD", nfc(text or "").casefold().replace("đ", "d"))
    return "".join(char for char in decomposed if not unicodedata.combining(char))
