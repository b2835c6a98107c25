"""Fetch the W3C Nu HTML Checker's jar from its npm package: `python -m tests.vnu VERSION DEST`."""

import io
import sys
import tarfile
import urllib.request
from pathlib import Path

PACKAGE = "https://registry.npmjs.org/vnu-jar/-/vnu-jar-{version}.tgz"
MEMBER = "package/build/dist/vnu.jar"


def fetch(version: str, destination: Path) -> None:
    """Download the package and keep only its jar at `destination`."""
    url = PACKAGE.format(version=version)
    with urllib.request.urlopen(url, timeout=120) as response:  # noqa: S310 - a fixed https URL
        data = response.read()
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as archive:
        jar = archive.extractfile(MEMBER)
        if jar is None:
            raise SystemExit(f"{MEMBER} is not in vnu-jar {version}")
        destination.parent.mkdir(parents=True, exist_ok=True)
        destination.write_bytes(jar.read())


if __name__ == "__main__":
    fetch(sys.argv[1], Path(sys.argv[2]))
