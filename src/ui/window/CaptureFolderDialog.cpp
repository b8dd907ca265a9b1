#include "ui/window/CaptureFolderDialog.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QEvent>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QTimer>

CaptureFolderDialog::CaptureFolderDialog(QWidget *parent, const QString &caption, const QString &directory)
    : QFileDialog(parent, caption, directory)
{
    setObjectName(QStringLiteral("captureFolderDialog"));
    setFileMode(QFileDialog::Directory);
    setOption(QFileDialog::ShowDirsOnly);
    // A desktop's own dialog cannot be taught to make the typed folder.
    setOption(QFileDialog::DontUseNativeDialog);
    if (auto *name = findChild<QLineEdit *>(QStringLiteral("fileNameEdit"))) {
        // Connected after the dialog's own check, so this one has the last word.
        connect(name, &QLineEdit::textChanged, this, &CaptureFolderDialog::updateChooseButton);
        name->setToolTip(tr("The folder to capture into; a name that does not exist yet is made"));
    }
    // The dialog rechecks on its own too (selection, folder loaded); each
    // time it disables Choose, look again once it is done.
    if (QPushButton *choose = chooseButton())
        choose->installEventFilter(this);
}

QPushButton *CaptureFolderDialog::chooseButton() const
{
    const auto *box = findChild<QDialogButtonBox *>(QStringLiteral("buttonBox"));
    return box ? box->button(QDialogButtonBox::Open) : nullptr;
}

QString CaptureFolderDialog::folderToCreate() const
{
    const auto *name = findChild<QLineEdit *>(QStringLiteral("fileNameEdit"));
    const QStringList files = selectedFiles();
    if (!name || name->text().trimmed().isEmpty() || files.size() != 1)
        return QString();
    const QFileInfo wanted(files.constFirst());
    if (wanted.exists())
        return QString();
    QFileInfo ancestor(wanted.absolutePath());
    while (!ancestor.exists() && ancestor.absoluteFilePath() != ancestor.absolutePath())
        ancestor = QFileInfo(ancestor.absolutePath());
    return ancestor.isDir() ? wanted.absoluteFilePath() : QString();
}

void CaptureFolderDialog::updateChooseButton()
{
    QPushButton *choose = chooseButton();
    if (choose && !choose->isEnabled() && !folderToCreate().isEmpty())
        choose->setEnabled(true);
}

bool CaptureFolderDialog::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == chooseButton() && event->type() == QEvent::EnabledChange && !chooseButton()->isEnabled())
        QTimer::singleShot(0, this, &CaptureFolderDialog::updateChooseButton);
    return QFileDialog::eventFilter(watched, event);
}

void CaptureFolderDialog::accept()
{
    const QString folder = folderToCreate();
    if (!folder.isEmpty() && !QDir().mkpath(folder)) {
        auto *box = new QMessageBox(QMessageBox::Warning, windowTitle(),
                                    tr("Cannot create the folder %1.").arg(QDir::toNativeSeparators(folder)),
                                    QMessageBox::Ok, this);
        box->setObjectName(QStringLiteral("createFolderWarning"));
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
        return;
    }
    // Now an existing folder, which the dialog accepts as if it had been chosen.
    QFileDialog::accept();
}
