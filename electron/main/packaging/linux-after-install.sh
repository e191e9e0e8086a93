#!/bin/bash
# deb postinst (electron-builder "deb.afterInstall"). On UOS, Kylin and other Chinese Linux
# distributions unprivileged user namespaces are often disabled, so Chromium's sandbox needs
# the SUID helper: chrome-sandbox owned by root with mode 4755. Never fall back to --no-sandbox.
set -e
APP_DIR="/opt/${sanitizedProductName}"
if [ -f "$APP_DIR/chrome-sandbox" ]; then
  chown root:root "$APP_DIR/chrome-sandbox"
  chmod 4755 "$APP_DIR/chrome-sandbox"
fi
# command-line entry
ln -sf "$APP_DIR/${executable}" "/usr/bin/${executable}"
if hash update-mime-database 2>/dev/null; then update-mime-database /usr/share/mime || true; fi
if hash update-desktop-database 2>/dev/null; then update-desktop-database /usr/share/applications || true; fi
exit 0
