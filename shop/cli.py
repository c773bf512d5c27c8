"""`flask --app wsgi shop …` commands. Each commits once, like a request."""
from __future__ import annotations

import click
from flask.cli import AppGroup

from shop.extensions import db

shop_cli = AppGroup("shop", help="Pasar Karya operations.")


@shop_cli.command("demo")
@click.option("--products", "extra", type=click.IntRange(0, 200_000), default=0,
              help="Add this many extra products (for benchmarks), e.g. 20000.")
@click.option("--if-empty", is_flag=True, help="Do nothing when the database already has groups.")
def demo(extra: int, if_empty: bool) -> None:
    """Load the deterministic demo catalogue (45 groups in West and East Java)."""
    from shop.demo.loader import is_empty, load_demo

    if not is_empty():
        if if_empty:
            click.echo("Database already has data; demo not loaded.")
            return
        raise click.ClickException("The database already has groups. Demo data goes into an empty database.")
    result = load_demo(extra_products=extra)
    db.session.commit()
    click.echo(f"Demo loaded: {result['groups']} groups, {result['members']} members, "
               f"{result['products']} products, {result.get('orders', 0)} orders of history, "
               f"{result.get('closed', 0)} closed years, {result.get('custom_orders', 0)} made-to-measure requests.")


@shop_cli.command("outbox")
@click.option("--send", is_flag=True, help="Try again to deliver messages not yet sent.")
@click.option("--limit", type=click.IntRange(1, 10_000), default=50)
def outbox(send: bool, limit: int) -> None:
    """List the e-mail outbox (newest first); with --send, retry unsent messages."""
    from sqlalchemy import select

    from shop.mail.models import OutboxMessage
    from shop.mail.services import deliver, pending_ids

    if send:
        click.echo(f"Sent {deliver(pending_ids())} message(s).")
    rows = db.session.scalars(select(OutboxMessage).order_by(OutboxMessage.id.desc()).limit(limit))
    for m in rows:
        state = f"sent {m.sent_at:%Y-%m-%d %H:%M}" if m.sent_at else f"UNSENT ({m.last_error or 'pending'})"
        where = f" -> instance/mail/{m.file_name}" if m.file_name else ""
        click.echo(f"#{m.id} {m.created_at:%Y-%m-%d %H:%M} to {m.to}: {m.subject} [{state}]{where}")


@shop_cli.command("expire-orders")
def expire_orders() -> None:
    """Expire bank-transfer orders unpaid after BANK_TRANSFER_HOURS (no slip waiting) and return their stock."""
    from shop.payments.services import expire_unpaid

    count = expire_unpaid()
    db.session.commit()
    click.echo(f"Expired {count} unpaid order part(s).")


@shop_cli.command("reconcile-payments")
def reconcile_payments() -> None:
    """Ask Xendit and Stripe about unpaid orders with an open payment (and Xendit about fees not yet booked),
    and complete or expire them, so a lost callback loses nothing. Safe to run as often as you like (cron)."""
    from shop.payments import reconcile

    count = 0
    for verb, ids in ((reconcile.reconcile_attempt, reconcile.open_attempts()),
                      (reconcile.book_fee_from_xendit, reconcile.fees_missing())):
        for payment_id in ids:  # each payment commits on its own: one payment's trouble stops no other
            outcome = verb(payment_id)
            db.session.commit()
            click.echo(f"payment {payment_id}: {outcome}")
            count += 1
    click.echo(f"Reconciled {count} payment(s).")


def _month_option(ctx, param, value):
    """--through YYYY-MM → (year, month)."""
    if value is None:
        return None
    try:
        year, month = (int(part) for part in value.split("-"))
        if 2000 <= year <= 2100 and 1 <= month <= 12 and len(value) == 7:
            return year, month
    except ValueError:
        pass
    raise click.BadParameter("use YYYY-MM, e.g. 2026-11")


@shop_cli.command("depreciate")
@click.option("--through", callback=_month_option, default=None, metavar="YYYY-MM",
              help="Post depreciation up to this month (default: every month that has ended).")
def depreciate(through: tuple[int, int] | None) -> None:
    """Post the monthly straight-line depreciation of every group's fixed assets: each month that has ended,
    once per asset (safe to run again, e.g. from cron on the 1st); never into a closed or locked period."""
    from shop.ledger import assets

    rows = assets.assets_of()
    result = assets.RunResult()
    with click.progressbar(rows, label="Aset", show_pos=True) as bar:
        for asset in bar:  # each asset commits on its own
            assets.depreciate_asset(asset, through=through, result=result)
            db.session.commit()
    click.echo(f"Posted {result.posted} month(s) of depreciation, Rp{result.amount:,} in all"
               .replace(",", ".") + (f"; {result.waiting} month(s) wait for an open period." if result.waiting
                                     else "."))


