"""Import of our own workbook after edits: parse -> validate -> preview -> apply -> revert."""
import openpyxl
import pytest

from app.excel import (
    BlockedError, ConflictError, StaleError, apply_import, export_workbook, preview_import, revert,
)
from app.excel.importer import parse_workbook, preview_workbook
from tests.app.excel.conftest import WL, snapshot


def user_edit(path, sheet=WL, edit=None, out=None):
    """Open the workbook as Excel would (openpyxl, full mode), let ``edit`` change it, save."""
    wb = openpyxl.load_workbook(path)
    ws = wb[sheet]
    header = [c.value for c in ws[1]]
    edit(ws, {h: i + 1 for i, h in enumerate(header)})
    out = out or path
    wb.save(out)
    return out


def row_of(ws, code):
    for r in range(2, ws.max_row + 1):
        if ws.cell(r, 2).value == code:
            return r
    raise KeyError(code)


def set_text(cell, text):
    cell.value = text
    cell.data_type = "s"  # typed as text (Excel with the @ format)


def items(store, name=WL):
    return [(i.code, i.notes, i.tags, i.rating, i.target_price) for i in store.watchlist(name).items]


def test_unedited_workbook_imports_as_no_change(ldesk, exported):
    pv = preview_import(ldesk, exported)
    assert pv.kind == "workbook" and pv.ok
    assert pv.changes == [] and pv.conflicts == [] and pv.problems == []
    assert pv.accepted == 62 + 4


def test_edits_are_previewed_then_applied_in_one_go_and_undone(ldesk, exported):
    before = snapshot(ldesk.store)

    def edit(ws, col):
        r = row_of(ws, "000977.SZ")
        set_text(ws.cell(r, col["notes"]), "改了 =not a formula")
        ws.cell(r, col["rating"]).value = 5
        ws.cell(r, col["target price"]).value = 61.25
        set_text(ws.cell(r, col["tags"]), "compute；core, 液冷")
        ws.delete_rows(row_of(ws, "300308.SZ"))
        # a new row without an id, matched by code
        n = ws.max_row + 1
        set_text(ws.cell(n, col["code"]), "600519.SH")
        set_text(ws.cell(n, col["notes"]), "白酒 not AI")
        # move 9988.HK to the top
        r9 = row_of(ws, "9988.HK")
        vals = [ws.cell(r9, c).value for c in range(1, ws.max_column + 1)]
        ws.delete_rows(r9)
        ws.insert_rows(2)
        for c, v in enumerate(vals, start=1):
            ws.cell(2, c).value = v

    user_edit(exported, edit=edit)
    pv = preview_import(ldesk, exported)
    assert pv.ok and not pv.conflicts, pv.report()
    got = {(c.action, c.code, c.field) for c in pv.changes}
    assert got == {("update", "000977.SZ", "notes"), ("update", "000977.SZ", "rating"),
                   ("update", "000977.SZ", "target_price"), ("update", "000977.SZ", "tags"),
                   ("remove", "300308.SZ", None), ("add", "600519.SH", None), ("reorder", None, "order")}
    upd = {c.field: (c.old, c.new, c.row) for c in pv.changes if c.action == "update"}
    assert upd["rating"][:2] == (4, 5) and upd["target_price"][:2] == (58.5, 61.25)
    assert upd["notes"][2] == 3  # the row in the sheet (9988 moved above it)
    assert snapshot(ldesk.store) == before  # the preview changed nothing

    undo = apply_import(ldesk.store, pv)
    assert items(ldesk.store) == [
        ("9988.HK", "", (), None, None),
        ("000977.SZ", "改了 =not a formula", ("compute", "core", "液冷"), 5, 61.25),
        ("0700.HK", "=SUM(A1:A9)", ("-short", "hub"), 5, 700.0),
        ("600519.SH", "白酒 not AI", (), None, None),
    ]
    # importing the same file again changes nothing more
    assert preview_import(ldesk, exported).changes == []

    revert(ldesk.store, undo)
    assert snapshot(ldesk.store) == before


