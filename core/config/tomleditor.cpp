// SPDX-License-Identifier: Apache-2.0
#include "core/config/tomleditor.h"

#include <toml++/toml.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <string>
#include <string_view>
#include <vector>

namespace tbds::config {

namespace {

using TomlValue = TomlEditor::TomlValue;

// ---------------------------------------------------------------------------------------
// Layout: where headers and key/value lines sit in the bytes. toml++ tells us what a key
// is and where its value is, but not where lines, sections and attached comments begin and
// end, which is what inserting and removing whole lines needs.
// ---------------------------------------------------------------------------------------

struct Header
{
    qsizetype attachedBegin = 0; // first line of the comment block directly above, else lineStart
    qsizetype lineStart = 0;
    qsizetype lineEnd = 0; // after the line break (or end of text)
    bool arrayOfTables = false;
    QStringList path;
};

struct Statement
{
    qsizetype lineStart = 0;
    qsizetype valueBegin = 0;
    qsizetype valueEnd = 0;
    qsizetype lineEnd = 0; // after trailing comment and line break
    qsizetype section = -1; // index into Layout::headers, -1 for the root table
    QStringList path; // absolute
};

struct Layout
{
    std::vector<Header> headers;
    std::vector<Statement> statements;
};

bool isBareKeyChar(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'
        || c == '-';
}

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

bool isScalarStop(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '#' || c == ',' || c == ']'
        || c == '}';
}

bool startsWith(const QStringList &list, const QStringList &prefix)
{
    if (prefix.size() > list.size())
        return false;
    return std::equal(prefix.begin(), prefix.end(), list.begin());
}

/**
 * A lexer for text toml++ already accepted. It only has to find boundaries, so it is
 * lenient; it returns -1 where it cannot follow, which callers turn into an error rather
 * than guessing.
 */
class Lexer
{
public:
    explicit Lexer(const QByteArray &text) : m_t(text), m_n(text.size()) {}

    [[nodiscard]] char at(qsizetype i) const { return i >= 0 && i < m_n ? m_t.at(i) : '\0'; }

    [[nodiscard]] qsizetype skipBlank(qsizetype p) const
    {
        while (p < m_n && (m_t.at(p) == ' ' || m_t.at(p) == '\t'))
            ++p;
        return p;
    }

    [[nodiscard]] qsizetype skipToLineBreak(qsizetype p) const
    {
        while (p < m_n && m_t.at(p) != '\n')
            ++p;
        return p;
    }

    // Blank, optional comment, then the line break; -1 when something else follows.
    [[nodiscard]] qsizetype endOfLine(qsizetype p) const
    {
        p = skipBlank(p);
        if (at(p) == '#')
            p = skipToLineBreak(p);
        if (p >= m_n)
            return m_n;
        if (at(p) == '\r' && at(p + 1) == '\n')
            return p + 2;
        if (at(p) == '\n')
            return p + 1;
        return -1;
    }

    [[nodiscard]] qsizetype skipString(qsizetype p) const
    {
        const char quote = at(p);
        const bool basic = quote == '"';
        if (at(p + 1) == quote && at(p + 2) == quote) {
            p += 3;
            while (p < m_n) {
                const char c = m_t.at(p);
                if (basic && c == '\\') {
                    p += 2;
                    continue;
                }
                if (c == quote && at(p + 1) == quote && at(p + 2) == quote) {
                    // Up to two quotes may end the content right before the delimiter.
                    qsizetype run = 3;
                    while (run < 5 && at(p + run) == quote)
                        ++run;
                    return p + run;
                }
                ++p;
            }
            return -1;
        }
        ++p;
        while (p < m_n) {
            const char c = m_t.at(p);
            if (basic && c == '\\') {
                p += 2;
                continue;
            }
            if (c == quote)
                return p + 1;
            if (c == '\n')
                return -1;
            ++p;
        }
        return -1;
    }

    [[nodiscard]] qsizetype skipValue(qsizetype p) const
    {
        const char c = at(p);
        if (c == '"' || c == '\'')
            return skipString(p);
        if (c == '[' || c == '{') {
            int depth = 0;
            while (p < m_n) {
                const char d = m_t.at(p);
                if (d == '"' || d == '\'') {
                    p = skipString(p);
                    if (p < 0)
                        return -1;
                    continue;
                }
                if (d == '#') {
                    p = skipToLineBreak(p);
                    continue;
                }
                if (d == '[' || d == '{') {
                    ++depth;
                } else if (d == ']' || d == '}') {
                    if (--depth == 0)
                        return p + 1;
                }
                ++p;
            }
            return -1;
        }
        const qsizetype begin = p;
        const auto scalarEnd = [this](qsizetype q) {
            while (q < m_n && !isScalarStop(m_t.at(q)))
                ++q;
            return q;
        };
        p = scalarEnd(p);
        // TOML lets a space separate date and time ("1979-05-27 07:32:00Z").
        if (p - begin == 10 && at(begin + 4) == '-' && at(begin + 7) == '-' && at(p) == ' '
            && isDigit(at(p + 1)) && isDigit(at(p + 2)) && at(p + 3) == ':') {
            p = scalarEnd(p + 1);
        }
        return p == begin ? -1 : p;
    }

