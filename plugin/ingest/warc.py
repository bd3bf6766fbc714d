"""Web archives: the HTML responses of a ``.warc`` or ``.warc.gz`` file (read with warcio), each
extracted like a saved page (``html.extract_page``). The article's ``source`` and ``url`` are
the record's target URI; problems name the file and the record number.

Non-HTML responses and non-response records (requests, metadata, images...) are skipped
silently. A record with an HTTP error status is a warning; a truncated record (shorter than
its Content-Length, or marked ``WARC-Truncated``) is an error and the next records still load;
a broken archive stops the reading with an error, keeping the records before it.
"""
from __future__ import annotations

import re

from .html import MAX_BYTES, extract_all
from .records import Problem

WARC_SUFFIXES = (".warc", ".warc.gz")


def read_warc(path, problems: list[Problem] | None = None, max_bytes: int = MAX_BYTES,
              jobs: int | None = None):
    """Yield ``(where, raw article)`` or ``Problem`` for each HTML response record of the WARC
    at ``path``; ``where`` is ``"<file>:record N"`` (N counts every record from 1)."""
    yield from extract_all(_records(str(path), max_bytes), jobs)


def _records(path: str, max_bytes: int):
    from warcio.archiveiterator import ArchiveIterator

    n = 0
    try:
        fh = open(path, "rb")
    except OSError as e:
        yield Problem(path, f"cannot read {path}: {e.strerror or e}")
        return
    with fh:
        it = ArchiveIterator(fh)
        while True:
            try:
                rec = next(it)
            except StopIteration:
                break
            except Exception as e:  # ArchiveLoadFailed, zlib errors, warcio internals
                msg = str(e).splitlines()[0] if str(e) else type(e).__name__
                yield Problem(f"{path}:record {n + 1}",
                              f"broken or truncated archive, stopped reading: {msg}")
                break
            n += 1
            where = f"{path}:record {n}"
            if rec.rec_type != "response":
                continue
            uri = rec.rec_headers.get_header("WARC-Target-URI") or ""
            http = rec.http_headers
            ctype = (http.get_header("Content-Type") if http else "") or ""
            if "html" not in ctype.lower():
                continue
            status = http.get_statuscode() if http else "200"
            if status and not str(status).startswith("2"):
                yield Problem(where, f"HTTP status {status} for {uri}: not loaded", fatal=False)
                continue
            try:
                data = rec.content_stream().read(max_bytes + 1)
            except Exception as e:  # zlib/gzip errors, truncated chunked encoding
                yield Problem(where, f"unreadable record: {str(e).splitlines()[0] if str(e) else type(e).__name__}")
                continue
            if len(data) > max_bytes:
                yield Problem(where, f"record over the size cap ({max_bytes:,} bytes)")
                continue
            # truncation: the block ended before its Content-Length, or the crawler said so
            left = getattr(rec.raw_stream, "limit", 0) or 0
            if left > 0:
                yield Problem(where, f"truncated record: {left:,} of {rec.length or 0:,} "
                                     f"bytes missing")
                continue
            trunc = rec.rec_headers.get_header("WARC-Truncated")
            if trunc:
                yield Problem(where, f"truncated record (WARC-Truncated: {trunc})")
                continue
            cm = re.search(r"charset=([\w.:-]+)", ctype, re.I)
            yield where, data, {"url": uri or None, "source": uri or where,
                                "encoding": cm.group(1) if cm else None}
