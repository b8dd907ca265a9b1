#pragma once

// The appended bytes python3 computes for one payload a line (hex in, hex
// out): zlib.crc32 for CRC-32, crcmod's predefined CRCs (its own tables, by
// the catalogue's names) for the rest, struct for the byte order.
inline constexpr char kChecksumReference[] = R"PY(
import sys, struct, zlib, functools, operator
import crcmod.predefined
name, start = sys.argv[1], int(sys.argv[2])
crcs = {
    'crc8-smbus': ('crc-8', 'B'),
    'crc16-modbus': ('modbus', '<H'),
    'crc16-ccitt-false': ('crc-ccitt-false', '>H'),
    'crc16-xmodem': ('xmodem', '>H'),
    'crc16-arc': ('crc-16', '<H'),
}
for line in sys.stdin:
    data = bytes.fromhex(line.strip())[start:]
    if name == 'sum8':
        out = bytes([sum(data) & 0xff])
    elif name == 'xor8':
        out = bytes([functools.reduce(operator.xor, data, 0)])
    elif name == 'crc32':
        out = struct.pack('<I', zlib.crc32(data))
    else:
        predefined, fmt = crcs[name]
        out = struct.pack(fmt, crcmod.predefined.mkCrcFun(predefined)(data))
    print(out.hex())
)PY";
