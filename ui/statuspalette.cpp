// SPDX-License-Identifier: Apache-2.0
#include "ui/statuspalette.h"

#include <QEvent>
#include <QVariant>
#include <QWidget>

namespace tbds::ui {

namespace {

constexpr char StatusProperty[] = "tbdsStatusColor";
constexpr char WatchedProperty[] = "tbdsStatusColorWatched";

/** Runs a callback after each PaletteChange of the widget it filters (and is a child of). */
class PaletteWatcher final : public QObject
{
public:
    PaletteWatcher(QWidget *widget, std::function<void()> changed) : QObject(widget), m_changed(std::move(changed))
    {
        widget->installEventFilter(this);
    }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        // Re-colouring sets the palette, which sends another PaletteChange; one pass is enough.
        if (event->type() == QEvent::PaletteChange && watched == parent() && !m_busy) {
            m_busy = true;
            m_changed();
            m_busy = false;
        }
        return false;
    }

private:
    std::function<void()> m_changed;
    bool m_busy = false;
};

void applyStatusColor(QWidget *widget)
{
    const std::optional<StatusColors::Status> status = statusColor(widget);
    if (!status) {
        widget->setPalette(QPalette()); // inherit again, including the normal text colour
        return;
    }
    // The background role is inherited (never set here), so it is the current theme's.
    const QPalette current = widget->palette();
    QPalette palette; // no roles set: only the text colours below override the inherited ones
    for (QPalette::ColorGroup group : { QPalette::Active, QPalette::Inactive }) {
        palette.setColor(group, widget->foregroundRole(),
                         StatusColors::forBackground(*status, current.color(group, widget->backgroundRole())));
    }
    widget->setPalette(palette);
}

} // namespace

void setStatusColor(QWidget *widget, std::optional<StatusColors::Status> status)
{
    if (!status && !widget->property(StatusProperty).isValid())
        return; // never coloured: leave the palette alone
    widget->setProperty(StatusProperty, status ? QVariant(int(*status)) : QVariant());
    if (!widget->property(WatchedProperty).toBool()) {
        widget->setProperty(WatchedProperty, true);
        new PaletteWatcher(widget, [widget] { applyStatusColor(widget); });
    }
    applyStatusColor(widget);
}

std::optional<StatusColors::Status> statusColor(const QWidget *widget)
{
    const QVariant status = widget->property(StatusProperty);
    if (!status.isValid())
        return std::nullopt;
    return StatusColors::Status(status.toInt());
}

void onPaletteChange(QWidget *widget, std::function<void()> changed)
{
    new PaletteWatcher(widget, std::move(changed));
}

} // namespace tbds::ui
