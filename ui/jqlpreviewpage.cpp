// SPDX-License-Identifier: Apache-2.0
#include "ui/jqlpreviewpage.h"

#include "core/config/projectsettings.h"
#include "core/jira/jiraclient.h"
#include "ui/errorunderline.h"
#include "ui/models/configdocument.h"
#include "ui/models/jiraconnection.h"
#include "ui/models/jqlerrorlocation.h"
#include "ui/models/jqlresultsmodel.h"
#include "ui/projectpicker.h"
#include "ui/statuspalette.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QClipboard>
#include <QCompleter>
#include <QDir>
#include <QFileDialog>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStringListModel>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace tbds::ui {

namespace {
constexpr int PageSize = 50;

// Defect attributes that are columns anyway; every other configured attribute is a Jira field
// shown as a user-defined field.
const QStringList StandardAttributes = {QStringLiteral("title"),    QStringLiteral("status"),
                                        QStringLiteral("priority"), QStringLiteral("classification"),
                                        QStringLiteral("reporter"), QStringLiteral("description"),
                                        QStringLiteral("lastEdited"), QStringLiteral("id")};
} // namespace

JqlPreviewPage::JqlPreviewPage(ConfigDocument *document, QWidget *parent)
    : JiraPage(document, QStringLiteral("jql"), parent), m_model(new JqlResultsModel(this)),
      m_proxy(new QSortFilterProxyModel(this))
{
    setObjectName(QStringLiteral("jqlPreviewPage"));
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(JqlResultsModel::SortRole);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setFilterKeyColumn(-1);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(banner());
    m_picker = new ProjectPicker(QStringLiteral("jql"), [this] { return client(); }, this);
    layout->addWidget(m_picker);
    m_source = new QLabel(this);
    m_source->setObjectName(QStringLiteral("jqlSourceLabel"));
    m_source->setWordWrap(true);
    layout->addWidget(m_source);

    auto *jqlRow = new QHBoxLayout;
    auto *jqlLabel = new QLabel(tr("&JQL:"), this);
    m_jql = new QLineEdit(this);
    m_jql->setObjectName(QStringLiteral("jqlEdit"));
    m_jql->setAccessibleName(tr("JQL query"));
    m_jql->setClearButtonEnabled(true);
    jqlLabel->setBuddy(m_jql);
    m_run = new QPushButton(QIcon::fromTheme(QStringLiteral("media-playback-start")), tr("Ru&n"), this);
    m_run->setObjectName(QStringLiteral("jqlRunButton"));
    m_run->setDefault(true);
    m_loadAllButton = new QPushButton(tr("Load &all"), this);
    m_loadAllButton->setObjectName(QStringLiteral("jqlLoadAllButton"));
    m_loadAllButton->setToolTip(tr("Fetch every remaining page instead of loading while scrolling"));
    m_cancel = new QPushButton(QIcon::fromTheme(QStringLiteral("process-stop")), tr("&Cancel"), this);
    m_cancel->setObjectName(QStringLiteral("jqlCancelButton"));
    jqlRow->addWidget(jqlLabel);
    jqlRow->addWidget(m_jql, 1);
    jqlRow->addWidget(m_run);
    jqlRow->addWidget(m_loadAllButton);
    jqlRow->addWidget(m_cancel);
    layout->addLayout(jqlRow);
    m_validation = new QLabel(this);
    m_validation->setObjectName(QStringLiteral("jqlValidationLabel"));
    m_validation->setWordWrap(true);
    m_validation->setTextFormat(Qt::RichText); // Jira's text is escaped; the only markup is our link
    m_validation->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_validation->setAccessibleName(tr("Query check"));
    layout->addWidget(m_validation);
    m_errorUnderline = new ErrorUnderline(m_jql);
    connect(m_validation, &QLabel::linkActivated, this, &JqlPreviewPage::goToJqlError);
    // Once the query is edited the position is stale: the link goes, the message stays until revalidated.
    connect(m_errorUnderline, &ErrorUnderline::cleared, this,
            [this] {
                m_validation->setText(m_validationMessage.toHtmlEscaped());
                m_validation->setTextInteractionFlags(Qt::TextSelectableByMouse);
            });

    auto *toolRow = new QHBoxLayout;
    auto *filterLabel = new QLabel(tr("F&ilter:"), this);
    m_filter = new QLineEdit(this);
    m_filter->setObjectName(QStringLiteral("jqlFilterEdit"));
    m_filter->setPlaceholderText(tr("Filter the loaded rows"));
    m_filter->setClearButtonEnabled(true);
    filterLabel->setBuddy(m_filter);
    m_count = new QLabel(this);
    m_count->setObjectName(QStringLiteral("jqlCountLabel"));
    m_export = new QPushButton(QIcon::fromTheme(QStringLiteral("document-export")), tr("E&xport CSV…"), this);
    m_export->setObjectName(QStringLiteral("jqlExportButton"));
    m_curl = new QPushButton(QIcon::fromTheme(QStringLiteral("edit-copy")), tr("Copy as c&url"), this);
    m_curl->setObjectName(QStringLiteral("jqlCurlButton"));
    m_curl->setToolTip(tr("Copy a curl command for this query; credentials are replaced by placeholders"));
    toolRow->addWidget(filterLabel);
    toolRow->addWidget(m_filter, 1);
    toolRow->addWidget(m_count);
    toolRow->addWidget(m_export);
    toolRow->addWidget(m_curl);
    layout->addLayout(toolRow);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    m_view = new QTableView(splitter);
    m_view->setObjectName(QStringLiteral("jqlResultsView"));
    m_view->setAccessibleName(tr("Issues as TestBench defects"));
    m_view->setModel(m_proxy);
    m_view->setTabKeyNavigation(false); // arrows move between cells; Tab goes on to the next control
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(-1, Qt::AscendingOrder); // Jira's order until the user sorts
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->verticalHeader()->hide();
    m_view->setWordWrap(false); // one line per issue keeps 10 000 rows scannable
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 8);
    m_view->horizontalHeader()->setStretchLastSection(true);
    // Titles in full, with room for the sort arrow ("classification" lost its end once sorted);
    // the UDF columns come and go with the results, so again whenever the headers change.
    const auto fitTitles = [header = m_view->horizontalHeader()] {
        for (int section = 0; section < header->count(); ++section)
            header->resizeSection(section, qMax(header->sectionSize(section), header->sectionSizeHint(section)));
    };
    connect(m_proxy, &QAbstractItemModel::headerDataChanged, this, fitTitles);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, fitTitles);
    connect(m_proxy, &QAbstractItemModel::columnsInserted, this, fitTitles);
    fitTitles();
    auto *details = new QTabWidget(splitter);
    details->setObjectName(QStringLiteral("jqlDetailTabs"));
    m_mapped = new QPlainTextEdit(details);
    m_mapped->setObjectName(QStringLiteral("jqlDefectJsonView"));
    m_mapped->setReadOnly(true);
    m_mapped->setAccessibleName(tr("Defect JSON of the selected issue"));
    m_mapped->setPlaceholderText(tr("Select a row to see the defect TestBench receives."));
    m_raw = new QPlainTextEdit(details);
    m_raw->setObjectName(QStringLiteral("jqlRawJsonView"));
    m_raw->setReadOnly(true);
    m_raw->setAccessibleName(tr("Jira JSON of the selected issue"));
    m_raw->setPlaceholderText(tr("Select a row to see the issue as Jira sent it."));
    for (QPlainTextEdit *edit : {m_mapped, m_raw}) {
        edit->setLineWrapMode(QPlainTextEdit::NoWrap);
        edit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    }
    details->addTab(m_mapped, tr("Defect JSON"));
    details->addTab(m_raw, tr("Jira JSON"));
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({700, 300}); // the table is what people scan; JSON is looked at per row
    layout->addWidget(splitter, 1);

    m_validateTimer = new QTimer(this);
    m_validateTimer->setSingleShot(true);
    m_validateTimer->setInterval(600); // after typing pauses, not per keystroke
    m_words = new QStringListModel(this);
    m_completer = new QCompleter(m_words, this);
    m_completer->setCaseSensitivity(Qt::CaseInsensitive);
    m_completer->setWidget(m_jql); // not setCompleter(): we complete the word, not the whole line
    m_completer->popup()->setObjectName(QStringLiteral("jqlCompleterPopup"));

    connect(m_run, &QPushButton::clicked, this, &JqlPreviewPage::run);
    connect(m_jql, &QLineEdit::returnPressed, this, &JqlPreviewPage::run);
    connect(m_loadAllButton, &QPushButton::clicked, this, &JqlPreviewPage::loadAll);
    connect(m_cancel, &QPushButton::clicked, this, &JqlPreviewPage::cancel);
    connect(m_jql, &QLineEdit::textEdited, this, [this] {
        m_validateTimer->start();
        completeWord();
    });
    connect(m_validateTimer, &QTimer::timeout, this, &JqlPreviewPage::validate);
    connect(m_completer, qOverload<const QString &>(&QCompleter::activated), this, &JqlPreviewPage::insertCompletion);
    connect(m_filter, &QLineEdit::textChanged, m_proxy, &QSortFilterProxyModel::setFilterFixedString);
    connect(m_picker, &ProjectPicker::projectChanged, this, &JqlPreviewPage::projectChanged);
    connect(m_picker, &ProjectPicker::loaded, this, [this](const QString &error) {
        if (!error.isEmpty())
            showMessage(error, true);
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &JqlPreviewPage::showDetails);
    connect(m_model, &JqlResultsModel::countChanged, this, [this] {
        // The search is ready for the next page only after its pageReady handling has
        // returned: whether more can be fetched (the "Load all" button, the count text, and
        // "Load all" pulling on) is decided from the event loop, not inside this signal. Deciding
        // it here left the button disabled and stopped "Load all" after the first page.
        QTimer::singleShot(0, this, [this] {
            updateCount();
            if (m_loadAll && m_model->canFetchMore({}))
                m_model->fetchMore({});
        });
    });
    connect(m_model, &JqlResultsModel::runningChanged, this, &JqlPreviewPage::updateButtons);
    connect(m_model, &JqlResultsModel::finished, this, [this] {
        m_loadAll = false;
        m_state = tr("all loaded");
        updateCount();
    });
    connect(m_model, &JqlResultsModel::failed, this, [this](const jira::JiraError &error) {
        m_loadAll = false;
        if (error.kind == jira::JiraError::Kind::Cancelled) {
            m_state = tr("cancelled");
        } else {
            m_state = tr("failed");
            showMessage(error.toString(), true);
        }
        updateCount();
    });
    connect(m_export, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export CSV"),
                                                          QDir::homePath() + QStringLiteral("/jql-preview.csv"),
                                                          tr("CSV files (*.csv);;All files (*)"));
        if (!path.isEmpty())
            exportCsv(path);
    });
    connect(m_curl, &QPushButton::clicked, this, [this] { QApplication::clipboard()->setText(curlCommand()); });
    configChanged();
}

