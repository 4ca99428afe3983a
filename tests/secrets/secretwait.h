// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/secrets/secretoperation.h"
#include "core/secrets/secretresult.h"

#include <QObject>
#include <QPointer>
#include <QTest>

#include <optional>

namespace tbds::test {

/** What a SecretOperation delivered, and how often (it must be exactly once). */
struct Delivery
{
    std::optional<secrets::SecretResult> result;
    int count = 0;
};

/**
 * Waits (event loop running) until `op` delivers `finished`, then a little longer to catch a
 * second, illegal delivery. Returns an Other failure naming the test if nothing arrives.
 */
inline Delivery waitForDelivery(secrets::SecretOperation *op, int timeoutMs = 10'000)
{
    Delivery d;
    QObject context; // disconnects on return, so a late signal cannot touch this stack frame
    QObject::connect(op, &secrets::SecretOperation::finished, &context,
                     [&d](const secrets::SecretResult &r) {
                         d.result = r;
                         ++d.count;
                     });
    QPointer<secrets::SecretOperation> guard(op);
    if (!QTest::qWaitFor([&d] { return d.count > 0; }, timeoutMs))
        return d;
    // The operation deletes itself after delivering; give it the chance, and watch for extras.
    (void)QTest::qWaitFor([&guard] { return guard.isNull(); }, 1000);
    QTest::qWait(20);
    return d;
}

inline secrets::SecretResult waitFor(secrets::SecretOperation *op, int timeoutMs = 10'000)
{
    Delivery d = waitForDelivery(op, timeoutMs);
    if (!d.result)
        return secrets::SecretResult::failure(secrets::SecretError::Other, {},
                                              QStringLiteral("test: the operation never finished"));
    return *d.result;
}

} // namespace tbds::test