    // A possibly dotted key; returns the position after it and any blanks that follow.
    [[nodiscard]] qsizetype parseKey(qsizetype p, QStringList &out) const
    {
        for (;;) {
            p = skipBlank(p);
            const char c = at(p);
            if (c == '"') {
                QByteArray decoded;
                p = decodeBasicString(p, decoded);
                if (p < 0)
                    return -1;
                out << QString::fromUtf8(decoded);
            } else if (c == '\'') {
                const qsizetype end = m_t.indexOf('\'', p + 1);
                if (end < 0)
                    return -1;
                out << QString::fromUtf8(m_t.mid(p + 1, end - p - 1));
                p = end + 1;
            } else {
                const qsizetype begin = p;
                while (p < m_n && isBareKeyChar(m_t.at(p)))
                    ++p;
                if (p == begin)
                    return -1;
                out << QString::fromUtf8(m_t.mid(begin, p - begin));
            }
            p = skipBlank(p);
            if (at(p) != '.')
                return p;
            ++p;
        }
    }

private:
    [[nodiscard]] qsizetype decodeBasicString(qsizetype p, QByteArray &out) const
    {
        ++p;
        while (p < m_n) {
            const char c = m_t.at(p);
            if (c == '"')
                return p + 1;
            if (c != '\\') {
                out += c;
                ++p;
                continue;
            }
            const char e = at(p + 1);
            switch (e) {
            case 'b': out += '\b'; break;
            case 't': out += '\t'; break;
            case 'n': out += '\n'; break;
            case 'f': out += '\f'; break;
            case 'r': out += '\r'; break;
            case '"': out += '"'; break;
            case '\\': out += '\\'; break;
            case 'u':
            case 'U': {
                const qsizetype digits = e == 'u' ? 4 : 8;
                bool ok = false;
                const char32_t codePoint = m_t.mid(p + 2, digits).toUInt(&ok, 16);
                if (!ok)
                    return -1;
                out += QString::fromUcs4(&codePoint, 1).toUtf8();
                p += digits;
                break;
            }
            default:
                return -1;
            }
            p += 2;
        }
        return -1;
    }