JqlPreviewPage::~JqlPreviewPage() = default;

QString JqlPreviewPage::jql() const
{
    return m_jql->text().trimmed();
}

void JqlPreviewPage::setJql(const QString &jql)
{
    m_jql->setText(jql);
    m_validateTimer->start();
}

QStringList JqlPreviewPage::searchFields() const
{
    QStringList fields{QStringLiteral("*navigable")};
    return fields;
}

void JqlPreviewPage::projectChanged()
{
    const config::ServiceConfig *config = serviceConfig();
    const QString project = m_picker->currentProject();
    if (!config || !config->jira || project.isEmpty()) {
        m_source->clear();
        return;
    }
    const config::ProjectSettings settings(*config, project);
    const config::Sourced<QString> jql = settings.defectJql();
    QString source;
    switch (jql.source) {
    case config::ValueSource::Default:
        source = tr("the built-in default");
        break;
    case config::ValueSource::Global:
        source = tr("client_config.defect_jql");
        break;
    case config::ValueSource::Project:
        source = tr("the override projects.\"%1\"").arg(jql.overrideKey);
        break;
    }
    m_source->setText(tr("Effective defect_jql from %1: <code>%2</code>").arg(source, jql.value.toHtmlEscaped()));
    setJql(JiraConnection::substituteProject(jql.value, JiraConnection::projectKey(project)));
}

