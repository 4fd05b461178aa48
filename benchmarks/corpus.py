"""A deterministic corpus of follow-up pages for the benchmarks, written to a directory.

Cities of fictional names (``cities``) each publish, for fiscal years
2019-2023, one page per measure and now and then a whole year's page with
many measures; measures, comments and replies carry over from year to year,
so two years of one city make a realistic ``followup diff``.

Pages are 5-40 KB, drawn in every layout of ``layouts``, and encoded as UTF-8
(some with a BOM and no declaration) or as Windows-31J declared Shift_JIS.
Each page's ``PageRecord`` keeps its encoding, so a baseline can decode it
without guessing. The same seed writes the same bytes on every run.

Two variants: the first two-thirds of the pages are *plain* (a light frame of
a logo, five menu links, breadcrumbs and an address; the same bytes as before
the variants existed, page for page), the last third *frame-heavy*: other
cities, whose pages carry a municipal CMS frame of 15-40 KB (``frames``) on
top of their 5-40 KB of content. ``PageRecord.variant`` says which.
"""

from __future__ import annotations

import json
import math
import random
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from cities import City, Lineage, grown, measure_in_year, trimmed, weighted
from content import MeasureSpec, PageFrame
from frames import chrome
from layouts import SINGLE_LAYOUTS, YEAR_LAYOUTS, Layout

SEED = 20240601
FISCAL_YEARS = (2019, 2020, 2021, 2022, 2023)
# Every page is between these sizes; sizes are drawn log-uniformly a little inside them.
MIN_PAGE_BYTES = 5_000
MAX_PAGE_BYTES = 40_000
_TARGET_BYTES = (5_500, 38_000)
# Python codec per page; "cp932" pages declare Shift_JIS, as Japanese CMSs do.
ENCODINGS: tuple[tuple[str, float], ...] = (("utf-8", 0.6), ("utf-8-sig", 0.1), ("cp932", 0.3))
_BYTES_PER_CHAR = {"utf-8": 3, "utf-8-sig": 3, "cp932": 2}
# Bytes of a page that are not comment text: head, menus, footer, measure rows.
_FRAME_BYTES = 2_600
VARIANTS = ("plain", "frame")
# Frame-heavy cities are numbered from here, so their folders never meet the plain ones'.
_FRAME_CITY_INDEX = 500
# CMS templates draw the heavy frame; pages of the old upper-case HTML 4 have none.
_LIGHT_ONLY_LAYOUTS = frozenset({"old_upper"})


@dataclass(frozen=True)
class PageRecord:
    """One written page and what the parser should find in it."""

    path: str
    fiscal_year: int
    encoding: str
    layout: str
    measures: int
    comments: int
    size: int
    # "plain" or "frame" (frame-heavy); see the module's docstring.
    variant: str = "plain"

    def decode(self, data: bytes) -> str:
        """The page as text, with its known encoding (``utf-8-sig`` drops the BOM)."""
        return data.decode(self.encoding)


@dataclass(frozen=True)
class DiffYears:
    """Two consecutive fiscal years of one large city, for the diff benchmark."""

    old_year: int
    new_year: int
    old_pages: tuple[PageRecord, ...]
    new_pages: tuple[PageRecord, ...]


def _charset_meta(encoding: str, layout: str, rng: random.Random) -> str:
    charset = {"utf-8": "utf-8", "utf-8-sig": "UTF-8", "cp932": "Shift_JIS"}[encoding]
    if encoding == "utf-8-sig" and rng.random() < 0.5:
        return ""
    if layout == "old_upper":
        return f'<META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset={charset}">'
    if rng.random() < 0.3:
        return f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">'
    return f'<meta charset="{charset}">'


def _era(year: int, rng: random.Random) -> str:
    number = year - 2018
    if rng.random() < 0.15:
        return f"{year}年度"
    written = "元" if number == 1 else str(number)
    if rng.random() < 0.2:
        written = written.translate({c: c + 0xFEE0 for c in range(0x30, 0x3A)})
    return f"令和{written}年度"


def _file_year(year: int, rng: random.Random) -> str:
    era = year - 2018
    return rng.choice((f"{year}_", f"R{era:02d}_", f"r{era}_", f"fy{year}_"))


def _frame(
    city: City, year: int, measures: Sequence[MeasureSpec], year_in_title: bool, meta: str
) -> PageFrame:
    rng = city.rng
    department = measures[0].department if len(measures) == 1 else None
    subject = f"（{department}）" if department else ""
    base = f"外部評価実施後の対応状況表{subject}"
    heading = f"{_era(year, rng)} {base}" if year_in_title else base
    lead = (
        "市民委員からいただいたコメントに対する各担当課の返答と、今後の市の方向性を取りまとめました。"
        if rng.random() < 0.6
        else "この表は、外部評価委員会の意見に対する各担当課の返答と、"
        f"今後の市の方向性をまとめたものです。令和{year - 2018 + 1}年度予算への反映状況は、"
        "予算の概要とあわせて別途公表します。"
        "内容に関するお問い合わせは、各担当課までお願いします。"
    )
    return PageFrame(
        title=f"{heading} | {city.name}",
        heading=heading,
        charset_meta=meta,
        city=city.name,
        lead=lead,
    )


