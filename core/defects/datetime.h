// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/common/result.h"

#include <QDate>
#include <QDateTime>
#include <QJsonValue>
#include <QString>

#include <optional>

namespace tbds::defects {

/**
 * A point in time as the wire model sees it (contract §3.1).
 *
 * The reference keeps Python datetimes: microsecond precision, the offset the client sent
 * (never converted), and "naive" values without any offset. QDateTime has only millisecond
 * precision and normalises offsets, so the parts are stored separately here and QDateTime is
 * only offered as a lossy view.
 */
class DateTime
{
public:
    /** An invalid value (isValid() == false); written as JSON null. */
    DateTime() = default;

    /**
     * Builds a value from its parts; returns an invalid DateTime when a part is out of range.
     * `offsetSeconds` empty = naive (no timezone).
     */
    [[nodiscard]] static DateTime fromParts(QDate date, int hour, int minute, int second, int microsecond,
                                            std::optional<int> offsetSeconds);

    /** Aware value for a Unix time in microseconds, shown in the given offset. */
    [[nodiscard]] static DateTime fromUnixMicroseconds(qint64 microseconds, int offsetSeconds = 0);

    /**
     * Aware value from a QDateTime (keeps its offset; local time is resolved to its current
     * offset). Invalid QDateTime gives an invalid DateTime.
     */
    [[nodiscard]] static DateTime fromQDateTime(const QDateTime &dateTime);

    /** Now, in UTC (aware), with microsecond resolution where the clock offers it. */
    [[nodiscard]] static DateTime currentUtc();

    /**
     * Parses wire input like pydantic 2 (speedate) does: ISO-8601/RFC 3339 strings, date-only
     * strings (midnight, naive), numbers and numeric strings as Unix seconds (milliseconds when
     * the absolute value is above 2e10; those are UTC and therefore aware).
     * On failure Error::message is the pydantic text, e.g.
     * `Input should be a valid datetime or date, invalid character in year`.
     * Whether an offset is required is the caller's decision (see isAware()).
     */
    [[nodiscard]] static Result<DateTime> parse(const QJsonValue &value);
    [[nodiscard]] static Result<DateTime> parse(const QString &text);

    [[nodiscard]] bool isValid() const { return m_date.isValid(); }
    /** True when the value carries an offset (Python: tzinfo is not None). */
    [[nodiscard]] bool isAware() const { return m_aware; }

    [[nodiscard]] QDate date() const { return m_date; }
    [[nodiscard]] int hour() const { return m_secondOfDay / 3600; }
    [[nodiscard]] int minute() const { return (m_secondOfDay / 60) % 60; }
    [[nodiscard]] int second() const { return m_secondOfDay % 60; }
    [[nodiscard]] int microsecond() const { return m_microsecond; }
    /** Offset from UTC in seconds as sent; 0 for naive values. */
    [[nodiscard]] int offsetSeconds() const { return m_offsetSeconds; }

    /** Microseconds since the epoch; naive values are taken as UTC. */
    [[nodiscard]] qint64 toUnixMicroseconds() const;

    /**
     * Millisecond-precision view. Aware values keep their offset (Qt::OffsetFromUTC);
     * naive values become Qt::LocalTime, which is what Python does with them.
     */
    [[nodiscard]] QDateTime toQDateTime() const;

    /**
     * Wire form: `YYYY-MM-DDTHH:MM:SS[.ffffff]±HH:MM`, `Z` for a zero offset, no offset for naive
     * values, fraction only when non-zero. Empty string for an invalid value.
     */
    [[nodiscard]] QString toString() const;

    /**
     * Python's `str(datetime)` (`2026-01-07 07:45:00.441000+00:00`); the reference uses it when
     * a datetime ends up in an `attributes` value of an extended defect.
     */
    [[nodiscard]] QString toPythonString() const;

    /** Same instant, regardless of the offset it is shown in (naive values compare as UTC). */
    [[nodiscard]] bool isSameInstant(const DateTime &other) const
    {
        return toUnixMicroseconds() == other.toUnixMicroseconds();
    }

    /** Representation equality: same wall time, same offset, same awareness. */
    friend bool operator==(const DateTime &, const DateTime &) = default;

private:
    [[nodiscard]] QString format(QChar separator, bool zuluForUtc) const;

    QDate m_date;
    int m_secondOfDay = 0;
    int m_microsecond = 0;
    int m_offsetSeconds = 0;
    bool m_aware = false;
};

} // namespace tbds::defects
