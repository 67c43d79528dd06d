"""The production units (deploy/systemd/): one per service, restarted on failure, private
files, and nothing they name missing from the repository or the environment file."""

import configparser
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
UNITS = ROOT / "deploy" / "systemd"


def unit(name: str) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str  # systemd's keys are case-sensitive
    parser.read(UNITS / name)
    return parser


def test_one_unit_per_service_each_restarted_on_failure_with_private_files():
    services = sorted(p.name for p in UNITS.glob("*.service"))
    assert services == ["mesdroits-actions.service", "mesdroits-api.service",
                        "mesdroits-purge.service", "mesdroits-rasa@.service"]
    for name in services:
        service = unit(name)["Service"]
        if name != "mesdroits-purge.service":  # a daily one-shot, started by its timer
            assert service["Restart"] == "on-failure", name
        assert service["UMask"] == "0077" and service["StateDirectoryMode"] == "0700", name
        assert service["User"] == "mesdroits" and service["NoNewPrivileges"] == "yes", name
        assert service["EnvironmentFile"] == "/etc/mesdroits/mesdroits.env", name


def test_what_the_units_name_exists():
    for name in ("mesdroits-actions.service", "mesdroits-rasa@.service",
                 "mesdroits-api.service"):
        command = unit(name)["Service"]["ExecStart"].replace("\\\n", " ")
        for path in re.findall(r"\b(bot/[\w.]+|models/[\w.-]+)", command):
            if not path.startswith("models/"):  # the model is trained on the machine
                assert (ROOT / path).exists(), (name, path)
        for module in re.findall(r"python -m ([a-z_.]+)", command):
            if module != "uvicorn":
                assert (ROOT / (module.replace(".", "/") + ".py")).exists(), module
    api = unit("mesdroits-api.service")["Service"]["ExecStart"]
    assert "--host 127.0.0.1" in api and "--no-proxy-headers" in api  # TRUSTED_PROXIES decides


def test_the_environment_file_sets_what_rasa_s_endpoints_read():
    example = (UNITS / "mesdroits.env.example").read_text()
    names = set(re.findall(r"^([A-Z_]+)=", example, flags=re.M))
    wanted = set(re.findall(r"\$\{([A-Z_]+)\}", (ROOT / "bot/endpoints.postgres.yml").read_text()))
    assert wanted <= names, wanted - names
    assert {"DATABASE_URL", "RASA_URLS", "RATE_LIMIT_STORAGE", "PUBLIC_BASE_URL",
            "SECURE_COOKIES", "MESDROITS_VAR_DIR", "TRUSTED_PROXIES"} <= names
