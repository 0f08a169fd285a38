"""Swedish alphabetical order, for names shown in lists: a–z, then å, ä, ö.

Python's own order puts Å, Ä and Ö before or among other letters as their code points fall, and an id spells them
as a and o: "aldrenamnden" would put Äldrenämnden first. Other accented letters sort as their base letter (é as
e), and ü as y, as in Swedish dictionaries; case does not count.
"""

from __future__ import annotations

import unicodedata

# after z in the key's alphabet, in this order; æ and ø are ä and ö in Swedish order
_LAST = str.maketrans({"å": "{", "ä": "|", "æ": "|", "ö": "}", "ø": "}", "ü": "y"})


def sort_key(text: str) -> str:
    """A key that orders texts as a Swedish reader expects."""
    lowered = text.casefold().translate(_LAST)
    return "".join(char for char in unicodedata.normalize("NFD", lowered) if not unicodedata.combining(char))
