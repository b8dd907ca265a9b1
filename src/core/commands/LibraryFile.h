#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QString>
#include <QtGlobal>

class PayloadLibrary;

// The payload library's file: UTF-8 text a person can read, edit and diff,
// described for users in README.md, "The payload library file".
//
//   # comment
//   [socket-workbench-library 1]      the first line that is not blank or a comment
//
//   [group Modbus]
//   notes = Unit 1 on the bench
//
//   [payload Read holding registers]
//   group = Modbus
//   hex = 01 03 00 00 00 0A
//   checksum = crc16-modbus
//   notes = Registers 0 to 9
//         | (a "|" line continues the value above it on a new line)
//
//   [sequence Poll]
//   run = 5 times
//   step = send Read holding registers
//   step = reply within 500 ms hex 01 03
//
//   [rules Device]                    reply rules (issue 20), one per "rule =",
//   rule = contains:PING => PONG {counter}   in the --rules line form
//
//   [end]                             the last line: a file without it was cut short
//
// Values are trimmed; a value (or a "|" piece) between double quotes is taken
// as it is between them, which keeps leading and trailing spaces. Anything
// unexpected is refused with its line: a foreign header, an unknown section
// or key, a key given twice, a bad value (hex, escape, field, encoding,
// checksum, framing, step, run), a duplicate name, a sequence sending a
// payload the file lacks, text after [end], no [end], bytes that are not
// UTF-8, a NUL byte, a file over MaxFileBytes.
class LibraryFile
{
    Q_DECLARE_TR_FUNCTIONS(LibraryFile)

public:
    static constexpr int FormatVersion = 1;
    static constexpr qint64 MaxFileBytes = qint64(16) * 1024 * 1024;

    struct Result
    {
        int line = 0;      // 1-based line at fault; 0 when the fault has no line
        QString reason;
        bool ok() const { return reason.isEmpty(); }
        // "Line 12: Unknown key “colour” in [payload Login] …"
        QString message() const;
    };

    // The library in bytes; *library is set only when the whole file is good.
    static Result read(const QByteArray &bytes, PayloadLibrary *library);
    // The file of a library; read() gives back an equal library.
    static QByteArray write(const PayloadLibrary &library);
};
