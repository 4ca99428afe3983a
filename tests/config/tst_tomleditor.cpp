// SPDX-License-Identifier: Apache-2.0
#include "core/config/tomleditor.h"
#include "tests/support/testutil.h"

#include <QTest>

#include <toml++/toml.h>

#include <cmath>
#include <limits>
#include <string_view>

using tbds::config::TomlEditor;
using TomlValue = TomlEditor::TomlValue;

Q_DECLARE_METATYPE(TomlValue)

namespace {

const QString kTds = QStringLiteral("testbench-defect-service");
const QString kClient = QStringLiteral("client_config");
const QString kProjects = QStringLiteral("projects");

QStringList path(std::initializer_list<const char *> parts)
{
    QStringList out;
    for (const char *p : parts)
        out << QString::fromUtf8(p);
    return out;
}

QStringList tds(std::initializer_list<const char *> parts)
{
    return QStringList{kTds} + path(parts);
}

QByteArray fixture()
{
    return tbds::test::readFile(tbds::test::dataPath(QStringLiteral("config/commented.toml")));
}

// `text` with the single occurrence of `before` replaced; an ambiguous or missing snippet
// would make the expectation meaningless, so it yields an empty result that cannot match.
QByteArray replacedOnce(const QByteArray &text, const QByteArray &before, const QByteArray &after)
{
    const qsizetype at = text.indexOf(before);
    if (at < 0 || text.indexOf(before, at + 1) >= 0) {
        qWarning("snippet not found exactly once: %s", before.constData());
        return {};
    }
    QByteArray out = text;
    return out.replace(at, before.size(), after);
}

// Parsed independently of TomlEditor, so the editor cannot vouch for itself.
std::optional<toml::table> parse(const QByteArray &text)
{
    try {
        return toml::parse(std::string_view(text.constData(), size_t(text.size())),
                           std::string_view{"test.toml"});
    } catch (const toml::parse_error &) {
        return std::nullopt;
    }
}

const toml::node *nodeAt(const toml::table &root, const QStringList &keyPath)
{
    const toml::node *node = &root;
    for (const QString &key : keyPath) {
        const toml::table *table = node ? node->as_table() : nullptr;
        if (!table)
            return nullptr;
        const QByteArray utf8 = key.toUtf8();
        node = table->get(std::string_view(utf8.constData(), size_t(utf8.size())));
    }
    return node;
}

bool nodeEquals(const toml::node *node, const TomlValue &expected)
{
    if (!node)
        return false;
    if (const bool *b = std::get_if<bool>(&expected))
        return node->is_boolean() && node->as_boolean()->get() == *b;
    if (const qint64 *i = std::get_if<qint64>(&expected))
        return node->is_integer() && node->as_integer()->get() == *i;
    if (const double *d = std::get_if<double>(&expected)) {
        if (!node->is_floating_point())
            return false;
        const double v = node->as_floating_point()->get();
        return std::isnan(*d) ? std::isnan(v) : v == *d;
    }
    if (const QString *s = std::get_if<QString>(&expected))
        return node->is_string() && QString::fromStdString(node->as_string()->get()) == *s;
    const auto &list = std::get<QStringList>(expected);
    const toml::array *array = node->as_array();
    if (!array || qsizetype(array->size()) != list.size())
        return false;
    for (qsizetype i = 0; i < list.size(); ++i) {
        const auto *s = array->get(size_t(i))->as_string();
        if (!s || QString::fromStdString(s->get()) != list.at(i))
            return false;
    }
    return true;
}

QByteArray toCrlf(QByteArray text)
{
    return text.replace("\n", "\r\n");
}

} // namespace

class TestTomlEditor : public QObject
{
    Q_OBJECT

private slots:
    void fixtureIsValid();
    void edits_data();
    void edits();
    void noFinalNewline_data();
    void noFinalNewline();
    void rootWithoutKeys_data();
    void rootWithoutKeys();
    void byteOrderMarkAndDates();
    void invalidInput_data();
    void invalidInput();
    void refusedPaths_data();
    void refusedPaths();
    void unrepresentableValueLeavesTextUnchanged();
    void formatValue_data();
    void formatValue();
    void formatKeyPath();
    void readAccess();
    void editsChain();
    void keyPathAlias();
};

