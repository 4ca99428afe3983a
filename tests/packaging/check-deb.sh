#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Builds the .deb from a finished build (cpack -G DEB) and checks it as an admin would meet it:
# file list, Depends, maintainer scripts, desktop file and AppStream metainfo, man page, systemd
# unit, and the packaged tbds-service run from an extracted copy. Also checks that a plain
# `cmake --install` into a DESTDIR with another prefix works.
# Usage: check-deb.sh <build dir> <scratch dir> <version>
set -euo pipefail
build="$1"
work="$2"
version="$3"

failures=0
checked=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
# Reports a group of checks as passed unless one of them failed since the last report.
ok() {
    [ $failures -eq $checked ] && echo "ok: $*"
    checked=$failures
}
need() { command -v "$1" >/dev/null || { echo "FAIL: $1 not found (run scripts/setup.sh)" >&2; exit 1; }; }
cpack="${CPACK:-cpack}"
cmake="${CMAKE:-cmake}"
for tool in "$cpack" "$cmake" dpkg-deb dpkg-shlibdeps appstreamcli desktop-file-validate; do need "$tool"; done

rm -rf "$work"
mkdir -p "$work"

# --- Build the package -----------------------------------------------------------------------
"$cpack" --config "$build/CPackConfig.cmake" -G DEB -B "$work/cpack" >"$work/cpack.log" 2>&1 \
    || { cat "$work/cpack.log" >&2; echo "FAIL: cpack -G DEB" >&2; exit 1; }
