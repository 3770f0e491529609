"""Find a CJK font so Chinese renders on screen and in PDFs (a PDF without one silently drops glyphs)."""
from __future__ import annotations

import logging
import shutil
import subprocess
import sys
from pathlib import Path

log = logging.getLogger(__name__)

CJK_FAMILIES = ("Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Source Han Sans CN",
                "WenQuanYi Micro Hei", "WenQuanYi Zen Hei", "Microsoft YaHei", "PingFang SC",
                "Hiragino Sans GB", "SimHei", "Noto Sans CJK TC", "Droid Sans Fallback")
KNOWN_FILES = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/System/Library/Fonts/PingFang.ttc",
    "C:/Windows/Fonts/msyh.ttc",
)
INSTALL_HINT = "install a CJK font, e.g. `apt-get install fonts-noto-cjk`"

_family: str | None = None
_searched = False


def _fc_match() -> str | None:
    if not shutil.which("fc-match"):
        return None
    try:
        out = subprocess.run(["fc-match", "-f", "%{file}", ":lang=zh-cn"], capture_output=True,
                             text=True, timeout=5).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    return out if out and Path(out).exists() else None


def ensure_cjk_font() -> str | None:
    """The family name of a CJK font Qt can use (loading one from disk if needed), or None.

    Needs a QGuiApplication. Warns once on stderr when no CJK font exists.
    """
    global _family, _searched
    if _searched:
        return _family
    _searched = True
    from PySide6.QtGui import QFontDatabase

    families = set(QFontDatabase.families())
    for fam in CJK_FAMILIES:
        if fam in families:
            _family = fam
            return _family
    candidates = [p for p in KNOWN_FILES if Path(p).exists()]
    fc = _fc_match()
    if fc:
        candidates.append(fc)
    for path in candidates:
        fid = QFontDatabase.addApplicationFont(path)
        if fid >= 0:
            # fc-match answers with its best match even when nothing covers Chinese: check
            fams = [f for f in QFontDatabase.applicationFontFamilies(fid)
                    if QFontDatabase.WritingSystem.SimplifiedChinese in QFontDatabase.writingSystems(f)]
            if fams:
                _family = next((f for f in fams if "SC" in f), fams[0])
                return _family
    msg = f"No Chinese (CJK) font found: Chinese text will not render; {INSTALL_HINT}."
    log.warning(msg)
    print(f"warning: {msg}", file=sys.stderr)
    return None