void TestTomlEditor::fixtureIsValid()
{
    const QByteArray text = fixture();
    QVERIFY(!text.isEmpty());
    QVERIFY(parse(text).has_value());
    const auto editor = TomlEditor::fromText(text);
    QVERIFY2(editor.ok(), qPrintable(editor ? QString() : editor.error().toString()));
    QCOMPARE(editor->text(), text);
}

void TestTomlEditor::edits_data()
{
    QTest::addColumn<bool>("remove");
    QTest::addColumn<QStringList>("keyPath");
    QTest::addColumn<TomlValue>("value");
    QTest::addColumn<QByteArray>("before");
    QTest::addColumn<QByteArray>("after");

    struct Row
    {
        const char *name;
        bool remove;
        QStringList keyPath;
        TomlValue value;
        QByteArray before;
        QByteArray after;
    };
    const Row rows[] = {
        // Replacing existing values: only the value's bytes change.
        {"replace scalar", false, tds({"port"}), qint64(8031), "port = 8030\n", "port = 8031\n"},
        {"replace value with trailing comment", false, tds({"host"}), QStringLiteral("0.0.0.0"),
         "host = \"127.0.0.1\"    # loopback only\n", "host = \"0.0.0.0\"    # loopback only\n"},
        {"replace with odd spacing in the root", false, path({"answer"}), qint64(43),
         "answer   =   42   # odd spacing\n", "answer   =   43   # odd spacing\n"},
        {"replace literal string by basic string", false, tds({"password_hash"}),
         QStringLiteral("x\"y\\z"), "password_hash = 'a1b2c3'    # literal string",
         "password_hash = \"x\\\"y\\\\z\"    # literal string"},
        {"replace non-ASCII value", false, tds({"salt"}), QStringLiteral("pepper"),
         "salt = '\xc3\x9f" "alt'\n", "salt = \"pepper\"\n"},
        {"replace value behind a non-ASCII key", false, tds({"\xc3\x9c" "berschrift \xc3\xa4"}),
         QString::fromUtf8("n\xc3\xa9u"), "= \"wert\"   # quoted", "= \"n\xc3\xa9u\"   # quoted"},
        {"replace bool", false, tds({"debug"}), true, "debug = false\n", "debug = true\n"},
        {"replace multi-line array", false, tds({"client_config", "attributes"}),
         QStringList{QStringLiteral("title"), QStringLiteral("status")},
         "attributes = [\n    \"title\",   # first\n    \"status\",  # second\n    \"priority\",\n]\n",
         "attributes = [\"title\", \"status\"]\n"},
        {"replace dotted key", false, tds({"client_config", "control_fields", "status"}),
         QStringList{QStringLiteral("Open"), QStringLiteral("In Progress")},
         "control_fields.status = [\"Open\", \"Done\"]\n",
         "control_fields.status = [\"Open\", \"In Progress\"]\n"},
        {"replace in inline table", false, tds({"run", "workers"}), qint64(8),
         "run = { workers = 4, timeout = 30 }", "run = { workers = 8, timeout = 30 }"},
        {"replace in quoted table, keep comment", false,
         tds({"client_config", "projects", "Jira Scrum (JS)", "defect_jql"}),
         QStringLiteral("project = JS"),
         "defect_jql = \"project = JS AND text ~ \\\"\xc3\xa4\\\"\"   # trailing comment stays\n",
         "defect_jql = \"project = JS\"   # trailing comment stays\n"},
        {"replace double", false, tds({"server", "keep_alive_timeout"}), 7.5,
         "keep_alive_timeout = 5\n", "keep_alive_timeout = 7.5\n"},

        // Inserting: at the end of the table's key/value lines, before comments and blanks.
        {"insert into section", false, tds({"ssl_key"}), QStringLiteral("key.pem"),
         "# inline table\n\n# Commented-out",
         "# inline table\nssl_key = \"key.pem\"\n\n# Commented-out"},
        {"insert into root", false, path({"version"}), qint64(2), "# odd spacing\n\n[testbench",
         "# odd spacing\nversion = 2\n\n[testbench"},
        {"insert into inline table", false, tds({"run", "retries"}), qint64(2),
         "run = { workers = 4, timeout = 30 }", "run = { workers = 4, timeout = 30, retries = 2 }"},
        {"insert into dotted-key table", false, tds({"client_config", "control_fields", "severity"}),
         QStringList{QStringLiteral("minor")}, "[\"Low\", \"High\"]\n",
         "[\"Low\", \"High\"]\ncontrol_fields.severity = [\"minor\"]\n"},
        {"insert quoted key into quoted table", false,
         tds({"client_config", "projects", "Jira Scrum (JS)", "Feld mit Leerzeichen.und Punkt"}),
         true, "# trailing comment stays\n",
         "# trailing comment stays\n\"Feld mit Leerzeichen.und Punkt\" = true\n"},
        {"insert into table before attached comment", false, tds({"client_config", "projects", "X", "attributes"}),
         QStringList{}, "readonly = false\n\n# Hooks", "readonly = false\nattributes = []\n\n# Hooks"},
        {"insert into sub-table", false,
         tds({"client_config", "projects", "X", "commands", "presync", "manual"}),
         QStringLiteral("m.sh"), "# runs before every sync\n",
         "# runs before every sync\nmanual = \"m.sh\"\n"},
        {"insert into last table", false, tds({"server", "workers"}), qint64(4),
         "keep_alive_timeout = 5\n", "keep_alive_timeout = 5\nworkers = 4\n"},
        {"insert into new table", false, tds({"client_config", "projects", "New Project (NP)", "readonly"}),
         true, "keep_alive_timeout = 5\n",
         "keep_alive_timeout = 5\n\n[testbench-defect-service.client_config.projects.\"New Project (NP)\"]\n"
         "readonly = true\n"},
        {"insert into table that exists only implicitly", false, tds({"logging", "level"}),
         QStringLiteral("x"), "keep_alive_timeout = 5\n",
         "keep_alive_timeout = 5\n\n[testbench-defect-service.logging]\nlevel = \"x\"\n"},
        {"insert below a dotted-key table", false, tds({"client_config", "control_fields", "extra", "a"}),
         qint64(1), "[\"Low\", \"High\"]\n", "[\"Low\", \"High\"]\ncontrol_fields.extra.a = 1\n"},
        {"insert below an inline table", false, tds({"run", "limits", "max"}), qint64(9),
         "timeout = 30 }", "timeout = 30, limits.max = 9 }"},

        // Removing.
        {"remove key", true, tds({"debug"}), {}, "debug = false\n", ""},
        {"remove key with trailing comment", true, tds({"host"}), {},
         "host = \"127.0.0.1\"    # loopback only\n", ""},
        {"remove multi-line array", true, tds({"client_config", "attributes"}), {},
         "attributes = [\n    \"title\",   # first\n    \"status\",  # second\n    \"priority\",\n]\n", ""},
        {"remove dotted key", true, tds({"client_config", "control_fields", "status"}), {},
         "control_fields.status = [\"Open\", \"Done\"]\n", ""},
        {"remove dotted-key table", true, tds({"client_config", "control_fields"}), {},
         "control_fields.status = [\"Open\", \"Done\"]\ncontrol_fields.priority = [\"Low\", \"High\"]\n", ""},
        {"remove first inline entry", true, tds({"run", "workers"}), {},
         "run = { workers = 4, timeout = 30 }", "run = { timeout = 30 }"},
        {"remove last inline entry", true, tds({"run", "timeout"}), {},
         "run = { workers = 4, timeout = 30 }", "run = { workers = 4 }"},
        {"remove inline table", true, tds({"run"}), {},
         "run = { workers = 4, timeout = 30 }   # inline table\n", ""},
        {"remove table with its sub-tables", true, tds({"client_config", "projects", "X"}), {},
         "[testbench-defect-service.client_config.projects.X]\nreadonly = false\n\n# Hooks for project X\n"
         "[testbench-defect-service.client_config.projects.X.commands.presync]\n"
         "scheduled = \"/opt/hooks/presync.sh\"   # runs before every sync\n\n",
         ""},
        {"remove quoted table with attached comment", true,
         tds({"client_config", "projects", "Jira Scrum (JS)"}), {},
         "# The Scrum project overrides the defaults.\n"
         "[testbench-defect-service.client_config.projects.\"Jira Scrum (JS)\"]\nreadonly = true\n"
         "defect_jql = \"project = JS AND text ~ \\\"\xc3\xa4\\\"\"   # trailing comment stays\n\n",
         ""},
        {"remove sub-table only", true,
         tds({"client_config", "projects", "X", "commands"}), {},
         "# Hooks for project X\n[testbench-defect-service.client_config.projects.X.commands.presync]\n"
         "scheduled = \"/opt/hooks/presync.sh\"   # runs before every sync\n\n",
         ""},
        {"remove last table of the file", true, tds({"server"}), {},
         "# runs before every sync\n\n[testbench-defect-service.server]\nsingle_process = true\n"
         "keep_alive_timeout = 5\n",
         "# runs before every sync\n"},
        {"remove implicit table", true, tds({"logging"}), {},
         "[testbench-defect-service.logging.console]\nlog_level = \"INFO\"\n"
         "log_format = \"%(asctime)s %(levelname)8s: %(message)s\"\n\n",
         ""},
        {"remove missing key", true, tds({"nope"}), {}, "", ""},
        {"remove missing table", true, tds({"client_config", "projects", "Nope", "x"}), {}, "", ""},
        {"remove below a value", true, tds({"port", "x"}), {}, "", ""},
    };

    const QByteArray original = fixture();
    for (const Row &row : rows) {
        const QByteArray expected = row.before.isEmpty()
            ? original
            : replacedOnce(original, row.before, row.after);
        for (const bool crlf : {false, true}) {
            QTest::addRow("%s%s", row.name, crlf ? " (CRLF)" : "")
                << row.remove << row.keyPath << row.value
                << (crlf ? toCrlf(original) : original) << (crlf ? toCrlf(expected) : expected);
        }
    }
}

