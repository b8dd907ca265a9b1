#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>
#include <QtGlobal>

// A checksum appended to what is sent and verified on what is received:
// which algorithm, over which bytes, in which byte order.
//
// Text form (command line `--checksum`, library files), case-insensitive in,
// canonical lower case out:
//   NAME[:FROM][:le|:be]
//     NAME  one of the catalogue below, by its command-line name
//           (crc16-modbus) or by its name or an alias in Greg Cook's CRC
//           catalogue (CRC-16/MODBUS, MODBUS); '-', '/', '_' and spaces are
//           ignored when comparing, so crc16modbus works too.
//     FROM  the first byte (0-based) the checksum covers; the default 0 is
//           the whole payload. A header such as AA 55 is left out by :2.
//     le|be overrides the algorithm's byte order (a device that stores a
//           CRC-16/CCITT-FALSE low byte first); not for 1-byte sums.
//
// The catalogue. Parameters and check values (the CRC of the ASCII string
// "123456789") are those of the CRC RevEng catalogue; one table-driven CRC
// serves them all. The default byte order of each CRC is the one in which its
// register meets the wire: a reflected CRC shifts the low bit out first, so
// its low byte goes first (little-endian) and the CRC of payload + appended
// bytes is the catalogue's constant residue; a non-reflected CRC sends its
// high byte first (big-endian) for the same reason.
//   sum8               SUM8: bytes added modulo 256                 check DD
//   xor8               XOR8: bytes XORed (a "BCC")                  check 31
//   crc8-smbus         CRC-8/SMBUS (catalogue alias CRC-8)          check F4
//   crc16-modbus       CRC-16/MODBUS, little-endian: the Modbus RTU
//                      specification sends the low byte first       check 4B37
//   crc16-ccitt-false  CRC-16/IBM-3740 (alias CRC-16/CCITT-FALSE),
//                      big-endian: not reflected                    check 29B1
//   crc16-xmodem       CRC-16/XMODEM, big-endian: XMODEM sends the
//                      high byte first                              check 31C3
//   crc16-arc          CRC-16/ARC, little-endian: reflected, as ARC
//                      and LHA store it                             check BB3D
//   crc32              CRC-32/ISO-HDLC, zlib's crc32(), little-endian:
//                      reflected, as gzip, ZIP and Ethernet send it check CBF43926
// "crc16" and "crc-ccitt" are refused as ambiguous: the catalogue's CRC-16 is
// ARC while many device tools mean MODBUS, and "CCITT" names three CRCs.
class Checksum
{
    Q_DECLARE_TR_FUNCTIONS(Checksum)

public:
    enum class Algorithm { Sum8, Xor8, Crc8Smbus, Crc16Modbus, Crc16CcittFalse, Crc16Xmodem, Crc16Arc, Crc32 };
    enum class ByteOrder { Big, Little };

    // One catalogue row.
    struct Info
    {
        Algorithm algorithm;
        QString name;           // command-line name: "crc16-modbus"
        QString catalogueName;  // "CRC-16/MODBUS"; "SUM8" for the sums
        QStringList aliases;    // other names accepted ("MODBUS", "CRC-16/CCITT-FALSE")
        int width;              // bytes appended: 1, 2 or 4
        ByteOrder order;        // default order of the appended bytes
        quint32 check;          // value for the ASCII bytes "123456789"
        // CRC parameters (RevEng's), unused by the sums.
        quint32 poly = 0;
        quint32 init = 0;
        bool reflected = false; // refin and refout (equal for every row)
        quint32 xorOut = 0;
    };
    static const QList<Info> &catalogue();
    static const Info &info(Algorithm algorithm);

    Checksum() = default;
    explicit Checksum(Algorithm algorithm, qsizetype from = 0);
    Checksum(Algorithm algorithm, qsizetype from, ByteOrder order);

    // The checksum of its text form; on error a default (SUM8) checksum and
    // *error says what is wrong (unknown name, bad FROM, bad order).
    static Checksum parse(const QString &text, QString *error);
    // The algorithm a name stands for; false (and *error) when unknown or ambiguous.
    static bool algorithmFromName(const QString &name, Algorithm *algorithm, QString *error);
    // The canonical text parse() reads back to an equal checksum.
    QString toString() const;
    // "CRC-16/MODBUS: 2 bytes, low byte first, over the whole payload".
    QString describe() const;

    Algorithm algorithm() const { return m_algorithm; }
    qsizetype from() const { return m_from; }
    ByteOrder order() const { return m_order; }
    int width() const { return info(m_algorithm).width; }

    // The algorithm over all of bytes (the range plays no part).
    quint32 compute(QByteArrayView bytes) const;
    // value as the bytes appended, in the byte order.
    QByteArray bytesOf(quint32 value) const;

    struct Appended
    {
        QByteArray frame;     // payload + checksum
        QByteArray appended;  // the checksum bytes alone, for a preview
        QString error;        // FROM past the payload's end
        bool ok() const { return error.isEmpty(); }
    };
    // payload with its checksum (over payload[from..]) appended.
    Appended append(const QByteArray &payload) const;

    struct Verification
    {
        bool ok = false;       // the frame's checksum matches
        QByteArray expected;   // what the covered bytes give, as it would be appended
        QByteArray found;      // the frame's last width() bytes
        QString error;         // frame too short for FROM and the checksum
        // "expected C5 CD, found C5 CE" / the error, for a detail pane.
        QString describe() const;
    };
    // A received frame (payload + checksum) checked: its last width() bytes
    // against the checksum of frame[from .. size - width()].
    Verification verify(QByteArrayView frame) const;

    friend bool operator==(const Checksum &, const Checksum &) = default;

private:
    Algorithm m_algorithm = Algorithm::Sum8;
    qsizetype m_from = 0;
    ByteOrder m_order = ByteOrder::Big;
};
