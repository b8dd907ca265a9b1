#pragma once

#include <QAbstractScrollArea>
#include <QByteArray>
#include <QList>
#include <QString>

class HexDumpView;

// StreamView's painted stream: per line a band for send labels (when sends
// are known), a band for read labels, then offset | hex | text. Boundaries
// are bars between bytes, in both the hex and the text column. Only
// visible lines are painted. Its words are StreamView's.
class StreamCanvas : public QAbstractScrollArea
{
public:
    explicit StreamCanvas(QWidget *parent);

    void setData(const QByteArray &bytes, const QList<qsizetype> &reads, const QList<qsizetype> &sends,
                 const QString &encoding, int bytesPerLine);

    qsizetype lineCount() const { return (m_bytes.size() + m_bytesPerLine - 1) / m_bytesPerLine; }
    int lineHeight() const { return m_lineHeight; }
    int hexX() const { return m_hexX; }
    int textX() const { return m_textX; }

    // The byte under a viewport point, or -1.
    qsizetype offsetAt(const QPoint &pos) const;

protected:
    void resizeEvent(QResizeEvent *event) override;
    void changeEvent(QEvent *event) override;
    bool viewportEvent(QEvent *event) override;
    void paintEvent(QPaintEvent *event) override;

private:
    void updateMetrics();
    void updateScrollBars();
    int hexBarX(qsizetype column) const { return m_hexX + int(column) * 3 * m_cw - m_cw / 2; }
    int textBarX(qsizetype column) const { return m_textX + int(column) * m_cw; }
    QString toolTip(qsizetype offset) const;
    // Labels of the pieces that start on a line, each kept left of the next.
    void drawLabels(QPainter &p, const QList<qsizetype> &starts, const QList<qsizetype> &sizes, qsizetype lineStart,
                    qsizetype lineEnd, int baseline, const QString &what, const QColor &color);

    HexDumpView *m_text;
    bool m_textDirty = true;
    QByteArray m_bytes;
    QList<qsizetype> m_reads;
    QList<qsizetype> m_readStarts;
    QList<qsizetype> m_sends;
    QList<qsizetype> m_sendStarts;
    int m_bytesPerLine = 16;
    int m_cw = 8;
    int m_fh = 16;
    int m_sendBand = 0;
    int m_readBand = 18;
    int m_lineHeight = 48;
    int m_hexX = 0;
    int m_textX = 0;
    int m_width = 0;
};
