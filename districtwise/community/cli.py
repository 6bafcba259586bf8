"""``districtwise community ...``: commands of partners and community.

``districtwise community remind-renewals --district demo`` tells the district lead of
each partnership whose agreement ends within 90 days (the partnership managers when it
names none), once per agreement. ``districtwise worker`` does the same every day for
every district; this command does it now, for one."""

from __future__ import annotations

import datetime as dt
import os
from typing import Annotated

import typer

community_app = typer.Typer(help="Partners and community.", no_args_is_help=True)


@community_app.command("remind-renewals")
def remind_renewals(
    district: Annotated[str, typer.Option(help="District code, e.g. demo.")],
    today: Annotated[
        str | None, typer.Option(help="Count from this day (YYYY-MM-DD) instead of today.")
    ] = None,
) -> None:
    """Tell each partnership's lead that its agreement ends within 90 days (once each)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "districtwise.settings")
    import django

    django.setup()
    from districtwise.community.services.partners import partnership_renewals_remind
    from districtwise.organization.models import District

    found = District.objects.filter(code=district).first()
    if found is None:
        typer.echo(f"Error: there is no district {district!r}.", err=True)
        raise typer.Exit(code=2)
    try:
        day = dt.date.fromisoformat(today) if today else None
    except ValueError:
        typer.echo(f"Error: {today!r} is not a date: write YYYY-MM-DD.", err=True)
        raise typer.Exit(code=2) from None
    reminded = partnership_renewals_remind(district=found, today=day)
    for partnership in reminded:
        typer.echo(f"Reminded: {partnership.title} ends on {partnership.ends_on.isoformat()}.")
    typer.echo(f"{len(reminded)} partnership(s) reminded of their renewal.")
