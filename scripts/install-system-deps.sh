#!/usr/bin/env bash
# Installs the OS packages thidua uses when they are missing: tesseract with the
# Vietnamese model (OCR of scanned pdfs) and chromium (headless dashboard tests).
set -euo pipefail
need=()
command -v tesseract >/dev/null 2>&1 || need+=(tesseract-ocr tesseract-ocr-vie)
if command -v tesseract >/dev/null 2>&1 && ! tesseract --list-langs 2>/dev/null | grep -qx vie; then
  need+=(tesseract-ocr-vie)
fi
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)
if [ ${#need[@]} -eq 0 ]; then
  exit 0
fi
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
if command -v apt-get >/dev/null 2>&1; then
  echo "installing OS packages: ${need[*]}" >&2
  $sudo apt-get update -qq >/dev/null || echo "warning: apt-get update failed; trying the cached lists" >&2
  if ! DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null; then
    echo "error: could not install ${need[*]} with apt-get" >&2
    exit 1
  fi
  if ! tesseract --list-langs 2>/dev/null | grep -qx vie; then
    echo "error: tesseract is installed but has no Vietnamese model (tesseract-ocr-vie)" >&2
    exit 1
  fi
else
  echo "warning: cannot install ${need[*]} (no apt-get); OCR and browser tests will be skipped" >&2
fi
