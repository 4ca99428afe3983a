// SPDX-License-Identifier: Apache-2.0
#include "ui/models/unifieddiff.h"

#include <QList>
#include <QStringList>

#include <vector>

namespace tbds::ui {

namespace {

enum class Op { Keep, Remove, Add };

struct Line
{
    Op op;
    QString text;
    int oldNo; // 1-based line in the old text (of the line, or the one before an insertion)
    int newNo;
};

QStringList splitLines(const QString &text)
{
    QStringList lines = text.split(QLatin1Char('\n'));
    if (!lines.isEmpty() && lines.constLast().isEmpty())
        lines.removeLast(); // a final newline does not start another line
    return lines;
}

/** Longest-common-subsequence line script between a and b (after trimming the common ends). */
QList<Line> script(const QStringList &a, const QStringList &b)
{
    qsizetype prefix = 0;
    while (prefix < a.size() && prefix < b.size() && a[prefix] == b[prefix])
        ++prefix;
    qsizetype suffix = 0;
    while (suffix < a.size() - prefix && suffix < b.size() - prefix
           && a[a.size() - 1 - suffix] == b[b.size() - 1 - suffix])
        ++suffix;

    const qsizetype n = a.size() - prefix - suffix;
    const qsizetype m = b.size() - prefix - suffix;
    // lcs[i][j]: LCS length of a[prefix+i..] and b[prefix+j..] within the middle.
    std::vector<std::vector<int>> lcs(size_t(n + 1), std::vector<int>(size_t(m + 1), 0));
    for (qsizetype i = n - 1; i >= 0; --i)
        for (qsizetype j = m - 1; j >= 0; --j)
            lcs[size_t(i)][size_t(j)] = a[prefix + i] == b[prefix + j]
                ? lcs[size_t(i + 1)][size_t(j + 1)] + 1
                : qMax(lcs[size_t(i + 1)][size_t(j)], lcs[size_t(i)][size_t(j + 1)]);

    QList<Line> out;
    int oldNo = 0;
    int newNo = 0;
    for (qsizetype k = 0; k < prefix; ++k)
        out.append({Op::Keep, a[k], ++oldNo, ++newNo});
    qsizetype i = 0;
    qsizetype j = 0;
    while (i < n || j < m) {
        if (i < n && j < m && a[prefix + i] == b[prefix + j]) {
            out.append({Op::Keep, a[prefix + i], ++oldNo, ++newNo});
            ++i;
            ++j;
        } else if (j < m && (i == n || lcs[size_t(i)][size_t(j + 1)] > lcs[size_t(i + 1)][size_t(j)])) {
            out.append({Op::Add, b[prefix + j], oldNo, ++newNo});
            ++j;
        } else {
            out.append({Op::Remove, a[prefix + i], ++oldNo, newNo});
            ++i;
        }
    }
    for (qsizetype k = a.size() - suffix; k < a.size(); ++k)
        out.append({Op::Keep, a[k], ++oldNo, ++newNo});
    return out;
}

} // namespace

QString unifiedDiff(const QString &oldText, const QString &newText, const QString &oldName, const QString &newName,
                    int context)
{
    if (oldText == newText)
        return {};
    const QList<Line> lines = script(splitLines(oldText), splitLines(newText));

    QString out = QStringLiteral("--- %1\n+++ %2\n").arg(oldName, newName);
    qsizetype k = 0;
    const qsizetype total = lines.size();
    while (k < total) {
        // Next change.
        qsizetype change = k;
        while (change < total && lines[change].op == Op::Keep)
            ++change;
        if (change == total)
            break;
        const qsizetype start = qMax(k, change - context);
        // Extend the hunk while the next change is within 2*context unchanged lines.
        qsizetype end = change;
        qsizetype keepRun = 0;
        for (qsizetype p = change; p < total; ++p) {
            if (lines[p].op == Op::Keep) {
                if (++keepRun > 2 * context)
                    break;
            } else {
                keepRun = 0;
                end = p;
            }
        }
        const qsizetype stop = qMin(total, end + 1 + context);

        int oldStart = 0;
        int newStart = 0;
        int oldCount = 0;
        int newCount = 0;
        QString body;
        for (qsizetype p = start; p < stop; ++p) {
            const Line &l = lines[p];
            const QChar mark = l.op == Op::Keep ? QLatin1Char(' ') : l.op == Op::Add ? QLatin1Char('+') : QLatin1Char('-');
            if (l.op != Op::Add) {
                if (oldCount++ == 0)
                    oldStart = l.oldNo;
            }
            if (l.op != Op::Remove) {
                if (newCount++ == 0)
                    newStart = l.newNo;
            }
            body += mark + l.text + QLatin1Char('\n');
        }
        // diff -u convention: an empty side names the line before it.
        if (oldCount == 0)
            oldStart = lines[start].oldNo;
        if (newCount == 0)
            newStart = lines[start].newNo;
        out += QStringLiteral("@@ -%1,%2 +%3,%4 @@\n").arg(oldStart).arg(oldCount).arg(newStart).arg(newCount) + body;
        k = stop;
    }
    return out;
}

} // namespace tbds::ui
