<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>JiraConnection</name>
    <message>
        <location filename="../ui/models/jiraconnection.cpp" line="11"/>
        <source>The configuration has errors. Fix them on the Configuration page first.</source>
        <translation>Die Konfiguration enthält Fehler. Beheben Sie sie zuerst auf der Seite Konfiguration.</translation>
    </message>
    <message>
        <location filename="../ui/models/jiraconnection.cpp" line="13"/>
        <source>This configuration uses the JSONL client, which keeps defects in files. There is no Jira to talk to; switch client_class to the Jira client on the Configuration page to use this page.</source>
        <translation>Diese Konfiguration nutzt den JSONL-Client, der Fehler in Dateien verwaltet. Es gibt kein Jira, mit dem kommuniziert werden könnte; stellen Sie client_class auf der Seite Konfiguration auf den Jira-Client um, um diese Seite zu nutzen.</translation>
    </message>
    <message>
        <location filename="../ui/models/jiraconnection.cpp" line="16"/>
        <source>client_config.server_url is empty. Enter the address of your Jira on the Configuration page.</source>
        <translation>client_config.server_url ist leer. Geben Sie auf der Seite Konfiguration die Adresse Ihres Jira ein.</translation>
    </message>
</context>
<context>
    <name>JiraError</name>
    <message>
        <location filename="../core/jira/jiracall.cpp" line="22"/>
        <location filename="../core/jira/jiraerror.cpp" line="308"/>
        <source>The Jira request was cancelled (%1).</source>
        <translation>Die Jira-Anfrage wurde abgebrochen (%1).</translation>
    </message>
    <message>
        <location filename="../core/jira/jiraclient.cpp" line="115"/>
        <source>The Jira server_url &apos;%1&apos; is not an http(s) URL</source>
        <translation>Die Jira-server_url &apos;%1&apos; ist keine http(s)-URL</translation>
    </message>
    <message>
        <location filename="../core/jira/jiraclient.cpp" line="419"/>
        <source>Jira lists no issue types to create in project %1: it does not exist or the account lacks Create Issues.</source>
        <translation>Jira nennt keine Vorgangstypen, die im Projekt %1 angelegt werden können: Es existiert nicht, oder dem Konto fehlt die Berechtigung „Vorgänge erstellen“.</translation>
    </message>
    <message>
        <location filename="../core/jira/jiraclient.cpp" line="450"/>
        <source>Jira has no create screen for issue type %1 in project %2.</source>
        <translation>Jira hat keine Erstellungsmaske für den Vorgangstyp %1 im Projekt %2.</translation>
    </message>
    <message>
        <location filename="../core/jira/jiraerror.cpp" line="68"/>
        <source>The TLS certificate of %1 is not trusted (self-signed or issued by an unknown certificate authority). Set ssl_ca_cert_path to the CA certificate that issued it, or verify_ssl = false for a test system only.</source>
        <translation>Dem TLS-Zertifikat von %1 wird nicht vertraut (selbst signiert oder von einer unbekannten Zertifizierungsstelle ausgestellt). Setzen Sie ssl_ca_cert_path auf das ausstellende CA-Zertifikat oder verify_ssl = false, aber nur für ein Testsystem.</translation>
    </message>
    <message>
        <location filename="../core/jira/jiraerror.cpp" line="74"/>
        <source>The TLS certificate of %1 expired on %2. The Jira administrator must renew it.</source>
        <translation>Das TLS-Zertifikat von %1 ist am %2 abgelaufen. Der Jira-Administrator muss es erneuern.</translation>
    </message>
    <message>
        <location filename="../core/jira/jiraerror.cpp" line="78"/>
        <source>The TLS certificate of %1 is not valid before %2. Check this computer&apos;s clock.</source>
        <translation>Das TLS-Zertifikat von %1 ist erst ab %2 gültig. Prüfen Sie die Uhr dieses Computers.</translation>
    </message>
    <message>
        <location filename="../core/jira/jiraerror.cpp" line="85"/>
        <source>The TLS certificate presented by %1 is issued for another host name (%2). Use the host name the certificate names in server_url.</source>
        <translation>Das von %1 vorgelegte TLS-Zertifikat ist für einen anderen Hostnamen ausgestellt (%2). Verwenden Sie in server_url den Hostnamen, den das Zertifikat nennt.</translation>
    </message>
    <message>
        <location filename="../core/jira/jiraerror.cpp" line="91"/>
        <source>The TLS certificate of %1 has been revoked.</source>
        <translation>Das TLS-Zertifikat von %1 wurde widerrufen.</translation>
    </message>
    <message>
        <location filename="../core/jira/jiraerror.cpp" line="94"/>
        <source>The TLS handshake with %1 failed. The server may require a client certificate (client_cert_path, client_key_path) or speak no TLS version this computer accepts.</source>
        <translation>Der TLS-Handshake mit %1 ist fehlgeschlagen. Der Server verlangt vielleicht ein Client-Zertifikat (client_cert_path, client_key_path) oder spricht keine TLS-Version, die dieser Computer akzeptiert.</translation>
    </message>
    <message>
        <location filename="../core/jira/jiraerror.cpp" line="99"/>
        <source>The TLS certificate of %1 was rejected: %2</source>
        <translation>Das TLS-Zertifikat von %1 wurde abgelehnt: %2</translation>
    </message>
    <message>
        <location filename="../core/jira/jiraerror.cpp" line="108"/>
        <source>one retry</source>
        <translation>einem Wiederholungsversuch</translation>
    </message>
    <message>
        <location filename="../core/jira/jiraerror.cpp" line="108"/>
        <source>%1 retries</source>
        <translation>%1 Wiederholungsversuchen</translation>
    </message>
    <message>
        <location filename="../core/jira/jiraerror.cpp" line="143"/>
        <source>Jira no longer accepts the OAuth access token (%1): it expired or was revoked. Authorize the application link again to get a new access token.</source>
        <translation>Jira akzeptiert das OAuth-Zugriffstoken nicht mehr (%1): Es ist abgelaufen oder wurde widerrufen. Autorisieren Sie den Anwendungslink erneut, um ein neues Zugriffstoken zu erhalten.</translation>
    </message>
    <message>
        <location filename="../core/jira/jiraerror.cpp" line="147"/>
        <source>Jira rejected the OAuth signature: the private key does not match the public key of the application link, or a proxy changed the request URL.</source>
        <translation>Jira hat die OAuth-Signatur abgelehnt: Der private Schlüssel passt nicht zum öffentlichen Schlüssel des Anwendungslinks, oder ein Proxy hat die Anfrage-URL verändert.</translation>
    </message>
    <message>
        <location filename="../core/jira/jiraerror.cpp" line="150"/>
        <source>Jira does not know the OAuth consumer key. Check oauth1_consumer_key against the incoming authentication of the application link.</source>
        <translation>Jira kennt den OAuth-Consumer-Key nicht. Vergleichen Sie oauth1_consumer_key mit der eingehenden Authentifizierung des Anwendungslinks.</translation>
    </message>
    <message>
        <location filename="../core/jira/jiraerror.cpp" line="153"/>
        <source>Jira refused the OAuth timestamp: this computer&apos;s clock differs too much from the server&apos;s. Synchronise the clock (NTP).</source>
        <translation>Jira hat den OAuth-Zeitstempel abgelehnt: Die Uhr dieses Computers weicht zu stark von der des Servers ab. Synchronisieren Sie die Uhr (NTP).</translation>
    </message>
    <message>
        <location filename="../core/jira/jiraerror.cpp" line="156"/>
        <source>Jira saw the OAuth nonce before (a replayed request). Try again.</source>
        <translation>Jira kannte die OAuth-Nonce bereits (eine wiederholte Anfrage). Versuchen Sie es erneut.</translation>
    </message>
    <message>
        <location filename="../core/jira/jiraerror.cpp" line="158"/>
        <source>Jira rejected the OAuth 1.0a credentials (HTTP 401). Check the consumer key, access token and private key.</source>
        <translation>Jira hat die OAuth-1.0a-Zugangsdaten abgelehnt (HTTP 401). Prüfen Sie Consumer-Key, Zugriffstoken und privaten Schlüssel.</translation>
    </message>
    <message>
        <location filename="../core/jira/jiraerror.cpp" line="170"/>
        <source>The Jira personal access token has expired or was revoked. Create a new one in your Jira profile (Personal Access Tokens) and update the configuration.</source>
        <translation>Das persönliche Jira-Zugriffstoken ist abgelaufen oder wurde widerrufen. Erstellen Sie in Ihrem Jira-Profil (Personal Access Tokens) ein neues und aktualisieren Sie die Konfiguration.</translation>
    </message>
    <message>
        <location filename="../core/jira/jiraerror.cpp" line="172"/>
        <source>The Jira API token has expired or was revoked. Create a new one at id.atlassian.com (Security, API tokens) and update the configuration.</source>
        <translation>Das Jira-API-Token ist abgelaufen oder wurde widerrufen. Erstellen Sie unter id.atlassian.com (Sicherheit, API-Tokens) ein neues und aktualisieren Sie die Konfiguration.</translation>
    </message>
    <message>
        <location filename="../core/jira/jiraerror.cpp" line="177"/>
        <source>Jira no longer accepts the username and password that worked before (HTTP 401): the password was probably changed or the account disabled.</source>
        <translation>Jira akzeptiert Benutzername und Passwort nicht mehr, die zuvor funktioniert haben (HTTP 401): Vermutlich wurde das Passwort geändert oder das Konto deaktiviert.</translation>
    </message>
    <message>
        <location filename="../core/jira/jiraerror.cpp" line="182"/>
        <source>Jira rejected the personal access token (HTTP 401): it is wrong, revoked or expired. Personal access tokens work on Jira Data Center only.</source>
        <translation>Jira hat das persönliche Zugriffstoken abgelehnt (HTTP 401): Es ist falsch, widerrufen oder abgelaufen. Persönliche Zugriffstoken funktionieren nur mit Jira Data Center.</translation>
    </message>
    <message>
        <location filename="../core/jira/jiraerror.cpp" line="185"/>
        <source>Jira Cloud rejected the credentials (HTTP 401). Use your Atlassian account e-mail as username and an API token (not your password) as password; API tokens expire, so create a new one if this worked before.</source>
        <translation>Jira Cloud hat die Zugangsdaten abgelehnt (HTTP 401). Verwenden Sie die E-Mail-Adresse Ihres Atlassian-Kontos als Benutzernamen und ein API-Token (nicht Ihr Passwort) als Passwort; API-Tokens laufen ab, erstellen Sie also ein neues, wenn es vorher funktioniert hat.</translation>
    </message>
    <message>
        <location filename="../core/jira/jiraerror.cpp" line="189"/>
        <source>Jira rejected the username or password (HTTP 401). Several failed logins in a row make Jira demand a CAPTCHA, so check the credentials before trying again.</source>
        <translation>Jira hat Benutzername oder Passwort abgelehnt (HTTP 401). Nach mehreren fehlgeschlagenen Anmeldungen verlangt Jira ein CAPTCHA; prüfen Sie daher die Zugangsdaten, bevor Sie es erneut versuchen.</translation>
    </message>
    <message>
        <location filename="../core/jira/jiraerror.cpp" line="284"/>
        <source>Jira&apos;s answer to %1 is not the expected JSON (HTTP %2, Content-Type &apos;%3&apos;). server_url may point at a proxy or login page rather than Jira.</source>
        <translation>Die Antwort von Jira auf %1 ist nicht das erwartete JSON (HTTP %2, Content-Type &apos;%3&apos;). server_url zeigt möglicherweise auf einen Proxy oder eine Anmeldeseite statt auf Jira.</translation>
    </message>
    <message>
        <location filename="../core/jira/jiraerror.cpp" line="317"/>
        <source>The Jira server %1 could not be found (DNS lookup failed). Check server_url and this computer&apos;s network and proxy settings.</source>
        <translation>Der Jira-Server %1 wurde nicht gefunden (DNS-Auflösung fehlgeschlagen). Prüfen Sie server_url sowie die Netzwerk- und Proxy-Einstellungen dieses Computers.</translation>
    </message>
    <message>
        <location filename="../core/jira/jiraerror.cpp" line="323"/>
        <source>The Jira server %1 refused the connection. Check the port in server_url and that Jira is running.</source>
        <translation>Der Jira-Server %1 hat die Verbindung abgelehnt. Prüfen Sie den Port in server_url und ob Jira läuft.</translation>
    </message>
    <message>
        <location filename="../core/jira/jiraerror.cpp" line="330"/>
        <source>Jira did not answer within %1 seconds (%2). The server may be overloaded or unreachable; raise &apos;timeout&apos; if it is merely slow.</source>
        <translation>Jira hat nicht innerhalb von %1 Sekunden geantwortet (%2). Der Server ist vielleicht überlastet oder nicht erreichbar; erhöhen Sie &apos;timeout&apos;, wenn er nur langsam ist.</translation>
    </message>
    <message>
        <location filename="../core/jira/jiraerror.cpp" line="344"/>
        <source>The proxy this computer uses to reach %1 failed, so Jira was never asked (%2).</source>
        <translation>Der Proxy, über den dieser Rechner %1 erreicht, ist gescheitert; Jira wurde gar nicht erst gefragt (%2).</translation>
    </message>
    <message>
        <location filename="../core/jira/jiraerror.cpp" line="348"/>
        <source>Jira sent no HTTP response (%1).</source>
        <translation>Jira hat keine HTTP-Antwort gesendet (%1).</translation>
    </message>
    <message>
        <location filename="../core/jira/jiraerror.cpp" line="353"/>
        <source>The connection to the Jira server %1 failed (%2).</source>
        <translation>Die Verbindung zum Jira-Server %1 ist fehlgeschlagen (%2).</translation>
    </message>
    <message>
        <location filename="../core/jira/jiraerror.cpp" line="365"/>
        <source>the Jira web page</source>
        <translation>der Jira-Webseite</translation>
    </message>
    <message>
        <location filename="../core/jira/jiraerror.cpp" line="367"/>
        <source>Jira demands a CAPTCHA after too many failed logins, so it refuses the REST login without checking the password. Log in once in a web browser at %1 to clear it, and check the credentials first.</source>
        <translation>Jira verlangt nach zu vielen fehlgeschlagenen Anmeldungen ein CAPTCHA und lehnt daher die REST-Anmeldung ab, ohne das Passwort zu prüfen. Melden Sie sich einmal im Webbrowser unter %1 an, um es aufzuheben, und prüfen Sie vorher die Zugangsdaten.</translation>
    </message>
    <message>
        <location filename="../core/jira/jiraerror.cpp" line="388"/>
        <source>Jira answered with a redirect (HTTP %1) to %2. Check server_url (http or https, the context path such as /jira) or whether a single sign-on proxy is in the way.</source>
        <translation>Jira hat mit einer Umleitung (HTTP %1) nach %2 geantwortet. Prüfen Sie server_url (http oder https, den Kontextpfad wie /jira) oder ob ein Single-Sign-on-Proxy dazwischensteht.</translation>
    </message>
    <message>
        <location filename="../core/jira/jiraerror.cpp" line="391"/>
        <source>an unknown location</source>
        <translation>einen unbekannten Ort</translation>
    </message>
    <message>
        <location filename="../core/jira/jiraerror.cpp" line="401"/>
        <source>Jira rejected the request because of a conflicting update (HTTP 409).</source>
        <translation>Jira hat die Anfrage wegen einer widersprüchlichen Änderung abgelehnt (HTTP 409).</translation>
    </message>
    <message>
        <location filename="../core/jira/jiraerror.cpp" line="403"/>
        <source>Jira rejected the request as too large (HTTP 413): an attachment exceeds the size or count limit.</source>
        <translation>Jira hat die Anfrage als zu groß abgelehnt (HTTP 413): Ein Anhang überschreitet die Größen- oder Anzahlgrenze.</translation>
    </message>
    <message>
        <location filename="../core/jira/jiraerror.cpp" line="406"/>
        <source>Jira could not process the request because of its configuration (HTTP 422).</source>
        <translation>Jira konnte die Anfrage wegen seiner Konfiguration nicht verarbeiten (HTTP 422).</translation>
    </message>
    <message>
        <location filename="../core/jira/jiraerror.cpp" line="408"/>
        <source>Jira rejected the request (HTTP 400, %1).</source>
        <translation>Jira hat die Anfrage abgelehnt (HTTP 400, %1).</translation>
    </message>
    <message>
        <location filename="../core/jira/jiraerror.cpp" line="416"/>
        <source>Jira blocked the request as cross-site request forgery (XSRF check failed). A proxy may strip the X-Atlassian-Token header.</source>
        <translation>Jira hat die Anfrage als Cross-Site Request Forgery blockiert (XSRF-Prüfung fehlgeschlagen). Vielleicht entfernt ein Proxy den Header X-Atlassian-Token.</translation>
    </message>
    <message>
        <location filename="../core/jira/jiraerror.cpp" line="420"/>
        <source>Jira refused %1 (HTTP 403): the account is signed in but lacks the permission for it. Ask a Jira administrator to grant it in the project&apos;s permission scheme.</source>
        <translation>Jira hat %1 verweigert (HTTP 403): Das Konto ist angemeldet, hat aber nicht die nötige Berechtigung. Bitten Sie einen Jira-Administrator, sie im Berechtigungsschema des Projekts zu erteilen.</translation>
    </message>
    <message>
        <location filename="../core/jira/jiraerror.cpp" line="426"/>
        <source>Jira could not find what %1 asked for (HTTP 404): it does not exist or this account may not see it.</source>
        <translation>Jira hat nicht gefunden, was %1 angefragt hat (HTTP 404): Es existiert nicht, oder dieses Konto darf es nicht sehen.</translation>
    </message>
    <message>
        <location filename="../core/jira/jiraerror.cpp" line="429"/>
        <source>The address does not lead to the Jira REST API (HTTP 404, %1). Check server_url, including a context path such as /jira.</source>
        <translation>Die Adresse führt nicht zur Jira-REST-API (HTTP 404, %1). Prüfen Sie server_url einschließlich eines Kontextpfads wie /jira.</translation>
    </message>
    <message>
        <location filename="../core/jira/jiraerror.cpp" line="433"/>
        <source>Jira has removed this REST API (HTTP 410, %1). This client version uses an endpoint Atlassian retired; please report it.</source>
        <translation>Jira hat diese REST-API entfernt (HTTP 410, %1). Diese Client-Version verwendet einen Endpunkt, den Atlassian abgeschaltet hat; bitte melden Sie das.</translation>
    </message>
    <message>
        <location filename="../core/jira/jiraerror.cpp" line="438"/>
        <source> Jira asked to wait %1 s.</source>
        <translation> Jira hat gebeten, %1 s zu warten.</translation>
    </message>
    <message>
        <location filename="../core/jira/jiraerror.cpp" line="441"/>
        <source>Jira is rate-limiting requests (HTTP 429). %1 was not repeated automatically because repeating it could do the change twice; try again in a moment.%2</source>
        <translation>Jira drosselt die Anfragen (HTTP 429). %1 wurde nicht automatisch wiederholt, weil eine Wiederholung die Änderung doppelt ausführen könnte; versuchen Sie es gleich noch einmal.%2</translation>
    </message>
    <message>
        <location filename="../core/jira/jiraerror.cpp" line="446"/>
        <source>Jira is rate-limiting requests (HTTP 429) and still was after %1. Wait a moment and try again.</source>
        <translation>Jira drosselt die Anfragen (HTTP 429), auch noch nach %1. Warten Sie einen Moment und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <location filename="../core/jira/jiraerror.cpp" line="456"/>
        <source>Jira is unavailable (HTTP 503) and still was after %1.</source>
        <translation>Jira ist nicht verfügbar (HTTP 503), auch noch nach %1.</translation>
    </message>
    <message>
        <location filename="../core/jira/jiraerror.cpp" line="458"/>
        <source>Jira reported a server error (HTTP %1, %2). This is a problem on the Jira side; try again later or ask its administrator.</source>
        <translation>Jira hat einen Serverfehler gemeldet (HTTP %1, %2). Das ist ein Problem auf der Jira-Seite; versuchen Sie es später erneut oder fragen Sie den Administrator.</translation>
    </message>
    <message>
        <location filename="../core/jira/jiraerror.cpp" line="463"/>
        <source>Jira answered %1 with HTTP %2.</source>
        <translation>Jira hat %1 mit HTTP %2 beantwortet.</translation>
    </message>
    <message>
        <location filename="../core/jira/jqlsearch.cpp" line="43"/>
        <source>The Jira search was cancelled.</source>
        <translation>Die Jira-Suche wurde abgebrochen.</translation>
    </message>
    <message>
        <location filename="../core/jira/jqlsearch.cpp" line="49"/>
        <source>The Jira client was shut down.</source>
        <translation>Der Jira-Client wurde beendet.</translation>
    </message>
    <message>
        <location filename="../core/jira/jqlsearch.cpp" line="108"/>
        <source>Jira returned the same search page token twice; stopped to avoid an endless loop.</source>
        <translation>Jira hat dasselbe Token für die Suchseite zweimal geliefert; abgebrochen, um eine Endlosschleife zu vermeiden.</translation>
    </message>
</context>
<context>
    <name>KeychainLookup</name>
    <message>
        <location filename="../app/keychainlookup.cpp" line="50"/>
        <source>%1: note: the OS keychain could not be read (%2); using the environment and the file.</source>
        <translation>%1: Hinweis: Der Schlüsselbund des Systems konnte nicht gelesen werden (%2); Umgebung und Datei werden verwendet.</translation>
    </message>
</context>
<context>
    <name>ServiceCli</name>
    <message>
        <location filename="../app/servicecli.cpp" line="89"/>
        <source>Usage: tbds-service &lt;command&gt; [options]

The TestBench Defect Service engine and its administration commands.

Commands:
  start             Serve the defect service API (see &apos;tbds-service start --help&apos;).
  check-config      Validate a config.toml and print the effective settings, secrets masked.
  set-credentials   Set the Basic-auth user TestBench&apos;s DMProxy logs in with.

Options:
  -h, --help        Show this help (or a command&apos;s help after the command).
  -v, --version     Show the version.
</source>
        <translation>Aufruf: tbds-service &lt;Befehl&gt; [Optionen]

Der TestBench-Defect-Service und seine Verwaltungsbefehle.

Befehle:
  start             Die API des Defect-Service bereitstellen (siehe &apos;tbds-service start --help&apos;).
  check-config      Eine config.toml prüfen und die wirksamen Einstellungen ausgeben, Geheimnisse maskiert.
  set-credentials   Den Basic-Auth-Benutzer setzen, mit dem sich DMProxy von TestBench anmeldet.

Optionen:
  -h, --help        Diese Hilfe anzeigen (oder nach einem Befehl dessen Hilfe).
  -v, --version     Die Version anzeigen.
