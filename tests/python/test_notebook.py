"""The example notebook runs from top to bottom without errors (nbclient)."""

from __future__ import annotations

import os
import sys

import pytest

from conftest import ROOT

NOTEBOOK = ROOT / "examples" / "notebooks" / "analyse-plan.ipynb"


def test_notebook_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    pytest.importorskip("matplotlib")
    pytest.importorskip("ipykernel")
    # The kernel inherits the environment: let it pick its inline backend
    # rather than the suite's off-screen Agg, so the charts become outputs.
    monkeypatch.delenv("MPLBACKEND", raising=False)
    # Kernel specs often launch plain "python": make that this interpreter
    # (a virtualenv's, say), not whichever comes first on PATH.
    monkeypatch.setenv("PATH", os.path.dirname(sys.executable) + os.pathsep + os.environ["PATH"])
    nb = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(
        nb, timeout=300, kernel_name="python3",
        resources={"metadata": {"path": str(NOTEBOOK.parent)}},
    )
    client.execute()  # raises CellExecutionError on the first failing cell
    outputs = [o for cell in nb.cells if cell.cell_type == "code" for o in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    images = [o for o in outputs if "image/png" in o.get("data", {})]
    assert len(images) >= 3  # timeline ×2 and workload were drawn
    stderr = "".join(o.get("text", "") for o in outputs if o.get("name") == "stderr")
    from taizhang.plot import cjk_font

    if cjk_font() is not None:  # Chinese labels render: no missing-glyph warnings
        assert "missing from font" not in stderr, stderr