def test_tags_split_on_both_kinds_of_comma(ldesk, exported):
    def edit(ws, col):
        set_text(ws.cell(row_of(ws, "9988.HK"), col["tags"]), "云，AI; 大模型")

    user_edit(exported, edit=edit)
    apply_import(ldesk.store, preview_import(ldesk, exported))
    assert dict((c, t) for c, _, t, _, _ in items(ldesk.store))["9988.HK"] == ("云", "AI", "大模型")


def test_every_problem_is_listed_with_sheet_row_and_column(ldesk, exported):
    before = snapshot(ldesk.store)

    def edit(ws, col):
        ws.cell(row_of(ws, "000977.SZ"), col["rating"]).value = "x"
        ws.cell(row_of(ws, "0700.HK"), col["rating"]).value = 9
        ws.cell(row_of(ws, "300308.SZ"), col["target price"]).value = -3
        set_text(ws.cell(row_of(ws, "9988.HK"), col["id"]), "abc")
        n = ws.max_row + 1
        set_text(ws.cell(n, col["code"]), "NOT A CODE")
        set_text(ws.cell(n + 1, col["code"]), "0700.HK")
        ws.cell(n + 2, col["code"]).value = 700  # a number: which market?

    user_edit(exported, edit=edit)
    pv = preview_import(ldesk, exported)
    assert not pv.ok
    msgs = {(p.sheet, p.row, p.column.split(" ")[0]): p.message for p in pv.problems}
    assert set(msgs) == {(WL, 2, "I"), (WL, 3, "I"), (WL, 4, "J"), (WL, 5, "A"), (WL, 6, "B"),
                         (WL, 7, "B"), (WL, 8, "B")}, pv.report()
    assert "rating 'x'" in msgs[(WL, 2, "I")]
    assert "from 1 to 5" in msgs[(WL, 3, "I")]
    assert "positive" in msgs[(WL, 4, "J")]
    assert "not a row id" in msgs[(WL, 5, "A")]
    assert "invalid code" in msgs[(WL, 6, "B")]
    assert "listed twice" in msgs[(WL, 7, "B")]
    assert "ambiguous market" in msgs[(WL, 8, "B")] and "0700.HK" in msgs[(WL, 8, "B")]
    with pytest.raises(BlockedError, match="7 problem"):
        apply_import(ldesk.store, pv)
    assert snapshot(ldesk.store) == before


def test_numeric_code_cell_in_an_a_share_list_is_padded(ldesk, tmp_path):
    s = ldesk.store
    wl = s.create_watchlist("A股")
    s.add_items(wl, ["600519.SH", "300308.SZ"])
    p = export_workbook(ldesk, tmp_path / "a.xlsx", watchlist="A股", reference=False).path

    def edit(ws, col):
        ws.cell(ws.max_row + 1, col["code"]).value = 1  # Excel dropped the zeros of 000001

    user_edit(p, sheet="A股", edit=edit)
    pv = preview_import(ldesk, p)
    assert [(c.action, c.code) for c in pv.changes] == [("add", "000001.SZ")], pv.report()


def test_row_with_a_name_but_no_code(ldesk, exported):
    def edit(ws, col):
        set_text(ws.cell(ws.max_row + 1, col["name"]), "貴州茅臺")  # Traditional script
        set_text(ws.cell(ws.max_row + 1, col["name"]), "中際旭創")  # already listed

    user_edit(exported, edit=edit)
    pv = preview_import(ldesk, exported)
    assert [(c.action, c.code) for c in pv.changes] == [("add", "600519.SH")]
    (p,) = pv.problems
    assert p.row == 7 and "300308.SZ is listed twice" in p.message


