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