    const QByteArray &m_t;
    qsizetype m_n;
};

std::optional<Layout> scanLayout(const QByteArray &text, qsizetype begin)
{
    const Lexer lx(text);
    const qsizetype n = text.size();
    Layout layout;
    QStringList section;
    qsizetype commentBlock = -1;
    qsizetype p = begin;
    while (p < n) {
        const qsizetype lineStart = p;
        qsizetype q = lx.skipBlank(p);
        const char c = lx.at(q);
        if (q >= n)
            break;
        if (c == '\n' || (c == '\r' && lx.at(q + 1) == '\n')) {
            commentBlock = -1;
            p = q + (c == '\n' ? 1 : 2);
            continue;
        }
        if (c == '#') {
            if (commentBlock < 0)
                commentBlock = lineStart;
            p = lx.endOfLine(q);
            if (p < 0)
                return std::nullopt;
            continue;
        }
        if (c == '[') {
            Header h;
            h.arrayOfTables = lx.at(q + 1) == '[';
            q = lx.parseKey(q + (h.arrayOfTables ? 2 : 1), h.path);
            if (q < 0 || lx.at(q) != ']' || (h.arrayOfTables && lx.at(q + 1) != ']'))
                return std::nullopt;
            q = lx.endOfLine(q + (h.arrayOfTables ? 2 : 1));
            if (q < 0)
                return std::nullopt;
            h.attachedBegin = commentBlock >= 0 ? commentBlock : lineStart;
            h.lineStart = lineStart;
            h.lineEnd = q;
            section = h.path;
            layout.headers.push_back(std::move(h));
            commentBlock = -1;
            p = q;
            continue;
        }
        Statement s;
        s.lineStart = lineStart;
        s.section = qsizetype(layout.headers.size()) - 1;
        s.path = section;
        q = lx.parseKey(q, s.path);
        if (q < 0 || lx.at(q) != '=')
            return std::nullopt;
        s.valueBegin = lx.skipBlank(q + 1);
        s.valueEnd = lx.skipValue(s.valueBegin);
        if (s.valueEnd < 0)
            return std::nullopt;
        s.lineEnd = lx.endOfLine(s.valueEnd);
        if (s.lineEnd < 0)
            return std::nullopt;
        p = s.lineEnd;
        layout.statements.push_back(std::move(s));
        commentBlock = -1;
    }
    return layout;
}

// ---------------------------------------------------------------------------------------
// Formatting
// ---------------------------------------------------------------------------------------

QByteArray basicString(const QString &s)
{
    const QByteArray utf8 = s.toUtf8();
    QByteArray out;
    out.reserve(utf8.size() + 2);
    out += '"';
    for (const char c : utf8) {
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\b': out += "\\b"; break;
        case '\t': out += "\\t"; break;
        case '\n': out += "\\n"; break;
        case '\f': out += "\\f"; break;
        case '\r': out += "\\r"; break;
        default:
            if ((static_cast<unsigned char>(c) < 0x20) || c == 0x7f)
                out += "\\u" + QByteArray::number(static_cast<unsigned char>(c), 16).rightJustified(4, '0').toUpper();
            else
                out += c;
        }
    }
    out += '"';
    return out;
}

QByteArray keyPart(const QString &key)
{
    const bool bare = !key.isEmpty() && std::all_of(key.begin(), key.end(), [](QChar ch) {
        return ch.unicode() < 0x80 && isBareKeyChar(char(ch.unicode()));
    });
    return bare ? key.toLatin1() : basicString(key);
}

QByteArray keyPathText(const QStringList &path)
{
    QByteArray out;
    for (const QString &k : path) {
        if (!out.isEmpty())
            out += '.';
        out += keyPart(k);
    }
    return out;
}

QByteArray valueText(const TomlValue &value)
{
    struct Visitor
    {
        QByteArray operator()(bool b) const { return b ? "true" : "false"; }
        QByteArray operator()(qint64 i) const { return QByteArray::number(i); }
        QByteArray operator()(double d) const
        {
            if (std::isnan(d))
                return "nan";
            if (std::isinf(d))
                return d > 0 ? "inf" : "-inf";
            // Shortest text that reads back as the same double.
            char buf[64];
            const auto res = std::to_chars(buf, buf + sizeof buf, d);
            QByteArray s(buf, res.ptr - buf);
            // "100" would read back as an integer.
            if (!s.contains('.') && !s.contains('e') && !s.contains('E'))
                s += ".0";
            return s;
        }
        QByteArray operator()(const QString &s) const { return basicString(s); }
        QByteArray operator()(const QStringList &list) const
        {
            QByteArray out = "[";
            for (qsizetype i = 0; i < list.size(); ++i) {
                if (i > 0)
                    out += ", ";
                out += basicString(list.at(i));
            }
            return out + ']';
        }
    };
    return std::visit(Visitor{}, value);
}

std::optional<TomlValue> nodeValue(const toml::node &node)
{
    if (const auto *b = node.as_boolean())
        return TomlValue(b->get());
    if (const auto *i = node.as_integer())
        return TomlValue(qint64(i->get()));
    if (const auto *f = node.as_floating_point())
        return TomlValue(f->get());
    if (const auto *s = node.as_string())
        return TomlValue(QString::fromUtf8(s->get().data(), qsizetype(s->get().size())));
    if (const auto *a = node.as_array()) {
        QStringList list;
        for (const toml::node &element : *a) {
            const auto *s = element.as_string();
            if (!s)
                return std::nullopt;
            list << QString::fromUtf8(s->get().data(), qsizetype(s->get().size()));
        }
        return TomlValue(list);
    }
    return std::nullopt;
}

bool sameValue(const TomlValue &a, const TomlValue &b)
{
    if (std::holds_alternative<double>(a) && std::holds_alternative<double>(b)
        && std::isnan(std::get<double>(a)) && std::isnan(std::get<double>(b))) {
        return true;
    }
    return a == b;
}

// ---------------------------------------------------------------------------------------
// Looking up key paths in the parsed tree
// ---------------------------------------------------------------------------------------

enum class Lookup { Found, Missing, ThroughValue, ThroughArrayOfTables };

struct Walk
{
    Lookup status = Lookup::Found;
    std::vector<const toml::node *> chain; // chain[i] is the node at keyPath[0..i]
};

bool isArrayOfTables(const toml::node &node)
{
    const toml::array *a = node.as_array();
    return a && !a->empty()
        && std::all_of(a->begin(), a->end(), [](const toml::node &n) { return n.is_table(); });
}

Walk walk(const toml::table &root, const QStringList &path)
{
    Walk w;
    const toml::node *current = &root;
    for (const QString &key : path) {
        const toml::table *table = current->as_table();
        if (!table) {
            w.status = isArrayOfTables(*current) ? Lookup::ThroughArrayOfTables : Lookup::ThroughValue;
            return w;
        }
        const QByteArray utf8 = key.toUtf8();
        const toml::node *next = table->get(std::string_view(utf8.constData(), size_t(utf8.size())));
        if (!next) {
            w.status = Lookup::Missing;
            return w;
        }
        w.chain.push_back(next);
        current = next;
    }
    return w;
}

struct Splice
{
    qsizetype begin = 0;
    qsizetype end = 0;
    QByteArray replacement;
};

QByteArray applySplices(const QByteArray &text, std::vector<Splice> splices)
{
    std::sort(splices.begin(), splices.end(),
              [](const Splice &a, const Splice &b) { return a.begin > b.begin; });
    QByteArray out = text;
    for (const Splice &s : splices)
        out.replace(s.begin, s.end - s.begin, s.replacement);
    return out;
}

} // namespace

