#include "core/commands/Checksum.h"

#include <array>

using namespace Qt::StringLiterals;

namespace {

// FROM is a byte offset into one message; far above any message a workbench
// sends, and far from overflow in size arithmetic.
constexpr qsizetype kMaxFrom = qsizetype(1) << 30;

using Table = std::array<quint32, 256>;

quint32 reflect(quint32 value, int bits)
{
    quint32 out = 0;
    for (int i = 0; i < bits; ++i) {
        if (value & (quint32(1) << i))
            out |= quint32(1) << (bits - 1 - i);
    }
    return out;
}

quint32 widthMask(int bits)
{
    return bits >= 32 ? 0xffffffffu : (quint32(1) << bits) - 1;
}

// One byte at a time, for any width from 8 to 32 bits: a reflected CRC keeps
// its register reflected and shifts right, a plain one shifts left.
Table makeTable(const Checksum::Info &crc)
{
    Table table {};
    const int bits = crc.width * 8;
    const quint32 mask = widthMask(bits);
    if (crc.reflected) {
        const quint32 poly = reflect(crc.poly, bits);
        for (quint32 i = 0; i < 256; ++i) {
            quint32 r = i;
            for (int k = 0; k < 8; ++k)
                r = (r & 1) ? (r >> 1) ^ poly : r >> 1;
            table[i] = r & mask;
        }
    } else {
        const quint32 top = quint32(1) << (bits - 1);
        for (quint32 i = 0; i < 256; ++i) {
            quint32 r = i << (bits - 8);
            for (int k = 0; k < 8; ++k)
                r = (r & top) ? (r << 1) ^ crc.poly : r << 1;
            table[i] = r & mask;
        }
    }
    return table;
}

const Table &tableFor(Checksum::Algorithm algorithm)
{
    // Built once, on first use, for every CRC of the catalogue (the sums get
    // an unused zero table); function-local statics are thread-safe.
    static const std::array<Table, 8> tables = [] {
        std::array<Table, 8> all {};
        for (const Checksum::Info &row : Checksum::catalogue()) {
            if (row.poly != 0)
                all[size_t(row.algorithm)] = makeTable(row);
        }
        return all;
    }();
    return tables[size_t(algorithm)];
}

quint32 crc(const Checksum::Info &row, QByteArrayView bytes)
{
    const Table &table = tableFor(row.algorithm);
    const int bits = row.width * 8;
    const quint32 mask = widthMask(bits);
    if (row.reflected) {
        quint32 r = reflect(row.init, bits);
        for (char ch : bytes)
            r = table[(r ^ uchar(ch)) & 0xff] ^ (r >> 8);
        return (r ^ row.xorOut) & mask;
    }
    quint32 r = row.init;
    for (char ch : bytes)
        r = (table[((r >> (bits - 8)) ^ uchar(ch)) & 0xff] ^ (r << 8)) & mask;
    return (r ^ row.xorOut) & mask;
}

// Names compare without case and without the punctuation people vary:
// "CRC-16/MODBUS", "crc16-modbus" and "crc16_modbus" are one name.
QString nameKey(const QString &name)
{
    QString key;
    key.reserve(name.size());
    for (QChar c : name) {
        if (c == u'-' || c == u'/' || c == u'_' || c.isSpace())
            continue;
        key += c.toLower();
    }
    return key;
}

QString hexOf(QByteArrayView bytes)
{
    return QString::fromLatin1(bytes.toByteArray().toHex(' ').toUpper());
}

} // namespace