void TestTomlEditor::edits()
{
    QFETCH(bool, remove);
    QFETCH(QStringList, keyPath);
    QFETCH(TomlValue, value);
    QFETCH(QByteArray, before);
    QFETCH(QByteArray, after);
    QVERIFY(!after.isEmpty());

    auto editor = TomlEditor::fromText(before, QStringLiteral("commented.toml"));
    QVERIFY(editor.ok());
    const auto result = remove ? editor.value().remove(keyPath) : editor.value().setValue(keyPath, value);
    QVERIFY2(result.ok(), qPrintable(result ? QString() : result.error().toString()));
    QCOMPARE(editor->text(), after);

    const auto reparsed = parse(editor->text());
    QVERIFY(reparsed.has_value());
    if (remove) {
        QVERIFY(!nodeAt(*reparsed, keyPath));
        QVERIFY(!editor->contains(keyPath));
    } else {
        QVERIFY(nodeEquals(nodeAt(*reparsed, keyPath), value));
        QVERIFY(editor->contains(keyPath));
    }
}

void TestTomlEditor::noFinalNewline_data()
{
    QTest::addColumn<bool>("remove");
    QTest::addColumn<QStringList>("keyPath");
    QTest::addColumn<TomlValue>("value");
    QTest::addColumn<QByteArray>("expected");

    QTest::newRow("replace last value") << false << path({"t", "b"}) << TomlValue(qint64(3))
                                        << QByteArray("a = 1\n[t]\nb = 3 # c");
    QTest::newRow("insert after last line") << false << path({"t", "c"}) << TomlValue(qint64(4))
                                            << QByteArray("a = 1\n[t]\nb = 2 # c\nc = 4");
    QTest::newRow("append table") << false << path({"u", "v"}) << TomlValue(true)
                                  << QByteArray("a = 1\n[t]\nb = 2 # c\n\n[u]\nv = true");
    QTest::newRow("insert into root") << false << path({"z"}) << TomlValue(qint64(0))
                                      << QByteArray("a = 1\nz = 0\n[t]\nb = 2 # c");
    QTest::newRow("remove last line") << true << path({"t", "b"}) << TomlValue{}
                                      << QByteArray("a = 1\n[t]\n");
    QTest::newRow("remove last table") << true << path({"t"}) << TomlValue{}
                                       << QByteArray("a = 1\n");
}