</translation>
    </message>
    <message>
        <location filename="../app/servicecli.cpp" line="136"/>
        <source>tbds-service: unknown command &apos;%1&apos;</source>
        <translation>tbds-service: unbekannter Befehl &apos;%1&apos;</translation>
    </message>
    <message>
        <location filename="../app/servicecli.cpp" line="163"/>
        <source>tbds-service %1: unexpected argument &apos;%2&apos;</source>
        <translation>tbds-service %1: unerwartetes Argument &apos;%2&apos;</translation>
    </message>
    <message>
        <location filename="../app/servicecli.cpp" line="174"/>
        <source>The config.toml to check.</source>
        <translation>Die zu prüfende config.toml.</translation>
    </message>
    <message>
        <location filename="../app/servicecli.cpp" line="174"/>
        <location filename="../app/servicecli.cpp" line="179"/>
        <location filename="../app/servicecli.cpp" line="212"/>
        <source>file</source>
        <translation>Datei</translation>
    </message>
    <message>
        <location filename="../app/servicecli.cpp" line="176"/>
        <source>Use this client class instead of the file&apos;s.</source>
        <translation>Diese Client-Klasse statt der aus der Datei verwenden.</translation>
    </message>
    <message>
        <location filename="../app/servicecli.cpp" line="177"/>
        <source>class</source>
        <translation>Klasse</translation>
    </message>
    <message>
        <location filename="../app/servicecli.cpp" line="178"/>
        <source>Read the client configuration from this file.</source>
        <translation>Die Client-Konfiguration aus dieser Datei lesen.</translation>
    </message>
    <message>
        <location filename="../app/servicecli.cpp" line="181"/>
        <source>Do not read Jira secrets from the OS keychain (environment and file only).</source>
        <translation>Jira-Geheimnisse nicht aus dem Schlüsselbund des Systems lesen (nur Umgebung und Datei).</translation>
    </message>
    <message>
        <location filename="../app/servicecli.cpp" line="183"/>
        <source>Validate a config.toml and print the effective configuration, secrets masked.</source>
        <translation>Eine config.toml prüfen und die wirksame Konfiguration ausgeben, Geheimnisse maskiert.</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/servicecli.cpp" line="200"/>
        <source>%n error(s); the configuration cannot be used.</source>
        <translation>
            <numerusform>%n Fehler; die Konfiguration kann nicht verwendet werden.</numerusform>
            <numerusform>%n Fehler; die Konfiguration kann nicht verwendet werden.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/servicecli.cpp" line="203"/>
        <source>Effective configuration of %1</source>
        <translation>Wirksame Konfiguration von %1</translation>
    </message>
    <message>
        <location filename="../app/servicecli.cpp" line="212"/>
        <source>The config.toml to change.</source>
        <translation>Die zu ändernde config.toml.</translation>
    </message>
    <message>
        <location filename="../app/servicecli.cpp" line="214"/>
        <source>The user name DMProxy sends.</source>
        <translation>Der Benutzername, den DMProxy sendet.</translation>
    </message>
    <message>
        <location filename="../app/servicecli.cpp" line="214"/>
        <source>name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../app/servicecli.cpp" line="216"/>
        <source>The password (visible in the process list; prefer --password-stdin).</source>
        <translation>Das Passwort (in der Prozessliste sichtbar; besser --password-stdin verwenden).</translation>
    </message>
    <message>
        <location filename="../app/servicecli.cpp" line="217"/>
        <source>password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <location filename="../app/servicecli.cpp" line="218"/>
        <source>Read the password from standard input.</source>
        <translation>Das Passwort von der Standardeingabe lesen.</translation>
    </message>
    <message>
        <location filename="../app/servicecli.cpp" line="220"/>
        <source>Set password_hash and salt for the service&apos;s Basic authentication; nothing else in the file changes.</source>
        <translation>password_hash und salt für die Basic-Authentifizierung des Dienstes setzen; sonst ändert sich nichts in der Datei.</translation>
    </message>
    <message>
        <location filename="../app/servicecli.cpp" line="226"/>
        <source>tbds-service set-credentials: use either --password or --password-stdin, not both</source>
        <translation>tbds-service set-credentials: entweder --password oder --password-stdin verwenden, nicht beides</translation>
    </message>
    <message>
        <location filename="../app/servicecli.cpp" line="232"/>
        <source>tbds-service set-credentials: --username is required</source>
        <translation>tbds-service set-credentials: --username ist erforderlich</translation>
    </message>
    <message>
        <location filename="../app/servicecli.cpp" line="235"/>
        <source>Username [admin]: </source>
        <translation>Benutzername [admin]: </translation>
    </message>
    <message>
        <location filename="../app/servicecli.cpp" line="247"/>
        <source>Password: </source>
        <translation>Passwort: </translation>
    </message>
    <message>
        <location filename="../app/servicecli.cpp" line="250"/>
        <source>Repeat password: </source>
        <translation>Passwort wiederholen: </translation>
    </message>
    <message>
        <location filename="../app/servicecli.cpp" line="253"/>
        <source>tbds-service set-credentials: the passwords do not match; nothing was changed</source>
        <translation>tbds-service set-credentials: Die Passwörter stimmen nicht überein; nichts wurde geändert</translation>
    </message>
    <message>
        <location filename="../app/servicecli.cpp" line="258"/>
        <source>tbds-service set-credentials: the password must not be empty; nothing was changed</source>
        <translation>tbds-service set-credentials: Das Passwort darf nicht leer sein; nichts wurde geändert</translation>
    </message>
    <message>
        <location filename="../app/servicecli.cpp" line="265"/>
        <source>tbds-service set-credentials: cannot read %1: %2</source>
        <translation>tbds-service set-credentials: %1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <location filename="../app/servicecli.cpp" line="275"/>
        <location filename="../app/servicecli.cpp" line="287"/>
        <location filename="../app/servicecli.cpp" line="299"/>
        <source>tbds-service set-credentials: %1; nothing was changed</source>
        <translation>tbds-service set-credentials: %1; nichts wurde geändert</translation>
    </message>
    <message>
        <location filename="../app/servicecli.cpp" line="280"/>
        <source>tbds-service set-credentials: %1 has no [testbench-defect-service] table; nothing was changed</source>
        <translation>tbds-service set-credentials: %1 hat keine Tabelle [testbench-defect-service]; nichts wurde geändert</translation>
    </message>
    <message>
        <location filename="../app/servicecli.cpp" line="293"/>
        <location filename="../app/servicecli.cpp" line="305"/>
        <source>tbds-service set-credentials: %1</source>
        <translation>tbds-service set-credentials: %1</translation>
    </message>
    <message>
        <location filename="../app/servicecli.cpp" line="308"/>
        <source>Service credentials for user &apos;%1&apos; written to %2 (previous file kept as %2.bak).</source>
        <translation>Dienst-Zugangsdaten für den Benutzer &apos;%1&apos; in %2 geschrieben (vorherige Datei als %2.bak aufbewahrt).</translation>
    </message>
</context>
<context>
    <name>StartCommand</name>
    <message>
        <location filename="../app/startcommand.cpp" line="92"/>
        <source>Serve the TestBench defect service API.</source>
        <translation>Die API des TestBench-Defect-Service bereitstellen.</translation>
    </message>
    <message>
        <location filename="../app/startcommand.cpp" line="94"/>
        <source>The config.toml to serve.</source>
        <translation>Die zu verwendende config.toml.</translation>
    </message>
    <message>
        <location filename="../app/startcommand.cpp" line="94"/>
        <location filename="../app/startcommand.cpp" line="97"/>
        <location filename="../app/startcommand.cpp" line="101"/>
        <location filename="../app/startcommand.cpp" line="102"/>
        <location filename="../app/startcommand.cpp" line="104"/>
        <source>file</source>
        <translation>Datei</translation>
    </message>
    <message>
        <location filename="../app/startcommand.cpp" line="96"/>
        <source>Client class instead of the file&apos;s.</source>
        <translation>Client-Klasse statt der aus der Datei.</translation>
    </message>
    <message>
        <location filename="../app/startcommand.cpp" line="96"/>
        <source>class</source>
        <translation>Klasse</translation>
    </message>
    <message>
        <location filename="../app/startcommand.cpp" line="97"/>
        <source>Client configuration file.</source>
        <translation>Client-Konfigurationsdatei.</translation>
    </message>
    <message>
        <location filename="../app/startcommand.cpp" line="98"/>
        <source>Address to listen on (default from the file, else 127.0.0.1).</source>
        <translation>Adresse, auf der gelauscht wird (Vorgabe aus der Datei, sonst 127.0.0.1).</translation>
    </message>
    <message>
        <location filename="../app/startcommand.cpp" line="99"/>
        <source>host</source>
        <translation>Host</translation>
    </message>
    <message>
        <location filename="../app/startcommand.cpp" line="100"/>
        <source>Port to listen on; 0 picks a free port.</source>
        <translation>Port, auf dem gelauscht wird; 0 wählt einen freien Port.</translation>
    </message>
    <message>
        <location filename="../app/startcommand.cpp" line="100"/>
        <source>port</source>
        <translation>Port</translation>
    </message>
    <message>
        <location filename="../app/startcommand.cpp" line="101"/>
        <source>TLS certificate (PEM).</source>
        <translation>TLS-Zertifikat (PEM).</translation>
    </message>
    <message>
        <location filename="../app/startcommand.cpp" line="102"/>
        <source>TLS private key (PEM).</source>
        <translation>Privater TLS-Schlüssel (PEM).</translation>
    </message>
    <message>
        <location filename="../app/startcommand.cpp" line="103"/>
        <source>CA for client certificates (enables mutual TLS).</source>
        <translation>CA für Client-Zertifikate (aktiviert gegenseitiges TLS).</translation>
    </message>
    <message>
        <location filename="../app/startcommand.cpp" line="105"/>
        <source>Debug logging.</source>
        <translation>Debug-Protokollierung.</translation>
    </message>
    <message>
        <location filename="../app/startcommand.cpp" line="107"/>
        <source>Do not read Jira secrets from the OS keychain (environment and file only).</source>
        <translation>Jira-Geheimnisse nicht aus dem Schlüsselbund des Systems lesen (nur Umgebung und Datei).</translation>
    </message>
    <message>
        <location filename="../app/startcommand.cpp" line="123"/>
        <source>tbds-service start: --port must be a number from 0 to 65535, got &apos;%1&apos;</source>
        <translation>tbds-service start: --port muss eine Zahl von 0 bis 65535 sein, erhalten: &apos;%1&apos;</translation>
    </message>
    <message>
        <location filename="../app/startcommand.cpp" line="131"/>
        <source>tbds-service start: --%1: file not found: &apos;%2&apos;</source>
        <translation>tbds-service start: --%1: Datei nicht gefunden: &apos;%2&apos;</translation>
    </message>
    <message>
        <location filename="../app/startcommand.cpp" line="148"/>
        <source>tbds-service start: the configuration has errors; not starting.</source>
        <translation>tbds-service start: Die Konfiguration enthält Fehler; es wird nicht gestartet.</translation>
    </message>
    <message>
        <location filename="../app/startcommand.cpp" line="162"/>
        <source>tbds-service start: %1</source>
        <translation>tbds-service start: %1</translation>
    </message>
    <message>
        <location filename="../app/startcommand.cpp" line="174"/>
        <source>Error: %1</source>
        <translation>Fehler: %1</translation>
    </message>
</context>
<context>
    <name>WindowsService</name>
    <message>
        <location filename="../app/windowsservice.cpp" line="195"/>
        <source>
Windows service:
  install-service   Register tbds-service as a Windows service (run as administrator).
  uninstall-service Stop and remove that service.
</source>
        <translation>
Windows-Dienst:
  install-service   tbds-service als Windows-Dienst registrieren (als Administrator ausführen).
  uninstall-service Diesen Dienst beenden und entfernen.
</translation>
    </message>
    <message>
        <location filename="../app/windowsservice.cpp" line="208"/>
        <source>tbds-service --service: %1</source>
        <translation>tbds-service --service: %1</translation>
    </message>
    <message>
        <location filename="../app/windowsservice.cpp" line="238"/>
        <source>tbds-service: --service is for the Windows Service Control Manager. Register the service with &apos;tbds-service install-service&apos;, or run the engine in this console with &apos;tbds-service start&apos;.</source>
        <translation>tbds-service: --service ist für den Windows-Dienststeuerungs-Manager (Service Control Manager) gedacht. Registrieren Sie den Dienst mit &apos;tbds-service install-service&apos; oder führen Sie die Engine in dieser Konsole mit &apos;tbds-service start&apos; aus.</translation>
    </message>
    <message>
        <location filename="../app/windowsservice.cpp" line="243"/>
        <source>tbds-service: cannot connect to the Service Control Manager: %1</source>
        <translation>tbds-service: Keine Verbindung zum Dienststeuerungs-Manager möglich: %1</translation>
    </message>
    <message>
        <location filename="../app/windowsservice.cpp" line="250"/>
        <source>%1 cannot register with the Service Control Manager: %2</source>
        <translation>%1 kann sich nicht beim Dienststeuerungs-Manager registrieren: %2</translation>
    </message>
    <message>
        <location filename="../app/windowsservice.cpp" line="270"/>
        <source>%1 started: %2</source>
        <translation>%1 gestartet: %2</translation>
    </message>
    <message>
        <location filename="../app/windowsservice.cpp" line="273"/>
        <source>%1 configuration warnings:
%2</source>
        <translation>Konfigurationswarnungen von %1:
%2</translation>
    </message>
    <message>
        <location filename="../app/windowsservice.cpp" line="284"/>
        <source>%1 stopped.</source>
        <translation>%1 beendet.</translation>
    </message>
    <message>
        <location filename="../app/windowsservice.cpp" line="287"/>
        <source>%1 stopped with exit code %2:
%3</source>
        <translation>%1 mit Exitcode %2 beendet:
%3</translation>
    </message>
    <message>
        <location filename="../app/windowsservice.cpp" line="300"/>
        <source>Register tbds-service as a Windows service that runs &apos;tbds-service start&apos; with the given configuration. Run it as administrator. Options after -- are passed on to &apos;start&apos;.</source>
        <translation>tbds-service als Windows-Dienst registrieren, der &apos;tbds-service start&apos; mit der angegebenen Konfiguration ausführt. Als Administrator ausführen. Optionen nach -- werden an &apos;start&apos; weitergegeben.</translation>
    </message>
    <message>
        <location filename="../app/windowsservice.cpp" line="304"/>
        <source>The config.toml the service reads.</source>
        <translation>Die config.toml, die der Dienst liest.</translation>
    </message>
    <message>
        <location filename="../app/windowsservice.cpp" line="304"/>
        <source>file</source>
        <translation>Datei</translation>
    </message>
    <message>
        <location filename="../app/windowsservice.cpp" line="306"/>
        <location filename="../app/windowsservice.cpp" line="439"/>
        <source>The service name.</source>
        <translation>Der Dienstname.</translation>
    </message>
    <message>
        <location filename="../app/windowsservice.cpp" line="306"/>
        <location filename="../app/windowsservice.cpp" line="439"/>
        <source>name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../app/windowsservice.cpp" line="309"/>
        <source>The name shown in the Services console.</source>
        <translation>Der Name, der in der Dienste-Konsole angezeigt wird.</translation>
    </message>
    <message>
        <location filename="../app/windowsservice.cpp" line="310"/>
        <source>text</source>
        <translation>Text</translation>
    </message>
    <message>
        <location filename="../app/windowsservice.cpp" line="312"/>
        <source>The account the service runs as (an account with a password needs --password-stdin).</source>
        <translation>Das Konto, unter dem der Dienst läuft (ein Konto mit Passwort erfordert --password-stdin).</translation>
    </message>
    <message>
        <location filename="../app/windowsservice.cpp" line="314"/>
        <source>account</source>
        <translation>Konto</translation>
    </message>
    <message>
        <location filename="../app/windowsservice.cpp" line="315"/>
        <source>Read the account&apos;s password from standard input.</source>
        <translation>Das Passwort des Kontos von der Standardeingabe lesen.</translation>
    </message>
    <message>
        <location filename="../app/windowsservice.cpp" line="316"/>
        <source>When the service starts: auto, delayed or demand.</source>
        <translation>Wann der Dienst startet: auto, delayed oder demand.</translation>
    </message>
    <message>
        <location filename="../app/windowsservice.cpp" line="317"/>
        <source>type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <location filename="../app/windowsservice.cpp" line="333"/>
        <source>tbds-service install-service: --start must be auto, delayed or demand, got &apos;%1&apos;</source>
        <translation>tbds-service install-service: --start muss auto, delayed oder demand sein, erhalten: &apos;%1&apos;</translation>
    </message>
    <message>
        <location filename="../app/windowsservice.cpp" line="340"/>
        <source>Note: %1 does not exist yet; the service cannot start until it does.</source>
        <translation>Hinweis: %1 existiert noch nicht; bis dahin kann der Dienst nicht starten.</translation>
    </message>
    <message>
        <location filename="../app/windowsservice.cpp" line="356"/>
        <source>tbds-service install-service: access denied; run it from an administrator prompt</source>
        <translation>tbds-service install-service: Zugriff verweigert; führen Sie den Befehl in einer Administrator-Eingabeaufforderung aus</translation>
    </message>
    <message>
        <location filename="../app/windowsservice.cpp" line="357"/>
        <source>tbds-service install-service: cannot open the Service Control Manager: %1</source>
        <translation>tbds-service install-service: Der Dienststeuerungs-Manager kann nicht geöffnet werden: %1</translation>
    </message>
    <message>
        <location filename="../app/windowsservice.cpp" line="376"/>
        <source>tbds-service install-service: a service named &apos;%1&apos; exists already; remove it first with &apos;tbds-service uninstall-service --name %1&apos;</source>
        <translation>tbds-service install-service: Ein Dienst namens &apos;%1&apos; existiert bereits; entfernen Sie ihn zuerst mit &apos;tbds-service uninstall-service --name %1&apos;</translation>
    </message>
    <message>
        <location filename="../app/windowsservice.cpp" line="381"/>
        <source>tbds-service install-service: %1</source>
        <translation>tbds-service install-service: %1</translation>
    </message>
    <message>
        <location filename="../app/windowsservice.cpp" line="388"/>
        <source>Warning: could not set the %1: %2</source>
        <translation>Warnung: Einstellung „%1“ konnte nicht gesetzt werden: %2</translation>
    </message>
    <message>
        <location filename="../app/windowsservice.cpp" line="391"/>
        <source>Serves the TestBench defect service API (DMProxy) with the settings in %1.</source>
        <translation>Stellt die API des TestBench-Defect-Service (DMProxy) mit den Einstellungen aus %1 bereit.</translation>
    </message>
    <message>
        <location filename="../app/windowsservice.cpp" line="393"/>
        <source>description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <location filename="../app/windowsservice.cpp" line="401"/>
        <source>recovery actions</source>
        <translation>Wiederherstellungsaktionen</translation>
    </message>
    <message>
        <location filename="../app/windowsservice.cpp" line="405"/>
        <source>delayed start</source>
        <translation>verzögerter Start</translation>
    </message>
    <message>
        <location filename="../app/windowsservice.cpp" line="425"/>
        <source>Warning: could not register the Event Log source: %1</source>
        <translation>Warnung: Die Ereignisprotokollquelle konnte nicht registriert werden: %1</translation>
    </message>
    <message>
        <location filename="../app/windowsservice.cpp" line="428"/>
        <source>Installed the Windows service &apos;%1&apos; (%2), running as %3:
  %4
Start it with: sc start %1</source>
        <translation>Windows-Dienst &apos;%1&apos; (%2) installiert, läuft als %3:
  %4
Starten Sie ihn mit: sc start %1</translation>
    </message>
    <message>
        <location filename="../app/windowsservice.cpp" line="437"/>
        <source>Stop and remove the Windows service. Run it as administrator.</source>
        <translation>Den Windows-Dienst beenden und entfernen. Als Administrator ausführen.</translation>
    </message>
    <message>
        <location filename="../app/windowsservice.cpp" line="452"/>
        <source>tbds-service uninstall-service: unexpected argument &apos;%1&apos;</source>
        <translation>tbds-service uninstall-service: unerwartetes Argument &apos;%1&apos;</translation>
    </message>
    <message>
        <location filename="../app/windowsservice.cpp" line="460"/>
        <source>tbds-service uninstall-service: cannot open the Service Control Manager: %1</source>
        <translation>tbds-service uninstall-service: Der Dienststeuerungs-Manager kann nicht geöffnet werden: %1</translation>
    </message>
    <message>
        <location filename="../app/windowsservice.cpp" line="469"/>
        <source>tbds-service uninstall-service: there is no service named &apos;%1&apos;</source>
        <translation>tbds-service uninstall-service: Es gibt keinen Dienst namens &apos;%1&apos;</translation>
    </message>
    <message>
        <location filename="../app/windowsservice.cpp" line="471"/>
        <source>tbds-service uninstall-service: access denied; run it from an administrator prompt</source>
        <translation>tbds-service uninstall-service: Zugriff verweigert; führen Sie den Befehl in einer Administrator-Eingabeaufforderung aus</translation>
    </message>
    <message>
        <location filename="../app/windowsservice.cpp" line="473"/>
        <location filename="../app/windowsservice.cpp" line="496"/>
        <source>tbds-service uninstall-service: %1</source>
        <translation>tbds-service uninstall-service: %1</translation>
    </message>
    <message>
        <location filename="../app/windowsservice.cpp" line="479"/>
        <source>Stopping &apos;%1&apos; ...</source>
        <translation>&apos;%1&apos; wird beendet ...</translation>
    </message>
    <message>
        <location filename="../app/windowsservice.cpp" line="491"/>
        <source>Warning: could not stop &apos;%1&apos;: %2</source>
        <translation>Warnung: &apos;%1&apos; konnte nicht beendet werden: %2</translation>
    </message>
    <message>
        <location filename="../app/windowsservice.cpp" line="502"/>
        <source>Removed the Windows service &apos;%1&apos;.</source>
        <translation>Windows-Dienst &apos;%1&apos; entfernt.</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../app/admin_main.cpp" line="41"/>
        <source>Administration of the TestBench Defect Service</source>
        <translation>Verwaltung des TestBench Defect Service</translation>
    </message>
    <message>
        <location filename="../app/admin_main.cpp" line="45"/>
        <source>The config.toml to open.</source>
        <translation>Die zu öffnende config.toml.</translation>
    </message>
    <message>
        <location filename="../app/admin_main.cpp" line="46"/>
        <source>Open the demo setup.</source>
        <translation>Die Demo-Einrichtung öffnen.</translation>
    </message>
</context>
<context>
    <name>tbds::config::AtomicFile</name>
    <message>
        <location filename="../core/config/atomicfile.cpp" line="30"/>
        <source>Cannot save %1: the folder %2 does not exist</source>
        <translation>%1 kann nicht gespeichert werden: Der Ordner %2 existiert nicht</translation>
    </message>
    <message>
        <location filename="../core/config/atomicfile.cpp" line="32"/>
        <source>Cannot save %1: the folder %2 is not writable</source>
        <translation>%1 kann nicht gespeichert werden: Der Ordner %2 ist nicht beschreibbar</translation>
    </message>
    <message>
        <location filename="../core/config/atomicfile.cpp" line="34"/>
        <source>Cannot save %1: it is a folder</source>
        <translation>%1 kann nicht gespeichert werden: Es ist ein Ordner</translation>
    </message>
    <message>
        <location filename="../core/config/atomicfile.cpp" line="35"/>
        <source>Cannot save %1</source>
        <translation>%1 kann nicht gespeichert werden</translation>
    </message>
    <message>
        <location filename="../core/config/atomicfile.cpp" line="78"/>
        <source>Cannot save %1: its current content could not be read for the backup</source>
        <translation>%1 kann nicht gespeichert werden: Der aktuelle Inhalt konnte für die Sicherung nicht gelesen werden</translation>
    </message>
    <message>
        <location filename="../core/config/atomicfile.cpp" line="87"/>
        <source>Cannot save %1: the backup %2 could not be written</source>
        <translation>%1 kann nicht gespeichert werden: Die Sicherung %2 konnte nicht geschrieben werden</translation>
    </message>
</context>
<context>
    <name>tbds::config::TomlEditor</name>
    <message>
        <location filename="../core/config/tomleditor.cpp" line="535"/>
        <source>The TOML document</source>
        <translation>Das TOML-Dokument</translation>
    </message>
    <message>
        <location filename="../core/config/tomleditor.cpp" line="609"/>
        <source>%1 could not be edited: its layout was not understood</source>
        <translation>%1 konnte nicht bearbeitet werden: Sein Aufbau wurde nicht verstanden</translation>
    </message>
    <message>
        <location filename="../core/config/tomleditor.cpp" line="632"/>
        <source>%1 is not valid TOML</source>
        <translation>%1 ist kein gültiges TOML</translation>
    </message>
    <message>
        <location filename="../core/config/tomleditor.cpp" line="899"/>
        <source>%1 is not kept in %2, so nothing was changed</source>
        <translation>%1 steht nicht in %2, daher wurde nichts geändert</translation>
    </message>
    <message>
        <location filename="../core/config/tomleditor.cpp" line="909"/>
        <source>Cannot set a value without a key</source>
        <translation>Ein Wert ohne Schlüssel kann nicht gesetzt werden</translation>
    </message>
    <message>
        <location filename="../core/config/tomleditor.cpp" line="915"/>
        <source>Cannot set %1: %2 is a value, not a table</source>
        <translation>%1 kann nicht gesetzt werden: %2 ist ein Wert, keine Tabelle</translation>
    </message>
    <message>
        <location filename="../core/config/tomleditor.cpp" line="917"/>
        <source>Cannot set %1: %2 is an array of tables, whose entries cannot be edited by key</source>
        <translation>%1 kann nicht gesetzt werden: %2 ist ein Array von Tabellen, dessen Einträge nicht über Schlüssel bearbeitet werden können</translation>
    </message>
    <message>
        <location filename="../core/config/tomleditor.cpp" line="931"/>
        <source>Cannot set %1: it is an array of tables, not a value</source>
        <translation>%1 kann nicht gesetzt werden: Es ist ein Array von Tabellen, kein Wert</translation>
    </message>
    <message>
        <location filename="../core/config/tomleditor.cpp" line="934"/>
        <source>Cannot set %1: it is a table, not a value</source>
        <translation>%1 kann nicht gesetzt werden: Es ist eine Tabelle, kein Wert</translation>
    </message>
    <message>
        <location filename="../core/config/tomleditor.cpp" line="953"/>
        <source>Setting %1 would make %2 invalid TOML, so nothing was changed</source>
        <translation>Das Setzen von %1 würde %2 zu ungültigem TOML machen, daher wurde nichts geändert</translation>
    </message>
    <message>
        <location filename="../core/config/tomleditor.cpp" line="960"/>
        <source>Setting %1 in %2 did not give the expected value, so nothing was changed</source>
        <translation>Das Setzen von %1 in %2 ergab nicht den erwarteten Wert, daher wurde nichts geändert</translation>
    </message>
    <message>
        <location filename="../core/config/tomleditor.cpp" line="975"/>
        <source>Cannot remove the whole document</source>
        <translation>Das ganze Dokument kann nicht entfernt werden</translation>
    </message>
    <message>
        <location filename="../core/config/tomleditor.cpp" line="979"/>
        <source>Cannot remove %1: %2 is an array of tables, whose entries cannot be edited by key</source>
        <translation>%1 kann nicht entfernt werden: %2 ist ein Array von Tabellen, dessen Einträge nicht über Schlüssel bearbeitet werden können</translation>
    </message>
    <message>
        <location filename="../core/config/tomleditor.cpp" line="1009"/>
        <source>Removing %1 would make %2 invalid TOML, so nothing was changed</source>
        <translation>Das Entfernen von %1 würde %2 zu ungültigem TOML machen, daher wurde nichts geändert</translation>
    </message>
    <message>
        <location filename="../core/config/tomleditor.cpp" line="1014"/>
        <source>Removing %1 from %2 did not remove it, so nothing was changed</source>
        <translation>Das Entfernen von %1 aus %2 hat es nicht entfernt, daher wurde nichts geändert</translation>
    </message>
