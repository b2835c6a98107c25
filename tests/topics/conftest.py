"""Uploads go to a temporary folder in these tests, unless a test asks for each backend."""

import pytest

from convention import storage


@pytest.fixture(autouse=True)
def upload_folder(app, tmp_path):
    """Keep each test's files in its own folder."""
    app.config["UPLOAD_FOLDER"] = str(tmp_path / "uploads")
    storage.init_app(app)
    return tmp_path / "uploads"
