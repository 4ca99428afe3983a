// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QDateTime>

#include <chrono>
#include <optional>

namespace tbds::jira {

/**
 * When and how long to wait before sending a request again (reliability-ux §A5).
 *
 * Only 429 and 503 are retried, and only for idempotent requests: a POST that creates an issue
 * must never be repeated behind the admin's back (duplicates are a known failure of other
 * clients). The wait is never shorter than the server's `Retry-After` (sending earlier only earns
 * a longer ban) and otherwise grows exponentially with jitter that is only ever added, so many
 * clients do not retry in lockstep. A `Retry-After` longer than `maxRetryAfter` ends the retries
 * at once: waiting minutes inside one call helps nobody, the admin is told how long Jira asked.
 */
struct RetryPolicy
{
    int maxRetries = 3;                          ///< from config `max_retries` (0..10)
    std::chrono::milliseconds baseDelay{1000};   ///< first computed wait
    std::chrono::milliseconds maxDelay{30000};   ///< cap of the computed wait (before jitter)
    std::chrono::milliseconds maxRetryAfter{60000}; ///< longest Retry-After we are willing to sit out
    double jitter = 0.3;                         ///< computed waits are multiplied by 1 + U[0, jitter]

    struct Decision
    {
        bool retry = false;
        std::chrono::milliseconds delay{0};
    };

    /** GET, HEAD, OPTIONS, PUT and DELETE are idempotent per RFC 9110; POST and PATCH are not. */
    [[nodiscard]] static bool isIdempotentMethod(QByteArrayView method);
    /** The statuses Atlassian documents as "slow down and try again". */
    [[nodiscard]] static bool isRetryableStatus(int httpStatus);
    /**
     * Parses `Retry-After` as delta-seconds ("5", "0") or an HTTP-date (RFC 9110 §10.2.3),
     * relative to `now`. A date in the past yields 0. Garbage yields nothing.
     */
    [[nodiscard]] static std::optional<std::chrono::milliseconds> parseRetryAfter(const QByteArray &value,
                                                                                  const QDateTime &now);

    /** min(maxDelay, baseDelay·2^retriesDone)·(1 + jitter·random01), random01 in [0, 1]. */
    [[nodiscard]] std::chrono::milliseconds backoff(int retriesDone, double random01) const;

    /**
     * The whole rule: `retriesDone` is how many retries were already made for this request.
     * With a Retry-After the wait is max(Retry-After, backoff), so the server's value is a floor.
     */
    [[nodiscard]] Decision decide(bool idempotent, int httpStatus, std::optional<std::chrono::milliseconds> retryAfter,
                                  int retriesDone, double random01) const;
};

} // namespace tbds::jira