// ---------------------------------------------------------------------------------------

struct TomlEditor::Private
{
    QByteArray text;
    QString sourceName;
    toml::table root;
    Layout layout;
    std::vector<qsizetype> lineStarts;
    QByteArray newline;

    [[nodiscard]] static Result<std::unique_ptr<Private>> parse(const QByteArray &text,
                                                                const QString &sourceName);

    [[nodiscard]] QString displayName() const
    {
        return sourceName.isEmpty() ? TomlEditor::tr("The TOML document") : sourceName;
    }

    // toml++ positions are 1-based lines and 1-based columns counted in code points.
    [[nodiscard]] qsizetype offset(const toml::source_position &pos) const
    {
        if (pos.line == 0 || pos.line > lineStarts.size())
            return -1;
        qsizetype p = lineStarts[pos.line - 1];
        for (toml::source_index col = 1; col < pos.column && p < text.size(); ++col) {
            const auto lead = static_cast<unsigned char>(text.at(p));
            p += lead < 0x80 ? 1 : (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xe ? 3 : 4;
        }
        return std::min(p, text.size());
    }

    [[nodiscard]] std::pair<qsizetype, qsizetype> span(const toml::node &node) const
    {
        return {offset(node.source().begin), offset(node.source().end)};
    }

    [[nodiscard]] bool isInlineTable(const toml::node *node) const
    {
        if (!node->is_table())
            return false;
        const qsizetype b = offset(node->source().begin);
        return b >= 0 && b < text.size() && text.at(b) == '{';
    }

    [[nodiscard]] QByteArray indentOf(qsizetype lineStart) const
    {
        qsizetype p = lineStart;
        while (p < text.size() && (text.at(p) == ' ' || text.at(p) == '\t'))
            ++p;
        return text.mid(lineStart, p - lineStart);
    }

    [[nodiscard]] qsizetype sectionEnd(qsizetype headerIndex) const
    {
        const auto next = size_t(headerIndex + 1);
        return next < layout.headers.size() ? layout.headers[next].attachedBegin : text.size();
    }

    [[nodiscard]] qsizetype headerIndex(const QStringList &path) const
    {
        for (size_t i = 0; i < layout.headers.size(); ++i) {
            if (!layout.headers[i].arrayOfTables && layout.headers[i].path == path)
                return qsizetype(i);
        }
        return -1;
    }

    [[nodiscard]] const Statement *lastStatement(qsizetype section, const QStringList &prefix) const
    {
        const Statement *last = nullptr;
        for (const Statement &s : layout.statements) {
            if (s.section == section && startsWith(s.path, prefix))
                last = &s;
        }
        return last;
    }

    [[nodiscard]] Splice insertLine(qsizetype pos, const QByteArray &indent, const QByteArray &line,
                                    bool blankLineAfter) const;
    [[nodiscard]] Splice appendTable(const QStringList &tablePath, const QByteArray &line) const;
    [[nodiscard]] Result<Splice> insertIntoInline(const toml::node &table, const QByteArray &entry) const;
    [[nodiscard]] Result<Splice> insertKey(const QStringList &keyPath, const Walk &w,
                                           const QByteArray &value) const;
    [[nodiscard]] Result<std::vector<Splice>> removeFromInline(const toml::node &table,
                                                               const QStringList &relative) const;
    [[nodiscard]] std::vector<Splice> removeLines(const QStringList &keyPath, bool wholeTable) const;

    [[nodiscard]] Error scanError() const
    {
        return Error{TomlEditor::tr("%1 could not be edited: its layout was not understood")
                         .arg(displayName()),
                     {}};
    }
};

Result<std::unique_ptr<TomlEditor::Private>> TomlEditor::Private::parse(const QByteArray &text,
                                                                        const QString &sourceName)
{
    auto d = std::make_unique<Private>();
    d->text = text;
    d->sourceName = sourceName;
    const QByteArray name = sourceName.toUtf8();
    try {
        d->root = toml::parse(std::string_view(text.constData(), size_t(text.size())),
                              std::string_view(name.constData(), size_t(name.size())));
    } catch (const toml::parse_error &e) {
        const auto where = e.source().begin;
        const QString description = QString::fromUtf8(e.description().data(),
                                                       qsizetype(e.description().size()));
        QString cause = QStringLiteral("%1:%2: %3").arg(where.line).arg(where.column).arg(description);
        if (!sourceName.isEmpty())
            cause = sourceName + QLatin1Char(':') + cause;
        return Error{tr("%1 is not valid TOML").arg(d->displayName()), cause};
    }

    // toml++ skips a byte order mark without counting it as a column.
    const qsizetype bom = text.startsWith("\xEF\xBB\xBF") ? 3 : 0;
    d->lineStarts.push_back(bom);
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text.at(i) == '\n')
            d->lineStarts.push_back(i + 1);
    }
    const qsizetype firstBreak = text.indexOf('\n');
    d->newline = firstBreak > 0 && text.at(firstBreak - 1) == '\r' ? QByteArray("\r\n") : QByteArray("\n");

    auto layout = scanLayout(text, bom);
    if (!layout)
        return d->scanError();
    d->layout = std::move(*layout);
    return d;
}