</context>
<context>
    <name>tbds::jira</name>
    <message>
        <location filename="../core/jira/tlsconfig.cpp" line="22"/>
        <source>Could not read &apos;%1&apos;</source>
        <translation>&apos;%1&apos; konnte nicht gelesen werden</translation>
    </message>
    <message>
        <location filename="../core/jira/tlsconfig.cpp" line="35"/>
        <source>&apos;%1&apos; contains no certificate</source>
        <translation>&apos;%1&apos; enthält kein Zertifikat</translation>
    </message>
    <message>
        <location filename="../core/jira/tlsconfig.cpp" line="35"/>
        <source>expected PEM or DER</source>
        <translation>PEM oder DER erwartet</translation>
    </message>
</context>
<context>
    <name>tbds::jira::HttpExchange</name>
    <message>
        <location filename="../core/jira/httpexchange.cpp" line="57"/>
        <source>The Jira client was shut down</source>
        <translation>Der Jira-Client wurde beendet</translation>
    </message>
</context>
<context>
    <name>tbds::jira::JiraAuth</name>
    <message>
        <location filename="../core/jira/jiraauth.cpp" line="35"/>
        <source>Basic authentication needs a username and a password (on Jira Cloud: the account e-mail and an API token)</source>
        <translation>Basic-Authentifizierung braucht einen Benutzernamen und ein Passwort (bei Jira Cloud: die E-Mail-Adresse des Kontos und ein API-Token)</translation>
    </message>
    <message>
        <location filename="../core/jira/jiraauth.cpp" line="37"/>
        <source>username is empty</source>
        <translation>Benutzername ist leer</translation>
    </message>
    <message>
        <location filename="../core/jira/jiraauth.cpp" line="37"/>
        <source>password is empty</source>
        <translation>Passwort ist leer</translation>
    </message>
    <message>
        <location filename="../core/jira/jiraauth.cpp" line="44"/>
        <source>Token authentication needs a personal access token</source>
        <translation>Token-Authentifizierung braucht ein persönliches Zugriffstoken</translation>
    </message>
    <message>
        <location filename="../core/jira/jiraauth.cpp" line="44"/>
        <source>token is empty</source>
        <translation>Token ist leer</translation>
    </message>
    <message>
        <location filename="../core/jira/jiraauth.cpp" line="53"/>
        <source>OAuth 1.0a needs a consumer key, an access token and a private key</source>
        <translation>OAuth 1.0a braucht einen Consumer-Key, ein Zugriffstoken und einen privaten Schlüssel</translation>
    </message>
    <message>
        <location filename="../core/jira/jiraauth.cpp" line="54"/>
        <source>consumer key is empty</source>
        <translation>Consumer-Key ist leer</translation>
    </message>
    <message>
        <location filename="../core/jira/jiraauth.cpp" line="55"/>
        <source>access token is empty</source>
        <translation>Zugriffstoken ist leer</translation>
    </message>
    <message>
        <location filename="../core/jira/jiraauth.cpp" line="56"/>
        <source>private key is empty</source>
        <translation>privater Schlüssel ist leer</translation>
    </message>
    <message>
        <location filename="../core/jira/jiraauth.cpp" line="78"/>
        <source>basic authentication as %1</source>
        <translation>Basic-Authentifizierung als %1</translation>
    </message>
    <message>
        <location filename="../core/jira/jiraauth.cpp" line="80"/>
        <source>personal access token</source>
        <translation>persönliches Zugriffstoken</translation>
    </message>
    <message>
        <location filename="../core/jira/jiraauth.cpp" line="82"/>
        <source>OAuth 1.0a (RSA-SHA1)</source>
        <translation>OAuth 1.0a (RSA-SHA1)</translation>
    </message>
</context>
<context>
    <name>tbds::jira::OAuth1Signer</name>
    <message>
        <location filename="../core/jira/oauth1signer.cpp" line="68"/>
        <source>The OAuth 1.0a private key is not in PEM format</source>
        <translation>Der private OAuth-1.0a-Schlüssel ist nicht im PEM-Format</translation>
    </message>
    <message>
        <location filename="../core/jira/oauth1signer.cpp" line="69"/>
        <source>expected a block starting with -----BEGIN PRIVATE KEY----- or -----BEGIN RSA PRIVATE KEY-----</source>
        <translation>erwartet wird ein Block, der mit -----BEGIN PRIVATE KEY----- oder -----BEGIN RSA PRIVATE KEY----- beginnt</translation>
    </message>
    <message>
        <location filename="../core/jira/oauth1signer.cpp" line="71"/>
        <source>The OAuth 1.0a private key is encrypted</source>
        <translation>Der private OAuth-1.0a-Schlüssel ist verschlüsselt</translation>
    </message>
    <message>
        <location filename="../core/jira/oauth1signer.cpp" line="72"/>
        <source>store it without a passphrase (e.g. openssl pkcs8 -topk8 -nocrypt)</source>
        <translation>speichern Sie ihn ohne Passphrase (z. B. openssl pkcs8 -topk8 -nocrypt)</translation>
    </message>
    <message>
        <location filename="../core/jira/oauth1signer.cpp" line="79"/>
        <source>The OAuth 1.0a private key could not be read</source>
        <translation>Der private OAuth-1.0a-Schlüssel konnte nicht gelesen werden</translation>
    </message>
    <message>
        <location filename="../core/jira/oauth1signer.cpp" line="81"/>
        <source>The OAuth 1.0a private key is not an RSA key</source>
        <translation>Der private OAuth-1.0a-Schlüssel ist kein RSA-Schlüssel</translation>
    </message>
    <message>
        <location filename="../core/jira/oauth1signer.cpp" line="82"/>
        <source>Jira application links sign with RSA-SHA1</source>
        <translation>Jira-Anwendungslinks signieren mit RSA-SHA1</translation>
    </message>
</context>
<context>
    <name>tbds::jira::ServerInfo</name>
    <message>
        <location filename="../core/jira/serverinfo.cpp" line="47"/>
        <source>Jira Cloud</source>
        <translation>Jira Cloud</translation>
    </message>
    <message>
        <location filename="../core/jira/serverinfo.cpp" line="48"/>
        <source>Jira Data Center %1</source>
        <translation>Jira Data Center %1</translation>
    </message>
</context>
<context>
    <name>tbds::jira::TlsConfig</name>
    <message>
        <location filename="../core/jira/tlsconfig.cpp" line="49"/>
        <source>The CA certificate file (ssl_ca_cert_path) is unusable</source>
        <translation>Die CA-Zertifikatsdatei (ssl_ca_cert_path) ist unbrauchbar</translation>
    </message>
    <message>
        <location filename="../core/jira/tlsconfig.cpp" line="55"/>
        <source>The client certificate (client_cert_path) is unusable</source>
        <translation>Das Client-Zertifikat (client_cert_path) ist unbrauchbar</translation>
    </message>
    <message>
        <location filename="../core/jira/tlsconfig.cpp" line="61"/>
        <location filename="../core/jira/tlsconfig.cpp" line="69"/>
        <source>The client key (client_key_path) is unusable</source>
        <translation>Der Client-Schlüssel (client_key_path) ist unbrauchbar</translation>
    </message>
    <message>
        <location filename="../core/jira/tlsconfig.cpp" line="70"/>
        <source>&apos;%1&apos; holds no unencrypted PEM private key</source>
        <translation>&apos;%1&apos; enthält keinen unverschlüsselten privaten PEM-Schlüssel</translation>
    </message>
    <message>
        <location filename="../core/jira/tlsconfig.cpp" line="73"/>
        <source>client_key_path is set but client_cert_path is not</source>
        <translation>client_key_path ist gesetzt, client_cert_path aber nicht</translation>
    </message>
    <message>
        <location filename="../core/jira/tlsconfig.cpp" line="74"/>
        <source>a client key is useless without its certificate</source>
        <translation>ein Client-Schlüssel ist ohne sein Zertifikat nutzlos</translation>
    </message>
</context>
<context>
    <name>tbds::secrets::EnvironmentSecretStore</name>
    <message>
        <location filename="../core/secrets/environmentsecretstore.cpp" line="57"/>
        <source>No environment variable is defined for this secret</source>
        <translation>Für dieses Geheimnis ist keine Umgebungsvariable festgelegt</translation>
    </message>
    <message>
        <location filename="../core/secrets/environmentsecretstore.cpp" line="65"/>
        <source>%1 is not set</source>
        <translation>%1 ist nicht gesetzt</translation>
    </message>
    <message>
        <location filename="../core/secrets/environmentsecretstore.cpp" line="74"/>
        <source>the environment variable</source>
        <translation>die Umgebungsvariable</translation>
    </message>
    <message>
        <location filename="../core/secrets/environmentsecretstore.cpp" line="77"/>
        <source>Environment variables are read-only here: set %1 in the environment the service is started with, or store the secret in the keychain</source>
        <translation>Umgebungsvariablen sind hier nur lesbar: Setzen Sie %1 in der Umgebung, in der der Dienst gestartet wird, oder speichern Sie das Geheimnis im Schlüsselbund</translation>
    </message>
</context>
<context>
    <name>tbds::secrets::KeychainSecretStore</name>
    <message>
        <location filename="../core/secrets/keychainsecretstore.cpp" line="76"/>
        <source>The keychain has no secret under this name</source>
        <translation>Der Schlüsselbund enthält kein Geheimnis unter diesem Namen</translation>
    </message>
    <message>
        <location filename="../core/secrets/keychainsecretstore.cpp" line="85"/>
        <source>The secret could not be deleted from the keychain</source>
        <translation>Das Geheimnis konnte nicht aus dem Schlüsselbund gelöscht werden</translation>
    </message>
</context>
<context>
    <name>tbds::secrets::SecretResolver</name>
    <message>
        <location filename="../core/secrets/secretresolver.cpp" line="71"/>
        <source>The keychain could not be used</source>
        <translation>Der Schlüsselbund konnte nicht verwendet werden</translation>
    </message>
    <message>
        <location filename="../core/secrets/secretresolver.cpp" line="72"/>
        <source>The environment could not be read</source>
        <translation>Die Umgebung konnte nicht gelesen werden</translation>
    </message>
    <message>
        <location filename="../core/secrets/secretresolver.cpp" line="92"/>
        <source>the environment</source>
        <translation>die Umgebung</translation>
    </message>
    <message>
        <location filename="../core/secrets/secretresolver.cpp" line="95"/>
        <source>No %1 is set: not in the keychain, not in %2 and not in %3</source>
        <translation>Kein %1 gesetzt: weder im Schlüsselbund noch in %2 noch in %3</translation>
    </message>
</context>
<context>
    <name>tbds::secrets::SecretResult</name>
    <message>
        <location filename="../core/secrets/secretoperation.cpp" line="47"/>
        <source>no answer after %1 s</source>
        <translation>keine Antwort nach %1 s</translation>
    </message>
    <message>
        <location filename="../core/secrets/secretresult.cpp" line="10"/>
        <source>from the keychain</source>
        <translation>aus dem Schlüsselbund</translation>
    </message>
    <message>
        <location filename="../core/secrets/secretresult.cpp" line="12"/>
        <source>from the environment</source>
        <translation>aus der Umgebung</translation>
    </message>
    <message>
        <location filename="../core/secrets/secretresult.cpp" line="12"/>
        <location filename="../core/secrets/secretresult.cpp" line="14"/>
        <source>from %1</source>
        <translation>aus %1</translation>
    </message>
    <message>
        <location filename="../core/secrets/secretresult.cpp" line="14"/>
        <source>from the configuration file</source>
        <translation>aus der Konfigurationsdatei</translation>
    </message>
    <message>
        <location filename="../core/secrets/secretresult.cpp" line="16"/>
        <source>from this session only (not saved)</source>
        <translation>nur aus dieser Sitzung (nicht gespeichert)</translation>
    </message>
    <message>
        <location filename="../core/secrets/secretresult.cpp" line="20"/>
        <source>not set</source>
        <translation>nicht gesetzt</translation>
    </message>
    <message>
        <location filename="../core/secrets/secretresult.cpp" line="47"/>
        <source>No secret is stored under this name</source>
        <translation>Unter diesem Namen ist kein Geheimnis gespeichert</translation>
    </message>
    <message>
        <location filename="../core/secrets/secretresult.cpp" line="49"/>
        <source>No keyring is available (is a Secret Service such as GNOME Keyring or KWallet running and unlocked?)</source>
        <translation>Kein Schlüsselbund verfügbar (läuft ein Secret Service wie GNOME Keyring oder KWallet und ist er entsperrt?)</translation>
    </message>
    <message>
        <location filename="../core/secrets/secretresult.cpp" line="52"/>
        <source>Access to the keyring was denied (is it locked, or was the request refused?)</source>
        <translation>Der Zugriff auf den Schlüsselbund wurde verweigert (ist er gesperrt, oder wurde die Anfrage abgelehnt?)</translation>
    </message>
    <message>
        <location filename="../core/secrets/secretresult.cpp" line="54"/>
        <source>The keyring request was cancelled</source>
        <translation>Die Anfrage an den Schlüsselbund wurde abgebrochen</translation>
    </message>
    <message>
        <location filename="../core/secrets/secretresult.cpp" line="56"/>
        <source>Waiting for the keyring timed out (a locked keyring may be waiting for a password prompt that nobody can answer)</source>
        <translation>Zeitüberschreitung beim Warten auf den Schlüsselbund (ein gesperrter Schlüsselbund wartet vielleicht auf eine Passwortabfrage, die niemand beantworten kann)</translation>
    </message>
    <message>
        <location filename="../core/secrets/secretresult.cpp" line="59"/>
        <source>This secret store is read-only</source>
        <translation>Dieser Geheimnisspeicher ist schreibgeschützt</translation>
    </message>
    <message>
        <location filename="../core/secrets/secretresult.cpp" line="63"/>
        <source>The keyring reported an error</source>
        <translation>Der Schlüsselbund hat einen Fehler gemeldet</translation>
    </message>
</context>
<context>
    <name>tbds::secrets::SecretStore</name>
    <message>
        <location filename="../core/secrets/secretstore.cpp" line="20"/>
        <source>No key was given for the secret</source>
        <translation>Für das Geheimnis wurde kein Schlüssel angegeben</translation>
    </message>
</context>
<context>
    <name>tbds::service::http::HttpServer</name>
    <message>
        <location filename="../core/service/http/httpserver.cpp" line="88"/>
        <source>The HTTP server is already listening</source>
        <translation>Der HTTP-Server lauscht bereits</translation>
    </message>
    <message>
        <location filename="../core/service/http/httpserver.cpp" line="93"/>
        <source>HTTPS is not available</source>
        <translation>HTTPS ist nicht verfügbar</translation>
    </message>
    <message>
        <location filename="../core/service/http/httpserver.cpp" line="93"/>
        <source>Qt has no usable TLS backend (OpenSSL missing?)</source>
        <translation>Qt hat kein nutzbares TLS-Backend (fehlt OpenSSL?)</translation>
    </message>
    <message>
        <location filename="../core/service/http/httpserver.cpp" line="95"/>
        <source>HTTPS needs a server certificate</source>
        <translation>HTTPS braucht ein Serverzertifikat</translation>
    </message>
    <message>
        <location filename="../core/service/http/httpserver.cpp" line="95"/>
        <source>no certificate configured</source>
        <translation>kein Zertifikat konfiguriert</translation>
    </message>
    <message>
        <location filename="../core/service/http/httpserver.cpp" line="97"/>
        <source>HTTPS needs the private key of the server certificate</source>
        <translation>HTTPS braucht den privaten Schlüssel des Serverzertifikats</translation>
    </message>
    <message>
        <location filename="../core/service/http/httpserver.cpp" line="97"/>
        <source>no key configured</source>
        <translation>kein Schlüssel konfiguriert</translation>
    </message>
    <message>
        <location filename="../core/service/http/httpserver.cpp" line="110"/>
        <source>Cannot listen on %1</source>
        <translation>Kann nicht auf %1 lauschen</translation>
    </message>
</context>
<context>
    <name>tbds::ui::AboutDialog</name>
    <message>
        <location filename="../ui/aboutdialog.cpp" line="17"/>
        <source>About TestBench Defect Service Admin</source>
        <translation>Über TestBench Defect Service Admin</translation>
    </message>
    <message>
        <location filename="../ui/aboutdialog.cpp" line="19"/>
        <source>&lt;h3&gt;TestBench Defect Service Admin %1&lt;/h3&gt;&lt;p&gt;Configure, run and diagnose the TestBench defect service.&lt;/p&gt;&lt;p&gt;Licensed under the Apache License 2.0.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;TestBench Defect Service Admin %1&lt;/h3&gt;&lt;p&gt;Den TestBench-Defect-Service konfigurieren, betreiben und diagnostizieren.&lt;/p&gt;&lt;p&gt;Lizenziert unter der Apache License 2.0.&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../ui/aboutdialog.cpp" line="31"/>
        <source>Copy &amp;versions</source>
        <translation>&amp;Versionen kopieren</translation>
    </message>
    <message>
        <location filename="../ui/aboutdialog.cpp" line="43"/>
        <source>Qt %1 (built with %2)</source>
        <translation>Qt %1 (gebaut mit %2)</translation>
    </message>
    <message>
        <location filename="../ui/aboutdialog.cpp" line="44"/>
        <source>QtKeychain %1</source>
        <translation>QtKeychain %1</translation>
    </message>
    <message>
        <location filename="../ui/aboutdialog.cpp" line="45"/>
        <source>toml++ %1</source>
        <translation>toml++ %1</translation>
    </message>
    <message>
        <location filename="../ui/aboutdialog.cpp" line="46"/>
        <source>OpenSSL %1 (built with %2)</source>
        <translation>OpenSSL %1 (gebaut mit %2)</translation>
    </message>
</context>
<context>
    <name>tbds::ui::ConfigDocument</name>
    <message>
        <location filename="../ui/models/configdocument.cpp" line="40"/>
        <source>Cannot open %1</source>
        <translation>%1 kann nicht geöffnet werden</translation>
    </message>
    <message>
        <location filename="../ui/models/configdocument.cpp" line="56"/>
        <source>The configuration has no file yet.</source>
        <translation>Die Konfiguration hat noch keine Datei.</translation>
    </message>
    <message>
        <location filename="../ui/models/configdocument.cpp" line="156"/>
        <source>Set %1</source>
        <translation>%1 setzen</translation>
    </message>
    <message>
        <location filename="../ui/models/configdocument.cpp" line="165"/>
        <source>Remove %1</source>
        <translation>%1 entfernen</translation>
    </message>
    <message>
        <location filename="../ui/models/configdocument.cpp" line="174"/>
        <source>The client settings are read from %1 (client_config_path), which cannot be edited here; edit that file or remove client_config_path.</source>
        <translation>Die Client-Einstellungen werden aus %1 gelesen (client_config_path), das hier nicht bearbeitet werden kann; bearbeiten Sie diese Datei oder entfernen Sie client_config_path.</translation>
    </message>
    <message>
        <location filename="../ui/models/configdocument.cpp" line="187"/>
        <source>The configuration is not valid TOML; fix the text first</source>
        <translation>Die Konfiguration ist kein gültiges TOML; korrigieren Sie zuerst den Text</translation>
    </message>
    <message>
        <location filename="../ui/models/configdocument.cpp" line="200"/>
        <source>Edit text</source>
        <translation>Text bearbeiten</translation>
    </message>
    <message>
        <location filename="../ui/models/configdocument.cpp" line="267"/>
        <source>Only .toml client files are edited here.</source>
        <translation>Hier werden nur Client-Dateien im .toml-Format bearbeitet.</translation>
    </message>
