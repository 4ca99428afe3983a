// SPDX-License-Identifier: Apache-2.0
#include "core/secrets/jirasecretkey.h"

#include <QUrl>

namespace tbds::secrets {

namespace {

const QString kPrefix = QStringLiteral("jira:");

QString escapeUser(const QString &user)
{
    QString out = user;
    out.replace(QLatin1Char('%'), QLatin1String("%25"));
    out.replace(QLatin1Char(':'), QLatin1String("%3A"));
    return out;
}

QString unescapeUser(const QString &escaped)
{
    QString out = escaped;
    out.replace(QLatin1String("%3A"), QLatin1String(":"), Qt::CaseInsensitive);
    out.replace(QLatin1String("%25"), QLatin1String("%"));
    return out;
}

QString stripTrailingSlashes(QString s)
{
    while (s.endsWith(QLatin1Char('/')))
        s.chop(1);
    return s;
}

QString normalisedName(const QString &s)
{
    return s.trimmed().toLower();
}

} // namespace

QString JiraSecretKey::normalisedServerUrl(const QString &serverUrl)
{
    const QString trimmed = serverUrl.trimmed();
    QUrl url(trimmed, QUrl::StrictMode);
    if (!url.isValid() || url.scheme().isEmpty() || url.host().isEmpty())
        return stripTrailingSlashes(trimmed);
    if ((url.scheme() == QLatin1String("https") && url.port() == 443)
        || (url.scheme() == QLatin1String("http") && url.port() == 80))
        url.setPort(-1);
    url = url.adjusted(QUrl::RemoveUserInfo | QUrl::RemoveQuery | QUrl::RemoveFragment
                       | QUrl::NormalizePathSegments | QUrl::StripTrailingSlash);
    return stripTrailingSlashes(url.toString(QUrl::FullyEncoded));
}

QString JiraSecretKey::toString() const
{
    return kPrefix + normalisedServerUrl(serverUrl) + QLatin1Char(':') + normalisedName(authType)
        + QLatin1Char(':') + escapeUser(username) + QLatin1Char(':') + normalisedName(secretName);
}

std::optional<JiraSecretKey> JiraSecretKey::parse(const QString &key)
{
    if (!key.startsWith(kPrefix))
        return std::nullopt;
    // From the right: secret name, user name (':' escaped) and auth type never contain ':'.
    QString rest = key.mid(kPrefix.size());
    QString parts[3];
    for (QString &part : parts) {
        const qsizetype colon = rest.lastIndexOf(QLatin1Char(':'));
        if (colon < 0)
            return std::nullopt;
        part = rest.mid(colon + 1);
        rest.truncate(colon);
    }
    if (rest.isEmpty() || parts[0].isEmpty() || parts[2].isEmpty())
        return std::nullopt;
    return JiraSecretKey{rest, parts[2], unescapeUser(parts[1]), parts[0]};
}

} // namespace tbds::secrets
