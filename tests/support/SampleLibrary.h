#pragma once

// A payload library with one of everything the file can hold, for the
// library's model and file tests: groups with and without notes, text and
// hex payloads, every line ending, checksums with a range and an overridden
// byte order, framings, encodings, values a file must quote (leading and
// trailing spaces, quotes at both ends, several lines), and sequences with
// every kind of step and run.

#include "core/commands/PayloadLibrary.h"

#include <QString>

namespace SampleLibrary {

inline PayloadEntry payload(const QString &name, const QString &text,
                            PayloadParser::Mode mode = PayloadParser::Mode::Text)
{
    PayloadEntry entry;
    entry.name = name;
    entry.text = text;
    entry.mode = mode;
    return entry;
}

// Fails loudly: a sample that the model refuses is a broken test.
inline PayloadLibrary make()
{
    using namespace Qt::StringLiterals;
    PayloadLibrary library;
    const auto must = [](const QString &error) {
        if (!error.isEmpty())
            qFatal("SampleLibrary: %s", qPrintable(error));
    };
    must(library.addGroup({u"Modbus"_s, u"Unit 1 on the bench\n  indented second line"_s}));
    must(library.addGroup({u"AT commands"_s, {}}));
    must(library.addGroup({u"Empty group"_s, u"\"quoted\""_s}));

    PayloadEntry read = payload(u"Read holding registers"_s, u"01 03 00 00 00 0A"_s, PayloadParser::Mode::Hex);
    read.group = u"Modbus"_s;
    read.checksum = Checksum(Checksum::Algorithm::Crc16Modbus);
    read.notes = u"Registers 0 to 9 of unit 1"_s;
    must(library.addPayload(read));

    PayloadEntry header = payload(u"Framed with header"_s, u"AA 55 {counter:02} {random:2}"_s, PayloadParser::Mode::Hex);
    header.group = u"Modbus"_s;
    header.checksum = Checksum(Checksum::Algorithm::Crc16CcittFalse, 2, Checksum::ByteOrder::Little);
    header.framing = FramingSpec::lengthPrefix(2, FramingSpec::Endian::Little, true);
    must(library.addPayload(header));

    PayloadEntry at = payload(u"AT"_s, u"AT"_s);
    at.group = u"AT commands"_s;
    at.lineEnding = PayloadEntry::LineEnding::CrLf;
    must(library.addPayload(at));

    PayloadEntry gbk = payload(u"你好 (GBK)"_s, u"你好，{data}！\\x00"_s);
    gbk.encoding = u"GBK"_s;
    gbk.lineEnding = PayloadEntry::LineEnding::Lf;
    gbk.framing = FramingSpec::line();
    must(library.addPayload(gbk));

    PayloadEntry spaces = payload(u"Spaces and quotes"_s, u"  two leading, one trailing "_s);
    spaces.lineEnding = PayloadEntry::LineEnding::Cr;
    spaces.notes = u"\"starts and ends with a quote\"\n\n  third line indented \nlast"_s;
    must(library.addPayload(spaces));

    PayloadEntry multi = payload(u"HTTP GET"_s, u"GET / HTTP/1.1\nHost: {{example}\n\n"_s);
    multi.encoding = u"ISO-8859-1"_s;
    multi.checksum = Checksum(Checksum::Algorithm::Sum8, 4);
    must(library.addPayload(multi));

    PayloadEntry time = payload(u"Time stamp [v2]"_s, u"T={time:yyyyMMddHHmmss};"_s);
    time.encoding = u"UTF-16LE"_s;
    time.checksum = Checksum(Checksum::Algorithm::Crc32);
    must(library.addPayload(time));

    CommandSequence poll;
    poll.name = u"Poll unit 1"_s;
    poll.group = u"Modbus"_s;
    poll.run = CommandSequence::Run::Times;
    poll.runs = 5;
    poll.notes = u"Reads, waits, loops"_s;
    poll.steps = {SequenceStep::sendEntry(u"Read holding registers"_s),
                  SequenceStep::reply(SequenceStep::Match::Hex, u"01 03 14"_s, 500),
                  SequenceStep::wait(100),
                  SequenceStep::loop(1, 3)};
    must(library.addSequence(poll));

    CommandSequence login;
    login.name = u"Login"_s;
    login.encoding = u"GBK"_s;
    login.run = CommandSequence::Run::UntilStopped;
    login.steps = {SequenceStep::sendText(u"LOGIN 用户 {counter:04}\\r\\n"_s),
                   SequenceStep::reply(SequenceStep::Match::Contains, u"欢迎"_s, 2000),
                   SequenceStep::reply(SequenceStep::Match::Regex, u"^OK \\d+ \"x\" $"_s, 1),
                   SequenceStep::sendHex(u"{hex:00} ff"_s),
                   SequenceStep::sendText(u" padded "_s),
                   SequenceStep::sendText(u"two\nlines"_s),
                   SequenceStep::sendEntry(u"AT"_s),
                   SequenceStep::wait(0),
                   SequenceStep::loop(2)};
    must(library.addSequence(login));
    return library;
}

} // namespace SampleLibrary