</context>
<context>
    <name>tbds::ui::ConfigWizard</name>
    <message>
        <location filename="../ui/configwizard.cpp" line="52"/>
        <source>Create a configuration</source>
        <translation>Konfiguration erstellen</translation>
    </message>
    <message>
        <location filename="../ui/configwizard.cpp" line="70"/>
        <source>The service</source>
        <translation>Der Dienst</translation>
    </message>
    <message>
        <location filename="../ui/configwizard.cpp" line="71"/>
        <source>Where the service listens, and the user TestBench&apos;s DMProxy logs in with.</source>
        <translation>Wo der Dienst lauscht und mit welchem Benutzer sich der DMProxy von TestBench anmeldet.</translation>
    </message>
    <message>
        <location filename="../ui/configwizard.cpp" line="75"/>
        <source>127.0.0.1 accepts only this machine; 0.0.0.0 accepts every network interface</source>
        <translation>127.0.0.1 nimmt nur Verbindungen von diesem Rechner an; 0.0.0.0 von allen Netzwerkschnittstellen</translation>
    </message>
    <message>
        <location filename="../ui/configwizard.cpp" line="76"/>
        <source>&amp;Host:</source>
        <translation>&amp;Host:</translation>
    </message>
    <message>
        <location filename="../ui/configwizard.cpp" line="81"/>
        <source>&amp;Port:</source>
        <translation>&amp;Port:</translation>
    </message>
    <message>
        <location filename="../ui/configwizard.cpp" line="84"/>
        <source>&amp;User name:</source>
        <translation>&amp;Benutzername:</translation>
    </message>
    <message>
        <location filename="../ui/configwizard.cpp" line="88"/>
        <source>Pass&amp;word:</source>
        <translation>Pa&amp;sswort:</translation>
    </message>
    <message>
        <location filename="../ui/configwizard.cpp" line="92"/>
        <source>&amp;Repeat password:</source>
        <translation>Passwort wiederh&amp;olen:</translation>
    </message>
    <message>
        <location filename="../ui/configwizard.cpp" line="93"/>
        <source>Only a salted hash of the password is stored (password_hash, salt).</source>
        <translation>Gespeichert wird nur ein gesalzener Hash des Passworts (password_hash, salt).</translation>
    </message>
    <message>
        <location filename="../ui/configwizard.cpp" line="105"/>
        <source>Where the defects live</source>
        <translation>Wo die Fehler liegen</translation>
    </message>
    <message>
        <location filename="../ui/configwizard.cpp" line="106"/>
        <source>The service passes TestBench&apos;s defect requests to one client.</source>
        <translation>Der Dienst reicht die Fehleranfragen von TestBench an einen Client weiter.</translation>
    </message>
    <message>
        <location filename="../ui/configwizard.cpp" line="108"/>
        <source>&amp;JSONL files: defects stored in files on this machine (no Jira needed)</source>
        <translation>&amp;JSONL-Dateien: Fehler in Dateien auf diesem Rechner (ohne Jira)</translation>
    </message>
    <message>
        <location filename="../ui/configwizard.cpp" line="111"/>
        <source>J&amp;ira: defects are Jira issues (Jira Cloud or Data Center)</source>
        <translation>J&amp;ira: Fehler sind Jira-Vorgänge (Jira Cloud oder Data Center)</translation>
    </message>
    <message>
        <location filename="../ui/configwizard.cpp" line="123"/>
        <source>JSONL client</source>
        <translation>JSONL-Client</translation>
    </message>
    <message>
        <location filename="../ui/configwizard.cpp" line="124"/>
        <source>Relative paths are resolved against the folder of config.toml.</source>
        <translation>Relative Pfade beziehen sich auf den Ordner der config.toml.</translation>
    </message>
    <message>
        <location filename="../ui/configwizard.cpp" line="128"/>
        <source>One sub-folder per TestBench project; created if missing</source>
        <translation>Ein Unterordner je TestBench-Projekt; wird angelegt, falls er fehlt</translation>
    </message>
    <message>
        <location filename="../ui/configwizard.cpp" line="129"/>
        <source>&amp;Defects folder:</source>
        <translation>&amp;Fehlerordner:</translation>
    </message>
    <message>
        <location filename="../ui/configwizard.cpp" line="130"/>
        <source>&amp;Read-only (TestBench may read defects but not change them)</source>
        <translation>&amp;Nur lesen (TestBench darf Fehler lesen, aber nicht ändern)</translation>
    </message>
    <message>
        <location filename="../ui/configwizard.cpp" line="133"/>
        <source>Allowed values of the control fields, separated by commas:</source>
        <translation>Erlaubte Werte der Steuerfelder, durch Kommas getrennt:</translation>
    </message>
    <message>
        <location filename="../ui/configwizard.cpp" line="137"/>
        <source>&amp;Status:</source>
        <translation>&amp;Status:</translation>
    </message>
    <message>
        <location filename="../ui/configwizard.cpp" line="140"/>
        <source>&amp;Priority:</source>
        <translation>&amp;Priorität:</translation>
    </message>
    <message>
        <location filename="../ui/configwizard.cpp" line="143"/>
        <source>&amp;Classification:</source>
        <translation>&amp;Klassifizierung:</translation>
    </message>
    <message>
        <location filename="../ui/configwizard.cpp" line="151"/>
        <source>Jira client</source>
        <translation>Jira-Client</translation>
    </message>
    <message>
        <location filename="../ui/configwizard.cpp" line="152"/>
        <source>The service account the service uses to talk to Jira.</source>
        <translation>Das Dienstkonto, mit dem der Dienst auf Jira zugreift.</translation>
    </message>
    <message>
        <location filename="../ui/configwizard.cpp" line="157"/>
        <source>&amp;Server URL:</source>
        <translation>&amp;Server-URL:</translation>
    </message>
    <message>
        <location filename="../ui/configwizard.cpp" line="160"/>
        <source>Basic: e-mail + API token (Cloud) or user + password (Data Center)</source>
        <translation>Basic: E-Mail + API-Token (Cloud) oder Benutzer + Passwort (Data Center)</translation>
    </message>
    <message>
        <location filename="../ui/configwizard.cpp" line="161"/>
        <source>Personal access token (Data Center)</source>
        <translation>Persönliches Zugriffstoken (Data Center)</translation>
    </message>
    <message>
        <location filename="../ui/configwizard.cpp" line="162"/>
        <source>OAuth 1.0a (application link)</source>
        <translation>OAuth 1.0a (Anwendungslink)</translation>
    </message>
    <message>
        <location filename="../ui/configwizard.cpp" line="163"/>
        <source>&amp;Authentication:</source>
        <translation>&amp;Anmeldung:</translation>
    </message>
    <message>
        <location filename="../ui/configwizard.cpp" line="166"/>
        <source>User / e-&amp;mail:</source>
        <translation>Benutzer / E-&amp;Mail:</translation>
    </message>
    <message>
        <location filename="../ui/configwizard.cpp" line="170"/>
        <source>Password / API token:</source>
        <translation>Passwort / API-Token:</translation>
    </message>
    <message>
        <location filename="../ui/configwizard.cpp" line="171"/>
        <source>Personal access token:</source>
        <translation>Persönliches Zugriffstoken:</translation>
    </message>
    <message>
        <location filename="../ui/configwizard.cpp" line="172"/>
        <source>Access token:</source>
        <translation>Zugriffstoken:</translation>
    </message>
    <message>
        <location filename="../ui/configwizard.cpp" line="173"/>
        <source>Access token secret:</source>
        <translation>Zugriffstoken-Geheimnis:</translation>
    </message>
    <message>
        <location filename="../ui/configwizard.cpp" line="174"/>
        <source>Consumer key:</source>
        <translation>Consumer-Schlüssel:</translation>
    </message>
    <message>
        <location filename="../ui/configwizard.cpp" line="179"/>
        <source>optional: can be set later on the Credentials page</source>
        <translation>optional: lässt sich später auf der Seite Zugangsdaten setzen</translation>
    </message>
    <message>
        <location filename="../ui/configwizard.cpp" line="188"/>
        <source>Private key file (PEM):</source>
        <translation>Datei mit privatem Schlüssel (PEM):</translation>
    </message>
    <message>
        <location filename="../ui/configwizard.cpp" line="191"/>
        <source>&amp;Verify the server&apos;s TLS certificate</source>
        <translation>TLS-Zertifikat des Servers &amp;prüfen</translation>
    </message>
    <message>
        <location filename="../ui/configwizard.cpp" line="195"/>
        <source>Read-&amp;only (never create or change Jira issues)</source>
        <translation>Nur &amp;lesen (nie Jira-Vorgänge anlegen oder ändern)</translation>
    </message>
    <message>
        <location filename="../ui/configwizard.cpp" line="198"/>
        <source>Write the secrets into config.toml as &amp;plain text (not recommended; default: the OS keychain)</source>
        <translation>Geheimnisse als &amp;Klartext in die config.toml schreiben (nicht empfohlen; Standard: Schlüsselbund des Systems)</translation>
    </message>
    <message>
        <location filename="../ui/configwizard.cpp" line="216"/>
        <source>Save the configuration</source>
        <translation>Konfiguration speichern</translation>
    </message>
    <message>
        <location filename="../ui/configwizard.cpp" line="217"/>
        <source>An existing file is kept as &lt;name&gt;.backup.</source>
        <translation>Eine vorhandene Datei bleibt als &lt;Name&gt;.backup erhalten.</translation>
    </message>
    <message>
        <location filename="../ui/configwizard.cpp" line="225"/>
        <source>Bro&amp;wse…</source>
        <translation>&amp;Durchsuchen…</translation>
    </message>
    <message>
        <location filename="../ui/configwizard.cpp" line="230"/>
        <source>Fi&amp;le:</source>
        <translation>Da&amp;tei:</translation>
    </message>
    <message>
        <location filename="../ui/configwizard.cpp" line="244"/>
        <source>Save configuration as</source>
        <translation>Konfiguration speichern unter</translation>
    </message>
    <message>
        <location filename="../ui/configwizard.cpp" line="245"/>
        <source>TOML configuration (*.toml)</source>
        <translation>TOML-Konfiguration (*.toml)</translation>
    </message>
    <message>
        <location filename="../ui/configwizard.cpp" line="279"/>
        <source>Put the client settings in a &amp;separate file (%1)</source>
        <translation>Client-Einstellungen in eine &amp;eigene Datei schreiben (%1)</translation>
    </message>
    <message>
        <location filename="../ui/configwizard.cpp" line="282"/>
        <source>Jira at %1 (%2)</source>
        <translation>Jira unter %1 (%2)</translation>
    </message>
    <message>
        <location filename="../ui/configwizard.cpp" line="286"/>
        <source>Secrets: written into the file as plain text</source>
        <translation>Geheimnisse: als Klartext in der Datei</translation>
    </message>
    <message>
        <location filename="../ui/configwizard.cpp" line="287"/>
        <source>Secrets: stored in the OS keychain after the file is opened</source>
        <translation>Geheimnisse: werden nach dem Öffnen der Datei im Schlüsselbund des Systems gespeichert</translation>
    </message>
    <message>
        <location filename="../ui/configwizard.cpp" line="289"/>
        <source>JSONL files in &quot;%1&quot;</source>
        <translation>JSONL-Dateien in „%1“</translation>
    </message>
    <message>
        <location filename="../ui/configwizard.cpp" line="291"/>
        <source>&lt;b&gt;Summary&lt;/b&gt;&lt;br&gt;Service: %1:%2, user &quot;%3&quot;&lt;br&gt;Client: %4</source>
        <translation>&lt;b&gt;Zusammenfassung&lt;/b&gt;&lt;br&gt;Dienst: %1:%2, Benutzer „%3“&lt;br&gt;Client: %4</translation>
    </message>
    <message>
        <location filename="../ui/configwizard.cpp" line="384"/>
        <source>Enter the host the service listens on.</source>
        <translation>Geben Sie den Host ein, auf dem der Dienst lauscht.</translation>
    </message>
    <message>
        <location filename="../ui/configwizard.cpp" line="386"/>
        <source>Enter a user name.</source>
        <translation>Geben Sie einen Benutzernamen ein.</translation>
    </message>
    <message>
        <location filename="../ui/configwizard.cpp" line="388"/>
        <source>Enter a password; without one TestBench cannot log in.</source>
        <translation>Geben Sie ein Passwort ein; ohne kann sich TestBench nicht anmelden.</translation>
    </message>
    <message>
        <location filename="../ui/configwizard.cpp" line="390"/>
        <source>The two passwords differ.</source>
        <translation>Die beiden Passwörter stimmen nicht überein.</translation>
    </message>
    <message>
        <location filename="../ui/configwizard.cpp" line="398"/>
        <source>Enter the Jira address, e.g. https://your-site.atlassian.net.</source>
        <translation>Geben Sie die Jira-Adresse ein, z. B. https://ihre-site.atlassian.net.</translation>
    </message>
    <message>
        <location filename="../ui/configwizard.cpp" line="400"/>
        <source>Basic authentication needs a user (on Jira Cloud: the account&apos;s e-mail).</source>
        <translation>Basic-Anmeldung braucht einen Benutzer (bei Jira Cloud: die E-Mail des Kontos).</translation>
    </message>
    <message>
        <location filename="../ui/configwizard.cpp" line="407"/>
        <source>Choose a file name ending in .toml.</source>
        <translation>Wählen Sie einen Dateinamen mit der Endung .toml.</translation>
    </message>
    <message>
        <location filename="../ui/configwizard.cpp" line="416"/>
        <source>%1 exists. Replace it? The current file is kept as %2.backup.</source>
        <translation>%1 existiert bereits. Ersetzen? Die bisherige Datei bleibt als %2.backup erhalten.</translation>
    </message>
</context>
<context>
    <name>tbds::ui::ConfigurationPage</name>
    <message>
        <location filename="../ui/configurationpage.cpp" line="115"/>
        <source>Validation result</source>
        <translation>Prüfergebnis</translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="147"/>
        <source>Service</source>
        <translation>Dienst</translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="150"/>
        <source>Defect client</source>
        <translation>Fehler-Client</translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="151"/>
        <source>JSONL files</source>
        <translation>JSONL-Dateien</translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="152"/>
        <source>Jira</source>
        <translation>Jira</translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="153"/>
        <source>client_class: where the service keeps defects</source>
        <translation>client_class: wo der Dienst die Fehler verwaltet</translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="154"/>
        <source>&amp;Client:</source>
        <translation>&amp;Client:</translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="157"/>
        <source>&amp;Port:</source>
        <translation>&amp;Port:</translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="159"/>
        <source>&amp;Debug:</source>
        <translation>Debu&amp;g:</translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="159"/>
        <location filename="../ui/configurationpage.cpp" line="206"/>
        <location filename="../ui/configurationpage.cpp" line="238"/>
        <location filename="../ui/configurationpage.cpp" line="240"/>
        <source>no</source>
        <translation>nein</translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="160"/>
        <source>Client settings file:</source>
        <translation>Datei mit Client-Einstellungen:</translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="161"/>
        <source>none: the client settings are in this file</source>
        <translation>keine: die Client-Einstellungen stehen in dieser Datei</translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="163"/>
        <source>TLS</source>
        <translation>TLS</translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="165"/>
        <location filename="../ui/configurationpage.cpp" line="166"/>
        <source>none: plain HTTP</source>
        <translation>keins: einfaches HTTP</translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="166"/>
        <source>&amp;Key:</source>
        <translation>&amp;Schlüssel:</translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="168"/>
        <source>none: no client certificates</source>
        <translation>keine: keine Client-Zertifikate</translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="170"/>
        <source>Reverse proxy</source>
        <translation>Reverse-Proxy</translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="171"/>
        <source>Trusted pro&amp;xies:</source>
        <translation>Vertrauenswürdige Pro&amp;xys:</translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="172"/>
        <location filename="../ui/configurationpage.cpp" line="176"/>
        <source>not set</source>
        <translation>nicht gesetzt</translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="173"/>
        <source>&amp;Real IP header:</source>
        <translation>Header für &amp;echte IP:</translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="174"/>
        <source>e.g. X-Real-IP</source>
        <translation>z. B. X-Real-IP</translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="177"/>
        <source>Keep-&amp;alive timeout (s):</source>
        <translation>&amp;Keep-alive-Timeout (s):</translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="180"/>
        <source>Logging</source>
        <translation>Protokollierung</translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="181"/>
        <source>Console level:</source>
        <translation>Konsolen-Level:</translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="183"/>
        <source>Console format:</source>
        <translation>Konsolen-Format:</translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="185"/>
        <source>File level:</source>
        <translation>Datei-Level:</translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="187"/>
        <source>File format:</source>
        <translation>Datei-Format:</translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="189"/>
        <source>Log file:</source>
        <translation>Protokolldatei:</translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="199"/>
        <source>JSONL client</source>
        <translation>JSONL-Client</translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="201"/>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="202"/>
        <source>Description:</source>
        <translation>Beschreibung:</translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="205"/>
        <source>required</source>
        <translation>erforderlich</translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="206"/>
        <location filename="../ui/configurationpage.cpp" line="238"/>
        <source>Read-only:</source>
        <translation>Schreibgeschützt:</translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="207"/>
        <location filename="../ui/configurationpage.cpp" line="234"/>
        <source>Attributes:</source>
        <translation>Attribute:</translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="209"/>
        <location filename="../ui/configurationpage.cpp" line="236"/>
        <source>Control fields:</source>
        <translation>Steuerfelder:</translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="210"/>
        <source>status: open, closed; priority: low, high</source>
        <translation>status: open, closed; priority: low, high</translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="211"/>
        <location filename="../ui/configurationpage.cpp" line="241"/>
        <source>Change timestamps:</source>
        <translation>Änderungszeitstempel:</translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="214"/>
        <source>Jira client</source>
        <translation>Jira-Client</translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="216"/>
        <source>Name:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="217"/>
        <source>Server &amp;URL:</source>
        <translation>Server-&amp;URL:</translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="218"/>
        <source>https://example.atlassian.net</source>
        <translation>https://example.atlassian.net</translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="219"/>
        <source>Authentication:</source>
        <translation>Authentifizierung:</translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="156"/>
        <source>H&amp;ost:</source>
        <translation>H&amp;ost:</translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="164"/>
        <source>Cert&amp;ificate:</source>
        <translation>Zert&amp;ifikat:</translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="167"/>
        <source>C&amp;lient CA:</source>
        <translation>C&amp;lient-CA:</translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="175"/>
        <source>For&amp;warded secret:</source>
        <translation>&amp;Weiterleitungs-Geheimnis:</translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="204"/>
        <source>Defect&amp;s folder:</source>
        <translation>Fehlero&amp;rdner:</translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="221"/>
        <source>User&amp;name:</source>
        <translation>Benutzer&amp;name:</translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="222"/>
        <source>or JIRA_USERNAME</source>
        <translation>oder JIRA_USERNAME</translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="225"/>
        <source>Verify TLS:</source>
        <translation>TLS prüfen:</translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="212"/>
        <location filename="../ui/configurationpage.cpp" line="225"/>
        <location filename="../ui/configurationpage.cpp" line="242"/>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="226"/>
        <source>CA certificate:</source>
        <translation>CA-Zertifikat:</translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="227"/>
        <source>system certificates</source>
        <translation>Systemzertifikate</translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="228"/>
        <source>Client certificate:</source>
        <translation>Client-Zertifikat:</translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="229"/>
        <location filename="../ui/configurationpage.cpp" line="231"/>
        <location filename="../ui/configurationpage.cpp" line="262"/>
        <source>none</source>
        <translation>keins</translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="230"/>
        <source>Client key:</source>
        <translation>Client-Schlüssel:</translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="232"/>
        <source>Defect &amp;JQL:</source>
        <translation>Fehler-&amp;JQL:</translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="239"/>
        <source>Change history:</source>
        <translation>Änderungsverlauf:</translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="245"/>
        <source>Shared authentication:</source>
        <translation>Gemeinsame Authentifizierung:</translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="246"/>
        <source>per user</source>
        <translation>pro Benutzer</translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="247"/>
        <source>Timeout (s):</source>
        <translation>Timeout (s):</translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="249"/>
        <source>Retries:</source>
        <translation>Wiederholungen:</translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="267"/>
        <source>For&amp;m</source>
        <translation>For&amp;mular</translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="535"/>
        <source>The client settings below are read from and saved to %1 (client_config_path).</source>
        <translation>Die Client-Einstellungen unten werden aus %1 gelesen und dort gespeichert (client_config_path).</translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="538"/>
        <source>The client settings are read from %1 (client_config_path), which cannot be edited here: %2 Edit that file, or remove client_config_path to keep them in this file.</source>
        <translation>Die Client-Einstellungen werden aus %1 gelesen (client_config_path), das hier nicht bearbeitet werden kann: %2 Bearbeiten Sie diese Datei oder entfernen Sie client_config_path, um sie in dieser Datei zu führen.</translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="272"/>
        <source>Configuration as TOML text</source>
        <translation>Konfiguration als TOML-Text</translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="223"/>
        <source>OAuth private key file:</source>
        <translation>Datei mit privatem OAuth-Schlüssel:</translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="224"/>
        <source>only for OAuth 1.0a (or the key on the Credentials page)</source>
        <translation>nur für OAuth 1.0a (oder der Schlüssel auf der Seite „Zugangsdaten“)</translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="243"/>
        <source>Attachments folder:</source>
        <translation>Anhangsordner:</translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="244"/>
        <source>none: no local file is attached</source>
        <translation>keiner: es werden keine lokalen Dateien angehängt</translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="253"/>
        <source>Sync hooks</source>
        <translation>Synchronisations-Skripte</translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="255"/>
        <source>Before a scheduled sync:</source>
        <translation>Vor geplanter Synchronisation:</translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="255"/>
        <source>Before a manual sync:</source>
        <translation>Vor manueller Synchronisation:</translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="256"/>
        <source>Before a partial sync:</source>
        <translation>Vor teilweiser Synchronisation:</translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="256"/>
        <source>After a scheduled sync:</source>
        <translation>Nach geplanter Synchronisation:</translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="257"/>
        <source>After a manual sync:</source>
        <translation>Nach manueller Synchronisation:</translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="257"/>
        <source>After a partial sync:</source>
        <translation>Nach teilweiser Synchronisation:</translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="275"/>
        <source>Tab indents; Ctrl+Tab moves to the next control, Ctrl+Shift+Tab to the previous one</source>
        <translation>Tab rückt ein; Strg+Tab springt zum nächsten Bedienelement, Strg+Umschalt+Tab zum vorigen</translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="279"/>
        <source>&amp;TOML</source>
        <translation>&amp;TOML</translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="292"/>
        <source>Problems in the configuration</source>
        <translation>Probleme in der Konfiguration</translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="356"/>
        <location filename="../ui/configurationpage.cpp" line="705"/>
        <source>Choose a folder</source>
        <translation>Ordner wählen</translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="356"/>
        <location filename="../ui/configurationpage.cpp" line="706"/>
        <source>Choose a file</source>
        <translation>Datei wählen</translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="357"/>
        <source>Browse for %1</source>
        <translation>%1 suchen</translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="369"/>
        <location filename="../ui/configurationpage.cpp" line="378"/>
        <source>Default (%1)</source>
        <translation>Vorgabe (%1)</translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="380"/>
        <source>Yes</source>
        <translation>Ja</translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="381"/>
        <source>No</source>
        <translation>Nein</translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="447"/>
        <source>Write control fields as &apos;field: value, value; other: value&apos;</source>
        <translation>Steuerfelder so schreiben: &apos;feld: wert, wert; anderes: wert&apos;</translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="461"/>
        <source>Set %1</source>
        <translation>%1 setzen</translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="493"/>
        <location filename="../ui/configurationpage.cpp" line="509"/>
        <source>Not changed: %1</source>
        <translation>Nicht geändert: %1</translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="655"/>
        <source>No configuration open.</source>
        <translation>Keine Konfiguration geöffnet.</translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="657"/>
        <source>The configuration is valid.</source>
        <translation>Die Konfiguration ist gültig.</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/configurationpage.cpp" line="659"/>
        <source>%n error(s)</source>
        <translation>
            <numerusform>%n Fehler</numerusform>
            <numerusform>%n Fehler</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/configurationpage.cpp" line="659"/>
        <source>%n warning(s)</source>
        <translation>
            <numerusform>%n Warnung</numerusform>
            <numerusform>%n Warnungen</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="660"/>
        <source>double-click a finding to show its line</source>
        <translation>Doppelklick auf einen Befund zeigt seine Zeile</translation>
    </message>
</context>
<context>
    <name>tbds::ui::ConnectionTestModel</name>
    <message>
        <location filename="../ui/models/connectiontestmodel.cpp" line="45"/>
        <source>Configuration</source>
        <translation>Konfiguration</translation>
    </message>
    <message>
        <location filename="../ui/models/connectiontestmodel.cpp" line="47"/>
        <source>Name resolution (DNS)</source>
        <translation>Namensauflösung (DNS)</translation>
    </message>
    <message>
        <location filename="../ui/models/connectiontestmodel.cpp" line="49"/>
        <source>Connection (TCP, TLS, HTTP)</source>
        <translation>Verbindung (TCP, TLS, HTTP)</translation>
    </message>
    <message>
        <location filename="../ui/models/connectiontestmodel.cpp" line="51"/>
        <source>Jira flavour and version</source>
        <translation>Jira-Variante und -Version</translation>
    </message>
    <message>
        <location filename="../ui/models/connectiontestmodel.cpp" line="53"/>
        <source>Authenticated user</source>
        <translation>Angemeldeter Benutzer</translation>
    </message>
    <message>
        <location filename="../ui/models/connectiontestmodel.cpp" line="62"/>
        <source>Not run</source>
        <translation>Nicht ausgeführt</translation>
    </message>
    <message>
        <location filename="../ui/models/connectiontestmodel.cpp" line="64"/>
        <source>Running…</source>
        <translation>Läuft…</translation>
    </message>
    <message>
        <location filename="../ui/models/connectiontestmodel.cpp" line="66"/>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../ui/models/connectiontestmodel.cpp" line="68"/>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <location filename="../ui/models/connectiontestmodel.cpp" line="70"/>
        <source>Skipped</source>
        <translation>Übersprungen</translation>
    </message>
    <message>
        <location filename="../ui/models/connectiontestmodel.cpp" line="72"/>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <location filename="../ui/models/connectiontestmodel.cpp" line="90"/>
        <location filename="../ui/models/connectiontestmodel.cpp" line="165"/>
        <source>Fix: %1</source>
        <translation>Abhilfe: %1</translation>
    </message>
    <message>
        <location filename="../ui/models/connectiontestmodel.cpp" line="94"/>
        <source>%1

Fix: %2</source>
        <translation>%1

