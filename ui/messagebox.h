// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QMessageBox>

#include <optional>

namespace tbds::ui {

/**
 * Every modal question the windows ask goes through here, so a test can answer it in advance
 * with setNextAnswer() instead of blocking on a dialog nobody will click (KeePassXC's seam).
 */
class MessageBox final
{

public:
    MessageBox() = delete;

    /**
     * The next question (or confirm-style dialog) returns `button` without showing anything.
     * Calls queue up: each answers one question, in order.
     */
    static void setNextAnswer(QMessageBox::StandardButton button);
    /** Takes the pre-set answer, if any; for dialogs other than message boxes. */
    [[nodiscard]] static std::optional<QMessageBox::StandardButton> takeNextAnswer();

    [[nodiscard]] static QMessageBox::StandardButton question(QWidget *parent, const QString &title,
                                                              const QString &text,
                                                              QMessageBox::StandardButtons buttons,
                                                              QMessageBox::StandardButton defaultButton);
    /** An error the user must acknowledge; `details` goes into the expandable part. */
    static void critical(QWidget *parent, const QString &title, const QString &text, const QString &details = {});
    static void information(QWidget *parent, const QString &title, const QString &text);

private:
    static QMessageBox::StandardButton ask(QMessageBox::Icon icon, QWidget *parent, const QString &title,
                                           const QString &text, const QString &details,
                                           QMessageBox::StandardButtons buttons,
                                           QMessageBox::StandardButton defaultButton);
};

} // namespace tbds::ui
