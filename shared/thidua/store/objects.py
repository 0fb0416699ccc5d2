"""Fetch uploaded objects from S3 (the only S3 reads in the project)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from botocore.exceptions import BotoCoreError

from thidua.store.errors import call_mapped, map_botocore_error

if TYPE_CHECKING:
    from mypy_boto3_s3 import S3Client


class ObjectTooLargeError(Exception):
    """The object is larger than we agree to read; its size is known without downloading it."""

    def __init__(self, size: int, limit: int) -> None:
        super().__init__(f"{size} bytes is over the limit of {limit}")
        self.size = size
        self.limit = limit


class ObjectStore:
    """Reads objects named by S3 event notifications."""

    def __init__(self, client: S3Client) -> None:
        self._client = client

    def get_bytes(self, bucket: str, key: str, *, max_bytes: int) -> bytes:
        """The object's bytes; `ObjectTooLargeError` before reading a body over `max_bytes`.

        Raises `ObjectMissingError` when the object is gone and `TransientStoreError`
        on throttling or connection trouble.
        """
        what = f"s3://{bucket}/{key}"
        response = call_mapped(what, self._client.get_object, Bucket=bucket, Key=key)
        body = response["Body"]
        try:
            size = int(response.get("ContentLength", 0))
            if size > max_bytes:
                raise ObjectTooLargeError(size, max_bytes)
            # Read one byte past the limit so a wrong ContentLength cannot smuggle in more.
            data = body.read(max_bytes + 1)
            if len(data) > max_bytes:
                raise ObjectTooLargeError(len(data), max_bytes)
            return data
        except BotoCoreError as exc:
            raise map_botocore_error(exc, what=what) from exc
        finally:
            body.close()
