"""The CLI's JSON validates against docs/schema/plan.schema.json for every corpus document
(read from the shared corpus; the project's own example plan where it is absent)."""
import json
import os
import pathlib
import subprocess
import sys

import jsonschema
import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "golden"))
from corpus import corpus_dir  # noqa: E402

CORPUS = sorted(corpus_dir().glob("*.txt")) if corpus_dir() else []
CORPUS.append(ROOT / "examples" / "data" / "qingchuan-2025-city-renewal.txt")


@pytest.fixture(scope="module")
def validator():
    schema = json.loads((ROOT / "docs" / "schema" / "plan.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


@pytest.mark.parametrize("path", CORPUS, ids=[p.stem[:2] for p in CORPUS])
def test_cli_json_matches_schema(path, validator):
    cli = os.environ.get("TAIZHANG_CLI")
    if not cli:
        pytest.skip("TAIZHANG_CLI is not set (path of the built taizhang tool)")
    out = subprocess.run([cli, "parse", "--format", "json", str(path)], check=True, capture_output=True).stdout
    doc = json.loads(out)
    errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:10])
    text = path.read_text(encoding="utf-8")
    for chapter in doc["chapters"]:
        for section in chapter["sections"]:
            for m in section["measures"]:
                assert text[m["span"]["start"]:m["span"]["end"]] == m["text"]
