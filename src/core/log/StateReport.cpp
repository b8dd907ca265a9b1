#include "core/log/StateReport.h"

#include <QList>

QByteArray StateReport::toPayload() const
{
    QByteArray out = "tcp_state=" + tcpState.toLatin1();
    if (listener) {
        out += " accept_queue=" + QByteArray::number(acceptQueue);
        out += " syn_queue=" + QByteArray::number(synQueue);
        out += " backlog=" + QByteArray::number(backlog);
    } else {
        out += " recv_q=" + QByteArray::number(recvQ);
        out += " send_q=" + QByteArray::number(sendQ);
        if (tcpState == QLatin1String("SYN_SENT"))
            out += " retries=" + QByteArray::number(retries);
    }
    return out;
}

std::optional<StateReport> StateReport::fromPayload(const QByteArray &payload)
{
    StateReport r;
    bool sawState = false;
    int counts = 0;
    for (const QByteArray &field : payload.split(' ')) {
        const qsizetype eq = field.indexOf('=');
        if (eq <= 0)
            return std::nullopt;
        const QByteArray key = field.left(eq);
        const QByteArray value = field.mid(eq + 1);
        if (key == "tcp_state") {
            if (value.isEmpty())
                return std::nullopt;
            r.tcpState = QString::fromLatin1(value);
            sawState = true;
            continue;
        }
        bool ok = false;
        const quint32 n = value.toUInt(&ok);
        if (!ok)
            return std::nullopt;
        if (key == "accept_queue")
            r.acceptQueue = n;
        else if (key == "syn_queue")
            r.synQueue = n;
        else if (key == "backlog")
            r.backlog = n;
        else if (key == "recv_q")
            r.recvQ = n;
        else if (key == "send_q")
            r.sendQ = n;
        else if (key == "retries" && r.tcpState == QLatin1String("SYN_SENT"))
            r.retries = n;
        else
            return std::nullopt;
        r.listener = r.listener || key == "accept_queue";
        ++counts;
    }
    const int wanted = r.listener ? 3 : r.tcpState == QLatin1String("SYN_SENT") ? 3 : 2;
    if (!sawState || counts != wanted)
        return std::nullopt;
    return r;
}

QByteArray StateReport::jsonFields() const
{
    // tcpState is one of the kernel's state names: letters, digits and '_'.
    QByteArray out = ",\"tcp_state\":\"" + tcpState.toLatin1() + '"';
    if (listener) {
        out += ",\"accept_queue\":" + QByteArray::number(acceptQueue);
        out += ",\"syn_queue\":" + QByteArray::number(synQueue);
        out += ",\"backlog\":" + QByteArray::number(backlog);
    } else {
        out += ",\"recv_q\":" + QByteArray::number(recvQ);
        out += ",\"send_q\":" + QByteArray::number(sendQ);
        if (tcpState == QLatin1String("SYN_SENT"))
            out += ",\"retries\":" + QByteArray::number(retries);
    }
    return out;
}
