// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QColor>
#include <QPalette>

#include <array>

namespace tbds::ui {

/**
 * Foreground colours for status text (success, error, warning, muted) that stay readable on the
 * palette in use. Each is the house hue (green, red, amber; muted is the background's own hue),
 * made lighter or darker just far enough for a WCAG 2 contrast ratio of at least 4.5:1 against
 * the background it is drawn on. Fixed RGB values cannot do that: the red that reads on white
 * is too dark on a dark theme, the green that reads on a dark theme is too light on white.
 *
 * Item views draw on QPalette::Base, labels on QPalette::Window. Colour is never the only signal:
 * callers keep the status in the text too ("✘ missing", "Failed").
 *
 * A value object: the four colours are worked out once per palette, so models can answer
 * Qt::ForegroundRole for thousands of cells without redoing the search.
 */
class StatusColors final
{
public:
    enum class Status { Success, Error, Warning, Muted };

    /** WCAG 2 level AA for normal-sized text. */
    static constexpr double MinimumContrast = 4.5;

    /** For the application palette (a black one without a QGuiApplication), on Base. */
    StatusColors();
    explicit StatusColors(const QPalette &palette, QPalette::ColorRole background = QPalette::Base,
                          QPalette::ColorGroup group = QPalette::Active);

    [[nodiscard]] QColor color(Status status) const { return m_colors.at(std::size_t(status)); }
    [[nodiscard]] QColor background() const { return m_background; }

    /** The colour for `status` on an opaque `background` (its alpha is ignored). */
    [[nodiscard]] static QColor forBackground(Status status, const QColor &background);
    /** WCAG 2 relative luminance of the sRGB colour: 0 for black … 1 for white. */
    [[nodiscard]] static double luminance(const QColor &color);
    /** WCAG 2 contrast ratio of two colours: 1 (same luminance) … 21 (black on white). */
    [[nodiscard]] static double contrast(const QColor &a, const QColor &b);

private:
    QColor m_background;
    std::array<QColor, 4> m_colors;
};

} // namespace tbds::ui
