#pragma once

#include "core/commands/TypedPayload.h"
#include "core/text/PayloadParser.h"
#include "ui/send/HeldPaste.h"

#include <QObject>
#include <QString>
#include <QTimer>

#include <functional>

namespace Ui {
class SendPanel;
}
class QColor;

// The input half of the send panel: what the user typed and the bytes it
// makes. It runs the input widgets of the panel's form: the editor (a paste
// too large for it is held aside, see HeldPaste), text or hex, the encoding
// and line ending of text, the hint for the mode and the fields menu, the
// conversion between hex and text, and the live preview of the exact bytes
// the next message would be (what is typed is a Template: its fields are
// filled in for each message, from the context the panel gives). The panel sends and says what happened;
// an error the preview finds in the input is handed to it to say
// (inputErrorFound), and so is the news that the input is fine again.
class PayloadInput : public QObject
{
    Q_OBJECT
public:
    using LineEnding = PayloadEntry::LineEnding;
    // The session's counter and a random generator for the next message.
    using ContextSource = std::function<Template::Context()>;
    // What goes on the wire for a payload (framing added by the session):
    // the preview shows those bytes, and *note says what was added or why
    // it cannot be (then the payload itself is returned).
    using WireBytes = std::function<QByteArray(const QByteArray &payload, QString *note)>;

    // Above this many characters only the input's first bytes are previewed;
    // all of it is parsed when sending. The editor holds no paste that long.
    static constexpr qsizetype kLivePreviewChars = HeldPaste::kMaxChars;
    // The preview line shows at most this many bytes.
    static constexpr qsizetype kPreviewBytes = 4096;
    static constexpr int kPreviewDelayMs = 150;

    PayloadInput(Ui::SendPanel *ui, QObject *parent = nullptr);

    // Unknown names are ignored. Emits encodingChanged when it changes.
    void setEncoding(const QString &encoding);
    QString encoding() const { return m_encoding; }
    // Switching converts what is typed when the bytes stay exactly the same
    // (text "Hi" <-> hex "48 69"), and leaves it alone otherwise.
    void setMode(PayloadParser::Mode mode);
    PayloadParser::Mode mode() const;
    // Appended to text payloads; hex payloads are sent exactly as typed.
    void setLineEnding(LineEnding ending);
    LineEnding lineEnding() const;

    bool hasHeldPaste() const;
    void discardHeldPaste();
    // What Send sends: the held paste, or the editor's text.
    QString text() const;
    // `text` read once for any number of messages, or its error.
    TypedPayload read(const QString &text) const;
    // `text` as the bytes of the next message (line ending included), or
    // the error; the context's random generator is not advanced.
    PayloadParser::Result parse(const QString &text) const;
    void setContextSource(ContextSource source);
    // Writes the input in the other mode (text as its bytes in hex, hex as
    // text in the encoding with escapes for the rest) and switches to it.
    // False, with *why and the input untouched, when that would change a
    // byte or lose a field.
    bool convert(QString *why);
    // Puts text typed in `mode` back in the editor (a history entry).
    void recall(const QString &text, PayloadParser::Mode mode);
    // Marks the place of the result's error in the editor in `color`; with
    // moveCursor the cursor goes there and the editor takes the focus.
    void markError(const PayloadParser::Result &result, const QColor &color, bool moveCursor);

    void setWireBytes(WireBytes wire);
    // The preview again soon (the typing pauses first), or at once.
    void schedulePreview();
    void previewNow();
    // The words the form does not know (line endings, the hint), again.
    void retranslate();

    // Spelled out rather than "%n byte(s)": English plurals through %n need
    // an English translation file, and the program ships none.
    static QString bytesText(qint64 n);

signals:
    void encodingChanged(const QString &encoding);
    void lineEndingChanged(PayloadEntry::LineEnding ending);
    // The preview found an error in the input.
    void inputErrorFound(const PayloadParser::Result &result);
    // The input has no error (any more), or is gone.
    void inputErrorCleared();

private:
    void onTextChanged();
    void onModeToggled(bool hex);
    void onEncodingIndexChanged(int index);
    void onHeldPasteTaken();
    void onHeldPasteDiscarded();
    void showLargePreview(qsizetype chars);
    void convertEditorText(PayloadParser::Mode from, PayloadParser::Mode to);
    // `typed` written in mode `to` with the same bytes; null, with *why, when it cannot be.
    QString converted(const QString &typed, PayloadParser::Mode from, PayloadParser::Mode to, QString *why) const;
    void replaceEditorText(const QString &text);
    PayloadParser::Result nextMessage(const TypedPayload &typed) const;
    void onLineEndingIndexChanged(int index);
    void insertField(const QString &field);
    void buildFieldsMenu();
    void enableLineEnding(bool on);
    void updateHint();
    void markErrorAt(int position, const QColor &color);

    Ui::SendPanel *m_ui;
    HeldPaste *m_held;
    WireBytes m_wire;
    ContextSource m_context;
    QString m_encoding;
    QTimer m_previewTimer;
    // While the preview shows fields ({time}, {counter}) it is made again
    // now and then, so it stays the bytes of the next message.
    QTimer m_fieldsTimer;
};