def test_conflicts_are_shown_and_resolved(ldesk, exported):
    s = ldesk.store
    wl = s.watchlist(WL).id
    # the app changes things after the export ...
    s.update_item(wl, "000977.SZ", notes="app note")          # both change notes -> conflict
    s.update_item(wl, "0700.HK", rating=1)                      # only the app: kept, no conflict
    s.update_item(wl, "300308.SZ", notes="app edit")            # deleted in workbook -> conflict
    s.remove_items(wl, ["9988.HK"])                              # edited in workbook -> conflict

    def edit(ws, col):
        set_text(ws.cell(row_of(ws, "000977.SZ"), col["notes"]), "workbook note")
        set_text(ws.cell(row_of(ws, "9988.HK"), col["notes"]), "still want it")
        ws.delete_rows(row_of(ws, "300308.SZ"))

    user_edit(exported, edit=edit)
    pv = preview_import(ldesk, exported)
    keys = {c.key: c for c in pv.conflicts}
    assert set(keys) == {(WL, "000977.SZ", "notes"), (WL, "300308.SZ", "item"), (WL, "9988.HK", "item")}
    c = keys[(WL, "000977.SZ", "notes")]
    assert (c.base, c.mine, c.theirs) == ("超50%算力订单\n第二行", "workbook note", "app note")
    assert not [ch for ch in pv.changes if ch.code == "0700.HK"]  # the app's rating stays

    before = snapshot(s)
    with pytest.raises(ConflictError, match="3 conflict"):
        apply_import(s, pv)
    with pytest.raises(ConflictError, match="1 conflict"):
        apply_import(s, pv, {(WL, "000977.SZ", "notes"): "mine", (WL, "300308.SZ", "item"): "theirs"})
    assert snapshot(s) == before

    undo = apply_import(s, pv, {(WL, "000977.SZ", "notes"): "mine", (WL, "300308.SZ", "item"): "theirs",
                                (WL, "9988.HK", "item"): "mine"})
    got = {code: (notes, rating) for code, notes, _, rating, _ in items(s)}
    assert got["000977.SZ"][0] == "workbook note"
    assert got["0700.HK"][1] == 1
    assert got["300308.SZ"][0] == "app edit"
    assert got["9988.HK"][0] == "still want it"
    revert(s, undo)
    assert snapshot(s) == before


def test_theirs_for_everything_keeps_the_app(ldesk, exported):
    s = ldesk.store
    wl = s.watchlist(WL).id
    s.update_item(wl, "000977.SZ", notes="app note")

    def edit(ws, col):
        set_text(ws.cell(row_of(ws, "000977.SZ"), col["notes"]), "workbook note")

    user_edit(exported, edit=edit)
    before = snapshot(s)
    apply_import(s, preview_import(ldesk, exported), default="theirs")
    assert snapshot(s) == before


def test_stale_preview_is_refused(ldesk, exported):
    def edit(ws, col):
        set_text(ws.cell(row_of(ws, "000977.SZ"), col["notes"]), "workbook note")

    user_edit(exported, edit=edit)
    pv = preview_import(ldesk, exported)
    s = ldesk.store
    s.update_item(s.watchlist(WL).id, "0700.HK", notes="meanwhile")
    before = snapshot(s)
    with pytest.raises(StaleError, match="changed since the preview"):
        apply_import(s, pv)
    assert snapshot(s) == before


def test_import_into_a_new_watchlist(ldesk, tmp_path):
    exported = export_workbook(ldesk, tmp_path / "one.xlsx", watchlist=WL, reference=False).path
    pv = preview_import(ldesk, exported, watchlist="Copy 副本")
    assert pv.changes[0].action == "create" and pv.changes[0].watchlist == "Copy 副本"
    assert len([c for c in pv.changes if c.action == "add"]) == 4
    undo = apply_import(ldesk.store, pv)
    assert [c for c, *_ in items(ldesk.store, "Copy 副本")] == ["000977.SZ", "0700.HK", "300308.SZ", "9988.HK"]
    assert items(ldesk.store, "Copy 副本") == items(ldesk.store, WL)
    revert(ldesk.store, undo)
    assert "Copy 副本" not in [w.name for w in ldesk.store.watchlists()]


