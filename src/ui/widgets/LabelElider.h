#pragma once

#include <QObject>
#include <QString>

class QLabel;

// Keeps a one-line label's text within the label's width: what does not fit
// ends in "…" and the whole text becomes the tooltip. For lines whose text
// comes from data (endpoints, counts) where wrapping would make the layout
// jump as the text changes. Give the label a horizontal size policy of
// Ignored, so that its text never widens the layout around it.
class LabelElider : public QObject
{
    Q_OBJECT
public:
    explicit LabelElider(QLabel *label);

    void setText(const QString &text);
    QString text() const { return m_text; }
    bool isElided() const { return m_elided; }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void apply();

    QLabel *m_label;
    QString m_text;
    QString m_ownToolTip;   // the label's tooltip from its form, shown when nothing is cut
    bool m_elided = false;
};