shopt -s nullglob
debs=("$work"/cpack/tbds_"$version"_*.deb)
[ ${#debs[@]} -eq 1 ] || { cat "$work/cpack.log" >&2; echo "FAIL: expected one tbds_${version}_<arch>.deb" >&2; exit 1; }
deb="${debs[0]}"
ok "built $(basename "$deb") ($(du -k "$deb" | cut -f1) KiB)"

# --- File list -------------------------------------------------------------------------------
# One path per line (dpkg-deb -c pads columns, and sample folders have spaces in their names).
dpkg-deb --fsys-tarfile "$deb" | tar -t | sed 's#^\./#/#' >"$work/files.txt"
gui=0
grep -qx /usr/bin/tbds-admin "$work/files.txt" && gui=1
expected=(
    /usr/bin/tbds-service
    /usr/share/tbds/samples/jsonl/config.toml
    "/usr/share/tbds/samples/jsonl/defects/Web Shop (WS)/defects.jsonl"
    /usr/share/tbds/examples/config.toml
    /usr/share/man/man1/tbds-service.1.gz
    /usr/lib/systemd/system/tbds-service.service
    /usr/lib/sysusers.d/tbds.conf
    /usr/share/doc/tbds/copyright
)
if [ -f "$build/CMakeCache.txt" ] && grep -q '^TBDS_BUILD_GUI:BOOL=ON' "$build/CMakeCache.txt"; then
    [ $gui -eq 1 ] || fail "tbds-admin missing although the GUI was built"
    expected+=(
        /usr/bin/tbds-admin
        /usr/share/applications/invalid.example.tbds.admin.desktop
        /usr/share/metainfo/invalid.example.tbds.admin.metainfo.xml
        /usr/share/icons/hicolor/scalable/apps/tbds-admin.svg
    )
    for size in 16 32 48 64 128 256; do
        expected+=("/usr/share/icons/hicolor/${size}x${size}/apps/tbds-admin.png")
    done
fi
for f in "${expected[@]}"; do
    grep -qxF "$f" "$work/files.txt" || fail "not in the package: $f"
done
# Nothing outside the FHS places a package may own, and no build-tree leftovers.
if grep -vE '^/(usr/(bin|share|lib)(/|$)|$)' "$work/files.txt" | grep -v '^/usr/$' | grep -v '^/$' >"$work/stray.txt"; then
    fail "unexpected paths: $(tr '\n' ' ' <"$work/stray.txt")"
fi
ok "file list ($(grep -vc '/$' "$work/files.txt") files)"

# --- Control fields --------------------------------------------------------------------------
depends="$(dpkg-deb -f "$deb" Depends)"
echo "Depends: $depends"
for dep in libsecret-1-0 libqt6core6 libqt6network6 libtomlplusplus3 libqt6keychain1 libc6; do
    grep -qE "(^|, )$dep( |,|$)" <<<"$depends" || fail "Depends lacks $dep"
done
[ $gui -eq 0 ] || grep -qE "(^|, )libqt6widgets6( |,|$)" <<<"$depends" || fail "Depends lacks libqt6widgets6"
# The window icon is drawn with Qt SVG (SvgIconEngine); shlibdeps must have seen the link.
[ $gui -eq 0 ] || grep -qE "(^|, )libqt6svg6( |,|$)" <<<"$depends" || fail "Depends lacks libqt6svg6"
[ "$(dpkg-deb -f "$deb" Recommends)" = "gnome-keyring, qt6-translations-l10n" ] \
    || fail "Recommends is not gnome-keyring, qt6-translations-l10n"
[ "$(dpkg-deb -f "$deb" Version)" = "$version" ] || fail "Version is not $version"
[ "$(dpkg-deb -f "$deb" Package)" = "tbds" ] || fail "Package is not tbds"
[ -n "$(dpkg-deb -f "$deb" Maintainer)" ] || fail "no Maintainer"
mkdir -p "$work/control"
dpkg-deb -e "$deb" "$work/control"
for script in postinst prerm postrm; do
    [ -x "$work/control/$script" ] || { fail "$script missing or not executable"; continue; }
    sh -n "$work/control/$script" || fail "$script: shell syntax"
done
ok "control fields and maintainer scripts"

# --- Extract and look inside -----------------------------------------------------------------
root="$work/root"
dpkg-deb -x "$deb" "$root"

if [ $gui -eq 1 ]; then
    desktop-file-validate "$root/usr/share/applications/invalid.example.tbds.admin.desktop" \
        || fail "desktop-file-validate"
    appstreamcli validate --no-net --explain "$root/usr/share/metainfo/invalid.example.tbds.admin.metainfo.xml" \
        >"$work/appstream.log" 2>&1 || { cat "$work/appstream.log" >&2; fail "appstreamcli validate"; }
    grep -q "<release version=\"$version\"" "$root/usr/share/metainfo/invalid.example.tbds.admin.metainfo.xml" \
        || fail "metainfo has no <release> for $version"
    file_type="$(head -c 8 "$root/usr/share/icons/hicolor/48x48/apps/tbds-admin.png" | od -An -c | tr -d ' ')"
    [ "$file_type" = '211PNG\r\n032\n' ] || fail "48x48 icon is not a PNG"
    # The app announces this desktop file name (Wayland app id), or docks cannot match its windows.
    grep -qa "invalid.example.tbds.admin" "$root/usr/bin/tbds-admin" || fail "tbds-admin does not set its desktop file name"
    ok "desktop file, metainfo, icons"
fi

if command -v groff >/dev/null; then
    zcat "$root/usr/share/man/man1/tbds-service.1.gz" | groff -man -Tutf8 -ww -z 2>"$work/man.log" || true
    [ ! -s "$work/man.log" ] || { cat "$work/man.log" >&2; fail "man page: groff warnings"; }
fi
zcat "$root/usr/share/man/man1/tbds-service.1.gz" | grep -q "tbds $version" || fail "man page lacks the version"
ok "man page"

unit="$root/usr/lib/systemd/system/tbds-service.service"
grep -qx "ExecStart=/usr/bin/tbds-service start --config /etc/tbds/config.toml" "$unit" || fail "unit: ExecStart"
for line in User=tbds NoNewPrivileges=yes ProtectSystem=strict ProtectHome=yes PrivateTmp=yes \
    "ReadWritePaths=-/var/lib/tbds -/var/log/tbds" StateDirectory=tbds LogsDirectory=tbds; do
    grep -q "^$line" "$unit" || fail "unit lacks $line"
done
if command -v systemd-analyze >/dev/null; then
    # Checks syntax and option names; the binary's path is only known inside the extracted tree.
    sed "s#^ExecStart=/usr/bin/#ExecStart=$root/usr/bin/#" "$unit" >"$work/tbds-service.service"
    SYSTEMD_LOG_LEVEL=warning systemd-analyze verify --man=no "$work/tbds-service.service" >"$work/unit.log" 2>&1 || true
    if grep -iE "unknown|invalid|failed to parse|ignoring" "$work/unit.log" >&2; then fail "systemd-analyze verify"; fi
    # The hardening as systemd rates it: 0 is best, 10 worst; "OK" ends at 4.9. Keep it below 2.
    systemd-analyze security --offline=yes --threshold=20 --no-pager "$work/tbds-service.service" \
        >"$work/security.log" 2>&1 || { grep -E "✗|Overall" "$work/security.log" >&2; fail "unit exposure above 2.0"; }
fi
grep -qE '^u tbds ' "$root/usr/lib/sysusers.d/tbds.conf" || fail "sysusers.d: no tbds user"
ok "systemd unit and sysusers.d"

# --- Run the packaged engine -----------------------------------------------------------------
service="$root/usr/bin/tbds-service"
out="$("$service" --version)" || fail "tbds-service --version exited $?"
[ "$out" = "tbds-service $version" ] || fail "tbds-service --version said '$out'"
"$service" check-config --config "$root/usr/share/tbds/samples/jsonl/config.toml" >"$work/check-sample.log" 2>&1 \
    || { cat "$work/check-sample.log" >&2; fail "check-config on the packaged JSONL sample"; }
# The server example points at /var/lib/tbds and /var/log/tbds; relocate those into the scratch.
mkdir -p "$work/var/lib/tbds/defects" "$work/var/log/tbds"
sed "s#/var/lib/tbds#$work/var/lib/tbds#g; s#/var/log/tbds#$work/var/log/tbds#g" \
    "$root/usr/share/tbds/examples/config.toml" >"$work/server-config.toml"
"$service" check-config --config "$work/server-config.toml" >"$work/check-example.log" 2>&1 \
    || { cat "$work/check-example.log" >&2; fail "check-config on the packaged server example"; }
ok "packaged tbds-service: --version, check-config on the sample and the server example"

# --- cmake --install into a DESTDIR, other prefix --------------------------------------------
DESTDIR="$work/destdir" "$cmake" --install "$build" --prefix /opt/tbds >"$work/install.log" 2>&1 \
    || { cat "$work/install.log" >&2; fail "cmake --install with DESTDIR"; }
[ -x "$work/destdir/opt/tbds/bin/tbds-service" ] || fail "DESTDIR install: no /opt/tbds/bin/tbds-service"
grep -qx "ExecStart=/opt/tbds/bin/tbds-service start --config /etc/tbds/config.toml" \
    "$work/destdir/opt/tbds/lib/systemd/system/tbds-service.service" 2>/dev/null \
    || fail "DESTDIR install: unit does not start /opt/tbds/bin/tbds-service"
ok "cmake --install into DESTDIR with prefix /opt/tbds"

if [ $failures -ne 0 ]; then
    echo "$failures check(s) failed" >&2
    exit 1
fi
echo "all packaging checks passed"
