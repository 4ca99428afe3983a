// SPDX-License-Identifier: Apache-2.0
#include "tests/fakejira/demodata.h"

#include <QJsonArray>

namespace tbds::fakejira::demo {

namespace {

const QDateTime kBase(QDate(2025, 3, 3), QTime(8, 15, 30, 125), Qt::UTC);

QJsonObject textNode(const QString &text)
{
    return QJsonObject { { "type", "text" }, { "text", text } };
}

/** A description that uses the ADF nodes clients have to flatten (jira-rest.md §7). */
QJsonObject richDescription()
{
    const QJsonObject mention { { "type", "mention" },
                                { "attrs", QJsonObject { { "id", "5b10a2844c20165700ede21g" }, { "text", "@Alice Example" } } } };
    const QJsonObject card { { "type", "inlineCard" },
                             { "attrs", QJsonObject { { "url", "https://testbench.example.com/defects/4711" } } } };
    const auto item = [](const QString &text) {
        return QJsonObject { { "type", "listItem" },
                             { "content", QJsonArray { QJsonObject { { "type", "paragraph" },
                                                                     { "content", QJsonArray { textNode(text) } } } } } };
    };
    return QJsonObject {
        { "type", "doc" },
        { "version", 1 },
        { "content",
          QJsonArray {
              QJsonObject { { "type", "paragraph" },
                            { "content", QJsonArray { textNode("Order entry fails with a timeout."),
                                                      QJsonObject { { "type", "hardBreak" } },
                                                      textNode("Reported by "), mention } } },
              QJsonObject { { "type", "bulletList" },
                            { "content", QJsonArray { item("Open the order form"), item("Press Save") } } },
              QJsonObject { { "type", "paragraph" }, { "content", QJsonArray { textNode("See "), card } } },
          } },
    };
}

} // namespace

FakeJiraData build()
{
    FakeJiraData d;
    d.users = {
        User { kServiceAccountKey, kDcUser, kServiceAccountId, kCloudEmail, "TestBench Service", true, false, "Europe/Berlin" },
        User { "JIRAUSER10101", "alice", "5b10a2844c20165700ede21g", "alice@example.com", "Alice Example", true, false,
               "Europe/Berlin" },
        User { "JIRAUSER10102", "bob", "5b10ac8d82e05b22cc7d4ef5", "bob@example.com", "Bob Builder", true, true,
               "America/New_York" },
        User { "JIRAUSER10103", "carol", "5d53f3cbc6b9320d9ea5bdc2", "carol@example.com", "Carol Former", false, false,
               "Europe/London" },
        User { "JIRAUSER10104", "dora", "60e5a86a471e61006a2d4c6f", "dora@example.com", "Dora Tester", true, false,
               "Asia/Kolkata" },
    };
    d.statuses = {
        Status { "1", "Open", "The issue is open and ready for the assignee to start work on it.", "new" },
        Status { "10000", "To Do", "", "new" },
        Status { "3", "In Progress", "This issue is being actively worked on at the moment by the assignee.",
                 "indeterminate" },
        Status { "10001", "In Review", "", "indeterminate" },
        Status { "10002", "Done", "", "done" },
    };
    d.priorities = {
        Priority { "1", "Highest", "This problem will block progress.", "#d04437" },
        Priority { "2", "High", "Serious problem that could block progress.", "#f15C75" },
        Priority { "3", "Medium", "Has the potential to affect progress.", "#f79232" },
        Priority { "4", "Low", "Minor problem or easily worked around.", "#707070" },
        Priority { "5", "Lowest", "Trivial problem with little or no impact on progress.", "#999999" },
    };
    d.issueTypes = {
        IssueType { "10001", "Story", "Functionality or a feature expressed as a user goal.", false, 0 },
        IssueType { "10002", "Task", "A small, distinct piece of work.", false, 0 },
        IssueType { "10003", "Sub-task", "A small piece of work that's part of a larger task.", true, -1 },
        IssueType { "10004", "Bug", "A problem or error.", false, 0 },
        IssueType { "10005", "Epic", "A big user story that needs to be broken down.", false, 1 },
    };
    d.resolutions = {
        Resolution { "10000", "Done" },
        Resolution { "10001", "Won't Do" },
        Resolution { "10002", "Duplicate" },
        Resolution { "10003", "Cannot Reproduce" },
    };
    d.customFields = {
        CustomField { "customfield_10010", "Test Environment", FieldType::Text, {}, false, "Where the defect was found" },
        CustomField { "customfield_10011", "Severity", FieldType::Option,
                      { { "10100", "Critical" }, { "10101", "Major" }, { "10102", "Minor" }, { "10103", "Trivial" },
                        { "10104", "Legacy", true } },
                      false, "" },
        CustomField { "customfield_10012", "Affected Platforms", FieldType::MultiOption,
                      { { "10110", "Windows" }, { "10111", "Linux" }, { "10112", "macOS" } }, false, "" },
        CustomField { "customfield_10013", "Story Points", FieldType::Number, {}, false, "" },
        CustomField { "customfield_10014", "Tester", FieldType::User, {}, false, "" },
        CustomField { "customfield_10015", "Found On", FieldType::Date, {}, false, "" },
        CustomField { "customfield_10016", "Steps to Reproduce", FieldType::TextArea, {}, false, "" },
        CustomField { "customfield_10017", "Verified At", FieldType::DateTime, {}, false, "" },
        CustomField { "customfield_10018", "Release Train", FieldType::Option,
                      { { "10120", "2025.1" }, { "10121", "2025.2" } }, true, "Required in INT" },
    };

    Workflow software;
    software.name = "Software Simplified Workflow";
    software.statusIds = { "10000", "3", "10001", "10002" };
    software.initialStatusId = "10000";
    software.transitions = {
        Transition { "11", "To Do", {}, "10000", false, {}, false },
        Transition { "21", "Start Progress", { "10000" }, "3", false, {}, false },
        Transition { "31", "Request Review", { "3" }, "10001", false, {}, false },
        Transition { "41", "Done", { "3", "10001" }, "10002", true, { "resolution" }, false },
        // like the real Cloud fixture: no `to` object on the wire
        Transition { "51", "Reopen", { "10002" }, "10000", false, {}, true },
        Transition { "61", "Back to Progress", { "10001" }, "3", false, {}, false },
    };
    Workflow basic;
    basic.name = "Basic Workflow";
    basic.statusIds = { "1", "10002" };
    basic.initialStatusId = "1";
    basic.transitions = {
        Transition { "71", "Close", { "1" }, "10002", false, {}, false },
        Transition { "81", "Reopen Issue", { "10002" }, "1", false, {}, false },
    };
    d.workflows = { software, basic };

    QSet<QString> readOnly = perm::allProject();
    readOnly.remove(perm::Create);
    readOnly.remove(perm::Delete);
    d.projects = {
        Project { "10000", kDemoProject, "Demo Project", "Issues with every kind of field.", "JIRAUSER10101", "software",
                  { "10004", "10002", "10001", "10003" }, software.name,
                  { "customfield_10010", "customfield_10011", "customfield_10012", "customfield_10013",
                    "customfield_10014", "customfield_10015", "customfield_10016", "customfield_10017" },
                  perm::allProject() },
        Project { "10001", kBulkProject, "Bulk Load", "Enough issues to need several pages.", "JIRAUSER10100",
                  "software", { "10004", "10002" }, software.name, { "customfield_10011" }, perm::allProject() },
        Project { "10002", kReadOnlyProject, "Read Only Project",
                  "The service account may not create or delete issues here.", "JIRAUSER10104", "business",
                  { "10004", "10002" }, basic.name, { "customfield_10010" }, readOnly },
        Project { "10003", kReservedProject, "Integration", "Its key is a reserved JQL word.", "JIRAUSER10101",
                  "software", { "10004", "10002" }, software.name, { "customfield_10011", "customfield_10018" },
                  perm::allProject() },
        Project { "10004", kHiddenProject, "Hidden Project", "Not visible to the service account.", "JIRAUSER10101",
                  "software", { "10004" }, software.name, {}, {} },
    };

    qint64 nextId = 10001;
    qint64 nextHistory = 30001;
    qint64 nextAttachment = 20001;
    const auto makeIssue = [&](const QString &project, int number, const QString &type, const QString &summary,
                               const QString &status, const QString &priority, int hoursAfterBase) {
        Issue i;
        i.id = nextId++;
        i.key = project + "-" + QString::number(number);
        i.projectKey = project;
        i.issueTypeId = type;
        i.summary = summary;
        i.statusId = status;
        i.priorityId = priority;
        i.reporterKey = kServiceAccountKey;
        i.creatorKey = kServiceAccountKey;
        i.created = kBase.addSecs(qint64(hoursAfterBase) * 3600);
        i.updated = i.created.addSecs(1800);
        if (status == QLatin1String("10002")) {
            i.resolutionId = "10000";
            i.resolutionDate = i.updated;
        }
        return i;
    };
    const auto history = [&](Issue &issue, const QString &author, int minutesAfterCreate, QList<HistoryItem> items) {
        issue.histories.append(History { QString::number(nextHistory++), author,
                                         issue.created.addSecs(qint64(minutesAfterCreate) * 60), items });
    };

    // DEMO: the showcase
    {
        Issue i = makeIssue(kDemoProject, 1, "10004", "Order entry fails with a timeout", "3", "2", 0);
        i.description = richDescription();
        i.assigneeKey = "JIRAUSER10101";
        i.labels = { "testbench", "regression" };
        i.dueDate = QDate(2025, 4, 30);
        i.customValues = QJsonObject { { "customfield_10010", "Staging, Firefox 128" },
                                       { "customfield_10011", "10101" },
                                       { "customfield_10012", QJsonArray { "10110", "10111" } },
                                       { "customfield_10013", 3 },
                                       { "customfield_10014", "JIRAUSER10104" },
                                       { "customfield_10015", "2025-03-01" },
                                       { "customfield_10016", "1. Open the order form\n2. Press Save" },
                                       { "customfield_10017", "2025-03-04T10:00:00.000Z" } };
        i.attachments = {
            Attachment { QString::number(nextAttachment++), "server.log", kServiceAccountKey, i.created.addSecs(600),
                         "text/plain", "2025-03-03 08:20:01 ERROR timeout after 30s\n" },
            Attachment { QString::number(nextAttachment++), "screenshot.png", "JIRAUSER10101", i.created.addSecs(900),
                         "image/png", QByteArray::fromBase64("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk"
                                                             "+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==") },
        };
        history(i, kServiceAccountKey, 10,
                { HistoryItem { "Attachment", "attachment", "jira", {}, {}, "20001", "server.log" } });
        history(i, "JIRAUSER10101", 20,
                { HistoryItem { "status", "status", "jira", "10000", "To Do", "3", "In Progress" },
                  HistoryItem { "assignee", "assignee", "jira", {}, {}, "JIRAUSER10101", "Alice Example" } });
        history(i, "JIRAUSER10104", 25,
                { HistoryItem { "Severity", "customfield_10011", "custom", "10102", "Minor", "10101", "Major" } });
        d.issues.append(i);
    }
    {
        Issue i = makeIssue(kDemoProject, 2, "10002", "Prepare release notes", "10000", "3", 2);
        i.description = QStringLiteral("Collect the changes since the last release.\n\nUse the *changelog* macro.");
        i.labels = { "docs" };
        d.issues.append(i);
        Issue sub = makeIssue(kDemoProject, 3, "10003", "Draft the German translation", "10000", "4", 3);
        sub.parentKey = i.key;
        d.issues.append(sub);
    }
    {
        Issue i = makeIssue(kDemoProject, 4, "10004", "Login page shows a stack trace", "10002", "1", 5);
        i.description = QStringLiteral("Happens when the session expired.");
        i.assigneeKey = "JIRAUSER10102";
        i.customValues = QJsonObject { { "customfield_10011", "10100" } };
        history(i, "JIRAUSER10102", 60,
                { HistoryItem { "status", "status", "jira", "10000", "To Do", "3", "In Progress" } });
        history(i, "JIRAUSER10102", 90,
                { HistoryItem { "status", "status", "jira", "3", "In Progress", "10002", "Done" },
                  HistoryItem { "resolution", "resolution", "jira", {}, {}, "10000", "Done" } });
        d.issues.append(i);
    }
    {
        Issue i = makeIssue(kDemoProject, 5, "10001", "As a tester I want to attach logs", "10001", "3", 7);
        i.customValues = QJsonObject { { "customfield_10013", 5.5 } };
        d.issues.append(i);
    }
    for (int n = 6; n <= 12; ++n) {
        Issue i = makeIssue(kDemoProject, n, n % 2 ? "10004" : "10002", QStringLiteral("Demo issue %1").arg(n),
                            n % 3 == 0 ? "3" : "10000", QString::number(1 + n % 5), 8 + n);
        i.description = QStringLiteral("Plain description of demo issue %1.").arg(n);
        if (n % 4 == 0)
            i.assigneeKey = "JIRAUSER10104";
        d.issues.append(i);
    }

    // BULK: enough for several pages in every paging mode
    const QStringList bulkStatuses = { "10000", "3", "10001", "10002" };
    const QStringList severities = { "10100", "10101", "10102", "10103" };
    for (int n = 1; n <= kBulkIssueCount; ++n) {
        Issue i = makeIssue(kBulkProject, n, n % 5 == 0 ? "10002" : "10004", QStringLiteral("Bulk issue %1").arg(n),
                            bulkStatuses.at(n % bulkStatuses.size()), QString::number(1 + n % 5), 24 + n);
        i.customValues = QJsonObject { { "customfield_10011", severities.at(n % severities.size()) } };
        d.issues.append(i);
    }

    // RO: readable, not writable
    for (int n = 1; n <= 3; ++n) {
        Issue i = makeIssue(kReadOnlyProject, n, "10004", QStringLiteral("Read-only defect %1").arg(n),
                            n == 3 ? "10002" : "1", "3", 400 + n);
        i.customValues = QJsonObject { { "customfield_10010", "Production" } };
        d.issues.append(i);
    }
    // INT: key is a reserved word
    for (int n = 1; n <= 2; ++n) {
        Issue i = makeIssue(kReservedProject, n, "10004", QStringLiteral("Interface defect %1").arg(n), "10000", "2",
                            500 + n);
        i.customValues = QJsonObject { { "customfield_10018", "10120" } };
        d.issues.append(i);
    }
    // SECRET: invisible
    d.issues.append(makeIssue(kHiddenProject, 1, "10004", "You should never see this", "10000", "3", 600));
    return d;
}

} // namespace tbds::fakejira::demo
