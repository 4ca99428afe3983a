// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QDialog>

namespace tbds::ui {

/** Version of the application and of the libraries it was built with (for support tickets). */
class AboutDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AboutDialog)

public:
    explicit AboutDialog(QWidget *parent = nullptr);
    ~AboutDialog() override;

    /** The versions as plain text lines, also what "Copy" puts on the clipboard. */
    [[nodiscard]] static QString versionText();
};

} // namespace tbds::ui
