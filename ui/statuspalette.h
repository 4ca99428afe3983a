// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "ui/models/statuscolors.h"

#include <functional>
#include <optional>

class QWidget;

namespace tbds::ui {

/**
 * Colours `widget`'s text (its foreground role; WindowText for a label) for `status`, readable
 * on its background role (Window for a label), and again after every palette change: a switch
 * of the system theme while the app runs reaches each widget as QEvent::PaletteChange.
 * `std::nullopt` gives the widget its normal text colour back.
 *
 * The colour goes into the widget's palette, never a style sheet: a style sheet colour is fixed
 * and also keeps later palette changes from the widget. The widget's palette is left to this
 * function (it resets the palette when the status is cleared).
 */
void setStatusColor(QWidget *widget, std::optional<StatusColors::Status> status);

/** The status setStatusColor() last gave `widget`, if any. */
[[nodiscard]] std::optional<StatusColors::Status> statusColor(const QWidget *widget);

/**
 * Calls `changed` whenever `widget`'s palette has changed (set on it, inherited from a parent or
 * the application's), e.g. so a model can pick status colours for the view that shows it.
 */
void onPaletteChange(QWidget *widget, std::function<void()> changed);

} // namespace tbds::ui
