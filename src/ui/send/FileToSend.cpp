#include "ui/send/FileToSend.h"

#include "ui/send/SendPanel.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLocale>

std::optional<QByteArray> readFileToSend(const QString &path, qint64 maxBytes, QString *error)
{
    const QFileInfo info(path);
    const QString shown = QDir::toNativeSeparators(path);
    const QLocale locale;
    const auto fail = [error](const QString &why) {
        *error = why;
        return std::optional<QByteArray>();
    };
    if (!info.exists())
        return fail(SendPanel::tr("\u201c%1\u201d does not exist: nothing was sent").arg(shown));
    if (!info.isFile())
        return fail(SendPanel::tr("\u201c%1\u201d is not a regular file: nothing was sent").arg(shown));
    if (info.size() > maxBytes) {
        return fail(SendPanel::tr("\u201c%1\u201d is %2; files up to %3 can be sent: nothing was sent")
                        .arg(shown, locale.formattedDataSize(info.size()), locale.formattedDataSize(maxBytes)));
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(SendPanel::tr("Cannot read \u201c%1\u201d: %2. Nothing was sent.").arg(shown, file.errorString()));
    // One byte over the limit tells a file that grew since it was checked.
    const QByteArray data = file.read(maxBytes + 1);
    if (file.error() != QFileDevice::NoError)
        return fail(SendPanel::tr("Cannot read \u201c%1\u201d: %2. Nothing was sent.").arg(shown, file.errorString()));
    if (data.size() > maxBytes) {
        return fail(SendPanel::tr("\u201c%1\u201d is larger than %2: nothing was sent")
                        .arg(shown, locale.formattedDataSize(maxBytes)));
    }
    if (data.isEmpty())
        return fail(SendPanel::tr("\u201c%1\u201d is empty: nothing was sent").arg(shown));
    return data;
}
