"""Attribution lines the open-data licences ask us to show (sheet footer, pages)."""

DATA_ATTRIBUTIONS: tuple[str, ...] = (
    "Communes : INSEE (COG 2026), DGCL, La Poste, via etalab/decoupage-administratif ; "
    "IGN ADMIN EXPRESS-COG 2018 — Licence Ouverte.",
    "France services : ANCT, liste des structures France services (2024-08-01) — "
    "Licence Ouverte 2.0.",
    "Autres lieux : DILA – Service-Public.fr, Base de données locales — Licence Ouverte.",
    "Missions locales : UNML, zones de couverture (janvier 2026), noms usuels Imilo (2023) — "
    "licence non précisée par la source.",
    "Agences France Travail : Pôle emploi, liste des agences (novembre 2019) — licence non "
    "précisée par la source.",
)
