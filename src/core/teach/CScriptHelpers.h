#pragma once

#include <QList>
#include <QString>
#include <QStringList>

struct ScriptPlan;

// The C functions the written programs share (CScriptWriter takes only the
// ones a program calls, so gcc -Wall -Wextra finds nothing unused): each is
// the source text of one static function, its comment first.
class CScriptHelpers
{
public:
    enum class Helper {
        MakeAddr,       // make_addr(): numeric IPv4/IPv6 address and port
        Lookup,         // lookup(): a host name through getaddrinfo()
        SayWhy,         // say_why(): strerror(), or "nothing came" on a timeout
        PrintBytes,     // print_bytes(): b'...' as Python prints bytes
        PrintAddress,   // print_address(): 127.0.0.1:8000, [::1]:8000
        SendAll,        // send_all(): Python's sendall()
        RecvExactly,    // recv_exactly(): loop until n bytes are in
        GetLength,      // get_length(): the plan's length prefix, read
        PutLength,      // put_length(): the plan's length prefix, written
        Find,           // find(): a delimiter in a buffer
        HttpResponse,   // http_response(): the 200 page, in the plan's charset
    };

    // Our own words as a C comment: one line, and never an early "*/".
    static QString comment(QString text);

    // The function's name in C: "make_addr".
    static QString name(Helper helper);
    // The helpers it calls, which come before it.
    static QList<Helper> needs(Helper helper);
    // Its comment and source, one line an entry.
    static QStringList source(Helper helper, const ScriptPlan &plan);
};
