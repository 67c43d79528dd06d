"""The `mesdroits` command: the engine's commands plus serve, agents, purge, migrate and audit."""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import os
import sys

from rules import cli as engine_cli
from rules.audit import Section
from rules.places.model import MAX_AGE_YEARS
from rules.writing import french


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    print(f"Mes droits Nord : ouvrez http://{args.host}:{args.port}/agent (guichet agent)")
    # X-Forwarded-For is the application's to read, from TRUSTED_PROXIES only
    # (api/client_address.py): uvicorn's own reading, which trusts 127.0.0.1, is off.
    uvicorn.run("api.main:app", host=args.host, port=args.port, workers=args.workers,
                proxy_headers=False, log_level="info")
    return 0


def _settings_and_db() -> str:
    from api.db import migrate
    from api.settings import get_settings

    url = get_settings().database_url
    migrate(url)
    return url


def cmd_migrate(args: argparse.Namespace) -> int:
    url = _settings_and_db()  # also creates the secret key in var/ if there is none
    print(f"Base à jour : {url.split('://', 1)[0]}.")
    return 0


def cmd_agents_add(args: argparse.Namespace) -> int:
    from api.agents import AgentError, create_agent
    from api.db import session_scope

    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = getpass.getpass("Mot de passe : ")
        if getpass.getpass("Confirmez le mot de passe : ") != password:
            raise engine_cli.UsageError("Les deux mots de passe sont différents.")
    try:
        with session_scope(_settings_and_db()) as session:
            agent = create_agent(session, args.username, args.name or args.username, password)
            print(f"Compte créé : {agent.username}")
    except AgentError as exc:
        raise engine_cli.UsageError(str(exc)) from None
    return 0


def cmd_agents_logout(args: argparse.Namespace) -> int:
    from api.agent_sessions import close_all
    from api.db import session_scope
    from api.login_guard import normalize_username
    from api.models import Agent

    with session_scope(_settings_and_db()) as session:
        agent = session.query(Agent).filter_by(
            username=normalize_username(args.username)).one_or_none()
        if agent is None:
            raise engine_cli.UsageError(f"Aucun compte « {args.username} ».")
        ended = close_all(session, agent.id)
    print(f"{ended} session(s) de {agent.username} terminée(s).")
    return 0


def cmd_purge(_: argparse.Namespace) -> int:
    from api.agent_sessions import purge_sessions
    from api.conversations import purge_conversations
    from api.db import scrub, session_scope
    from api.handover import purge_expired_codes
    from api.journal import purge_audit
    from api.settings import get_settings
    from api.sheets import purge_expired
    from api.sms_store import purge_sms

    days = get_settings().conversation_retention_days
    audit_days = get_settings().audit_retention_days
    with session_scope(_settings_and_db()) as session:
        sheets = purge_expired(session)
        codes = purge_expired_codes(session)
        sms = purge_sms(session, days)
        sessions = purge_sessions(session)
        audit = purge_audit(session, audit_days)
    scrub(get_settings().database_url)
    conversations = purge_conversations(days)
    print(f"Supprimés : {sheets} fiche(s) expirée(s), {codes} code(s) de reprise, "
          f"{conversations} conversation(s) sans message depuis {days} jours, "
          f"{sms} trace(s) SMS, {sessions} session(s) d'agent terminée(s), "
          f"{audit} entrée(s) du journal des agents de plus de {audit_days} jours.")
    return 0


def cmd_journal(args: argparse.Namespace) -> int:
    from api.db import session_scope
    from api.journal import journal_lines
    from api.settings import get_settings

    with session_scope(_settings_and_db()) as session:
        lines = journal_lines(session, args.fiche, args.depuis)
    days = get_settings().audit_retention_days
    print(f"Journal du guichet (conservé {days} jours) : {len(lines)} entrée(s), heures UTC.")
    for line in lines:
        print(line)
    return 0


