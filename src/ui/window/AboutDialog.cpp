#include "ui/window/AboutDialog.h"

#include "ui_AboutDialog.h"

#include "core/workbench/Version.h"

#include <QApplication>
#include <QIcon>
#include <QPushButton>

AboutDialog::AboutDialog(QWidget *parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::AboutDialog>())
{
    m_ui->setupUi(this);

    // The application icon comes from the program's resources; a test (or
    // any host without them) simply gets no picture.
    const QIcon icon = QApplication::windowIcon();
    if (icon.isNull())
        m_ui->iconLabel->hide();
    else
        m_ui->iconLabel->setPixmap(icon.pixmap(64, 64));

    const QString version = QString::fromLatin1(kAppVersion);
    m_ui->versionLabel->setText(tr("Version %1").arg(version));
    // Built-with and running-on differ after a Qt update; both help a bug report.
    m_ui->qtLabel->setText(tr("Built with Qt %1, running on Qt %2")
                               .arg(QString::fromLatin1(QT_VERSION_STR), QString::fromLatin1(qVersion())));
    m_ui->licenceLabel->setText(
        tr("Copyright © 2026 The Socket Workbench developers.<br>"
           "Free software under the <a href=\"%1\">MIT License</a>.")
            .arg(QStringLiteral("https://opensource.org/license/mit/")));
    m_ui->linksLabel->setText(tr("<a href=\"%1\">Homepage</a> · <a href=\"%2\">Report a problem</a>")
                                  .arg(QString::fromLatin1(kHomepageUrl), QString::fromLatin1(kIssuesUrl)));
    setWindowTitle(tr("About Socket Workbench"));

    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

AboutDialog::~AboutDialog() = default;
