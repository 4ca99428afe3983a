<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>JiraConnection</name>
    <message>
        <location filename="../ui/models/jiraconnection.cpp" line="11"/>
        <source>The configuration has errors. Fix them on the Configuration page first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/jiraconnection.cpp" line="13"/>
        <source>This configuration uses the JSONL client, which keeps defects in files. There is no Jira to talk to; switch client_class to the Jira client on the Configuration page to use this page.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/jiraconnection.cpp" line="16"/>
        <source>client_config.server_url is empty. Enter the address of your Jira on the Configuration page.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>JiraError</name>
    <message>
        <location filename="../core/jira/jiracall.cpp" line="22"/>
        <location filename="../core/jira/jiraerror.cpp" line="308"/>
        <source>The Jira request was cancelled (%1).</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../core/jira/jiraclient.cpp" line="115"/>
        <source>The Jira server_url &apos;%1&apos; is not an http(s) URL</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../core/jira/jiraclient.cpp" line="419"/>
        <source>Jira lists no issue types to create in project %1: it does not exist or the account lacks Create Issues.</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../core/jira/jiraclient.cpp" line="450"/>
        <source>Jira has no create screen for issue type %1 in project %2.</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../core/jira/jiraerror.cpp" line="68"/>
        <source>The TLS certificate of %1 is not trusted (self-signed or issued by an unknown certificate authority). Set ssl_ca_cert_path to the CA certificate that issued it, or verify_ssl = false for a test system only.</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../core/jira/jiraerror.cpp" line="74"/>
        <source>The TLS certificate of %1 expired on %2. The Jira administrator must renew it.</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../core/jira/jiraerror.cpp" line="78"/>
        <source>The TLS certificate of %1 is not valid before %2. Check this computer&apos;s clock.</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../core/jira/jiraerror.cpp" line="85"/>
        <source>The TLS certificate presented by %1 is issued for another host name (%2). Use the host name the certificate names in server_url.</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../core/jira/jiraerror.cpp" line="91"/>
        <source>The TLS certificate of %1 has been revoked.</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../core/jira/jiraerror.cpp" line="94"/>
        <source>The TLS handshake with %1 failed. The server may require a client certificate (client_cert_path, client_key_path) or speak no TLS version this computer accepts.</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../core/jira/jiraerror.cpp" line="99"/>
        <source>The TLS certificate of %1 was rejected: %2</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../core/jira/jiraerror.cpp" line="108"/>
        <source>one retry</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../core/jira/jiraerror.cpp" line="108"/>
        <source>%1 retries</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../core/jira/jiraerror.cpp" line="143"/>
        <source>Jira no longer accepts the OAuth access token (%1): it expired or was revoked. Authorize the application link again to get a new access token.</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../core/jira/jiraerror.cpp" line="147"/>
        <source>Jira rejected the OAuth signature: the private key does not match the public key of the application link, or a proxy changed the request URL.</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../core/jira/jiraerror.cpp" line="150"/>
        <source>Jira does not know the OAuth consumer key. Check oauth1_consumer_key against the incoming authentication of the application link.</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../core/jira/jiraerror.cpp" line="153"/>
        <source>Jira refused the OAuth timestamp: this computer&apos;s clock differs too much from the server&apos;s. Synchronise the clock (NTP).</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../core/jira/jiraerror.cpp" line="156"/>
        <source>Jira saw the OAuth nonce before (a replayed request). Try again.</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../core/jira/jiraerror.cpp" line="158"/>
        <source>Jira rejected the OAuth 1.0a credentials (HTTP 401). Check the consumer key, access token and private key.</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../core/jira/jiraerror.cpp" line="170"/>
        <source>The Jira personal access token has expired or was revoked. Create a new one in your Jira profile (Personal Access Tokens) and update the configuration.</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../core/jira/jiraerror.cpp" line="172"/>
        <source>The Jira API token has expired or was revoked. Create a new one at id.atlassian.com (Security, API tokens) and update the configuration.</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../core/jira/jiraerror.cpp" line="177"/>
        <source>Jira no longer accepts the username and password that worked before (HTTP 401): the password was probably changed or the account disabled.</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../core/jira/jiraerror.cpp" line="182"/>
        <source>Jira rejected the personal access token (HTTP 401): it is wrong, revoked or expired. Personal access tokens work on Jira Data Center only.</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../core/jira/jiraerror.cpp" line="185"/>
        <source>Jira Cloud rejected the credentials (HTTP 401). Use your Atlassian account e-mail as username and an API token (not your password) as password; API tokens expire, so create a new one if this worked before.</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../core/jira/jiraerror.cpp" line="189"/>
        <source>Jira rejected the username or password (HTTP 401). Several failed logins in a row make Jira demand a CAPTCHA, so check the credentials before trying again.</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../core/jira/jiraerror.cpp" line="284"/>
        <source>Jira&apos;s answer to %1 is not the expected JSON (HTTP %2, Content-Type &apos;%3&apos;). server_url may point at a proxy or login page rather than Jira.</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../core/jira/jiraerror.cpp" line="317"/>
        <source>The Jira server %1 could not be found (DNS lookup failed). Check server_url and this computer&apos;s network and proxy settings.</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../core/jira/jiraerror.cpp" line="323"/>
        <source>The Jira server %1 refused the connection. Check the port in server_url and that Jira is running.</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../core/jira/jiraerror.cpp" line="330"/>
        <source>Jira did not answer within %1 seconds (%2). The server may be overloaded or unreachable; raise &apos;timeout&apos; if it is merely slow.</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../core/jira/jiraerror.cpp" line="344"/>
        <source>The proxy this computer uses to reach %1 failed, so Jira was never asked (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/jira/jiraerror.cpp" line="348"/>
        <source>Jira sent no HTTP response (%1).</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../core/jira/jiraerror.cpp" line="353"/>
        <source>The connection to the Jira server %1 failed (%2).</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../core/jira/jiraerror.cpp" line="365"/>
        <source>the Jira web page</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../core/jira/jiraerror.cpp" line="367"/>
        <source>Jira demands a CAPTCHA after too many failed logins, so it refuses the REST login without checking the password. Log in once in a web browser at %1 to clear it, and check the credentials first.</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../core/jira/jiraerror.cpp" line="388"/>
        <source>Jira answered with a redirect (HTTP %1) to %2. Check server_url (http or https, the context path such as /jira) or whether a single sign-on proxy is in the way.</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../core/jira/jiraerror.cpp" line="391"/>
        <source>an unknown location</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../core/jira/jiraerror.cpp" line="401"/>
        <source>Jira rejected the request because of a conflicting update (HTTP 409).</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../core/jira/jiraerror.cpp" line="403"/>
        <source>Jira rejected the request as too large (HTTP 413): an attachment exceeds the size or count limit.</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../core/jira/jiraerror.cpp" line="406"/>
        <source>Jira could not process the request because of its configuration (HTTP 422).</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../core/jira/jiraerror.cpp" line="408"/>
        <source>Jira rejected the request (HTTP 400, %1).</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../core/jira/jiraerror.cpp" line="416"/>
        <source>Jira blocked the request as cross-site request forgery (XSRF check failed). A proxy may strip the X-Atlassian-Token header.</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../core/jira/jiraerror.cpp" line="420"/>
        <source>Jira refused %1 (HTTP 403): the account is signed in but lacks the permission for it. Ask a Jira administrator to grant it in the project&apos;s permission scheme.</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../core/jira/jiraerror.cpp" line="426"/>
        <source>Jira could not find what %1 asked for (HTTP 404): it does not exist or this account may not see it.</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../core/jira/jiraerror.cpp" line="429"/>
        <source>The address does not lead to the Jira REST API (HTTP 404, %1). Check server_url, including a context path such as /jira.</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../core/jira/jiraerror.cpp" line="433"/>
        <source>Jira has removed this REST API (HTTP 410, %1). This client version uses an endpoint Atlassian retired; please report it.</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../core/jira/jiraerror.cpp" line="438"/>
        <source> Jira asked to wait %1 s.</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../core/jira/jiraerror.cpp" line="441"/>
        <source>Jira is rate-limiting requests (HTTP 429). %1 was not repeated automatically because repeating it could do the change twice; try again in a moment.%2</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../core/jira/jiraerror.cpp" line="446"/>
        <source>Jira is rate-limiting requests (HTTP 429) and still was after %1. Wait a moment and try again.</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../core/jira/jiraerror.cpp" line="456"/>
        <source>Jira is unavailable (HTTP 503) and still was after %1.</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../core/jira/jiraerror.cpp" line="458"/>
        <source>Jira reported a server error (HTTP %1, %2). This is a problem on the Jira side; try again later or ask its administrator.</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../core/jira/jiraerror.cpp" line="463"/>
        <source>Jira answered %1 with HTTP %2.</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../core/jira/jqlsearch.cpp" line="43"/>
        <source>The Jira search was cancelled.</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../core/jira/jqlsearch.cpp" line="49"/>
        <source>The Jira client was shut down.</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../core/jira/jqlsearch.cpp" line="108"/>
        <source>Jira returned the same search page token twice; stopped to avoid an endless loop.</source>
        <translation></translation>
    </message>
</context>
<context>
    <name>KeychainLookup</name>
    <message>
        <location filename="../app/keychainlookup.cpp" line="50"/>
        <source>%1: note: the OS keychain could not be read (%2); using the environment and the file.</source>
        <translation type="unfinished"></translation>
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
        <translation></translation>
    </message>
    <message>
        <location filename="../app/servicecli.cpp" line="136"/>
        <source>tbds-service: unknown command &apos;%1&apos;</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/servicecli.cpp" line="163"/>
        <source>tbds-service %1: unexpected argument &apos;%2&apos;</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/servicecli.cpp" line="174"/>
        <source>The config.toml to check.</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/servicecli.cpp" line="174"/>
        <location filename="../app/servicecli.cpp" line="179"/>
        <location filename="../app/servicecli.cpp" line="212"/>
        <source>file</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/servicecli.cpp" line="176"/>
        <source>Use this client class instead of the file&apos;s.</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/servicecli.cpp" line="177"/>
        <source>class</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/servicecli.cpp" line="178"/>
        <source>Read the client configuration from this file.</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/servicecli.cpp" line="181"/>
        <source>Do not read Jira secrets from the OS keychain (environment and file only).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/servicecli.cpp" line="183"/>
        <source>Validate a config.toml and print the effective configuration, secrets masked.</source>
        <translation></translation>
    </message>
    <message numerus="yes">
        <location filename="../app/servicecli.cpp" line="200"/>
        <source>%n error(s); the configuration cannot be used.</source>
        <translation>
            <numerusform>%n error; the configuration cannot be used.</numerusform>
            <numerusform>%n errors; the configuration cannot be used.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/servicecli.cpp" line="203"/>
        <source>Effective configuration of %1</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/servicecli.cpp" line="212"/>
        <source>The config.toml to change.</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/servicecli.cpp" line="214"/>
        <source>The user name DMProxy sends.</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/servicecli.cpp" line="214"/>
        <source>name</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/servicecli.cpp" line="216"/>
        <source>The password (visible in the process list; prefer --password-stdin).</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/servicecli.cpp" line="217"/>
        <source>password</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/servicecli.cpp" line="218"/>
        <source>Read the password from standard input.</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/servicecli.cpp" line="220"/>
        <source>Set password_hash and salt for the service&apos;s Basic authentication; nothing else in the file changes.</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/servicecli.cpp" line="226"/>
        <source>tbds-service set-credentials: use either --password or --password-stdin, not both</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/servicecli.cpp" line="232"/>
        <source>tbds-service set-credentials: --username is required</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/servicecli.cpp" line="235"/>
        <source>Username [admin]: </source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/servicecli.cpp" line="247"/>
        <source>Password: </source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/servicecli.cpp" line="250"/>
        <source>Repeat password: </source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/servicecli.cpp" line="253"/>
        <source>tbds-service set-credentials: the passwords do not match; nothing was changed</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/servicecli.cpp" line="258"/>
        <source>tbds-service set-credentials: the password must not be empty; nothing was changed</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/servicecli.cpp" line="265"/>
        <source>tbds-service set-credentials: cannot read %1: %2</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/servicecli.cpp" line="275"/>
        <location filename="../app/servicecli.cpp" line="287"/>
        <location filename="../app/servicecli.cpp" line="299"/>
        <source>tbds-service set-credentials: %1; nothing was changed</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/servicecli.cpp" line="280"/>
        <source>tbds-service set-credentials: %1 has no [testbench-defect-service] table; nothing was changed</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/servicecli.cpp" line="293"/>
        <location filename="../app/servicecli.cpp" line="305"/>
        <source>tbds-service set-credentials: %1</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/servicecli.cpp" line="308"/>
        <source>Service credentials for user &apos;%1&apos; written to %2 (previous file kept as %2.bak).</source>
        <translation></translation>
    </message>
</context>
<context>
    <name>StartCommand</name>
    <message>
        <location filename="../app/startcommand.cpp" line="92"/>
        <source>Serve the TestBench defect service API.</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/startcommand.cpp" line="94"/>
        <source>The config.toml to serve.</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/startcommand.cpp" line="94"/>
        <location filename="../app/startcommand.cpp" line="97"/>
        <location filename="../app/startcommand.cpp" line="101"/>
        <location filename="../app/startcommand.cpp" line="102"/>
        <location filename="../app/startcommand.cpp" line="104"/>
        <source>file</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/startcommand.cpp" line="96"/>
        <source>Client class instead of the file&apos;s.</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/startcommand.cpp" line="96"/>
        <source>class</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/startcommand.cpp" line="97"/>
        <source>Client configuration file.</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/startcommand.cpp" line="98"/>
        <source>Address to listen on (default from the file, else 127.0.0.1).</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/startcommand.cpp" line="99"/>
        <source>host</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/startcommand.cpp" line="100"/>
        <source>Port to listen on; 0 picks a free port.</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/startcommand.cpp" line="100"/>
        <source>port</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/startcommand.cpp" line="101"/>
        <source>TLS certificate (PEM).</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/startcommand.cpp" line="102"/>
        <source>TLS private key (PEM).</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/startcommand.cpp" line="103"/>
        <source>CA for client certificates (enables mutual TLS).</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/startcommand.cpp" line="105"/>
        <source>Debug logging.</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/startcommand.cpp" line="107"/>
        <source>Do not read Jira secrets from the OS keychain (environment and file only).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/startcommand.cpp" line="123"/>
        <source>tbds-service start: --port must be a number from 0 to 65535, got &apos;%1&apos;</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/startcommand.cpp" line="131"/>
        <source>tbds-service start: --%1: file not found: &apos;%2&apos;</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/startcommand.cpp" line="148"/>
        <source>tbds-service start: the configuration has errors; not starting.</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/startcommand.cpp" line="162"/>
        <source>tbds-service start: %1</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/startcommand.cpp" line="174"/>
        <source>Error: %1</source>
        <translation></translation>
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
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/windowsservice.cpp" line="208"/>
        <source>tbds-service --service: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/windowsservice.cpp" line="238"/>
        <source>tbds-service: --service is for the Windows Service Control Manager. Register the service with &apos;tbds-service install-service&apos;, or run the engine in this console with &apos;tbds-service start&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/windowsservice.cpp" line="243"/>
        <source>tbds-service: cannot connect to the Service Control Manager: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/windowsservice.cpp" line="250"/>
        <source>%1 cannot register with the Service Control Manager: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/windowsservice.cpp" line="270"/>
        <source>%1 started: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/windowsservice.cpp" line="273"/>
        <source>%1 configuration warnings:
%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/windowsservice.cpp" line="284"/>
        <source>%1 stopped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/windowsservice.cpp" line="287"/>
        <source>%1 stopped with exit code %2:
%3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/windowsservice.cpp" line="300"/>
        <source>Register tbds-service as a Windows service that runs &apos;tbds-service start&apos; with the given configuration. Run it as administrator. Options after -- are passed on to &apos;start&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/windowsservice.cpp" line="304"/>
        <source>The config.toml the service reads.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/windowsservice.cpp" line="304"/>
        <source>file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/windowsservice.cpp" line="306"/>
        <location filename="../app/windowsservice.cpp" line="439"/>
        <source>The service name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/windowsservice.cpp" line="306"/>
        <location filename="../app/windowsservice.cpp" line="439"/>
        <source>name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/windowsservice.cpp" line="309"/>
        <source>The name shown in the Services console.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/windowsservice.cpp" line="310"/>
        <source>text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/windowsservice.cpp" line="312"/>
        <source>The account the service runs as (an account with a password needs --password-stdin).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/windowsservice.cpp" line="314"/>
        <source>account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/windowsservice.cpp" line="315"/>
        <source>Read the account&apos;s password from standard input.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/windowsservice.cpp" line="316"/>
        <source>When the service starts: auto, delayed or demand.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/windowsservice.cpp" line="317"/>
        <source>type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/windowsservice.cpp" line="333"/>
        <source>tbds-service install-service: --start must be auto, delayed or demand, got &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/windowsservice.cpp" line="340"/>
        <source>Note: %1 does not exist yet; the service cannot start until it does.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/windowsservice.cpp" line="356"/>
        <source>tbds-service install-service: access denied; run it from an administrator prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/windowsservice.cpp" line="357"/>
        <source>tbds-service install-service: cannot open the Service Control Manager: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/windowsservice.cpp" line="376"/>
        <source>tbds-service install-service: a service named &apos;%1&apos; exists already; remove it first with &apos;tbds-service uninstall-service --name %1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/windowsservice.cpp" line="381"/>
        <source>tbds-service install-service: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/windowsservice.cpp" line="388"/>
        <source>Warning: could not set the %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/windowsservice.cpp" line="391"/>
        <source>Serves the TestBench defect service API (DMProxy) with the settings in %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/windowsservice.cpp" line="393"/>
        <source>description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/windowsservice.cpp" line="401"/>
        <source>recovery actions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/windowsservice.cpp" line="405"/>
        <source>delayed start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/windowsservice.cpp" line="425"/>
        <source>Warning: could not register the Event Log source: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/windowsservice.cpp" line="428"/>
        <source>Installed the Windows service &apos;%1&apos; (%2), running as %3:
  %4
Start it with: sc start %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/windowsservice.cpp" line="437"/>
        <source>Stop and remove the Windows service. Run it as administrator.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/windowsservice.cpp" line="452"/>
        <source>tbds-service uninstall-service: unexpected argument &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/windowsservice.cpp" line="460"/>
        <source>tbds-service uninstall-service: cannot open the Service Control Manager: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/windowsservice.cpp" line="469"/>
        <source>tbds-service uninstall-service: there is no service named &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/windowsservice.cpp" line="471"/>
        <source>tbds-service uninstall-service: access denied; run it from an administrator prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/windowsservice.cpp" line="473"/>
        <location filename="../app/windowsservice.cpp" line="496"/>
        <source>tbds-service uninstall-service: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/windowsservice.cpp" line="479"/>
        <source>Stopping &apos;%1&apos; ...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/windowsservice.cpp" line="491"/>
        <source>Warning: could not stop &apos;%1&apos;: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/windowsservice.cpp" line="502"/>
        <source>Removed the Windows service &apos;%1&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../app/admin_main.cpp" line="41"/>
        <source>Administration of the TestBench Defect Service</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/admin_main.cpp" line="45"/>
        <source>The config.toml to open.</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/admin_main.cpp" line="46"/>
        <source>Open the demo setup.</source>
        <translation></translation>
    </message>
</context>
<context>
    <name>tbds::config::AtomicFile</name>
    <message>
        <location filename="../core/config/atomicfile.cpp" line="30"/>
        <source>Cannot save %1: the folder %2 does not exist</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../core/config/atomicfile.cpp" line="32"/>
        <source>Cannot save %1: the folder %2 is not writable</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../core/config/atomicfile.cpp" line="34"/>
        <source>Cannot save %1: it is a folder</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../core/config/atomicfile.cpp" line="35"/>
        <source>Cannot save %1</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../core/config/atomicfile.cpp" line="78"/>
        <source>Cannot save %1: its current content could not be read for the backup</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../core/config/atomicfile.cpp" line="87"/>
        <source>Cannot save %1: the backup %2 could not be written</source>
        <translation></translation>
    </message>
</context>
<context>
    <name>tbds::config::TomlEditor</name>
    <message>
        <location filename="../core/config/tomleditor.cpp" line="535"/>
        <source>The TOML document</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../core/config/tomleditor.cpp" line="609"/>
        <source>%1 could not be edited: its layout was not understood</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../core/config/tomleditor.cpp" line="632"/>
        <source>%1 is not valid TOML</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../core/config/tomleditor.cpp" line="899"/>
        <source>%1 is not kept in %2, so nothing was changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/config/tomleditor.cpp" line="909"/>
        <source>Cannot set a value without a key</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../core/config/tomleditor.cpp" line="915"/>
        <source>Cannot set %1: %2 is a value, not a table</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../core/config/tomleditor.cpp" line="917"/>
        <source>Cannot set %1: %2 is an array of tables, whose entries cannot be edited by key</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../core/config/tomleditor.cpp" line="931"/>
        <source>Cannot set %1: it is an array of tables, not a value</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../core/config/tomleditor.cpp" line="934"/>
        <source>Cannot set %1: it is a table, not a value</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../core/config/tomleditor.cpp" line="953"/>
        <source>Setting %1 would make %2 invalid TOML, so nothing was changed</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../core/config/tomleditor.cpp" line="960"/>
        <source>Setting %1 in %2 did not give the expected value, so nothing was changed</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../core/config/tomleditor.cpp" line="975"/>
        <source>Cannot remove the whole document</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../core/config/tomleditor.cpp" line="979"/>
        <source>Cannot remove %1: %2 is an array of tables, whose entries cannot be edited by key</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../core/config/tomleditor.cpp" line="1009"/>
        <source>Removing %1 would make %2 invalid TOML, so nothing was changed</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../core/config/tomleditor.cpp" line="1014"/>
        <source>Removing %1 from %2 did not remove it, so nothing was changed</source>
        <translation></translation>
    </message>
</context>
<context>
    <name>tbds::jira</name>
    <message>
        <location filename="../core/jira/tlsconfig.cpp" line="22"/>
        <source>Could not read &apos;%1&apos;</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../core/jira/tlsconfig.cpp" line="35"/>
        <source>&apos;%1&apos; contains no certificate</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../core/jira/tlsconfig.cpp" line="35"/>
        <source>expected PEM or DER</source>
        <translation></translation>
    </message>
</context>
<context>
    <name>tbds::jira::HttpExchange</name>
    <message>
        <location filename="../core/jira/httpexchange.cpp" line="57"/>
        <source>The Jira client was shut down</source>
        <translation></translation>
    </message>
</context>
<context>
    <name>tbds::jira::JiraAuth</name>
    <message>
        <location filename="../core/jira/jiraauth.cpp" line="35"/>
        <source>Basic authentication needs a username and a password (on Jira Cloud: the account e-mail and an API token)</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../core/jira/jiraauth.cpp" line="37"/>
        <source>username is empty</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../core/jira/jiraauth.cpp" line="37"/>
        <source>password is empty</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../core/jira/jiraauth.cpp" line="44"/>
        <source>Token authentication needs a personal access token</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../core/jira/jiraauth.cpp" line="44"/>
        <source>token is empty</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../core/jira/jiraauth.cpp" line="53"/>
        <source>OAuth 1.0a needs a consumer key, an access token and a private key</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../core/jira/jiraauth.cpp" line="54"/>
        <source>consumer key is empty</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../core/jira/jiraauth.cpp" line="55"/>
        <source>access token is empty</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../core/jira/jiraauth.cpp" line="56"/>
        <source>private key is empty</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../core/jira/jiraauth.cpp" line="78"/>
        <source>basic authentication as %1</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../core/jira/jiraauth.cpp" line="80"/>
        <source>personal access token</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../core/jira/jiraauth.cpp" line="82"/>
        <source>OAuth 1.0a (RSA-SHA1)</source>
        <translation></translation>
    </message>
</context>
<context>
    <name>tbds::jira::OAuth1Signer</name>
    <message>
        <location filename="../core/jira/oauth1signer.cpp" line="68"/>
        <source>The OAuth 1.0a private key is not in PEM format</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../core/jira/oauth1signer.cpp" line="69"/>
        <source>expected a block starting with -----BEGIN PRIVATE KEY----- or -----BEGIN RSA PRIVATE KEY-----</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../core/jira/oauth1signer.cpp" line="71"/>
        <source>The OAuth 1.0a private key is encrypted</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../core/jira/oauth1signer.cpp" line="72"/>
        <source>store it without a passphrase (e.g. openssl pkcs8 -topk8 -nocrypt)</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../core/jira/oauth1signer.cpp" line="79"/>
        <source>The OAuth 1.0a private key could not be read</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../core/jira/oauth1signer.cpp" line="81"/>
        <source>The OAuth 1.0a private key is not an RSA key</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../core/jira/oauth1signer.cpp" line="82"/>
        <source>Jira application links sign with RSA-SHA1</source>
        <translation></translation>
    </message>
</context>
<context>
    <name>tbds::jira::ServerInfo</name>
    <message>
        <location filename="../core/jira/serverinfo.cpp" line="47"/>
        <source>Jira Cloud</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../core/jira/serverinfo.cpp" line="48"/>
        <source>Jira Data Center %1</source>
        <translation></translation>
    </message>
</context>
<context>
    <name>tbds::jira::TlsConfig</name>
    <message>
        <location filename="../core/jira/tlsconfig.cpp" line="49"/>
        <source>The CA certificate file (ssl_ca_cert_path) is unusable</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../core/jira/tlsconfig.cpp" line="55"/>
        <source>The client certificate (client_cert_path) is unusable</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../core/jira/tlsconfig.cpp" line="61"/>
        <location filename="../core/jira/tlsconfig.cpp" line="69"/>
        <source>The client key (client_key_path) is unusable</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../core/jira/tlsconfig.cpp" line="70"/>
        <source>&apos;%1&apos; holds no unencrypted PEM private key</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../core/jira/tlsconfig.cpp" line="73"/>
        <source>client_key_path is set but client_cert_path is not</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../core/jira/tlsconfig.cpp" line="74"/>
        <source>a client key is useless without its certificate</source>
        <translation></translation>
    </message>
</context>
<context>
    <name>tbds::secrets::EnvironmentSecretStore</name>
    <message>
        <location filename="../core/secrets/environmentsecretstore.cpp" line="57"/>
        <source>No environment variable is defined for this secret</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../core/secrets/environmentsecretstore.cpp" line="65"/>
        <source>%1 is not set</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../core/secrets/environmentsecretstore.cpp" line="74"/>
        <source>the environment variable</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../core/secrets/environmentsecretstore.cpp" line="77"/>
        <source>Environment variables are read-only here: set %1 in the environment the service is started with, or store the secret in the keychain</source>
        <translation></translation>
    </message>
</context>
<context>
    <name>tbds::secrets::KeychainSecretStore</name>
    <message>
        <location filename="../core/secrets/keychainsecretstore.cpp" line="76"/>
        <source>The keychain has no secret under this name</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../core/secrets/keychainsecretstore.cpp" line="85"/>
        <source>The secret could not be deleted from the keychain</source>
        <translation></translation>
    </message>
</context>
<context>
    <name>tbds::secrets::SecretResolver</name>
    <message>
        <location filename="../core/secrets/secretresolver.cpp" line="71"/>
        <source>The keychain could not be used</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../core/secrets/secretresolver.cpp" line="72"/>
        <source>The environment could not be read</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../core/secrets/secretresolver.cpp" line="92"/>
        <source>the environment</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../core/secrets/secretresolver.cpp" line="95"/>
        <source>No %1 is set: not in the keychain, not in %2 and not in %3</source>
        <translation></translation>
    </message>
</context>
<context>
    <name>tbds::secrets::SecretResult</name>
    <message>
        <location filename="../core/secrets/secretoperation.cpp" line="47"/>
        <source>no answer after %1 s</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../core/secrets/secretresult.cpp" line="10"/>
        <source>from the keychain</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../core/secrets/secretresult.cpp" line="12"/>
        <source>from the environment</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../core/secrets/secretresult.cpp" line="12"/>
        <location filename="../core/secrets/secretresult.cpp" line="14"/>
        <source>from %1</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../core/secrets/secretresult.cpp" line="14"/>
        <source>from the configuration file</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../core/secrets/secretresult.cpp" line="16"/>
        <source>from this session only (not saved)</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../core/secrets/secretresult.cpp" line="20"/>
        <source>not set</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../core/secrets/secretresult.cpp" line="47"/>
        <source>No secret is stored under this name</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../core/secrets/secretresult.cpp" line="49"/>
        <source>No keyring is available (is a Secret Service such as GNOME Keyring or KWallet running and unlocked?)</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../core/secrets/secretresult.cpp" line="52"/>
        <source>Access to the keyring was denied (is it locked, or was the request refused?)</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../core/secrets/secretresult.cpp" line="54"/>
        <source>The keyring request was cancelled</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../core/secrets/secretresult.cpp" line="56"/>
        <source>Waiting for the keyring timed out (a locked keyring may be waiting for a password prompt that nobody can answer)</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../core/secrets/secretresult.cpp" line="59"/>
        <source>This secret store is read-only</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../core/secrets/secretresult.cpp" line="63"/>
        <source>The keyring reported an error</source>
        <translation></translation>
    </message>
</context>
<context>
    <name>tbds::secrets::SecretStore</name>
    <message>
        <location filename="../core/secrets/secretstore.cpp" line="20"/>
        <source>No key was given for the secret</source>
        <translation></translation>
    </message>
</context>
<context>
    <name>tbds::service::http::HttpServer</name>
    <message>
        <location filename="../core/service/http/httpserver.cpp" line="88"/>
        <source>The HTTP server is already listening</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../core/service/http/httpserver.cpp" line="93"/>
        <source>HTTPS is not available</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../core/service/http/httpserver.cpp" line="93"/>
        <source>Qt has no usable TLS backend (OpenSSL missing?)</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../core/service/http/httpserver.cpp" line="95"/>
        <source>HTTPS needs a server certificate</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../core/service/http/httpserver.cpp" line="95"/>
        <source>no certificate configured</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../core/service/http/httpserver.cpp" line="97"/>
        <source>HTTPS needs the private key of the server certificate</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../core/service/http/httpserver.cpp" line="97"/>
        <source>no key configured</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../core/service/http/httpserver.cpp" line="110"/>
        <source>Cannot listen on %1</source>
        <translation></translation>
    </message>
</context>
<context>
    <name>tbds::ui::AboutDialog</name>
    <message>
        <location filename="../ui/aboutdialog.cpp" line="17"/>
        <source>About TestBench Defect Service Admin</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/aboutdialog.cpp" line="19"/>
        <source>&lt;h3&gt;TestBench Defect Service Admin %1&lt;/h3&gt;&lt;p&gt;Configure, run and diagnose the TestBench defect service.&lt;/p&gt;&lt;p&gt;Licensed under the Apache License 2.0.&lt;/p&gt;</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/aboutdialog.cpp" line="31"/>
        <source>Copy &amp;versions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/aboutdialog.cpp" line="43"/>
        <source>Qt %1 (built with %2)</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/aboutdialog.cpp" line="44"/>
        <source>QtKeychain %1</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/aboutdialog.cpp" line="45"/>
        <source>toml++ %1</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/aboutdialog.cpp" line="46"/>
        <source>OpenSSL %1 (built with %2)</source>
        <translation></translation>
    </message>
</context>
<context>
    <name>tbds::ui::ConfigDocument</name>
    <message>
        <location filename="../ui/models/configdocument.cpp" line="40"/>
        <source>Cannot open %1</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/models/configdocument.cpp" line="56"/>
        <source>The configuration has no file yet.</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/models/configdocument.cpp" line="156"/>
        <source>Set %1</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/models/configdocument.cpp" line="165"/>
        <source>Remove %1</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/models/configdocument.cpp" line="174"/>
        <source>The client settings are read from %1 (client_config_path), which cannot be edited here; edit that file or remove client_config_path.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/configdocument.cpp" line="187"/>
        <source>The configuration is not valid TOML; fix the text first</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/models/configdocument.cpp" line="200"/>
        <source>Edit text</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/models/configdocument.cpp" line="267"/>
        <source>Only .toml client files are edited here.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tbds::ui::ConfigWizard</name>
    <message>
        <location filename="../ui/configwizard.cpp" line="52"/>
        <source>Create a configuration</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/configwizard.cpp" line="70"/>
        <source>The service</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/configwizard.cpp" line="71"/>
        <source>Where the service listens, and the user TestBench&apos;s DMProxy logs in with.</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/configwizard.cpp" line="75"/>
        <source>127.0.0.1 accepts only this machine; 0.0.0.0 accepts every network interface</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/configwizard.cpp" line="76"/>
        <source>&amp;Host:</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/configwizard.cpp" line="81"/>
        <source>&amp;Port:</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/configwizard.cpp" line="84"/>
        <source>&amp;User name:</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/configwizard.cpp" line="88"/>
        <source>Pass&amp;word:</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/configwizard.cpp" line="92"/>
        <source>&amp;Repeat password:</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/configwizard.cpp" line="93"/>
        <source>Only a salted hash of the password is stored (password_hash, salt).</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/configwizard.cpp" line="105"/>
        <source>Where the defects live</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/configwizard.cpp" line="106"/>
        <source>The service passes TestBench&apos;s defect requests to one client.</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/configwizard.cpp" line="108"/>
        <source>&amp;JSONL files: defects stored in files on this machine (no Jira needed)</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/configwizard.cpp" line="111"/>
        <source>J&amp;ira: defects are Jira issues (Jira Cloud or Data Center)</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/configwizard.cpp" line="123"/>
        <source>JSONL client</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/configwizard.cpp" line="124"/>
        <source>Relative paths are resolved against the folder of config.toml.</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/configwizard.cpp" line="128"/>
        <source>One sub-folder per TestBench project; created if missing</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/configwizard.cpp" line="129"/>
        <source>&amp;Defects folder:</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/configwizard.cpp" line="130"/>
        <source>&amp;Read-only (TestBench may read defects but not change them)</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/configwizard.cpp" line="133"/>
        <source>Allowed values of the control fields, separated by commas:</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/configwizard.cpp" line="137"/>
        <source>&amp;Status:</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/configwizard.cpp" line="140"/>
        <source>&amp;Priority:</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/configwizard.cpp" line="143"/>
        <source>&amp;Classification:</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/configwizard.cpp" line="151"/>
        <source>Jira client</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/configwizard.cpp" line="152"/>
        <source>The service account the service uses to talk to Jira.</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/configwizard.cpp" line="157"/>
        <source>&amp;Server URL:</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/configwizard.cpp" line="160"/>
        <source>Basic: e-mail + API token (Cloud) or user + password (Data Center)</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/configwizard.cpp" line="161"/>
        <source>Personal access token (Data Center)</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/configwizard.cpp" line="162"/>
        <source>OAuth 1.0a (application link)</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/configwizard.cpp" line="163"/>
        <source>&amp;Authentication:</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/configwizard.cpp" line="166"/>
        <source>User / e-&amp;mail:</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/configwizard.cpp" line="170"/>
        <source>Password / API token:</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/configwizard.cpp" line="171"/>
        <source>Personal access token:</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/configwizard.cpp" line="172"/>
        <source>Access token:</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/configwizard.cpp" line="173"/>
        <source>Access token secret:</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/configwizard.cpp" line="174"/>
        <source>Consumer key:</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/configwizard.cpp" line="179"/>
        <source>optional: can be set later on the Credentials page</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/configwizard.cpp" line="188"/>
        <source>Private key file (PEM):</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/configwizard.cpp" line="191"/>
        <source>&amp;Verify the server&apos;s TLS certificate</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/configwizard.cpp" line="195"/>
        <source>Read-&amp;only (never create or change Jira issues)</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/configwizard.cpp" line="198"/>
        <source>Write the secrets into config.toml as &amp;plain text (not recommended; default: the OS keychain)</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/configwizard.cpp" line="216"/>
        <source>Save the configuration</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/configwizard.cpp" line="217"/>
        <source>An existing file is kept as &lt;name&gt;.backup.</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/configwizard.cpp" line="225"/>
        <source>Bro&amp;wse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/configwizard.cpp" line="230"/>
        <source>Fi&amp;le:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/configwizard.cpp" line="244"/>
        <source>Save configuration as</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/configwizard.cpp" line="245"/>
        <source>TOML configuration (*.toml)</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/configwizard.cpp" line="279"/>
        <source>Put the client settings in a &amp;separate file (%1)</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/configwizard.cpp" line="282"/>
        <source>Jira at %1 (%2)</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/configwizard.cpp" line="286"/>
        <source>Secrets: written into the file as plain text</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/configwizard.cpp" line="287"/>
        <source>Secrets: stored in the OS keychain after the file is opened</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/configwizard.cpp" line="289"/>
        <source>JSONL files in &quot;%1&quot;</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/configwizard.cpp" line="291"/>
        <source>&lt;b&gt;Summary&lt;/b&gt;&lt;br&gt;Service: %1:%2, user &quot;%3&quot;&lt;br&gt;Client: %4</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/configwizard.cpp" line="384"/>
        <source>Enter the host the service listens on.</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/configwizard.cpp" line="386"/>
        <source>Enter a user name.</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/configwizard.cpp" line="388"/>
        <source>Enter a password; without one TestBench cannot log in.</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/configwizard.cpp" line="390"/>
        <source>The two passwords differ.</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/configwizard.cpp" line="398"/>
        <source>Enter the Jira address, e.g. https://your-site.atlassian.net.</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/configwizard.cpp" line="400"/>
        <source>Basic authentication needs a user (on Jira Cloud: the account&apos;s e-mail).</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/configwizard.cpp" line="407"/>
        <source>Choose a file name ending in .toml.</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/configwizard.cpp" line="416"/>
        <source>%1 exists. Replace it? The current file is kept as %2.backup.</source>
        <translation></translation>
    </message>
</context>
<context>
    <name>tbds::ui::ConfigurationPage</name>
    <message>
        <location filename="../ui/configurationpage.cpp" line="115"/>
        <source>Validation result</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="147"/>
        <source>Service</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="150"/>
        <source>Defect client</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="151"/>
        <source>JSONL files</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="152"/>
        <source>Jira</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="153"/>
        <source>client_class: where the service keeps defects</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="154"/>
        <source>&amp;Client:</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="157"/>
        <source>&amp;Port:</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="159"/>
        <source>&amp;Debug:</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="159"/>
        <location filename="../ui/configurationpage.cpp" line="206"/>
        <location filename="../ui/configurationpage.cpp" line="238"/>
        <location filename="../ui/configurationpage.cpp" line="240"/>
        <source>no</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="160"/>
        <source>Client settings file:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="161"/>
        <source>none: the client settings are in this file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="163"/>
        <source>TLS</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="165"/>
        <location filename="../ui/configurationpage.cpp" line="166"/>
        <source>none: plain HTTP</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="166"/>
        <source>&amp;Key:</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="168"/>
        <source>none: no client certificates</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="170"/>
        <source>Reverse proxy</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="171"/>
        <source>Trusted pro&amp;xies:</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="172"/>
        <location filename="../ui/configurationpage.cpp" line="176"/>
        <source>not set</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="173"/>
        <source>&amp;Real IP header:</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="174"/>
        <source>e.g. X-Real-IP</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="177"/>
        <source>Keep-&amp;alive timeout (s):</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="180"/>
        <source>Logging</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="181"/>
        <source>Console level:</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="183"/>
        <source>Console format:</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="185"/>
        <source>File level:</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="187"/>
        <source>File format:</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="189"/>
        <source>Log file:</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="199"/>
        <source>JSONL client</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="201"/>
        <source>&amp;Name:</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="202"/>
        <source>Description:</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="205"/>
        <source>required</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="206"/>
        <location filename="../ui/configurationpage.cpp" line="238"/>
        <source>Read-only:</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="207"/>
        <location filename="../ui/configurationpage.cpp" line="234"/>
        <source>Attributes:</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="209"/>
        <location filename="../ui/configurationpage.cpp" line="236"/>
        <source>Control fields:</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="210"/>
        <source>status: open, closed; priority: low, high</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="211"/>
        <location filename="../ui/configurationpage.cpp" line="241"/>
        <source>Change timestamps:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="214"/>
        <source>Jira client</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="216"/>
        <source>Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="217"/>
        <source>Server &amp;URL:</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="218"/>
        <source>https://example.atlassian.net</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="219"/>
        <source>Authentication:</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="156"/>
        <source>H&amp;ost:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="164"/>
        <source>Cert&amp;ificate:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="167"/>
        <source>C&amp;lient CA:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="175"/>
        <source>For&amp;warded secret:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="204"/>
        <source>Defect&amp;s folder:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="221"/>
        <source>User&amp;name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="222"/>
        <source>or JIRA_USERNAME</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="225"/>
        <source>Verify TLS:</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="212"/>
        <location filename="../ui/configurationpage.cpp" line="225"/>
        <location filename="../ui/configurationpage.cpp" line="242"/>
        <source>yes</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="226"/>
        <source>CA certificate:</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="227"/>
        <source>system certificates</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="228"/>
        <source>Client certificate:</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="229"/>
        <location filename="../ui/configurationpage.cpp" line="231"/>
        <location filename="../ui/configurationpage.cpp" line="262"/>
        <source>none</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="230"/>
        <source>Client key:</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="232"/>
        <source>Defect &amp;JQL:</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="239"/>
        <source>Change history:</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="245"/>
        <source>Shared authentication:</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="246"/>
        <source>per user</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="247"/>
        <source>Timeout (s):</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="249"/>
        <source>Retries:</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="267"/>
        <source>For&amp;m</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="535"/>
        <source>The client settings below are read from and saved to %1 (client_config_path).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="538"/>
        <source>The client settings are read from %1 (client_config_path), which cannot be edited here: %2 Edit that file, or remove client_config_path to keep them in this file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="272"/>
        <source>Configuration as TOML text</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="223"/>
        <source>OAuth private key file:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="224"/>
        <source>only for OAuth 1.0a (or the key on the Credentials page)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="243"/>
        <source>Attachments folder:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="244"/>
        <source>none: no local file is attached</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="253"/>
        <source>Sync hooks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="255"/>
        <source>Before a scheduled sync:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="255"/>
        <source>Before a manual sync:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="256"/>
        <source>Before a partial sync:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="256"/>
        <source>After a scheduled sync:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="257"/>
        <source>After a manual sync:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="257"/>
        <source>After a partial sync:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="275"/>
        <source>Tab indents; Ctrl+Tab moves to the next control, Ctrl+Shift+Tab to the previous one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="279"/>
        <source>&amp;TOML</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="292"/>
        <source>Problems in the configuration</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="356"/>
        <location filename="../ui/configurationpage.cpp" line="705"/>
        <source>Choose a folder</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="356"/>
        <location filename="../ui/configurationpage.cpp" line="706"/>
        <source>Choose a file</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="357"/>
        <source>Browse for %1</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="369"/>
        <location filename="../ui/configurationpage.cpp" line="378"/>
        <source>Default (%1)</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="380"/>
        <source>Yes</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="381"/>
        <source>No</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="447"/>
        <source>Write control fields as &apos;field: value, value; other: value&apos;</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="461"/>
        <source>Set %1</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="493"/>
        <location filename="../ui/configurationpage.cpp" line="509"/>
        <source>Not changed: %1</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="655"/>
        <source>No configuration open.</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="657"/>
        <source>The configuration is valid.</source>
        <translation></translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/configurationpage.cpp" line="659"/>
        <source>%n error(s)</source>
        <translation>
            <numerusform>%n error</numerusform>
            <numerusform>%n errors</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/configurationpage.cpp" line="659"/>
        <source>%n warning(s)</source>
        <translation>
            <numerusform>%n warning</numerusform>
            <numerusform>%n warnings</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/configurationpage.cpp" line="660"/>
        <source>double-click a finding to show its line</source>
        <translation></translation>
    </message>
</context>
<context>
    <name>tbds::ui::ConnectionTestModel</name>
    <message>
        <location filename="../ui/models/connectiontestmodel.cpp" line="45"/>
        <source>Configuration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/connectiontestmodel.cpp" line="47"/>
        <source>Name resolution (DNS)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/connectiontestmodel.cpp" line="49"/>
        <source>Connection (TCP, TLS, HTTP)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/connectiontestmodel.cpp" line="51"/>
        <source>Jira flavour and version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/connectiontestmodel.cpp" line="53"/>
        <source>Authenticated user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/connectiontestmodel.cpp" line="62"/>
        <source>Not run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/connectiontestmodel.cpp" line="64"/>
        <source>Running…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/connectiontestmodel.cpp" line="66"/>
        <source>OK</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/connectiontestmodel.cpp" line="68"/>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/connectiontestmodel.cpp" line="70"/>
        <source>Skipped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/connectiontestmodel.cpp" line="72"/>
        <source>Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/connectiontestmodel.cpp" line="90"/>
        <location filename="../ui/models/connectiontestmodel.cpp" line="165"/>
        <source>Fix: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/connectiontestmodel.cpp" line="94"/>
        <source>%1

Fix: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/connectiontestmodel.cpp" line="96"/>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/connectiontestmodel.cpp" line="129"/>
        <source>Step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/connectiontestmodel.cpp" line="131"/>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/connectiontestmodel.cpp" line="133"/>
        <source>Result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/connectiontestmodel.cpp" line="186"/>
        <source>Request id: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/connectiontestmodel.cpp" line="196"/>
        <source>Not tried: an earlier step failed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/connectiontestmodel.cpp" line="233"/>
        <source>no proxy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/connectiontestmodel.cpp" line="233"/>
        <source>proxy %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/connectiontestmodel.cpp" line="405"/>
        <source>The personal access token was not accepted: it is wrong, was revoked, or has expired (tokens can have an expiry date). Create a new one in Jira (profile → Personal Access Tokens) and set it as token or JIRA_BEARER_TOKEN.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/connectiontestmodel.cpp" line="410"/>
        <source>If this is Jira Cloud: it does not accept personal access tokens; use auth_type = &quot;basic&quot; with the Atlassian e-mail address as username and an API token as password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/connectiontestmodel.cpp" line="235"/>
        <source>%1, %2, %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/connectiontestmodel.cpp" line="240"/>
        <source>%1 is an IP address; nothing to resolve.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/connectiontestmodel.cpp" line="246"/>
        <source>%1 is resolved by the proxy %2:%3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/connectiontestmodel.cpp" line="261"/>
        <source>The host name %1 does not resolve.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/connectiontestmodel.cpp" line="270"/>
        <source>%1 → %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/connectiontestmodel.cpp" line="291"/>
        <source>The connection through the proxy %1 failed, so Jira was never asked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/connectiontestmodel.cpp" line="297"/>
        <source>HTTP %1 from the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/connectiontestmodel.cpp" line="305"/>
        <source>HTTPS connection established, certificate accepted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/connectiontestmodel.cpp" line="306"/>
        <source>HTTP connection established (unencrypted: credentials travel in clear text)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/connectiontestmodel.cpp" line="337"/>
        <source>Signed in as %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/connectiontestmodel.cpp" line="337"/>
        <source>Signed in as %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/connectiontestmodel.cpp" line="357"/>
        <source>Cancelled by the user.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/connectiontestmodel.cpp" line="379"/>
        <source>Check the spelling of server_url. If this computer reaches Jira only through a VPN or a proxy, connect the VPN, or set the proxy in the system settings or in HTTPS_PROXY.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/connectiontestmodel.cpp" line="382"/>
        <source>Nothing accepts connections at this address and port. Check the port in server_url (https uses 443 unless a port is given), that Jira is running, and that no firewall blocks it. Behind a corporate proxy, set HTTPS_PROXY.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/connectiontestmodel.cpp" line="386"/>
        <source>Jira did not answer in time. Check VPN, proxy and firewall; for a slow Jira raise client_config.timeout.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/connectiontestmodel.cpp" line="389"/>
        <source>Check the proxy named above (system settings, or HTTPS_PROXY / HTTP_PROXY): its host and port, that it lets this computer reach Jira, and its own login (user:password@host in HTTPS_PROXY) if it asks for one. If Jira is reachable directly, add its host to NO_PROXY.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/connectiontestmodel.cpp" line="393"/>
        <source>The server certificate was not accepted. If Jira uses an internal CA or your company inspects TLS traffic (e.g. Zscaler), set ssl_ca_cert_path to that CA&apos;s PEM file. If the host name does not match, use the name the certificate was issued for. Use verify_ssl = false only for tests.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/connectiontestmodel.cpp" line="398"/>
        <source>Jira Cloud does not accept personal access tokens. Use auth_type = &quot;basic&quot; with your Atlassian e-mail address as username and an API token as password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/connectiontestmodel.cpp" line="401"/>
        <source>Jira Cloud expects the Atlassian account&apos;s e-mail address as username and an API token (id.atlassian.com → Security → API tokens) as password, not the account password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/connectiontestmodel.cpp" line="415"/>
        <source>The OAuth access token or consumer key was not accepted. Authorise the application link again and store the new access token.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/connectiontestmodel.cpp" line="417"/>
        <source>Check username and password. If your Jira Data Center has basic authentication turned off, create a personal access token and use auth_type = &quot;token&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/connectiontestmodel.cpp" line="420"/>
        <source>The token has expired or was revoked. Create a new personal access token in Jira (profile → Personal Access Tokens) and store it as token or JIRA_BEARER_TOKEN.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/connectiontestmodel.cpp" line="423"/>
        <source>Jira locked the account behind a CAPTCHA after failed logins. Log in once in a browser as this user and solve the CAPTCHA, then correct the stored password so the service does not lock it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/connectiontestmodel.cpp" line="427"/>
        <source>The account is signed in but not allowed to do this. Ask your Jira administrator for the permissions listed on the Permissions page. A proxy that filters requests can also cause this.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/connectiontestmodel.cpp" line="430"/>
        <source>server_url probably points to the wrong place. Use Jira&apos;s base address including a context path such as /jira, not the address of a Jira page.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/connectiontestmodel.cpp" line="433"/>
        <source>Atlassian removed this API. Update the defect service.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/connectiontestmodel.cpp" line="435"/>
        <source>Jira is limiting the requests of this account. Wait a minute and try again; tools sharing the same token share the limit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/connectiontestmodel.cpp" line="438"/>
        <source>Jira reported an internal error. Try again later; if it persists, give the request id to your Jira administrator.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/connectiontestmodel.cpp" line="441"/>
        <source>The answer did not come from Jira&apos;s REST API. Often a single sign-on or proxy login page sits in front of Jira, or server_url names the wrong server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/connectiontestmodel.cpp" line="444"/>
        <source>Jira rejected the request; its message above says which part.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/connectiontestmodel.cpp" line="446"/>
        <source>Fix the credentials or key files on the Configuration page (or set the JIRA_* environment variables).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/connectiontestmodel.cpp" line="453"/>
        <source>Check the network and proxy settings. A proxy that answers 407 needs its own credentials in HTTPS_PROXY.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tbds::ui::ConnectionTestPage</name>
    <message>
        <location filename="../ui/connectiontestpage.cpp" line="24"/>
        <source>Checks step by step whether this computer reaches Jira with the configured address and credentials, and says how to fix what fails.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/connectiontestpage.cpp" line="32"/>
        <source>&amp;Test connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/connectiontestpage.cpp" line="34"/>
        <source>&amp;Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/connectiontestpage.cpp" line="36"/>
        <source>Copy &amp;report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/connectiontestpage.cpp" line="38"/>
        <source>Copy the steps and hints as text, e.g. for a support ticket (contains no secrets)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/connectiontestpage.cpp" line="47"/>
        <source>Connection test steps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/connectiontestpage.cpp" line="68"/>
        <source>Jira is reachable and the credentials work.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/connectiontestpage.cpp" line="69"/>
        <source>The connection test failed; the table says where and how to fix it.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tbds::ui::ControlFieldsModel</name>
    <message>
        <location filename="../ui/models/controlfieldsmodel.cpp" line="86"/>
        <source>known to Jira</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/controlfieldsmodel.cpp" line="88"/>
        <source>unknown to Jira</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/controlfieldsmodel.cpp" line="90"/>
        <source>no fixed values</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/controlfieldsmodel.cpp" line="92"/>
        <source>configured</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/controlfieldsmodel.cpp" line="138"/>
        <source>Select the row and enter the values TestBench sends for %1, one per line.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/controlfieldsmodel.cpp" line="141"/>
        <source>Jira has no field &quot;%1&quot; in this project (neither a field id nor a field name on the create screen). TestBench gets no values for it: fix the name in control_fields.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/controlfieldsmodel.cpp" line="145"/>
        <source>Jira knows the field but has no list of allowed values for it; TestBench accepts free text.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/controlfieldsmodel.cpp" line="173"/>
        <source>Control field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/controlfieldsmodel.cpp" line="175"/>
        <source>Values from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/controlfieldsmodel.cpp" line="177"/>
        <source>Count</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/controlfieldsmodel.cpp" line="179"/>
        <source>Allowed values</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/controlfieldsmodel.cpp" line="181"/>
        <source>TestBench values</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/controlfieldsmodel.cpp" line="183"/>
        <source>Would Jira accept them?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/controlfieldsmodel.cpp" line="285"/>
        <source>letter case</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/controlfieldsmodel.cpp" line="287"/>
        <source>spaces</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/controlfieldsmodel.cpp" line="289"/>
        <source>Unicode form</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/controlfieldsmodel.cpp" line="291"/>
        <source>%1 and %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/controlfieldsmodel.cpp" line="292"/>
        <source>%1, %2 and %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/controlfieldsmodel.cpp" line="327"/>
        <source>no TestBench values entered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/controlfieldsmodel.cpp" line="329"/>
        <source>not checked: Jira does not know the field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/controlfieldsmodel.cpp" line="331"/>
        <source>not checked: no fixed list of allowed values</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/models/controlfieldsmodel.cpp" line="334"/>
        <source>✔ all %n value(s) accepted</source>
        <translation>
            <numerusform>✔ the %n value is accepted</numerusform>
            <numerusform>✔ all %n values accepted</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/models/controlfieldsmodel.cpp" line="335"/>
        <source>✘ %1 of %n value(s) would be rejected</source>
        <translation>
            <numerusform>✘ %1 of %n value would be rejected</numerusform>
            <numerusform>✘ %1 of %n values would be rejected</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/models/controlfieldsmodel.cpp" line="344"/>
        <source>✔ %1: allowed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/controlfieldsmodel.cpp" line="349"/>
        <source>✘ %1: would be rejected, it is none of the allowed values</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/controlfieldsmodel.cpp" line="350"/>
        <source>✘ %1: would be rejected. Did you mean %2? (differs only in %3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/controlfieldsmodel.cpp" line="354"/>
        <source>– %1: not checked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/controlfieldsmodel.cpp" line="364"/>
        <source>Control fields of %1 on %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/controlfieldsmodel.cpp" line="372"/>
        <source>Allowed values (%1): %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/controlfieldsmodel.cpp" line="375"/>
        <source>TestBench values: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/controlfieldsmodel.cpp" line="382"/>
        <source>No TestBench value would be rejected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/models/controlfieldsmodel.cpp" line="383"/>
        <source>%n TestBench value(s) would be rejected: /correct drops defects that carry them.</source>
        <translation>
            <numerusform>%n TestBench value would be rejected: /correct drops defects that carry it.</numerusform>
            <numerusform>%n TestBench values would be rejected: /correct drops defects that carry them.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/models/controlfieldsmodel.cpp" line="402"/>
        <source>project workflow statuses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/controlfieldsmodel.cpp" line="406"/>
        <source>Jira priorities</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/controlfieldsmodel.cpp" line="410"/>
        <source>project issue types</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/controlfieldsmodel.cpp" line="132"/>
        <source>—</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/controlfieldsmodel.cpp" line="438"/>
        <source>create metadata of %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/controlfieldsmodel.cpp" line="448"/>
        <source>config.toml</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tbds::ui::ControlFieldsPage</name>
    <message>
        <location filename="../ui/controlfieldspage.cpp" line="43"/>
        <source>The control fields of a project and the values TestBench can choose from. Fields marked “unknown to Jira” (in red) are configured but Jira has no such field. Enter the values TestBench sends for a field below the table to see which ones Jira would reject.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/controlfieldspage.cpp" line="53"/>
        <source>&amp;Show values</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/controlfieldspage.cpp" line="55"/>
        <source>&amp;Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/controlfieldspage.cpp" line="64"/>
        <source>Control fields and allowed values</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/controlfieldspage.cpp" line="92"/>
        <source>Values TestBench sends, one per line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/controlfieldspage.cpp" line="94"/>
        <source>One value per line, exactly as TestBench sends it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/controlfieldspage.cpp" line="99"/>
        <source>&amp;What the service would do with them:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/controlfieldspage.cpp" line="103"/>
        <source>What the service would do with the TestBench values</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/controlfieldspage.cpp" line="111"/>
        <source>Co&amp;py report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/controlfieldspage.cpp" line="173"/>
        <source>&amp;TestBench values for %1 (one per line):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/controlfieldspage.cpp" line="174"/>
        <source>&amp;TestBench values (choose a field above):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/controlfieldspage.cpp" line="194"/>
        <source>the JSONL client</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/controlfieldspage.cpp" line="208"/>
        <source>This configuration uses the JSONL client: TestBench offers the lists configured in control_fields.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/controlfieldspage.cpp" line="225"/>
        <source>Choose or type a project first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/controlfieldspage.cpp" line="239"/>
        <source>Asking Jira…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/controlfieldspage.cpp" line="306"/>
        <location filename="../ui/controlfieldspage.cpp" line="344"/>
        <source>Cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/controlfieldspage.cpp" line="330"/>
        <source>Jira knows every configured control field of %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/controlfieldspage.cpp" line="331"/>
        <source>%n configured control field(s) unknown to Jira in %1.</source>
        <translation>
            <numerusform>%n configured control field unknown to Jira in %1.</numerusform>
            <numerusform>%n configured control fields unknown to Jira in %1.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tbds::ui::CredentialsPage</name>
    <message>
        <location filename="../ui/credentialspage.cpp" line="53"/>
        <source>Jira credentials (used by the service to log in to Jira)</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/credentialspage.cpp" line="62"/>
        <source>The service looks for each secret in this order: the OS keychain, then an environment variable, then config.toml. Secrets stored here go to the keychain only; config.toml is changed only when you choose &quot;Write to config.toml&quot;.</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/credentialspage.cpp" line="82"/>
        <source>Waiting for the keyring</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/credentialspage.cpp" line="83"/>
        <source>&amp;Cancel</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/credentialspage.cpp" line="85"/>
        <source>Stop waiting for the keyring (a write may still complete in the background)</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/credentialspage.cpp" line="101"/>
        <source>Check &amp;again</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/credentialspage.cpp" line="103"/>
        <source>Look up again where each secret comes from</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/credentialspage.cpp" line="110"/>
        <source>Service login (what TestBench&apos;s DMProxy logs in with)</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/credentialspage.cpp" line="116"/>
        <source>Current:</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/credentialspage.cpp" line="119"/>
        <source>Service user name</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/credentialspage.cpp" line="121"/>
        <source>&amp;User:</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/credentialspage.cpp" line="124"/>
        <source>Service password</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/credentialspage.cpp" line="126"/>
        <source>&amp;Password:</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/credentialspage.cpp" line="129"/>
        <source>Repeat the service password</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/credentialspage.cpp" line="131"/>
        <source>&amp;Repeat:</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/credentialspage.cpp" line="132"/>
        <source>Set service &amp;credentials</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/credentialspage.cpp" line="134"/>
        <source>Writes password_hash and salt into the configuration (undoable; saved with File ▸ Save). The password itself is never stored.</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/credentialspage.cpp" line="228"/>
        <source>Password / API token:</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/credentialspage.cpp" line="230"/>
        <source>Personal access token:</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/credentialspage.cpp" line="232"/>
        <source>OAuth 1.0a access token:</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/credentialspage.cpp" line="234"/>
        <source>OAuth 1.0a token secret:</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/credentialspage.cpp" line="236"/>
        <source>OAuth 1.0a consumer key:</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/credentialspage.cpp" line="238"/>
        <source>OAuth 1.0a private key (PEM):</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/credentialspage.cpp" line="287"/>
        <source>This configuration uses the JSONL client, which needs no Jira credentials.</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/credentialspage.cpp" line="293"/>
        <source>Set the Jira server URL on the Configuration page first; secrets are stored per server.</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/credentialspage.cpp" line="299"/>
        <source>Server: %1 · authentication: %2 · user: %3</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/credentialspage.cpp" line="301"/>
        <source>(none)</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/credentialspage.cpp" line="316"/>
        <source>new value</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/credentialspage.cpp" line="318"/>
        <source>Store in keychain</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/credentialspage.cpp" line="320"/>
        <source>Remove from keychain</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/credentialspage.cpp" line="322"/>
        <source>Write to %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/credentialspage.cpp" line="331"/>
        <source>Write %1 to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/credentialspage.cpp" line="411"/>
        <source>The Jira settings live in a separate file (client_config_path) that is not edited here; edit that file to put a secret there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/credentialspage.cpp" line="324"/>
        <source>Stores the secret as plain text in the configuration file. Only for machines without a keyring; anyone who can read the file can read the secret.</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/credentialspage.cpp" line="329"/>
        <source>Store %1 in the keychain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/credentialspage.cpp" line="330"/>
        <source>Remove %1 from the keychain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/credentialspage.cpp" line="381"/>
        <source>Type the new value of %1 first.</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/credentialspage.cpp" line="385"/>
        <source>Secrets are stored per Jira server: set the server URL of a Jira configuration first.</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/credentialspage.cpp" line="407"/>
        <source>Type the value to write into config.toml first.</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/credentialspage.cpp" line="416"/>
        <source>Write secret to config.toml</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/credentialspage.cpp" line="417"/>
        <source>%1 will be stored as plain text in %2. Anyone who can read the file can use it. The keychain is the safer place; use this only where no keyring exists. Write it to the file?</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/credentialspage.cpp" line="430"/>
        <source>%1 written to the configuration (plain text); save to keep it.</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/credentialspage.cpp" line="462"/>
        <source>Waiting for the keyring… (looking up %1)</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/credentialspage.cpp" line="466"/>
        <source>Waiting for the keyring… (storing %1; unlock it if your desktop asks)</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/credentialspage.cpp" line="471"/>
        <source>Waiting for the keyring… (removing %1)</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/credentialspage.cpp" line="500"/>
        <source>Install and start a Secret Service (GNOME Keyring, KWallet or KeePassXC), or give the service the secret through its environment (e.g. JIRA_PASSWORD). Nothing was written to config.toml.</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/credentialspage.cpp" line="504"/>
        <source>Unlock the keyring (e.g. in Seahorse or KWallet) and try again.</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/credentialspage.cpp" line="506"/>
        <source>The keyring did not answer. It may be locked and waiting for a password dialog; unlock it and try again.</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/credentialspage.cpp" line="518"/>
        <source>not set</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/credentialspage.cpp" line="520"/>
        <source>not checked</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/credentialspage.cpp" line="522"/>
        <source>unknown</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/credentialspage.cpp" line="526"/>
        <source>Store it in the keychain, set %1, or write it to config.toml</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/credentialspage.cpp" line="536"/>
        <source>The keychain could not be used: %1</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/credentialspage.cpp" line="543"/>
        <source>%1 stored in the keychain.</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/credentialspage.cpp" line="546"/>
        <source>Storing %1 was cancelled. The keyring may still save it once it answers.</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/credentialspage.cpp" line="548"/>
        <source>Could not store %1 in the keychain: %2</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/credentialspage.cpp" line="554"/>
        <source>%1 removed from the keychain.</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/credentialspage.cpp" line="557"/>
        <source>Could not remove %1 from the keychain: %2</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/credentialspage.cpp" line="590"/>
        <source>password_hash and salt are set in the configuration file.</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/credentialspage.cpp" line="592"/>
        <source>from the PASSWORD_HASH and SALT environment variables</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/credentialspage.cpp" line="594"/>
        <source>Not set: the service accepts no login until credentials are set.</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/credentialspage.cpp" line="606"/>
        <source>Open a configuration first.</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/credentialspage.cpp" line="608"/>
        <source>Enter the user name DMProxy logs in with.</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/credentialspage.cpp" line="610"/>
        <source>Enter a password.</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/credentialspage.cpp" line="612"/>
        <source>The two passwords differ.</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/credentialspage.cpp" line="623"/>
        <source>Set service credentials</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/credentialspage.cpp" line="632"/>
        <source>Set for user &quot;%1&quot;. Save the configuration to apply it; Undo takes it back.</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/credentialspage.cpp" line="633"/>
        <source>Service credentials set for user &quot;%1&quot; (password_hash and salt).</source>
        <translation></translation>
    </message>
</context>
<context>
    <name>tbds::ui::DiffPreviewDialog</name>
    <message>
        <location filename="../ui/diffpreviewdialog.cpp" line="21"/>
        <source>Save %1</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/diffpreviewdialog.cpp" line="23"/>
        <source>These lines of %1 will change. Comments and all other lines stay as they are.</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/diffpreviewdialog.cpp" line="30"/>
        <source>Changes to save</source>
        <translation></translation>
    </message>
</context>
<context>
    <name>tbds::ui::JiraServerLabel</name>
    <message>
        <location filename="../ui/jiraserverlabel.cpp" line="15"/>
        <source>Jira server</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/jiraserverlabel.cpp" line="45"/>
        <source>Jira: detecting…</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/jiraserverlabel.cpp" line="55"/>
        <source>%1 at %2</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/jiraserverlabel.cpp" line="57"/>
        <source>Jira: not reachable</source>
        <translation></translation>
    </message>
</context>
<context>
    <name>tbds::ui::JqlPreviewPage</name>
    <message>
        <location filename="../ui/jqlpreviewpage.cpp" line="70"/>
        <source>&amp;JQL:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/jqlpreviewpage.cpp" line="73"/>
        <source>JQL query</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/jqlpreviewpage.cpp" line="79"/>
        <source>Load &amp;all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/jqlpreviewpage.cpp" line="81"/>
        <source>Fetch every remaining page instead of loading while scrolling</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/jqlpreviewpage.cpp" line="82"/>
        <source>&amp;Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/jqlpreviewpage.cpp" line="110"/>
        <source>Filter the loaded rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/jqlpreviewpage.cpp" line="76"/>
        <source>Ru&amp;n</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/jqlpreviewpage.cpp" line="95"/>
        <source>Query check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/jqlpreviewpage.cpp" line="107"/>
        <source>F&amp;ilter:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/jqlpreviewpage.cpp" line="115"/>
        <source>E&amp;xport CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/jqlpreviewpage.cpp" line="117"/>
        <source>Copy as c&amp;url</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/jqlpreviewpage.cpp" line="119"/>
        <source>Copy a curl command for this query; credentials are replaced by placeholders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/jqlpreviewpage.cpp" line="130"/>
        <source>Issues as TestBench defects</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/jqlpreviewpage.cpp" line="156"/>
        <source>Defect JSON of the selected issue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/jqlpreviewpage.cpp" line="157"/>
        <source>Select a row to see the defect TestBench receives.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/jqlpreviewpage.cpp" line="161"/>
        <source>Jira JSON of the selected issue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/jqlpreviewpage.cpp" line="162"/>
        <source>Select a row to see the issue as Jira sent it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/jqlpreviewpage.cpp" line="167"/>
        <source>Defect JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/jqlpreviewpage.cpp" line="168"/>
        <source>Jira JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/jqlpreviewpage.cpp" line="214"/>
        <source>all loaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/jqlpreviewpage.cpp" line="220"/>
        <source>cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/jqlpreviewpage.cpp" line="222"/>
        <source>failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/jqlpreviewpage.cpp" line="228"/>
        <source>Export CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/jqlpreviewpage.cpp" line="230"/>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/jqlpreviewpage.cpp" line="270"/>
        <source>the built-in default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/jqlpreviewpage.cpp" line="273"/>
        <source>client_config.defect_jql</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/jqlpreviewpage.cpp" line="276"/>
        <source>the override projects.&quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/jqlpreviewpage.cpp" line="279"/>
        <source>Effective defect_jql from %1: &lt;code&gt;%2&lt;/code&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/jqlpreviewpage.cpp" line="289"/>
        <source>Enter a JQL query (Jira rejects an empty one).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/jqlpreviewpage.cpp" line="312"/>
        <source>loading</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/jqlpreviewpage.cpp" line="338"/>
        <source>%1 of %2 issues</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/jqlpreviewpage.cpp" line="339"/>
        <source>%n issue(s)</source>
        <translation>
            <numerusform>%n issue</numerusform>
            <numerusform>%n issues</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/jqlpreviewpage.cpp" line="341"/>
        <source>more available</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/jqlpreviewpage.cpp" line="367"/>
        <source>Validating…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/jqlpreviewpage.cpp" line="374"/>
        <source>Not validated: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/jqlpreviewpage.cpp" line="384"/>
        <source>✔ Jira accepts this query.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/jqlpreviewpage.cpp" line="384"/>
        <source>✘ %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/jqlpreviewpage.cpp" line="397"/>
        <source>Go to the error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/jqlpreviewpage.cpp" line="515"/>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tbds::ui::JqlResultsModel</name>
    <message>
        <location filename="../ui/models/jqlresultsmodel.cpp" line="200"/>
        <source>id: the Jira issue key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/jqlresultsmodel.cpp" line="202"/>
        <source>title: from the summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/jqlresultsmodel.cpp" line="204"/>
        <source>status: the workflow status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/jqlresultsmodel.cpp" line="206"/>
        <source>priority</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/jqlresultsmodel.cpp" line="208"/>
        <source>classification: from the issue type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/jqlresultsmodel.cpp" line="210"/>
        <source>reporter: the reporter&apos;s display name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/jqlresultsmodel.cpp" line="212"/>
        <source>lastEdited: from updated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/jqlresultsmodel.cpp" line="214"/>
        <source>User-defined field from Jira field %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tbds::ui::LogDock</name>
    <message>
        <location filename="../ui/logdock.cpp" line="23"/>
        <source>Log</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/logdock.cpp" line="32"/>
        <source>Level:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/logdock.cpp" line="35"/>
        <source>Minimum log level</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/logdock.cpp" line="44"/>
        <source>Filter messages</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/logdock.cpp" line="45"/>
        <source>Filter log messages</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/logdock.cpp" line="50"/>
        <source>Clear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/logdock.cpp" line="49"/>
        <source>Copy the selected messages (or all shown) to the clipboard</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/logdock.cpp" line="61"/>
        <source>Log messages</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/logdock.cpp" line="47"/>
        <location filename="../ui/logdock.cpp" line="74"/>
        <source>Copy</source>
        <translation></translation>
    </message>
</context>
<context>
    <name>tbds::ui::LogModel</name>
    <message>
        <location filename="../ui/models/logmodel.cpp" line="40"/>
        <source>Debug</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/models/logmodel.cpp" line="42"/>
        <source>Info</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/models/logmodel.cpp" line="44"/>
        <source>Warning</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/models/logmodel.cpp" line="46"/>
        <source>Error</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/models/logmodel.cpp" line="97"/>
        <source>Time</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/models/logmodel.cpp" line="99"/>
        <source>Level</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/models/logmodel.cpp" line="101"/>
        <source>Category</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/models/logmodel.cpp" line="103"/>
        <source>Message</source>
        <translation></translation>
    </message>
</context>
<context>
    <name>tbds::ui::MainWindow</name>
    <message>
        <location filename="../ui/mainwindow.cpp" line="71"/>
        <source>Pages</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="72"/>
        <source>Configuration</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="73"/>
        <source>Service</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="74"/>
        <source>Projects &amp; overrides</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="75"/>
        <source>Credentials</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="76"/>
        <source>Connection test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="77"/>
        <source>Permissions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="78"/>
        <source>JQL preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="79"/>
        <source>Control fields</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="189"/>
        <source>&amp;Open…</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="194"/>
        <source>Open &amp;Demo Setup</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="198"/>
        <source>&amp;New Configuration…</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="203"/>
        <source>&amp;Save</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="208"/>
        <source>Save &amp;As…</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="213"/>
        <source>&amp;Quit</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="219"/>
        <source>&amp;Undo</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="223"/>
        <source>&amp;Redo</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="238"/>
        <source>&amp;Preferences…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="245"/>
        <source>Preferences saved. A new language shows at the next start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="248"/>
        <source>&amp;About TestBench Defect Service Admin</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="255"/>
        <source>About &amp;Qt</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="263"/>
        <source>&amp;File</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="266"/>
        <source>Open &amp;Recent</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="275"/>
        <source>&amp;Edit</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="281"/>
        <source>&amp;View</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="282"/>
        <source>&amp;Configuration</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="283"/>
        <source>&amp;Service</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="284"/>
        <source>&amp;Projects &amp;&amp; Overrides</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="285"/>
        <source>C&amp;redentials</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="286"/>
        <source>Connection &amp;Test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="287"/>
        <source>Per&amp;missions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="288"/>
        <source>&amp;JQL Preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="289"/>
        <source>Control &amp;Fields</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="303"/>
        <source>&amp;Log</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="136"/>
        <source>Waiting for the keyring… (reading the Jira credentials)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="142"/>
        <source>The keychain could not be read: %1 The Credentials page shows where each secret comes from.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="229"/>
        <source>Ne&amp;xt Pane</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="233"/>
        <source>Pre&amp;vious Pane</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="306"/>
        <source>&amp;Help</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="310"/>
        <source>Main toolbar</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="383"/>
        <location filename="../ui/mainwindow.cpp" line="456"/>
        <source>Open configuration</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="387"/>
        <source>Opened %1</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="391"/>
        <source>The configuration has problems:
%1</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="421"/>
        <source>Demo setup</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="421"/>
        <source>Cannot copy the demo setup to %1.</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="457"/>
        <location filename="../ui/mainwindow.cpp" line="515"/>
        <source>TOML configuration (*.toml);;All files (*)</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="468"/>
        <location filename="../ui/mainwindow.cpp" line="489"/>
        <location filename="../ui/mainwindow.cpp" line="502"/>
        <source>Save configuration</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="469"/>
        <source>The configuration has errors and the service will not start with it. Save anyway?</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="492"/>
        <source>Saved %1 (previous version kept as .bak)</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="493"/>
        <source>Saved</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="506"/>
        <source>Saved as %1</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="514"/>
        <source>Save configuration as</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="524"/>
        <source>Unsaved changes</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="525"/>
        <source>%1 has unsaved changes. Save them?</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="579"/>
        <source>&amp;Clear List</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="593"/>
        <source>%1[*] — TestBench Defect Service Admin</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="594"/>
        <source>TestBench Defect Service Admin</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="597"/>
        <source>No configuration open</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="608"/>
        <source>Service: running at %1</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="611"/>
        <source>Service: stopping</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="614"/>
        <source>Service: stopped</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="621"/>
        <source>admin</source>
        <translation></translation>
    </message>
</context>
<context>
    <name>tbds::ui::NewConfig</name>
    <message>
        <location filename="../ui/newconfig.cpp" line="144"/>
        <source>Cannot create the folder %1.</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/newconfig.cpp" line="159"/>
        <source>Cannot keep the existing %1 as %2.</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/newconfig.cpp" line="165"/>
        <source>Cannot create the defects folder %1.</source>
        <translation></translation>
    </message>
</context>
<context>
    <name>tbds::ui::PermissionsModel</name>
    <message>
        <location filename="../ui/models/permissionsmodel.cpp" line="15"/>
        <source>Browse Projects</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/permissionsmodel.cpp" line="15"/>
        <source>List and query projects</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/permissionsmodel.cpp" line="16"/>
        <source>Browse Users</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/permissionsmodel.cpp" line="16"/>
        <source>Display assignees and reporters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/permissionsmodel.cpp" line="17"/>
        <source>Create Issues</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/permissionsmodel.cpp" line="17"/>
        <source>Sync new defects to Jira</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/permissionsmodel.cpp" line="18"/>
        <source>Edit Issues</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/permissionsmodel.cpp" line="18"/>
        <source>Update defect attributes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/permissionsmodel.cpp" line="19"/>
        <source>Delete Issues</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/permissionsmodel.cpp" line="19"/>
        <source>Delete defects</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/permissionsmodel.cpp" line="20"/>
        <source>Transition Issues</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/permissionsmodel.cpp" line="20"/>
        <source>Update defect status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/permissionsmodel.cpp" line="21"/>
        <source>Create Attachments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/permissionsmodel.cpp" line="21"/>
        <source>Sync attachments to defects</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/permissionsmodel.cpp" line="23"/>
        <source>Delete Attachments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/permissionsmodel.cpp" line="26"/>
        <source>Remove attachments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/permissionsmodel.cpp" line="52"/>
        <source>…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/permissionsmodel.cpp" line="54"/>
        <source>✔ granted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/permissionsmodel.cpp" line="56"/>
        <source>✘ missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/permissionsmodel.cpp" line="58"/>
        <source>– not needed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/permissionsmodel.cpp" line="92"/>
        <source>error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/permissionsmodel.cpp" line="92"/>
        <location filename="../ui/models/permissionsmodel.cpp" line="235"/>
        <source>read-only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/permissionsmodel.cpp" line="92"/>
        <location filename="../ui/models/permissionsmodel.cpp" line="235"/>
        <source>read-write</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/permissionsmodel.cpp" line="95"/>
        <source>readonly = true: the service never writes, so write permissions are not needed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/permissionsmodel.cpp" line="96"/>
        <source>The service creates, edits and deletes issues in this project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/permissionsmodel.cpp" line="107"/>
        <source>%1 (%2): %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/permissionsmodel.cpp" line="109"/>
        <source>%1 in %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/permissionsmodel.cpp" line="130"/>
        <source>Project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/permissionsmodel.cpp" line="132"/>
        <source>Mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/permissionsmodel.cpp" line="149"/>
        <source>%1 — %2 (Jira key %3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/permissionsmodel.cpp" line="149"/>
        <source> or </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/permissionsmodel.cpp" line="221"/>
        <source>In project %1, please grant %2 these project permissions (Project settings → Permissions, via a role or directly): %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/permissionsmodel.cpp" line="231"/>
        <source>Jira permissions of %1 on %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/permissionsmodel.cpp" line="237"/>
        <source>Not checked: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/permissionsmodel.cpp" line="245"/>
        <source>Nothing is missing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/permissionsmodel.cpp" line="245"/>
        <source>What to ask the Jira administrator for:
%1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tbds::ui::PermissionsPage</name>
    <message>
        <location filename="../ui/permissionspage.cpp" line="34"/>
        <source>The Jira project permissions the service account has, per project. In read-only projects only Browse Projects and Browse Users are needed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/permissionspage.cpp" line="43"/>
        <source>&amp;Check project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/permissionspage.cpp" line="45"/>
        <source>Check &amp;all projects</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/permissionspage.cpp" line="47"/>
        <source>Ca&amp;ncel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/permissionspage.cpp" line="58"/>
        <source>Permissions per project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/permissionspage.cpp" line="73"/>
        <source>&amp;What to ask the Jira administrator for:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/permissionspage.cpp" line="77"/>
        <source>What to ask the Jira administrator for</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/permissionspage.cpp" line="80"/>
        <source>Co&amp;py report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/permissionspage.cpp" line="82"/>
        <source>&amp;Save report…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/permissionspage.cpp" line="99"/>
        <source>Save permissions report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/permissionspage.cpp" line="101"/>
        <source>Text files (*.txt);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/permissionspage.cpp" line="119"/>
        <source>the service account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/permissionspage.cpp" line="132"/>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/permissionspage.cpp" line="142"/>
        <source>Choose or type a project first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/permissionspage.cpp" line="153"/>
        <source>Listing projects…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/permissionspage.cpp" line="160"/>
        <location filename="../ui/permissionspage.cpp" line="209"/>
        <source>Cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/permissionspage.cpp" line="187"/>
        <source>Checking %n project(s)…</source>
        <translation>
            <numerusform>Checking %n project…</numerusform>
            <numerusform>Checking %n projects…</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/permissionspage.cpp" line="223"/>
        <source>All required permissions are granted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/permissionspage.cpp" line="224"/>
        <source>%n required permission(s) missing; see below what to ask for.</source>
        <translation>
            <numerusform>%n required permission missing; see below what to ask for.</numerusform>
            <numerusform>%n required permissions missing; see below what to ask for.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/permissionspage.cpp" line="241"/>
        <source>Nothing — all required permissions are granted.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tbds::ui::PreferencesDialog</name>
    <message>
        <location filename="../ui/preferencesdialog.cpp" line="17"/>
        <source>Preferences</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/preferencesdialog.cpp" line="23"/>
        <source>System default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/preferencesdialog.cpp" line="28"/>
        <source>&amp;Language:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/preferencesdialog.cpp" line="29"/>
        <source>The language changes when the application starts next time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/preferencesdialog.cpp" line="32"/>
        <source>&amp;Open the last configuration at start</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tbds::ui::ProjectOverridesModel</name>
    <message>
        <location filename="../ui/models/projectoverridesmodel.cpp" line="111"/>
        <source>default</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/models/projectoverridesmodel.cpp" line="113"/>
        <source>global</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/models/projectoverridesmodel.cpp" line="115"/>
        <source>override (%1)</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/models/projectoverridesmodel.cpp" line="149"/>
        <source>Setting</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/models/projectoverridesmodel.cpp" line="151"/>
        <source>Effective value</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/models/projectoverridesmodel.cpp" line="153"/>
        <source>Source</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/models/projectoverridesmodel.cpp" line="256"/>
        <source>(none)</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/models/projectoverridesmodel.cpp" line="262"/>
        <source>(not set)</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/models/projectoverridesmodel.cpp" line="276"/>
        <source>No project selected</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/models/projectoverridesmodel.cpp" line="283"/>
        <source>%1 takes true or false</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/models/projectoverridesmodel.cpp" line="288"/>
        <source>The JQL must not be empty</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/models/projectoverridesmodel.cpp" line="302"/>
        <source>Write control fields as &apos;field: value, value; other: value&apos;</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/models/projectoverridesmodel.cpp" line="313"/>
        <source>%1 cannot be edited here; edit it in the TOML text</source>
        <translation></translation>
    </message>
</context>
<context>
    <name>tbds::ui::ProjectPicker</name>
    <message>
        <location filename="../ui/projectpicker.cpp" line="22"/>
        <source>P&amp;roject:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/projectpicker.cpp" line="29"/>
        <source>Project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/projectpicker.cpp" line="30"/>
        <source>Name (KEY) or KEY</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/projectpicker.cpp" line="34"/>
        <source>Load from Jira</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/projectpicker.cpp" line="37"/>
        <source>List every project the service account can browse</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/projectpicker.cpp" line="112"/>
        <source>No Jira configured.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tbds::ui::ProjectsPage</name>
    <message>
        <location filename="../ui/projectspage.cpp" line="31"/>
        <source>&amp;Projects:</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/projectspage.cpp" line="34"/>
        <source>Projects</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/projectspage.cpp" line="41"/>
        <source>Project name to add</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/projectspage.cpp" line="42"/>
        <source>Name (KEY)</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/projectspage.cpp" line="43"/>
        <source>&amp;Add</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/projectspage.cpp" line="45"/>
        <source>Show a project the configuration does not list yet, to give it overrides</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/projectspage.cpp" line="59"/>
        <source>Effective settings of the project</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/projectspage.cpp" line="75"/>
        <source>Override value</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/projectspage.cpp" line="76"/>
        <source>true/false, a, b, c, or field: a, b; other: c</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/projectspage.cpp" line="78"/>
        <source>&amp;Override</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/projectspage.cpp" line="80"/>
        <source>Write this value as an override for the selected project</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/projectspage.cpp" line="81"/>
        <source>&amp;Remove override</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/projectspage.cpp" line="83"/>
        <source>Remove the override: the global value or the default applies again</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/projectspage.cpp" line="145"/>
        <source>The configuration has errors; effective values appear once it is valid.</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/projectspage.cpp" line="147"/>
        <source>No projects found. JSONL projects are the folders below defects_path; for Jira, add a project by name to give it overrides.</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/projectspage.cpp" line="150"/>
        <source>Effective settings of &lt;b&gt;%1&lt;/b&gt; (overrides are read from projects.&quot;%2&quot;)</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/projectspage.cpp" line="192"/>
        <source>Edit %1 in the TOML text on the Configuration page.</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/projectspage.cpp" line="208"/>
        <source>Override %1 for %2</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/projectspage.cpp" line="213"/>
        <location filename="../ui/projectspage.cpp" line="229"/>
        <source>Not changed: %1</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/projectspage.cpp" line="224"/>
        <source>Remove override of %1 for %2</source>
        <translation></translation>
    </message>
</context>
<context>
    <name>tbds::ui::RequestLogModel</name>
    <message>
        <location filename="../ui/models/requestlogmodel.cpp" line="52"/>
        <source>%1 ms</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/models/requestlogmodel.cpp" line="103"/>
        <source>Time</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/models/requestlogmodel.cpp" line="105"/>
        <source>Peer</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/models/requestlogmodel.cpp" line="107"/>
        <source>Method</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/models/requestlogmodel.cpp" line="109"/>
        <source>Path</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/models/requestlogmodel.cpp" line="111"/>
        <source>Status</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/models/requestlogmodel.cpp" line="113"/>
        <source>Duration</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/models/requestlogmodel.cpp" line="115"/>
        <source>User</source>
        <translation></translation>
    </message>
</context>
<context>
    <name>tbds::ui::ServicePage</name>
    <message>
        <location filename="../ui/servicepage.cpp" line="58"/>
        <source>Engine</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/servicepage.cpp" line="65"/>
        <source>State:</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/servicepage.cpp" line="70"/>
        <source>URL:</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/servicepage.cpp" line="73"/>
        <source>Requests:</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/servicepage.cpp" line="74"/>
        <source>Use any free &amp;port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/servicepage.cpp" line="76"/>
        <source>Ignore the configured port and let the system pick a free one</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/servicepage.cpp" line="79"/>
        <source>&amp;Start</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/servicepage.cpp" line="81"/>
        <source>Start the service with the configuration as edited (unsaved changes included)</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/servicepage.cpp" line="82"/>
        <source>S&amp;top</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/servicepage.cpp" line="94"/>
        <source>Self-test</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/servicepage.cpp" line="99"/>
        <source>Self-test user name</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/servicepage.cpp" line="100"/>
        <source>the user DMProxy logs in with</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/servicepage.cpp" line="101"/>
        <source>&amp;User:</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/servicepage.cpp" line="104"/>
        <source>Self-test password</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/servicepage.cpp" line="106"/>
        <source>used for this test only, never stored</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/servicepage.cpp" line="107"/>
        <source>Pass&amp;word:</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/servicepage.cpp" line="108"/>
        <source>&amp;Run self-test</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/servicepage.cpp" line="110"/>
        <source>Calls /check-login on the running service, as DMProxy does</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/servicepage.cpp" line="119"/>
        <source>TestBench DMProxy setting</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/servicepage.cpp" line="124"/>
        <source>DMProxy setting</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/servicepage.cpp" line="126"/>
        <source>&amp;Copy</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/servicepage.cpp" line="128"/>
        <source>Copy the DMProxy setting</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/servicepage.cpp" line="134"/>
        <source>Request log</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/servicepage.cpp" line="140"/>
        <source>Filter requests</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/servicepage.cpp" line="141"/>
        <source>Filter by path, peer, user or status</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/servicepage.cpp" line="143"/>
        <source>C&amp;lear</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/servicepage.cpp" line="154"/>
        <source>Requests answered by the service</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/servicepage.cpp" line="183"/>
        <source>Service listening on %1</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/servicepage.cpp" line="188"/>
        <source>Service did not start: %1</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/servicepage.cpp" line="192"/>
        <source>Service stopped</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/servicepage.cpp" line="206"/>
        <source>The configuration has errors; fix them on the Configuration page first.</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/servicepage.cpp" line="221"/>
        <location filename="../ui/servicepage.cpp" line="237"/>
        <source>Stopping…</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/servicepage.cpp" line="233"/>
        <source>Starting…</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/servicepage.cpp" line="235"/>
        <source>Running</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/servicepage.cpp" line="239"/>
        <source>Stopped</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/servicepage.cpp" line="249"/>
        <source>not running</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/servicepage.cpp" line="254"/>
        <source>Start the service to see the URL for DMProxy</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/servicepage.cpp" line="260"/>
        <source>%1 answered, %2 with errors</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/servicepage.cpp" line="266"/>
        <source>DMProxy setting copied to the clipboard</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/servicepage.cpp" line="287"/>
        <source>Calling %1…</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/servicepage.cpp" line="295"/>
        <source>Passed: HTTP 200, the service accepts these credentials.</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/servicepage.cpp" line="297"/>
        <source>Failed: HTTP 401, the service rejects these credentials. Check the user name and password (set them with tbds-service set-credentials).</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/servicepage.cpp" line="300"/>
        <source>Failed: HTTP %1 %2</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/servicepage.cpp" line="303"/>
        <source>Failed: %1</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/servicepage.cpp" line="305"/>
        <source>Self-test: %1</source>
        <translation></translation>
    </message>
</context>
<context>
    <name>tbds::ui::TrayIcon</name>
    <message>
        <location filename="../ui/trayicon.cpp" line="21"/>
        <source>&amp;Show TestBench Defect Service Admin</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/trayicon.cpp" line="23"/>
        <source>S&amp;top the service</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/trayicon.cpp" line="65"/>
        <source>TestBench Defect Service running at %1</source>
        <translation></translation>
    </message>
</context>
<context>
    <name>tbds::ui::WelcomePage</name>
    <message>
        <location filename="../ui/welcomepage.cpp" line="18"/>
        <source>&lt;h2&gt;TestBench Defect Service Admin&lt;/h2&gt;</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/welcomepage.cpp" line="19"/>
        <source>Open the config.toml of a TestBench defect service to edit it, run the service and check its projects. New here? The demo setup serves sample defects from JSONL files, no Jira needed.</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/welcomepage.cpp" line="24"/>
        <source>&amp;Open a configuration…</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/welcomepage.cpp" line="26"/>
        <source>&amp;Create a new configuration…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/welcomepage.cpp" line="28"/>
        <source>Answer a few questions (service, user, JSONL or Jira) and get a new config.toml</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/welcomepage.cpp" line="29"/>
        <source>Open the &amp;demo setup</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/welcomepage.cpp" line="31"/>
        <source>Copies the bundled JSONL sample to your data folder and opens it</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/welcomepage.cpp" line="32"/>
        <source>&amp;Recent configurations:</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../ui/welcomepage.cpp" line="36"/>
        <source>Recent configurations</source>
        <translation></translation>
    </message>
</context>
</TS>
