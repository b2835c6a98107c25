"""Uploads go to a temporary folder in these tests."""

import pytest


@pytest.fixture(autouse=True)
def upload_folder(app, tmp_path):
    """Keep each test's files in its own folder."""
    app.config["UPLOAD_FOLDER"] = str(tmp_path / "uploads")
    return tmp_path / "uploads"
