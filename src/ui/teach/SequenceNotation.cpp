#include "ui/teach/SequenceNotation.h"

#include "core/text/TextCodec.h"
#include "ui/teach/SequenceDiagram.h"

using namespace Qt::Literals::StringLiterals;

QString SequenceNotation::previewOf(const QByteArray &payload, const QString &encoding)
{
    const QByteArray head = payload.left(kPreviewChars * 4);
    const QString text = TextCodec::decode(head, encoding).text;
    QString out;
    bool cut = head.size() < payload.size();
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        QString piece;
        if (c == u'\\')
            piece = u"\\\\"_s;
        else if (c == u'\n')
            piece = u"\\n"_s;
        else if (c == u'\r')
            piece = u"\\r"_s;
        else if (c == u'\t')
            piece = u"\\t"_s;
        else if (c == u'\0')
            piece = u"\\0"_s;
        else if (c.unicode() < 0x20 || c.unicode() == 0x7f)
            piece = u"\\x"_s + QString::number(c.unicode(), 16).rightJustified(2, u'0');
        else if (c.isHighSurrogate() && i + 1 < text.size()) {
            piece = text.mid(i, 2);
            ++i;
        } else
            piece = c;
        // An escape is shown whole or not at all: half of "\\" would read as
        // the start of another escape.
        if (out.size() + piece.size() > kPreviewChars) {
            cut = true;
            break;
        }
        out += piece;
    }
    return u'“' + out + (cut ? u"…”"_s : u"”"_s);
}

SequenceNotation::Shape SequenceNotation::shapeOf(const TrafficEvent &e)
{
    using K = TrafficEvent::Kind;
    switch (e.kind) {
    case K::Listening:
    case K::Stopped:
    case K::Error:
    case K::Note:   // something we did (reading paused): nothing crosses the wire
        return Shape::LocalMark;
    case K::Frame:
        return e.peer.isNull() ? Shape::LocalMark : Shape::PeerNote;
    case K::Connected:
        if (e.peer.isNull())
            return Shape::LocalMark;
        return e.session == SessionKind::TcpClient ? Shape::ArrowOut : Shape::ArrowIn;
    case K::Data:
        if (e.peer.isNull())
            return Shape::LocalMark;
        return e.direction == TrafficEvent::Direction::Out ? Shape::ArrowOut : Shape::ArrowIn;
    case K::State:
        // The kernel's samples are the TCP states view's; the diagram draws calls and messages.
        return Shape::None;
    case K::Closed:
        if (e.peer.isNull())
            return Shape::LocalMark;
        switch (e.reason) {
        case TrafficEvent::Reason::PeerClosed:
        case TrafficEvent::Reason::PeerFinished:
        case TrafficEvent::Reason::PeerReset:
        case TrafficEvent::Reason::Other:
            return Shape::ArrowIn;
        default:
            return Shape::ArrowOut;
        }
    }
    return Shape::None;
}

bool SequenceNotation::isBad(const TrafficEvent &e)
{
    return e.kind == TrafficEvent::Kind::Error
        || (e.kind == TrafficEvent::Kind::Closed
            && (e.reason == TrafficEvent::Reason::PeerReset || e.reason == TrafficEvent::Reason::Other));
}

QString SequenceNotation::labelFor(const TrafficEvent &e, const QString &encoding)
{
    using K = TrafficEvent::Kind;
    switch (e.kind) {
    case K::Connected:
        return e.session == SessionKind::TcpClient ? SequenceDiagram::tr("connect()")
                                                   : SequenceDiagram::tr("SYN → accept()");
    case K::Data:
        return SequenceDiagram::tr("%1 bytes  %2").arg(e.payload.size()).arg(previewOf(e.payload, encoding));
    case K::Frame:
        return SequenceDiagram::tr("frame: %1 bytes  %2").arg(e.payload.size()).arg(previewOf(e.payload, encoding));
    case K::Closed:
        switch (e.reason) {
        case TrafficEvent::Reason::PeerClosed: return SequenceDiagram::tr("FIN, recv()==b''");
        case TrafficEvent::Reason::PeerReset: return SequenceDiagram::tr("RST");
        case TrafficEvent::Reason::SessionStopped: return SequenceDiagram::tr("close() (server stopped)");
        case TrafficEvent::Reason::LocalClose: return SequenceDiagram::tr("close()");
        case TrafficEvent::Reason::LocalReset: return SequenceDiagram::tr("RST (abort)");
        case TrafficEvent::Reason::PeerFinished: return SequenceDiagram::tr("FIN, recv()==b'' (peer finished sending)");
        case TrafficEvent::Reason::HalfClosed: return SequenceDiagram::tr("shutdown(SHUT_WR): FIN");
        default: return SequenceDiagram::tr("closed after an error");
        }
    case K::Error:
    case K::Listening:
    case K::Stopped:
    case K::State:
    case K::Note:
        return e.message;
    }
    return e.message;
}
