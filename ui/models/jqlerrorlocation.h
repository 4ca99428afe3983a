// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QString>
#include <QStringList>

#include <optional>

namespace tbds::ui {

/**
 * The part of a JQL query a Jira parse error points at. Jira ends syntax errors with the
 * position of the offending token, "Error in the JQL Query: Expecting operator but got 'DEMO'.
 * … (line 1, character 9)": 1-based, counted in UTF-16 code units like QString (Jira is Java).
 * Jira names only where the token starts; its length is taken from the token the message
 * quotes ("got 'DEMO'", "'INT' is a reserved JQL word"), else from the query text itself.
 * Errors without a position ("… before the end of the query.", unknown fields) have no location.
 */
class JqlErrorLocation final
{
public:
    int start = 0; ///< 0-based offset into the query
    int length = 0; ///< at least 1
    int line = 0; ///< as Jira reported it (1-based)
    int character = 0; ///< as Jira reported it (1-based)
    QString message; ///< the message the position came from

    /** The first of `messages` with a position inside `jql` (the query exactly as it was sent). */
    [[nodiscard]] static std::optional<JqlErrorLocation> find(const QStringList &messages, const QString &jql);
};

} // namespace tbds::ui
