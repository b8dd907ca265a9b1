#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QCoreApplication>
#include <QString>

// One step of a sequence, and its one-line text form (a library file's
// "step =" line, case-insensitive keywords, canonical form out):
//
//   send NAME                          send the library payload NAME
//   send-text TEXT                     send a template (Template syntax, the
//                                      sequence's encoding): send-text PING{hex:0d 0a}
//   send-hex HEX                       send a template in hex: send-hex 01 03 {counter:02}
//   wait MS ms                         do nothing for MS milliseconds (0 to 3600000)
//   reply within MS ms contains TEXT   wait up to MS ms (1 to 3600000) for received
//                                      bytes that contain TEXT (escapes as in a
//                                      payload, in the sequence's encoding)
//   reply within MS ms hex HEX         … that contain these bytes
//   reply within MS ms regex RE        … that, decoded in the sequence's
//                                      encoding, match the regular expression
//   loop to STEP                       go back to step STEP (1-based, an earlier
//                                      step) until the sequence is stopped
//   loop to STEP, N times              run steps STEP … this one N times in all
//
// What a reply step looks at (for the runner): the bytes received since the
// step began, accumulated across reads, so a reply split by TCP still matches.
class SequenceStep
{
    Q_DECLARE_TR_FUNCTIONS(SequenceStep)

public:
    enum class Kind { SendEntry, SendText, SendHex, Wait, Reply, Loop };
    enum class Match { Contains, Hex, Regex };

    static constexpr int MaxMilliseconds = 3600000;
    static constexpr int MaxLoopTimes = 1000000;

    Kind kind = Kind::Wait;
    QString text;          // SendEntry: the name; SendText/SendHex: the template; Reply: the pattern
    int milliseconds = 0;  // Wait: the pause; Reply: the timeout
    Match match = Match::Contains;
    int target = 1;        // Loop: the 1-based step to go back to
    int times = 0;         // Loop: runs in all; 0 = until stopped

    static SequenceStep sendEntry(const QString &name);
    static SequenceStep sendText(const QString &templateText);
    static SequenceStep sendHex(const QString &templateText);
    static SequenceStep wait(int milliseconds);
    static SequenceStep reply(Match match, const QString &pattern, int timeoutMs);
    static SequenceStep loop(int target, int times = 0);

    // The step of a line; on error a default step and *error says why.
    // Patterns and templates are checked too, in the encoding.
    static SequenceStep parse(const QString &line, const QString &encoding, QString *error);
    QString toString() const;
    // Empty when the step can run in a sequence of that encoding, else why
    // not (a template or pattern fault, a time out of range).
    QString validate(const QString &encoding) const;

    // For Reply steps: do the bytes received so far match? (Regex decodes
    // them in the encoding; invalid sequences become U+FFFD.)
    bool matches(QByteArrayView received, const QString &encoding) const;
    // The bytes a Contains or Hex pattern stands for (empty for Regex or on error).
    QByteArray patternBytes(const QString &encoding) const;

    friend bool operator==(const SequenceStep &, const SequenceStep &) = default;
};
