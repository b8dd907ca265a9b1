#pragma once

#include <QtGlobal>

// What malloc really takes for a block of `bytes` asked for (its 8-byte
// header, 16-byte rounding, 32-byte minimum): what the log's budget is
// charged for a heap block it keeps.
constexpr qint64 mallocBlockBytes(qint64 bytes)
{
    return qMax<qint64>(32, (bytes + 8 + 15) & ~qint64(15));
}