const QList<Checksum::Info> &Checksum::catalogue()
{
    using A = Algorithm;
    using O = ByteOrder;
    static const QList<Info> rows = {
        {A::Sum8, u"sum8"_s, u"SUM8"_s, {u"SUM"_s, u"CHECKSUM8"_s}, 1, O::Big, 0xdd},
        {A::Xor8, u"xor8"_s, u"XOR8"_s, {u"XOR"_s, u"BCC"_s}, 1, O::Big, 0x31},
        {A::Crc8Smbus, u"crc8-smbus"_s, u"CRC-8/SMBUS"_s, {u"CRC-8"_s}, 1, O::Big, 0xf4,
         0x07, 0x00, false, 0x00},
        {A::Crc16Modbus, u"crc16-modbus"_s, u"CRC-16/MODBUS"_s, {u"MODBUS"_s}, 2, O::Little, 0x4b37,
         0x8005, 0xffff, true, 0x0000},
        {A::Crc16CcittFalse, u"crc16-ccitt-false"_s, u"CRC-16/IBM-3740"_s,
         {u"CRC-16/CCITT-FALSE"_s, u"CRC-16/AUTOSAR"_s}, 2, O::Big, 0x29b1,
         0x1021, 0xffff, false, 0x0000},
        {A::Crc16Xmodem, u"crc16-xmodem"_s, u"CRC-16/XMODEM"_s,
         {u"XMODEM"_s, u"ZMODEM"_s, u"CRC-16/ACORN"_s, u"CRC-16/LTE"_s, u"CRC-16/V-41-MSB"_s}, 2, O::Big, 0x31c3,
         0x1021, 0x0000, false, 0x0000},
        {A::Crc16Arc, u"crc16-arc"_s, u"CRC-16/ARC"_s, {u"ARC"_s, u"CRC-16/LHA"_s, u"CRC-IBM"_s}, 2, O::Little, 0xbb3d,
         0x8005, 0x0000, true, 0x0000},
        {A::Crc32, u"crc32"_s, u"CRC-32/ISO-HDLC"_s,
         {u"CRC-32"_s, u"CRC-32/ADCCP"_s, u"CRC-32/V-42"_s, u"CRC-32/XZ"_s, u"PKZIP"_s}, 4, O::Little, 0xcbf43926,
         0x04c11db7, 0xffffffff, true, 0xffffffff},
    };
    return rows;
}

const Checksum::Info &Checksum::info(Algorithm algorithm)
{
    return catalogue().at(qsizetype(algorithm));
}

Checksum::Checksum(Algorithm algorithm, qsizetype from)
    : Checksum(algorithm, from, info(algorithm).order)
{
}

Checksum::Checksum(Algorithm algorithm, qsizetype from, ByteOrder order)
    : m_algorithm(algorithm), m_from(from), m_order(info(algorithm).width == 1 ? ByteOrder::Big : order)
{
}

bool Checksum::algorithmFromName(const QString &name, Algorithm *algorithm, QString *error)
{
    const QString key = nameKey(name);
    if (key == u"crc16"_s) {
        if (error)
            *error = tr("\u201c%1\u201d is ambiguous: the CRC catalogue's CRC-16 is crc16-arc, many device "
                        "tools mean crc16-modbus; write the one you mean").arg(name);
        return false;
    }
    if (key == u"crcccitt"_s || key == u"crc16ccitt"_s) {
        if (error)
            *error = tr("\u201c%1\u201d is ambiguous: write crc16-ccitt-false (initial value FFFF) or "
                        "crc16-xmodem (initial value 0)").arg(name);
        return false;
    }
    for (const Info &row : catalogue()) {
        bool match = key == nameKey(row.name) || key == nameKey(row.catalogueName);
        for (qsizetype i = 0; !match && i < row.aliases.size(); ++i)
            match = key == nameKey(row.aliases.at(i));
        if (match) {
            if (algorithm)
                *algorithm = row.algorithm;
            return true;
        }
    }
    if (error) {
        QStringList names;
        for (const Info &row : catalogue())
            names.append(row.name);
        *error = tr("Unknown checksum \u201c%1\u201d (known: %2)").arg(name, names.join(u", "_s));
    }
    return false;
}

Checksum Checksum::parse(const QString &text, QString *error)
{
    const auto fail = [error](const QString &message) {
        if (error)
            *error = message;
        return Checksum();
    };
    if (error)
        error->clear();

    const QStringList parts = text.trimmed().split(u':');
    if (parts.first().trimmed().isEmpty())
        return fail(tr("No checksum named: write NAME[:FROM], e.g. crc16-modbus or sum8:2"));
    QString why;
    Algorithm algorithm;
    if (!algorithmFromName(parts.first().trimmed(), &algorithm, &why))
        return fail(why);
    const Info &row = info(algorithm);

    qsizetype from = 0;
    ByteOrder order = row.order;
    bool haveFrom = false;
    bool haveOrder = false;
    for (qsizetype i = 1; i < parts.size(); ++i) {
        const QString part = parts.at(i).trimmed().toLower();
        if (part == u"le"_s || part == u"be"_s) {
            if (haveOrder)
                return fail(tr("The byte order is given twice in \u201c%1\u201d").arg(text));
            if (row.width == 1)
                return fail(tr("%1 is one byte long and has no byte order; leave out \u201c:%2\u201d")
                                    .arg(row.name, part));
            order = part == u"le"_s ? ByteOrder::Little : ByteOrder::Big;
            haveOrder = true;
            continue;
        }
        bool numeric = false;
        const qlonglong value = part.toLongLong(&numeric, 10);
        if (!numeric || part.startsWith(u'+') || part.startsWith(u'-')) {
            return fail(tr("\u201c%1\u201d in \u201c%2\u201d is neither a first byte (0, 1, 2 \u2026) nor a byte "
                           "order (le, be)").arg(parts.at(i).trimmed(), text));
        }
        if (haveFrom || haveOrder)
            return fail(tr("Write the first byte before the byte order, once: NAME[:FROM][:le|:be]"));
        if (value > kMaxFrom)
            return fail(tr("The first byte %1 is too large (at most %2)").arg(value).arg(kMaxFrom));
        from = qsizetype(value);
        haveFrom = true;
    }
    return Checksum(algorithm, from, order);
}