def _page_budget(rng: random.Random, encoding: str, measures: int) -> int:
    """Characters of comment text per measure for a page of a realistic size."""
    low, high = _TARGET_BYTES
    size = math.exp(rng.uniform(math.log(low), math.log(high)))
    per_row_markup = 60
    chars = (size - _FRAME_BYTES - 500 * measures) / (_BYTES_PER_CHAR[encoding] + 0.05)
    return max(150, int(chars / measures) - per_row_markup)


class _Writer:
    def __init__(self, root: Path, variant: str = "plain") -> None:
        self.root = root
        self.variant = variant
        self.records: list[PageRecord] = []

    def page(self, city: City, year: int, lineages: Sequence[Lineage], counter: int) -> PageRecord:
        rng = city.rng
        encoding = weighted(rng, ENCODINGS)
        layouts = SINGLE_LAYOUTS if len(lineages) == 1 else YEAR_LAYOUTS
        choices = [
            (name, weight)
            for name, (_, weight) in layouts.items()
            if self.variant == "plain" or name not in _LIGHT_ONLY_LAYOUTS
        ]
        layout_name = weighted(rng, choices)
        draw: Layout = layouts[layout_name][0]
        budget = _page_budget(rng, encoding, len(lineages))
        measures = [measure_in_year(rng, lineage, year, budget) for lineage in lineages]
        year_in_title = rng.random() < 0.6
        meta = _charset_meta(encoding, layout_name, rng)
        frame = _frame(city, year, measures, year_in_title, meta)
        extra = 0
        if self.variant == "frame":
            heavy = chrome(
                random.Random(rng.getrandbits(64)),
                city.name,
                title=frame.title,
                heading=frame.heading,
                year=year,
                encoding=encoding,
            )
            frame = replace(frame, chrome=heavy)
            # The content keeps the plain pages' sizes; the frame comes on top.
            extra = len(heavy.markup().encode(encoding)) - _FRAME_BYTES
        data = draw(measures, frame, rng).encode(encoding)
        # The budget is an estimate: add or drop comments until the page fits the range.
        while True:
            if len(data) < MIN_PAGE_BYTES + extra:
                measures[-1] = grown(rng, measures[-1], year)
            elif len(data) > MAX_PAGE_BYTES + extra and any(len(m.comments) > 1 for m in measures):
                largest = max(range(len(measures)), key=lambda i: len(measures[i].comments))
                measures[largest] = trimmed(measures[largest])
            else:
                break
            data = draw(measures, frame, rng).encode(encoding)
        for lineage, measure in zip(lineages, measures, strict=True):
            lineage.comments = measure.comments
        prefix = "" if year_in_title else _file_year(year, rng)
        relative = f"{city.slug}/{prefix}p{counter:05d}.html"
        target = self.root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        record = PageRecord(
            path=relative,
            fiscal_year=year,
            encoding=encoding,
            layout=layout_name,
            measures=len(measures),
            comments=sum(len(m.comments) for m in measures),
            size=len(data),
            variant=self.variant,
        )
        self.records.append(record)
        return record

    def manifest(self) -> None:
        """corpus.json beside the pages, for a kept corpus (``followup`` reads only .html)."""
        rows = [asdict(record) for record in self.records]
        (self.root / "corpus.json").write_text(json.dumps(rows, ensure_ascii=False, indent=0))


def _city_year_pages(writer: _Writer, city: City, year: int, counter: int) -> Iterator[PageRecord]:
    """One city's pages for one year: mostly a page per measure, some whole-year pages."""
    lineages = city.advance()
    position = 0
    while position < len(lineages):
        take = city.rng.randint(3, 8) if city.rng.random() < 0.06 else 1
        group = lineages[position : position + take]
        position += take
        yield writer.page(city, year, group, counter)
        counter += 1


def write_pages(root: Path, count: int, *, seed: int = SEED) -> list[PageRecord]:
    """Write ``count`` pages under ``root`` (cityNNN/...html) and return their records.

    The first ``count - count // 3`` are plain, the rest frame-heavy, each
    variant drawn from its own seeded stream.
    """
    heavy = count // 3
    plain = _Writer(root)
    _write_cities(plain, count - heavy, random.Random(seed), first_index=0)
    frame = _Writer(root, "frame")
    _write_cities(frame, heavy, random.Random(seed + 2), first_index=_FRAME_CITY_INDEX)
    plain.records.extend(frame.records)
    plain.manifest()
    return plain.records


def _write_cities(writer: _Writer, count: int, rng: random.Random, first_index: int) -> None:
    index = first_index
    while len(writer.records) < count:
        city = City(random.Random(rng.getrandbits(64)), index, size=rng.randint(25, 55))
        index += 1
        for year in FISCAL_YEARS:
            for _ in _city_year_pages(writer, city, year, len(writer.records)):
                if len(writer.records) >= count:
                    break
            if len(writer.records) >= count:
                break


def write_diff_years(root: Path, measures_per_year: int, *, seed: int = SEED) -> DiffYears:
    """Two consecutive years of one city with ``measures_per_year`` measures each."""
    rng = random.Random(seed + 1)
    writer = _Writer(root)
    city = City(random.Random(rng.getrandbits(64)), 900, size=measures_per_year)
    old_year, new_year = 2021, 2022
    old_pages = tuple(_city_year_pages(writer, city, old_year, 0))
    new_pages = tuple(_city_year_pages(writer, city, new_year, len(writer.records)))
    writer.manifest()
    return DiffYears(old_year, new_year, old_pages, new_pages)