void JqlPreviewPage::run()
{
    jira::JiraClient *jira = client();
    if (!jira)
        return;
    if (jql().isEmpty()) {
        showMessage(tr("Enter a JQL query (Jira rejects an empty one)."), true);
        return;
    }
    showMessage(QString());
    m_loadAll = false;
    QList<JqlResultsModel::UdfField> udfs;
    if (const config::ServiceConfig *config = serviceConfig()) {
        const QStringList attributes = config::ProjectSettings(*config, m_picker->currentProject()).attributes().value;
        for (const QString &attribute : attributes)
            if (!StandardAttributes.contains(attribute))
                udfs.append({attribute, attribute});
    }
    m_model->reset(udfs);
    m_raw->clear();
    m_mapped->clear();
    jira::JqlSearch::Options options;
    options.jql = jql();
    options.fields = searchFields();
    options.pageSize = PageSize;
    options.autoFetch = false; // the view (or "Load all") pulls the next page
    jira::JqlSearch *search = jira->searchJql(options, this);
    connect(search, &jira::JqlSearch::finished, search, &QObject::deleteLater);
    connect(search, &jira::JqlSearch::failed, search, &QObject::deleteLater);
    m_state = tr("loading");
    m_model->setSearch(search);
    updateCount();
    loadAutocomplete();
}