def _reports_section(on: dt.date) -> Section:
    from api.db import session_scope
    from api.place_reports import describe, is_past_due, open_reports

    section = Section("Erreurs signalées par les agents du guichet, à traiter")
    try:
        with session_scope(_settings_and_db()) as session:
            reports = open_reports(session)
            section.lines = [describe(r) for r in reports]
            section.past_due = any(is_past_due(r, on) for r in reports)
    except Exception as exc:  # the database is a separate service: say it, go on
        section.lines = [f"base de données injoignable ({type(exc).__name__})"]
        section.past_due = True
    if section.lines and section.past_due:
        section.title += " (au moins un depuis plus d'une semaine)"
    return section


def cmd_audit(args: argparse.Namespace) -> int:
    from rules.audit import audit

    if args.traite is not None:
        from api.db import session_scope
        from api.place_reports import mark_handled

        with session_scope(_settings_and_db()) as session:
            done = mark_handled(session, args.traite)
        if not done:
            raise engine_cli.UsageError(f"Aucun signalement n° {args.traite} à traiter.")
        print(f"Signalement n° {args.traite} marqué comme traité.")
        return 0
    on = args.date or dt.date.today()
    sections = [*audit(on, args.age_max), _reports_section(on)]
    print(f"Audit des données de Mes droits Nord au {french.date(on)}")
    for section in sections:
        print()
        print(section.text())
    late = [s for s in sections if s.past_due and s.lines]
    print()
    print(f"Résultat : {len(late)} rubrique(s) en retard." if late
          else "Résultat : rien n'est en retard.")
    return 1 if late else 0


def _years(text: str) -> int:
    if not text.isdigit() or not 0 < int(text) <= 50:
        raise engine_cli.UsageError(f"Âge maximal invalide « {text} » : un nombre d'années.")
    return int(text)


def build_parser() -> argparse.ArgumentParser:
    parser = engine_cli.build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    p = sub.add_parser("serve", help="servir l'API, les fiches et le guichet agent")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--workers", type=int, default=1)
    p.set_defaults(func=cmd_serve)
    p = sub.add_parser("agents", help="comptes des agents du guichet")
    agents = p.add_subparsers(dest="agents_command", required=True,
                              parser_class=engine_cli.FrenchArgumentParser)
    add = agents.add_parser("add", help="créer un compte agent")
    add.add_argument("username")
    add.add_argument("--name", help="nom affiché")
    add.add_argument("--password-stdin", action="store_true",
                     help="lire le mot de passe sur l'entrée standard")
    add.set_defaults(func=cmd_agents_add)
    out = agents.add_parser("logout", help="terminer toutes les sessions d'un agent")
    out.add_argument("username")
    out.set_defaults(func=cmd_agents_logout)
    p = sub.add_parser("purge", help="supprimer ce qui a dépassé sa durée de conservation")
    p.set_defaults(func=cmd_purge)
    p = sub.add_parser("journal", help="le journal du guichet (connexions, fiches, codes)")
    p.add_argument("--fiche", metavar="ID", help="les entrées d'une fiche (son id ou son adresse)")
    p.add_argument("--depuis", type=engine_cli._date, metavar="AAAA-MM-JJ")
    p.set_defaults(func=cmd_journal)
    p = sub.add_parser("migrate", help="mettre la base à jour (avant de lancer plusieurs workers)")
    p.set_defaults(func=cmd_migrate)
    p = sub.add_parser("audit", help="ce qui est périmé dans les données (code 1 si en retard)")
    p.add_argument("--date", type=engine_cli._date, help="date de l'audit AAAA-MM-JJ")
    p.add_argument("--age-max", type=_years,
                   default=_years(os.environ.get("ANNUAIRE_AGE_MAX_ANS") or str(MAX_AGE_YEARS)),
                   help="âge maximal d'une source de lieu, en années (ANNUAIRE_AGE_MAX_ANS, "
                        f"{MAX_AGE_YEARS} par défaut)")
    p.add_argument("--traite", type=int, metavar="N",
                   help="marquer le signalement n° N comme traité")
    p.set_defaults(func=cmd_audit)
    return parser


def main(argv: list[str] | None = None) -> int:
    return engine_cli.main(argv, parser=build_parser())


if __name__ == "__main__":
    sys.exit(main())
