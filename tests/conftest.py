import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
# The five reports sit beside the project; CHAINWATCH_SEEDS points elsewhere (a git worktree, CI).
SEEDS = Path(os.environ.get("CHAINWATCH_SEEDS") or ROOT.parent / "shared" / "seeds")
DATA = ROOT / "data"


@pytest.fixture(scope="session")
def kb():
    from app import kb as kbmod

    return kbmod.load(DATA)


@pytest.fixture
def desk(tmp_path):
    from app.services import Desk

    d = Desk.open(tmp_path / "store.sqlite")
    yield d
    d.store.close()


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path, monkeypatch):
    """No test writes to the real user's data folder or Qt settings."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))


from tests.pgserver import backend, pg_db, pg_empty, pg_server, pg_template  # noqa: E402,F401 (fixtures)

# ---- tests that need a system tool ---------------------------------------------------------------
# ``@pytest.mark.requires_tool("pdftotext", "pdfinfo")``: the test skips where a tool is missing on a
# developer's machine, and FAILS under CI (CI=true), where scripts/system-deps.sh installs every tool
# the tests need -- so a green CI means every test ran. ``need_tool(...)`` does the same inside a test.


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "requires_tool(*names): needs these programs on PATH (skipped locally without them, a failure under CI=true)",
    )


def _missing(names) -> list[str]:
    import shutil

    return [n for n in names if not any(shutil.which(alt) for alt in n.split("|"))]


def need_tool(*names: str, what: str | None = None) -> None:
    """Skip (locally) or fail (CI=true) the running test when a program is missing.

    A name may list alternatives: ``"soffice|libreoffice"``."""
    missing = _missing(names)
    if not missing:
        return
    msg = f"{what or ', '.join(missing)} not installed (scripts/system-deps.sh installs it)"
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI=true: {msg}; a test must run in CI, not skip", pytrace=False)
    pytest.skip(msg)


def pytest_runtest_setup(item):
    for mark in item.iter_markers(name="requires_tool"):
        need_tool(*mark.args, what=mark.kwargs.get("what"))


@pytest.fixture(autouse=True)
def _fresh_price_memos():
    """The price metrics and basket memos are per process: start every test without another test's."""
    yield
    from app.prices import basket, service

    service._memo.clear()
    basket._memo.clear()
