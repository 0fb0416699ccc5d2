"""OCR of page images with the tesseract command-line tool and its Vietnamese model.

tesseract is an OS package (tesseract-ocr, tesseract-ocr-vie), installed by
scripts/install-system-deps.sh. Without it, scanned pages cannot be read and
the caller reports `ocr_unavailable` instead of failing obscurely.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess

from thidua.read.base import ReadError

LANGUAGE = "vie"


@functools.cache
def ocr_available() -> str | None:
    """None when OCR works here, else why not (tesseract or its `vie` model missing)."""
    exe = shutil.which("tesseract")
    if exe is None:
        return "tesseract is not installed (apt-get install tesseract-ocr tesseract-ocr-vie)"
    try:
        listed = subprocess.run(
            [exe, "--list-langs"], capture_output=True, text=True, timeout=30, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"tesseract does not run: {exc}"
    langs = {line.strip() for line in (listed.stdout + listed.stderr).splitlines()}
    if LANGUAGE not in langs:
        return "tesseract has no Vietnamese model (apt-get install tesseract-ocr-vie)"
    return None


def ocr_image(png: bytes, timeout: float) -> str:
    """Text of one PNG page image; raises `ReadError` (`ocr_unavailable`, `timeout`, `corrupt`)."""
    problem = ocr_available()
    if problem:
        raise ReadError("ocr_unavailable", problem)
    exe = shutil.which("tesseract") or "tesseract"
    # One thread: the worker is sized for one core, and tesseract's threads rarely help.
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    try:
        done = subprocess.run(
            [exe, "stdin", "stdout", "-l", LANGUAGE, "--psm", "3"],
            input=png, capture_output=True, timeout=timeout, check=False, env=env,
        )
    except subprocess.TimeoutExpired as exc:
        raise ReadError("timeout", f"OCR of a page took over {timeout:.0f} s") from exc
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip()[-300:]
        raise ReadError("corrupt", f"tesseract failed: {message}")
    return done.stdout.decode("utf-8", "replace")
