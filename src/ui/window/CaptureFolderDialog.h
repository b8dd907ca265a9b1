#pragma once

#include <QFileDialog>

class QPushButton;

// Session → Capture to Folder…'s folder chooser. Qt's directory dialog only
// accepts a folder that exists: typing the name of a new one disabled
// Choose. Here a name that can be made enables it, and choosing makes the
// folder (with any missing parents) before the dialog reports it.
class CaptureFolderDialog : public QFileDialog
{
    Q_OBJECT
public:
    CaptureFolderDialog(QWidget *parent, const QString &caption, const QString &directory);

    // The folder the typed name asks for, when it does not exist yet and
    // could be made (the nearest existing ancestor is a folder); else empty.
    QString folderToCreate() const;
    QPushButton *chooseButton() const;

public slots:
    void accept() override;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void updateChooseButton();
};