void TestTomlEditor::noFinalNewline()
{
    QFETCH(bool, remove);
    QFETCH(QStringList, keyPath);
    QFETCH(TomlValue, value);
    QFETCH(QByteArray, expected);

    auto editor = TomlEditor::fromText("a = 1\n[t]\nb = 2 # c");
    QVERIFY(editor.ok());
    const auto result = remove ? editor.value().remove(keyPath) : editor.value().setValue(keyPath, value);
    QVERIFY2(result.ok(), qPrintable(result ? QString() : result.error().toString()));
    QCOMPARE(editor->text(), expected);
    QVERIFY(parse(editor->text()).has_value());
}

void TestTomlEditor::rootWithoutKeys_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QStringList>("keyPath");
    QTest::addColumn<QByteArray>("expected");

    QTest::newRow("empty document, root key") << QByteArray() << path({"x"}) << QByteArray("x = 1\n");
    QTest::newRow("empty document, new table")
        << QByteArray() << path({"a", "b c", "x"}) << QByteArray("[a.\"b c\"]\nx = 1\n");
    QTest::newRow("comment only") << QByteArray("# only a comment\n") << path({"x"})
                                  << QByteArray("# only a comment\nx = 1\n");
    QTest::newRow("comment only, new table")
        << QByteArray("# only a comment\n") << path({"t", "x"})
        << QByteArray("# only a comment\n\n[t]\nx = 1\n");
    QTest::newRow("detached file comment")
        << QByteArray("# file\n\n# about t\n[t]\ny = 2\n") << path({"x"})
        << QByteArray("# file\n\nx = 1\n\n# about t\n[t]\ny = 2\n");
    QTest::newRow("empty table") << QByteArray("[t]\n\n[u]\n") << path({"t", "x"})
                                 << QByteArray("[t]\nx = 1\n\n[u]\n");
    QTest::newRow("indented table keeps indentation")
        << QByteArray("[t]\n    [t.u]\n    y = 2\n") << path({"t", "u", "x"})
        << QByteArray("[t]\n    [t.u]\n    y = 2\n    x = 1\n");
}

