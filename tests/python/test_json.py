"""JSON: the Python side writes exactly what the C++ library and the CLI write,
and reads it back."""

from __future__ import annotations

import json
import os
import pickle
import subprocess

import pytest

import taizhang

from conftest import REFERENCE, requires_corpus


def test_to_dict_is_the_json(plan: taizhang.Plan) -> None:
    d = plan.to_dict()
    assert d == json.loads(plan.to_json())
    assert d == json.loads(plan.to_json(pretty=False))
    assert "\n" not in plan.to_json(pretty=False).rstrip("\n")
    assert plan.to_json(pretty=False).count("\n") < plan.to_json().count("\n")


def test_json_round_trip(plan: taizhang.Plan) -> None:
    text = plan.to_json()
    again = taizhang.Plan.from_json(text)
    assert again.to_json() == text
    assert again == plan
    assert taizhang.from_json(text.encode("utf-8")) == plan
    # The model comes back, not just the JSON.
    assert [m.title for m in again.measures] == [m.title for m in plan.measures]
    assert again.signed_on == plan.signed_on


def test_pickle_round_trip(plan: taizhang.Plan) -> None:
    again = pickle.loads(pickle.dumps(plan))
    assert again == plan
    assert again.to_json() == plan.to_json()


def test_invalid_json_raises_taizhang_error() -> None:
    with pytest.raises(taizhang.TaizhangError) as info:
        taizhang.Plan.from_json('{"format": "something else"')
    assert info.value.code == "invalid_json"


@pytest.fixture(scope="module")
def cli() -> str:
    path = os.environ.get("TAIZHANG_CLI")
    if not path:
        pytest.skip("TAIZHANG_CLI is not set (path of the built taizhang command-line tool)")
    return path


@requires_corpus
@pytest.mark.parametrize("compact", [False, True])
def test_to_json_equals_the_cli(cli: str, compact: bool) -> None:
    args = [cli, "parse", str(REFERENCE), "--format", "json"] + (["--compact"] if compact else [])
    out = subprocess.run(args, check=True, capture_output=True).stdout.decode("utf-8")
    plan = taizhang.parse_file(REFERENCE)
    assert out == plan.to_json(pretty=not compact)
