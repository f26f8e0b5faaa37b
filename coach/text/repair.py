"""Repair mojibake in notes: UTF-8 read as Mac Roman, and the other cases ftfy knows."""

from __future__ import annotations

import ftfy


def _utf8_length(lead: int) -> int:
    if 0xC2 <= lead <= 0xDF:
        return 2
    if 0xE0 <= lead <= 0xEF:
        return 3
    if 0xF0 <= lead <= 0xF4:
        return 4
    return 0


def repair_mac_roman(text: str) -> str:
    """Re-decode runs that are valid UTF-8 once encoded back to Mac Roman (e.g. '‚Üí' -> '→').

    A run is replaced only when its bytes form one complete, valid UTF-8 character, so genuine
    accented letters or curly quotes are left alone.
    """
    out: list[str] = []
    i = 0
    while i < len(text):
        char = text[i]
        if ord(char) >= 0x80:
            try:
                lead = char.encode("mac_roman")[0]
            except UnicodeEncodeError:
                lead = 0
            size = _utf8_length(lead)
            if size and i + size <= len(text):
                try:
                    fixed = text[i : i + size].encode("mac_roman").decode("utf-8")
                except (UnicodeEncodeError, UnicodeDecodeError):
                    fixed = ""
                if fixed:
                    out.append(fixed)
                    i += size
                    continue
        out.append(char)
        i += 1
    return "".join(out)


def repair_text(text: str) -> str:
    """Mac Roman repair first (ftfy would straighten its '‚' into a comma), then ftfy."""
    return ftfy.fix_text(repair_mac_roman(text), uncurl_quotes=False, normalization="NFC")