void TestTomlEditor::rootWithoutKeys()
{
    QFETCH(QByteArray, text);
    QFETCH(QStringList, keyPath);
    QFETCH(QByteArray, expected);

    auto editor = TomlEditor::fromText(text);
    QVERIFY(editor.ok());
    const auto result = editor.value().setValue(keyPath, qint64(1));
    QVERIFY2(result.ok(), qPrintable(result ? QString() : result.error().toString()));
    QCOMPARE(editor->text(), expected);
}

void TestTomlEditor::byteOrderMarkAndDates()
{
    const QByteArray text = "\xEF\xBB\xBF" "a = \"\xc3\xa4\xc3\xa4\" # \xc3\xa4\n"
                            "when = 1979-05-27 07:32:00Z # date\n"
                            "z = \"\"\"one\ntwo\"\"\"  # multi-line\n";
    auto editor = TomlEditor::fromText(text);
    QVERIFY(editor.ok());

    QVERIFY(editor.value().setValue(path({"a"}), QStringLiteral("b")).ok());
    QByteArray expected = replacedOnce(text, "a = \"\xc3\xa4\xc3\xa4\"", "a = \"b\"");
    QCOMPARE(editor->text(), expected);

    QVERIFY(editor.value().setValue(path({"when"}), QStringLiteral("later")).ok());
    expected = replacedOnce(expected, "1979-05-27 07:32:00Z", "\"later\"");
    QCOMPARE(editor->text(), expected);

    QVERIFY(editor.value().setValue(path({"z"}), QStringLiteral("q")).ok());
    expected = replacedOnce(expected, "\"\"\"one\ntwo\"\"\"", "\"q\"");
    QCOMPARE(editor->text(), expected);
    QVERIFY(expected.startsWith("\xEF\xBB\xBF"));

    auto dates = TomlEditor::fromText("when = 1979-05-27 07:32:00Z # date\nx = 1\n");
    QVERIFY(dates.ok());
    QVERIFY(dates.value().remove(path({"when"})).ok());
    QCOMPARE(dates->text(), QByteArray("x = 1\n"));
}

void TestTomlEditor::invalidInput_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("position");

    QTest::newRow("missing value") << QByteArray("a = 1\nb = \n") << QStringLiteral("config.toml:2:5: ");
    QTest::newRow("duplicate key") << QByteArray("x = 1\ny = 2\nx = 3\n") << QStringLiteral("config.toml:3:");
    QTest::newRow("unquoted project name")
        << QByteArray("[My Project (MYP)]\n") << QStringLiteral("config.toml:1:5: ");
    QTest::newRow("unterminated string") << QByteArray("a = \"abc\n") << QStringLiteral("config.toml:1:");
}

