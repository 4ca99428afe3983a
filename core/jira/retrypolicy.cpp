// SPDX-License-Identifier: Apache-2.0
#include "core/jira/retrypolicy.h"

#include <QLocale>
#include <QTimeZone>

#include <algorithm>
#include <cmath>

namespace tbds::jira {

using std::chrono::milliseconds;

bool RetryPolicy::isIdempotentMethod(QByteArrayView method)
{
    for (const char *m : {"GET", "HEAD", "OPTIONS", "PUT", "DELETE"}) {
        if (method.compare(QByteArrayView(m), Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

bool RetryPolicy::isRetryableStatus(int httpStatus)
{
    return httpStatus == 429 || httpStatus == 503;
}

std::optional<milliseconds> RetryPolicy::parseRetryAfter(const QByteArray &value, const QDateTime &now)
{
    const QByteArray v = value.trimmed();
    if (v.isEmpty())
        return std::nullopt;
    bool ok = false;
    const qlonglong seconds = v.toLongLong(&ok);
    if (ok)
        return seconds < 0 ? std::nullopt : std::optional<milliseconds>(milliseconds(seconds * 1000));
    if (std::any_of(v.cbegin(), v.cend(), [](char c) { return c == '.'; })) {
        // Not allowed by RFC 9110, but some proxies send fractional seconds; honour them.
        const double fractional = v.toDouble(&ok);
        if (ok && fractional >= 0)
            return milliseconds(qint64(std::ceil(fractional * 1000)));
        return std::nullopt;
    }
    // IMF-fixdate, e.g. "Wed, 21 Oct 2015 07:28:00 GMT". Parsed with the C locale so a German
    // desktop does not expect "Mi" for Wednesday.
    QString text = QString::fromLatin1(v);
    if (text.endsWith(QLatin1String(" GMT")) || text.endsWith(QLatin1String(" UTC")))
        text.chop(4);
    QDateTime when = QLocale::c().toDateTime(text, QStringLiteral("ddd, dd MMM yyyy HH:mm:ss"));
    if (!when.isValid())
        return std::nullopt;
    when.setTimeZone(QTimeZone::utc());
    const qint64 ms = now.msecsTo(when);
    return milliseconds(std::max<qint64>(0, ms));
}

milliseconds RetryPolicy::backoff(int retriesDone, double random01) const
{
    const double r = std::clamp(random01, 0.0, 1.0);
    // 2^n overflows quickly; beyond 2^20 the cap has long been reached anyway.
    const int n = std::clamp(retriesDone, 0, 20);
    const double raw = double(baseDelay.count()) * double(qint64(1) << n);
    const double capped = std::min(raw, double(maxDelay.count()));
    return milliseconds(qint64(std::ceil(capped * (1.0 + jitter * r))));
}

RetryPolicy::Decision RetryPolicy::decide(bool idempotent, int httpStatus, std::optional<milliseconds> retryAfter,
                                          int retriesDone, double random01) const
{
    if (!idempotent || !isRetryableStatus(httpStatus) || retriesDone >= maxRetries)
        return {};
    if (retryAfter && *retryAfter > maxRetryAfter)
        return {};
    milliseconds delay = backoff(retriesDone, random01);
    if (retryAfter)
        delay = std::max(delay, *retryAfter);
    return {true, delay};
}

} // namespace tbds::jira
