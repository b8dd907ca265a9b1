#pragma once

#include "core/commands/Template.h"

#include <QByteArray>
#include <QList>
#include <QString>

// What a session answers on its own to received data:
//  none, echo (the same bytes back), a template in the one template syntax
//  (core/commands/Template.h: {data} the received bytes, {counter}, {time},
//  {random:N}, {hex:…}, {{ for a brace; "Hello,{data}!" answers "Tracy" with
//  "Hello,Tracy!"; escapes as in PayloadParser text mode), or http (a 200
//  page with correct headers for each request).
class AutoReply
{
public:
    enum class Mode { None, Echo, Template, Http };

    AutoReply() = default;
    // "none" (or empty), "echo", "http" (case-insensitive), or anything else =
    // template text. An invalid template (bad escape, a character the
    // encoding cannot represent) or an unknown encoding for a template or
    // http reply fills *error (with line and column for the template) and
    // returns a None reply; *error is cleared on success.
    static AutoReply fromSpec(const QString &spec, const QString &encoding, QString *error = nullptr);
    // The mode a spec asks for, valid or not ("Hello,{data}!" is Template).
    static Mode modeOfSpec(const QString &spec);

    Mode mode() const { return m_mode; }
    QString templateText() const { return m_template; }
    QString encoding() const { return m_encoding; }   // canonical name when supported
    QString spec() const;      // inverse of fromSpec
    bool isActive() const { return m_mode != Mode::None; }

    // The bytes a template reply gives for received data (template parts
    // encoded in the encoding, {data} replaced by the raw received bytes,
    // {counter} as 1: AutoResponder gives the session's count). Echo mode
    // gives the received bytes, None and Http nothing.
    QByteArray templateReply(const QByteArray &received) const;
    // The parsed template (empty unless mode() is Template).
    const Template &replyTemplate() const { return m_compiled; }
    // The full HTTP response for a request line (method/target are
    // HTML-escaped into the page, never interpreted). The page is encoded in
    // the encoding and labelled with it; a HEAD request gets the same headers
    // and no body.
    QByteArray httpResponse(const QByteArray &method, const QByteArray &target, bool keepAlive) const;
    // "400 Bad Request" with Connection: close; reason (HTML-escaped) says
    // what was wrong with the request.
    QByteArray httpBadRequest(const QString &reason) const;
    // The charset label of the encoding in Content-Type ("utf-8", "gbk").
    QString httpCharset() const;

private:
    Mode m_mode = Mode::None;
    QString m_template;
    QString m_encoding = QStringLiteral("UTF-8");
    Template m_compiled;
};