void TestTomlEditor::invalidInput()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, position);

    const auto editor = TomlEditor::fromText(text, QStringLiteral("config.toml"));
    QVERIFY(!editor.ok());
    QVERIFY2(editor.error().cause.startsWith(position), qPrintable(editor.error().cause));
    QVERIFY(editor.error().message.contains(QStringLiteral("config.toml")));
}

void TestTomlEditor::refusedPaths_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<bool>("remove");
    QTest::addColumn<QStringList>("keyPath");
    QTest::addColumn<QString>("mentions");

    const QByteArray doc = "a = 1 # c\nlist = [1, 2]\n[t]\nx = 1\n[[hooks]]\nname = \"h\"\n";
    QTest::newRow("through integer") << doc << false << path({"a", "b"}) << QStringLiteral("a");
    QTest::newRow("through array") << doc << false << path({"list", "b"}) << QStringLiteral("list");
    QTest::newRow("into array of tables") << doc << false << path({"hooks", "name"})
                                          << QStringLiteral("hooks");
    QTest::newRow("replace array of tables") << doc << false << path({"hooks"})
                                             << QStringLiteral("hooks");
    QTest::newRow("replace table") << doc << false << path({"t"}) << QStringLiteral("t");
    QTest::newRow("empty path") << doc << false << QStringList{} << QString();
    QTest::newRow("remove inside array of tables") << doc << true << path({"hooks", "name"})
                                                   << QStringLiteral("hooks");
}

void TestTomlEditor::refusedPaths()
{
    QFETCH(QByteArray, text);
    QFETCH(bool, remove);
    QFETCH(QStringList, keyPath);
    QFETCH(QString, mentions);

    auto editor = TomlEditor::fromText(text);
    QVERIFY(editor.ok());
    const auto result = remove ? editor.value().remove(keyPath)
                               : editor.value().setValue(keyPath, qint64(5));
    QVERIFY(!result.ok());
    QVERIFY2(result.error().message.contains(mentions), qPrintable(result.error().message));
    QCOMPARE(editor->text(), text);
}

void TestTomlEditor::unrepresentableValueLeavesTextUnchanged()
{
    // A lone surrogate has no UTF-8 form: it would be written as U+FFFD, which is not the
    // requested value, so the edit must be refused instead of silently saving something else.
    const QByteArray text = "[t]\nx = \"keep\" # c\n";
    auto editor = TomlEditor::fromText(text);
    QVERIFY(editor.ok());
    const auto result = editor.value().setValue(path({"t", "x"}), QString(QChar(0xD800)));
    QVERIFY(!result.ok());
    QCOMPARE(editor->text(), text);
    const auto inserted = editor.value().setValue(path({"t", "y"}), QString(QChar(0xDC00)));
    QVERIFY(!inserted.ok());
    QCOMPARE(editor->text(), text);
}

