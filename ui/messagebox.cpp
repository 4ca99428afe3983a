// SPDX-License-Identifier: Apache-2.0
#include "ui/messagebox.h"

#include <QList>

namespace tbds::ui {

namespace {
// A queue, because one action may ask twice (close: "save changes?" then the diff preview).
QList<QMessageBox::StandardButton> s_nextAnswers;
} // namespace

void MessageBox::setNextAnswer(QMessageBox::StandardButton button)
{
    s_nextAnswers.append(button);
}

std::optional<QMessageBox::StandardButton> MessageBox::takeNextAnswer()
{
    if (s_nextAnswers.isEmpty())
        return std::nullopt;
    return s_nextAnswers.takeFirst();
}

QMessageBox::StandardButton MessageBox::question(QWidget *parent, const QString &title, const QString &text,
                                                 QMessageBox::StandardButtons buttons,
                                                 QMessageBox::StandardButton defaultButton)
{
    return ask(QMessageBox::Question, parent, title, text, {}, buttons, defaultButton);
}

void MessageBox::critical(QWidget *parent, const QString &title, const QString &text, const QString &details)
{
    ask(QMessageBox::Critical, parent, title, text, details, QMessageBox::Ok, QMessageBox::Ok);
}

void MessageBox::information(QWidget *parent, const QString &title, const QString &text)
{
    ask(QMessageBox::Information, parent, title, text, {}, QMessageBox::Ok, QMessageBox::Ok);
}

QMessageBox::StandardButton MessageBox::ask(QMessageBox::Icon icon, QWidget *parent, const QString &title,
                                            const QString &text, const QString &details,
                                            QMessageBox::StandardButtons buttons,
                                            QMessageBox::StandardButton defaultButton)
{
    if (std::optional<QMessageBox::StandardButton> answer = takeNextAnswer())
        return *answer;
    QMessageBox box(icon, title, text, buttons, parent);
    box.setObjectName(QStringLiteral("messageBox"));
    box.setDefaultButton(defaultButton);
    if (!details.isEmpty())
        box.setDetailedText(details);
    return QMessageBox::StandardButton(box.exec());
}

} // namespace tbds::ui
