"""Briefing documents live in the configured storage, which every app server shares."""

import pytest
import sqlalchemy as sa

from convention import create_app
from convention.extensions import db
from convention.models import BriefingFile
from convention.rules.policy import Role
from tests.conftest import put_session
from tests.factories import make_member, make_topic
from tests.topics.files import PDF
from tests.topics.test_views import staff, upload


@pytest.mark.parametrize("storage_config", ["s3"], indirect=True)
def test_a_document_uploaded_on_one_server_is_downloaded_from_another(
    app, client, login_as, file_store, tmp_path
):
    convention, _ = staff(login_as, role=Role.EXPERT)
    upload(client, make_topic(convention), PDF, "study.pdf")
    document = db.session.scalar(sa.select(BriefingFile))
    # A second server: its own app, disk and workers; the same database and storage settings.
    other = create_app(dict(app.config) | {"UPLOAD_FOLDER": str(tmp_path / "other-disk")})
    reader = put_session(other.test_client(), make_member(convention, role=Role.CITIZEN).user)
    response = reader.get(f"/c/ai/files/{document.id}")
    assert response.status_code == 200 and response.data == PDF
    response.close()
    assert not (tmp_path / "other-disk").exists()
    with other.app_context():
        db.engine.dispose()


def test_a_document_missing_from_the_storage_answers_not_found(client, login_as, file_store):
    convention, _ = staff(login_as)
    upload(client, make_topic(convention), PDF, "study.pdf")
    document = db.session.scalar(sa.select(BriefingFile))
    file_store.delete(document.stored_name)
    assert client.get(f"/c/ai/files/{document.id}").status_code == 404
