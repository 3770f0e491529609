import shutil
from pathlib import Path

import pytest

FILES = Path(__file__).resolve().parent / "files"
WL = "AI 服务器"


def make_list(desk, name=WL):
    """A watchlist with user fields worth round-tripping (Chinese, formula-like text, numbers)."""
    s = desk.store
    wl = s.create_watchlist(name)
    s.add_items(wl, ["000977.SZ", "0700.HK", "300308.SZ", "9988.HK"])
    s.update_item(wl, "000977.SZ", notes="超50%算力订单\n第二行", tags="compute, core", rating=4,
                  target_price=58.5)
    s.update_item(wl, "0700.HK", notes="=SUM(A1:A9)", tags=["-short", "hub"], rating=5, target_price=700)
    s.update_item(wl, "300308.SZ", notes="@mention +86 'quoted", rating=3)
    return wl


def _copy_store(src: Path, dst: Path):
    from app.services import Desk

    shutil.copy(src, dst)
    return Desk.open(dst)


@pytest.fixture(scope="session")
def _template_store(tmp_path_factory):
    from app.services import Desk

    path = tmp_path_factory.mktemp("excel-template") / "store.sqlite"
    d = Desk.open(path)
    d.store.close()
    return path


@pytest.fixture(scope="session")
def _listed_template(tmp_path_factory, _template_store):
    from app.excel.export import store_id

    d = _copy_store(_template_store, tmp_path_factory.mktemp("excel-listed") / "store.sqlite")
    make_list(d)
    store_id(d.store)
    d.store.close()
    return d.store.path


@pytest.fixture(scope="session")
def _exported_template(tmp_path_factory, _listed_template):
    from app.excel.export import export_workbook

    tmp = tmp_path_factory.mktemp("excel-exported")
    d = _copy_store(_listed_template, tmp / "store.sqlite")
    path = export_workbook(d, tmp / "desk.xlsx", reference=False).path
    d.store.close()
    return path


@pytest.fixture
def xdesk(tmp_path, _template_store):
    """A fresh Desk on a copy of a store made once per session (fast)."""
    d = _copy_store(_template_store, tmp_path / "store.sqlite")
    yield d
    d.store.close()


@pytest.fixture
def ldesk(tmp_path, _listed_template):
    """Like xdesk, with the watchlist of make_list() in it."""
    d = _copy_store(_listed_template, tmp_path / "store.sqlite")
    yield d
    d.store.close()


@pytest.fixture
def exported(tmp_path, _exported_template):
    """ldesk's watchlists exported (without the reference sheets, for speed)."""
    p = tmp_path / "desk.xlsx"
    shutil.copy(_exported_template, p)
    return p


def snapshot(store):
    """Everything the user owns in the store, to check that nothing changed."""
    return [(w.name, [(i.id, i.code, i.position, i.notes, i.tags, i.rating, i.target_price)
                      for i in w.items]) for w in store.watchlists()]
