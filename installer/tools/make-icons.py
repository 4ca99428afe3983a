#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Packs resources/icons/tbds-admin.svg into the Windows .ico and macOS .icns files.

Run it after editing the SVG and commit both outputs: the Windows and macOS build hosts have no
SVG renderer, so unlike the Linux PNGs these are not made at build time. Needs rsvg-convert
(librsvg2-bin). Both formats simply embed PNG images (ICO since Windows Vista, ICNS since
macOS 10.7), so no image library is needed.
"""
import pathlib
import struct
import subprocess
import sys

ICONS = pathlib.Path(__file__).resolve().parents[2] / "resources" / "icons"
SVG = ICONS / "tbds-admin.svg"


def render(size: int) -> bytes:
    return subprocess.run(["rsvg-convert", "--width", str(size), "--height", str(size), str(SVG)],
                          check=True, capture_output=True).stdout


def make_ico(sizes):
    images = [render(s) for s in sizes]
    header = struct.pack("<HHH", 0, 1, len(images))
    offset = len(header) + 16 * len(images)
    entries = b""
    for size, png in zip(sizes, images):
        # Width and height 0 mean 256.
        entries += struct.pack("<BBBBHHII", size % 256, size % 256, 0, 0, 1, 32, len(png), offset)
        offset += len(png)
    return header + entries + b"".join(images)


def make_icns(types):
    body = b""
    for kind, size in types:
        png = render(size)
        body += kind.encode("ascii") + struct.pack(">I", len(png) + 8) + png
    return b"icns" + struct.pack(">I", len(body) + 8) + body


def main():
    (ICONS / "tbds-admin.ico").write_bytes(make_ico([16, 24, 32, 48, 64, 128, 256]))
    (ICONS / "tbds-admin.icns").write_bytes(make_icns(
        [("icp4", 16), ("icp5", 32), ("icp6", 64), ("ic07", 128), ("ic08", 256), ("ic09", 512), ("ic10", 1024)]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
