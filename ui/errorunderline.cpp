// SPDX-License-Identifier: Apache-2.0
#include "ui/errorunderline.h"

#include "ui/models/statuscolors.h"
#include "ui/statuspalette.h"

#include <QCoreApplication>
#include <QInputMethodEvent>
#include <QLineEdit>
#include <QTextCharFormat>

#include <algorithm>

namespace tbds::ui {

ErrorUnderline::ErrorUnderline(QLineEdit *edit) : QObject(edit), m_edit(edit)
{
    connect(m_edit, &QLineEdit::textChanged, this, &ErrorUnderline::clear);
    onPaletteChange(m_edit, [this] {
        if (isMarked())
            apply();
    });
}

ErrorUnderline::~ErrorUnderline() = default;

void ErrorUnderline::mark(int start, int length)
{
    const int size = int(m_edit->text().size());
    m_start = std::clamp(start, 0, size);
    m_length = std::clamp(length, 0, size - m_start);
    apply();
}

void ErrorUnderline::clear()
{
    if (!isMarked())
        return;
    m_start = 0;
    m_length = 0;
    apply();
    Q_EMIT cleared();
}

QColor ErrorUnderline::color() const
{
    return StatusColors(m_edit->palette(), QPalette::Base).color(StatusColors::Status::Error);
}

void ErrorUnderline::moveCursorToMark()
{
    if (!isMarked())
        return;
    m_edit->setFocus(Qt::OtherFocusReason);
    m_edit->setCursorPosition(m_start);
}

void ErrorUnderline::apply()
{
    QList<QInputMethodEvent::Attribute> attributes;
    if (isMarked()) {
        // Qt draws the wave thin and antialiased, faint at 1x; the token in the same red is what
        // the eye finds first (the red reads on Base, so the token stays legible).
        QTextCharFormat format;
        format.setUnderlineStyle(QTextCharFormat::WaveUnderline);
        format.setUnderlineColor(color());
        format.setForeground(color());
        // Format positions are relative to the cursor: they were made for pre-edit text.
        attributes.append(QInputMethodEvent::Attribute(QInputMethodEvent::TextFormat,
                                                       m_start - m_edit->cursorPosition(), m_length, format));
    }
    // No attributes at all removes the formats again.
    QInputMethodEvent event(QString(), attributes);
    QCoreApplication::sendEvent(m_edit, &event);
}

} // namespace tbds::ui
