"""Files in a folder on this server's disk: the default, fine for one server."""

import os
import tempfile
from pathlib import Path
from typing import IO

from convention.storage.base import MissingFile, checked


class LocalStorage:
    """Keep each file under `folder`, at the path its key names."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _path(self, key: str) -> Path:
        """Return where a key's file is; a key that could leave the folder is refused."""
        return self.folder / checked(key)

    def put(self, key: str, data: bytes, content_type: str) -> None:
        """Write the file whole under a temporary name, then rename it: readers never see half."""
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".upload-")
        try:
            with os.fdopen(handle, "wb") as file:
                file.write(data)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise

    def get(self, key: str) -> IO[bytes]:
        """Open the file for reading."""
        try:
            return self._path(key).open("rb")
        except (FileNotFoundError, IsADirectoryError) as error:
            raise MissingFile(key) from error

    def delete(self, key: str) -> None:
        """Erase the file if it is there."""
        self._path(key).unlink(missing_ok=True)

    def exists(self, key: str) -> bool:
        """Tell whether the file is there."""
        return self._path(key).is_file()
