"""Spans are Python str indices into the text that was parsed: slicing the
input with them gives back what the object says it came from, also with
characters outside the BMP, full-width forms, CRLF line ends and bytes input."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import taizhang


def spanned(plan: taizhang.Plan) -> Iterator[tuple[str, taizhang.Span, str]]:
    """(what, span, the text the object claims for it)."""
    for m in plan.measures:
        for u in [*m.lead_units, *m.co_units]:
            yield f"unit of {m.id}", u.span, u.raw
        for d in m.dates:
            yield f"date of {m.id}", d.span, d.text
        for ms in m.milestones:
            if ms.deadline.kind != "implied":
                yield f"deadline of {ms.id}", ms.deadline.span, ms.deadline.text
            yield f"milestone {ms.id}", ms.span, ms.text
        for t in m.targets:
            yield f"target of {m.id}", t.span, t.text
    if plan.doc_number is not None:
        yield "doc number", plan.doc_number.span, plan.doc_number.text


def check_spans(text: str, plan: taizhang.Plan) -> int:
    """Asserts every span slices `text` to its object's text; returns how many."""
    count = 0
    encoded = text.encode("utf-8")
    utf16 = text.encode("utf-16-le")
    for what, span, claimed in spanned(plan):
        assert text[span.start : span.end] == claimed, what
        assert text[span.slice()] == claimed, what
        assert encoded[span.byte_start : span.byte_end].decode("utf-8") == claimed, what
        assert utf16[2 * span.utf16_start : 2 * span.utf16_end].decode("utf-16-le") == claimed, what
        count += 1
    for m in plan.measures:
        # The measure's span covers its heading and body; `text` is the body as written.
        source = text[m.span.start : m.span.end]
        assert m.text and m.text.strip() in source, m.id
        assert source.lstrip().startswith(m.marker), m.id
        assert encoded[m.span.byte_start : m.span.byte_end].decode("utf-8") == source
    for d in plan.diagnostics:
        assert 0 <= d.span.start <= d.span.end <= len(text)
    return count


def test_reference_spans(reference_text: str, plan: taizhang.Plan) -> None:
    assert check_spans(reference_text, plan) >= 66  # at least one lead unit each


def _lead_names(plan: taizhang.Plan) -> list[list[str]]:
    return [[u.name for u in m.lead_units] for m in plan.measures]


def _dues(plan: taizhang.Plan) -> list[list[object]]:
    return [[ms.due for ms in m.milestones] for m in plan.measures]


FULL_WIDTH = str.maketrans({chr(c): chr(c + 0xFEE0) for c in range(0x21, 0x7F)})


def variant(text: str) -> str:
    """The reference text with non-BMP characters in front and inside the
    measures (each one code point in Python, four UTF-8 bytes, two UTF-16
    units), and the measure markers, unit labels and digits in full-width forms."""
    lines = []
    for line in text.split("\n"):
        m = re.match(r"(\d+)\.(.*)", line)
        if m:  # "12.加快…" → "１２．加快😀…𠀀"
            line = m.group(1).translate(FULL_WIDTH) + "．" + "😀" + m.group(2) + "𠀀"
        elif line.startswith("牵头单位:"):
            line = "牵头单位：" + line[len("牵头单位:") :]
        lines.append(line)
    return "𝐓𝐙 \U0001F4C4\n" + "\n".join(lines).replace("2022年", "２０２２年")


def test_non_bmp_and_full_width(reference_text: str, plan: taizhang.Plan) -> None:
    text = variant(reference_text)
    assert len(text.encode("utf-16-le")) // 2 > len(text)  # really has astral characters
    other = taizhang.parse(text)
    assert check_spans(text, other) >= 66
    # Same reading as the plain text: only the characters changed.
    assert len(other.measures) == len(plan.measures)
    assert _lead_names(other) == _lead_names(plan)
    assert _dues(other) == _dues(plan)
    # The astral characters are inside the measure text, counted once each.
    first = other.measures[0]
    assert "😀" in first.text
    assert text[first.span.start : first.span.end].count("😀") == 1


def test_byte_code_point_and_utf16_offsets_slice_the_same_text() -> None:
    # 𠀋 (U+2000B) is one str index, four UTF-8 bytes and two UTF-16 units.
    text = "𠀋𠀋云溪县实施方案\n一、重点任务\n1.建设𠀋桥。（牵头单位：云溪县交通运输局；2030年6月底前完成）\n"
    plan = taizhang.parse(text)
    assert check_spans(text, plan) >= 2
    unit = plan.measures[0].lead_units[0].span
    utf16 = text.encode("utf-16-le")
    assert text[unit.start : unit.end] == "云溪县交通运输局"
    assert utf16[2 * unit.utf16_start : 2 * unit.utf16_end].decode("utf-16-le") == "云溪县交通运输局"
    assert unit.utf16_start == unit.start + 3  # three 𠀋 before it, each one unit more


def test_crlf_spans_index_the_string_as_given(reference_text: str, plan: taizhang.Plan) -> None:
    text = reference_text.replace("\n", "\r\n")
    other = taizhang.parse(text)
    check_spans(text, other)
    assert _lead_names(other) == _lead_names(plan)


def test_bytes_input_spans_index_the_decoded_text(reference_text: str) -> None:
    text = variant(reference_text)
    from_bytes = taizhang.parse(text.encode("utf-8"))
    check_spans(text, from_bytes)
    assert from_bytes == taizhang.parse(text)


def test_bom_is_a_character_of_the_input(reference_text: str, plan: taizhang.Plan) -> None:
    text = "\ufeff" + reference_text
    other = taizhang.parse(text)
    check_spans(text, other)
    first, base = other.measures[0].span, plan.measures[0].span
    assert (first.start, first.byte_start) == (base.start + 1, base.byte_start + 3)


def test_parse_file_spans_index_the_file_read_without_newline_translation(tmp_path: Path, reference_text: str) -> None:
    text = variant(reference_text).replace("\n", "\r\n")
    path = tmp_path / "plan.txt"
    path.write_bytes(text.encode("utf-8"))
    with open(path, encoding="utf-8", newline="") as f:
        assert f.read() == text
    check_spans(text, taizhang.parse_file(path))
