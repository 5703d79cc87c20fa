"""The `shonin` command: the console chat by default, plus check, policy, db, audit and run-due."""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from chatbot.audit import AuditProblem, to_csv, verify_chain
from chatbot.domain import commands as cmd
from chatbot.i18n import LOCALES, t
from handlers.bootstrap import (
    App,
    build_app,
    build_console,
    describe_failure,
    redact,
    upgrade_database,
)
from handlers.cli_policy import (
    add_check_parser,
    add_policy_parser,
    run_check,
    run_policy,
)
from handlers.cli_usage import UsageErrorParser, set_usage_locale, usage_locale
from handlers.console.repl import run_console
from handlers.console.terminal import safe_output
from handlers.event_loop import loop_factory
from handlers.sandbox import sandbox_settings
from handlers.serve import ServeOptions, StartupError, build_server, serve
from handlers.settings import ConfigError, Settings, load_settings, process_environment
from handlers.teams.package import MANIFEST_DIR, PackageError, build_package
from handlers.worker import run_worker

EX_USAGE, EX_CONFIG, EX_SOFTWARE = 64, 78, 70


def build_parser() -> argparse.ArgumentParser:
    parser = UsageErrorParser(
        prog="shonin", description="shonin（承認）: Instagram 投稿の承認ボット"
    )
    parser.add_argument(
        "--config", type=Path, help="shonin.toml (default: $SHONIN_CONFIG or ./shonin.toml)"
    )
    sub = parser.add_subparsers(dest="command", parser_class=UsageErrorParser)
    shell = sub.add_parser("shell", help="コンソールで操作する / chat in the terminal (default)")
    shell.add_argument(
        "--sandbox",
        action="store_true",
        help="使い捨てのデータベースで時計を動かせる / throw-away database; `clock` moves time",
    )
    sub.add_parser(
        "demo",
        help="お試し（使い捨てのデータベース・デモアカウント）/ try it: a throw-away sandbox",
    )
    add_check_parser(sub)
    add_policy_parser(sub)
    db = sub.add_parser("db", help="データベース / database")
    db.add_argument("db_command", choices=("upgrade",))
    audit = sub.add_parser("audit", help="監査ログ / audit log")
    audit_sub = audit.add_subparsers(
        dest="audit_command",
        metavar="{verify,export}",
        required=True,
        parser_class=UsageErrorParser,
    )
    audit_sub.add_parser("verify", help="改ざんの検出 / detect edits and deletions")
    export = audit_sub.add_parser("export", help="書き出し / export")
    export.add_argument("--format", choices=("csv",), default="csv")
    export.add_argument("--output", "-o", type=Path, help="file (default: standard output)")
    sub.add_parser("run-due", help="予約投稿を一度実行 / run the scheduler once")
    teams = sub.add_parser("teams", help="Microsoft Teams アプリ / the Teams app")
    teams_sub = teams.add_subparsers(
        dest="teams_command", metavar="{package}", required=True, parser_class=UsageErrorParser
    )
    package = teams_sub.add_parser("package", help="アプリパッケージ（zip）/ the app package zip")
    package.add_argument("--output", "-o", type=Path, default=Path("shonin-teams.zip"))
    package.add_argument("--manifest-dir", type=Path, default=MANIFEST_DIR)
    serve = sub.add_parser("serve", help="Slack・Teams のサーバーを起動 / run the chat server")
    serve.add_argument("--host", help="待ち受けアドレス / address (default: [server] host)")
    serve.add_argument("--port", type=int, help="ポート / port (default: [server] port)")
    serve.add_argument(
        "--socket-mode",
        action="store_true",
        help="Slack を Socket Mode で / Slack over Socket Mode",
    )
    serve.add_argument(
        "--no-scheduler",
        action="store_true",
        help="予約投稿を別の shonin worker に任せる / leave publishing to `shonin worker`",
    )
    worker = sub.add_parser(
        "worker", help="予約投稿だけを実行し続ける / run the scheduler without the server"
    )
    worker.add_argument(
        "--interval", type=float, default=30.0, help="実行間隔（秒） / seconds between passes"
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    _never_crash_on_output()
    arguments = list(sys.argv[1:] if argv is None else argv)
    set_usage_locale(usage_locale(arguments, os.environ))
    args = build_parser().parse_args(arguments)
    try:
        settings = load_settings(path=args.config)
    except ConfigError as error:
        sys.stderr.write(f"{error}\n")
        return EX_CONFIG
    logging.basicConfig(
        level=settings.log_level, stream=sys.stderr, format="%(levelname)s %(name)s: %(message)s"
    )
    if settings.log_level != "DEBUG":
        logging.getLogger("alembic").setLevel(logging.WARNING)
    if getattr(args, "lang", "") is None:  # check / policy without --lang: the configured one
        args.lang = settings.locale
    if args.command == "check":
        packs = {account.id: account.policy_pack for account in settings.accounts}
        default = settings.accounts[0].policy_pack
        return run_check(
            args, packs, default, sys.stdin, sys.stdout, sys.stderr, no_color=settings.no_color
        )
    if args.command == "teams":
        return _teams_package(args, settings)
    if args.command == "policy":
        return run_policy(args, sys.stdout, sys.stderr, extra_pack_dirs=settings.policy_pack_dirs)
    try:
        # serve and worker run on uvloop where installed (setting event_loop); the rest on asyncio
        choice = settings.event_loop if args.command in ("serve", "worker") else "asyncio"
        with asyncio.Runner(loop_factory=loop_factory(choice)) as runner:
            return runner.run(_async_main(args, settings))
    except KeyboardInterrupt:
        return 130
    except ConfigError as error:  # found while wiring (e.g. the Instagram publisher's token)
        sys.stderr.write(f"{error}\n")
        return EX_CONFIG
    except Exception as error:
        return _database_failure(error, settings)


def _database_failure(error: Exception, settings: Settings) -> int:
    """One bilingual line for a database that cannot be opened or written; other errors surface."""
    found = describe_failure(error, settings.database_url)
    if found is None:
        raise error
    key, args = found
    url = redact(settings.database_url)
    ja, en = (
        t("db.unavailable", locale, url=url, reason=t(key, locale, **args)) for locale in LOCALES
    )
    sys.stderr.write(f"{ja} / {en}\n")
    return EX_CONFIG if key in ("db.reason.unsupported", "db.reason.no_folder") else EX_SOFTWARE


def _never_crash_on_output() -> None:
    """Under a strict locale (PYTHONIOENCODING=ascii) Japanese becomes escapes, never a crash."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")


async def _async_main(args: argparse.Namespace, settings: Settings) -> int:
    if args.command == "db":
        await upgrade_database(settings.database_url)
        url = redact(settings.database_url)
        sys.stdout.write(t("cli.db_upgraded", settings.locale, url=url) + "\n")
        return 0
    if args.command == "audit":
        return await _audit(args, settings, sys.stdout)
    if args.command == "run-due":
        return await _run_due(settings)
    if args.command == "serve":
        return await _serve(args, settings)
    if args.command == "worker":
        await run_worker(settings, max(args.interval, 0.05))
        return 0
    if args.command == "demo" or getattr(args, "sandbox", False):
        with sandbox_settings(settings, demo=args.command == "demo") as sandboxed:
            sys.stderr.write(t("console.sandbox", settings.locale) + "\n")
            return await console(sandboxed, sys.stdin, sys.stdout, sandbox=True)
    return await console(settings, sys.stdin, sys.stdout)


async def console(
    settings: Settings, stdin: TextIO, stdout: TextIO, *, sandbox: bool = False
) -> int:
    """The main job on embedded defaults: a chat session in the terminal.

    ``sandbox`` lets the session move its clock: only for a throw-away database.
    """
    console_app = await build_console(settings, safe_output(stdout), sandbox=sandbox)
    try:
        return await run_console(console_app.session, stdin)
    finally:
        await console_app.app.close()


async def _audit(args: argparse.Namespace, settings: Settings, stdout: TextIO) -> int:
    app = await build_app(settings)
    try:
        entries, head, content = await app.audit_entries()
    finally:
        await app.close()
    if args.audit_command == "verify":
        report = verify_chain(entries, head)
        problems = [*report.problems, *content]
        if not problems:
            stdout.write(t("cli.audit_ok", settings.locale, count=report.count) + "\n")
            return 0
        stdout.write(t("cli.audit_bad", settings.locale, count=len(problems)) + "\n")
        for problem in problems:
            text = problem.text(settings.locale) if isinstance(problem, AuditProblem) else problem
            stdout.write(f"  - {text}\n")
        return 1
    data = to_csv(entries)
    if args.output:
        args.output.write_bytes(data)
    else:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
    return 0


async def _run_due(settings: Settings) -> int:
    app: App = await build_app(settings)
    try:
        report = await app.bus.handle(cmd.RunDue("shonin"))
        reminders = await app.bus.handle(cmd.RunReminders("shonin"))
    finally:
        await app.close()
    counts = {
        "published": len(report.published),
        "failed": len(report.failed),
        "expired": len(report.expired),
        "rerouted": report.rerouted,
        "held": len(report.held),
    }
    sys.stdout.write(t("reply.run_due", settings.locale, **counts) + "\n")
    reminded, escalated = len(reminders.reminded), len(reminders.escalated)
    line = t("reply.reminders_run", settings.locale, reminded=reminded, escalated=escalated)
    sys.stdout.write(line + "\n")
    return 0


def _teams_package(args: argparse.Namespace, settings: Settings) -> int:
    if not settings.teams.app_id:
        ja, en = (t("teams.package.no_app_id", locale) for locale in LOCALES)
        sys.stderr.write(f"{ja} / {en}\n")
        return EX_CONFIG
    try:
        path = build_package(settings.teams.app_id, args.output, args.manifest_dir)
    except PackageError as error:
        sys.stderr.write(f"{error.ja} / {error.en}\n")
        return EX_CONFIG
    sys.stdout.write(t("teams.package.written", settings.locale, path=path) + "\n")
    return 0


async def _serve(args: argparse.Namespace, settings: Settings) -> int:
    options = ServeOptions(
        host=args.host or settings.http_host,
        port=args.port or settings.http_port,
        socket_mode=args.socket_mode,
        teams_dev_no_auth=settings.teams.dev_no_auth,
        scheduler=not args.no_scheduler,
    )
    try:
        server = await build_server(settings, options, process_environment())
    except StartupError as error:
        # One line, both languages: whoever reads the log may not have chosen its locale.
        lines = (t("serve.cannot_start", loc, reason=error.message(loc)) for loc in LOCALES)
        sys.stderr.write(" / ".join(lines) + "\n")
        return EX_CONFIG
    await serve(server)
    return 0


if __name__ == "__main__":
    sys.exit(main())
