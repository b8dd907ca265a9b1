#pragma once

#include "core/framing/FramingSpec.h"

#include <QString>
#include <QStringList>

// The C functions the written programs share (CScriptWriter takes only the
// ones a program calls, so gcc -Wall -Wextra finds nothing unused): each is
// the source text of one static function, its comment first.
class CScriptHelpers
{
public:
    // Our own words as a C comment: one line, and never an early "*/".
    static QString comment(QString text);

    static QStringList makeAddr();       // make_addr(): numeric IPv4/IPv6 address and port
    static QStringList lookup();         // lookup(): a host name through getaddrinfo()
    static QStringList sayWhy();         // say_why(): strerror(), or "nothing came" on a timeout
    static QStringList printBytes();     // print_bytes(): b'...' as Python prints bytes
    static QStringList printAddress();   // print_address(): 127.0.0.1:8000, [::1]:8000
    static QStringList sendAll();        // send_all(): Python's sendall()
    static QStringList recvExactly();    // recv_exactly(): loop until n bytes are in
    static QStringList getLength(const FramingSpec &spec);  // the length prefix, read
    static QStringList putLength(const FramingSpec &spec);  // the length prefix, written
    static QStringList find();           // find(): a delimiter in a buffer
    static QStringList httpResponse(const QString &charset);  // http_response(): the 200 page

    // "the 4-byte big-endian length (length:4, struct '!I')"
    static QString lengthWords(const FramingSpec &spec);
};
