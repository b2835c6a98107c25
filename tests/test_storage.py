"""Both storage backends keep, send and erase files alike, and refuse keys that leave the store."""

import pytest

from convention import storage
from convention.config import ConfigError

pytestmark = pytest.mark.pure


@pytest.fixture
def store(storage_config: dict) -> storage.Storage:
    """A storage built from each backend's settings, without an app."""
    return storage.from_config(storage_config)


def test_a_file_is_put_read_back_and_deleted(store: storage.Storage) -> None:
    store.put("a1b2.pdf", b"%PDF-1.7 first", "application/pdf")
    store.put("a1b2.pdf", b"%PDF-1.7 second", "application/pdf")
    store.put("folder/c3.png", b"png", "image/png")
    assert store.exists("a1b2.pdf") and store.exists("folder/c3.png")
    with store.get("a1b2.pdf") as stream:
        assert stream.read() == b"%PDF-1.7 second"
    store.delete("a1b2.pdf")
    store.delete("a1b2.pdf")  # twice: a file already gone is not an error
    assert not store.exists("a1b2.pdf") and store.exists("folder/c3.png")
    with pytest.raises(storage.MissingFile):
        store.get("a1b2.pdf")


@pytest.mark.parametrize(
    "key",
    ["../secret", "a/../../etc/passwd", "/etc/passwd", "..", ".hidden", "a\\..\\b", "", "a//b"],
)
def test_keys_that_could_leave_the_store_are_refused(store: storage.Storage, key: str) -> None:
    with pytest.raises(storage.InvalidKey):
        store.put(key, b"x", "text/plain")
    for read in (store.get, store.exists, store.delete):
        with pytest.raises(storage.InvalidKey):
            read(key)


def test_the_local_folder_keeps_files_inside_it(tmp_path) -> None:
    store = storage.LocalStorage(tmp_path / "uploads")
    store.put("ab.pdf", b"data", "application/pdf")
    assert (tmp_path / "uploads" / "ab.pdf").read_bytes() == b"data"
    with pytest.raises(storage.InvalidKey):
        store.put("../outside.pdf", b"data", "application/pdf")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["uploads"]
    assert [p.name for p in (tmp_path / "uploads").iterdir()] == ["ab.pdf"]


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ({"STORAGE": "ftp"}, "STORAGE must be 'local' or 's3'"),
        ({"STORAGE": "s3", "S3_BUCKET": ""}, "S3_BUCKET must be set"),
    ],
)
def test_a_wrong_storage_setting_stops_the_start(config: dict, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        storage.from_config(config)