QString Checksum::toString() const
{
    const Info &row = info(m_algorithm);
    QString text = row.name;
    if (m_from != 0)
        text += u':' + QString::number(m_from);
    if (m_order != row.order)
        text += m_order == ByteOrder::Little ? u":le"_s : u":be"_s;
    return text;
}

QString Checksum::describe() const
{
    const Info &row = info(m_algorithm);
    const QString range = m_from == 0 ? tr("over the whole payload") : tr("from byte %1 on").arg(m_from);
    if (row.width == 1)
        return tr("%1: 1 byte, %2").arg(row.catalogueName, range);
    const QString order = m_order == ByteOrder::Little ? tr("low byte first (little-endian)")
                                                       : tr("high byte first (big-endian)");
    return tr("%1: %2 bytes, %3, %4").arg(row.catalogueName).arg(row.width).arg(order, range);
}

quint32 Checksum::compute(QByteArrayView bytes) const
{
    const Info &row = info(m_algorithm);
    switch (m_algorithm) {
    case Algorithm::Sum8: {
        quint32 sum = 0;
        for (char ch : bytes)
            sum += uchar(ch);
        return sum & 0xff;
    }
    case Algorithm::Xor8: {
        quint32 x = 0;
        for (char ch : bytes)
            x ^= uchar(ch);
        return x;
    }
    default:
        return crc(row, bytes);
    }
}

QByteArray Checksum::bytesOf(quint32 value) const
{
    const int width = this->width();
    QByteArray out(width, '\0');
    for (int i = 0; i < width; ++i) {
        const int shift = m_order == ByteOrder::Little ? 8 * i : 8 * (width - 1 - i);
        out[i] = char((value >> shift) & 0xff);
    }
    return out;
}

Checksum::Appended Checksum::append(const QByteArray &payload) const
{
    Appended result;
    // FROM at the very end would check nothing, which is never what a
    // protocol means: the range must hold at least one byte.
    if (m_from >= payload.size()) {
        // Sizes, not "%n byte(s)": core messages have no plural translation.
        result.error = tr("The checksum starts at byte %1, but the payload ends before it (payload size %2)")
                               .arg(m_from).arg(payload.size());
        return result;
    }
    result.appended = bytesOf(compute(QByteArrayView(payload).sliced(m_from)));
    result.frame = payload + result.appended;
    return result;
}

Checksum::Verification Checksum::verify(QByteArrayView frame) const
{
    Verification result;
    const qsizetype width = this->width();
    if (frame.size() < m_from + width + 1) {
        // m_from + width + 1 is at least 2: "bytes" is always right.
        result.error = tr("The frame (size %1) is too short for %2 from byte %3: it needs at least %4 bytes")
                               .arg(frame.size())
                               .arg(info(m_algorithm).catalogueName)
                               .arg(m_from)
                               .arg(m_from + width + 1);
        return result;
    }
    const qsizetype end = frame.size() - width;
    result.expected = bytesOf(compute(frame.sliced(m_from, end - m_from)));
    result.found = frame.sliced(end).toByteArray();
    result.ok = result.expected == result.found;
    return result;
}

QString Checksum::Verification::describe() const
{
    if (!error.isEmpty())
        return error;
    if (ok)
        return Checksum::tr("checksum %1 correct").arg(hexOf(found));
    return Checksum::tr("checksum wrong: expected %1, found %2").arg(hexOf(expected), hexOf(found));
}
