#pragma once

#include "core/log/SerialSpan.h"
#include "core/net/Endpoint.h"
#include "core/teach/StreamSegments.h"

#include <QPointer>
#include <QWidget>

class LabelElider;
class QComboBox;
class QLabel;
class QSpinBox;
class Session;
class StreamCanvas;

// One TCP connection's bytes as the continuous stream TCP delivers: hex and
// text, 16 or 32 bytes a line, with the boundaries of each read drawn as
// strong bars ("read 1: 18 bytes") and, when the other end is a tab of this
// app, the sender's own send boundaries as thin dashed bars above ("send 1:
// 6 bytes"). The reads are re-cut as a program calling recv(N) would see
// them, N set in a spin box, so three quick sends of 6 bytes show as one
// read of 18 with recv(1024) and as five reads with recv(4): lesson 8,
// sticky packets. Only the first StreamSegments::kDefaultLimit bytes are
// shown; only visible lines are painted.
class StreamView : public QWidget
{
    Q_OBJECT
public:
    enum class Direction { Received, Sent };
    // Who the simulated reader is.
    enum class Reader {
        Busy,      // calls recv(N) after the data is there (the sticky case)
        Waiting,   // is blocked in recv(N) as each piece arrives
        AsLogged   // the reads this tab actually did
    };

    explicit StreamView(QWidget *parent = nullptr);
    ~StreamView() override;

    void setSession(Session *session);
    Session *session() const;
    // The connection to show (0: the newest connection of the session).
    void setConnection(quint32 connectionId);
    quint32 connection() const { return m_connection; }
    // This connection's endpoints as the session sees them (null until known).
    Endpoint localEndpoint() const { return m_local; }
    Endpoint peerEndpoint() const { return m_peer; }

    // The other end's send sizes, when it is a tab of this app.
    void setPeerSendSizes(const QList<qsizetype> &sizes);
    QList<qsizetype> peerSendSizes() const { return m_peerSends; }
    // Keeps the peer send sizes current from another session's log (the tab
    // at the other end of this connection); nullptr stops.
    void setPeerSession(Session *other);
    // The out-data sizes, in order, that `other` sent on the connection whose
    // endpoints mirror ours (its local is our peer and its peer our local).
    static QList<qsizetype> sendSizesFor(Session *other, const Endpoint &local, const Endpoint &peer);

    Direction direction() const { return m_direction; }
    void setDirection(Direction direction);
    int readSize() const;
    void setReadSize(int bytes);
    Reader reader() const { return m_reader; }
    void setReader(Reader reader);
    int bytesPerLine() const { return m_bytesPerLine; }
    void setBytesPerLine(int bytes);  // 16 or 32

    // What is shown: the stream (first limit bytes), its reads and sends.
    const StreamSegments &segments() const { return m_segments; }
    QByteArray streamBytes() const { return m_segments.bytes(); }
    // The reads as drawn (over the shown bytes).
    QList<qsizetype> readSizes() const { return m_reads; }
    // The sends as drawn: the peer's (received) or our own (sent).
    QList<qsizetype> sendSizes() const;
    // Reads over the whole stream, shown bytes or not.
    qsizetype readCount() const;
    QString summaryText() const;
    QSpinBox *readSizeSpinBox() const { return m_readSize; }
    QWidget *canvas() const;

private:
    void buildUi();
    void rebuild();
    // Takes in the events of `held` not seen yet.
    void scanTo(const SerialSpan &held);
    void onLogChanged(const SerialSpan &held);
    void onPeerLogChanged();
    void recut();
    void updateSummary();
    TrafficEvent::Direction logDirection() const;

    QPointer<Session> m_session;
    QPointer<Session> m_peerSession;
    quint32 m_connection = 0;
    quint32 m_shownConnection = 0;
    bool m_autoConnection = true;
    Endpoint m_local;
    Endpoint m_peer;
    Direction m_direction = Direction::Received;
    Reader m_reader = Reader::Busy;
    int m_bytesPerLine = 16;
    quint64 m_nextSerial = 0;   // first log serial not seen yet
    bool m_missedStart = false; // the log dropped events of the connection before we saw them
    StreamSegments m_segments;
    QList<qsizetype> m_peerSends;
    QList<qsizetype> m_reads;

    QComboBox *m_directionBox = nullptr;
    QSpinBox *m_readSize = nullptr;
    QComboBox *m_readerBox = nullptr;
    QComboBox *m_widthBox = nullptr;
    QLabel *m_summary = nullptr;
    LabelElider *m_summaryLine = nullptr;
    QLabel *m_note = nullptr;
    StreamCanvas *m_canvas = nullptr;
};