Splice TomlEditor::Private::insertLine(qsizetype pos, const QByteArray &indent,
                                      const QByteArray &line, bool blankLineAfter) const
{
    // A file without a final line break keeps that shape: the new line becomes the last one.
    if (pos == text.size() && !text.isEmpty() && !text.endsWith('\n'))
        return {pos, pos, newline + indent + line};
    QByteArray s = indent + line + newline;
    if (blankLineAfter)
        s += newline;
    return {pos, pos, s};
}

Splice TomlEditor::Private::appendTable(const QStringList &tablePath, const QByteArray &line) const
{
    const bool noFinalBreak = !text.isEmpty() && !text.endsWith('\n');
    QByteArray s;
    if (noFinalBreak)
        s += newline;
    const QByteArray terminated = text + s;
    const qsizetype lastBreak = terminated.size() - 1;
    if (lastBreak >= 0) {
        const qsizetype previousBreak = lastBreak > 0 ? terminated.lastIndexOf('\n', lastBreak - 1) : -1;
        const QByteArray lastLine = terminated.mid(previousBreak + 1, lastBreak - previousBreak - 1);
        if (!lastLine.trimmed().isEmpty())
            s += newline; // a blank line between the previous section and the new one
    }
    s += '[' + keyPathText(tablePath) + ']' + newline + line;
    if (!noFinalBreak)
        s += newline;
    return {text.size(), text.size(), s};
}

Result<Splice> TomlEditor::Private::insertIntoInline(const toml::node &table,
                                                      const QByteArray &entry) const
{
    const auto [b, e] = span(table);
    if (b < 0 || e <= b + 1 || text.at(b) != '{' || text.at(e - 1) != '}')
        return scanError();
    qsizetype q = e - 2;
    while (q > b && (text.at(q) == ' ' || text.at(q) == '\t'))
        --q;
    if (q == b)
        return Splice{b + 1, e - 1, ' ' + entry + ' '};
    return Splice{q + 1, q + 1, ", " + entry};
}

