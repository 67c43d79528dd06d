"""The `mesdroits` command: evaluate a situation, ask questions in the terminal, browse data."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Callable
from typing import Any, NoReturn

from rules.engine.catalogue import CatalogueError, default_catalogue
from rules.engine.evaluator import evaluate_situation
from rules.engine.situation import SituationError, validate
from rules.language.answers import read_answer
from rules.places.communes import CommuneError, resolve_commune, search_communes
from rules.writing import french
from rules.writing.plain_text import result_text

EXIT_INVALID = 2
MAX_INPUT_BYTES = 1_000_000


class UsageError(Exception):
    """Bad input from the person: printed in French, exit status 2."""


class FrenchArgumentParser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        raise UsageError(f"Commande incorrecte : {message}")


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"Date invalide « {text} » : utilisez le format AAAA-MM-JJ.") from None


def _read_situation(path: str) -> Any:
    try:
        if path == "-":
            raw = sys.stdin.buffer.read(MAX_INPUT_BYTES + 1)
        else:
            with open(path, "rb") as handle:
                raw = handle.read(MAX_INPUT_BYTES + 1)
    except OSError as exc:
        raise UsageError(f"Impossible de lire « {path} » : {exc.strerror or exc}.") from None
    if len(raw) > MAX_INPUT_BYTES:
        raise UsageError("Le fichier est trop gros pour une situation (1 Mo au plus).")
    try:
        return json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise UsageError(f"Le fichier n'est pas du JSON valide : {exc}.") from None


def cmd_evaluate(args: argparse.Namespace) -> int:
    raw = _read_situation(args.file)
    if isinstance(raw, dict) and args.date:
        raw = {**raw, "date_evaluation": args.date.isoformat()}
    result = evaluate_situation(validate(raw))
    if args.format == "json":
        print(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        print(result_text(result, verbose=args.verbose))
    return 0


def cmd_schemes(args: argparse.Namespace) -> int:
    catalogue = default_catalogue()
    if args.id:
        scheme = catalogue.get(args.id)
        if scheme is None:
            known = ", ".join(sorted(catalogue.schemes))
            raise UsageError(f"Dispositif inconnu « {args.id} ». Dispositifs : {known}.")
        if args.format == "json":
            print(json.dumps(scheme.model_dump(mode="json"), ensure_ascii=False, indent=2))
            return 0
        print(f"{scheme.nom} ({scheme.id}) — {scheme.statut}")
        print(scheme.resume)
        if scheme.remplace_par:
            print(f"Remplacé par : {catalogue.schemes[scheme.remplace_par].nom}")
        print(f"Comment faire : {scheme.demarche.texte}")
        if scheme.documents:
            print("À apporter : " + " ; ".join(scheme.documents))
        print("Sources :")
        for source in scheme.sources:
            print(f"  - {source.titre}" + (f" — {source.url}" if source.url else ""))
        print(f"Vérifié le {french.date(scheme.verifie_le)}")
        if scheme.a_confirmer:
            print(f"À confirmer : {scheme.a_confirmer}")
        return 0
    for scheme in sorted(catalogue.schemes.values(), key=lambda s: (s.ordre, s.id)):
        print(f"{scheme.id:28} {scheme.statut:11} {scheme.nom}")
    return 0


def cmd_communes(args: argparse.Namespace) -> int:
    found = search_communes(args.query, limit=args.limit)
    if not found:
        raise UsageError(f"Aucune commune ne ressemble à « {args.query[:60]} ».")
    for c in found:
        print(f"{c.insee}  {c.nom} ({', '.join(c.codes_postaux)}) — {c.departement_nom}")
    return 0


def _ask_commune(
    prompt: Callable[[str], str], say: Callable[[str], None], text: str
) -> str | None:
    """Resolve a commune answer, offering suggestions; returns « insee:<code> » or None.

    The prefix keeps the code from being read as a postal code when the situation is checked.
    """
    while True:
        try:
            return f"insee:{resolve_commune(text).insee}"
        except CommuneError as exc:
            say(exc.message)
            if not exc.candidates:
                text = prompt("Votre commune (ou « je ne sais pas ») : ")
                if not text.strip() or read_answer("commune", text, dt.date.today()).dont_know:
                    return None
                continue
            for i, c in enumerate(exc.candidates[:5], 1):
                say(f"  {i}. {c.nom} ({c.codes_postaux[0]}, {c.departement_nom})")
            choice = prompt("Répondez par le numéro, ou retapez votre commune : ").strip()
            if choice.isdigit() and 1 <= int(choice) <= min(5, len(exc.candidates)):
                return f"insee:{exc.candidates[int(choice) - 1].insee}"
            text = choice


def run_assistant(
    prompt: Callable[[str], str], say: Callable[[str], None], today: dt.date
) -> dict[str, Any]:
    """The terminal assistant: ask the planner's questions until nothing can change the answer."""
    say("Bonjour ! Je vais vous aider à savoir à quelles aides vous pouvez avoir droit.")
    say("Répondez librement ; « je ne sais pas » passe la question. (Ctrl-D pour arrêter.)")
    situation: dict[str, Any] = {"date_evaluation": today.isoformat()}
    skipped: set[str] = set()
    while True:
        result = evaluate_situation(validate(situation))
        pending = [q for q in result["questions"] if q["fait"] not in skipped]
        if not pending:
            break
        q = pending[0]
        say("")
        say(f"{q['texte']}  ({len(pending)} question(s) au plus)")
        for i, choice in enumerate(q["choix"], 1):
            say(f"  {i}. {choice['libelle']}")
        answer = read_answer(q["fait"], prompt("> "), today)
        if answer.dont_know:
            skipped.add(q["fait"])
            continue
        if not answer.understood:
            say("Je n'ai pas compris. Pouvez-vous reformuler ?")
            continue
        value = answer.value
        if q["fait"] == "commune":
            value = _ask_commune(prompt, say, str(value))
            if value is None:
                skipped.add("commune")
                continue
        candidate = {**situation, q["fait"]: value, **(answer.extra or {})}
        try:
            validate(candidate)
        except SituationError as exc:
            say(exc.errors[0].message)
            continue
        situation = candidate
    say("")
    say(result_text(result))
    return situation


