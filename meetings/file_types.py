"""What kind of document a file is, read from its content, never from its name.

The office formats are containers, so their first bytes say little: every OOXML file is a zip,
every legacy Office file an OLE2 compound file (so is a Windows installer). The kind is read from
inside the container: an OOXML package's main part as `[Content_Types].xml` declares it, an
OpenDocument package's `mimetype` entry, the streams of an OLE2 file (read by olefile, which
follows the file's sector tables as the format requires).
"""

import zipfile
from dataclasses import dataclass
from xml.etree import ElementTree

import olefile

# The part of a package we read to tell its kind is a few kilobytes; more is not a document.
MAX_MANIFEST_BYTES = 1024 * 1024


@dataclass(frozen=True)
class FileType:
    content_type: str
    extension: str
    label: str


PDF = FileType("application/pdf", "pdf", "PDF")
DOC = FileType("application/msword", "doc", "Word")
XLS = FileType("application/vnd.ms-excel", "xls", "Excel")
PPT = FileType("application/vnd.ms-powerpoint", "ppt", "PowerPoint")
DOCX = FileType(
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx", "Word"
)
XLSX = FileType(
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx", "Excel"
)
PPTX = FileType(
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "pptx",
    "PowerPoint",
)
ODT = FileType("application/vnd.oasis.opendocument.text", "odt", "OpenDocument text")
ODS = FileType("application/vnd.oasis.opendocument.spreadsheet", "ods", "OpenDocument spreadsheet")
ODP = FileType(
    "application/vnd.oasis.opendocument.presentation", "odp", "OpenDocument presentation"
)

DOCUMENT_TYPES = (PDF, DOC, DOCX, ODT, XLS, XLSX, ODS, PPT, PPTX, ODP)
BY_CONTENT_TYPE = {file_type.content_type: file_type for file_type in DOCUMENT_TYPES}

# The stream each legacy Office application writes its content to.
OLE2_STREAMS = {"WordDocument": DOC, "Workbook": XLS, "Book": XLS, "PowerPoint Document": PPT}
# The content type [Content_Types].xml gives an OOXML package's main part. Macro-enabled
# (docm, xlsm, pptm) and template variants have other types: they are not accepted.
OOXML_MAIN_PARTS = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": DOCX,
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": XLSX,
    "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml": PPTX,
}
CONTENT_TYPES_NS = "{http://schemas.openxmlformats.org/package/2006/content-types}"


def sniff(file):
    """The FileType of a seekable binary file among DOCUMENT_TYPES, or None if it is none of
    them. Leaves the file at its start."""
    try:
        file.seek(0)
        head = file.read(8)
        file.seek(0)
        if head.startswith(b"%PDF-"):
            return PDF
        if head == olefile.MAGIC:
            return _ole2_type(file)
        if head.startswith(b"PK\x03\x04"):
            return _package_type(file)
        return None
    # A malformed container can make a parser fail in many ways (struct, index, zlib, XML
    # errors): whichever it is, the file is not a document we accept.
    except Exception:
        return None
    finally:
        file.seek(0)


def _ole2_type(file):
    ole = olefile.OleFileIO(file)
    try:
        for stream, file_type in OLE2_STREAMS.items():
            if ole.exists(stream) and ole.get_type(stream) == olefile.STGTY_STREAM:
                return file_type
        return None
    finally:
        ole.close()


def _package_type(file):
    with zipfile.ZipFile(file) as package:
        names = set(package.namelist())
        if "[Content_Types].xml" in names:
            return _ooxml_type(package, names)
        if "mimetype" in names:
            declared = _read(package, "mimetype").decode("ascii").strip()
            file_type = BY_CONTENT_TYPE.get(declared)
            return file_type if file_type in (ODT, ODS, ODP) else None
        return None


def _ooxml_type(package, names):
    manifest = ElementTree.fromstring(_read(package, "[Content_Types].xml"))
    for override in manifest.iter(f"{CONTENT_TYPES_NS}Override"):
        file_type = OOXML_MAIN_PARTS.get(override.get("ContentType"))
        # The main part must be there too: a declaration alone is not a document.
        if file_type and override.get("PartName", "").lstrip("/") in names:
            return file_type
    return None


def _read(package, name):
    with package.open(name) as member:
        content = member.read(MAX_MANIFEST_BYTES + 1)
    if len(content) > MAX_MANIFEST_BYTES:
        raise ValueError(f"{name} is too large")
    return content