Result<Splice> TomlEditor::Private::insertKey(const QStringList &keyPath, const Walk &w,
                                               const QByteArray &value) const
{
    const auto found = qsizetype(w.chain.size()); // keyPath[found] is the first missing key
    // Inside an inline table everything has to stay between its braces.
    for (qsizetype i = found - 1; i >= 0; --i) {
        if (isInlineTable(w.chain[size_t(i)]))
            return insertIntoInline(*w.chain[size_t(i)], keyPathText(keyPath.mid(i + 1)) + " = " + value);
    }

    const QStringList parent = keyPath.mid(0, keyPath.size() - 1);
    const QStringList existing = keyPath.mid(0, found);
    const QByteArray line = keyPart(keyPath.last()) + " = " + value;

    if (found == parent.size()) {
        if (parent.isEmpty()) {
            if (const Statement *last = lastStatement(-1, {}))
                return insertLine(last->lineEnd, indentOf(last->lineStart), line, false);
            if (!layout.headers.empty())
                return insertLine(layout.headers.front().attachedBegin, {}, line, true);
            return insertLine(text.size(), {}, line, false);
        }
        const qsizetype h = headerIndex(parent);
        if (h >= 0) {
            if (const Statement *last = lastStatement(h, parent))
                return insertLine(last->lineEnd, indentOf(last->lineStart), line, false);
            const Header &header = layout.headers[size_t(h)];
            return insertLine(header.lineEnd, indentOf(header.lineStart), line, false);
        }
    }

    // A table made by dotted keys (`a.b = 1`) must not get a [header] later (TOML forbids
    // it), so the new key extends the dotted keys in the section that holds them.
    if (!existing.isEmpty()) {
        for (auto it = layout.statements.rbegin(); it != layout.statements.rend(); ++it) {
            const qsizetype depth = it->section < 0 ? 0 : layout.headers[size_t(it->section)].path.size();
            if (depth < existing.size() && it->path.size() > existing.size()
                && startsWith(it->path, existing)) {
                return insertLine(it->lineEnd, indentOf(it->lineStart),
                                  keyPathText(keyPath.mid(depth)) + " = " + value, false);
            }
        }
    }
    return appendTable(parent, line);
}

Result<std::vector<Splice>> TomlEditor::Private::removeFromInline(const toml::node &table,
                                                                  const QStringList &relative) const
{
    const auto [b, e] = span(table);
    if (b < 0 || e <= b + 1 || text.at(b) != '{' || text.at(e - 1) != '}')
        return scanError();

    struct Entry
    {
        qsizetype begin = 0;
        qsizetype end = 0;
        bool removed = false;
    };
    std::vector<Entry> entries;
    const Lexer lx(text);
    qsizetype p = lx.skipBlank(b + 1);
    while (p < e - 1) {
        Entry entry;
        entry.begin = p;
        QStringList path;
        p = lx.parseKey(p, path);
        if (p < 0 || lx.at(p) != '=')
            return scanError();
        p = lx.skipValue(lx.skipBlank(p + 1));
        if (p < 0)
            return scanError();
        entry.end = p;
        entry.removed = startsWith(path, relative);
        entries.push_back(entry);
        p = lx.skipBlank(p);
        if (lx.at(p) == ',')
            p = lx.skipBlank(p + 1);
        else if (p != e - 1)
            return scanError();
    }

    std::vector<Splice> splices;
    if (std::all_of(entries.begin(), entries.end(), [](const Entry &x) { return x.removed; })) {
        splices.push_back({b + 1, e - 1, {}});
        return splices;
    }
    // Each run of removed entries goes with the comma that separates it from a kept neighbour.
    for (size_t i = 0; i < entries.size();) {
        if (!entries[i].removed) {
            ++i;
            continue;
        }
        size_t j = i;
        while (j + 1 < entries.size() && entries[j + 1].removed)
            ++j;
        if (j + 1 < entries.size())
            splices.push_back({entries[i].begin, entries[j + 1].begin, {}});
        else
            splices.push_back({entries[i - 1].end, entries[j].end, {}});
        i = j + 1;
    }
    return splices;
}

std::vector<Splice> TomlEditor::Private::removeLines(const QStringList &keyPath, bool wholeTable) const
{
    std::vector<std::pair<qsizetype, qsizetype>> ranges;
    if (wholeTable) {
        for (size_t i = 0; i < layout.headers.size(); ++i) {
            if (startsWith(layout.headers[i].path, keyPath))
                ranges.emplace_back(layout.headers[i].attachedBegin, sectionEnd(qsizetype(i)));
        }
    }
    for (const Statement &s : layout.statements) {
        if (wholeTable ? startsWith(s.path, keyPath) : s.path == keyPath)
            ranges.emplace_back(s.lineStart, s.lineEnd);
    }
    std::sort(ranges.begin(), ranges.end());
    std::vector<std::pair<qsizetype, qsizetype>> merged;
    for (const auto &r : ranges) {
        if (!merged.empty() && r.first <= merged.back().second)
            merged.back().second = std::max(merged.back().second, r.second);
        else
            merged.push_back(r);
    }

    // A table removed from the end of the file takes the blank lines before it along, so
    // the file does not end in a gap.
    if (wholeTable && !merged.empty() && merged.back().second == text.size()) {
        qsizetype &start = merged.back().first;
        while (start > lineStarts.front() && text.at(start - 1) == '\n') {
            const qsizetype breakPos = start - 1;
            const qsizetype lineBegin = breakPos > 0 ? text.lastIndexOf('\n', breakPos - 1) + 1 : 0;
            if (!text.mid(lineBegin, breakPos - lineBegin).trimmed().isEmpty())
                break;
            start = lineBegin;
        }
    }

    std::vector<Splice> splices;
    for (const auto &r : merged)
        splices.push_back({r.first, r.second, {}});
    return splices;
}

