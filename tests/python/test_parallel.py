"""parse_many: parallel, GIL released, same plans as parsing one by one."""

from __future__ import annotations

import threading
import time

import pytest

import taizhang

from test_spans import variant


@pytest.fixture(scope="module")
def texts(reference_text: str) -> list[str]:
    return [
        reference_text,
        variant(reference_text),
        reference_text.replace("\n", "\r\n"),
        reference_text[: len(reference_text) // 2],
        "",
        reference_text.replace("6月底前", "9月底前"),
    ] * 3


@pytest.mark.parametrize("threads", [None, 1, 2, 7, 100])
def test_parse_many_equals_sequential(texts: list[str], threads: int | None) -> None:
    sequential = [taizhang.parse(t) for t in texts]
    parallel = taizhang.parse_many(texts, threads=threads)
    assert len(parallel) == len(texts)
    assert [p.to_json() for p in parallel] == [p.to_json() for p in sequential]


def test_parse_many_with_a_parser_and_options(texts: list[str]) -> None:
    parser = taizhang.Parser({"轨道集团": "洛阳市轨道交通集团有限责任公司"})
    many = parser.parse_many(iter(texts), 2, plan_year=2023)
    assert many == [parser.parse(t, plan_year=2023) for t in texts]


def test_parse_many_of_nothing() -> None:
    assert taizhang.parse_many([]) == []


def test_parse_many_raises_the_first_failing_text(reference_text: str) -> None:
    texts: list[str | bytes] = [reference_text, b"ok", b"\x80bad", reference_text, b"also \xff bad"]
    with pytest.raises(taizhang.TaizhangError) as info:
        taizhang.parse_many(texts, threads=2)
    assert info.value.code == "invalid_utf8"
    assert info.value.byte_offset == 0
    assert str(info.value).startswith("texts[2]: ")


def test_the_gil_is_released_while_parsing(reference_text: str) -> None:
    # Make one call last long enough to watch (≥ 0.2 s).
    t0 = time.perf_counter()
    taizhang.parse(reference_text)
    once = max(time.perf_counter() - t0, 1e-4)
    big = reference_text * min(400, max(4, int(0.2 / once) + 1))
    t0 = time.perf_counter()
    taizhang.parse(big)
    duration = time.perf_counter() - t0

    go, done = threading.Event(), threading.Event()

    def work() -> None:
        go.wait()
        taizhang.parse_many([big], threads=1)
        done.set()

    worker = threading.Thread(target=work)
    worker.start()
    # While the worker is inside C++, this loop keeps running only if the GIL
    # was released: a held GIL shows as one gap as long as the whole parse.
    last = time.perf_counter()
    longest = 0.0
    go.set()
    while True:
        now = time.perf_counter()
        longest = max(longest, now - last)
        last = now
        if done.is_set():
            break
    worker.join()
    assert longest < duration / 2, (longest, duration)