void JqlPreviewPage::loadAll()
{
    m_loadAll = true;
    if (m_model->canFetchMore({}))
        m_model->fetchMore({});
    else if (!m_model->isRunning()) {
        run();
        m_loadAll = true;
    }
}

void JqlPreviewPage::cancel()
{
    m_loadAll = false;
    m_model->cancel();
}

void JqlPreviewPage::updateCount()
{
    const int count = m_model->rowCount();
    QString text = m_model->total() >= 0 ? tr("%1 of %2 issues").arg(count).arg(m_model->total())
                                         : tr("%n issue(s)", nullptr, count);
    if (m_model->canFetchMore({}))
        text += QStringLiteral(" — ") + tr("more available");
    else if (!m_state.isEmpty())
        text += QStringLiteral(" — ") + m_state;
    m_count->setText(text);
    updateButtons();
}

void JqlPreviewPage::updateButtons()
{
    const bool available = unavailableReason().isEmpty();
    const bool running = m_model->isRunning();
    m_run->setEnabled(available);
    m_loadAllButton->setEnabled(available && m_model->canFetchMore({}));
    m_cancel->setEnabled(running);
    m_export->setEnabled(m_model->rowCount() > 0);
    m_curl->setEnabled(available);
    m_jql->setEnabled(available);
}

void JqlPreviewPage::validate()
{
    jira::JiraClient *jira = client();
    if (!jira || jql().isEmpty())
        return;
    if (m_validateCall)
        m_validateCall->abort();
    showValidation(tr("Validating…"), std::nullopt);
    const QString query = jql();
    m_validateCall = jira->validateJql(query);
    m_validateCall->onFinished(this, [this, query](jira::JiraCall *call) {
        call->deleteLater();
        if (!call->isOk()) {
            if (call->error().kind != jira::JiraError::Kind::Cancelled)
                showValidation(tr("Not validated: %1").arg(call->error().toString()), StatusColors::Status::Warning);
            return;
        }
        const QJsonObject result = call->object();
        const bool valid = result.value(QLatin1String("valid")).toBool();
        QStringList errors;
        for (const QJsonValue &error : result.value(QLatin1String("errors")).toArray())
            errors << error.toString();
        if (!valid)
            markJqlError(errors, query);
        showValidation(valid ? tr("✔ Jira accepts this query.") : tr("✘ %1").arg(errors.join(QStringLiteral("; "))),
                       valid ? StatusColors::Status::Success : StatusColors::Status::Error);
        Q_EMIT validated(valid);
    });
    loadAutocomplete();
}

void JqlPreviewPage::showValidation(const QString &message, std::optional<StatusColors::Status> status)
{
    m_validationMessage = message;
    QString html = message.toHtmlEscaped();
    const bool link = status == StatusColors::Status::Error && m_errorUnderline->isMarked();
    if (link)
        html += QStringLiteral(" <a href=\"#jql-error\">%1</a>").arg(tr("Go to the error").toHtmlEscaped());
    m_validation->setText(html);
    // A Tab stop only while there is a link to follow with the keyboard.
    m_validation->setTextInteractionFlags(link ? Qt::TextBrowserInteraction : Qt::TextSelectableByMouse);
    // Not colour alone: the text starts with ✔/✘ and says what is wrong.
    setStatusColor(m_validation, status);
}