// ---------------------------------------------------------------------------------------

TomlEditor::TomlEditor() : d(std::move(Private::parse({}, {})).value()) {}

TomlEditor::TomlEditor(std::unique_ptr<Private> d) : d(std::move(d)) {}

// toml++ does not copy source regions along with nodes, so a copy parses the text again;
// the text was accepted before, so this cannot fail.
TomlEditor::TomlEditor(const TomlEditor &other)
    : d(std::move(Private::parse(other.d->text, other.d->sourceName)).value()), m_aliasFrom(other.m_aliasFrom),
      m_aliasTo(other.m_aliasTo)
{
}

TomlEditor::TomlEditor(TomlEditor &&other) noexcept = default;

TomlEditor &TomlEditor::operator=(const TomlEditor &other)
{
    if (this != &other) {
        d = std::move(Private::parse(other.d->text, other.d->sourceName)).value();
        m_aliasFrom = other.m_aliasFrom;
        m_aliasTo = other.m_aliasTo;
    }
    return *this;
}

TomlEditor &TomlEditor::operator=(TomlEditor &&other) noexcept = default;

TomlEditor::~TomlEditor() = default;

Result<TomlEditor> TomlEditor::fromText(const QByteArray &utf8, const QString &sourceName)
{
    auto parsed = Private::parse(utf8, sourceName);
    if (!parsed)
        return parsed.error();
    return TomlEditor(std::move(parsed).value());
}

std::optional<QStringList> TomlEditor::aliased(const QStringList &keyPath) const
{
    if (!m_aliasTo)
        return keyPath;
    if (keyPath.size() < m_aliasFrom.size() || keyPath.mid(0, m_aliasFrom.size()) != m_aliasFrom)
        return std::nullopt;
    return *m_aliasTo + keyPath.mid(m_aliasFrom.size());
}

void TomlEditor::setKeyPathAlias(const QStringList &from, const QStringList &to)
{
    m_aliasFrom = from;
    m_aliasTo = to;
}

Result<void> TomlEditor::outsideAlias(const QStringList &keyPath) const
{
    return Error{tr("%1 is not kept in %2, so nothing was changed").arg(formatKeyPath(keyPath), d->displayName()), {}};
}

Result<void> TomlEditor::setValue(const QStringList &requested, const TomlValue &value)
{
    const std::optional<QStringList> mapped = aliased(requested);
    if (!mapped)
        return outsideAlias(requested);
    const QStringList &keyPath = *mapped;
    if (keyPath.isEmpty())
        return Error{tr("Cannot set a value without a key"), {}};
    const QString shown = formatKeyPath(keyPath);
    const Walk w = walk(d->root, keyPath);
    const QString reached = formatKeyPath(keyPath.mid(0, qsizetype(w.chain.size())));
    switch (w.status) {
    case Lookup::ThroughValue:
        return Error{tr("Cannot set %1: %2 is a value, not a table").arg(shown, reached), {}};
    case Lookup::ThroughArrayOfTables:
        return Error{tr("Cannot set %1: %2 is an array of tables, whose entries cannot be "
                        "edited by key").arg(shown, reached), {}};
    case Lookup::Found:
    case Lookup::Missing:
        break;
    }

    const QByteArray formatted = valueText(value);
    Splice splice;
    if (w.status == Lookup::Found) {
        const toml::node &node = *w.chain.back();
        const auto header = std::find_if(d->layout.headers.begin(), d->layout.headers.end(),
                                         [&](const Header &h) { return h.path == keyPath; });
        if (header != d->layout.headers.end() && header->arrayOfTables) {
            return Error{tr("Cannot set %1: it is an array of tables, not a value").arg(shown), {}};
        }
        if (header != d->layout.headers.end() || (node.is_table() && !d->isInlineTable(&node)))
            return Error{tr("Cannot set %1: it is a table, not a value").arg(shown), {}};
        const auto [b, e] = d->span(node);
        if (b < 0 || e <= b)
            return d->scanError();
        // Both views of the file must agree before bytes are replaced.
        for (const Statement &s : d->layout.statements) {
            if (s.path == keyPath && (s.valueBegin != b || s.valueEnd != e))
                return d->scanError();
        }
        splice = {b, e, formatted};
    } else {
        auto inserted = d->insertKey(keyPath, w, formatted);
        if (!inserted)
            return inserted.error();
        splice = inserted.value();
    }

    auto parsed = Private::parse(applySplices(d->text, {splice}), d->sourceName);
    if (!parsed) {
        return Error{tr("Setting %1 would make %2 invalid TOML, so nothing was changed")
                         .arg(shown, d->displayName()),
                     parsed.error().cause};
    }
    const Walk check = walk(parsed.value()->root, keyPath);
    const auto written = check.status == Lookup::Found ? nodeValue(*check.chain.back()) : std::nullopt;
    if (!written || !sameValue(*written, value)) {
        return Error{tr("Setting %1 in %2 did not give the expected value, so nothing was changed")
                         .arg(shown, d->displayName()),
                     {}};
    }
    d = std::move(parsed).value();
    return {};
}

