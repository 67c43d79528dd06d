"""Loading the scheme catalogue: one YAML file per scheme in `rules/catalogue/`."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml
from pydantic import ValidationError

from rules.engine.schema import Scheme, error_lines

CATALOGUE_DIR = Path(__file__).parent.parent / "catalogue"


class CatalogueError(ValueError):
    """A scheme file is broken: the message names the file, the field and the reason."""


@dataclass(frozen=True, eq=False)  # hashed by identity: compiled once per catalogue
class Catalogue:
    schemes: dict[str, Scheme]
    version: str  # short hash of every file's content: a sheet records the version it used

    def get(self, scheme_id: str) -> Scheme | None:
        return self.schemes.get(scheme_id)


def _load_file(path: Path) -> Scheme:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise CatalogueError(f"{path.name}: YAML illisible : {exc}") from exc
    if not isinstance(data, dict):
        raise CatalogueError(f"{path.name}: le fichier doit décrire un dispositif (un objet YAML)")
    try:
        scheme = Scheme.model_validate(data)
    except ValidationError as exc:
        raise CatalogueError(f"{path.name}: " + "; ".join(error_lines(exc))) from exc
    if scheme.id != path.stem:
        raise CatalogueError(f"{path.name}: id « {scheme.id} » différent du nom du fichier")
    return scheme


def load_catalogue(directory: Path = CATALOGUE_DIR) -> Catalogue:
    paths = sorted(directory.glob("*.yaml"))
    if not paths:
        raise CatalogueError(f"{directory}: aucun fichier de dispositif")
    digest = hashlib.sha256()
    schemes: dict[str, Scheme] = {}
    for path in paths:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
        scheme = _load_file(path)
        schemes[scheme.id] = scheme
    for scheme in schemes.values():
        if scheme.remplace_par and scheme.remplace_par not in schemes:
            raise CatalogueError(
                f"{scheme.id}.yaml: remplace_par: « {scheme.remplace_par} » n'existe pas"
            )
    return Catalogue(schemes=schemes, version=digest.hexdigest()[:12])


@cache
def default_catalogue() -> Catalogue:
    return load_catalogue()
