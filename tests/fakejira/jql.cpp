// SPDX-License-Identifier: Apache-2.0
#include "tests/fakejira/jql.h"

#include <QRegularExpression>
#include <QSet>

namespace tbds::fakejira {

namespace {

// Jira's reserved JQL words (JqlStringSupportImpl.RESERVED_WORDS).
const QSet<QString> &reservedWordSet()
{
    static const QSet<QString> words = [] {
        const char *list[] = {
            "a", "an", "abort", "access", "add", "after", "alias", "alter", "and", "any", "are", "as", "asc",
            "audit", "avg", "before", "begin", "between", "boolean", "break", "by", "byte", "catch", "cf", "char",
            "character", "check", "checkpoint", "collate", "collation", "column", "commit", "connect", "continue",
            "count", "create", "current", "date", "decimal", "declare", "decrement", "default", "defaults", "define",
            "delete", "delimiter", "desc", "difference", "distinct", "divide", "do", "double", "drop", "else",
            "empty", "encoding", "end", "equals", "escape", "exclusive", "exec", "execute", "exists", "explain",
            "false", "fetch", "file", "field", "first", "float", "for", "from", "function", "go", "goto", "grant",
            "greater", "group", "having", "identified", "if", "immediate", "in", "increment", "index", "initial",
            "inner", "inout", "input", "insert", "int", "integer", "intersect", "intersection", "into", "is",
            "isempty", "isnull", "join", "last", "left", "less", "like", "limit", "lock", "long", "max", "min",
            "minus", "mode", "modify", "modulo", "more", "multiply", "next", "noaudit", "not", "notin", "nowait",
            "null", "number", "object", "of", "on", "option", "or", "order", "outer", "output", "power", "previous",
            "prior", "privileges", "public", "raise", "raw", "remainder", "rename", "resource", "return", "returns",
            "revoke", "right", "row", "rowid", "rownum", "rows", "select", "session", "set", "share", "size", "sqrt",
            "start", "strict", "string", "subtract", "sum", "synonym", "table", "then", "to", "trans", "transaction",
            "trigger", "true", "uid", "union", "unique", "update", "user", "validate", "values", "view", "when",
            "whenever", "where", "while", "with",
        };
        QSet<QString> set;
        for (const char *w : list)
            set.insert(QString::fromLatin1(w));
        return set;
    }();
    return words;
}

const QString kReservedChars = QStringLiteral("+.,;?|*/%^$#@[]");

struct Token
{
    enum class Kind { Word, String, LParen, RParen, Comma, Op, End } kind = Kind::End;
    QString text;
    int position = 0; // 1-based
};

// Jira counts lines at '\n' and characters from 1 within the line (UTF-16 units, like QString).
QString where(const QString &text, int position)
{
    const qsizetype offset = position - 1;
    const qsizetype lineStart = text.left(offset).lastIndexOf(QLatin1Char('\n')) + 1;
    const qsizetype line = text.left(lineStart).count(QLatin1Char('\n')) + 1;
    return QStringLiteral(" (line %1, character %2)").arg(line).arg(offset - lineStart + 1);
}

/** `position` is 1-based in the whole query; 0 means Jira names no position. */
Error jqlError(const QString &what, const QString &text, int position = 0)
{
    return Error {
        QStringLiteral("Error in the JQL Query: ") + what + (position > 0 ? where(text, position) : QString()), {}
    };
}

Result<QList<Token>> tokenize(const QString &text)
{
    QList<Token> out;
    qsizetype i = 0;
    const qsizetype n = text.size();
    while (i < n) {
        const QChar c = text.at(i);
        const int pos = int(i) + 1;
        if (c.isSpace()) {
            ++i;
        } else if (c == QLatin1Char('(')) {
            out.append({ Token::Kind::LParen, QStringLiteral("("), pos });
            ++i;
        } else if (c == QLatin1Char(')')) {
            out.append({ Token::Kind::RParen, QStringLiteral(")"), pos });
            ++i;
        } else if (c == QLatin1Char(',')) {
            out.append({ Token::Kind::Comma, QStringLiteral(","), pos });
            ++i;
        } else if (c == QLatin1Char('"') || c == QLatin1Char('\'')) {
            QString value;
            ++i;
            bool closed = false;
            while (i < n) {
                const QChar d = text.at(i);
                if (d == QLatin1Char('\\') && i + 1 < n) {
                    const QChar e = text.at(i + 1);
                    if (e == QLatin1Char('n'))
                        value += QLatin1Char('\n');
                    else if (e == QLatin1Char('t'))
                        value += QLatin1Char('\t');
                    else
                        value += e;
                    i += 2;
                    continue;
                }
                if (d == c) {
                    closed = true;
                    ++i;
                    break;
                }
                value += d;
                ++i;
            }
            if (!closed) {
                // Jira's wording (its own functional tests): line breaks in the string show as spaces.
                value.replace(QLatin1Char('\n'), QLatin1Char(' '));
                return jqlError(QStringLiteral("The quoted string '%1' has not been completed.").arg(value), text, pos);
            }
            out.append({ Token::Kind::String, value, pos });
        } else if (c == QLatin1Char('=') || c == QLatin1Char('~')) {
            out.append({ Token::Kind::Op, QString(c), pos });
            ++i;
        } else if (c == QLatin1Char('!') || c == QLatin1Char('<') || c == QLatin1Char('>')) {
            if (i + 1 < n && (text.at(i + 1) == QLatin1Char('=') || (c == QLatin1Char('!') && text.at(i + 1) == QLatin1Char('~')))) {
                out.append({ Token::Kind::Op, text.mid(i, 2), pos });
                i += 2;
            } else if (c == QLatin1Char('!')) {
                return jqlError(QStringLiteral("Expecting operator but got '!'."), text, pos);
            } else {
                out.append({ Token::Kind::Op, QString(c), pos });
                ++i;
            }
        } else {
            const qsizetype start = i;
            while (i < n) {
                const QChar d = text.at(i);
                if (d.isSpace() || QStringLiteral("()=!<>~,\"'").contains(d))
                    break;
                ++i;
            }
            out.append({ Token::Kind::Word, text.mid(start, i - start), pos });
        }
    }
    out.append({ Token::Kind::End, QString(), int(n) + 1 });
    return out;
}

class Parser
{
public:
    Parser(QString text, QList<Token> tokens) : m_text(std::move(text)), m_tokens(std::move(tokens)) { }

