#pragma once

#include "core/log/TrafficEvent.h"

#include <QString>

// How an event reads in a sequence diagram (SequenceDiagram): an arrow
// between the local socket and a peer, a mark on the local lane or a note
// at the peer, and the words it carries. The words are the diagram's
// (SequenceDiagram::tr).
class SequenceNotation
{
public:
    enum class Shape { None, ArrowIn, ArrowOut, LocalMark, PeerNote };
    static constexpr int kPreviewChars = 24;

    static Shape shapeOf(const TrafficEvent &event);
    static bool isArrow(Shape shape) { return shape == Shape::ArrowIn || shape == Shape::ArrowOut; }
    // Drawn in the colour of trouble: errors, resets, closes after an error.
    static bool isBad(const TrafficEvent &event);
    // "18 bytes “hello”", "RST", "connect()" …; payloads decoded in `encoding`.
    static QString labelFor(const TrafficEvent &event, const QString &encoding);
    // A payload as a short quoted preview, at most kPreviewChars characters.
    // Control characters are spelled as escapes, so a backslash in the
    // payload is doubled: a newline reads \n and the two bytes "\" "n" read
    // \\n, never the same.
    static QString previewOf(const QByteArray &payload, const QString &encoding);
};
