// SPDX-License-Identifier: Apache-2.0
#include "core/defects/datetime.h"

#include <QTimeZone>

#include <cmath>
#include <limits>

namespace tbds::defects {

namespace {

// The reference validates with pydantic 2, whose datetime parser is the Rust crate speedate.
// The functions below follow speedate step by step so that accepted forms *and* error texts
// match what DMProxy would see from the Python service.

constexpr qint64 kSecondsPerDay = 86400;
constexpr qint64 kMicrosPerSecond = 1000000;
constexpr qint64 kMicrosPerDay = kSecondsPerDay * kMicrosPerSecond;
constexpr qint64 kJulianDayOfEpoch = 2440588; // 1970-01-01
// speedate: absolute values above this are milliseconds, not seconds.
constexpr qint64 kMsWatershed = 20000000000LL;
constexpr qint64 kUnix1600 = 11676096000LL; // -1600-01-01T00:00:00 as a positive number
constexpr qint64 kUnix10000 = 253402300800LL; // 10000-01-01T00:00:00

// speedate ParseError documentation strings (what pydantic appends after the comma).
const char *const kTooShort = "input is too short";
const char *const kExtraCharacters = "unexpected extra characters at the end of the input";
const char *const kInvalidCharDateTimeSep = "invalid datetime separator, expected `T`, `t`, `_` or space";
const char *const kInvalidCharDateSep = "invalid date separator, expected `-`";
const char *const kInvalidCharYear = "invalid character in year";
const char *const kInvalidCharMonth = "invalid character in month";
const char *const kInvalidCharDay = "invalid character in day";
const char *const kInvalidCharTimeSep = "invalid time separator, expected `:`";
const char *const kInvalidCharHour = "invalid character in hour";
const char *const kInvalidCharMinute = "invalid character in minute";
const char *const kInvalidCharSecond = "invalid character in second";
const char *const kInvalidCharTzSign = "invalid timezone sign";
const char *const kInvalidCharTzHour = "invalid timezone hour";
const char *const kInvalidCharTzMinute = "invalid timezone minute";
const char *const kOutOfRangeTzMinute = "timezone minute value is outside expected range of 0-59";
const char *const kOutOfRangeTz = "timezone offset must be less than 24 hours";
const char *const kOutOfRangeMonth = "month value is outside expected range of 1-12";
const char *const kOutOfRangeDay = "day value is outside expected range";
const char *const kOutOfRangeHour = "hour value is outside expected range of 0-23";
const char *const kOutOfRangeMinute = "minute value is outside expected range of 0-59";
const char *const kOutOfRangeSecond = "second value is outside expected range of 0-59";
const char *const kSecondFractionMissing = "second fraction digits missing after `.`";
const char *const kDateTooSmall = "dates before 1600 are not supported as unix timestamps";
const char *const kDateTooLarge = "dates after 9999 are not supported as unix timestamps";
const char *const kTimeTooLarge = "numeric times may not exceed 86,399 seconds";

struct Parts
{
    int year = 0;
    int month = 0;
    int day = 0;
    int secondOfDay = 0;
    int microsecond = 0;
    std::optional<int> offset;
};

bool isDigit(const QByteArray &b, qsizetype i)
{
    return i < b.size() && b.at(i) >= '0' && b.at(i) <= '9';
}

int digit(const QByteArray &b, qsizetype i)
{
    return b.at(i) - '0';
}

bool isLeapYear(int year)
{
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int daysInMonth(int year, int month)
{
    static constexpr int kDays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    return month == 2 && isLeapYear(year) ? 29 : kDays[month - 1];
}

// speedate Date::parse_bytes_partial: the first ten bytes as YYYY-MM-DD.
const char *parseDatePartial(const QByteArray &b, Parts &p)
{
    if (b.size() < 10)
        return kTooShort;
    for (int i = 0; i < 4; ++i) {
        if (!isDigit(b, i))
            return kInvalidCharYear;
    }
    if (b.at(4) != '-')
        return kInvalidCharDateSep;
    if (!isDigit(b, 5) || !isDigit(b, 6))
        return kInvalidCharMonth;
    if (b.at(7) != '-')
        return kInvalidCharDateSep;
    if (!isDigit(b, 8) || !isDigit(b, 9))
        return kInvalidCharDay;
    p.year = digit(b, 0) * 1000 + digit(b, 1) * 100 + digit(b, 2) * 10 + digit(b, 3);
    p.month = digit(b, 5) * 10 + digit(b, 6);
    p.day = digit(b, 8) * 10 + digit(b, 9);
    if (p.month < 1 || p.month > 12)
        return kOutOfRangeMonth;
    if (p.day < 1 || p.day > daysInMonth(p.year, p.month))
        return kOutOfRangeDay;
    return nullptr;
}

// speedate PureTime::parse + Time::parse_bytes_offset, with fraction truncation (pydantic
// configures speedate to truncate, not reject, more than six fractional digits).
const char *parseTime(const QByteArray &b, qsizetype pos, Parts &p)
{
    if (b.size() - pos < 5)
        return kTooShort;
    if (!isDigit(b, pos) || !isDigit(b, pos + 1))
        return kInvalidCharHour;
    if (b.at(pos + 2) != ':')
        return kInvalidCharTimeSep;
    if (!isDigit(b, pos + 3) || !isDigit(b, pos + 4))
        return kInvalidCharMinute;
    const int hour = digit(b, pos) * 10 + digit(b, pos + 1);
    const int minute = digit(b, pos + 3) * 10 + digit(b, pos + 4);
    if (hour > 23)
        return kOutOfRangeHour;
    if (minute > 59)
        return kOutOfRangeMinute;
    int second = 0;
    int micro = 0;
    qsizetype cur = pos + 5;
    if (cur < b.size() && b.at(cur) == ':') {
        if (!isDigit(b, cur + 1) || !isDigit(b, cur + 2))
            return kInvalidCharSecond;
        second = digit(b, cur + 1) * 10 + digit(b, cur + 2);
        if (second > 59)
            return kOutOfRangeSecond;
        cur += 3;
        if (cur < b.size() && (b.at(cur) == '.' || b.at(cur) == ',')) {
            ++cur;
            int count = 0;
            while (isDigit(b, cur)) {
                if (count < 6)
                    micro = micro * 10 + digit(b, cur);
                ++count;
                ++cur;
            }
            if (count == 0)
                return kSecondFractionMissing;
            for (int i = count; i < 6; ++i)
                micro *= 10;
        }
    }
    p.secondOfDay = hour * 3600 + minute * 60 + second;
    p.microsecond = micro;

    if (cur < b.size()) {
        const char c = b.at(cur++);
        if (c == 'Z' || c == 'z') {
            p.offset = 0;
        } else {
            int sign = 0;
            if (c == '+') {
                sign = 1;
            } else if (c == '-') {
                sign = -1;
            } else if (static_cast<unsigned char>(c) == 0xE2) {
                // U+2212 MINUS SIGN, allowed by ISO 8601 and by speedate.
                if (cur + 1 >= b.size() || static_cast<unsigned char>(b.at(cur)) != 0x88
                    || static_cast<unsigned char>(b.at(cur + 1)) != 0x92)
                    return kInvalidCharTzSign;
                cur += 2;
                sign = -1;
            } else {
                return kInvalidCharTzSign;
            }
            if (!isDigit(b, cur) || !isDigit(b, cur + 1))
                return kInvalidCharTzHour;
            const int h = digit(b, cur) * 10 + digit(b, cur + 1);
            int m1 = 0;
            if (cur + 2 < b.size() && b.at(cur + 2) == ':') {
                cur += 3;
                if (!isDigit(b, cur))
                    return kInvalidCharTzMinute;
                m1 = digit(b, cur);
            } else if (isDigit(b, cur + 2)) {
                cur += 2;
                m1 = digit(b, cur);
            } else {
                // `+01` (hours only) ends up here, as in pydantic.
                return kInvalidCharTzMinute;
            }
            if (!isDigit(b, cur + 1))
                return kInvalidCharTzMinute;
            const int minuteSeconds = m1 * 600 + digit(b, cur + 1) * 60;
            if (minuteSeconds >= 3600)
                return kOutOfRangeTzMinute;
            const int offset = sign * (h * 3600 + minuteSeconds);
            if (std::abs(offset) >= 24 * 3600)
                return kOutOfRangeTz;
            p.offset = offset;
            cur += 2;
        }
    }
    if (cur < b.size())
        return kExtraCharacters;
    return nullptr;
}

const char *parseRfc3339(const QByteArray &b, Parts &p)
{
    if (const char *err = parseDatePartial(b, p))
        return err;
    const char sep = b.size() > 10 ? b.at(10) : '\0';
    if (sep != 'T' && sep != 't' && sep != ' ' && sep != '_')
        return kInvalidCharDateTimeSep;
    return parseTime(b, 11, p);
}

enum class NumberKind { None, Int, Float };

struct Number
{
    NumberKind kind = NumberKind::None;
    qint64 integer = 0;
    double real = 0;
};

// speedate float_parse_bytes: an optionally signed integer, or anything with a dot that parses
// as a float.
Number parseNumber(const QByteArray &b)
{
    Number n;
    if (b.contains('.')) {
        for (const char c : b) {
            if (!(c == '+' || c == '-' || c == '.' || c == 'e' || c == 'E' || (c >= '0' && c <= '9')))
                return n;
        }
        bool ok = false;
        const double d = b.toDouble(&ok);
        if (ok && std::isfinite(d)) {
            n.kind = NumberKind::Float;
            n.real = d;
        }
        return n;
    }
    qsizetype i = 0;
    bool negative = false;
    if (i < b.size() && (b.at(i) == '-' || b.at(i) == '+')) {
        negative = b.at(i) == '-';
        ++i;
    }
    if (i >= b.size())
        return n;
    qint64 value = 0;
    for (; i < b.size(); ++i) {
        if (!isDigit(b, i))
            return n;
        if (value > (std::numeric_limits<qint64>::max() - 9) / 10)
            return n; // speedate gives up on overflow, too
        value = value * 10 + digit(b, i);
    }
    n.kind = NumberKind::Int;
    n.integer = negative ? -value : value;
    return n;
}

// speedate DateTime::from_timestamp (seconds or, above the watershed, milliseconds).
const char *fromTimestamp(qint64 timestamp, qint64 extraMicros, Parts &p)
{
    qint64 seconds = timestamp;
    qint64 micros = 0;
    if (timestamp == std::numeric_limits<qint64>::min())
        return kDateTooSmall;
    if (std::abs(timestamp) > kMsWatershed) {
        seconds = timestamp / 1000;
        micros = (timestamp % 1000) * 1000;
        if (micros < 0) {
            seconds -= 1;
            micros += kMicrosPerSecond;
        }
    }
    micros += extraMicros;
    seconds += micros / kMicrosPerSecond;
    micros %= kMicrosPerSecond;
    if (seconds < -kUnix1600)
        return kDateTooSmall;
    if (seconds >= kUnix10000)
        return kDateTooLarge;
    qint64 days = seconds / kSecondsPerDay;
    qint64 secondOfDay = seconds % kSecondsPerDay;
    if (secondOfDay < 0) {
        secondOfDay += kSecondsPerDay;
        days -= 1;
    }
    if (secondOfDay >= kSecondsPerDay)
        return kTimeTooLarge;
    const QDate date = QDate::fromJulianDay(kJulianDayOfEpoch + days);
    p.year = date.year();
    p.month = date.month();
    p.day = date.day();
    p.secondOfDay = static_cast<int>(secondOfDay);
    p.microsecond = static_cast<int>(micros);
    p.offset = 0; // pydantic makes Unix times UTC-aware
    return nullptr;
}

// pydantic-core float_as_datetime: floor for the seconds, the rounded fraction as microseconds.
const char *fromFloatTimestamp(double value, Parts &p)
{
    const double floored = std::floor(value);
    if (floored >= 9.2e18)
        return kDateTooLarge;
    if (floored <= -9.2e18)
        return kDateTooSmall;
    const auto micros = static_cast<qint64>(std::llround(std::abs(value - std::trunc(value)) * 1e6));
    return fromTimestamp(static_cast<qint64>(floored), micros, p);
}

// speedate's float path for numeric *strings* differs from pydantic's JSON-number path: the
// float is divided by 1000 first when it is a millisecond value.
const char *fromFloatString(double value, Parts &p)
{
    const double normalised = std::abs(value) > static_cast<double>(kMsWatershed) ? value / 1000.0 : value;
    const double floored = std::floor(normalised);
    if (floored >= 9.2e18)
        return kDateTooLarge;
    if (floored <= -9.2e18)
        return kDateTooSmall;
    const auto micros = static_cast<qint64>(std::llround((normalised - floored) * 1e6));
    return fromTimestamp(static_cast<qint64>(floored), micros, p);
}

Result<DateTime> toDateTime(const Parts &p)
{
    if (p.year == 0) {
        // speedate accepts year 0, Python's datetime does not.
        return Error { QStringLiteral("Input should be a valid datetime, year 0 is out of range"), {} };
    }
    const DateTime dt = DateTime::fromParts(QDate(p.year, p.month, p.day), p.secondOfDay / 3600,
                                            (p.secondOfDay / 60) % 60, p.secondOfDay % 60, p.microsecond, p.offset);
    if (!dt.isValid())
        return Error { QStringLiteral("Input should be a valid datetime"), {} };
    return dt;
}

Error datetimeOrDateError(const char *detail)
{
    return Error { QStringLiteral("Input should be a valid datetime or date, ") + QLatin1StringView(detail), {} };
}

} // namespace

DateTime DateTime::fromParts(QDate date, int hour, int minute, int second, int microsecond,
                             std::optional<int> offsetSeconds)
{
    DateTime dt;
    if (!date.isValid() || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59
        || microsecond < 0 || microsecond >= kMicrosPerSecond)
        return dt;
    if (offsetSeconds && std::abs(*offsetSeconds) >= 24 * 3600)
        return dt;
    dt.m_date = date;
    dt.m_secondOfDay = hour * 3600 + minute * 60 + second;
    dt.m_microsecond = microsecond;
    dt.m_aware = offsetSeconds.has_value();
    dt.m_offsetSeconds = offsetSeconds.value_or(0);
    return dt;
}

DateTime DateTime::fromUnixMicroseconds(qint64 microseconds, int offsetSeconds)
{
    const qint64 local = microseconds + qint64(offsetSeconds) * kMicrosPerSecond;
    qint64 days = local / kMicrosPerDay;
    qint64 rest = local % kMicrosPerDay;
    if (rest < 0) {
        rest += kMicrosPerDay;
        days -= 1;
    }
    const int secondOfDay = static_cast<int>(rest / kMicrosPerSecond);
    return fromParts(QDate::fromJulianDay(kJulianDayOfEpoch + days), secondOfDay / 3600, (secondOfDay / 60) % 60,
                     secondOfDay % 60, static_cast<int>(rest % kMicrosPerSecond), offsetSeconds);
}

DateTime DateTime::fromQDateTime(const QDateTime &dateTime)
{
    if (!dateTime.isValid())
        return {};
    const int offset = dateTime.offsetFromUtc();
    const qint64 micros = dateTime.toMSecsSinceEpoch() * 1000;
    return fromUnixMicroseconds(micros, offset);
}

DateTime DateTime::currentUtc()
{
    return fromUnixMicroseconds(QDateTime::currentMSecsSinceEpoch() * 1000, 0);
}

Result<DateTime> DateTime::parse(const QJsonValue &value)
{
    if (value.isString())
        return parse(value.toString());
    if (value.isDouble()) {
        Parts p;
        const double d = value.toDouble();
        const char *err = nullptr;
        if (d == std::floor(d) && std::abs(d) < 9.2e18)
            err = fromTimestamp(static_cast<qint64>(d), 0, p);
        else
            err = fromFloatTimestamp(d, p);
        if (err) {
            // pydantic retries a failed datetime as a date, whose timestamp error wins.
            return datetimeOrDateError(err);
        }
        return toDateTime(p);
    }
    return Error { QStringLiteral("Input should be a valid datetime"), {} };
}

Result<DateTime> DateTime::parse(const QString &text)
{
    const QByteArray b = text.toUtf8();
    Parts p;
    const char *rfcError = parseRfc3339(b, p);
    if (!rfcError)
        return toDateTime(p);

    const Number n = parseNumber(b);
    if (n.kind != NumberKind::None) {
        Parts tp;
        const char *err = n.kind == NumberKind::Int ? fromTimestamp(n.integer, 0, tp) : fromFloatString(n.real, tp);
        if (!err)
            return toDateTime(tp);
    }

    // pydantic's lax mode retries as a date (midnight, naive) and then reports the *date*
    // parser's complaint: "Input should be a valid datetime or date, …".
    Parts dp;
    const char *dateError = parseDatePartial(b, dp);
    if (!dateError && b.size() > 10)
        dateError = kExtraCharacters;
    if (!dateError) {
        dp.secondOfDay = 0;
        dp.microsecond = 0;
        dp.offset.reset();
        return toDateTime(dp);
    }
    if (n.kind == NumberKind::Int) {
        Parts tp;
        if (const char *err = fromTimestamp(n.integer, 0, tp))
            dateError = err;
    }
    return datetimeOrDateError(dateError);
}

qint64 DateTime::toUnixMicroseconds() const
{
    if (!isValid())
        return 0;
    const qint64 days = m_date.toJulianDay() - kJulianDayOfEpoch;
    return (days * kSecondsPerDay + m_secondOfDay - m_offsetSeconds) * kMicrosPerSecond + m_microsecond;
}

QDateTime DateTime::toQDateTime() const
{
    if (!isValid())
        return {};
    const QTime time(hour(), minute(), second(), m_microsecond / 1000);
    if (m_aware)
        return QDateTime(m_date, time, QTimeZone(m_offsetSeconds));
    return QDateTime(m_date, time);
}

QString DateTime::toString() const
{
    return format(QLatin1Char('T'), true);
}

QString DateTime::toPythonString() const
{
    return format(QLatin1Char(' '), false);
}

QString DateTime::format(QChar separator, bool zuluForUtc) const
{
    if (!isValid())
        return {};
    QString out = QStringLiteral("%1-%2-%3")
                      .arg(m_date.year(), 4, 10, QLatin1Char('0'))
                      .arg(m_date.month(), 2, 10, QLatin1Char('0'))
                      .arg(m_date.day(), 2, 10, QLatin1Char('0'));
    out += separator;
    out += QStringLiteral("%1:%2:%3")
               .arg(hour(), 2, 10, QLatin1Char('0'))
               .arg(minute(), 2, 10, QLatin1Char('0'))
               .arg(second(), 2, 10, QLatin1Char('0'));
    if (m_microsecond != 0)
        out += QStringLiteral(".%1").arg(m_microsecond, 6, 10, QLatin1Char('0'));
    if (!m_aware)
        return out;
    if (m_offsetSeconds == 0 && zuluForUtc) {
        out += QLatin1Char('Z');
        return out;
    }
    const int abs = std::abs(m_offsetSeconds);
    out += m_offsetSeconds < 0 ? QLatin1Char('-') : QLatin1Char('+');
    out += QStringLiteral("%1:%2")
               .arg(abs / 3600, 2, 10, QLatin1Char('0'))
               .arg((abs / 60) % 60, 2, 10, QLatin1Char('0'));
    if (abs % 60 != 0) // only reachable via fromQDateTime; Python prints seconds then, too
        out += QStringLiteral(":%1").arg(abs % 60, 2, 10, QLatin1Char('0'));
    return out;
}

} // namespace tbds::defects
