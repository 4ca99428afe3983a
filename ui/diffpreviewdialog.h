// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QDialog>

namespace tbds::ui {

/** Shows what saving will change, as a unified diff, and asks to go ahead. */
class DiffPreviewDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DiffPreviewDialog)

public:
    DiffPreviewDialog(const QString &diff, const QString &fileName, QWidget *parent = nullptr);
    ~DiffPreviewDialog() override;

    /**
     * Shows the diff of `oldText` → `newText` and returns whether to save. Answers from
     * MessageBox::setNextAnswer() (Save = yes) so tests never block on it.
     */
    [[nodiscard]] static bool confirm(QWidget *parent, const QString &fileName, const QByteArray &oldText,
                                      const QByteArray &newText);
};

} // namespace tbds::ui
