#!/usr/bin/env bash
# Installs exactly the Debian packages that building, testing and running tbds need.
# Idempotent: when every package is already installed, apt is not touched at all.
set -euo pipefail

PACKAGES=(
  # toolchain
  g++ cmake ninja-build ccache pkg-config dpkg-dev
  # libraries
  qt6-base-dev qt6-tools-dev qt6-l10n-tools qt6-tools-dev-tools qt6-svg-dev
  qtkeychain-qt6-dev libtomlplusplus-dev libhttp-parser-dev libssl-dev
  # test and run-time helpers: keychain, display, TLS material, fonts
  dbus gnome-keyring libsecret-1-0 libsecret-tools xvfb xauth openssl fonts-dejavu-core
  libqt6svg6 qt6-qpa-plugins
  # Qt's own strings (dialog buttons, wizard) in German, as the German UI shows them
  qt6-translations-l10n
  # packaging: icon rendering, and the .deb test's desktop-file and AppStream validators
  librsvg2-bin desktop-file-utils appstream
)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all ${#PACKAGES[@]} packages present"
  exit 0
fi

echo "setup: installing ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