Abhilfe: %2</translation>
    </message>
    <message>
        <location filename="../ui/models/connectiontestmodel.cpp" line="96"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location filename="../ui/models/connectiontestmodel.cpp" line="129"/>
        <source>Step</source>
        <translation>Schritt</translation>
    </message>
    <message>
        <location filename="../ui/models/connectiontestmodel.cpp" line="131"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../ui/models/connectiontestmodel.cpp" line="133"/>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <location filename="../ui/models/connectiontestmodel.cpp" line="186"/>
        <source>Request id: %1</source>
        <translation>Anfrage-ID: %1</translation>
    </message>
    <message>
        <location filename="../ui/models/connectiontestmodel.cpp" line="196"/>
        <source>Not tried: an earlier step failed.</source>
        <translation>Nicht versucht: Ein früherer Schritt ist fehlgeschlagen.</translation>
    </message>
    <message>
        <location filename="../ui/models/connectiontestmodel.cpp" line="233"/>
        <source>no proxy</source>
        <translation>kein Proxy</translation>
    </message>
    <message>
        <location filename="../ui/models/connectiontestmodel.cpp" line="233"/>
        <source>proxy %1</source>
        <translation>Proxy %1</translation>
    </message>
    <message>
        <location filename="../ui/models/connectiontestmodel.cpp" line="405"/>
        <source>The personal access token was not accepted: it is wrong, was revoked, or has expired (tokens can have an expiry date). Create a new one in Jira (profile → Personal Access Tokens) and set it as token or JIRA_BEARER_TOKEN.</source>
        <translation>Das persönliche Zugriffstoken wurde nicht angenommen: Es ist falsch, wurde widerrufen oder ist abgelaufen (Token können ein Ablaufdatum haben). Erstellen Sie in Jira ein neues (Profil → Persönliche Zugriffstoken) und setzen Sie es als token oder JIRA_BEARER_TOKEN.</translation>
    </message>
    <message>
        <location filename="../ui/models/connectiontestmodel.cpp" line="410"/>
        <source>If this is Jira Cloud: it does not accept personal access tokens; use auth_type = &quot;basic&quot; with the Atlassian e-mail address as username and an API token as password.</source>
        <translation>Falls dies Jira Cloud ist: Es nimmt keine persönlichen Zugriffstoken an; verwenden Sie auth_type = &quot;basic&quot; mit der Atlassian-E-Mail-Adresse als Benutzername und einem API-Token als Passwort.</translation>
    </message>
    <message>
        <location filename="../ui/models/connectiontestmodel.cpp" line="235"/>
        <source>%1, %2, %3</source>
        <translation>%1, %2, %3</translation>
    </message>
    <message>
        <location filename="../ui/models/connectiontestmodel.cpp" line="240"/>
        <source>%1 is an IP address; nothing to resolve.</source>
        <translation>%1 ist eine IP-Adresse; es gibt nichts aufzulösen.</translation>
    </message>
    <message>
        <location filename="../ui/models/connectiontestmodel.cpp" line="246"/>
        <source>%1 is resolved by the proxy %2:%3.</source>
        <translation>%1 wird vom Proxy %2:%3 aufgelöst.</translation>
    </message>
    <message>
        <location filename="../ui/models/connectiontestmodel.cpp" line="261"/>
        <source>The host name %1 does not resolve.</source>
        <translation>Der Hostname %1 lässt sich nicht auflösen.</translation>
    </message>
    <message>
        <location filename="../ui/models/connectiontestmodel.cpp" line="270"/>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <location filename="../ui/models/connectiontestmodel.cpp" line="291"/>
        <source>The connection through the proxy %1 failed, so Jira was never asked.</source>
        <translation>Die Verbindung über den Proxy %1 ist gescheitert; Jira wurde gar nicht erst gefragt.</translation>
    </message>
    <message>
        <location filename="../ui/models/connectiontestmodel.cpp" line="297"/>
        <source>HTTP %1 from the server</source>
        <translation>HTTP %1 vom Server</translation>
    </message>
    <message>
        <location filename="../ui/models/connectiontestmodel.cpp" line="305"/>
        <source>HTTPS connection established, certificate accepted</source>
        <translation>HTTPS-Verbindung hergestellt, Zertifikat akzeptiert</translation>
    </message>
    <message>
        <location filename="../ui/models/connectiontestmodel.cpp" line="306"/>
        <source>HTTP connection established (unencrypted: credentials travel in clear text)</source>
        <translation>HTTP-Verbindung hergestellt (unverschlüsselt: Zugangsdaten werden im Klartext übertragen)</translation>
    </message>
    <message>
        <location filename="../ui/models/connectiontestmodel.cpp" line="337"/>
        <source>Signed in as %1</source>
        <translation>Angemeldet als %1</translation>
    </message>
    <message>
        <location filename="../ui/models/connectiontestmodel.cpp" line="337"/>
        <source>Signed in as %1 (%2)</source>
        <translation>Angemeldet als %1 (%2)</translation>
    </message>
    <message>
        <location filename="../ui/models/connectiontestmodel.cpp" line="357"/>
        <source>Cancelled by the user.</source>
        <translation>Vom Benutzer abgebrochen.</translation>
    </message>
    <message>
        <location filename="../ui/models/connectiontestmodel.cpp" line="379"/>
        <source>Check the spelling of server_url. If this computer reaches Jira only through a VPN or a proxy, connect the VPN, or set the proxy in the system settings or in HTTPS_PROXY.</source>
        <translation>Prüfen Sie die Schreibweise von server_url. Erreicht dieser Computer Jira nur über ein VPN oder einen Proxy, verbinden Sie das VPN oder setzen Sie den Proxy in den Systemeinstellungen oder in HTTPS_PROXY.</translation>
    </message>
    <message>
        <location filename="../ui/models/connectiontestmodel.cpp" line="382"/>
        <source>Nothing accepts connections at this address and port. Check the port in server_url (https uses 443 unless a port is given), that Jira is running, and that no firewall blocks it. Behind a corporate proxy, set HTTPS_PROXY.</source>
        <translation>Unter dieser Adresse und diesem Port nimmt nichts Verbindungen an. Prüfen Sie den Port in server_url (https verwendet 443, sofern kein Port angegeben ist), ob Jira läuft und ob eine Firewall die Verbindung blockiert. Hinter einem Firmen-Proxy setzen Sie HTTPS_PROXY.</translation>
    </message>
    <message>
        <location filename="../ui/models/connectiontestmodel.cpp" line="386"/>
        <source>Jira did not answer in time. Check VPN, proxy and firewall; for a slow Jira raise client_config.timeout.</source>
        <translation>Jira hat nicht rechtzeitig geantwortet. Prüfen Sie VPN, Proxy und Firewall; bei einem langsamen Jira erhöhen Sie client_config.timeout.</translation>
    </message>
    <message>
        <location filename="../ui/models/connectiontestmodel.cpp" line="389"/>
        <source>Check the proxy named above (system settings, or HTTPS_PROXY / HTTP_PROXY): its host and port, that it lets this computer reach Jira, and its own login (user:password@host in HTTPS_PROXY) if it asks for one. If Jira is reachable directly, add its host to NO_PROXY.</source>
        <translation>Prüfen Sie den oben genannten Proxy (Systemeinstellungen oder HTTPS_PROXY / HTTP_PROXY): Host und Port, ob er diesen Rechner zu Jira durchlässt, und seine eigene Anmeldung (benutzer:passwort@host in HTTPS_PROXY), falls er eine verlangt. Ist Jira direkt erreichbar, tragen Sie seinen Host in NO_PROXY ein.</translation>
    </message>
    <message>
        <location filename="../ui/models/connectiontestmodel.cpp" line="393"/>
        <source>The server certificate was not accepted. If Jira uses an internal CA or your company inspects TLS traffic (e.g. Zscaler), set ssl_ca_cert_path to that CA&apos;s PEM file. If the host name does not match, use the name the certificate was issued for. Use verify_ssl = false only for tests.</source>
        <translation>Das Serverzertifikat wurde nicht akzeptiert. Verwendet Jira eine interne CA oder untersucht Ihr Unternehmen den TLS-Verkehr (z. B. Zscaler), setzen Sie ssl_ca_cert_path auf die PEM-Datei dieser CA. Passt der Hostname nicht, verwenden Sie den Namen, für den das Zertifikat ausgestellt wurde. Verwenden Sie verify_ssl = false nur für Tests.</translation>
    </message>
    <message>
        <location filename="../ui/models/connectiontestmodel.cpp" line="398"/>
        <source>Jira Cloud does not accept personal access tokens. Use auth_type = &quot;basic&quot; with your Atlassian e-mail address as username and an API token as password.</source>
        <translation>Jira Cloud akzeptiert keine persönlichen Zugriffstoken. Verwenden Sie auth_type = &quot;basic&quot; mit der E-Mail-Adresse Ihres Atlassian-Kontos als Benutzernamen und einem API-Token als Passwort.</translation>
    </message>
    <message>
        <location filename="../ui/models/connectiontestmodel.cpp" line="401"/>
        <source>Jira Cloud expects the Atlassian account&apos;s e-mail address as username and an API token (id.atlassian.com → Security → API tokens) as password, not the account password.</source>
        <translation>Jira Cloud erwartet die E-Mail-Adresse des Atlassian-Kontos als Benutzernamen und ein API-Token (id.atlassian.com → Sicherheit → API-Tokens) als Passwort, nicht das Kontopasswort.</translation>
    </message>
    <message>
        <location filename="../ui/models/connectiontestmodel.cpp" line="415"/>
        <source>The OAuth access token or consumer key was not accepted. Authorise the application link again and store the new access token.</source>
        <translation>Das OAuth-Zugriffstoken oder der Consumer-Key wurde nicht akzeptiert. Autorisieren Sie den Anwendungslink erneut und speichern Sie das neue Zugriffstoken.</translation>
    </message>
    <message>
        <location filename="../ui/models/connectiontestmodel.cpp" line="417"/>
        <source>Check username and password. If your Jira Data Center has basic authentication turned off, create a personal access token and use auth_type = &quot;token&quot;.</source>
        <translation>Prüfen Sie Benutzername und Passwort. Ist in Ihrem Jira Data Center die Basic-Authentifizierung abgeschaltet, erstellen Sie ein persönliches Zugriffstoken und verwenden Sie auth_type = &quot;token&quot;.</translation>
    </message>
    <message>
        <location filename="../ui/models/connectiontestmodel.cpp" line="420"/>
        <source>The token has expired or was revoked. Create a new personal access token in Jira (profile → Personal Access Tokens) and store it as token or JIRA_BEARER_TOKEN.</source>
        <translation>Das Token ist abgelaufen oder wurde widerrufen. Erstellen Sie in Jira ein neues persönliches Zugriffstoken (Profil → Personal Access Tokens) und speichern Sie es als token oder JIRA_BEARER_TOKEN.</translation>
    </message>
    <message>
        <location filename="../ui/models/connectiontestmodel.cpp" line="423"/>
        <source>Jira locked the account behind a CAPTCHA after failed logins. Log in once in a browser as this user and solve the CAPTCHA, then correct the stored password so the service does not lock it again.</source>
        <translation>Jira hat das Konto nach fehlgeschlagenen Anmeldungen hinter einem CAPTCHA gesperrt. Melden Sie sich einmal im Browser als dieser Benutzer an und lösen Sie das CAPTCHA; korrigieren Sie dann das gespeicherte Passwort, damit der Dienst das Konto nicht erneut sperrt.</translation>
    </message>
    <message>
        <location filename="../ui/models/connectiontestmodel.cpp" line="427"/>
        <source>The account is signed in but not allowed to do this. Ask your Jira administrator for the permissions listed on the Permissions page. A proxy that filters requests can also cause this.</source>
        <translation>Das Konto ist angemeldet, darf dies aber nicht. Bitten Sie Ihren Jira-Administrator um die Berechtigungen, die auf der Seite Berechtigungen aufgeführt sind. Auch ein Proxy, der Anfragen filtert, kann die Ursache sein.</translation>
    </message>
    <message>
        <location filename="../ui/models/connectiontestmodel.cpp" line="430"/>
        <source>server_url probably points to the wrong place. Use Jira&apos;s base address including a context path such as /jira, not the address of a Jira page.</source>
        <translation>server_url zeigt vermutlich an die falsche Stelle. Verwenden Sie die Basisadresse von Jira einschließlich eines Kontextpfads wie /jira, nicht die Adresse einer Jira-Seite.</translation>
    </message>
    <message>
        <location filename="../ui/models/connectiontestmodel.cpp" line="433"/>
        <source>Atlassian removed this API. Update the defect service.</source>
        <translation>Atlassian hat diese API entfernt. Aktualisieren Sie den Defect-Service.</translation>
    </message>
    <message>
        <location filename="../ui/models/connectiontestmodel.cpp" line="435"/>
        <source>Jira is limiting the requests of this account. Wait a minute and try again; tools sharing the same token share the limit.</source>
        <translation>Jira drosselt die Anfragen dieses Kontos. Warten Sie eine Minute und versuchen Sie es erneut; Werkzeuge, die dasselbe Token verwenden, teilen sich das Limit.</translation>
    </message>
    <message>
        <location filename="../ui/models/connectiontestmodel.cpp" line="438"/>
        <source>Jira reported an internal error. Try again later; if it persists, give the request id to your Jira administrator.</source>
        <translation>Jira hat einen internen Fehler gemeldet. Versuchen Sie es später erneut; tritt er weiterhin auf, geben Sie die Anfrage-ID an Ihren Jira-Administrator weiter.</translation>
    </message>
    <message>
        <location filename="../ui/models/connectiontestmodel.cpp" line="441"/>
        <source>The answer did not come from Jira&apos;s REST API. Often a single sign-on or proxy login page sits in front of Jira, or server_url names the wrong server.</source>
        <translation>Die Antwort kam nicht von der REST-API von Jira. Oft steht eine Single-Sign-on- oder Proxy-Anmeldeseite vor Jira, oder server_url nennt den falschen Server.</translation>
    </message>
    <message>
        <location filename="../ui/models/connectiontestmodel.cpp" line="444"/>
        <source>Jira rejected the request; its message above says which part.</source>
        <translation>Jira hat die Anfrage abgelehnt; die Meldung oben nennt den betroffenen Teil.</translation>
    </message>
    <message>
        <location filename="../ui/models/connectiontestmodel.cpp" line="446"/>
        <source>Fix the credentials or key files on the Configuration page (or set the JIRA_* environment variables).</source>
        <translation>Korrigieren Sie die Zugangsdaten oder Schlüsseldateien auf der Seite Konfiguration (oder setzen Sie die Umgebungsvariablen JIRA_*).</translation>
    </message>
    <message>
        <location filename="../ui/models/connectiontestmodel.cpp" line="453"/>
        <source>Check the network and proxy settings. A proxy that answers 407 needs its own credentials in HTTPS_PROXY.</source>
        <translation>Prüfen Sie die Netzwerk- und Proxy-Einstellungen. Ein Proxy, der mit 407 antwortet, braucht eigene Zugangsdaten in HTTPS_PROXY.</translation>
    </message>
</context>
<context>
    <name>tbds::ui::ConnectionTestPage</name>
    <message>
        <location filename="../ui/connectiontestpage.cpp" line="24"/>
        <source>Checks step by step whether this computer reaches Jira with the configured address and credentials, and says how to fix what fails.</source>
        <translation>Prüft Schritt für Schritt, ob dieser Computer Jira mit der konfigurierten Adresse und den Zugangsdaten erreicht, und sagt, wie sich Fehlschläge beheben lassen.</translation>
    </message>
    <message>
        <location filename="../ui/connectiontestpage.cpp" line="32"/>
        <source>&amp;Test connection</source>
        <translation>Verbindung &amp;testen</translation>
    </message>
    <message>
        <location filename="../ui/connectiontestpage.cpp" line="34"/>
        <source>&amp;Cancel</source>
        <translation>Abbre&amp;chen</translation>
    </message>
    <message>
        <location filename="../ui/connectiontestpage.cpp" line="36"/>
        <source>Copy &amp;report</source>
        <translation>Bericht &amp;kopieren</translation>
    </message>
    <message>
        <location filename="../ui/connectiontestpage.cpp" line="38"/>
        <source>Copy the steps and hints as text, e.g. for a support ticket (contains no secrets)</source>
        <translation>Die Schritte und Hinweise als Text kopieren, z. B. für ein Support-Ticket (enthält keine Geheimnisse)</translation>
    </message>
    <message>
        <location filename="../ui/connectiontestpage.cpp" line="47"/>
        <source>Connection test steps</source>
        <translation>Schritte des Verbindungstests</translation>
    </message>
    <message>
        <location filename="../ui/connectiontestpage.cpp" line="68"/>
        <source>Jira is reachable and the credentials work.</source>
        <translation>Jira ist erreichbar, und die Zugangsdaten funktionieren.</translation>
    </message>
    <message>
        <location filename="../ui/connectiontestpage.cpp" line="69"/>
        <source>The connection test failed; the table says where and how to fix it.</source>
        <translation>Der Verbindungstest ist fehlgeschlagen; die Tabelle zeigt, wo und wie Sie das Problem beheben.</translation>
    </message>
</context>
<context>
    <name>tbds::ui::ControlFieldsModel</name>
    <message>
        <location filename="../ui/models/controlfieldsmodel.cpp" line="86"/>
        <source>known to Jira</source>
        <translation>Jira bekannt</translation>
    </message>
    <message>
        <location filename="../ui/models/controlfieldsmodel.cpp" line="88"/>
        <source>unknown to Jira</source>
        <translation>Jira unbekannt</translation>
    </message>
    <message>
        <location filename="../ui/models/controlfieldsmodel.cpp" line="90"/>
        <source>no fixed values</source>
        <translation>keine festen Werte</translation>
    </message>
    <message>
        <location filename="../ui/models/controlfieldsmodel.cpp" line="92"/>
        <source>configured</source>
        <translation>konfiguriert</translation>
    </message>
    <message>
        <location filename="../ui/models/controlfieldsmodel.cpp" line="138"/>
        <source>Select the row and enter the values TestBench sends for %1, one per line.</source>
        <translation>Wählen Sie die Zeile und geben Sie die Werte ein, die TestBench für %1 sendet, einen pro Zeile.</translation>
    </message>
    <message>
        <location filename="../ui/models/controlfieldsmodel.cpp" line="141"/>
        <source>Jira has no field &quot;%1&quot; in this project (neither a field id nor a field name on the create screen). TestBench gets no values for it: fix the name in control_fields.</source>
        <translation>Jira hat in diesem Projekt kein Feld „%1“ (weder eine Feld-ID noch einen Feldnamen in der Erstellungsmaske). TestBench erhält dafür keine Werte: Korrigieren Sie den Namen in control_fields.</translation>
    </message>
    <message>
        <location filename="../ui/models/controlfieldsmodel.cpp" line="145"/>
        <source>Jira knows the field but has no list of allowed values for it; TestBench accepts free text.</source>
        <translation>Jira kennt das Feld, hat aber keine Liste erlaubter Werte dafür; TestBench akzeptiert Freitext.</translation>
    </message>
    <message>
        <location filename="../ui/models/controlfieldsmodel.cpp" line="173"/>
        <source>Control field</source>
        <translation>Steuerfeld</translation>
    </message>
    <message>
        <location filename="../ui/models/controlfieldsmodel.cpp" line="175"/>
        <source>Values from</source>
        <translation>Werte aus</translation>
    </message>
    <message>
        <location filename="../ui/models/controlfieldsmodel.cpp" line="177"/>
        <source>Count</source>
        <translation>Anzahl</translation>
    </message>
    <message>
        <location filename="../ui/models/controlfieldsmodel.cpp" line="179"/>
        <source>Allowed values</source>
        <translation>Erlaubte Werte</translation>
    </message>
    <message>
        <location filename="../ui/models/controlfieldsmodel.cpp" line="181"/>
        <source>TestBench values</source>
        <translation>TestBench-Werte</translation>
    </message>
    <message>
        <location filename="../ui/models/controlfieldsmodel.cpp" line="183"/>
        <source>Would Jira accept them?</source>
        <translation>Würde Jira sie annehmen?</translation>
    </message>
    <message>
        <location filename="../ui/models/controlfieldsmodel.cpp" line="285"/>
        <source>letter case</source>
        <translation>Groß-/Kleinschreibung</translation>
    </message>
    <message>
        <location filename="../ui/models/controlfieldsmodel.cpp" line="287"/>
        <source>spaces</source>
        <translation>Leerzeichen</translation>
    </message>
    <message>
        <location filename="../ui/models/controlfieldsmodel.cpp" line="289"/>
        <source>Unicode form</source>
        <translation>Unicode-Form</translation>
    </message>
    <message>
        <location filename="../ui/models/controlfieldsmodel.cpp" line="291"/>
        <source>%1 and %2</source>
        <translation>%1 und %2</translation>
    </message>
    <message>
        <location filename="../ui/models/controlfieldsmodel.cpp" line="292"/>
        <source>%1, %2 and %3</source>
        <translation>%1, %2 und %3</translation>
    </message>
    <message>
        <location filename="../ui/models/controlfieldsmodel.cpp" line="327"/>
        <source>no TestBench values entered</source>
        <translation>keine TestBench-Werte eingegeben</translation>
    </message>
    <message>
        <location filename="../ui/models/controlfieldsmodel.cpp" line="329"/>
        <source>not checked: Jira does not know the field</source>
        <translation>nicht geprüft: Jira kennt das Feld nicht</translation>
    </message>
    <message>
        <location filename="../ui/models/controlfieldsmodel.cpp" line="331"/>
        <source>not checked: no fixed list of allowed values</source>
        <translation>nicht geprüft: keine feste Liste erlaubter Werte</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/models/controlfieldsmodel.cpp" line="334"/>
        <source>✔ all %n value(s) accepted</source>
        <translation>
            <numerusform>✔ der %n Wert wird angenommen</numerusform>
            <numerusform>✔ alle %n Werte werden angenommen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/models/controlfieldsmodel.cpp" line="335"/>
        <source>✘ %1 of %n value(s) would be rejected</source>
        <translation>
            <numerusform>✘ %1 von %n Wert würde abgelehnt</numerusform>
            <numerusform>✘ %1 von %n Werten würden abgelehnt</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/models/controlfieldsmodel.cpp" line="344"/>
        <source>✔ %1: allowed</source>
        <translation>✔ %1: erlaubt</translation>
    </message>
    <message>
        <location filename="../ui/models/controlfieldsmodel.cpp" line="349"/>
        <source>✘ %1: would be rejected, it is none of the allowed values</source>
        <translation>✘ %1: würde abgelehnt, es ist keiner der erlaubten Werte</translation>
    </message>
    <message>
        <location filename="../ui/models/controlfieldsmodel.cpp" line="350"/>
        <source>✘ %1: would be rejected. Did you mean %2? (differs only in %3)</source>
        <translation>✘ %1: würde abgelehnt. Meinten Sie %2? (unterscheidet sich nur in %3)</translation>
    </message>
    <message>
        <location filename="../ui/models/controlfieldsmodel.cpp" line="354"/>
        <source>– %1: not checked</source>
        <translation>– %1: nicht geprüft</translation>
    </message>
    <message>
        <location filename="../ui/models/controlfieldsmodel.cpp" line="364"/>
        <source>Control fields of %1 on %2</source>
        <translation>Steuerfelder von %1 auf %2</translation>
    </message>
    <message>
        <location filename="../ui/models/controlfieldsmodel.cpp" line="372"/>
        <source>Allowed values (%1): %2</source>
        <translation>Erlaubte Werte (%1): %2</translation>
    </message>
    <message>
        <location filename="../ui/models/controlfieldsmodel.cpp" line="375"/>
        <source>TestBench values: %1</source>
        <translation>TestBench-Werte: %1</translation>
    </message>
    <message>
        <location filename="../ui/models/controlfieldsmodel.cpp" line="382"/>
        <source>No TestBench value would be rejected.</source>
        <translation>Kein TestBench-Wert würde abgelehnt.</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/models/controlfieldsmodel.cpp" line="383"/>
        <source>%n TestBench value(s) would be rejected: /correct drops defects that carry them.</source>
        <translation>
            <numerusform>%n TestBench-Wert würde abgelehnt: /correct verwirft Fehler, die ihn tragen.</numerusform>
            <numerusform>%n TestBench-Werte würden abgelehnt: /correct verwirft Fehler, die sie tragen.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/models/controlfieldsmodel.cpp" line="402"/>
        <source>project workflow statuses</source>
        <translation>Workflow-Status des Projekts</translation>
    </message>
    <message>
        <location filename="../ui/models/controlfieldsmodel.cpp" line="406"/>
        <source>Jira priorities</source>
        <translation>Jira-Prioritäten</translation>
    </message>
    <message>
        <location filename="../ui/models/controlfieldsmodel.cpp" line="410"/>
        <source>project issue types</source>
        <translation>Vorgangstypen des Projekts</translation>
    </message>
    <message>
        <location filename="../ui/models/controlfieldsmodel.cpp" line="132"/>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <location filename="../ui/models/controlfieldsmodel.cpp" line="438"/>
        <source>create metadata of %1 (%2)</source>
        <translation>Erstellungsmetadaten von %1 (%2)</translation>
    </message>
    <message>
        <location filename="../ui/models/controlfieldsmodel.cpp" line="448"/>
        <source>config.toml</source>
        <translation>config.toml</translation>
    </message>
