"""Files in an S3-compatible bucket (AWS S3, MinIO, Garage, Scaleway...): shared by every server."""

from functools import cached_property
from typing import IO, Any

import boto3
from botocore.exceptions import ClientError

from convention.storage.base import MissingFile, checked

_NOT_FOUND = {"404", "NoSuchKey", "NotFound"}


class S3Storage:
    """Keep each file as an object of `bucket`; credentials come the usual boto3 way."""

    def __init__(self, bucket: str, endpoint_url: str | None, region: str | None) -> None:
        self.bucket = bucket
        self.endpoint_url = endpoint_url or None
        self.region = region or None

    @cached_property
    def client(self) -> Any:
        """The S3 client, made on first use: each forked worker makes its own."""
        return boto3.session.Session().client(
            "s3", endpoint_url=self.endpoint_url, region_name=self.region
        )

    def put(self, key: str, data: bytes, content_type: str) -> None:
        """Upload the object with its content type."""
        self.client.put_object(
            Bucket=self.bucket, Key=checked(key), Body=data, ContentType=content_type
        )

    def get(self, key: str) -> IO[bytes]:
        """Return the object's body, read as it is sent on."""
        try:
            return self.client.get_object(Bucket=self.bucket, Key=checked(key))["Body"]
        except ClientError as error:
            if _not_found(error):
                raise MissingFile(key) from error
            raise

    def delete(self, key: str) -> None:
        """Delete the object; S3 answers the same whether it was there or not."""
        self.client.delete_object(Bucket=self.bucket, Key=checked(key))

    def exists(self, key: str) -> bool:
        """Ask for the object's headers."""
        try:
            self.client.head_object(Bucket=self.bucket, Key=checked(key))
        except ClientError as error:
            if _not_found(error):
                return False
            raise
        return True


def _not_found(error: ClientError) -> bool:
    """Tell whether S3 answered that there is no such object."""
    return error.response.get("Error", {}).get("Code") in _NOT_FOUND
