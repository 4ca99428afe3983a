// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "ui/mainwindow.h"

#include <QString>

#include <memory>

namespace tbds::test {

/** A shown main window (1200×820) with `config` open; null when it did not open. */
[[nodiscard]] inline std::unique_ptr<ui::MainWindow> openWindow(const QString &config)
{
    auto window = std::make_unique<ui::MainWindow>();
    window->resize(1200, 820);
    window->show();
    if (!window->openFile(config))
        return nullptr;
    return window;
}

/** Switches `window` to `which` and returns that page as a T (null if it is no T). */
template<typename T> [[nodiscard]] T *showPage(ui::MainWindow &window, ui::MainWindow::Page which)
{
    window.showPage(which);
    return qobject_cast<T *>(window.pageWidget(which));
}

} // namespace tbds::test