</context>
<context>
    <name>tbds::ui::ControlFieldsPage</name>
    <message>
        <location filename="../ui/controlfieldspage.cpp" line="43"/>
        <source>The control fields of a project and the values TestBench can choose from. Fields marked “unknown to Jira” (in red) are configured but Jira has no such field. Enter the values TestBench sends for a field below the table to see which ones Jira would reject.</source>
        <translation>Die Steuerfelder eines Projekts und die Werte, aus denen TestBench wählen kann. Felder mit „Jira unbekannt“ (rot) sind konfiguriert, aber Jira hat kein solches Feld. Geben Sie unter der Tabelle die Werte ein, die TestBench für ein Feld sendet, um zu sehen, welche Jira ablehnen würde.</translation>
    </message>
    <message>
        <location filename="../ui/controlfieldspage.cpp" line="53"/>
        <source>&amp;Show values</source>
        <translation>&amp;Werte anzeigen</translation>
    </message>
    <message>
        <location filename="../ui/controlfieldspage.cpp" line="55"/>
        <source>&amp;Cancel</source>
        <translation>Abbre&amp;chen</translation>
    </message>
    <message>
        <location filename="../ui/controlfieldspage.cpp" line="64"/>
        <source>Control fields and allowed values</source>
        <translation>Steuerfelder und erlaubte Werte</translation>
    </message>
    <message>
        <location filename="../ui/controlfieldspage.cpp" line="92"/>
        <source>Values TestBench sends, one per line</source>
        <translation>Werte, die TestBench sendet, einer pro Zeile</translation>
    </message>
    <message>
        <location filename="../ui/controlfieldspage.cpp" line="94"/>
        <source>One value per line, exactly as TestBench sends it</source>
        <translation>Ein Wert pro Zeile, genau so, wie TestBench ihn sendet</translation>
    </message>
    <message>
        <location filename="../ui/controlfieldspage.cpp" line="99"/>
        <source>&amp;What the service would do with them:</source>
        <translation>Was der Dienst damit t&amp;un würde:</translation>
    </message>
    <message>
        <location filename="../ui/controlfieldspage.cpp" line="103"/>
        <source>What the service would do with the TestBench values</source>
        <translation>Was der Dienst mit den TestBench-Werten tun würde</translation>
    </message>
    <message>
        <location filename="../ui/controlfieldspage.cpp" line="111"/>
        <source>Co&amp;py report</source>
        <translation>Bericht ko&amp;pieren</translation>
    </message>
    <message>
        <location filename="../ui/controlfieldspage.cpp" line="173"/>
        <source>&amp;TestBench values for %1 (one per line):</source>
        <translation>&amp;TestBench-Werte für %1 (einer pro Zeile):</translation>
    </message>
    <message>
        <location filename="../ui/controlfieldspage.cpp" line="174"/>
        <source>&amp;TestBench values (choose a field above):</source>
        <translation>&amp;TestBench-Werte (oben ein Feld wählen):</translation>
    </message>
    <message>
        <location filename="../ui/controlfieldspage.cpp" line="194"/>
        <source>the JSONL client</source>
        <translation>der JSONL-Client</translation>
    </message>
    <message>
        <location filename="../ui/controlfieldspage.cpp" line="208"/>
        <source>This configuration uses the JSONL client: TestBench offers the lists configured in control_fields.</source>
        <translation>Diese Konfiguration nutzt den JSONL-Client: TestBench bietet die in control_fields konfigurierten Listen an.</translation>
    </message>
    <message>
        <location filename="../ui/controlfieldspage.cpp" line="225"/>
        <source>Choose or type a project first.</source>
        <translation>Wählen Sie zuerst ein Projekt aus oder geben Sie eines ein.</translation>
    </message>
    <message>
        <location filename="../ui/controlfieldspage.cpp" line="239"/>
        <source>Asking Jira…</source>
        <translation>Jira wird abgefragt…</translation>
    </message>
    <message>
        <location filename="../ui/controlfieldspage.cpp" line="306"/>
        <location filename="../ui/controlfieldspage.cpp" line="344"/>
        <source>Cancelled.</source>
        <translation>Abgebrochen.</translation>
    </message>
    <message>
        <location filename="../ui/controlfieldspage.cpp" line="330"/>
        <source>Jira knows every configured control field of %1.</source>
        <translation>Jira kennt alle konfigurierten Steuerfelder von %1.</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/controlfieldspage.cpp" line="331"/>
        <source>%n configured control field(s) unknown to Jira in %1.</source>
        <translation>
            <numerusform>%n konfiguriertes Steuerfeld ist Jira in %1 unbekannt.</numerusform>
            <numerusform>%n konfigurierte Steuerfelder sind Jira in %1 unbekannt.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tbds::ui::CredentialsPage</name>
    <message>
        <location filename="../ui/credentialspage.cpp" line="53"/>
        <source>Jira credentials (used by the service to log in to Jira)</source>
        <translation>Jira-Zugangsdaten (mit denen sich der Dienst bei Jira anmeldet)</translation>
    </message>
    <message>
        <location filename="../ui/credentialspage.cpp" line="62"/>
        <source>The service looks for each secret in this order: the OS keychain, then an environment variable, then config.toml. Secrets stored here go to the keychain only; config.toml is changed only when you choose &quot;Write to config.toml&quot;.</source>
        <translation>Der Dienst sucht jedes Geheimnis in dieser Reihenfolge: Schlüsselbund des Systems, dann Umgebungsvariable, dann config.toml. Hier gespeicherte Geheimnisse landen nur im Schlüsselbund; die config.toml ändert sich nur, wenn Sie „In config.toml schreiben“ wählen.</translation>
    </message>
    <message>
        <location filename="../ui/credentialspage.cpp" line="82"/>
        <source>Waiting for the keyring</source>
        <translation>Warten auf den Schlüsselbund</translation>
    </message>
    <message>
        <location filename="../ui/credentialspage.cpp" line="83"/>
        <source>&amp;Cancel</source>
        <translation>Abbre&amp;chen</translation>
    </message>
    <message>
        <location filename="../ui/credentialspage.cpp" line="85"/>
        <source>Stop waiting for the keyring (a write may still complete in the background)</source>
        <translation>Nicht länger auf den Schlüsselbund warten (ein Schreibvorgang kann im Hintergrund noch abgeschlossen werden)</translation>
    </message>
    <message>
        <location filename="../ui/credentialspage.cpp" line="101"/>
        <source>Check &amp;again</source>
        <translation>&amp;Erneut prüfen</translation>
    </message>
    <message>
        <location filename="../ui/credentialspage.cpp" line="103"/>
        <source>Look up again where each secret comes from</source>
        <translation>Erneut nachsehen, woher jedes Geheimnis stammt</translation>
    </message>
    <message>
        <location filename="../ui/credentialspage.cpp" line="110"/>
        <source>Service login (what TestBench&apos;s DMProxy logs in with)</source>
        <translation>Anmeldung am Dienst (womit sich der DMProxy von TestBench anmeldet)</translation>
    </message>
    <message>
        <location filename="../ui/credentialspage.cpp" line="116"/>
        <source>Current:</source>
        <translation>Aktuell:</translation>
    </message>
    <message>
        <location filename="../ui/credentialspage.cpp" line="119"/>
        <source>Service user name</source>
        <translation>Benutzername für den Dienst</translation>
    </message>
    <message>
        <location filename="../ui/credentialspage.cpp" line="121"/>
        <source>&amp;User:</source>
        <translation>Ben&amp;utzer:</translation>
    </message>
    <message>
        <location filename="../ui/credentialspage.cpp" line="124"/>
        <source>Service password</source>
        <translation>Passwort für den Dienst</translation>
    </message>
    <message>
        <location filename="../ui/credentialspage.cpp" line="126"/>
        <source>&amp;Password:</source>
        <translation>&amp;Passwort:</translation>
    </message>
    <message>
        <location filename="../ui/credentialspage.cpp" line="129"/>
        <source>Repeat the service password</source>
        <translation>Passwort für den Dienst wiederholen</translation>
    </message>
    <message>
        <location filename="../ui/credentialspage.cpp" line="131"/>
        <source>&amp;Repeat:</source>
        <translation>&amp;Wiederholen:</translation>
    </message>
    <message>
        <location filename="../ui/credentialspage.cpp" line="132"/>
        <source>Set service &amp;credentials</source>
        <translation>Zugangsdaten des Dienstes &amp;setzen</translation>
    </message>
    <message>
        <location filename="../ui/credentialspage.cpp" line="134"/>
        <source>Writes password_hash and salt into the configuration (undoable; saved with File ▸ Save). The password itself is never stored.</source>
        <translation>Schreibt password_hash und salt in die Konfiguration (rückgängig machbar; gespeichert mit Datei ▸ Speichern). Das Passwort selbst wird nie gespeichert.</translation>
    </message>
    <message>
        <location filename="../ui/credentialspage.cpp" line="228"/>
        <source>Password / API token:</source>
        <translation>Passwort / API-Token:</translation>
    </message>
    <message>
        <location filename="../ui/credentialspage.cpp" line="230"/>
        <source>Personal access token:</source>
        <translation>Persönliches Zugriffstoken:</translation>
    </message>
    <message>
        <location filename="../ui/credentialspage.cpp" line="232"/>
        <source>OAuth 1.0a access token:</source>
        <translation>OAuth-1.0a-Zugriffstoken:</translation>
    </message>
    <message>
        <location filename="../ui/credentialspage.cpp" line="234"/>
        <source>OAuth 1.0a token secret:</source>
        <translation>OAuth-1.0a-Token-Geheimnis:</translation>
    </message>
    <message>
        <location filename="../ui/credentialspage.cpp" line="236"/>
        <source>OAuth 1.0a consumer key:</source>
        <translation>OAuth-1.0a-Consumer-Schlüssel:</translation>
    </message>
    <message>
        <location filename="../ui/credentialspage.cpp" line="238"/>
        <source>OAuth 1.0a private key (PEM):</source>
        <translation>Privater OAuth-1.0a-Schlüssel (PEM):</translation>
    </message>
    <message>
        <location filename="../ui/credentialspage.cpp" line="287"/>
        <source>This configuration uses the JSONL client, which needs no Jira credentials.</source>
        <translation>Diese Konfiguration nutzt den JSONL-Client, der keine Jira-Zugangsdaten braucht.</translation>
    </message>
    <message>
        <location filename="../ui/credentialspage.cpp" line="293"/>
        <source>Set the Jira server URL on the Configuration page first; secrets are stored per server.</source>
        <translation>Setzen Sie zuerst die Jira-Server-URL auf der Seite Konfiguration; Geheimnisse werden je Server gespeichert.</translation>
    </message>
    <message>
        <location filename="../ui/credentialspage.cpp" line="299"/>
        <source>Server: %1 · authentication: %2 · user: %3</source>
        <translation>Server: %1 · Anmeldung: %2 · Benutzer: %3</translation>
    </message>
    <message>
        <location filename="../ui/credentialspage.cpp" line="301"/>
        <source>(none)</source>
        <translation>(keiner)</translation>
    </message>
    <message>
        <location filename="../ui/credentialspage.cpp" line="316"/>
        <source>new value</source>
        <translation>neuer Wert</translation>
    </message>
    <message>
        <location filename="../ui/credentialspage.cpp" line="318"/>
        <source>Store in keychain</source>
        <translation>Im Schlüsselbund speichern</translation>
    </message>
    <message>
        <location filename="../ui/credentialspage.cpp" line="320"/>
        <source>Remove from keychain</source>
        <translation>Aus dem Schlüsselbund entfernen</translation>
    </message>
    <message>
        <location filename="../ui/credentialspage.cpp" line="322"/>
        <source>Write to %1…</source>
        <translation>In %1 schreiben…</translation>
    </message>
    <message>
        <location filename="../ui/credentialspage.cpp" line="331"/>
        <source>Write %1 to %2</source>
        <translation>%1 in %2 schreiben</translation>
    </message>
    <message>
        <location filename="../ui/credentialspage.cpp" line="411"/>
        <source>The Jira settings live in a separate file (client_config_path) that is not edited here; edit that file to put a secret there.</source>
        <translation>Die Jira-Einstellungen stehen in einer eigenen Datei (client_config_path), die hier nicht bearbeitet wird; bearbeiten Sie diese Datei, um ein Geheimnis dort abzulegen.</translation>
    </message>
    <message>
        <location filename="../ui/credentialspage.cpp" line="324"/>
        <source>Stores the secret as plain text in the configuration file. Only for machines without a keyring; anyone who can read the file can read the secret.</source>
        <translation>Speichert das Geheimnis als Klartext in der Konfigurationsdatei. Nur für Rechner ohne Schlüsselbund; wer die Datei lesen kann, kann das Geheimnis lesen.</translation>
    </message>
    <message>
        <location filename="../ui/credentialspage.cpp" line="329"/>
        <source>Store %1 in the keychain</source>
        <translation>%1 im Schlüsselbund speichern</translation>
    </message>
    <message>
        <location filename="../ui/credentialspage.cpp" line="330"/>
        <source>Remove %1 from the keychain</source>
        <translation>%1 aus dem Schlüsselbund entfernen</translation>
    </message>
    <message>
        <location filename="../ui/credentialspage.cpp" line="381"/>
        <source>Type the new value of %1 first.</source>
        <translation>Geben Sie zuerst den neuen Wert für %1 ein.</translation>
    </message>
    <message>
        <location filename="../ui/credentialspage.cpp" line="385"/>
        <source>Secrets are stored per Jira server: set the server URL of a Jira configuration first.</source>
        <translation>Geheimnisse werden je Jira-Server gespeichert: Setzen Sie zuerst die Server-URL einer Jira-Konfiguration.</translation>
    </message>
    <message>
        <location filename="../ui/credentialspage.cpp" line="407"/>
        <source>Type the value to write into config.toml first.</source>
        <translation>Geben Sie zuerst den Wert ein, der in die config.toml soll.</translation>
    </message>
    <message>
        <location filename="../ui/credentialspage.cpp" line="416"/>
        <source>Write secret to config.toml</source>
        <translation>Geheimnis in config.toml schreiben</translation>
    </message>
    <message>
        <location filename="../ui/credentialspage.cpp" line="417"/>
        <source>%1 will be stored as plain text in %2. Anyone who can read the file can use it. The keychain is the safer place; use this only where no keyring exists. Write it to the file?</source>
        <translation>%1 wird als Klartext in %2 gespeichert. Wer die Datei lesen kann, kann es verwenden. Der Schlüsselbund ist der sicherere Ort; nutzen Sie dies nur, wo es keinen Schlüsselbund gibt. In die Datei schreiben?</translation>
    </message>
    <message>
        <location filename="../ui/credentialspage.cpp" line="430"/>
        <source>%1 written to the configuration (plain text); save to keep it.</source>
        <translation>%1 in die Konfiguration geschrieben (Klartext); speichern Sie, um es zu behalten.</translation>
    </message>
    <message>
        <location filename="../ui/credentialspage.cpp" line="462"/>
        <source>Waiting for the keyring… (looking up %1)</source>
        <translation>Warten auf den Schlüsselbund… (%1 wird gesucht)</translation>
    </message>
    <message>
        <location filename="../ui/credentialspage.cpp" line="466"/>
        <source>Waiting for the keyring… (storing %1; unlock it if your desktop asks)</source>
        <translation>Warten auf den Schlüsselbund… (%1 wird gespeichert; entsperren Sie ihn, falls der Desktop fragt)</translation>
    </message>
    <message>
        <location filename="../ui/credentialspage.cpp" line="471"/>
        <source>Waiting for the keyring… (removing %1)</source>
        <translation>Warten auf den Schlüsselbund… (%1 wird entfernt)</translation>
    </message>
    <message>
        <location filename="../ui/credentialspage.cpp" line="500"/>
        <source>Install and start a Secret Service (GNOME Keyring, KWallet or KeePassXC), or give the service the secret through its environment (e.g. JIRA_PASSWORD). Nothing was written to config.toml.</source>
        <translation>Installieren und starten Sie einen Secret Service (GNOME Keyring, KWallet oder KeePassXC) oder geben Sie dem Dienst das Geheimnis über seine Umgebung (z. B. JIRA_PASSWORD). In die config.toml wurde nichts geschrieben.</translation>
    </message>
    <message>
        <location filename="../ui/credentialspage.cpp" line="504"/>
        <source>Unlock the keyring (e.g. in Seahorse or KWallet) and try again.</source>
        <translation>Entsperren Sie den Schlüsselbund (z. B. in Seahorse oder KWallet) und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <location filename="../ui/credentialspage.cpp" line="506"/>
        <source>The keyring did not answer. It may be locked and waiting for a password dialog; unlock it and try again.</source>
        <translation>Der Schlüsselbund hat nicht geantwortet. Vielleicht ist er gesperrt und wartet auf einen Passwortdialog; entsperren Sie ihn und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <location filename="../ui/credentialspage.cpp" line="518"/>
        <source>not set</source>
        <translation>nicht gesetzt</translation>
    </message>
    <message>
        <location filename="../ui/credentialspage.cpp" line="520"/>
        <source>not checked</source>
        <translation>nicht geprüft</translation>
    </message>
    <message>
        <location filename="../ui/credentialspage.cpp" line="522"/>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <location filename="../ui/credentialspage.cpp" line="526"/>
        <source>Store it in the keychain, set %1, or write it to config.toml</source>
        <translation>Im Schlüsselbund speichern, %1 setzen oder in die config.toml schreiben</translation>
    </message>
    <message>
        <location filename="../ui/credentialspage.cpp" line="536"/>
        <source>The keychain could not be used: %1</source>
        <translation>Der Schlüsselbund ließ sich nicht verwenden: %1</translation>
    </message>
    <message>
        <location filename="../ui/credentialspage.cpp" line="543"/>
        <source>%1 stored in the keychain.</source>
        <translation>%1 im Schlüsselbund gespeichert.</translation>
    </message>
    <message>
        <location filename="../ui/credentialspage.cpp" line="546"/>
        <source>Storing %1 was cancelled. The keyring may still save it once it answers.</source>
        <translation>Speichern von %1 abgebrochen. Der Schlüsselbund kann es noch speichern, sobald er antwortet.</translation>
    </message>
    <message>
        <location filename="../ui/credentialspage.cpp" line="548"/>
        <source>Could not store %1 in the keychain: %2</source>
        <translation>%1 konnte nicht im Schlüsselbund gespeichert werden: %2</translation>
    </message>
    <message>
        <location filename="../ui/credentialspage.cpp" line="554"/>
        <source>%1 removed from the keychain.</source>
        <translation>%1 aus dem Schlüsselbund entfernt.</translation>
    </message>
    <message>
        <location filename="../ui/credentialspage.cpp" line="557"/>
        <source>Could not remove %1 from the keychain: %2</source>
        <translation>%1 konnte nicht aus dem Schlüsselbund entfernt werden: %2</translation>
    </message>
    <message>
        <location filename="../ui/credentialspage.cpp" line="590"/>
        <source>password_hash and salt are set in the configuration file.</source>
        <translation>password_hash und salt sind in der Konfigurationsdatei gesetzt.</translation>
    </message>
    <message>
        <location filename="../ui/credentialspage.cpp" line="592"/>
        <source>from the PASSWORD_HASH and SALT environment variables</source>
        <translation>aus den Umgebungsvariablen PASSWORD_HASH und SALT</translation>
    </message>
    <message>
        <location filename="../ui/credentialspage.cpp" line="594"/>
        <source>Not set: the service accepts no login until credentials are set.</source>
        <translation>Nicht gesetzt: Der Dienst nimmt keine Anmeldung an, bis Zugangsdaten gesetzt sind.</translation>
    </message>
    <message>
        <location filename="../ui/credentialspage.cpp" line="606"/>
        <source>Open a configuration first.</source>
        <translation>Öffnen Sie zuerst eine Konfiguration.</translation>
    </message>
    <message>
        <location filename="../ui/credentialspage.cpp" line="608"/>
        <source>Enter the user name DMProxy logs in with.</source>
        <translation>Geben Sie den Benutzernamen ein, mit dem sich der DMProxy anmeldet.</translation>
    </message>
    <message>
        <location filename="../ui/credentialspage.cpp" line="610"/>
        <source>Enter a password.</source>
        <translation>Geben Sie ein Passwort ein.</translation>
    </message>
    <message>
        <location filename="../ui/credentialspage.cpp" line="612"/>
        <source>The two passwords differ.</source>
        <translation>Die beiden Passwörter stimmen nicht überein.</translation>
    </message>
    <message>
        <location filename="../ui/credentialspage.cpp" line="623"/>
        <source>Set service credentials</source>
        <translation>Zugangsdaten des Dienstes setzen</translation>
    </message>
    <message>
        <location filename="../ui/credentialspage.cpp" line="632"/>
        <source>Set for user &quot;%1&quot;. Save the configuration to apply it; Undo takes it back.</source>
        <translation>Für Benutzer „%1“ gesetzt. Speichern Sie die Konfiguration, um es zu übernehmen; Rückgängig nimmt es zurück.</translation>
    </message>
    <message>
        <location filename="../ui/credentialspage.cpp" line="633"/>
        <source>Service credentials set for user &quot;%1&quot; (password_hash and salt).</source>
        <translation>Zugangsdaten des Dienstes für Benutzer „%1“ gesetzt (password_hash und salt).</translation>
    </message>
</context>
<context>
    <name>tbds::ui::DiffPreviewDialog</name>
    <message>
        <location filename="../ui/diffpreviewdialog.cpp" line="21"/>
        <source>Save %1</source>
        <translation>%1 speichern</translation>
    </message>
    <message>
        <location filename="../ui/diffpreviewdialog.cpp" line="23"/>
        <source>These lines of %1 will change. Comments and all other lines stay as they are.</source>
        <translation>Diese Zeilen von %1 ändern sich. Kommentare und alle anderen Zeilen bleiben, wie sie sind.</translation>
    </message>
    <message>
        <location filename="../ui/diffpreviewdialog.cpp" line="30"/>
        <source>Changes to save</source>
        <translation>Zu speichernde Änderungen</translation>
    </message>
</context>
<context>
    <name>tbds::ui::JiraServerLabel</name>
    <message>
        <location filename="../ui/jiraserverlabel.cpp" line="15"/>
        <source>Jira server</source>
        <translation>Jira-Server</translation>
    </message>
    <message>
        <location filename="../ui/jiraserverlabel.cpp" line="45"/>
        <source>Jira: detecting…</source>
        <translation>Jira: wird erkannt…</translation>
    </message>
    <message>
        <location filename="../ui/jiraserverlabel.cpp" line="55"/>
        <source>%1 at %2</source>
        <translation>%1 unter %2</translation>
    </message>
    <message>
        <location filename="../ui/jiraserverlabel.cpp" line="57"/>
        <source>Jira: not reachable</source>
        <translation>Jira: nicht erreichbar</translation>
    </message>
