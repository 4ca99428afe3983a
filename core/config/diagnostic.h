// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QList>
#include <QString>

namespace tbds::config {

/** One finding about a configuration file, positioned like a compiler message. */
struct Diagnostic
{
    enum class Severity { Error, Warning };

    Severity severity = Severity::Error;
    QString file;
    int line = 0;   // 1-based; 0 when the finding has no position (e.g. a missing file)
    int column = 0; // 1-based
    QString message;

    /** `file:line:col: message`, with `warning: ` before warnings' messages. */
    [[nodiscard]] QString toString() const
    {
        QString s = file;
        if (line > 0)
            s += QStringLiteral(":%1:%2").arg(line).arg(column);
        s += QStringLiteral(": ");
        if (severity == Severity::Warning)
            s += QStringLiteral("warning: ");
        return s + message;
    }
    [[nodiscard]] bool isError() const { return severity == Severity::Error; }
};

using Diagnostics = QList<Diagnostic>;

[[nodiscard]] inline bool hasErrors(const Diagnostics &list)
{
    for (const Diagnostic &d : list)
        if (d.isError())
            return true;
    return false;
}

} // namespace tbds::config
