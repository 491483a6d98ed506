#!/usr/bin/env python3
# make-zips.py - regenerate the zip fixtures of tests/data (run from that folder)
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The zips are committed; this script documents how each was made, so a
# maintainer can change a fixture and rebuild them. Nothing in the build or
# the tests runs it.
import struct
import zipfile

LOG = open("Lync-UccApi-0.UccApilog", "rb").read()
OLD = open("Communicator-uccapi-0.uccapilog", "rb").read()


def mosdal(path):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("MOSDAL_Report/Networking/ipconfig.txt",
                   "Windows IP Configuration\r\n\r\n   Host Name . . . . : PC042\r\n")
        z.writestr("MOSDAL_Report/User_Applications/Lync/Tracing/Lync-UccApi-0.UccApilog", LOG)
        z.writestr("MOSDAL_Report/System/systeminfo.txt", "OS Name: Microsoft Windows 7 Enterprise\r\n")


mosdal("MOSDALREPORT.zip")

# Logs at an unexpected depth, a hostile member name, and a nested zip.
with zipfile.ZipFile("odd-layout.zip", "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("a/b/c/d/Communicator-uccapi-0.UCCAPILOG", OLD)
    z.writestr("../../x", "not a log\n")
    z.writestr("/etc/passwd", "root:x:0:0\n")
    z.writestr("evil\nname.txt", "text\n")
    inner = open("MOSDALREPORT.zip", "rb").read()
    z.writestr("nested/MOSDALREPORT.zip", inner)

with zipfile.ZipFile("no-logs.zip", "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("Networking/ipconfig.txt", "Windows IP Configuration\r\n")

# A zip bomb: 200 MB of zeros under a log name; ratio above 1000:1.
with zipfile.ZipFile("bomb.zip", "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
    with z.open("User_Applications/Lync/Lync-UccApi-0.UccApilog", "w", force_zip64=True) as f:
        block = b"\0" * (1 << 20)
        for _ in range(200):
            f.write(block)

# Truncated: the central directory is gone.
data = open("MOSDALREPORT.zip", "rb").read()
open("truncated.zip", "wb").write(data[: len(data) * 2 // 3])


def patch_central(src, dst, fn):
    b = bytearray(open(src, "rb").read())
    i = b.find(b"PK\x01\x02")
    while i >= 0:
        fn(b, i)
        i = b.find(b"PK\x01\x02", i + 4)
    open(dst, "wb").write(bytes(b))


# Encrypted: general-purpose bit 0 set in local and central headers.
def set_encrypted(b, i):
    flags = struct.unpack_from("<H", b, i + 8)[0]
    struct.pack_into("<H", b, i + 8, flags | 1)
    loff = struct.unpack_from("<I", b, i + 42)[0]
    lflags = struct.unpack_from("<H", b, loff + 6)[0]
    struct.pack_into("<H", b, loff + 6, lflags | 1)


patch_central("MOSDALREPORT.zip", "encrypted.zip", set_encrypted)


# Lies about sizes: the central directory declares 1000 bytes for the log.
def lie_size(b, i):
    nlen = struct.unpack_from("<H", b, i + 28)[0]
    name = bytes(b[i + 46 : i + 46 + nlen])
    if name.endswith(b".UccApilog"):
        struct.pack_into("<I", b, i + 24, 1000)


patch_central("MOSDALREPORT.zip", "lying-sizes.zip", lie_size)