void TestTomlEditor::formatValue_data()
{
    QTest::addColumn<TomlValue>("value");
    QTest::addColumn<QString>("expected");

    QTest::newRow("true") << TomlValue(true) << QStringLiteral("true");
    QTest::newRow("false") << TomlValue(false) << QStringLiteral("false");
    QTest::newRow("negative int") << TomlValue(qint64(-5)) << QStringLiteral("-5");
    QTest::newRow("int64 max") << TomlValue(std::numeric_limits<qint64>::max())
                               << QStringLiteral("9223372036854775807");
    QTest::newRow("0.1") << TomlValue(0.1) << QStringLiteral("0.1");
    QTest::newRow("whole double") << TomlValue(100.0) << QStringLiteral("100.0");
    QTest::newRow("negative zero") << TomlValue(-0.0) << QStringLiteral("-0.0");
    QTest::newRow("huge") << TomlValue(1e300) << QStringLiteral("1e+300");
    QTest::newRow("tiny") << TomlValue(5e-324) << QStringLiteral("5e-324");
    QTest::newRow("third") << TomlValue(1.0 / 3) << QStringLiteral("0.3333333333333333");
    QTest::newRow("nan") << TomlValue(std::numeric_limits<double>::quiet_NaN()) << QStringLiteral("nan");
    QTest::newRow("inf") << TomlValue(std::numeric_limits<double>::infinity()) << QStringLiteral("inf");
    QTest::newRow("-inf") << TomlValue(-std::numeric_limits<double>::infinity()) << QStringLiteral("-inf");
    QTest::newRow("plain string") << TomlValue(QStringLiteral("abc")) << QStringLiteral("\"abc\"");
    QTest::newRow("escapes") << TomlValue(QStringLiteral("q\"b\\n\nt\tc\x01" "d\x7f"))
                             << QStringLiteral("\"q\\\"b\\\\n\\nt\\tc\\u0001d\\u007F\"");
    QTest::newRow("cr, backspace, form feed") << TomlValue(QStringLiteral("\r\b\f"))
                                              << QStringLiteral("\"\\r\\b\\f\"");
    QTest::newRow("non-ASCII kept") << TomlValue(QString::fromUtf8("\xc3\xa4\xe2\x82\xac\xf0\x9f\x98\x80"))
                                    << QString::fromUtf8("\"\xc3\xa4\xe2\x82\xac\xf0\x9f\x98\x80\"");
    QTest::newRow("empty list") << TomlValue(QStringList{}) << QStringLiteral("[]");
    QTest::newRow("list") << TomlValue(QStringList{QStringLiteral("a"), QStringLiteral("b\"")})
                          << QStringLiteral("[\"a\", \"b\\\"\"]");
}

void TestTomlEditor::formatValue()
{
    QFETCH(TomlValue, value);
    QFETCH(QString, expected);
    QCOMPARE(TomlEditor::formatValue(value), expected);

    // Whatever is written must read back as the same value.
    auto editor = TomlEditor::fromText("[t]\nv = 0\n");
    QVERIFY(editor.ok());
    const auto set = editor.value().setValue(path({"t", "v"}), value);
    QVERIFY2(set.ok(), qPrintable(set ? QString() : set.error().toString()));
    const auto reparsed = parse(editor->text());
    QVERIFY(reparsed.has_value());
    QVERIFY(nodeEquals(nodeAt(*reparsed, path({"t", "v"})), value));
}

void TestTomlEditor::formatKeyPath()
{
    QCOMPARE(TomlEditor::formatKeyPath({QStringLiteral("a-b_c1"), QStringLiteral("Jira Scrum (JS)"),
                                        QStringLiteral("x.y"), QString::fromUtf8("\xc3\xa4"),
                                        QString(), QStringLiteral("q\"")}),
             QString::fromUtf8("a-b_c1.\"Jira Scrum (JS)\".\"x.y\".\"\xc3\xa4\".\"\".\"q\\\"\""));

    // Keys that need quoting must round-trip through an edit.
    auto editor = TomlEditor::fromText({});
    QVERIFY(editor.ok());
    const QStringList odd{QStringLiteral("x.y"), QString::fromUtf8("\xc3\xa4 b"), QStringLiteral("q\"\\")};
    QVERIFY(editor.value().setValue(odd, qint64(1)).ok());
    const auto reparsed = parse(editor->text());
    QVERIFY(reparsed.has_value());
    QVERIFY(nodeEquals(nodeAt(*reparsed, odd), TomlValue(qint64(1))));
}

void TestTomlEditor::readAccess()
{
    auto editor = TomlEditor::fromText(fixture(), QStringLiteral("commented.toml"));
    QVERIFY(editor.ok());
    QCOMPARE(editor->sourceName(), QStringLiteral("commented.toml"));
    QVERIFY(editor->contains(tds({"client_config", "projects", "Jira Scrum (JS)"})));
    QVERIFY(!editor->contains(tds({"client_config", "projects", "Jira Scrum"})));
    QVERIFY(!editor->contains(tds({"port", "x"})));
    QCOMPARE(editor->value(tds({"port"})), std::optional<TomlValue>(qint64(8030)));
    QCOMPARE(editor->value(path({"title"})),
             std::optional<TomlValue>(QString::fromUtf8("D\xc3\xa9" "fauts \xe2\x80\x94 \xc3\x9c" "bersicht")));
    QCOMPARE(editor->value(tds({"client_config", "attributes"})),
             std::optional<TomlValue>(QStringList{QStringLiteral("title"), QStringLiteral("status"),
                                                  QStringLiteral("priority")}));
    QVERIFY(!editor->value(tds({"server"})).has_value());

    // Copies are independent documents.
    TomlEditor copy = editor.value();
    QVERIFY(copy.setValue(tds({"port"}), qint64(1)).ok());
    QCOMPARE(editor->value(tds({"port"})), std::optional<TomlValue>(qint64(8030)));
    QCOMPARE(copy.value(tds({"port"})), std::optional<TomlValue>(qint64(1)));
}

