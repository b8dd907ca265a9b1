#pragma once

#include "core/log/TrafficEvent.h"
#include "core/text/CharacterMap.h"

#include <QAbstractScrollArea>
#include <QStringList>
#include <QTimer>

// The detail pane of the traffic view: offset | hex | text, 16 bytes a line,
// the text column in a chosen encoding (a multibyte character is drawn at
// its first byte, its other bytes get a placeholder), bytes that are invalid
// in that encoding marked. Only visible lines are painted, and characters
// are worked out lazily in segments as lines become visible, so a 1 MiB
// payload opens at once. Events without a payload show their message and
// endpoints instead.
class HexDumpView : public QAbstractScrollArea
{
    Q_OBJECT
public:
    static constexpr int kBytesPerLine = 16;

    explicit HexDumpView(QWidget *parent = nullptr);
    ~HexDumpView() override;

    QString encoding() const { return m_encoding; }
    void setEncoding(const QString &encoding);

    // Data and frame events show their payload; others their description.
    void setTrafficEvent(const TrafficEvent &event);
    void setPayload(const QByteArray &bytes);
    void setInfoLines(const QStringList &lines);
    void clear();

    QByteArray payload() const { return m_bytes; }
    bool isShowingPayload() const { return m_mode == Mode::Payload; }

    // Byte offsets where an invalid sequence starts, as TextCodec::decode
    // reports them for the whole payload (computed on first use).
    QList<qsizetype> invalidOffsets() const;
    // True for every byte of an invalid sequence.
    bool isInvalidByte(qsizetype offset) const;
    // What the text column shows at a byte: the character starting there,
    // a placeholder for the rest of a multibyte character, or a visible
    // symbol for a control byte.
    QString textCell(qsizetype offset) const;
    // Where a byte is drawn, in viewport coordinates (may lie outside it).
    QRect hexCellRect(qsizetype offset) const;
    QRect textCellRect(qsizetype offset) const;
    void scrollToOffset(qsizetype offset);
    // The dump as plain text, `count` lines from `firstLine`.
    QString dumpText(qsizetype firstLine = 0, qsizetype count = -1) const;

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void changeEvent(QEvent *event) override;
    bool viewportEvent(QEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void contextMenuEvent(QContextMenuEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;

private:
    enum class Mode { Empty, Payload, Info };

    void showFromTop();
    void resetPayloadState();
    void computeInBackground();
    void updateMetrics();
    void updateScrollBars();
    qsizetype lineCount() const;
    qsizetype offsetAt(const QPoint &viewportPos) const;
    QString byteToolTip(qsizetype offset) const;
    void copyHex();
    void copyText();

    Mode m_mode = Mode::Empty;
    QString m_encoding = QStringLiteral("UTF-8");
    QByteArray m_bytes;
    QStringList m_info;

    // Worked out as lines are painted, also from const accessors.
    mutable CharacterMap m_chars;

    // Works out the rest of a big payload in slices between events, so a
    // later jump to its end does not wait for it.
    QTimer m_background;
    qsizetype m_cursor = -1;  // clicked byte, highlighted with its character

    // Layout in pixels.
    int m_charWidth = 8;
    int m_lineHeight = 16;
    int m_ascent = 12;
    int m_margin = 6;
    int m_offsetDigits = 8;
    int m_hexX = 0;
    int m_textX = 0;
    int m_contentWidth = 0;
};