def test_workbook_from_another_store_is_merged(ldesk, exported, tmp_path):
    import shutil

    from app.services import Desk

    db = tmp_path / "other.sqlite"
    ldesk.store.close()  # checkpoints the WAL into the file
    shutil.copy(ldesk.store.path, db)
    other = Desk.open(db)
    from app.excel.export import STORE_ID_KEY

    with other.store.write() as conn:
        other.store._set_meta(conn, STORE_ID_KEY, "another-store")
    wl = other.store.watchlist(WL).id
    other.store.add_items(wl, ["600519.SH"])

    def edit(ws, col):
        ws.delete_rows(row_of(ws, "300308.SZ"))
        set_text(ws.cell(row_of(ws, "9988.HK"), col["notes"]), "from a colleague")

    user_edit(exported, edit=edit)
    pv = preview_import(other, exported)
    assert any("another Chainwatch store" in n for n in pv.notes)
    assert {(c.action, c.code) for c in pv.changes} == {("update", "9988.HK")}
    other.store.close()


def test_added_sheet_becomes_a_watchlist_and_deleted_sheet_changes_nothing(ldesk, exported):
    wb = openpyxl.load_workbook(exported)
    ws = wb.create_sheet("新清单", 0)
    ws.append(["代码", "备注"])
    ws.append(["0700.HK", "新的"])
    del wb[WL]
    wb.save(exported)
    pv = preview_import(ldesk, exported)
    assert {(c.action, c.watchlist, c.code) for c in pv.changes} == {("create", "新清单", None),
                                                                     ("add", "新清单", "0700.HK")}
    assert any("no longer in the workbook" in n for n in pv.notes)


def test_hidden_watchlist_sheet_is_left_alone(ldesk, exported):
    def edit(ws, col):
        ws.delete_rows(2, 4)
        ws.sheet_state = "hidden"

    user_edit(exported, edit=edit)
    pv = preview_import(ldesk, exported)
    assert pv.changes == [] and any("is hidden" in n for n in pv.notes)


def test_merged_cells_in_a_watchlist_sheet_block_the_import(ldesk, exported):
    def edit(ws, col):
        ws.merge_cells(start_row=2, start_column=col["notes"], end_row=3, end_column=col["notes"])

    user_edit(exported, edit=edit)
    pv = preview_import(ldesk, exported)
    assert not pv.ok and "merged cells G2:G3" in pv.problems[0].message


def test_parse_and_preview_steps_are_separate(ldesk, exported):
    wb = parse_workbook(exported, ldesk)
    assert [w.name for w in wb.lists] == ["报告标的 Report names", WL]
    assert len(wb.base) == 66
    pv = preview_workbook(ldesk, wb, watchlist=WL)
    assert pv.ok and pv.changes == []


# ---- the command line -------------------------------------------------------------------------

def _run(ldesk, *args):
    from app.cli import run

    return run(["--db", str(ldesk.store.path), "import", *map(str, args)])


def test_cli_dry_run_prints_the_preview_and_changes_nothing(ldesk, exported, capsys):
    def edit(ws, col):
        set_text(ws.cell(row_of(ws, "000977.SZ"), col["notes"]), "新备注")

    user_edit(exported, edit=edit)
    before = snapshot(ldesk.store)
    assert _run(ldesk, exported, "--dry-run") == 0
    out = capsys.readouterr().out
    assert "000977.SZ notes: '超50%算力订单 / 第二行' -> '新备注'" in out and "dry run" in out
    assert snapshot(ldesk.store) == before
    assert _run(ldesk, exported) == 0
    assert "imported: 1 change(s)" in capsys.readouterr().out
    assert items(ldesk.store)[0][1] == "新备注"