@shop_cli.command("create-user")
@click.argument("email")
@click.option("--role", required=True, type=click.Choice(["admin", "coordinator", "organiser", "cashier"]),
              help="What the account may do.")
@click.option("--group", "group_slug", default=None, help="Slug of the group a coordinator manages.")
@click.option("--password", default=None, help="The password; asked for (twice, hidden) when not given.")
@click.option("--name", default="", help="The person's name.")
def create_user(email: str, role: str, group_slug: str | None, password: str | None, name: str) -> None:
    """Create an account that can log in at once, e.g. the first admin."""
    from sqlalchemy import select

    from shop.accounts import services
    from shop.activity.services import record
    from shop.errors import DomainError
    from shop.groups.models import Group

    group_id = None
    if role == "coordinator":
        if not group_slug:
            raise click.UsageError("A coordinator needs --group SLUG (the group they manage).")
        group_id = db.session.scalar(select(Group.id).where(Group.slug == group_slug))
        if group_id is None:
            raise click.ClickException(f"No group with slug '{group_slug}'.")
    elif group_slug:
        raise click.UsageError("--group is only for coordinators.")
    if password is None:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    try:
        user = services.create_user(email, role, password=password, group_id=group_id, name=name)
    except DomainError as err:
        raise click.ClickException(str(err)) from None
    record("user.created", f"{user.email} ({role})", group_id=group_id)
    db.session.commit()
    click.echo(f"Created {role} {user.email}" + (f" for group {group_slug}" if group_id else "") + ".")


@shop_cli.command("backup")
@click.argument("path", type=click.Path(dir_okay=False, writable=True))
def backup(path: str) -> None:
    """Write the database (a consistent snapshot, while the shop serves), photos and slips to PATH (.tar.gz)."""
    from shop.backup import BackupError
    from shop.backup import backup as make_backup

    try:
        manifest = make_backup(path)
    except BackupError as err:
        raise click.ClickException(str(err)) from None
    click.echo(f"Backup written to {path}: {manifest['backend']} database, "
               f"{manifest['files']['uploads']} photo file(s), {manifest['files']['slips']} slip(s).")


@shop_cli.command("restore")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
def restore(path: str, yes: bool) -> None:
    """Replace the database, photos and slips by those in the backup PATH. Stop the shop first."""
    from shop.backup import BackupError
    from shop.backup import restore as put_back

    if not yes:
        click.confirm("This replaces the current database, photos and slips. Continue?", abort=True)
    try:
        manifest = put_back(path)
    except BackupError as err:
        raise click.ClickException(str(err)) from None
    click.echo(f"Restored the backup made at {manifest['made_at']}.")


@shop_cli.command("worker")
@click.option("--burst", is_flag=True, help="Stop when the queue is empty (tests, cron).")
def worker(burst: bool) -> None:
    """Run background jobs from Redis (SHOP_REDIS_URL): mail delivery, photo encoding, PDFs."""
    from rq import SimpleWorker

    from shop import queue

    if queue.redis_connection() is None:
        raise click.ClickException("SHOP_REDIS_URL is not set: without Redis, jobs run in the app after commit.")
    # SimpleWorker runs each job in this process, inside this app context (queue.run_job gives it its own
    # database session); a job that raises is retried (queue.RETRY_INTERVALS) and then kept as failed.
    SimpleWorker([queue.rq_queue()], connection=queue.redis_connection()).work(burst=burst, with_scheduler=True)


@shop_cli.command("jobs")
@click.option("--requeue", "job_id", default=None, help="Run a failed job again.")
def jobs(job_id: str | None) -> None:
    """List background jobs that failed every attempt (kept for an admin, never dropped)."""
    from shop import queue

    if job_id:
        queue.requeue(job_id)
        click.echo(f"Requeued {job_id}.")
        return
    failed = queue.failed_jobs()
    if not failed:
        click.echo("No failed jobs." if queue.redis_connection() else "No Redis: jobs run in-process.")
    for job in failed:
        click.echo(f"{job['id']} {job['ended_at']:%Y-%m-%d %H:%M} {job['job']}{tuple(job['args'])}: "
                   f"{' '.join(job['error'])}")
