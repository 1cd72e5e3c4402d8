"""One exception type, taizhang.TaizhangError, with a code and (for bad
UTF-8) the byte offset; doubtful content stays a diagnostic on the plan."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

import taizhang


def test_invalid_utf8_names_the_byte_offset(reference_text: str) -> None:
    good = reference_text[:100].encode("utf-8")
    with pytest.raises(taizhang.TaizhangError) as info:
        taizhang.parse(good + b"\xff\xfe" + reference_text[100:].encode("utf-8"))
    assert info.value.code == "invalid_utf8"
    assert info.value.byte_offset == len(good)
    assert isinstance(info.value, Exception)


@pytest.mark.parametrize(
    "bad, offset",
    [
        (b"\xc3", 0),  # truncated sequence
        (b"ab\xe4\xb8", 2),  # truncated 3-byte sequence at the end
        (b"abc\xc0\xaf", 3),  # overlong encoding of '/'
        (b"\xed\xa0\x80", 0),  # UTF-8-encoded surrogate
        ("计划".encode() + b"\xf5\x80\x80\x80", 6),  # beyond U+10FFFF
    ],
)
def test_invalid_utf8_forms(bad: bytes, offset: int) -> None:
    with pytest.raises(taizhang.TaizhangError) as info:
        taizhang.parse(bad)
    assert (info.value.code, info.value.byte_offset) == ("invalid_utf8", offset)


def test_lone_surrogate_in_str() -> None:
    text = "一、总体要求\n" + "abc\udcff"
    with pytest.raises(taizhang.TaizhangError) as info:
        taizhang.parse(text)
    assert info.value.code == "invalid_utf8"
    assert info.value.byte_offset == len("一、总体要求\nabc".encode())


def test_unreadable_file(tmp_path: Path) -> None:
    with pytest.raises(taizhang.TaizhangError) as info:
        taizhang.parse_file(tmp_path / "missing.txt")
    assert info.value.code == "io"
    assert info.value.byte_offset is None
    assert "missing.txt" in str(info.value)
    with pytest.raises(taizhang.TaizhangError) as info:
        taizhang.Parser().parse_file(tmp_path)  # a directory
    assert info.value.code == "io"


def test_file_with_invalid_utf8(tmp_path: Path) -> None:
    path = tmp_path / "gbk.txt"
    path.write_bytes("洛阳市人民政府".encode("gbk"))
    with pytest.raises(taizhang.TaizhangError) as info:
        taizhang.parse_file(str(path))
    assert info.value.code == "invalid_utf8"
    assert info.value.byte_offset == 0


def test_error_pickles() -> None:
    e = taizhang.TaizhangError("bad byte", "invalid_utf8", 7)
    again = pickle.loads(pickle.dumps(e))
    assert (type(again), str(again), again.code, again.byte_offset) == (
        taizhang.TaizhangError, "bad byte", "invalid_utf8", 7)


def test_wrong_argument_types() -> None:
    with pytest.raises(TypeError):
        taizhang.parse(42)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        taizhang.parse(bytearray(b"abc"))  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        taizhang.parse_many(["a"], threads=0)


def test_doubtful_content_is_a_diagnostic_not_an_error() -> None:
    plan = taizhang.parse("这不是一份规划。\n\n随便写几句话。")
    assert plan.measures == []
    assert all(d.severity in ("info", "warning", "error") for d in plan.diagnostics)
    assert taizhang.parse("").measures == []
