"""Settings of the web application, read from the environment (with safe defaults).

Nothing is read at import: `get_settings()` reads the environment on its first call and keeps
the result; `get_settings.cache_clear()` makes the next call read it again (tests do).
"""

from __future__ import annotations

import ipaddress
import os
import secrets
from dataclasses import dataclass
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def var_dir() -> Path:
    """Where the application keeps its files (secret key, SQLite databases): MESDROITS_VAR_DIR,
    or var/ in the checkout."""
    return Path(os.environ.get("MESDROITS_VAR_DIR", ROOT / "var"))


def private_dir(directory: Path) -> Path:
    """The folder, created 0700 (and made 0700 if it was not): the secret key, the databases
    and the logs inside are nobody else's to read."""
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    if directory.stat().st_mode & 0o077:
        directory.chmod(0o700)
    return directory


def private_file(path: Path) -> None:
    """Make an existing file 0600 (databases and logs made before this rule)."""
    try:
        if path.stat().st_mode & 0o077:
            path.chmod(0o600)
    except FileNotFoundError:
        pass


def _int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


def _addresses(name: str) -> tuple[str, ...]:
    """Comma-separated IP addresses or networks (« 127.0.0.1, 10.0.0.0/8 »); a value that is
    neither stops the start-up rather than trusting something unintended."""
    found = []
    for item in os.environ.get(name, "").split(","):
        if item := item.strip():
            try:
                ipaddress.ip_network(item, strict=False)
            except ValueError:
                raise ValueError(f"{name}: « {item} » is neither an IP address nor a network"
                                 ) from None
            found.append(item)
    return tuple(found)


def _secret_key(directory: Path) -> str:
    """SECRET_KEY from the environment, or one generated once and kept in `directory` (mode
    600)."""
    if os.environ.get("SECRET_KEY"):
        return os.environ["SECRET_KEY"]
    private_dir(directory)
    path = directory / "secret_key"
    if not path.exists():  # several workers may start at once: only the first key is kept
        draft = directory / f".secret_key.{os.getpid()}"
        draft.touch(mode=0o600)
        draft.write_text(secrets.token_urlsafe(48))
        try:
            os.link(draft, path)
        except FileExistsError:
            pass
        finally:
            draft.unlink()
    private_file(path)  # one made before this rule
    return path.read_text().strip()


@dataclass(frozen=True)
class Settings:
    database_url: str
    secret_key: str
    sheet_retention_days: int
    handover_minutes: int
    conversation_retention_days: int
    max_body_bytes: int
    public_base_url: str
    secure_cookies: bool
    # Failed logins, as `limits` writes them (several windows: a backoff). One account from one
    # address or one known browser; one address, any account; one account, any address.
    login_per_account_client: str
    login_per_client: str
    login_per_account: str
    trusted_proxies: tuple[str, ...]  # addresses or networks whose X-Forwarded-For is believed
    agent_session_hours: int  # a desk session ends that long after its login, whatever happens
    agent_session_idle_minutes: int  # … or after that long without a request
    handover_per_agent: str  # hand-over codes tried by one agent (`limits` syntax)
    handover_wrong_per_agent: str  # wrong codes before the agent's resumes are locked
    audit_retention_days: int  # the desk's audit log is kept that long
    rasa_urls: tuple[str, ...]  # several Rasa processes, used in turn
    twilio_auth_token: str | None
    sms_per_minute: int
    rasa_tracker_url: str
    # Rate limits on the anonymous routes, as `limits` writes them (« 20/minute », « 30/hour »)
    chat_per_sender: str
    chat_per_client: str
    sheets_per_client: str
    pdf_per_client: str
    rate_limit_storage: str  # memory:// (one process) or redis://host:port (shared)


@cache
def get_settings() -> Settings:
    files = private_dir(var_dir())
    default_db = f"sqlite:///{files / 'mesdroits.sqlite3'}"
    return Settings(
        database_url=os.environ.get("DATABASE_URL", default_db),
        secret_key=_secret_key(files),
        sheet_retention_days=_int("SHEET_RETENTION_DAYS", 30),
        handover_minutes=_int("HANDOVER_MINUTES", 2880),
        conversation_retention_days=_int("CONVERSATION_RETENTION_DAYS", 30),
        max_body_bytes=_int("MAX_BODY_BYTES", 64 * 1024),
        public_base_url=os.environ.get("PUBLIC_BASE_URL", "http://127.0.0.1:8000").rstrip("/"),
        secure_cookies=os.environ.get("SECURE_COOKIES", "0") == "1",
        login_per_account_client=os.environ.get(
            "LOGIN_PER_ACCOUNT_CLIENT", "5/15 minutes;10/hour;20/day"),
        login_per_client=os.environ.get("LOGIN_PER_CLIENT", "10/15 minutes;50/day"),
        login_per_account=os.environ.get("LOGIN_PER_ACCOUNT", "10/15 minutes;50/day"),
        trusted_proxies=_addresses("TRUSTED_PROXIES"),
        agent_session_hours=_int("AGENT_SESSION_HOURS", 8),
        agent_session_idle_minutes=_int("AGENT_SESSION_IDLE_MINUTES", 30),
        handover_per_agent=os.environ.get("HANDOVER_PER_AGENT", "10/minute;200/day"),
        handover_wrong_per_agent=os.environ.get("HANDOVER_WRONG_PER_AGENT", "20/day"),
        audit_retention_days=_int("AUDIT_RETENTION_DAYS", 365),
        rasa_urls=tuple(url.strip().rstrip("/") for url in (
            os.environ.get("RASA_URLS") or os.environ.get("RASA_URL")
            or "http://127.0.0.1:5005").split(",") if url.strip()) or ("http://127.0.0.1:5005",),
        twilio_auth_token=os.environ.get("TWILIO_AUTH_TOKEN") or None,
        sms_per_minute=_int("SMS_PER_MINUTE", 10),
        rasa_tracker_url=os.environ.get(
            "RASA_TRACKER_URL", f"sqlite:///{files / 'rasa_tracker.sqlite3'}"),
        chat_per_sender=os.environ.get("CHAT_PER_SENDER", "30/minute"),
        chat_per_client=os.environ.get("CHAT_PER_CLIENT", "120/minute"),
        sheets_per_client=os.environ.get("SHEETS_PER_CLIENT", "20/hour"),
        pdf_per_client=os.environ.get("PDF_PER_CLIENT", "30/minute"),
        rate_limit_storage=os.environ.get("RATE_LIMIT_STORAGE", "memory://"),
    )
