// SPDX-License-Identifier: Apache-2.0
#include "ui/models/jqlerrorlocation.h"

#include <QRegularExpression>

#include <algorithm>

namespace tbds::ui {

namespace {

// "(line 1, character 23)" at the end of the message. The words are matched loosely: Jira words
// its messages in the language of the account, e.g. "(Zeile 1, Zeichen 23)".
const QRegularExpression &positionPattern()
{
    static const QRegularExpression pattern(
        QStringLiteral("\\(\\s*\\p{L}+\\s+(\\d+)\\s*,\\s*\\p{L}+\\s+(\\d+)\\s*\\)\\W*$"),
        QRegularExpression::UseUnicodePropertiesOption);
    return pattern;
}

// Ends a bare JQL word (field, value, keyword); quotes and operators are tokens of their own.
bool endsWord(QChar c)
{
    return c.isSpace() || QStringLiteral("()=!<>~,\"'").contains(c);
}

int tokenLength(const QString &message, const QString &jql, int start)
{
    // The token the message quotes, when the query has it right there: "got 'DEMO'", "'INT'",
    // "The character '.'". Several quoted bits ("The valid operators are '=', '!=', …") are fine:
    // only one of them can stand at the position.
    static const QRegularExpression quoted(QStringLiteral("'([^']+)'"));
    for (auto it = quoted.globalMatch(message); it.hasNext();) {
        const QString token = it.next().captured(1);
        if (QStringView(jql).mid(start).startsWith(token, Qt::CaseInsensitive))
            return int(token.size());
    }
    // Else the token at the position: a string runs to its closing quote (an unfinished one, the
    // usual complaint, to the end), a word to the next space or operator.
    const QChar first = jql.at(start);
    if (first == QLatin1Char('"') || first == QLatin1Char('\'')) {
        int end = start + 1;
        while (end < jql.size() && jql.at(end) != first)
            end += jql.at(end) == QLatin1Char('\\') ? 2 : 1;
        return int(std::min<qsizetype>(end + 1, jql.size())) - start;
    }
    int end = start;
    while (end < jql.size() && !endsWord(jql.at(end)))
        ++end;
    return std::max(end - start, 1);
}

} // namespace

std::optional<JqlErrorLocation> JqlErrorLocation::find(const QStringList &messages, const QString &jql)
{
    if (jql.isEmpty())
        return std::nullopt;
    for (const QString &message : messages) {
        const QRegularExpressionMatch match = positionPattern().match(message);
        if (!match.hasMatch())
            continue;
        const int line = match.captured(1).toInt();
        const int character = match.captured(2).toInt();
        if (line < 1 || character < 1)
            continue;
        // Lines are split at '\n', as Jira's lexer does; a query from config.toml may span lines.
        qsizetype lineStart = 0;
        for (int l = 1; l < line && lineStart >= 0; ++l) {
            lineStart = jql.indexOf(QLatin1Char('\n'), lineStart);
            if (lineStart >= 0)
                ++lineStart;
        }
        if (lineStart < 0)
            continue;
        // Past the end: point at the last character rather than nowhere.
        const int start = int(std::min<qsizetype>(lineStart + character - 1, jql.size() - 1));
        return JqlErrorLocation { start, tokenLength(message, jql, start), line, character, message };
    }
    return std::nullopt;
}

} // namespace tbds::ui
