// SPDX-License-Identifier: Apache-2.0
#include "core/config/configloader.h"
#include "core/config/passwordhasher.h"
#include "ui/configwizard.h"
#include "ui/mainwindow.h"
#include "ui/messagebox.h"
#include "ui/models/configdocument.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QSpinBox>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using tbds::config::ClientKind;
using tbds::config::ConfigLoader;
using tbds::ui::ConfigWizard;
using tbds::ui::MainWindow;
using tbds::ui::NewConfig;

namespace {

template<typename T>
T *child(QWidget *root, const char *name)
{
    T *w = root->findChild<T *>(QString::fromLatin1(name));
    if (!w)
        qWarning("widget %s not found", name);
    return w;
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

class tst_ConfigWizard : public QObject
{
    Q_OBJECT

private:
    QString m_screenshots;

    void screenshot(QWidget *w, const QString &name)
    {
        QCoreApplication::processEvents();
        QVERIFY(w->grab().save(m_screenshots + QLatin1Char('/') + name + QStringLiteral(".png")));
    }

    /** Fills the service page and moves on. */
    void fillService(ConfigWizard &wizard, bool shots)
    {
        child<QLineEdit>(&wizard, "wizardHostEdit")->setText(QStringLiteral("0.0.0.0"));
        child<QSpinBox>(&wizard, "wizardPortSpin")->setValue(8042);
        child<QLineEdit>(&wizard, "wizardUserEdit")->setText(QStringLiteral("dmproxy"));
        child<QLineEdit>(&wizard, "wizardPasswordEdit")->setText(QStringLiteral("pw-1"));
        child<QLineEdit>(&wizard, "wizardPasswordRepeatEdit")->setText(QStringLiteral("pw-2"));
        wizard.next();
        QCOMPARE(wizard.currentId(), int(ConfigWizard::ServicePageId)); // passwords differ: stays
        QVERIFY(child<QLabel>(&wizard, "wizardServiceProblem")->isVisibleTo(&wizard));
        if (shots)
            screenshot(&wizard, QStringLiteral("wizard-service"));
        child<QLineEdit>(&wizard, "wizardPasswordRepeatEdit")->setText(QStringLiteral("pw-1"));
        wizard.next();
        QCOMPARE(wizard.currentId(), int(ConfigWizard::ClientPageId));
    }

    void finish(ConfigWizard &wizard)
    {
        QCOMPARE(wizard.currentId(), int(ConfigWizard::FilePageId));
        wizard.button(QWizard::FinishButton)->click();
        QCOMPARE(wizard.result(), int(QDialog::Accepted));
    }

    static void verifyServicePart(const tbds::config::ServiceConfig &config)
    {
        QCOMPARE(config.host, QStringLiteral("0.0.0.0"));
        QCOMPARE(config.port, 8042);
        QVERIFY(config.passwordHash && config.salt);
        const auto pepper = tbds::config::PasswordHasher::pepperFrom(QProcessEnvironment::systemEnvironment());
        const auto ok = tbds::config::PasswordHasher::verify(QStringLiteral("dmproxy"), QStringLiteral("pw-1"),
                                                             *config.passwordHash, *config.salt, *pepper);
        QVERIFY(ok.ok() && *ok);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("tbds-test"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_configwizard"));
        QSettings().clear();
        m_screenshots = qEnvironmentVariable("TBDS_BINARY_DIR", QStringLiteral(TBDS_BINARY_DIR)) + QStringLiteral("/screenshots");
        QVERIFY(QDir().mkpath(m_screenshots));
    }

    void jsonlInline()
    {
        QTemporaryDir dir;
        ConfigWizard wizard;
        wizard.show();
        fillService(wizard, true);
        screenshot(&wizard, QStringLiteral("wizard-client"));
        wizard.next();
        QCOMPARE(wizard.currentId(), int(ConfigWizard::JsonlPageId));
        child<QLineEdit>(&wizard, "wizardStatusEdit")->setText(QStringLiteral("new, done"));
        screenshot(&wizard, QStringLiteral("wizard-jsonl"));
        wizard.next();
        const QString path = dir.path() + QStringLiteral("/sub/config.toml");
        wizard.setConfigPath(path);
        screenshot(&wizard, QStringLiteral("wizard-file"));
        finish(wizard);

        const QByteArray text = readAll(path);
        QVERIFY(text.startsWith("[testbench-defect-service]\nclient_class = "));
        QVERIFY(text.contains("status = [\n    \"new\",\n    \"done\",\n]\n")); // tomli_w arrays
        QVERIFY(text.contains("[testbench-defect-service.server.run_kwargs]\n"));
        QVERIFY(!text.contains("pw-1"));
        QVERIFY(QFileInfo(dir.path() + QStringLiteral("/sub/defects")).isDir());
        const auto loaded = ConfigLoader::loadFile(path);
        QVERIFY2(loaded.ok(), qPrintable(loaded.report()));
        QCOMPARE(loaded.config->clientKind, ClientKind::Jsonl);
        verifyServicePart(*loaded.config);
        QCOMPARE(loaded.config->jsonl->controlFields.value(QStringLiteral("status")),
                 (QStringList{QStringLiteral("new"), QStringLiteral("done")}));
        QVERIFY(wizard.keychainSecrets().isEmpty());
    }

    void jsonlSeparateFileAndBackup()
    {
        QTemporaryDir dir;
        const QString path = dir.path() + QStringLiteral("/config.toml");
        QFile old(path);
        QVERIFY(old.open(QIODevice::WriteOnly));
        old.write("# old\n");
        old.close();
        ConfigWizard wizard;
        wizard.show();
        fillService(wizard, false);
        wizard.next();
        wizard.next();
        wizard.setConfigPath(path);
        child<QCheckBox>(&wizard, "wizardSeparateFileCheck")->setChecked(true);
        tbds::ui::MessageBox::setNextAnswer(QMessageBox::Yes); // "replace the existing file?"
        finish(wizard);
        QCOMPARE(readAll(path + QStringLiteral(".backup")), QByteArray("# old\n"));
        QVERIFY(readAll(path).contains("client_config_path = \"jsonl_config.toml\""));
        QVERIFY(!readAll(dir.path() + QStringLiteral("/jsonl_config.toml")).contains("[testbench-defect-service"));
        const auto loaded = ConfigLoader::loadFile(path);
        QVERIFY2(loaded.ok(), qPrintable(loaded.report()));
        QCOMPARE(loaded.config->clientKind, ClientKind::Jsonl);
        QVERIFY(loaded.config->clientConfigPath);
    }

    void jiraSecretsGoToTheKeychain()
    {
        QTemporaryDir dir;
        ConfigWizard wizard;
        wizard.show();
        fillService(wizard, false);
        child<QRadioButton>(&wizard, "wizardJiraRadio")->setChecked(true);
        wizard.next();
        QCOMPARE(wizard.currentId(), int(ConfigWizard::JiraPageId));
        child<QLineEdit>(&wizard, "wizardServerUrlEdit")->setText(QStringLiteral("not a url"));
        wizard.next();
        QCOMPARE(wizard.currentId(), int(ConfigWizard::JiraPageId));
        QVERIFY(child<QLabel>(&wizard, "wizardJiraProblem")->isVisibleTo(&wizard));
        child<QLineEdit>(&wizard, "wizardServerUrlEdit")->setText(QStringLiteral("https://example.atlassian.net"));
        child<QLineEdit>(&wizard, "wizardJiraUserEdit")->setText(QStringLiteral("svc@example.com"));
        child<QLineEdit>(&wizard, "wizardSecret_password")->setText(QStringLiteral("api-token"));
        screenshot(&wizard, QStringLiteral("wizard-jira"));
        wizard.next();
        const QString path = dir.path() + QStringLiteral("/config.toml");
        wizard.setConfigPath(path);
        finish(wizard);
        QVERIFY(!readAll(path).contains("api-token"));
        QCOMPARE(wizard.keychainSecrets(), (QMap<QString, QString>{{QStringLiteral("password"), QStringLiteral("api-token")}}));
        // The password lives in the keychain, which satisfies "must be provided" like JIRA_PASSWORD.
        tbds::config::LoadOptions options;
        options.externalSecrets = wizard.keychainSecrets();
        const auto loaded = ConfigLoader::loadFile(path, options);
        QVERIFY2(loaded.ok(), qPrintable(loaded.report()));
        QCOMPARE(loaded.config->clientKind, ClientKind::Jira);
        QCOMPARE(loaded.config->jira->serverUrl, QStringLiteral("https://example.atlassian.net"));
        QCOMPARE(loaded.config->jira->username, QStringLiteral("svc@example.com"));
        verifyServicePart(*loaded.config);
    }

    void jiraSecretsInFileWhenAskedFor()
    {
        QTemporaryDir dir;
        ConfigWizard wizard;
        wizard.show();
        fillService(wizard, false);
        child<QRadioButton>(&wizard, "wizardJiraRadio")->setChecked(true);
        wizard.next();
        child<QLineEdit>(&wizard, "wizardServerUrlEdit")->setText(QStringLiteral("https://jira.example.com"));
        auto *auth = child<QComboBox>(&wizard, "wizardAuthTypeCombo");
        auth->setCurrentIndex(auth->findData(QStringLiteral("token")));
        child<QLineEdit>(&wizard, "wizardSecret_token")->setText(QStringLiteral("pat-123"));
        child<QCheckBox>(&wizard, "wizardSecretsInFileCheck")->setChecked(true);
        wizard.next();
        child<QCheckBox>(&wizard, "wizardSeparateFileCheck")->setChecked(true);
        const QString path = dir.path() + QStringLiteral("/config.toml");
        wizard.setConfigPath(path);
        finish(wizard);
        QVERIFY(wizard.keychainSecrets().isEmpty());
        QVERIFY(readAll(dir.path() + QStringLiteral("/jira_config.toml")).contains("token = \"pat-123\""));
        QCOMPARE(QFile::permissions(path) & (QFile::ReadOther | QFile::ReadGroup), QFile::Permissions());
        const auto loaded = ConfigLoader::loadFile(path);
        QVERIFY2(loaded.ok(), qPrintable(loaded.report()));
        QCOMPARE(loaded.config->jira->authType, tbds::config::JiraAuthType::Token);
        QCOMPARE(loaded.config->jira->token, QStringLiteral("pat-123"));
    }

    void welcomePageOffersCreate()
    {
        QTemporaryDir dir;
        MainWindow window;
        window.resize(1200, 820);
        window.show();
        auto *create = child<QPushButton>(&window, "welcomeCreateButton");
        QVERIFY(create && create->isVisibleTo(&window));
        screenshot(&window, QStringLiteral("welcome-with-create"));
        // What "Finish" leads to: the new file is opened.
        NewConfig answers;
        answers.servicePassword = QStringLiteral("x");
        answers.controlFields.insert(QStringLiteral("status"), {QStringLiteral("open")});
        const QString path = dir.path() + QStringLiteral("/config.toml");
        QVERIFY(answers.write(path).ok());
        QVERIFY(window.openNewConfig(path, {}));
        QCOMPARE(window.document()->path(), path);
        QVERIFY2(window.document()->validation().ok(), qPrintable(window.document()->validation().report()));
    }
};

QTEST_MAIN(tst_ConfigWizard)
#include "tst_configwizard.moc"
