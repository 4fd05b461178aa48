"""Content decoding that never makes more than the limit, whatever the coding."""

from __future__ import annotations

import gzip
import zlib

import pytest

from followup_cli.fetch.decoding import BoundedDecoder, ContentTooLarge, content_codings
from followup_cli.fetch.errors import FetchError

PAGE = "<html>外部評価実施後の対応状況表</html>".encode() * 50


def _raw_deflate(data: bytes) -> bytes:
    compressor = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    return compressor.compress(data) + compressor.flush()


@pytest.mark.parametrize(
    ("coding", "body"),
    [
        (None, PAGE),
        ("identity", PAGE),
        ("gzip", gzip.compress(PAGE)),
        ("x-gzip", gzip.compress(PAGE)),
        ("deflate", zlib.compress(PAGE)),
        ("deflate", _raw_deflate(PAGE)),
    ],
    ids=["none", "identity", "gzip", "x-gzip", "deflate-zlib", "deflate-raw"],
)
def test_each_coding_decodes_chunk_by_chunk(coding: str | None, body: bytes) -> None:
    decoder = BoundedDecoder("u", "u", coding, limit=len(PAGE))
    # One byte at a time: no chunk boundary may matter.
    out = b"".join(decoder.feed(body[start : start + 1]) for start in range(len(body)))
    decoder.finish()
    assert out == PAGE


def test_the_limit_counts_decoded_bytes() -> None:
    decoder = BoundedDecoder("u", "u", "gzip", limit=len(PAGE) - 1)
    with pytest.raises(ContentTooLarge):
        decoder.feed(gzip.compress(PAGE))
    assert decoder.made == len(PAGE)


def test_cut_short_compressed_content_is_an_error() -> None:
    decoder = BoundedDecoder("u", "u", "gzip", limit=len(PAGE))
    decoder.feed(gzip.compress(PAGE)[:-12])
    with pytest.raises(FetchError, match="cut short"):
        decoder.finish()


@pytest.mark.parametrize(
    ("header", "message"),
    [("gzip, gzip", "stacked content encodings"), ("br", "unsupported content encoding")],
)
def test_codings_we_did_not_ask_for_are_refused(header: str, message: str) -> None:
    with pytest.raises(FetchError, match=message):
        BoundedDecoder("u", "u", header, limit=100)


def test_content_codings_read_the_header_in_order() -> None:
    assert content_codings(" GZIP , identity, deflate ") == ["gzip", "deflate"]
    assert content_codings(None) == []
