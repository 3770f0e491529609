"""Extract the interface strings (pyside6-lupdate) and compile the translations (pyside6-lrelease).

    python tools/i18n.py            # update resources/i18n/*.ts from the code, then compile the .qm files
    python tools/i18n.py --check    # exit 1 when a string in the code lacks a finished translation or a
                                    # committed .qm differs from what lrelease makes of its .ts

``make i18n`` runs the first form. Strings are marked with ``self.tr()``, ``translate(context, text)``
and ``QT_TRANSLATE_NOOP(context, text)`` (imported from ``widgets.i18n``, also as ``_N``).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
I18N = ROOT / "resources" / "i18n"
LANGS = ("zh_CN", "zh_TW")
SOURCES = ("widgets",)
ALIAS = "QT_TRANSLATE_NOOP+=_N"


def tool(name: str) -> str:
    """pyside6-lupdate / pyside6-lrelease next to the running Python (the venv), else on PATH."""
    here = Path(sys.executable).parent / name
    found = str(here) if here.exists() else shutil.which(name)
    if not found:
        raise SystemExit(f"{name} not found (it comes with PySide6: pip install pyside6)")
    return found


def lupdate(ts_files: list[Path]) -> None:
    files = sorted(str(p.relative_to(ROOT)) for d in SOURCES for p in (ROOT / d).rglob("*.py"))
    subprocess.run(
        [
            tool("pyside6-lupdate"),
            *files,
            "-tr-function-alias",
            ALIAS,
            "-source-language",
            "en",
            "-locations",
            "none",
            "-no-obsolete",
            "-silent",
            "-ts",
            *map(str, ts_files),
        ],
        cwd=ROOT,
        check=True,
    )


def lrelease(ts: Path, qm: Path) -> None:
    subprocess.run([tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True)


def unfinished(ts: Path) -> list[str]:
    """'context: source' of every message without a finished translation."""
    out = []
    for ctx in ET.parse(ts).getroot().iter("context"):
        name = ctx.findtext("name") or ""
        for m in ctx.iter("message"):
            t = m.find("translation")
            forms = [f.text for f in t.iter("numerusform")] if t is not None else []
            text = "".join(forms) if forms else (t.text if t is not None else "")
            if t is None or t.get("type") in ("unfinished", "vanished", "obsolete") or not (text or "").strip():
                out.append(f"{name}: {m.findtext('source')}")
    return out


def check() -> int:
    """Extract from the code into copies of the .ts files; every message must be finished there and
    each committed .qm must be what lrelease makes of the committed .ts."""
    bad = 0
    with tempfile.TemporaryDirectory() as tmp:
        copies = []
        for lang in LANGS:
            ts = I18N / f"chainwatch_{lang}.ts"
            copy = Path(tmp) / ts.name
            shutil.copy(ts, copy)
            copies.append((lang, ts, copy))
        lupdate([c for _, _, c in copies])
        for lang, ts, copy in copies:
            missing = unfinished(copy)
            for m in missing:
                print(f"{ts.name}: no finished translation for {m}")
            bad += len(missing)
            made = Path(tmp) / f"chainwatch_{lang}.qm"
            lrelease(ts, made)
            qm = I18N / f"chainwatch_{lang}.qm"
            if not qm.exists() or qm.read_bytes() != made.read_bytes():
                print(f"{qm.name} is not what lrelease makes of {ts.name}: run make i18n")
                bad += 1
    return 1 if bad else 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="check, change nothing")
    args = ap.parse_args(argv)
    if args.check:
        return check()
    I18N.mkdir(parents=True, exist_ok=True)
    ts_files = [I18N / f"chainwatch_{lang}.ts" for lang in LANGS]
    lupdate(ts_files)
    for ts in ts_files:
        lrelease(ts, ts.with_suffix(".qm"))
        n = len(unfinished(ts))
        print(f"{ts.relative_to(ROOT)}: {n} unfinished" if n else f"{ts.relative_to(ROOT)}: complete")
    return 0


if __name__ == "__main__":
    sys.exit(main())
