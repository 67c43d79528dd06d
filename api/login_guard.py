"""The desk's login limits: no guessing, and no way to lock every agent out at once.

Failed logins are counted (with `limits`, in memory or in Redis like the other limits) under
three keys, each with several windows, so that the wait grows with the failures (a backoff):

- one account from one address (LOGIN_PER_ACCOUNT_CLIENT, « 5/15 minutes;10/hour;20/day »):
  the guessing of one password; only that pair waits, the agent gets in from elsewhere;
- one address, whatever the account (LOGIN_PER_CLIENT): the spraying of usernames;
- one account, whatever the address (LOGIN_PER_ACCOUNT): guessing from many addresses.

An address may be every agent's at once (an office behind one router, a proxy that sets no
header): the last two would then lock everyone out. So a browser where an agent logged in before
carries a known-browser token for that account (cookie `mdn_poste`, signed with the secret key,
bound to the account; OWASP's « device cookies »): its attempts are counted on that token alone
(LOGIN_PER_ACCOUNT_CLIENT), never on the address nor the account. Someone who fails from
elsewhere cannot lock an agent out of the browser they use; a token past its limit is treated
as an unknown browser.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass

from api.rate_limits import Bucket
from api.settings import get_settings

DEVICE_COOKIE = "mdn_poste"
DEVICE_DAYS = 180
MAX_DEVICES = 8  # accounts remembered by one browser (a shared desk computer)


def normalize_username(username: str) -> str:
    return username.strip().lower()


def _mac(username: str, nonce: str) -> str:
    key = get_settings().secret_key.encode()
    message = f"poste|{normalize_username(username)}|{nonce}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()[:32]


def _tokens(cookie: str | None) -> list[str]:
    tokens = (cookie or "")[:2000].split(".")
    return [t for t in tokens if len(t) == 64 and all(c in "0123456789abcdef" for c in t)]


def known_device(cookie: str | None, username: str) -> str | None:
    """The nonce of the cookie's token for this account, if it has a valid one."""
    for token in _tokens(cookie):
        nonce, mac = token[:32], token[32:]
        if hmac.compare_digest(mac, _mac(username, nonce)):
            return nonce
    return None


def remember_device(cookie: str | None, username: str) -> str:
    """The cookie's new value: a fresh token for this account, first; the others kept."""
    nonce = secrets.token_hex(16)
    others = [t for t in _tokens(cookie)
              if not hmac.compare_digest(t[32:], _mac(username, t[:32]))]
    return ".".join([nonce + _mac(username, nonce), *others][:MAX_DEVICES])


@dataclass(frozen=True)
class Attempt:
    username: str
    client: str
    device: str | None  # a known browser's nonce for this account

    def _key(self, limit: str) -> str:
        account = normalize_username(self.username)
        return {"navigateur": self.device or "", "compte_adresse": f"{account}|{self.client}",
                "adresse": self.client, "compte": account}[limit]

    def _buckets(self, trusted_device: bool) -> dict[str, Bucket]:
        settings = get_settings()
        limits = ({"navigateur": settings.login_per_account_client}
                  if trusted_device and self.device else
                  {"compte_adresse": settings.login_per_account_client,
                   "adresse": settings.login_per_client, "compte": settings.login_per_account})
        return {name: Bucket("login", text, name, self._key(name))
                for name, text in limits.items()}

    def _trusted_device(self) -> bool:
        return bool(self.device) and not self._buckets(True)["navigateur"].wait()

    def blocked(self) -> tuple[str, int] | None:
        """(which limit, seconds to wait) if this attempt is refused before any check."""
        waits = {name: bucket.wait()
                 for name, bucket in self._buckets(self._trusted_device()).items()}
        name = max(waits, key=lambda n: waits[n])
        return (name, waits[name]) if waits[name] else None

    def first_refusal(self, limit: str) -> bool:
        """True once a minute per refusing count (what the audit log records: a blocked
        attempt costs nothing, so it must not cost a row each)."""
        return Bucket("login_blocked", "1/minute", limit, self._key(limit)).first()

    def failed(self) -> None:
        for bucket in self._buckets(self._trusted_device()).values():
            bucket.count()

    def succeeded(self) -> None:
        """The pair's (or the browser's) failures are forgotten; the address's and the
        account's are not (an account of one's own would reset them)."""
        if self.device:
            self._buckets(True)["navigateur"].forget()
        self._buckets(False)["compte_adresse"].forget()
