"""Small real files of each accepted kind, made in memory."""

import io
import zipfile

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 32
WEBP = b"RIFF\x24\x00\x00\x00WEBPVP8 " + b"\x00" * 32


def zipped(entries: dict[str, bytes]) -> bytes:
    """Build a zip file with these entries."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def ooxml(main: str) -> bytes:
    """A minimal Office Open XML container whose main part is `main`."""
    types = (
        '<?xml version="1.0"?><Types><Override PartName="/x" '
        f'ContentType="application/vnd.openxmlformats-officedocument.{main}"/></Types>'
    )
    return zipped({"[Content_Types].xml": types.encode(), "x": b"<x/>"})


def odf(kind: str) -> bytes:
    """A minimal OpenDocument container of `kind` (text, spreadsheet, presentation)."""
    return zipped(
        {"mimetype": f"application/vnd.oasis.opendocument.{kind}".encode(), "content.xml": b"<x/>"}
    )
