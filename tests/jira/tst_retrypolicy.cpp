// SPDX-License-Identifier: Apache-2.0
#include "core/jira/retrypolicy.h"

#include <QTest>
#include <QTimeZone>

using tbds::jira::RetryPolicy;
using std::chrono::milliseconds;

class TstRetryPolicy : public QObject
{
    Q_OBJECT

private slots:
    void idempotentMethods();
    void retryableStatuses();
    void parsesRetryAfterSeconds();
    void parsesRetryAfterHttpDate();
    void rejectsGarbageRetryAfter();
    void backoffDoublesUpToCap();
    void jitterOnlyAdds();
    void neverRetriesNonIdempotent();
    void stopsAfterMaxRetries();
    void retryAfterIsAFloor();
    void tooLongRetryAfterGivesUp();
    void zeroRetriesFromConfig();
};

void TstRetryPolicy::idempotentMethods()
{
    for (const char *m : {"GET", "get", "HEAD", "PUT", "DELETE", "OPTIONS"})
        QVERIFY2(RetryPolicy::isIdempotentMethod(m), m);
    for (const char *m : {"POST", "PATCH", "post"})
        QVERIFY2(!RetryPolicy::isIdempotentMethod(m), m);
}

void TstRetryPolicy::retryableStatuses()
{
    QVERIFY(RetryPolicy::isRetryableStatus(429));
    QVERIFY(RetryPolicy::isRetryableStatus(503));
    for (int s : {200, 400, 401, 403, 404, 410, 500, 502, 504})
        QVERIFY2(!RetryPolicy::isRetryableStatus(s), QByteArray::number(s));
}

void TstRetryPolicy::parsesRetryAfterSeconds()
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QCOMPARE(RetryPolicy::parseRetryAfter("5", now), milliseconds(5000));
    QCOMPARE(RetryPolicy::parseRetryAfter(" 0 ", now), milliseconds(0));
    QCOMPARE(RetryPolicy::parseRetryAfter("0.25", now), milliseconds(250));
}

void TstRetryPolicy::parsesRetryAfterHttpDate()
{
    const QDateTime now(QDate(2015, 10, 21), QTime(7, 27, 30), QTimeZone::utc());
    QCOMPARE(RetryPolicy::parseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT", now), milliseconds(30000));
    // A date in the past means "now".
    QCOMPARE(RetryPolicy::parseRetryAfter("Wed, 21 Oct 2015 07:00:00 GMT", now), milliseconds(0));
}

void TstRetryPolicy::rejectsGarbageRetryAfter()
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QVERIFY(!RetryPolicy::parseRetryAfter("", now));
    QVERIFY(!RetryPolicy::parseRetryAfter("soon", now));
    QVERIFY(!RetryPolicy::parseRetryAfter("-3", now));
}

void TstRetryPolicy::backoffDoublesUpToCap()
{
    RetryPolicy p; // 1 s base, 30 s cap
    QCOMPARE(p.backoff(0, 0.0), milliseconds(1000));
    QCOMPARE(p.backoff(1, 0.0), milliseconds(2000));
    QCOMPARE(p.backoff(2, 0.0), milliseconds(4000));
    QCOMPARE(p.backoff(4, 0.0), milliseconds(16000));
    QCOMPARE(p.backoff(5, 0.0), milliseconds(30000));
    QCOMPARE(p.backoff(60, 0.0), milliseconds(30000)); // no overflow
}

void TstRetryPolicy::jitterOnlyAdds()
{
    RetryPolicy p;
    for (int n = 0; n < 8; ++n) {
        const milliseconds low = p.backoff(n, 0.0);
        const milliseconds high = p.backoff(n, 1.0);
        QVERIFY(low <= p.backoff(n, 0.5));
        QVERIFY(p.backoff(n, 0.5) <= high);
        QCOMPARE(high.count(), qint64(std::ceil(double(low.count()) * 1.3)));
    }
    QCOMPARE(p.backoff(1, 7.0), p.backoff(1, 1.0)); // out-of-range randoms are clamped
}

void TstRetryPolicy::neverRetriesNonIdempotent()
{
    RetryPolicy p;
    QVERIFY(!p.decide(false, 429, milliseconds(1000), 0, 0.0).retry);
    QVERIFY(!p.decide(false, 503, std::nullopt, 0, 0.0).retry);
    QVERIFY(p.decide(true, 429, std::nullopt, 0, 0.0).retry);
    QVERIFY(!p.decide(true, 500, std::nullopt, 0, 0.0).retry);
}

void TstRetryPolicy::stopsAfterMaxRetries()
{
    RetryPolicy p;
    p.maxRetries = 3;
    QVERIFY(p.decide(true, 429, std::nullopt, 2, 0.0).retry);
    QVERIFY(!p.decide(true, 429, std::nullopt, 3, 0.0).retry);
}

void TstRetryPolicy::retryAfterIsAFloor()
{
    RetryPolicy p;
    const RetryPolicy::Decision d = p.decide(true, 429, milliseconds(7000), 0, 1.0);
    QVERIFY(d.retry);
    QCOMPARE(d.delay, milliseconds(7000)); // larger than the 1.3 s backoff
    // A Retry-After smaller than the backoff does not shorten it.
    QCOMPARE(p.decide(true, 503, milliseconds(0), 2, 0.0).delay, milliseconds(4000));
    for (double r : {0.0, 0.3, 0.99})
        QVERIFY(p.decide(true, 429, milliseconds(2500), 1, r).delay >= milliseconds(2500));
}

void TstRetryPolicy::tooLongRetryAfterGivesUp()
{
    RetryPolicy p;
    QVERIFY(p.decide(true, 429, p.maxRetryAfter, 0, 0.0).retry);
    QVERIFY(!p.decide(true, 429, p.maxRetryAfter + milliseconds(1), 0, 0.0).retry);
}

void TstRetryPolicy::zeroRetriesFromConfig()
{
    RetryPolicy p;
    p.maxRetries = 0;
    QVERIFY(!p.decide(true, 429, milliseconds(1), 0, 0.0).retry);
}

QTEST_GUILESS_MAIN(TstRetryPolicy)
#include "tst_retrypolicy.moc"
