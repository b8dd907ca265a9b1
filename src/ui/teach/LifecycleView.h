#pragma once

#include "core/teach/SocketNarrator.h"

#include <QPointer>
#include <QWidget>

class QLabel;
class QPushButton;
class QRadioButton;
class QScrollArea;
class LifecycleCanvas;

// The life of a session's sockets as a diagram: one lane per socket
// (the listening socket, then each accepted one, because accept() returns a
// new socket per client), its calls as boxes joined by arrows — done ones
// filled, the current one highlighted, failed ones red — and under them the
// same calls as Python (or C) with the session's real values. Repaints only
// on the narrator's coalesced change notice, never per packet.
class LifecycleView : public QWidget
{
    Q_OBJECT
public:
    // Accepted sockets drawn at most (the newest); the script has them all.
    static constexpr int kMaxDrawnLanes = 50;

    explicit LifecycleView(QWidget *parent = nullptr);
    ~LifecycleView() override;

    // Follows `session` through a SocketNarrator of its own; nullptr clears.
    void setSession(Session *session);
    Session *session() const;
    SocketNarrator *narrator() const { return m_narrator; }

    SocketNarrator::Language language() const { return m_language; }
    void setLanguage(SocketNarrator::Language language);

    // What is drawn now (brought up to date first if the view was hidden),
    // for tests and assistive technology.
    int drawnLaneCount() const;
    QStringList drawnLaneTitles() const;
    QString narrationText() const;   // the narration lines drawn, one per line
    QStringList drawnBoxes(int lane) const;  // a lane's boxes as labelled: "socket", "recv ×2", …

protected:
    void showEvent(QShowEvent *event) override;

private:
    void onNarratorChanged();
    void redraw();
    void ensureDrawn() const;
    void onCopyClicked();
    void onLanguageToggled();
    void updateTexts();

    QPointer<SocketNarrator> m_narrator;
    SocketNarrator::Language m_language = SocketNarrator::Language::Python;
    QRadioButton *m_python = nullptr;
    QRadioButton *m_c = nullptr;
    QPushButton *m_copy = nullptr;
    QLabel *m_note = nullptr;
    QLabel *m_status = nullptr;
    QScrollArea *m_scroll = nullptr;
    LifecycleCanvas *m_canvas = nullptr;
    bool m_stale = false;   // the narrator changed while hidden
};