    std::optional<Error> error;

    std::shared_ptr<Jql::Node> parseOr()
    {
        auto left = parseAnd();
        while (!error && isWord("or")) {
            next();
            auto right = parseAnd();
            auto node = std::make_shared<Jql::Node>();
            node->kind = Jql::Node::Kind::Or;
            node->children = { left, right };
            left = node;
        }
        return left;
    }

    QList<Jql::Order> parseOrderBy()
    {
        QList<Jql::Order> order;
        if (!isWord("order"))
            return order;
        next();
        if (!isWord("by")) {
            fail(QStringLiteral("Expecting 'by' but got '%1'.").arg(peek().text), peek().position);
            return order;
        }
        next();
        while (!error) {
            const Token field = next();
            if (field.kind != Token::Kind::Word && field.kind != Token::Kind::String) {
                fail(QStringLiteral("Expecting a field name at the end of the query."), 0);
                break;
            }
            Jql::Order o { field.text.toLower(), false };
            if (isWord("asc") || isWord("desc"))
                o.descending = next().text.toLower() == QLatin1String("desc");
            order.append(o);
            if (peek().kind != Token::Kind::Comma)
                break;
            next();
        }
        return order;
    }

    [[nodiscard]] bool atEnd() const { return peek().kind == Token::Kind::End; }
    [[nodiscard]] const Token &peek(int ahead = 0) const
    {
        return m_tokens.at(std::min<qsizetype>(m_pos + ahead, m_tokens.size() - 1));
    }
    [[nodiscard]] bool isWord(const char *word, int ahead = 0) const
    {
        return peek(ahead).kind == Token::Kind::Word && peek(ahead).text.compare(QLatin1String(word), Qt::CaseInsensitive) == 0;
    }
    void fail(const QString &what, int position)
    {
        if (!error)
            error = jqlError(what, m_text, position);
    }

private:
    Token next() { return m_tokens.at(std::min<qsizetype>(m_pos++, m_tokens.size() - 1)); }

    std::shared_ptr<Jql::Node> parseAnd()
    {
        auto left = parseNot();
        while (!error && isWord("and")) {
            next();
            auto right = parseNot();
            auto node = std::make_shared<Jql::Node>();
            node->kind = Jql::Node::Kind::And;
            node->children = { left, right };
            left = node;
        }
        return left;
    }

