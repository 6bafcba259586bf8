"""The ``districtwise`` command: Districtwise's own subcommands, and every Django
management command (``districtwise migrate``, ``districtwise shell`` …) like django-admin."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeElapsedColumn

app = typer.Typer(
    help="Districtwise: the working system of a school district's central office. "
    "Besides the commands below, every Django management command works "
    "(districtwise migrate, districtwise shell, districtwise check …).",
    no_args_is_help=True,
    add_completion=False,
)
console = Console(stderr=True)


def _django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "districtwise.settings")
    import django

    django.setup()


def _progress() -> Progress:
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TaskProgressColumn(),
        TimeElapsedColumn(),
        console=console,
        disable=not console.is_terminal and os.environ.get("DISTRICTWISE_PROGRESS") != "1",
    )


def _fail(message: str) -> typer.Exit:
    console.print(f"[bold red]Error:[/] {message}")
    return typer.Exit(code=2)


@app.command()
def demo(
    seed: Annotated[int, typer.Option(help="Same seed, same district, byte for byte.")] = 42,
    size: Annotated[
        str,
        typer.Option(help="small (2,500 students), default (25,000), large (150,000) or a number"),
    ] = "default",
    replace: Annotated[bool, typer.Option(help="Rebuild the demo district if it exists.")] = False,
    if_missing: Annotated[
        bool, typer.Option(help="Do nothing if the demo district already exists.")
    ] = False,
    daily_attendance: Annotated[
        bool, typer.Option(help="Also write attendance_daily.csv for the last year (large).")
    ] = False,
    load_data: Annotated[
        bool, typer.Option(help="Import the generated files so the data is live.")
    ] = True,
) -> None:
    """Build the demo district: organisation, one login per role, and its data files."""
    _django()
    from districtwise.demo.build import DemoExists, demo_build, parse_size

    try:
        students = parse_size(size)
    except ValueError as exc:
        raise _fail(str(exc)) from None
    with _progress() as bar:
        task = bar.add_task("Building the demo district", total=100)
        try:
            result = demo_build(
                seed=seed,
                students=students,
                replace=replace,
                if_missing=if_missing,
                daily_attendance=daily_attendance,
                load_data=load_data,
                progress=lambda text, done: bar.update(
                    task, description=text, completed=done * 100
                ),
            )
        except DemoExists as exc:
            raise _fail(str(exc)) from None
    typer.echo(result.describe())


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    threads: Annotated[int, typer.Option(help="Request threads.")] = 8,
    worker: Annotated[
        bool, typer.Option(help="Also run the background worker (imports) beside the server.")
    ] = True,
) -> None:
    """Serve Districtwise over HTTP (waitress, static files through WhiteNoise)."""
    import subprocess

    _django()
    from waitress import serve as waitress_serve

    from districtwise.wsgi import application

    helper = (
        subprocess.Popen([sys.executable, "-m", "districtwise.cli", "worker"]) if worker else None
    )
    typer.echo(f"Districtwise is at http://{host}:{port}/  (Ctrl+C stops it)")
    try:
        waitress_serve(application, host=host, port=port, threads=threads, ident="Districtwise")
    finally:
        if helper is not None:
            helper.terminate()
            helper.wait(timeout=30)


@app.command()
def createuser(
    username: Annotated[str, typer.Argument(help="The log-in name.")],
    district: Annotated[str, typer.Option(help="District code, e.g. demo.")],
    role: Annotated[str, typer.Option(help="One of the roles (see --help of 'roles').")],
    given_name: Annotated[str, typer.Option(help="Given name.")] = "",
    family_name: Annotated[str, typer.Option(help="Family name.")] = "",
    scope: Annotated[
        str,
        typer.Option(help="The school/network id, department code or partner name of the role."),
    ] = "",
    email: Annotated[str, typer.Option(help="E-mail address.")] = "",
    password_stdin: Annotated[
        bool, typer.Option(help="Read the password from standard input (else: prompt).")
    ] = False,
) -> None:
    """Create a log-in with a person record and one role in a district."""
    _django()
    from django.core.exceptions import ValidationError

    from districtwise.core.accounts import account_with_role_create

    password = (
        sys.stdin.readline().rstrip("\n")
        if password_stdin
        else typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    )
    try:
        person = account_with_role_create(
            username=username,
            password=password,
            email=email,
            district_code=district,
            role=role,
            scope=scope,
            given_name=given_name or username,
            family_name=family_name or "",
        )
    except (ValidationError, ValueError) as exc:
        messages = exc.messages if isinstance(exc, ValidationError) else [str(exc)]
        raise _fail("; ".join(messages)) from None
    typer.echo(f"Created {username} ({person.full_name}) as {role} in {district}.")


@app.command()
def backup(
    target: Annotated[Path, typer.Argument(help="File to write the backup to.")],
) -> None:
    """Write a consistent copy of the live database (SQLite online copy, or pg_dump)."""
    _django()
    from districtwise.core.backup import BackupError
    from districtwise.core.backup import backup as run_backup

    with _progress() as bar:
        task = bar.add_task("Backing up", total=None)
        try:
            run_backup(
                target, progress=lambda done, total: bar.update(task, completed=done, total=total)
            )
        except BackupError as exc:
            raise _fail(str(exc)) from None
    typer.echo(f"Backup written to {target}.")


@app.command()
def restore(
    source: Annotated[Path, typer.Argument(help="A backup file written by 'districtwise backup'.")],
    yes: Annotated[bool, typer.Option("--yes", help="Do not ask for confirmation.")] = False,
) -> None:
    """Replace the live database with a backup (stop the server first)."""
    _django()
    from districtwise.core.backup import BackupError, check_backup_file
    from districtwise.core.backup import restore as run_restore

    try:
        check_backup_file(source)
    except BackupError as exc:
        raise _fail(str(exc)) from None
    if not yes:
        typer.confirm("This replaces everything in the live database. Go on?", abort=True)
    with _progress() as bar:
        task = bar.add_task("Restoring", total=None)
        try:
            run_restore(
                source, progress=lambda done, total: bar.update(task, completed=done, total=total)
            )
        except BackupError as exc:
            raise _fail(str(exc)) from None
    typer.echo(f"Restored the database from {source}.")


@app.command(name="import")
def import_(
    path: Annotated[
        Path, typer.Argument(help="A folder, a CSV file or a zip of the district's files.")
    ],
    district: Annotated[str, typer.Option(help="District id; created if it does not exist yet.")],
    queue: Annotated[
        bool, typer.Option(help="Leave it to 'districtwise worker' instead of running it now.")
    ] = False,
) -> None:
    """Import district data files (the contract's CSVs or a OneRoster 1.1 CSV roster) as one
    all-or-nothing batch, and print the validation report."""
    _django()
    from districtwise.data.cli import import_command

    raise typer.Exit(
        code=import_command(
            path=path, district_code=district, queue=queue, progress=_progress, console=Console()
        )
    )


@app.command()
def worker(
    once: Annotated[bool, typer.Option(help="Run what is queued, then stop.")] = False,
) -> None:
    """Run background jobs (imports) as they are queued; Ctrl+C stops it."""
    _django()
    from districtwise.data.worker import run_worker

    run_worker(once=once, say=typer.echo)


audit_app = typer.Typer(help="Audits of the district's data.", no_args_is_help=True)
app.add_typer(audit_app, name="audit")


@audit_app.command("equity")
def audit_equity(
    district: Annotated[str, typer.Option(help="District id, e.g. demo.")],
    year: Annotated[str, typer.Option(help="School year: 2026 or 2025-26.")],
    fmt: Annotated[str, typer.Option("--format", help="csv, json, xlsx or pdf.")] = "csv",
    school: Annotated[str | None, typer.Option(help="Only this school (its school_id).")] = None,
    output: Annotated[
        Path | None, typer.Option(help="File to write (csv and json go to stdout without it).")
    ] = None,
    as_: Annotated[
        str | None,
        typer.Option("--as", help="Write what this user may see (their scope, suppression)."),
    ] = None,
) -> None:
    """Write the equity audit of one school year (computed first if it is not current).
    Without --as it is written with a data steward's rights: nothing suppressed."""
    _django()
    from districtwise.equity.cli import audit_equity_command

    raise typer.Exit(
        code=audit_equity_command(
            district_code=district,
            year=year,
            fmt=fmt,
            school=school,
            output=output,
            as_user=as_,
            progress=_progress,
            console=console,
        )
    )


# tiers: place the schools in support tiers again (strategy)
@app.command(name="tiers-refresh")
def tiers_refresh(
    district: Annotated[str, typer.Option(help="District code, e.g. demo.")],
    force: Annotated[
        bool, typer.Option(help="Place again even if the audit and rules have not changed.")
    ] = False,
) -> None:
    """Place every school of a district in a support tier from its current equity audit."""
    _django()
    from districtwise.organization.models import District
    from districtwise.strategy.services.tiers import tier_placements_refresh

    found = District.objects.filter(code=district).first()
    if found is None:
        raise _fail(f"There is no district {district!r}.")
    run = tier_placements_refresh(district=found, reason="command line", force=force)
    if run is None:
        raise _fail(
            f"{district} cannot be placed yet: it needs tier rules and a finished equity audit."
        )
    counts: dict[str, int] = {}
    for placement in run.placements.all():
        key = f"tier {placement.tier}" if placement.tier else "not placed"
        counts[key] = counts.get(key, 0) + 1
    summary = ", ".join(f"{n} in {k}" for k, n in sorted(counts.items()))
    typer.echo(f"Placed the schools of {district} ({run.school_year}): {summary}.")


# ---- coverage ----
@app.command(name="supports-coverage")
def supports_coverage(
    district: Annotated[str, typer.Option(help="District code, e.g. demo.")],
    starts_on: Annotated[
        str | None, typer.Option("--from", help="First day (YYYY-MM-DD); default: the school year.")
    ] = None,
    ends_on: Annotated[
        str | None,
        typer.Option("--to", help="Last day (YYYY-MM-DD); default: today or the year end."),
    ] = None,
) -> None:
    """Compute who receives the teacher supports they are entitled to, and store it."""
    import datetime as dt

    _django()
    from districtwise.organization.models import District
    from districtwise.supports.services.coverage import CoverageUnavailable, coverage_compute

    found = District.objects.filter(code=district).first()
    if found is None:
        raise _fail(f"There is no district {district!r}.")
    period = None
    if starts_on or ends_on:
        try:
            period = (dt.date.fromisoformat(starts_on or ""), dt.date.fromisoformat(ends_on or ""))
        except ValueError:
            raise _fail("Give both --from and --to as dates, e.g. 2025-09-01.") from None
    with _progress() as bar:
        task = bar.add_task("Coverage", total=1.0)
        try:
            run = coverage_compute(
                district=found,
                actor=None,
                period=period,
                progress=lambda step, done: bar.update(task, description=step, completed=done),
            )
        except CoverageUnavailable as exc:
            raise _fail(str(exc)) from None
    typer.echo(
        f"Coverage of {district} from {run.starts_on} to {run.ends_on}: "
        f"{run.sources['deliveries']} deliveries to the teachers of "
        f"{run.sources['assignments']} assignments, in {run.seconds:.1f} s."
    )


# ---- end coverage ----
# ---- logs: delivery logs from a CSV file (supports) ----
@app.command(name="supports-logs-import")
def supports_logs_import(
    file: Annotated[Path, typer.Argument(help="A CSV file of delivery logs.")],
    district: Annotated[str, typer.Option(help="District code, e.g. demo.")],
) -> None:
    """Import delivery logs from a CSV file (support, school, date, minutes, delivered_by,
    teachers, notes): all rows or none, with every problem by line."""
    _django()
    from districtwise.supports.logs_cli import logs_import_command

    raise typer.Exit(code=logs_import_command(file, district, typer.echo))


# ---- end logs ----
# ---- community partners: districtwise community remind-renewals ----
from districtwise.community.cli import community_app  # noqa: E402

app.add_typer(community_app, name="community")
# ---- end community partners ----


def main() -> None:
    """Entry point: our subcommands through Typer, anything else through Django."""
    ours = {command.name or command.callback.__name__ for command in app.registered_commands}  # type: ignore[union-attr]
    ours |= {group.name for group in app.registered_groups if group.name}
    args = sys.argv[1:]
    if not args or args[0] in ours or args[0] in {"--help", "-h"}:
        app(prog_name="districtwise")
        return
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "districtwise.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["districtwise", *args])


if __name__ == "__main__":  # python -m districtwise.cli
    main()