def cmd_ask(args: argparse.Namespace) -> int:
    try:
        run_assistant(input, print, args.date or dt.date.today())
    except (EOFError, KeyboardInterrupt):
        print("\nAu revoir !")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from pathlib import Path

    from rules.places import formats, offices, store
    from rules.places.readers import SourceFileError

    source = Path(args.file)
    try:
        batch, skipped = formats.read_batch(
            args.format, source, services=Path(args.services) if args.services else None,
            date=args.date.isoformat() if args.date else None, licence=args.licence,
            complete=args.complet, status=args.statut)
        result = store.import_batch(batch, args.format, source, skipped=len(skipped),
                                    dry_run=args.essai, force=args.forcer)
    except SourceFileError as exc:
        raise UsageError(f"Import refusé, l'annuaire en service n'a pas changé. {exc}") from None
    offices.clear_caches()
    print(result.text())
    return 0


VERDICT_WORDS = {
    "identique": "identique",
    "different": "différent : deux valeurs pour le même jour",
    "catalogue_en_retard": "catalogue en retard : OpenFisca a une valeur plus récente",
    "openfisca_en_retard": "OpenFisca en retard : le catalogue a une valeur plus récente",
}
ABSENT_WORDS = {(True, False): "absent du catalogue", (False, True): "absent d'OpenFisca",
                (True, True): "absent des deux côtés"}
STATUS_WORDS = {"secondaire": "source secondaire", "deduit": "valeur déduite",
                "a_confirmer": "à confirmer"}


def _rate(value: float) -> str:
    return f"{value * 100:.10g}".replace(".", ",") + " %"


def _freshness_line(c: Any) -> str:
    def side(value: float | None, since: dt.date | None) -> str:
        if value is None or since is None:
            return "sans valeur à cette date"
        shown = _rate(value) if c.nature == "taux" else french.euros(value)
        return f"{shown} depuis le {french.date(since)}"

    ours = "catalogue " + side(c.catalogue_valeur, c.catalogue_depuis)
    if c.catalogue_statut in STATUS_WORDS:
        ours += f" ({STATUS_WORDS[c.catalogue_statut]})"
    theirs = "OpenFisca " + side(c.openfisca_valeur, c.openfisca_depuis)
    if c.openfisca_references:
        theirs += " (" + " ; ".join(r.titre for r in c.openfisca_references) + ")"
    if c.verdict == "absent":
        verdict = ABSENT_WORDS[(c.catalogue_valeur is None, c.openfisca_valeur is None)]
    else:
        verdict = VERDICT_WORDS[c.verdict]
        if c.depuis_differents:
            verdict += " (pas depuis le même jour)"
    return f"{c.libelle} : {ours}, {theirs} — {verdict}"


