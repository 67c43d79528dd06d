"""References that name a sheet or a hand-over code in the audit log without opening it.

A sheet's id opens the sheet and a code resumes a conversation: the audit log stores neither,
but a keyed hash (HMAC-SHA-256 with the secret key) of each. Whoever holds the key (the
Département, with `mesdroits journal --fiche …`) can find the entries of a sheet they have; the
log alone opens nothing. Migration 0005 computed the same references for the entries made
before it.
"""

from __future__ import annotations

import hashlib
import hmac

from api.settings import get_settings

LENGTH = 32  # hexadecimal characters: 128 bits


def reference(kind: str, value: str) -> str:
    """`kind`: « fiche », « code » or « identifiant » (a username that is no account's)."""
    key = get_settings().secret_key.encode()
    return hmac.new(key, f"audit|{kind}|{value}".encode(), hashlib.sha256).hexdigest()[:LENGTH]
