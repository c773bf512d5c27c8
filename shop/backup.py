"""`flask shop backup PATH` and `flask shop restore PATH`: the database and the files in one .tar.gz.

The database snapshot is consistent while the shop keeps serving: SQLite's online backup API copies a
transaction-consistent image page by page; for PostgreSQL, pg_dump reads one MVCC snapshot. Photos (UPLOAD_DIR)
and transfer slips (SLIP_DIR) are copied after the snapshot, so every file it refers to is in the archive
(files uploaded meanwhile are extra, which is harmless). Restore puts back the database and both folders; stop
the shop (or at least its workers) while restoring.
"""
from __future__ import annotations

import json
import os
import shutil
import sqlite3

# pg_dump and pg_restore run with fixed arguments as a list, never through a shell
import subprocess  # nosec B404
import tarfile
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from flask import current_app
from sqlalchemy.engine import make_url

from shop.extensions import db

FORMAT = 1
FOLDERS = {"uploads": "UPLOAD_DIR", "slips": "SLIP_DIR"}


class BackupError(Exception):
    """A backup or restore could not be made; the message says why."""


def _url():
    return make_url(current_app.config["SQLALCHEMY_DATABASE_URI"])


def _pg_command(tool: str, url, *args: str) -> tuple[list[str], dict]:
    if shutil.which(tool) is None:
        raise BackupError(f"{tool} is not installed (Debian: apt-get install postgresql-client)")
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = url.password  # not on the command line, where `ps` would show it
    command = [tool, "--host", url.host or "127.0.0.1", "--port", str(url.port or 5432),
               "--username", url.username or "postgres", "--dbname", url.database, *args]
    return command, env


def _run(command: list[str], env: dict) -> None:
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # nosec B603
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()[:2000]}")


def _snapshot_database(target: Path) -> str:
    url = _url()
    if url.get_backend_name() == "sqlite":
        source = sqlite3.connect(url.database)
        copy = sqlite3.connect(target / "database.sqlite3")
        try:
            with copy:
                source.backup(copy)  # the online backup API: consistent even while others write
        finally:
            copy.close()
            source.close()
        return "database.sqlite3"
    if url.get_backend_name() == "postgresql":
        command, env = _pg_command("pg_dump", url, "--format=custom", "--no-owner", "--file",
                                   str(target / "database.pgdump"))
        _run(command, env)
        return "database.pgdump"
    raise BackupError(f"backups of {url.get_backend_name()} databases are not supported")


def backup(path: str) -> dict:
    """Write the archive to `path` (.tar.gz); returns its manifest."""
    with tempfile.TemporaryDirectory() as work:
        staging = Path(work)
        database = _snapshot_database(staging)
        files = {}
        for name, setting in FOLDERS.items():
            folder = Path(current_app.config[setting])
            if folder.is_dir():
                shutil.copytree(folder, staging / name)
            files[name] = sorted(p.name for p in (staging / name).glob("*")) if (staging / name).is_dir() else []
        manifest = {"format": FORMAT, "made_at": datetime.now(UTC).isoformat(timespec="seconds"),
                    "database": database, "backend": _url().get_backend_name(),
                    "files": {name: len(names) for name, names in files.items()}}
        (staging / "manifest.json").write_text(json.dumps(manifest, indent=2))
        partial = f"{path}.partial"
        with tarfile.open(partial, "w:gz") as archive:
            for item in sorted(staging.iterdir()):
                archive.add(item, arcname=item.name)
        os.replace(partial, path)  # a reader never sees half an archive
    return manifest


def _safe_members(archive: tarfile.TarFile) -> list[tarfile.TarInfo]:
    """Only plain files and folders inside the archive (no links, no absolute or ../ paths)."""
    members = []
    for member in archive.getmembers():
        name = Path(member.name)
        if name.is_absolute() or ".." in name.parts or not (member.isfile() or member.isdir()):
            raise BackupError(f"unexpected entry in the archive: {member.name}")
        members.append(member)
    return members


def restore(path: str) -> dict:
    """Replace the database and the photo and slip folders by the archive's; returns its manifest."""
    with tempfile.TemporaryDirectory() as work, tarfile.open(path, "r:gz") as archive:
        staging = Path(work)
        archive.extractall(staging, members=_safe_members(archive))  # every member checked by _safe_members
        manifest = json.loads((staging / "manifest.json").read_text())
        if manifest.get("format") != FORMAT or manifest.get("backend") != _url().get_backend_name():
            raise BackupError(f"this archive holds a {manifest.get('backend')} database; the shop uses "
                              f"{_url().get_backend_name()}")
        db.session.remove()
        db.engine.dispose()  # no pooled connection keeps the old database open
        url = _url()
        if manifest["backend"] == "sqlite":
            source = sqlite3.connect(staging / manifest["database"])
            live = sqlite3.connect(url.database)
            try:
                with live:
                    source.backup(live)
            finally:
                live.close()
                source.close()
        else:
            command, env = _pg_command("pg_restore", url, "--clean", "--if-exists", "--no-owner",
                                       "--single-transaction", str(staging / manifest["database"]))
            _run(command, env)
        for name, setting in FOLDERS.items():
            folder = Path(current_app.config[setting])
            if folder.is_dir():
                shutil.rmtree(folder)
            if (staging / name).is_dir():
                shutil.copytree(staging / name, folder)
    return manifest