</context>
<context>
    <name>tbds::ui::JqlPreviewPage</name>
    <message>
        <location filename="../ui/jqlpreviewpage.cpp" line="70"/>
        <source>&amp;JQL:</source>
        <translation>&amp;JQL:</translation>
    </message>
    <message>
        <location filename="../ui/jqlpreviewpage.cpp" line="73"/>
        <source>JQL query</source>
        <translation>JQL-Abfrage</translation>
    </message>
    <message>
        <location filename="../ui/jqlpreviewpage.cpp" line="79"/>
        <source>Load &amp;all</source>
        <translation>A&amp;lle laden</translation>
    </message>
    <message>
        <location filename="../ui/jqlpreviewpage.cpp" line="81"/>
        <source>Fetch every remaining page instead of loading while scrolling</source>
        <translation>Alle restlichen Seiten abrufen, statt beim Scrollen nachzuladen</translation>
    </message>
    <message>
        <location filename="../ui/jqlpreviewpage.cpp" line="82"/>
        <source>&amp;Cancel</source>
        <translation>Abbre&amp;chen</translation>
    </message>
    <message>
        <location filename="../ui/jqlpreviewpage.cpp" line="110"/>
        <source>Filter the loaded rows</source>
        <translation>Die geladenen Zeilen filtern</translation>
    </message>
    <message>
        <location filename="../ui/jqlpreviewpage.cpp" line="76"/>
        <source>Ru&amp;n</source>
        <translation>Aus&amp;führen</translation>
    </message>
    <message>
        <location filename="../ui/jqlpreviewpage.cpp" line="95"/>
        <source>Query check</source>
        <translation>Abfrageprüfung</translation>
    </message>
    <message>
        <location filename="../ui/jqlpreviewpage.cpp" line="107"/>
        <source>F&amp;ilter:</source>
        <translation>F&amp;ilter:</translation>
    </message>
    <message>
        <location filename="../ui/jqlpreviewpage.cpp" line="115"/>
        <source>E&amp;xport CSV…</source>
        <translation>CSV e&amp;xportieren…</translation>
    </message>
    <message>
        <location filename="../ui/jqlpreviewpage.cpp" line="117"/>
        <source>Copy as c&amp;url</source>
        <translation>Als c&amp;url kopieren</translation>
    </message>
    <message>
        <location filename="../ui/jqlpreviewpage.cpp" line="119"/>
        <source>Copy a curl command for this query; credentials are replaced by placeholders</source>
        <translation>Einen curl-Befehl für diese Abfrage kopieren; Zugangsdaten werden durch Platzhalter ersetzt</translation>
    </message>
    <message>
        <location filename="../ui/jqlpreviewpage.cpp" line="130"/>
        <source>Issues as TestBench defects</source>
        <translation>Vorgänge als TestBench-Fehler</translation>
    </message>
    <message>
        <location filename="../ui/jqlpreviewpage.cpp" line="156"/>
        <source>Defect JSON of the selected issue</source>
        <translation>Fehler-JSON des gewählten Vorgangs</translation>
    </message>
    <message>
        <location filename="../ui/jqlpreviewpage.cpp" line="157"/>
        <source>Select a row to see the defect TestBench receives.</source>
        <translation>Wählen Sie eine Zeile aus, um den Fehler zu sehen, den TestBench erhält.</translation>
    </message>
    <message>
        <location filename="../ui/jqlpreviewpage.cpp" line="161"/>
        <source>Jira JSON of the selected issue</source>
        <translation>Jira-JSON des gewählten Vorgangs</translation>
    </message>
    <message>
        <location filename="../ui/jqlpreviewpage.cpp" line="162"/>
        <source>Select a row to see the issue as Jira sent it.</source>
        <translation>Wählen Sie eine Zeile aus, um den Vorgang so zu sehen, wie Jira ihn gesendet hat.</translation>
    </message>
    <message>
        <location filename="../ui/jqlpreviewpage.cpp" line="167"/>
        <source>Defect JSON</source>
        <translation>Fehler-JSON</translation>
    </message>
    <message>
        <location filename="../ui/jqlpreviewpage.cpp" line="168"/>
        <source>Jira JSON</source>
        <translation>Jira-JSON</translation>
    </message>
    <message>
        <location filename="../ui/jqlpreviewpage.cpp" line="214"/>
        <source>all loaded</source>
        <translation>alle geladen</translation>
    </message>
    <message>
        <location filename="../ui/jqlpreviewpage.cpp" line="220"/>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <location filename="../ui/jqlpreviewpage.cpp" line="222"/>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <location filename="../ui/jqlpreviewpage.cpp" line="228"/>
        <source>Export CSV</source>
        <translation>CSV exportieren</translation>
    </message>
    <message>
        <location filename="../ui/jqlpreviewpage.cpp" line="230"/>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>CSV-Dateien (*.csv);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location filename="../ui/jqlpreviewpage.cpp" line="270"/>
        <source>the built-in default</source>
        <translation>der eingebauten Vorgabe</translation>
    </message>
    <message>
        <location filename="../ui/jqlpreviewpage.cpp" line="273"/>
        <source>client_config.defect_jql</source>
        <translation>client_config.defect_jql</translation>
    </message>
    <message>
        <location filename="../ui/jqlpreviewpage.cpp" line="276"/>
        <source>the override projects.&quot;%1&quot;</source>
        <translation>der Überschreibung projects.&quot;%1&quot;</translation>
    </message>
    <message>
        <location filename="../ui/jqlpreviewpage.cpp" line="279"/>
        <source>Effective defect_jql from %1: &lt;code&gt;%2&lt;/code&gt;</source>
        <translation>Wirksame defect_jql aus %1: &lt;code&gt;%2&lt;/code&gt;</translation>
    </message>
    <message>
        <location filename="../ui/jqlpreviewpage.cpp" line="289"/>
        <source>Enter a JQL query (Jira rejects an empty one).</source>
        <translation>Geben Sie eine JQL-Abfrage ein (Jira lehnt eine leere ab).</translation>
    </message>
    <message>
        <location filename="../ui/jqlpreviewpage.cpp" line="312"/>
        <source>loading</source>
        <translation>wird geladen</translation>
    </message>
    <message>
        <location filename="../ui/jqlpreviewpage.cpp" line="338"/>
        <source>%1 of %2 issues</source>
        <translation>%1 von %2 Vorgängen</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/jqlpreviewpage.cpp" line="339"/>
        <source>%n issue(s)</source>
        <translation>
            <numerusform>%n Vorgang</numerusform>
            <numerusform>%n Vorgänge</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/jqlpreviewpage.cpp" line="341"/>
        <source>more available</source>
        <translation>weitere verfügbar</translation>
    </message>
    <message>
        <location filename="../ui/jqlpreviewpage.cpp" line="367"/>
        <source>Validating…</source>
        <translation>Wird geprüft…</translation>
    </message>
    <message>
        <location filename="../ui/jqlpreviewpage.cpp" line="374"/>
        <source>Not validated: %1</source>
        <translation>Nicht geprüft: %1</translation>
    </message>
    <message>
        <location filename="../ui/jqlpreviewpage.cpp" line="384"/>
        <source>✔ Jira accepts this query.</source>
        <translation>✔ Jira akzeptiert diese Abfrage.</translation>
    </message>
    <message>
        <location filename="../ui/jqlpreviewpage.cpp" line="384"/>
        <source>✘ %1</source>
        <translation>✘ %1</translation>
    </message>
    <message>
        <location filename="../ui/jqlpreviewpage.cpp" line="397"/>
        <source>Go to the error</source>
        <translation>Zum Fehler springen</translation>
    </message>
    <message>
        <location filename="../ui/jqlpreviewpage.cpp" line="515"/>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
</context>
<context>
    <name>tbds::ui::JqlResultsModel</name>
    <message>
        <location filename="../ui/models/jqlresultsmodel.cpp" line="200"/>
        <source>id: the Jira issue key</source>
        <translation>id: der Jira-Vorgangsschlüssel</translation>
    </message>
    <message>
        <location filename="../ui/models/jqlresultsmodel.cpp" line="202"/>
        <source>title: from the summary</source>
        <translation>title: aus der Zusammenfassung</translation>
    </message>
    <message>
        <location filename="../ui/models/jqlresultsmodel.cpp" line="204"/>
        <source>status: the workflow status</source>
        <translation>status: der Workflow-Status</translation>
    </message>
    <message>
        <location filename="../ui/models/jqlresultsmodel.cpp" line="206"/>
        <source>priority</source>
        <translation>priority</translation>
    </message>
    <message>
        <location filename="../ui/models/jqlresultsmodel.cpp" line="208"/>
        <source>classification: from the issue type</source>
        <translation>classification: aus dem Vorgangstyp</translation>
    </message>
    <message>
        <location filename="../ui/models/jqlresultsmodel.cpp" line="210"/>
        <source>reporter: the reporter&apos;s display name</source>
        <translation>reporter: der Anzeigename des Autors</translation>
    </message>
    <message>
        <location filename="../ui/models/jqlresultsmodel.cpp" line="212"/>
        <source>lastEdited: from updated</source>
        <translation>lastEdited: aus updated</translation>
    </message>
    <message>
        <location filename="../ui/models/jqlresultsmodel.cpp" line="214"/>
        <source>User-defined field from Jira field %1</source>
        <translation>Benutzerdefiniertes Feld aus dem Jira-Feld %1</translation>
    </message>
</context>
<context>
    <name>tbds::ui::LogDock</name>
    <message>
        <location filename="../ui/logdock.cpp" line="23"/>
        <source>Log</source>
        <translation>Protokoll</translation>
    </message>
    <message>
        <location filename="../ui/logdock.cpp" line="32"/>
        <source>Level:</source>
        <translation>Stufe:</translation>
    </message>
    <message>
        <location filename="../ui/logdock.cpp" line="35"/>
        <source>Minimum log level</source>
        <translation>Mindest-Protokolllevel</translation>
    </message>
    <message>
        <location filename="../ui/logdock.cpp" line="44"/>
        <source>Filter messages</source>
        <translation>Meldungen filtern</translation>
    </message>
    <message>
        <location filename="../ui/logdock.cpp" line="45"/>
        <source>Filter log messages</source>
        <translation>Protokollmeldungen filtern</translation>
    </message>
    <message>
        <location filename="../ui/logdock.cpp" line="50"/>
        <source>Clear</source>
        <translation>Leeren</translation>
    </message>
    <message>
        <location filename="../ui/logdock.cpp" line="49"/>
        <source>Copy the selected messages (or all shown) to the clipboard</source>
        <translation>Die ausgewählten (oder alle angezeigten) Meldungen in die Zwischenablage kopieren</translation>
    </message>
    <message>
        <location filename="../ui/logdock.cpp" line="61"/>
        <source>Log messages</source>
        <translation>Protokollmeldungen</translation>
    </message>
    <message>
        <location filename="../ui/logdock.cpp" line="47"/>
        <location filename="../ui/logdock.cpp" line="74"/>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
</context>
<context>
    <name>tbds::ui::LogModel</name>
    <message>
        <location filename="../ui/models/logmodel.cpp" line="40"/>
        <source>Debug</source>
        <translation>Debug</translation>
    </message>
    <message>
        <location filename="../ui/models/logmodel.cpp" line="42"/>
        <source>Info</source>
        <translation>Info</translation>
    </message>
    <message>
        <location filename="../ui/models/logmodel.cpp" line="44"/>
        <source>Warning</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <location filename="../ui/models/logmodel.cpp" line="46"/>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <location filename="../ui/models/logmodel.cpp" line="97"/>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <location filename="../ui/models/logmodel.cpp" line="99"/>
        <source>Level</source>
        <translation>Stufe</translation>
    </message>
    <message>
        <location filename="../ui/models/logmodel.cpp" line="101"/>
        <source>Category</source>
        <translation>Kategorie</translation>
    </message>
    <message>
        <location filename="../ui/models/logmodel.cpp" line="103"/>
        <source>Message</source>
        <translation>Meldung</translation>
    </message>
</context>
<context>
    <name>tbds::ui::MainWindow</name>
    <message>
        <location filename="../ui/mainwindow.cpp" line="71"/>
        <source>Pages</source>
        <translation>Seiten</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="72"/>
        <source>Configuration</source>
        <translation>Konfiguration</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="73"/>
        <source>Service</source>
        <translation>Dienst</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="74"/>
        <source>Projects &amp; overrides</source>
        <translation>Projekte &amp; Überschreibungen</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="75"/>
        <source>Credentials</source>
        <translation>Zugangsdaten</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="76"/>
        <source>Connection test</source>
        <translation>Verbindungstest</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="77"/>
        <source>Permissions</source>
        <translation>Berechtigungen</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="78"/>
        <source>JQL preview</source>
        <translation>JQL-Vorschau</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="79"/>
        <source>Control fields</source>
        <translation>Steuerfelder</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="189"/>
        <source>&amp;Open…</source>
        <translation>Ö&amp;ffnen…</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="194"/>
        <source>Open &amp;Demo Setup</source>
        <translation>&amp;Demo-Einrichtung öffnen</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="198"/>
        <source>&amp;New Configuration…</source>
        <translation>&amp;Neue Konfiguration…</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="203"/>
        <source>&amp;Save</source>
        <translation>&amp;Speichern</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="208"/>
        <source>Save &amp;As…</source>
        <translation>Speichern &amp;unter…</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="213"/>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="219"/>
        <source>&amp;Undo</source>
        <translation>&amp;Rückgängig</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="223"/>
        <source>&amp;Redo</source>
        <translation>&amp;Wiederholen</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="238"/>
        <source>&amp;Preferences…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="245"/>
        <source>Preferences saved. A new language shows at the next start.</source>
        <translation>Einstellungen gespeichert. Eine neue Sprache erscheint beim nächsten Start.</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="248"/>
        <source>&amp;About TestBench Defect Service Admin</source>
        <translation>Ü&amp;ber TestBench Defect Service Admin</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="255"/>
        <source>About &amp;Qt</source>
        <translation>Über &amp;Qt</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="263"/>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="266"/>
        <source>Open &amp;Recent</source>
        <translation>&amp;Zuletzt geöffnet</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="275"/>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="281"/>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="282"/>
        <source>&amp;Configuration</source>
        <translation>&amp;Konfiguration</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="283"/>
        <source>&amp;Service</source>
        <translation>&amp;Dienst</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="284"/>
        <source>&amp;Projects &amp;&amp; Overrides</source>
        <translation>&amp;Projekte &amp;&amp; Überschreibungen</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="285"/>
        <source>C&amp;redentials</source>
        <translation>&amp;Zugangsdaten</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="286"/>
        <source>Connection &amp;Test</source>
        <translation>Verbindungs&amp;test</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="287"/>
        <source>Per&amp;missions</source>
        <translation>&amp;Berechtigungen</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="288"/>
        <source>&amp;JQL Preview</source>
        <translation>&amp;JQL-Vorschau</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="289"/>
        <source>Control &amp;Fields</source>
        <translation>Steuer&amp;felder</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="303"/>
        <source>&amp;Log</source>
        <translation>Pr&amp;otokoll</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="136"/>
        <source>Waiting for the keyring… (reading the Jira credentials)</source>
        <translation>Warte auf den Schlüsselbund … (lese die Jira-Zugangsdaten)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="142"/>
        <source>The keychain could not be read: %1 The Credentials page shows where each secret comes from.</source>
        <translation>Der Schlüsselbund konnte nicht gelesen werden: %1 Die Seite „Zugangsdaten“ zeigt, woher jedes Geheimnis kommt.</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="229"/>
        <source>Ne&amp;xt Pane</source>
        <translation>Nä&amp;chster Bereich</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="233"/>
        <source>Pre&amp;vious Pane</source>
        <translation>&amp;Voriger Bereich</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="306"/>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="310"/>
        <source>Main toolbar</source>
        <translation>Hauptwerkzeugleiste</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="383"/>
        <location filename="../ui/mainwindow.cpp" line="456"/>
        <source>Open configuration</source>
        <translation>Konfiguration öffnen</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="387"/>
        <source>Opened %1</source>
        <translation>%1 geöffnet</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="391"/>
        <source>The configuration has problems:
%1</source>
        <translation>Die Konfiguration hat Probleme:
%1</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="421"/>
        <source>Demo setup</source>
        <translation>Demo-Einrichtung</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="421"/>
        <source>Cannot copy the demo setup to %1.</source>
        <translation>Die Demo-Einrichtung kann nicht nach %1 kopiert werden.</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="457"/>
        <location filename="../ui/mainwindow.cpp" line="515"/>
        <source>TOML configuration (*.toml);;All files (*)</source>
        <translation>TOML-Konfiguration (*.toml);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="468"/>
        <location filename="../ui/mainwindow.cpp" line="489"/>
        <location filename="../ui/mainwindow.cpp" line="502"/>
        <source>Save configuration</source>
        <translation>Konfiguration speichern</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="469"/>
        <source>The configuration has errors and the service will not start with it. Save anyway?</source>
        <translation>Die Konfiguration enthält Fehler, und der Dienst startet damit nicht. Trotzdem speichern?</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="492"/>
        <source>Saved %1 (previous version kept as .bak)</source>
        <translation>%1 gespeichert (vorherige Version als .bak aufbewahrt)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="493"/>
        <source>Saved</source>
        <translation>Gespeichert</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="506"/>
        <source>Saved as %1</source>
        <translation>Gespeichert als %1</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="514"/>
        <source>Save configuration as</source>
        <translation>Konfiguration speichern unter</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="524"/>
        <source>Unsaved changes</source>
        <translation>Ungespeicherte Änderungen</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="525"/>
        <source>%1 has unsaved changes. Save them?</source>
        <translation>%1 hat ungespeicherte Änderungen. Speichern?</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="579"/>
        <source>&amp;Clear List</source>
        <translation>Liste &amp;leeren</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="593"/>
        <source>%1[*] — TestBench Defect Service Admin</source>
        <translation>%1[*] — TestBench Defect Service Admin</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="594"/>
        <source>TestBench Defect Service Admin</source>
        <translation>TestBench Defect Service Admin</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="597"/>
        <source>No configuration open</source>
        <translation>Keine Konfiguration geöffnet</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="608"/>
        <source>Service: running at %1</source>
        <translation>Dienst: läuft unter %1</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="611"/>
        <source>Service: stopping</source>
        <translation>Dienst: wird beendet</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="614"/>
        <source>Service: stopped</source>
        <translation>Dienst: beendet</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="621"/>
        <source>admin</source>
        <translation>admin</translation>
    </message>
</context>
<context>
    <name>tbds::ui::NewConfig</name>
    <message>
        <location filename="../ui/newconfig.cpp" line="144"/>
        <source>Cannot create the folder %1.</source>
        <translation>Der Ordner %1 lässt sich nicht anlegen.</translation>
    </message>
    <message>
        <location filename="../ui/newconfig.cpp" line="159"/>
        <source>Cannot keep the existing %1 as %2.</source>
        <translation>Die vorhandene %1 lässt sich nicht als %2 sichern.</translation>
    </message>
    <message>
        <location filename="../ui/newconfig.cpp" line="165"/>
        <source>Cannot create the defects folder %1.</source>
        <translation>Der Fehlerordner %1 lässt sich nicht anlegen.</translation>
    </message>
</context>
<context>
    <name>tbds::ui::PermissionsModel</name>
    <message>
        <location filename="../ui/models/permissionsmodel.cpp" line="15"/>
        <source>Browse Projects</source>
        <translation>Projekte durchsuchen</translation>
    </message>
    <message>
        <location filename="../ui/models/permissionsmodel.cpp" line="15"/>
        <source>List and query projects</source>
        <translation>Projekte auflisten und abfragen</translation>
    </message>
    <message>
        <location filename="../ui/models/permissionsmodel.cpp" line="16"/>
        <source>Browse Users</source>
        <translation>Benutzer durchsuchen</translation>
    </message>
    <message>
        <location filename="../ui/models/permissionsmodel.cpp" line="16"/>
        <source>Display assignees and reporters</source>
        <translation>Bearbeiter und Autoren anzeigen</translation>
    </message>
    <message>
        <location filename="../ui/models/permissionsmodel.cpp" line="17"/>
        <source>Create Issues</source>
        <translation>Vorgänge erstellen</translation>
    </message>
    <message>
        <location filename="../ui/models/permissionsmodel.cpp" line="17"/>
        <source>Sync new defects to Jira</source>
        <translation>Neue Fehler mit Jira synchronisieren</translation>
    </message>
    <message>
        <location filename="../ui/models/permissionsmodel.cpp" line="18"/>
        <source>Edit Issues</source>
        <translation>Vorgänge bearbeiten</translation>
    </message>
    <message>
        <location filename="../ui/models/permissionsmodel.cpp" line="18"/>
        <source>Update defect attributes</source>
        <translation>Fehlerattribute aktualisieren</translation>
    </message>
    <message>
        <location filename="../ui/models/permissionsmodel.cpp" line="19"/>
        <source>Delete Issues</source>
        <translation>Vorgänge löschen</translation>
    </message>
    <message>
        <location filename="../ui/models/permissionsmodel.cpp" line="19"/>
        <source>Delete defects</source>
        <translation>Fehler löschen</translation>
    </message>
    <message>
        <location filename="../ui/models/permissionsmodel.cpp" line="20"/>
        <source>Transition Issues</source>
        <translation>Vorgänge überführen</translation>
    </message>
    <message>
        <location filename="../ui/models/permissionsmodel.cpp" line="20"/>
        <source>Update defect status</source>
        <translation>Fehlerstatus aktualisieren</translation>
    </message>
    <message>
        <location filename="../ui/models/permissionsmodel.cpp" line="21"/>
        <source>Create Attachments</source>
        <translation>Anhänge erstellen</translation>
    </message>
    <message>
        <location filename="../ui/models/permissionsmodel.cpp" line="21"/>
        <source>Sync attachments to defects</source>
        <translation>Anhänge mit Fehlern synchronisieren</translation>
    </message>
    <message>
        <location filename="../ui/models/permissionsmodel.cpp" line="23"/>
        <source>Delete Attachments</source>
        <translation>Anhänge löschen</translation>
    </message>
    <message>
        <location filename="../ui/models/permissionsmodel.cpp" line="26"/>
        <source>Remove attachments</source>
        <translation>Anhänge entfernen</translation>
    </message>
    <message>
        <location filename="../ui/models/permissionsmodel.cpp" line="52"/>
        <source>…</source>
        <translation>…</translation>
    </message>
    <message>
        <location filename="../ui/models/permissionsmodel.cpp" line="54"/>
        <source>✔ granted</source>
        <translation>✔ erteilt</translation>
    </message>
    <message>
        <location filename="../ui/models/permissionsmodel.cpp" line="56"/>
        <source>✘ missing</source>
        <translation>✘ fehlt</translation>
    </message>
    <message>
        <location filename="../ui/models/permissionsmodel.cpp" line="58"/>
        <source>– not needed</source>
        <translation>– nicht nötig</translation>
    </message>
    <message>
        <location filename="../ui/models/permissionsmodel.cpp" line="92"/>
        <source>error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <location filename="../ui/models/permissionsmodel.cpp" line="92"/>
        <location filename="../ui/models/permissionsmodel.cpp" line="235"/>
        <source>read-only</source>
        <translation>schreibgeschützt</translation>
    </message>
    <message>
        <location filename="../ui/models/permissionsmodel.cpp" line="92"/>
        <location filename="../ui/models/permissionsmodel.cpp" line="235"/>
        <source>read-write</source>
        <translation>lesen und schreiben</translation>
    </message>
    <message>
        <location filename="../ui/models/permissionsmodel.cpp" line="95"/>
        <source>readonly = true: the service never writes, so write permissions are not needed</source>
        <translation>readonly = true: Der Dienst schreibt nie, daher sind keine Schreibberechtigungen nötig</translation>
    </message>
    <message>
        <location filename="../ui/models/permissionsmodel.cpp" line="96"/>
        <source>The service creates, edits and deletes issues in this project</source>
        <translation>Der Dienst erstellt, bearbeitet und löscht Vorgänge in diesem Projekt</translation>
    </message>
    <message>
        <location filename="../ui/models/permissionsmodel.cpp" line="107"/>
        <source>%1 (%2): %3</source>
        <translation>%1 (%2): %3</translation>
    </message>
    <message>
        <location filename="../ui/models/permissionsmodel.cpp" line="109"/>
        <source>%1 in %2: %3</source>
        <translation>%1 in %2: %3</translation>
    </message>
    <message>
        <location filename="../ui/models/permissionsmodel.cpp" line="130"/>
        <source>Project</source>
        <translation>Projekt</translation>
    </message>
    <message>
        <location filename="../ui/models/permissionsmodel.cpp" line="132"/>
        <source>Mode</source>
        <translation>Modus</translation>
    </message>
    <message>
        <location filename="../ui/models/permissionsmodel.cpp" line="149"/>
        <source>%1 — %2 (Jira key %3)</source>
        <translation>%1 — %2 (Jira-Schlüssel %3)</translation>
    </message>
    <message>
        <location filename="../ui/models/permissionsmodel.cpp" line="149"/>
        <source> or </source>
        <translation> oder </translation>
    </message>
    <message>
        <location filename="../ui/models/permissionsmodel.cpp" line="221"/>
        <source>In project %1, please grant %2 these project permissions (Project settings → Permissions, via a role or directly): %3.</source>
        <translation>Bitte erteilen Sie %2 im Projekt %1 diese Projektberechtigungen (Projekteinstellungen → Berechtigungen, über eine Rolle oder direkt): %3.</translation>
    </message>
    <message>
        <location filename="../ui/models/permissionsmodel.cpp" line="231"/>
        <source>Jira permissions of %1 on %2</source>
        <translation>Jira-Berechtigungen von %1 auf %2</translation>
    </message>
    <message>
        <location filename="../ui/models/permissionsmodel.cpp" line="237"/>
        <source>Not checked: %1</source>
        <translation>Nicht geprüft: %1</translation>
    </message>
    <message>
        <location filename="../ui/models/permissionsmodel.cpp" line="245"/>
        <source>Nothing is missing.</source>
        <translation>Es fehlt nichts.</translation>
    </message>
    <message>
        <location filename="../ui/models/permissionsmodel.cpp" line="245"/>
        <source>What to ask the Jira administrator for:
%1</source>
        <translation>Was beim Jira-Administrator zu beantragen ist:
%1</translation>
    </message>