Result<void> TomlEditor::remove(const QStringList &requested)
{
    const std::optional<QStringList> mapped = aliased(requested);
    if (!mapped)
        return outsideAlias(requested);
    const QStringList &keyPath = *mapped;
    if (keyPath.isEmpty())
        return Error{tr("Cannot remove the whole document"), {}};
    const QString shown = formatKeyPath(keyPath);
    const Walk w = walk(d->root, keyPath);
    if (w.status == Lookup::ThroughArrayOfTables) {
        return Error{tr("Cannot remove %1: %2 is an array of tables, whose entries cannot be "
                        "edited by key")
                         .arg(shown, formatKeyPath(keyPath.mid(0, qsizetype(w.chain.size())))),
                     {}};
    }
    if (w.status != Lookup::Found)
        return {};

    std::vector<Splice> splices;
    bool handled = false;
    for (qsizetype i = qsizetype(w.chain.size()) - 2; i >= 0 && !handled; --i) {
        if (d->isInlineTable(w.chain[size_t(i)])) {
            auto result = d->removeFromInline(*w.chain[size_t(i)], keyPath.mid(i + 1));
            if (!result)
                return result.error();
            splices = std::move(result).value();
            handled = true;
        }
    }
    if (!handled) {
        const toml::node &node = *w.chain.back();
        const bool headerTable = std::any_of(d->layout.headers.begin(), d->layout.headers.end(),
                                             [&](const Header &h) { return h.path == keyPath; });
        splices = d->removeLines(keyPath, headerTable || (node.is_table() && !d->isInlineTable(&node)));
    }
    if (splices.empty())
        return d->scanError();

    auto parsed = Private::parse(applySplices(d->text, splices), d->sourceName);
    if (!parsed) {
        return Error{tr("Removing %1 would make %2 invalid TOML, so nothing was changed")
                         .arg(shown, d->displayName()),
                     parsed.error().cause};
    }
    if (walk(parsed.value()->root, keyPath).status == Lookup::Found) {
        return Error{tr("Removing %1 from %2 did not remove it, so nothing was changed")
                         .arg(shown, d->displayName()),
                     {}};
    }
    d = std::move(parsed).value();
    return {};
}

bool TomlEditor::contains(const QStringList &requested) const
{
    const std::optional<QStringList> mapped = aliased(requested);
    if (!mapped)
        return false;
    const QStringList &keyPath = *mapped;
    return walk(d->root, keyPath).status == Lookup::Found;
}

std::optional<TomlEditor::TomlValue> TomlEditor::value(const QStringList &requested) const
{
    const std::optional<QStringList> mapped = aliased(requested);
    if (!mapped)
        return std::nullopt;
    const QStringList &keyPath = *mapped;
    const Walk w = walk(d->root, keyPath);
    if (w.status != Lookup::Found || w.chain.empty())
        return std::nullopt;
    return nodeValue(*w.chain.back());
}

QByteArray TomlEditor::text() const
{
    return d->text;
}

QString TomlEditor::sourceName() const
{
    return d->sourceName;
}

QString TomlEditor::formatValue(const TomlValue &value)
{
    return QString::fromUtf8(valueText(value));
}

QString TomlEditor::formatKeyPath(const QStringList &keyPath)
{
    return QString::fromUtf8(keyPathText(keyPath));
}

} // namespace tbds::config
