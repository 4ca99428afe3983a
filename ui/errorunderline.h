// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QColor>
#include <QObject>

class QLineEdit;

namespace tbds::ui {

/**
 * A red wave underline (and red text) under part of a QLineEdit, the way editors mark a syntax
 * error, e.g. the token a Jira JQL parse error points at. It goes away as soon as the text
 * changes (the position would be stale) and is redrawn in a fitting red when the palette changes.
 *
 * QLineEdit has no extra selections like QTextEdit; it does draw text formats for input-method
 * pre-edit text, and those formats are what carries the underline here (a QInputMethodEvent
 * with only a TextFormat attribute: no text is committed or pre-edited, undo is untouched).
 * That keeps the editor a plain QLineEdit with its return key, clear button and completer.
 */
class ErrorUnderline final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ErrorUnderline)

public:
    /** Belongs to `edit`. */
    explicit ErrorUnderline(QLineEdit *edit);
    ~ErrorUnderline() override;

    /** Underlines `length` characters from `start` (clamped to the text); replaces an earlier mark. */
    void mark(int start, int length);
    void clear();
    [[nodiscard]] bool isMarked() const { return m_length > 0; }
    [[nodiscard]] int start() const { return m_start; }
    [[nodiscard]] int length() const { return m_length; }
    /** The underline's colour: the error red for the editor's Base (WCAG contrast ≥ 4.5:1). */
    [[nodiscard]] QColor color() const;
    /** Focuses the editor with the cursor at the start of the mark. */
    void moveCursorToMark();

Q_SIGNALS:
    /** The mark went away (text edited, or clear()). */
    void cleared();

private:
    void apply();

    QLineEdit *m_edit;
    int m_start = 0;
    int m_length = 0;
};

} // namespace tbds::ui
