#include "core/commands/PayloadEntry.h"

#include "core/framing/Framer.h"
#include "core/text/TextCodec.h"

using namespace Qt::StringLiterals;

namespace {

constexpr int kMaxNameLength = 200;

} // namespace

QString PayloadEntry::lineEndingName(LineEnding ending)
{
    switch (ending) {
    case LineEnding::None: return u"none"_s;
    case LineEnding::Cr: return u"cr"_s;
    case LineEnding::Lf: return u"lf"_s;
    case LineEnding::CrLf: return u"crlf"_s;
    }
    return u"none"_s;
}

bool PayloadEntry::lineEndingFromName(const QString &name, LineEnding *ending)
{
    for (const LineEnding candidate : {LineEnding::None, LineEnding::Cr, LineEnding::Lf, LineEnding::CrLf}) {
        if (name.compare(lineEndingName(candidate), Qt::CaseInsensitive) == 0) {
            if (ending)
                *ending = candidate;
            return true;
        }
    }
    return false;
}

QByteArray PayloadEntry::lineEndingBytes(LineEnding ending, const QString &encoding)
{
    switch (ending) {
    case LineEnding::None: return {};
    case LineEnding::Cr: return TextCodec::encode(u"\r"_s, encoding).bytes;
    case LineEnding::Lf: return TextCodec::encode(u"\n"_s, encoding).bytes;
    case LineEnding::CrLf: return TextCodec::encode(u"\r\n"_s, encoding).bytes;
    }
    return {};
}

QString PayloadEntry::checkName(const QString &name)
{
    if (name.trimmed().isEmpty())
        return tr("The name is empty");
    if (name != name.trimmed())
        return tr("The name \u201c%1\u201d starts or ends with a space").arg(name.trimmed());
    if (name.size() > kMaxNameLength)
        return tr("The name is longer than %1 characters").arg(kMaxNameLength);
    for (const QChar c : name) {
        if (c.category() == QChar::Other_Control)
            return tr("The name \u201c%1\u201d holds a line break or a control character").arg(name.simplified());
    }
    return {};
}

Template::Parsed PayloadEntry::compile() const
{
    return Template::parse(text, mode, encoding);
}

QString PayloadEntry::validate() const
{
    const QString badName = checkName(name);
    if (!badName.isEmpty())
        return badName;
    if (!group.isEmpty()) {
        const QString badGroup = checkName(group);
        if (!badGroup.isEmpty())
            return tr("Group: %1").arg(badGroup);
    }
    if (!TextCodec::isSupported(encoding))
        return tr("Unknown encoding \u201c%1\u201d").arg(encoding);
    const Template::Parsed parsed = compile();
    if (!parsed.ok())
        return parsed.error;
    if (framing) {
        const QString badFraming = framing->validate();
        if (!badFraming.isEmpty())
            return badFraming;
    }
    // A payload that never changes shows a checksum range it cannot cover
    // now rather than at the first send.
    if (checksum && parsed.value.isFixed()) {
        const Built built = build({});
        if (!built.ok())
            return built.error;
    }
    return {};
}

PayloadEntry::Built PayloadEntry::build(const Template::Context &context) const
{
    Built built;
    const Template::Parsed parsed = compile();
    if (!parsed.ok()) {
        built.error = parsed.error;
        return built;
    }
    built.message = parsed.value.expand(context);
    built.message += lineEndingBytes(lineEnding, parsed.value.encoding());
    if (checksum) {
        const Checksum::Appended appended = checksum->append(built.message);
        if (!appended.ok()) {
            built.error = appended.error;
            built.message.clear();
            return built;
        }
        built.message = appended.frame;
        built.appended = appended.appended;
    }
    if (framing && framing->kind != FramingSpec::Kind::None) {
        QString error;
        built.bytes = Framer::encode(*framing, built.message, &error);
        if (!error.isEmpty()) {
            built.error = error;
            built.message.clear();
            built.appended.clear();
            built.bytes.clear();
            return built;
        }
    } else {
        built.bytes = built.message;
    }
    return built;
}