    std::shared_ptr<Jql::Node> parseNot()
    {
        if (error)
            return nullptr;
        if (isWord("not")) {
            next();
            auto node = std::make_shared<Jql::Node>();
            node->kind = Jql::Node::Kind::Not;
            node->children = { parseNot() };
            return node;
        }
        if (peek().kind == Token::Kind::LParen) {
            next();
            auto inner = parseOr();
            if (!error && peek().kind != Token::Kind::RParen)
                fail(QStringLiteral("Expecting ')' before the end of the query."), 0);
            else
                next();
            return inner;
        }
        return parseClause();
    }

    std::shared_ptr<Jql::Node> parseClause()
    {
        const Token field = next();
        if (field.kind == Token::Kind::End) {
            fail(QStringLiteral("Expecting a field name at the end of the query."), 0);
            return nullptr;
        }
        if (field.kind != Token::Kind::Word && field.kind != Token::Kind::String) {
            fail(QStringLiteral("Expecting a field name but got '%1'.").arg(field.text), field.position);
            return nullptr;
        }
        static const QRegularExpression cfRef(QStringLiteral("^cf\\[\\d+\\]$"), QRegularExpression::CaseInsensitiveOption);
        if (field.kind == Token::Kind::Word && !cfRef.match(field.text).hasMatch() && !checkWord(field, false))
            return nullptr;
        auto node = std::make_shared<Jql::Node>();
        node->clause.field = field.text.toLower();
        node->clause.position = field.position;
        QString &op = node->clause.op;
        if (peek().kind == Token::Kind::Op) {
            op = next().text;
        } else if (isWord("in")) {
            next();
            op = QStringLiteral("in");
        } else if (isWord("not") && isWord("in", 1)) {
            next();
            next();
            op = QStringLiteral("not in");
        } else if (isWord("is")) {
            next();
            op = QStringLiteral("is");
            if (isWord("not")) {
                next();
                op = QStringLiteral("is not");
            }
        } else {
            const Token &t = peek();
            fail(t.kind == Token::Kind::End
                     ? QStringLiteral("Expecting operator before the end of the query. The valid operators are '=', "
                                      "'!=', '<', '>', '<=', '>=', '~', '!~', 'IN', 'NOT IN', 'IS' and 'IS NOT'.")
                     : QStringLiteral("Expecting operator but got '%1'. The valid operators are '=', '!=', '<', "
                                      "'>', '<=', '>=', '~', '!~', 'IN', 'NOT IN', 'IS' and 'IS NOT'.")
                           .arg(t.text),
                 t.kind == Token::Kind::End ? 0 : t.position);
            return nullptr;
        }
        if (op == QLatin1String("in") || op == QLatin1String("not in")) {
            if (peek().kind == Token::Kind::LParen) {
                next();
                while (!error) {
                    if (auto v = parseValue())
                        node->clause.values.append(*v);
                    if (peek().kind == Token::Kind::Comma) {
                        next();
                        continue;
                    }
                    if (peek().kind != Token::Kind::RParen)
                        fail(QStringLiteral("Expecting ')' before the end of the query."), 0);
                    else
                        next();
                    break;
                }
            } else if (auto v = parseValue()) {
                if (!v->function)
                    fail(QStringLiteral("Expecting either a list or a function but got '%1'.").arg(v->text), field.position);
                node->clause.values.append(*v);
            }
        } else if (auto v = parseValue()) {
            node->clause.values.append(*v);
        }
        return error ? nullptr : node;
    }

    std::optional<Jql::Value> parseValue()
    {
        const Token t = next();
        if (t.kind == Token::Kind::String)
            return Jql::Value { t.text, false, false };
        if (t.kind != Token::Kind::Word) {
            fail(t.kind == Token::Kind::End ? QStringLiteral("Expecting either a value, list or function before the end of the query.")
                                            : QStringLiteral("Expecting either a value, list or function but got '%1'.").arg(t.text),
                 t.kind == Token::Kind::End ? 0 : t.position);
            return std::nullopt;
        }
        const QString lower = t.text.toLower();
        if (lower == QLatin1String("empty") || lower == QLatin1String("null"))
            return Jql::Value { t.text, false, true };
        if (peek().kind == Token::Kind::LParen) {
            // function call: arguments are accepted and ignored
            next();
            int depth = 1;
            while (depth > 0 && !atEnd()) {
                const Token a = next();
                if (a.kind == Token::Kind::LParen)
                    ++depth;
                else if (a.kind == Token::Kind::RParen)
                    --depth;
            }
            if (depth > 0) {
                fail(QStringLiteral("Expecting ')' before the end of the query."), 0);
                return std::nullopt;
            }
            return Jql::Value { t.text, true, false };
        }
        if (!checkWord(t, true))
            return std::nullopt;
        return Jql::Value { t.text, false, false };
    }