def test_cli_refuses_unresolved_conflicts(ldesk, exported, capsys):
    s = ldesk.store
    s.update_item(s.watchlist(WL).id, "000977.SZ", notes="app note")

    def edit(ws, col):
        set_text(ws.cell(row_of(ws, "000977.SZ"), col["notes"]), "workbook note")

    user_edit(exported, edit=edit)
    assert _run(ldesk, exported) == 1
    err = capsys.readouterr().err
    assert "1 conflict" in err and "000977.SZ notes" in err and "--mine" in err
    assert items(s)[0][1] == "app note"
    assert _run(ldesk, exported, "--mine") == 0
    assert items(s)[0][1] == "workbook note"


def test_cli_watchlist_flag_creates_the_list(ldesk, exported, capsys):
    assert _run(ldesk, exported, "--watchlist", "新的") == 1
    assert "the workbook has no watchlist '新的'" in capsys.readouterr().err
    assert _run(ldesk, export_workbook(ldesk, exported, watchlist=WL, reference=False).path, "--watchlist", "新的") == 0
    assert [c for c, *_ in items(ldesk.store, "新的")] == ["000977.SZ", "0700.HK", "300308.SZ", "9988.HK"]


def test_a_conflicting_row_is_described_in_the_users_words(ldesk, exported):
    """A row deleted in the workbook but edited in the app: its fields are named as the columns
    are ("target price", "notes"), never by their internal names ({notes=…, target_price=…})."""
    s = ldesk.store
    wl = s.watchlist(WL).id
    s.update_item(wl, "300308.SZ", notes="app edit", target_price=188.5)
    user_edit(exported, edit=lambda ws, col: ws.delete_rows(row_of(ws, "300308.SZ")))
    pv = preview_import(ldesk, exported)
    (c,) = [c for c in pv.conflicts if c.code == "300308.SZ"]
    from app.excel.importer import show

    text = show(c.theirs)                   # what the preview's "app now" column shows
    assert "target price 188.5" in text and "notes 'app edit'" in text
    assert "target_price" not in text and "{" not in text and "=" not in text
    assert show(c.mine) == "(empty)"        # deleted in the workbook


@pytest.mark.parametrize("language, notes_h, rating_h, target_h, first", [
    ("zh_CN", "备注", "评级", "目标价", ["编号", "代码", "名称"]),
    ("zh_TW", "備註", "評級", "目標價", ["編號", "代碼", "名稱"]),
])
def test_headers_in_chinese_export_and_import_back(ldesk, tmp_path, language, notes_h, rating_h, target_h, first):
    """The watchlist sheets' headers follow the interface (简体 / 繁體); edits under them import back."""
    out = tmp_path / f"{language}.xlsx"
    export_workbook(ldesk, out, language=language)
    wb = openpyxl.load_workbook(out)
    header = [c.value for c in wb[WL][1]]
    assert header[:3] == first and "english name" not in [str(h).lower() for h in header]
    assert wb[WL].cell(2, 1).number_format == "0"     # the id keeps its integer style under a translated header
    if language == "zh_TW":   # the names and themes in Traditional
        r = row_of(wb[WL], "0700.HK")
        assert wb[WL].cell(r, 3).value == "騰訊控股"
    r = row_of(wb[WL], "300308.SZ")
    role = wb[WL].cell(r, 6).value            # the chain role in the sheet's language too
    assert "光模块" in role or "光模組" in role, role
    assert "Optical" not in role

    def edit(ws, col):
        r = row_of(ws, "000977.SZ")
        set_text(ws.cell(r, col[notes_h]), "中文表头 edited")
        ws.cell(r, col[rating_h]).value = 2
        ws.cell(r, col[target_h]).value = 70

    user_edit(out, edit=edit)
    pv = preview_import(ldesk, out)
    assert pv.ok, pv.report()
    assert {(c.code, c.field, c.new) for c in pv.changes} == {
        ("000977.SZ", "notes", "中文表头 edited"), ("000977.SZ", "rating", 2), ("000977.SZ", "target_price", 70.0)}


def test_export_refuses_an_unknown_header_language(ldesk, tmp_path):
    with pytest.raises(ValueError, match="zh_CN"):
        export_workbook(ldesk, tmp_path / "x.xlsx", language="fr")