void JqlPreviewPage::markJqlError(const QStringList &errors, const QString &query)
{
    m_errorUnderline->clear();
    // The answer may be late: the editor may hold another query by now.
    if (query != jql())
        return;
    const std::optional<JqlErrorLocation> location = JqlErrorLocation::find(errors, query);
    if (!location)
        return;
    // jql() is the trimmed editor text: Jira's position counts from its first non-blank.
    const QString text = m_jql->text();
    const int leading = int(text.indexOf(query));
    m_errorUnderline->mark(leading + location->start, location->length);
}

void JqlPreviewPage::goToJqlError()
{
    m_errorUnderline->moveCursorToMark();
}

void JqlPreviewPage::loadAutocomplete()
{
    jira::JiraClient *jira = client();
    if (!jira || m_autocompleteLoaded || m_autocompleteCall)
        return;
    m_autocompleteCall = jira->jqlAutocompleteData();
    m_autocompleteCall->onFinished(this, [this](jira::JiraCall *call) {
        call->deleteLater();
        if (!call->isOk())
            return; // autocomplete is a convenience; the editor works without it
        const QJsonObject data = call->object();
        QStringList words;
        for (const char *list : {"visibleFieldNames", "visibleFunctionNames"})
            for (const QJsonValue &item : data.value(QLatin1String(list)).toArray()) {
                const QString value = item.toObject().value(QLatin1String("value")).toString();
                if (!value.isEmpty() && !words.contains(value))
                    words << value;
            }
        for (const QJsonValue &word : data.value(QLatin1String("jqlReservedWords")).toArray())
            if (!words.contains(word.toString()))
                words << word.toString();
        for (const char *keyword : {"AND", "OR", "NOT", "ORDER BY", "ASC", "DESC", "IN", "IS", "EMPTY"})
            if (!words.contains(QLatin1String(keyword)))
                words << QLatin1String(keyword);
        words.sort(Qt::CaseInsensitive);
        m_words->setStringList(words);
        m_autocompleteLoaded = true;
    });
}

QStringList JqlPreviewPage::completions() const
{
    return m_words->stringList();
}

void JqlPreviewPage::completeWord()
{
    const QString text = m_jql->text().left(m_jql->cursorPosition());
    int start = int(text.size());
    while (start > 0 && (text.at(start - 1).isLetterOrNumber() || text.at(start - 1) == QLatin1Char('_')))
        --start;
    const QString word = text.mid(start);
    if (word.size() < 2) {
        m_completer->popup()->hide();
        return;
    }
    m_completer->setCompletionPrefix(word);
    if (m_completer->completionCount() > 0)
        m_completer->complete();
    else
        m_completer->popup()->hide();
}

void JqlPreviewPage::insertCompletion(const QString &word)
{
    const QString prefix = m_completer->completionPrefix();
    const int cursor = m_jql->cursorPosition();
    QString text = m_jql->text();
    text.replace(cursor - prefix.size(), prefix.size(), word);
    m_jql->setText(text);
    m_jql->setCursorPosition(cursor - int(prefix.size()) + int(word.size()));
    m_validateTimer->start();
}

void JqlPreviewPage::showDetails()
{
    const QModelIndex current = m_proxy->mapToSource(m_view->selectionModel()->currentIndex());
    if (!current.isValid()) {
        m_raw->clear();
        m_mapped->clear();
        return;
    }
    // Built on demand: a row's JSON is only rendered when somebody looks at it.
    m_raw->setPlainText(current.data(JqlResultsModel::RawJsonRole).toString());
    m_mapped->setPlainText(current.data(JqlResultsModel::DefectJsonRole).toString());
}

QString JqlPreviewPage::curlCommand()
{
    jira::JiraClient *jira = client();
    const config::ServiceConfig *config = serviceConfig();
    if (!jira || !config || !config->jira)
        return {};
    return JiraConnection::curlCommand(*jira, *config->jira, jql(), searchFields(), PageSize);
}

bool JqlPreviewPage::exportCsv(const QString &path)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(m_model->toCsv()) < 0 || !file.commit()) {
        showMessage(tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString()), true);
        return false;
    }
    return true;
}

void JqlPreviewPage::configChanged()
{
    m_loadAll = false;
    m_model->reset();
    m_autocompleteLoaded = false;
    m_state.clear();
    m_picker->setConfiguredProjects(configuredProjects());
    showMessage(unavailableReason(), true);
    projectChanged();
    updateCount();
}

} // namespace tbds::ui
