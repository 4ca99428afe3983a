// SPDX-License-Identifier: Apache-2.0
#include "core/service/servicelog.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QMutex>
#include <QRegularExpression>

#include <cstdio>
#include <memory>

namespace tbds::service {

namespace {

constexpr qint64 RotateBytes = 10 * 1024 * 1024;
constexpr int Backups = 5;

struct LogState
{
    QMutex mutex;
    QString consoleFormat;
    int consoleLevel = 20;
    QString fileFormat;
    int fileLevel = 20;
    std::unique_ptr<QFile> file;
    QtMessageHandler previous = nullptr;
};

LogState &state()
{
    static LogState s;
    return s;
}

void rotate(LogState &s)
{
    const QString path = s.file->fileName();
    s.file->close();
    QFile::remove(path + QStringLiteral(".%1").arg(Backups));
    for (int i = Backups - 1; i >= 1; --i)
        QFile::rename(path + QStringLiteral(".%1").arg(i), path + QStringLiteral(".%1").arg(i + 1));
    QFile::rename(path, path + QStringLiteral(".1"));
    if (!s.file->open(QIODevice::WriteOnly | QIODevice::Append))
        s.file.reset();
}

void handler(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    LogState &s = state();
    const QString level = ServiceLog::levelName(type);
    const int value = ServiceLog::levelValue(level);
    const QString name = context.category && qstrcmp(context.category, "default") != 0
                             ? QString::fromLatin1(context.category)
                             : QStringLiteral("tbds");
    const QString asctime = QDateTime::currentDateTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss,zzz"));
    QMutexLocker lock(&s.mutex);
    if (value >= s.consoleLevel) {
        const QByteArray line = ServiceLog::format(s.consoleFormat, asctime, level, name, message).toUtf8() + '\n';
        std::fwrite(line.constData(), 1, size_t(line.size()), stdout);
        std::fflush(stdout);
    }
    if (s.file && value >= s.fileLevel) {
        if (s.file->size() >= RotateBytes)
            rotate(s);
        if (s.file) {
            s.file->write(ServiceLog::format(s.fileFormat, asctime, level, name, message).toUtf8() + '\n');
            s.file->flush();
        }
    }
    if (type == QtFatalMsg)
        std::abort();
}

} // namespace

QString ServiceLog::levelName(QtMsgType type)
{
    switch (type) {
    case QtDebugMsg: return QStringLiteral("DEBUG");
    case QtInfoMsg: return QStringLiteral("INFO");
    case QtWarningMsg: return QStringLiteral("WARNING");
    case QtCriticalMsg: return QStringLiteral("ERROR");
    case QtFatalMsg: return QStringLiteral("CRITICAL");
    }
    return QStringLiteral("INFO");
}

int ServiceLog::levelValue(const QString &name)
{
    static const QStringList names = {QStringLiteral("DEBUG"), QStringLiteral("INFO"), QStringLiteral("WARNING"),
                                      QStringLiteral("ERROR"), QStringLiteral("CRITICAL")};
    const qsizetype i = names.indexOf(name);
    return i < 0 ? 20 : int(10 * (i + 1));
}

QString ServiceLog::format(const QString &pattern, const QString &asctime, const QString &levelName,
                           const QString &name, const QString &message)
{
    // %(key)[-][width][.precision]s|d, plus %% for a literal percent sign.
    static const QRegularExpression placeholder(QStringLiteral("%(%|\\((\\w+)\\)(-?)(\\d*)(?:\\.(\\d+))?([sdrf]))"));
    QString out;
    qsizetype last = 0;
    auto it = placeholder.globalMatch(pattern);
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        out += pattern.mid(last, m.capturedStart() - last);
        last = m.capturedEnd();
        if (m.captured(1) == QLatin1String("%")) {
            out += QLatin1Char('%');
            continue;
        }
        const QString key = m.captured(2);
        QString value;
        if (key == QLatin1String("asctime"))
            value = asctime;
        else if (key == QLatin1String("levelname"))
            value = levelName;
        else if (key == QLatin1String("name"))
            value = name;
        else if (key == QLatin1String("message"))
            value = message;
        else if (key == QLatin1String("levelno"))
            value = QString::number(levelValue(levelName));
        else {
            out += m.captured(0); // unknown attributes stay visible rather than vanish
            continue;
        }
        if (!m.captured(5).isEmpty())
            value = value.left(m.captured(5).toInt());
        const int width = m.captured(4).toInt();
        if (width > 0)
            value = m.captured(3) == QLatin1String("-") ? value.leftJustified(width) : value.rightJustified(width);
        out += value;
    }
    out += pattern.mid(last);
    return out;
}

Result<void> ServiceLog::install(const config::ServiceConfig &config, bool debug)
{
    LogState &s = state();
    QMutexLocker lock(&s.mutex);
    s.consoleFormat = config.consoleLog.format;
    s.fileFormat = config.fileLog.format;
    s.consoleLevel = debug ? 10 : levelValue(config.consoleLog.level);
    s.fileLevel = debug ? 10 : levelValue(config.fileLog.level);
    s.file.reset();
    if (!config.fileLog.filePath.isEmpty()) {
        auto file = std::make_unique<QFile>(config.fileLog.filePath);
        QDir().mkpath(QFileInfo(config.fileLog.filePath).absolutePath());
        if (!file->open(QIODevice::WriteOnly | QIODevice::Append))
            return Error{QStringLiteral("Cannot open the log file %1").arg(config.fileLog.filePath), file->errorString()};
        s.file = std::move(file);
    }
    // Qt filters categories before the handler sees them: let debug through when asked for.
    const int lowest = qMin(s.consoleLevel, s.fileLevel);
    QLoggingCategory::setFilterRules(lowest <= 10 ? QStringLiteral("tbds.*.debug=true") : QStringLiteral("tbds.*.debug=false"));
    s.previous = qInstallMessageHandler(handler);
    return {};
}

void ServiceLog::uninstall()
{
    LogState &s = state();
    qInstallMessageHandler(s.previous);
    QMutexLocker lock(&s.mutex);
    s.file.reset();
}

} // namespace tbds::service