def cmd_freshness(args: argparse.Namespace) -> int:
    from pathlib import Path

    from rules.money.freshness import freshness
    from rules.money.parameters import ParameterNotFound

    on = args.date or dt.date.today()
    try:
        report = freshness(on, Path(args.catalogue) if args.catalogue else None)
    except ParameterNotFound as exc:
        print(f"Paramètre OpenFisca-France introuvable : {exc}. La table "
              "rules/money/parameters.yaml est à mettre à jour.", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps(report.as_json(), ensure_ascii=False, indent=2))
        return 1 if report.problems else 0
    version = f" {report.openfisca_france}" if report.openfisca_france else ""
    print(f"Montants du catalogue comparés à OpenFisca-France{version} au {french.date(on)}")
    for comparison in report.comparisons:
        print(_freshness_line(comparison))
    if report.not_in_openfisca:
        schemes = sorted({u.dispositif for u in report.not_in_openfisca})
        print(f"Non comparés, sans équivalent dans OpenFisca-France : "
              f"{len(report.not_in_openfisca)} montant(s) ({', '.join(schemes)}).")
    problems = len(report.problems)
    print(f"Résultat : {problems} montant(s) à revoir." if problems
          else "Résultat : rien à revoir.")
    return 1 if problems else 0


def build_parser() -> argparse.ArgumentParser:
    parser = FrenchArgumentParser(
        prog="mesdroits", description="Mes droits Nord : vos droits à partir de votre situation."
    )
    sub = parser.add_subparsers(dest="command", required=True, parser_class=FrenchArgumentParser)
    p = sub.add_parser("evaluate", help="évaluer une situation (fichier JSON, « - » pour l'entrée)")
    p.add_argument("file")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--date", type=_date, help="date d'évaluation AAAA-MM-JJ")
    p.add_argument("--verbose", action="store_true", help="montrer aussi les dispositifs passés")
    p.set_defaults(func=cmd_evaluate)
    p = sub.add_parser("ask", help="l'assistant en ligne de commande")
    p.add_argument("--date", type=_date)
    p.set_defaults(func=cmd_ask)
    p = sub.add_parser("schemes", help="les dispositifs du catalogue")
    p.add_argument("id", nargs="?")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(func=cmd_schemes)
    p = sub.add_parser("communes", help="chercher une commune")
    p.add_argument("query")
    p.add_argument("--limit", type=int, default=10)
    p.set_defaults(func=cmd_communes)
    p = sub.add_parser("import", help="importer un fichier de lieux dans l'annuaire")
    p.add_argument("format", choices=("data-inclusion", "france-services", "dila", "unml"),
                   help="data-inclusion (structures JSON, schéma v1), france-services (CSV de "
                        "l'ANCT), dila (JSON de la Base de données locales), unml (CSV des "
                        "zones de couverture)")
    p.add_argument("file")
    p.add_argument("--services", help="data-inclusion : le fichier des services (JSON)")
    p.add_argument("--date", type=_date, help="date des données AAAA-MM-JJ (sinon lue dans "
                                              "le fichier ou son nom)")
    p.add_argument("--licence", help="licence de la source, gardée avec chaque ligne")
    p.add_argument("--statut", choices=("confirme", "secondaire"), default="confirme",
                   help="data-inclusion : degré de confirmation des lignes")
    p.add_argument("--complet", action="store_true",
                   help="le fichier liste tous les lieux de ses types et départements : ceux "
                        "qu'il ne liste plus sont fermés")
    p.add_argument("--essai", action="store_true", help="dire ce qui changerait, sans écrire")
    p.add_argument("--forcer", action="store_true",
                   help="accepter un fichier qui fermerait plus d'un quart des lieux")
    p.set_defaults(func=cmd_import)
    p = sub.add_parser("fraicheur", help="les montants du catalogue comparés à OpenFisca-France "
                                         "(code 1 si l'un diffère ou est en retard)")
    p.add_argument("--date", type=_date, help="date de la comparaison AAAA-MM-JJ (aujourd'hui "
                                              "par défaut)")
    p.add_argument("--json", action="store_true", help="le résultat en JSON")
    p.add_argument("--catalogue", metavar="DOSSIER",
                   help="un autre dossier de catalogue (par défaut celui du projet)")
    p.set_defaults(func=cmd_freshness)
    return parser


def main(argv: list[str] | None = None, parser: argparse.ArgumentParser | None = None) -> int:
    try:
        args = (parser or build_parser()).parse_args(argv)
        return args.func(args)
    except (UsageError, SituationError) as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_INVALID
    except CatalogueError as exc:
        print(f"Le catalogue des dispositifs est invalide : {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
