"""Where files live: product photos (public media) and private files (transfer slips, rendered PDFs).

A local folder by default (UPLOAD_DIR for media, SLIP_DIR for private files). With SHOP_MEDIA_S3_BUCKET set, an
S3-compatible bucket through boto3 (SHOP_MEDIA_S3_ENDPOINT for MinIO, Ceph or another provider,
SHOP_MEDIA_S3_REGION, SHOP_MEDIA_S3_ACCESS_KEY, SHOP_MEDIA_S3_SECRET_KEY), under the prefixes `media/` and
`private/`. The bucket stays private: the app serves media itself (`/media/...`, cached for a year by the browser
and the reverse proxy) and private files only after its access check, so no object is ever public.
"""
from __future__ import annotations

import os
from pathlib import Path

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError
from flask import current_app


class LocalFiles:
    def __init__(self, root: str):
        self.root = Path(root)
        self.local_root = str(self.root)  # send_from_directory can serve these directly

    def _path(self, name: str) -> Path:
        if not name or name.startswith("/") or ".." in name.split("/"):
            raise FileNotFoundError(name)
        return self.root / name

    def save(self, name: str, data: bytes) -> None:
        path = self._path(name)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".part")
        tmp.write_bytes(data)
        os.replace(tmp, path)  # readers never see half a file

    def read(self, name: str) -> bytes:
        return self._path(name).read_bytes()

    def exists(self, name: str) -> bool:
        return self._path(name).is_file()

    def delete(self, name: str) -> None:
        self._path(name).unlink(missing_ok=True)


class BucketFiles:
    local_root = None

    def __init__(self, client, bucket: str, prefix: str):
        self.client, self.bucket, self.prefix = client, bucket, prefix

    def save(self, name: str, data: bytes) -> None:
        self.client.put_object(Bucket=self.bucket, Key=self.prefix + name, Body=data)

    def read(self, name: str) -> bytes:
        try:
            return self.client.get_object(Bucket=self.bucket, Key=self.prefix + name)["Body"].read()
        except ClientError as err:
            raise FileNotFoundError(name) from err

    def exists(self, name: str) -> bool:
        try:
            self.client.head_object(Bucket=self.bucket, Key=self.prefix + name)
            return True
        except ClientError:
            return False

    def delete(self, name: str) -> None:
        self.client.delete_object(Bucket=self.bucket, Key=self.prefix + name)


def _client():
    app = current_app
    client = app.extensions.get("shop_s3")
    if client is None:
        cfg = app.config
        client = app.extensions["shop_s3"] = boto3.client(
            "s3", endpoint_url=cfg.get("MEDIA_S3_ENDPOINT") or None, region_name=cfg.get("MEDIA_S3_REGION") or None,
            aws_access_key_id=cfg.get("MEDIA_S3_ACCESS_KEY") or None,
            aws_secret_access_key=cfg.get("MEDIA_S3_SECRET_KEY") or None,
            config=Config(retries={"max_attempts": 3}, connect_timeout=5, read_timeout=30))
    return client


def _bucket() -> str:
    return current_app.config.get("MEDIA_S3_BUCKET") or ""


def media():
    """Public product photos: served by /media/<name>."""
    if _bucket():
        return BucketFiles(_client(), _bucket(), "media/")
    return LocalFiles(current_app.config["UPLOAD_DIR"])


def private_files():
    """Transfer slips and rendered PDFs: only ever served by a view after its access check."""
    if _bucket():
        return BucketFiles(_client(), _bucket(), "private/")
    return LocalFiles(current_app.config["SLIP_DIR"])
