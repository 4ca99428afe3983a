// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/common/result.h"

#include <QList>
#include <QString>

#include <functional>
#include <memory>
#include <optional>

namespace tbds::fakejira {

/**
 * The JQL subset the simulator understands (jira-rest.md §12.10): clauses
 * `field op value`, `IN (...)`, `NOT IN`, `IS [NOT] EMPTY`, functions such as
 * `standardIssueTypes()`, `AND`/`OR`/`NOT`, parentheses, `ORDER BY f [ASC|DESC], ...`,
 * quoted strings with backslash escapes. Real Jira's parse errors are reproduced for the cases
 * clients trip over: unquoted reserved words (a project key `INT`), unquoted reserved
 * characters (`.`), missing `)` and missing operators.
 *
 * Parsing is separate from evaluation: the caller validates fields and values (unknown field,
 * invisible project) and supplies a per-clause predicate, because only it knows the data.
 */
class Jql
{
public:
    struct Value
    {
        QString text;
        bool function = false; ///< `text()` call
        bool empty = false; ///< EMPTY / NULL
    };
    struct Clause
    {
        QString field; ///< as written (lower-cased), e.g. "project", "cf[10010]"
        QString op; ///< "=", "!=", "~", "!~", ">", ">=", "<", "<=", "in", "not in", "is", "is not"
        QList<Value> values;
        int position = 0; ///< 1-based character of the field
    };
    struct Node
    {
        enum class Kind { And, Or, Not, Leaf } kind = Kind::Leaf;
        QList<std::shared_ptr<Node>> children;
        Clause clause;
    };
    struct Order
    {
        QString field; ///< lower-cased
        bool descending = false;
    };

    /** Parses; errors carry Jira's own message text in Error::message. */
    [[nodiscard]] static Result<Jql> parse(const QString &text);

    /** False for an empty query or one that is only ORDER BY (Cloud calls that unbounded). */
    [[nodiscard]] bool isBounded() const { return m_where != nullptr; }
    [[nodiscard]] QList<Clause> clauses() const;
    /** The WHERE tree (null when unbounded), e.g. for the structure `jql/parse` returns. */
    [[nodiscard]] const std::shared_ptr<Node> &where() const { return m_where; }
    [[nodiscard]] const QList<Order> &orderBy() const { return m_order; }
    /** Evaluates the WHERE tree with `leaf` deciding each clause; true when unbounded. */
    [[nodiscard]] bool matches(const std::function<bool(const Clause &)> &leaf) const;

    [[nodiscard]] static bool isReservedWord(const QString &word);
    /** All reserved words, sorted (what `jql/autocompletedata` lists as `jqlReservedWords`). */
    [[nodiscard]] static QStringList reservedWords();
    /**
     * `text` as it has to be written in JQL: unchanged when it is a plain word, else in double
     * quotes with `"` and `\` escaped (reserved words, spaces, reserved characters).
     */
    [[nodiscard]] static QString quoted(const QString &text);

private:
    std::shared_ptr<Node> m_where;
    QList<Order> m_order;
};

} // namespace tbds::fakejira