void TestTomlEditor::editsChain()
{
    // Several edits in a row, as the GUI does on save: each one works on the text the
    // previous one produced.
    const QByteArray original = fixture();
    auto editor = TomlEditor::fromText(original);
    QVERIFY(editor.ok());
    TomlEditor &e = editor.value();
    const QStringList project = tds({"client_config", "projects", "Kanban (KB)"});
    QVERIFY(e.setValue(project + path({"readonly"}), true).ok());
    QVERIFY(e.setValue(project + path({"attributes"}), QStringList{QStringLiteral("title")}).ok());
    QVERIFY(e.setValue(project + path({"commands", "presync", "manual"}), QStringLiteral("a.sh")).ok());
    QVERIFY(e.setValue(tds({"port"}), qint64(9000)).ok());
    QVERIFY(e.remove(tds({"client_config", "projects", "X"})).ok());

    const QByteArray text = e.text();
    QVERIFY(text.startsWith(original.left(original.indexOf("port = 8030"))));
    QVERIFY(text.contains("[testbench-defect-service.client_config.projects.\"Kanban (KB)\"]\n"
                          "readonly = true\nattributes = [\"title\"]\n\n"
                          "[testbench-defect-service.client_config.projects.\"Kanban (KB)\".commands.presync]\n"
                          "manual = \"a.sh\"\n"));
    QVERIFY(!text.contains("Hooks for project X"));
    QVERIFY(text.contains("# Commented-out setting, keep it:\n# ssl_cert = \"cert.pem\"\n"));

    QVERIFY(e.remove(project).ok());
    QVERIFY(!e.text().contains("Kanban"));
    QVERIFY(parse(e.text()).has_value());
}

void TestTomlEditor::keyPathAlias()
{
    // A separate client file: its keys at the top level, addressed with the main file's paths.
    auto parsed = TomlEditor::fromText("# client settings\nserver_url = \"https://j.example.com\" # ours\n", QStringLiteral("client.toml"));
    QVERIFY(parsed.ok());
    TomlEditor editor = std::move(parsed).value();
    TomlEditor *e = &editor;
    e->setKeyPathAlias(tds({"client_config"}), {});
    QCOMPARE(e->value(tds({"client_config", "server_url"})), TomlEditor::TomlValue(QStringLiteral("https://j.example.com")));
    QVERIFY(e->contains(tds({"client_config", "server_url"})));
    QVERIFY(e->setValue(tds({"client_config", "server_url"}), QStringLiteral("https://k.example.com")).ok());
    QVERIFY(e->setValue(tds({"client_config", "projects", "X", "readonly"}), true).ok());
    QCOMPARE(e->text(), QByteArray("# client settings\nserver_url = \"https://k.example.com\" # ours\n\n"
                                   "[projects.X]\nreadonly = true\n"));
    // A copy keeps the alias.
    TomlEditor copy = *e;
    QVERIFY(copy.remove(tds({"client_config", "projects"})).ok());
    QVERIFY(!copy.text().contains("projects"));

    // Service keys do not live here: refused, nothing changes.
    const QByteArray before = e->text();
    const auto refused = e->setValue(tds({"port"}), qint64(9000));
    QVERIFY(!refused.ok());
    QVERIFY2(refused.error().message.contains(QStringLiteral("client.toml")), qPrintable(refused.error().message));
    QVERIFY(!e->remove(tds({"port"})).ok());
    QVERIFY(!e->contains(path({"server_url"})));
    QVERIFY(!e->value(path({"server_url"})));
    QCOMPARE(e->text(), before);
}

QTEST_APPLESS_MAIN(TestTomlEditor)
#include "tst_tomleditor.moc"