</context>
<context>
    <name>tbds::ui::PermissionsPage</name>
    <message>
        <location filename="../ui/permissionspage.cpp" line="34"/>
        <source>The Jira project permissions the service account has, per project. In read-only projects only Browse Projects and Browse Users are needed.</source>
        <translation>Die Jira-Projektberechtigungen des Dienstkontos, je Projekt. In schreibgeschützten Projekten werden nur „Projekte durchsuchen“ und „Benutzer durchsuchen“ benötigt.</translation>
    </message>
    <message>
        <location filename="../ui/permissionspage.cpp" line="43"/>
        <source>&amp;Check project</source>
        <translation>Projekt &amp;prüfen</translation>
    </message>
    <message>
        <location filename="../ui/permissionspage.cpp" line="45"/>
        <source>Check &amp;all projects</source>
        <translation>A&amp;lle Projekte prüfen</translation>
    </message>
    <message>
        <location filename="../ui/permissionspage.cpp" line="47"/>
        <source>Ca&amp;ncel</source>
        <translation>Abbre&amp;chen</translation>
    </message>
    <message>
        <location filename="../ui/permissionspage.cpp" line="58"/>
        <source>Permissions per project</source>
        <translation>Berechtigungen je Projekt</translation>
    </message>
    <message>
        <location filename="../ui/permissionspage.cpp" line="73"/>
        <source>&amp;What to ask the Jira administrator for:</source>
        <translation>&amp;Was beim Jira-Administrator zu beantragen ist:</translation>
    </message>
    <message>
        <location filename="../ui/permissionspage.cpp" line="77"/>
        <source>What to ask the Jira administrator for</source>
        <translation>Was beim Jira-Administrator zu beantragen ist</translation>
    </message>
    <message>
        <location filename="../ui/permissionspage.cpp" line="80"/>
        <source>Co&amp;py report</source>
        <translation>Bericht k&amp;opieren</translation>
    </message>
    <message>
        <location filename="../ui/permissionspage.cpp" line="82"/>
        <source>&amp;Save report…</source>
        <translation>Bericht &amp;speichern…</translation>
    </message>
    <message>
        <location filename="../ui/permissionspage.cpp" line="99"/>
        <source>Save permissions report</source>
        <translation>Berechtigungsbericht speichern</translation>
    </message>
    <message>
        <location filename="../ui/permissionspage.cpp" line="101"/>
        <source>Text files (*.txt);;All files (*)</source>
        <translation>Textdateien (*.txt);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location filename="../ui/permissionspage.cpp" line="119"/>
        <source>the service account</source>
        <translation>dem Dienstkonto</translation>
    </message>
    <message>
        <location filename="../ui/permissionspage.cpp" line="132"/>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <location filename="../ui/permissionspage.cpp" line="142"/>
        <source>Choose or type a project first.</source>
        <translation>Wählen Sie zuerst ein Projekt aus oder geben Sie eines ein.</translation>
    </message>
    <message>
        <location filename="../ui/permissionspage.cpp" line="153"/>
        <source>Listing projects…</source>
        <translation>Projekte werden aufgelistet…</translation>
    </message>
    <message>
        <location filename="../ui/permissionspage.cpp" line="160"/>
        <location filename="../ui/permissionspage.cpp" line="209"/>
        <source>Cancelled.</source>
        <translation>Abgebrochen.</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/permissionspage.cpp" line="187"/>
        <source>Checking %n project(s)…</source>
        <translation>
            <numerusform>%n Projekt wird geprüft…</numerusform>
            <numerusform>%n Projekte werden geprüft…</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/permissionspage.cpp" line="223"/>
        <source>All required permissions are granted.</source>
        <translation>Alle erforderlichen Berechtigungen sind erteilt.</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/permissionspage.cpp" line="224"/>
        <source>%n required permission(s) missing; see below what to ask for.</source>
        <translation>
            <numerusform>%n erforderliche Berechtigung fehlt; unten steht, was zu beantragen ist.</numerusform>
            <numerusform>%n erforderliche Berechtigungen fehlen; unten steht, was zu beantragen ist.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/permissionspage.cpp" line="241"/>
        <source>Nothing — all required permissions are granted.</source>
        <translation>Nichts – alle erforderlichen Berechtigungen sind erteilt.</translation>
    </message>
</context>
<context>
    <name>tbds::ui::PreferencesDialog</name>
    <message>
        <location filename="../ui/preferencesdialog.cpp" line="17"/>
        <source>Preferences</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <location filename="../ui/preferencesdialog.cpp" line="23"/>
        <source>System default</source>
        <translation>Systemstandard</translation>
    </message>
    <message>
        <location filename="../ui/preferencesdialog.cpp" line="28"/>
        <source>&amp;Language:</source>
        <translation>&amp;Sprache:</translation>
    </message>
    <message>
        <location filename="../ui/preferencesdialog.cpp" line="29"/>
        <source>The language changes when the application starts next time.</source>
        <translation>Die Sprache wechselt beim nächsten Start der Anwendung.</translation>
    </message>
    <message>
        <location filename="../ui/preferencesdialog.cpp" line="32"/>
        <source>&amp;Open the last configuration at start</source>
        <translation>Zuletzt geöffnete Konfiguration beim Start ö&amp;ffnen</translation>
    </message>
</context>
<context>
    <name>tbds::ui::ProjectOverridesModel</name>
    <message>
        <location filename="../ui/models/projectoverridesmodel.cpp" line="111"/>
        <source>default</source>
        <translation>Vorgabe</translation>
    </message>
    <message>
        <location filename="../ui/models/projectoverridesmodel.cpp" line="113"/>
        <source>global</source>
        <translation>global</translation>
    </message>
    <message>
        <location filename="../ui/models/projectoverridesmodel.cpp" line="115"/>
        <source>override (%1)</source>
        <translation>Überschreibung (%1)</translation>
    </message>
    <message>
        <location filename="../ui/models/projectoverridesmodel.cpp" line="149"/>
        <source>Setting</source>
        <translation>Einstellung</translation>
    </message>
    <message>
        <location filename="../ui/models/projectoverridesmodel.cpp" line="151"/>
        <source>Effective value</source>
        <translation>Wirksamer Wert</translation>
    </message>
    <message>
        <location filename="../ui/models/projectoverridesmodel.cpp" line="153"/>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <location filename="../ui/models/projectoverridesmodel.cpp" line="256"/>
        <source>(none)</source>
        <translation>(keine)</translation>
    </message>
    <message>
        <location filename="../ui/models/projectoverridesmodel.cpp" line="262"/>
        <source>(not set)</source>
        <translation>(nicht gesetzt)</translation>
    </message>
    <message>
        <location filename="../ui/models/projectoverridesmodel.cpp" line="276"/>
        <source>No project selected</source>
        <translation>Kein Projekt ausgewählt</translation>
    </message>
    <message>
        <location filename="../ui/models/projectoverridesmodel.cpp" line="283"/>
        <source>%1 takes true or false</source>
        <translation>%1 erwartet true oder false</translation>
    </message>
    <message>
        <location filename="../ui/models/projectoverridesmodel.cpp" line="288"/>
        <source>The JQL must not be empty</source>
        <translation>Die JQL darf nicht leer sein</translation>
    </message>
    <message>
        <location filename="../ui/models/projectoverridesmodel.cpp" line="302"/>
        <source>Write control fields as &apos;field: value, value; other: value&apos;</source>
        <translation>Steuerfelder so schreiben: &apos;feld: wert, wert; anderes: wert&apos;</translation>
    </message>
    <message>
        <location filename="../ui/models/projectoverridesmodel.cpp" line="313"/>
        <source>%1 cannot be edited here; edit it in the TOML text</source>
        <translation>%1 kann hier nicht bearbeitet werden; bearbeiten Sie es im TOML-Text</translation>
    </message>
</context>
<context>
    <name>tbds::ui::ProjectPicker</name>
    <message>
        <location filename="../ui/projectpicker.cpp" line="22"/>
        <source>P&amp;roject:</source>
        <translation>P&amp;rojekt:</translation>
    </message>
    <message>
        <location filename="../ui/projectpicker.cpp" line="29"/>
        <source>Project</source>
        <translation>Projekt</translation>
    </message>
    <message>
        <location filename="../ui/projectpicker.cpp" line="30"/>
        <source>Name (KEY) or KEY</source>
        <translation>Name (KEY) oder KEY</translation>
    </message>
    <message>
        <location filename="../ui/projectpicker.cpp" line="34"/>
        <source>Load from Jira</source>
        <translation>Aus Jira laden</translation>
    </message>
    <message>
        <location filename="../ui/projectpicker.cpp" line="37"/>
        <source>List every project the service account can browse</source>
        <translation>Alle Projekte auflisten, die das Dienstkonto durchsuchen darf</translation>
    </message>
    <message>
        <location filename="../ui/projectpicker.cpp" line="112"/>
        <source>No Jira configured.</source>
        <translation>Kein Jira konfiguriert.</translation>
    </message>
</context>
<context>
    <name>tbds::ui::ProjectsPage</name>
    <message>
        <location filename="../ui/projectspage.cpp" line="31"/>
        <source>&amp;Projects:</source>
        <translation>&amp;Projekte:</translation>
    </message>
    <message>
        <location filename="../ui/projectspage.cpp" line="34"/>
        <source>Projects</source>
        <translation>Projekte</translation>
    </message>
    <message>
        <location filename="../ui/projectspage.cpp" line="41"/>
        <source>Project name to add</source>
        <translation>Hinzuzufügender Projektname</translation>
    </message>
    <message>
        <location filename="../ui/projectspage.cpp" line="42"/>
        <source>Name (KEY)</source>
        <translation>Name (KEY)</translation>
    </message>
    <message>
        <location filename="../ui/projectspage.cpp" line="43"/>
        <source>&amp;Add</source>
        <translation>Hin&amp;zufügen</translation>
    </message>
    <message>
        <location filename="../ui/projectspage.cpp" line="45"/>
        <source>Show a project the configuration does not list yet, to give it overrides</source>
        <translation>Ein Projekt anzeigen, das die Konfiguration noch nicht nennt, um ihm Überschreibungen zu geben</translation>
    </message>
    <message>
        <location filename="../ui/projectspage.cpp" line="59"/>
        <source>Effective settings of the project</source>
        <translation>Wirksame Einstellungen des Projekts</translation>
    </message>
    <message>
        <location filename="../ui/projectspage.cpp" line="75"/>
        <source>Override value</source>
        <translation>Wert der Überschreibung</translation>
    </message>
    <message>
        <location filename="../ui/projectspage.cpp" line="76"/>
        <source>true/false, a, b, c, or field: a, b; other: c</source>
        <translation>true/false, a, b, c oder feld: a, b; anderes: c</translation>
    </message>
    <message>
        <location filename="../ui/projectspage.cpp" line="78"/>
        <source>&amp;Override</source>
        <translation>&amp;Überschreiben</translation>
    </message>
    <message>
        <location filename="../ui/projectspage.cpp" line="80"/>
        <source>Write this value as an override for the selected project</source>
        <translation>Diesen Wert als Überschreibung für das ausgewählte Projekt schreiben</translation>
    </message>
    <message>
        <location filename="../ui/projectspage.cpp" line="81"/>
        <source>&amp;Remove override</source>
        <translation>Überschreibung &amp;entfernen</translation>
    </message>
    <message>
        <location filename="../ui/projectspage.cpp" line="83"/>
        <source>Remove the override: the global value or the default applies again</source>
        <translation>Die Überschreibung entfernen: Der globale Wert oder die Vorgabe gilt wieder</translation>
    </message>
    <message>
        <location filename="../ui/projectspage.cpp" line="145"/>
        <source>The configuration has errors; effective values appear once it is valid.</source>
        <translation>Die Konfiguration enthält Fehler; wirksame Werte erscheinen, sobald sie gültig ist.</translation>
    </message>
    <message>
        <location filename="../ui/projectspage.cpp" line="147"/>
        <source>No projects found. JSONL projects are the folders below defects_path; for Jira, add a project by name to give it overrides.</source>
        <translation>Keine Projekte gefunden. JSONL-Projekte sind die Ordner unterhalb von defects_path; für Jira fügen Sie ein Projekt über seinen Namen hinzu, um ihm Überschreibungen zu geben.</translation>
    </message>
    <message>
        <location filename="../ui/projectspage.cpp" line="150"/>
        <source>Effective settings of &lt;b&gt;%1&lt;/b&gt; (overrides are read from projects.&quot;%2&quot;)</source>
        <translation>Wirksame Einstellungen von &lt;b&gt;%1&lt;/b&gt; (Überschreibungen werden aus projects.&quot;%2&quot; gelesen)</translation>
    </message>
    <message>
        <location filename="../ui/projectspage.cpp" line="192"/>
        <source>Edit %1 in the TOML text on the Configuration page.</source>
        <translation>Bearbeiten Sie %1 im TOML-Text auf der Seite Konfiguration.</translation>
    </message>
    <message>
        <location filename="../ui/projectspage.cpp" line="208"/>
        <source>Override %1 for %2</source>
        <translation>%1 für %2 überschreiben</translation>
    </message>
    <message>
        <location filename="../ui/projectspage.cpp" line="213"/>
        <location filename="../ui/projectspage.cpp" line="229"/>
        <source>Not changed: %1</source>
        <translation>Nicht geändert: %1</translation>
    </message>
    <message>
        <location filename="../ui/projectspage.cpp" line="224"/>
        <source>Remove override of %1 for %2</source>
        <translation>Überschreibung von %1 für %2 entfernen</translation>
    </message>
</context>
<context>
    <name>tbds::ui::RequestLogModel</name>
    <message>
        <location filename="../ui/models/requestlogmodel.cpp" line="52"/>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <location filename="../ui/models/requestlogmodel.cpp" line="103"/>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <location filename="../ui/models/requestlogmodel.cpp" line="105"/>
        <source>Peer</source>
        <translation>Gegenstelle</translation>
    </message>
    <message>
        <location filename="../ui/models/requestlogmodel.cpp" line="107"/>
        <source>Method</source>
        <translation>Methode</translation>
    </message>
    <message>
        <location filename="../ui/models/requestlogmodel.cpp" line="109"/>
        <source>Path</source>
        <translation>Pfad</translation>
    </message>
    <message>
        <location filename="../ui/models/requestlogmodel.cpp" line="111"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../ui/models/requestlogmodel.cpp" line="113"/>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <location filename="../ui/models/requestlogmodel.cpp" line="115"/>
        <source>User</source>
        <translation>Benutzer</translation>
    </message>
</context>
<context>
    <name>tbds::ui::ServicePage</name>
    <message>
        <location filename="../ui/servicepage.cpp" line="58"/>
        <source>Engine</source>
        <translation>Dienst-Engine</translation>
    </message>
    <message>
        <location filename="../ui/servicepage.cpp" line="65"/>
        <source>State:</source>
        <translation>Zustand:</translation>
    </message>
    <message>
        <location filename="../ui/servicepage.cpp" line="70"/>
        <source>URL:</source>
        <translation>URL:</translation>
    </message>
    <message>
        <location filename="../ui/servicepage.cpp" line="73"/>
        <source>Requests:</source>
        <translation>Anfragen:</translation>
    </message>
    <message>
        <location filename="../ui/servicepage.cpp" line="74"/>
        <source>Use any free &amp;port</source>
        <translation>Beliebigen freien &amp;Port verwenden</translation>
    </message>
    <message>
        <location filename="../ui/servicepage.cpp" line="76"/>
        <source>Ignore the configured port and let the system pick a free one</source>
        <translation>Den konfigurierten Port ignorieren und das System einen freien wählen lassen</translation>
    </message>
    <message>
        <location filename="../ui/servicepage.cpp" line="79"/>
        <source>&amp;Start</source>
        <translation>&amp;Starten</translation>
    </message>
    <message>
        <location filename="../ui/servicepage.cpp" line="81"/>
        <source>Start the service with the configuration as edited (unsaved changes included)</source>
        <translation>Den Dienst mit der bearbeiteten Konfiguration starten (ungespeicherte Änderungen eingeschlossen)</translation>
    </message>
    <message>
        <location filename="../ui/servicepage.cpp" line="82"/>
        <source>S&amp;top</source>
        <translation>S&amp;toppen</translation>
    </message>
    <message>
        <location filename="../ui/servicepage.cpp" line="94"/>
        <source>Self-test</source>
        <translation>Selbsttest</translation>
    </message>
    <message>
        <location filename="../ui/servicepage.cpp" line="99"/>
        <source>Self-test user name</source>
        <translation>Benutzername für den Selbsttest</translation>
    </message>
    <message>
        <location filename="../ui/servicepage.cpp" line="100"/>
        <source>the user DMProxy logs in with</source>
        <translation>der Benutzer, mit dem sich DMProxy anmeldet</translation>
    </message>
    <message>
        <location filename="../ui/servicepage.cpp" line="101"/>
        <source>&amp;User:</source>
        <translation>Ben&amp;utzer:</translation>
    </message>
    <message>
        <location filename="../ui/servicepage.cpp" line="104"/>
        <source>Self-test password</source>
        <translation>Passwort für den Selbsttest</translation>
    </message>
    <message>
        <location filename="../ui/servicepage.cpp" line="106"/>
        <source>used for this test only, never stored</source>
        <translation>nur für diesen Test verwendet, nie gespeichert</translation>
    </message>
    <message>
        <location filename="../ui/servicepage.cpp" line="107"/>
        <source>Pass&amp;word:</source>
        <translation>Pass&amp;wort:</translation>
    </message>
    <message>
        <location filename="../ui/servicepage.cpp" line="108"/>
        <source>&amp;Run self-test</source>
        <translation>Selbsttest aus&amp;führen</translation>
    </message>
    <message>
        <location filename="../ui/servicepage.cpp" line="110"/>
        <source>Calls /check-login on the running service, as DMProxy does</source>
        <translation>Ruft /check-login beim laufenden Dienst auf, wie DMProxy es tut</translation>
    </message>
    <message>
        <location filename="../ui/servicepage.cpp" line="119"/>
        <source>TestBench DMProxy setting</source>
        <translation>Einstellung für TestBench DMProxy</translation>
    </message>
    <message>
        <location filename="../ui/servicepage.cpp" line="124"/>
        <source>DMProxy setting</source>
        <translation>DMProxy-Einstellung</translation>
    </message>
    <message>
        <location filename="../ui/servicepage.cpp" line="126"/>
        <source>&amp;Copy</source>
        <translation>&amp;Kopieren</translation>
    </message>
    <message>
        <location filename="../ui/servicepage.cpp" line="128"/>
        <source>Copy the DMProxy setting</source>
        <translation>Die DMProxy-Einstellung kopieren</translation>
    </message>
    <message>
        <location filename="../ui/servicepage.cpp" line="134"/>
        <source>Request log</source>
        <translation>Anfrageprotokoll</translation>
    </message>
    <message>
        <location filename="../ui/servicepage.cpp" line="140"/>
        <source>Filter requests</source>
        <translation>Anfragen filtern</translation>
    </message>
    <message>
        <location filename="../ui/servicepage.cpp" line="141"/>
        <source>Filter by path, peer, user or status</source>
        <translation>Nach Pfad, Gegenstelle, Benutzer oder Status filtern</translation>
    </message>
    <message>
        <location filename="../ui/servicepage.cpp" line="143"/>
        <source>C&amp;lear</source>
        <translation>&amp;Leeren</translation>
    </message>
    <message>
        <location filename="../ui/servicepage.cpp" line="154"/>
        <source>Requests answered by the service</source>
        <translation>Vom Dienst beantwortete Anfragen</translation>
    </message>
    <message>
        <location filename="../ui/servicepage.cpp" line="183"/>
        <source>Service listening on %1</source>
        <translation>Dienst lauscht auf %1</translation>
    </message>
    <message>
        <location filename="../ui/servicepage.cpp" line="188"/>
        <source>Service did not start: %1</source>
        <translation>Dienst ist nicht gestartet: %1</translation>
    </message>
    <message>
        <location filename="../ui/servicepage.cpp" line="192"/>
        <source>Service stopped</source>
        <translation>Dienst beendet</translation>
    </message>
    <message>
        <location filename="../ui/servicepage.cpp" line="206"/>
        <source>The configuration has errors; fix them on the Configuration page first.</source>
        <translation>Die Konfiguration enthält Fehler; beheben Sie sie zuerst auf der Seite Konfiguration.</translation>
    </message>
    <message>
        <location filename="../ui/servicepage.cpp" line="221"/>
        <location filename="../ui/servicepage.cpp" line="237"/>
        <source>Stopping…</source>
        <translation>Wird beendet…</translation>
    </message>
    <message>
        <location filename="../ui/servicepage.cpp" line="233"/>
        <source>Starting…</source>
        <translation>Wird gestartet…</translation>
    </message>
    <message>
        <location filename="../ui/servicepage.cpp" line="235"/>
        <source>Running</source>
        <translation>Läuft</translation>
    </message>
    <message>
        <location filename="../ui/servicepage.cpp" line="239"/>
        <source>Stopped</source>
        <translation>Beendet</translation>
    </message>
    <message>
        <location filename="../ui/servicepage.cpp" line="249"/>
        <source>not running</source>
        <translation>läuft nicht</translation>
    </message>
    <message>
        <location filename="../ui/servicepage.cpp" line="254"/>
        <source>Start the service to see the URL for DMProxy</source>
        <translation>Starten Sie den Dienst, um die URL für DMProxy zu sehen</translation>
    </message>
    <message>
        <location filename="../ui/servicepage.cpp" line="260"/>
        <source>%1 answered, %2 with errors</source>
        <translation>%1 beantwortet, %2 mit Fehlern</translation>
    </message>
    <message>
        <location filename="../ui/servicepage.cpp" line="266"/>
        <source>DMProxy setting copied to the clipboard</source>
        <translation>DMProxy-Einstellung in die Zwischenablage kopiert</translation>
    </message>
    <message>
        <location filename="../ui/servicepage.cpp" line="287"/>
        <source>Calling %1…</source>
        <translation>Rufe %1 auf…</translation>
    </message>
    <message>
        <location filename="../ui/servicepage.cpp" line="295"/>
        <source>Passed: HTTP 200, the service accepts these credentials.</source>
        <translation>Bestanden: HTTP 200, der Dienst akzeptiert diese Zugangsdaten.</translation>
    </message>
    <message>
        <location filename="../ui/servicepage.cpp" line="297"/>
        <source>Failed: HTTP 401, the service rejects these credentials. Check the user name and password (set them with tbds-service set-credentials).</source>
        <translation>Fehlgeschlagen: HTTP 401, der Dienst lehnt diese Zugangsdaten ab. Prüfen Sie Benutzername und Passwort (setzen Sie sie mit tbds-service set-credentials).</translation>
    </message>
    <message>
        <location filename="../ui/servicepage.cpp" line="300"/>
        <source>Failed: HTTP %1 %2</source>
        <translation>Fehlgeschlagen: HTTP %1 %2</translation>
    </message>
    <message>
        <location filename="../ui/servicepage.cpp" line="303"/>
        <source>Failed: %1</source>
        <translation>Fehlgeschlagen: %1</translation>
    </message>
    <message>
        <location filename="../ui/servicepage.cpp" line="305"/>
        <source>Self-test: %1</source>
        <translation>Selbsttest: %1</translation>
    </message>
</context>
<context>
    <name>tbds::ui::TrayIcon</name>
    <message>
        <location filename="../ui/trayicon.cpp" line="21"/>
        <source>&amp;Show TestBench Defect Service Admin</source>
        <translation>TestBench Defect Service Admin &amp;anzeigen</translation>
    </message>
    <message>
        <location filename="../ui/trayicon.cpp" line="23"/>
        <source>S&amp;top the service</source>
        <translation>Dienst &amp;beenden</translation>
    </message>
    <message>
        <location filename="../ui/trayicon.cpp" line="65"/>
        <source>TestBench Defect Service running at %1</source>
        <translation>TestBench Defect Service läuft unter %1</translation>
    </message>
</context>
<context>
    <name>tbds::ui::WelcomePage</name>
    <message>
        <location filename="../ui/welcomepage.cpp" line="18"/>
        <source>&lt;h2&gt;TestBench Defect Service Admin&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;TestBench Defect Service Admin&lt;/h2&gt;</translation>
    </message>
    <message>
        <location filename="../ui/welcomepage.cpp" line="19"/>
        <source>Open the config.toml of a TestBench defect service to edit it, run the service and check its projects. New here? The demo setup serves sample defects from JSONL files, no Jira needed.</source>
        <translation>Öffnen Sie die config.toml eines TestBench-Defect-Service, um sie zu bearbeiten, den Dienst zu betreiben und seine Projekte zu prüfen. Neu hier? Die Demo-Einrichtung liefert Beispielfehler aus JSONL-Dateien, ganz ohne Jira.</translation>
    </message>
    <message>
        <location filename="../ui/welcomepage.cpp" line="24"/>
        <source>&amp;Open a configuration…</source>
        <translation>Konfiguration ö&amp;ffnen…</translation>
    </message>
    <message>
        <location filename="../ui/welcomepage.cpp" line="26"/>
        <source>&amp;Create a new configuration…</source>
        <translation>Neue Konfiguration &amp;erstellen…</translation>
    </message>
    <message>
        <location filename="../ui/welcomepage.cpp" line="28"/>
        <source>Answer a few questions (service, user, JSONL or Jira) and get a new config.toml</source>
        <translation>Ein paar Fragen beantworten (Dienst, Benutzer, JSONL oder Jira) und eine neue config.toml erhalten</translation>
    </message>
    <message>
        <location filename="../ui/welcomepage.cpp" line="29"/>
        <source>Open the &amp;demo setup</source>
        <translation>De&amp;mo-Einrichtung öffnen</translation>
    </message>
    <message>
        <location filename="../ui/welcomepage.cpp" line="31"/>
        <source>Copies the bundled JSONL sample to your data folder and opens it</source>
        <translation>Kopiert das mitgelieferte JSONL-Beispiel in Ihren Datenordner und öffnet es</translation>
    </message>
    <message>
        <location filename="../ui/welcomepage.cpp" line="32"/>
        <source>&amp;Recent configurations:</source>
        <translation>&amp;Zuletzt geöffnete Konfigurationen:</translation>
    </message>
    <message>
        <location filename="../ui/welcomepage.cpp" line="36"/>
        <source>Recent configurations</source>
        <translation>Zuletzt geöffnete Konfigurationen</translation>
    </message>
</context>
</TS>
