"""Tiny, valid files of each kind a document's file may be, built here (and impostors)."""

import io
import struct
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile

OOXML_MAIN = {
    "docx": ("word/document.xml", "wordprocessingml.document.main+xml"),
    "xlsx": ("xl/workbook.xml", "spreadsheetml.sheet.main+xml"),
    "pptx": ("ppt/presentation.xml", "presentationml.presentation.main+xml"),
}
ODF_TYPES = {
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "odp": "application/vnd.oasis.opendocument.presentation",
}
OLE2_STREAMS = {"doc": "WordDocument", "xls": "Workbook", "ppt": "PowerPoint Document"}


def pdf(text="A paper"):
    return (
        b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n"
        + f"% {text}\n".encode()
        + b"trailer << /Root 1 0 R >>\n%%EOF\n"
    )


def zip_of(entries):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in entries:
            # ODF asks for its mimetype entry first and stored, not compressed.
            compress = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            archive.writestr(name, content, compress_type=compress)
    return buffer.getvalue()


def ooxml(extension, main_type=None, with_main_part=True):
    part, suffix = OOXML_MAIN[extension]
    main_type = main_type or f"application/vnd.openxmlformats-officedocument.{suffix}"
    content_types = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/{part}" ContentType="{main_type}"/>'
        "</Types>"
    )
    parts = [(part, "<document/>")] if with_main_part else []
    return zip_of([("[Content_Types].xml", content_types), *parts])


def odf(extension):
    return zip_of([("mimetype", ODF_TYPES[extension]), ("content.xml", "<office:document/>")])


def ole2(extension=None, stream=None):
    """A compound file (version 3, 512-byte sectors) holding one 4 KB stream, as legacy Office
    writes its content: sector 0 the FAT, sector 1 the directory, sectors 2-9 the stream."""
    stream = stream or OLE2_STREAMS[extension]
    end, free, fat_sector = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(16)
    header += struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + bytes(6)
    header += struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, end, 0, end, 0)
    header += struct.pack("<I", 0) + struct.pack("<I", free) * 108
    fat = [fat_sector, end, *range(3, 10), end]
    fat_bytes = struct.pack(f"<{len(fat)}I", *fat) + struct.pack("<I", free) * (128 - len(fat))

    def entry(name, kind, child, start, size):
        encoded = (name + "\0").encode("utf-16-le")
        return (
            encoded.ljust(64, b"\0")
            + struct.pack("<HBB", len(encoded), kind, 1)  # name length, type, black
            + struct.pack("<III", free, free, child)  # left, right, child
            + bytes(16 + 4 + 16)  # class id, state bits, times
            + struct.pack("<IQ", start, size)
        )

    directory = entry("Root Entry", 5, 1, end, 0) + entry(stream, 2, free, 2, 4096)
    directory += entry("", 0, free, 0, 0) * 2
    return header + fat_bytes + directory + b"x" * 4096


SAMPLES = {
    "pdf": pdf,
    **{extension: (lambda e=extension: ooxml(e)) for extension in OOXML_MAIN},
    **{extension: (lambda e=extension: odf(e)) for extension in ODF_TYPES},
    **{extension: (lambda e=extension: ole2(e)) for extension in OLE2_STREAMS},
}


def upload(name, content):
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")
