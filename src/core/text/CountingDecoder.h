#pragma once

#include <QStringDecoder>

// QStringDecoder only says whether an error happened since it was made, and
// on ICU converters resetState() does not even clear that. The counter it
// keeps is protected; reading it lets us see which call met an error.
// Never moved: Qt's ICU callbacks point at the converter's own state.
class CountingDecoder : public QStringDecoder
{
public:
    CountingDecoder(const char *name, Flags flags) : QStringDecoder(name, flags) {}
    qsizetype invalidCount() const { return state.invalidChars; }
};
