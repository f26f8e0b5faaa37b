"""A spreadsheet of stories saved as CSV (or tab-separated) text, read as the Markdown table it
stands for, so the STAR-grid reader takes one story per row and every row keeps its line number.

Only text that reads as a table is touched: a header of three or more short cells, one naming a
STAR part, a title or a principle, and every other record with the same number of cells.
"""

from __future__ import annotations

import csv
import io
import re

_HEADER_WORDS = 5  # a header cell is a column name, not a sentence
_MIN_COLUMNS = 3
_NAMED = re.compile(
    r"^(situation|task|action|result|lesson|learning|problem|solution|impact|title|story|name|"
    r"principles?|lps?|leadership principles?|competency|question|s|t|a|r|l)\b",
    re.IGNORECASE,
)


def _header(first: str, delimiter: str) -> bool:
    """Whether a first line reads as the header of a table of stories (checked before the
    whole file is parsed, so notes that are no table cost nothing)."""
    cells = [c.strip(' "') for c in first.split(delimiter)]
    short = all(len(c.split()) <= _HEADER_WORDS for c in cells)
    return len(cells) >= _MIN_COLUMNS and short and any(_NAMED.match(c) for c in cells)


def _records(text: str) -> tuple[list[list[str]], list[int]] | None:
    """Each record and the line it starts on, when ``text`` is a table."""
    text = text.lstrip("\ufeff")
    first = text.split("\n", 1)[0]
    delimiter = "\t" if first.count("\t") >= _MIN_COLUMNS - 1 else ","
    if not _header(first, delimiter):
        return None
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    records, starts = [], []
    try:
        for record in reader:
            if any(cell.strip() for cell in record):
                records.append(record)
                starts.append(reader.line_num - record_lines(record) + 1)
    except csv.Error:
        return None
    if len(records) < 2:
        return None
    header = [cell.strip() for cell in records[0]]
    if len(header) < _MIN_COLUMNS or any(len(c.split()) > _HEADER_WORDS for c in header):
        return None
    if not any(_NAMED.match(c) for c in header):
        return None
    if any(len(r) != len(header) for r in records[1:]):
        return None
    return records, starts


def record_lines(record: list[str]) -> int:
    """How many lines of the file one record spans (a quoted cell may hold line breaks)."""
    return 1 + sum(cell.count("\n") for cell in record)


def looks_like_csv(text: str) -> bool:
    """Whether a notes file is a spreadsheet of stories saved as CSV or TSV."""
    return _records(text) is not None


def csv_as_markdown(text: str) -> list[tuple[int, str]]:
    """The table as Markdown rows, each at the line its record starts on (the separator row
    shares the header's number; the further lines of a record that spans several are left out,
    so the table stays one table)."""
    found = _records(text)
    if found is None:
        return list(enumerate(text.splitlines(), start=1))
    records, starts = found

    def row(cells: list[str]) -> str:
        return "| " + " | ".join(" ".join(c.replace("|", "/").split()) for c in cells) + " |"

    out: list[tuple[int, str]] = [(starts[0], row(records[0]))]
    out.append((starts[0], "|" + "---|" * len(records[0])))
    for record, start in zip(records[1:], starts[1:], strict=True):
        out.append((start, row(record)))
    return out
