// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QAbstractTableModel>
#include <QDateTime>
#include <QList>

namespace tbds::ui {

/** Messages of the application (Qt logging and the windows' own notes) for the log dock. */
class LogModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LogModel)

public:
    enum Column { TimeColumn, LevelColumn, CategoryColumn, MessageColumn, ColumnCount };
    Q_ENUM(Column)

    /** Ordered by severity, unlike QtMsgType (where QtInfoMsg comes last). */
    enum class Level { Debug, Info, Warning, Critical };
    Q_ENUM(Level)

    enum Role {
        /** The row's Level as int, for filtering. */
        LevelRole = Qt::UserRole + 1,
        /** Unformatted value for sorting. */
        RawValueRole,
    };

    struct Entry
    {
        QDateTime time;
        Level level = Level::Info;
        QString category;
        QString text;
    };

    explicit LogModel(QObject *parent = nullptr);
    ~LogModel() override;

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    [[nodiscard]] static Level levelFor(QtMsgType type);
    [[nodiscard]] static QString levelName(Level level);

    /** Rows kept at most; older rows are dropped first. */
    void setMaxEntries(int maxEntries);

    /** One row as a single line `time level [category] text`, for copying. */
    [[nodiscard]] QString lineForRow(int row) const;

public Q_SLOTS:
    void append(tbds::ui::LogModel::Level level, const QString &category, const QString &text);
    void clear();

private:
    QList<Entry> m_entries;
    int m_maxEntries = 5000;
};

} // namespace tbds::ui