    /** Reserved words and characters must be quoted (jira-rest.md §4.6, §12.10). */
    bool checkWord(const Token &t, bool value)
    {
        if (value && Jql::isReservedWord(t.text)) {
            fail(QStringLiteral("'%1' is a reserved JQL word. You must surround it in quotation marks to use it in a "
                                "query.")
                     .arg(t.text),
                 t.position);
            return false;
        }
        for (qsizetype i = 0; i < t.text.size(); ++i) {
            const QChar c = t.text.at(i);
            // A leading '-' is a relative date ("-7d"), '-' inside a word an issue key.
            if (kReservedChars.contains(c)) {
                fail(QStringLiteral("The character '%1' is a reserved JQL character. You must enclose it in a string "
                                    "or use the escape '\\u%2' instead.")
                         .arg(c)
                         .arg(c.unicode(), 4, 16, QLatin1Char('0')),
                     t.position + int(i));
                return false;
            }
        }
        return true;
    }

    QString m_text;
    QList<Token> m_tokens;
    qsizetype m_pos = 0;
};

void collect(const std::shared_ptr<Jql::Node> &node, QList<Jql::Clause> &out)
{
    if (!node)
        return;
    if (node->kind == Jql::Node::Kind::Leaf)
        out.append(node->clause);
    for (const auto &child : node->children)
        collect(child, out);
}

bool eval(const std::shared_ptr<Jql::Node> &node, const std::function<bool(const Jql::Clause &)> &leaf)
{
    if (!node)
        return true;
    switch (node->kind) {
    case Jql::Node::Kind::And: return eval(node->children.at(0), leaf) && eval(node->children.at(1), leaf);
    case Jql::Node::Kind::Or: return eval(node->children.at(0), leaf) || eval(node->children.at(1), leaf);
    case Jql::Node::Kind::Not: return !eval(node->children.at(0), leaf);
    case Jql::Node::Kind::Leaf: return leaf(node->clause);
    }
    return false;
}

} // namespace

Result<Jql> Jql::parse(const QString &text)
{
    auto tokens = tokenize(text);
    if (!tokens)
        return tokens.error();
    Parser p(text, tokens.value());
    Jql jql;
    if (!p.atEnd() && !p.isWord("order"))
        jql.m_where = p.parseOr();
    if (!p.error)
        jql.m_order = p.parseOrderBy();
    if (!p.error && !p.atEnd()) {
        const Token &t = p.peek();
        p.fail(QStringLiteral("Expecting either 'OR' or 'AND' but got '%1'.").arg(t.text), t.position);
    }
    if (p.error)
        return *p.error;
    return jql;
}

QList<Jql::Clause> Jql::clauses() const
{
    QList<Clause> out;
    collect(m_where, out);
    return out;
}

bool Jql::matches(const std::function<bool(const Clause &)> &leaf) const
{
    return eval(m_where, leaf);
}

bool Jql::isReservedWord(const QString &word)
{
    return reservedWordSet().contains(word.toLower());
}

QStringList Jql::reservedWords()
{
    QStringList words(reservedWordSet().cbegin(), reservedWordSet().cend());
    words.sort();
    return words;
}

QString Jql::quoted(const QString &text)
{
    static const QRegularExpression plain(QStringLiteral("^[A-Za-z0-9_-]+$"));
    if (plain.match(text).hasMatch() && !isReservedWord(text))
        return text;
    QString escaped = text;
    escaped.replace(QLatin1Char('\\'), QStringLiteral("\\\\")).replace(QLatin1Char('"'), QStringLiteral("\\\""));
    return QLatin1Char('"') + escaped + QLatin1Char('"');
}

} // namespace tbds::fakejira
