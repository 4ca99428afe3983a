// SPDX-License-Identifier: Apache-2.0
#include "ui/logdock.h"

#include "ui/models/logfilterproxymodel.h"
#include "ui/models/logmodel.h"

#include <QAction>
#include <QClipboard>
#include <QComboBox>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QTableView>
#include <QVBoxLayout>

namespace tbds::ui {

LogDock::LogDock(LogModel *model, QWidget *parent)
    : QDockWidget(tr("Log"), parent), m_model(model), m_proxy(new LogFilterProxyModel(this))
{
    setObjectName(QStringLiteral("logDock"));
    m_proxy->setSourceModel(model);

    auto *content = new QWidget(this);
    auto *layout = new QVBoxLayout(content);
    layout->setContentsMargins(4, 4, 4, 4);
    auto *bar = new QHBoxLayout;
    auto *levelLabel = new QLabel(tr("Level:"), content);
    m_level = new QComboBox(content);
    m_level->setObjectName(QStringLiteral("logLevelCombo"));
    m_level->setAccessibleName(tr("Minimum log level"));
    for (LogModel::Level level : {LogModel::Level::Debug, LogModel::Level::Info, LogModel::Level::Warning,
                                  LogModel::Level::Critical})
        m_level->addItem(LogModel::levelName(level), int(level));
    m_level->setCurrentIndex(1); // Info: debug output is for developers
    m_proxy->setMinimumLevel(LogModel::Level::Info);
    levelLabel->setBuddy(m_level);
    m_filter = new QLineEdit(content);
    m_filter->setObjectName(QStringLiteral("logFilterEdit"));
    m_filter->setPlaceholderText(tr("Filter messages"));
    m_filter->setAccessibleName(tr("Filter log messages"));
    m_filter->setClearButtonEnabled(true);
    auto *copy = new QPushButton(tr("Copy"), content);
    copy->setObjectName(QStringLiteral("logCopyButton"));
    copy->setToolTip(tr("Copy the selected messages (or all shown) to the clipboard"));
    auto *clear = new QPushButton(tr("Clear"), content);
    clear->setObjectName(QStringLiteral("logClearButton"));
    bar->addWidget(levelLabel);
    bar->addWidget(m_level);
    bar->addWidget(m_filter, 1);
    bar->addWidget(copy);
    bar->addWidget(clear);
    layout->addLayout(bar);

    m_view = new QTableView(content);
    m_view->setObjectName(QStringLiteral("logView"));
    m_view->setAccessibleName(tr("Log messages"));
    m_view->setModel(m_proxy);
    m_view->setTabKeyNavigation(false); // arrows move between cells; Tab goes on to the next control
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 6);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_view->horizontalHeader()->setSectionResizeMode(LogModel::MessageColumn, QHeaderView::Stretch);
    layout->addWidget(m_view);
    setWidget(content);

    auto *copyAction = new QAction(tr("Copy"), m_view);
    copyAction->setShortcut(QKeySequence::Copy);
    copyAction->setShortcutContext(Qt::WidgetShortcut);
    m_view->addAction(copyAction);
    connect(copyAction, &QAction::triggered, this, &LogDock::copyRows);
    connect(copy, &QPushButton::clicked, this, &LogDock::copyRows);
    connect(clear, &QPushButton::clicked, model, &LogModel::clear);
    connect(m_filter, &QLineEdit::textChanged, m_proxy, &LogFilterProxyModel::setTextFilter);
    connect(m_level, &QComboBox::currentIndexChanged, this,
            [this] { m_proxy->setMinimumLevel(LogModel::Level(m_level->currentData().toInt())); });
    // Follow the tail unless the user scrolled up to read something.
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, [this] {
        QScrollBar *bar = m_view->verticalScrollBar();
        if (bar->value() >= bar->maximum() - 2)
            m_view->scrollToBottom();
    });
}

LogDock::~LogDock() = default;

void LogDock::copyRows()
{
    QList<int> rows;
    const QModelIndexList selected = m_view->selectionModel()->selectedRows();
    for (const QModelIndex &index : selected)
        rows.append(m_proxy->mapToSource(index).row());
    if (rows.isEmpty())
        for (int r = 0; r < m_proxy->rowCount(); ++r)
            rows.append(m_proxy->mapToSource(m_proxy->index(r, 0)).row());
    std::sort(rows.begin(), rows.end());
    QStringList lines;
    for (int row : rows)
        lines.append(m_model->lineForRow(row));
    QGuiApplication::clipboard()->setText(lines.join(QLatin1Char('\n')));
}

} // namespace tbds::ui
